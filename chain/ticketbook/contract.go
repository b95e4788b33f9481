// Package ticketbook is postage's client of the TicketBook contract (the
// deniable stake mode, docs/deniable.md) over any Ethereum JSON-RPC
// endpoint: reads of books, tickets, seeds and credits, and a Writer that
// opens books, buys tickets, records seeds, reveals (as the agent, or as a
// relay holding the agent's signature), tops up, retires, closes and
// claims, waiting for each receipt. Refusals come back as *RevertError
// values that match this package's sentinels and chain.ErrReverted.
//
// It follows package chain's patterns and goes through the same
// chain.Backend interface, so it works against the embedded chain, geth,
// a testnet or the simulated backend alike.
package ticketbook

import (
	"context"
	"fmt"
	"math/big"

	"github.com/ethereum/go-ethereum/accounts/abi"
	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/postage-mail/postage/chain"
	"github.com/postage-mail/postage/contracts"
)

// Contract is the TicketBook contract at one address on one chain.
type Contract struct {
	backend chain.Backend
	address common.Address
	binding *contracts.TicketBook
	abi     *abi.ABI
	bound   *bind.BoundContract
}

// NewContract binds the contract at address without touching the network.
func NewContract(b chain.Backend, address common.Address) *Contract {
	binding := contracts.NewTicketBook()
	a := binding.GetABI()
	return &Contract{backend: b, address: address, binding: binding, abi: &a, bound: binding.Instance(b, address)}
}

// Address is the contract's address.
func (c *Contract) Address() common.Address { return c.address }

// Backend is the endpoint the contract is reached through.
func (c *Contract) Backend() chain.Backend { return c.backend }

// Params are the contract's immutables.
type Params struct {
	RandomnessDelay uint64 // blocks from a purchase to the earliest randomness block
	Epoch           uint64 // randomness blocks are multiples of this
}

// RandomnessBlock is the block whose hash decides a ticket bought in block bought.
func (p Params) RandomnessBlock(bought uint64) uint64 {
	return (bought + p.RandomnessDelay + p.Epoch - 1) / p.Epoch * p.Epoch
}

// Check verifies that a TicketBook answers at the address and returns its
// parameters.
func (c *Contract) Check(ctx context.Context) (Params, error) {
	code, err := c.backend.CodeAt(ctx, c.address, nil)
	if err != nil {
		return Params{}, fmt.Errorf("check ticket book contract %s: %w", c.address, err)
	}
	if len(code) == 0 {
		return Params{}, fmt.Errorf("check ticket book contract %s: %w", c.address, chain.ErrNoContract)
	}
	return c.Params(ctx)
}

// Params reads randomnessDelay and epoch.
func (c *Contract) Params(ctx context.Context) (Params, error) {
	out, err := c.call(ctx, c.binding.PackRandomnessDelay())
	if err != nil {
		return Params{}, fmt.Errorf("ticket book %s: randomnessDelay: %w", c.address, err)
	}
	k, err := c.binding.UnpackRandomnessDelay(out)
	if err != nil {
		return Params{}, fmt.Errorf("ticket book %s: not a TicketBook: %w", c.address, err)
	}
	out, err = c.call(ctx, c.binding.PackEpoch())
	if err != nil {
		return Params{}, fmt.Errorf("ticket book %s: epoch: %w", c.address, err)
	}
	e, err := c.binding.UnpackEpoch(out)
	if err != nil || e == 0 {
		return Params{}, fmt.Errorf("ticket book %s: not a TicketBook (epoch %d): %v", c.address, e, err)
	}
	return Params{RandomnessDelay: uint64(k), Epoch: uint64(e)}, nil
}

func (c *Contract) call(ctx context.Context, data []byte) ([]byte, error) {
	out, err := c.bound.CallRaw(&bind.CallOpts{Context: ctx}, data)
	if err != nil {
		return nil, asRevert(c.abi, err)
	}
	return out, nil
}

// BookStatus is a book's place in its life, numbered as the contract does.
type BookStatus uint8

// Book states.
const (
	BookNone BookStatus = iota
	BookOpen
	BookRetired
	BookClosed
)

func (s BookStatus) String() string {
	switch s {
	case BookNone:
		return "none"
	case BookOpen:
		return "open"
	case BookRetired:
		return "retired"
	case BookClosed:
		return "closed"
	}
	return fmt.Sprintf("status(%d)", uint8(s))
}

// Book is a book's state on chain.
type Book struct {
	ID           common.Hash
	Owner        common.Address
	Agent        common.Address
	Stake        *big.Int // ticket price s
	Bounty       *big.Int // paid to a reveal's submitter out of 2s
	Leaves       uint32
	Sold         uint32
	Window       uint64 // blocks after the randomness block
	CreatedBlock uint64
	LastBuyBlock uint64
	Status       BookStatus
	Pool         *big.Int
	Reserve      *big.Int
	Queued       uint32 // payouts waiting
}

// Book reads a book; an unused id reads as status BookNone.
func (c *Contract) Book(ctx context.Context, id common.Hash) (Book, error) {
	out, err := c.call(ctx, c.binding.PackGetBook(id))
	if err != nil {
		return Book{}, fmt.Errorf("read book %s: %w", id, err)
	}
	b, err := c.binding.UnpackGetBook(out)
	if err != nil {
		return Book{}, fmt.Errorf("decode book %s: %w", id, err)
	}
	return Book{
		ID: id, Owner: b.Owner, Agent: b.Agent, Stake: b.Stake, Bounty: b.Bounty, Leaves: b.Leaves, Sold: b.Sold,
		Window: uint64(b.Window), CreatedBlock: b.CreatedBlock, LastBuyBlock: b.LastBuyBlock, Status: BookStatus(b.Status),
		Pool: b.Pool, Reserve: b.Reserve, Queued: b.QueueTail - b.QueueHead,
	}, nil
}

// TicketState is a ticket's state, numbered as the contract does.
type TicketState uint8

// Ticket states.
const (
	TicketNone TicketState = iota
	TicketBought
	TicketPaid
	TicketQueued
)

func (s TicketState) String() string {
	switch s {
	case TicketNone:
		return "not sold"
	case TicketBought:
		return "bought"
	case TicketPaid:
		return "paid"
	case TicketQueued:
		return "queued"
	}
	return fmt.Sprintf("state(%d)", uint8(s))
}

// Ticket is a ticket's state on chain.
type Ticket struct {
	State           TicketState
	BoughtBlock     uint64
	RandomnessBlock uint64
	Deadline        uint64 // the last block a reveal is accepted in
	Commitment      [26]byte
}

// Ticket reads ticket index of book id.
func (c *Contract) Ticket(ctx context.Context, id common.Hash, index uint32) (Ticket, error) {
	out, err := c.call(ctx, c.binding.PackGetTicket(id, new(big.Int).SetUint64(uint64(index))))
	if err != nil {
		return Ticket{}, fmt.Errorf("read ticket %d of book %s: %w", index, id, err)
	}
	t, err := c.binding.UnpackGetTicket(out)
	if err != nil {
		return Ticket{}, fmt.Errorf("decode ticket %d of book %s: %w", index, id, err)
	}
	return Ticket{State: TicketState(t.State), BoughtBlock: t.BoughtBlock, RandomnessBlock: t.RandomnessBlock, Deadline: t.Deadline, Commitment: t.Commitment}, nil
}

// Seed is the seed a reveal would use now for randomness block n: the
// recorded hash, else the live one, else zero (not sealed yet, or lost).
func (c *Contract) Seed(ctx context.Context, n uint64) (seed common.Hash, recorded bool, err error) {
	out, err := c.call(ctx, c.binding.PackSeedOf(new(big.Int).SetUint64(n)))
	if err != nil {
		return common.Hash{}, false, fmt.Errorf("read seed of block %d: %w", n, err)
	}
	s, err := c.binding.UnpackSeedOf(out)
	if err != nil {
		return common.Hash{}, false, fmt.Errorf("decode seed of block %d: %w", n, err)
	}
	return s.Seed, s.Recorded, nil
}

// Credit is what account can claim.
func (c *Contract) Credit(ctx context.Context, account common.Address) (*big.Int, error) {
	out, err := c.call(ctx, c.binding.PackCreditOf(account))
	if err != nil {
		return nil, fmt.Errorf("read credit of %s: %w", account, err)
	}
	return c.binding.UnpackCreditOf(out)
}

// RevealDigest is the digest the agent signs to let submitter reveal
// ticket index of book id: keccak256(0x19 ‖ 0x00 ‖ contract ‖ chainID ‖ id
// ‖ index ‖ submitter), as the contract's revealDigest.
func RevealDigest(contract common.Address, chainID *big.Int, id common.Hash, index uint32, submitter common.Address) common.Hash {
	var idx, cid [32]byte
	new(big.Int).SetUint64(uint64(index)).FillBytes(idx[:])
	chainID.FillBytes(cid[:])
	return crypto.Keccak256Hash([]byte{0x19, 0x00}, contract[:], cid[:], id[:], idx[:], submitter[:])
}

// Deploy sends the contract's creation transaction and waits for it.
func Deploy(ctx context.Context, b chain.Backend, opts *bind.TransactOpts, randomnessDelay, epoch uint32) (common.Address, common.Hash, error) {
	binding := contracts.NewTicketBook()
	a := binding.GetABI()
	o := *opts
	o.Context = ctx
	addr, tx, err := bind.DeployContract(&o, common.FromHex(contracts.TicketBookMetaData.Bin), b, binding.PackConstructor(randomnessDelay, epoch))
	if err != nil {
		return common.Address{}, common.Hash{}, fmt.Errorf("deploy ticket book: %w", asRevert(&a, err))
	}
	rcpt, err := chain.WaitMined(ctx, b, tx.Hash(), 0)
	if err != nil {
		return common.Address{}, tx.Hash(), fmt.Errorf("deploy ticket book: wait for tx %s: %w", tx.Hash(), err)
	}
	if rcpt.Status != 1 {
		return common.Address{}, tx.Hash(), fmt.Errorf("deploy ticket book: tx %s failed", tx.Hash())
	}
	return addr, tx.Hash(), nil
}
