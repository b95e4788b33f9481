package contracts

import (
	"bytes"
	"context"
	"crypto/ecdsa"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"math/big"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/common/hexutil"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/ethereum/go-ethereum/eth/ethconfig"
	"github.com/ethereum/go-ethereum/ethclient/simulated"
	"github.com/ethereum/go-ethereum/node"
	"github.com/ethereum/go-ethereum/params"
	"github.com/ethereum/go-ethereum/rpc"
)

// osakaConfig is the dev chain's config with every fork after Osaka turned
// off. The dev default also enables unreleased forks (Bogota, with EIP-8037
// state-gas metering) that reprice storage several times over; gas is only
// meaningful on a schedule that mainnet runs.
func osakaConfig() *params.ChainConfig {
	cfg := *params.AllDevChainProtocolChanges
	cfg.BPO1Time, cfg.BPO2Time, cfg.BPO3Time, cfg.BPO4Time, cfg.BPO5Time = nil, nil, nil, nil, nil
	cfg.AmsterdamTime = nil
	cfg.BogotaTime = nil
	cfg.UBTTime = nil
	return &cfg
}

// txGas is the gas limit of every test transaction. A fixed limit skips gas
// estimation, which runs on the latest block's time rather than the next
// block's (a withdraw one second after unlock would be estimated as locked).
const txGas = 3_000_000

var (
	ether = big.NewInt(params.Ether)
	gwei  = big.NewInt(params.GWei)
)

func eth(n int64) *big.Int   { return new(big.Int).Mul(big.NewInt(n), ether) }
func gweis(n int64) *big.Int { return new(big.Int).Mul(big.NewInt(n), gwei) }

type account struct {
	key  *ecdsa.PrivateKey
	addr common.Address
}

// testAccount derives a fixed key from its number, so addresses (and the
// contract address, and therefore gas) are the same on every run.
func testAccount(i int) account {
	seed := crypto.Keccak256([]byte(fmt.Sprintf("postage contracts test account %d", i)))
	key, err := crypto.ToECDSA(seed)
	if err != nil {
		panic(err)
	}
	return account{key: key, addr: crypto.PubkeyToAddress(key.PublicKey)}
}

// tester is one simulated chain with the Postage contract deployed.
type tester struct {
	t       testing.TB
	ctx     context.Context
	sim     *simulated.Backend
	cl      simulated.Client
	chainID *big.Int
	accts   []account
	p       *Postage
	addr    common.Address // the Postage contract
	delay   uint64
}

const testAccounts = 6

// newTester starts a simulated chain on the Osaka-capped config with
// testAccounts funded accounts and deploys Postage with the given delay.
func newTester(t testing.TB, delay uint64) *tester {
	return newTesterConfig(t, osakaConfig(), delay)
}

func newTesterConfig(t testing.TB, cfg *params.ChainConfig, delay uint64) *tester {
	t.Helper()
	return newTesterAlloc(t, cfg, delay, nil)
}

// newTesterAlloc is newTesterConfig with some accounts' genesis balances
// overridden (the others hold a million ether).
func newTesterAlloc(t testing.TB, cfg *params.ChainConfig, delay uint64, balances map[int]*big.Int) *tester {
	t.Helper()
	alloc := types.GenesisAlloc{}
	var accts []account
	for i := range testAccounts {
		a := testAccount(i)
		accts = append(accts, a)
		b := eth(1_000_000)
		if balances[i] != nil {
			b = balances[i]
		}
		alloc[a.addr] = types.Account{Balance: b}
	}
	sim := simulated.NewBackend(alloc, func(_ *node.Config, ec *ethconfig.Config) {
		ec.Genesis.Config = cfg
	})
	t.Cleanup(func() { _ = sim.Close() })
	tt := &tester{
		t:       t,
		ctx:     context.Background(),
		sim:     sim,
		cl:      sim.Client(),
		chainID: cfg.ChainID,
		accts:   accts,
		p:       NewPostage(),
		delay:   delay,
	}
	// Put the chain a day ahead of the wall clock: from then on every block
	// is exactly one second after its parent (the simulated beacon uses
	// max(now, parent+1)), so tests control block times to the second, and
	// "pending" calls run at the next block's time.
	tt.travel(24 * 3600)
	addr, rcpt := tt.deploy(0, common.FromHex(PostageMetaData.Bin), tt.p.PackConstructor(delay))
	if rcpt.Status != types.ReceiptStatusSuccessful {
		t.Fatalf("deploy Postage(delay=%d) failed", delay)
	}
	tt.addr = addr
	return tt
}

func (tt *tester) opts(from int, value *big.Int) *bind.TransactOpts {
	o := bind.NewKeyedTransactor(tt.accts[from].key, tt.chainID)
	o.GasLimit = txGas
	o.Value = value
	o.Context = tt.ctx
	return o
}

func (tt *tester) deploy(from int, bin, ctorArgs []byte) (common.Address, *types.Receipt) {
	tt.t.Helper()
	addr, tx, err := bind.DeployContract(tt.opts(from, nil), bin, tt.cl, ctorArgs)
	if err != nil {
		tt.t.Fatalf("deploy: %v", err)
	}
	tt.sim.Commit()
	return addr, tt.receipt(tx)
}

func (tt *tester) receipt(tx *types.Transaction) *types.Receipt {
	tt.t.Helper()
	r, err := tt.cl.TransactionReceipt(tt.ctx, tx.Hash())
	if err != nil {
		tt.t.Fatalf("receipt of %s: %v", tx.Hash(), err)
	}
	return r
}

// header returns the latest block's header.
func (tt *tester) header() *types.Header {
	tt.t.Helper()
	h, err := tt.cl.HeaderByNumber(tt.ctx, nil)
	if err != nil {
		tt.t.Fatalf("latest header: %v", err)
	}
	return h
}

// now is the latest block's timestamp; the next block gets now()+1.
func (tt *tester) now() uint64 { return tt.header().Time }

// travel seals an empty block `seconds` after the latest one.
//
// AdjustTime refuses while the transaction pool still lists transactions,
// and the pool drops the ones just mined asynchronously after Commit (the
// simulated beacon syncs the pool only inside block production). So a
// refusal right after a Commit is retried for a bounded time.
func (tt *tester) travel(seconds uint64) {
	tt.t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		err := tt.sim.AdjustTime(time.Duration(seconds) * time.Second)
		if err == nil {
			return
		}
		if !strings.Contains(err.Error(), "non-empty block") || time.Now().After(deadline) {
			tt.t.Fatalf("AdjustTime(%ds): %v", seconds, err)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// travelTo seals empty blocks so that the NEXT block has timestamp ts.
func (tt *tester) travelTo(ts uint64) {
	tt.t.Helper()
	now := tt.now()
	if ts <= now+1 {
		if ts != now+1 {
			tt.t.Fatalf("travelTo(%d): chain is already at %d", ts, now)
		}
		return
	}
	tt.travel(ts - 1 - now)
	if got := tt.now(); got != ts-1 {
		tt.t.Fatalf("travelTo(%d): latest block at %d, want %d", ts, got, ts-1)
	}
}

func (tt *tester) balance(a common.Address) *big.Int {
	tt.t.Helper()
	b, err := tt.cl.BalanceAt(tt.ctx, a, nil)
	if err != nil {
		tt.t.Fatalf("balance of %s: %v", a, err)
	}
	return b
}

// exec sends one transaction with a fixed gas limit, mines it in its own
// block and returns the receipt, whatever its status.
func (tt *tester) exec(from int, to common.Address, data []byte, value *big.Int) *types.Receipt {
	tt.t.Helper()
	inst := bind.NewBoundContract(to, tt.p.abi, tt.cl, tt.cl, tt.cl)
	tx, err := bind.Transact(inst, tt.opts(from, value), data)
	if err != nil {
		tt.t.Fatalf("send to %s: %v", to, err)
	}
	tt.sim.Commit()
	return tt.receipt(tx)
}

// simulate runs the call at the pending block (the next block's number and
// time) and returns the revert data if it reverts.
func (tt *tester) simulate(from int, to common.Address, data []byte, value *big.Int) (reverted bool, revertData []byte) {
	tt.t.Helper()
	return tt.simulateAt(from, &to, data, value)
}

// simulateAt is simulate with a nil `to` allowed (contract creation).
func (tt *tester) simulateAt(from int, to *common.Address, data []byte, value *big.Int) (reverted bool, revertData []byte) {
	tt.t.Helper()
	_, err := tt.cl.PendingCallContract(tt.ctx, ethereum.CallMsg{
		From: tt.accts[from].addr, To: to, Data: data, Value: value, Gas: txGas,
	})
	if err == nil {
		return false, nil
	}
	var de rpc.DataError
	if errors.As(err, &de) {
		if s, ok := de.ErrorData().(string); ok {
			b, derr := hexutil.Decode(s)
			if derr != nil {
				tt.t.Fatalf("revert data %q: %v", s, derr)
			}
			return true, b
		}
	}
	// A revert without data, or a refusal before execution.
	return true, nil
}

// send submits a transaction without mining it (tip orders transactions
// within the next block: higher first).
func (tt *tester) send(from int, to common.Address, data []byte, value, tip *big.Int) *types.Transaction {
	tt.t.Helper()
	o := tt.opts(from, value)
	o.GasTipCap = tip
	o.GasFeeCap = new(big.Int).Add(tip, gweis(100))
	inst := bind.NewBoundContract(to, tt.p.abi, tt.cl, tt.cl, tt.cl)
	tx, err := bind.Transact(inst, o, data)
	if err != nil {
		tt.t.Fatalf("send to %s: %v", to, err)
	}
	return tx
}

// ok sends a transaction that must succeed; it fails the test with the
// decoded custom error otherwise.
func (tt *tester) ok(from int, to common.Address, data []byte, value *big.Int) *types.Receipt {
	tt.t.Helper()
	if reverted, rd := tt.simulate(from, to, data, value); reverted {
		tt.t.Fatalf("call from account %d to %s reverts: %s", from, to, describeRevert(rd))
	}
	r := tt.exec(from, to, data, value)
	if r.Status != types.ReceiptStatusSuccessful {
		tt.t.Fatalf("transaction from account %d to %s failed on chain though its simulation passed", from, to)
	}
	return r
}

// fails sends a transaction that must revert: the pending-block simulation
// gives the revert data, and the transaction really mined must fail too.
// It returns the decoded custom error (nil for a revert without data).
func (tt *tester) fails(from int, to common.Address, data []byte, value *big.Int) any {
	tt.t.Helper()
	reverted, rd := tt.simulate(from, to, data, value)
	if !reverted {
		tt.t.Fatalf("call from account %d to %s succeeds, want a revert", from, to)
	}
	r := tt.exec(from, to, data, value)
	if r.Status != types.ReceiptStatusFailed {
		tt.t.Fatalf("transaction from account %d to %s succeeded on chain though its simulation reverted (%s)", from, to, describeRevert(rd))
	}
	if len(rd) == 0 {
		return nil
	}
	v, err := UnpackRevert(rd)
	if err != nil {
		tt.t.Fatalf("revert data %x: %v", rd, err)
	}
	return v
}

func describeRevert(rd []byte) string {
	v, err := UnpackRevert(rd)
	if err != nil {
		return fmt.Sprintf("%x (%v)", rd, err)
	}
	return fmt.Sprintf("%T%+v", v, v)
}

// wantErr fails unless got is exactly want (same error type and arguments).
func wantErr(t testing.TB, got, want any) {
	t.Helper()
	if reflect.TypeOf(got) != reflect.TypeOf(want) || !equalJSON(got, want) {
		t.Fatalf("reverted with %T%+v, want %T%+v", got, got, want, want)
	}
}

// call runs a view of the Postage contract at the latest block.
func call[T any](tt *tester, data []byte, unpack func([]byte) (T, error)) T {
	tt.t.Helper()
	return callAt(tt, tt.addr, data, unpack)
}

// callAt runs a view of the contract at `to` at the latest block.
func callAt[T any](tt *tester, to common.Address, data []byte, unpack func([]byte) (T, error)) T {
	tt.t.Helper()
	out, err := tt.cl.CallContract(tt.ctx, ethereum.CallMsg{To: &to, Data: data}, nil)
	if err != nil {
		tt.t.Fatalf("call: %v", err)
	}
	v, err := unpack(out)
	if err != nil {
		tt.t.Fatalf("unpack: %v", err)
	}
	return v
}

func (tt *tester) deposit(id [32]byte) PostageDepositInfo {
	tt.t.Helper()
	return call(tt, tt.p.PackGetDeposit(id), tt.p.UnpackGetDeposit)
}

func (tt *tester) isBurned(id [32]byte, index int) bool {
	tt.t.Helper()
	return call(tt, tt.p.PackIsBurned(id, big.NewInt(int64(index))), tt.p.UnpackIsBurned)
}

// makeDeposit deposits value under tree's root from account `from`.
func (tt *tester) makeDeposit(from int, tr *tree, value, bounty *big.Int) ([32]byte, *types.Receipt) {
	tt.t.Helper()
	r := tt.ok(from, tt.addr, tt.p.PackMakeDeposit(tr.root(), uint32(tr.n()), bounty), value)
	ev := tt.events(r)
	if len(ev) != 1 {
		tt.t.Fatalf("makeDeposit logged %d events, want 1", len(ev))
	}
	d, ok := ev[0].(*PostageDeposited)
	if !ok {
		tt.t.Fatalf("makeDeposit logged %T", ev[0])
	}
	return d.Id, r
}

func (tt *tester) burnData(id [32]byte, tr *tree, index int) []byte {
	return tt.p.PackBurn(id, tr.secrets[index], big.NewInt(int64(index)), tr.proof(index))
}

// events decodes the Postage logs of a receipt, in order.
func (tt *tester) events(r *types.Receipt) []any {
	tt.t.Helper()
	var out []any
	for _, l := range r.Logs {
		if l.Address != tt.addr {
			continue
		}
		var (
			v   any
			err error
		)
		switch l.Topics[0] {
		case tt.p.abi.Events["Deposited"].ID:
			v, err = tt.p.UnpackDepositedEvent(l)
		case tt.p.abi.Events["Burned"].ID:
			v, err = tt.p.UnpackBurnedEvent(l)
		case tt.p.abi.Events["BurnSkipped"].ID:
			v, err = tt.p.UnpackBurnSkippedEvent(l)
		case tt.p.abi.Events["WithdrawalStarted"].ID:
			v, err = tt.p.UnpackWithdrawalStartedEvent(l)
		case tt.p.abi.Events["Withdrawn"].ID:
			v, err = tt.p.UnpackWithdrawnEvent(l)
		default:
			tt.t.Fatalf("unknown Postage log topic %s", l.Topics[0])
		}
		if err != nil {
			tt.t.Fatalf("decode log: %v", err)
		}
		out = append(out, v)
	}
	return out
}

// fee is what a mined transaction cost its sender in gas.
func fee(r *types.Receipt) *big.Int {
	return new(big.Int).Mul(new(big.Int).SetUint64(r.GasUsed), r.EffectiveGasPrice)
}

// received is what account a got from a transaction it sent: its balance
// change plus the value it sent plus the fee it paid.
func received(before, after, sent *big.Int, r *types.Receipt) *big.Int {
	out := new(big.Int).Sub(after, before)
	if sent != nil {
		out.Add(out, sent)
	}
	return out.Add(out, fee(r))
}

// ---------------------------------------------------------------------------
// Merkle trees, by the spec in the helpers' brief (the real implementation
// lives in package stake; this one exists so the contract's tests depend on
// nothing but the spec).

func leafOf(secret [32]byte) [32]byte {
	return crypto.Keccak256Hash([]byte{0x00}, secret[:])
}

func nodeOf(l, r [32]byte) [32]byte {
	return crypto.Keccak256Hash([]byte{0x01}, l[:], r[:])
}

type tree struct {
	secrets [][32]byte
	levels  [][][32]byte // levels[0] = leaves, last = [root]
}

// newTree builds a tree of n leaves from deterministic secrets (label, i).
func newTree(label string, n int) *tree {
	secrets := make([][32]byte, n)
	for i := range secrets {
		var b [8]byte
		binary.BigEndian.PutUint64(b[:], uint64(i))
		secrets[i] = crypto.Keccak256Hash([]byte("secret "+label), b[:])
	}
	return treeOf(secrets)
}

func treeOf(secrets [][32]byte) *tree {
	level := make([][32]byte, len(secrets))
	for i, s := range secrets {
		level[i] = leafOf(s)
	}
	t := &tree{secrets: secrets, levels: [][][32]byte{level}}
	for len(level) > 1 {
		next := make([][32]byte, 0, (len(level)+1)/2)
		for i := 0; i < len(level); i += 2 {
			if i+1 < len(level) {
				next = append(next, nodeOf(level[i], level[i+1]))
			} else {
				next = append(next, level[i]) // promoted unchanged
			}
		}
		t.levels = append(t.levels, next)
		level = next
	}
	return t
}

func (t *tree) n() int              { return len(t.secrets) }
func (t *tree) root() [32]byte      { return t.levels[len(t.levels)-1][0] }
func (t *tree) leaf(i int) [32]byte { return t.levels[0][i] }

func (t *tree) proof(i int) [][32]byte {
	proof := [][32]byte{}
	for _, level := range t.levels[:len(t.levels)-1] {
		switch {
		case i%2 == 1:
			proof = append(proof, level[i-1])
		case i+1 < len(level):
			proof = append(proof, level[i+1])
		}
		i /= 2
	}
	return proof
}

// rootFromProof folds a proof into a root by the spec's Verify rules; ok is
// false when the proof has too few or too many elements.
func rootFromProof(leaf [32]byte, index, n int, proof [][32]byte) (root [32]byte, ok bool) {
	if index < 0 || index >= n {
		return root, false
	}
	h, k := leaf, 0
	for m := n; m > 1; m = (m + 1) / 2 {
		switch {
		case index%2 == 1:
			if k == len(proof) {
				return root, false
			}
			h = nodeOf(proof[k], h)
			k++
		case index+1 < m:
			if k == len(proof) {
				return root, false
			}
			h = nodeOf(h, proof[k])
			k++
		}
		index /= 2
	}
	return h, k == len(proof)
}

func bigs(n int) *big.Int { return big.NewInt(int64(n)) }

// idOf is the deposit id by the spec: keccak256(creator ‖ root), packed.
func idOf(creator common.Address, root [32]byte) [32]byte {
	return crypto.Keccak256Hash(creator[:], root[:])
}

// equalJSON compares values by their JSON form (big.Int values compare by
// number, not by internal representation).
func equalJSON(a, b any) bool {
	ja, err1 := json.Marshal(a)
	jb, err2 := json.Marshal(b)
	return err1 == nil && err2 == nil && bytes.Equal(ja, jb)
}
