package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"time"

	"github.com/postage-mail/postage/chain"
	"github.com/postage-mail/postage/chain/devnet"
	"github.com/postage-mail/postage/config"
	"github.com/postage-mail/postage/host"
)

func init() {
	register(&command{
		name:  "chain",
		args:  "[--addr HOST:PORT] [--period D] [--delay D] [-v]",
		short: "run the embedded Ethereum chain in the foreground",
		new:   func() cli { return &chainCmd{period: devnet.DefaultPeriod, delay: devnet.DefaultDelay} },
	})
}

type chainCmd struct {
	cfgPath, addr string
	period, delay time.Duration
	delaySet      bool
	verbose       bool
}

func (c *chainCmd) Flags(fs *flag.FlagSet) {
	fs.StringVar(&c.cfgPath, "config", "", "configuration `file`")
	fs.StringVar(&c.addr, "addr", "", "JSON-RPC listen `address` (loopback only; port 0 picks a free one; default chain.listen)")
	fs.Var(periodFlag{&c.period}, "period", "block `period` (whole seconds)")
	fs.Var(setFlag{periodFlag{&c.delay}, &c.delaySet}, "delay", "withdrawal `delay` of the contract deployed on first start (e.g. 3d, 1h, 30s)")
	fs.BoolVar(&c.verbose, "v", false, "log the node's messages to stderr")
}

// setFlag records that its flag was given.
type setFlag struct {
	flag.Value
	set *bool
}

func (f setFlag) Set(s string) error { *f.set = true; return f.Value.Set(s) }

func (c *chainCmd) logf(format string, a ...any) {
	fmt.Fprintf(stderr, "postage chain: "+format+"\n", a...)
}

func (c *chainCmd) Run(ctx context.Context, args []string) error {
	if len(args) > 0 {
		return usageErr("unexpected argument %q", args[0])
	}
	cfg, err := config.Load(c.cfgPath)
	if err != nil {
		return usageErr("%v", err)
	}
	if c.addr != "" {
		cfg.Chain.Listen = c.addr
	}
	// The node warns about routine things (a reverted estimate, indexing
	// still running); without -v only errors are worth a user's eyes.
	level := slog.LevelError
	if c.verbose {
		level = slog.LevelInfo
	}
	ch, err := host.StartEmbeddedChain(ctx, cfg, cfg.Chain.Listen, host.GethHandler(stderr, level), c.tune)
	if errors.Is(err, devnet.ErrInUse) {
		return exitErrf(exitSoftware, "%w: another `postage chain` (or `postage serve`) already runs with this data directory", err)
	}
	if err != nil {
		return exitErr(exitSoftware, err)
	}
	c.announce(ctx, ch, cfg.ChainDir())
	select {
	case <-ctx.Done():
	case <-ch.Done():
		return exitErrf(exitSoftware, "the chain stopped by itself")
	}
	stopCtx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if err := ch.Stop(stopCtx); err != nil {
		return exitErr(exitSoftware, err)
	}
	c.logf("stopped")
	return nil
}

// tune applies --period and --delay (when given) to the chain.
func (c *chainCmd) tune(d *devnet.Config) {
	d.Period = c.period
	if c.delaySet {
		d.Delay = c.delay
	}
}

// announce says where the chain runs and what it holds.
func (c *chainCmd) announce(ctx context.Context, ch *devnet.Chain, dataDir string) {
	for _, w := range ch.Warnings() {
		c.logf("warning: %s", w)
	}
	for _, l := range ch.Announcement(ctx) {
		c.logf("%s", l)
	}
	c.logf("data in %s; stop with Ctrl-C", dataDir)
}

func isFlagSet(fs *flag.FlagSet, name string) bool {
	set := false
	fs.Visit(func(f *flag.Flag) {
		if f.Name == name {
			set = true
		}
	})
	return set
}

// chainFlags are the flags every chain command shares.
type chainFlags struct {
	config   *string
	rpc      *string
	contract *string
	from     *string
}

func addChainFlags(fs *flag.FlagSet, signs bool) *chainFlags {
	f := &chainFlags{
		config:   fs.String("config", "", "configuration `file`"),
		rpc:      fs.String("rpc", "", "Ethereum JSON-RPC `URL` (default: the embedded chain on this machine)"),
		contract: fs.String("contract", "", "deposit contract `address` (default: chain.contract, else the embedded chain's)"),
	}
	if signs {
		f.from = fs.String("from", "", "account `address` that signs (default: chain.account, else the embedded chain's developer account or the keystore's first)")
	} else {
		f.from = fs.String("from", "", "creator `address` whose deposits to list (default: every account in the keystore)")
	}
	return f
}

// load reads the configuration with the flags applied over it.
func (f *chainFlags) load() (*config.Config, error) {
	cfg, err := config.Load(*f.config)
	if err != nil {
		return nil, err
	}
	if err := cfg.SetContract(*f.contract); err != nil {
		return nil, fmt.Errorf("--contract %w", err)
	}
	if err := cfg.SetAccount(*f.from); err != nil {
		return nil, fmt.Errorf("--from %w", err)
	}
	return cfg, nil
}

// chainExit maps a chain error to an exit code: refusals by the contract
// are 1 (the request is wrong and retrying will not help), everything else
// (unreachable chain, timeouts) 75, try again later.
func chainExit(err error) int {
	if chain.Refused(err) {
		return exitInvalid
	}
	return exitTempFail
}
