package postage

import (
	"context"
	"errors"
	"math/big"
	"testing"

	"github.com/postage-mail/postage/book"
	"github.com/postage-mail/postage/stake"
)

// fakeTickets answers by the ticket's index: 1 good, 2 reused, 3 error.
type fakeTickets struct{ calls []string }

func (f *fakeTickets) VerifyTicket(_ context.Context, h, _ string, rcpt stake.Recipient) (TicketVerdict, error) {
	f.calls = append(f.calls, h)
	t, err := book.Parse(h)
	if err != nil {
		return TicketVerdict{Reason: "malformed"}, nil
	}
	switch t.Index {
	case 1:
		return TicketVerdict{Valid: true, Reason: "pass", Value: big.NewInt(5), Book: t.Book}, nil
	case 2:
		return TicketVerdict{Reason: "reused", Book: t.Book}, nil
	}
	return TicketVerdict{}, errors.New("chain down")
}

func ticketHeader(t *testing.T, rcpt string, index uint32) string {
	t.Helper()
	r, err := stake.ParseRecipient(rcpt)
	if err != nil {
		t.Fatal(err)
	}
	tk := &book.Ticket{ChainID: 1, Contract: stake.Address{1}, Book: stake.Hash{0xab, 0xcd}, Index: index, Recipient: r, Buyer: stake.Address{2}}
	v, err := tk.Format()
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// Tickets go to the ticket verifier, never to the stake stamp parser (which
// would call them malformed); a good ticket passes as stake.
func TestCheckTickets(t *testing.T) {
	f := &fakeTickets{}
	c := &Checker{Policy: DefaultPolicy(), Tickets: f}
	ctx := context.Background()
	for _, tc := range []struct {
		name    string
		headers []string
		want    Result
		reason  string
	}{
		{"good", []string{ticketHeader(t, "a@example.com", 1)}, Pass, "pass"},
		{"reused", []string{ticketHeader(t, "a@example.com", 2)}, Fail, "reused"},
		{"temperror", []string{ticketHeader(t, "a@example.com", 3)}, TempError, "chain-unavailable"},
		{"other recipient", []string{ticketHeader(t, "b@example.com", 1)}, Neutral, "not-for-recipient"},
		{"mine among others", []string{ticketHeader(t, "b@example.com", 2), ticketHeader(t, "a@example.com", 1)}, Pass, "pass"},
		{"malformed", []string{"v=1; kind=ticket; chain=x"}, Fail, "malformed"},
	} {
		v := c.Check(ctx, Stamps{Stake: tc.headers}, "a@example.com")
		got, _ := v.Reason("ticket")
		if v.Result != tc.want || got != tc.reason {
			t.Errorf("%s: %s, want %s with ticket=%s", tc.name, v, tc.want, tc.reason)
		}
		if _, ok := v.Reason("stake"); ok {
			t.Errorf("%s: a ticket reached the stake stamp checker: %s", tc.name, v)
		}
	}
	if v := c.Check(ctx, Stamps{Stake: []string{ticketHeader(t, "a@example.com", 1)}}, "a@example.com"); v.String() != "pass rcpt=a@example.com ticket=pass ticket.value=5wei book=abcd00000000" {
		t.Fatalf("verdict %q", v.String())
	}
	// Without an agent a ticket is not checked: neutral, and said so.
	c.Tickets = nil
	v := c.Check(ctx, Stamps{Stake: []string{ticketHeader(t, "a@example.com", 1)}}, "a@example.com")
	if r, _ := v.Reason("ticket"); v.Result != Neutral || r != "no-agent" {
		t.Fatalf("no agent: %s", v)
	}
	// Work still counts beside a bad ticket.
	c.Tickets = f
	if v := c.Check(ctx, Stamps{Stake: []string{ticketHeader(t, "a@example.com", 2)}}, "a@example.com"); v.Result != Fail {
		t.Fatalf("bad ticket alone: %s", v)
	}
}
