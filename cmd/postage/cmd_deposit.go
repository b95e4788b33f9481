package main

import (
	"context"
	"crypto/rand"
	"encoding/json"
	"flag"
	"fmt"
	"math/big"
	"os"
	"path/filepath"
	"strconv"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/postage-mail/postage/chain"
	"github.com/postage-mail/postage/config"
	"github.com/postage-mail/postage/stake"
)

func init() {
	register(&command{
		name:  "deposit",
		args:  "(--leaves N | RECIPIENT...) [--value AMOUNT] [--bounty AMOUNT] [--rpc URL] [--json]",
		short: "lock ETH in a deposit that backs stake stamps",
		long: `Makes one deposit in the deposit contract and waits for it to be mined.

With recipients (mail addresses) the deposit has one leaf per recipient,
each bound to that address: the file written to <data dir>/deposits/ holds
every recipient's Postage-Stamp header. With --leaves N it has N leaves with
random secrets (the file holds the secrets). Whoever holds a leaf's stamp
or secret can burn that leaf's share, so the file is private (mode 0600).

--value is the whole deposit, split into equal shares per leaf (default:
send.stake_per_recipient of the config per leaf). --bounty is paid per
burned leaf to whoever submits the burn (a relay), out of that leaf's share.
Amounts take a unit: 0.01eth, 1.5gwei, 1000wei (no unit: ETH).

Exit status: 0 deposited; 1 refused (bad amount, duplicate, wrong
passphrase); 64 usage; 75 the chain could not be reached.`,
		flags: depositFlags,
	})
}

// weiFlag reads an amount with a unit (chain.ParseValue).
type weiFlag struct{ v **big.Int }

func (f weiFlag) String() string {
	if f.v == nil || *f.v == nil {
		return ""
	}
	return chain.FormatWei(*f.v)
}

func (f weiFlag) Set(s string) error {
	v, err := chain.ParseValue(s)
	if err != nil {
		return err
	}
	*f.v = v
	return nil
}

// depositRecord is what postage remembers about a deposit it made: enough
// to stamp mail with it (the recipients' stamps) or to burn it (the
// secrets). It is secret material.
type depositRecord struct {
	ChainID       uint64         `json:"chainId"`
	Contract      common.Address `json:"contract"`
	Creator       common.Address `json:"creator"`
	ID            common.Hash    `json:"id"`
	Root          common.Hash    `json:"root"`
	Leaves        uint32         `json:"leaves"`
	Value         string         `json:"value"`         // wei
	BountyPerLeaf string         `json:"bountyPerLeaf"` // wei
	Created       time.Time      `json:"created"`
	Tx            common.Hash    `json:"tx,omitzero"`
	Block         uint64         `json:"block,omitempty"`
	// Recipients: leaf i belongs to Recipients[i].
	Recipients []recordRecipient `json:"recipients,omitempty"`
	// Secrets of a --leaves deposit: leaf i is keccak256(0x00 ‖ Secrets[i]).
	Secrets []common.Hash `json:"secrets,omitempty"`
}

type recordRecipient struct {
	Recipient string `json:"recipient"`
	Index     uint32 `json:"index"`
	// Stamp is the recipient's Postage-Stamp header value.
	Stamp string `json:"stamp"`
}

func depositsDir(cfg *config.Config) string { return filepath.Join(cfg.DataDir, "deposits") }

func depositFlags(fs *flag.FlagSet) func(context.Context, []string) int {
	cf := addChainFlags(fs, true)
	leaves := fs.Int("leaves", 0, "number of leaves with random secrets (instead of recipients)")
	var value, bounty *big.Int
	fs.Var(weiFlag{&value}, "value", "the whole deposit `amount`, e.g. 0.01eth (default: send.stake_per_recipient per leaf)")
	fs.Var(weiFlag{&bounty}, "bounty", "`amount` per burned leaf paid to the burn's submitter (default: send.bounty)")
	asJSON := fs.Bool("json", false, "print the result as JSON")
	return func(ctx context.Context, args []string) int {
		logf := func(format string, a ...any) { fmt.Fprintf(stderr, "postage deposit: "+format+"\n", a...) }
		switch {
		case *leaves != 0 && len(args) > 0:
			logf("give either --leaves or recipients, not both")
			return exitUsage
		case *leaves == 0 && len(args) == 0:
			logf("give --leaves N or recipients")
			return exitUsage
		case *leaves < 0 || *leaves > stake.MaxLeaves:
			logf("--leaves %d: want 1..%d", *leaves, stake.MaxLeaves)
			return exitUsage
		}
		cfg, err := cf.load()
		if err != nil {
			logf("%v", err)
			return exitUsage
		}

		rec := &depositRecord{Created: time.Now().UTC()}
		var batch *stake.Batch
		var root stake.Hash
		if len(args) > 0 {
			rcpts := make([]stake.Recipient, len(args))
			for i, a := range args {
				if rcpts[i], err = stake.ParseRecipient(a); err != nil {
					logf("%v", err)
					return exitUsage
				}
			}
			if batch, err = stake.NewBatch(rcpts, nil); err != nil {
				logf("%v", err)
				return exitUsage
			}
			root, rec.Leaves = batch.Root(), batch.Len()
		} else {
			hashes := make([]stake.Hash, *leaves)
			rec.Secrets = make([]common.Hash, *leaves)
			for i := range hashes {
				if _, err := rand.Read(rec.Secrets[i][:]); err != nil {
					logf("random secret: %v", err)
					return exitSoftware
				}
				hashes[i] = stake.Leaf(stake.Hash(rec.Secrets[i]))
			}
			tree, err := stake.Build(hashes)
			if err != nil {
				logf("%v", err)
				return exitUsage
			}
			root, rec.Leaves = tree.Root(), tree.Len()
		}
		rec.Root = common.Hash(root)
		if value == nil {
			value = new(big.Int).Mul(cfg.StakePerRecipient(), big.NewInt(int64(rec.Leaves)))
		}
		if bounty == nil {
			bounty = cfg.Bounty()
		}
		rec.Value, rec.BountyPerLeaf = value.String(), bounty.String()

		conn, err := connectChain(ctx, cfg, *cf.rpc)
		if err != nil {
			logf("%v", err)
			return exitTempFail
		}
		defer conn.Close()
		w, err := conn.writer()
		if err != nil {
			logf("%v", err)
			return chainExit(err)
		}
		rec.ChainID, rec.Contract, rec.Creator = conn.chainID.Uint64(), conn.contract.Address(), w.From()
		rec.ID = chain.DepositID(rec.Creator, rec.Root)
		if batch != nil {
			for i := uint32(0); i < batch.Len(); i++ {
				st, err := batch.Stamp(i, rec.ChainID, stake.Address(rec.Contract), stake.Address(rec.Creator))
				if err != nil {
					logf("stamp for leaf %d: %v", i, err)
					return exitSoftware
				}
				hdr, err := st.Format()
				if err != nil {
					logf("stamp for leaf %d: %v", i, err)
					return exitSoftware
				}
				rec.Recipients = append(rec.Recipients, recordRecipient{Recipient: st.Recipient.String(), Index: i, Stamp: hdr})
			}
		}
		// The record is written before the deposit is sent: once the ETH is
		// locked, losing the secrets would leave stamps nobody can issue.
		path := filepath.Join(depositsDir(cfg), rec.ID.Hex()+".json")
		if err := saveRecord(path, rec); err != nil {
			logf("%v", err)
			return exitIOErr
		}
		res, err := w.Deposit(ctx, rec.Root, rec.Leaves, value, bounty)
		if err != nil {
			os.Remove(path)
			logf("%v", err)
			return chainExit(err)
		}
		rec.Tx, rec.Block = res.Receipt.TxHash, res.Receipt.BlockNumber.Uint64()
		if err := saveRecord(path, rec); err != nil {
			logf("%v", err)
			return exitIOErr
		}
		share := new(big.Int).Div(value, big.NewInt(int64(rec.Leaves)))
		if *asJSON {
			out := map[string]any{
				"id": rec.ID, "chainId": rec.ChainID, "contract": rec.Contract, "creator": rec.Creator,
				"root": rec.Root, "leaves": rec.Leaves, "value": rec.Value, "share": share.String(),
				"bountyPerLeaf": rec.BountyPerLeaf, "tx": rec.Tx, "block": rec.Block, "file": path,
			}
			enc := json.NewEncoder(stdout)
			enc.SetIndent("", "  ")
			if err := enc.Encode(out); err != nil {
				logf("%v", err)
				return exitIOErr
			}
			return exitOK
		}
		fmt.Fprintf(stdout, "deposit %s\n", rec.ID.Hex())
		fmt.Fprintf(stdout, "  value    %s in %d leaves (%s each, bounty %s per burned leaf)\n",
			chain.FormatWei(value), rec.Leaves, chain.FormatWei(share), chain.FormatWei(bounty))
		fmt.Fprintf(stdout, "  creator  %s\n", rec.Creator.Hex())
		fmt.Fprintf(stdout, "  tx       %s (block %s)\n", rec.Tx.Hex(), strconv.FormatUint(rec.Block, 10))
		fmt.Fprintf(stdout, "  secrets  %s (keep private: it can burn the deposit)\n", path)
		return exitOK
	}
}

func saveRecord(path string, rec *depositRecord) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return fmt.Errorf("save deposit record: %w", err)
	}
	data, err := json.MarshalIndent(rec, "", "  ")
	if err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".deposit-*")
	if err != nil {
		return fmt.Errorf("save deposit record: %w", err)
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(append(data, '\n')); err != nil {
		tmp.Close()
		return fmt.Errorf("save deposit record: %w", err)
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return fmt.Errorf("save deposit record: %w", err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("save deposit record: %w", err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("save deposit record: %w", err)
	}
	return nil
}
