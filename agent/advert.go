package agent

import (
	"log/slog"
	"sync"
	"time"

	"github.com/postage-mail/postage/book"
	"github.com/postage-mail/postage/stake"
)

// AdvertTTL is how long Adverts keeps the book it names before reading
// the agent's state again: a new book shows within it.
const AdvertTTL = time.Minute

// Adverts names this host's newest open book in outgoing mail
// (book.advertise: the send mode milter's Postage-Book header). It reads
// the agent's local state only, never the chain: the header is a hint,
// and a sender checks the book on chain (open, tickets left, price)
// before buying.
type Adverts struct {
	a       *Agent
	domains map[string]bool
	log     *slog.Logger
	now     func() time.Time

	mu      sync.Mutex
	read    time.Time
	current *book.Record // nil: no open book
}

// NewAdverts advertises the books of the agent state in dir for mail from
// domains.
func NewAdverts(dir string, domains []string, log *slog.Logger) *Adverts {
	ds := map[string]bool{}
	for _, d := range domains {
		ds[d] = true
	}
	// A short lock wait: the receiving agent may hold the state file, and
	// a message must not wait on it (it goes without the header).
	return &Adverts{a: &Agent{Dir: dir, LockTimeout: time.Second}, domains: ds, log: logOr(log), now: time.Now}
}

// Value is the Postage-Book header for mail from domain, "" for none.
func (b *Adverts) Value(domain string) string {
	if !b.domains[domain] {
		return ""
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.now().Sub(b.read) >= AdvertTTL {
		b.read = b.now()
		books, err := b.a.Books()
		if err != nil {
			b.log.Warn("no Postage-Book header: agent state unreadable", "err", err)
			b.current = nil
			return ""
		}
		newest, _ := NewestOpen(books, nil)
		b.current = nil
		if newest != nil {
			b.current = &book.Record{ChainID: newest.ChainID, Contract: stake.Address(newest.Contract), Book: stake.Hash(newest.ID)}
		}
	}
	if b.current == nil {
		return ""
	}
	return book.Advert{Domain: domain, Record: *b.current}.String()
}
