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
		long: `A drop-in for sendmail in mail clients (mutt's sendmail, git send-email's
--sendmail-cmd, …). Reads a message on stdin; the recipients are the
arguments, plus with -t the To, Cc and Bcc headers.

It mints a work stamp for every recipient, makes ONE deposit for all of
them (a Merkle tree with a leaf each, send.stake_per_recipient per leaf,
padded with leaves nobody can burn to a power of two of at least
send.min_leaves, so the leaf count says nothing about Bcc), waits until it
is mined (with send.stake = "auto", the default, only for recipients
whose domain publishes a stake policy in TXT _postage.<domain> that the
deposit meets; the others get work stamps only; see postage serve
--print-dns; send.stake = true stakes for all), then hands each recipient
its own copy to the real MTA's
sendmail (send.sendmail) as: sendmail -i [-f sender] -- recipient. Each
copy carries the To/Cc work stamps and only its own recipient's stake
stamp; Bcc recipients never appear in another copy, and their work stamp
is only in their own. Nothing is handed over before the deposit is mined:
when the chain fails, no copy is sent (a deposit not mined within 2
minutes fails the message, exit 75).

While postage serve runs (its socket <data dir>/send.sock answers), the
deposit is serve's: it makes one deposit for every message handed to it
within send.batch_wait (at most send.batch_max recipients), and withdraws
it after send.hold (see postage help withdraw). Otherwise the message gets
a deposit of its own. Every deposit is recorded in <data dir>/deposits
(each leaf's recipient, the Message-ID), before it is sent.

Settings whose deposits the receivers' policy would refuse (a burn costing
less than policy.stake.min_per_leaf, the share less the bounty; a contract
delay below policy.stake.min_delay) are refused before anything is sent.

A recipient whose domain publishes a ticket book (TXT _postage.<domain>,
see postage help book) gets a ticket in that book instead of a deposit
leaf: the deniable stake mode of docs/deniable.md. send.tickets,
send.max_ticket, send.resolver and send.ticket_contracts govern it;
--no-tickets turns it off for one message.

Accepted sendmail options: -t, -i, -oi, -f ADDR, -F NAME, -o* (ignored),
-bm. Exit status: 0 all copies handed over; 64 usage; 65 unreadable
message; 75 the deposit or a hand-over failed (the message is not lost: the
client keeps it, and the failed recipients are named on stderr); 78 the
send settings make deposits the policy refuses.`,
		new: func() cli { return &sendmailCmd{} },
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
