package stake

import (
	"errors"
	"strings"
	"testing"
)

// The examples from EIP-55 itself.
var eip55 = []string{
	"0x52908400098527886E0F7030069857D2E4169EE7",
	"0x8617E340B3D01FA5F11F306F4090FD50E238070D",
	"0xde709f2102306220921060314715629080e2fb77",
	"0x27b1fdb04752bbc536007a920d24acb045561c26",
	"0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed",
	"0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359",
	"0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB",
	"0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb",
}

func TestAddressEIP55(t *testing.T) {
	for _, s := range eip55 {
		a, err := ParseAddress(s)
		if err != nil {
			t.Errorf("ParseAddress(%s): %v", s, err)
			continue
		}
		if a.String() != s {
			t.Errorf("String() = %s, want %s", a, s)
		}
		// Single-case spellings carry no checksum and are accepted.
		for _, v := range []string{"0x" + strings.ToLower(s[2:]), "0x" + strings.ToUpper(s[2:])} {
			b, err := ParseAddress(v)
			if err != nil || b != a {
				t.Errorf("ParseAddress(%s) = %v, %v; want %v", v, b, err, a)
			}
		}
	}
}

func TestAddressBad(t *testing.T) {
	good := "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed"
	// Flip the case of one letter: a typo EIP-55 exists to catch.
	flipped := "0x5aaeb6053F3E94C9b9A09f33669435E7Ef1BeAed"
	for _, bad := range []string{
		"", "0x", good[2:], "0X" + good[2:], good[:41], good + "0", good + "00",
		"0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeg", flipped,
		" " + good, good + " ",
	} {
		if _, err := ParseAddress(bad); !errors.Is(err, ErrBadAddress) {
			t.Errorf("ParseAddress(%q) error = %v, want ErrBadAddress", bad, err)
		}
	}
	if !(Address{}).IsZero() || (Address{1}).IsZero() {
		t.Error("IsZero")
	}
}
