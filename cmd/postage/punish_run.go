package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"math/big"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/common"

	"github.com/postage-mail/postage/chain"
	"github.com/postage-mail/postage/config"
	"github.com/postage-mail/postage/contracts"
	"github.com/postage-mail/postage/punish"
	"github.com/postage-mail/postage/relay"
)

// punisher carries out `postage punish` and works its queue (--due, and
// `postage serve`): wiring only; the queue and the cancel tokens are
// package punish's, the relay protocol package relay's.
type punisher struct {
	cfg    *config.Config
	ps     config.PunishSettings
	rpc    string
	relays []string
	logf   func(string, ...any)

	conn    *chainConn
	connErr error
	dialed  bool
}

func (p *punisher) close() {
	if p.conn != nil {
		p.conn.Close()
	}
}

// chain connects once (chain.rpc, --rpc or the embedded chain).
func (p *punisher) chain(ctx context.Context) (*chainConn, error) {
	if !p.dialed {
		p.dialed = true
		cctx, cancel := context.WithTimeout(ctx, 20*time.Second)
		p.conn, p.connErr = connectChain(cctx, p.cfg, p.rpc)
		cancel()
	}
	return p.conn, p.connErr
}

// chainFor is the chain connection when it is the burn's chain and
// contract, else nil with the reason.
func (p *punisher) chainFor(ctx context.Context, b relay.Burn) (*chainConn, error) {
	conn, err := p.chain(ctx)
	if err != nil {
		return nil, err
	}
	if b.ChainID != conn.chainID.Uint64() || b.Contract != conn.contract.Address() {
		return nil, fmt.Errorf("the deposit is on chain %d, contract %s; connected to chain %d, contract %s", b.ChainID, b.Contract, conn.chainID, conn.contract.Address())
	}
	return conn, nil
}

// withQueue opens the local queue for one operation.
func (p *punisher) withQueue(fn func(*punish.Queue) error) error {
	if err := os.MkdirAll(filepath.Dir(p.ps.Queue), 0o700); err != nil {
		return fmt.Errorf("punish queue: %w", err)
	}
	q, err := punish.OpenQueue(p.ps.Queue, 10*time.Second)
	if err != nil {
		return err
	}
	defer q.Close()
	return fn(q)
}

// burnedAt reads, uncached, whether the leaf is burned in the block that
// has confs confirmations (the head for 1).
func burnedAt(ctx context.Context, conn *chainConn, b relay.Burn, confs int) (bool, error) {
	head, err := conn.client.BlockNumber(ctx)
	if err != nil {
		return false, fmt.Errorf("read the chain's head: %w", err)
	}
	if uint64(confs) > head+1 {
		return false, nil
	}
	at := new(big.Int).SetUint64(head + 1 - uint64(confs))
	binding := contracts.NewPostage()
	to := b.Contract
	out, err := conn.client.CallContract(ctx, ethereum.CallMsg{To: &to, Data: binding.PackIsBurned(b.DepositID, new(big.Int).SetUint64(uint64(b.Index)))}, at)
	if err != nil {
		return false, fmt.Errorf("read leaf %d of deposit %s: %w", b.Index, b.DepositID, err)
	}
	return binding.UnpackIsBurned(out)
}

// punish burns b now, or queues it for the undo window.
func (p *punisher) punish(ctx context.Context, b relay.Burn, now, wait bool, timeout time.Duration) int {
	delay := p.ps.Delay
	if now {
		delay = 0
	}
	conn, err := p.chainFor(ctx, b)
	if err != nil {
		if len(p.relays) == 0 {
			p.logf("%v", err)
			if strings.Contains(err.Error(), "connected to chain") {
				p.logf("pass --rpc for that chain")
			}
			return exitTempFail
		}
		p.logf("cannot check the chain (%v): relying on the relays' answers", err)
	}
	if conn != nil {
		burned, err := conn.reader.IsBurned(ctx, b.DepositID, uint64(b.Index))
		switch {
		case err == nil && burned:
			p.logf("already burned: leaf %d of deposit %s (nothing to do)", b.Index, b.DepositID)
			return exitOK
		case errors.Is(err, chain.ErrUnknownDeposit), errors.Is(err, chain.ErrIndexOutOfRange):
			p.logf("cannot burn: %v", err)
			return exitInvalid
		}
		d, err := conn.reader.Deposit(ctx, b.DepositID)
		if err == nil && d.Status == chain.StatusWithdrawn {
			p.logf("cannot burn: deposit %s was withdrawn", b.DepositID)
			return exitInvalid
		}
		if delay > 0 {
			wd, derr := conn.contract.ReadDelay(ctx)
			if derr == nil && float64(delay) >= float64(wd)*config.MaxPunishDelayFraction {
				p.logf("config: punish.delay %v is not well inside the deposit contract's withdrawal delay %v: set it below %v (or punish with --now)", delay, wd, time.Duration(float64(wd)*config.MaxPunishDelayFraction))
				return exitUsage
			}
			if err == nil && !d.UnlockAt.IsZero() && time.Until(d.UnlockAt) < delay+p.ps.RelayTimeout {
				p.logf("the deposit's withdrawal unlocks at %s, before the undo window would end: burning at once", d.UnlockAt.UTC().Format(time.RFC3339))
				delay = 0
			}
		}
	}
	if delay == 0 {
		if len(p.relays) == 0 {
			return p.burnOwn(ctx, conn, b)
		}
		return p.burnViaRelays(ctx, conn, b, wait, timeout)
	}
	if wait {
		p.logf("--wait needs --now: the burn waits punish.delay (%v) first", delay)
		return exitUsage
	}
	return p.queue(ctx, b, delay)
}

// queue records the punishment and, with relays, hands it to the first
// that takes it, held until the window ends.
func (p *punisher) queue(ctx context.Context, b relay.Burn, delay time.Duration) int {
	now := time.Now()
	due := now.Add(delay).Truncate(time.Second)
	var existing *punish.Entry
	if err := p.withQueue(func(q *punish.Queue) error {
		var err error
		existing, err = q.Get(b.ID())
		return err
	}); err != nil {
		p.logf("%v", err)
		return exitIOErr
	}
	if existing != nil && !(existing.State == punish.Cancelled || existing.State == punish.Failed) {
		p.logf("already punished: leaf %d of deposit %s is %s (due %s)", b.Index, b.DepositID, existing.State, existing.Due.UTC().Format(time.RFC3339))
		return exitOK
	}
	e := &punish.Entry{ID: b.ID(), Burn: b, Due: due, State: punish.Waiting, Next: due, Created: now, Updated: now}
	if len(p.relays) > 0 {
		key, err := punish.LoadKey(p.ps.Key)
		if err != nil {
			p.logf("%v", err)
			return exitIOErr
		}
		hold := relay.Hold{NotBefore: due, CancelHash: relay.CancelHashOf(punish.CancelToken(key, b.ID()))}
		e.State, e.UseRelays = punish.AtRelay, p.relays
		r := p.submit(ctx, b, hold, 0)
		switch {
		case r.already:
			p.logf("already burned: leaf %d of deposit %s (nothing to do)", b.Index, b.DepositID)
			return exitOK
		case r.idx >= 0:
			fmt.Fprintf(stdout, "request %s\n", r.res.ID)
			e.Relays = []punish.Submission{{URL: p.relays[r.idx], RequestID: r.res.ID, At: now}}
			e.Next = due.Add(p.ps.RelayTimeout)
		default:
			// No relay can take it now: nothing is recorded, and the
			// caller tries again (exit 75; the Dovecot pipe keeps the
			// message in its spool for the retry job).
			return r.code
		}
	}
	if err := p.withQueue(func(q *punish.Queue) error {
		_, _, err := q.Add(e)
		return err
	}); err != nil {
		p.logf("%v", err)
		return exitIOErr
	}
	fmt.Fprintf(stdout, "queued %s until %s\n", e.ID, due.UTC().Format(time.RFC3339))
	where := "in the local queue (postage serve or punish --due sends it)"
	if len(e.Relays) > 0 {
		where = "at relay " + e.Relays[0].URL
	}
	p.logf("punishment of leaf %d of deposit %s queued until %s %s; moving the message out of Junk (postage punish --cancel) cancels it", b.Index, b.DepositID, due.UTC().Format(time.RFC3339), where)
	return exitOK
}

type submitResult struct {
	idx     int // the relay that took it, -1 for none
	res     relay.SubmitResponse
	code    int // exit status when none took it
	already bool
}

// submit tries the relays from start on, in order, until one takes the
// request.
func (p *punisher) submit(ctx context.Context, b relay.Burn, hold relay.Hold, start int) submitResult {
	out := submitResult{idx: -1, code: exitTempFail}
	temp := false
	for i := start; i < len(p.relays); i++ {
		u := p.relays[i]
		cl := &relay.Client{URL: u}
		h, err := cl.Health(ctx)
		if err != nil {
			p.logf("relay %s: %v", u, err)
			out.code = relayExit(err)
			temp = temp || out.code == exitTempFail
			continue
		}
		if h.ChainID != b.ChainID || !strings.EqualFold(h.Contract, b.Contract.Hex()) {
			p.logf("relay %s burns on chain %d, contract %s; this stamp's deposit is on chain %d, contract %s", u, h.ChainID, h.Contract, b.ChainID, b.Contract)
			continue
		}
		if h.Status != "ok" {
			p.logf("relay %s reports problems (%s); submitting anyway: it keeps the request", u, strings.Join(h.Problems, "; "))
		}
		work, err := relay.MintHeld(ctx, b, hold, h.Name, h.Bits)
		if err != nil {
			p.logf("%v", err)
			out.code = exitSoftware
			return out
		}
		res, err := cl.SubmitHeld(ctx, b, hold, work)
		var ae *relay.APIError
		switch {
		case errors.As(err, &ae) && ae.Code == relay.CodeAlreadyBurned:
			out.already = true
			return out
		case err != nil:
			p.logf("relay %s: %v", u, err)
			out.code = relayExit(err)
			temp = temp || out.code == exitTempFail
			continue
		}
		if res.Duplicate {
			p.logf("the relay already has this burn: request %s, %s", res.ID, res.Status)
		} else {
			p.logf("queued at relay %s: request %s for leaf %d of deposit %s", u, res.ID, b.Index, b.DepositID)
		}
		out.idx, out.res, out.code = i, res, exitOK
		return out
	}
	if temp {
		out.code = exitTempFail
	}
	return out
}

// burnViaRelays sends the burn at once through the first relay that
// takes it. With wait it follows the chain, not the relay's answers:
// a relay that does not land the burn within punish.relay_timeout is
// replaced by the next. Without wait the punishment is remembered, so
// that the queue runner checks the chain later and does the same.
func (p *punisher) burnViaRelays(ctx context.Context, conn *chainConn, b relay.Burn, wait bool, timeout time.Duration) int {
	deadline := time.Now().Add(timeout)
	for start := 0; start < len(p.relays); {
		r := p.submit(ctx, b, relay.Hold{}, start)
		switch {
		case r.already:
			p.logf("already burned: leaf %d of deposit %s (nothing to do)", b.Index, b.DepositID)
			return exitOK
		case r.idx < 0:
			return r.code
		}
		fmt.Fprintf(stdout, "request %s\n", r.res.ID)
		if !wait {
			now := time.Now()
			e := &punish.Entry{ID: b.ID(), Burn: b, Due: now, State: punish.AtRelay, UseRelays: p.relays,
				Relays: []punish.Submission{{URL: p.relays[r.idx], RequestID: r.res.ID, At: now}},
				Next:   now.Add(p.ps.RelayTimeout), Created: now, Updated: now}
			if err := p.withQueue(func(q *punish.Queue) error { _, _, err := q.Add(e); return err }); err != nil {
				p.logf("%v (the relay has the request; nothing will check that it lands)", err)
			}
			return exitOK
		}
		until := time.Now().Add(p.ps.RelayTimeout)
		if until.After(deadline) {
			until = deadline
		}
		code, landed := p.waitLanded(ctx, conn, b, p.relays[r.idx], r.res.ID, until, deadline)
		if landed {
			return code
		}
		if !time.Now().Before(deadline) {
			p.logf("request %s: --wait timed out after %v", r.res.ID, timeout)
			return exitTempFail
		}
		p.logf("relay %s did not land the burn in time (the chain does not show leaf %d burned): trying the next relay", p.relays[r.idx], b.Index)
		start = r.idx + 1
	}
	p.logf("no relay landed the burn of leaf %d of deposit %s", b.Index, b.DepositID)
	return exitTempFail
}

// waitLanded follows request id at relay u until the chain shows the
// leaf burned with punish.confirmations confirmations, or until. Once the
// chain holds the successful receipt of the transaction the relay names,
// the relay has landed the burn: what remains is confirmations, which no
// other relay would get sooner, so the wait goes on until deadline (the
// whole --wait) instead. Without a chain connection it takes the relay's
// word, and says so.
func (p *punisher) waitLanded(ctx context.Context, conn *chainConn, b relay.Burn, u, id string, until, deadline time.Time) (int, bool) {
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
			if rcpt, err := conn.client.TransactionReceipt(wctx, common.HexToHash(last.Tx)); err == nil && rcpt.Status == 1 {
				limit = deadline
			}
		}
		if conn == nil {
			if err == nil && relay.Final(s.Status) {
				switch s.Status {
				case relay.StateBurned:
					fmt.Fprintf(stdout, "tx %s\n", s.Tx)
					p.logf("burned leaf %d of deposit %s in transaction %s (block %d; the relay was paid %s): the relay's word, the chain could not be read", b.Index, b.DepositID, s.Tx, s.Block, chain.FormatWei(bigOf(s.Bounty)))
					return exitOK, true
				case relay.StateAlreadyBurned:
					p.logf("already burned: leaf %d of deposit %s, by someone else (nothing to do)", b.Index, b.DepositID)
					return exitOK, true
				default:
					p.logf("relay %s gave up request %s: %s", u, id, s.Error)
					return exitTempFail, false
				}
			}
		} else if ok, err := burnedAt(wctx, conn, b, p.ps.Confirmations); err == nil && ok {
			// Burned on chain. Name the transaction only if the relay's
			// own is there (it may read its receipt a moment later).
			for grace := time.Now().Add(5 * time.Second); ; {
				if last.Status == relay.StateBurned && last.Tx != "" {
					rcpt, err := conn.client.TransactionReceipt(ctx, common.HexToHash(last.Tx))
					if err == nil && rcpt.Status == 1 {
						fmt.Fprintf(stdout, "tx %s\n", last.Tx)
						p.logf("burned leaf %d of deposit %s in transaction %s (block %d; the relay was paid %s), burned on chain with %d confirmation(s)", b.Index, b.DepositID, last.Tx, rcpt.BlockNumber, chain.FormatWei(bigOf(last.Bounty)), p.ps.Confirmations)
						return exitOK, true
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
			p.logf("burned: leaf %d of deposit %s reads burned on chain with %d confirmation(s)", b.Index, b.DepositID, p.ps.Confirmations)
			return exitOK, true
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
				p.logf("relay %s says request %s burned in transaction %s, but the chain does not show leaf %d burned", u, id, last.Tx, b.Index)
			case last.Status != "":
				p.logf("request %s at relay %s is still %s", id, u, last.Status)
			}
			return exitTempFail, false
		}
	}
}

// burnOwn burns with chain.account's ETH and waits for the receipt.
func (p *punisher) burnOwn(ctx context.Context, conn *chainConn, b relay.Burn) int {
	if conn == nil {
		var err error
		if conn, err = p.chainFor(ctx, b); err != nil {
			p.logf("%v", err)
			return exitTempFail
		}
	}
	w, err := conn.writer()
	if err != nil {
		p.logf("%v", err)
		return exitTempFail
	}
	res, err := w.Burn(ctx, b.DepositID, b.Secret, uint64(b.Index), b.Proof)
	switch {
	case errors.Is(err, chain.ErrLeafAlreadyBurned):
		p.logf("already burned: leaf %d of deposit %s (nothing to do)", b.Index, b.DepositID)
		return exitOK
	case errors.Is(err, chain.ErrUnknownDeposit), errors.Is(err, chain.ErrDepositWithdrawn):
		p.logf("cannot burn: %v", err)
		return exitInvalid
	case err != nil:
		p.logf("burn leaf %d of deposit %s: %v", b.Index, b.DepositID, err)
		return exitTempFail
	}
	bounty := ""
	if res.Bounty != nil && res.Bounty.Sign() > 0 {
		bounty = ", bounty " + chain.FormatWei(res.Bounty) + " paid to you"
	}
	p.logf("burned leaf %d of deposit %s: %s destroyed%s, transaction %s", b.Index, b.DepositID, chain.FormatWei(res.Burned), bounty, res.Receipt.TxHash)
	return exitOK
}

// cancel withdraws this message's pending punishment.
func (p *punisher) cancel(ctx context.Context, b relay.Burn) int {
	var e *punish.Entry
	if err := p.withQueue(func(q *punish.Queue) error {
		var err error
		e, err = q.Get(b.ID())
		return err
	}); err != nil {
		p.logf("%v", err)
		return exitIOErr
	}
	switch {
	case e == nil:
		p.logf("no punishment of leaf %d of deposit %s is queued here: nothing to cancel", b.Index, b.DepositID)
		return exitOK
	case e.State == punish.Cancelled:
		p.logf("already cancelled: leaf %d of deposit %s", b.Index, b.DepositID)
		return exitOK
	case e.State == punish.Burned, e.State == punish.Sending:
		p.logf("too late to cancel: the burn of leaf %d of deposit %s was sent", b.Index, b.DepositID)
		return exitInvalid
	case e.State == punish.Failed:
		p.logf("nothing to cancel: the punishment of leaf %d of deposit %s had failed (%s)", b.Index, b.DepositID, e.Error)
		return exitOK
	case e.State == punish.Waiting:
		var tooLate bool
		if err := p.withQueue(func(q *punish.Queue) error {
			_, err := q.Update(e.ID, func(x *punish.Entry) error {
				if x.State != punish.Waiting {
					tooLate = true
					return nil
				}
				x.State, x.Updated = punish.Cancelled, time.Now()
				return nil
			})
			return err
		}); err != nil {
			p.logf("%v", err)
			return exitIOErr
		}
		if tooLate {
			p.logf("too late to cancel: the burn of leaf %d of deposit %s was sent", b.Index, b.DepositID)
			return exitInvalid
		}
		p.logf("cancelled: leaf %d of deposit %s will not be burned", b.Index, b.DepositID)
		return exitOK
	}
	return p.cancelAtRelays(ctx, e)
}

// cancelAtRelays withdraws the hold at every relay that has the request;
// if one cannot be reached the entry remembers it, and the queue runner
// tells it later (the hold keeps the burn back meanwhile only until it
// is due).
func (p *punisher) cancelAtRelays(ctx context.Context, e *punish.Entry) int {
	key, err := punish.LoadKey(p.ps.Key)
	if err != nil {
		p.logf("%v", err)
		return exitIOErr
	}
	tok := punish.CancelToken(key, e.ID)
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
			p.logf("relay %s holds no cancellable request %s of ours (%s)", s.URL, s.RequestID, ae.Code)
		case err != nil:
			p.logf("relay %s: %v", s.URL, err)
			pending = true
		case st.Status == relay.StateCancelled:
		default:
			p.logf("relay %s: our hold is withdrawn; request %s stays %s for another submitter", s.URL, s.RequestID, st.Status)
		}
	}
	now := time.Now()
	state, wanted := punish.Cancelled, false
	switch {
	case tooLate:
		state = e.State
	case pending:
		state, wanted = e.State, true
	}
	if err := p.withQueue(func(q *punish.Queue) error {
		_, err := q.Update(e.ID, func(x *punish.Entry) error {
			x.State, x.CancelWanted, x.Updated = state, wanted, now
			if wanted {
				x.Next = now.Add(time.Minute)
			}
			return nil
		})
		return err
	}); err != nil {
		p.logf("%v", err)
		return exitIOErr
	}
	switch {
	case tooLate:
		p.logf("too late to cancel: a relay has sent the burn of leaf %d of deposit %s", e.Burn.Index, e.Burn.DepositID)
		return exitInvalid
	case pending:
		p.logf("cancel recorded; a relay could not be told yet: postage serve (or punish --due) tells it")
		return exitTempFail
	}
	p.logf("cancelled: leaf %d of deposit %s will not be burned", e.Burn.Index, e.Burn.DepositID)
	return exitOK
}

// runDue is `postage punish --due`: one pass over the queue.
func (p *punisher) runDue(ctx context.Context) int {
	n, err := p.work(ctx)
	if err != nil {
		p.logf("%v", err)
		return exitIOErr
	}
	p.logf("%d queued punishment(s) handled", n)
	return exitOK
}

// work handles every entry of the queue that needs it now: sends due
// local burns, submits relay requests no relay took yet, asks the next
// relay for a burn the chain does not show in time, and delivers cancels
// a relay missed. It returns how many entries it looked at.
func (p *punisher) work(ctx context.Context) (int, error) {
	var due []*punish.Entry
	if err := p.withQueue(func(q *punish.Queue) error {
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
		case e.State == punish.Waiting || e.State == punish.Sending:
			p.sendLocal(ctx, e)
		case e.State == punish.AtRelay:
			p.checkRelay(ctx, e)
		}
	}
	return len(due), nil
}

// update writes fn's change to entry id.
func (p *punisher) update(id string, fn func(*punish.Entry) error) (*punish.Entry, error) {
	var out *punish.Entry
	err := p.withQueue(func(q *punish.Queue) error {
		var err error
		out, err = q.Update(id, fn)
		return err
	})
	if err != nil {
		p.logf("%v", err)
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
func (p *punisher) sendLocal(ctx context.Context, e *punish.Entry) {
	now := time.Now()
	claimed, err := p.update(e.ID, func(x *punish.Entry) error {
		if x.State != punish.Waiting && x.State != punish.Sending {
			return errSkip
		}
		x.State, x.Next, x.Updated = punish.Sending, now.Add(10*time.Minute), now
		return nil
	})
	if err != nil || claimed == nil {
		return
	}
	retry := func(reason string) {
		stopped := ctx.Err() != nil // shutting down: not the burn's failure
		_, _ = p.update(e.ID, func(x *punish.Entry) error {
			next := time.Now()
			if !stopped {
				x.Attempts++
				next = next.Add(backoff(x.Attempts))
			}
			x.State, x.Error, x.Next, x.Updated = punish.Waiting, reason, next, time.Now()
			return nil
		})
	}
	final := func(state, tx, reason string) {
		_, _ = p.update(e.ID, func(x *punish.Entry) error {
			x.State, x.Tx, x.Error, x.Updated = state, tx, reason, time.Now()
			return nil
		})
	}
	b := e.Burn
	conn, err := p.chainFor(ctx, b)
	if err != nil {
		p.logf("queued burn of leaf %d of deposit %s: %v", b.Index, b.DepositID, err)
		retry(err.Error())
		return
	}
	if burned, err := conn.reader.IsBurned(ctx, b.DepositID, uint64(b.Index)); err == nil && burned {
		p.logf("queued burn of leaf %d of deposit %s: already burned", b.Index, b.DepositID)
		final(punish.Burned, "", "")
		return
	}
	w, err := conn.writer()
	if err != nil {
		p.logf("queued burn: %v", err)
		retry(err.Error())
		return
	}
	res, err := w.Burn(ctx, b.DepositID, b.Secret, uint64(b.Index), b.Proof)
	switch {
	case errors.Is(err, chain.ErrLeafAlreadyBurned):
		final(punish.Burned, "", "")
	case errors.Is(err, chain.ErrUnknownDeposit), errors.Is(err, chain.ErrDepositWithdrawn):
		p.logf("queued burn of leaf %d of deposit %s: %v", b.Index, b.DepositID, err)
		final(punish.Failed, "", err.Error())
	case err != nil:
		p.logf("queued burn of leaf %d of deposit %s: %v", b.Index, b.DepositID, err)
		retry(err.Error())
	default:
		p.logf("burned leaf %d of deposit %s (queued punishment): %s destroyed, transaction %s", b.Index, b.DepositID, chain.FormatWei(res.Burned), res.Receipt.TxHash)
		final(punish.Burned, res.Receipt.TxHash.Hex(), "")
	}
}

// checkRelay looks at a punishment a relay should have landed: done when
// the chain shows the leaf burned; otherwise the next relay is asked (the
// first, if none took it yet).
func (p *punisher) checkRelay(ctx context.Context, e *punish.Entry) {
	b := e.Burn
	now := time.Now()
	later := func(d time.Duration, reason string) {
		_, _ = p.update(e.ID, func(x *punish.Entry) error {
			x.Next, x.Error, x.Updated = time.Now().Add(d), reason, time.Now()
			return nil
		})
	}
	conn, err := p.chainFor(ctx, b)
	if err != nil {
		p.logf("punishment of leaf %d of deposit %s: cannot check the chain: %v", b.Index, b.DepositID, err)
		later(time.Minute, err.Error())
		return
	}
	if ok, err := burnedAt(ctx, conn, b, p.ps.Confirmations); err != nil {
		later(time.Minute, err.Error())
		return
	} else if ok {
		_, _ = p.update(e.ID, func(x *punish.Entry) error {
			x.State, x.Error, x.Updated = punish.Burned, "", time.Now()
			return nil
		})
		p.logf("punishment done: leaf %d of deposit %s is burned on chain", b.Index, b.DepositID)
		return
	}
	if d, err := conn.reader.Deposit(ctx, b.DepositID); err == nil && d.Status == chain.StatusWithdrawn {
		_, _ = p.update(e.ID, func(x *punish.Entry) error {
			x.State, x.Error, x.Updated = punish.Failed, "the deposit was withdrawn before the burn", time.Now()
			return nil
		})
		p.logf("punishment of leaf %d of deposit %s failed: the deposit was withdrawn", b.Index, b.DepositID)
		return
	}
	next := 0
	hold := relay.Hold{}
	if n := len(e.Relays); n > 0 {
		last := e.Relays[n-1]
		for i, u := range e.UseRelays {
			if u == last.URL {
				next = i + 1
			}
		}
		p.logf("relay %s has not landed the burn of leaf %d of deposit %s (due %s; the chain shows it unburned)", last.URL, b.Index, b.DepositID, e.Due.UTC().Format(time.RFC3339))
	} else if now.Before(e.Due) {
		// Not yet submitted, still in the window: submit it held.
		key, err := punish.LoadKey(p.ps.Key)
		if err != nil {
			p.logf("%v", err)
			later(time.Minute, err.Error())
			return
		}
		hold = relay.Hold{NotBefore: e.Due, CancelHash: relay.CancelHashOf(punish.CancelToken(key, e.ID))}
	}
	if next >= len(e.UseRelays) {
		if now.After(e.Due.Add(7 * 24 * time.Hour)) {
			_, _ = p.update(e.ID, func(x *punish.Entry) error {
				x.State, x.Error, x.Updated = punish.Failed, "no relay landed the burn within 7 days", time.Now()
				return nil
			})
			return
		}
		next = 0 // every relay was tried: start over
	}
	saved := p.relays
	p.relays = e.UseRelays
	r := p.submit(ctx, b, hold, next)
	p.relays = saved
	switch {
	case r.already:
		_, _ = p.update(e.ID, func(x *punish.Entry) error {
			x.State, x.Updated = punish.Burned, time.Now()
			return nil
		})
	case r.idx >= 0:
		_, _ = p.update(e.ID, func(x *punish.Entry) error {
			x.Relays = append(x.Relays, punish.Submission{URL: e.UseRelays[r.idx], RequestID: r.res.ID, At: time.Now()})
			x.Next = maxTime(x.Due, time.Now()).Add(p.ps.RelayTimeout)
			x.Updated = time.Now()
			return nil
		})
	default:
		later(p.ps.RelayTimeout, "no relay took the request")
	}
}

func maxTime(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}

// startPunishQueue works the local punishment queue (punisher.work) until
// ctx ends: every 30 s, or a quarter of punish.delay when that is shorter
// (at least a second). `postage serve` runs it.
func startPunishQueue(ctx context.Context, cfg *config.Config, rpc string, logger *slog.Logger) <-chan struct{} {
	done := make(chan struct{})
	ps, err := cfg.PunishSettings()
	if err != nil {
		logger.Error("the punishment queue does not run", "err", err)
		close(done)
		return done
	}
	every := 30 * time.Second
	if q := ps.Delay / 4; q > 0 && q < every {
		every = max(q, time.Second)
	}
	log := logger.With("component", "punish")
	go func() {
		defer close(done)
		t := time.NewTicker(every)
		defer t.Stop()
		for {
			if _, err := os.Stat(ps.Queue); err == nil {
				p := &punisher{cfg: cfg, ps: ps, rpc: rpc, relays: ps.Relays, logf: func(f string, a ...any) { log.Info(fmt.Sprintf(f, a...)) }}
				if _, err := p.work(ctx); err != nil {
					log.Warn("punishment queue", "err", err)
				}
				p.close()
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
