package host

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/postage-mail/postage"
	"github.com/postage-mail/postage/internal/spentsock"
)

// testLog is a log in a file (safe for the milter's goroutines) and a
// way to read it.
func testLog(t *testing.T) (*slog.Logger, func() string) {
	t.Helper()
	p := filepath.Join(t.TempDir(), "log")
	f, err := os.Create(p)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return slog.New(slog.NewTextHandler(f, nil)), func() string {
		b, _ := os.ReadFile(p)
		return string(b)
	}
}

func freeAddr(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}

// A receiving milter that accepts work stamps only follows no chain,
// shares its bbolt spent store on the data directory's socket, serves
// /metrics, and RunMilter stops it cleanly when ctx ends.
func TestRunMilterWorkOnly(t *testing.T) {
	milterAddr, metricsAddr := freeAddr(t), freeAddr(t)
	cfg := loadChainConfig(t, fmt.Sprintf("[policy]\naccept = [\"work\"]\n[milter]\nlisten = \"inet:%s\"\n[metrics]\nlisten = %q\n", milterAddr, metricsAddr))
	logger, logs := testLog(t)
	ctx, stop := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- RunMilter(ctx, cfg, "", logger) }()

	var c *spentsock.Client
	for start := time.Now(); ; time.Sleep(50 * time.Millisecond) {
		var err error
		if c, err = spentsock.Dial(context.Background(), SpentSocket(cfg), SpentPath(cfg), time.Second); err == nil {
			break
		}
		if time.Since(start) > 10*time.Second {
			t.Fatalf("no spent socket: %v\n%s", err, logs())
		}
	}
	exp := time.Now().Add(time.Hour)
	if err := c.Spend(context.Background(), "k", "m1", exp); err != nil {
		t.Fatal(err)
	}
	if err := c.Spend(context.Background(), "k", "m2", exp); !errors.Is(err, postage.ErrSpent) {
		t.Errorf("spent twice through the milter's store: %v", err)
	}
	c.Close()
	if cn, err := net.Dial("tcp", milterAddr); err != nil {
		t.Errorf("milter not listening: %v", err)
	} else {
		cn.Close()
	}
	resp, err := http.Get("http://" + metricsAddr + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || !strings.Contains(string(body), "postage_") {
		t.Errorf("metrics: %d\n%s", resp.StatusCode, body)
	}

	stop()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("RunMilter: %v\n%s", err, logs())
		}
	case <-time.After(time.Minute):
		t.Fatal("RunMilter did not stop")
	}
	out := logs()
	for _, want := range []string{"sharing the spent store", "milter listening", "shutting down", "msg=stopped"} {
		if !strings.Contains(out, want) {
			t.Errorf("log lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "deposit contract") {
		t.Errorf("a work-only milter follows a chain:\n%s", out)
	}
	if _, err := spentsock.Dial(context.Background(), SpentSocket(cfg), filepath.Clean(SpentPath(cfg)), 200*time.Millisecond); err == nil {
		t.Error("the socket still answers after the milter stopped")
	}
}

// A milter that cannot listen does not start: RunMilter says why and
// returns ErrStopped.
func TestRunMilterCannotStart(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	cfg := loadChainConfig(t, fmt.Sprintf("[policy]\naccept = [\"work\"]\n[milter]\nlisten = \"inet:%s\"\n[metrics]\nlisten = \"\"\n", ln.Addr()))
	logger, logs := testLog(t)
	if err := RunMilter(context.Background(), cfg, "", logger); !errors.Is(err, ErrStopped) {
		t.Fatalf("RunMilter = %v, want ErrStopped", err)
	}
	if !strings.Contains(logs(), "cannot start") {
		t.Errorf("log:\n%s", logs())
	}
}
