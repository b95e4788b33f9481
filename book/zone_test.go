package book

import (
	"math/big"
	"testing"

	"github.com/postage-mail/postage/stake"
)

// ZoneLine is a zone-file TXT line at the domain's record name (lower
// case, one trailing dot), its text quoted.
func TestRecordZoneLine(t *testing.T) {
	r := Record{ChainID: 1337, Contract: stake.Address{0xaa}, Book: stake.Hash{0x0b}}
	want := Name("example.org") + " 3600 IN TXT \"" + r.String() + "\""
	if got := r.ZoneLine("Example.ORG."); got != want {
		t.Fatalf("ZoneLine = %q, want %q", got, want)
	}
	if want := `_postage.example.org. 3600 IN TXT "v=postage-book1; chain=1337; `; r.ZoneLine("example.org")[:len(want)] != want {
		t.Fatalf("ZoneLine = %q, want it to start %q", r.ZoneLine("example.org"), want)
	}
}

// ReserveWei is Reserve's stakes times the stake, and passes its errors on.
func TestReserveWei(t *testing.T) {
	stakeWei := big.NewInt(1_000_000_000_000_000)
	m, err := Reserve(4096, 0.01)
	if err != nil {
		t.Fatal(err)
	}
	r, got, err := ReserveWei(4096, 0.01, stakeWei)
	if err != nil || got != m || r.Cmp(new(big.Int).Mul(stakeWei, big.NewInt(int64(m)))) != 0 {
		t.Fatalf("ReserveWei = %v, %d, %v; want %d stakes", r, got, err, m)
	}
	if m == 0 {
		t.Fatal("a 1% delay chance over 4096 tickets needs a reserve")
	}
	if _, _, err := ReserveWei(4096, 0, stakeWei); err == nil {
		t.Fatal("p = 0: no error")
	}
}
