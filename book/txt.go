package book

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/postage-mail/postage/stake"
)

// TXTVersion is the v tag of a book record.
const TXTVersion = "postage-book1"

// TXTPrefix is the DNS label under which a domain publishes its book:
// _postage.<domain>.
const TXTPrefix = "_postage."

// Record is what a domain publishes in a TXT record at _postage.<domain>
// so that senders find the book to buy tickets from:
//
//	v=postage-book1; chain=<id>; contract=<0x address>; book=<0x id>
//
// The chain is authoritative for everything else (price, window, whether
// the book still sells): a sender reads the book before buying.
type Record struct {
	ChainID  uint64
	Contract stake.Address
	Book     stake.Hash
}

// Name is the DNS name of a domain's record.
func Name(domain string) string {
	return TXTPrefix + strings.TrimSuffix(strings.ToLower(domain), ".") + "."
}

// String is the TXT record's text.
func (r Record) String() string {
	return "v=" + TXTVersion + "; chain=" + strconv.FormatUint(r.ChainID, 10) +
		"; contract=" + r.Contract.String() + "; book=" + r.Book.String()
}

// ZoneLine is the zone-file line that publishes r for domain.
func (r Record) ZoneLine(domain string) string {
	return fmt.Sprintf("%s 3600 IN TXT %q", Name(domain), r.String())
}

// ParseRecord parses one TXT record's text (its strings joined). A record
// of another version is ErrUnsupportedVersion (a domain may publish the
// next version beside this one); unknown tags are ignored.
func ParseRecord(s string) (Record, error) {
	tags, err := splitTags(s)
	if err != nil {
		return Record{}, err
	}
	if v := tags["v"]; v != TXTVersion {
		return Record{}, fmt.Errorf("%w: record v=%q, want %s", ErrUnsupportedVersion, clip(v), TXTVersion)
	}
	var r Record
	if r.ChainID, err = decimal(tags["chain"], 1<<64-1); err != nil || r.ChainID == 0 {
		return Record{}, fmt.Errorf("%w: chain: %v", ErrMalformed, err)
	}
	if r.Contract, err = stake.ParseAddress(tags["contract"]); err != nil || r.Contract.IsZero() {
		return Record{}, fmt.Errorf("%w: contract %q: %v", ErrMalformed, clip(tags["contract"]), err)
	}
	if r.Book, err = stake.ParseHash(tags["book"]); err != nil {
		return Record{}, fmt.Errorf("%w: book: %w", ErrMalformed, err)
	}
	return r, nil
}

// ParseRecords picks the book records out of a name's TXT records, in
// order, skipping other versions and unrelated records. It fails only if
// none is usable, with the first record's error.
func ParseRecords(txts []string) ([]Record, error) {
	var out []Record
	var first error
	for _, t := range txts {
		r, err := ParseRecord(t)
		if err != nil {
			if first == nil {
				first = err
			}
			continue
		}
		out = append(out, r)
	}
	if len(out) == 0 {
		if first == nil {
			first = fmt.Errorf("%w: no TXT record", ErrMalformed)
		}
		return nil, first
	}
	return out, nil
}
