package rollup_test

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"math/big"
	"os"
	"strings"
	"testing"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/ethereum/go-ethereum/ethclient/simulated"

	"github.com/postage-mail/postage/chain/networks"
	"github.com/postage-mail/postage/chain/rollup"
	"github.com/postage-mail/postage/contracts"
)

var updateDocs = flag.Bool("update-l1fee", false, "rewrite the L1 data fee section of docs/economics.md")

// l1BaseFee is the test oracle's L1 base fee: the 10 gwei mainnet gas
// price docs/economics.md assumes.
var l1BaseFee = big.NewInt(10_000_000_000)

// oracleChain is a simulated chain whose genesis places the test
// GasPriceOracle (testdata/oracle.hex, assembled by testdata/oracle.py) at
// the OP-stack predeploy address, with l1BaseFee in its slot 1, and 1 ETH
// for each funded account.
func oracleChain(t *testing.T, funded ...common.Address) *simulated.Backend {
	t.Helper()
	hex, err := os.ReadFile("testdata/oracle.hex")
	if err != nil {
		t.Fatal(err)
	}
	alloc := types.GenesisAlloc{rollup.OracleAddress: {
		Code:    common.FromHex(strings.TrimSpace(string(hex))),
		Storage: map[common.Hash]common.Hash{common.BigToHash(big.NewInt(1)): common.BigToHash(l1BaseFee)},
		Balance: new(big.Int),
	}}
	for _, a := range funded {
		alloc[a] = types.Account{Balance: big.NewInt(1e18)}
	}
	b := simulated.NewBackend(alloc)
	t.Cleanup(func() { _ = b.Close() })
	return b
}

// bedrock is the Bedrock L1 fee formula, computed here independently of
// the oracle's bytecode.
func bedrock(raw []byte) *big.Int {
	gas := int64(188 + 68*16)
	for _, c := range raw {
		if c == 0 {
			gas += 4
		} else {
			gas += 16
		}
	}
	f := new(big.Int).Mul(big.NewInt(gas), l1BaseFee)
	f.Mul(f, big.NewInt(684000))
	return f.Div(f, big.NewInt(1_000_000))
}

var key, _ = crypto.HexToECDSA("8a1f9a8f95be41cd7ccb6168179afb4504aefe388d1e14474d32c45c72ce7b7a")

// signed is a signed EIP-1559 call of the canonical contract with data.
func signed(t *testing.T, data []byte) *types.Transaction {
	t.Helper()
	to := common.HexToAddress(networks.CanonicalAddress)
	tx, err := types.SignNewTx(key, types.LatestSignerForChainID(big.NewInt(8453)), &types.DynamicFeeTx{
		ChainID: big.NewInt(8453), Nonce: 41, GasTipCap: big.NewInt(1_000_000), GasFeeCap: big.NewInt(50_000_000), Gas: 120_000, To: &to, Data: data})
	if err != nil {
		t.Fatal(err)
	}
	return tx
}

// The L1 data fee is read from the oracle the genesis placed at
// 0x42…0F and is the Bedrock formula's; a chain without the oracle has
// none (ErrNoOracle).
func TestL1FeeFromGenesisOracle(t *testing.T) {
	ctx := context.Background()
	b := oracleChain(t)
	for _, data := range [][]byte{nil, make([]byte, 100), contracts.NewPostage().PackMakeDeposit([32]byte{1, 2, 3}, 16, big.NewInt(1e15))} {
		tx := signed(t, data)
		raw, _ := tx.MarshalBinary()
		got, err := rollup.TxL1Fee(ctx, b.Client(), tx)
		if err != nil {
			t.Fatal(err)
		}
		if want := bedrock(raw); got.Cmp(want) != 0 || got.Sign() <= 0 {
			t.Fatalf("%d bytes: l1 fee %v, want %v", len(raw), got, want)
		}
	}
	plain := simulated.NewBackend(nil)
	defer plain.Close()
	if _, err := rollup.L1FeeOf(ctx, b.Client(), common.Hash{1}); err == nil || errors.Is(err, rollup.ErrNoOracle) {
		t.Fatalf("an unknown transaction: %v", err)
	}
	if _, err := rollup.L1Fee(ctx, plain.Client(), []byte{1}); !errors.Is(err, rollup.ErrNoOracle) {
		t.Fatalf("a chain without the oracle: %v", err)
	}
}

// TestL1FeeTable puts the L1 data fee of postage's transactions, read
// from the test chain's oracle, into docs/economics.md (its own section,
// between the l1fee markers; -update-l1fee rewrites it).
func TestL1FeeTable(t *testing.T) {
	ctx := context.Background()
	b := oracleChain(t)
	p := contracts.NewPostage()
	id := [32]byte{0xde, 0xad, 0xbe, 0xef, 7, 7, 7, 7, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24}
	proof := make([][32]byte, 4)
	for i := range proof {
		proof[i] = crypto.Keccak256Hash([]byte{byte(i)})
	}
	rows := []struct {
		name string
		data []byte
	}{
		{"makeDeposit", p.PackMakeDeposit(crypto.Keccak256Hash([]byte("root")), 16, big.NewInt(1e15))},
		{"startWithdrawal", p.PackStartWithdrawal(id)},
		{"withdraw", p.PackWithdraw(id)},
		{"burn (16 leaves: 4 proof hashes)", p.PackBurn(id, crypto.Keccak256Hash([]byte("secret")), big.NewInt(5), proof)},
	}
	const ethUSD = 3000.0
	var sb strings.Builder
	fmt.Fprintf(&sb, "L1 data fee on an OP-stack chain, read from the GasPriceOracle (`getL1Fee`) of a test chain whose genesis places one at 0x42…0F; L1 base fee %s gwei, ETH at $%.0f:\n\n", new(big.Int).Div(l1BaseFee, big.NewInt(1e9)), ethUSD)
	sb.WriteString("| transaction | bytes | L1 data fee | in dollars |\n|---|--:|--:|--:|\n")
	life := new(big.Int)
	for _, r := range rows {
		tx := signed(t, r.data)
		raw, _ := tx.MarshalBinary()
		fee, err := rollup.TxL1Fee(ctx, b.Client(), tx)
		if err != nil {
			t.Fatal(err)
		}
		if r.name == "makeDeposit" || r.name == "startWithdrawal" || r.name == "withdraw" {
			life.Add(life, fee)
		}
		fmt.Fprintf(&sb, "| %s | %d | %s gwei | $%s |\n", r.name, len(raw), gweiString(fee), dollars(fee, ethUSD))
	}
	fmt.Fprintf(&sb, "\nA deposit's lifecycle (makeDeposit, startWithdrawal, withdraw) pays %s gwei ($%s) in L1 data fees whatever its number of leaves; per message at 1 / 10 / 100 / 1000 messages a deposit: $%s / $%s / $%s / $%s.\n",
		gweiString(life), dollars(life, ethUSD), dollars(life, ethUSD), dollars(new(big.Int).Div(life, big.NewInt(10)), ethUSD),
		dollars(new(big.Int).Div(life, big.NewInt(100)), ethUSD), dollars(new(big.Int).Div(life, big.NewInt(1000)), ethUSD))
	want := sb.String()

	const path, begin, end = "../../docs/economics.md", "<!-- l1fee:begin -->\n", "<!-- l1fee:end -->"
	doc, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	s := string(doc)
	i, j := strings.Index(s, begin), strings.Index(s, end)
	if i < 0 || j < i {
		t.Fatalf("%s has no %q … %q section", path, strings.TrimSpace(begin), end)
	}
	if got := s[i+len(begin) : j]; got != want {
		if *updateDocs {
			if err := os.WriteFile(path, []byte(s[:i+len(begin)]+want+s[j:]), 0o644); err != nil {
				t.Fatal(err)
			}
			return
		}
		t.Errorf("%s's L1 data fee section is stale (go test ./chain/rollup -run TestL1FeeTable -update-l1fee):\n%s", path, want)
	}
}

func gweiString(wei *big.Int) string {
	f, _ := new(big.Float).Quo(new(big.Float).SetInt(wei), big.NewFloat(1e9)).Float64()
	return fmt.Sprintf("%.0f", f)
}

func dollars(wei *big.Int, ethUSD float64) string {
	f, _ := new(big.Float).Quo(new(big.Float).SetInt(wei), big.NewFloat(1e18)).Float64()
	return fmt.Sprintf("%.4g", f*ethUSD)
}

// L1FeeOf finds the transaction by its hash and prices it as TxL1Fee.
func TestL1FeeOfMinedTx(t *testing.T) {
	ctx := context.Background()
	b := oracleChain(t, crypto.PubkeyToAddress(key.PublicKey))
	id, err := b.Client().ChainID(ctx)
	if err != nil {
		t.Fatal(err)
	}
	to := common.HexToAddress("0xaa")
	tx, err := types.SignNewTx(key, types.LatestSignerForChainID(id), &types.DynamicFeeTx{
		ChainID: id, GasTipCap: big.NewInt(1e9), GasFeeCap: big.NewInt(1e10), Gas: 30_000, To: &to, Data: []byte{1, 0, 2}})
	if err != nil {
		t.Fatal(err)
	}
	if err := b.Client().SendTransaction(ctx, tx); err != nil {
		t.Fatal(err)
	}
	b.Commit()
	got, err := rollup.L1FeeOf(ctx, b.Client(), tx.Hash())
	if err != nil {
		t.Fatal(err)
	}
	if want, _ := rollup.TxL1Fee(ctx, b.Client(), tx); got.Sign() <= 0 || got.Cmp(want) != 0 {
		t.Fatalf("l1 fee of the mined tx: %v, want %v", got, want)
	}
}
