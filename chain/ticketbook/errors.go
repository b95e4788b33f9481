package ticketbook

import (
	"errors"

	"github.com/ethereum/go-ethereum/accounts/abi"

	"github.com/postage-mail/postage/chain"
)

// Sentinels for the TicketBook refusals callers branch on. A *RevertError
// matches the one for its error name and chain.ErrReverted.
var (
	ErrUnknownBook           = errors.New("unknown book")
	ErrBookNotOpen           = errors.New("book does not sell tickets")
	ErrBookSoldOut           = errors.New("book sold out")
	ErrBookIsClosed          = errors.New("book closed")
	ErrTicketNotSold         = errors.New("ticket not sold")
	ErrTicketAlreadyRevealed = errors.New("ticket already revealed")
	ErrWrongCommitment       = errors.New("buyer or binding do not match the ticket")
	ErrNotAuthorized         = errors.New("not the book's agent, nor signed by it")
	ErrTooEarly              = errors.New("randomness block not sealed yet")
	ErrRevealWindowClosed    = errors.New("reveal window closed")
	ErrSeedUnavailable       = errors.New("seed unavailable")
	ErrInvalidProof          = errors.New("invalid proof")
	ErrParityMismatch        = errors.New("coin does not match")
	ErrBookStillRevealing    = errors.New("book still in its reveal windows")
	ErrQueueNotEmpty         = errors.New("payouts still queued")
	ErrNothingToClaim        = errors.New("nothing to claim")
	ErrWrongPayment          = errors.New("wrong payment")
)

var sentinels = map[string]error{
	"UnknownBook":           ErrUnknownBook,
	"BookNotOpen":           ErrBookNotOpen,
	"BookSoldOut":           ErrBookSoldOut,
	"BookIsClosed":          ErrBookIsClosed,
	"TicketNotSold":         ErrTicketNotSold,
	"TicketAlreadyRevealed": ErrTicketAlreadyRevealed,
	"WrongCommitment":       ErrWrongCommitment,
	"NotAuthorized":         ErrNotAuthorized,
	"TooEarly":              ErrTooEarly,
	"RevealWindowClosed":    ErrRevealWindowClosed,
	"SeedUnavailable":       ErrSeedUnavailable,
	"InvalidProof":          ErrInvalidProof,
	"ProofLengthMismatch":   ErrInvalidProof,
	"ParityMismatch":        ErrParityMismatch,
	"BookStillRevealing":    ErrBookStillRevealing,
	"QueueNotEmpty":         ErrQueueNotEmpty,
	"NothingToClaim":        ErrNothingToClaim,
	"WrongPayment":          ErrWrongPayment,
}

// RevertError is a TicketBook refusal: chain's decoded revert, matching
// this package's sentinel for its name as well.
type RevertError struct{ *chain.RevertError }

// Unwrap lets errors.Is match the sentinel and chain.ErrReverted.
func (e *RevertError) Unwrap() []error {
	if s, ok := sentinels[e.Name]; ok {
		return []error{s, e.RevertError}
	}
	return []error{e.RevertError}
}

// decodeRevert decodes revert data with the TicketBook ABI.
func decodeRevert(a *abi.ABI, data []byte) error {
	err := chain.DecodeRevert(a, data)
	var re *chain.RevertError
	if errors.As(err, &re) {
		return &RevertError{re}
	}
	return err
}

// asRevert converts an RPC error into a decoded revert when it is one.
func asRevert(a *abi.ABI, err error) error {
	if err == nil {
		return nil
	}
	data, ok := chain.RevertData(err)
	if !ok {
		return err
	}
	return decodeRevert(a, data)
}
