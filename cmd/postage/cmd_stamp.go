package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"slices"

	"github.com/postage-mail/postage/chain"
	"github.com/postage-mail/postage/config"
	"github.com/postage-mail/postage/mail"
)

func init() {
	register(&command{
		name:  "stamp",
		args:  "[--rcpt ADDRESS] [options] < message > stamped",
		short: "add postage to a message (a sender's filter)",
		long: `Reads a message on stdin and writes it with postage on stdout.

Without --rcpt: adds an X-Hashcash work stamp for every To and Cc
recipient that has none yet. Work stamps are harmless to share, so one copy
carries them all.

With --rcpt ADDRESS: makes ADDRESS's own copy: the work stamps, plus (unless
--no-stake) a stake stamp from a fresh single-leaf deposit of
send.stake_per_recipient, mined before the copy is written. Whoever reads a
stake stamp can burn it, so it goes only into this copy; send the copy to
ADDRESS alone. Bcc headers are removed. To stamp a message for many
recipients with one deposit, use postage sendmail.

Exit status: 0 stamped; 64 usage; 65 unreadable message; 75 the chain
could not take the deposit (try again).`,
		flags: stampFlags,
	})
}

func stampFlags(fs *flag.FlagSet) func(context.Context, []string) int {
	rcpt := fs.String("rcpt", "", "make this recipient's copy, with its stake stamp")
	bits := fs.Int("b", -1, "work stamp `bits` (default send.bits)")
	noWork := fs.Bool("no-work", false, "add no work stamps")
	noStake := fs.Bool("no-stake", false, "add no stake stamp")
	value := fs.String("value", "", "stake per recipient, e.g. 0.001eth (default send.stake_per_recipient)")
	cfgPath := fs.String("config", "", "configuration `file`")
	rpc := fs.String("rpc", "", "Ethereum JSON-RPC `URL`")
	return func(ctx context.Context, args []string) int {
		if len(args) > 0 {
			fmt.Fprintf(stderr, "postage stamp: unexpected argument %q (the message comes on stdin)\n", args[0])
			return exitUsage
		}
		cfg, err := config.Load(*cfgPath)
		if err != nil {
			fmt.Fprintf(stderr, "postage stamp: %v\n", err)
			return exitUsage
		}
		if *bits < 0 {
			*bits = cfg.Send.Bits
		}
		perRcpt := cfg.StakePerRecipient()
		if *value != "" {
			if perRcpt, err = chain.ParseValue(*value); err != nil {
				fmt.Fprintf(stderr, "postage stamp: --value: %v\n", err)
				return exitUsage
			}
		}
		m, err := mail.Read(stdin)
		if err != nil {
			fmt.Fprintf(stderr, "postage stamp: %v\n", err)
			return exitDataErr
		}
		visible, err := m.Recipients("To", "Cc")
		if err != nil {
			fmt.Fprintf(stderr, "postage stamp: %v\n", err)
			return exitDataErr
		}
		work := visible
		if *rcpt != "" {
			r := lower([]string{*rcpt})[0]
			if !slices.Contains(work, r) {
				work = append(work, r) // a Bcc recipient's stamp, in its own copy only
			}
			m.Header.Del("Bcc")
		}
		if !*noWork {
			if err := addWork(ctx, m, work, *bits); err != nil {
				fmt.Fprintf(stderr, "postage stamp: %v\n", err)
				return exitDataErr
			}
		}
		if *rcpt != "" && !*noStake && cfg.Send.Stake {
			conn, err := connectChain(ctx, cfg, *rpc)
			if err != nil {
				fmt.Fprintf(stderr, "postage stamp: %v\n", err)
				return exitTempFail
			}
			defer conn.Close()
			d, err := makeDeposit(ctx, conn, []string{*rcpt}, perRcpt, cfg.Bounty())
			if err != nil {
				fmt.Fprintf(stderr, "postage stamp: %v\n", err)
				if errors.Is(err, context.Canceled) {
					return 130
				}
				return exitTempFail
			}
			if err := d.setStake(m, *rcpt); err != nil {
				fmt.Fprintf(stderr, "postage stamp: %v\n", err)
				return exitDataErr
			}
			fmt.Fprintf(stderr, "postage stamp: deposit %s for %s\n", d.id, *rcpt)
		}
		if _, err := m.WriteTo(stdout); err != nil {
			fmt.Fprintf(stderr, "postage stamp: %v\n", err)
			return exitIOErr
		}
		return exitOK
	}
}
