package main

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/postage-mail/postage/book"
	"github.com/postage-mail/postage/internal/browsertest"
)

// TestDashboardBrowserBooks: `postage serve` with book.enabled on a real
// chain, tickets through its milter, and the Ticket books page in
// headless Chromium: the book, its values left after the sales, the queue
// of undecided tickets, which empties once serve's agent has decided them
// (revealing the matches).
func TestDashboardBrowserBooks(t *testing.T) {
	if testing.Short() {
		t.Skip("end to end: runs a chain and serve (not in -short)")
	}
	b := browsertest.New(t)
	e := newBookE2E(t)
	e.ok(e.home, nil, "book", "deploy")
	for start := time.Now(); ; time.Sleep(200 * time.Millisecond) {
		if n, err := e.chain.Client().BlockNumber(t.Context()); err == nil && n >= 12 {
			break
		}
		if time.Since(start) > time.Minute {
			t.Fatal("the chain makes no blocks")
		}
	}
	e.ok(e.home, nil, "book", "new")
	pub, _ := e.ok(e.home, nil, "book", "publish")
	var txt string
	if _, err := fmt.Sscanf(pub, "_postage.example.org. 3600 IN TXT %q", &txt); err != nil {
		t.Fatalf("publish printed %q: %v", pub, err)
	}
	rec, err := book.ParseRecord(txt)
	if err != nil {
		t.Fatal(err)
	}
	e.dns.SetTXT("_postage.example.org", "v=spf1 -all", txt)
	appendFile(t, filepath.Join(e.sender, "postage.toml"), fmt.Sprintf("ticket_contracts = [\"%d:%s\"]\n", rec.ChainID, rec.Contract))
	milterAddr, dashAddr := loopback(freePort(t)), loopback(freePort(t))
	appendFile(t, filepath.Join(e.home, "postage.toml"), fmt.Sprintf("\n[milter]\nlisten = \"inet:%s\"\n[metrics]\nlisten = \"\"\n[relay]\nlisten = %q\n[dashboard]\nlisten = %q\n",
		milterAddr, loopback(freePort(t)), dashAddr))
	serve := startDaemon(t, e.home, "serve")
	serve.waitLog(`msg=dashboard url=http://`+regexp.QuoteMeta(dashAddr)+`/`, 2*time.Minute)

	var to []string
	for i := range 8 {
		to = append(to, fmt.Sprintf("user%d@example.org", i))
	}
	_, errs := e.ok(e.sender, []byte("From: sender@example.net\r\nTo: "+strings.Join(to, ", ")+"\r\nSubject: tickets\r\n\r\nHello.\r\n"), "sendmail", "-t", "-f", "sender@example.net")
	if !strings.Contains(errs, "8 ticket(s) in book") {
		t.Fatalf("sendmail: %s", errs)
	}
	for _, r := range to {
		m := emlMessage(t, filepath.Join(e.out, r+".eml"), r)
		for start := time.Now(); ; time.Sleep(500 * time.Millisecond) {
			v, _ := milterVerdict(t, milterAddr, m)
			if strings.Contains(v, "ticket=pass") {
				break
			}
			// Until serve's agent has connected the ticket is temperror.
			if !strings.Contains(v, "ticket=chain-unavailable") || time.Since(start) > time.Minute {
				t.Fatalf("milter verdict for %s: %q\n%s", r, v, serve.out.String())
			}
		}
	}
	base := "http://" + dashAddr
	text := func(path, sel string) string {
		t.Helper()
		if err := b.Do(30*time.Second, chromedp.Navigate(base+path)); err != nil {
			t.Fatalf("load %s: %v", path, err)
		}
		return b.Text(t, sel)
	}
	// The book: 64 values, 8 sold.
	if s := text("/books", "table.books tbody"); !strings.Contains(s, rec.Book.String()[:10]) || !strings.Contains(s, "open\t64\t56") {
		t.Errorf("books table:\n%s", s)
	}
	// The ticket verdicts are on the Messages page as given.
	if s := text("/messages?rcpt=example.org", "table.messages tbody"); strings.Count(s, "ticket=pass") != 8 {
		t.Errorf("messages:\n%s", s)
	}
	// serve's agent decides every ticket after book.decision_delay (4s):
	// misses erased, matches revealed. The queue empties.
	for start := time.Now(); ; time.Sleep(time.Second) {
		s := text("/books", "#undecided")
		if s == "0 tickets waiting for their coin" {
			break
		}
		if time.Since(start) > time.Minute {
			t.Fatalf("queue after a minute: %q\n%s", s, serve.out.String())
		}
	}
	shots := []string{filepath.Join(t.TempDir(), "screenshots")}
	if d := os.Getenv("POSTAGE_DASHBOARD_SHOTS"); d != "" {
		shots = append(shots, d)
	}
	b.Screenshot(t, "dashboard-books", shots...)
	b.CheckLoopback(t)
	if code := serve.stop(); code != 0 {
		t.Fatalf("serve exit %d", code)
	}
}

func appendFile(t *testing.T, path, s string) {
	t.Helper()
	f, err := os.OpenFile(path, os.O_APPEND|os.O_WRONLY, 0o600)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := f.WriteString(s); err != nil {
		t.Fatal(err)
	}
}
