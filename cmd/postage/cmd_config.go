package main

import (
	"context"
	"flag"
	"fmt"

	"github.com/postage-mail/postage/config"
)

func init() {
	register(&command{
		name:  "config",
		args:  "[FILE | --check FILE]",
		short: "print the default configuration, or check a configuration file",
		new:   func() cli { return &configCmd{} },
	})
}

type configCmd struct{ check string }

func (c *configCmd) Flags(fs *flag.FlagSet) {
	fs.StringVar(&c.check, "check", "", "check this configuration `file`")
}

func (c *configCmd) Run(_ context.Context, args []string) error {
	if len(args) > 1 || (len(args) == 1 && c.check != "") {
		fmt.Fprintln(stderr, "usage: postage config [FILE | --check FILE]")
		return silentExit(exitUsage)
	}
	if len(args) == 1 {
		out, err := config.Merged(args[0])
		if err != nil {
			return exitErr(exitDataErr, err)
		}
		fmt.Fprint(stdout, out)
		return nil
	}
	if c.check != "" {
		if _, err := config.Load(c.check); err != nil {
			return exitErr(exitDataErr, err)
		}
		fmt.Fprintf(stdout, "%s: ok\n", c.check)
		return nil
	}
	if p, err := config.DefaultPath(); err == nil {
		fmt.Fprintf(stdout, "# read from %s if present\n", p)
	}
	fmt.Fprint(stdout, config.Default)
	return nil
}
