package punish

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math/big"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"

	"github.com/postage-mail/postage/chain"
	"github.com/postage-mail/postage/relay"
	"github.com/postage-mail/postage/wei"
)

// Status is how a punishment, a cancel or a pass over the queue ended;
// `postage punish` turns it into its exit status.
type Status int

const (
	// OK: burned, queued, cancelled, or nothing to do (already burned).
	OK Status = iota
	// Invalid: the stamp is not valid for this recipient, the burn is
	// refused for good, or a cancel came too late.
	Invalid
	// NoStake: the message has no stake stamp (or ticket) for this
	// recipient.
	NoStake
	// Usage: a usage or configuration error.
	Usage
	// Software: a request this side built was refused as malformed.
	Software
	// IOError: the local queue or key cannot be used.
	IOError
	// TempFail: the chain or the relays could not be reached, refused
	// for now, or a wait timed out: try again.
	TempFail
)

// Client is what Punisher needs of an Ethereum JSON-RPC client
// (*ethclient.Client).
type Client interface {
	BlockNumber(ctx context.Context) (uint64, error)
	TransactionReceipt(ctx context.Context, tx common.Hash) (*types.Receipt, error)
}

// Chain is a connection to the deposit contract.
type Chain struct {
	Client   Client
	ChainID  *big.Int
	Contract *chain.Contract
	Reader   *chain.Reader
	// Writer returns a writer paying with this host's account
	// (chain.account), for burns without a relay.
	Writer func() (*chain.Writer, error)
	// Close ends the connection (nil: nothing to close).
	Close func()
}

// Punisher carries out punishments and works the local queue (`postage
// punish`, its --due, and `postage serve`).
type Punisher struct {
	// Delay is the undo window (punish.delay); RelayTimeout how long a
	// relay has to land a burn after it is due (punish.relay_timeout);
	// Confirmations how deep a burn must be to count as landed.
	Delay, RelayTimeout time.Duration
	Confirmations       int
	// MaxDelayFraction: Delay must stay below this fraction of the
	// contract's withdrawal delay (config.MaxPunishDelayFraction).
	MaxDelayFraction float64
	// QueuePath is the local queue (bbolt), KeyPath the cancel-token key.
	QueuePath, KeyPath string
	// Relays are tried in order; empty: burns are paid with own ETH.
	Relays []string
	// Connect connects to the chain; it is called once, on first need.
	Connect func(ctx context.Context) (*Chain, error)
	// Logf reports what happens, one line each; Out gets the lines a
	// caller may parse ("request <id>", "tx <hash>", "queued <id> until
	// <time>").
	Logf func(format string, a ...any)
	Out  io.Writer

	conn    *Chain
	connErr error
	dialed  bool
}

// Close closes the chain connection, if one was made.
func (p *Punisher) Close() {
	if p.conn != nil && p.conn.Close != nil {
		p.conn.Close()
	}
}

// Serve works the local queue at queue (Work) until ctx ends: every 30 s,
// or a quarter of delay (the undo window) when that is shorter (at least
// a second), with a fresh punisher from newP each pass (it connects
// anew, and is closed after), while the queue file exists. It reports
// the errors of a pass with warn. The returned channel is closed once it
// stopped.
func Serve(ctx context.Context, queue string, delay time.Duration, newP func() *Punisher, warn func(error)) <-chan struct{} {
	done := make(chan struct{})
	every := 30 * time.Second
	if q := delay / 4; q > 0 && q < every {
		every = max(q, time.Second)
	}
	go func() {
		defer close(done)
		t := time.NewTicker(every)
		defer t.Stop()
		for {
			if _, err := os.Stat(queue); err == nil {
				p := newP()
				if _, err := p.Work(ctx); err != nil {
					warn(err)
				}
				p.Close()
			}
			select {
			case <-ctx.Done():
				return
			case <-t.C:
			}
		}
	}()
	return done
}

// chain connects once.
func (p *Punisher) chain(ctx context.Context) (*Chain, error) {
	if !p.dialed {
		p.dialed = true
		cctx, cancel := context.WithTimeout(ctx, 20*time.Second)
		p.conn, p.connErr = p.Connect(cctx)
		cancel()
	}
	return p.conn, p.connErr
}

// chainFor is the chain connection when it is the burn's chain and
// contract, else nil with the reason.
func (p *Punisher) chainFor(ctx context.Context, b relay.Burn) (*Chain, error) {
	conn, err := p.chain(ctx)
	if err != nil {
		return nil, err
	}
	if b.ChainID != conn.ChainID.Uint64() || b.Contract != conn.Contract.Address() {
		return nil, fmt.Errorf("the deposit is on chain %d, contract %s; connected to chain %d, contract %s", b.ChainID, b.Contract, conn.ChainID, conn.Contract.Address())
	}
	return conn, nil
}

// withQueue opens the local queue for one operation.
func (p *Punisher) withQueue(fn func(*Queue) error) error {
	if err := os.MkdirAll(filepath.Dir(p.QueuePath), 0o700); err != nil {
		return fmt.Errorf("punish queue: %w", err)
	}
	q, err := OpenQueue(p.QueuePath, 10*time.Second)
	if err != nil {
		return err
	}
	defer q.Close()
	return fn(q)
}

// burnedAt reads, uncached, whether the leaf is burned in the block that
// has confs confirmations (the head for 1).
func (c *Chain) burnedAt(ctx context.Context, b relay.Burn, confs int) (bool, error) {
	head, err := c.Client.BlockNumber(ctx)
	if err != nil {
		return false, fmt.Errorf("read the chain's head: %w", err)
	}
	if uint64(confs) > head+1 {
		return false, nil
	}
	return c.Contract.IsBurnedAt(ctx, b.DepositID, uint64(b.Index), new(big.Int).SetUint64(head+1-uint64(confs)))
}

// relayStatus maps a relay error to the outcome.
func relayStatus(err error) Status {
	var ae *relay.APIError
	if !errors.As(err, &ae) {
		return TempFail // unreachable, or a garbled answer
	}
	switch ae.Code {
	case relay.CodeInvalidProof, relay.CodeUnknownDeposit, relay.CodeDepositWithdrawn, relay.CodeBountyTooLow, relay.CodeRefused:
		return Invalid
	case relay.CodeBadRequest, relay.CodeBodyTooLarge, relay.CodeUnsupportedMedia:
		return Software
	}
	return TempFail
}

func bigOf(s string) *big.Int {
	v, ok := new(big.Int).SetString(s, 10)
	if !ok {
		return new(big.Int)
	}
	return v
}

// Punish burns b now (now, or a deposit that unlocks within the undo
// window), or queues it for the undo window. With relays and wait it
// waits up to timeout for the chain to show the burn.
func (p *Punisher) Punish(ctx context.Context, b relay.Burn, now, wait bool, timeout time.Duration) Status {
	delay := p.Delay
	if now {
		delay = 0
	}
	conn, err := p.chainFor(ctx, b)
	if err != nil {
		if len(p.Relays) == 0 {
			p.Logf("%v", err)
			if strings.Contains(err.Error(), "connected to chain") {
				p.Logf("pass --rpc for that chain")
			}
			return TempFail
		}
		p.Logf("cannot check the chain (%v): relying on the relays' answers", err)
	}
	if conn != nil {
		burned, err := conn.Reader.IsBurned(ctx, b.DepositID, uint64(b.Index))
		switch {
		case err == nil && burned:
			p.Logf("already burned: leaf %d of deposit %s (nothing to do)", b.Index, b.DepositID)
			return OK
		case errors.Is(err, chain.ErrUnknownDeposit), errors.Is(err, chain.ErrIndexOutOfRange):
			p.Logf("cannot burn: %v", err)
			return Invalid
		}
		d, err := conn.Reader.Deposit(ctx, b.DepositID)
		if err == nil && d.Status == chain.StatusWithdrawn {
			p.Logf("cannot burn: deposit %s was withdrawn", b.DepositID)
			return Invalid
		}
		if delay > 0 {
			wd, derr := conn.Contract.ReadDelay(ctx)
			if derr == nil && float64(delay) >= float64(wd)*p.MaxDelayFraction {
				p.Logf("config: punish.delay %v is not well inside the deposit contract's withdrawal delay %v: set it below %v (or punish with --now)", delay, wd, time.Duration(float64(wd)*p.MaxDelayFraction))
				return Usage
			}
			if err == nil && !d.UnlockAt.IsZero() && time.Until(d.UnlockAt) < delay+p.RelayTimeout {
				p.Logf("the deposit's withdrawal unlocks at %s, before the undo window would end: burning at once", d.UnlockAt.UTC().Format(time.RFC3339))
				delay = 0
			}
		}
	}
	if delay == 0 {
		if len(p.Relays) == 0 {
			return p.burnOwn(ctx, conn, b)
		}
		return p.burnViaRelays(ctx, conn, b, wait, timeout)
	}
	if wait {
		p.Logf("--wait needs --now: the burn waits punish.delay (%v) first", delay)
		return Usage
	}
	return p.queue(ctx, b, delay)
}

// queue records the punishment and, with relays, hands it to the first
// that takes it, held until the window ends.
func (p *Punisher) queue(ctx context.Context, b relay.Burn, delay time.Duration) Status {
	now := time.Now()
	due := now.Add(delay).Truncate(time.Second)
	var existing *Entry
	if err := p.withQueue(func(q *Queue) error {
		var err error
		existing, err = q.Get(b.ID())
		return err
	}); err != nil {
		p.Logf("%v", err)
		return IOError
	}
	if existing != nil && !(existing.State == Cancelled || existing.State == Failed) {
		p.Logf("already punished: leaf %d of deposit %s is %s (due %s)", b.Index, b.DepositID, existing.State, existing.Due.UTC().Format(time.RFC3339))
		return OK
	}
	e := &Entry{ID: b.ID(), Burn: b, Due: due, State: Waiting, Next: due, Created: now, Updated: now}
	if len(p.Relays) > 0 {
		key, err := LoadKey(p.KeyPath)
		if err != nil {
			p.Logf("%v", err)
			return IOError
		}
		hold := relay.Hold{NotBefore: due, CancelHash: relay.CancelHashOf(CancelToken(key, b.ID()))}
		e.State, e.UseRelays = AtRelay, p.Relays
		r := p.submit(ctx, b, hold, 0)
		switch {
		case r.already:
			p.Logf("already burned: leaf %d of deposit %s (nothing to do)", b.Index, b.DepositID)
			return OK
		case r.idx >= 0:
			fmt.Fprintf(p.Out, "request %s\n", r.res.ID)
			e.Relays = []Submission{{URL: p.Relays[r.idx], RequestID: r.res.ID, At: now}}
			e.Next = due.Add(p.RelayTimeout)
		default:
			// No relay can take it now: nothing is recorded, and the
			// caller tries again (exit 75; the Dovecot pipe keeps the
			// message in its spool for the retry job).
			return r.code
		}
	}
	if err := p.withQueue(func(q *Queue) error {
		_, _, err := q.Add(e)
		return err
	}); err != nil {
		p.Logf("%v", err)
		return IOError
	}
	fmt.Fprintf(p.Out, "queued %s until %s\n", e.ID, due.UTC().Format(time.RFC3339))
	where := "in the local queue (postage serve or punish --due sends it)"
	if len(e.Relays) > 0 {
		where = "at relay " + e.Relays[0].URL
	}
	p.Logf("punishment of leaf %d of deposit %s queued until %s %s; moving the message out of Junk (postage punish --cancel) cancels it", b.Index, b.DepositID, due.UTC().Format(time.RFC3339), where)
	return OK
}

type submitResult struct {
	idx     int // the relay that took it, -1 for none
	res     relay.SubmitResponse
	code    Status // the outcome when none took it
	already bool
}

// submit tries the relays from start on, in order, until one takes the
// request.
func (p *Punisher) submit(ctx context.Context, b relay.Burn, hold relay.Hold, start int) submitResult {
	out := submitResult{idx: -1, code: TempFail}
	temp := false
	for i := start; i < len(p.Relays); i++ {
		u := p.Relays[i]
		cl := &relay.Client{URL: u}
		h, err := cl.Health(ctx)
		if err != nil {
			p.Logf("relay %s: %v", u, err)
			out.code = relayStatus(err)
			temp = temp || out.code == TempFail
			continue
		}
		if h.ChainID != b.ChainID || !strings.EqualFold(h.Contract, b.Contract.Hex()) {
			p.Logf("relay %s burns on chain %d, contract %s; this stamp's deposit is on chain %d, contract %s", u, h.ChainID, h.Contract, b.ChainID, b.Contract)
			continue
		}
		if h.Status != "ok" {
			p.Logf("relay %s reports problems (%s); submitting anyway: it keeps the request", u, strings.Join(h.Problems, "; "))
		}
		work, err := relay.MintHeld(ctx, b, hold, h.Name, h.Bits)
		if err != nil {
			p.Logf("%v", err)
			out.code = Software
			return out
		}
		res, err := cl.SubmitHeld(ctx, b, hold, work)
		var ae *relay.APIError
		switch {
		case errors.As(err, &ae) && ae.Code == relay.CodeAlreadyBurned:
			out.already = true
			return out
		case err != nil:
			p.Logf("relay %s: %v", u, err)
			out.code = relayStatus(err)
			temp = temp || out.code == TempFail
			continue
		}
		if res.Duplicate {
			p.Logf("the relay already has this burn: request %s, %s", res.ID, res.Status)
		} else {
			p.Logf("queued at relay %s: request %s for leaf %d of deposit %s", u, res.ID, b.Index, b.DepositID)
		}
		out.idx, out.res, out.code = i, res, OK
		return out
	}
	if temp {
		out.code = TempFail
	}
	return out
}

// burnViaRelays sends the burn at once through the first relay that
// takes it. With wait it follows the chain, not the relay's answers:
// a relay that does not land the burn within relay_timeout is
// replaced by the next. Without wait the punishment is remembered, so
// that the queue runner checks the chain later and does the same.
func (p *Punisher) burnViaRelays(ctx context.Context, conn *Chain, b relay.Burn, wait bool, timeout time.Duration) Status {
	deadline := time.Now().Add(timeout)
	for start := 0; start < len(p.Relays); {
		r := p.submit(ctx, b, relay.Hold{}, start)
		switch {
		case r.already:
			p.Logf("already burned: leaf %d of deposit %s (nothing to do)", b.Index, b.DepositID)
			return OK
		case r.idx < 0:
			return r.code
		}
		fmt.Fprintf(p.Out, "request %s\n", r.res.ID)
		if !wait {
			now := time.Now()
			e := &Entry{ID: b.ID(), Burn: b, Due: now, State: AtRelay, UseRelays: p.Relays,
				Relays: []Submission{{URL: p.Relays[r.idx], RequestID: r.res.ID, At: now}},
				Next:   now.Add(p.RelayTimeout), Created: now, Updated: now}
			if err := p.withQueue(func(q *Queue) error { _, _, err := q.Add(e); return err }); err != nil {
				p.Logf("%v (the relay has the request; nothing will check that it lands)", err)
			}
			return OK
		}
		until := time.Now().Add(p.RelayTimeout)
		if until.After(deadline) {
			until = deadline
		}
		code, landed := p.waitLanded(ctx, conn, b, p.Relays[r.idx], r.res.ID, until, deadline)
		if landed {
			return code
		}
		if !time.Now().Before(deadline) {
			p.Logf("request %s: --wait timed out after %v", r.res.ID, timeout)
			return TempFail
		}
		p.Logf("relay %s did not land the burn in time (the chain does not show leaf %d burned): trying the next relay", p.Relays[r.idx], b.Index)
		start = r.idx + 1
	}
	p.Logf("no relay landed the burn of leaf %d of deposit %s", b.Index, b.DepositID)
	return TempFail
}

// waitLanded follows request id at relay u until the chain shows the
// leaf burned with confirmations confirmations, or until. Once the
// chain holds the successful receipt of the transaction the relay names,
// the relay has landed the burn: what remains is confirmations, which no
// other relay would get sooner, so the wait goes on until deadline (the
// whole --wait) instead. Without a chain connection it takes the relay's
// word, and says so.
func (p *Punisher) waitLanded(ctx context.Context, conn *Chain, b relay.Burn, u, id string, until, deadline time.Time) (Status, bool) {
	limit := until
	wctx, cancel := context.WithDeadline(ctx, maxTime(until, deadline))
	defer cancel()
	cl := &relay.Client{URL: u}
	var last relay.Status
	for {
		s, err := cl.Status(wctx, id)
		if err == nil {
			last = s
		}
		if conn != nil && limit.Before(deadline) && last.Status == relay.StateBurned && last.Tx != "" {
			if rcpt, err := conn.Client.TransactionReceipt(wctx, common.HexToHash(last.Tx)); err == nil && rcpt.Status == 1 {
				limit = deadline
			}
		}
		if conn == nil {
			if err == nil && relay.Final(s.Status) {
				return p.relaysWord(b, u, id, s)
			}
		} else if ok, err := conn.burnedAt(wctx, b, p.Confirmations); err == nil && ok {
			p.landed(ctx, conn, b, cl, id, last)
			return OK, true
		}
		timedOut := false
		select {
		case <-wctx.Done():
			timedOut = true
		case <-time.After(500 * time.Millisecond):
			timedOut = time.Now().After(limit)
		}
		if timedOut {
			switch {
			case last.Status == relay.StateBurned:
				p.Logf("relay %s says request %s burned in transaction %s, but the chain does not show leaf %d burned", u, id, last.Tx, b.Index)
			case last.Status != "":
				p.Logf("request %s at relay %s is still %s", id, u, last.Status)
			}
			return TempFail, false
		}
	}
}

// relaysWord is the end of a wait without a chain to read: the relay's
// final state s of request id, taken as it says.
func (p *Punisher) relaysWord(b relay.Burn, u, id string, s relay.Status) (Status, bool) {
	switch s.Status {
	case relay.StateBurned:
		fmt.Fprintf(p.Out, "tx %s\n", s.Tx)
		p.Logf("burned leaf %d of deposit %s in transaction %s (block %d; the relay was paid %s): the relay's word, the chain could not be read", b.Index, b.DepositID, s.Tx, s.Block, wei.Format(bigOf(s.Bounty)))
		return OK, true
	case relay.StateAlreadyBurned:
		p.Logf("already burned: leaf %d of deposit %s, by someone else (nothing to do)", b.Index, b.DepositID)
		return OK, true
	}
	p.Logf("relay %s gave up request %s: %s", u, id, s.Error)
	return TempFail, false
}

// landed reports a burn the chain shows with the confirmations waited
// for. It names the transaction only if the relay's own is there (the
// relay may read its receipt a moment later: it is asked again for up to
// 5 s).
func (p *Punisher) landed(ctx context.Context, conn *Chain, b relay.Burn, cl *relay.Client, id string, last relay.Status) {
	for grace := time.Now().Add(5 * time.Second); ; {
		if last.Status == relay.StateBurned && last.Tx != "" {
			rcpt, err := conn.Client.TransactionReceipt(ctx, common.HexToHash(last.Tx))
			if err == nil && rcpt.Status == 1 {
				fmt.Fprintf(p.Out, "tx %s\n", last.Tx)
				p.Logf("burned leaf %d of deposit %s in transaction %s (block %d; the relay was paid %s), burned on chain with %d confirmation(s)", b.Index, b.DepositID, last.Tx, rcpt.BlockNumber, wei.Format(bigOf(last.Bounty)), p.Confirmations)
				return
			}
		}
		if time.Now().After(grace) || relay.Final(last.Status) && last.Status != relay.StateBurned {
			break
		}
		time.Sleep(200 * time.Millisecond)
		if s, err := cl.Status(ctx, id); err == nil {
			last = s
		}
	}
	p.Logf("burned: leaf %d of deposit %s reads burned on chain with %d confirmation(s)", b.Index, b.DepositID, p.Confirmations)
}

// burnOwn burns with chain.account's ETH and waits for the receipt.
func (p *Punisher) burnOwn(ctx context.Context, conn *Chain, b relay.Burn) Status {
	if conn == nil {
		var err error
		if conn, err = p.chainFor(ctx, b); err != nil {
			p.Logf("%v", err)
			return TempFail
		}
	}
	w, err := conn.Writer()
	if err != nil {
		p.Logf("%v", err)
		return TempFail
	}
	res, err := w.Burn(ctx, b.DepositID, b.Secret, uint64(b.Index), b.Proof)
	switch {
	case errors.Is(err, chain.ErrLeafAlreadyBurned):
		p.Logf("already burned: leaf %d of deposit %s (nothing to do)", b.Index, b.DepositID)
		return OK
	case errors.Is(err, chain.ErrUnknownDeposit), errors.Is(err, chain.ErrDepositWithdrawn):
		p.Logf("cannot burn: %v", err)
		return Invalid
	case err != nil:
		p.Logf("burn leaf %d of deposit %s: %v", b.Index, b.DepositID, err)
		return TempFail
	}
	bounty := ""
	if res.Bounty != nil && res.Bounty.Sign() > 0 {
		bounty = ", bounty " + wei.Format(res.Bounty) + " paid to you"
	}
	p.Logf("burned leaf %d of deposit %s: %s destroyed%s, transaction %s", b.Index, b.DepositID, wei.Format(res.Burned), bounty, res.Receipt.TxHash)
	return OK
}

// Cancel withdraws this message's pending punishment.
func (p *Punisher) Cancel(ctx context.Context, b relay.Burn) Status {
	var e *Entry
	if err := p.withQueue(func(q *Queue) error {
		var err error
		e, err = q.Get(b.ID())
		return err
	}); err != nil {
		p.Logf("%v", err)
		return IOError
	}
	switch {
	case e == nil:
		p.Logf("no punishment of leaf %d of deposit %s is queued here: nothing to cancel", b.Index, b.DepositID)
		return OK
	case e.State == Cancelled:
		p.Logf("already cancelled: leaf %d of deposit %s", b.Index, b.DepositID)
		return OK
	case e.State == Burned, e.State == Sending:
		p.Logf("too late to cancel: the burn of leaf %d of deposit %s was sent", b.Index, b.DepositID)
		return Invalid
	case e.State == Failed:
		p.Logf("nothing to cancel: the punishment of leaf %d of deposit %s had failed (%s)", b.Index, b.DepositID, e.Error)
		return OK
	case e.State == Waiting:
		var tooLate bool
		if err := p.withQueue(func(q *Queue) error {
			_, err := q.Update(e.ID, func(x *Entry) error {
				if x.State != Waiting {
					tooLate = true
					return nil
				}
				x.State, x.Updated = Cancelled, time.Now()
				return nil
			})
			return err
		}); err != nil {
			p.Logf("%v", err)
			return IOError
		}
		if tooLate {
			p.Logf("too late to cancel: the burn of leaf %d of deposit %s was sent", b.Index, b.DepositID)
			return Invalid
		}
		p.Logf("cancelled: leaf %d of deposit %s will not be burned", b.Index, b.DepositID)
		return OK
	}
	return p.cancelAtRelays(ctx, e)
}

// cancelAtRelays withdraws the hold at every relay that has the request;
// if one cannot be reached the entry remembers it, and the queue runner
// tells it later (the hold keeps the burn back meanwhile only until it
// is due).
func (p *Punisher) cancelAtRelays(ctx context.Context, e *Entry) Status {
	key, err := LoadKey(p.KeyPath)
	if err != nil {
		p.Logf("%v", err)
		return IOError
	}
	tok := CancelToken(key, e.ID)
	pending, tooLate := false, false
	for _, s := range e.Relays {
		st, err := (&relay.Client{URL: s.URL}).Cancel(ctx, s.RequestID, tok)
		var ae *relay.APIError
		switch {
		case errors.As(err, &ae) && ae.Code == relay.CodeTooLate:
			tooLate = true
		case errors.As(err, &ae) && (ae.Code == relay.CodeNotFound || ae.Code == relay.CodeNotAuthorized):
			// It has no hold of ours (it never kept the request, or we
			// asked without one): nothing to withdraw there.
			p.Logf("relay %s holds no cancellable request %s of ours (%s)", s.URL, s.RequestID, ae.Code)
		case err != nil:
			p.Logf("relay %s: %v", s.URL, err)
			pending = true
		case st.Status == relay.StateCancelled:
		default:
			p.Logf("relay %s: our hold is withdrawn; request %s stays %s for another submitter", s.URL, s.RequestID, st.Status)
		}
	}
	now := time.Now()
	state, wanted := Cancelled, false
	switch {
	case tooLate:
		state = e.State
	case pending:
		state, wanted = e.State, true
	}
	if err := p.withQueue(func(q *Queue) error {
		_, err := q.Update(e.ID, func(x *Entry) error {
			x.State, x.CancelWanted, x.Updated = state, wanted, now
			if wanted {
				x.Next = now.Add(time.Minute)
			}
			return nil
		})
		return err
	}); err != nil {
		p.Logf("%v", err)
		return IOError
	}
	switch {
	case tooLate:
		p.Logf("too late to cancel: a relay has sent the burn of leaf %d of deposit %s", e.Burn.Index, e.Burn.DepositID)
		return Invalid
	case pending:
		p.Logf("cancel recorded; a relay could not be told yet: postage serve (or punish --due) tells it")
		return TempFail
	}
	p.Logf("cancelled: leaf %d of deposit %s will not be burned", e.Burn.Index, e.Burn.DepositID)
	return OK
}

// RunDue is `postage punish --due`: one pass over the queue (Work),
// reported.
func (p *Punisher) RunDue(ctx context.Context) Status {
	n, err := p.Work(ctx)
	if err != nil {
		p.Logf("%v", err)
		return IOError
	}
	p.Logf("%d queued punishment(s) handled", n)
	return OK
}

// Work handles every entry of the queue that needs it now: sends due
// local burns, submits relay requests no relay took yet, asks the next
// relay for a burn the chain does not show in time, and delivers cancels
// a relay missed. It returns how many entries it looked at.
func (p *Punisher) Work(ctx context.Context) (int, error) {
	var due []*Entry
	if err := p.withQueue(func(q *Queue) error {
		if _, err := q.Purge(time.Now().Add(-30 * 24 * time.Hour)); err != nil {
			return err
		}
		var err error
		due, err = q.Pending(time.Now())
		return err
	}); err != nil {
		return 0, err
	}
	for _, e := range due {
		if ctx.Err() != nil {
			break
		}
		switch {
		case e.CancelWanted:
			p.cancelAtRelays(ctx, e)
		case e.State == Waiting || e.State == Sending:
			p.sendLocal(ctx, e)
		case e.State == AtRelay:
			p.checkRelay(ctx, e)
		}
	}
	return len(due), nil
}

// update writes fn's change to entry id.
func (p *Punisher) update(id string, fn func(*Entry) error) (*Entry, error) {
	var out *Entry
	err := p.withQueue(func(q *Queue) error {
		var err error
		out, err = q.Update(id, fn)
		return err
	})
	if err != nil {
		p.Logf("%v", err)
	}
	return out, err
}

var errSkip = errors.New("skip")

func backoff(attempts int) time.Duration {
	d := time.Minute
	for i := 1; i < attempts && d < time.Hour; i++ {
		d *= 2
	}
	return min(d, time.Hour)
}

// sendLocal burns a due local entry with own ETH.
func (p *Punisher) sendLocal(ctx context.Context, e *Entry) {
	now := time.Now()
	claimed, err := p.update(e.ID, func(x *Entry) error {
		if x.State != Waiting && x.State != Sending {
			return errSkip
		}
		x.State, x.Next, x.Updated = Sending, now.Add(10*time.Minute), now
		return nil
	})
	if err != nil || claimed == nil {
		return
	}
	retry := func(reason string) {
		stopped := ctx.Err() != nil // shutting down: not the burn's failure
		_, _ = p.update(e.ID, func(x *Entry) error {
			next := time.Now()
			if !stopped {
				x.Attempts++
				next = next.Add(backoff(x.Attempts))
			}
			x.State, x.Error, x.Next, x.Updated = Waiting, reason, next, time.Now()
			return nil
		})
	}
	final := func(state, tx, reason string) {
		_, _ = p.update(e.ID, func(x *Entry) error {
			x.State, x.Tx, x.Error, x.Updated = state, tx, reason, time.Now()
			return nil
		})
	}
	b := e.Burn
	conn, err := p.chainFor(ctx, b)
	if err != nil {
		p.Logf("queued burn of leaf %d of deposit %s: %v", b.Index, b.DepositID, err)
		retry(err.Error())
		return
	}
	if burned, err := conn.Reader.IsBurned(ctx, b.DepositID, uint64(b.Index)); err == nil && burned {
		p.Logf("queued burn of leaf %d of deposit %s: already burned", b.Index, b.DepositID)
		final(Burned, "", "")
		return
	}
	w, err := conn.Writer()
	if err != nil {
		p.Logf("queued burn: %v", err)
		retry(err.Error())
		return
	}
	res, err := w.Burn(ctx, b.DepositID, b.Secret, uint64(b.Index), b.Proof)
	switch {
	case errors.Is(err, chain.ErrLeafAlreadyBurned):
		final(Burned, "", "")
	case errors.Is(err, chain.ErrUnknownDeposit), errors.Is(err, chain.ErrDepositWithdrawn):
		p.Logf("queued burn of leaf %d of deposit %s: %v", b.Index, b.DepositID, err)
		final(Failed, "", err.Error())
	case err != nil:
		p.Logf("queued burn of leaf %d of deposit %s: %v", b.Index, b.DepositID, err)
		retry(err.Error())
	default:
		p.Logf("burned leaf %d of deposit %s (queued punishment): %s destroyed, transaction %s", b.Index, b.DepositID, wei.Format(res.Burned), res.Receipt.TxHash)
		final(Burned, res.Receipt.TxHash.Hex(), "")
	}
}

// checkRelay looks at a punishment a relay should have landed: done when
// the chain shows the leaf burned; otherwise the next relay is asked (the
// first, if none took it yet).
func (p *Punisher) checkRelay(ctx context.Context, e *Entry) {
	b := e.Burn
	later := func(d time.Duration, reason string) {
		_, _ = p.update(e.ID, func(x *Entry) error {
			x.Next, x.Error, x.Updated = time.Now().Add(d), reason, time.Now()
			return nil
		})
	}
	conn, err := p.chainFor(ctx, b)
	if err != nil {
		p.Logf("punishment of leaf %d of deposit %s: cannot check the chain: %v", b.Index, b.DepositID, err)
		later(time.Minute, err.Error())
		return
	}
	if p.settled(ctx, conn, e, later) {
		return
	}
	p.askNextRelay(ctx, e, later)
}

// settled reports whether the chain decides e: burned (done), or the
// deposit withdrawn (failed); or it could not be read (later).
func (p *Punisher) settled(ctx context.Context, conn *Chain, e *Entry, later func(time.Duration, string)) bool {
	b := e.Burn
	if ok, err := conn.burnedAt(ctx, b, p.Confirmations); err != nil {
		later(time.Minute, err.Error())
		return true
	} else if ok {
		_, _ = p.update(e.ID, func(x *Entry) error {
			x.State, x.Error, x.Updated = Burned, "", time.Now()
			return nil
		})
		p.Logf("punishment done: leaf %d of deposit %s is burned on chain", b.Index, b.DepositID)
		return true
	}
	if d, err := conn.Reader.Deposit(ctx, b.DepositID); err == nil && d.Status == chain.StatusWithdrawn {
		_, _ = p.update(e.ID, func(x *Entry) error {
			x.State, x.Error, x.Updated = Failed, "the deposit was withdrawn before the burn", time.Now()
			return nil
		})
		p.Logf("punishment of leaf %d of deposit %s failed: the deposit was withdrawn", b.Index, b.DepositID)
		return true
	}
	return false
}

// askNextRelay submits e to the relay after the last one asked (the
// first, if none took it yet, held while still in the window), starting
// over once every relay was tried, and giving up 7 days after it was due.
func (p *Punisher) askNextRelay(ctx context.Context, e *Entry, later func(time.Duration, string)) {
	b := e.Burn
	now := time.Now()
	next := 0
	hold := relay.Hold{}
	if n := len(e.Relays); n > 0 {
		last := e.Relays[n-1]
		for i, u := range e.UseRelays {
			if u == last.URL {
				next = i + 1
			}
		}
		p.Logf("relay %s has not landed the burn of leaf %d of deposit %s (due %s; the chain shows it unburned)", last.URL, b.Index, b.DepositID, e.Due.UTC().Format(time.RFC3339))
	} else if now.Before(e.Due) {
		// Not yet submitted, still in the window: submit it held.
		key, err := LoadKey(p.KeyPath)
		if err != nil {
			p.Logf("%v", err)
			later(time.Minute, err.Error())
			return
		}
		hold = relay.Hold{NotBefore: e.Due, CancelHash: relay.CancelHashOf(CancelToken(key, e.ID))}
	}
	if next >= len(e.UseRelays) {
		if now.After(e.Due.Add(7 * 24 * time.Hour)) {
			_, _ = p.update(e.ID, func(x *Entry) error {
				x.State, x.Error, x.Updated = Failed, "no relay landed the burn within 7 days", time.Now()
				return nil
			})
			return
		}
		next = 0 // every relay was tried: start over
	}
	saved := p.Relays
	p.Relays = e.UseRelays
	r := p.submit(ctx, b, hold, next)
	p.Relays = saved
	switch {
	case r.already:
		_, _ = p.update(e.ID, func(x *Entry) error {
			x.State, x.Updated = Burned, time.Now()
			return nil
		})
	case r.idx >= 0:
		_, _ = p.update(e.ID, func(x *Entry) error {
			x.Relays = append(x.Relays, Submission{URL: e.UseRelays[r.idx], RequestID: r.res.ID, At: time.Now()})
			x.Next = maxTime(x.Due, time.Now()).Add(p.RelayTimeout)
			x.Updated = time.Now()
			return nil
		})
	default:
		later(p.RelayTimeout, "no relay took the request")
	}
}

func maxTime(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}
