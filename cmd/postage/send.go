package main

// The exit codes of the sender's commands; host/send.go builds what they
// run from package send (the domain) and send/sendchain (its adapters).

import (
	"context"
	"errors"
	"fmt"
	"io"

	"github.com/postage-mail/postage/send"
	"github.com/postage-mail/postage/send/sendchain"
)

// exitConfig (EX_CONFIG): the configuration asks for something refused,
// e.g. a deposit the receivers' policy would not accept.
const exitConfig = 78

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

// stakeExit is the exit code of a failure to set up deposits: sendExit's
// for bad arguments or settings and for the receivers' policy, 70 for a
// record not made (sendchain.ErrRecord), else the chain's (chainExit).
func stakeExit(err error) int {
	if errors.Is(err, context.Canceled) {
		// Interrupted while setting up deposits: nothing was sent, so the
		// MTA or client may retry (75), as before the setup moved to host.
		return exitTempFail
	}
	if errors.Is(err, sendchain.ErrRecord) {
		return exitSoftware
	}
	if c := sendExit(err); c != exitTempFail {
		return c
	}
	return chainExit(err)
}

// logTo writes one line "postage NAME: ..." to w.
func logTo(w io.Writer, name, format string, a ...any) {
	fmt.Fprintf(w, "postage "+name+": "+format+"\n", a...)
}

// sendErr carries err with its send exit code.
func sendErr(err error) error { return exitErr(sendExit(err), err) }
