package main

// Wiring of the sender's commands: package send is the domain,
// send/sendchain its adapters to the chain, DNS and the MTA.

import (
	"context"
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/postage-mail/postage/chain"
	"github.com/postage-mail/postage/send"
	"github.com/postage-mail/postage/send/sendchain"
)

// exitConfig (EX_CONFIG): the configuration asks for something refused,
// e.g. a deposit the receivers' policy would not accept.
const exitConfig = 78

// sendConn is conn as the sender's adapters see it.
func sendConn(conn *chainConn) sendchain.Conn {
	return sendchain.Conn{
		ChainID: conn.chainID.Uint64(), Contract: conn.contract, Reader: conn.reader, Client: conn.client,
		Transactor: conn.transactor,
		BlockTime:  func(ctx context.Context) (time.Duration, error) { return chain.MeasureBlockTime(ctx, conn.client) },
	}
}

// sendExit is the exit code of a send error.
func sendExit(err error) int {
	switch {
	case err == nil:
		return exitOK
	case errors.Is(err, context.Canceled):
		return 130
	case errors.Is(err, send.ErrPolicy):
		return exitConfig
	case errors.Is(err, send.ErrUsage):
		return exitUsage
	case errors.Is(err, send.ErrData):
		return exitDataErr
	case errors.Is(err, send.ErrIO):
		return exitIOErr
	}
	return exitTempFail
}

// logTo writes one line "postage NAME: ..." to w.
func logTo(w io.Writer, name, format string, a ...any) {
	fmt.Fprintf(w, "postage "+name+": "+format+"\n", a...)
}

// sendErr carries err with its send exit code.
func sendErr(err error) error { return exitErr(sendExit(err), err) }
