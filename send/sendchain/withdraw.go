package sendchain

import (
	"context"
	"errors"
	"fmt"
	"math/big"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"

	"github.com/postage-mail/postage/chain"
)

// WithdrawWriter is what a withdrawal by hand needs of the chain: a
// chain.Writer.
type WithdrawWriter interface {
	StartWithdrawal(ctx context.Context, id common.Hash) (time.Time, *types.Receipt, error)
	Withdraw(ctx context.Context, id common.Hash) (*big.Int, *types.Receipt, error)
}

// Started is a withdrawal started by hand (postage withdraw start).
type Started struct {
	ID, Tx common.Hash
	Unlock time.Time
}

// Describe is what postage withdraw start prints at now.
func (s Started) Describe(now time.Time) string {
	return fmt.Sprintf("withdrawal of deposit %s started (tx %s)\nunlocks at %s (in %s); then run: postage withdraw finish %s\n",
		s.ID.Hex(), s.Tx.Hex(), s.Unlock.UTC().Format(time.RFC3339), s.Unlock.Sub(now).Round(time.Second), s.ID.Hex())
}

// Withdrawn is a deposit paid back by hand (postage withdraw finish).
type Withdrawn struct {
	ID, Tx common.Hash
	Amount *big.Int
}

// Describe is what postage withdraw finish prints.
func (w Withdrawn) Describe() string {
	return fmt.Sprintf("withdrew %s from deposit %s (tx %s)\n", chain.FormatWei(w.Amount), w.ID.Hex(), w.Tx.Hex())
}

// refusal is a chain error worded for the sender (DescribeRefusal, or the
// too-early message), still wrapping the chain's error.
type refusal struct {
	msg string
	err error
}

func (e *refusal) Error() string { return e.msg }
func (e *refusal) Unwrap() error { return e.err }

// StartWithdrawal starts the withdrawal of deposit id. A refusal says what
// to do (DescribeRefusal) and wraps the chain's error.
func StartWithdrawal(ctx context.Context, w WithdrawWriter, id common.Hash) (Started, error) {
	unlock, rcpt, err := w.StartWithdrawal(ctx, id)
	if err != nil {
		return Started{}, &refusal{DescribeRefusal(err, id), err}
	}
	return Started{ID: id, Tx: rcpt.TxHash, Unlock: unlock}, nil
}

// FinishWithdrawal withdraws deposit id. Before its unlock time the error
// says when to try again and wraps the *chain.LockedError; other refusals
// are worded as in StartWithdrawal.
func FinishWithdrawal(ctx context.Context, w WithdrawWriter, id common.Hash) (Withdrawn, error) {
	amount, rcpt, err := w.Withdraw(ctx, id)
	var le *chain.LockedError
	if errors.As(err, &le) {
		return Withdrawn{}, &refusal{fmt.Sprintf("too early: deposit %s unlocks at %s (in %s); try again after that",
			id.Hex(), le.UnlockAt.UTC().Format(time.RFC3339), le.UnlockAt.Sub(le.Now).Round(time.Second)), err}
	}
	if err != nil {
		return Withdrawn{}, &refusal{DescribeRefusal(err, id), err}
	}
	return Withdrawn{ID: id, Tx: rcpt.TxHash, Amount: amount}, nil
}
