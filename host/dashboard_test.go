package host

import (
	"context"
	"log/slog"
	"os"
	"path/filepath"
	"testing"

	"github.com/postage-mail/postage"
	"github.com/postage-mail/postage/dashboard"
	"github.com/postage-mail/postage/milter"
)

// Without dashboard.listen, verify spools nothing and the milter keeps no
// ring; with it, a spooled verdict reaches the ring.
func TestSpoolVerdictsReachTheRingOnlyWithADashboard(t *testing.T) {
	vs := []postage.Verdict{{Recipient: "bob@b.example", Result: postage.Pass}}
	cfg := loadChainConfig(t, "[dashboard]\nlisten = \"\"\n")
	spool := filepath.Join(cfg.DataDir, dashboard.SpoolFile)
	if err := SpoolVerdicts(cfg, vs); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(spool); !os.IsNotExist(err) {
		t.Errorf("spooled without a dashboard: %v", err)
	}
	if r := OpenVerdictRing(cfg, slog.Default()); r != nil {
		t.Error("a verdict ring without a dashboard")
	}

	cfg = loadChainConfig(t, "[dashboard]\nlisten = \"127.0.0.1:0\"\n")
	spool = filepath.Join(cfg.DataDir, dashboard.SpoolFile)
	if err := SpoolVerdicts(cfg, vs); err != nil {
		t.Fatal(err)
	}
	r := OpenVerdictRing(cfg, slog.Default())
	if r == nil {
		t.Fatal("no verdict ring with dashboard.listen")
	}
	defer r.Close()
	if n, err := r.TakeSpool(spool); err != nil || n != 1 || r.Len() != 1 {
		t.Errorf("took %d verdicts (%v), ring holds %d; want 1", n, err, r.Len())
	}
}

type countObserver struct{ n int }

func (c *countObserver) Observe(milter.Report) { c.n++ }

func TestObserversTellEach(t *testing.T) {
	a, b := &countObserver{}, &countObserver{}
	Observers{a, b}.Observe(milter.Report{})
	if a.n != 1 || b.n != 1 {
		t.Errorf("observed %d and %d times, want 1 and 1", a.n, b.n)
	}
}

// Without a signing account or a live chain cache, the Sender page says
// both, and its button is off.
func TestDashboardSenderWithoutAccountOrChain(t *testing.T) {
	cfg := loadChainConfig(t, "")
	s, err := (&dashSources{cfg: cfg}).sender(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	want := "No signing account in this serve: the button is off; run postage withdraw --due by hand. The chain cache is not live: burn states are as last recorded."
	if s.Note != want || s.CanWithdraw || s.Account != "" || len(s.Deposits) != 0 {
		t.Errorf("got %+v, want note %q and the button off", s, want)
	}
	o := dashboardOptions(cfg, DashboardParts{}, "", slog.Default())
	if o.WithdrawDue != nil || o.Books != nil {
		t.Error("the withdraw button or the books page without a lifecycle or an agent")
	}
}
