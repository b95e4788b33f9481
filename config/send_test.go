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
	if err != nil || !def.Send.Stake.On() || def.Send.Stake != StakeAlways {
		t.Errorf("default send.stake %q, %v", def.Send.Stake, err)
	}
}
