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
		long: `Mints one version 1 hashcash stamp per resource (normally the recipient's
email address) and prints it on stdout, one per line. Without resources,
reads them from stdin, one per line. Stamps verify with hashcash 1.22
(hashcash -c -b BITS -r RESOURCE). Resources are lowercased, as hashcash does.

Minting uses every core. When stderr is a terminal, progress is shown there.

With --estimate, nothing is minted: postage measures how fast this machine
searches and prints the rate and the mean time a stamp of -b bits takes.

Exit status: 0 on success, 64 on a usage error, 65 on a bad resource,
70 if minting failed, 130 if interrupted.`,
		flags: mintFlags,
	})
}

func mintFlags(fs *flag.FlagSet) func(context.Context, []string) int {
	bits := fs.Int("b", hashcash.DefaultBits, "`bits` of work in each stamp")
	ext := fs.String("ext", "", "extension field, e.g. name=value;name2=v1,v2")
	width := fs.Int("z", 6, "date `width`: 6 (YYMMDD), 10 (YYMMDDhhmm) or 12 (YYMMDDhhmmss)")
	header := fs.Bool("X", false, "print each stamp as an X-Hashcash: header")
	estimate := fs.Bool("estimate", false, "measure this machine's rate and the time a stamp of -b bits takes; mint nothing")
	workers := fs.Int("cpus", 0, "number of cores to use (default all)")
	kernel := fs.String("kernel", "", "force a search kernel (for benchmarks): "+strings.Join(hashcash.Kernels(), ", "))
	quiet := fs.Bool("q", false, "no progress output")
	var now time.Time
	fs.Var(timeFlag{&now}, "t", "pretend the time is `YYMMDD[hhmm[ss]]` (UTC) or +/-period")
	return func(ctx context.Context, args []string) int {
		if *bits < 0 || *bits > 60 {
			fmt.Fprintf(stderr, "postage mint: -b %d: want 0..60\n", *bits)
			return exitUsage
		}
		if *estimate {
			return mintEstimate(ctx, *bits, *workers)
		}
		opts := &hashcash.MintOptions{Ext: *ext, DateWidth: *width, Workers: *workers, Kernel: *kernel, Date: now}
		progress := !*quiet && isTerminal(os.Stderr)
		next := func() (string, bool) {
			if len(args) == 0 {
				return "", false
			}
			r := args[0]
			args = args[1:]
			return r, true
		}
		if len(args) == 0 {
			sc := bufio.NewScanner(stdin)
			next = func() (string, bool) {
				for sc.Scan() {
					if r := strings.TrimSpace(sc.Text()); r != "" {
						return r, true
					}
				}
				return "", false
			}
			defer func() {
				if err := sc.Err(); err != nil {
					fmt.Fprintf(stderr, "postage mint: reading resources: %v\n", err)
				}
			}()
		}
		for {
			res, ok := next()
			if !ok {
				return exitOK
			}
			if progress {
				opts.Progress = func(p hashcash.Progress) {
					fmt.Fprintf(stderr, "\r\033[Kminting %s: %.1fM tries, %.1f MH/s, ~%s left", res, float64(p.Tries)/1e6, p.Rate/1e6, roundDuration(p.Remaining))
				}
			}
			st, err := hashcash.Mint(ctx, res, *bits, opts)
			if progress {
				fmt.Fprint(stderr, "\r\033[K")
			}
			switch {
			case errors.Is(err, context.Canceled):
				fmt.Fprintln(stderr, "postage mint: interrupted")
				return 130
			case errors.Is(err, hashcash.ErrBadResource):
				fmt.Fprintf(stderr, "postage mint: %v\n", err)
				return exitDataErr
			case err != nil:
				fmt.Fprintf(stderr, "postage mint: %s: %v\n", res, err)
				return exitUsage
			}
			if *header {
				fmt.Fprintf(stdout, "X-Hashcash: %s\n", st)
			} else {
				fmt.Fprintln(stdout, st)
			}
		}
	}
}

func mintEstimate(ctx context.Context, bits, workers int) int {
	rate, err := hashcash.MeasureRate(ctx, time.Second, workers)
	if err != nil {
		fmt.Fprintf(stderr, "postage mint: %v\n", err)
		return exitSoftware
	}
	if workers <= 0 {
		workers = numCPU()
	}
	fmt.Fprintf(stdout, "kernel: %s\ncores: %d\nrate: %.1f million hashes/s\n", hashcash.KernelName(), workers, rate/1e6)
	fmt.Fprintf(stdout, "%d bits: %s on average (%.3g s)\n", bits, roundDuration(hashcash.ExpectedTime(bits, rate)), hashcash.ExpectedTime(bits, rate).Seconds())
	return exitOK
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
