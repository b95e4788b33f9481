package send

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/mail"
	"os"
	"path/filepath"
	"strings"

	"github.com/postage-mail/postage/book"
	"github.com/postage-mail/postage/stake"
)

// Learned is one book LearnBooks considered.
type Learned struct {
	Advert book.Advert
	Known  bool // already in the books file
}

// ErrRefused is wrapped when a message cannot teach a book.
var ErrRefused = errors.New("refused")

// LearnBooks reads a received message and appends the books its
// Postage-Book headers name to the books file, for the domain of its From
// address. Only headers naming that very domain and a contract trusted
// reports true for are learned; anything else refuses the whole message
// (ErrRefused), so a message cannot teach a book for a domain it does not
// come from. The sender checks the book on chain again before buying.
func LearnBooks(booksFile string, in io.Reader, trusted func(chainID uint64, contract stake.Address) bool) ([]Learned, error) {
	msg, err := mail.ReadMessage(io.LimitReader(in, 1<<20))
	if err != nil {
		return nil, fmt.Errorf("%w: read message: %v", ErrData, err)
	}
	from, err := mail.ParseAddressList(msg.Header.Get("From"))
	if err != nil || len(from) != 1 {
		return nil, fmt.Errorf("%w: From %q: want exactly one address (%v)", ErrData, clip(msg.Header.Get("From")), err)
	}
	at := strings.LastIndexByte(from[0].Address, '@')
	domain, err := book.CanonicalDomain(from[0].Address[at+1:])
	if at <= 0 || err != nil {
		return nil, fmt.Errorf("%w: From %q: no mail domain", ErrData, clip(from[0].Address))
	}
	headers := msg.Header[book.AdvertHeader]
	if len(headers) == 0 {
		return nil, fmt.Errorf("%w: no %s header", ErrData, book.AdvertHeader)
	}
	var learn []book.Advert
	for _, h := range headers {
		a, err := book.ParseAdvert(h)
		switch {
		case err != nil:
			return nil, fmt.Errorf("%w: %s header refused: %v", ErrData, book.AdvertHeader, err)
		case a.Domain != domain:
			return nil, fmt.Errorf("%w: %s header refused: it names the book of %s, but the message is from %s", ErrData, book.AdvertHeader, a.Domain, domain)
		case !trusted(a.ChainID, a.Contract):
			return nil, fmt.Errorf("%w: %s header refused: its book is in contract %s on chain %d, which send.ticket_contracts does not trust", ErrData, book.AdvertHeader, a.Contract, a.ChainID)
		}
		learn = append(learn, a)
	}

	known := map[string][]book.Record{}
	var lines strings.Builder
	if raw, err := os.ReadFile(booksFile); err == nil {
		if known, err = ReadBooksFile(booksFile); err != nil {
			return nil, fail(ErrIO, err)
		}
		if len(raw) > 0 && raw[len(raw)-1] != '\n' {
			lines.WriteByte('\n')
		}
	} else if !errors.Is(err, fs.ErrNotExist) {
		return nil, failf(ErrIO, "send.books_file: %w", err)
	}
	var out []Learned
	added := false
	for _, a := range learn {
		dup := false
		for _, r := range known[a.Domain] {
			dup = dup || r == a.Record
		}
		out = append(out, Learned{Advert: a, Known: dup})
		if dup {
			continue
		}
		known[a.Domain] = append(known[a.Domain], a.Record)
		added = true
		fmt.Fprintf(&lines, "%s %s\n", a.Domain, a.Record)
	}
	if !added {
		return out, nil
	}
	if err := os.MkdirAll(filepath.Dir(booksFile), 0o700); err != nil {
		return nil, failf(ErrIO, "send.books_file: %w", err)
	}
	f, err := os.OpenFile(booksFile, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o644)
	if err != nil {
		return nil, failf(ErrIO, "send.books_file: %w", err)
	}
	_, err = io.WriteString(f, lines.String())
	if serr := f.Sync(); err == nil {
		err = serr
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return nil, failf(ErrIO, "send.books_file: %w", err)
	}
	return out, nil
}

// clip shortens what a message claims before it is logged.
func clip(s string) string {
	if len(s) > 80 {
		return s[:80] + "..."
	}
	return s
}
