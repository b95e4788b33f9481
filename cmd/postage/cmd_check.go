package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/postage-mail/postage"
	"github.com/postage-mail/postage/config"
	"github.com/postage-mail/postage/hashcash"
	"github.com/postage-mail/postage/mail"
	"github.com/postage-mail/postage/store/bolt"
)

func init() {
	register(&command{
		name:  "check",
		args:  "[options] [stamp ...]",
		short: "check hashcash work stamps (like hashcash -c)",
		new:   func() cli { return &checkCmd{} },
	})
}

// resourceFlag collects -r in order, remembering the -b in force and any -o
// just before each.
type resourceFlag struct {
	reqs     *[]hashcash.Requirement
	bitsSet  *[]bool // per requirement: was a -b given before it?
	bits     *int
	override *bool
	sawBits  *bool
}

func (f resourceFlag) String() string { return "" }
func (f resourceFlag) Set(s string) error {
	*f.reqs = append(*f.reqs, hashcash.Requirement{Resource: s, Bits: *f.bits, Overridden: *f.override})
	*f.bitsSet = append(*f.bitsSet, *f.sawBits)
	*f.override = false
	return nil
}

type bitsFlag struct {
	bits *int
	saw  *bool
}

func (f bitsFlag) String() string { return "" }
func (f bitsFlag) Set(s string) error {
	n, err := strconv.Atoi(s)
	if err != nil || n < 0 || n > hashcash.MaxBits {
		return fmt.Errorf("bits %q: want 0..%d", s, hashcash.MaxBits)
	}
	*f.bits, *f.saw = n, true
	return nil
}

type checkCmd struct {
	reqs              []hashcash.Requirement
	bitsSet           []bool // per requirement: was a -b given before it?
	bits              int
	sawBits, override bool
	validity, grace   time.Duration
	now               time.Time
	db                string
	yes, fromMsg      bool
	regex, exact      bool
	caseSens          bool
	purge, quiet      bool
}

func (c *checkCmd) Flags(fs *flag.FlagSet) {
	c.validity, c.grace = hashcash.DefaultValidity, hashcash.DefaultGrace
	fs.Var(bitsFlag{&c.bits, &c.sawBits}, "b", "required `bits` (for the -r options that follow)")
	fs.Var(resourceFlag{&c.reqs, &c.bitsSet, &c.bits, &c.override, &c.sawBits}, "r", "accept stamps for `resource` (repeatable; wildcards with *)")
	fs.BoolVar(&c.override, "o", false, "the next -r yields to the -r options before it")
	fs.Var(periodFlag{&c.validity}, "e", "validity `period` of stamps; 0 = forever (default 28d)")
	fs.Var(periodFlag{&c.grace}, "g", "grace `period` for clock skew (default 2d)")
	fs.StringVar(&c.db, "d", "", "spent store `path` (bbolt file); stamps that pass are recorded there")
	fs.StringVar(&c.db, "db", "", "same as -d")
	fs.BoolVar(&c.yes, "y", false, "exit 0 for a stamp that passed even if not fully checked")
	fs.BoolVar(&c.fromMsg, "X", false, "also check the X-Hashcash: headers of a message on stdin")
	fs.BoolVar(&c.regex, "E", false, "resources are regular expressions (anchored)")
	fs.BoolVar(&c.exact, "S", false, "resources compare as plain text")
	fs.Bool("M", true, "resources may use * wildcards (the default)")
	fs.BoolVar(&c.caseSens, "C", false, "compare resources case-sensitively (domains never are)")
	fs.Var(timeFlag{&c.now}, "t", "pretend the time is `YYMMDD[hhmm[ss]]` (UTC) or +/-period")
	fs.Bool("u", true, "times are UTC (always; accepted for hashcash compatibility)")
	fs.BoolVar(&c.purge, "purge", false, "remove expired stamps from the spent store (-d) and exit")
	fs.BoolVar(&c.quiet, "q", false, "print nothing on stderr")
}

// logf reports on stderr unless -q: check prints its own messages, as
// hashcash -c does, and its exit status is silent.
func (c *checkCmd) logf(format string, a ...any) {
	if !c.quiet {
		fmt.Fprintf(stderr, format, a...)
	}
}

func (c *checkCmd) Run(ctx context.Context, args []string) error {
	// A -b after the last -r applies to the -r options that had none.
	for i := range c.reqs {
		if !c.bitsSet[i] {
			c.reqs[i].Bits = c.bits
		}
	}
	if c.purge {
		return silentExit(checkPurge(ctx, c.db, c.now, c.logf))
	}
	p := &hashcash.Policy{Requirements: c.reqs, MinBits: c.bits, Validity: c.validity, Grace: c.grace, CaseSensitive: c.caseSens}
	switch {
	case c.regex && c.exact:
		c.logf("postage check: -E and -S exclude each other\n")
		return silentExit(exitUsage)
	case c.regex:
		p.Match = hashcash.MatchRegexp
	case c.exact:
		p.Match = hashcash.MatchExact
	}
	if !c.now.IsZero() {
		now := c.now
		p.Now = func() time.Time { return now }
	}
	stamps := args
	if c.fromMsg {
		more, err := mail.ReadWorkStamps(stdin)
		if err != nil {
			c.logf("postage check: reading message: %v\n", err)
			return silentExit(exitDataErr)
		}
		stamps = append(stamps, more...)
	}
	if len(stamps) == 0 {
		c.logf("postage check: no stamps given (arguments, or -X with a message on stdin)\n")
		return silentExit(exitInvalid)
	}
	var store postage.SpentStore
	if c.db != "" {
		s, err := openCheckStore(ctx, c.db)
		if err != nil {
			c.logf("postage check: %v\n", err)
			return silentExit(exitIOErr)
		}
		defer s.Close()
		store = s
	}
	return silentExit(c.check(ctx, p, stamps, store))
}

// check tries the stamps in order: the first that passes (and, with a
// store, is not spent yet) decides.
func (c *checkCmd) check(ctx context.Context, p *hashcash.Policy, stamps []string, store postage.SpentStore) int {
	for _, text := range stamps {
		res, err := p.Check(text)
		if err != nil {
			c.logf("rejected: %s: %v\n", text, err)
			continue
		}
		if store != nil {
			err := store.Spend(ctx, text, "", res.Expires) // no message identity: each stamp once
			if errors.Is(err, postage.ErrSpent) {
				c.logf("rejected: %s: double spent\n", text)
				continue
			}
			if err != nil {
				c.logf("postage check: %v\n", err)
				return exitIOErr
			}
		}
		var missing []string
		if !c.sawBits {
			missing = append(missing, "bits (-b)")
		}
		if len(c.reqs) == 0 {
			missing = append(missing, "resource (-r)")
		}
		if store == nil {
			missing = append(missing, "spent store (-d)")
		}
		if len(missing) > 0 {
			c.logf("ok: %s: %d bits, but not fully checked: no %s\n", text, res.Value, strings.Join(missing, ", "))
			if c.yes {
				return exitOK
			}
			return exitUnsure
		}
		c.logf("ok: %s: %d bits\n", text, res.Value)
		return exitOK
	}
	c.logf("no valid stamp\n")
	return exitInvalid
}

// openCheckStore opens -d PATH: over the socket of a postage serve (or
// milter) that serves that file, else the file.
func openCheckStore(ctx context.Context, path string) (postage.SpentStore, error) {
	cfg, err := config.Load("")
	if err != nil {
		return bolt.Open(path, &bolt.Options{LockTimeout: verifyLockWait})
	}
	return openSpentShared(ctx, cfg, path)
}

func checkPurge(ctx context.Context, db string, now time.Time, logf func(string, ...any)) int {
	if db == "" {
		logf("postage check: --purge needs the spent store: -d PATH\n")
		return exitUsage
	}
	if _, err := os.Stat(db); err != nil {
		logf("postage check: spent store %s: %v\n", filepath.Clean(db), err)
		return exitIOErr
	}
	s, err := openCheckStore(ctx, db)
	if err != nil {
		logf("postage check: %v\n", err)
		return exitIOErr
	}
	defer s.Close()
	if now.IsZero() {
		now = time.Now()
	}
	n, err := s.Purge(ctx, now)
	if err != nil {
		logf("postage check: %v\n", err)
		return exitIOErr
	}
	logf("purged %d expired stamps from %s\n", n, db)
	return exitOK
}
