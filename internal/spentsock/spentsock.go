// Package spentsock shares one process's spent store with the other
// postage processes of the host over a unix socket, so that a bbolt file
// (one writer at a time) serves `postage serve`'s milter and `postage
// verify`/`postage check` at once, each stamp accepted by only one of them.
//
// The protocol is HTTP/1.1 on the socket (mode 0600: only the user that
// runs serve, and root, may spend):
//
//	GET  /v1/health                       200 {"path": "<store file>"}
//	POST /v1/spend  {"key","msg","expires"(unix s, 0 forever)}
//	                                      200 {"spent": false}: recorded (or a retry of the same message)
//	                                      409 {"spent": true}:  recorded for another message
//	                                      503 {"error": "..."}: the store failed
//	POST /v1/purge  {"now"(unix s)}       200 {"removed": n}
package spentsock

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"time"

	"github.com/postage-mail/postage"
)

// ErrUnreachable: no process answers on the socket.
var ErrUnreachable = errors.New("spent store socket unreachable")

// ErrServed: Listen found another process serving the socket.
var ErrServed = errors.New("another process serves the spent store socket")

type spendRequest struct {
	Key     string `json:"key"`
	Msg     string `json:"msg"`
	Expires int64  `json:"expires"`
}

type spendAnswer struct {
	Spent   bool   `json:"spent"`
	Removed int    `json:"removed,omitempty"`
	Error   string `json:"error,omitempty"`
	Path    string `json:"path,omitempty"`
}

// Listen creates the socket at path (mode 0600), replacing a stale one
// that no process answers on, and refusing one that a running process
// serves.
func Listen(path string) (net.Listener, error) {
	if _, err := os.Stat(path); err == nil {
		if c, err := net.DialTimeout("unix", path, time.Second); err == nil {
			c.Close()
			return nil, fmt.Errorf("%s: %w", path, ErrServed)
		}
		if err := os.Remove(path); err != nil {
			return nil, fmt.Errorf("remove stale socket %s: %w", path, err)
		}
	}
	// Connecting needs write permission on the socket: under any usual
	// umask (022, 077) nobody else has it even before the chmod.
	ln, err := net.Listen("unix", path)
	if err != nil {
		return nil, fmt.Errorf("spent store socket: %w", err)
	}
	if err := os.Chmod(path, 0o600); err != nil {
		ln.Close()
		return nil, fmt.Errorf("spent store socket: %w", err)
	}
	return ln, nil
}

// Serve answers spends on ln with store until ctx ends; path is the
// store's file, reported by /v1/health so that a client asks only for the
// store it means. It returns when ln is closed.
func Serve(ctx context.Context, ln net.Listener, store postage.SpentStore, path string) error {
	mux := http.NewServeMux()
	reply := func(w http.ResponseWriter, code int, a spendAnswer) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(code)
		_ = json.NewEncoder(w).Encode(a)
	}
	mux.HandleFunc("GET /v1/health", func(w http.ResponseWriter, _ *http.Request) {
		reply(w, http.StatusOK, spendAnswer{Path: path})
	})
	mux.HandleFunc("POST /v1/spend", func(w http.ResponseWriter, r *http.Request) {
		var req spendRequest
		if err := json.NewDecoder(io.LimitReader(r.Body, 64<<10)).Decode(&req); err != nil || req.Key == "" {
			reply(w, http.StatusBadRequest, spendAnswer{Error: "want {key, msg, expires}"})
			return
		}
		var exp time.Time
		if req.Expires != 0 {
			exp = time.Unix(req.Expires, 0)
		}
		switch err := store.Spend(r.Context(), req.Key, req.Msg, exp); {
		case err == nil:
			reply(w, http.StatusOK, spendAnswer{})
		case errors.Is(err, postage.ErrSpent):
			reply(w, http.StatusConflict, spendAnswer{Spent: true})
		default:
			reply(w, http.StatusServiceUnavailable, spendAnswer{Error: err.Error()})
		}
	})
	mux.HandleFunc("POST /v1/purge", func(w http.ResponseWriter, r *http.Request) {
		var req struct {
			Now int64 `json:"now"`
		}
		if err := json.NewDecoder(io.LimitReader(r.Body, 4<<10)).Decode(&req); err != nil {
			reply(w, http.StatusBadRequest, spendAnswer{Error: "want {now}"})
			return
		}
		n, err := store.Purge(r.Context(), time.Unix(req.Now, 0))
		if err != nil {
			reply(w, http.StatusServiceUnavailable, spendAnswer{Error: err.Error()})
			return
		}
		reply(w, http.StatusOK, spendAnswer{Removed: n})
	})
	srv := &http.Server{Handler: mux, ReadHeaderTimeout: 5 * time.Second, BaseContext: func(net.Listener) context.Context { return ctx }}
	go func() {
		<-ctx.Done()
		sctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		_ = srv.Shutdown(sctx)
	}()
	err := srv.Serve(ln)
	if errors.Is(err, http.ErrServerClosed) {
		return nil
	}
	return err
}

// Client is a postage.SpentStore served by another process on the socket.
type Client struct {
	http *http.Client
}

// Dial connects to the socket at path and checks, within timeout, that it
// serves the store file storePath. It returns ErrUnreachable (wrapped)
// when nothing answers, so that the caller can fall back to the file.
func Dial(ctx context.Context, path, storePath string, timeout time.Duration) (*Client, error) {
	tr := &http.Transport{
		DialContext: func(ctx context.Context, _, _ string) (net.Conn, error) {
			var d net.Dialer
			return d.DialContext(ctx, "unix", path)
		},
		MaxIdleConns: 2,
	}
	c := &Client{http: &http.Client{Transport: tr}}
	hctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	var a spendAnswer
	if _, err := c.do(hctx, http.MethodGet, "/v1/health", nil, &a); err != nil {
		tr.CloseIdleConnections()
		return nil, err
	}
	if storePath != "" && a.Path != storePath {
		tr.CloseIdleConnections()
		return nil, fmt.Errorf("spent store socket %s serves %s, not %s: %w", path, a.Path, storePath, ErrUnreachable)
	}
	return c, nil
}

func (c *Client) do(ctx context.Context, method, p string, body any, out *spendAnswer) (int, error) {
	var rd io.Reader
	if body != nil {
		b, err := json.Marshal(body)
		if err != nil {
			return 0, err
		}
		rd = bytes.NewReader(b)
	}
	req, err := http.NewRequestWithContext(ctx, method, "http://postage"+p, rd)
	if err != nil {
		return 0, err
	}
	resp, err := c.http.Do(req)
	if err != nil {
		return 0, fmt.Errorf("%w: %w", ErrUnreachable, err)
	}
	defer resp.Body.Close()
	if err := json.NewDecoder(io.LimitReader(resp.Body, 64<<10)).Decode(out); err != nil {
		return resp.StatusCode, fmt.Errorf("spent store socket: bad answer (%s): %w", resp.Status, err)
	}
	return resp.StatusCode, nil
}

// Spend implements postage.SpentStore.
func (c *Client) Spend(ctx context.Context, key, msg string, expires time.Time) error {
	req := spendRequest{Key: key, Msg: msg}
	if !expires.IsZero() {
		req.Expires = expires.Unix()
	}
	var a spendAnswer
	code, err := c.do(ctx, http.MethodPost, "/v1/spend", req, &a)
	switch {
	case err != nil:
		return err
	case code == http.StatusOK:
		return nil
	case code == http.StatusConflict:
		return postage.ErrSpent
	default:
		return fmt.Errorf("spent store (over the socket): %d %s", code, a.Error)
	}
}

// Purge implements postage.SpentStore.
func (c *Client) Purge(ctx context.Context, now time.Time) (int, error) {
	var a spendAnswer
	code, err := c.do(ctx, http.MethodPost, "/v1/purge", map[string]int64{"now": now.Unix()}, &a)
	if err != nil {
		return 0, err
	}
	if code != http.StatusOK {
		return 0, fmt.Errorf("spent store (over the socket): %d %s", code, a.Error)
	}
	return a.Removed, nil
}

// Close implements postage.SpentStore; the served store stays open.
func (c *Client) Close() error {
	c.http.CloseIdleConnections()
	return nil
}
