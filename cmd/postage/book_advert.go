package main

import (
	"log/slog"
	"sync"
	"time"

	"github.com/postage-mail/postage/agent"
	"github.com/postage-mail/postage/book"
	"github.com/postage-mail/postage/config"
	"github.com/postage-mail/postage/stake"
)

// advertTTL is how long the send mode milter keeps the book it names
// before reading the agent's state again: a new book shows within it.
const advertTTL = time.Minute

// bookAdverts names this host's newest open book in outgoing mail
// (book.advertise). It reads the agent's local state only, never the
// chain: the header is a hint, and a sender checks the book on chain
// (open, tickets left, price) before buying.
type bookAdverts struct {
	a       *agent.Agent
	domains map[string]bool
	log     *slog.Logger
	now     func() time.Time

	mu      sync.Mutex
	read    time.Time
	current *book.Record // nil: no open book
}

func newBookAdverts(s config.BookSettings, log *slog.Logger) *bookAdverts {
	ds := map[string]bool{}
	for _, d := range s.Domains {
		ds[d] = true
	}
	// A short lock wait: the receiving agent may hold the state file, and
	// a message must not wait on it (it goes without the header).
	return &bookAdverts{a: &agent.Agent{Dir: s.Dir, LockTimeout: time.Second}, domains: ds, log: log, now: time.Now}
}

// value is the Postage-Book header for mail from domain, "" for none.
func (b *bookAdverts) value(domain string) string {
	if !b.domains[domain] {
		return ""
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.now().Sub(b.read) >= advertTTL {
		b.read = b.now()
		books, err := b.a.Books()
		if err != nil {
			b.log.Warn("no Postage-Book header: agent state unreadable", "err", err)
			b.current = nil
			return ""
		}
		newest, _ := agent.NewestOpen(books, nil)
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
