package main

import (
	"context"
	"errors"
	"fmt"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/postage-mail/postage/chain"
	"github.com/postage-mail/postage/chain/devnet"
	"github.com/postage-mail/postage/chain/ticketbook"
	"github.com/postage-mail/postage/config"
	"github.com/postage-mail/postage/host"
	"github.com/postage-mail/postage/relay"
)

// With book.relay, the agent of `postage book agent` (and serve) sends
// its reveals through that relay: its Sender signs with the configured
// account's key for the relay's account, which it learns from the relay.
func TestBookAgentRelay(t *testing.T) {
	if testing.Short() {
		t.Skip("runs a chain and a relay (not in -short)")
	}
	e := newBookE2E(t)
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	out, _ := e.ok(e.home, nil, "book", "deploy")
	m := regexp.MustCompile(`ticket book contract (0x[0-9a-fA-F]{40})`).FindStringSubmatch(out)
	if m == nil {
		t.Fatalf("deploy: %s", out)
	}
	tb := common.HexToAddress(m[1])

	// A relay for that contract, sending from an account of its own.
	client, id, err := chain.Dial(ctx, e.chain.Endpoint(), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer client.Close()
	dev, err := devnet.DevTransactor(filepath.Join(e.dir, "chain"), "", id)
	if err != nil {
		t.Fatal(err)
	}
	r, err := relay.Open(ctx, filepath.Join(e.dir, "relay.db"), relay.Chain{Backend: client, TicketBook: tb, Signer: dev}, relay.Options{Name: "relay.test", Bits: 8})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	srv := httptest.NewServer(r.Handler())
	defer srv.Close()

	cfgPath := filepath.Join(e.home, "postage.toml")
	raw, err := os.ReadFile(cfgPath)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(cfgPath, append(raw, fmt.Sprintf("relay = %q\n", srv.URL+"/")...), 0o600); err != nil {
		t.Fatal(err)
	}
	a, contract, done := e.agent(ctx)
	defer done()
	rs, ok := a.Sender.(*relay.Revealer)
	if !ok {
		t.Fatalf("the agent's sender is a %T, want *relay.Revealer", a.Sender)
	}
	if rs.Relay.URL != srv.URL || rs.Contract.Address() != tb || contract.Address() != tb {
		t.Fatalf("relayed sender for %s at %s, want %s at %s", rs.Contract.Address(), rs.Relay.URL, tb, srv.URL)
	}
	// `postage relay` on this host serves reveals for the recorded
	// contract, and only on its chain.
	cfg, err := config.Load("")
	if err != nil {
		t.Fatal(err)
	}
	if got := host.RelayTicketBook(cfg, id.Uint64()); got != tb {
		t.Fatalf("postage relay would reveal for %s, want %s", got, tb)
	}
	if got := host.RelayTicketBook(cfg, id.Uint64()+1); got != (common.Address{}) {
		t.Fatalf("on another chain postage relay would reveal for %s, want none", got)
	}
	// Its signatures are the agent account's (the one book new names).
	agentAcct := e.chain.DevAccount().Account.Address
	d := ticketbook.RevealDigest(tb, id, common.Hash{1}, 7, dev.From)
	sig, err := rs.Sign(d)
	if err != nil {
		t.Fatal(err)
	}
	pub, err := crypto.SigToPub(d[:], sig)
	if err != nil || crypto.PubkeyToAddress(*pub) != agentAcct {
		t.Fatalf("reveal signature recovers to %v (%v), want the agent account %s", pub, err, agentAcct)
	}
	// Simulating goes through the relay's health (chain and contract
	// checked) to the contract, which knows no such book.
	err = rs.SimulateReveal(ctx, ticketbook.RevealRequest{Book: common.Hash{1}, Index: 7, Signature: nil})
	if !errors.Is(err, ticketbook.ErrUnknownBook) {
		t.Fatalf("simulate through the relay: %v, want unknown book", err)
	}
	// A relay for another contract is refused.
	bad := &relay.Revealer{Relay: rs.Relay, Contract: ticketbook.NewContract(client, common.Address{2}), ChainID: id, Sign: rs.Sign}
	if err := bad.SimulateReveal(ctx, ticketbook.RevealRequest{}); err == nil || !strings.Contains(err.Error(), "reveals on chain") {
		t.Fatalf("relay for another contract: %v", err)
	}
}
