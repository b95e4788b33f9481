package devnet_test

import (
	"context"
	"encoding/json"
	"errors"
	"math/big"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core"
	"github.com/ethereum/go-ethereum/params"
	"github.com/ethereum/go-ethereum/params/forks"

	"github.com/postage-mail/postage/chain"
	"github.com/postage-mail/postage/chain/devnet"
)

func start(ctx context.Context, t *testing.T, cfg devnet.Config) *devnet.Chain {
	t.Helper()
	c, err := devnet.Start(ctx, cfg)
	if err != nil {
		t.Fatalf("Start: %v", err)
	}
	t.Cleanup(func() {
		sctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		_ = c.Stop(sctx)
	})
	return c
}

// TestRestartKeepsState is the embedded chain's main promise: a deposit made
// over the loopback RPC is still there after a clean stop and start, with
// the same contract, and blocks keep coming on the period.
func TestRestartKeepsState(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	dir := t.TempDir()
	cfg := devnet.Config{DataDir: dir, Addr: "127.0.0.1:0", Period: time.Second, Delay: 5 * time.Second}

	c := start(ctx, t, cfg)
	dep := c.Deployment()
	if dep.ChainID != devnet.ChainID || dep.Contract == (common.Address{}) || dep.Delay != 5 {
		t.Fatalf("deployment = %+v", dep)
	}
	if got, err := devnet.ReadEndpoint(dir); err != nil || got != c.Endpoint() {
		t.Fatalf("endpoint file = %q, %v; want %q", got, err, c.Endpoint())
	}
	if !strings.HasPrefix(c.Endpoint(), "http://127.0.0.1:") {
		t.Fatalf("endpoint %q is not loopback HTTP", c.Endpoint())
	}
	devBal, err := c.Client().BalanceAt(ctx, c.DevAccount().Account.Address, nil)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"running: rpc " + c.Endpoint() + ", chain id 1886352244",
		"deposit contract " + dep.Contract.Hex() + " (withdrawal delay 5s, deployed in block " + strconv.FormatUint(dep.Block, 10) + ")",
		"developer account " + c.DevAccount().Account.Address.Hex() + " (" + chain.FormatWei(devBal) + ")",
	}
	if got := c.Announcement(ctx); !slices.Equal(got, want) {
		t.Fatalf("announcement\n%q\nwant\n%q", got, want)
	}

	// A second client, over HTTP as another process would connect.
	ec, id, err := chain.Dial(ctx, c.Endpoint(), nil)
	if err != nil {
		t.Fatal(err)
	}
	if id.Uint64() != devnet.ChainID {
		t.Fatalf("chain id over RPC = %d", id)
	}
	opts, err := devnet.DevTransactor(dir, "", id)
	if err != nil {
		t.Fatal(err)
	}
	bal, err := ec.BalanceAt(ctx, opts.From, nil)
	if err != nil || bal.Cmp(new(big.Int).Mul(big.NewInt(1000), big.NewInt(params.Ether))) < 0 {
		t.Fatalf("developer balance %v, %v: not funded", bal, err)
	}
	w := chain.NewWriter(chain.NewContract(ec, dep.Contract), opts)
	root := common.HexToHash("0x1111111111111111111111111111111111111111111111111111111111111111")
	value := big.NewInt(3e16)
	res, err := w.Deposit(ctx, root, 3, value, nil)
	if err != nil {
		t.Fatalf("deposit: %v", err)
	}
	// Mainnet pricing: a deposit costs about 70k gas with forks up to
	// Osaka; go-ethereum's default dev config (with unreleased forks) charges
	// about 245k for the same transaction.
	if g := res.Receipt.GasUsed; g > 120_000 {
		t.Fatalf("deposit used %d gas: the chain is not priced like mainnet (Osaka)", g)
	}
	b1, err := ec.BlockNumber(ctx)
	if err != nil {
		t.Fatal(err)
	}
	ec.Close()

	if err := c.Stop(ctx); err != nil {
		t.Fatalf("Stop: %v", err)
	}
	if _, err := devnet.ReadEndpoint(dir); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("endpoint file after stop: %v", err)
	}

	// Restart with another delay: the deployed contract is reused and the
	// ignored setting is reported.
	cfg.Delay = 10 * time.Second
	c2 := start(ctx, t, cfg)
	if c2.Deployment() != dep {
		t.Fatalf("deployment after restart = %+v, want %+v", c2.Deployment(), dep)
	}
	if len(c2.Warnings()) != 1 || !strings.Contains(c2.Warnings()[0], "5s") {
		t.Fatalf("warnings = %q, want one about the 5s delay", c2.Warnings())
	}
	ec2, _, err := chain.Dial(ctx, c2.Endpoint(), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer ec2.Close()
	d, err := chain.NewContract(ec2, dep.Contract).ReadDeposit(ctx, res.ID, nil)
	if err != nil {
		t.Fatal(err)
	}
	if d.Status != chain.StatusActive || d.Creator != opts.From || d.Value.Cmp(value) != 0 || d.Leaves != 3 {
		t.Fatalf("deposit after restart = %+v", d)
	}
	// Blocks keep coming on the period after the restart.
	deadline := time.Now().Add(20 * time.Second)
	for {
		b2, err := ec2.BlockNumber(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if b2 >= b1+2 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("block number stuck at %d (was %d before restart)", b2, b1)
		}
		time.Sleep(200 * time.Millisecond)
	}
}

func TestSecondStartOnSameDirFails(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	dir := t.TempDir()
	start(ctx, t, devnet.Config{DataDir: dir, Addr: "127.0.0.1:0", Period: time.Second, Delay: time.Minute})
	_, err := devnet.Start(ctx, devnet.Config{DataDir: dir, Addr: "127.0.0.1:0", Period: time.Second})
	if !errors.Is(err, devnet.ErrInUse) {
		t.Fatalf("second Start on the same dir: %v, want ErrInUse", err)
	}
}

func TestConfigRefusals(t *testing.T) {
	ctx := context.Background()
	for _, cfg := range []devnet.Config{
		{},
		{DataDir: t.TempDir(), Addr: "0.0.0.0:0"},
		{DataDir: t.TempDir(), Addr: "192.0.2.1:8549"},
		{DataDir: t.TempDir(), Addr: "127.0.0.1"},
		{DataDir: t.TempDir(), Addr: "127.0.0.1:0", Period: 1500 * time.Millisecond},
		{DataDir: t.TempDir(), Addr: "127.0.0.1:0", Delay: time.Millisecond},
	} {
		if c, err := devnet.Start(ctx, cfg); err == nil {
			_ = c.Stop(ctx)
			t.Errorf("Start(%+v) succeeded", cfg)
		}
	}
}

// TestGenesisCappedAtOsaka: the embedded chain must price gas like mainnet,
// so no fork after Osaka may be scheduled.
func TestGenesisCappedAtOsaka(t *testing.T) {
	g := devnet.Genesis(common.HexToAddress("0x01"))
	cfg := g.Config
	if err := cfg.CheckConfigForkOrder(); err != nil {
		t.Fatal(err)
	}
	now := uint64(time.Now().Unix())
	if f := cfg.LatestFork(now); f != forks.Osaka {
		t.Fatalf("latest fork now = %v, want Osaka", f)
	}
	if f := cfg.LatestFork(1 << 62); f != forks.Osaka {
		t.Fatalf("latest fork in the far future = %v, want Osaka", f)
	}
	if cfg.ChainID.Uint64() != devnet.ChainID {
		t.Fatalf("chain id %v", cfg.ChainID)
	}
	if _, ok := g.Alloc[common.HexToAddress("0x01")]; !ok {
		t.Fatal("developer account not funded")
	}
	// The genesis file written on first start is what a restart reads; it
	// must survive a JSON round trip unchanged (same genesis block).
	data, err := json.Marshal(g)
	if err != nil {
		t.Fatal(err)
	}
	var back core.Genesis
	if err := json.Unmarshal(data, &back); err != nil {
		t.Fatal(err)
	}
	if back.ToBlock().Hash() != g.ToBlock().Hash() {
		t.Fatal("genesis changes in a JSON round trip")
	}
}
