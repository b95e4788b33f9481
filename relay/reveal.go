package relay

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"math/big"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/postage-mail/postage/chain"
	"github.com/postage-mail/postage/chain/ticketbook"
	"github.com/postage-mail/postage/stake"
)

// kindReveal marks a queued ticket reveal (record.Kind).
const kindReveal = "reveal"

// RevealsRequest is the JSON body of POST /v1/reveals: signed reveals of
// tickets of a TicketBook (docs/deniable.md), sent by the relay's account
// and paid for by each book's bounty. Hashes, addresses and the signature
// are 0x-prefixed hex.
type RevealsRequest struct {
	ChainID  uint64       `json:"chainId"`
	Contract string       `json:"contract"`
	Reveals  []RevealItem `json:"reveals"`
	// Work is a hashcash v1 stamp minted for the relay's name, with the
	// extension reveal=<RevealDigest of the reveals in hex>.
	Work string `json:"work"`
}

// RevealItem is one ticket's reveal in a RevealsRequest.
type RevealItem struct {
	Book    string   `json:"book"`
	Index   uint32   `json:"index"`
	Value   string   `json:"value"`
	Proof   []string `json:"proof"`
	Buyer   string   `json:"buyer"`
	Binding string   `json:"binding"`
	// Signature is the book agent's 65-byte signature of the contract's
	// revealDigest(book, index, relay account).
	Signature string `json:"signature"`
}

// Reveal is one ticket's reveal as the relay sends it.
type Reveal struct {
	ChainID  uint64
	Contract common.Address
	ticketbook.RevealRequest
}

// RevealsResponse is the body of a successful POST /v1/reveals: one
// answer per reveal, in the request's order.
type RevealsResponse struct {
	Reveals []SubmitResponse `json:"reveals"`
}

// maxProofTicket bounds a reveal's proof (the contract's books have at
// most 2^20 tickets, as deposits have leaves).
const maxProofTicket = stake.MaxDepth

// Parse checks the request's fields (not the work stamp) and returns the
// reveals it asks for; at most max of them, no ticket twice.
func (r *RevealsRequest) Parse(max int) ([]Reveal, error) {
	if r.ChainID == 0 {
		return nil, badRequest("chainId missing")
	}
	a, err := stake.ParseAddress(r.Contract)
	if err != nil {
		return nil, badRequest("contract: %v", err)
	}
	if len(r.Reveals) == 0 {
		return nil, badRequest("no reveals")
	}
	if len(r.Reveals) > max {
		return nil, badRequest("%d reveals in one request, at most %d", len(r.Reveals), max)
	}
	out := make([]Reveal, len(r.Reveals))
	seen := make(map[string]bool, len(r.Reveals))
	for i, it := range r.Reveals {
		rv, err := it.parse()
		if err != nil {
			return nil, fmt.Errorf("reveals[%d]: %w", i, err)
		}
		out[i] = Reveal{ChainID: r.ChainID, Contract: common.Address(a), RevealRequest: rv}
		id := out[i].ID()
		if seen[id] {
			return nil, badRequest("reveals[%d]: ticket %d of book %s is in the request twice", i, rv.Index, rv.Book)
		}
		seen[id] = true
	}
	return out, nil
}

func (it *RevealItem) parse() (ticketbook.RevealRequest, error) {
	var rv ticketbook.RevealRequest
	book, err := stake.ParseHash(it.Book)
	if err != nil {
		return rv, badRequest("book: %v", err)
	}
	rv.Book = common.Hash(book)
	if it.Index >= stake.MaxLeaves {
		return rv, badRequest("index %d: a book has at most %d tickets", it.Index, stake.MaxLeaves)
	}
	rv.Index = it.Index
	v, err := stake.ParseHash(it.Value)
	if err != nil {
		return rv, badRequest("value: %v", err)
	}
	rv.Value = common.Hash(v)
	if len(it.Proof) > maxProofTicket {
		return rv, badRequest("proof has %d elements, at most %d", len(it.Proof), maxProofTicket)
	}
	rv.Proof = make([]common.Hash, len(it.Proof))
	for i, p := range it.Proof {
		h, err := stake.ParseHash(p)
		if err != nil {
			return rv, badRequest("proof[%d]: %v", i, err)
		}
		rv.Proof[i] = common.Hash(h)
	}
	buyer, err := stake.ParseAddress(it.Buyer)
	if err != nil {
		return rv, badRequest("buyer: %v", err)
	}
	rv.Buyer = common.Address(buyer)
	binding, err := stake.ParseHash(it.Binding)
	if err != nil {
		return rv, badRequest("binding: %v", err)
	}
	rv.Binding = common.Hash(binding)
	sig := strings.TrimPrefix(strings.TrimPrefix(it.Signature, "0x"), "0X")
	rv.Signature, err = hex.DecodeString(sig)
	if err != nil || len(rv.Signature) != 65 || !strings.HasPrefix(strings.ToLower(it.Signature), "0x") {
		return rv, badRequest("signature: want 0x and 65 bytes in hex (the agent's signature of revealDigest for the relay's account)")
	}
	return rv, nil
}

// RevealsRequestFor returns the JSON request for rs (one chain and
// contract) carrying the work stamp.
func RevealsRequestFor(rs []Reveal, work string) RevealsRequest {
	req := RevealsRequest{Work: work}
	if len(rs) > 0 {
		req.ChainID, req.Contract = rs[0].ChainID, rs[0].Contract.Hex()
	}
	for _, r := range rs {
		proof := make([]string, len(r.Proof))
		for i, p := range r.Proof {
			proof[i] = p.Hex()
		}
		req.Reveals = append(req.Reveals, RevealItem{
			Book: r.Book.Hex(), Index: r.Index, Value: r.Value.Hex(), Proof: proof,
			Buyer: r.Buyer.Hex(), Binding: r.Binding.Hex(), Signature: "0x" + hex.EncodeToString(r.Signature),
		})
	}
	return req
}

// RevealsCanonical is the text a reveals request's work stamp is bound
// to: the lines
//
//	postage-reveal-v1
//	chain=<chain id, decimal>
//	contract=<0x + 40 lowercase hex>
//
// and for each reveal, in order, the line
//
//	reveal=<book>,<index>,<value>,<buyer>,<binding>,<signature>,<proof>
//
// (hashes 0x + 64 lowercase hex, the buyer 0x + 40 lowercase hex, the
// signature 0x + 130 lowercase hex, the index decimal, the proof's hashes
// joined by ":", empty for no proof), joined by "\n" with no final
// newline. rs must share one chain and contract.
func RevealsCanonical(rs []Reveal) string {
	var sb strings.Builder
	sb.WriteString("postage-reveal-v1\nchain=")
	if len(rs) > 0 {
		sb.WriteString(strconv.FormatUint(rs[0].ChainID, 10))
		sb.WriteString("\ncontract=")
		sb.WriteString(strings.ToLower(rs[0].Contract.Hex()))
	}
	for _, r := range rs {
		sb.WriteString("\nreveal=")
		sb.WriteString(r.Book.Hex())
		sb.WriteByte(',')
		sb.WriteString(strconv.FormatUint(uint64(r.Index), 10))
		sb.WriteByte(',')
		sb.WriteString(r.Value.Hex())
		sb.WriteByte(',')
		sb.WriteString(strings.ToLower(r.Buyer.Hex()))
		sb.WriteByte(',')
		sb.WriteString(r.Binding.Hex())
		sb.WriteString(",0x")
		sb.WriteString(hex.EncodeToString(r.Signature))
		sb.WriteByte(',')
		for i, p := range r.Proof {
			if i > 0 {
				sb.WriteByte(':')
			}
			sb.WriteString(p.Hex())
		}
	}
	return sb.String()
}

// RevealsDigest is SHA-256 of RevealsCanonical.
func RevealsDigest(rs []Reveal) [32]byte { return sha256.Sum256([]byte(RevealsCanonical(rs))) }

// RevealsExt is the hashcash extension binding a work stamp to the
// reveals: "reveal=" and RevealsDigest in lowercase hex.
func RevealsExt(rs []Reveal) string { return ext(revealExtName, RevealsDigest(rs)) }

const revealExtName = "reveal"

// ID is the request id of a reveal: the first 16 bytes of SHA-256 over
// "postage-reveal-ticket-v1\nchain=…\ncontract=…\nbook=…\nindex=…" in
// lowercase hex. It names the ticket, so the same ticket asked twice is
// one request and one transaction.
func (r Reveal) ID() string {
	return leafID("postage-reveal-ticket-v1", r.ChainID, r.Contract, "book", r.Book, r.Index)
}

func (r *record) reveal() Reveal {
	return Reveal{ChainID: r.ChainID, Contract: r.Contract, RevealRequest: ticketbook.RevealRequest{
		Book: r.Book, Index: r.Index, Value: r.Value, Proof: r.Proof, Buyer: r.Buyer, Binding: r.Binding, Signature: r.Signature,
	}}
}

func revealRequests(rs []Reveal) []ticketbook.RevealRequest {
	out := make([]ticketbook.RevealRequest, len(rs))
	for i, r := range rs {
		out[i] = r.RevealRequest
	}
	return out
}

// The chain side of reveals.

func (c *onChain) revealMsg(rs []Reveal) ([]byte, common.Address) {
	return ticketbook.RevealCallData(revealRequests(rs)), c.ticketBook
}

// simulateReveals runs the reveals from the relay's account against the
// pending state; a refusal is a *ticketbook.RevertError, anything else
// wraps errChain.
func (c *onChain) simulateReveals(ctx context.Context, rs []Reveal) error {
	data, to := c.revealMsg(rs)
	_, err := c.b.PendingCallContract(ctx, c.msgTo(to, data))
	return c.classifyTB(err)
}

func (c *onChain) estimateReveals(ctx context.Context, rs []Reveal) (uint64, error) {
	data, to := c.revealMsg(rs)
	gas, err := c.b.EstimateGas(ctx, c.msgTo(to, data))
	if err != nil {
		return 0, c.classifyTB(err)
	}
	return gas, nil
}

// bookBounty reads the bounty a book pays each reveal's submitter.
func (c *onChain) bookBounty(ctx context.Context, id common.Hash) (*big.Int, error) {
	out, err := c.b.CallContract(ctx, c.msgTo(c.ticketBook, c.tb.PackGetBook(id)), nil)
	if err != nil {
		return nil, c.classifyTB(err)
	}
	b, err := c.tb.UnpackGetBook(out)
	if err != nil {
		return nil, fmt.Errorf("decode book %s: %w", id, err)
	}
	if b.Bounty == nil {
		return new(big.Int), nil
	}
	return b.Bounty, nil
}

func (c *onChain) classifyTB(err error) error {
	if err == nil {
		return nil
	}
	if _, ok := chain.RevertData(err); ok {
		return ticketbook.DecodeError(err)
	}
	return fmt.Errorf("%w: %w", errChain, err)
}

// revealRefusal maps a contract refusal of a reveal to the API's error
// code and whether it is final for the ticket.
func revealRefusal(err error) (code string, final bool) {
	switch {
	case errors.Is(err, ticketbook.ErrTicketAlreadyRevealed):
		return CodeAlreadyRevealed, true
	case errors.Is(err, ticketbook.ErrNotAuthorized):
		return CodeNotAuthorized, true
	case errors.Is(err, ticketbook.ErrInvalidProof):
		return CodeInvalidProof, true
	case errors.Is(err, ticketbook.ErrUnknownBook):
		return CodeUnknownBook, true
	case errors.Is(err, ticketbook.ErrTooEarly):
		// Not final: the randomness block is not sealed yet.
		return CodeRevealRefused, false
	case errors.Is(err, chain.ErrReverted):
		return CodeRevealRefused, true
	}
	return CodeChainUnavailable, false
}

func revealRefusalMsg(r Reveal, err error) string {
	return refusalMsg(fmt.Sprintf("reveal ticket %d of book %s", r.Index, r.Book), err)
}

// The HTTP side.

func (r *Relay) handleReveals(w http.ResponseWriter, req *http.Request) {
	rr := new(RevealsRequest)
	if !r.submission(w, req, rr, "reveals request") {
		return
	}
	rs, err := rr.Parse(r.opts.BatchMax)
	if err != nil {
		writeCode(w, CodeBadRequest, err.Error())
		return
	}
	if r.chain.ticketBook == (common.Address{}) {
		writeCode(w, CodeWrongContract, "this relay sends no reveals (no ticket book contract configured)")
		return
	}
	if rs[0].ChainID != r.chain.chainID.Uint64() || rs[0].Contract != r.chain.ticketBook {
		writeCode(w, CodeWrongContract, fmt.Sprintf("this relay reveals on chain %d, ticket book %s; the request is for chain %d, contract %s",
			r.chain.chainID, r.chain.ticketBook, rs[0].ChainID, rs[0].Contract))
		return
	}
	res, err := r.checkStamp(req.Context(), rr.Work, revealExtName, RevealsDigest(rs))
	if err != nil {
		writeCode(w, CodeWorkInvalid, err.Error())
		return
	}
	if !r.spend(w, rr.Work, res.Expires) {
		return
	}
	out, code, msg := r.acceptReveals(req.Context(), rs)
	if code != "" {
		r.refuse(w, rr.Work, code, msg)
		return
	}
	status := http.StatusOK // all duplicates
	for _, o := range out {
		if !o.Duplicate {
			status = http.StatusAccepted
		}
	}
	writeJSON(w, status, RevealsResponse{Reveals: out})
}

// acceptReveals checks the reveals on chain, each alone and together, and
// queues them; all or none (but tickets already asked for are answered
// as duplicates). code is "" on success.
func (r *Relay) acceptReveals(ctx context.Context, rs []Reveal) (out []SubmitResponse, code, msg string) {
	out = make([]SubmitResponse, len(rs))
	var fresh []Reveal
	var freshAt []int
	for i, rv := range rs {
		old, err := r.store.get(rv.ID())
		if err != nil {
			r.log.Error("read queue", "err", err)
			return nil, CodeInternal, "cannot read the queue"
		}
		if old != nil && old.State != StateFailed {
			out[i] = SubmitResponse{ID: old.ID, Status: old.State, Duplicate: true}
			continue
		}
		fresh, freshAt = append(fresh, rv), append(freshAt, i)
	}
	if len(fresh) == 0 {
		return out, "", ""
	}

	select {
	case r.checks <- struct{}{}:
		defer func() { <-r.checks }()
	case <-ctx.Done():
		return nil, CodeChainUnavailable, "request cancelled"
	}
	ctx, cancel := context.WithTimeout(ctx, 20*time.Second)
	defer cancel()
	const unreachable = "the relay cannot reach its chain: retry later"

	bounty := new(big.Int)
	perBook := make(map[common.Hash]*big.Int)
	for _, rv := range fresh {
		if err := r.chain.simulateReveals(ctx, []Reveal{rv}); err != nil {
			code, _ := revealRefusal(err)
			if code == CodeChainUnavailable {
				r.log.Warn("simulate reveal", "err", err)
				return nil, code, unreachable
			}
			return nil, code, revealRefusalMsg(rv, err)
		}
		b, ok := perBook[rv.Book]
		if !ok {
			var err error
			if b, err = r.chain.bookBounty(ctx, rv.Book); err != nil {
				r.log.Warn("read book", "err", err)
				return nil, CodeChainUnavailable, unreachable
			}
			perBook[rv.Book] = b
		}
		bounty.Add(bounty, b)
	}
	gas, err := r.chain.estimateReveals(ctx, fresh)
	if err != nil {
		if code, _ := revealRefusal(err); code != CodeChainUnavailable {
			return nil, code, fmt.Sprintf("the contract refuses the reveals together: %v", err)
		}
		return nil, CodeChainUnavailable, unreachable
	}
	base, tip, err := r.chain.price(ctx)
	if err != nil {
		return nil, CodeChainUnavailable, unreachable
	}
	price := new(big.Int).Add(base, tip)
	if !covers(bounty, gas, price, r.opts.MarginPercent) {
		cost := new(big.Int).Mul(new(big.Int).SetUint64(gas), price)
		return nil, CodeBountyTooLow, fmt.Sprintf("the books' bounties of %s wei for %d reveals do not cover their gas (%d gas at %s wei = %s wei) plus the relay's %d%% margin",
			bounty, len(fresh), gas, price, cost, r.opts.MarginPercent)
	}

	now := r.opts.Now()
	for k, rv := range fresh {
		rec := &record{
			ID: rv.ID(), Kind: kindReveal, ChainID: rv.ChainID, Contract: rv.Contract, Book: rv.Book, Index: rv.Index,
			Value: rv.Value, Proof: rv.Proof, Buyer: rv.Buyer, Binding: rv.Binding, Signature: rv.Signature,
			BookBounty: perBook[rv.Book].String(), State: StateQueued, Next: now.Add(r.opts.BatchWait),
			Created: now, Updated: now,
		}
		got, dup, err := r.store.accept(rec, Hold{}, r.opts.BatchWait, r.opts.MaxQueued)
		switch {
		case errors.Is(err, errQueueFull):
			return nil, CodeQueueFull, fmt.Sprintf("%d requests are waiting: retry later", r.opts.MaxQueued)
		case err != nil:
			r.log.Error("queue request", "err", err)
			return nil, CodeInternal, "cannot write the queue"
		}
		out[freshAt[k]] = SubmitResponse{ID: got.ID, Status: got.State, Duplicate: dup}
		if !dup {
			r.log.Info("reveal request queued", "id", got.ID, "book", rv.Book, "index", rv.Index)
		}
	}
	r.notify()
	return out, "", ""
}
