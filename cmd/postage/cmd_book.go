package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"strings"

	"github.com/ethereum/go-ethereum/common"

	"github.com/postage-mail/postage/chain"
	"github.com/postage-mail/postage/config"
	"github.com/postage-mail/postage/host"
	"github.com/postage-mail/postage/send"
)

func init() {
	register(&command{
		name:  "book",
		args:  "deploy | new | publish | list | agent [--once] | retire ID | close ID | claim | learn < MESSAGE  [--config FILE] [--rpc URL] [--contract ADDR]",
		short: "the recipient's ticket books (deniable stake) and the sender's ticket credits",
		new:   func() cli { return &bookCmd{} },
	})
}

// bookCmd is `postage book`: one subcommand of the ticket books.
type bookCmd struct {
	cfgPath, rpc, contract string
	flags                  host.NewBookFlags
	domains                multiFlag
	once, verbose          bool

	cfg *config.Config
	s   config.BookSettings
}

func (c *bookCmd) Flags(fs *flag.FlagSet) {
	fs.StringVar(&c.cfgPath, "config", "", "configuration `file`")
	fs.StringVar(&c.rpc, "rpc", "", "Ethereum JSON-RPC `URL`")
	fs.StringVar(&c.contract, "contract", "", "TicketBook contract `address` (default book.contract, else the recorded deployment)")
	fs.IntVar(&c.flags.Values, "values", 0, "new: values (tickets) in the book (default book.values)")
	fs.Var(weiFlag{&c.flags.Stake}, "stake", "new: ticket price `amount` (default book.stake)")
	fs.Var(weiFlag{&c.flags.Bounty}, "bounty", "new: reveal bounty `amount` (default book.bounty)")
	fs.Var(weiFlag{&c.flags.Reserve}, "reserve", "new: reserve `amount` (default book.reserve, else computed)")
	fs.StringVar(&c.flags.Window, "window", "", "new: reveal `period` (default book.window)")
	fs.Var(&c.domains, "domain", "publish: mail `domain` (repeatable; default book.domains)")
	fs.BoolVar(&c.once, "once", false, "agent: one round, then exit")
	fs.BoolVar(&c.verbose, "v", false, "agent: log debug messages too")
}

func (c *bookCmd) logf(format string, a ...any) {
	fmt.Fprintf(stderr, "postage book: "+format+"\n", a...)
}

func (c *bookCmd) Run(ctx context.Context, args []string) error {
	if len(args) == 0 {
		return usageErr("which? deploy, new, publish, list, agent, retire, close, claim or learn")
	}
	sub, args := args[0], args[1:]
	if err := c.load(); err != nil {
		return usageErr("%v", err)
	}
	want := 0
	if sub == "retire" || sub == "close" {
		want = 1
	}
	if len(args) != want {
		return usageErr("%s takes %d argument(s), got %d", sub, want, len(args))
	}
	switch sub {
	case "deploy":
		return c.deploy(ctx)
	case "learn":
		return c.learn()
	case "publish":
		if len(c.domains) == 0 && len(c.s.Domains) == 0 {
			return usageErr("no domain: set book.domains or pass --domain")
		}
	}
	run, ok := map[string]func(context.Context, *host.Book, []string) error{
		"new": c.newBook, "publish": c.publish, "list": c.list, "agent": c.agent, "retire": c.end, "close": c.end, "claim": c.claim,
	}[sub]
	if !ok {
		return usageErr("unknown subcommand %q", sub)
	}
	conn, err := host.ConnectBook(ctx, c.cfg, c.rpc)
	if err != nil {
		return exitErr(exitTempFail, err)
	}
	defer conn.Close()
	if sub == "retire" || sub == "close" {
		args = []string{sub, args[0]}
	}
	return run(ctx, conn, args)
}

// load reads the configuration with --contract over book.contract.
func (c *bookCmd) load() error {
	cfg, err := config.Load(c.cfgPath)
	if err != nil {
		return err
	}
	if c.contract != "" {
		if !common.IsHexAddress(c.contract) {
			return fmt.Errorf("--contract %q is not an address", c.contract)
		}
		cfg.Book.Contract = c.contract
	}
	c.cfg = cfg
	c.s, err = cfg.BookSettings()
	return err
}

// bookErr is a book failure with its exit code: the host's kinds, else
// the chain's (chainExit).
func bookErr(err error) error {
	switch {
	case errors.Is(err, host.ErrBookUsage):
		return exitErr(exitUsage, err)
	case errors.Is(err, host.ErrBookUnready):
		return exitErr(exitTempFail, err)
	case errors.Is(err, host.ErrBookState):
		return exitErr(exitIOErr, err)
	case errors.Is(err, host.ErrNoOpenBook):
		return exitErr(exitInvalid, err)
	}
	return exitErr(chainExit(err), err)
}

func (c *bookCmd) deploy(ctx context.Context) error {
	line, err := host.DeployBook(ctx, c.cfg, c.rpc)
	return printLines([]string{line}, err)
}

// learn records the book a received message's Postage-Book header names
// (host.LearnBooks), and says what it learned.
func (c *bookCmd) learn() error {
	lines, err := host.LearnBooks(c.cfg, stdin)
	if err != nil {
		c.logf("%s", strings.TrimPrefix(err.Error(), send.ErrData.Error()+": "))
		return silentExit(sendExit(err))
	}
	return printLines(lines, nil)
}

func (c *bookCmd) newBook(ctx context.Context, conn *host.Book, _ []string) error {
	rec, reserve, err := conn.NewBook(ctx, c.flags, c.logf)
	if err != nil {
		return bookErr(err)
	}
	fmt.Fprintf(stdout, "book %s: %d tickets at %s, window %d blocks, reserve %s\n", rec.ID, rec.Leaves, chain.FormatWei(rec.Stake), rec.Window, chain.FormatWei(reserve))
	return printLines(conn.Records(rec.ID, c.s.Domains), nil)
}

// printLines prints lines, or returns err (bookErr).
func printLines(lines []string, err error) error {
	if err != nil {
		return bookErr(err)
	}
	for _, l := range lines {
		fmt.Fprintln(stdout, l)
	}
	return nil
}

func (c *bookCmd) publish(ctx context.Context, conn *host.Book, _ []string) error {
	domains := []string(c.domains)
	if len(domains) == 0 {
		domains = c.s.Domains
	}
	return printLines(conn.Publish(ctx, domains))
}

func (c *bookCmd) list(ctx context.Context, conn *host.Book, _ []string) error {
	return printLines(conn.List(ctx))
}

func (c *bookCmd) agent(ctx context.Context, conn *host.Book, _ []string) error {
	a, err := conn.Agent(true, host.NewLogger(stderr, c.verbose))
	if err != nil {
		return exitErr(exitTempFail, err)
	}
	if !c.once {
		a.Run(ctx, conn.Settings.Tick)
		return nil
	}
	rep, err := a.Tick(ctx)
	if err != nil {
		return exitErr(exitTempFail, err)
	}
	fmt.Fprintln(stdout, rep)
	return nil
}

// end retires or closes a book: args are the subcommand and the book id.
func (c *bookCmd) end(ctx context.Context, conn *host.Book, args []string) error {
	id, err := chain.ParseDepositID(args[1])
	if err != nil {
		return usageErr("%v", err)
	}
	line, err := conn.End(ctx, id, args[0] == "close")
	return printLines([]string{line}, err)
}

func (c *bookCmd) claim(ctx context.Context, conn *host.Book, _ []string) error {
	return printLines(conn.Claim(ctx, c.logf))
}
