package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
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
	fs.Func("t", "pretend the time is `YYMMDD[hhmm[ss]]` (UTC) or +/-period", timeFlag(&c.now))
}

func (c *mintCmd) Run(ctx context.Context, args []string) error {
	if c.bits < 0 || c.bits > 60 {
		return usageErr("-b %d: want 0..60", c.bits)
	}
	if c.estimate {
		e, err := hashcash.MeasureEstimate(ctx, c.bits, c.workers)
		if err != nil {
			return exitErr(exitSoftware, err)
		}
		fmt.Fprint(stdout, e)
		return nil
	}
	opts := &hashcash.MintOptions{Ext: c.ext, DateWidth: c.width, Workers: c.workers, Kernel: c.kernel, Date: c.now}
	progress := !c.quiet && term.IsTerminal(int(os.Stderr.Fd()))
	resources, readErr := hashcash.Resources(args, stdin)
	for res := range resources {
		if err := c.mintOne(ctx, res, opts, progress); err != nil {
			return err
		}
	}
	if err := readErr(); err != nil {
		fmt.Fprintf(stderr, "postage mint: reading resources: %v\n", err)
	}
	return nil
}

func (c *mintCmd) mintOne(ctx context.Context, res string, opts *hashcash.MintOptions, progress bool) error {
	if progress {
		opts.Progress = func(p hashcash.Progress) {
			fmt.Fprintf(stderr, "\r\033[Kminting %s: %.1fM tries, %.1f MH/s, ~%s left", res, float64(p.Tries)/1e6, p.Rate/1e6, hashcash.RoundDuration(p.Remaining))
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
