package main

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/postage-mail/postage/bookdns"
	"github.com/postage-mail/postage/config"
	"github.com/postage-mail/postage/send"
	"github.com/postage-mail/postage/send/batchsock"
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
when the chain fails, no copy is sent.

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
		raw: runSendmail,
	})
}

type sendmailArgs struct {
	fromHeaders bool
	sender      string
	rcpts       []string
	noStake     bool
	noTickets   bool
	noWork      bool
	config, rpc string
}

func parseSendmailArgs(args []string) (*sendmailArgs, error) {
	a := &sendmailArgs{}
	for i := 0; i < len(args); i++ {
		arg := args[i]
		value := func() (string, error) {
			if i+1 >= len(args) {
				return "", fmt.Errorf("%s needs a value", arg)
			}
			i++
			return args[i], nil
		}
		var err error
		switch {
		case arg == "--":
			a.rcpts = append(a.rcpts, args[i+1:]...)
			return a, nil
		case arg == "-t":
			a.fromHeaders = true
		case arg == "-i", arg == "-oi", arg == "-bm", strings.HasPrefix(arg, "-o"):
			// -i: a lone dot is not the end; we never read dots anyway.
		case arg == "-f", arg == "-r":
			a.sender, err = value()
		case strings.HasPrefix(arg, "-f"), strings.HasPrefix(arg, "-r") && len(arg) > 2:
			a.sender = arg[2:]
		case arg == "-F":
			_, err = value()
		case strings.HasPrefix(arg, "-F"):
		case arg == "--no-stake":
			a.noStake = true
		case arg == "--no-tickets":
			a.noTickets = true
		case arg == "--no-work":
			a.noWork = true
		case arg == "--config":
			a.config, err = value()
		case arg == "--rpc":
			a.rpc, err = value()
		case arg == "-h", arg == "--help":
			return nil, errHelpRequested
		case strings.HasPrefix(arg, "-"):
			return nil, fmt.Errorf("unsupported sendmail option %s", arg)
		default:
			a.rcpts = append(a.rcpts, arg)
		}
		if err != nil {
			return nil, err
		}
	}
	return a, nil
}

var errHelpRequested = errors.New("help")

func runSendmail(ctx context.Context, args []string) int {
	logf := func(format string, a ...any) { fmt.Fprintf(stderr, "postage sendmail: "+format+"\n", a...) }
	a, err := parseSendmailArgs(args)
	if errors.Is(err, errHelpRequested) {
		commandHelp(stdout, commands["sendmail"])
		return exitOK
	}
	if err != nil {
		logf("%v", err)
		return exitUsage
	}
	cfg, err := config.Load(a.config)
	if err != nil {
		logf("%v", err)
		return exitUsage
	}
	s := &send.Sender{Bits: cfg.Send.Bits, NoWork: a.noWork, Transport: mtaTransport{cfg.Send.Sendmail}, Logf: logf}
	if !a.noStake && cfg.Send.Stake.On() {
		conn, err := connectChain(ctx, cfg, a.rpc)
		if err != nil {
			logf("%v (send.stake = false or --no-stake sends with work stamps only)", err)
			return exitTempFail
		}
		defer conn.Close()
		// A running postage serve batches this message's deposit with
		// others'; without one, the message gets a deposit of its own.
		if c, err := batchsock.Dial(sendSocket(cfg)); err == nil && a.rpc == "" {
			s.Stake = c
		} else {
			st, err := newStaker(ctx, cfg, conn, nil)
			if err != nil {
				logf("%v", err)
				return chainExit(err)
			}
			if err := st.Check(); err != nil {
				logf("%v", err)
				return exitConfig
			}
			s.Stake = send.Alone{Staker: st}
		}
		if cfg.Send.Stake == config.StakeAuto {
			// Stake only where the recipient's domain checks it.
			delay, err := conn.reader.Delay(ctx)
			if err != nil {
				logf("%v", err)
				return exitTempFail
			}
			auto := &send.Auto{
				Directory: &bookdns.Resolver{Server: cfg.Send.Resolver, Timeout: send.LookupBudget},
				Account:   send.Account{ChainID: conn.chainID.Uint64(), Contract: conn.contract.Address()},
				Share:     cfg.StakePerRecipient(), Bounty: cfg.Bounty(), Delay: delay, Logf: logf,
			}
			s.Choose = auto.Choose
		}
		if !a.noTickets {
			t, err := newTickets(cfg, conn, logf)
			if err != nil {
				logf("%v", err)
				return exitUsage
			}
			if t != nil {
				s.Tickets = t
			}
		}
	}
	res, err := s.Send(ctx, stdin, send.Envelope{Sender: a.sender, Rcpts: a.rcpts, FromHeaders: a.fromHeaders})
	if res != nil {
		for _, r := range res.Rcpts {
			if e := res.Failed[r]; e != nil {
				logf("%s: %v", r, e)
			}
		}
	}
	if err != nil {
		logf("%v", err)
		return sendExit(err)
	}
	return exitOK
}
