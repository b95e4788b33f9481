// Package wei reads and writes ETH amounts exactly, in wei: the syntax
// of the amounts in the configuration ("0.01eth", "1.5gwei", "1000wei")
// and of the amounts commands print ("0.01 ETH"). It needs no
// go-ethereum, so config parses amounts without the chain client.
package wei

import (
	"errors"
	"fmt"
	"math/big"
	"strings"
)

// ErrBadValue is returned for an amount Parse cannot read exactly.
var ErrBadValue = errors.New("bad amount")

var units = []struct {
	names    []string
	decimals int
}{
	{[]string{"eth", "ether"}, 18},
	{[]string{"gwei"}, 9},
	{[]string{"wei"}, 0},
}

// Parse reads an ETH amount written as a decimal number and a unit:
// "0.01eth", "0.01 ether", "1.5gwei", "1000wei". A number without a unit is
// ETH. The amount must be exact in wei (no rounding) and not negative.
func Parse(s string) (*big.Int, error) {
	num, decimals := splitUnit(strings.ToLower(strings.TrimSpace(s)))
	if num == "" {
		return nil, fmt.Errorf("%w %q: no number (write e.g. 0.01eth, 1gwei, 1000wei)", ErrBadValue, s)
	}
	whole, frac, _ := strings.Cut(num, ".")
	if whole == "" && frac == "" {
		return nil, fmt.Errorf("%w %q: no number", ErrBadValue, s)
	}
	if !allDigits(whole) || !allDigits(frac) {
		return nil, fmt.Errorf("%w %q: not a plain decimal number with a unit (eth, gwei, wei)", ErrBadValue, s)
	}
	frac = strings.TrimRight(frac, "0")
	if len(frac) > decimals {
		return nil, fmt.Errorf("%w %q: finer than 1 wei", ErrBadValue, s)
	}
	digits := strings.TrimLeft(whole+frac+strings.Repeat("0", decimals-len(frac)), "0")
	if digits == "" {
		return new(big.Int), nil
	}
	v, ok := new(big.Int).SetString(digits, 10)
	if !ok {
		return nil, fmt.Errorf("%w %q", ErrBadValue, s)
	}
	return v, nil
}

// splitUnit separates the unit suffix; no suffix means ETH.
func splitUnit(in string) (num string, decimals int) {
	for _, u := range units {
		for _, name := range u.names {
			if rest, ok := strings.CutSuffix(in, name); ok {
				return strings.TrimSpace(rest), u.decimals
			}
		}
	}
	return in, 18
}

func allDigits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

// Format writes an amount in ETH, exactly, with the unit: "0.01 ETH".
func Format(v *big.Int) string {
	if v == nil {
		return "0 ETH"
	}
	neg := v.Sign() < 0
	abs := new(big.Int).Abs(v)
	s := abs.String()
	if len(s) <= 18 {
		s = strings.Repeat("0", 19-len(s)) + s
	}
	whole, frac := s[:len(s)-18], strings.TrimRight(s[len(s)-18:], "0")
	out := whole
	if frac != "" {
		out += "." + frac
	}
	if neg {
		out = "-" + out
	}
	return out + " ETH"
}

// FormatGwei writes v, an amount per gas, in gwei: "100 gwei", "0.25 gwei",
// exact to the wei ("0.000000001 gwei").
func FormatGwei(v *big.Int) string {
	s := new(big.Rat).SetFrac(v, big.NewInt(1e9)).FloatString(9)
	return strings.TrimSuffix(strings.TrimRight(s, "0"), ".") + " gwei"
}
