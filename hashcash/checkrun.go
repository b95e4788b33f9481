package hashcash

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"
)

// ErrDoubleSpent is the reason CheckStamps gives for a stamp its Spender
// had already recorded.
var ErrDoubleSpent = errors.New("double spent")

// Spender records the stamps that pass, so that each passes once (a spent
// store). spent reports a stamp already recorded; err, that the store
// could not be used.
type Spender interface {
	Spend(ctx context.Context, stamp string, expires time.Time) (spent bool, err error)
}

// Requirements collects hashcash -c's -b and -r options in command-line
// order: each -r takes the -b given before it, and a -b after the last -r
// applies to the -r options that had none.
type Requirements struct {
	reqs    []Requirement
	bitsSet []bool // per requirement: was a -b given before it?
	bits    int
	sawBits bool
}

// SetBits is -b n.
func (r *Requirements) SetBits(n int) error {
	if n < 0 || n > MaxBits {
		return fmt.Errorf("bits %d: want 0..%d", n, MaxBits)
	}
	r.bits, r.sawBits = n, true
	return nil
}

// Add is -r resource; overridden is a -o just before it.
func (r *Requirements) Add(resource string, overridden bool) {
	r.reqs = append(r.reqs, Requirement{Resource: resource, Bits: r.bits, Overridden: overridden})
	r.bitsSet = append(r.bitsSet, r.sawBits)
}

// List is the requirements with the last -b applied to those given none.
func (r *Requirements) List() []Requirement {
	out := append([]Requirement(nil), r.reqs...)
	for i := range out {
		if !r.bitsSet[i] {
			out[i].Bits = r.bits
		}
	}
	return out
}

// Bits is the last -b (0 without one), and whether one was given.
func (r *Requirements) Bits() (int, bool) { return r.bits, r.sawBits }

// Checking is what hashcash -c checks stamps with: the policy, the spent
// store, and what the command line gave, which decides whether a stamp
// that passes was fully checked.
type Checking struct {
	Policy *Policy
	Spent  Spender // nil: no spent store (-d)
	// BitsGiven is a -b on the command line.
	BitsGiven bool
}

// StampCheck is what CheckStamps found for one stamp.
type StampCheck struct {
	Stamp  string
	Result Result // when Err is nil, the stamp passed
	// Err is why the stamp was refused: a *RejectError, or ErrDoubleSpent.
	Err error
	// Unchecked lists what a stamp that passed was not checked for, because
	// it was not given: "bits (-b)", "resource (-r)", "spent store (-d)".
	Unchecked []string
}

// String is the line hashcash -c reports the stamp with.
func (s StampCheck) String() string {
	switch {
	case s.Err != nil:
		return fmt.Sprintf("rejected: %s: %v", s.Stamp, s.Err)
	case len(s.Unchecked) > 0:
		return fmt.Sprintf("ok: %s: %d bits, but not fully checked: no %s", s.Stamp, s.Result.Value, strings.Join(s.Unchecked, ", "))
	}
	return fmt.Sprintf("ok: %s: %d bits", s.Stamp, s.Result.Value)
}

// Checks are the stamps CheckStamps tried, in order.
type Checks []StampCheck

// Passed is the stamp that passed (the last one tried), if one did.
func (cs Checks) Passed() (StampCheck, bool) {
	if len(cs) == 0 || cs[len(cs)-1].Err != nil {
		return StampCheck{}, false
	}
	return cs[len(cs)-1], true
}

// CheckStamps tries the stamps in order, as hashcash -c does: the first
// that passes the policy and, with a spent store, is not spent yet decides
// (it is recorded as spent until it expires). An error is a spent store
// that could not be used; the checks made before it are returned with it.
func (c *Checking) CheckStamps(ctx context.Context, stamps []string) (Checks, error) {
	var out Checks
	for _, text := range stamps {
		res, err := c.Policy.Check(text)
		if err != nil {
			out = append(out, StampCheck{Stamp: text, Err: err})
			continue
		}
		if c.Spent != nil {
			spent, err := c.Spent.Spend(ctx, text, res.Expires)
			if err != nil {
				return out, err
			}
			if spent {
				out = append(out, StampCheck{Stamp: text, Err: ErrDoubleSpent})
				continue
			}
		}
		return append(out, StampCheck{Stamp: text, Result: res, Unchecked: c.unchecked()}), nil
	}
	return out, nil
}

func (c *Checking) unchecked() []string {
	var missing []string
	if !c.BitsGiven {
		missing = append(missing, "bits (-b)")
	}
	if len(c.Policy.Requirements) == 0 {
		missing = append(missing, "resource (-r)")
	}
	if c.Spent == nil {
		missing = append(missing, "spent store (-d)")
	}
	return missing
}

// ErrMatchConflict: -E (regular expressions) and -S (plain text) were both
// given.
var ErrMatchConflict = errors.New("-E and -S exclude each other")

// Policy is the policy of hashcash -c's options: these requirements (or,
// without any, the last -b for every resource), -e validity and -g grace,
// -E regexp or -S exact matching, -C case sensitivity, and -t now (zero:
// the clock).
func (r *Requirements) Policy(validity, grace time.Duration, regexp, exact, caseSensitive bool, now time.Time) (*Policy, error) {
	p := &Policy{Requirements: r.List(), MinBits: r.bits, Validity: validity, Grace: grace, CaseSensitive: caseSensitive}
	switch {
	case regexp && exact:
		return nil, ErrMatchConflict
	case regexp:
		p.Match = MatchRegexp
	case exact:
		p.Match = MatchExact
	}
	if !now.IsZero() {
		p.Now = func() time.Time { return now }
	}
	return p, nil
}
