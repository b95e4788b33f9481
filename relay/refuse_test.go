package relay

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/postage-mail/postage/chain"
	"github.com/postage-mail/postage/hashcash"
)

func wantAPIError(t *testing.T, what string, err error, status int, code string) {
	t.Helper()
	var ae *APIError
	if !errors.As(err, &ae) {
		t.Errorf("%s: got %v, want %d %s", what, err, status, code)
		return
	}
	if ae.HTTPStatus != status || ae.Code != code {
		t.Errorf("%s: got %d %s (%s), want %d %s", what, ae.HTTPStatus, ae.Code, ae.Message, status, code)
	}
}

func post(t *testing.T, url, contentType string, body []byte) (int, ErrorBody) {
	t.Helper()
	resp, err := http.Post(url+PathBurns, contentType, bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var eb ErrorBody
	data, _ := io.ReadAll(resp.Body)
	if err := json.Unmarshal(data, &eb); err != nil {
		t.Fatalf("answer %d is not a JSON error: %q", resp.StatusCode, data)
	}
	return resp.StatusCode, eb
}

// Every kind of bad request gets its own clear refusal, and none of them
// makes the relay send a transaction.
func TestRefusals(t *testing.T) {
	c := getChain(t)
	_, relayOpts := c.account(t)
	o := testOptions("refuse.test")
	o.Rate, o.Burst = 6000, 100
	r := c.openRelay(t, filepath.Join(t.TempDir(), "relay.db"), relayOpts, o)
	defer r.Close()
	cl := serveHTTP(t, r)
	ctx := ctxFor(t, 2*time.Minute)

	d := c.deposit(t, milliEth(10), milliEth(1), "a@example.com", "b@example.com", "c@example.com")
	mint := func(b Burn, name string, bits int, opt *hashcash.MintOptions) string {
		if opt == nil {
			opt = &hashcash.MintOptions{}
		}
		if opt.Ext == "" {
			opt.Ext = b.Ext()
		}
		st, err := hashcash.Mint(ctx, name, bits, opt)
		if err != nil {
			t.Fatal(err)
		}
		return st.String()
	}

	t.Run("bad proof", func(t *testing.T) {
		b := c.burn(t, d, 0)
		b.Proof = append([]common.Hash(nil), b.Proof...)
		b.Proof[0][5] ^= 1
		_, err := submit(t, cl, r, b)
		wantAPIError(t, "flipped proof bit", err, 422, CodeInvalidProof)
		b = c.burn(t, d, 0)
		b.Index = 1 // leaf 0's secret and proof under index 1
		_, err = submit(t, cl, r, b)
		wantAPIError(t, "wrong index", err, 422, CodeInvalidProof)
		b = c.burn(t, d, 0)
		b.Proof = b.Proof[:1]
		_, err = submit(t, cl, r, b)
		wantAPIError(t, "short proof", err, 422, CodeInvalidProof)
		b = c.burn(t, d, 0)
		b.DepositID[0] ^= 1
		_, err = submit(t, cl, r, b)
		wantAPIError(t, "unknown deposit", err, 422, CodeUnknownDeposit)
	})

	t.Run("already burned", func(t *testing.T) {
		// The recipient's own burn, with its own ETH, came first.
		b := c.burn(t, d, 2)
		_, own := c.account(t)
		w := chain.NewWriter(chain.NewContract(c.client, c.contract), own)
		w.PollInterval = 100 * time.Millisecond
		if _, err := w.Burn(ctx, b.DepositID, b.Secret, uint64(b.Index), b.Proof); err != nil {
			t.Fatal(err)
		}
		_, err := submit(t, cl, r, b)
		wantAPIError(t, "burned leaf", err, 409, CodeAlreadyBurned)
	})

	t.Run("work stamps", func(t *testing.T) {
		b, other := c.burn(t, d, 0), c.burn(t, d, 1)
		for name, work := range map[string]string{
			"missing":             "",
			"not a stamp":         "hello",
			"other request":       mint(b, "refuse.test", 8, &hashcash.MintOptions{Ext: other.Ext()}),
			"no binding":          mint(b, "refuse.test", 8, &hashcash.MintOptions{Ext: "x=1"}),
			"wrong resource":      mint(b, "other.relay", 8, nil),
			"too little work":     mint(b, "refuse.test", 3, nil),
			"expired":             mint(b, "refuse.test", 8, &hashcash.MintOptions{Date: time.Now().Add(-72 * time.Hour)}),
			"future":              mint(b, "refuse.test", 8, &hashcash.MintOptions{Date: time.Now().Add(time.Hour), DateWidth: 10}),
			"two bindings":        mint(b, "refuse.test", 8, &hashcash.MintOptions{Ext: b.Ext() + ";" + other.Ext()}),
			"version 0":           "0:" + time.Now().UTC().Format("060102") + ":refuse.test:abc",
			"claims more than it": strings.Replace(mint(b, "refuse.test", 8, nil), "1:8:", "1:30:", 1),
		} {
			_, err := cl.Submit(ctx, b, work)
			wantAPIError(t, name, err, 403, CodeWorkInvalid)
		}
		// A good stamp, then the same stamp again.
		work := mint(b, "refuse.test", 8, nil)
		if res, err := cl.Submit(ctx, b, work); err != nil || res.Status != StateQueued {
			t.Fatalf("good stamp: %+v, %v", res, err)
		}
		_, err := cl.Submit(ctx, b, work)
		wantAPIError(t, "replayed stamp", err, 409, CodeWorkReplayed)
		// A stamp spent on a refused request stays spent.
		bad := c.burn(t, d, 1)
		bad.Proof = nil
		work = mint(bad, "refuse.test", 8, nil)
		_, err = cl.Submit(ctx, bad, work)
		wantAPIError(t, "empty proof", err, 422, CodeInvalidProof)
		_, err = cl.Submit(ctx, bad, work)
		wantAPIError(t, "replay of a refused request", err, 409, CodeWorkReplayed)
	})

	t.Run("bounty does not cover gas", func(t *testing.T) {
		free := c.deposit(t, milliEth(10), nil, "x@example.com")
		_, err := submit(t, cl, r, c.burn(t, free, 0))
		wantAPIError(t, "no bounty", err, 422, CodeBountyTooLow)
		tiny := c.deposit(t, milliEth(10), common.Big1, "y@example.com")
		_, err = submit(t, cl, r, c.burn(t, tiny, 0))
		wantAPIError(t, "1 wei bounty", err, 422, CodeBountyTooLow)
	})

	t.Run("wrong chain or contract", func(t *testing.T) {
		b := c.burn(t, d, 0)
		b.ChainID++
		_, err := submit(t, cl, r, b)
		wantAPIError(t, "other chain", err, 422, CodeWrongContract)
		b = c.burn(t, d, 0)
		b.Contract[19] ^= 1
		_, err = submit(t, cl, r, b)
		wantAPIError(t, "other contract", err, 422, CodeWrongContract)
	})

	t.Run("malformed", func(t *testing.T) {
		b := c.burn(t, d, 0)
		good, _ := json.Marshal(b.Request(mint(b, "refuse.test", 8, nil)))
		big := append(bytes.Repeat([]byte(" "), int(r.opts.MaxBody)), good...)
		for name, tc := range map[string]struct {
			ct     string
			body   []byte
			status int
			code   string
		}{
			"oversized body":    {"application/json", big, 413, CodeBodyTooLarge},
			"oversized proof":   {"application/json", []byte(`{"proof":["` + strings.Repeat("0", 40000) + `"]}`), 413, CodeBodyTooLarge},
			"form post":         {"application/x-www-form-urlencoded", good, 415, CodeUnsupportedMedia},
			"not json":          {"application/json", []byte("burn it"), 400, CodeBadRequest},
			"two objects":       {"application/json", append(append([]byte(nil), good...), good...), 400, CodeBadRequest},
			"unknown field":     {"application/json", []byte(`{"chainId":1,"amount":5}`), 400, CodeBadRequest},
			"short secret":      {"application/json", bytes.Replace(good, []byte(b.Secret.Hex()), []byte("0x1234"), 1), 400, CodeBadRequest},
			"no deposit":        {"application/json", []byte(`{"chainId":1,"contract":"` + c.contract.Hex() + `","secret":"` + b.Secret.Hex() + `"}`), 400, CodeBadRequest},
			"index over 2^20":   {"application/json", bytes.Replace(good, []byte(`"index":0`), []byte(`"index":1048576`), 1), 400, CodeBadRequest},
			"negative index":    {"application/json", bytes.Replace(good, []byte(`"index":0`), []byte(`"index":-1`), 1), 400, CodeBadRequest},
			"21 proof elements": {"application/json", []byte(`{"chainId":1,"contract":"` + c.contract.Hex() + `","depositId":"` + b.DepositID.Hex() + `","secret":"` + b.Secret.Hex() + `","proof":[` + strings.TrimSuffix(strings.Repeat(`"`+b.Secret.Hex()+`",`, 21), ",") + `]}`), 400, CodeBadRequest},
		} {
			status, eb := post(t, cl.URL, tc.ct, tc.body)
			if status != tc.status || eb.Error.Code != tc.code {
				t.Errorf("%s: %d %s (%s), want %d %s", name, status, eb.Error.Code, eb.Error.Message, tc.status, tc.code)
			}
		}
		// Creator and root must agree with a depositId given alongside.
		br := b.Request(mint(b, "refuse.test", 8, nil))
		br.Creator, br.Root = d.creator.Hex(), common.Hash(d.batch.Root()).Hex()
		br.DepositID = common.Hash{1}.Hex()
		body, _ := json.Marshal(br)
		if status, eb := post(t, cl.URL, "application/json", body); status != 400 || !strings.Contains(eb.Error.Message, "is not the id of creator") {
			t.Errorf("mismatched depositId: %d %+v", status, eb)
		}
	})

	t.Run("status", func(t *testing.T) {
		_, err := cl.Status(ctx, strings.Repeat("0", 32))
		wantAPIError(t, "unknown id", err, 404, CodeNotFound)
		resp, err := http.Get(cl.URL + PathBurns + "/../../etc")
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode/100 == 2 {
			t.Errorf("GET of a path outside the API: %d", resp.StatusCode)
		}
	})

	if n := c.nonce(t, relayOpts.From); n != 0 {
		t.Errorf("the relay sent %d transactions while refusing requests", n)
	}
}

// A client that submits faster than the rate gets 429 with Retry-After;
// reads have their own, larger budget.
func TestRateLimit(t *testing.T) {
	c := getChain(t)
	_, relayOpts := c.account(t)
	o := testOptions("rate.test")
	o.Rate, o.Burst = 1, 2 // one a minute, two at once
	r := c.openRelay(t, filepath.Join(t.TempDir(), "relay.db"), relayOpts, o)
	defer r.Close()
	cl := serveHTTP(t, r)
	d := c.deposit(t, milliEth(10), milliEth(1), "a@example.com", "b@example.com", "c@example.com")
	for i := range 2 {
		if _, err := submit(t, cl, r, c.burn(t, d, i)); err != nil {
			t.Fatalf("request %d within the burst: %v", i, err)
		}
	}
	_, err := submit(t, cl, r, c.burn(t, d, 2))
	wantAPIError(t, "third request", err, 429, CodeRateLimited)
	var ae *APIError
	if errors.As(err, &ae) && (ae.RetryAfter < 30*time.Second || ae.RetryAfter > 61*time.Second || !ae.Temporary()) {
		t.Errorf("Retry-After %v, temporary %v; want about a minute, temporary", ae.RetryAfter, ae.Temporary())
	}
	for i := range 15 {
		if _, err := cl.Health(ctxFor(t, time.Minute)); err != nil {
			t.Fatalf("health read %d: %v", i, err)
		}
	}
}

func TestLimiter(t *testing.T) {
	now := time.Unix(1_000_000, 0)
	l := newLimiter(0.5, 2, func() time.Time { return now })
	for i := range 2 {
		if ok, _ := l.allow("a"); !ok {
			t.Fatalf("request %d within the burst refused", i)
		}
	}
	ok, wait := l.allow("a")
	if ok || wait != 2*time.Second {
		t.Fatalf("over the burst: ok=%v wait=%v, want refused for 2s", ok, wait)
	}
	if ok, _ := l.allow("b"); !ok {
		t.Fatal("another client was limited by the first one's use")
	}
	now = now.Add(2 * time.Second)
	if ok, _ := l.allow("a"); !ok {
		t.Fatal("token not refilled after 2s at 0.5/s")
	}
	now = now.Add(time.Hour)
	l.sweep(now)
	if len(l.clients) != 0 {
		t.Errorf("sweep kept %d idle clients", len(l.clients))
	}
}
