// Package batchsock is the local API through which `postage sendmail`
// hands a message's recipients to the batcher of a running `postage
// serve`: one HTTP request on a unix socket (<data dir>/send.sock, mode
// 0600 in the 0700 data directory, so only the sender's own user can ask
// for stamps).
//
//	POST /v1/stake  {"message": {"messageId": "...", "subjectSha256": "..."},
//	                 "rcpts": ["alice@example.com", ...]}
//	200 {"id": "0x...", "leaves": 8, "headers": {"alice@example.com": "v=1; ..."}}
//	422 {"error": "...", "policy": true}   refused by the policy check
//	503 {"error": "..."}                   the deposit failed: try again
//
// The answer carries secrets (the stamps); the socket's permissions guard
// them.
package batchsock

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

	"github.com/ethereum/go-ethereum/common"

	"github.com/postage-mail/postage/send"
	"github.com/postage-mail/postage/stake"
)

type request struct {
	Message send.MessageInfo `json:"message"`
	Rcpts   []string         `json:"rcpts"`
}

type response struct {
	ID      common.Hash       `json:"id,omitzero"`
	Leaves  uint32            `json:"leaves,omitempty"`
	Headers map[string]string `json:"headers,omitempty"`
	Error   string            `json:"error,omitempty"`
	Policy  bool              `json:"policy,omitempty"`
}

const maxBody = 1 << 20

// Handler serves the API with src (a *send.Batcher).
func Handler(src send.StakeSource) http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("POST /v1/stake", func(w http.ResponseWriter, r *http.Request) {
		reply := func(code int, v response) {
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(code)
			json.NewEncoder(w).Encode(v)
		}
		var req request
		if err := json.NewDecoder(io.LimitReader(r.Body, maxBody)).Decode(&req); err != nil {
			reply(http.StatusBadRequest, response{Error: "bad request: " + err.Error()})
			return
		}
		rcpts, err := send.Recipients(req.Rcpts)
		if err != nil || len(rcpts) == 0 {
			reply(http.StatusBadRequest, response{Error: fmt.Sprintf("bad recipients: %v", err)})
			return
		}
		res, err := src.Stake(r.Context(), req.Message, rcpts)
		switch {
		case errors.Is(err, send.ErrPolicy):
			reply(http.StatusUnprocessableEntity, response{Error: err.Error(), Policy: true})
		case err != nil:
			reply(http.StatusServiceUnavailable, response{Error: err.Error()})
		default:
			reply(http.StatusOK, response{ID: res.ID, Leaves: res.Leaves, Headers: res.Headers})
		}
	})
	return mux
}

// Server is the API listening on a unix socket.
type Server struct {
	path string
	srv  *http.Server
	done chan error
}

// Listen serves src on a unix socket at path (a stale socket is replaced).
func Listen(path string, src send.StakeSource) (*Server, error) {
	if fi, err := os.Lstat(path); err == nil && fi.Mode()&os.ModeSocket != 0 {
		if c, err := net.DialTimeout("unix", path, time.Second); err == nil {
			c.Close()
			return nil, fmt.Errorf("%s: another postage serve answers there", path)
		}
		os.Remove(path)
	}
	// The data directory is 0700; the socket is made 0600 at once too.
	l, err := net.Listen("unix", path)
	if err != nil {
		return nil, fmt.Errorf("send socket: %w", err)
	}
	if err := os.Chmod(path, 0o600); err != nil {
		l.Close()
		return nil, fmt.Errorf("send socket: %w", err)
	}
	s := &Server{path: path, srv: &http.Server{Handler: Handler(src), ReadHeaderTimeout: 10 * time.Second}, done: make(chan error, 1)}
	go func() { s.done <- s.srv.Serve(l) }()
	return s, nil
}

// Shutdown stops accepting, waits for requests under way (bounded by ctx)
// and removes the socket.
func (s *Server) Shutdown(ctx context.Context) error {
	err := s.srv.Shutdown(ctx)
	<-s.done
	os.Remove(s.path)
	return err
}

// Client asks a serve's batcher for stamps. It implements send.StakeSource.
type Client struct {
	Path string
	hc   *http.Client
}

// Dial returns a client when something answers on path, else an error.
func Dial(path string) (*Client, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	if fi.Mode()&os.ModeSocket == 0 {
		return nil, fmt.Errorf("%s is not a socket", path)
	}
	c, err := net.DialTimeout("unix", path, time.Second)
	if err != nil {
		return nil, err
	}
	c.Close()
	return &Client{Path: path, hc: &http.Client{Transport: &http.Transport{
		DialContext: func(ctx context.Context, _, _ string) (net.Conn, error) {
			var d net.Dialer
			return d.DialContext(ctx, "unix", path)
		},
	}}}, nil
}

// Stake implements send.StakeSource.
func (c *Client) Stake(ctx context.Context, msg send.MessageInfo, rcpts []stake.Recipient) (*send.StakeResult, error) {
	req := request{Message: msg}
	for _, r := range rcpts {
		req.Rcpts = append(req.Rcpts, r.String())
	}
	body, err := json.Marshal(req)
	if err != nil {
		return nil, err
	}
	hr, err := http.NewRequestWithContext(ctx, http.MethodPost, "http://postage/v1/stake", bytes.NewReader(body))
	if err != nil {
		return nil, err
	}
	hr.Header.Set("Content-Type", "application/json")
	resp, err := c.hc.Do(hr)
	if err != nil {
		return nil, fmt.Errorf("postage serve's batcher at %s: %w", c.Path, err)
	}
	defer resp.Body.Close()
	var out response
	if err := json.NewDecoder(io.LimitReader(resp.Body, maxBody)).Decode(&out); err != nil {
		return nil, fmt.Errorf("postage serve's batcher: bad answer (%s): %w", resp.Status, err)
	}
	switch {
	case resp.StatusCode == http.StatusOK:
		return &send.StakeResult{ID: out.ID, Leaves: out.Leaves, Headers: out.Headers}, nil
	case out.Policy:
		return nil, policyError(out.Error)
	default:
		return nil, fmt.Errorf("postage serve's batcher: %s", out.Error)
	}
}

// policyError is the server's policy refusal, as send.ErrPolicy.
type policyError string

func (e policyError) Error() string        { return string(e) }
func (e policyError) Is(target error) bool { return target == send.ErrPolicy }
