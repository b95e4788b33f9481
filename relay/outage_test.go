package relay

import (
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"path/filepath"
	"sync/atomic"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/ethclient"
)

// While the relay cannot reach its chain it answers 503 with Retry-After
// and keeps the request's work stamp unspent, so the same request succeeds
// later; a full queue is answered the same way.
func TestChainOutage(t *testing.T) {
	c := getChain(t)
	// The relay reaches the node through a proxy that can be switched off.
	target, _ := url.Parse(c.node.Endpoint())
	var down atomic.Bool
	proxy := httputil.NewSingleHostReverseProxy(target)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		if down.Load() {
			http.Error(w, "node away", http.StatusBadGateway)
			return
		}
		proxy.ServeHTTP(w, req)
	}))
	defer srv.Close()
	ec, err := ethclient.Dial(srv.URL)
	if err != nil {
		t.Fatal(err)
	}
	defer ec.Close()
	_, relayOpts := c.account(t)
	o := testOptions("outage.test")
	o.MaxQueued = 1
	r, err := Open(ctxFor(t, time.Minute), filepath.Join(t.TempDir(), "relay.db"), Chain{Backend: ec, Contract: c.contract, Signer: relayOpts}, o)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	cl := serveHTTP(t, r)
	d := c.deposit(t, milliEth(10), milliEth(1), "a@example.com", "b@example.com")
	b := c.burn(t, d, 0)
	work, err := Mint(ctxFor(t, time.Minute), b, "outage.test", 8)
	if err != nil {
		t.Fatal(err)
	}

	down.Store(true)
	_, err = cl.Submit(ctxFor(t, time.Minute), b, work)
	wantAPIError(t, "chain down", err, 503, CodeChainUnavailable)
	if ae, ok := err.(*APIError); ok && (ae.RetryAfter == 0 || !ae.Temporary()) {
		t.Errorf("chain down: Retry-After %v, temporary %v", ae.RetryAfter, ae.Temporary())
	}
	if h, err := cl.Health(ctxFor(t, time.Minute)); err != nil || h.Status != "degraded" || len(h.Problems) == 0 {
		t.Errorf("health while the chain is down: %+v, %v", h, err)
	}

	down.Store(false)
	res, err := cl.Submit(ctxFor(t, time.Minute), b, work)
	if err != nil || res.Status != StateQueued {
		t.Fatalf("same request and stamp once the chain is back: %+v, %v", res, err)
	}
	_, err = submit(t, cl, r, c.burn(t, d, 1))
	wantAPIError(t, "second request into a queue of one", err, 503, CodeQueueFull)
}
