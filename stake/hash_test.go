package stake

import (
	"encoding/hex"
	"errors"
	"strings"
	"testing"
)

func mustHex(t testing.TB, s string) []byte {
	t.Helper()
	b, err := hex.DecodeString(s)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// Known Keccak-256 answers (not SHA3-256, which differs in padding).
func TestKeccakKnownAnswers(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"", "c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470"},
		{"abc", "4e03657aea45a94fc7d47ba826c8d667c0d1e6e33a64a036ec44f58fa12d6c45"},
	} {
		if got := keccak([]byte(c.in)); hex.EncodeToString(got[:]) != c.want {
			t.Errorf("keccak256(%q) = %x, want %s", c.in, got, c.want)
		}
	}
}

func TestLeafAndNodeDomainSeparation(t *testing.T) {
	var s Hash
	for i := range s {
		s[i] = byte(i)
	}
	if got, want := Leaf(s), keccak(append([]byte{0}, s[:]...)); got != want {
		t.Errorf("Leaf = %s, want keccak(0x00||s) = %s", got, want)
	}
	if Leaf(s) == keccak(s[:]) {
		t.Error("Leaf must not be the plain hash of the secret")
	}
	a, b := Leaf(s), Leaf(Hash{})
	in := append(append([]byte{1}, a[:]...), b[:]...)
	if got, want := Node(a, b), keccak(in); got != want {
		t.Errorf("Node = %s, want keccak(0x01||l||r) = %s", got, want)
	}
	if Node(a, b) == Node(b, a) {
		t.Error("Node must depend on order")
	}
	h := newNodeHasher()
	for i := 0; i < 3; i++ { // reuse of the hasher state must not leak between calls
		if got := h.node(&a, &b); got != Node(a, b) {
			t.Fatalf("nodeHasher call %d = %s, want %s", i, got, Node(a, b))
		}
	}
}

func TestDepositID(t *testing.T) {
	creator := MustParseAddressForTest(t, "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266")
	root := Hash{0xaa}
	want := keccak(append(append([]byte{}, creator[:]...), root[:]...))
	if got := DepositID(creator, root); got != want {
		t.Errorf("DepositID = %s, want %s", got, want)
	}
	if DepositID(creator, root) == DepositID(Address{1}, root) {
		t.Error("deposit id must depend on the creator")
	}
}

func TestParseHash(t *testing.T) {
	good := "0x" + strings.Repeat("ab", 32)
	h, err := ParseHash(good)
	if err != nil {
		t.Fatal(err)
	}
	if h.String() != good {
		t.Errorf("round trip %s -> %s", good, h)
	}
	if up, err := ParseHash("0x" + strings.Repeat("AB", 32)); err != nil || up != h {
		t.Errorf("upper-case hex: %v, %v", up, err)
	}
	for _, bad := range []string{
		"",
		"0x",
		strings.Repeat("ab", 32),               // no prefix
		"0X" + strings.Repeat("ab", 32),        // upper-case prefix
		"0x" + strings.Repeat("ab", 31),        // short
		"0x" + strings.Repeat("ab", 33),        // long
		"0x" + strings.Repeat("ab", 31) + "ag", // not hex
		"0x" + strings.Repeat("ab", 31) + "a",  // odd
		" 0x" + strings.Repeat("ab", 32),       // space
	} {
		if _, err := ParseHash(bad); !errors.Is(err, ErrBadEncoding) {
			t.Errorf("ParseHash(%q) error = %v, want ErrBadEncoding", bad, err)
		}
	}
}

func TestNonce(t *testing.T) {
	var n Nonce
	for i := range n {
		n[i] = byte(255 - i)
	}
	s := n.String()
	if len(s) != NonceLen || strings.ContainsAny(s, "=+/") {
		t.Errorf("nonce %q is not 43 chars of unpadded base64url", s)
	}
	back, err := ParseNonce(s)
	if err != nil || back != n {
		t.Fatalf("round trip: %v %v", back, err)
	}
	// The last character carries 2 unused bits; setting one must be refused
	// so that a nonce has one spelling only.
	last := strings.IndexByte(nonceAlphabet, s[len(s)-1])
	noncanon := s[:len(s)-1] + string(nonceAlphabet[last|1])
	if last|1 == last {
		noncanon = s[:len(s)-1] + string(nonceAlphabet[last&^1])
	}
	for _, bad := range []string{
		"", s[:42], s + "A", s + "=", s[:42] + "=", noncanon,
		strings.Replace(s, s[:1], "+", 1), // std alphabet, not url
		strings.Replace(s, s[:1], " ", 1),
	} {
		if _, err := ParseNonce(bad); !errors.Is(err, ErrBadEncoding) {
			t.Errorf("ParseNonce(%q) error = %v, want ErrBadEncoding", bad, err)
		}
	}
	if _, err := NewNonce(strings.NewReader("short")); err == nil {
		t.Error("NewNonce from a short reader must fail")
	}
	a, err1 := NewNonce(nil)
	b, err2 := NewNonce(nil)
	if err1 != nil || err2 != nil || a == b || a == (Nonce{}) {
		t.Errorf("random nonces %v %v (%v %v)", a, b, err1, err2)
	}
}

const nonceAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"

func TestSecretBinding(t *testing.T) {
	n := Nonce{1, 2, 3}
	bob := MustParseRecipient("bob@example.org")
	want := keccak(append([]byte("postage-v1bob@example.org"), n[:]...))
	if got := Secret(bob, n); got != want {
		t.Errorf("Secret = %s, want %s", got, want)
	}
	if Secret(MustParseRecipient("<BOB@Example.ORG>"), n) != want {
		t.Error("case and brackets must not change the secret")
	}
	if Secret(MustParseRecipient("alice@example.org"), n) == want {
		t.Error("another recipient must get another secret")
	}
	if Secret(bob, Nonce{1, 2, 4}) == want {
		t.Error("another nonce must give another secret")
	}
}

func MustParseAddressForTest(t testing.TB, s string) Address {
	t.Helper()
	a, err := ParseAddress(s)
	if err != nil {
		t.Fatal(err)
	}
	return a
}
