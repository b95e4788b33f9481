package book

import (
	"bytes"
	"encoding/hex"
	"errors"
	"strings"
	"testing"

	"golang.org/x/crypto/sha3"

	"github.com/postage-mail/postage/stake"
)

func mustRcpt(t testing.TB, s string) stake.Recipient {
	t.Helper()
	r, err := stake.ParseRecipient(s)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func sample(t testing.TB) *Ticket {
	t.Helper()
	var n stake.Nonce
	for i := range n {
		n[i] = byte(i + 1)
	}
	return &Ticket{
		ChainID:   0x706f7374,
		Contract:  stake.Address{0xaa, 1},
		Book:      stake.Hash{0xbb, 2},
		Index:     4095,
		Recipient: mustRcpt(t, "Alice@Example.COM"),
		Nonce:     n,
		Buyer:     stake.Address{0xcc, 3},
	}
}

func TestTicketRoundTrip(t *testing.T) {
	tk := sample(t)
	v, err := tk.Format()
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(v, "v=1; kind=ticket; chain=1886352244; contract=0x") || !strings.Contains(v, "rcpt=alice@example.com;") {
		t.Fatalf("format: %s", v)
	}
	if !IsTicket(v) {
		t.Fatal("IsTicket(formatted ticket) = false")
	}
	got, err := Parse(v)
	if err != nil {
		t.Fatal(err)
	}
	if *got != *tk {
		t.Fatalf("round trip: %+v, want %+v", got, tk)
	}
	// Folded, reordered, with an unknown tag and a trailing ';'.
	folded := "kind=ticket; v=1;\r\n chain=1886352244 ; contract=" + tk.Contract.String() + ";\n\tbook=" + tk.Book.String() +
		"; index=4095; rcpt=alice@example.com; nonce=" + tk.Nonce.String() + "; buyer=" + tk.Buyer.String() + "; future=x;"
	if got, err := Parse(folded); err != nil || *got != *tk {
		t.Fatalf("folded: %+v, %v", got, err)
	}
}

func TestTicketRefusals(t *testing.T) {
	good, _ := sample(t).Format()
	for _, c := range []struct {
		name, value string
		want        error
	}{
		{"stake stamp", "v=1; chain=1; contract=0x0000000000000000000000000000000000000001", ErrNotTicket},
		{"version 2", strings.Replace(good, "v=1;", "v=2;", 1), ErrUnsupportedVersion},
		{"missing buyer", good[:strings.Index(good, "; buyer=")], ErrMalformed},
		{"duplicate", good + "; index=1", ErrMalformed},
		{"index too big", strings.Replace(good, "index=4095", "index=1048576", 1), ErrMalformed},
		{"leading zero", strings.Replace(good, "index=4095", "index=04095", 1), ErrMalformed},
		{"chain 0", strings.Replace(good, "chain=1886352244", "chain=0", 1), ErrMalformed},
		{"bad nonce", strings.Replace(good, "nonce=", "nonce=x", 1), ErrMalformed},
		{"bad rcpt", strings.Replace(good, "rcpt=alice@example.com", "rcpt=alice", 1), ErrMalformed},
		{"bad checksum", strings.Replace(good, "buyer=0x", "buyer=0X", 1), ErrMalformed},
		{"control char", strings.Replace(good, "v=1", "v=1\x00", 1), ErrMalformed},
		{"bare CR", strings.Replace(good, "; kind", ";\r kind", 1), ErrMalformed},
		{"too long", good + "; x=" + strings.Repeat("a", 5000), ErrMalformed},
	} {
		if _, err := Parse(c.value); !errors.Is(err, c.want) {
			t.Errorf("%s: Parse error %v, want %v", c.name, err, c.want)
		}
	}
	bad := sample(t)
	bad.Buyer = stake.Address{}
	if _, err := bad.Format(); !errors.Is(err, ErrMalformed) {
		t.Fatal("Format wrote a ticket without buyer")
	}
}

func TestTicketFor(t *testing.T) {
	tk := sample(t)
	b, err := tk.For(mustRcpt(t, "alice@example.com"))
	if err != nil || b != Binding(tk.Recipient, tk.Nonce) {
		t.Fatalf("For(alice) = %x, %v", b, err)
	}
	if _, err := tk.For(mustRcpt(t, "bob@example.com")); !errors.Is(err, ErrWrongRecipient) {
		t.Fatalf("For(bob) = %v", err)
	}
}

// The binding and commitment by their definitions (an independent
// keccak), and the binding separates recipients and from stake secrets.
func TestBindingAndCommitment(t *testing.T) {
	tk := sample(t)
	k := sha3.NewLegacyKeccak256()
	k.Write([]byte("postage-ticket-v1alice@example.com"))
	k.Write(tk.Nonce[:])
	want := k.Sum(nil)
	got := tk.Binding()
	if !bytes.Equal(got[:], want) {
		t.Fatalf("binding %x, want %x", got, want)
	}
	if Binding(mustRcpt(t, "bob@example.com"), tk.Nonce) == got {
		t.Fatal("two recipients share a binding")
	}
	if stake.Secret(tk.Recipient, tk.Nonce) == got {
		t.Fatal("a binding equals the stake secret of the same nonce")
	}
	k = sha3.NewLegacyKeccak256()
	k.Write(tk.Buyer[:])
	k.Write(got[:])
	if c := Commitment(tk.Buyer, got); !bytes.Equal(c[:], k.Sum(nil)[:26]) {
		t.Fatal("commitment is not the top 26 bytes of keccak256(buyer ‖ binding)")
	}
}

func TestMatches(t *testing.T) {
	// keccak256(0x00*32 ‖ 0x00*32) = ad3228b6...5fb5: the last byte is
	// 0xb5, odd: no match.
	if Matches(Value{}, stake.Hash{}) {
		t.Fatal("Matches(0, 0) = true, want false (keccak ends in 0xb5)")
	}
	// Over many values the coin is fair.
	seed := stake.Hash{1}
	n := 0
	for i := 0; i < 4000; i++ {
		var v Value
		v[0], v[1] = byte(i), byte(i>>8)
		if Matches(v, seed) {
			n++
		}
	}
	if n < 1800 || n > 2200 {
		t.Fatalf("%d of 4000 match, want about half", n)
	}
}

func TestRandomnessBlock(t *testing.T) {
	for _, c := range []struct{ b, k, e, want uint64 }{
		{100, 2, 1, 102}, {100, 2, 4, 104}, {102, 2, 4, 104}, {103, 2, 4, 108}, {0, 1, 32, 32}, {31, 1, 32, 32}, {32, 1, 32, 64},
	} {
		if got := RandomnessBlock(c.b, c.k, c.e); got != c.want {
			t.Errorf("RandomnessBlock(%d, %d, %d) = %d, want %d", c.b, c.k, c.e, got, c.want)
		}
	}
}

func TestValuesAndTree(t *testing.T) {
	vs, err := NewValues(5, bytes.NewReader(bytes.Repeat([]byte{7}, 5*32)))
	if err != nil {
		t.Fatal(err)
	}
	tr, err := Tree(vs)
	if err != nil {
		t.Fatal(err)
	}
	for i, v := range vs {
		p, _ := tr.Proof(uint32(i))
		if err := stake.Verify(tr.Root(), stake.Leaf(v), uint32(i), 5, p); err != nil {
			t.Fatalf("value %d: %v", i, err)
		}
	}
	if _, err := NewValues(0, nil); err == nil {
		t.Fatal("zero values accepted")
	}
	if _, err := NewValues(3, bytes.NewReader(make([]byte, 40))); err == nil {
		t.Fatal("short randomness accepted")
	}
	owner := stake.Address{9}
	if ID(owner, tr.Root()) != stake.DepositID(owner, tr.Root()) {
		t.Fatal("book id is not keccak256(owner ‖ root)")
	}
}

func TestRecord(t *testing.T) {
	r := Record{ChainID: 1, Contract: stake.Address{1, 2, 3}, Book: stake.Hash{4, 5}}
	s := r.String()
	if len(s) > 255 {
		t.Fatalf("record of %d octets does not fit one TXT string", len(s))
	}
	got, err := ParseRecord(s)
	if err != nil || got != r {
		t.Fatalf("round trip: %+v, %v", got, err)
	}
	if Name("Example.COM.") != "_postage.example.com." {
		t.Fatalf("Name = %s", Name("Example.COM."))
	}
	for _, bad := range []string{"v=spf1 -all", "v=postage-book1; chain=0; contract=" + r.Contract.String() + "; book=" + r.Book.String(),
		"v=postage-book1; chain=1; book=" + r.Book.String(), "v=postage-book1; chain=1; contract=" + r.Contract.String() + "; book=0x12"} {
		if _, err := ParseRecord(bad); err == nil {
			t.Errorf("ParseRecord(%q) accepted", bad)
		}
	}
	recs, err := ParseRecords([]string{"v=spf1 -all", s, "v=postage-book2; x=y"})
	if err != nil || len(recs) != 1 || recs[0] != r {
		t.Fatalf("ParseRecords: %v, %v", recs, err)
	}
	if _, err := ParseRecords([]string{"v=spf1 -all"}); !errors.Is(err, ErrUnsupportedVersion) {
		t.Fatalf("ParseRecords without a book: %v", err)
	}
	if _, err := ParseRecords(nil); !errors.Is(err, ErrMalformed) {
		t.Fatalf("ParseRecords(nil): %v", err)
	}
}

func FuzzParse(f *testing.F) {
	good, _ := sample(f).Format()
	f.Add(good)
	f.Add("v=1; kind=ticket")
	f.Add(hex.EncodeToString([]byte(good)))
	f.Fuzz(func(t *testing.T, s string) {
		tk, err := Parse(s)
		if err != nil {
			return
		}
		v, err := tk.Format()
		if err != nil {
			t.Fatalf("parsed %q but cannot format: %v", s, err)
		}
		again, err := Parse(v)
		if err != nil || *again != *tk {
			t.Fatalf("re-parse of %q: %+v, %v", v, again, err)
		}
	})
}
