package config

import (
	"fmt"
	"net/url"
	"path/filepath"
	"time"
)

// punishSection is the [punish] section as written; PunishSettings
// checks it.
type punishSection struct {
	Delay         string   `toml:"delay"`
	Confirmations int      `toml:"confirmations"`
	Relays        []string `toml:"relays"`
	RelayTimeout  string   `toml:"relay_timeout"`
	Queue         string   `toml:"queue"`
}

// PunishSettings is the [punish] section, checked.
type PunishSettings struct {
	// Delay is the undo window: how long a punishment waits before its
	// burn is sent (0: at once).
	Delay time.Duration
	// Confirmations: `punish --wait` reports a burn once its block has
	// this many confirmations (1: mined) and the leaf is still burned.
	Confirmations int
	// Relays are tried in order; empty: relay.url if set, else own ETH.
	Relays []string
	// RelayTimeout is how long a relay has to land a burn, after its
	// not-before time, before the next relay is asked.
	RelayTimeout time.Duration
	// Queue is the local punishment queue (bbolt); Key the cancel-token
	// key, beside it.
	Queue string
	Key   string
}

// MaxPunishDelayFraction: punish.delay must stay below this fraction of
// the deposit contract's withdrawal delay (checked against the contract
// when a punishment is queued), so that a creator who starts withdrawing
// the moment its mail is accepted is still punished.
const MaxPunishDelayFraction = 0.5

// PunishSettings checks and resolves the [punish] section.
func (c *Config) PunishSettings() (PunishSettings, error) {
	p := c.Punish
	bad := func(key string, format string, a ...any) (PunishSettings, error) {
		return PunishSettings{}, fmt.Errorf("config: punish.%s: %s", key, fmt.Sprintf(format, a...))
	}
	s := PunishSettings{Confirmations: p.Confirmations}
	var err error
	if s.Delay, err = ParsePeriod(p.Delay); err != nil {
		return bad("delay", "%q: want a period such as \"4h\" (\"0s\": burn at once)", p.Delay)
	}
	if s.Delay > 7*24*time.Hour {
		return bad("delay", "%q: at most 7 days (relays hold burns no longer)", p.Delay)
	}
	if s.Confirmations < 1 || s.Confirmations > 1000 {
		return bad("confirmations", "%d: want 1..1000", s.Confirmations)
	}
	for _, u := range p.Relays {
		pu, err := url.Parse(u)
		if err != nil || (pu.Scheme != "http" && pu.Scheme != "https") || pu.Host == "" {
			return bad("relays", "%q: want http(s)://host[:port]", u)
		}
	}
	s.Relays = append(s.Relays, p.Relays...)
	if s.RelayTimeout, err = ParsePeriod(p.RelayTimeout); err != nil || s.RelayTimeout < time.Second {
		return bad("relay_timeout", "%q: want a period of at least a second", p.RelayTimeout)
	}
	s.Queue = p.Queue
	if s.Queue == "" {
		s.Queue = filepath.Join(c.DataDir, "punish.db")
	}
	s.Key = filepath.Join(filepath.Dir(s.Queue), "punish.key")
	return s, nil
}
