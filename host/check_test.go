package host

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/postage-mail/postage"
	"github.com/postage-mail/postage/hashcash"
)

// verifyConfig is a home whose policy accepts work stamps of 8 bits.
func verifyConfig(t *testing.T) string {
	cfg := loadChainConfig(t, "[policy]\naccept = [\"work\"]\n[policy.work]\nbits = 8\n")
	return filepath.Join(cfg.DataDir, "postage.toml")
}

// verifyWith runs Verify on msg with the configuration at cfgPath; it
// returns the verdicts, what was written and what was logged.
func verifyWith(t *testing.T, cfgPath string, rcpts []string, msg string) ([]postage.Verdict, string, string, error) {
	t.Helper()
	var out, log bytes.Buffer
	logf := func(f string, a ...any) { fmt.Fprintf(&log, f+"\n", a...) }
	vs, err := Verify(context.Background(), strings.NewReader(msg), &out, VerifyOptions{Rcpts: rcpts, ConfigPath: cfgPath, Logf: logf, BookLogf: logf})
	return vs, out.String(), log.String(), err
}

func TestVerifyPassesAnUnreadableMessageThrough(t *testing.T) {
	msg := "no colon here\n\nbody\n"
	_, out, log, err := verifyWith(t, verifyConfig(t), []string{"alice@example.com"}, msg)
	if !errors.Is(err, ErrVerifyMessage) || out != msg || !strings.Contains(log, "message passed through unchanged") {
		t.Fatalf("err %v, out %q, log %q", err, out, log)
	}
}

func TestVerifyWithoutRecipientIsTempError(t *testing.T) {
	_, out, log, err := verifyWith(t, verifyConfig(t), nil, "Subject: hi\n\nbody\n")
	if !errors.Is(err, ErrVerifySetup) || !strings.Contains(log, "no recipient: pass --rcpt") {
		t.Fatalf("err %v, log %q", err, log)
	}
	if want := "Postage-Result: temperror error=no-recipient\nSubject: hi\n\nbody\n"; out != want {
		t.Errorf("out %q, want %q", out, want)
	}
}

func TestVerifyWorkStampOncePerMessage(t *testing.T) {
	st, err := hashcash.Mint(context.Background(), "alice@example.com", 8, nil)
	if err != nil {
		t.Fatal(err)
	}
	msg := "X-Hashcash: " + st.String() + "\nSubject: hi\n\nbody\n"
	cfgPath := verifyConfig(t)
	vs, out, _, err := verifyWith(t, cfgPath, []string{"alice@example.com"}, msg)
	if err != nil || len(vs) != 1 || vs[0].Result != postage.Pass {
		t.Fatalf("verdicts %v, err %v", vs, err)
	}
	if !strings.HasPrefix(out, "Postage-Result: pass rcpt=alice@example.com") || !strings.HasSuffix(out, "\nSubject: hi\n\nbody\n") {
		t.Errorf("out %q", out)
	}
	// The same stamp on another message is spent.
	vs, _, _, err = verifyWith(t, cfgPath, []string{"alice@example.com"}, strings.Replace(msg, "body", "other", 1))
	if err != nil || vs[0].Result != postage.Fail {
		t.Fatalf("second message: verdicts %v, err %v", vs, err)
	}
}

func TestPurgeCheckStore(t *testing.T) {
	verifyConfig(t) // a home of its own, no serve on its socket
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "spent.db")
	if _, err := PurgeCheckStore(ctx, path, time.Time{}); err == nil || !strings.Contains(err.Error(), "spent store "+path+": ") {
		t.Fatalf("missing file: %v", err)
	}
	s, err := OpenCheckStore(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	now := time.Date(2026, 1, 2, 0, 0, 0, 0, time.UTC)
	for key, exp := range map[string]time.Time{"old": now.Add(-time.Hour), "new": now.Add(time.Hour), "forever": {}} {
		if err := s.Spend(ctx, key, "", exp); err != nil {
			t.Fatal(err)
		}
	}
	s.Close()
	if n, err := PurgeCheckStore(ctx, path, now); n != 1 || err != nil {
		t.Fatalf("purge: %d, %v; want 1 (only the expired stamp)", n, err)
	}
}
