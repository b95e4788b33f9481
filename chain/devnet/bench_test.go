package devnet

import (
	"context"
	"io/fs"
	"math/big"
	"path/filepath"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
)

// BenchmarkBlocks measures what crash safety costs: blocks sealed per
// second and database bytes per block, for the crash-safe chain (LevelDB,
// every block's state committed) against the reference, the chain as it
// was before (pebble, path scheme, state flushed on stop), in the same run.
// Each block either is empty (an idle chain: what a day of 2 s blocks
// costs) or carries one transfer to a new account (state growth like a
// deposit's). Blocks are sealed back to back, not on the period.
func BenchmarkBlocks(b *testing.B) {
	for _, mode := range []struct {
		name   string
		legacy bool
	}{{"crashsafe", false}, {"reference", true}} {
		for _, load := range []string{"empty", "transfer"} {
			b.Run(mode.name+"/"+load, func(b *testing.B) {
				benchBlocks(b, mode.legacy, load == "transfer")
			})
		}
	}
}

func benchBlocks(b *testing.B, legacy, withTx bool) {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	defer cancel()
	dir := b.TempDir()
	// A period far longer than the run: only Commit seals blocks.
	cfg := Config{DataDir: dir, Addr: "127.0.0.1:0", Period: time.Hour, Delay: time.Hour, legacy: legacy}
	// The first start deploys the contract, which waits for a block.
	first, err := startSealing(ctx, cfg)
	if err != nil {
		b.Fatal(err)
	}
	if err := first.Stop(ctx); err != nil {
		b.Fatal(err)
	}
	size0 := dirSize(b, filepath.Join(dir, "geth"))

	c, err := Start(ctx, cfg)
	if err != nil {
		b.Fatal(err)
	}
	opts, err := c.DevTransactor()
	if err != nil {
		b.Fatal(err)
	}
	nonce, err := c.client.NonceAt(ctx, opts.From, nil)
	if err != nil {
		b.Fatal(err)
	}
	chainID := big.NewInt(ChainID)
	start := c.backend.BlockChain().CurrentBlock().Number.Uint64()
	b.ResetTimer()
	t0 := time.Now()
	for i := 0; i < b.N; i++ {
		if withTx {
			to := common.BigToAddress(big.NewInt(int64(1_000_000 + i)))
			tx := types.NewTx(&types.DynamicFeeTx{ChainID: chainID, Nonce: nonce, GasTipCap: big.NewInt(1),
				GasFeeCap: big.NewInt(100e9), Gas: 21000, To: &to, Value: big.NewInt(1)})
			signed, err := opts.Signer(opts.From, tx)
			if err != nil {
				b.Fatal(err)
			}
			if err := c.client.SendTransaction(ctx, signed); err != nil {
				b.Fatal(err)
			}
			nonce++
		}
		c.beacon.Commit()
	}
	elapsed := time.Since(t0)
	b.StopTimer()
	end := c.backend.BlockChain().CurrentBlock().Number.Uint64()
	if end-start != uint64(b.N) {
		b.Fatalf("sealed %d blocks, want %d", end-start, b.N)
	}
	if withTx {
		n, err := c.client.NonceAt(ctx, opts.From, nil)
		if err != nil || n != nonce {
			b.Fatalf("nonce %d after the run (%v), want %d: not every transfer was mined", n, err, nonce)
		}
	}
	if err := c.Stop(ctx); err != nil {
		b.Fatal(err)
	}
	grown := dirSize(b, filepath.Join(dir, "geth")) - size0
	b.ReportMetric(float64(b.N)/elapsed.Seconds(), "blocks/s")
	b.ReportMetric(float64(grown)/float64(b.N), "disk-B/block")
	// A day of blocks on the default 2 s period.
	b.ReportMetric(float64(grown)/float64(b.N)*float64(24*time.Hour/DefaultPeriod)/(1<<20), "MiB/day")
}

// startSealing starts the chain and seals blocks until Start (which waits
// for the deployment's receipt) returns.
func startSealing(ctx context.Context, cfg Config) (*Chain, error) {
	type result struct {
		c   *Chain
		err error
	}
	done := make(chan result, 1)
	hook := make(chan *Chain, 1)
	startHook = func(c *Chain) { hook <- c }
	defer func() { startHook = nil }()
	go func() {
		c, err := Start(ctx, cfg)
		done <- result{c, err}
	}()
	var c *Chain
	for {
		select {
		case r := <-done:
			return r.c, r.err
		case c = <-hook:
		case <-time.After(100 * time.Millisecond):
			if c != nil {
				c.beacon.Commit()
			}
		}
	}
}

func dirSize(b *testing.B, dir string) int64 {
	var n int64
	err := filepath.WalkDir(dir, func(_ string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() {
			info, err := d.Info()
			if err != nil {
				return err
			}
			n += info.Size()
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	return n
}
