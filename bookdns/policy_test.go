package bookdns_test

import (
	"context"
	"math/big"
	"testing"
	"time"

	"github.com/postage-mail/postage/book"
	"github.com/postage-mail/postage/bookdns"
	"github.com/postage-mail/postage/bookdns/dnstest"
	"github.com/postage-mail/postage/stake"
)

func TestLookupPolicy(t *testing.T) {
	srv := dnstest.Start(t)
	p := book.Policy{ChainID: 9, Contract: stake.Address{3}, MinPerLeaf: big.NewInt(1000), MinDelay: time.Hour}
	bk := book.Record{ChainID: 9, Contract: stake.Address{4}, Book: stake.Hash{5}}
	srv.SetTXT("_postage.example.org.", bk.String(), p.String())
	srv.SetTXT("_postage.plain.example.", bk.String())
	r := &bookdns.Resolver{Server: srv.Addr, Timeout: 2 * time.Second}
	ps, ttl, err := r.LookupPolicy(context.Background(), "Example.ORG")
	if err != nil {
		t.Fatal(err)
	}
	if len(ps) != 1 || ps[0].MinPerLeaf.Cmp(big.NewInt(1000)) != 0 || ps[0].MinDelay != time.Hour || ttl != time.Minute {
		t.Errorf("policies %+v, ttl %v", ps, ttl)
	}
	for _, d := range []string{"plain.example", "none.example"} {
		ps, ttl, err := r.LookupPolicy(context.Background(), d)
		if err != nil || len(ps) != 0 || ttl != bookdns.NegativeTTL {
			t.Errorf("%s: %+v, %v, %v", d, ps, ttl, err)
		}
	}
}
