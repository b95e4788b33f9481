package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"math/big"
	"strings"

	"github.com/ethereum/go-ethereum/common"

	"github.com/postage-mail/postage/agent"
	"github.com/postage-mail/postage/book"
	"github.com/postage-mail/postage/chain"
	"github.com/postage-mail/postage/chain/ticketbook"
	"github.com/postage-mail/postage/config"
	"github.com/postage-mail/postage/stake"
)

func init() {
	register(&command{
		name:  "book",
		args:  "deploy | new | publish | list | agent [--once] | retire ID | close ID | claim | learn < MESSAGE  [--config FILE] [--rpc URL] [--contract ADDR]",
		short: "the recipient's ticket books (deniable stake) and the sender's ticket credits",
		long: `Ticket books are the deniable stake mode (docs/deniable.md): this host's
agent commits to random values in a book on chain; senders find the book in
DNS (TXT _postage.<domain>), buy a ticket and name it in the message; a
later block hash decides whether a ticket matches, which only the agent can
tell; the agent reveals matching tickets (the sender gets twice the stake)
unless the user marked the message as spam (postage punish), and nobody can
tell a punished ticket from one that did not match.

  deploy    deploy the TicketBook contract (book.randomness_delay, book.epoch)
            and record it in the book directory (postage serve does this by
            itself on the embedded chain)
  new       open a new book: --values N (book.values), --stake AMOUNT
            (book.stake), --bounty AMOUNT (book.bounty), --reserve AMOUNT
            (default: book.reserve, else computed for book.delay_probability),
            --window PERIOD (book.window); prints the book and its TXT record
  publish   print the DNS TXT record of the newest open book for each of
            book.domains (or --domain D, repeatable), in zone-file syntax
  list      this agent's books with their state on chain
  agent     decide pending tickets every book.tick until SIGTERM (postage serve
            does this too); with --once, one round, then exit. With
            book.relay, reveals go through that relay (docs/relay.md), which
            pays their gas and takes the books' bounties
  retire ID stop selling tickets of a book; its unsold values are erased
  close ID  take a retired book's reserve back once every reveal window has
            ended; its vault is destroyed
  claim     (a sender) withdraw the payouts credited to the signing account
  learn     (a sender) read a received message on standard input and add the
            book its Postage-Book header names to send.books_file, for the
            domain of its From address; a header naming another domain, a
            malformed one, or one naming a contract send.ticket_contracts
            does not trust refuses the message (exit 65)

With book.advertise, the send mode milter names the newest open book of the
From domain (one of book.domains) in a Postage-Book header of outgoing mail,
the TXT record plus domain=<domain>: what learn reads.

The vaults are sealed with the keystore passphrase (chain.password_file or
POSTAGE_PASSWORD_FILE; on the embedded chain the developer account's).

Exit status: 0 done; 1 refused by the contract; 64 usage; 74 the agent's
files; 75 the chain could not be reached.`,
		flags: bookFlags,
	})
}

func bookFlags(fs *flag.FlagSet) func(context.Context, []string) int {
	cfgPath := fs.String("config", "", "configuration `file`")
	rpc := fs.String("rpc", "", "Ethereum JSON-RPC `URL`")
	contractFlag := fs.String("contract", "", "TicketBook contract `address` (default book.contract, else the recorded deployment)")
	values := fs.Int("values", 0, "new: values (tickets) in the book (default book.values)")
	var stakeWei, bounty, reserve *big.Int
	fs.Var(weiFlag{&stakeWei}, "stake", "new: ticket price `amount` (default book.stake)")
	fs.Var(weiFlag{&bounty}, "bounty", "new: reveal bounty `amount` (default book.bounty)")
	fs.Var(weiFlag{&reserve}, "reserve", "new: reserve `amount` (default book.reserve, else computed)")
	window := fs.String("window", "", "new: reveal `period` (default book.window)")
	var domains multiFlag
	fs.Var(&domains, "domain", "publish: mail `domain` (repeatable; default book.domains)")
	once := fs.Bool("once", false, "agent: one round, then exit")
	verbose := fs.Bool("v", false, "agent: log debug messages too")
	return func(ctx context.Context, args []string) int {
		logf := func(format string, a ...any) { fmt.Fprintf(stderr, "postage book: "+format+"\n", a...) }
		if len(args) == 0 {
			logf("which? deploy, new, publish, list, agent, retire, close, claim or learn")
			return exitUsage
		}
		sub, args := args[0], args[1:]
		cfg, err := config.Load(*cfgPath)
		if err != nil {
			logf("%v", err)
			return exitUsage
		}
		if *contractFlag != "" {
			if !common.IsHexAddress(*contractFlag) {
				logf("--contract %q is not an address", *contractFlag)
				return exitUsage
			}
			cfg.Book.Contract = *contractFlag
		}
		s, err := cfg.BookSettings()
		if err != nil {
			logf("%v", err)
			return exitUsage
		}
		wantArgs := 0
		if sub == "retire" || sub == "close" {
			wantArgs = 1
		}
		if len(args) != wantArgs {
			logf("%s takes %d argument(s), got %d", sub, wantArgs, len(args))
			return exitUsage
		}
		switch sub {
		case "deploy":
			return bookDeploy(ctx, cfg, *rpc, s, logf)
		case "learn":
			return bookLearn(cfg, stdin, logf)
		case "publish":
			if len(domains) == 0 {
				domains = s.Domains
			}
			return bookPublish(ctx, cfg, *rpc, s, domains, logf)
		case "new", "list", "agent", "retire", "close", "claim":
		default:
			logf("unknown subcommand %q", sub)
			return exitUsage
		}
		conn, err := connectBook(ctx, cfg, *rpc)
		if err != nil {
			logf("%v", err)
			return exitTempFail
		}
		defer conn.Close()
		switch sub {
		case "new":
			o := agent.BookOptions{Values: s.Values, Stake: s.Stake, Bounty: s.Bounty, Reserve: s.Reserve}
			if *values != 0 {
				o.Values = *values
			}
			if stakeWei != nil {
				o.Stake = stakeWei
			}
			if bounty != nil {
				o.Bounty = bounty
			}
			w := s.Window
			if *window != "" {
				if w, err = config.ParsePeriod(*window); err != nil {
					logf("--window: %v", err)
					return exitUsage
				}
			}
			s.Window = w
			o.Window = s.WindowBlocks(conn.blockTime)
			if reserve != nil {
				o.Reserve = reserve
			}
			return bookNew(ctx, conn, o, s, logf)
		case "list":
			return bookList(ctx, conn, logf)
		case "agent":
			return bookAgent(ctx, conn, *once, *verbose, logf)
		case "retire", "close":
			id, err := parseID(args[0])
			if err != nil {
				logf("%v", err)
				return exitUsage
			}
			return bookEnd(ctx, conn, sub, id, logf)
		case "claim":
			w, err := conn.bookWriter()
			if err != nil {
				logf("%v", err)
				return exitTempFail
			}
			got, rcpt, err := w.Claim(ctx)
			if errors.Is(err, ticketbook.ErrNothingToClaim) {
				logf("nothing to claim for %s", w.From())
				return exitOK
			}
			if err != nil {
				logf("%v", err)
				return chainExit(err)
			}
			fmt.Fprintf(stdout, "claimed %s (transaction %s)\n", chain.FormatWei(got), rcpt.TxHash)
			return exitOK
		}
		return exitUsage
	}
}

func bookDeploy(ctx context.Context, cfg *config.Config, rpc string, s config.BookSettings, logf func(string, ...any)) int {
	c, err := dialChain(ctx, cfg, rpc)
	if err != nil {
		logf("%v", err)
		return exitTempFail
	}
	defer c.Close()
	if d, err := readBookDeployment(s); err == nil && d.ChainID == c.chainID.Uint64() {
		if _, err := ticketbook.NewContract(c.client, d.Contract).Check(ctx); err == nil {
			fmt.Fprintf(stdout, "ticket book contract %s on chain %d (already deployed)\n", d.Contract, d.ChainID)
			return exitOK
		}
	}
	d, err := deployBook(ctx, c, s)
	if err != nil {
		logf("%v", err)
		return chainExit(err)
	}
	fmt.Fprintf(stdout, "ticket book contract %s on chain %d (randomness delay %d, epoch %d)\n", d.Contract, d.ChainID, d.RandomnessDelay, d.Epoch)
	return exitOK
}

func bookNew(ctx context.Context, conn *bookConn, o agent.BookOptions, s config.BookSettings, logf func(string, ...any)) int {
	a, err := conn.newAgent(true, nil)
	if err != nil {
		logf("%v", err)
		return exitTempFail
	}
	if o.Reserve == nil {
		r, m, err := defaultReserve(o.Values, s.DelayProbability, o.Stake, book.Reserve)
		if err != nil {
			logf("%v", err)
			return exitUsage
		}
		o.Reserve = r
		logf("reserve %s (%d tickets' worth: at most a %g chance of a delayed payout in %d tickets)", chain.FormatWei(r), m, s.DelayProbability, o.Values)
	}
	w, err := conn.bookWriter()
	if err != nil {
		logf("%v", err)
		return exitTempFail
	}
	o.Agent = w.From() // the account whose key signs reveals, also through a relay
	rec, err := a.CreateBook(ctx, w, o)
	if err != nil {
		logf("%v", err)
		return chainExit(err)
	}
	fmt.Fprintf(stdout, "book %s: %d tickets at %s, window %d blocks, reserve %s\n", rec.ID, rec.Leaves, chain.FormatWei(rec.Stake), rec.Window, chain.FormatWei(o.Reserve))
	printRecords(stdout, conn, rec.ID, s.Domains)
	return exitOK
}

// txtLine is a zone-file line publishing a book for a domain.
func txtLine(domain string, r book.Record) string {
	return fmt.Sprintf("%s 3600 IN TXT %q", book.Name(domain), r.String())
}

func printRecords(w interface{ Write([]byte) (int, error) }, conn *bookConn, id common.Hash, domains []string) {
	r := book.Record{ChainID: conn.chainID.Uint64(), Contract: stake.Address(conn.book.Address()), Book: stake.Hash(id)}
	for _, d := range domains {
		fmt.Fprintln(w, txtLine(d, r))
	}
}

func bookPublish(ctx context.Context, cfg *config.Config, rpc string, s config.BookSettings, domains []string, logf func(string, ...any)) int {
	if len(domains) == 0 {
		logf("no domain: set book.domains or pass --domain")
		return exitUsage
	}
	conn, err := connectBook(ctx, cfg, rpc)
	if err != nil {
		logf("%v", err)
		return exitTempFail
	}
	defer conn.Close()
	a, err := conn.newAgent(false, nil)
	if err != nil {
		logf("%v", err)
		return exitTempFail
	}
	books, err := a.Books()
	if err != nil {
		logf("%v", err)
		return exitIOErr
	}
	newest, err := agent.NewestOpen(books, func(b *agent.BookRecord) (bool, error) {
		if b.ChainID != conn.chainID.Uint64() || b.Contract != conn.book.Address() {
			return false, nil
		}
		onChain, err := conn.book.Book(ctx, b.ID)
		if err != nil {
			return false, err
		}
		return onChain.Status == ticketbook.BookOpen && onChain.Sold < onChain.Leaves, nil
	})
	if err != nil {
		logf("%v", err)
		return exitTempFail
	}
	if newest == nil {
		logf("no open book with tickets left: run `postage book new`")
		return exitInvalid
	}
	for _, d := range domains {
		d = strings.TrimSuffix(strings.ToLower(strings.TrimSpace(d)), ".")
		if d == "" || !strings.Contains(d, ".") {
			logf("%q is not a mail domain", d)
			return exitUsage
		}
	}
	printRecords(stdout, conn, newest.ID, domains)
	return exitOK
}

func bookList(ctx context.Context, conn *bookConn, logf func(string, ...any)) int {
	a, err := conn.newAgent(false, nil)
	if err != nil {
		logf("%v", err)
		return exitTempFail
	}
	books, err := a.Books()
	if err != nil {
		logf("%v", err)
		return exitIOErr
	}
	pending, err := a.Pending()
	if err != nil {
		logf("%v", err)
		return exitIOErr
	}
	for _, r := range books {
		line := fmt.Sprintf("%s %s %d values, %s a ticket", r.ID, r.State, r.Leaves, chain.FormatWei(r.Stake))
		if r.ChainID == conn.chainID.Uint64() && r.Contract == conn.book.Address() {
			if b, err := conn.book.Book(ctx, r.ID); err == nil {
				line += fmt.Sprintf("; on chain %s, %d sold, pool %s, reserve %s, %d payouts queued", b.Status, b.Sold, chain.FormatWei(b.Pool), chain.FormatWei(b.Reserve), b.Queued)
			}
		}
		fmt.Fprintln(stdout, line)
	}
	fmt.Fprintf(stdout, "%d tickets pending\n", pending)
	return exitOK
}

func bookAgent(ctx context.Context, conn *bookConn, once, verbose bool, logf func(string, ...any)) int {
	a, err := conn.newAgent(true, newLogger(stderr, verbose))
	if err != nil {
		logf("%v", err)
		return exitTempFail
	}
	if once {
		rep, err := a.Tick(ctx)
		if err != nil {
			logf("%v", err)
			return exitTempFail
		}
		fmt.Fprintf(stdout, "decided %d (revealed %d), pending %d, seeds recorded %d, unsold values erased %d\n",
			rep.Decided, rep.Revealed, rep.Pending, rep.SeedsRecorded, rep.UnsoldErased)
		return exitOK
	}
	a.Run(ctx, conn.settings.Tick)
	return exitOK
}

func bookEnd(ctx context.Context, conn *bookConn, sub string, id common.Hash, logf func(string, ...any)) int {
	a, err := conn.newAgent(false, nil)
	if err != nil {
		logf("%v", err)
		return exitTempFail
	}
	w, err := conn.bookWriter()
	if err != nil {
		logf("%v", err)
		return exitTempFail
	}
	if sub == "retire" {
		n, err := a.RetireBook(ctx, w, id)
		if err != nil {
			logf("%v", err)
			return chainExit(err)
		}
		fmt.Fprintf(stdout, "book %s retired; %d unsold values erased\n", id, n)
		return exitOK
	}
	got, err := a.CloseBook(ctx, w, id)
	if err != nil {
		logf("%v", err)
		return chainExit(err)
	}
	fmt.Fprintf(stdout, "book %s closed; %s returned; its vault is destroyed\n", id, chain.FormatWei(got))
	return exitOK
}
