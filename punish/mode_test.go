package punish

import (
	"slices"
	"strings"
	"testing"
)

func TestModeCheck(t *testing.T) {
	relays := []string{"http://relay.example"}
	for _, c := range []struct {
		m      Mode
		relays []string
		want   string // "" ok, else in the error
	}{
		{Mode{}, nil, ""},
		{Mode{Now: true, Wait: true}, relays, ""},
		{Mode{Due: true, RPC: true}, relays, ""},
		{Mode{RPC: true}, nil, ""},
		{Mode{Now: true, Cancel: true}, nil, "exclude each other"},
		{Mode{Cancel: true, Due: true}, nil, "exclude each other"},
		{Mode{Cancel: true, Wait: true}, nil, "--wait goes with a burn"},
		{Mode{Due: true, Wait: true}, nil, "--wait goes with a burn"},
		{Mode{RPC: true}, relays, "--rpc and a relay exclude each other"},
	} {
		err := c.m.Check(c.relays)
		if (err == nil) != (c.want == "") || err != nil && !strings.Contains(err.Error(), c.want) {
			t.Errorf("%+v with %d relays: %v, want %q", c.m, len(c.relays), err, c.want)
		}
	}
}

func TestRelaysFirstOfFlagConfigRelayURL(t *testing.T) {
	if got := Relays([]string{"a"}, []string{"b"}, "c"); !slices.Equal(got, []string{"a"}) {
		t.Errorf("flag: %q", got)
	}
	if got := Relays(nil, []string{"b", "b2"}, "c"); !slices.Equal(got, []string{"b", "b2"}) {
		t.Errorf("config: %q", got)
	}
	if got := Relays(nil, nil, "c"); !slices.Equal(got, []string{"c"}) {
		t.Errorf("relay.url: %q", got)
	}
	if got := Relays(nil, nil, ""); got != nil {
		t.Errorf("none: %q", got)
	}
}
