// Package bookdns finds a mail domain's ticket book (the deniable stake
// mode, docs/deniable.md) in DNS: the TXT record at _postage.<domain>,
// parsed by package book. It uses Go's own resolver, either the system's
// configuration or one DNS server given as host:port.
package bookdns

import (
	"context"
	"errors"
	"fmt"
	"net"
	"time"

	"github.com/postage-mail/postage/book"
)

// ErrNoBook means the domain publishes no usable book record (no TXT
// record at the name, or none of this version): send with a deposit.
var ErrNoBook = errors.New("no ticket book published")

// Resolver looks up book records.
type Resolver struct {
	// Server is the DNS server, host:port; empty for the system's.
	Server string
	// Timeout bounds one lookup (default 5s).
	Timeout time.Duration
}

func (r *Resolver) resolver() *net.Resolver {
	if r.Server == "" {
		return net.DefaultResolver
	}
	server := r.Server
	return &net.Resolver{
		PreferGo: true,
		Dial: func(ctx context.Context, network, _ string) (net.Conn, error) {
			var d net.Dialer
			return d.DialContext(ctx, network, server)
		},
	}
}

// Lookup returns the book records domain publishes, in DNS order. A domain
// without one is ErrNoBook; a DNS failure is another error (try again).
func (r *Resolver) Lookup(ctx context.Context, domain string) ([]book.Record, error) {
	timeout := r.Timeout
	if timeout <= 0 {
		timeout = 5 * time.Second
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	name := book.Name(domain)
	txts, err := r.resolver().LookupTXT(ctx, name)
	if err != nil {
		var de *net.DNSError
		if errors.As(err, &de) && de.IsNotFound {
			return nil, fmt.Errorf("%s: %w", name, ErrNoBook)
		}
		return nil, fmt.Errorf("look up %s: %w", name, err)
	}
	recs, err := book.ParseRecords(txts)
	if err != nil {
		return nil, fmt.Errorf("%s: %w (%v)", name, ErrNoBook, err)
	}
	return recs, nil
}
