package chain_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/postage-mail/postage/chain"
	"github.com/postage-mail/postage/chain/canonical"
	"github.com/postage-mail/postage/chain/devnet"
)

// TestCanonicalGethAndEmbedded deploys through the deterministic deployment
// proxy on a real `geth --dev` and on the embedded chain, side by side:
// both contracts land at the addresses computed offline, the same on both
// chains, and Verify passes there; it refuses an address with no code, one
// holding another contract and the contract with another delay.
func TestCanonicalGethAndEmbedded(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	gethClient := startGeth(ctx, t)
	gid, err := gethClient.ChainID(ctx)
	if err != nil {
		t.Fatal(err)
	}
	key, err := crypto.HexToECDSA(gethDevKey)
	if err != nil {
		t.Fatal(err)
	}
	gethOpts := bind.NewKeyedTransactor(key, gid)

	dn, err := devnet.Start(ctx, devnet.Config{DataDir: t.TempDir(), Addr: "127.0.0.1:0", Period: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	defer dn.Stop(context.Background())
	embClient, _, err := chain.Dial(ctx, dn.Endpoint(), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer embClient.Close()
	embOpts, err := dn.DevTransactor()
	if err != nil {
		t.Fatal(err)
	}

	want, err := canonical.CanonicalAddress(canonical.CanonicalDelay)
	if err != nil {
		t.Fatal(err)
	}
	// The embedded chain deployed its contract canonically on first start.
	if got := dn.Deployment().Contract; got != want {
		t.Fatalf("embedded chain deployed at %s, want the canonical %s", got, want)
	}
	wantBook := canonical.TicketBookAddress(canonical.CanonicalRandomnessDelay, canonical.CanonicalEpoch)
	for _, side := range []struct {
		name string
		b    canonical.Backend
		opts *bind.TransactOpts
	}{{"geth --dev", gethClient, gethOpts}, {"embedded", embClient, embOpts}} {
		d, err := canonical.Deploy(ctx, side.b, side.opts, canonical.CanonicalDelay)
		if err != nil {
			t.Fatalf("%s: %v", side.name, err)
		}
		if d.Address != want {
			t.Fatalf("%s: deposit contract at %s, want %s", side.name, d.Address, want)
		}
		bd, err := canonical.DeployTicketBook(ctx, side.b, side.opts, canonical.CanonicalRandomnessDelay, canonical.CanonicalEpoch)
		if err != nil {
			t.Fatalf("%s: %v", side.name, err)
		}
		if bd.Address != wantBook {
			t.Fatalf("%s: ticket book at %s, want %s", side.name, bd.Address, wantBook)
		}
		r, err := canonical.Verify(ctx, side.b, want, canonical.CanonicalDelay)
		if err != nil {
			t.Fatalf("%s: verify: %v", side.name, err)
		}
		if r.Version != canonical.Releases[0].Version || r.Address != want {
			t.Fatalf("%s: verify matched %+v", side.name, r)
		}
		if err := canonical.VerifyTicketBook(ctx, side.b, wantBook, canonical.CanonicalRandomnessDelay, canonical.CanonicalEpoch); err != nil {
			t.Fatalf("%s: verify ticket book: %v", side.name, err)
		}
		// The deployed contract works: it answers delay().
		if got, err := chain.NewReader(chain.NewContract(side.b, want)).Delay(ctx); err != nil || got != canonical.CanonicalDelay {
			t.Fatalf("%s: delay() = %v, %v", side.name, got, err)
		}

		var ve *canonical.VerifyError
		_, err = canonical.Verify(ctx, side.b, common.HexToAddress("0x00000000000000000000000000000000000000aa"), canonical.CanonicalDelay)
		if !errors.As(err, &ve) || ve.Reason != canonical.NoCode {
			t.Fatalf("%s: verify an empty address: %v", side.name, err)
		}
		_, err = canonical.Verify(ctx, side.b, wantBook, canonical.CanonicalDelay)
		if !errors.As(err, &ve) || ve.Reason != canonical.OtherCode {
			t.Fatalf("%s: verify the ticket book as the deposit contract: %v", side.name, err)
		}
		_, err = canonical.Verify(ctx, side.b, want, time.Hour)
		if !errors.As(err, &ve) || ve.Reason != canonical.OtherDelay || ve.Delay != uint64(canonical.CanonicalDelay/time.Second) {
			t.Fatalf("%s: verify for a 1h delay: %v", side.name, err)
		}
	}
}
