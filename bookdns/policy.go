package bookdns

import (
	"context"
	"fmt"
	"net"
	"strings"
	"time"

	"github.com/miekg/dns"

	"github.com/postage-mail/postage/book"
)

// NegativeTTL is how long "no policy" is cached when the answer names no
// SOA minimum.
const NegativeTTL = 5 * time.Minute

// LookupPolicy returns the stake policies domain publishes at
// _postage.<domain> (book.ParsePolicy) and how long the answer may be kept:
// the smallest TTL of the TXT records, or for a domain without any, the
// negative-caching TTL of its SOA (NegativeTTL without one). A domain that
// publishes none is not an error.
func (r *Resolver) LookupPolicy(ctx context.Context, domain string) ([]book.Policy, time.Duration, error) {
	timeout := r.Timeout
	if timeout <= 0 {
		timeout = 5 * time.Second
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	server := r.Server
	if server == "" {
		conf, err := dns.ClientConfigFromFile("/etc/resolv.conf")
		if err != nil || len(conf.Servers) == 0 {
			return nil, 0, fmt.Errorf("no DNS server: set send.resolver (%v)", err)
		}
		server = net.JoinHostPort(conf.Servers[0], conf.Port)
	}
	name := book.Name(domain)
	q := new(dns.Msg)
	q.SetQuestion(name, dns.TypeTXT)
	q.RecursionDesired = true
	c := &dns.Client{Net: "udp"}
	resp, _, err := c.ExchangeContext(ctx, q, server)
	if err == nil && resp.Truncated {
		c.Net = "tcp"
		resp, _, err = c.ExchangeContext(ctx, q, server)
	}
	if err != nil {
		return nil, 0, fmt.Errorf("look up %s: %w", name, err)
	}
	switch resp.Rcode {
	case dns.RcodeSuccess, dns.RcodeNameError:
	default:
		return nil, 0, fmt.Errorf("look up %s: %s", name, dns.RcodeToString[resp.Rcode])
	}
	var txts []string
	ttl := time.Duration(-1)
	for _, rr := range resp.Answer {
		t, ok := rr.(*dns.TXT)
		if !ok || !strings.EqualFold(t.Hdr.Name, name) {
			continue
		}
		txts = append(txts, strings.Join(t.Txt, ""))
		if d := time.Duration(t.Hdr.Ttl) * time.Second; ttl < 0 || d < ttl {
			ttl = d
		}
	}
	ps := book.ParsePolicies(txts)
	if len(ps) == 0 {
		ttl = NegativeTTL
		for _, rr := range resp.Ns {
			if soa, ok := rr.(*dns.SOA); ok {
				ttl = time.Duration(min(soa.Minttl, soa.Hdr.Ttl)) * time.Second
			}
		}
	}
	return ps, ttl, nil
}
