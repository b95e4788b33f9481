package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"runtime"
	"strings"
	"time"

	"golang.org/x/term"

	"github.com/postage-mail/postage/hashcash"
)

func init() {
	register(&command{
		name:  "mint",
		args:  "[options] [resource ...]",
		short: "mint hashcash work stamps (like hashcash -m)",
		new:   func() cli { return &mintCmd{bits: hashcash.DefaultBits, width: 6} },
	})
}

type mintCmd struct {
	bits, width, workers    int
	ext, kernel             string
	header, estimate, quiet bool
	now                     time.Time
}

func (c *mintCmd) Flags(fs *flag.FlagSet) {
	fs.IntVar(&c.bits, "b", hashcash.DefaultBits, "`bits` of work in each stamp")
	fs.StringVar(&c.ext, "ext", "", "extension field, e.g. name=value;name2=v1,v2")
	fs.IntVar(&c.width, "z", 6, "date `width`: 6 (YYMMDD), 10 (YYMMDDhhmm) or 12 (YYMMDDhhmmss)")
	fs.BoolVar(&c.header, "X", false, "print each stamp as an X-Hashcash: header")
	fs.BoolVar(&c.estimate, "estimate", false, "measure this machine's rate and the time a stamp of -b bits takes; mint nothing")
	fs.IntVar(&c.workers, "cpus", 0, "number of cores to use (default all)")
	fs.StringVar(&c.kernel, "kernel", "", "force a search kernel (for benchmarks): "+strings.Join(hashcash.Kernels(), ", "))
	fs.BoolVar(&c.quiet, "q", false, "no progress output")
	fs.Var(timeFlag{&c.now}, "t", "pretend the time is `YYMMDD[hhmm[ss]]` (UTC) or +/-period")
}

func (c *mintCmd) Run(ctx context.Context, args []string) error {
	if c.bits < 0 || c.bits > 60 {
		return usageErr("-b %d: want 0..60", c.bits)
	}
	if c.estimate {
		return mintEstimate(ctx, c.bits, c.workers)
	}
	opts := &hashcash.MintOptions{Ext: c.ext, DateWidth: c.width, Workers: c.workers, Kernel: c.kernel, Date: c.now}
	progress := !c.quiet && isTerminal(os.Stderr)
	next, readErr := resources(args)
	for res, ok := next(); ok; res, ok = next() {
		if err := c.mintOne(ctx, res, opts, progress); err != nil {
			return err
		}
	}
	if err := readErr(); err != nil {
		fmt.Fprintf(stderr, "postage mint: reading resources: %v\n", err)
	}
	return nil
}

// resources iterates over args, or without any over the lines of stdin
// (blank ones skipped); readErr is the error reading stdin, if any.
func resources(args []string) (next func() (string, bool), readErr func() error) {
	if len(args) > 0 {
		return func() (string, bool) {
			if len(args) == 0 {
				return "", false
			}
			r := args[0]
			args = args[1:]
			return r, true
		}, func() error { return nil }
	}
	sc := bufio.NewScanner(stdin)
	return func() (string, bool) {
		for sc.Scan() {
			if r := strings.TrimSpace(sc.Text()); r != "" {
				return r, true
			}
		}
		return "", false
	}, sc.Err
}

func (c *mintCmd) mintOne(ctx context.Context, res string, opts *hashcash.MintOptions, progress bool) error {
	if progress {
		opts.Progress = func(p hashcash.Progress) {
			fmt.Fprintf(stderr, "\r\033[Kminting %s: %.1fM tries, %.1f MH/s, ~%s left", res, float64(p.Tries)/1e6, p.Rate/1e6, roundDuration(p.Remaining))
		}
	}
	st, err := hashcash.Mint(ctx, res, c.bits, opts)
	if progress {
		fmt.Fprint(stderr, "\r\033[K")
	}
	switch {
	case errors.Is(err, context.Canceled):
		return exitErrf(130, "interrupted")
	case errors.Is(err, hashcash.ErrBadResource):
		return exitErr(exitDataErr, err)
	case err != nil:
		return usageErr("%s: %v", res, err)
	}
	if c.header {
		fmt.Fprintf(stdout, "X-Hashcash: %s\n", st)
	} else {
		fmt.Fprintln(stdout, st)
	}
	return nil
}

func mintEstimate(ctx context.Context, bits, workers int) error {
	rate, err := hashcash.MeasureRate(ctx, time.Second, workers)
	if err != nil {
		return exitErr(exitSoftware, err)
	}
	if workers <= 0 {
		workers = numCPU()
	}
	fmt.Fprintf(stdout, "kernel: %s\ncores: %d\nrate: %.1f million hashes/s\n", hashcash.KernelName(), workers, rate/1e6)
	fmt.Fprintf(stdout, "%d bits: %s on average (%.3g s)\n", bits, roundDuration(hashcash.ExpectedTime(bits, rate)), hashcash.ExpectedTime(bits, rate).Seconds())
	return nil
}

func roundDuration(d time.Duration) time.Duration {
	switch {
	case d > time.Hour:
		return d.Round(time.Minute)
	case d > time.Minute:
		return d.Round(time.Second)
	case d > time.Second:
		return d.Round(100 * time.Millisecond)
	default:
		return d.Round(time.Millisecond)
	}
}

func isTerminal(f *os.File) bool { return term.IsTerminal(int(f.Fd())) }

func numCPU() int { return runtime.GOMAXPROCS(0) }
