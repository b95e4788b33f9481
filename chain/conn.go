package chain

import (
	"context"
	"fmt"
	"math/big"
	"time"

	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/ethclient"

	"github.com/postage-mail/postage"
	"github.com/postage-mail/postage/stake"
)

// Conn is a connection to a chain and, once found, its deposit contract:
// what every command that touches the chain shares (chain/connect makes
// one from the configuration).
type Conn struct {
	URL      string
	Embedded bool // the embedded chain on this machine
	Client   *ethclient.Client
	ChainID  *big.Int
	Contract *Contract // nil until a deposit contract is found
	Reader   *Reader   // reads Contract; nil with it
}

// DialConn connects to url (Dial) without looking for a contract.
func DialConn(ctx context.Context, url string) (*Conn, error) {
	client, id, err := Dial(ctx, url, nil)
	if err != nil {
		return nil, err
	}
	return &Conn{URL: url, Client: client, ChainID: id}, nil
}

// Close closes the connection.
func (c *Conn) Close() {
	if c.Client != nil {
		c.Client.Close()
	}
}

// Ref is the deposit contract as the receiver policy names it.
func (c *Conn) Ref() postage.ContractRef {
	return postage.ContractRef{ChainID: c.ChainID.Uint64(), Address: stake.Address(c.Contract.Address())}
}

// Deposits adapts the reader for the checker.
func (c *Conn) Deposits(confirmations uint64) *Deposits {
	return &Deposits{Reader: c.Reader, ChainID: c.ChainID.Uint64(), Confirmations: confirmations}
}

// HeaderReader reads block headers (an *ethclient.Client does).
type HeaderReader interface {
	HeaderByNumber(ctx context.Context, number *big.Int) (*types.Header, error)
}

// MeasureBlockTime is the chain's average block period over its last
// 1,000 blocks, genesis left out (12s, Ethereum's slot, while it has
// fewer than 10 others), and at least a second.
func MeasureBlockTime(ctx context.Context, b HeaderReader) (time.Duration, error) {
	head, err := b.HeaderByNumber(ctx, nil)
	if err != nil {
		return 0, fmt.Errorf("measure the block time: %w", err)
	}
	n := head.Number.Uint64()
	if n < 11 {
		return 12 * time.Second, nil
	}
	back := min(n-1, 1000) // not the genesis block: its time is arbitrary
	old, err := b.HeaderByNumber(ctx, new(big.Int).SetUint64(n-back))
	if err != nil {
		return 0, fmt.Errorf("measure the block time: %w", err)
	}
	d := time.Duration(head.Time-old.Time) * time.Second / time.Duration(back)
	return max(d, time.Second), nil
}
