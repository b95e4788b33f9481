package dashboard

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/postage-mail/postage"
)

// fixture is a dashboard on fake sources with a few verdicts.
type fixture struct {
	srv      *Server
	ring     *Ring
	now      time.Time
	withdraw int
	dep      Deposit
}

func newFixture(t testing.TB, password string) *fixture {
	t.Helper()
	f := &fixture{now: time.Now().UTC()}
	ring, err := OpenRing(filepath.Join(t.TempDir(), "verdicts.db"), 1000)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ring.Close() })
	f.ring = ring
	ring.Add(f.now.Add(-10*time.Minute), "milter", []postage.Verdict{
		verdict("alice@example.com", postage.Pass, "stake", "pass", "stake.value", "1000000000000000wei", "deposit", "0a0b0c0d0e0f"),
		verdict("bob@example.com", postage.Fail, "work", "double-spent"),
	})
	ring.Add(f.now.Add(-5*time.Minute), "milter", []postage.Verdict{verdict("carol@example.com", postage.Neutral)})
	ring.Add(f.now.Add(-3*time.Hour), "milter", []postage.Verdict{verdict("dave@example.com", postage.TempError, "ticket", "chain-unavailable")})
	f.dep = Deposit{ID: "0x" + strings.Repeat("ab", 32), State: "active", Created: f.now.Add(-time.Minute), Value: "2000000000000000", Locked: "1000000000000000", Due: true,
		Leaves: []Leaf{{Index: 0, Recipient: "alice@example.com"}, {Index: 1, Recipient: "erin@example.com", Burned: true}}}
	srv, err := New(Options{
		Password: password,
		Refresh:  -1,
		Sources: Sources{
			Ring: ring,
			Status: func(context.Context) Status {
				return Status{Chain: true, ChainHead: 1234, RPCHealthy: true, SpentKind: "bolt", SpentHealthy: true, MilterAddr: "inet:127.0.0.1:8891", MilterConns: 2}
			},
			Punishments: func(context.Context) (Punishments, error) {
				return Punishments{Entries: []Punishment{{ID: "p1", Deposit: f.dep.ID, Leaf: 1, State: "burned", Tx: "0x" + strings.Repeat("cd", 32), Bounty: "100000000000000", Recipient: "erin@example.com"}},
					Relay: &Relay{Account: "0x1111111111111111111111111111111111111111", Balance: "9000000000000000000", Queued: 1,
						Recent: []RelayEvent{{Time: f.now, Kind: "refused", State: "bad_request", Note: "malformed"}}}}, nil
			},
			Sender: func(context.Context) (Sender, error) {
				return Sender{Account: "0x2222222222222222222222222222222222222222", CanWithdraw: true, Deposits: []Deposit{f.dep}}, nil
			},
			WithdrawDue: func(context.Context) (string, error) {
				f.withdraw++
				f.dep.State, f.dep.Due, f.dep.UnlockAt = "withdrawing", false, f.now.Add(time.Hour)
				return "withdraw --due: 1 withdrawal started, 0 deposits paid back, 1 waiting", nil
			},
			Books: func(context.Context) (Books, error) {
				return Books{Undecided: 3, Books: []Book{{ID: "0x" + strings.Repeat("ef", 32), State: "open", Leaves: 64, ValuesLeft: 40, Price: "1000000000000000", Pool: "24000000000000000", Reserve: "50000000000000000", PayoutsQueued: 0, Bounty: "1000000000000000"}}}, nil
			},
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	f.srv = srv
	return f
}

func get(t *testing.T, h http.Handler, path string) (int, string) {
	t.Helper()
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest("GET", path, nil))
	return rec.Code, rec.Body.String()
}

func TestPagesShowTheSources(t *testing.T) {
	f := newFixture(t, "")
	for _, c := range []struct {
		path string
		want []string
	}{
		{"/", []string{`Last hour: <span class="total">3</span>`, `Last day: <span class="total">4</span>`, "block 1234", "2 connections open", `<td data-kind="stake">1</td>`}},
		{"/messages", []string{"alice@example.com", "stake=pass", "work=double-spent", "4 matching verdicts"}},
		{"/messages?verdict=fail", []string{"bob@example.com", "1 matching verdict "}},
		{"/messages?rcpt=CAROL", []string{"carol@example.com", "1 matching verdict "}},
		{"/punishments", []string{"erin@example.com", "burned", "0.0001 ETH", "9 ETH", "1 queued", "malformed"}},
		{"/sender", []string{"0.002 ETH", "0.001 ETH", "erin@example.com", "Withdraw due", `name="csrf"`}},
		{"/books", []string{"3 tickets waiting", "40", "0.05 ETH"}},
	} {
		code, body := get(t, f.srv, c.path)
		if code != 200 {
			t.Fatalf("GET %s: %d\n%s", c.path, code, body)
		}
		for _, w := range c.want {
			if !strings.Contains(body, w) {
				t.Errorf("GET %s: no %q in\n%s", c.path, w, body)
			}
		}
	}
	if _, body := get(t, f.srv, "/messages?verdict=fail"); strings.Contains(body, "alice@example.com") {
		t.Error("the fail filter shows a pass")
	}
	if _, body := get(t, f.srv, "/messages?verdict=bogus"); !strings.Contains(body, "unknown verdict") {
		t.Error("a bad filter is not reported")
	}
}

func TestWithdrawNeedsTheCSRFToken(t *testing.T) {
	f := newFixture(t, "")
	post := func(form url.Values) *httptest.ResponseRecorder {
		rec := httptest.NewRecorder()
		req := httptest.NewRequest("POST", "/sender/withdraw", strings.NewReader(form.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		f.srv.ServeHTTP(rec, req)
		return rec
	}
	if rec := post(url.Values{}); rec.Code != http.StatusForbidden || f.withdraw != 0 {
		t.Fatalf("no token: %d, %d withdrawals", rec.Code, f.withdraw)
	}
	if rec := post(url.Values{"csrf": {"0000"}}); rec.Code != http.StatusForbidden || f.withdraw != 0 {
		t.Fatalf("wrong token: %d, %d withdrawals", rec.Code, f.withdraw)
	}
	_, body := get(t, f.srv, "/sender")
	tok := regexp.MustCompile(`name="csrf" value="([0-9a-f]+)"`).FindStringSubmatch(body)
	if tok == nil {
		t.Fatal("no token on the page")
	}
	rec := post(url.Values{"csrf": {tok[1]}})
	if rec.Code != http.StatusSeeOther || f.withdraw != 1 {
		t.Fatalf("with the token: %d, %d withdrawals", rec.Code, f.withdraw)
	}
	_, body = get(t, f.srv, rec.Header().Get("Location"))
	if !strings.Contains(body, "1 withdrawal started") || !strings.Contains(body, "withdrawing") {
		t.Fatalf("after withdraw:\n%s", body)
	}
	// GET does not act.
	if code, _ := get(t, f.srv, "/sender/withdraw"); code == 200 || f.withdraw != 1 {
		t.Fatalf("GET /sender/withdraw: %d", code)
	}
}

func TestBasicAuth(t *testing.T) {
	f := newFixture(t, "correct horse")
	ts := httptest.NewServer(f.srv)
	defer ts.Close()
	for _, c := range []struct {
		user, pw string
		want     int
	}{{"", "", 401}, {"postage", "wrong", 401}, {"admin", "correct horse", 401}, {"postage", "correct horse", 200}} {
		req, _ := http.NewRequest("GET", ts.URL+"/", nil)
		if c.user != "" {
			req.SetBasicAuth(c.user, c.pw)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		if resp.StatusCode != c.want {
			t.Errorf("%s:%s: %d, want %d", c.user, c.pw, resp.StatusCode, c.want)
		}
	}
}

func TestListenOffLoopbackNeedsPasswordAndTLS(t *testing.T) {
	dir := t.TempDir()
	if _, _, err := Listen("0.0.0.0:0", false, "", filepath.Join(dir, "c.pem"), filepath.Join(dir, "k.pem")); err != ErrNoPassword {
		t.Fatalf("off loopback without a password: %v", err)
	}
	ln, u, err := Listen("0.0.0.0:0", false, "correct horse", filepath.Join(dir, "c.pem"), filepath.Join(dir, "k.pem"))
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	if !strings.HasPrefix(u, "https://") {
		t.Fatalf("URL %s: want https", u)
	}
}
