package config

import (
	"testing"

	"github.com/BurntSushi/toml"
)

func TestStakeMode(t *testing.T) {
	for in, want := range map[string]StakeMode{"true": StakeAlways, "false": StakeNever, `"always"`: StakeAlways, `"never"`: StakeNever, `"auto"`: StakeAuto} {
		var c struct {
			Stake StakeMode `toml:"stake"`
		}
		if _, err := toml.Decode("stake = "+in, &c); err != nil || c.Stake != want {
			t.Errorf("stake = %s: %q, %v", in, c.Stake, err)
		}
	}
	var c struct {
		Stake StakeMode `toml:"stake"`
	}
	if _, err := toml.Decode(`stake = "sometimes"`, &c); err == nil {
		t.Error(`stake = "sometimes" accepted`)
	}
	def, err := Load("")
	// The default stakes only for domains that publish a stake policy
	// (issue 13, docs/economics.md).
	if err != nil || !def.Send.Stake.On() || def.Send.Stake != StakeAuto {
		t.Errorf("default send.stake %q, %v; want auto", def.Send.Stake, err)
	}
}
