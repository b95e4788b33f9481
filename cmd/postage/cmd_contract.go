package main

import (
	"context"
	"flag"
	"fmt"
	"time"

	"github.com/postage-mail/postage/chain/canonical"
	"github.com/postage-mail/postage/chain/networks"
	"github.com/postage-mail/postage/config"
	"github.com/postage-mail/postage/host"
)

func init() {
	register(&command{
		name:  "contract",
		args:  "address [--delay D] | networks | deploy [--rpc URL] [--delay D] | verify [--rpc URL] [--network N] [--delay D] [--book] [ADDRESS]",
		short: "the canonical contract addresses: print, deploy, verify",
		new:   func() cli { return &contractCmd{delay: canonical.CanonicalDelay} },
	})
}

type contractCmd struct {
	cfgFile, rpc, from, network string
	delay                       time.Duration
	book                        bool
}

func (c *contractCmd) Flags(fs *flag.FlagSet) {
	fs.StringVar(&c.cfgFile, "config", "", "configuration `file`")
	fs.StringVar(&c.rpc, "rpc", "", "Ethereum JSON-RPC `URL` (default: chain.rpc, else the embedded chain on this machine)")
	fs.StringVar(&c.from, "from", "", "deploy: account `address` that signs (default: chain.account, else the embedded chain's developer account)")
	fs.Var(periodFlag{&c.delay}, "delay", "the deposit contract's withdrawal `delay` (default 3d, the canonical one)")
	fs.BoolVar(&c.book, "book", false, "verify: ADDRESS is a TicketBook (the canonical one's arguments)")
	fs.StringVar(&c.network, "network", "", "verify: check the `network` preset's fixture (chain id and code hash at its canonical address)")
}

func (c *contractCmd) Run(ctx context.Context, args []string) error {
	if len(args) == 0 {
		return usageErr("usage: postage contract address|networks|deploy|verify")
	}
	sub, args := args[0], args[1:]
	addrs, err := canonical.Addresses(c.delay)
	if err != nil {
		return usageErr("--delay: %v", err)
	}
	switch sub {
	case "address", "networks":
		if len(args) != 0 {
			return usageErr("%s takes no arguments", sub)
		}
		if sub == "networks" {
			addrs = networks.Table()
		}
		fmt.Fprint(stdout, addrs)
		return nil
	case "deploy":
		if len(args) != 0 {
			return usageErr("deploy takes no arguments")
		}
		return c.deploy(ctx)
	case "verify":
		return c.verify(ctx, args)
	}
	return usageErr("unknown subcommand %q: want address, networks, deploy or verify", sub)
}

// load reads the configuration, with --from as chain.account.
func (c *contractCmd) load() (*config.Config, error) {
	cfg, err := config.Load(c.cfgFile)
	if err != nil {
		return nil, usageErr("%v", err)
	}
	if err := cfg.SetAccount(c.from); err != nil {
		return nil, usageErr("--from %v", err)
	}
	return cfg, nil
}

func (c *contractCmd) deploy(ctx context.Context) error {
	cfg, err := c.load()
	if err != nil {
		return err
	}
	conn, err := host.DialChain(ctx, cfg, c.rpc)
	if err != nil {
		return exitErr(exitTempFail, err)
	}
	defer conn.Close()
	opts, err := conn.Transactor()
	if err != nil {
		return exitErr(chainExit(err), err)
	}
	d, err := canonical.Deploy(ctx, conn.Client, opts, c.delay)
	fmt.Fprint(stdout, d.Report("Postage"))
	if err != nil {
		return exitErr(exitInvalid, err)
	}
	bd, err := canonical.DeployTicketBook(ctx, conn.Client, opts, canonical.CanonicalRandomnessDelay, canonical.CanonicalEpoch)
	fmt.Fprint(stdout, bd.Report("TicketBook"))
	return exitErr(exitInvalid, err)
}

// verify is `postage contract verify`: exit 0 on a match, 1 otherwise
// with the reason on stdout ("no-code ADDRESS") and the detail on stderr.
// An unreachable chain is a reason too (the contract was not verified).
func (c *contractCmd) verify(ctx context.Context, args []string) error {
	t, err := canonical.NewTarget(c.network, c.book, c.delay, args...)
	if err != nil {
		return usageErr("%v", err)
	}
	cfg, err := c.load()
	if err != nil {
		return err
	}
	if t.Network != nil {
		cfg.Chain.ChainID = 0 // --network's own chain id is checked by t
	}
	var r canonical.Report
	if conn, err := host.DialChain(ctx, cfg, c.rpc); err != nil {
		r = t.Report(err)
	} else {
		defer conn.Close()
		r = t.Check(ctx, conn.Client)
	}
	fmt.Fprintln(stdout, r)
	if r.Err != nil {
		return exitErr(exitInvalid, r.Err)
	}
	return nil
}
