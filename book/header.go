package book

import (
	"fmt"
	"strings"
)

// AdvertHeader is the header in which a host names its domain's book in
// the mail its users send, so that correspondents learn it without DNS
// (postage book learn).
const AdvertHeader = "Postage-Book"

// Advert is a Postage-Book header's value: the TXT record's text with one
// more tag, domain=, naming the mail domain whose book it is. A reader
// must check that domain against the message's From: a header alone
// proves nothing about who sent it, only what the sender claims.
//
//	v=postage-book1; chain=<id>; contract=<0x address>; book=<0x id>; domain=<domain>
type Advert struct {
	Domain string
	Record
}

// String is the header's value.
func (a Advert) String() string {
	return a.Record.String() + "; domain=" + a.Domain
}

// ParseAdvert parses a Postage-Book header's value (folded lines allowed).
// The record part is checked as ParseRecord checks a TXT record; the
// domain must be a plausible mail domain, returned lower case without a
// trailing dot.
func ParseAdvert(s string) (Advert, error) {
	r, err := ParseRecord(s)
	if err != nil {
		return Advert{}, err
	}
	tags, err := splitTags(s) // cannot fail: ParseRecord parsed it
	if err != nil {
		return Advert{}, err
	}
	d, err := CanonicalDomain(tags["domain"])
	if err != nil {
		return Advert{}, err
	}
	return Advert{Domain: d, Record: r}, nil
}

// CanonicalDomain is a mail domain in lower case without a trailing dot;
// anything that cannot be one (empty, no dot, spaces, '@', ';', a label
// empty or longer than 63, more than 253 octets) is ErrMalformed.
func CanonicalDomain(s string) (string, error) {
	d := strings.TrimSuffix(strings.ToLower(s), ".")
	bad := d == "" || len(d) > 253 || !strings.Contains(d, ".")
	for _, label := range strings.Split(d, ".") {
		if label == "" || len(label) > 63 {
			bad = true
		}
	}
	for i := 0; i < len(d) && !bad; i++ {
		c := d[i]
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '.' || c >= 0x80) {
			bad = true
		}
	}
	if bad {
		return "", fmt.Errorf("%w: domain %q is not a mail domain", ErrMalformed, clip(s))
	}
	return d, nil
}
