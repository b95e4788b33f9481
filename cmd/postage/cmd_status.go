package main

import (
	"context"
	"flag"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/postage-mail/postage/chain"
	"github.com/postage-mail/postage/host"
	"github.com/postage-mail/postage/send/sendchain"
	"github.com/postage-mail/postage/send/status"
)

func init() {
	register(&command{
		name:  "status",
		args:  "[DEPOSIT-ID...] [--json] [--rpc URL]",
		short: "show deposits on chain",
		new:   func() cli { return &statusCmd{} },
	})
}

type statusCmd struct {
	fs        *flag.FlagSet
	cf        *chainFlags
	asJSON    bool
	fromBlock uint64
}

func (c *statusCmd) Flags(fs *flag.FlagSet) {
	c.fs, c.cf = fs, addChainFlags(fs, false)
	fs.BoolVar(&c.asJSON, "json", false, "print JSON")
	fs.Uint64Var(&c.fromBlock, "from-block", 0, "also list Deposited events of this machine's accounts from this `block` on (default on the embedded chain: its deployment block)")
}

// Run shows the named deposits, or this machine's; a named one that does
// not exist is reported, and the exit code is 1.
func (c *statusCmd) Run(ctx context.Context, args []string) error {
	ids := make([]common.Hash, 0, len(args))
	for _, a := range args {
		id, err := chain.ParseDepositID(a)
		if err != nil {
			return exitErr(exitUsage, err)
		}
		ids = append(ids, id)
	}
	cfg, err := c.cf.load()
	if err != nil {
		return exitErr(exitUsage, err)
	}
	conn, err := host.ConnectChain(ctx, cfg, *c.cf.rpc)
	if err != nil {
		return exitErr(exitTempFail, err)
	}
	defer conn.Close()
	delay, err := conn.Reader.Delay(ctx)
	if err != nil {
		return exitErr(exitTempFail, err)
	}
	scan := host.StatusScan{From: *c.cf.from, FromBlock: c.fromBlock, Scan: isFlagSet(c.fs, "from-block")}
	deps, missing, err := host.ReadStatus(ctx, conn, ids, scan)
	if err != nil {
		return exitErr(exitTempFail, err)
	}
	code := exitOK
	for _, id := range missing {
		logTo(stderr, "status", "deposit %s does not exist on chain %d (contract %s)", id.Hex(), conn.ChainID, conn.Contract.Address())
		code = exitInvalid
	}
	if err := status.AddRecords(ctx, sendchain.Records(cfg), conn.Reader, deps); err != nil {
		return sendErr(err)
	}
	switch {
	case c.asJSON:
		err = status.WriteJSON(stdout, deps, len(args) == 1)
	case len(ids) == 0:
		status.WriteListing(stdout, conn.ChainID, conn.Contract.Address(), deps)
	default:
		status.WriteDeposits(stdout, deps, delay, time.Now())
	}
	if err != nil {
		return exitErr(exitIOErr, err)
	}
	return silentExit(code)
}
