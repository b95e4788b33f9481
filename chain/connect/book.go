package connect

import (
	"context"
	"errors"
	"fmt"
	"math"
	"os"
	"time"

	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/common"

	"github.com/postage-mail/postage/chain"
	"github.com/postage-mail/postage/chain/canonical"
	"github.com/postage-mail/postage/chain/ticketbook"
)

// ErrNoBookContract: no TicketBook configured or recorded for this chain.
var ErrNoBookContract = errors.New("no ticket book contract: set book.contract, or run `postage book deploy`")

// BookOptions say which TicketBook to follow.
type BookOptions struct {
	// Contract is book.contract; zero: the deployment recorded in Dir.
	Contract common.Address
	// Dir is the book directory (its deployment.json).
	Dir string
	// BlockTime is book.block_time; zero: measured on the chain.
	BlockTime time.Duration
}

// Book is a connection to the TicketBook contract.
type Book struct {
	*chain.Conn // client, chain id; its deposit contract is nil
	Book        *ticketbook.Contract
	Params      ticketbook.Params
	BlockTime   time.Duration // BookOptions.BlockTime, else measured
}

// ConnectBook dials the chain and finds the TicketBook: b.Contract, else
// the deployment recorded for this chain (ErrNoBookContract if none).
func ConnectBook(ctx context.Context, o Options, b BookOptions) (*Book, error) {
	c, err := Dial(ctx, o)
	if err != nil {
		return nil, err
	}
	bc, err := followBook(ctx, c, b)
	if err != nil {
		c.Close()
		return nil, err
	}
	return bc, nil
}

func followBook(ctx context.Context, c *chain.Conn, b BookOptions) (*Book, error) {
	addr := b.Contract
	if addr == (common.Address{}) {
		d, err := ticketbook.ReadDeployment(b.Dir)
		switch {
		case errors.Is(err, os.ErrNotExist):
			return nil, ErrNoBookContract
		case err != nil:
			return nil, err
		case d.ChainID != c.ChainID.Uint64():
			return nil, fmt.Errorf("the recorded ticket book contract is on chain %d, connected to %d: %w", d.ChainID, c.ChainID, ErrNoBookContract)
		}
		addr = d.Contract
	}
	bc := &Book{Conn: c, Book: ticketbook.NewContract(c.Client, addr), BlockTime: b.BlockTime}
	var err error
	if bc.Params, err = bc.Book.Check(ctx); err != nil {
		return nil, fmt.Errorf("ticket book contract %s on chain %d: %w", addr, c.ChainID, err)
	}
	// Follow only a genuine build of TicketBook (chain/canonical).
	if p := bc.Params; p.RandomnessDelay > math.MaxUint32 || p.Epoch > math.MaxUint32 {
		return nil, fmt.Errorf("ticket book contract %s on chain %d: refusing to follow it: parameters %+v out of range", addr, c.ChainID, p)
	} else if err := canonical.VerifyTicketBook(ctx, c.Client, addr, uint32(p.RandomnessDelay), uint32(p.Epoch)); err != nil {
		return nil, fmt.Errorf("ticket book contract %s on chain %d: refusing to follow it: %w", addr, c.ChainID, err)
	}
	if bc.BlockTime == 0 {
		if bc.BlockTime, err = chain.MeasureBlockTime(ctx, c.Client); err != nil {
			return nil, err
		}
	}
	return bc, nil
}

// Deployed is the TicketBook recorded in dir for c's chain, if its code
// answers there.
func Deployed(ctx context.Context, c *chain.Conn, dir string) (ticketbook.Deployment, bool) {
	d, err := ticketbook.ReadDeployment(dir)
	if err != nil || d.ChainID != c.ChainID.Uint64() {
		return d, false
	}
	_, err = ticketbook.NewContract(c.Client, d.Contract).Check(ctx)
	return d, err == nil
}

// DeployBook deploys a TicketBook with these parameters at its canonical
// address (chain/canonical; found there if already deployed), signed by
// opts, and records it in dir.
func DeployBook(ctx context.Context, c *chain.Conn, opts *bind.TransactOpts, dir string, randomnessDelay, epoch uint32) (ticketbook.Deployment, error) {
	dep, err := canonical.DeployTicketBook(ctx, c.Client, opts, randomnessDelay, epoch)
	if err != nil {
		return ticketbook.Deployment{}, err
	}
	d := ticketbook.Deployment{ChainID: c.ChainID.Uint64(), Contract: dep.Address, RandomnessDelay: randomnessDelay, Epoch: epoch, TxHash: dep.Tx}
	if dep.Tx != (common.Hash{}) {
		if r, err := c.Client.TransactionReceipt(ctx, dep.Tx); err == nil {
			d.Block = r.BlockNumber.Uint64()
		}
	}
	return d, ticketbook.WriteDeployment(dir, d)
}

// ConnectOrDeployBook is ConnectBook, and on the embedded chain with no
// TicketBook yet it deploys one first (what `postage serve` does on its
// first start), signed with what sign returns. deployed is set when it did.
func ConnectOrDeployBook(ctx context.Context, o Options, b BookOptions, sign func(*chain.Conn) (*bind.TransactOpts, error), randomnessDelay, epoch uint32) (bc *Book, deployed *ticketbook.Deployment, err error) {
	bc, err = ConnectBook(ctx, o, b)
	if !errors.Is(err, ErrNoBookContract) {
		return bc, nil, err
	}
	c, derr := Dial(ctx, o)
	if derr != nil {
		return nil, nil, err
	}
	defer c.Close()
	if !c.Embedded {
		return nil, nil, err
	}
	opts, err := sign(c)
	if err != nil {
		return nil, nil, err
	}
	d, err := DeployBook(ctx, c, opts, b.Dir, randomnessDelay, epoch)
	if err != nil {
		return nil, nil, err
	}
	bc, err = ConnectBook(ctx, o, b)
	return bc, &d, err
}
