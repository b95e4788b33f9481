// Package browsertest drives Debian's Chromium (headless, with chromedp)
// for tests of the dashboard: it fails, saying how to install it, when
// Chromium is missing, records every request the pages make so a test can
// check that none leaves loopback, and saves screenshots.
package browsertest

import (
	"context"
	"net"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
)

// Browser is one headless Chromium with one tab.
type Browser struct {
	// Ctx runs actions in the tab (chromedp.Do, chromedp.Run).
	Ctx context.Context

	mu   sync.Mutex
	reqs []string
}

// Path finds Chromium, or fails the test saying how to install it.
func Path(t testing.TB) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	t.Fatal("chromium not found: the dashboard's browser tests need it (apt-get install chromium)")
	return ""
}

// New starts Chromium for the test; it stops when the test ends. Extra
// options (chromedp.IgnoreCertErrors) follow the defaults.
func New(t testing.TB, opts ...chromedp.ExecAllocatorOption) *Browser {
	t.Helper()
	all := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(Path(t)),
		chromedp.NoSandbox, // root in CI containers
		chromedp.DisableGPU,
		chromedp.WindowSize(1200, 900),
		chromedp.UserDataDir(t.TempDir()),
		// Nothing may reach past loopback anyway: no proxy, no DNS
		// prefetch, no component updates.
		chromedp.Flag("no-proxy-server", true),
		chromedp.Flag("dns-prefetch-disable", true),
	)
	all = append(all, opts...)
	actx, acancel := chromedp.NewExecAllocator(context.Background(), all...)
	ctx, cancel := chromedp.NewContext(actx)
	b := &Browser{Ctx: ctx}
	// The first action starts the browser; it must not run under a
	// timeout (the timeout would stop the browser).
	if err := chromedp.Do(ctx); err != nil {
		cancel()
		acancel()
		t.Fatalf("start chromium: %v", err)
	}
	if err := chromedp.Listen(ctx, func(ev any) {
		if e, ok := ev.(*network.EventRequestWillBeSent); ok && e.Request != nil {
			b.mu.Lock()
			b.reqs = append(b.reqs, e.Request.URL)
			b.mu.Unlock()
		}
	}); err != nil {
		t.Fatalf("listen to chromium's requests: %v", err)
	}
	t.Cleanup(func() {
		cancel()
		acancel()
	})
	return b
}

// Do runs actions bounded by d.
func (b *Browser) Do(d time.Duration, actions ...chromedp.Action[chromedp.Void]) error {
	ctx, cancel := context.WithTimeout(b.Ctx, d)
	defer cancel()
	return chromedp.Do(ctx, actions...)
}

// Text is the text of the first element matching sel.
func (b *Browser) Text(t testing.TB, sel string) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(b.Ctx, 20*time.Second)
	defer cancel()
	s, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(sel)))
	if err != nil {
		t.Fatalf("text of %s: %v", sel, err)
	}
	return s
}

// Requests are the URLs the pages asked for so far.
func (b *Browser) Requests() []string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return append([]string(nil), b.reqs...)
}

// CheckLoopback fails the test if any request went anywhere but a
// loopback address (data: URLs load nothing).
func (b *Browser) CheckLoopback(t testing.TB) {
	t.Helper()
	reqs := b.Requests()
	if len(reqs) == 0 {
		t.Fatal("chromium reported no requests at all: the check would pass for nothing")
	}
	for _, r := range reqs {
		if strings.HasPrefix(r, "data:") {
			continue
		}
		u, err := url.Parse(r)
		if err != nil {
			t.Errorf("request to %q: %v", r, err)
			continue
		}
		ip := net.ParseIP(u.Hostname())
		if ip == nil || !ip.IsLoopback() {
			t.Errorf("the page asked for %s: not on loopback", r)
		}
	}
}

// Screenshot saves the tab as dir/name.png for each dir (made if need be).
func (b *Browser) Screenshot(t testing.TB, name string, dirs ...string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(b.Ctx, 30*time.Second)
	defer cancel()
	png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Fatalf("screenshot %s: %v", name, err)
	}
	for _, d := range dirs {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(d, name+".png"), png, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
