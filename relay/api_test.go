package relay

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io"
	"log/slog"
	"math/big"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/postage-mail/postage/chain"
	"github.com/postage-mail/postage/contracts"
)

func sampleBurn() Burn {
	return Burn{
		ChainID:   0x706f7374,
		Contract:  common.HexToAddress("0x00000000000000000000000000000000000000C0"),
		DepositID: common.HexToHash("0x01"),
		Secret:    common.HexToHash("0xab"),
		Index:     5,
		Proof:     []common.Hash{common.HexToHash("0x02"), common.HexToHash("0x03")},
	}
}

// The binding text is part of the API (docs/relay.md): other clients
// compute it, so it must not drift.
func TestCanonical(t *testing.T) {
	b := sampleBurn()
	want := "postage-burn-v1\nchain=1886352244\ncontract=0x00000000000000000000000000000000000000c0\n" +
		"deposit=0x0000000000000000000000000000000000000000000000000000000000000001\nindex=5\n" +
		"secret=0x00000000000000000000000000000000000000000000000000000000000000ab\n" +
		"proof=0x0000000000000000000000000000000000000000000000000000000000000002,0x0000000000000000000000000000000000000000000000000000000000000003"
	if got := b.Canonical(); got != want {
		t.Fatalf("Canonical:\n%s\nwant\n%s", got, want)
	}
	sum := sha256.Sum256([]byte(want))
	// The digest and id below were computed with Python's hashlib from the
	// texts above; docs/relay.md quotes them.
	if b.Ext() != "burn="+hex.EncodeToString(sum[:]) || b.Ext() != "burn=f314dd4cbecb68d0ced1cfe1ba6c67643c1590e23d7fa202a843499162b240ca" {
		t.Errorf("Ext %s", b.Ext())
	}
	if b.ID() != "a1ccd1ea5826c7dbde3b57e42f0a0526" {
		t.Errorf("ID %s", b.ID())
	}
	idText := "postage-burn-leaf-v1\nchain=1886352244\ncontract=0x00000000000000000000000000000000000000c0\n" +
		"deposit=0x0000000000000000000000000000000000000000000000000000000000000001\nindex=5"
	idSum := sha256.Sum256([]byte(idText))
	if b.ID() != hex.EncodeToString(idSum[:16]) || !validID(b.ID()) {
		t.Errorf("ID %s", b.ID())
	}
	b.Proof = nil
	if !strings.HasSuffix(b.Canonical(), "\nproof=") {
		t.Errorf("empty proof: %q", b.Canonical())
	}
	// The id names the leaf: the secret and proof do not change it.
	c := sampleBurn()
	c.Secret = common.HexToHash("0xcd")
	if c.ID() != sampleBurn().ID() || c.Ext() == sampleBurn().Ext() {
		t.Error("ID must name the leaf only; Ext must cover the whole request")
	}
	c.Index = 6
	if c.ID() == sampleBurn().ID() {
		t.Error("two leaves share an id")
	}
}

func TestParse(t *testing.T) {
	b := sampleBurn()
	req := b.Request("stamp")
	got, err := req.Parse()
	if err != nil {
		t.Fatal(err)
	}
	if got.Canonical() != b.Canonical() {
		t.Errorf("round trip: %s", got.Canonical())
	}
	creator := common.HexToAddress("0x1111111111111111111111111111111111111111")
	root := common.HexToHash("0x22")
	byRoot := req
	byRoot.DepositID, byRoot.Creator, byRoot.Root = "", creator.Hex(), root.Hex()
	got, err = byRoot.Parse()
	if err != nil || got.DepositID != chain.DepositID(creator, root) {
		t.Errorf("by creator and root: %v, %v", got.DepositID, err)
	}
	for name, mod := range map[string]func(*BurnRequest){
		"no chain":         func(r *BurnRequest) { r.ChainID = 0 },
		"bad contract":     func(r *BurnRequest) { r.Contract = "0x12" },
		"bad checksum":     func(r *BurnRequest) { r.Contract = "0x00000000000000000000000000000000000000Cc" },
		"no deposit":       func(r *BurnRequest) { r.DepositID = "" },
		"root only":        func(r *BurnRequest) { r.DepositID, r.Root = "", root.Hex() },
		"zero creator":     func(r *BurnRequest) { r.DepositID, r.Creator, r.Root = "", (common.Address{}).Hex(), root.Hex() },
		"mismatched id":    func(r *BurnRequest) { r.Creator, r.Root = creator.Hex(), root.Hex() },
		"no 0x":            func(r *BurnRequest) { r.Secret = strings.TrimPrefix(r.Secret, "0x") },
		"short secret":     func(r *BurnRequest) { r.Secret = "0xab" },
		"bad proof hex":    func(r *BurnRequest) { r.Proof[0] = "0x" + strings.Repeat("g", 64) },
		"index too large":  func(r *BurnRequest) { r.Index = 1 << 20 },
		"proof too long":   func(r *BurnRequest) { r.Proof = make([]string, 21) },
		"upper-case 0X":    func(r *BurnRequest) { r.DepositID = "0X" + r.DepositID[2:] },
		"spaces in secret": func(r *BurnRequest) { r.Secret = " " + r.Secret },
	} {
		r := b.Request("stamp")
		mod(&r)
		if _, err := r.Parse(); !errors.Is(err, ErrBadRequest) {
			t.Errorf("%s: %v, want ErrBadRequest", name, err)
		}
	}
}

func TestCovers(t *testing.T) {
	price := big.NewInt(10)
	if !covers(big.NewInt(1500), 100, price, 50) || covers(big.NewInt(1499), 100, price, 50) {
		t.Error("covers: 100 gas at 10 wei with 50% margin needs exactly 1500 wei")
	}
	if got := affordableFeeCap(big.NewInt(1500), 100, 50); got.Cmp(price) != 0 {
		t.Errorf("affordableFeeCap = %s, want 10", got)
	}
	if !covers(new(big.Int), 0, price, 50) || covers(new(big.Int), 1, price, 0) {
		t.Error("covers with zero values")
	}
}

// The pool watcher reads leaves from both burn and burnBatch calls.
func TestPendingLeaves(t *testing.T) {
	a := contracts.NewPostage().GetABI()
	p := &pendingWatch{burn: a.Methods["burn"], batch: a.Methods["burnBatch"]}
	on := &onChain{binding: contracts.NewPostage()}
	one := sampleBurn()
	two := sampleBurn()
	two.DepositID, two.Index, two.Proof = common.HexToHash("0x09"), 1<<20-1, nil
	got := p.leaves(on.burnData([]Burn{one}))
	if len(got) != 1 || got[0] != (leafKey{one.DepositID, 5}) {
		t.Errorf("burn: %v", got)
	}
	got = p.leaves(on.burnData([]Burn{one, two}))
	if len(got) != 2 || got[0] != (leafKey{one.DepositID, 5}) || got[1] != (leafKey{two.DepositID, 1<<20 - 1}) {
		t.Errorf("burnBatch: %v", got)
	}
	for _, junk := range [][]byte{{1, 2, 3, 4}, append(append([]byte(nil), a.Methods["burn"].ID...), 1, 2, 3)} {
		if got := p.leaves(junk); len(got) != 0 {
			t.Errorf("junk %x: %v", junk, got)
		}
	}
	now := time.Unix(1000, 0)
	p.seen = map[leafKey]seenBurn{{one.DepositID, 5}: {tx: common.HexToHash("0x77"), at: now}}
	if tx, ok := p.pendingBurn(one.DepositID, 5, now.Add(time.Minute)); !ok || tx != common.HexToHash("0x77") {
		t.Error("seen burn not reported")
	}
	if _, ok := p.pendingBurn(one.DepositID, 5, now.Add(seenTTL+time.Second)); ok {
		t.Error("expired burn still holds ours back")
	}
}

// The queue orders requests by due time, lets fresh ones join a due batch,
// and purges what is old.
func TestStore(t *testing.T) {
	s, err := openStore(filepath.Join(t.TempDir(), "q.db"), time.Second)
	if err != nil {
		t.Fatal(err)
	}
	defer s.close()
	now := time.Unix(1_800_000_000, 0)
	mk := func(id string, next time.Time, attempts int) *record {
		return &record{ID: id, State: StateQueued, Next: next, Attempts: attempts, Created: now, Updated: now}
	}
	for _, r := range []*record{mk("a", now, 0), mk("b", now.Add(time.Second), 0), mk("c", now.Add(time.Second), 2), mk("d", now.Add(-time.Second), 1)} {
		if _, dup, err := s.accept(r, Hold{}, 0, 10); err != nil || dup {
			t.Fatal(dup, err)
		}
	}
	if _, dup, _ := s.accept(mk("a", now, 0), Hold{}, 0, 10); !dup {
		t.Error("second request for a leaf was not a duplicate")
	}
	recs, _, err := s.due(now, 10)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, r := range recs {
		got = append(got, r.ID)
	}
	// d and a are due; b is fresh and joins; c is backing off.
	if strings.Join(got, ",") != "d,a,b" {
		t.Errorf("due: %v, want d,a,b", got)
	}
	if _, next, _ := s.due(now.Add(-2*time.Second), 10); !next.Equal(now.Add(-time.Second)) {
		t.Errorf("next due %v", next)
	}
	if _, _, err := s.accept(mk("e", now, 0), Hold{}, 0, 4); !errors.Is(err, errQueueFull) {
		t.Errorf("fifth request into a queue of four: %v", err)
	}
	if err := s.update([]string{"a"}, func(r *record) { r.State = StateBurned; r.Updated = now.Add(-time.Hour) }); err != nil {
		t.Fatal(err)
	}
	if q, _, _ := s.counts(); q != 3 {
		t.Errorf("queued %d, want 3", q)
	}
	// A failed request may be asked for again.
	if err := s.update([]string{"d"}, func(r *record) { r.State = StateFailed }); err != nil {
		t.Fatal(err)
	}
	if out, dup, err := s.accept(mk("d", now, 0), Hold{}, 0, 10); err != nil || dup || out.State != StateQueued {
		t.Errorf("failed request asked again: %+v %v %v", out, dup, err)
	}
	if err := s.spendStamp("st1", now.Add(-time.Minute)); err != nil {
		t.Fatal(err)
	}
	if err := s.spendStamp("st2", now.Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	if err := s.spendStamp("st2", now.Add(time.Hour)); !errors.Is(err, errReplayed) {
		t.Errorf("replay: %v", err)
	}
	// Mined transactions are kept for re-checking until they are old.
	for i, settled := range []time.Time{now.Add(-time.Hour), now} {
		if err := s.settleMined(&txRecord{Hash: common.Hash{byte(i + 1)}, Settled: settled}, func(*record) {}); err != nil {
			t.Fatal(err)
		}
	}
	stamps, reqs, err := s.purge(now, now.Add(-time.Minute))
	if err != nil || stamps != 1 || reqs != 1 {
		t.Errorf("purge: %d stamps, %d requests, %v; want 1, 1", stamps, reqs, err)
	}
	if mined, err := s.mined(); err != nil || len(mined) != 1 || mined[0].Hash != (common.Hash{2}) {
		t.Errorf("mined after purge: %+v, %v; want only the recent one", mined, err)
	}
	if err := s.spendStamp("st1", now.Add(time.Hour)); err != nil {
		t.Errorf("purged stamp still spent: %v", err)
	}
	if err := s.unspendStamp("st2"); err != nil {
		t.Fatal(err)
	}
	if err := s.spendStamp("st2", now.Add(time.Hour)); err != nil {
		t.Errorf("unspent stamp: %v", err)
	}
	if r, _ := s.get("a"); r != nil {
		t.Error("purged request still there")
	}
}

func TestOptions(t *testing.T) {
	for name, o := range map[string]Options{
		"no name":       {},
		"name with :":   {Name: "a:b"},
		"too many bits": {Name: "x", Bits: 61},
		"tiny body":     {Name: "x", MaxBody: 100},
		"negative rate": {Name: "x", Rate: -1},
	} {
		if _, err := o.withDefaults(); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
	o, err := Options{Name: "Relay.Example", Logger: slog.New(slog.NewTextHandler(io.Discard, nil))}.withDefaults()
	if err != nil || o.Name != "relay.example" || o.Bits != DefaultBits || o.MaxBody != DefaultMaxBody || o.BatchWait != 0 || o.MarginPercent != 0 {
		t.Errorf("defaults: %+v, %v", o, err)
	}
}
