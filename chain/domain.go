package chain

import (
	"context"
	"fmt"

	"github.com/ethereum/go-ethereum/common"

	"github.com/postage-mail/postage"
)

// Deposits answers the checker's questions (postage.DepositReader) from a
// Reader of one contract on one chain.
type Deposits struct {
	Reader  *Reader
	ChainID uint64
	// Confirmations the receiver policy asks for: a deposit that does not
	// yet exist Confirmations-1 blocks below the head reports fewer. One
	// extra eth_call, made only when more than 1 is asked for.
	Confirmations uint64
}

var _ postage.DepositReader = (*Deposits)(nil)

func (d *Deposits) owns(ref postage.DepositRef) error {
	if ref.ChainID != d.ChainID || common.Address(ref.Address) != d.Reader.Contract().Address() {
		return fmt.Errorf("deposit contract %s is not the one this reader follows (%d:%s)", ref.ContractRef, d.ChainID, d.Reader.Contract().Address())
	}
	return nil
}

// Deposit implements postage.DepositReader.
func (d *Deposits) Deposit(ctx context.Context, ref postage.DepositRef) (postage.Deposit, error) {
	if err := d.owns(ref); err != nil {
		return postage.Deposit{}, err
	}
	id := common.Hash(ref.ID)
	dep, seen, err := d.Reader.deposit(ctx, id)
	if err != nil {
		return postage.Deposit{}, err
	}
	delay, err := d.Reader.Delay(ctx)
	if err != nil {
		return postage.Deposit{}, err
	}
	out := postage.Deposit{
		Status:    postage.DepositStatus(dep.Status), // same numbering as the contract
		Value:     dep.Value,
		Leaves:    dep.Leaves,
		CreatedAt: dep.CreatedAt,
		Delay:     delay,
		Bounty:    dep.BountyPerLeaf,
	}
	if dep.Exists() {
		out.Confirmations, err = d.confirmations(ctx, dep, seen)
		if err != nil {
			return postage.Deposit{}, err
		}
	}
	return out, nil
}

// confirmations counts the blocks that hold the existing deposit dep, as
// far as the policy asks (at most Confirmations). A deposit the watcher
// saw made (its Deposited event) has exactly the blocks from that one up
// to the last head the watcher checked: never more than the chain holds,
// and no call to make (it may lag the chain by one poll). Otherwise, when
// the watcher knows fewer than asked for, the deposit is confirmed when
// it is older than the block Confirmations-2 below the head: its creation
// time (its block's timestamp) is before that block's, and timestamps
// never decrease along a chain, so it is in the block Confirmations-1
// below the head or an older one. That takes the head (the watcher's, or
// one block number read) and one header read, shared by every deposit
// checked at that head, and works on nodes that keep no old state. A
// deposit found that deep is remembered so, and the question is asked
// once.
func (d *Deposits) confirmations(ctx context.Context, dep Deposit, s seen) (uint64, error) {
	need := d.Confirmations
	if need <= 1 || s.n >= need || s.exact {
		return max(s.n, 1), nil
	}
	r := d.Reader
	r.mu.Lock()
	epoch, head, live := r.epoch, r.headN, r.liveLocked()
	r.mu.Unlock()
	if !live {
		ctx, cancel := r.rpc(ctx)
		defer cancel()
		var err error
		if head, err = r.Contract().Backend().BlockNumber(ctx); err != nil {
			return 0, fmt.Errorf("read block number: %w", err)
		}
	}
	if head+1 < need {
		return max(s.n, 1), nil
	}
	// Created before block head+2-need: in block head+1-need or older.
	next := head + 2 - need
	t, err := r.blockTime(ctx, epoch, next)
	if err != nil {
		return 0, err
	}
	if !dep.CreatedAt.Before(t) {
		return max(s.n, 1), nil
	}
	r.noteBlock(dep.ID, epoch, next-1)
	return need, nil
}

// Burned implements postage.DepositReader.
func (d *Deposits) Burned(ctx context.Context, ref postage.DepositRef, index uint32) (bool, error) {
	if err := d.owns(ref); err != nil {
		return false, err
	}
	return d.Reader.IsBurned(ctx, common.Hash(ref.ID), uint64(index))
}
