package main

import (
	"context"
	"flag"
	"fmt"
	"strconv"
	"time"

	"github.com/postage-mail/postage"
	"github.com/postage-mail/postage/hashcash"
	"github.com/postage-mail/postage/host"
	"github.com/postage-mail/postage/mail"
)

func init() {
	register(&command{
		name:  "check",
		args:  "[options] [stamp ...]",
		short: "check hashcash work stamps (like hashcash -c)",
		new:   func() cli { return &checkCmd{} },
	})
}

type checkCmd struct {
	reqs            hashcash.Requirements
	override        bool // -o: the next -r yields to those before it
	validity, grace time.Duration
	now             time.Time
	db              string
	yes, fromMsg    bool
	regex, exact    bool
	caseSens        bool
	purge, quiet    bool
}

func (c *checkCmd) Flags(fs *flag.FlagSet) {
	c.validity, c.grace = hashcash.DefaultValidity, hashcash.DefaultGrace
	fs.Func("b", "required `bits` (for the -r options that follow)", func(s string) error {
		if n, err := strconv.Atoi(s); err != nil || c.reqs.SetBits(n) != nil {
			return fmt.Errorf("bits %q: want 0..%d", s, hashcash.MaxBits)
		}
		return nil
	})
	fs.Func("r", "accept stamps for `resource` (repeatable; wildcards with *)", func(s string) error {
		c.reqs.Add(s, c.override)
		c.override = false
		return nil
	})
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
	fs.Func("t", "pretend the time is `YYMMDD[hhmm[ss]]` (UTC) or +/-period", timeFlag(&c.now))
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
	if c.purge {
		return silentExit(c.purgeStore(ctx))
	}
	p, err := c.reqs.Policy(c.validity, c.grace, c.regex, c.exact, c.caseSens, c.now)
	if err != nil {
		c.logf("postage check: %v\n", err)
		return silentExit(exitUsage)
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
	_, sawBits := c.reqs.Bits()
	run := &hashcash.Checking{Policy: p, BitsGiven: sawBits}
	if c.db != "" {
		s, err := host.OpenCheckStore(ctx, c.db)
		if err != nil {
			c.logf("postage check: %v\n", err)
			return silentExit(exitIOErr)
		}
		defer s.Close()
		run.Spent = postage.WorkSpender(s)
	}
	return silentExit(c.report(run.CheckStamps(ctx, stamps)))
}

// report prints what check found and returns the exit status.
func (c *checkCmd) report(checks hashcash.Checks, err error) int {
	for _, s := range checks {
		c.logf("%s\n", s)
	}
	passed, ok := checks.Passed()
	switch {
	case err != nil:
		c.logf("postage check: %v\n", err)
		return exitIOErr
	case !ok:
		c.logf("no valid stamp\n")
		return exitInvalid
	case len(passed.Unchecked) > 0 && !c.yes:
		return exitUnsure
	}
	return exitOK
}

// purgeStore is --purge: expired stamps leave the spent store -d.
func (c *checkCmd) purgeStore(ctx context.Context) int {
	if c.db == "" {
		c.logf("postage check: --purge needs the spent store: -d PATH\n")
		return exitUsage
	}
	n, err := host.PurgeCheckStore(ctx, c.db, c.now)
	if err != nil {
		c.logf("postage check: %v\n", err)
		return exitIOErr
	}
	c.logf("purged %d expired stamps from %s\n", n, c.db)
	return exitOK
}
