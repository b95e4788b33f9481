// Package hashcash reads, checks and mints hashcash work stamps, version 1
// (and reads version 0), compatible with Adam Back's hashcash 1.22.
//
// A stamp is `ver:bits:date:resource:ext:rand:counter`. Its value is the
// number of leading zero bits of SHA-1 over the stamp text: for version 1 the
// claimed bits when the digest has at least that many, else 0; for version 0
// (`0:date:resource:counter`) the actual count. The package uses only the
// standard library.
package hashcash

import (
	"crypto/sha1"
	"errors"
	"fmt"
	"math/bits"
	"strconv"
	"strings"
	"time"
)

// MaxLen bounds the text of a stamp. Real stamps are under 200 bytes; the
// bound keeps a hostile header from costing more than one SHA-1 block run.
const MaxLen = 1024

// MaxBits is the largest claim a stamp can make: SHA-1 has 160 bits.
const MaxBits = 160

// Stamp is a parsed stamp. Fields hold the text exactly as written, so
// String reproduces the stamp byte for byte and the proof still holds.
type Stamp struct {
	Version  int    // 0 or 1
	Bits     int    // claimed bits; version 1 only
	Date     string // YYMMDD, YYMMDDhhmm or YYMMDDhhmmss (YY and YYMM are read too)
	Resource string
	Ext      string // version 1 only; ignored by the proof
	Rand     string // version 1 only
	Counter  string
}

// ErrMalformed is wrapped by every parse error.
var ErrMalformed = errors.New("malformed")

func malformed(format string, args ...any) error {
	return fmt.Errorf("%w: %s", ErrMalformed, fmt.Sprintf(format, args...))
}

// Parse reads a stamp. Surrounding whitespace is not part of a stamp and is
// refused; callers that take stamps from headers unfold and trim first.
func Parse(s string) (Stamp, error) {
	if len(s) > MaxLen {
		return Stamp{}, malformed("stamp is %d bytes, over the %d limit", len(s), MaxLen)
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; c <= ' ' || c >= 0x7f {
			return Stamp{}, malformed("byte %#02x at offset %d", c, i)
		}
	}
	f := strings.Split(s, ":")
	var st Stamp
	switch f[0] {
	case "1":
		if len(f) != 7 {
			return Stamp{}, malformed("version 1 stamp has %d fields, want 7", len(f))
		}
		n, err := parseBits(f[1])
		if err != nil {
			return Stamp{}, err
		}
		st = Stamp{Version: 1, Bits: n, Date: f[2], Resource: f[3], Ext: f[4], Rand: f[5], Counter: f[6]}
		if err := checkAlphabet("random field", st.Rand); err != nil {
			return Stamp{}, err
		}
	case "0":
		if len(f) != 4 {
			return Stamp{}, malformed("version 0 stamp has %d fields, want 4", len(f))
		}
		st = Stamp{Version: 0, Date: f[1], Resource: f[2], Counter: f[3]}
	default:
		return Stamp{}, malformed("unknown version %q", f[0])
	}
	if _, err := ParseDate(st.Date); err != nil {
		return Stamp{}, err
	}
	if st.Resource == "" {
		return Stamp{}, malformed("empty resource")
	}
	if err := checkAlphabet("counter", st.Counter); err != nil {
		return Stamp{}, err
	}
	return st, nil
}

func parseBits(s string) (int, error) {
	if s == "" || len(s) > 3 || (len(s) > 1 && s[0] == '0') || strings.Trim(s, "0123456789") != "" {
		return 0, malformed("bits %q", s)
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 0 || n > MaxBits {
		return 0, malformed("bits %q: want 0..%d", s, MaxBits)
	}
	return n, nil
}

func checkAlphabet(what, s string) error {
	if s == "" {
		return malformed("empty %s", what)
	}
	for i := 0; i < len(s); i++ {
		if !isBase64(s[i]) {
			return malformed("%s has %q, outside the base64 alphabet", what, s[i])
		}
	}
	return nil
}

func isBase64(c byte) bool {
	return 'A' <= c && c <= 'Z' || 'a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '+' || c == '/' || c == '='
}

// String returns the stamp text.
func (s Stamp) String() string {
	if s.Version == 0 {
		return "0:" + s.Date + ":" + s.Resource + ":" + s.Counter
	}
	return "1:" + strconv.Itoa(s.Bits) + ":" + s.Date + ":" + s.Resource + ":" + s.Ext + ":" + s.Rand + ":" + s.Counter
}

// Time returns the stamp's date as a UTC time.
func (s Stamp) Time() time.Time {
	t, _ := ParseDate(s.Date) // Parse validated it
	return t
}

// ZeroBits is the number of leading zero bits of SHA-1 over the stamp text.
func (s Stamp) ZeroBits() int { return zeroBits(s.String()) }

func zeroBits(text string) int {
	sum := sha1.Sum([]byte(text))
	n := 0
	for _, b := range sum {
		if b != 0 {
			return n + bits.LeadingZeros8(b)
		}
		n += 8
	}
	return n
}

// Value is the stamp's worth in bits as hashcash 1.22 computes it: for
// version 1 the claimed bits if the digest has at least that many leading
// zeros and 0 otherwise; for version 0 the leading zero bits themselves.
func (s Stamp) Value() int {
	z := s.ZeroBits()
	if s.Version == 0 {
		return z
	}
	if z >= s.Bits {
		return s.Bits
	}
	return 0
}

// ParseDate reads a stamp date in UTC: YYMMDD, YYMMDDhhmm or YYMMDDhhmmss,
// and the coarser YY and YYMM that hashcash writes for long validity
// periods. Years 70..99 are 19xx, the rest 20xx, as in hashcash.
func ParseDate(s string) (time.Time, error) {
	switch len(s) {
	case 2, 4, 6, 10, 12:
	default:
		return time.Time{}, malformed("date %q: want YYMMDD, YYMMDDhhmm or YYMMDDhhmmss", s)
	}
	var v [6]int
	v[1], v[2] = 1, 1 // month and day default to the first
	for i := 0; i < len(s); i += 2 {
		a, b := s[i], s[i+1]
		if a < '0' || a > '9' || b < '0' || b > '9' {
			return time.Time{}, malformed("date %q: not digits", s)
		}
		v[i/2] = int(a-'0')*10 + int(b-'0')
	}
	year := 2000 + v[0]
	if v[0] >= 70 {
		year = 1900 + v[0]
	}
	t := time.Date(year, time.Month(v[1]), v[2], v[3], v[4], v[5], 0, time.UTC)
	if t.Month() != time.Month(v[1]) || t.Day() != v[2] || t.Hour() != v[3] || t.Minute() != v[4] || t.Second() != v[5] {
		return time.Time{}, malformed("date %q: no such time", s)
	}
	return t, nil
}

// FormatDate writes t in UTC with width 6 (YYMMDD), 10 (YYMMDDhhmm) or 12
// (YYMMDDhhmmss), truncating to that precision as hashcash does.
func FormatDate(t time.Time, width int) (string, error) {
	t = t.UTC()
	if t.Year() < 1970 || t.Year() > 2069 {
		return "", fmt.Errorf("date %s: hashcash dates cover 1970..2069", t.Format(time.DateOnly))
	}
	switch width {
	case 6:
		return t.Format("060102"), nil
	case 10:
		return t.Format("0601021504"), nil
	case 12:
		return t.Format("060102150405"), nil
	}
	return "", fmt.Errorf("date width %d: want 6, 10 or 12", width)
}

// ParseTime reads hashcash's -t: an absolute UTC time YYMMDD[hhmm[ss]]
// (ParseDate), or +/- a period (read by period) relative to now.
func ParseTime(s string, now time.Time, period func(string) (time.Duration, error)) (time.Time, error) {
	if strings.HasPrefix(s, "+") || strings.HasPrefix(s, "-") {
		d, err := period(s[1:])
		if err != nil {
			return time.Time{}, err
		}
		if s[0] == '-' {
			d = -d
		}
		return now.Add(d), nil
	}
	t, err := ParseDate(s)
	if err != nil {
		return time.Time{}, fmt.Errorf("time %q: want YYMMDD[hhmm[ss]] in UTC, or +/-period", s)
	}
	return t, nil
}
