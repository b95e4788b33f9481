package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"math/big"
	"strings"

	"github.com/ethereum/go-ethereum/common"

	"github.com/postage-mail/postage/agent"
	"github.com/postage-mail/postage/book"
	"github.com/postage-mail/postage/chain"
	"github.com/postage-mail/postage/chain/connect"
	"github.com/postage-mail/postage/chain/ticketbook"
	"github.com/postage-mail/postage/config"
	"github.com/postage-mail/postage/host"
	"github.com/postage-mail/postage/stake"
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
	values                 int
	stake, bounty, reserve *big.Int
	window                 string
	domains                multiFlag
	once, verbose          bool

	cfg *config.Config
	s   config.BookSettings
}

func (c *bookCmd) Flags(fs *flag.FlagSet) {
	fs.StringVar(&c.cfgPath, "config", "", "configuration `file`")
	fs.StringVar(&c.rpc, "rpc", "", "Ethereum JSON-RPC `URL`")
	fs.StringVar(&c.contract, "contract", "", "TicketBook contract `address` (default book.contract, else the recorded deployment)")
	fs.IntVar(&c.values, "values", 0, "new: values (tickets) in the book (default book.values)")
	fs.Var(weiFlag{&c.stake}, "stake", "new: ticket price `amount` (default book.stake)")
	fs.Var(weiFlag{&c.bounty}, "bounty", "new: reveal bounty `amount` (default book.bounty)")
	fs.Var(weiFlag{&c.reserve}, "reserve", "new: reserve `amount` (default book.reserve, else computed)")
	fs.StringVar(&c.window, "window", "", "new: reveal `period` (default book.window)")
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
		return silentExit(bookLearn(c.cfg, stdin, c.logf))
	case "publish":
		return c.publish(ctx)
	}
	run, ok := map[string]func(context.Context, *bookConn, []string) error{
		"new": c.newBook, "list": c.list, "agent": c.agent, "retire": c.end, "close": c.end, "claim": c.claim,
	}[sub]
	if !ok {
		return usageErr("unknown subcommand %q", sub)
	}
	conn, err := connectBook(ctx, c.cfg, c.rpc)
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

// chainErr is a chain failure with its exit code (chainExit).
func chainErr(err error) error { return exitErr(chainExit(err), err) }

func (c *bookCmd) deploy(ctx context.Context) error {
	conn, err := host.DialChain(ctx, c.cfg, c.rpc)
	if err != nil {
		return exitErr(exitTempFail, err)
	}
	defer conn.Close()
	if d, ok := connect.Deployed(ctx, conn.Conn, c.s.Dir); ok {
		fmt.Fprintf(stdout, "ticket book contract %s on chain %d (already deployed)\n", d.Contract, d.ChainID)
		return nil
	}
	opts, err := conn.Transactor()
	if err != nil {
		return chainErr(err)
	}
	d, err := connect.DeployBook(ctx, conn.Conn, opts, c.s.Dir, c.s.RandomnessDelay, c.s.Epoch)
	if err != nil {
		return chainErr(err)
	}
	fmt.Fprintf(stdout, "ticket book contract %s on chain %d (randomness delay %d, epoch %d)\n", d.Contract, d.ChainID, d.RandomnessDelay, d.Epoch)
	return nil
}

// bookOptions are the new book's parameters: the flags over [book].
func (c *bookCmd) bookOptions(conn *bookConn) (agent.BookOptions, error) {
	s := c.s
	o := agent.BookOptions{Values: s.Values, Stake: s.Stake, Bounty: s.Bounty, Reserve: s.Reserve}
	if c.values != 0 {
		o.Values = c.values
	}
	if c.stake != nil {
		o.Stake = c.stake
	}
	if c.bounty != nil {
		o.Bounty = c.bounty
	}
	if c.window != "" {
		w, err := config.ParsePeriod(c.window)
		if err != nil {
			return o, usageErr("--window: %v", err)
		}
		s.Window = w
	}
	o.Window = s.WindowBlocks(conn.BlockTime)
	if c.reserve != nil {
		o.Reserve = c.reserve
	}
	return o, nil
}

// defaultReserve sets the reserve, when neither --reserve nor book.reserve
// does, to keep the chance of a delayed payout within book.delay_probability.
func (c *bookCmd) defaultReserve(o *agent.BookOptions) error {
	if o.Reserve != nil {
		return nil
	}
	p := c.s.DelayProbability
	r, m, err := defaultReserve(o.Values, p, o.Stake, book.Reserve)
	if err != nil {
		return usageErr("%v", err)
	}
	o.Reserve = r
	c.logf("reserve %s (%d tickets' worth: at most a %g chance of a delayed payout in %d tickets)", chain.FormatWei(r), m, p, o.Values)
	return nil
}

func (c *bookCmd) newBook(ctx context.Context, conn *bookConn, _ []string) error {
	o, err := c.bookOptions(conn)
	if err != nil {
		return err
	}
	a, err := conn.newAgent(true, nil)
	if err != nil {
		return exitErr(exitTempFail, err)
	}
	if err := c.defaultReserve(&o); err != nil {
		return err
	}
	w, err := conn.bookWriter()
	if err != nil {
		return exitErr(exitTempFail, err)
	}
	o.Agent = w.From() // the account whose key signs reveals, also through a relay
	rec, err := a.CreateBook(ctx, w, o)
	if err != nil {
		return chainErr(err)
	}
	fmt.Fprintf(stdout, "book %s: %d tickets at %s, window %d blocks, reserve %s\n", rec.ID, rec.Leaves, chain.FormatWei(rec.Stake), rec.Window, chain.FormatWei(o.Reserve))
	printRecords(stdout, conn, rec.ID, c.s.Domains)
	return nil
}

// txtLine is a zone-file line publishing a book for a domain.
func txtLine(domain string, r book.Record) string {
	return fmt.Sprintf("%s 3600 IN TXT %q", book.Name(domain), r.String())
}

func printRecords(w io.Writer, conn *bookConn, id common.Hash, domains []string) {
	r := book.Record{ChainID: conn.ChainID.Uint64(), Contract: stake.Address(conn.Book.Book.Address()), Book: stake.Hash(id)}
	for _, d := range domains {
		fmt.Fprintln(w, txtLine(d, r))
	}
}

func (c *bookCmd) publish(ctx context.Context) error {
	domains := []string(c.domains)
	if len(domains) == 0 {
		domains = c.s.Domains
	}
	if len(domains) == 0 {
		return usageErr("no domain: set book.domains or pass --domain")
	}
	conn, err := connectBook(ctx, c.cfg, c.rpc)
	if err != nil {
		return exitErr(exitTempFail, err)
	}
	defer conn.Close()
	a, _ := conn.newAgent(false, nil)
	books, err := a.Books()
	if err != nil {
		return exitErr(exitIOErr, err)
	}
	newest, err := agent.NewestOpen(books, func(b *agent.BookRecord) (bool, error) {
		if b.ChainID != conn.ChainID.Uint64() || b.Contract != conn.Book.Book.Address() {
			return false, nil
		}
		onChain, err := conn.Book.Book.Book(ctx, b.ID)
		return err == nil && onChain.Status == ticketbook.BookOpen && onChain.Sold < onChain.Leaves, err
	})
	if err != nil {
		return exitErr(exitTempFail, err)
	}
	if newest == nil {
		return exitErrf(exitInvalid, "no open book with tickets left: run `postage book new`")
	}
	for _, d := range domains {
		d = strings.TrimSuffix(strings.ToLower(strings.TrimSpace(d)), ".")
		if d == "" || !strings.Contains(d, ".") {
			return usageErr("%q is not a mail domain", d)
		}
	}
	printRecords(stdout, conn, newest.ID, domains)
	return nil
}

func (c *bookCmd) list(ctx context.Context, conn *bookConn, _ []string) error {
	a, _ := conn.newAgent(false, nil)
	books, err := a.Books()
	if err != nil {
		return exitErr(exitIOErr, err)
	}
	pending, err := a.Pending()
	if err != nil {
		return exitErr(exitIOErr, err)
	}
	for _, r := range books {
		line := fmt.Sprintf("%s %s %d values, %s a ticket", r.ID, r.State, r.Leaves, chain.FormatWei(r.Stake))
		if r.ChainID == conn.ChainID.Uint64() && r.Contract == conn.Book.Book.Address() {
			if b, err := conn.Book.Book.Book(ctx, r.ID); err == nil {
				line += fmt.Sprintf("; on chain %s, %d sold, pool %s, reserve %s, %d payouts queued", b.Status, b.Sold, chain.FormatWei(b.Pool), chain.FormatWei(b.Reserve), b.Queued)
			}
		}
		fmt.Fprintln(stdout, line)
	}
	fmt.Fprintf(stdout, "%d tickets pending\n", pending)
	return nil
}

func (c *bookCmd) agent(ctx context.Context, conn *bookConn, _ []string) error {
	a, err := conn.newAgent(true, host.NewLogger(stderr, c.verbose))
	if err != nil {
		return exitErr(exitTempFail, err)
	}
	if !c.once {
		a.Run(ctx, conn.settings.Tick)
		return nil
	}
	rep, err := a.Tick(ctx)
	if err != nil {
		return exitErr(exitTempFail, err)
	}
	fmt.Fprintf(stdout, "decided %d (revealed %d), pending %d, seeds recorded %d, unsold values erased %d\n",
		rep.Decided, rep.Revealed, rep.Pending, rep.SeedsRecorded, rep.UnsoldErased)
	return nil
}

// end retires or closes a book: args are the subcommand and the book id.
func (c *bookCmd) end(ctx context.Context, conn *bookConn, args []string) error {
	id, err := chain.ParseDepositID(args[1])
	if err != nil {
		return usageErr("%v", err)
	}
	a, _ := conn.newAgent(false, nil)
	w, err := conn.bookWriter()
	if err != nil {
		return exitErr(exitTempFail, err)
	}
	if args[0] == "retire" {
		n, err := a.RetireBook(ctx, w, id)
		if err != nil {
			return chainErr(err)
		}
		fmt.Fprintf(stdout, "book %s retired; %d unsold values erased\n", id, n)
		return nil
	}
	got, err := a.CloseBook(ctx, w, id)
	if err != nil {
		return chainErr(err)
	}
	fmt.Fprintf(stdout, "book %s closed; %s returned; its vault is destroyed\n", id, chain.FormatWei(got))
	return nil
}

func (c *bookCmd) claim(ctx context.Context, conn *bookConn, _ []string) error {
	w, err := conn.bookWriter()
	if err != nil {
		return exitErr(exitTempFail, err)
	}
	got, rcpt, err := w.Claim(ctx)
	if errors.Is(err, ticketbook.ErrNothingToClaim) {
		c.logf("nothing to claim for %s", w.From())
		return nil
	}
	if err != nil {
		return chainErr(err)
	}
	fmt.Fprintf(stdout, "claimed %s (transaction %s)\n", chain.FormatWei(got), rcpt.TxHash)
	return nil
}
