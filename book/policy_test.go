package book

import (
	"errors"
	"math/big"
	"strings"
	"testing"
	"time"

	"github.com/postage-mail/postage/stake"
)

func TestPolicyRoundTrip(t *testing.T) {
	p := Policy{ChainID: 1886352244, Contract: stake.Address{0xab, 0xcd}, MinPerLeaf: big.NewInt(1e15), MinDelay: 72 * time.Hour}
	s := p.String()
	if !strings.HasPrefix(s, "v=postage-policy1; chain=1886352244; contract=0x") || !strings.HasSuffix(s, "; min=1000000000000000; delay=259200") {
		t.Errorf("record %q", s)
	}
	got, err := ParsePolicy(s)
	if err != nil {
		t.Fatal(err)
	}
	if got.ChainID != p.ChainID || got.Contract != p.Contract || got.MinPerLeaf.Cmp(p.MinPerLeaf) != 0 || got.MinDelay != p.MinDelay {
		t.Errorf("parsed %+v, want %+v", got, p)
	}
	book := Record{ChainID: 7, Contract: stake.Address{1}, Book: stake.Hash{2}}.String()
	if ps := ParsePolicies([]string{book, "v=spf1 -all", s}); len(ps) != 1 || ps[0].ChainID != p.ChainID {
		t.Errorf("ParsePolicies: %+v", ps)
	}
	if _, err := ParseRecords([]string{s, book}); err != nil {
		t.Errorf("a policy beside a book hides the book: %v", err)
	}
}

func TestPolicyRefusesBadRecords(t *testing.T) {
	good := Policy{ChainID: 5, Contract: stake.Address{1}, MinPerLeaf: big.NewInt(10), MinDelay: time.Hour}.String()
	for name, c := range map[string]struct {
		rec  string
		want error
	}{
		"version":  {strings.Replace(good, "policy1", "policy2", 1), ErrUnsupportedVersion},
		"no chain": {strings.Replace(good, "chain=5", "chain=0", 1), ErrMalformed},
		"no min":   {strings.Replace(good, "; min=10", "", 1), ErrMalformed},
		"neg min":  {strings.Replace(good, "min=10", "min=-1", 1), ErrMalformed},
		"hex min":  {strings.Replace(good, "min=10", "min=0x10", 1), ErrMalformed},
		"no delay": {strings.Replace(good, "; delay=3600", "", 1), ErrMalformed},
		"contract": {strings.Replace(good, "contract=0x", "contract=0y", 1), ErrMalformed},
	} {
		if _, err := ParsePolicy(c.rec); !errors.Is(err, c.want) {
			t.Errorf("%s: %v, want %v", name, err, c.want)
		}
	}
}
