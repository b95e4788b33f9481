package agent

import (
	"context"
	"errors"
	"math/big"
	"net/http/httptest"
	"path/filepath"
	"testing"
	"time"

	"github.com/postage-mail/postage/chain/ticketbook"
	"github.com/postage-mail/postage/chain/ticketbook/tbtest"
	"github.com/postage-mail/postage/relay"
)

// An agent whose reveals go through the relay's POST /v1/reveals: the
// relay's account pays the gas and takes the bounties, the agent's
// account pays nothing, the buyers are credited, and the values are
// erased only once the relay reports the reveals mined.
func TestRelayedReveals(t *testing.T) {
	c := tbtest.New(t, 2, 4)
	ctx := testCtx(t)
	r, err := relay.Open(ctx, filepath.Join(t.TempDir(), "relay.db"),
		relay.Chain{Backend: c.Client, TicketBook: c.Contract.Address(), Signer: c.Opts(acRelay)},
		relay.Options{Name: "relay.test", Bits: 8, PollInterval: 10 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	runCtx, stop := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- r.Run(runCtx) }()
	srv := httptest.NewServer(r.Handler())
	t.Cleanup(func() {
		srv.Close()
		stop()
		if err := <-done; err != nil {
			t.Error(err)
		}
		_ = r.Close()
	})

	agentKey := c.Keys[acOther]
	sender := &relay.Revealer{Relay: &relay.Client{URL: srv.URL}, Contract: c.Contract, ChainID: c.ChainID,
		Sign: KeySigner(agentKey), Poll: 10 * time.Millisecond, Wait: time.Minute}
	a := &Agent{Dir: t.TempDir(), Contract: c.Contract, ChainID: c.ChainID.Uint64(), Params: c.Params, Passphrase: "p",
		Sender: sender, BlockTime: time.Second, History: 8191, Scrypt: LightScrypt}
	bounty := gwei(50_000)
	stakeWei := gwei(1_000_000)
	rec, err := a.CreateBook(ctx, c.Writer(acOwner), BookOptions{Values: 32, Stake: stakeWei, Bounty: bounty, Window: 1000,
		Reserve: gwei(40_000_000), Agent: c.Addr(acOther)})
	if err != nil {
		t.Fatal(err)
	}
	f := &fixture{t: t, c: c, a: a, clock: &clock{}, book: rec}
	agentBalance := c.Balance(c.Addr(acOther))
	creditBefore, err := c.Contract.Credit(ctx, c.Addr(acSender))
	if err != nil {
		t.Fatal(err)
	}
	var matches []uint32
	for range 12 {
		s := f.send(acSender, "carol@example.com")
		f.verify(s)
		if f.coin(s.index) {
			matches = append(matches, s.index)
		}
	}
	if len(matches) == 0 {
		t.Fatal("no ticket of 12 matched (chance 1/4096): rerun")
	}
	relayBefore := c.Balance(c.Addr(acRelay))
	rep, err := a.Tick(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Revealed != len(matches) {
		t.Fatalf("revealed %d, want %d (matches)", rep.Revealed, len(matches))
	}
	for _, i := range matches {
		if st := f.state(i); st != ticketbook.TicketPaid {
			t.Fatalf("ticket %d is %s, want paid", i, st)
		}
	}
	credit, err := c.Contract.Credit(ctx, c.Addr(acSender))
	if err != nil {
		t.Fatal(err)
	}
	per := new(big.Int).Sub(new(big.Int).Mul(stakeWei, big.NewInt(2)), bounty)
	if got, want := new(big.Int).Sub(credit, creditBefore), new(big.Int).Mul(per, big.NewInt(int64(len(matches)))); got.Cmp(want) != 0 {
		t.Fatalf("buyer credited %s, want %s", got, want)
	}
	if c.Balance(c.Addr(acOther)).Cmp(agentBalance) != 0 {
		t.Fatal("the agent's account paid for something")
	}
	if gain := new(big.Int).Sub(c.Balance(c.Addr(acRelay)), relayBefore); gain.Sign() <= 0 {
		t.Fatalf("relay's balance changed by %s for %d bounties", gain, len(matches))
	}
	if got := len(f.allValues()); got != 32-12 {
		t.Fatalf("%d values left, want the 20 unsold (decided ones erased)", got)
	}
	if _, err := sender.RecordSeeds(ctx, []uint64{1}); !errors.Is(err, relay.ErrSeedsNeedAccount) {
		t.Fatalf("recording seeds through the relay: %v, want ErrSeedsNeedAccount", err)
	}
}
