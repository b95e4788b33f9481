package bookdns_test

import (
	"context"
	"errors"
	"net"
	"strings"
	"testing"
	"time"

	"github.com/postage-mail/postage/book"
	"github.com/postage-mail/postage/bookdns"
	"github.com/postage-mail/postage/bookdns/dnstest"
	"github.com/postage-mail/postage/stake"
)

func TestLookup(t *testing.T) {
	srv := dnstest.Start(t)
	rec := book.Record{ChainID: 1337, Contract: stake.Address{0xaa}, Book: stake.Hash{0xbb}}
	srv.SetTXT("_postage.example.org", "v=spf1 -all", rec.String())
	srv.SetTXT("_postage.other.org", "v=spf1 -all")
	long := rec.String() + "; note=" + strings.Repeat("x", 300) // two strings in one TXT record
	srv.SetTXT("_postage.long.org", long)
	r := &bookdns.Resolver{Server: srv.Addr}
	ctx := context.Background()

	got, err := r.Lookup(ctx, "Example.ORG")
	if err != nil || len(got) != 1 || got[0] != rec {
		t.Fatalf("example.org: %+v, %v", got, err)
	}
	if got, err := r.Lookup(ctx, "long.org"); err != nil || got[0] != rec {
		t.Fatalf("a record of several strings: %+v, %v", got, err)
	}
	if _, err := r.Lookup(ctx, "other.org"); !errors.Is(err, bookdns.ErrNoBook) {
		t.Fatalf("no book record: %v", err)
	}
	if _, err := r.Lookup(ctx, "nowhere.org"); !errors.Is(err, bookdns.ErrNoBook) {
		t.Fatalf("NXDOMAIN: %v", err)
	}
	if srv.Queries() < 4 {
		t.Fatalf("the server answered %d queries", srv.Queries())
	}
	// A server that does not answer is an error, not "no book".
	pc, err := net.ListenPacket("udp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer pc.Close()
	dead := &bookdns.Resolver{Server: pc.LocalAddr().String(), Timeout: 300 * time.Millisecond}
	if _, err := dead.Lookup(ctx, "example.org"); err == nil || errors.Is(err, bookdns.ErrNoBook) {
		t.Fatalf("silent server: %v", err)
	}
}
