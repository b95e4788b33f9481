package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/common/hexutil"
	gethlog "github.com/ethereum/go-ethereum/log"

	"github.com/postage-mail/postage/chain"
	"github.com/postage-mail/postage/chain/devnet"
	"github.com/postage-mail/postage/config"
)

func init() {
	register(&command{
		name:  "chain",
		args:  "[--addr HOST:PORT] [--period D] [--delay D] [-v]",
		short: "run the embedded Ethereum chain in the foreground",
		long: `Runs postage's embedded chain (go-ethereum's own node in developer mode)
until interrupted (Ctrl-C, SIGTERM), then stops it cleanly. Its state lives
in <data dir>/chain and survives a restart. JSON-RPC listens on loopback
only, so other postage commands on this machine (deposit, status, withdraw,
sendmail, verify…) find it without --rpc.

On first start it creates a developer account funded with 1,000,000 ETH of
test money (its encrypted key in the keystore, its passphrase in
<data dir>/chain/dev-account.pass) and deploys the deposit contract with
the withdrawal delay --delay. Later starts reuse both; --delay then has no
effect. The chain prices gas like mainnet (forks up to Osaka).

It listens on chain.listen (default 127.0.0.1:8549), or --addr.

The chain is crash-safe: every block and its state are written to the
database before the block is the head, so a chain killed at any moment
(SIGKILL, OOM killer) restarts with every block it reported; a deposit
or burn a command reported as mined is still there. (A power loss can
still cost the last seconds: the database does not fsync every block.)
If blocks were lost anyway, the next start says so at level ERROR, and a
lost deposit contract is deployed again, at the recorded address when
possible. A data directory created by an older postage is not crash-safe
(a warning at start says so). Stop the chain with SIGINT or SIGTERM.

While its file system has less free space than chain.min_free (default
64 MiB), the chain seals no blocks (go-ethereum's database cannot survive
a full disk): it logs an ERROR, refuses new transactions with the reason
(the sender gets a temporary failure at once, nothing waits unmined), and
production resumes by itself once space is freed.

go-ethereum's own warnings in the log (WARN [date] ...): "Unclean
shutdown detected" means the previous run was killed (harmless: see
above); "Head block is not reachable" (a new chain) and failed
eth_call/eth_estimateGas (a transaction that would revert; the caller
gets the reason) are shown only with -v. Other warnings are go-ethereum's
and worth reading (a full disk, say).`,
		flags: chainCmdFlags,
	})
}

func chainCmdFlags(fs *flag.FlagSet) func(context.Context, []string) int {
	cfgPath := fs.String("config", "", "configuration `file`")
	addr := fs.String("addr", "", "JSON-RPC listen `address` (loopback only; port 0 picks a free one; default chain.listen)")
	period := devnet.DefaultPeriod
	fs.Var(periodFlag{&period}, "period", "block `period` (whole seconds)")
	delay := devnet.DefaultDelay
	fs.Var(periodFlag{&delay}, "delay", "withdrawal `delay` of the contract deployed on first start (e.g. 3d, 1h, 30s)")
	verbose := fs.Bool("v", false, "log the node's messages to stderr")
	return func(ctx context.Context, args []string) int {
		logf := func(format string, a ...any) { fmt.Fprintf(stderr, "postage chain: "+format+"\n", a...) }
		if len(args) > 0 {
			logf("unexpected argument %q", args[0])
			return exitUsage
		}
		cfg, err := config.Load(*cfgPath)
		if err != nil {
			logf("%v", err)
			return exitUsage
		}
		if *addr != "" {
			cfg.Chain.Listen = *addr
		}
		// The node warns about routine things (a reverted estimate, indexing
		// still running); without -v only errors are worth a user's eyes.
		level := slog.LevelError
		if *verbose {
			level = slog.LevelInfo
		}
		var handler slog.Handler = explainGeth{gethlog.NewTerminalHandlerWithLevel(stderr, level, false)}
		logger := slog.New(handler)
		// go-ethereum's packages log through its root logger; without this
		// their warnings (a failing disk, say) would be lost.
		gethlog.SetDefault(gethlog.NewLogger(handler))

		minFree, err := cfg.ChainMinFree()
		if err != nil {
			logf("%v", err)
			return exitUsage
		}
		if minFree == 0 {
			minFree = -1 // never pause
		}
		dcfg := devnet.Config{
			DataDir:     chainDir(cfg),
			KeystoreDir: cfg.KeystoreDir(),
			Addr:        cfg.Chain.Listen,
			Period:      period,
			MinFree:     minFree,
			Logger:      logger,
		}
		if isFlagSet(fs, "delay") {
			dcfg.Delay = delay
		}
		startCtx, cancel := context.WithTimeout(ctx, 2*time.Minute)
		c, err := devnet.Start(startCtx, dcfg)
		cancel()
		if err != nil {
			if errors.Is(err, devnet.ErrInUse) {
				logf("%v: another `postage chain` (or `postage serve`) already runs with this data directory", err)
			} else {
				logf("%v", err)
			}
			return exitSoftware
		}
		for _, w := range c.Warnings() {
			logf("warning: %s", w)
		}
		dep, dev := c.Deployment(), c.DevAccount()
		bal := "?"
		if b, err := c.Client().BalanceAt(ctx, dev.Account.Address, nil); err == nil {
			bal = chain.FormatWei(b)
		}
		logf("running: rpc %s, chain id %d", c.Endpoint(), dep.ChainID)
		logf("deposit contract %s (withdrawal delay %s, deployed in block %d)", dep.Contract, time.Duration(dep.Delay)*time.Second, dep.Block)
		logf("developer account %s (%s)", dev.Account.Address, bal)
		logf("data in %s; stop with Ctrl-C", chainDir(cfg))

		select {
		case <-ctx.Done():
		case <-c.Done():
			logf("the chain stopped by itself")
			return exitSoftware
		}
		stopCtx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		if err := c.Stop(stopCtx); err != nil {
			logf("%v", err)
			return exitSoftware
		}
		logf("stopped")
		return exitOK
	}
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
	if *f.contract != "" {
		if !common.IsHexAddress(*f.contract) {
			return nil, fmt.Errorf("--contract %q is not an address", *f.contract)
		}
		cfg.Chain.Contract = *f.contract
	}
	if *f.from != "" {
		if !common.IsHexAddress(*f.from) {
			return nil, fmt.Errorf("--from %q is not an address", *f.from)
		}
		cfg.Chain.Account = *f.from
	}
	return cfg, nil
}

// parseID reads a deposit id: 0x and 64 hex digits.
func parseID(s string) (common.Hash, error) {
	b, err := hexutil.Decode(s)
	if err != nil || len(b) != 32 {
		return common.Hash{}, fmt.Errorf("deposit id %q: want 0x and 64 hex digits", s)
	}
	return common.Hash(b), nil
}

// chainExit maps a chain error to an exit code: refusals by the contract
// are 1 (the request is wrong and retrying will not help), everything else
// (unreachable chain, timeouts) 75, try again later.
func chainExit(err error) int {
	var le *chain.LockedError
	switch {
	case errors.As(err, &le):
		return exitTempFail
	case errors.Is(err, chain.ErrReverted), errors.Is(err, chain.ErrBadPassphrase), errors.Is(err, chain.ErrNoAccount),
		errors.Is(err, chain.ErrAmbiguousAccount), errors.Is(err, chain.ErrBadValue):
		return exitInvalid
	}
	return exitTempFail
}
