package contracts

import (
	"bytes"
	"flag"
	"fmt"
	"math/big"
	"os"
	"strings"
	"testing"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/ethereum/go-ethereum/params"
	"github.com/ethereum/go-ethereum/params/forks"
)

var updateGas = flag.Bool("update-gas", false, "rewrite the table in GAS.md from this run")

// Gas targets from issue 4.
const (
	targetDeposit     = 70_000
	targetBurnDepth0  = 50_000
	targetPerProofLvl = 2_000
)

type gasRow struct {
	op      string
	postage string // gas on the Osaka schedule
	sketch  string // the sketch port, same schedule
	dev     string // Postage on the dev chain's default forks, for reference
	target  string
}

// gasNumbers runs the fixed scenario on one chain config and returns the
// gas of each operation by key.
func gasNumbers(t *testing.T, cfg *params.ChainConfig) map[string]uint64 {
	t.Helper()
	tt := newTesterConfig(t, cfg, 3600)
	g := map[string]uint64{}
	creator, burner := 0, 1

	one := newTree("gas one", 1)
	id1, r := tt.makeDeposit(creator, one, eth(1), big.NewInt(0))
	g["deposit1"] = r.GasUsed
	oneB := newTree("gas one bounty", 1)
	id1b, r := tt.makeDeposit(creator, oneB, eth(1), gweis(100_000))
	g["deposit1bounty"] = r.GasUsed
	big1000 := newTree("gas thousand", 1000)
	id1000, r := tt.makeDeposit(creator, big1000, eth(10), big.NewInt(0))
	g["deposit1000"] = r.GasUsed
	if len(big1000.proof(0)) != 10 || len(big1000.proof(512)) != 10 || len(big1000.proof(513)) != 10 {
		t.Fatal("1000-leaf tree: proofs are not 10 deep")
	}

	g["burn0"] = tt.ok(burner, tt.addr, tt.burnData(id1, one, 0), nil).GasUsed
	g["burn0bounty"] = tt.ok(burner, tt.addr, tt.burnData(id1b, oneB, 0), nil).GasUsed
	g["burn10low"] = tt.ok(burner, tt.addr, tt.burnData(id1000, big1000, 0), nil).GasUsed
	g["burn10fresh"] = tt.ok(burner, tt.addr, tt.burnData(id1000, big1000, 512), nil).GasUsed
	g["burn10warm"] = tt.ok(burner, tt.addr, tt.burnData(id1000, big1000, 513), nil).GasUsed
	var reqs []PostageBurnRequest
	for i := 600; i < 610; i++ {
		reqs = append(reqs, PostageBurnRequest{Id: id1000, Secret: big1000.secrets[i], Index: bigs(i), Proof: big1000.proof(i)})
	}
	g["batch10"] = tt.ok(burner, tt.addr, tt.p.PackBurnBatch(reqs), nil).GasUsed
	// The same batch again: every request lost its race and is skipped.
	g["batch10skipped"] = tt.ok(burner, tt.addr, tt.p.PackBurnBatch(reqs), nil).GasUsed

	other := newTree("gas withdraw", 1)
	idw, _ := tt.makeDeposit(creator, other, eth(1), big.NewInt(0))
	g["start"] = tt.ok(creator, tt.addr, tt.p.PackStartWithdrawal(idw), nil).GasUsed
	tt.travel(3601)
	g["withdraw"] = tt.ok(creator, tt.addr, tt.p.PackWithdraw(idw), nil).GasUsed
	g["start10"], g["withdraw10"] = batchedWithdrawals(tt, creator, 10, "gas")

	// The sketch port on the same chain.
	s := NewSketch()
	saddr, rc := tt.deploy(creator, common.FromHex(SketchMetaData.Bin), nil)
	if rc.Status != 1 {
		t.Fatal("deploy Sketch failed")
	}
	secret := crypto32("gas sketch secret")
	hash := crypto32Hash(secret)
	g["sketch.deposit1"] = tt.ok(creator, saddr, s.PackMakeDeposit(hash), eth(1)).GasUsed
	g["sketch.burn0"] = tt.ok(burner, saddr, s.PackDeleteDeposit(secret), nil).GasUsed
	hash2 := crypto32Hash(crypto32("gas sketch secret 2"))
	tt.ok(creator, saddr, s.PackMakeDeposit(hash2), eth(1))
	g["sketch.start"] = tt.ok(creator, saddr, s.PackStartWithdrawal(hash2), nil).GasUsed
	tt.travel(3601)
	g["sketch.withdraw"] = tt.ok(creator, saddr, s.PackWithdraw(hash2), nil).GasUsed

	if got := cfg.LatestFork(tt.now()); cfg.BogotaTime == nil && got != forks.Osaka {
		t.Fatalf("the capped chain runs %v, want Osaka", got)
	}
	return g
}

// TestGasTable measures gas on a chain whose forks stop at Osaka (mainnet's
// schedule; the dev default enables unreleased forks that reprice storage),
// for Postage and for the sketch port, asserts the targets, and checks that
// GAS.md holds this table (go test ./contracts -run TestGasTable -update-gas
// rewrites it).
func TestGasTable(t *testing.T) {
	g := gasNumbers(t, osakaConfig())
	dev := gasNumbers(t, params.AllDevChainProtocolChanges)

	check := func(name string, got, limit uint64) {
		t.Helper()
		if got > limit {
			t.Errorf("%s: %d gas, target <= %d", name, got, limit)
		}
	}
	check("makeDeposit, 1 leaf", g["deposit1"], targetDeposit)
	check("makeDeposit, 1 leaf, with bounty", g["deposit1bounty"], targetDeposit)
	check("burn at depth 0", g["burn0"], targetBurnDepth0)
	for _, k := range []string{"burn10low", "burn10fresh", "burn10warm"} {
		check("burn at depth 10 ("+k+")", g[k], targetBurnDepth0+10*targetPerProofLvl)
	}
	// Per level, with the same storage work (the burn bit in the deposit's slot).
	if perLevel := (g["burn10low"] - g["burn0"]) / 10; perLevel > targetPerProofLvl {
		t.Errorf("burn costs %d gas per proof level, target <= %d", perLevel, targetPerProofLvl)
	}

	n := func(v uint64) string { return fmt.Sprintf("%d", v) }
	rows := []gasRow{
		{"makeDeposit, 1 leaf", n(g["deposit1"]), n(g["sketch.deposit1"]), n(dev["deposit1"]), "≤ 70000"},
		{"makeDeposit, 1 leaf, with bounty", n(g["deposit1bounty"]), "—", n(dev["deposit1bounty"]), "≤ 70000"},
		{"makeDeposit, 1000 leaves", n(g["deposit1000"]),
			fmt.Sprintf("1000 deposits: %d", 1000*g["sketch.deposit1"]), n(dev["deposit1000"]), ""},
		{"burn, proof depth 0", n(g["burn0"]), n(g["sketch.burn0"]), n(dev["burn0"]), "≤ 50000"},
		{"burn, proof depth 0, with bounty", n(g["burn0bounty"]), "—", n(dev["burn0bounty"]), ""},
		{"burn, depth 10, leaf index < 24 (bit in the deposit's slot)", n(g["burn10low"]), "—", n(dev["burn10low"]), "≤ 70000"},
		{"burn, depth 10, first burn in a bitmap word", n(g["burn10fresh"]), "—", n(dev["burn10fresh"]), "≤ 70000"},
		{"burn, depth 10, bitmap word already written", n(g["burn10warm"]), "—", n(dev["burn10warm"]), "≤ 70000"},
		{"burnBatch, 10 leaves at depth 10 (per leaf)", fmt.Sprintf("%d (%d)", g["batch10"], g["batch10"]/10), "—",
			fmt.Sprintf("%d (%d)", dev["batch10"], dev["batch10"]/10), ""},
		{"burnBatch, the same 10 again: all skipped (per request)", fmt.Sprintf("%d (%d)", g["batch10skipped"], g["batch10skipped"]/10), "—",
			fmt.Sprintf("%d (%d)", dev["batch10skipped"], dev["batch10skipped"]/10), ""},
		{"startWithdrawal", n(g["start"]), n(g["sketch.start"]), n(dev["start"]), ""},
		{"withdraw (to an EOA)", n(g["withdraw"]), n(g["sketch.withdraw"]), n(dev["withdraw"]), ""},
		{"startWithdrawals, 10 deposits (per deposit)", fmt.Sprintf("%d (%d)", g["start10"], g["start10"]/10), "—",
			fmt.Sprintf("%d (%d)", dev["start10"], dev["start10"]/10), ""},
		{"withdrawMany, 10 deposits, one transfer to an EOA (per deposit)", fmt.Sprintf("%d (%d)", g["withdraw10"], g["withdraw10"]/10), "—",
			fmt.Sprintf("%d (%d)", dev["withdraw10"], dev["withdraw10"]/10), ""},
	}
	var b strings.Builder
	b.WriteString("| operation | Postage | sketch port | Postage, dev-chain forks | target |\n")
	b.WriteString("|---|--:|--:|--:|--:|\n")
	for _, r := range rows {
		fmt.Fprintf(&b, "| %s | %s | %s | %s | %s |\n", r.op, r.postage, r.sketch, r.dev, r.target)
	}
	fmt.Fprintf(&b, "\nPer proof level (depth 10 minus depth 0, same storage work, / 10): %d gas (target ≤ %d).\n",
		(g["burn10low"]-g["burn0"])/10, targetPerProofLvl)
	table := b.String()
	t.Logf("gas used per transaction (receipt gasUsed, Osaka schedule):\n%s", table)

	for _, file := range []string{"GAS.md", "README.md", "../BENCHMARKS.md"} {
		syncTable(t, file, table)
	}
}

// syncTable checks that file holds table between the gas-table markers,
// rewriting it under -update-gas.
func syncTable(t *testing.T, file, table string) {
	t.Helper()
	syncSection(t, file, "gas-table", "TestGasTable", table)
}

// syncSection checks that file holds table between the markers
// <!-- name:begin --> and <!-- name:end -->, rewriting it under -update-gas.
func syncSection(t *testing.T, file, name, test, table string) {
	t.Helper()
	begin, end := "<!-- "+name+":begin -->\n", "<!-- "+name+":end -->"
	md, err := os.ReadFile(file)
	if err != nil {
		t.Fatalf("read %s: %v", file, err)
	}
	i, j := bytes.Index(md, []byte(begin)), bytes.Index(md, []byte(end))
	if i < 0 || j < i {
		t.Fatalf("%s has no %q ... %q section", file, strings.TrimSpace(begin), end)
	}
	if string(md[i+len(begin):j]) == table {
		return
	}
	if !*updateGas {
		t.Fatalf("%s's %s section is stale; run: go test ./contracts -run %s -update-gas\nwant:\n%s", file, name, test, table)
	}
	out := append(append(append([]byte{}, md[:i+len(begin)]...), table...), md[j:]...)
	if err := os.WriteFile(file, out, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("%s updated", file)
}

func crypto32(s string) [32]byte { return crypto.Keccak256Hash([]byte(s)) }

// crypto32Hash is the sketch's sha3(secret): keccak256 of the 32 bytes.
func crypto32Hash(secret [32]byte) [32]byte { return crypto.Keccak256Hash(secret[:]) }

// batchedWithdrawals makes k one-leaf deposits from `creator`, starts their
// withdrawals with one startWithdrawals and, after the delay, withdraws
// them with one withdrawMany (to an EOA); it returns the two gasUsed.
func batchedWithdrawals(tt *tester, creator, k int, label string) (start, withdraw uint64) {
	tt.t.Helper()
	ids := make([][32]byte, k)
	for i := range ids {
		ids[i], _ = tt.makeDeposit(creator, newTree(fmt.Sprintf("%s batched %d/%d", label, i, k), 1), eth(1), gweis(50_000))
	}
	r := tt.ok(creator, tt.addr, tt.p.PackStartWithdrawals(ids), nil)
	if len(tt.events(r)) != k {
		tt.t.Fatalf("startWithdrawals of %d deposits logged %d events", k, len(tt.events(r)))
	}
	start = r.GasUsed
	tt.travel(tt.delay + 1)
	r = tt.ok(creator, tt.addr, tt.p.PackWithdrawMany(ids), nil)
	if len(tt.events(r)) != k {
		tt.t.Fatalf("withdrawMany of %d deposits logged %d events", k, len(tt.events(r)))
	}
	return start, r.GasUsed
}
