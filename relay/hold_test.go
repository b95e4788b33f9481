package relay

import (
	"crypto/rand"
	"errors"
	"path/filepath"
	"testing"
	"time"
)

func token(t *testing.T) [32]byte {
	var b [32]byte
	if _, err := rand.Read(b[:]); err != nil {
		t.Fatal(err)
	}
	return b
}

func submitHeld(t *testing.T, cl *Client, r *Relay, b Burn, h Hold) (SubmitResponse, error) {
	t.Helper()
	work, err := MintHeld(ctxFor(t, time.Minute), b, h, r.opts.Name, r.opts.Bits)
	if err != nil {
		t.Fatal(err)
	}
	return cl.SubmitHeld(ctxFor(t, time.Minute), b, h, work)
}

// A held burn waits for its not-before time; its submitter cancels it
// with the token; the deposit's creator, who knows every secret and asks
// for the same leaf with a hold of its own, cannot cancel the
// recipient's; and a cancel after the burn is too late.
func TestHoldAndCancel(t *testing.T) {
	e := newSimEnv(t)
	id, burns := e.deposit("a@example.com", "b@example.com", "c@example.com")
	r := e.openRelay(filepath.Join(t.TempDir(), "relay.db"))
	defer r.Close()
	cl := serveHTTP(t, r)
	ctx := ctxFor(t, time.Minute)

	notBefore := time.Now().Add(3 * time.Second).Truncate(time.Second)
	rcpt0, rcpt1, creator := token(t), token(t), token(t)
	if _, err := submitHeld(t, cl, r, burns[0], Hold{NotBefore: notBefore, CancelHash: CancelHashOf(rcpt0)}); err != nil {
		t.Fatal(err)
	}
	if _, err := submitHeld(t, cl, r, burns[1], Hold{NotBefore: notBefore, CancelHash: CancelHashOf(rcpt1)}); err != nil {
		t.Fatal(err)
	}
	// The creator asks for leaf 1 as well, earlier, and cancels its own.
	res, err := submitHeld(t, cl, r, burns[1], Hold{NotBefore: time.Now().Add(time.Hour), CancelHash: CancelHashOf(creator)})
	if err != nil || !res.Duplicate {
		t.Fatalf("the creator's request for leaf 1: %+v, %v; want a duplicate", res, err)
	}
	st, err := cl.Cancel(ctx, burns[1].ID(), creator)
	if err != nil || st.Status != StateQueued {
		t.Fatalf("the creator's cancel of leaf 1: %+v, %v; want still queued for the recipient", st, err)
	}
	var ae *APIError
	if _, err := cl.Cancel(ctx, burns[0].ID(), creator); !errors.As(err, &ae) || ae.Code != CodeNotAuthorized {
		t.Fatalf("the creator's cancel of leaf 0 with its own token: %v; want %s", err, CodeNotAuthorized)
	}
	// A work stamp minted without the hold does not carry it.
	plain, err := Mint(ctx, burns[2], r.opts.Name, r.opts.Bits)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := cl.SubmitHeld(ctx, burns[2], Hold{NotBefore: notBefore}, plain); !errors.As(err, &ae) || ae.Code != CodeWorkInvalid {
		t.Fatalf("a hold under a stamp minted without it: %v; want %s", err, CodeWorkInvalid)
	}

	// The recipient cancels leaf 0 (twice: the same answer).
	for range 2 {
		st, err := cl.Cancel(ctx, burns[0].ID(), rcpt0)
		if err != nil || st.Status != StateCancelled {
			t.Fatalf("cancel leaf 0: %+v, %v", st, err)
		}
	}
	// Nothing goes before the not-before time.
	for time.Now().Before(notBefore.Add(-time.Second)) {
		r.step(ctx)
		time.Sleep(100 * time.Millisecond)
	}
	if n, err := e.cl.NonceAt(ctx, e.opts(3).From, nil); err != nil || n != 0 {
		t.Fatalf("the relay sent %d transactions before the not-before time (%v)", n, err)
	}
	if s := state(t, r, burns[1].ID()); s.State != StateQueued || !s.Held.Equal(notBefore) {
		t.Fatalf("leaf 1 while held: %s, held until %v; want queued until %v", s.State, s.Held, notBefore)
	}
	stepUntil(t, r, time.Minute, func() bool { return state(t, r, burns[1].ID()).State == StateBurned })
	if !e.isBurned(id, 1) || e.isBurned(id, 0) {
		t.Errorf("on chain: leaf 0 burned %v (cancelled), leaf 1 burned %v", e.isBurned(id, 0), e.isBurned(id, 1))
	}
	if s := state(t, r, burns[0].ID()); s.State != StateCancelled {
		t.Errorf("leaf 0: %s, want cancelled", s.State)
	}
	if _, err := cl.Cancel(ctx, burns[1].ID(), rcpt1); !errors.As(err, &ae) || ae.Code != CodeTooLate {
		t.Errorf("cancel after the burn: %v; want %s", err, CodeTooLate)
	}
	// A cancelled leaf can be asked for again.
	res, err = submitHeld(t, cl, r, burns[0], Hold{})
	if err != nil || res.Duplicate || res.Status != StateQueued {
		t.Errorf("asking again for the cancelled leaf: %+v, %v", res, err)
	}
}
