package host

import (
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"maps"
	"math/big"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/postage-mail/postage"
	"github.com/postage-mail/postage/chain"
	"github.com/postage-mail/postage/chain/devnet"
	"github.com/postage-mail/postage/config"
	"github.com/postage-mail/postage/stake"
)

// loadChainConfig loads toml as postage.toml under a new POSTAGE_HOME.
func loadChainConfig(t *testing.T, toml string) *config.Config {
	t.Helper()
	home := t.TempDir()
	t.Setenv("POSTAGE_HOME", home)
	p := filepath.Join(home, "postage.toml")
	if err := os.WriteFile(p, []byte(toml), 0o600); err != nil {
		t.Fatal(err)
	}
	cfg, err := config.Load(p)
	if err != nil {
		t.Fatal(err)
	}
	return cfg
}

// A trusted network's finality floors its reader's confirmations; a
// contract trusted by chain id and address keeps the policy's.
func TestTrustedNetworkConfirmations(t *testing.T) {
	c := &Chain{Conn: &chain.Conn{ChainID: big.NewInt(8453)}, minConfirmations: 600}
	if got := c.Deposits(1).Confirmations; got != 600 {
		t.Fatalf("base trusted by name: %d confirmations, want 600", got)
	}
	if got := c.Deposits(700).Confirmations; got != 700 {
		t.Fatalf("policy above the floor: %d, want 700", got)
	}
	tc := config.TrustedContract{Confirmations: 600}
	if l := TrustedLive(tc, 1, nil, nil); l.Confirmations != 600 {
		t.Fatalf("the milter's trusted follower: %d confirmations, want 600", l.Confirmations)
	}
	if got := NewChain(nil, &chain.Conn{ChainID: big.NewInt(8453)}).Deposits(2).Confirmations; got != 2 {
		t.Fatalf("trusted by address: %d, want the policy's 2", got)
	}
}

// ChainOptions take --rpc over chain.rpc, and the signer's settings and
// the chain id check from the configuration.
func TestChainOptions(t *testing.T) {
	t.Setenv("POSTAGE_PASSWORD_FILE", "")
	cfg := loadChainConfig(t, "[chain]\nnetwork = \"custom\"\nchain_id = 8453\nrpc = \"http://127.0.0.1:1\"\naccount = \"0x00000000000000000000000000000000000000aa\"\npassword_file = \"pw\"\n")
	o := ChainOptions(cfg, "")
	if o.RPC != "http://127.0.0.1:1" || o.ChainDir != filepath.Join(cfg.DataDir, "chain") || o.KeystoreDir != cfg.KeystoreDir() ||
		o.Account != cfg.Chain.Account || o.PasswordFile != filepath.Join(cfg.DataDir, "pw") || o.Endpoint != cfg.ChainEndpoint() {
		t.Fatalf("options %+v", o)
	}
	if o := ChainOptions(cfg, "http://127.0.0.1:2"); o.RPC != "http://127.0.0.1:2" {
		t.Fatalf("--rpc: %q", o.RPC)
	}
	if err := o.CheckChain("u", big.NewInt(8453)); err != nil {
		t.Fatalf("chain 8453: %v", err)
	}
	if err := o.CheckChain("u", big.NewInt(1)); err == nil {
		t.Fatal("chain 1 passed a chain_id 8453 check")
	}
}

// NamedContracts are the distinct contracts of the stamps that parse.
func TestNamedContracts(t *testing.T) {
	raw, err := os.ReadFile("../stake/testdata/vectors.json")
	if err != nil {
		t.Fatal(err)
	}
	var v struct {
		Trees []struct {
			Stamps []struct{ Header string }
		}
	}
	if err := json.Unmarshal(raw, &v); err != nil || len(v.Trees) == 0 || len(v.Trees[0].Stamps) == 0 {
		t.Fatalf("vectors: %v", err)
	}
	h := v.Trees[0].Stamps[0].Header
	s, err := stake.Parse(h)
	if err != nil {
		t.Fatal(err)
	}
	s.ChainID = 8453
	other, err := s.Format()
	if err != nil {
		t.Fatal(err)
	}
	got := NamedContracts([]string{h, other, h, "not a stamp"})
	want := map[postage.ContractRef]bool{{ChainID: 1337, Address: s.Contract}: true, {ChainID: 8453, Address: s.Contract}: true}
	if !maps.Equal(got, want) {
		t.Fatalf("named %v, want %v", got, want)
	}
	if got := NamedContracts(nil); len(got) != 0 {
		t.Fatalf("no stamps: %v", got)
	}
}

// The embedded chain runs from [chain]: in the data directory, its
// developer account in the user's keystore, tuned by the caller; a second
// one on the same directory is refused.
func TestStartEmbeddedChain(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cfg := loadChainConfig(t, "")
	var tuned devnet.Config
	ch, err := StartEmbeddedChain(ctx, cfg, "127.0.0.1:0", slog.DiscardHandler, func(d *devnet.Config) {
		d.Period = time.Second
		tuned = *d
	})
	if err != nil {
		t.Fatal(err)
	}
	defer func() {
		sctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		if err := ch.Stop(sctx); err != nil {
			t.Error(err)
		}
	}()
	if tuned.DataDir != cfg.ChainDir() || tuned.KeystoreDir != cfg.KeystoreDir() || tuned.Addr != "127.0.0.1:0" || tuned.MinFree <= 0 {
		t.Fatalf("configuration %+v", tuned)
	}
	if url, err := devnet.ReadEndpoint(cfg.ChainDir()); err != nil || url != ch.Endpoint() {
		t.Fatalf("endpoint recorded in the data directory: %q, %v; runs at %s", url, err, ch.Endpoint())
	}
	if _, err := chain.OpenKeystoreLight(cfg.KeystoreDir()).Find(ch.DevAccount().Account.Address); err != nil {
		t.Fatalf("the developer account in the user's keystore: %v", err)
	}
	if _, err := StartEmbeddedChain(ctx, cfg, "127.0.0.1:0", slog.DiscardHandler, nil); !errors.Is(err, devnet.ErrInUse) {
		t.Fatalf("a second chain on the same directory: %v", err)
	}
}
