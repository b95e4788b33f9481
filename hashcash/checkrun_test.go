package hashcash

import (
	"context"
	"errors"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"
)

type spentSet struct {
	seen map[string]time.Time
	fail error
}

func (s *spentSet) Spend(_ context.Context, stamp string, expires time.Time) (bool, error) {
	if s.fail != nil {
		return false, s.fail
	}
	if _, ok := s.seen[stamp]; ok {
		return true, nil
	}
	s.seen[stamp] = expires
	return false, nil
}

func TestRequirementsTakeTheBitsBeforeThemAndTheLastOtherwise(t *testing.T) {
	var r Requirements
	r.Add("a@example.com", false) // no -b before: takes the last one
	if err := r.SetBits(22); err != nil {
		t.Fatal(err)
	}
	r.Add("b@example.com", true)
	if err := r.SetBits(18); err != nil {
		t.Fatal(err)
	}
	want := []Requirement{{Resource: "a@example.com", Bits: 18}, {Resource: "b@example.com", Bits: 22, Overridden: true}}
	if got := r.List(); !reflect.DeepEqual(got, want) {
		t.Errorf("List = %+v, want %+v", got, want)
	}
	if bits, given := r.Bits(); bits != 18 || !given {
		t.Errorf("Bits = %d, %v", bits, given)
	}
	if err := r.SetBits(MaxBits + 1); err == nil {
		t.Errorf("SetBits(%d) accepted", MaxBits+1)
	}
	var none Requirements
	if bits, given := none.Bits(); bits != 0 || given || len(none.List()) != 0 {
		t.Errorf("empty: %d %v %v", bits, given, none.List())
	}
}

func TestCheckStampsFirstUnspentPassDecides(t *testing.T) {
	p := &Policy{Requirements: []Requirement{{Resource: "heidi@example.com", Bits: 20}}, Validity: DefaultValidity, Grace: DefaultGrace, Now: at("260102")}
	store := &spentSet{seen: map[string]time.Time{}}
	c := &Checking{Policy: p, Spent: store, BitsGiven: true}
	checks, err := c.CheckStamps(context.Background(), []string{"1:20:260101:bob@example.com::x:0", heidi, "never-tried"})
	if err != nil {
		t.Fatal(err)
	}
	if len(checks) != 2 || checks[0].Err == nil {
		t.Fatalf("checks = %+v, want a rejection then a pass", checks)
	}
	passed, ok := checks.Passed()
	if !ok || passed.Stamp != heidi || passed.Result.Value < 20 || len(passed.Unchecked) != 0 {
		t.Fatalf("Passed = %+v, %v", passed, ok)
	}
	if want := "ok: " + heidi + ": " + strconv.Itoa(passed.Result.Value) + " bits"; passed.String() != want {
		t.Errorf("String = %q, want %q", passed.String(), want)
	}
	if exp := store.seen[heidi]; !exp.Equal(passed.Result.Expires) || exp.IsZero() {
		t.Errorf("spent until %v, want %v", exp, passed.Result.Expires)
	}
	// The same stamp again is double spent, and nothing passes.
	checks, err = c.CheckStamps(context.Background(), []string{heidi})
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := checks.Passed(); ok || !errors.Is(checks[0].Err, ErrDoubleSpent) {
		t.Fatalf("second check = %+v", checks)
	}
	if want := "rejected: " + heidi + ": double spent"; checks[0].String() != want {
		t.Errorf("String = %q, want %q", checks[0].String(), want)
	}
}

func TestCheckStampsSaysWhatWasNotChecked(t *testing.T) {
	c := &Checking{Policy: &Policy{MinBits: 0, Now: at("260102")}}
	checks, err := c.CheckStamps(context.Background(), []string{heidi})
	if err != nil {
		t.Fatal(err)
	}
	passed, ok := checks.Passed()
	want := []string{"bits (-b)", "resource (-r)", "spent store (-d)"}
	if !ok || !reflect.DeepEqual(passed.Unchecked, want) {
		t.Fatalf("Passed = %+v, %v", passed, ok)
	}
	if s := passed.String(); !strings.HasSuffix(s, " bits, but not fully checked: no bits (-b), resource (-r), spent store (-d)") {
		t.Errorf("String = %q", s)
	}
}

func TestCheckStampsStopsOnAStoreError(t *testing.T) {
	broken := errors.New("disk gone")
	c := &Checking{Policy: &Policy{Now: at("260102")}, Spent: &spentSet{fail: broken}}
	checks, err := c.CheckStamps(context.Background(), []string{"garbage", heidi})
	if !errors.Is(err, broken) || len(checks) != 1 || checks[0].Err == nil {
		t.Fatalf("checks = %+v, err = %v", checks, err)
	}
	if _, ok := checks.Passed(); ok {
		t.Error("a stamp passed with a broken store")
	}
}

func TestRequirementsPolicy(t *testing.T) {
	var r Requirements
	r.Add("*@example.com", false)
	if err := r.SetBits(16); err != nil {
		t.Fatal(err)
	}
	now := time.Date(2026, 1, 2, 0, 0, 0, 0, time.UTC)
	p, err := r.Policy(time.Hour, time.Minute, true, false, true, now)
	if err != nil {
		t.Fatal(err)
	}
	if p.Match != MatchRegexp || !p.CaseSensitive || p.Validity != time.Hour || p.Grace != time.Minute || p.MinBits != 16 || p.Requirements[0].Bits != 16 || !p.Now().Equal(now) {
		t.Errorf("policy %+v", p)
	}
	if p, _ := r.Policy(0, 0, false, true, false, time.Time{}); p.Match != MatchExact || p.Now != nil {
		t.Errorf("-S: %+v", p)
	}
	if p, _ := r.Policy(0, 0, false, false, false, time.Time{}); p.Match != MatchWildcard {
		t.Errorf("default: %+v", p)
	}
	if _, err := r.Policy(0, 0, true, true, false, time.Time{}); !errors.Is(err, ErrMatchConflict) {
		t.Errorf("-E -S: %v", err)
	}
}
