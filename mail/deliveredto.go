package mail

import (
	"errors"
	"fmt"
	"strings"

	"github.com/emersion/go-message/textproto"
)

// EnvelopeRecipientFields are the fields a local delivery agent adds to
// name the envelope recipient: Postfix's local and virtual add
// X-Original-To and Delivered-To, Dovecot's LDA and LMTP Delivered-To,
// Exim Envelope-To.
var EnvelopeRecipientFields = []string{"Delivered-To", "X-Original-To", "Envelope-To"}

// ErrNoDeliveredTo is wrapped by DeliveredTo's errors: the header does not
// say, in fields the delivery agent added, whom the message was delivered
// to. Callers must then be told the recipient; they never guess.
var ErrNoDeliveredTo = errors.New("no recipient added by the delivery agent")

// DeliveredTo returns the envelope recipient the local delivery agent
// recorded, by this rule: of the fields above the topmost Received field
// (what the last hop added at delivery, after every MTA's trace), the
// topmost Delivered-To, X-Original-To or Envelope-To. A sender can write
// any of these fields, but only below the Received field the receiving
// MTA prepends, so such fields are never read. A header with no Received
// field at all did not come through an MTA: nothing in it is trusted.
func (m *Message) DeliveredTo() (string, error) {
	return deliveredTo(m.Header)
}

func deliveredTo(h textproto.Header) (string, error) {
	sawReceived := false
	for f := h.Fields(); f.Next(); {
		if strings.EqualFold(f.Key(), "Received") {
			sawReceived = true
			break
		}
	}
	if !sawReceived {
		return "", fmt.Errorf("%w: the header has no Received field, so no field in it is known to be the delivery agent's", ErrNoDeliveredTo)
	}
	for f := h.Fields(); f.Next(); {
		key := f.Key()
		if strings.EqualFold(key, "Received") {
			break
		}
		for _, k := range EnvelopeRecipientFields {
			if !strings.EqualFold(key, k) {
				continue
			}
			v := strings.TrimSpace(f.Value())
			v = strings.TrimSpace(strings.TrimSuffix(strings.TrimPrefix(v, "<"), ">"))
			if v == "" || strings.ContainsAny(v, " \t,<>") || !strings.Contains(v, "@") {
				return "", fmt.Errorf("%w: %s %q is not one address", ErrNoDeliveredTo, key, f.Value())
			}
			return v, nil
		}
	}
	return "", fmt.Errorf("%w: none of %s above the topmost Received field", ErrNoDeliveredTo, strings.Join(EnvelopeRecipientFields, ", "))
}
