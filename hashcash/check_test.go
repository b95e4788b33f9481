package hashcash

import (
	"errors"
	"math/rand/v2"
	"strings"
	"testing"
	"time"
)

const heidi = "1:20:260101:heidi@example.com::J46CEFkme640KxgN:000000000000000000000000000000000000000000000Gx/"

func at(s string) func() time.Time {
	t, err := ParseDate(s)
	if err != nil {
		panic(err)
	}
	return func() time.Time { return t }
}

func TestCheckDatesAndGrace(t *testing.T) {
	for _, tc := range []struct {
		now             string
		validity, grace time.Duration
		want            error
	}{
		{"260102", DefaultValidity, DefaultGrace, nil},
		{"260128", DefaultValidity, DefaultGrace, nil},
		{"260130235959", DefaultValidity, DefaultGrace, nil},
		{"260131", DefaultValidity, DefaultGrace, ErrExpired},
		{"251229", DefaultValidity, DefaultGrace, ErrFuture},
		{"251230", DefaultValidity, DefaultGrace, nil},
		{"260103235959", 24 * time.Hour, DefaultGrace, nil},
		{"260104", 24 * time.Hour, DefaultGrace, ErrExpired},
		{"260102", 24 * time.Hour, 0, ErrExpired},
		{"260101235959", 24 * time.Hour, 0, nil},
		{"991231", 0, 0, nil}, // validity 0: forever, and no future check
		{"700101", 0, 0, nil},
	} {
		p := &Policy{MinBits: 20, Validity: tc.validity, Grace: tc.grace, Now: at(tc.now)}
		_, err := p.Check(heidi)
		if tc.want == nil && err != nil || tc.want != nil && !errors.Is(err, tc.want) {
			t.Errorf("now %s validity %v grace %v: err %v, want %v", tc.now, tc.validity, tc.grace, err, tc.want)
		}
	}
}

func TestCheckResourceMatching(t *testing.T) {
	for _, tc := range []struct {
		pattern string
		match   Match
		ok      bool
	}{
		{"heidi@example.com", MatchWildcard, true},
		{"HEIDI@EXAMPLE.COM", MatchWildcard, true},
		{"*@example.com", MatchWildcard, true},
		{"heidi@*", MatchWildcard, false},
		{"h*i@ex*.c*", MatchWildcard, true},
		{"*@*.example.com", MatchWildcard, false},
		{"heidi@*.com", MatchWildcard, true},
		{"*@*", MatchWildcard, false},
		{"*", MatchWildcard, true},
		{"bob@example.com", MatchWildcard, false},
		{"h.*@example\\.com", MatchRegexp, true},
		{"h.*@example\\.org", MatchRegexp, false},
		{"eidi@example\\.com", MatchRegexp, false}, // anchored
		{"*@example.com", MatchExact, false},
		{"heidi@EXAMPLE.com", MatchExact, true},
	} {
		p := &Policy{Requirements: []Requirement{{Resource: tc.pattern, Bits: 20}}, Match: tc.match}
		_, err := p.Check(heidi)
		if tc.ok && err != nil || !tc.ok && !errors.Is(err, ErrWrongResource) {
			t.Errorf("pattern %q (mode %d): err %v, want ok=%v", tc.pattern, tc.match, err, tc.ok)
		}
	}
}

func TestExactCaseSensitiveKeepsDomainCaseInsensitive(t *testing.T) {
	if !exactMatch("Frank.Mixed@example.com", "Frank.Mixed@Example.COM", true) {
		t.Error("domain should compare case-insensitively")
	}
	if exactMatch("frank.mixed@example.com", "Frank.Mixed@Example.COM", true) {
		t.Error("local part should compare case-sensitively with CaseSensitive")
	}
}

func TestPerResourceBitsAndOverride(t *testing.T) {
	reqs := []Requirement{{Resource: "heidi@example.com", Bits: 24}, {Resource: "*@example.com", Bits: 16}}
	p := &Policy{Requirements: reqs}
	if _, err := p.Check(heidi); err != nil {
		t.Errorf("second requirement should accept: %v", err)
	}
	reqs[1].Overridden = true
	if _, err := p.Check(heidi); !errors.Is(err, ErrInsufficientBits) {
		t.Errorf("override: err %v, want insufficient bits", err)
	}
}

func TestCheckRejectsTamperedAndMalformed(t *testing.T) {
	p := &Policy{MinBits: 20}
	for stamp, want := range map[string]error{
		heidi[:len(heidi)-1] + "0":                             ErrInsufficientBits,
		"2:20:260101:heidi@example.com::J46CEFkme640KxgN:0Gx/": ErrMalformed,
		"1:20:260101:heidi@example.com::J46CEFkme640Kx_N:0Gx/": ErrMalformed,
		"garbage": ErrMalformed,
		"1:20:261301:heidi@example.com::AAAA:AAA":                   ErrMalformed,
		"1:020:260101:a::AAAA:AAA":                                  ErrMalformed,
		"1:161:260101:a::AAAA:AAA":                                  ErrMalformed,
		"1:20:260101:::AAAA:AAA":                                    ErrMalformed,
		"1:20:260101:a b::AAAA:AAA":                                 ErrMalformed,
		"1:20:260101:a::AAAA:":                                      ErrMalformed,
		"1:20:260101:a::AAAA:AAA:extra":                             ErrMalformed,
		"1:20:260101:" + strings.Repeat("a", MaxLen) + "::AAAA:AAA": ErrMalformed,
	} {
		if _, err := p.Check(stamp); !errors.Is(err, want) {
			t.Errorf("Check(%.60q): %v, want %v", stamp, err, want)
		}
	}
}

func TestCheckExpiresForSpentStore(t *testing.T) {
	p := &Policy{MinBits: 20, Validity: DefaultValidity, Grace: DefaultGrace, Now: at("260102")}
	r, err := p.Check(heidi)
	if err != nil {
		t.Fatal(err)
	}
	if want := time.Date(2026, 1, 31, 0, 0, 0, 0, time.UTC); !r.Expires.Equal(want) {
		t.Errorf("Expires = %v, want %v", r.Expires, want)
	}
}

// slowGlob is the obvious recursive definition; glob must agree with it.
func slowGlob(p, s string, noDot bool) bool {
	if p == "" {
		return s == ""
	}
	if p[0] == '*' {
		for i := 0; i <= len(s); i++ {
			if noDot && strings.Contains(s[:i], ".") {
				break
			}
			if slowGlob(p[1:], s[i:], noDot) {
				return true
			}
		}
		return false
	}
	return s != "" && p[0] == s[0] && slowGlob(p[1:], s[1:], noDot)
}

func TestGlobAgreesWithDefinition(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	const alpha = "ab.*"
	word := func(n int, stars bool) string {
		b := make([]byte, r.IntN(n))
		for i := range b {
			c := alpha[r.IntN(len(alpha))]
			if !stars && c == '*' {
				c = 'a'
			}
			b[i] = c
		}
		return string(b)
	}
	for i := 0; i < 200000; i++ {
		p, s, nd := word(7, true), word(9, false), r.IntN(2) == 0
		if got, want := glob(p, s, nd), slowGlob(p, s, nd); got != want {
			t.Fatalf("glob(%q, %q, %v) = %v, want %v", p, s, nd, got, want)
		}
	}
}

func TestDates(t *testing.T) {
	for s, want := range map[string]string{
		"260101":       "2026-01-01T00:00:00Z",
		"2601011230":   "2026-01-01T12:30:00Z",
		"260101123456": "2026-01-01T12:34:56Z",
		"991231":       "1999-12-31T00:00:00Z",
		"700101":       "1970-01-01T00:00:00Z",
		"69":           "2069-01-01T00:00:00Z",
		"2602":         "2026-02-01T00:00:00Z",
	} {
		got, err := ParseDate(s)
		if err != nil || got.Format(time.RFC3339) != want {
			t.Errorf("ParseDate(%q) = %v, %v; want %s", s, got, err, want)
		}
	}
	for _, s := range []string{"", "2601", "26010", "260230", "261301", "260101246000", "26010112", "2601011260", "26o101"} {
		if s == "2601" {
			continue // YYMM is valid
		}
		if _, err := ParseDate(s); !errors.Is(err, ErrMalformed) {
			t.Errorf("ParseDate(%q): %v, want malformed", s, err)
		}
	}
}
