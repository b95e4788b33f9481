// Package chain is postage's client of the deposit contract over any
// Ethereum JSON-RPC endpoint: a Reader with a cache kept fresh by the
// contract's events, a Writer that sends deposits, burns and withdrawals
// and waits for their receipts, typed errors decoded from revert data, and
// the encrypted keystore that holds the sender's keys.
//
// It works the same against the embedded chain (chain/devnet), a local geth,
// a testnet or a rollup: everything goes through the Backend interface, which
// *ethclient.Client and go-ethereum's simulated backend implement.
package chain

import (
	"context"
	"errors"
	"fmt"
	"math/big"
	"net/http"
	"strings"
	"time"

	"github.com/ethereum/go-ethereum/accounts/abi"
	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/ethereum/go-ethereum/ethclient"
	"github.com/ethereum/go-ethereum/rpc"

	"github.com/postage-mail/postage/contracts"
)

// Backend is what this package needs from a JSON-RPC endpoint.
// *ethclient.Client and simulated.Client implement it.
type Backend interface {
	bind.ContractBackend
	bind.DeployBackend
	ChainID(ctx context.Context) (*big.Int, error)
	BlockNumber(ctx context.Context) (uint64, error)
}

// ErrNoContract is returned when the address holds no contract code.
var ErrNoContract = errors.New("no contract code at address")

// ErrUnreachable wraps a failure to reach the JSON-RPC endpoint at all.
var ErrUnreachable = errors.New("chain unreachable")

// Contract is the deposit contract at one address on one chain.
type Contract struct {
	backend Backend
	address common.Address
	binding *contracts.Postage
	abi     *abi.ABI
	bound   *bind.BoundContract
}

// NewContract binds the deposit contract at address. It does not touch the
// network; Check does.
func NewContract(b Backend, address common.Address) *Contract {
	binding := contracts.NewPostage()
	a := binding.GetABI()
	return &Contract{
		backend: b,
		address: address,
		binding: binding,
		abi:     &a,
		bound:   binding.Instance(b, address),
	}
}

// Address is the contract's address.
func (c *Contract) Address() common.Address { return c.address }

// Backend is the endpoint the contract is reached through.
func (c *Contract) Backend() Backend { return c.backend }

// ABI is the deposit contract's ABI.
func (c *Contract) ABI() *abi.ABI { return c.abi }

// Check verifies that code is deployed at the contract's address and that
// it answers delay() like the deposit contract.
func (c *Contract) Check(ctx context.Context) error {
	code, err := c.backend.CodeAt(ctx, c.address, nil)
	if err != nil {
		return fmt.Errorf("check contract %s: %w", c.address, err)
	}
	if len(code) == 0 {
		return fmt.Errorf("check contract %s: %w", c.address, ErrNoContract)
	}
	if _, err := c.call(ctx, c.binding.PackDelay(), nil); err != nil {
		return fmt.Errorf("check contract %s: not a postage deposit contract: %w", c.address, err)
	}
	return nil
}

// call runs one eth_call (one RPC round trip) and decodes a revert.
func (c *Contract) call(ctx context.Context, data []byte, block *big.Int) ([]byte, error) {
	out, err := c.bound.CallRaw(&bind.CallOpts{Context: ctx, BlockNumber: block}, data)
	if err != nil {
		return nil, asRevert(c.abi, err)
	}
	return out, nil
}

// DepositID is the contract's id for a deposit: keccak256(creator ‖ root),
// 20 + 32 bytes, as depositId computes it.
func DepositID(creator common.Address, root common.Hash) common.Hash {
	return crypto.Keccak256Hash(creator[:], root[:])
}

// Deploy sends the contract's creation transaction with the given
// withdrawal delay and waits for it to be mined.
func Deploy(ctx context.Context, b Backend, opts *bind.TransactOpts, delay time.Duration) (common.Address, common.Hash, error) {
	if delay < time.Second || delay%time.Second != 0 {
		return common.Address{}, common.Hash{}, fmt.Errorf("deploy: delay %v must be whole seconds, at least 1s", delay)
	}
	binding := contracts.NewPostage()
	a := binding.GetABI()
	o := *opts
	o.Context = ctx
	addr, tx, err := bind.DeployContract(&o, common.FromHex(contracts.PostageMetaData.Bin), b, binding.PackConstructor(uint64(delay/time.Second)))
	if err != nil {
		return common.Address{}, common.Hash{}, fmt.Errorf("deploy: %w", asRevert(&a, err))
	}
	rcpt, err := WaitMined(ctx, b, tx.Hash(), 0)
	if err != nil {
		return common.Address{}, tx.Hash(), fmt.Errorf("deploy: wait for tx %s: %w", tx.Hash(), err)
	}
	if rcpt.Status != 1 {
		return common.Address{}, tx.Hash(), fmt.Errorf("deploy: tx %s failed", tx.Hash())
	}
	return addr, tx.Hash(), nil
}

// Dial connects to a JSON-RPC endpoint (http(s)://, ws(s)://, or an IPC
// path) and checks that something answers there: one eth_chainId round
// trip. A refused connection is reported as ErrUnreachable.
func Dial(ctx context.Context, url string, httpClient *http.Client) (*ethclient.Client, *big.Int, error) {
	var opts []rpc.ClientOption
	if httpClient != nil {
		opts = append(opts, rpc.WithHTTPClient(httpClient))
	}
	rc, err := rpc.DialOptions(ctx, url, opts...)
	if err != nil {
		return nil, nil, fmt.Errorf("%w: %s: %v", ErrUnreachable, url, err)
	}
	ec := ethclient.NewClient(rc)
	id, err := ec.ChainID(ctx)
	if err != nil {
		ec.Close()
		if isConnError(err) {
			return nil, nil, fmt.Errorf("%w: %s: %v", ErrUnreachable, url, err)
		}
		return nil, nil, fmt.Errorf("query chain id at %s: %w", url, err)
	}
	return ec, id, nil
}

func isConnError(err error) bool {
	s := err.Error()
	for _, frag := range []string{"connection refused", "no such host", "connect: ", "dial tcp", "no such file or directory", "EOF"} {
		if strings.Contains(s, frag) {
			return true
		}
	}
	return false
}
