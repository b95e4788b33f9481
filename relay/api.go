package relay

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/postage-mail/postage/stake"
)

// API paths (docs/relay.md).
const (
	PathBurns   = "/v1/burns"
	PathReveals = "/v1/reveals"
	PathHealth  = "/v1/health"
)

// BurnRequest is the JSON body of POST /v1/burns. The deposit is named by
// creator and root, or by depositId; when all three are given they must
// agree. Hashes and addresses are 0x-prefixed hex.
type BurnRequest struct {
	ChainID   uint64   `json:"chainId"`
	Contract  string   `json:"contract"`
	Creator   string   `json:"creator,omitempty"`
	Root      string   `json:"root,omitempty"`
	DepositID string   `json:"depositId,omitempty"`
	Secret    string   `json:"secret"`
	Index     uint32   `json:"index"`
	Proof     []string `json:"proof"`
	// NotBefore (unix seconds) holds the burn until then: the recipient's
	// undo window. CancelHash (0x + 64 hex) is SHA-256 of a 32-byte cancel
	// token only the submitter knows; with it, POST
	// /v1/burns/{id}/cancel withdraws this submitter's request while it
	// waits. Both optional; when either is given the work stamp's
	// extension binds them too (see Hold.Digest).
	NotBefore  int64  `json:"notBefore,omitempty"`
	CancelHash string `json:"cancelHash,omitempty"`
	// Work is a hashcash v1 stamp minted for the relay's name, with the
	// extension burn=<Digest of this burn in hex> (see Burn.Ext).
	Work string `json:"work"`
}

// Hold is what a submitter attaches to a burn request: wait until
// NotBefore, and let whoever knows the token whose SHA-256 is CancelHash
// withdraw the request until then. The zero Hold asks for the burn at
// once, for good.
type Hold struct {
	NotBefore  time.Time
	CancelHash common.Hash
}

// IsZero reports whether h asks for nothing (burn at once, not
// cancellable).
func (h Hold) IsZero() bool { return h.NotBefore.IsZero() && h.CancelHash == (common.Hash{}) }

// Cancellable reports whether h carries a cancel hash.
func (h Hold) Cancellable() bool { return h.CancelHash != (common.Hash{}) }

// CancelHashOf is SHA-256 of a cancel token.
func CancelHashOf(token [32]byte) common.Hash { return sha256.Sum256(token[:]) }

// Digest is what a work stamp binds for burn b with hold h: b's Digest
// for the zero Hold, else SHA-256 of b's Canonical text followed by the
// lines "notBefore=<unix seconds, decimal; 0 for none>" and
// "cancel=<0x + 64 lowercase hex; empty for none>", joined by "\n".
func (h Hold) Digest(b Burn) [32]byte {
	if h.IsZero() {
		return b.Digest()
	}
	nb := int64(0)
	if !h.NotBefore.IsZero() {
		nb = h.NotBefore.Unix()
	}
	c := ""
	if h.Cancellable() {
		c = h.CancelHash.Hex()
	}
	return sha256.Sum256([]byte(b.Canonical() + "\nnotBefore=" + strconv.FormatInt(nb, 10) + "\ncancel=" + c))
}

// Ext is the work stamp extension for burn b with hold h.
func (h Hold) Ext(b Burn) string {
	d := h.Digest(b)
	return extName + "=" + hex.EncodeToString(d[:])
}

// ParseHold checks the request's hold fields.
func (r *BurnRequest) ParseHold() (Hold, error) {
	var h Hold
	if r.NotBefore < 0 {
		return h, badRequest("notBefore %d: want unix seconds", r.NotBefore)
	}
	if r.NotBefore > 0 {
		h.NotBefore = time.Unix(r.NotBefore, 0)
	}
	if r.CancelHash != "" {
		c, err := stake.ParseHash(r.CancelHash)
		if err != nil {
			return h, badRequest("cancelHash: %v", err)
		}
		if common.Hash(c) == (common.Hash{}) {
			return h, badRequest("cancelHash is zero")
		}
		h.CancelHash = common.Hash(c)
	}
	return h, nil
}

// CancelRequest is the JSON body of POST /v1/burns/{id}/cancel.
type CancelRequest struct {
	// Token is the 32-byte cancel token (0x + 64 hex) whose SHA-256 a
	// submission of this request carried as cancelHash.
	Token string `json:"token"`
}

// Burn is one leaf's burn as the relay sends it.
type Burn struct {
	ChainID   uint64
	Contract  common.Address
	DepositID common.Hash
	Secret    common.Hash
	Index     uint32
	Proof     []common.Hash
}

// ErrBadRequest is wrapped by every error the requests' Parse methods return.
var ErrBadRequest = errors.New("bad relay request")

func badRequest(format string, a ...any) error {
	return fmt.Errorf("%w: %s", ErrBadRequest, fmt.Sprintf(format, a...))
}

// Parse checks the request's fields (not the work stamp) and returns the
// burn it asks for.
func (r *BurnRequest) Parse() (Burn, error) {
	var b Burn
	if r.ChainID == 0 {
		return b, badRequest("chainId missing")
	}
	b.ChainID = r.ChainID
	a, err := stake.ParseAddress(r.Contract)
	if err != nil {
		return b, badRequest("contract: %v", err)
	}
	b.Contract = common.Address(a)
	var byID, byRoot bool
	if r.DepositID != "" {
		h, err := stake.ParseHash(r.DepositID)
		if err != nil {
			return b, badRequest("depositId: %v", err)
		}
		b.DepositID, byID = common.Hash(h), true
	}
	if r.Creator != "" || r.Root != "" {
		creator, err := stake.ParseAddress(r.Creator)
		if err != nil {
			return b, badRequest("creator: %v", err)
		}
		if creator.IsZero() {
			return b, badRequest("creator is the zero address")
		}
		root, err := stake.ParseHash(r.Root)
		if err != nil {
			return b, badRequest("root: %v", err)
		}
		id := common.Hash(stake.DepositID(creator, root))
		if byID && id != b.DepositID {
			return b, badRequest("depositId %s is not the id of creator %s and root %s (%s)", b.DepositID, creator, root, id)
		}
		b.DepositID, byRoot = id, true
	}
	if !byID && !byRoot {
		return b, badRequest("name the deposit: creator and root, or depositId")
	}
	s, err := stake.ParseHash(r.Secret)
	if err != nil {
		return b, badRequest("secret: %v", err)
	}
	b.Secret = common.Hash(s)
	if r.Index >= stake.MaxLeaves {
		return b, badRequest("index %d: a deposit has at most %d leaves", r.Index, stake.MaxLeaves)
	}
	b.Index = r.Index
	if len(r.Proof) > stake.MaxDepth {
		return b, badRequest("proof has %d elements, at most %d", len(r.Proof), stake.MaxDepth)
	}
	b.Proof = make([]common.Hash, len(r.Proof))
	for i, p := range r.Proof {
		h, err := stake.ParseHash(p)
		if err != nil {
			return b, badRequest("proof[%d]: %v", i, err)
		}
		b.Proof[i] = common.Hash(h)
	}
	return b, nil
}

// RequestHeld returns the JSON request for b with hold h and the work
// stamp (minted for h.Ext(b)).
func (b Burn) RequestHeld(h Hold, work string) BurnRequest {
	r := b.Request(work)
	if !h.NotBefore.IsZero() {
		r.NotBefore = h.NotBefore.Unix()
	}
	if h.Cancellable() {
		r.CancelHash = h.CancelHash.Hex()
	}
	return r
}

// Request returns the JSON request for b carrying the work stamp.
func (b Burn) Request(work string) BurnRequest {
	proof := make([]string, len(b.Proof))
	for i, p := range b.Proof {
		proof[i] = p.Hex()
	}
	return BurnRequest{
		ChainID:   b.ChainID,
		Contract:  b.Contract.Hex(),
		DepositID: b.DepositID.Hex(),
		Secret:    b.Secret.Hex(),
		Index:     b.Index,
		Proof:     proof,
		Work:      work,
	}
}

// Canonical is the text the work stamp is bound to: the lines
//
//	postage-burn-v1
//	chain=<chain id, decimal>
//	contract=<0x + 40 lowercase hex>
//	deposit=<0x + 64 lowercase hex>
//	index=<leaf index, decimal>
//	secret=<0x + 64 lowercase hex>
//	proof=<0x + 64 lowercase hex, comma-separated; empty for no proof>
//
// joined by "\n", with no final newline.
func (b Burn) Canonical() string {
	var sb strings.Builder
	sb.WriteString("postage-burn-v1\nchain=")
	sb.WriteString(strconv.FormatUint(b.ChainID, 10))
	sb.WriteString("\ncontract=")
	sb.WriteString(strings.ToLower(b.Contract.Hex()))
	sb.WriteString("\ndeposit=")
	sb.WriteString(b.DepositID.Hex())
	sb.WriteString("\nindex=")
	sb.WriteString(strconv.FormatUint(uint64(b.Index), 10))
	sb.WriteString("\nsecret=")
	sb.WriteString(b.Secret.Hex())
	sb.WriteString("\nproof=")
	for i, p := range b.Proof {
		if i > 0 {
			sb.WriteByte(',')
		}
		sb.WriteString(p.Hex())
	}
	return sb.String()
}

// Digest is SHA-256 of Canonical.
func (b Burn) Digest() [32]byte { return sha256.Sum256([]byte(b.Canonical())) }

// Ext is the hashcash extension field binding a work stamp to this burn:
// "burn=" and the Digest in lowercase hex. A stamp whose extension differs
// is refused, so a stamp minted for one request is worthless for another.
func (b Burn) Ext() string { return ext(extName, b.Digest()) }

// ext is a hashcash extension binding a stamp to a request: name, "=" and
// the request's digest in lowercase hex.
func ext(name string, digest [32]byte) string { return name + "=" + hex.EncodeToString(digest[:]) }

const extName = "burn"

// ID is the request id: the first 16 bytes of SHA-256 over
// "postage-burn-leaf-v1\nchain=…\ncontract=…\ndeposit=…\nindex=…" (the
// first five lines of Canonical), in lowercase hex. It names the leaf, not
// the submission, so asking twice for the same leaf gives the same id and
// one transaction. It reveals nothing the chain will not show once the
// leaf burns, and never the secret.
func (b Burn) ID() string {
	return leafID("postage-burn-leaf-v1", b.ChainID, b.Contract, "deposit", b.DepositID, b.Index)
}

// leafID is the request id of one leaf, of a deposit (a burn) or of a
// ticket book (a reveal): the first 16 bytes of SHA-256 over
// "<tag>\nchain=…\ncontract=<lowercase hex>\n<key>=<hex>\nindex=…", in
// lowercase hex.
func leafID(tag string, chainID uint64, contract common.Address, key string, of common.Hash, index uint32) string {
	s := tag + "\nchain=" + strconv.FormatUint(chainID, 10) +
		"\ncontract=" + strings.ToLower(contract.Hex()) +
		"\n" + key + "=" + of.Hex() +
		"\nindex=" + strconv.FormatUint(uint64(index), 10)
	d := sha256.Sum256([]byte(s))
	return hex.EncodeToString(d[:16])
}

// validID reports whether s looks like an ID (32 lowercase hex digits).
func validID(s string) bool {
	if len(s) != 32 {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f') {
			return false
		}
	}
	return true
}

// Request states.
const (
	// StateQueued: accepted, waiting to be sent (or to be retried).
	StateQueued = "queued"
	// StateSent: in a transaction that is broadcast and not yet mined.
	StateSent = "sent"
	// StateBurned: this relay's transaction burned the leaf.
	StateBurned = "burned"
	// StateAlreadyBurned: the leaf was burned by someone else first.
	StateAlreadyBurned = "already_burned"
	// StateFailed: the relay gave up; Error says why.
	StateFailed = "failed"
	// StateRevealed: this relay's transaction revealed the ticket.
	StateRevealed = "revealed"
	// StateAlreadyRevealed: the ticket was revealed by someone else first.
	StateAlreadyRevealed = "already_revealed"
	// StateCancelled: every submitter that held the burn cancelled it
	// before it was sent; nothing was sent.
	StateCancelled = "cancelled"
)

// Final reports whether a state never changes again.
func Final(state string) bool {
	return state == StateBurned || state == StateAlreadyBurned || state == StateFailed ||
		state == StateRevealed || state == StateAlreadyRevealed || state == StateCancelled
}

// SubmitResponse is the body of a successful POST /v1/burns.
type SubmitResponse struct {
	ID     string `json:"id"`
	Status string `json:"status"`
	// Duplicate is true when the leaf was already asked for: the answer is
	// the existing request, and no second transaction will be sent.
	Duplicate bool `json:"duplicate"`
}

// Status is the body of GET /v1/burns/{id} and GET /v1/reveals/{id}.
type Status struct {
	ID     string `json:"id"`
	Status string `json:"status"`
	// Kind is "burn" or "reveal".
	Kind     string `json:"kind"`
	ChainID  uint64 `json:"chainId"`
	Contract string `json:"contract"`
	// DepositID names a burn's deposit, Book a reveal's ticket book.
	DepositID string `json:"depositId,omitempty"`
	Book      string `json:"book,omitempty"`
	Index     uint32 `json:"index"`
	// Attempts counts sending attempts that failed and were retried.
	Attempts int `json:"attempts"`
	// NextAttempt is when a queued request is tried next.
	NextAttempt *time.Time `json:"nextAttempt,omitempty"`
	// Error is why the last attempt failed (queued) or why the relay gave
	// up (failed).
	Error string `json:"error,omitempty"`
	// Tx is the transaction that carries (sent) or carried (burned) the
	// burn.
	Tx    string `json:"tx,omitempty"`
	Block uint64 `json:"block,omitempty"`
	// Bounty is the wei this burn or reveal paid the relay (burned or
	// revealed only; "0" for a reveal whose payout was queued, whose
	// bounty is credited to the relay when the book's pool pays it).
	Bounty string `json:"bounty,omitempty"`
	// Queued is true for a reveal whose payout waits in the book's queue.
	Queued bool `json:"queued,omitempty"`
	// NotBefore is when a held burn may be sent at the earliest;
	// Cancellable whether every submission so far carried a cancel hash
	// (a request anyone asked for without one is never cancelled).
	NotBefore   *time.Time `json:"notBefore,omitempty"`
	Cancellable bool       `json:"cancellable,omitempty"`
	CreatedAt   time.Time  `json:"createdAt"`
	UpdatedAt   time.Time  `json:"updatedAt"`
}

// Health is the body of GET /v1/health: what a client needs to mint work
// stamps for this relay, and whether it can send burns now.
type Health struct {
	// Status is "ok", or "degraded" when the chain cannot be read or the
	// relay's account cannot pay for gas (HTTP 503).
	Status string `json:"status"`
	// Problems lists what is wrong when Status is "degraded".
	Problems []string `json:"problems,omitempty"`
	// Name is the hashcash resource work stamps must be minted for.
	Name string `json:"name"`
	// Bits is the least work a request's stamp must have.
	Bits int `json:"bits"`
	// StampValidity is how long after its date a stamp is accepted, in
	// seconds.
	StampValidity int64  `json:"stampValidity"`
	ChainID       uint64 `json:"chainId"`
	Contract      string `json:"contract"`
	// TicketBook is the TicketBook contract whose reveals the relay sends
	// (POST /v1/reveals); empty when it relays burns only.
	TicketBook string `json:"ticketBook,omitempty"`
	// Account sends the burns and reveals and receives the bounties;
	// reveal signatures must name it.
	Account string `json:"account"`
	// Balance of Account in wei ("" when the chain cannot be read).
	Balance string `json:"balance,omitempty"`
	// MarginPercent: a burn is accepted when its bounty is at least the
	// gas cost times (100 + MarginPercent) / 100.
	MarginPercent uint64 `json:"marginPercent"`
	// MaxReveals is the most reveals one POST /v1/reveals may carry.
	MaxReveals int `json:"maxReveals,omitempty"`
	// MaxBody is the largest request body accepted, in bytes.
	MaxBody int64 `json:"maxBody"`
	// Queued and InFlight count requests waiting and sent.
	Queued   int `json:"queued"`
	InFlight int `json:"inFlight"`
}

// Error codes in ErrorBody.Code; docs/relay.md gives the HTTP status of
// each.
const (
	CodeBadRequest       = "bad_request"
	CodeUnsupportedMedia = "unsupported_media_type"
	CodeBodyTooLarge     = "body_too_large"
	CodeWrongContract    = "wrong_contract"
	CodeWorkInvalid      = "work_invalid"
	CodeWorkReplayed     = "work_replayed"
	CodeAlreadyBurned    = "already_burned"
	CodeInvalidProof     = "invalid_proof"
	CodeUnknownDeposit   = "unknown_deposit"
	CodeDepositWithdrawn = "deposit_withdrawn"
	CodeBountyTooLow     = "bounty_too_low"
	CodeRefused          = "burn_refused"
	CodeRateLimited      = "rate_limited"
	CodeQueueFull        = "queue_full"
	CodeChainUnavailable = "chain_unavailable"
	CodeNotFound         = "not_found"
	// CodeTooLate: a cancel for a request already sent or finished.
	CodeTooLate = "too_late"
	// Reveal refusals (POST /v1/reveals).
	CodeAlreadyRevealed = "already_revealed"
	CodeNotAuthorized   = "not_authorized"
	CodeUnknownBook     = "unknown_book"
	CodeRevealRefused   = "reveal_refused"
	CodeInternal        = "internal"
)

// ErrorBody is the JSON body of every error response.
type ErrorBody struct {
	Error struct {
		Code    string `json:"code"`
		Message string `json:"message"`
	} `json:"error"`
}
