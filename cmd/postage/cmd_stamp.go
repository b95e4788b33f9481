package main

import (
	"context"
	"flag"
	"fmt"
	"math/big"

	"github.com/postage-mail/postage/chain"
	"github.com/postage-mail/postage/config"
	"github.com/postage-mail/postage/send"
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
--no-stake) a stake stamp from a fresh deposit (padded to send.min_leaves
leaves of send.stake_per_recipient each), mined and
recorded before the copy is written. Whoever reads a
stake stamp can burn it, so it goes only into this copy; send the copy to
ADDRESS alone. Bcc headers are removed. To stamp a message for many
recipients with one deposit, use postage sendmail.

A deposit the receivers' policy would not accept (a burn costing less
than policy.stake.min_per_leaf, a contract delay below min_delay) is
refused before anything is sent, saying why.

Exit status: 0 stamped; 64 usage; 65 unreadable message; 75 the chain
could not take the deposit (try again); 78 refused by the policy check.`,
		flags: stampFlags,
	})
}

func stampFlags(fs *flag.FlagSet) func(context.Context, []string) int {
	rcpt := fs.String("rcpt", "", "make this recipient's copy, with its stake stamp")
	bits := fs.Int("b", -1, "work stamp `bits` (default send.bits)")
	noWork := fs.Bool("no-work", false, "add no work stamps")
	noStake := fs.Bool("no-stake", false, "add no stake stamp")
	value := fs.String("value", "", "each leaf's share, e.g. 0.0011eth (default send.stake_per_recipient)")
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
		var perRcpt *big.Int
		if *value != "" {
			if perRcpt, err = chain.ParseValue(*value); err != nil {
				fmt.Fprintf(stderr, "postage stamp: --value: %v\n", err)
				return exitUsage
			}
		}
		logf := func(format string, a ...any) { fmt.Fprintf(stderr, "postage stamp: "+format+"\n", a...) }
		sn := &send.Sender{Bits: *bits, NoWork: *noWork, Logf: logf}
		if *rcpt != "" && !*noStake && cfg.Send.Stake.On() {
			conn, err := connectChain(ctx, cfg, *rpc)
			if err != nil {
				logf("%v", err)
				return exitTempFail
			}
			defer conn.Close()
			st, err := newStaker(ctx, cfg, conn, perRcpt)
			if err != nil {
				logf("%v", err)
				return chainExit(err)
			}
			if err := st.Check(); err != nil {
				logf("%v", err)
				return exitConfig
			}
			sn.Stake = send.Alone{Staker: st}
		}
		if _, err := sn.Stamp(ctx, stdin, stdout, *rcpt); err != nil {
			logf("%v", err)
			return sendExit(err)
		}
		return exitOK
	}
}
