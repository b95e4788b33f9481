package agent

import (
	"context"
	"crypto/ecdsa"
	"fmt"
	"math/big"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/postage-mail/postage/chain/ticketbook"
)

// Signed is a Sender that submits from another account than the agent's
// (a relay's, or any funded account), adding to each reveal the agent's
// signature of ticketbook.RevealDigest for that account: the contract
// accepts it from that account only and pays it the bounty, so a copy of
// the transaction is useless to a front-runner. This is the seam for
// recipients without ETH; the HTTP relay's reveal endpoint (docs/deniable.md,
// "Reveals through a relay") carries the same signed requests.
type Signed struct {
	W       *ticketbook.Writer // the submitting account
	ChainID *big.Int
	// Sign signs a 32-byte digest with the agent's key (65 bytes, v 0/1 or 27/28).
	Sign func(digest common.Hash) ([]byte, error)
}

// KeySigner signs with a private key held in memory.
func KeySigner(key *ecdsa.PrivateKey) func(common.Hash) ([]byte, error) {
	return func(d common.Hash) ([]byte, error) { return crypto.Sign(d[:], key) }
}

func (s Signed) sign(r ticketbook.RevealRequest) (ticketbook.RevealRequest, error) {
	d := ticketbook.RevealDigest(s.W.Contract().Address(), s.ChainID, r.Book, r.Index, s.W.From())
	sig, err := s.Sign(d)
	if err != nil {
		return r, fmt.Errorf("sign reveal of ticket %d: %w", r.Index, err)
	}
	r.Signature = sig
	return r, nil
}

// Reveal signs every request for the submitting account and sends them.
func (s Signed) Reveal(ctx context.Context, reqs []ticketbook.RevealRequest) (*types.Receipt, error) {
	signed := make([]ticketbook.RevealRequest, len(reqs))
	for i, r := range reqs {
		var err error
		if signed[i], err = s.sign(r); err != nil {
			return nil, err
		}
	}
	return s.W.Reveal(ctx, signed)
}

// SimulateReveal simulates the signed request.
func (s Signed) SimulateReveal(ctx context.Context, r ticketbook.RevealRequest) error {
	r, err := s.sign(r)
	if err != nil {
		return err
	}
	return s.W.SimulateReveal(ctx, r)
}

// RecordSeeds needs no signature: anyone may record a seed.
func (s Signed) RecordSeeds(ctx context.Context, blocks []uint64) (*types.Receipt, error) {
	return s.W.RecordSeeds(ctx, blocks)
}
