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
		long: `Prints the built-in configuration, every setting with its default and
what it means. postage reads <data dir>/postage.toml (or --config FILE on
any command) over these defaults; copy the lines you want to change.

With FILE, prints FILE merged with the defaults: the whole configuration
postage runs with, each setting FILE makes marked "# from FILE".

With --check FILE, reads FILE as postage would and reports the first
problem (an unknown key, a bad value), or "ok".`,
		flags: func(fs *flag.FlagSet) func(context.Context, []string) int {
			check := fs.String("check", "", "check this configuration `file`")
			return func(_ context.Context, args []string) int {
				if len(args) > 1 || (len(args) == 1 && *check != "") {
					fmt.Fprintln(stderr, "usage: postage config [FILE | --check FILE]")
					return exitUsage
				}
				if len(args) == 1 {
					out, err := config.Merged(args[0])
					if err != nil {
						fmt.Fprintf(stderr, "postage config: %v\n", err)
						return exitDataErr
					}
					fmt.Fprint(stdout, out)
					return exitOK
				}
				if *check != "" {
					if _, err := config.Load(*check); err != nil {
						fmt.Fprintf(stderr, "postage config: %v\n", err)
						return exitDataErr
					}
					fmt.Fprintf(stdout, "%s: ok\n", *check)
					return exitOK
				}
				if p, err := config.DefaultPath(); err == nil {
					fmt.Fprintf(stdout, "# read from %s if present\n", p)
				}
				fmt.Fprint(stdout, config.Default)
				return exitOK
			}
		},
	})
}
