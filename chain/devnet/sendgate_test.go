package devnet_test

import (
	"context"
	"math/big"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/ethclient"

	"github.com/postage-mail/postage/chain/devnet"
)

// Issue 12, full disk: while block production is paused for lack of disk
// space the chain refuses new transactions and says why (over JSON-RPC
// and in process alike), none is left waiting in the pool; when space
// returns it takes and mines them again.
func TestFullDiskRefusesTransactions(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	var free atomic.Int64
	free.Store(1 << 40)
	restore := devnet.SetFreeSpace(func(string) (int64, error) { return free.Load(), nil })
	defer restore()
	c := start(ctx, t, devnet.Config{DataDir: t.TempDir(), Addr: "127.0.0.1:0", Period: time.Second})

	opts, err := c.DevTransactor()
	if err != nil {
		t.Fatal(err)
	}
	rpcClient, err := ethclient.DialContext(ctx, c.Endpoint())
	if err != nil {
		t.Fatal(err)
	}
	defer rpcClient.Close()
	send := func(cl *ethclient.Client) (*types.Transaction, error) {
		nonce, err := cl.PendingNonceAt(ctx, opts.From)
		if err != nil {
			return nil, err
		}
		tip := big.NewInt(1e9)
		head, err := cl.HeaderByNumber(ctx, nil)
		if err != nil {
			return nil, err
		}
		feeCap := new(big.Int).Add(new(big.Int).Mul(head.BaseFee, big.NewInt(2)), tip)
		to := common.HexToAddress("0x000000000000000000000000000000000000dEaD")
		tx, err := opts.Signer(opts.From, types.NewTx(&types.DynamicFeeTx{
			ChainID: big.NewInt(int64(c.Deployment().ChainID)), Nonce: nonce, GasTipCap: tip, GasFeeCap: feeCap,
			Gas: 21000, To: &to, Value: big.NewInt(1),
		}))
		if err != nil {
			return nil, err
		}
		return tx, cl.SendTransaction(ctx, tx)
	}
	waitMined := func(tx *types.Transaction) {
		t.Helper()
		for {
			if r, err := c.Client().TransactionReceipt(ctx, tx.Hash()); err == nil && r.Status == 1 {
				return
			}
			select {
			case <-ctx.Done():
				t.Fatalf("transaction %s not mined", tx.Hash())
			case <-time.After(200 * time.Millisecond):
			}
		}
	}

	tx, err := send(rpcClient)
	if err != nil {
		t.Fatalf("send with space: %v", err)
	}
	waitMined(tx)

	free.Store(1 << 20) // 1 MiB: below the default min_free
	for !c.Paused() {
		select {
		case <-ctx.Done():
			t.Fatal("the chain did not pause on a nearly full disk")
		case <-time.After(50 * time.Millisecond):
		}
	}
	for name, cl := range map[string]*ethclient.Client{"json-rpc": rpcClient, "in process": c.Client()} {
		_, err := send(cl)
		if err == nil || !strings.Contains(err.Error(), devnet.ErrDiskFull.Error()) || !strings.Contains(err.Error(), "refused") {
			t.Fatalf("send (%s) on a nearly full disk: %v, want the disk-full refusal", name, err)
		}
	}
	if n, err := c.Client().PendingTransactionCount(ctx); err != nil || n != 0 {
		t.Fatalf("pending transactions while refused: %d, %v", n, err)
	}

	free.Store(1 << 40)
	for c.Paused() {
		select {
		case <-ctx.Done():
			t.Fatal("the chain did not resume when space came back")
		case <-time.After(50 * time.Millisecond):
		}
	}
	tx, err = send(rpcClient)
	if err != nil {
		t.Fatalf("send after space came back: %v", err)
	}
	waitMined(tx)
}
