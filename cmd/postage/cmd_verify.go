package main

import (
	"context"
	"errors"
	"flag"
	"fmt"

	"github.com/postage-mail/postage"
	"github.com/postage-mail/postage/host"
)

func init() {
	register(&command{
		name:  "verify",
		args:  "[--rcpt ADDRESS]... [--filter] [--config FILE] < message",
		short: "check a message's postage and add Postage-Result (a delivery filter)",
		new:   func() cli { return &verifyCmd{} },
	})
}

type verifyCmd struct {
	rcpts        multiFlag
	filter       bool
	cfgPath, rpc string
}

func (c *verifyCmd) Flags(fs *flag.FlagSet) {
	fs.Var(&c.rcpts, "rcpt", "envelope recipient `address` (repeatable)")
	fs.BoolVar(&c.filter, "filter", false, "always exit 0 and write the message (procmail/maildrop)")
	fs.StringVar(&c.cfgPath, "config", "", "configuration `file` (default <data dir>/postage.toml)")
	fs.StringVar(&c.rpc, "rpc", "", "Ethereum JSON-RPC `URL` (default: chain.rpc, else the embedded chain)")
}

// Run prints its own messages (a delivery filter's stderr): the exit
// status is silent.
func (c *verifyCmd) Run(ctx context.Context, args []string) error {
	if len(args) > 0 {
		return usageErr("unexpected argument %q (the message comes on stdin)", args[0])
	}
	code := c.verify(ctx)
	if c.filter {
		return nil
	}
	return silentExit(code)
}

func verifyLog(format string, a ...any) { fmt.Fprintf(stderr, "postage verify: "+format+"\n", a...) }

// verify checks the message on stdin, writes it with its verdicts, and
// returns the exit status. Whatever fails, the message is written.
func (c *verifyCmd) verify(ctx context.Context) int {
	vs, err := host.Verify(ctx, stdin, stdout, host.VerifyOptions{
		Rcpts: c.rcpts, ConfigPath: c.cfgPath, RPC: c.rpc, Logf: verifyLog,
		BookLogf: func(f string, a ...any) { fmt.Fprintf(stderr, "postage: "+f+"\n", a...) },
	})
	switch {
	case errors.Is(err, host.ErrVerifyMessage):
		return exitDataErr
	case errors.Is(err, host.ErrVerifySetup):
		return exitUsage
	case err != nil:
		return exitIOErr
	}
	return verdictCode(postage.Worst(vs).Result)
}

func verdictCode(r postage.Result) int {
	switch r {
	case postage.Pass:
		return exitOK
	case postage.Fail:
		return exitInvalid
	case postage.Neutral:
		return exitUnsure
	}
	return exitTempFail
}
