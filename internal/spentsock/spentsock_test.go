package spentsock_test

import (
	"context"
	"errors"
	"net"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/postage-mail/postage"
	"github.com/postage-mail/postage/internal/spentsock"
	"github.com/postage-mail/postage/store/bolt"
)

func serve(t *testing.T, dir string) (sock, db string, stop func()) {
	t.Helper()
	db = filepath.Join(dir, "spent.db")
	st, err := bolt.Open(db, nil)
	if err != nil {
		t.Fatal(err)
	}
	sock = filepath.Join(dir, "postage.sock")
	ln, err := spentsock.Listen(sock)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- spentsock.Serve(ctx, ln, st, db) }()
	var once sync.Once
	stop = func() {
		once.Do(func() {
			cancel()
			if err := <-done; err != nil {
				t.Errorf("Serve: %v", err)
			}
			st.Close()
		})
	}
	t.Cleanup(stop)
	return sock, db, stop
}

func TestSpendOverSocket(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	sock, db, stop := serve(t, dir)
	if fi, err := os.Stat(sock); err != nil || fi.Mode().Perm() != 0o600 || fi.Mode()&os.ModeSocket == 0 {
		t.Fatalf("socket %v, %v: want a socket with mode 0600", fi.Mode(), err)
	}
	c, err := spentsock.Dial(ctx, sock, db, time.Second)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	exp := time.Now().Add(time.Hour)
	if err := c.Spend(ctx, "stamp1", "msgA", exp); err != nil {
		t.Fatalf("first spend: %v", err)
	}
	if err := c.Spend(ctx, "stamp1", "msgA", exp); err != nil {
		t.Fatalf("the same message again: %v, want nil (a retry)", err)
	}
	if err := c.Spend(ctx, "stamp1", "msgB", exp); !errors.Is(err, postage.ErrSpent) {
		t.Fatalf("another message: %v, want ErrSpent", err)
	}
	// Concurrent spends of one key by different messages: exactly one wins.
	var wg sync.WaitGroup
	wins := make(chan string, 8)
	for i := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			msg := string(rune('a' + i))
			if err := c.Spend(ctx, "stamp2", msg, exp); err == nil {
				wins <- msg
			} else if !errors.Is(err, postage.ErrSpent) {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	close(wins)
	if n := len(wins); n != 1 {
		t.Fatalf("%d concurrent spends of one key won, want 1", n)
	}
	if n, err := c.Purge(ctx, time.Now().Add(2*time.Hour)); err != nil || n != 2 {
		t.Fatalf("purge: %d, %v; want 2", n, err)
	}
	// Asking for another store file is refused, so the caller falls back.
	if _, err := spentsock.Dial(ctx, sock, filepath.Join(dir, "other.db"), time.Second); !errors.Is(err, spentsock.ErrUnreachable) {
		t.Fatalf("Dial for another file: %v, want ErrUnreachable", err)
	}
	// A second server on the same socket is refused while the first runs.
	if _, err := spentsock.Listen(sock); !errors.Is(err, spentsock.ErrServed) {
		t.Fatalf("second Listen on a served socket: %v, want ErrServed", err)
	}
	stop()
	// Nobody serves: unreachable at once, both at Dial and at Spend.
	t0 := time.Now()
	if _, err := spentsock.Dial(ctx, sock, db, time.Second); !errors.Is(err, spentsock.ErrUnreachable) {
		t.Fatalf("Dial with no server: %v, want ErrUnreachable", err)
	}
	if err := c.Spend(ctx, "stamp3", "m", exp); !errors.Is(err, spentsock.ErrUnreachable) {
		t.Fatalf("Spend with no server: %v, want ErrUnreachable", err)
	}
	if d := time.Since(t0); d > time.Second {
		t.Fatalf("unreachable took %v", d)
	}
}

func TestStaleSocketReplaced(t *testing.T) {
	dir := t.TempDir()
	sock := filepath.Join(dir, "postage.sock")
	// A socket file left by a killed process: nothing listens.
	ln, err := net.Listen("unix", sock)
	if err != nil {
		t.Fatal(err)
	}
	ln.(*net.UnixListener).SetUnlinkOnClose(false)
	ln.Close()
	if _, err := os.Stat(sock); err != nil {
		t.Fatalf("stale socket not left behind: %v", err)
	}
	ln2, err := spentsock.Listen(sock)
	if err != nil {
		t.Fatalf("Listen over a stale socket: %v", err)
	}
	ln2.Close()
}
