package main

import (
	"context"
	"flag"
	"math/big"

	"github.com/postage-mail/postage/chain"
	"github.com/postage-mail/postage/config"
	"github.com/postage-mail/postage/host"
)

func init() {
	register(&command{
		name:  "stamp",
		args:  "[--rcpt ADDRESS] [options] < message > stamped",
		short: "add postage to a message (a sender's filter)",
		new:   func() cli { return &stampCmd{} },
	})
}

type stampCmd struct {
	rcpt, value, config, rpc string
	bits                     int
	noWork, noStake          bool
}

func (c *stampCmd) Flags(fs *flag.FlagSet) {
	fs.StringVar(&c.rcpt, "rcpt", "", "make this recipient's copy, with its stake stamp")
	fs.IntVar(&c.bits, "b", -1, "work stamp `bits` (default send.bits)")
	fs.BoolVar(&c.noWork, "no-work", false, "add no work stamps")
	fs.BoolVar(&c.noStake, "no-stake", false, "add no stake stamp")
	fs.StringVar(&c.value, "value", "", "each leaf's share, e.g. 0.0011eth (default send.stake_per_recipient)")
	fs.StringVar(&c.config, "config", "", "configuration `file`")
	fs.StringVar(&c.rpc, "rpc", "", "Ethereum JSON-RPC `URL`")
}

// Run stamps stdin onto stdout through the pipeline sendmail uses
// (send.Sender), for one recipient's copy or for the To/Cc work stamps.
func (c *stampCmd) Run(ctx context.Context, args []string) error {
	if len(args) > 0 {
		return usageErr("unexpected argument %q (the message comes on stdin)", args[0])
	}
	cfg, err := config.Load(c.config)
	if err != nil {
		return exitErr(exitUsage, err)
	}
	var perRcpt *big.Int
	if c.value != "" {
		if perRcpt, err = chain.ParseValue(c.value); err != nil {
			return usageErr("--value: %v", err)
		}
	}
	logf := func(format string, a ...any) { logTo(stderr, "stamp", format, a...) }
	sn, err := host.OpenSender(ctx, cfg, host.SenderOptions{NoStake: c.noStake || c.rcpt == "", Solo: true, PerRecipient: perRcpt,
		StakeOptions: host.StakeOptions{RPC: c.rpc, Logf: logf}})
	if err != nil {
		return exitErr(stakeExit(err), err)
	}
	defer sn.Close()
	if c.bits >= 0 {
		sn.Bits = c.bits
	}
	sn.NoWork = c.noWork
	_, err = sn.Stamp(ctx, stdin, stdout, c.rcpt)
	return sendErr(err)
}
