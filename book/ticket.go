package book

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/postage-mail/postage/stake"
)

// Kind is the value of the kind tag that makes a Postage-Stamp header a
// ticket rather than a v=1 stake stamp.
const Kind = "ticket"

// Ticket is a Postage-Stamp header of kind "ticket": it names a ticket the
// sender bought in the recipient's book and carries the nonce its binding
// was made from.
//
//	Postage-Stamp: v=1; kind=ticket; chain=<id>; contract=<0x address>;
//	  book=<0x 32 bytes>; index=<n>; rcpt=<address>; nonce=<base64url>;
//	  buyer=<0x address>
type Ticket struct {
	ChainID   uint64
	Contract  stake.Address // the TicketBook contract
	Book      stake.Hash    // the book id
	Index     uint32        // the ticket's index in the book
	Recipient stake.Recipient
	Nonce     stake.Nonce
	Buyer     stake.Address // who bought it, and is paid if it is revealed
}

// Binding is the binding the buyer committed to for this recipient.
func (t *Ticket) Binding() stake.Hash { return Binding(t.Recipient, t.Nonce) }

// Validate checks what Parse would check.
func (t *Ticket) Validate() error {
	switch {
	case t.ChainID == 0:
		return fmt.Errorf("%w: chain id 0", ErrMalformed)
	case t.Contract.IsZero():
		return fmt.Errorf("%w: zero contract address", ErrMalformed)
	case t.Buyer.IsZero():
		return fmt.Errorf("%w: zero buyer address", ErrMalformed)
	case t.Recipient.IsZero():
		return fmt.Errorf("%w: no recipient", ErrMalformed)
	case t.Index >= MaxValues:
		return fmt.Errorf("%w: index %d (a book has at most %d values)", ErrMalformed, t.Index, MaxValues)
	}
	return nil
}

// Format returns the header value, tags in the order of the grammar.
func (t *Ticket) Format() (string, error) {
	if err := t.Validate(); err != nil {
		return "", err
	}
	var b strings.Builder
	b.WriteString("v=1; kind=ticket; chain=")
	b.WriteString(strconv.FormatUint(t.ChainID, 10))
	b.WriteString("; contract=")
	b.WriteString(t.Contract.String())
	b.WriteString("; book=")
	b.WriteString(t.Book.String())
	b.WriteString("; index=")
	b.WriteString(strconv.FormatUint(uint64(t.Index), 10))
	b.WriteString("; rcpt=")
	b.WriteString(t.Recipient.String())
	b.WriteString("; nonce=")
	b.WriteString(t.Nonce.String())
	b.WriteString("; buyer=")
	b.WriteString(t.Buyer.String())
	return b.String(), nil
}

var ticketTags = []string{"v", "kind", "chain", "contract", "book", "index", "rcpt", "nonce", "buyer"}

// IsTicket reports whether a Postage-Stamp header value is of kind ticket
// (well-formed or not), so a checker routes it here rather than to the
// stake stamp parser.
func IsTicket(value string) bool {
	tags, err := splitTags(value)
	return err == nil && tags["kind"] == Kind
}

// Parse parses a ticket header value. Unknown tags are ignored; a header
// of another kind is ErrNotTicket, another version ErrUnsupportedVersion,
// anything else wrong ErrMalformed.
func Parse(value string) (*Ticket, error) {
	tags, err := splitTags(value)
	if err != nil {
		return nil, err
	}
	if tags["kind"] != Kind {
		return nil, fmt.Errorf("%w: kind %q", ErrNotTicket, clip(tags["kind"]))
	}
	if v, ok := tags["v"]; !ok {
		return nil, fmt.Errorf("%w: missing tag v", ErrMalformed)
	} else if v != "1" {
		return nil, fmt.Errorf("%w: ticket v=%s (this implementation reads v=1)", ErrUnsupportedVersion, clip(v))
	}
	for _, k := range ticketTags {
		if _, ok := tags[k]; !ok {
			return nil, fmt.Errorf("%w: missing tag %s", ErrMalformed, k)
		}
	}
	t := &Ticket{}
	if t.ChainID, err = decimal(tags["chain"], 1<<64-1); err != nil {
		return nil, fmt.Errorf("%w: chain: %v", ErrMalformed, err)
	}
	if t.Contract, err = stake.ParseAddress(tags["contract"]); err != nil {
		return nil, fmt.Errorf("%w: contract: %w", ErrMalformed, err)
	}
	if t.Book, err = stake.ParseHash(tags["book"]); err != nil {
		return nil, fmt.Errorf("%w: book: %w", ErrMalformed, err)
	}
	idx, err := decimal(tags["index"], MaxValues-1)
	if err != nil {
		return nil, fmt.Errorf("%w: index: %v", ErrMalformed, err)
	}
	t.Index = uint32(idx)
	if t.Recipient, err = stake.ParseRecipient(tags["rcpt"]); err != nil {
		return nil, fmt.Errorf("%w: rcpt: %w", ErrMalformed, err)
	}
	if t.Nonce, err = stake.ParseNonce(tags["nonce"]); err != nil {
		return nil, fmt.Errorf("%w: nonce: %w", ErrMalformed, err)
	}
	if t.Buyer, err = stake.ParseAddress(tags["buyer"]); err != nil {
		return nil, fmt.Errorf("%w: buyer: %w", ErrMalformed, err)
	}
	if err := t.Validate(); err != nil {
		return nil, err
	}
	return t, nil
}

// For checks that the ticket is addressed to rcpt and returns its binding.
func (t *Ticket) For(rcpt stake.Recipient) (stake.Hash, error) {
	if rcpt.IsZero() || t.Recipient != rcpt {
		return stake.Hash{}, fmt.Errorf("%w: ticket is for %s, not %s", ErrWrongRecipient, t.Recipient, rcpt)
	}
	return t.Binding(), nil
}

// Found is what Find makes of a message's Postage-Stamp values.
type Found struct {
	// Tickets are the tickets that parse, and Values their header values.
	Tickets []*Ticket
	Values  []string
	// Bad are the values of kind ticket that do not parse, and Errs why.
	Bad  []string
	Errs []error
}

// Find parses the tickets among a message's Postage-Stamp values (those
// IsTicket routes here; stake stamps are package stake's). The checker and
// `postage punish` both look for the ticket bound to their recipient with
// it.
func Find(values []string) Found {
	var f Found
	for _, v := range values {
		if !IsTicket(v) {
			continue
		}
		t, err := Parse(v)
		if err != nil {
			f.Bad, f.Errs = append(f.Bad, v), append(f.Errs, err)
			continue
		}
		f.Tickets, f.Values = append(f.Tickets, t), append(f.Values, v)
	}
	return f
}

// For is the first ticket bound to rcpt and its header value, or nil.
func (f Found) For(rcpt stake.Recipient) (*Ticket, string) {
	for i, t := range f.Tickets {
		if t.Recipient == rcpt {
			return t, f.Values[i]
		}
	}
	return nil, ""
}
