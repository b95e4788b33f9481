package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"math/big"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/postage-mail/postage/config"
	"github.com/postage-mail/postage/mail"
	"github.com/postage-mail/postage/relay"
	"github.com/postage-mail/postage/stake"
)

func init() {
	register(&command{
		name:  "punish",
		args:  "[--rcpt ADDRESS] [--config FILE] [--now | --cancel | --due] [--rpc URL] [--relay URL]... [--wait] < message",
		short: "burn the stake a spam message carries (the Junk-folder action)",
		long: `Reads a message on stdin and burns the stake stamp addressed to this
recipient: that leaf of the sender's deposit is destroyed on chain. This is
what moving a message to Junk runs (see docs/punish.md for Dovecot
IMAPSieve).

The undo window. Mail clients move mail to Junk on their own, so the burn
is not sent at once: it waits punish.delay (default 4h), and moving the
message out of Junk again runs 'postage punish --cancel', which cancels
it. --now burns at once. punish.delay must stay below half the deposit
contract's withdrawal delay (checked against the chain when it can be
read); a deposit whose withdrawal unlocks within the delay is burned at
once. A ticket (deniable stake) is erased at once, without a window.

Where the burn waits. With relays (--relay URL, repeatable, else
punish.relays, else relay.url) the request goes to the first relay that
takes it, holding it until the window ends and carrying the SHA-256 of a
cancel token only this host can compute (an HMAC under punish.key in the
data directory: the sender, who knows every secret of its deposit, cannot
cancel a recipient's punishment). Without relays the burn waits in the
local queue (punish.queue) and is paid with chain.account's ETH. Either way
'postage serve', or 'postage punish --due' from cron, works the queue: it
sends the local burns that are due, and asks the next relay for a burn the
chain does not show burned punish.relay_timeout after it was due (a relay
that drops requests is found from the chain, not from its answers).

The recipient is --rcpt, else the one the local delivery agent recorded:
of the fields above the topmost Received field, the topmost Delivered-To,
X-Original-To or Envelope-To (a sender can write those fields too, but
only below the receiving MTA's Received). With neither, punish says so and
exits 64: it never guesses. The stamp's secret is derived from the
recipient's own address, so a stamp meant for someone else cannot be
burned by mistake.

It is idempotent: a stake already burned is reported and exits 0, and
the same message punished twice is one punishment.

A message with a ticket of this host's book (deniable stake, postage help
book) is punished by erasing the ticket's value: the agent will never
reveal it, so the sender is never paid for it, and nothing is left that
could show whether that cost the sender anything. No chain, relay or ETH
is needed. Too late once the ticket was revealed (after book.decision_delay).

With a relay the recipient needs no ETH and no account: punish mints a
hashcash work stamp for the relay (its name and bits come from the relay's
/v1/health), submits the burn to it, and prints "request <id>" on stdout.
The relay pays the gas and is paid the deposit's bounty. --now --wait
also waits (up to --timeout) until the chain shows the leaf burned in a
block with punish.confirmations confirmations, and prints "tx <hash>";
a relay that does not land it within punish.relay_timeout is replaced by
the next. Without --wait it returns as soon as a relay has the request,
which suits a Dovecot IMAPSieve pipe (docs/punish.md).

Exit status: 0 burned, queued, cancelled, or already burned; 1 the stamp
is not valid for this recipient, the relays refuse the burn for good (bad
proof, unknown or withdrawn deposit, a bounty that does not cover the
gas), or --cancel came too late (the burn was sent); 2 the message has no
stake stamp for this recipient; 64 usage or configuration; 65 unreadable
message; 74 the local queue cannot be used; 75 the chain or the relays
could not be reached, refused for now, or --wait timed out (try again).`,
		flags: punishFlags,
	})
}

func punishFlags(fs *flag.FlagSet) func(context.Context, []string) int {
	rcptFlag := fs.String("rcpt", "", "this recipient's `address`")
	cfgPath := fs.String("config", "", "configuration `file`")
	rpc := fs.String("rpc", "", "Ethereum JSON-RPC `URL`")
	var relays multiFlag
	fs.Var(&relays, "relay", "submit the burn to the relay at this `URL` instead of paying gas; repeat for fallbacks (default punish.relays, else relay.url)")
	wait := fs.Bool("wait", false, "with --now and a relay: wait until the chain shows the burn confirmed, and print its transaction hash")
	timeout := fs.Duration("timeout", 5*time.Minute, "with --wait: how long to wait")
	now := fs.Bool("now", false, "burn at once, without the undo window")
	cancel := fs.Bool("cancel", false, "cancel this message's pending punishment (the message left Junk)")
	due := fs.Bool("due", false, "send the queued punishments that are due (for cron); reads no message")
	return func(ctx context.Context, args []string) int {
		if len(args) > 0 {
			fmt.Fprintf(stderr, "postage punish: unexpected argument %q (the message comes on stdin)\n", args[0])
			return exitUsage
		}
		logf := func(format string, a ...any) { fmt.Fprintf(stderr, "postage punish: "+format+"\n", a...) }
		modes := 0
		for _, b := range []bool{*now, *cancel, *due} {
			if b {
				modes++
			}
		}
		if modes > 1 {
			logf("--now, --cancel and --due exclude each other")
			return exitUsage
		}
		if *wait && (*cancel || *due) {
			logf("--wait goes with a burn, not with --cancel or --due")
			return exitUsage
		}
		cfg, err := config.Load(*cfgPath)
		if err != nil {
			logf("%v", err)
			return exitUsage
		}
		ps, err := cfg.PunishSettings()
		if err != nil {
			logf("%v", err)
			return exitUsage
		}
		list := []string(relays)
		if len(list) == 0 {
			list = ps.Relays
		}
		if len(list) == 0 && cfg.Relay.URL != "" {
			list = []string{cfg.Relay.URL}
		}
		if len(list) > 0 && *rpc != "" && !*due {
			logf("--rpc and a relay exclude each other: the relay chooses the chain")
			return exitUsage
		}
		p := &punisher{cfg: cfg, ps: ps, rpc: *rpc, relays: list, logf: logf}
		defer p.close()
		if *due {
			return p.runDue(ctx)
		}
		m, err := mail.Read(stdin)
		if err != nil {
			logf("%v", err)
			return exitDataErr
		}
		// A ticket (deniable stake): punishing means never revealing it,
		// at once. A cancel never touches tickets.
		if !*cancel {
			if code, ok := punishTicket(ctx, cfg, m, *rcptFlag, logf); ok {
				return code
			}
		}
		st, rcpt, code := findStake(m, *rcptFlag, logf)
		if st == nil {
			return code
		}
		secret, _, err := st.Check(rcpt)
		if err != nil {
			logf("the stake stamp is not valid for %s: %v", rcpt, err)
			return exitInvalid
		}
		proof := make([]common.Hash, len(st.Proof))
		for i, pr := range st.Proof {
			proof[i] = common.Hash(pr)
		}
		b := relay.Burn{ChainID: st.ChainID, Contract: common.Address(st.Contract), DepositID: common.Hash(st.DepositID()), Secret: common.Hash(secret), Index: st.Index, Proof: proof}
		if *cancel {
			return p.cancel(ctx, b)
		}
		return p.punish(ctx, b, *now, *wait, *timeout)
	}
}

// findStake picks the recipient and its stake stamp from the message.
func findStake(m *mail.Message, rcptFlag string, logf func(string, ...any)) (*stake.Stamp, stake.Recipient, int) {
	var stamps []*stake.Stamp
	for _, h := range m.Stamps().Stake {
		s, err := stake.Parse(h)
		if err != nil {
			logf("ignoring a malformed Postage-Stamp: %v", err)
			continue
		}
		stamps = append(stamps, s)
	}
	if len(stamps) == 0 {
		logf("no stake stamp in this message: nothing to burn")
		return nil, stake.Recipient{}, exitUnsure
	}
	addr := rcptFlag
	if addr == "" {
		// Only what the local delivery agent recorded (mail.DeliveredTo's
		// rule); never a guess from the stamps.
		a, err := m.DeliveredTo()
		if err != nil {
			logf("no recipient: pass --rcpt: %v", err)
			return nil, stake.Recipient{}, exitUsage
		}
		addr = a
	}
	rcpt, err := stake.ParseRecipient(addr)
	if err != nil {
		logf("recipient %q: %v", addr, err)
		return nil, stake.Recipient{}, exitUsage
	}
	for _, s := range stamps {
		if s.Recipient == rcpt {
			return s, rcpt, exitOK
		}
	}
	logf("no stake stamp for %s in this message: nothing to burn", rcpt)
	return nil, stake.Recipient{}, exitUnsure
}

// relayExit maps a relay error to the exit status.
func relayExit(err error) int {
	var ae *relay.APIError
	if !errors.As(err, &ae) {
		return exitTempFail // unreachable, or a garbled answer
	}
	switch ae.Code {
	case relay.CodeInvalidProof, relay.CodeUnknownDeposit, relay.CodeDepositWithdrawn, relay.CodeBountyTooLow, relay.CodeRefused:
		return exitInvalid
	case relay.CodeBadRequest, relay.CodeBodyTooLarge, relay.CodeUnsupportedMedia:
		return exitSoftware
	}
	return exitTempFail
}

func bigOf(s string) *big.Int {
	v, ok := new(big.Int).SetString(s, 10)
	if !ok {
		return new(big.Int)
	}
	return v
}
