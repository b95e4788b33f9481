package wei

import (
	"errors"
	"math/big"
	"testing"
)

func TestParse(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want string // wei
	}{
		{"0.01eth", "10000000000000000"},
		{"0.01 ETH", "10000000000000000"},
		{" 1ether ", "1000000000000000000"},
		{"2", "2000000000000000000"},
		{".5eth", "500000000000000000"},
		{"5.eth", "5000000000000000000"},
		{"1gwei", "1000000000"},
		{"1.5 gwei", "1500000000"},
		{"1000wei", "1000"},
		{"0wei", "0"},
		{"0.000000000000000001eth", "1"},
		{"1.000000000gwei", "1000000000"},
		{"123456789012345678901234567890wei", "123456789012345678901234567890"},
	} {
		got, err := Parse(tc.in)
		if err != nil {
			t.Errorf("Parse(%q): %v", tc.in, err)
			continue
		}
		if got.String() != tc.want {
			t.Errorf("Parse(%q) = %s, want %s", tc.in, got, tc.want)
		}
	}
	for _, bad := range []string{
		"", "eth", "gwei", ".", "-1eth", "+1eth", "1e18wei", "0x10", "1,5eth", "1.5wei",
		"0.0000000000000000001eth", "1.0000000001gwei", "1 2eth", "1btc", "1..2", "NaN",
	} {
		if v, err := Parse(bad); !errors.Is(err, ErrBadValue) {
			t.Errorf("Parse(%q) = %v, %v; want ErrBadValue", bad, v, err)
		}
	}
}

func TestFormat(t *testing.T) {
	for _, tc := range []struct {
		wei  string
		want string
	}{
		{"0", "0 ETH"},
		{"1", "0.000000000000000001 ETH"},
		{"10000000000000000", "0.01 ETH"},
		{"1000000000000000000", "1 ETH"},
		{"1234500000000000000000", "1234.5 ETH"},
		{"-10000000000000000", "-0.01 ETH"},
	} {
		v, _ := new(big.Int).SetString(tc.wei, 10)
		if got := Format(v); got != tc.want {
			t.Errorf("Format(%s) = %q, want %q", tc.wei, got, tc.want)
		}
		if v.Sign() >= 0 {
			back, err := Parse(Format(v)[:len(Format(v))-4] + "eth")
			if err != nil || back.Cmp(v) != 0 {
				t.Errorf("round trip of %s: %v, %v", tc.wei, back, err)
			}
		}
	}
	if got := Format(nil); got != "0 ETH" {
		t.Errorf("Format(nil) = %q", got)
	}
}

func TestFormatGwei(t *testing.T) {
	for in, want := range map[int64]string{
		100e9: "100 gwei", 1e9: "1 gwei", 25e7: "0.25 gwei", 1: "0.000000001 gwei", 0: "0 gwei", 1_500_000_001: "1.500000001 gwei",
	} {
		if got := FormatGwei(big.NewInt(in)); got != want {
			t.Errorf("FormatGwei(%d) = %q, want %q", in, got, want)
		}
	}
}
