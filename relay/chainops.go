package relay

import (
	"context"
	"errors"
	"fmt"
	"math/big"
	"strings"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"

	"github.com/postage-mail/postage/chain"
	"github.com/postage-mail/postage/contracts"
)

// Backend is what the relay needs from a JSON-RPC endpoint;
// *ethclient.Client implements it.
type Backend interface {
	ChainID(ctx context.Context) (*big.Int, error)
	CallContract(ctx context.Context, msg ethereum.CallMsg, block *big.Int) ([]byte, error)
	PendingCallContract(ctx context.Context, msg ethereum.CallMsg) ([]byte, error)
	EstimateGas(ctx context.Context, msg ethereum.CallMsg) (uint64, error)
	SuggestGasTipCap(ctx context.Context) (*big.Int, error)
	HeaderByNumber(ctx context.Context, number *big.Int) (*types.Header, error)
	PendingNonceAt(ctx context.Context, account common.Address) (uint64, error)
	NonceAt(ctx context.Context, account common.Address, block *big.Int) (uint64, error)
	BalanceAt(ctx context.Context, account common.Address, block *big.Int) (*big.Int, error)
	SendTransaction(ctx context.Context, tx *types.Transaction) error
	TransactionReceipt(ctx context.Context, hash common.Hash) (*types.Receipt, error)
}

// errChain marks a failure to talk to the chain (as opposed to a refusal
// by the contract): retried, and answered 503 to clients.
var errChain = errors.New("chain unavailable")

// onChain is the relay's view of the deposit contract.
type onChain struct {
	b        Backend
	chainID  *big.Int
	contract common.Address
	from     common.Address
	binding  *contracts.Postage
	// ticketBook is zero when the relay sends no reveals.
	ticketBook common.Address
	tb         *contracts.TicketBook
}

func (c *onChain) burnData(bs []Burn) []byte {
	if len(bs) == 1 {
		b := bs[0]
		return c.binding.PackBurn(b.DepositID, b.Secret, new(big.Int).SetUint64(uint64(b.Index)), hashes(b.Proof))
	}
	reqs := make([]contracts.PostageBurnRequest, len(bs))
	for i, b := range bs {
		reqs[i] = contracts.PostageBurnRequest{Id: b.DepositID, Secret: b.Secret, Index: new(big.Int).SetUint64(uint64(b.Index)), Proof: hashes(b.Proof)}
	}
	return c.binding.PackBurnBatch(reqs)
}

func hashes(hs []common.Hash) [][32]byte {
	out := make([][32]byte, len(hs))
	for i, h := range hs {
		out[i] = h
	}
	return out
}

func (c *onChain) msg(data []byte) ethereum.CallMsg { return c.msgTo(c.contract, data) }

func (c *onChain) msgTo(to common.Address, data []byte) ethereum.CallMsg {
	return ethereum.CallMsg{From: c.from, To: &to, Data: data}
}

// simulate runs the burns as an eth_call from the relay's account against
// the pending state, so a burn another relay has broadcast but not yet
// mined already counts. A refusal is a *chain.RevertError (errors.Is with
// chain.ErrLeafAlreadyBurned, …); anything else wraps errChain.
func (c *onChain) simulate(ctx context.Context, bs []Burn) error {
	_, err := c.b.PendingCallContract(ctx, c.msg(c.burnData(bs)))
	return c.classify(err)
}

// estimate is the gas the burns need (it simulates too, on the node's
// default block for estimates).
func (c *onChain) estimate(ctx context.Context, bs []Burn) (uint64, error) {
	gas, err := c.b.EstimateGas(ctx, c.msg(c.burnData(bs)))
	if err != nil {
		return 0, c.classify(err)
	}
	return gas, nil
}

// price is the fee per gas a transaction pays now: the latest base fee
// plus the suggested tip.
func (c *onChain) price(ctx context.Context) (baseFee, tip *big.Int, err error) {
	h, err := c.b.HeaderByNumber(ctx, nil)
	if err != nil {
		return nil, nil, fmt.Errorf("%w: latest block: %w", errChain, err)
	}
	baseFee = new(big.Int)
	if h.BaseFee != nil {
		baseFee.Set(h.BaseFee)
	}
	tip, err = c.b.SuggestGasTipCap(ctx)
	if err != nil {
		return nil, nil, fmt.Errorf("%w: gas tip: %w", errChain, err)
	}
	return baseFee, tip, nil
}

// feePerGas is what a transaction pays per gas now (base fee plus tip).
func (c *onChain) feePerGas(ctx context.Context) (*big.Int, error) {
	base, tip, err := c.price(ctx)
	if err != nil {
		return nil, err
	}
	return base.Add(base, tip), nil
}

// deposit reads a deposit's state.
func (c *onChain) deposit(ctx context.Context, id common.Hash) (contracts.PostageDepositInfo, error) {
	out, err := c.b.CallContract(ctx, c.msg(c.binding.PackGetDeposit(id)), nil)
	if err != nil {
		return contracts.PostageDepositInfo{}, c.classify(err)
	}
	info, err := c.binding.UnpackGetDeposit(out)
	if err != nil {
		return info, fmt.Errorf("decode deposit %s: %w", id, err)
	}
	return info, nil
}

// depositAt reads a deposit's state at a block (nil: the latest).
func (c *onChain) depositAt(ctx context.Context, id common.Hash, block *big.Int) (contracts.PostageDepositInfo, error) {
	out, err := c.b.CallContract(ctx, c.msg(c.binding.PackGetDeposit(id)), block)
	if err != nil {
		return contracts.PostageDepositInfo{}, c.classify(err)
	}
	info, err := c.binding.UnpackGetDeposit(out)
	if err != nil {
		return info, fmt.Errorf("decode deposit %s: %w", id, err)
	}
	return info, nil
}

// depositWithdrawn is PostageDepositInfo.Status of a withdrawn deposit.
const depositWithdrawn = 3

// isBurned reads whether a leaf is burned at a block (nil: the latest).
func (c *onChain) isBurned(ctx context.Context, id common.Hash, index uint32, block *big.Int) (bool, error) {
	out, err := c.b.CallContract(ctx, c.msg(c.binding.PackIsBurned(id, new(big.Int).SetUint64(uint64(index)))), block)
	if err != nil {
		return false, c.classify(err)
	}
	b, err := c.binding.UnpackIsBurned(out)
	if err != nil {
		return false, fmt.Errorf("decode isBurned(%s, %d): %w", id, index, err)
	}
	return b, nil
}

// classify turns an RPC error into a decoded contract refusal when it is
// one, and otherwise marks it errChain.
func (c *onChain) classify(err error) error {
	if err == nil {
		return nil
	}
	if data, ok := chain.RevertData(err); ok {
		a := c.binding.GetABI()
		return chain.DecodeRevert(&a, data)
	}
	return fmt.Errorf("%w: %w", errChain, err)
}

// refusal maps a contract refusal of a burn to the API's error code and
// whether it is final for the leaf (no retry can succeed).
func refusal(err error) (code string, final bool) {
	switch {
	case errors.Is(err, chain.ErrLeafAlreadyBurned):
		return CodeAlreadyBurned, true
	case errors.Is(err, chain.ErrInvalidProof), errors.Is(err, chain.ErrProofLengthMismatch), errors.Is(err, chain.ErrIndexOutOfRange):
		return CodeInvalidProof, true
	case errors.Is(err, chain.ErrUnknownDeposit):
		return CodeUnknownDeposit, true
	case errors.Is(err, chain.ErrDepositWithdrawn):
		return CodeDepositWithdrawn, true
	case errors.Is(err, chain.ErrReverted):
		// Anything else the contract refuses will not change by retrying.
		return CodeRefused, true
	}
	return CodeChainUnavailable, false
}

// covers reports whether bounty pays gas*price with margin percent to
// spare: bounty*100 >= gas*price*(100+margin).
func covers(bounty *big.Int, gas uint64, price *big.Int, margin uint64) bool {
	need := new(big.Int).Mul(new(big.Int).SetUint64(gas), price)
	need.Mul(need, new(big.Int).SetUint64(100+margin))
	have := new(big.Int).Mul(bounty, big.NewInt(100))
	return have.Cmp(need) >= 0
}

// affordableFeeCap is the highest fee per gas at which gas units still
// leave the margin: bounty*100 / ((100+margin)*gas).
func affordableFeeCap(bounty *big.Int, gas uint64, margin uint64) *big.Int {
	d := new(big.Int).Mul(new(big.Int).SetUint64(gas), new(big.Int).SetUint64(100+margin))
	if d.Sign() == 0 {
		return new(big.Int)
	}
	return new(big.Int).Div(new(big.Int).Mul(bounty, big.NewInt(100)), d)
}

// isKnownTx reports whether a broadcast failed only because the node has
// the transaction already (a rebroadcast).
func isKnownTx(err error) bool {
	s := strings.ToLower(err.Error())
	return strings.Contains(s, "already known") || strings.Contains(s, "known transaction")
}
