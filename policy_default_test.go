package postage

import (
	"context"
	"strings"
	"testing"

	"github.com/postage-mail/postage/hashcash"
)

// Under DefaultPolicy a work stamp alone is not a pass (docs/economics.md:
// a GPU makes a 20-bit stamp in microseconds): mail carrying only a good
// one is neutral, and the same policy with AcceptWork passes it.
func TestDefaultPolicyWorkAloneNotPass(t *testing.T) {
	ctx := context.Background()
	if DefaultPolicy().Accepts(AcceptWork) {
		t.Fatal("DefaultPolicy accepts work alone")
	}
	if !DefaultPolicy().Accepts(AcceptStake) || !DefaultPolicy().Accepts(AcceptAllowlist) {
		t.Fatal("DefaultPolicy lost stake or allowlist")
	}
	st, err := hashcash.Mint(ctx, "alice@example.com", 20, nil)
	if err != nil {
		t.Fatal(err)
	}
	p := Stamps{Work: []string{st.String()}, Message: "m1"}
	c := &Checker{Policy: DefaultPolicy(), Spent: &memSpent{}}
	if v := c.Check(ctx, p, "alice@example.com"); v.Result != Neutral {
		t.Fatalf("a good 20-bit work stamp alone under the default policy: %s, want neutral", v)
	}
	pol := DefaultPolicy()
	pol.Accept = append(pol.Accept, AcceptWork)
	c = &Checker{Policy: pol, Spent: &memSpent{}}
	if v := c.Check(ctx, p, "alice@example.com"); v.Result != Pass || !strings.Contains(v.String(), "work=20") {
		t.Fatalf("the same stamp with work accepted: %s, want pass work=20", v)
	}
}
