package send

import (
	"context"
	"errors"
	"fmt"
	"math/big"
	"os"
	"strings"
	"sync"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/postage-mail/postage/book"
	"github.com/postage-mail/postage/stake"
)

// LookupBudget bounds all of one message's DNS lookups together: a
// resolver that does not answer must not hold mail up (those recipients
// get a deposit instead).
const LookupBudget = 3 * time.Second

// ErrNoBook is what a BookDirectory returns for a domain without a book.
var ErrNoBook = errors.New("no ticket book published")

// BookDirectory finds a domain's published books (DNS TXT _postage.<domain>).
type BookDirectory interface {
	Lookup(ctx context.Context, domain string) ([]book.Record, error)
}

// BookState is what the sender checks of a book before it buys.
type BookState struct {
	Status  string // "open" when tickets can be bought
	Left    uint32 // tickets left
	Price   *big.Int
	Bounty  *big.Int // paid to a reveal's submitter out of 2 x price
	Reserve *big.Int
	Queued  uint32        // payouts waiting for the pool
	Window  time.Duration // reveal window
}

// BookChain reads and buys tickets of books on the chain the sender uses.
type BookChain interface {
	ChainID() uint64
	Book(ctx context.Context, rec book.Record) (BookState, error)
	// Buy buys one ticket per binding in one transaction and returns the
	// first ticket's index and the buyer.
	Buy(ctx context.Context, rec book.Record, bindings []common.Hash) (first uint32, buyer common.Address, err error)
}

// TicketLimits are what a sender accepts of a book (send.max_ticket,
// send.book_*): a book whose owner could profit from its senders, or that
// cannot pay them back, is not used.
type TicketLimits struct {
	MaxPrice *big.Int
	// MaxBountyPercent: the most of the price a reveal's bounty may be. An
	// owner revealing its own tickets collects the bounty: a bounty near
	// the price turns the sender's refundable stake into the owner's fee.
	MaxBountyPercent int64
	// MinReserve: the least reserve, in ticket prices, that backs payouts.
	MinReserve int64
	// MaxQueue: the most payouts that may already wait for the pool.
	MaxQueue uint32
	// MaxWindow: the longest reveal window (the sender's stake is locked
	// that long).
	MaxWindow time.Duration
}

// Check says why a book is not usable for n tickets, or nil.
func (l TicketLimits) Check(id string, b BookState, n int) error {
	switch {
	case b.Status != "open":
		return fmt.Errorf("book %s is %s", id, b.Status)
	case int64(b.Left) < int64(n):
		return fmt.Errorf("book %s has %d tickets left, %d wanted", id, b.Left, n)
	case b.Price == nil || b.Price.Sign() <= 0:
		return fmt.Errorf("book %s has no ticket price", id)
	case l.MaxPrice != nil && b.Price.Cmp(l.MaxPrice) > 0:
		return fmt.Errorf("book %s asks %s a ticket, more than send.max_ticket %s", id, FormatWei(b.Price), FormatWei(l.MaxPrice))
	}
	if b.Bounty != nil {
		limit := new(big.Int).Mul(b.Price, big.NewInt(l.MaxBountyPercent))
		if new(big.Int).Mul(b.Bounty, big.NewInt(100)).Cmp(limit) > 0 {
			return fmt.Errorf("book %s pays a reveal bounty of %s, more than send.book_max_bounty %d%% of its price %s: its owner could keep senders' stakes",
				id, FormatWei(b.Bounty), l.MaxBountyPercent, FormatWei(b.Price))
		}
	}
	if l.MinReserve > 0 {
		want := new(big.Int).Mul(b.Price, big.NewInt(l.MinReserve))
		if b.Reserve == nil || b.Reserve.Cmp(want) < 0 {
			return fmt.Errorf("book %s has a reserve of %s, less than send.book_min_reserve %d ticket prices (%s)", id, FormatWei(b.Reserve), l.MinReserve, FormatWei(want))
		}
	}
	if b.Queued > l.MaxQueue {
		return fmt.Errorf("book %s has %d payouts waiting, more than send.book_max_queue %d", id, b.Queued, l.MaxQueue)
	}
	if l.MaxWindow > 0 && b.Window > l.MaxWindow {
		return fmt.Errorf("book %s has a reveal window of %s, longer than send.book_max_window %s", id, b.Window, l.MaxWindow)
	}
	return nil
}

// Tickets buys tickets for the recipients whose domain publishes a usable
// book, one transaction per book. It implements TicketBuyer.
type Tickets struct {
	Directory BookDirectory
	Chain     BookChain
	// Trusted are the TicketBook contracts a record may name on this chain:
	// a forged record naming another contract must not collect stakes.
	Trusted map[common.Address]bool
	// BooksFile lists books known without DNS ("" for none).
	BooksFile string
	Limits    TicketLimits
	Logf      func(format string, args ...any)
	Rand      func() (stake.Nonce, error) // stake.NewNonce(nil) when nil
}

func (t *Tickets) logf(format string, args ...any) {
	if t.Logf != nil {
		t.Logf(format, args...)
	}
}

// BuyTickets implements TicketBuyer.
func (t *Tickets) BuyTickets(ctx context.Context, rcpts []string) (map[string]string, []string, error) {
	if len(t.Trusted) == 0 {
		return nil, rcpts, nil // no ticket book contract is trusted on this chain
	}
	byDomain := map[string][]string{}
	for _, r := range rcpts {
		if at := strings.LastIndexByte(r, '@'); at > 0 {
			d := strings.ToLower(r[at+1:])
			byDomain[d] = append(byDomain[d], r)
		}
	}
	records := map[string][]book.Record{}
	if t.BooksFile != "" {
		known, err := ReadBooksFile(t.BooksFile)
		if err != nil {
			return nil, nil, err
		}
		for d, recs := range known {
			if byDomain[d] != nil {
				records[d] = recs
			}
		}
	}
	if t.Directory != nil {
		lctx, cancel := context.WithTimeout(ctx, LookupBudget)
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
				recs, err := t.Directory.Lookup(lctx, d)
				if err != nil {
					if !errors.Is(err, ErrNoBook) {
						t.logf("%s: no ticket book (%v); a deposit instead", d, err)
					}
					return
				}
				mu.Lock()
				records[d] = recs
				mu.Unlock()
			}()
		}
		wg.Wait()
	}

	tickets := map[string]string{}
	var rest []string
	for _, r := range rcpts {
		at := strings.LastIndexByte(r, '@')
		if at <= 0 || records[strings.ToLower(r[at+1:])] == nil {
			rest = append(rest, r)
		}
	}
	for d, recs := range records {
		group := byDomain[d]
		rec, err := t.usable(ctx, recs, len(group))
		if err != nil {
			t.logf("%s: %v; a deposit instead", d, err)
			rest = append(rest, group...)
			continue
		}
		headers, err := t.buy(ctx, rec, group)
		if err != nil {
			return nil, nil, fmt.Errorf("tickets for %s: %w", d, err)
		}
		for r, h := range headers {
			tickets[r] = h
		}
		t.logf("%d ticket(s) in book %s for %s", len(group), rec.Book, d)
	}
	return tickets, rest, nil
}

// usable is the first of a domain's records the sender can buy n tickets
// from.
func (t *Tickets) usable(ctx context.Context, recs []book.Record, n int) (book.Record, error) {
	why := errors.New("no book")
	for _, r := range recs {
		switch {
		case r.ChainID != t.Chain.ChainID():
			why = fmt.Errorf("its book is on chain %d, not %d", r.ChainID, t.Chain.ChainID())
			continue
		case !t.Trusted[common.Address(r.Contract)]:
			why = fmt.Errorf("its book is in contract %s, which send.ticket_contracts does not trust", r.Contract)
			continue
		}
		b, err := t.Chain.Book(ctx, r)
		if err != nil {
			return book.Record{}, err
		}
		if why = t.Limits.Check(r.Book.String(), b, n); why == nil {
			return r, nil
		}
	}
	return book.Record{}, why
}

func (t *Tickets) buy(ctx context.Context, rec book.Record, rcpts []string) (map[string]string, error) {
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
		var n stake.Nonce
		if t.Rand != nil {
			n, err = t.Rand()
		} else {
			n, err = stake.NewNonce(nil)
		}
		if err != nil {
			return nil, err
		}
		ones[i] = one{sr, n}
		bindings[i] = common.Hash(book.Binding(sr, n))
	}
	first, buyer, err := t.Chain.Buy(ctx, rec, bindings)
	if err != nil {
		return nil, err
	}
	out := map[string]string{}
	for i, o := range ones {
		tk := &book.Ticket{ChainID: rec.ChainID, Contract: rec.Contract, Book: rec.Book, Index: first + uint32(i),
			Recipient: o.rcpt, Nonce: o.nonce, Buyer: stake.Address(buyer)}
		h, err := tk.Format()
		if err != nil {
			return nil, err
		}
		out[rcpts[i]] = h
	}
	return out, nil
}

// ReadBooksFile reads send.books_file: lines "domain record", # comments.
func ReadBooksFile(path string) (map[string][]book.Record, error) {
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
