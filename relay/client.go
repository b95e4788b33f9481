package relay

import (
	"bytes"
	"context"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/postage-mail/postage/hashcash"
)

// Client talks to a relay's API.
type Client struct {
	// URL is the relay's base URL, e.g. http://127.0.0.1:8557.
	URL string
	// HTTP is the client used; nil means one with a 30 s timeout.
	HTTP *http.Client
}

// APIError is an error answer from a relay.
type APIError struct {
	HTTPStatus int
	Code       string // one of the Code… constants
	Message    string
	// RetryAfter is the relay's Retry-After, if it sent one.
	RetryAfter time.Duration
}

func (e *APIError) Error() string {
	return fmt.Sprintf("relay refused (%d %s): %s", e.HTTPStatus, e.Code, e.Message)
}

// Temporary reports whether the same request may succeed later.
func (e *APIError) Temporary() bool {
	return e.HTTPStatus == http.StatusTooManyRequests || e.HTTPStatus >= 500
}

// ErrUnreachable wraps failures to get any HTTP answer from the relay.
var ErrUnreachable = errors.New("relay unreachable")

func (c *Client) http() *http.Client {
	if c.HTTP != nil {
		return c.HTTP
	}
	return &http.Client{Timeout: 30 * time.Second}
}

func (c *Client) endpoint(path string) (string, error) {
	u, err := url.Parse(strings.TrimRight(c.URL, "/"))
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return "", fmt.Errorf("relay URL %q: want http(s)://host[:port]", c.URL)
	}
	return u.String() + path, nil
}

// do sends a request and decodes a 2xx answer into out; health answers
// with 503 carry a body worth decoding too (okStatus).
func (c *Client) do(ctx context.Context, method, path string, body any, out any, okStatus ...int) (int, error) {
	u, err := c.endpoint(path)
	if err != nil {
		return 0, err
	}
	var rd io.Reader
	if body != nil {
		data, err := json.Marshal(body)
		if err != nil {
			return 0, err
		}
		rd = bytes.NewReader(data)
	}
	req, err := http.NewRequestWithContext(ctx, method, u, rd)
	if err != nil {
		return 0, err
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	req.Header.Set("Accept", "application/json")
	resp, err := c.http().Do(req)
	if err != nil {
		return 0, fmt.Errorf("%w: %s %s: %w", ErrUnreachable, method, u, err)
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	if err != nil {
		return resp.StatusCode, fmt.Errorf("%w: read answer of %s %s: %w", ErrUnreachable, method, u, err)
	}
	good := resp.StatusCode/100 == 2
	for _, s := range okStatus {
		good = good || resp.StatusCode == s
	}
	if !good {
		ae := &APIError{HTTPStatus: resp.StatusCode, Code: "http_" + strconv.Itoa(resp.StatusCode), Message: strings.TrimSpace(string(data))}
		var eb ErrorBody
		if json.Unmarshal(data, &eb) == nil && eb.Error.Code != "" {
			ae.Code, ae.Message = eb.Error.Code, eb.Error.Message
		}
		if s, err := strconv.Atoi(resp.Header.Get("Retry-After")); err == nil && s > 0 {
			ae.RetryAfter = time.Duration(s) * time.Second
		}
		return resp.StatusCode, ae
	}
	if err := json.Unmarshal(data, out); err != nil {
		return resp.StatusCode, fmt.Errorf("relay %s %s: answer is not the expected JSON: %v", method, u, err)
	}
	return resp.StatusCode, nil
}

// Health reads the relay's parameters. A degraded relay (503) still
// answers with its parameters and no error; Health.Status says so.
func (c *Client) Health(ctx context.Context) (Health, error) {
	var h Health
	_, err := c.do(ctx, http.MethodGet, PathHealth, nil, &h, http.StatusServiceUnavailable)
	if err == nil && h.Name == "" {
		return h, fmt.Errorf("relay %s: health answer without a name", c.URL)
	}
	return h, err
}

// Mint makes the work stamp for burn b at a relay with name and bits.
func Mint(ctx context.Context, b Burn, name string, bits int) (string, error) {
	st, err := hashcash.Mint(ctx, name, bits, &hashcash.MintOptions{Ext: b.Ext(), DateWidth: 10})
	if err != nil {
		return "", fmt.Errorf("mint work stamp for relay %s: %w", name, err)
	}
	return st.String(), nil
}

// MintHeld makes the work stamp for burn b with hold h.
func MintHeld(ctx context.Context, b Burn, h Hold, name string, bits int) (string, error) {
	st, err := hashcash.Mint(ctx, name, bits, &hashcash.MintOptions{Ext: h.Ext(b), DateWidth: 10})
	if err != nil {
		return "", fmt.Errorf("mint work stamp for relay %s: %w", name, err)
	}
	return st.String(), nil
}

// SubmitHeld posts a burn request with a hold and its work stamp
// (MintHeld).
func (c *Client) SubmitHeld(ctx context.Context, b Burn, h Hold, work string) (SubmitResponse, error) {
	var out SubmitResponse
	_, err := c.do(ctx, http.MethodPost, PathBurns, b.RequestHeld(h, work), &out)
	return out, err
}

// Cancel withdraws the hold whose cancel hash is SHA-256 of token from
// request id; the answer is the request's status after it (cancelled,
// or still queued for other submitters).
func (c *Client) Cancel(ctx context.Context, id string, token [32]byte) (Status, error) {
	var out Status
	if !validID(id) {
		return out, fmt.Errorf("request id %q: want 32 lowercase hex digits", id)
	}
	_, err := c.do(ctx, http.MethodPost, PathBurns+"/"+id+"/cancel", CancelRequest{Token: "0x" + hex.EncodeToString(token[:])}, &out)
	return out, err
}

// Submit posts a burn request with its work stamp.
func (c *Client) Submit(ctx context.Context, b Burn, work string) (SubmitResponse, error) {
	var out SubmitResponse
	_, err := c.do(ctx, http.MethodPost, PathBurns, b.Request(work), &out)
	return out, err
}

// Status reads a request's status.
func (c *Client) Status(ctx context.Context, id string) (Status, error) {
	var out Status
	if !validID(id) {
		return out, fmt.Errorf("request id %q: want 32 lowercase hex digits", id)
	}
	_, err := c.do(ctx, http.MethodGet, PathBurns+"/"+id, nil, &out)
	return out, err
}

// Wait polls a request's status every interval until it is final or ctx
// ends (then it returns the last status seen and ctx's error).
func (c *Client) Wait(ctx context.Context, id string, interval time.Duration) (Status, error) {
	if interval <= 0 {
		interval = time.Second
	}
	t := time.NewTicker(interval)
	defer t.Stop()
	var last Status
	for {
		st, err := c.Status(ctx, id)
		var ae *APIError
		switch {
		case err == nil:
			last = st
			if Final(st.Status) {
				return st, nil
			}
		case errors.As(err, &ae) && !ae.Temporary():
			return last, err
		}
		select {
		case <-ctx.Done():
			return last, fmt.Errorf("wait for request %s: %w", id, ctx.Err())
		case <-t.C:
		}
	}
}

// MintReveals makes the work stamp for reveals rs at a relay with name
// and bits.
func MintReveals(ctx context.Context, rs []Reveal, name string, bits int) (string, error) {
	st, err := hashcash.Mint(ctx, name, bits, &hashcash.MintOptions{Ext: RevealsExt(rs), DateWidth: 10})
	if err != nil {
		return "", fmt.Errorf("mint work stamp for relay %s: %w", name, err)
	}
	return st.String(), nil
}

// SubmitReveals posts signed reveals with their work stamp; the answer
// has one entry per reveal, in order.
func (c *Client) SubmitReveals(ctx context.Context, rs []Reveal, work string) (RevealsResponse, error) {
	var out RevealsResponse
	_, err := c.do(ctx, http.MethodPost, PathReveals, RevealsRequestFor(rs, work), &out)
	if err == nil && len(out.Reveals) != len(rs) {
		return out, fmt.Errorf("relay %s: %d answers for %d reveals", c.URL, len(out.Reveals), len(rs))
	}
	return out, err
}
