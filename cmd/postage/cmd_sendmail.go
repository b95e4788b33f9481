package main

import (
	"context"
	"errors"
	"flag"
	"fmt"

	"github.com/postage-mail/postage/config"
	"github.com/postage-mail/postage/host"
	"github.com/postage-mail/postage/send"
	"github.com/postage-mail/postage/send/sendchain"
)

func init() {
	register(&command{
		name:  "sendmail",
		args:  "[-t] [-i] [-f sender] [--no-stake] [--no-tickets] [--config FILE] [--rpc URL] [--] [recipient ...]",
		short: "sendmail-compatible wrapper: stamps, splits per recipient, hands copies to the MTA",
		new:   func() cli { return &sendmailCmd{} },
	})
}

// sendmailCmd takes sendmail's own option syntax (send.ParseSendmailArgs).
type sendmailCmd struct{}

func (*sendmailCmd) rawArgs()            {}
func (*sendmailCmd) Flags(*flag.FlagSet) {}

func (*sendmailCmd) Run(ctx context.Context, args []string) error {
	logf := func(format string, a ...any) { fmt.Fprintf(stderr, "postage sendmail: "+format+"\n", a...) }
	a, err := send.ParseSendmailArgs(args)
	if errors.Is(err, send.ErrHelp) {
		commandHelp(stdout, commands["sendmail"])
		return nil
	}
	if err != nil {
		return exitErr(exitUsage, err)
	}
	cfg, err := config.Load(a.Config)
	if err != nil {
		return exitErr(exitUsage, err)
	}
	o := host.SenderOptions{NoStake: a.NoStake, StakeOptions: host.StakeOptions{RPC: a.RPC, NoTickets: a.NoTickets, Logf: logf}}
	s, err := host.OpenSender(ctx, cfg, o)
	if errors.Is(err, host.ErrSendChain) {
		return exitErrf(exitTempFail, "%v (send.stake = false or --no-stake sends with work stamps only)", err)
	} else if err != nil {
		return exitErr(stakeExit(err), err)
	}
	defer s.Close()
	s.NoWork, s.Transport = a.NoWork, sendchain.MTA{Sendmail: cfg.Send.Sendmail}
	res, err := s.Send(ctx, stdin, a.Envelope)
	if res != nil {
		for _, r := range res.Rcpts {
			if e := res.Failed[r]; e != nil {
				logf("%s: %v", r, e)
			}
		}
	}
	return sendErr(err)
}
