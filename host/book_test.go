package host

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/ethereum/go-ethereum/common"

	"github.com/postage-mail/postage/agent"
	"github.com/postage-mail/postage/book"
	"github.com/postage-mail/postage/chain/ticketbook"
	"github.com/postage-mail/postage/mail"
	"github.com/postage-mail/postage/punish"
	"github.com/postage-mail/postage/send"
	"github.com/postage-mail/postage/stake"
)

// Trusted are the send.ticket_contracts on the chain asked about, plus
// book.contract and the deployment recorded for that chain.
func TestTrustedTicketContracts(t *testing.T) {
	cfg := loadChainConfig(t, "[send]\nticket_contracts = [\"1337:0x00000000000000000000000000000000000000aa\", \"1:0x00000000000000000000000000000000000000bb\"]\n[book]\ncontract = \"0x00000000000000000000000000000000000000cc\"\n")
	s, err := cfg.BookSettings()
	if err != nil {
		t.Fatal(err)
	}
	if err := ticketbook.WriteDeployment(s.Dir, ticketbook.Deployment{ChainID: 1337, Contract: common.HexToAddress("0xdd")}); err != nil {
		t.Fatal(err)
	}
	st, err := cfg.SenderTickets()
	if err != nil {
		t.Fatal(err)
	}
	got := TrustedTicketContracts(cfg, st, 1337)
	want := map[common.Address]bool{common.HexToAddress("0xaa"): true, common.HexToAddress("0xcc"): true, common.HexToAddress("0xdd"): true}
	if len(got) != len(want) {
		t.Fatalf("chain 1337: trusted %v, want %v", got, want)
	}
	for a := range want {
		if !got[a] {
			t.Fatalf("chain 1337: %s not trusted (%v)", a, got)
		}
	}
	// On chain 1 the deployment (chain 1337) does not count.
	got = TrustedTicketContracts(cfg, st, 1)
	if len(got) != 2 || !got[common.HexToAddress("0xbb")] || !got[common.HexToAddress("0xcc")] || got[common.HexToAddress("0xdd")] {
		t.Fatalf("chain 1: trusted %v, want 0xbb and 0xcc", got)
	}
}

const learnMessage = "From: a@example.org\r\nTo: b@example.net\r\nPostage-Book: v=postage-book1; chain=1337; contract=0x00000000000000000000000000000000000000aa; book=0x0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b; domain=example.org\r\n\r\nhi\r\n"

// LearnBooks needs send.books_file (a usage error), and then says what it
// learned, and that it knew it the second time.
func TestLearnBooks(t *testing.T) {
	cfg := loadChainConfig(t, "[send]\nticket_contracts = [\"1337:0x00000000000000000000000000000000000000aa\"]\n")
	if _, err := LearnBooks(cfg, strings.NewReader(learnMessage)); !errors.Is(err, send.ErrUsage) || !strings.Contains(err.Error(), "learn needs send.books_file") {
		t.Fatalf("no books file: err %v, want send.ErrUsage", err)
	}
	cfg = loadChainConfig(t, "[send]\nbooks_file = \"books.txt\"\nticket_contracts = [\"1337:0x00000000000000000000000000000000000000aa\"]\n")
	lines, err := LearnBooks(cfg, strings.NewReader(learnMessage))
	if err != nil {
		t.Fatal(err)
	}
	if len(lines) != 1 || lines[0] != "example.org: learned book 0x0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b (chain 1337, contract 0x00000000000000000000000000000000000000AA)" {
		t.Fatalf("first learn: %q", lines)
	}
	lines, err = LearnBooks(cfg, strings.NewReader(learnMessage))
	if err != nil || len(lines) != 1 || !strings.HasSuffix(lines[0], "already known") {
		t.Fatalf("second learn: %q, %v", lines, err)
	}
	if _, err := LearnBooks(cfg, strings.NewReader(strings.Replace(learnMessage, "0x00000000000000000000000000000000000000aa", "0x00000000000000000000000000000000000000bb", 1))); !errors.Is(err, send.ErrData) {
		t.Fatalf("untrusted contract: err %v, want send.ErrData", err)
	}
}

// PunishTicket leaves messages without a ticket for the recipient to
// the stake path; with book.enabled off, or a ticket the agent never
// accepted, there is nothing to do (NoStake).
func TestPunishTicket(t *testing.T) {
	r, err := stake.ParseRecipient("b@example.net")
	if err != nil {
		t.Fatal(err)
	}
	tk := &book.Ticket{ChainID: 1, Contract: stake.Address{1}, Book: stake.Hash{0xab}, Index: 1, Recipient: r, Buyer: stake.Address{2}}
	header, err := tk.Format()
	if err != nil {
		t.Fatal(err)
	}
	msg := func(stamp string) *mail.Message {
		raw := "From: a@example.org\r\nTo: b@example.net\r\n"
		if stamp != "" {
			raw += "Postage-Stamp: " + stamp + "\r\n"
		}
		m, err := mail.Read(strings.NewReader(raw + "\r\nhi\r\n"))
		if err != nil {
			t.Fatal(err)
		}
		return m
	}
	cfg := loadChainConfig(t, "")
	var logged []string
	logf := func(f string, a ...any) { logged = append(logged, fmt.Sprintf(f, a...)) }
	for _, m := range []*mail.Message{msg(""), msg(header)} {
		rcpt := "b@example.net"
		if m.Header.Get("Postage-Stamp") != "" {
			rcpt = "c@example.net" // the ticket is not this recipient's
		}
		if _, ok := PunishTicket(context.Background(), cfg, m, rcpt, logf); ok {
			t.Fatalf("no ticket for %s, but taken as one", rcpt)
		}
	}
	for _, enabled := range []bool{false, true} {
		cfg.Book.Enabled = enabled
		logged = nil
		st, ok := PunishTicket(context.Background(), cfg, msg(header), "b@example.net", logf)
		want := "book.enabled is false"
		if enabled {
			want = agent.NotAccepted.Report()
		}
		if !ok || st != punish.NoStake || len(logged) != 1 || !strings.Contains(logged[0], want) {
			t.Fatalf("book.enabled %v: status %v ok %v, logged %q; want NoStake, %q", enabled, st, ok, logged, want)
		}
	}
}
