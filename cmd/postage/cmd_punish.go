package main

import (
	"context"
	"flag"
	"fmt"
	"time"

	"github.com/postage-mail/postage/config"
	"github.com/postage-mail/postage/mail"
	"github.com/postage-mail/postage/punish"
)

func init() {
	register(&command{
		name:  "punish",
		args:  "[--rcpt ADDRESS] [--config FILE] [--now | --cancel | --due] [--rpc URL] [--relay URL]... [--wait] < message",
		short: "burn the stake a spam message carries (the Junk-folder action)",
		long:  punishHelp,
		new:   func() cli { return &punishCmd{} },
	})
}

// punishHelp is the rest of `postage help punish`.
const punishHelp = `Reads a message on stdin and burns the stake stamp addressed to this
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
could not be reached, refused for now, or --wait timed out (try again).`

type punishCmd struct {
	rcpt, cfgPath, rpc     string
	relays                 multiFlag
	wait, now, cancel, due bool
	timeout                time.Duration
}

func (c *punishCmd) Flags(fs *flag.FlagSet) {
	fs.StringVar(&c.rcpt, "rcpt", "", "this recipient's `address`")
	fs.StringVar(&c.cfgPath, "config", "", "configuration `file`")
	fs.StringVar(&c.rpc, "rpc", "", "Ethereum JSON-RPC `URL`")
	fs.Var(&c.relays, "relay", "submit the burn to the relay at this `URL` instead of paying gas; repeat for fallbacks (default punish.relays, else relay.url)")
	fs.BoolVar(&c.wait, "wait", false, "with --now and a relay: wait until the chain shows the burn confirmed, and print its transaction hash")
	fs.DurationVar(&c.timeout, "timeout", 5*time.Minute, "with --wait: how long to wait")
	fs.BoolVar(&c.now, "now", false, "burn at once, without the undo window")
	fs.BoolVar(&c.cancel, "cancel", false, "cancel this message's pending punishment (the message left Junk)")
	fs.BoolVar(&c.due, "due", false, "send the queued punishments that are due (for cron); reads no message")
}

func (c *punishCmd) Run(ctx context.Context, args []string) error {
	if len(args) > 0 {
		return usageErr("unexpected argument %q (the message comes on stdin)", args[0])
	}
	p, cfg, err := c.punisher()
	if err != nil {
		return err
	}
	defer p.Close()
	if c.due {
		return punishExit(p.RunDue(ctx))
	}
	m, err := mail.Read(stdin)
	if err != nil {
		return exitErr(exitDataErr, err)
	}
	// A ticket (deniable stake): punishing means never revealing it, at
	// once. A cancel never touches tickets.
	if !c.cancel {
		if code, ok := punishTicket(ctx, cfg, m, c.rcpt, p.Logf); ok {
			return silentExit(code)
		}
	}
	b, st := punish.FindBurn(m, c.rcpt, p.Logf)
	if st != punish.OK {
		return punishExit(st)
	}
	if c.cancel {
		return punishExit(p.Cancel(ctx, b))
	}
	return punishExit(p.Punish(ctx, b, c.now, c.wait, c.timeout))
}

// punisher checks the flags and the configuration and wires the
// punisher: the relays are --relay, else punish.relays, else relay.url.
func (c *punishCmd) punisher() (*punish.Punisher, *config.Config, error) {
	modes := 0
	for _, b := range []bool{c.now, c.cancel, c.due} {
		if b {
			modes++
		}
	}
	if modes > 1 {
		return nil, nil, usageErr("--now, --cancel and --due exclude each other")
	}
	if c.wait && (c.cancel || c.due) {
		return nil, nil, usageErr("--wait goes with a burn, not with --cancel or --due")
	}
	cfg, err := config.Load(c.cfgPath)
	if err != nil {
		return nil, nil, exitErr(exitUsage, err)
	}
	ps, err := cfg.PunishSettings()
	if err != nil {
		return nil, nil, exitErr(exitUsage, err)
	}
	list := []string(c.relays)
	if len(list) == 0 {
		list = ps.Relays
	}
	if len(list) == 0 && cfg.Relay.URL != "" {
		list = []string{cfg.Relay.URL}
	}
	if len(list) > 0 && c.rpc != "" && !c.due {
		return nil, nil, usageErr("--rpc and a relay exclude each other: the relay chooses the chain")
	}
	logf := func(format string, a ...any) { fmt.Fprintf(stderr, "postage punish: "+format+"\n", a...) }
	return newPunisher(cfg, ps, c.rpc, list, logf), cfg, nil
}

// punishExit is the exit status of a punishment's outcome (the punisher
// has said why).
func punishExit(s punish.Status) error {
	return silentExit(map[punish.Status]int{
		punish.OK: exitOK, punish.Invalid: exitInvalid, punish.NoStake: exitUnsure, punish.Usage: exitUsage,
		punish.Software: exitSoftware, punish.IOError: exitIOErr, punish.TempFail: exitTempFail,
	}[s])
}
