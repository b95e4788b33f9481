package main

import (
	"context"
	"strconv"
	"time"

	"github.com/rogpeppe/go-internal/testscript"

	"github.com/postage-mail/postage/chain"
)

// cmdDeployContract is the testscript command `deploycontract`: a second
// deposit contract on the script's embedded chain, deployed by its
// developer account; $CONTRACT2 is its address and $CHAINID the chain's id.
func cmdDeployContract(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 0 {
		ts.Fatalf("usage: deploycontract")
	}
	testChainsMu.Lock()
	c := testChains[ts]
	testChainsMu.Unlock()
	if c == nil {
		ts.Fatalf("deploycontract: no chain (run startchain first)")
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	opts, err := c.DevTransactor()
	ts.Check(err)
	addr, _, err := chain.Deploy(ctx, c.Client(), opts, 3*time.Second)
	ts.Check(err)
	id, err := c.Client().ChainID(ctx)
	ts.Check(err)
	ts.Setenv("CONTRACT2", addr.Hex())
	ts.Setenv("CHAINID", strconv.FormatUint(id.Uint64(), 10))
}
