package main

import (
	"context"
	"math/big"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/params"

	"github.com/postage-mail/postage/chain"
	"github.com/postage-mail/postage/chain/devnet"
)

// startShortChain starts an embedded chain in dir/chain with one-second
// blocks and the given withdrawal delay, stopped when the test ends: the
// sender-side end-to-end tests' chain.
func startShortChain(ctx context.Context, t *testing.T, dir string, delay time.Duration) *devnet.Chain {
	t.Helper()
	c, err := devnet.Start(ctx, devnet.Config{DataDir: filepath.Join(dir, "chain"), Addr: "127.0.0.1:0", Period: time.Second, Delay: delay})
	if err != nil {
		t.Fatalf("start embedded chain: %v", err)
	}
	t.Cleanup(func() {
		sctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		c.Stop(sctx)
	})
	return c
}

// fundedSender is a sender account of its own (keystore and passphrase
// file under home) that the developer account funded with value.
type fundedSender struct {
	addr   common.Address
	pass   string   // the passphrase file
	funded *big.Int // block of the funding transfer
	before *big.Int // its balance in that block
}

func fundSender(ctx context.Context, t *testing.T, c *devnet.Chain, home string, value *big.Int) fundedSender {
	t.Helper()
	client := c.Client()
	pass := filepath.Join(home, "pass")
	if err := os.WriteFile(pass, []byte("sender passphrase\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	acct, err := chain.OpenKeystoreLight(filepath.Join(home, "keystore")).New("sender passphrase")
	if err != nil {
		t.Fatal(err)
	}
	sender := acct.Address
	dev, err := c.DevTransactor()
	if err != nil {
		t.Fatal(err)
	}
	nonce, err := client.PendingNonceAt(ctx, dev.From)
	if err != nil {
		t.Fatal(err)
	}
	signed, err := dev.Signer(dev.From, types.NewTx(&types.DynamicFeeTx{ChainID: new(big.Int).SetUint64(c.Deployment().ChainID),
		Nonce: nonce, GasTipCap: big.NewInt(params.GWei), GasFeeCap: big.NewInt(10 * params.GWei), Gas: 21000, To: &sender, Value: value}))
	if err != nil {
		t.Fatal(err)
	}
	if err := client.SendTransaction(ctx, signed); err != nil {
		t.Fatal(err)
	}
	funded, err := bind.WaitMined(ctx, client, signed.Hash())
	if err != nil {
		t.Fatal(err)
	}
	before, err := client.BalanceAt(ctx, sender, funded.BlockNumber)
	if err != nil {
		t.Fatal(err)
	}
	return fundedSender{addr: sender, pass: pass, funded: funded.BlockNumber, before: before}
}

// senderCosts is what the sender's own transactions after its funding
// cost, up to the head: their count, gas used and wei paid, and its
// balance at the head.
type senderCosts struct {
	txs     int
	gasUsed uint64
	wei     *big.Int
	after   *big.Int
}

func (s fundedSender) costs(ctx context.Context, t *testing.T, c *devnet.Chain) senderCosts {
	t.Helper()
	client := c.Client()
	head, err := client.BlockNumber(ctx)
	if err != nil {
		t.Fatal(err)
	}
	after, err := client.BalanceAt(ctx, s.addr, new(big.Int).SetUint64(head))
	if err != nil {
		t.Fatal(err)
	}
	out := senderCosts{wei: new(big.Int), after: after}
	signer := types.LatestSignerForChainID(new(big.Int).SetUint64(c.Deployment().ChainID))
	for n := s.funded.Uint64() + 1; n <= head; n++ {
		b, err := client.BlockByNumber(ctx, new(big.Int).SetUint64(n))
		if err != nil {
			t.Fatal(err)
		}
		for _, tx := range b.Transactions() {
			if from, err := types.Sender(signer, tx); err != nil || from != s.addr {
				continue
			}
			r, err := client.TransactionReceipt(ctx, tx.Hash())
			if err != nil {
				t.Fatal(err)
			}
			out.wei.Add(out.wei, new(big.Int).Mul(new(big.Int).SetUint64(r.GasUsed), r.EffectiveGasPrice))
			out.gasUsed += r.GasUsed
			out.txs++
		}
	}
	return out
}
