package main

import (
	"context"
	"errors"
	"flag"
	"fmt"

	"github.com/postage-mail/postage/config"
	"github.com/postage-mail/postage/send"
	"github.com/postage-mail/postage/send/batchsock"
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
	s := &send.Sender{Bits: cfg.Send.Bits, NoWork: a.NoWork, Transport: sendchain.MTA{Sendmail: cfg.Send.Sendmail}, Logf: logf}
	if !a.NoStake && cfg.Send.Stake.On() {
		conn, err := connectChain(ctx, cfg, a.RPC)
		if err != nil {
			return exitErrf(exitTempFail, "%v (send.stake = false or --no-stake sends with work stamps only)", err)
		}
		defer conn.Close()
		if err := sendmailStakes(ctx, cfg, conn, a, s, logf); err != nil {
			return err
		}
	}
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

// sendmailStakes sets up s's stake stamps: a running postage serve
// batches the message's deposit with others' (its socket answers);
// without one, the message gets a deposit of its own. With send.stake =
// "auto" only recipients whose domain checks stake get one; a recipient
// whose domain publishes a ticket book gets a ticket instead.
func sendmailStakes(ctx context.Context, cfg *config.Config, conn *chainConn, a *send.SendmailArgs, s *send.Sender, logf func(string, ...any)) error {
	c := sendConn(conn)
	if bc, err := batchsock.Dial(sendchain.Socket(cfg)); err == nil && a.RPC == "" {
		s.Stake = bc
	} else {
		st, err := sendchain.NewStaker(ctx, cfg, c, nil)
		if err != nil {
			return chainErr(err)
		}
		if err := st.Check(); err != nil {
			return exitErr(exitConfig, err)
		}
		s.Stake = send.Alone{Staker: st}
	}
	if cfg.Send.Stake == config.StakeAuto {
		auto, err := sendchain.NewAuto(ctx, cfg, c, logf)
		if err != nil {
			return exitErr(exitTempFail, err)
		}
		s.Choose = auto.Choose
	}
	if a.NoTickets {
		return nil
	}
	st, err := cfg.SenderTickets()
	if err != nil {
		return exitErr(exitUsage, err)
	}
	t, err := sendchain.NewTickets(cfg, c, trustedTicketContracts(cfg, st, c.ChainID), logf)
	if err != nil {
		return exitErr(exitUsage, err)
	}
	if t != nil {
		s.Tickets = t
	}
	return nil
}
