package main

import (
	"context"
	"fmt"
	"math/big"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/postage-mail/postage/dashboard"
	"github.com/postage-mail/postage/hashcash"
	"github.com/postage-mail/postage/internal/browsertest"
	"github.com/postage-mail/postage/send"
)

// TestDashboardBrowser runs `postage serve` on its embedded chain, makes
// a deposit (sendmail through serve's batcher), sends messages through
// the milter (pass, fail, neutral), burns one leaf through the punishment
// queue, then reads every page of the dashboard in headless Chromium as a
// person would: the counts, the message rows with their reasons, the
// burned leaf named by its recipient, the deposit's capital; it clicks
// "Withdraw due" and sees the deposit start withdrawing. No request leaves
// loopback. Screenshots go to the test's temp dir (and to
// $POSTAGE_DASHBOARD_SHOTS, for docs/img).
func TestDashboardBrowser(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 4*time.Minute)
	defer cancel()
	b := browsertest.New(t) // fails at once, saying how to install it, without Chromium
	h := newServeHome(t, t.TempDir(), false)
	dashAddr := loopback(freePort(t))
	h.writeConfig(t, h.sendmail(), `hold = "2s"
lifecycle_tick = "1h"
batch_wait = "1s"
`, "", fmt.Sprintf(`[punish]
delay = "1s"
[dashboard]
listen = %q
`, dashAddr))
	serve := startDaemon(t, h.home, "serve")
	serve.waitLog(`msg=dashboard url=http://`+regexp.QuoteMeta(dashAddr)+`/`, 2*time.Minute)
	serve.waitLog(`batching sendmail's deposits`, time.Minute)

	// A deposit for alice and dave.
	r := h.run(ctx, "From: sender@example.net\nTo: alice@example.com, dave@example.com\nSubject: hello\nMessage-ID: <d1@example.net>\n\nhello\n",
		"sendmail", "-t", "-f", "sender@example.net")
	if r.code != 0 || !depositLine.MatchString(r.stderr) {
		t.Fatalf("sendmail exit %d:\n%s", r.code, r.stderr)
	}
	// Through the milter: two stake passes, a work pass and its double
	// spend (fail), and a message with no postage (neutral).
	want := func(v, prefix string) {
		t.Helper()
		if !strings.HasPrefix(v, prefix) {
			t.Fatalf("milter verdict %q, want %q…", v, prefix)
		}
	}
	for _, who := range []string{"alice", "dave"} {
		rcpt := who + "@example.com"
		v, _ := milterVerdict(t, h.milterAddr, emlMessage(t, filepath.Join(h.out, rcpt+".eml"), rcpt))
		want(v, "pass rcpt="+rcpt)
	}
	m1, stamp := workMessage(t, "bob@example.com", "", "first note")
	v, _ := milterVerdict(t, h.milterAddr, m1)
	want(v, "pass rcpt=bob@example.com work=8")
	m2, _ := workMessage(t, "bob@example.com", stamp, "second note")
	v, _ = milterVerdict(t, h.milterAddr, m2)
	want(v, "fail rcpt=bob@example.com work=double-spent")
	m3, _ := workMessage(t, "carol@example.com", "", "no postage")
	m3.Header = m3.Header[:len(m3.Header)-1] // no X-Hashcash
	v, _ = milterVerdict(t, h.milterAddr, m3)
	want(v, "neutral rcpt=carol@example.com")
	// postage verify (a procmail filter beside serve) leaves its verdict
	// for the dashboard too.
	eve, err := hashcash.Mint(ctx, "eve@example.com", 8, nil)
	if err != nil {
		t.Fatal(err)
	}
	vr := h.run(ctx, "From: bob@example.net\nTo: eve@example.com\nSubject: verified\nMessage-ID: <v1@example.net>\nX-Hashcash: "+eve.String()+"\n\nhi\n", "verify", "--rcpt", "eve@example.com")
	if !strings.Contains(vr.stderr, "pass rcpt=eve@example.com work=8") {
		t.Fatalf("verify exit %d:\n%s", vr.code, vr.stderr)
	}

	// dave punishes: the burn waits punish.delay in the local queue, then
	// serve sends it.
	dave, err := os.ReadFile(filepath.Join(h.out, "dave@example.com.eml"))
	if err != nil {
		t.Fatal(err)
	}
	if r := h.run(ctx, string(dave), "punish", "--rcpt", "dave@example.com"); r.code != 0 {
		t.Fatalf("punish exit %d:\n%s%s", r.code, r.stdout, r.stderr)
	}
	recs, err := (&send.Store{Dir: filepath.Join(h.home, "deposits")}).List()
	if err != nil || len(recs) != 1 {
		t.Fatalf("%d deposit records, %v", len(recs), err)
	}
	rec := recs[0]
	share := rec.Share()
	value, _ := new(big.Int).SetString(rec.Value, 10)
	locked := new(big.Int).Sub(value, share)

	base := "http://" + dashAddr
	shots := []string{filepath.Join(t.TempDir(), "screenshots")}
	if d := os.Getenv("POSTAGE_DASHBOARD_SHOTS"); d != "" {
		shots = append(shots, d)
	}
	load := func(path string) {
		t.Helper()
		if err := b.Do(30*time.Second, chromedp.Navigate(base+path)); err != nil {
			t.Fatalf("load %s: %v", path, err)
		}
	}
	// loadUntil reloads path until sel's text holds every one of want.
	loadUntil := func(path, sel string, within time.Duration, want ...string) string {
		t.Helper()
		deadline := time.Now().Add(within)
		for {
			load(path)
			text := b.Text(t, sel)
			missing := ""
			for _, w := range want {
				if !strings.Contains(text, w) {
					missing = w
					break
				}
			}
			if missing == "" {
				return text
			}
			if time.Now().After(deadline) {
				t.Fatalf("%s: no %q after %v:\n%s\nserve:\n%s", path, missing, within, text, serve.out.String())
			}
			time.Sleep(500 * time.Millisecond)
		}
	}
	count := func(win, result, kind string) string {
		t.Helper()
		return b.Text(t, fmt.Sprintf("#window-%s tr.r-%s td[data-kind=%q]", win, result, kind))
	}

	// Overview: six verdicts in the last hour, by result and kind.
	loadUntil("/", "#window-hour h2", 15*time.Second, "Last hour: 6 verdicts")
	for _, c := range [][4]string{{"hour", "pass", "all", "4"}, {"hour", "pass", "stake", "2"}, {"hour", "fail", "work", "1"},
		{"hour", "neutral", "none", "1"}, {"hour", "temperror", "all", "0"}, {"week", "pass", "all", "4"}} {
		if got := count(c[0], c[1], c[2]); got != c[3] {
			t.Errorf("overview, last %s, %s by %s: %s, want %s", c[0], c[1], c[2], got, c[3])
		}
	}
	if s := b.Text(t, "#chain-head"); !regexp.MustCompile(`^block \d+$`).MatchString(s) {
		t.Errorf("chain head: %q", s)
	}
	if s := b.Text(t, "#rpc"); !strings.HasPrefix(s, "healthy") {
		t.Errorf("RPC: %q", s)
	}
	if s := b.Text(t, "#spent"); s != "bolt, healthy" {
		t.Errorf("spent store: %q", s)
	}
	b.Screenshot(t, "dashboard-overview", shots...)

	// Messages: rows with their reasons; filtered by verdict with the
	// form, searched by recipient.
	load("/messages")
	rows := b.Text(t, "table.messages tbody")
	for _, w := range []string{"alice@example.com", "stake=pass", "bob@example.com", "work=double-spent", "carol@example.com", "neutral", "eve@example.com", "verify"} {
		if !strings.Contains(rows, w) {
			t.Errorf("messages: no %q in\n%s", w, rows)
		}
	}
	if strings.Contains(rows, "Postage-Stamp") || strings.Contains(rows, "hello") {
		t.Errorf("messages show a stamp or a body:\n%s", rows)
	}
	b.Screenshot(t, "dashboard-messages", shots...)
	if err := b.Do(30*time.Second, chromedp.SetValue(chromedp.CSS(`select[name="verdict"]`), "fail"), chromedp.Click(chromedp.CSS("form.filter button")),
		chromedp.WaitVisible(chromedp.CSS("#shown"))); err != nil {
		t.Fatal(err)
	}
	time.Sleep(300 * time.Millisecond)
	if s := b.Text(t, "table.messages tbody"); !strings.Contains(s, "work=double-spent") || strings.Contains(s, "alice@") || strings.Contains(s, "carol@") {
		t.Errorf("filtered by fail:\n%s", s)
	}
	load("/messages?rcpt=CAROL")
	if s := b.Text(t, "#shown"); !strings.HasPrefix(s, "1 matching verdict ") {
		t.Errorf("search carol: %q", s)
	}

	// Punishments: dave's leaf, burned, with its transaction and bounty.
	text := loadUntil("/punishments", "table.punishments", time.Minute, "dave@example.com", "burned", "0x")
	if !strings.Contains(text, dashboard.ETH(rec.BountyPerLeaf)) {
		t.Errorf("punishments: no bounty %s in\n%s", dashboard.ETH(rec.BountyPerLeaf), text)
	}
	if s := b.Text(t, "#relay-queue"); s != "0 queued, 0 in flight" {
		t.Errorf("relay queue: %q", s)
	}
	b.Screenshot(t, "dashboard-punishments", shots...)

	// Sender: the deposit's capital, dave's leaf burned, alice's not.
	sel := "#d-" + rec.ID.Hex()
	loadUntil("/sender", sel+" table.leaves tbody", 30*time.Second, "dave@example.com\tburned", "alice@example.com\tno")
	text = b.Text(t, sel)
	for _, w := range []string{dashboard.ETH(value.String()), "active", "due"} {
		if !strings.Contains(text, w) {
			t.Errorf("sender: no %q in\n%s", w, text)
		}
	}
	if s := b.Text(t, sel+" .locked"); s != dashboard.ETH(locked.String()) {
		t.Errorf("capital locked %q, want %s (value less dave's share)", s, dashboard.ETH(locked.String()))
	}
	b.Screenshot(t, "dashboard-sender", shots...)
	if err := b.Do(time.Minute, chromedp.Click(chromedp.CSS("#withdraw-due")), chromedp.WaitVisible(chromedp.CSS("p.flash"))); err != nil {
		t.Fatal(err)
	}
	if s := b.Text(t, "p.flash"); !strings.Contains(s, "1 withdrawal started") {
		t.Fatalf("after withdraw due: %q\nserve:\n%s", s, serve.out.String())
	}
	loadUntil("/sender", sel+" h2", 30*time.Second, "withdrawing")
	if s := b.Text(t, sel+" .unlock"); s == "" {
		t.Error("no unlock time once withdrawing")
	}
	b.CheckLoopback(t)
	if code := serve.stop(); code != 0 {
		t.Fatalf("serve exit %d:\n%s", code, serve.out.String())
	}
	// The ring kept the verdicts on disk.
	ring, err := dashboard.OpenRing(filepath.Join(h.home, "verdicts.db"), 10)
	if err != nil {
		t.Fatal(err)
	}
	defer ring.Close()
	if ring.Len() != 6 {
		t.Fatalf("the ring holds %d verdicts after serve stopped, want 6", ring.Len())
	}
}
