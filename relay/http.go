package relay

import (
	"context"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/big"
	"mime"
	"net"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/postage-mail/postage/chain"
	"github.com/postage-mail/postage/hashcash"
	"github.com/postage-mail/postage/stake"
)

// Handler is the relay's HTTP API (docs/relay.md).
func (r *Relay) Handler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("POST "+PathBurns, r.handleSubmit)
	mux.HandleFunc("GET "+PathBurns+"/{id}", r.handleStatus)
	mux.HandleFunc("POST "+PathBurns+"/{id}/cancel", r.handleCancel)
	mux.HandleFunc("POST "+PathReveals, r.handleReveals)
	mux.HandleFunc("GET "+PathReveals+"/{id}", r.handleStatus)
	mux.HandleFunc("GET "+PathHealth, r.handleHealth)
	mux.HandleFunc("/", func(w http.ResponseWriter, req *http.Request) {
		writeError(w, http.StatusNotFound, CodeNotFound, "no such endpoint: see docs/relay.md")
	})
	return mux
}

// statusOf is the HTTP status of each error code.
var statusOf = map[string]int{
	CodeBadRequest:       http.StatusBadRequest,
	CodeUnsupportedMedia: http.StatusUnsupportedMediaType,
	CodeBodyTooLarge:     http.StatusRequestEntityTooLarge,
	CodeWrongContract:    http.StatusUnprocessableEntity,
	CodeWorkInvalid:      http.StatusForbidden,
	CodeWorkReplayed:     http.StatusConflict,
	CodeAlreadyBurned:    http.StatusConflict,
	CodeInvalidProof:     http.StatusUnprocessableEntity,
	CodeUnknownDeposit:   http.StatusUnprocessableEntity,
	CodeDepositWithdrawn: http.StatusUnprocessableEntity,
	CodeBountyTooLow:     http.StatusUnprocessableEntity,
	CodeRefused:          http.StatusUnprocessableEntity,
	CodeRateLimited:      http.StatusTooManyRequests,
	CodeQueueFull:        http.StatusServiceUnavailable,
	CodeChainUnavailable: http.StatusServiceUnavailable,
	CodeNotFound:         http.StatusNotFound,
	CodeTooLate:          http.StatusConflict,
	CodeAlreadyRevealed:  http.StatusConflict,
	CodeNotAuthorized:    http.StatusUnprocessableEntity,
	CodeUnknownBook:      http.StatusUnprocessableEntity,
	CodeRevealRefused:    http.StatusUnprocessableEntity,
	CodeInternal:         http.StatusInternalServerError,
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	_ = enc.Encode(v)
}

func writeError(w http.ResponseWriter, status int, code, msg string) {
	var body ErrorBody
	body.Error.Code, body.Error.Message = code, msg
	writeJSON(w, status, body)
}

func writeCode(w http.ResponseWriter, code, msg string) {
	writeError(w, statusOf[code], code, msg)
}

// clientOf is the rate-limit key: the peer's IP address. A relay behind a
// reverse proxy sees the proxy; the proxy must limit per client itself.
func clientOf(req *http.Request) string {
	host, _, err := net.SplitHostPort(req.RemoteAddr)
	if err != nil {
		return req.RemoteAddr
	}
	return host
}

func (r *Relay) limit(w http.ResponseWriter, req *http.Request, l *limiter) bool {
	ok, wait := l.allow(clientOf(req))
	if ok {
		return true
	}
	secs := int((wait + time.Second - 1) / time.Second)
	w.Header().Set("Retry-After", strconv.Itoa(max(secs, 1)))
	writeCode(w, CodeRateLimited, fmt.Sprintf("too many requests from this client: retry in %ds", max(secs, 1)))
	return false
}

// submission admits a submission (burns or reveals) and decodes its JSON
// body into v: within the submit rate, of JSON type, within MaxBody. It
// has answered the client when it returns false.
func (r *Relay) submission(w http.ResponseWriter, req *http.Request, v any, what string) bool {
	if !r.limit(w, req, r.submits) || !jsonBody(w, req) {
		return false
	}
	if err := decodeJSON(w, req, r.opts.MaxBody, v, what); err != nil {
		writeDecodeError(w, err, r.opts.MaxBody)
		return false
	}
	return true
}

func (r *Relay) handleSubmit(w http.ResponseWriter, req *http.Request) {
	br := new(BurnRequest)
	if !r.submission(w, req, br, "burn request") {
		return
	}
	b, err := br.Parse()
	if err != nil {
		writeCode(w, CodeBadRequest, err.Error())
		return
	}
	hold, err := br.ParseHold()
	if err != nil {
		writeCode(w, CodeBadRequest, err.Error())
		return
	}
	if limit := r.opts.Now().Add(r.opts.MaxHold); hold.NotBefore.After(limit) {
		writeCode(w, CodeBadRequest, fmt.Sprintf("notBefore %s: this relay holds burns at most %v", hold.NotBefore.UTC().Format(time.RFC3339), r.opts.MaxHold))
		return
	}
	if b.ChainID != r.chain.chainID.Uint64() || b.Contract != r.chain.contract || r.chain.contract == (common.Address{}) {
		writeCode(w, CodeWrongContract, fmt.Sprintf("this relay burns on chain %d, contract %s; the request is for chain %d, contract %s",
			r.chain.chainID, r.chain.contract, b.ChainID, b.Contract))
		return
	}
	res, err := r.checkStamp(req.Context(), br.Work, extName, hold.Digest(b))
	if err != nil {
		writeCode(w, CodeWorkInvalid, err.Error())
		return
	}
	if !r.spend(w, br.Work, res.Expires) {
		return
	}
	out, dup, code, msg := r.accept(req.Context(), b, hold)
	if code != "" {
		r.refuse(w, br.Work, code, msg)
		return
	}
	status := http.StatusAccepted
	if dup {
		status = http.StatusOK
	}
	writeJSON(w, status, SubmitResponse{ID: out.ID, Status: out.State, Duplicate: dup})
}

// jsonBody refuses a request whose body is not declared JSON.
func jsonBody(w http.ResponseWriter, req *http.Request) bool {
	if mt, _, err := mime.ParseMediaType(req.Header.Get("Content-Type")); err != nil || mt != "application/json" {
		writeCode(w, CodeUnsupportedMedia, "send the request as Content-Type: application/json")
		return false
	}
	return true
}

// decodeJSON reads exactly one JSON object with only known fields into v.
func decodeJSON(w http.ResponseWriter, req *http.Request, maxBody int64, v any, what string) error {
	body := http.MaxBytesReader(w, req.Body, maxBody)
	dec := json.NewDecoder(body)
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			return err
		}
		return fmt.Errorf("%w: not a JSON %s: %v", ErrBadRequest, what, err)
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			return err
		}
		return fmt.Errorf("%w: data after the JSON object", ErrBadRequest)
	}
	return nil
}

func writeDecodeError(w http.ResponseWriter, err error, maxBody int64) {
	var mbe *http.MaxBytesError
	if errors.As(err, &mbe) {
		writeCode(w, CodeBodyTooLarge, fmt.Sprintf("request body over %d bytes", maxBody))
		return
	}
	writeCode(w, CodeBadRequest, err.Error())
}

// spend records a request's work stamp before any chain access: a
// replayed stamp must not buy a second round of eth_calls. It answers the
// client itself when it returns false.
func (r *Relay) spend(w http.ResponseWriter, work string, expires time.Time) bool {
	switch err := r.store.spendStamp(work, expires); {
	case errors.Is(err, errReplayed):
		writeCode(w, CodeWorkReplayed, "this work stamp was used before: mint a new one")
		return false
	case err != nil:
		r.log.Error("spend work stamp", "err", err)
		writeCode(w, CodeInternal, "cannot record the work stamp")
		return false
	}
	return true
}

// refuse answers a request the relay did not take.
func (r *Relay) refuse(w http.ResponseWriter, work, code, msg string) {
	r.refusals.add(code, msg)
	switch code {
	case CodeChainUnavailable, CodeQueueFull, CodeInternal:
		// No answer on the merits: the client may retry with the same
		// work.
		if err := r.store.unspendStamp(work); err != nil {
			r.log.Error("unspend work stamp", "err", err)
		}
		if code != CodeInternal {
			w.Header().Set("Retry-After", "30")
		}
	}
	writeCode(w, code, msg)
}

// checkStamp verifies a work stamp bound to a request by the extension
// ext=<hex of want>.
func (r *Relay) checkStamp(ctx context.Context, text, ext string, want [32]byte) (hashcash.Result, error) {
	wantExt := ext + "=" + hex.EncodeToString(want[:])
	if text == "" {
		return hashcash.Result{}, fmt.Errorf("no work stamp: mint one for resource %q, %d bits, extension %s", r.opts.Name, r.price.current(ctx), wantExt)
	}
	pol := *r.policy
	pol.Requirements = []hashcash.Requirement{{Resource: r.opts.Name, Bits: r.price.accepted(ctx)}}
	res, err := pol.Check(text)
	if err != nil {
		return res, fmt.Errorf("work stamp refused: %w", err)
	}
	if res.Stamp.Version != 1 {
		return res, errors.New("work stamp refused: version 0 stamps carry no extension to bind them to the request")
	}
	found := false
	for _, field := range strings.Split(res.Stamp.Ext, ";") {
		name, value, _ := strings.Cut(field, "=")
		if name != ext {
			continue
		}
		if found {
			return res, fmt.Errorf("work stamp refused: two %s= extensions", ext)
		}
		found = true
		got, err := hex.DecodeString(value)
		if err != nil || len(got) != len(want) || [32]byte(got) != want {
			return res, fmt.Errorf("work stamp refused: it was minted for another request (want extension %s)", wantExt)
		}
	}
	if !found {
		return res, fmt.Errorf("work stamp refused: no %s= extension binding it to the request (want %s)", ext, wantExt)
	}
	return res, nil
}

// accept checks the burn on chain and queues it. code is "" on success,
// else an error code and its message.
func (r *Relay) accept(ctx context.Context, b Burn, hold Hold) (out *record, dup bool, code, msg string) {
	id := b.ID()
	old, err := r.store.get(id)
	if err != nil {
		r.log.Error("read queue", "err", err)
		return nil, false, CodeInternal, "cannot read the queue"
	}
	if old != nil && old.State != StateFailed && old.State != StateCancelled {
		// The same leaf again: no chain check, but this submitter's hold
		// joins a request that still waits.
		out, dup, err := r.store.accept(&record{ID: id}, hold, r.opts.BatchWait, r.opts.MaxQueued)
		if err != nil {
			r.log.Error("queue request", "err", err)
			return nil, false, CodeInternal, "cannot write the queue"
		}
		if !dup {
			// It failed or was cancelled in between: check it afresh.
			return r.accept(ctx, b, hold)
		}
		return out, true, "", ""
	}

	select {
	case r.checks <- struct{}{}:
		defer func() { <-r.checks }()
	case <-ctx.Done():
		return nil, false, CodeChainUnavailable, "request cancelled"
	}
	ctx, cancel := context.WithTimeout(ctx, 20*time.Second)
	defer cancel()

	if err := r.chain.simulate(ctx, []Burn{b}); err != nil {
		code, _ := refusal(err)
		if code == CodeChainUnavailable {
			r.log.Warn("simulate burn", "err", err)
			return nil, false, code, "the relay cannot reach its chain: retry later"
		}
		return nil, false, code, burnRefusal(b, err)
	}
	info, err := r.chain.deposit(ctx, b.DepositID)
	if err != nil {
		r.log.Warn("read deposit", "err", err)
		return nil, false, CodeChainUnavailable, "the relay cannot reach its chain: retry later"
	}
	gas, err := r.chain.estimate(ctx, []Burn{b})
	if err != nil {
		if code, _ := refusal(err); code != CodeChainUnavailable {
			return nil, false, code, burnRefusal(b, err)
		}
		return nil, false, CodeChainUnavailable, "the relay cannot reach its chain: retry later"
	}
	base, tip, err := r.chain.price(ctx)
	if err != nil {
		return nil, false, CodeChainUnavailable, "the relay cannot reach its chain: retry later"
	}
	price := new(big.Int).Add(base, tip)
	bounty := info.BountyPerLeaf
	if bounty == nil {
		bounty = new(big.Int)
	}
	if !covers(bounty, gas, price, r.opts.MarginPercent) {
		cost := new(big.Int).Mul(new(big.Int).SetUint64(gas), price)
		return nil, false, CodeBountyTooLow, fmt.Sprintf("the deposit's bounty of %s wei per leaf does not cover the burn's gas (%d gas at %s wei = %s wei) plus the relay's %d%% margin",
			bounty, gas, price, cost, r.opts.MarginPercent)
	}

	now := r.opts.Now()
	rec := &record{
		ID: id, ChainID: b.ChainID, Contract: b.Contract, DepositID: b.DepositID, Secret: b.Secret,
		Index: b.Index, Proof: b.Proof, State: StateQueued, Next: now.Add(r.opts.BatchWait),
		Created: now, Updated: now,
	}
	out, dup, err = r.store.accept(rec, hold, r.opts.BatchWait, r.opts.MaxQueued)
	switch {
	case errors.Is(err, errQueueFull):
		return nil, false, CodeQueueFull, fmt.Sprintf("%d requests are waiting: retry later", r.opts.MaxQueued)
	case err != nil:
		r.log.Error("queue request", "err", err)
		return nil, false, CodeInternal, "cannot write the queue"
	}
	if !dup {
		r.log.Info("burn request queued", "id", id, "deposit", b.DepositID, "index", b.Index, "not_before", out.Held, "cancellable", out.cancellable())
		r.notify()
	}
	return out, dup, "", ""
}

func burnRefusal(b Burn, err error) string {
	return refusalMsg(fmt.Sprintf("burn leaf %d of deposit %s", b.Index, b.DepositID), err)
}

// refusalMsg says why the contract refuses to do what: the custom error's
// name when the revert names one (a ticket book's too: its RevertError
// wraps chain's), else the error.
func refusalMsg(what string, err error) string {
	var re *chain.RevertError
	reason := err.Error()
	if errors.As(err, &re) && re.Name != "" {
		reason = re.Name
	}
	return "the contract refuses to " + what + ": " + reason
}

func (r *Relay) handleStatus(w http.ResponseWriter, req *http.Request) {
	if !r.limit(w, req, r.reads) {
		return
	}
	id := req.PathValue("id")
	if !validID(id) {
		writeCode(w, CodeBadRequest, "a request id is 32 lowercase hex digits")
		return
	}
	rec, err := r.store.get(id)
	if err != nil {
		r.log.Error("read queue", "err", err)
		writeCode(w, CodeInternal, "cannot read the queue")
		return
	}
	if rec == nil {
		writeCode(w, CodeNotFound, "no request with id "+id)
		return
	}
	writeJSON(w, http.StatusOK, rec.status())
}

// handleCancel withdraws one submitter's hold on a queued burn: POST
// /v1/burns/{id}/cancel with the cancel token.
func (r *Relay) handleCancel(w http.ResponseWriter, req *http.Request) {
	if !r.limit(w, req, r.submits) {
		return
	}
	id := req.PathValue("id")
	if !validID(id) {
		writeCode(w, CodeBadRequest, "a request id is 32 lowercase hex digits")
		return
	}
	if !jsonBody(w, req) {
		return
	}
	cr := new(CancelRequest)
	if err := decodeJSON(w, req, r.opts.MaxBody, cr, "cancel request"); err != nil {
		writeDecodeError(w, err, r.opts.MaxBody)
		return
	}
	tok, err := stake.ParseHash(cr.Token)
	if err != nil {
		writeCode(w, CodeBadRequest, "token: "+err.Error())
		return
	}
	rec, err := r.store.cancel(id, CancelHashOf(tok), r.opts.BatchWait, r.opts.Now())
	switch {
	case errors.Is(err, errNotFound):
		writeCode(w, CodeNotFound, "no request with id "+id)
		return
	case errors.Is(err, errNotAuthorized):
		writeCode(w, CodeNotAuthorized, "the token matches no cancellable submission of request "+id)
		return
	case errors.Is(err, errTooLate):
		writeCode(w, CodeTooLate, fmt.Sprintf("request %s is %s: too late to cancel", id, rec.State))
		return
	case err != nil:
		r.log.Error("cancel request", "err", err)
		writeCode(w, CodeInternal, "cannot write the queue")
		return
	}
	r.log.Info("burn request hold withdrawn", "id", id, "status", rec.State)
	writeJSON(w, http.StatusOK, rec.status())
}

func (r *Relay) handleHealth(w http.ResponseWriter, req *http.Request) {
	if !r.limit(w, req, r.reads) {
		return
	}
	ctx, cancel := context.WithTimeout(req.Context(), 10*time.Second)
	defer cancel()
	writeHealth(w, r.Health(ctx))
}

func writeHealth(w http.ResponseWriter, h Health) {
	status := http.StatusOK
	if h.Status != "ok" {
		status = http.StatusServiceUnavailable
	}
	writeJSON(w, status, h)
}

// Health reports the relay's parameters and whether it can send burns.
func (r *Relay) Health(ctx context.Context) Health {
	h := Health{
		Status: "ok", Name: r.opts.Name, Bits: r.price.current(ctx),
		StampValidity: int64(r.opts.StampValidity / time.Second),
		ChainID:       r.chain.chainID.Uint64(), Contract: r.chain.contract.Hex(),
		Account: r.chain.from.Hex(), MarginPercent: r.opts.MarginPercent, MaxBody: r.opts.MaxBody,
	}
	if r.chain.ticketBook != (common.Address{}) {
		h.TicketBook, h.MaxReveals = r.chain.ticketBook.Hex(), r.opts.BatchMax
	}
	var err error
	if h.Queued, h.InFlight, err = r.store.counts(); err != nil {
		h.Problems = append(h.Problems, "cannot read the queue")
	}
	bal, err := r.chain.b.BalanceAt(ctx, r.chain.from, nil)
	switch {
	case err != nil:
		h.Problems = append(h.Problems, "cannot read the chain")
	case bal.Sign() == 0:
		h.Balance = "0"
		h.Problems = append(h.Problems, "the relay's account has no ETH to pay gas")
	default:
		h.Balance = bal.String()
	}
	if len(h.Problems) > 0 {
		h.Status = "degraded"
	}
	return h
}
