package hashcash

import (
	"errors"
	"fmt"
	"regexp"
	"strings"
	"time"
)

// Defaults as in hashcash 1.22.
const (
	DefaultValidity = 28 * 24 * time.Hour
	DefaultGrace    = 2 * 24 * time.Hour
	DefaultBits     = 20
)

// Reasons a stamp is refused. Callers branch on them with errors.Is; the
// texts are what `postage check` prints.
var (
	ErrInsufficientBits = errors.New("insufficient bits")
	ErrWrongResource    = errors.New("wrong resource")
	ErrExpired          = errors.New("expired")
	ErrFuture           = errors.New("future date")
)

// Match says how a requirement's resource pattern is compared.
type Match int

const (
	// MatchWildcard: '*' matches any run of characters, except that in the
	// domain of an address (after '@') it does not cross a '.', so
	// `*@example.com` and `alice@*.example.com` mean what a mail admin
	// expects. Case-insensitive. hashcash's default (-M).
	MatchWildcard Match = iota
	// MatchExact: plain comparison (-S). The domain of an address always
	// compares case-insensitively; the whole resource does unless
	// CaseSensitive is set.
	MatchExact
	// MatchRegexp: the pattern is a regular expression anchored at both ends
	// (-E), case-insensitive unless CaseSensitive is set.
	MatchRegexp
)

// Requirement is one resource a checker accepts stamps for and the bits it
// asks of them.
type Requirement struct {
	Resource string
	Bits     int
	// Overridden makes this requirement yield to the ones before it: a stamp
	// whose resource matches an earlier pattern is judged by that one alone
	// (hashcash's -o).
	Overridden bool
}

// Policy is how stamps are checked. The zero value checks only the stamp's
// own claim and its dates with hashcash's defaults unset; use NewPolicy.
type Policy struct {
	// Requirements in order; a stamp passes if it meets any that applies.
	// Empty means any resource is accepted at MinBits.
	Requirements  []Requirement
	MinBits       int // used when Requirements is empty
	Match         Match
	CaseSensitive bool
	Validity      time.Duration // 0: stamps never expire
	Grace         time.Duration
	Now           func() time.Time // nil: time.Now
}

// NewPolicy returns hashcash's defaults: 20 bits, 28 days, 2 days grace,
// wildcard matching.
func NewPolicy() *Policy {
	return &Policy{MinBits: DefaultBits, Validity: DefaultValidity, Grace: DefaultGrace}
}

// Result describes a stamp that passed.
type Result struct {
	Stamp Stamp
	Value int
	// Expires is when the stamp stops being acceptable (date + validity +
	// grace), so a spent store may forget it then. Zero: never.
	Expires time.Time
}

// RejectError says why a stamp was refused; Unwrap gives the reason.
type RejectError struct {
	Stamp  string
	Reason error  // one of the Err* values, or a parse error
	Detail string // human detail, e.g. "value 0, need 20"
}

func (e *RejectError) Error() string {
	if e.Detail == "" {
		return e.Reason.Error()
	}
	return e.Reason.Error() + " (" + e.Detail + ")"
}

func (e *RejectError) Unwrap() error { return e.Reason }

func reject(text string, reason error, format string, args ...any) error {
	return &RejectError{Stamp: text, Reason: reason, Detail: fmt.Sprintf(format, args...)}
}

// Check verifies a stamp's text against the policy: format, proof of work,
// resource and dates, in that order (as hashcash does). It does not consult
// a spent store; the caller spends a passing stamp until Result.Expires.
func (p *Policy) Check(text string) (Result, error) {
	st, err := Parse(text)
	if err != nil {
		return Result{}, &RejectError{Stamp: text, Reason: err}
	}
	value := st.Value()
	if st.Version == 1 && value == 0 && st.Bits > 0 {
		return Result{}, reject(text, ErrInsufficientBits, "claims %d bits, digest has %d", st.Bits, st.ZeroBits())
	}
	if err := p.checkResource(st, value); err != nil {
		return Result{}, err
	}
	now := time.Now()
	if p.Now != nil {
		now = p.Now()
	}
	t := st.Time()
	var expires time.Time
	if p.Validity > 0 {
		expires = t.Add(p.Validity + p.Grace)
		if !now.Before(expires) {
			return Result{}, reject(text, ErrExpired, "dated %s, valid until %s", t.Format(time.RFC3339), expires.Format(time.RFC3339))
		}
		if now.Before(t.Add(-p.Grace)) {
			return Result{}, reject(text, ErrFuture, "dated %s, now %s", t.Format(time.RFC3339), now.UTC().Format(time.RFC3339))
		}
	}
	return Result{Stamp: st, Value: value, Expires: expires}, nil
}

func (p *Policy) checkResource(st Stamp, value int) error {
	text := st.String()
	if len(p.Requirements) == 0 {
		if value < p.MinBits {
			return reject(text, ErrInsufficientBits, "value %d, need %d", value, p.MinBits)
		}
		return nil
	}
	var firstErr error
	for i, r := range p.Requirements {
		ok, err := p.matches(r.Resource, st.Resource)
		if err != nil {
			return &RejectError{Stamp: text, Reason: err}
		}
		if !ok {
			continue
		}
		if r.Overridden && p.matchedBefore(i, st.Resource) {
			continue
		}
		if value >= r.Bits {
			return nil
		}
		if firstErr == nil {
			firstErr = reject(text, ErrInsufficientBits, "value %d, %s needs %d", value, r.Resource, r.Bits)
		}
	}
	if firstErr != nil {
		return firstErr
	}
	return reject(text, ErrWrongResource, "stamp is for %s", st.Resource)
}

func (p *Policy) matchedBefore(i int, resource string) bool {
	for _, r := range p.Requirements[:i] {
		if ok, _ := p.matches(r.Resource, resource); ok {
			return true
		}
	}
	return false
}

// ErrBadPattern is wrapped when a requirement's pattern cannot be used.
var ErrBadPattern = errors.New("bad resource pattern")

func (p *Policy) matches(pattern, resource string) (bool, error) {
	switch p.Match {
	case MatchExact:
		return exactMatch(pattern, resource, p.CaseSensitive), nil
	case MatchRegexp:
		return regexpMatch(pattern, resource, p.CaseSensitive)
	default:
		return WildcardMatch(pattern, resource), nil
	}
}

func exactMatch(pattern, resource string, caseSensitive bool) bool {
	if !caseSensitive {
		return strings.EqualFold(pattern, resource)
	}
	pl, pd, pok := cutLast(pattern, "@")
	rl, rd, rok := cutLast(resource, "@")
	if !pok || !rok {
		return pattern == resource
	}
	return pl == rl && strings.EqualFold(pd, rd)
}

func cutLast(s, sep string) (before, after string, found bool) {
	if i := strings.LastIndex(s, sep); i >= 0 {
		return s[:i], s[i+len(sep):], true
	}
	return s, "", false
}

func regexpMatch(pattern, resource string, caseSensitive bool) (bool, error) {
	expr := strings.TrimSuffix(strings.TrimPrefix(pattern, "^"), "$")
	expr = "^(?:" + expr + ")$"
	if !caseSensitive {
		expr = "(?i)" + expr
	}
	re, err := regexp.Compile(expr)
	if err != nil {
		return false, fmt.Errorf("%w: %q: %v", ErrBadPattern, pattern, err)
	}
	return re.MatchString(resource), nil
}

// WildcardMatch compares a resource with a hashcash wildcard pattern,
// ignoring case. When the pattern is an address, '*' in its domain matches
// within one label, so `*@example.com` does not match `a@mx.example.com`
// and `a@*` matches no dotted domain (as hashcash 1.22). A pattern without
// '@' is a glob over the whole resource ('*' alone matches anything; 1.22
// crashes on that case).
func WildcardMatch(pattern, resource string) bool {
	pattern, resource = strings.ToLower(pattern), strings.ToLower(resource)
	pl, pd, pat := cutLast(pattern, "@")
	if !pat {
		return glob(pattern, resource, false)
	}
	rl, rd, rat := cutLast(resource, "@")
	if !rat {
		return false
	}
	return glob(pl, rl, false) && glob(pd, rd, true)
}

// glob matches '*' against any run of bytes (not containing '.' when
// noDot), iteratively with one backtrack point, so hostile patterns cost
// O(len(p)*len(s)) at worst.
func glob(p, s string, noDot bool) bool {
	pi, si := 0, 0
	star, mark := -1, 0
	for si < len(s) {
		switch {
		case pi < len(p) && p[pi] == '*':
			star, mark = pi, si
			pi++
		case pi < len(p) && p[pi] == s[si]:
			pi++
			si++
		case star >= 0 && !(noDot && s[mark] == '.'):
			mark++
			si = mark
			pi = star + 1
		default:
			return false
		}
	}
	for pi < len(p) && p[pi] == '*' {
		pi++
	}
	return pi == len(p)
}
