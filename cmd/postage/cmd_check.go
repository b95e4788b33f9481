package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/emersion/go-message/textproto"

	"github.com/postage-mail/postage"
	"github.com/postage-mail/postage/config"
	"github.com/postage-mail/postage/hashcash"
	"github.com/postage-mail/postage/store/bolt"
)

func init() {
	register(&command{
		name:  "check",
		args:  "[options] [stamp ...]",
		short: "check hashcash work stamps (like hashcash -c)",
		long: `Checks the stamps given as arguments, and with -X the X-Hashcash: headers
of a message read on stdin. The first stamp that passes wins; with -d it is
recorded as spent, so it never passes again.

A stamp is fully checked when bits (-b), a resource (-r) and a spent
store (-d) are all given. Options follow hashcash 1.22: each -r takes the
last -b before it (or the last -b overall), -o makes the next -r yield to
the ones before it, -e and -g take seconds or a number with s, m, h, d,
M or y. Unlike 1.22, -X reads the message header only: a stamp in the body
is never accepted.

Each rejected stamp is reported on stderr with its reason: malformed,
insufficient bits, wrong resource, expired, future date, double spent.

Exit status (as hashcash 1.22):
  0   a stamp passed and was fully checked (or -y)
  1   no stamp passed
  2   a stamp passed but was not fully checked (no -b, -r or -d)
  64  usage error; 65 unreadable message; 74 spent store unusable`,
		flags: checkFlags,
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

func checkFlags(fs *flag.FlagSet) func(context.Context, []string) int {
	var (
		reqs     []hashcash.Requirement
		bitsSet  []bool
		bits     int
		sawBits  bool
		override bool
		validity = hashcash.DefaultValidity
		grace    = hashcash.DefaultGrace
		now      time.Time
	)
	fs.Var(bitsFlag{&bits, &sawBits}, "b", "required `bits` (for the -r options that follow)")
	fs.Var(resourceFlag{&reqs, &bitsSet, &bits, &override, &sawBits}, "r", "accept stamps for `resource` (repeatable; wildcards with *)")
	fs.BoolVar(&override, "o", false, "the next -r yields to the -r options before it")
	fs.Var(periodFlag{&validity}, "e", "validity `period` of stamps; 0 = forever (default 28d)")
	fs.Var(periodFlag{&grace}, "g", "grace `period` for clock skew (default 2d)")
	db := fs.String("d", "", "spent store `path` (bbolt file); stamps that pass are recorded there")
	fs.StringVar(db, "db", "", "same as -d")
	yes := fs.Bool("y", false, "exit 0 for a stamp that passed even if not fully checked")
	fromMsg := fs.Bool("X", false, "also check the X-Hashcash: headers of a message on stdin")
	regex := fs.Bool("E", false, "resources are regular expressions (anchored)")
	exact := fs.Bool("S", false, "resources compare as plain text")
	fs.Bool("M", true, "resources may use * wildcards (the default)")
	caseSens := fs.Bool("C", false, "compare resources case-sensitively (domains never are)")
	fs.Var(timeFlag{&now}, "t", "pretend the time is `YYMMDD[hhmm[ss]]` (UTC) or +/-period")
	fs.Bool("u", true, "times are UTC (always; accepted for hashcash compatibility)")
	purge := fs.Bool("purge", false, "remove expired stamps from the spent store (-d) and exit")
	quiet := fs.Bool("q", false, "print nothing on stderr")
	return func(ctx context.Context, args []string) int {
		logf := func(format string, a ...any) {
			if !*quiet {
				fmt.Fprintf(stderr, format, a...)
			}
		}
		// A -b after the last -r applies to the -r options that had none.
		for i := range reqs {
			if !bitsSet[i] {
				reqs[i].Bits = bits
			}
		}
		if *purge {
			return checkPurge(ctx, *db, now, logf)
		}
		p := &hashcash.Policy{Requirements: reqs, MinBits: bits, Validity: validity, Grace: grace, CaseSensitive: *caseSens}
		switch {
		case *regex && *exact:
			logf("postage check: -E and -S exclude each other\n")
			return exitUsage
		case *regex:
			p.Match = hashcash.MatchRegexp
		case *exact:
			p.Match = hashcash.MatchExact
		}
		if !now.IsZero() {
			p.Now = func() time.Time { return now }
		}
		stamps := args
		if *fromMsg {
			more, err := headerStamps(stdin)
			if err != nil {
				logf("postage check: reading message: %v\n", err)
				return exitDataErr
			}
			stamps = append(stamps, more...)
		}
		if len(stamps) == 0 {
			logf("postage check: no stamps given (arguments, or -X with a message on stdin)\n")
			return exitInvalid
		}
		var store postage.SpentStore
		if *db != "" {
			s, err := openCheckStore(ctx, *db)
			if err != nil {
				logf("postage check: %v\n", err)
				return exitIOErr
			}
			defer s.Close()
			store = s
		}
		for _, text := range stamps {
			res, err := p.Check(text)
			if err != nil {
				logf("rejected: %s: %v\n", text, err)
				continue
			}
			if store != nil {
				err := store.Spend(ctx, text, "", res.Expires) // no message identity: each stamp once
				if errors.Is(err, postage.ErrSpent) {
					logf("rejected: %s: double spent\n", text)
					continue
				}
				if err != nil {
					logf("postage check: %v\n", err)
					return exitIOErr
				}
			}
			var missing []string
			if !sawBits {
				missing = append(missing, "bits (-b)")
			}
			if len(reqs) == 0 {
				missing = append(missing, "resource (-r)")
			}
			if store == nil {
				missing = append(missing, "spent store (-d)")
			}
			if len(missing) > 0 {
				logf("ok: %s: %d bits, but not fully checked: no %s\n", text, res.Value, strings.Join(missing, ", "))
				if *yes {
					return exitOK
				}
				return exitUnsure
			}
			logf("ok: %s: %d bits\n", text, res.Value)
			return exitOK
		}
		logf("no valid stamp\n")
		return exitInvalid
	}
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

// maxHeader bounds how much of a message -X reads: the header only, and
// not more than this.
const maxHeader = 1 << 20

// headerStamps returns the X-Hashcash (and Hashcash) header values of the
// message on r, unfolded with all whitespace removed (stamps contain none;
// hashcash folds long ones). The body is never read.
func headerStamps(r io.Reader) ([]string, error) {
	br := bufio.NewReader(io.LimitReader(r, maxHeader))
	// An mbox "From " line may precede the header.
	if peek, _ := br.Peek(5); string(peek) == "From " {
		if _, err := br.ReadString('\n'); err != nil {
			return nil, err
		}
	}
	h, err := textproto.ReadHeader(br)
	if err != nil {
		return nil, err
	}
	var out []string
	for _, key := range []string{"X-Hashcash", "Hashcash"} {
		for f := h.FieldsByKey(key); f.Next(); {
			v := strings.Join(strings.Fields(f.Value()), "")
			if v != "" {
				out = append(out, v)
			}
		}
	}
	return out, nil
}
