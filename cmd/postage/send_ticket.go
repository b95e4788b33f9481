package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strings"
	"sync"
	"time"

	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/common"

	"github.com/postage-mail/postage/book"
	"github.com/postage-mail/postage/bookdns"
	"github.com/postage-mail/postage/chain"
	"github.com/postage-mail/postage/chain/ticketbook"
	"github.com/postage-mail/postage/config"
	"github.com/postage-mail/postage/stake"
)

// lookupBudget bounds all of one message's DNS lookups together: a
// resolver that does not answer must not hold mail up (those recipients
// get a deposit instead).
const lookupBudget = 3 * time.Second

// buyTickets buys, for each recipient whose domain publishes a usable
// ticket book, a ticket in that book (one transaction per book), and
// returns each such recipient's Postage-Stamp header of kind ticket. The
// other recipients are returned for a deposit. A book is usable when its
// record names the chain conn is on and a trusted contract (send.
// ticket_contracts, or this host's own TicketBook), and the book is open,
// has tickets left and costs at most send.max_ticket.
func buyTickets(ctx context.Context, cfg *config.Config, conn *chainConn, rcpts []string, logf func(string, ...any)) (map[string]string, []string, error) {
	st, err := cfg.SenderTickets()
	if err != nil || !st.Enabled {
		return nil, rcpts, err
	}
	trusted := trustedTicketContracts(cfg, st, conn.chainID.Uint64())
	if len(trusted) == 0 {
		return nil, rcpts, nil // no ticket book contract is trusted on this chain
	}

	// Look every domain up at once, within the budget.
	byDomain := map[string][]string{}
	for _, r := range rcpts {
		if at := strings.LastIndexByte(r, '@'); at > 0 {
			d := strings.ToLower(r[at+1:])
			byDomain[d] = append(byDomain[d], r)
		}
	}
	records := map[string][]book.Record{}
	if st.BooksFile != "" {
		known, err := readBooksFile(st.BooksFile)
		if err != nil {
			return nil, nil, err
		}
		for d, recs := range known {
			if byDomain[d] != nil {
				records[d] = recs
			}
		}
	}
	res := &bookdns.Resolver{Server: st.Resolver, Timeout: lookupBudget}
	lctx, cancel := context.WithTimeout(ctx, lookupBudget)
	defer cancel()
	var mu sync.Mutex
	var wg sync.WaitGroup
	for d := range byDomain {
		if records[d] != nil {
			continue // known from the books file
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			recs, err := res.Lookup(lctx, d)
			if err != nil {
				if !errors.Is(err, bookdns.ErrNoBook) {
					logf("%s: no ticket book (%v); a deposit instead", d, err)
				}
				return
			}
			mu.Lock()
			records[d] = recs
			mu.Unlock()
		}()
	}
	wg.Wait()

	tickets := map[string]string{}
	var rest []string
	var opts *bind.TransactOpts
	for _, r := range rcpts {
		at := strings.LastIndexByte(r, '@')
		if at <= 0 || records[strings.ToLower(r[at+1:])] == nil {
			rest = append(rest, r)
		}
	}
	for d, recs := range records {
		group := byDomain[d]
		rec, err := usableBook(ctx, conn, recs, trusted, len(group), st)
		if err != nil {
			logf("%s: %v; a deposit instead", d, err)
			rest = append(rest, group...)
			continue
		}
		if opts == nil {
			if opts, err = conn.transactor(); err != nil {
				return nil, nil, err
			}
		}
		bw := ticketbook.NewWriter(ticketbook.NewContract(conn.client, common.Address(rec.Contract)), opts)
		headers, err := buyFor(ctx, bw, rec, group)
		if err != nil {
			return nil, nil, fmt.Errorf("tickets for %s: %w", d, err)
		}
		for r, h := range headers {
			tickets[r] = h
		}
		logf("%d ticket(s) in book %s for %s", len(group), rec.Book, d)
	}
	return tickets, rest, nil
}

// usableBook is the first of a domain's records the sender can buy n
// tickets from.
func usableBook(ctx context.Context, conn *chainConn, recs []book.Record, trusted map[common.Address]bool, n int, st config.SenderTickets) (book.Record, error) {
	var why error
	for _, r := range recs {
		switch {
		case r.ChainID != conn.chainID.Uint64():
			why = fmt.Errorf("its book is on chain %d, not %d", r.ChainID, conn.chainID)
			continue
		case !trusted[common.Address(r.Contract)]:
			why = fmt.Errorf("its book is in contract %s, which send.ticket_contracts does not trust", r.Contract)
			continue
		}
		b, err := ticketbook.NewContract(conn.client, common.Address(r.Contract)).Book(ctx, common.Hash(r.Book))
		if err != nil {
			return book.Record{}, err
		}
		switch {
		case b.Status != ticketbook.BookOpen:
			why = fmt.Errorf("book %s is %s", r.Book, b.Status)
		case int(b.Leaves-b.Sold) < n:
			why = fmt.Errorf("book %s has %d tickets left, %d wanted", r.Book, b.Leaves-b.Sold, n)
		case b.Stake.Cmp(st.MaxTicket) > 0:
			why = fmt.Errorf("book %s asks %s a ticket, more than send.max_ticket %s", r.Book, chain.FormatWei(b.Stake), chain.FormatWei(st.MaxTicket))
		default:
			return r, nil
		}
	}
	return book.Record{}, why
}

// buyFor buys one ticket per recipient in one transaction and returns
// their headers.
func buyFor(ctx context.Context, w *ticketbook.Writer, rec book.Record, rcpts []string) (map[string]string, error) {
	type one struct {
		rcpt  stake.Recipient
		nonce stake.Nonce
	}
	ones := make([]one, len(rcpts))
	bindings := make([]common.Hash, len(rcpts))
	for i, r := range rcpts {
		sr, err := stake.ParseRecipient(r)
		if err != nil {
			return nil, fmt.Errorf("recipient %q: %w", r, err)
		}
		n, err := stake.NewNonce(nil)
		if err != nil {
			return nil, err
		}
		ones[i] = one{sr, n}
		bindings[i] = common.Hash(book.Binding(sr, n))
	}
	p, err := w.Buy(ctx, common.Hash(rec.Book), bindings)
	if err != nil {
		return nil, err
	}
	out := map[string]string{}
	for i, o := range ones {
		t := &book.Ticket{ChainID: rec.ChainID, Contract: rec.Contract, Book: rec.Book, Index: p.First + uint32(i),
			Recipient: o.rcpt, Nonce: o.nonce, Buyer: stake.Address(w.From())}
		h, err := t.Format()
		if err != nil {
			return nil, err
		}
		out[rcpts[i]] = h
	}
	return out, nil
}

// readBooksFile reads send.books_file: lines "domain record", # comments.
func readBooksFile(path string) (map[string][]book.Record, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("send.books_file: %w", err)
	}
	out := map[string][]book.Record{}
	for n, line := range strings.Split(string(raw), "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		domain, rec, ok := strings.Cut(line, " ")
		r, err := book.ParseRecord(strings.TrimSpace(rec))
		if !ok || err != nil || !strings.Contains(domain, ".") {
			return nil, fmt.Errorf("send.books_file %s line %d: want \"domain v=postage-book1; ...\" (%v)", path, n+1, err)
		}
		d := strings.TrimSuffix(strings.ToLower(domain), ".")
		out[d] = append(out[d], r)
	}
	return out, nil
}
