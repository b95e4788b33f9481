package relay

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math/big"
	"sync"
	"time"

	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"

	"github.com/postage-mail/postage/chain/ticketbook"
)

// Revealer is a ticket-book agent's sender (agent.Sender) that hands
// reveals to a burn relay's POST /v1/reveals (docs/relay.md): the
// agent's account needs no ETH, the relay's account pays the gas and takes the book's bounty. Each reveal
// carries the agent's signature for the relay's account, so only that
// relay can use it.
//
// Reveal returns only once the relay reports every ticket revealed (or
// revealed by someone else): until then the agent keeps the values and
// asks again next tick, which the relay answers from its queue (the same
// ticket is one request there), so a relay that loses or fails a request
// costs a retry, never a payout.
type Revealer struct {
	Relay    *Client
	Contract *ticketbook.Contract
	ChainID  *big.Int
	// Sign signs a 32-byte digest with the agent's key.
	Sign func(digest common.Hash) ([]byte, error)
	// Wait bounds how long Reveal waits for the relay's transaction
	// (default 2 minutes); Poll is how often it asks (default 1 s).
	Wait, Poll time.Duration
	// Seeds, when set, records seeds (it needs ETH); nil: recording
	// seeds fails with ErrSeedsNeedAccount.
	Seeds SeedRecorder

	mu     sync.Mutex
	health Health
	at     time.Time
}

// SeedRecorder records block hashes as seeds in the ticket book (an
// agent.Sender with an account that pays gas).
type SeedRecorder interface {
	RecordSeeds(ctx context.Context, blocks []uint64) (*types.Receipt, error)
}

// ErrSeedsNeedAccount: the relay records no seeds; an agent without ETH
// relies on tickets being decided within the chain's block-hash window.
var ErrSeedsNeedAccount = errors.New("recording seeds needs an account with ETH: the relay sends reveals only")

// relayHealth reads (and caches for a minute) the relay's parameters,
// checking that it reveals on this chain and contract.
func (s *Revealer) relayHealth(ctx context.Context) (Health, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if !s.at.IsZero() && time.Since(s.at) < time.Minute {
		return s.health, nil
	}
	h, err := s.Relay.Health(ctx)
	if err != nil {
		return h, fmt.Errorf("relay %s: %w", s.Relay.URL, err)
	}
	if h.TicketBook == "" || common.HexToAddress(h.TicketBook) != s.Contract.Address() || h.ChainID != s.ChainID.Uint64() {
		return h, fmt.Errorf("relay %s reveals on chain %d, ticket book %q; this agent's books are on chain %s, contract %s",
			s.Relay.URL, h.ChainID, h.TicketBook, s.ChainID, s.Contract.Address())
	}
	if !common.IsHexAddress(h.Account) {
		return h, fmt.Errorf("relay %s: health names no account", s.Relay.URL)
	}
	s.health, s.at = h, time.Now()
	return h, nil
}

func (s *Revealer) signFor(account common.Address, r ticketbook.RevealRequest) (ticketbook.RevealRequest, error) {
	d := ticketbook.RevealDigest(s.Contract.Address(), s.ChainID, r.Book, r.Index, account)
	sig, err := s.Sign(d)
	if err != nil {
		return r, fmt.Errorf("sign reveal of ticket %d: %w", r.Index, err)
	}
	r.Signature = sig
	return r, nil
}

// SimulateReveal simulates the reveal as the relay would send it.
func (s *Revealer) SimulateReveal(ctx context.Context, r ticketbook.RevealRequest) error {
	h, err := s.relayHealth(ctx)
	if err != nil {
		return err
	}
	account := common.HexToAddress(h.Account)
	if r, err = s.signFor(account, r); err != nil {
		return err
	}
	return ticketbook.NewWriter(s.Contract, &bind.TransactOpts{From: account}).SimulateReveal(ctx, r)
}

// Reveal signs the reveals for the relay's account, submits them in
// requests the relay accepts, and waits until each is final.
func (s *Revealer) Reveal(ctx context.Context, reqs []ticketbook.RevealRequest) (*types.Receipt, error) {
	h, err := s.relayHealth(ctx)
	if err != nil {
		return nil, err
	}
	account := common.HexToAddress(h.Account)
	rs := make([]Reveal, len(reqs))
	for i, r := range reqs {
		signed, err := s.signFor(account, r)
		if err != nil {
			return nil, err
		}
		rs[i] = Reveal{ChainID: s.ChainID.Uint64(), Contract: s.Contract.Address(), RevealRequest: signed}
	}
	var ids []string
	for len(rs) > 0 {
		k := fit(rs, h)
		chunk := rs[:k]
		rs = rs[k:]
		work, err := MintReveals(ctx, chunk, h.Name, h.Bits)
		if err != nil {
			return nil, err
		}
		out, err := s.Relay.SubmitReveals(ctx, chunk, work)
		if err != nil {
			return nil, fmt.Errorf("submit %d reveals to relay %s: %w", len(chunk), s.Relay.URL, err)
		}
		for _, o := range out.Reveals {
			ids = append(ids, o.ID)
		}
	}
	wait, poll := s.Wait, s.Poll
	if wait <= 0 {
		wait = 2 * time.Minute
	}
	if poll <= 0 {
		poll = time.Second
	}
	wctx, cancel := context.WithTimeout(ctx, wait)
	defer cancel()
	for _, id := range ids {
		st, err := s.Relay.Wait(wctx, id, poll)
		if err != nil {
			return nil, fmt.Errorf("relay %s, request %s (%s): %w", s.Relay.URL, id, st.Status, err)
		}
		if st.Status != StateRevealed && st.Status != StateAlreadyRevealed {
			return nil, fmt.Errorf("relay %s, request %s: %s: %s", s.Relay.URL, id, st.Status, st.Error)
		}
	}
	return nil, nil
}

// fit is how many of rs, from the first, go in one request: at most the
// relay's MaxReveals, and few enough for its MaxBody.
func fit(rs []Reveal, h Health) int {
	k := min(len(rs), max(h.MaxReveals, 1))
	for k > 1 {
		// The stamp adds about 150 bytes; leave room.
		body, err := json.Marshal(RevealsRequestFor(rs[:k], ""))
		if err == nil && int64(len(body))+512 <= h.MaxBody {
			break
		}
		k /= 2
	}
	return k
}

// RecordSeeds goes through Seeds when set.
func (s *Revealer) RecordSeeds(ctx context.Context, blocks []uint64) (*types.Receipt, error) {
	if s.Seeds == nil {
		return nil, ErrSeedsNeedAccount
	}
	return s.Seeds.RecordSeeds(ctx, blocks)
}
