package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/ethereum/go-ethereum/common"

	"github.com/postage-mail/postage/chain/ticketbook"
	"github.com/postage-mail/postage/config"
	"github.com/postage-mail/postage/send"
	"github.com/postage-mail/postage/stake"
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
		if d, err := ticketbook.ReadDeployment(s.Dir); err == nil && d.ChainID == chainID {
			trusted[d.Contract] = true
		}
	}
	return trusted
}

// bookLearn reads a received message and records the book its
// Postage-Book header names in send.books_file (send.LearnBooks has the
// rules), and says what it learned.
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
	learned, err := send.LearnBooks(st.BooksFile, in, func(chainID uint64, contract stake.Address) bool {
		return trustedTicketContracts(cfg, st, chainID)[common.Address(contract)]
	})
	if err != nil {
		logf("%s", strings.TrimPrefix(err.Error(), send.ErrData.Error()+": "))
		return sendExit(err)
	}
	for _, l := range learned {
		if l.Known {
			fmt.Fprintf(stdout, "%s: book %s already known\n", l.Advert.Domain, l.Advert.Book)
		}
	}
	for _, l := range learned {
		if !l.Known {
			fmt.Fprintf(stdout, "%s: learned book %s (chain %d, contract %s)\n", l.Advert.Domain, l.Advert.Book, l.Advert.ChainID, l.Advert.Contract)
		}
	}
	return exitOK
}
