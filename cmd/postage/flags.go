package main

import (
	"strings"
	"time"

	"github.com/postage-mail/postage/config"
	"github.com/postage-mail/postage/hashcash"
)

// multiFlag collects a repeatable string flag.
type multiFlag []string

func (m *multiFlag) String() string     { return strings.Join(*m, ",") }
func (m *multiFlag) Set(s string) error { *m = append(*m, s); return nil }

// periodFlag reads a duration the way hashcash does: seconds by default,
// or a number with one unit letter: s, m (minutes), h, d, M (30-day
// months), y or Y (365-day years). Go durations ("36h") work too.
type periodFlag struct{ d *time.Duration }

func (p periodFlag) String() string {
	if p.d == nil {
		return ""
	}
	return p.d.String()
}

func (p periodFlag) Set(s string) error {
	d, err := config.ParsePeriod(s)
	if err != nil {
		return err
	}
	*p.d = d
	return nil
}

// timeFlag reads hashcash's -t into t: an absolute UTC time
// YYMMDD[hhmm[ss]], or +/- a period relative to now.
func timeFlag(t *time.Time) func(string) error {
	return func(s string) error {
		parsed, err := hashcash.ParseTime(s, time.Now(), config.ParsePeriod)
		if err == nil {
			*t = parsed
		}
		return err
	}
}
