package batchsock

import (
	"context"
	"errors"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/postage-mail/postage/send"
	"github.com/postage-mail/postage/stake"
)

type fakeSource struct{ err error }

func (f fakeSource) Stake(ctx context.Context, msg send.MessageInfo, rcpts []stake.Recipient) (*send.StakeResult, error) {
	if f.err != nil {
		return nil, f.err
	}
	h := map[string]string{}
	for _, r := range rcpts {
		h[r.String()] = "stamp-for-" + r.String() + "-" + msg.MessageID
	}
	return &send.StakeResult{ID: common.Hash{7}, Leaves: 4, Headers: h}, nil
}

func serve(t *testing.T, src send.StakeSource) (string, *Server) {
	t.Helper()
	p := filepath.Join(t.TempDir(), "send.sock")
	s, err := Listen(p, src)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Shutdown(context.Background()) })
	return p, s
}

func TestRoundTrip(t *testing.T) {
	p, _ := serve(t, fakeSource{})
	fi, err := os.Stat(p)
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm() != 0o600 {
		t.Errorf("socket mode %v, want 0600", fi.Mode().Perm())
	}
	c, err := Dial(p)
	if err != nil {
		t.Fatal(err)
	}
	rs := []stake.Recipient{stake.MustParseRecipient("A@x.org"), stake.MustParseRecipient("b@x.org")}
	res, err := c.Stake(context.Background(), send.MessageInfo{MessageID: "<m@y>"}, rs)
	if err != nil {
		t.Fatal(err)
	}
	if res.ID != (common.Hash{7}) || res.Leaves != 4 || res.Headers["b@x.org"] != "stamp-for-b@x.org-<m@y>" || len(res.Headers) != 2 {
		t.Errorf("answer %+v", res)
	}
	// A second server on the same socket is refused while the first answers.
	if _, err := Listen(p, fakeSource{}); err == nil {
		t.Error("a second server took over a live socket")
	}
}

func TestErrors(t *testing.T) {
	p, _ := serve(t, fakeSource{err: fmt.Errorf("%w: too small", send.ErrPolicy)})
	c, err := Dial(p)
	if err != nil {
		t.Fatal(err)
	}
	rs := []stake.Recipient{stake.MustParseRecipient("a@x.org")}
	if _, err := c.Stake(context.Background(), send.MessageInfo{}, rs); !errors.Is(err, send.ErrPolicy) {
		t.Errorf("policy refusal came back as %v", err)
	}
	p2, _ := serve(t, fakeSource{err: errors.New("chain down")})
	c2, err := Dial(p2)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c2.Stake(context.Background(), send.MessageInfo{}, rs); err == nil || errors.Is(err, send.ErrPolicy) {
		t.Errorf("a failed deposit came back as %v", err)
	}
	if _, err := Dial(filepath.Join(t.TempDir(), "none.sock")); err == nil {
		t.Error("Dial of a missing socket succeeded")
	}
}

// A stale socket file (a killed serve) is replaced; after Shutdown the
// socket is gone and Dial fails, so sendmail deposits alone.
func TestStaleAndShutdown(t *testing.T) {
	p := filepath.Join(t.TempDir(), "send.sock")
	s, err := Listen(p, fakeSource{})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := s.Shutdown(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := Dial(p); err == nil {
		t.Error("Dial succeeded after Shutdown")
	}
	// A socket file nobody answers on, as a kill -9 leaves it.
	l, err := net.Listen("unix", p)
	if err != nil {
		t.Fatal(err)
	}
	l.(*net.UnixListener).SetUnlinkOnClose(false)
	l.Close()
	if _, err := os.Stat(p); err != nil {
		t.Fatalf("no stale socket: %v", err)
	}
	s2, err := Listen(p, fakeSource{})
	if err != nil {
		t.Fatalf("listen over a stale socket: %v", err)
	}
	if _, err := Dial(p); err != nil {
		t.Errorf("dial the new server: %v", err)
	}
	s2.Shutdown(ctx)
}
