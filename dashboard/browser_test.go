package dashboard

import (
	"encoding/base64"
	"net"
	"net/http"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"

	"github.com/postage-mail/postage"
	"github.com/postage-mail/postage/internal/browsertest"
)

// serveLoopback serves h on a loopback port until the test ends.
func serveLoopback(t *testing.T, h http.Handler) string {
	t.Helper()
	ln, _, err := Listen("127.0.0.1:0", true, "", "", "")
	if err != nil {
		t.Fatal(err)
	}
	srv := &http.Server{Handler: h}
	go srv.Serve(ln)
	t.Cleanup(func() { srv.Close() })
	return "http://" + ln.Addr().String()
}

// Each page in a real browser, on fake sources: what a person sees, a
// screenshot of each, live updates without a reload, and nothing loaded
// from anywhere but the dashboard. The end-to-end test of `postage
// serve` (cmd/postage) shows the same pages on real state.
func TestBrowserPages(t *testing.T) {
	f := newFixture(t, "")
	f.srv.o.Refresh = time.Second
	base := serveLoopback(t, f.srv)
	b := browsertest.New(t)
	shots := filepath.Join(t.TempDir(), "screenshots") // docs/img's come from cmd/postage's end-to-end tests
	for _, c := range []struct {
		path, name string
		sel        string
		want       []string
	}{
		{"/", "", "#window-hour", []string{"Last hour: 3 verdicts", "pass", "fail"}},
		{"/messages?verdict=fail", "", "table.messages", []string{"bob@example.com", "work=double-spent"}},
		{"/punishments", "", "main", []string{"erin@example.com", "burned", "0.0001 ETH", "9 ETH"}},
		{"/sender", "", "main", []string{"erin@example.com", "0.001 ETH", "Withdraw due"}},
		{"/books", "books", "main", []string{"3 tickets waiting for their coin", "0.05 ETH"}},
	} {
		if err := b.Do(20*time.Second, chromedp.Navigate(base+c.path)); err != nil {
			t.Fatalf("load %s: %v", c.path, err)
		}
		text := b.Text(t, c.sel)
		for _, w := range c.want {
			if !strings.Contains(text, w) {
				t.Errorf("%s: %q not on the page:\n%s", c.path, w, text)
			}
		}
		if c.name != "" {
			b.Screenshot(t, "dashboard-"+c.name, shots)
		}
	}

	// Live: a new verdict shows on the open Overview without a reload.
	if err := b.Do(20*time.Second, chromedp.Navigate(base+"/")); err != nil {
		t.Fatal(err)
	}
	f.ring.Add(time.Now(), "milter", []postage.Verdict{verdict("frank@example.com", postage.Pass, "work", "20")})
	deadline := time.Now().Add(15 * time.Second)
	for !strings.Contains(b.Text(t, "#window-hour h2"), "Last hour: 4 verdicts") {
		if time.Now().After(deadline) {
			t.Fatalf("the open page did not update: %s", b.Text(t, "#window-hour h2"))
		}
		time.Sleep(200 * time.Millisecond)
	}

	// The withdraw button, clicked.
	if err := b.Do(20*time.Second, chromedp.Navigate(base+"/sender"), chromedp.Click(chromedp.CSS("#withdraw-due")),
		chromedp.WaitVisible(chromedp.CSS("p.flash"))); err != nil {
		t.Fatal(err)
	}
	if s := b.Text(t, "main"); !strings.Contains(s, "1 withdrawal started") || !strings.Contains(s, "withdrawing") || f.withdraw != 1 {
		t.Fatalf("after the click (%d withdrawals):\n%s", f.withdraw, s)
	}
	// A POST without the token, from the page itself, is refused.
	status, err := chromedp.Run(b.Ctx, chromedp.Evaluate[float64](`fetch("/sender/withdraw", {method: "POST", body: new URLSearchParams({x: "1"})}).then(r => r.status)`, chromedp.EvalAwaitPromise))
	if err != nil || status != 403 || f.withdraw != 1 {
		t.Fatalf("POST without the token: status %v, %v, %d withdrawals", status, err, f.withdraw)
	}
	b.CheckLoopback(t)
}

// Off loopback the dashboard is served over TLS and asks for the
// password: the browser gets 401 without it and the page with it.
func TestBrowserOffLoopbackAsksForThePassword(t *testing.T) {
	f := newFixture(t, "correct horse")
	dir := t.TempDir()
	ln, u, err := Listen("0.0.0.0:0", false, "correct horse", filepath.Join(dir, "cert.pem"), filepath.Join(dir, "key.pem"))
	if err != nil {
		t.Fatal(err)
	}
	srv := &http.Server{Handler: f.srv}
	go srv.Serve(ln)
	defer srv.Close()
	_, port, _ := net.SplitHostPort(strings.TrimSuffix(strings.TrimPrefix(u, "https://"), "/"))
	url := "https://127.0.0.1:" + port + "/"
	b := browsertest.New(t, chromedp.IgnoreCertErrors)
	// Headless Chromium gives up on the 401 (it has no one to ask for the
	// password): the load fails for want of credentials.
	resp, err := chromedp.RunResponse(b.Ctx, chromedp.Navigate(url))
	if err == nil && resp.Status != 401 || err != nil && !strings.Contains(err.Error(), "AUTH") {
		t.Fatalf("without the password: %v, %v; want 401 or an auth error", resp, err)
	}
	auth := "Basic " + base64.StdEncoding.EncodeToString([]byte(User+":correct horse"))
	if _, err := chromedp.Call(b.Ctx, network.SetExtraHTTPHeaders, network.SetExtraHTTPHeadersParams{Headers: network.Headers{"Authorization": auth}}); err != nil {
		t.Fatal(err)
	}
	resp, err = chromedp.RunResponse(b.Ctx, chromedp.Navigate(url))
	if err != nil {
		t.Fatal(err)
	}
	if resp.Status != 200 || !strings.Contains(b.Text(t, "#window-hour h2"), "Last hour: 3 verdicts") {
		t.Fatalf("with the password: %d, %s", resp.Status, b.Text(t, "main"))
	}
	// Plain HTTP on the TLS port gets nothing.
	if r, err := http.Get("http://127.0.0.1:" + port + "/"); err == nil {
		r.Body.Close()
		if r.StatusCode == 200 {
			t.Fatal("plain HTTP answered 200 off loopback")
		}
	}
}
