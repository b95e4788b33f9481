package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/mail"
	"os"
	"path/filepath"
	"strings"

	"github.com/ethereum/go-ethereum/common"

	"github.com/postage-mail/postage/book"
	"github.com/postage-mail/postage/config"
)

// trustedTicketContracts are the TicketBook contracts on chainID whose
// books a sender may buy tickets from, wherever the book was found (DNS,
// the books file, a Postage-Book header): send.ticket_contracts on that
// chain, and this host's own TicketBook (book.contract, or the recorded
// deployment on that chain). A forged record naming another contract
// must not collect the sender's stakes.
func trustedTicketContracts(cfg *config.Config, st config.SenderTickets, chainID uint64) map[common.Address]bool {
	trusted := map[common.Address]bool{}
	for _, t := range st.Trusted {
		if t.ChainID == chainID {
			trusted[t.Address] = true
		}
	}
	if s, err := cfg.BookSettings(); err == nil {
		if s.Contract != (common.Address{}) {
			trusted[s.Contract] = true
		}
		if d, err := readBookDeployment(s); err == nil && d.ChainID == chainID {
			trusted[d.Contract] = true
		}
	}
	return trusted
}

// bookLearn reads a received message and records the book its
// Postage-Book header names in send.books_file, for the domain of its
// From address. Only a header naming that very domain and a trusted
// contract is learned; anything else refuses the whole message, so a
// message cannot teach a book for a domain it does not come from.
// Sendmail checks the book on chain again before buying (open, price).
func bookLearn(cfg *config.Config, in io.Reader, logf func(string, ...any)) int {
	st, err := cfg.SenderTickets()
	if err != nil {
		logf("%v", err)
		return exitUsage
	}
	if st.BooksFile == "" {
		logf("learn needs send.books_file (where learned books are kept)")
		return exitUsage
	}
	msg, err := mail.ReadMessage(io.LimitReader(in, 1<<20))
	if err != nil {
		logf("read message: %v", err)
		return exitDataErr
	}
	from, err := mail.ParseAddressList(msg.Header.Get("From"))
	if err != nil || len(from) != 1 {
		logf("From %q: want exactly one address (%v)", clipLog(msg.Header.Get("From")), err)
		return exitDataErr
	}
	at := strings.LastIndexByte(from[0].Address, '@')
	domain, err := book.CanonicalDomain(from[0].Address[at+1:])
	if at <= 0 || err != nil {
		logf("From %q: no mail domain", clipLog(from[0].Address))
		return exitDataErr
	}
	headers := msg.Header[book.AdvertHeader]
	if len(headers) == 0 {
		logf("no %s header", book.AdvertHeader)
		return exitDataErr
	}
	var learn []book.Advert
	for _, h := range headers {
		a, err := book.ParseAdvert(h)
		switch {
		case err != nil:
			logf("%s header refused: %v", book.AdvertHeader, err)
			return exitDataErr
		case a.Domain != domain:
			logf("%s header refused: it names the book of %s, but the message is from %s", book.AdvertHeader, a.Domain, domain)
			return exitDataErr
		case !trustedTicketContracts(cfg, st, a.ChainID)[common.Address(a.Contract)]:
			logf("%s header refused: its book is in contract %s on chain %d, which send.ticket_contracts does not trust", book.AdvertHeader, a.Contract, a.ChainID)
			return exitDataErr
		}
		learn = append(learn, a)
	}

	known := map[string][]book.Record{}
	var lines strings.Builder
	if raw, err := os.ReadFile(st.BooksFile); err == nil {
		if known, err = readBooksFile(st.BooksFile); err != nil {
			logf("%v", err)
			return exitIOErr
		}
		if len(raw) > 0 && raw[len(raw)-1] != '\n' {
			lines.WriteByte('\n')
		}
	} else if !errors.Is(err, fs.ErrNotExist) {
		logf("send.books_file: %v", err)
		return exitIOErr
	}
	added := false
	var report strings.Builder
	for _, a := range learn {
		dup := false
		for _, r := range known[a.Domain] {
			dup = dup || r == a.Record
		}
		if dup {
			fmt.Fprintf(stdout, "%s: book %s already known\n", a.Domain, a.Book)
			continue
		}
		known[a.Domain] = append(known[a.Domain], a.Record)
		added = true
		fmt.Fprintf(&lines, "%s %s\n", a.Domain, a.Record)
		fmt.Fprintf(&report, "%s: learned book %s (chain %d, contract %s)\n", a.Domain, a.Book, a.ChainID, a.Contract)
	}
	if !added {
		return exitOK
	}
	if err := os.MkdirAll(filepath.Dir(st.BooksFile), 0o700); err != nil {
		logf("send.books_file: %v", err)
		return exitIOErr
	}
	f, err := os.OpenFile(st.BooksFile, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o644)
	if err != nil {
		logf("send.books_file: %v", err)
		return exitIOErr
	}
	_, err = io.WriteString(f, lines.String())
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		logf("send.books_file: %v", err)
		return exitIOErr
	}
	fmt.Fprint(stdout, report.String())
	return exitOK
}

// clipLog shortens what a message claims before it is logged.
func clipLog(s string) string {
	if len(s) > 80 {
		return s[:80] + "..."
	}
	return s
}
