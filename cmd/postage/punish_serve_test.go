package main

import (
	"context"
	"fmt"
	"log/slog"
	"math/big"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/params"

	"github.com/postage-mail/postage/chain"
	"github.com/postage-mail/postage/chain/devnet"
	"github.com/postage-mail/postage/config"
	"github.com/postage-mail/postage/host"
	"github.com/postage-mail/postage/punish"
	"github.com/postage-mail/postage/relay"
	"github.com/postage-mail/postage/stake"
)

// The punishment queue as `postage serve` works it: a burn queued with
// own ETH and due is sent, on the real embedded chain, without any
// `postage punish --due`; one still in its window is not.
func TestServeWorksPunishQueue(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	home := t.TempDir()
	t.Setenv("POSTAGE_HOME", home)
	dir := filepath.Join(home, "testchain")
	node, err := devnet.Start(ctx, devnet.Config{DataDir: dir, Addr: "127.0.0.1:0", Period: time.Second, Delay: time.Hour})
	if err != nil {
		t.Fatalf("start embedded chain: %v", err)
	}
	defer func() {
		sctx, c := context.WithTimeout(context.Background(), 30*time.Second)
		defer c()
		node.Stop(sctx)
	}()
	dev := node.DevAccount()
	cfgText := fmt.Sprintf("[chain]\nrpc = %q\ncontract = %q\nkeystore = %q\naccount = %q\npassword_file = %q\n",
		node.Endpoint(), node.Deployment().Contract.Hex(), filepath.Join(dir, "keystore"), dev.Account.Address.Hex(), dev.PassphraseFile)
	cfgPath := filepath.Join(home, "postage.toml")
	if err := os.WriteFile(cfgPath, []byte(cfgText), 0o600); err != nil {
		t.Fatal(err)
	}
	cfg, err := config.Load(cfgPath)
	if err != nil {
		t.Fatal(err)
	}
	ps, err := cfg.PunishSettings()
	if err != nil {
		t.Fatal(err)
	}

	client, chainID, err := chain.Dial(ctx, node.Endpoint(), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer client.Close()
	opts, err := node.DevTransactor()
	if err != nil {
		t.Fatal(err)
	}
	contract := chain.NewContract(client, node.Deployment().Contract)
	rcpts := []stake.Recipient{stake.MustParseRecipient("erin@example.com"), stake.MustParseRecipient("frank@example.com")}
	batch, err := stake.NewBatch(rcpts, nil)
	if err != nil {
		t.Fatal(err)
	}
	w := chain.NewWriter(contract, opts)
	w.PollInterval = 100 * time.Millisecond
	dep, err := w.Deposit(ctx, common.Hash(batch.Root()), batch.Len(), new(big.Int).Mul(big.NewInt(params.Ether/1000), big.NewInt(int64(batch.Len()))), big.NewInt(params.Ether/10000))
	if err != nil {
		t.Fatal(err)
	}
	burnOf := func(i int) relay.Burn {
		st, err := batch.Stamp(uint32(i), chainID.Uint64(), stake.Address(contract.Address()), stake.Address(opts.From))
		if err != nil {
			t.Fatal(err)
		}
		secret, _, err := st.Check(rcpts[i])
		if err != nil {
			t.Fatal(err)
		}
		proof := make([]common.Hash, len(st.Proof))
		for k, p := range st.Proof {
			proof[k] = common.Hash(p)
		}
		return relay.Burn{ChainID: chainID.Uint64(), Contract: contract.Address(), DepositID: dep.ID, Secret: common.Hash(secret), Index: st.Index, Proof: proof}
	}
	now := time.Now()
	dueNow, later := burnOf(0), burnOf(1)
	q, err := punish.OpenQueue(ps.Queue, time.Second)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range []*punish.Entry{
		{ID: dueNow.ID(), Burn: dueNow, Due: now, Next: now, State: punish.Waiting, Created: now, Updated: now},
		{ID: later.ID(), Burn: later, Due: now.Add(time.Hour), Next: now.Add(time.Hour), State: punish.Waiting, Created: now, Updated: now},
	} {
		if _, _, err := q.Add(e); err != nil {
			t.Fatal(err)
		}
	}
	q.Close()

	rctx, stop := context.WithCancel(ctx)
	done := host.StartPunishQueue(rctx, cfg, "", slog.New(slog.NewTextHandler(os.Stderr, nil)), stdout)
	reader := chain.NewReader(contract)
	for start := time.Now(); ; time.Sleep(200 * time.Millisecond) {
		burned, err := reader.IsBurned(ctx, dep.ID, uint64(dueNow.Index))
		if err != nil {
			t.Fatal(err)
		}
		var e *punish.Entry
		if q, err := punish.OpenQueue(ps.Queue, 5*time.Second); err == nil {
			e, _ = q.Get(dueNow.ID())
			q.Close()
		}
		if burned && e != nil && e.State == punish.Burned {
			break
		}
		if time.Since(start) > time.Minute {
			t.Fatalf("the due punishment was not burned within a minute (on chain %v, queue %+v)", burned, e)
		}
	}
	stop()
	<-done
	if burned, err := reader.IsBurned(ctx, dep.ID, uint64(later.Index)); err != nil || burned {
		t.Errorf("the punishment still in its window: burned %v, %v", burned, err)
	}
	q, err = punish.OpenQueue(ps.Queue, time.Second)
	if err != nil {
		t.Fatal(err)
	}
	defer q.Close()
	if e, err := q.Get(dueNow.ID()); err != nil || e.State != punish.Burned || e.Tx == "" {
		t.Errorf("queue entry after the burn: %+v, %v; want burned with its transaction", e, err)
	}
	if e, err := q.Get(later.ID()); err != nil || e.State != punish.Waiting {
		t.Errorf("queue entry in its window: %+v, %v; want waiting", e, err)
	}
}
