package book

import "errors"

// Sentinel errors callers branch on.
var (
	// ErrMalformed: a ticket header or TXT record that does not follow the
	// grammar, or whose fields are out of range.
	ErrMalformed = errors.New("book: malformed")
	// ErrNotTicket: a Postage-Stamp header that is not of kind "ticket".
	ErrNotTicket = errors.New("book: not a ticket stamp")
	// ErrUnsupportedVersion: a well-formed record or header of another version.
	ErrUnsupportedVersion = errors.New("book: unsupported version")
	// ErrWrongRecipient: a ticket for another recipient.
	ErrWrongRecipient = errors.New("book: ticket is for another recipient")
)
