package chain

import (
	"context"
	"fmt"
	"math/big"

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
	dep, err := d.Reader.Deposit(ctx, id)
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
		out.Confirmations = 1
		if need := d.Confirmations; need > 1 {
			ctx, cancel := d.Reader.rpc(ctx)
			defer cancel()
			head, err := d.Reader.Contract().Backend().BlockNumber(ctx)
			if err != nil {
				return postage.Deposit{}, fmt.Errorf("read block number: %w", err)
			}
			if head+1 >= need {
				then, err := d.Reader.Contract().ReadDeposit(ctx, id, new(big.Int).SetUint64(head+1-need))
				if err != nil {
					return postage.Deposit{}, err
				}
				if then.Exists() {
					out.Confirmations = need
				}
			}
		}
	}
	return out, nil
}

// Burned implements postage.DepositReader.
func (d *Deposits) Burned(ctx context.Context, ref postage.DepositRef, index uint32) (bool, error) {
	if err := d.owns(ref); err != nil {
		return false, err
	}
	return d.Reader.IsBurned(ctx, common.Hash(ref.ID), uint64(index))
}
