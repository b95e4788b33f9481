package host

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/postage-mail/postage"
	"github.com/postage-mail/postage/config"
	"github.com/postage-mail/postage/internal/spentsock"
	"github.com/postage-mail/postage/store/bolt"
)

func spentConfig(t *testing.T) *config.Config {
	t.Helper()
	t.Setenv("POSTAGE_HOME", filepath.Join(t.TempDir(), "home"))
	cfg, err := config.Load("")
	if err != nil {
		t.Fatal(err)
	}
	return cfg
}

func TestOpenSpent(t *testing.T) {
	cfg := spentConfig(t)
	st, err := OpenSpent(cfg, 0)
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := st.(*bolt.Store); !ok {
		t.Errorf("store.kind bolt: a %T", st)
	}
	st.Close()
	if got := SpentPath(cfg); got != filepath.Join(cfg.DataDir, "spent.db") || !filepath.IsAbs(got) {
		t.Errorf("SpentPath = %s", got)
	}
	cfg.Store.Kind = "sqlite"
	if _, err := OpenSpent(cfg, 0); err == nil || !strings.Contains(err.Error(), `store.kind "sqlite": want bolt or redis`) {
		t.Errorf("unknown kind: %v", err)
	}
}

// A command beside the milter spends through the milter's socket when it
// serves the file, else opens the file, and gives up on a locked file
// within VerifyLockWait.
func TestOpenSpentShared(t *testing.T) {
	ctx := context.Background()
	cfg := spentConfig(t)
	exp := time.Now().Add(time.Hour)

	st, err := OpenSpentShared(ctx, cfg, "")
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := st.(*bolt.Store); !ok {
		t.Fatalf("no milter: a %T, want the file", st)
	}
	if err := st.Spend(ctx, "k1", "m1", exp); err != nil {
		t.Fatal(err)
	}
	st.Close()

	// The milter holds the file and serves it.
	served, err := OpenSpent(cfg, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer served.Close()
	start := time.Now()
	other, err := OpenSpentShared(ctx, cfg, filepath.Join(t.TempDir(), "other.db"))
	if err != nil {
		t.Fatalf("another file than the locked one: %v", err)
	}
	other.Close()
	_, err = OpenSpentShared(ctx, cfg, "")
	if err == nil || !strings.Contains(err.Error(), "no postage serve or milter answers on "+SpentSocket(cfg)) {
		t.Fatalf("locked file, no socket: %v", err)
	}
	if d := time.Since(start); d > VerifyLockWait+3*time.Second {
		t.Errorf("gave up after %v", d)
	}
	ln, err := spentsock.Listen(SpentSocket(cfg))
	if err != nil {
		t.Fatal(err)
	}
	sctx, stop := context.WithCancel(ctx)
	done := make(chan error, 1)
	go func() { done <- spentsock.Serve(sctx, ln, served, SpentPath(cfg)) }()
	defer func() { stop(); ln.Close(); <-done }()

	// The configured file, and the same file named relative to here.
	for _, path := range []string{"", relPath(t, SpentPath(cfg))} {
		c, err := OpenSpentShared(ctx, cfg, path)
		if err != nil {
			t.Fatalf("%q: %v", path, err)
		}
		if _, ok := c.(*spentsock.Client); !ok {
			t.Errorf("%q: a %T, want the socket's client", path, c)
		}
		if err := c.Spend(ctx, "k1", "m2", exp); !errors.Is(err, postage.ErrSpent) {
			t.Errorf("%q: k1 spent by another message through the socket: %v", path, err)
		}
		c.Close()
	}
}

func relPath(t *testing.T, p string) string {
	t.Helper()
	wd, err := filepath.Abs(".")
	if err != nil {
		t.Fatal(err)
	}
	r, err := filepath.Rel(wd, p)
	if err != nil {
		t.Fatal(err)
	}
	return r
}
