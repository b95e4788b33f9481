package host

import (
	"context"
	"errors"
	"log/slog"
	"math/big"
	"net/http"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/postage-mail/postage"
	"github.com/postage-mail/postage/agent"
	"github.com/postage-mail/postage/chain"
	"github.com/postage-mail/postage/chain/ticketbook"
	"github.com/postage-mail/postage/config"
	"github.com/postage-mail/postage/dashboard"
	"github.com/postage-mail/postage/milter"
	"github.com/postage-mail/postage/punish"
	"github.com/postage-mail/postage/relay"
	"github.com/postage-mail/postage/send"
	"github.com/postage-mail/postage/send/sendchain"
	"github.com/postage-mail/postage/store/redis"
)

// Observers tells each of several observers about every message (the
// milter's metrics and the dashboard's verdict ring).
type Observers []milter.Observer

// Observe implements milter.Observer.
func (o Observers) Observe(r milter.Report) {
	for _, x := range o {
		x.Observe(r)
	}
}

// OpenVerdictRing opens the dashboard's verdict ring, or says why not and
// returns nil (the milter runs without it). It is nil too when
// dashboard.listen is empty.
func OpenVerdictRing(cfg *config.Config, logger *slog.Logger) *dashboard.Ring {
	ds, err := cfg.DashboardSettings()
	if err != nil || ds.Listen == "" {
		return nil
	}
	r, err := dashboard.OpenRing(ds.Ring, ds.Verdicts)
	if err != nil {
		logger.Warn("the dashboard shows no verdicts", "err", err)
		return nil
	}
	return r
}

// SpoolVerdicts leaves verdicts of postage verify for serve's dashboard
// (dashboard.SpoolFile in the data directory), when one is configured.
func SpoolVerdicts(cfg *config.Config, vs []postage.Verdict) error {
	if ds, err := cfg.DashboardSettings(); err != nil || ds.Listen == "" {
		return nil
	}
	return dashboard.AppendSpool(filepath.Join(cfg.DataDir, dashboard.SpoolFile), time.Now(), "verify", vs)
}

// DashboardParts are the parts of a serve the dashboard shows. Each may be
// nil (or zero) when serve runs without it.
type DashboardParts struct {
	// Ring holds the milter's recent verdicts.
	Ring       *dashboard.Ring
	Milter     *milter.Server
	MilterAddr milter.Address
	// Chain is the milter's chain watcher; chain state is read from its
	// event-invalidated cache, only while it is live.
	Chain *chain.Live
	// Store is the spent store without metrics (its health is shown).
	Store postage.SpentStore
	// Book is the ticket-book agent (book.enabled).
	Book  *agent.Service
	Relay *relay.Relay
	// Lifecycle is the sender's (nil without a signing account): it
	// gives the account and the withdraw --due button.
	Lifecycle *send.Lifecycle
}

// Dashboard is the dashboard's HTTP server, and the follower of the
// verdict spool postage verify writes.
type Dashboard struct {
	srv        *http.Server
	done       chan struct{}
	stopSpool  context.CancelFunc
	spoolTaken chan struct{}
}

// StartDashboard serves the dashboard on dashboard.listen from p; with
// dashboard.listen empty it returns nil and no error.
func StartDashboard(cfg *config.Config, p DashboardParts, logger *slog.Logger) (*Dashboard, error) {
	ds, err := cfg.DashboardSettings()
	if err != nil || ds.Listen == "" {
		return nil, err
	}
	pw, err := ds.ReadPassword()
	if err != nil {
		return nil, err
	}
	h, err := dashboard.New(dashboardOptions(cfg, p, pw, logger))
	if err != nil {
		return nil, err
	}
	ln, url, err := dashboard.Listen(ds.Listen, ds.Loopback, pw, ds.TLSCert, ds.TLSKey)
	if err != nil {
		return nil, err
	}
	d := &Dashboard{srv: &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second}, done: make(chan struct{}), spoolTaken: make(chan struct{})}
	// postage verify leaves its verdicts in the spool for the ring.
	sctx, stop := context.WithCancel(context.Background())
	d.stopSpool = stop
	go func() {
		defer close(d.spoolTaken)
		if p.Ring != nil {
			p.Ring.FollowSpool(sctx, filepath.Join(cfg.DataDir, dashboard.SpoolFile), 2*time.Second, func(err error) { logger.Warn("dashboard", "err", err) })
		}
	}()
	go func() {
		defer close(d.done)
		if err := d.srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			logger.Error("dashboard stopped", "err", err)
		}
	}()
	logger.Info("dashboard", "url", url, "auth", pw != "")
	return d, nil
}

func dashboardOptions(cfg *config.Config, p DashboardParts, pw string, logger *slog.Logger) dashboard.Options {
	src := &dashSources{cfg: cfg, p: p}
	o := dashboard.Options{Password: pw, Logger: logger.With("component", "dashboard"), Sources: dashboard.Sources{
		Ring: p.Ring, Status: src.status, Punishments: src.punishments, Sender: src.sender,
	}}
	if p.Lifecycle != nil {
		o.WithdrawDue = src.withdrawDue
	}
	if p.Book != nil {
		o.Books = src.books
	}
	return o
}

// Shutdown stops the dashboard (nothing on nil).
func (d *Dashboard) Shutdown() {
	if d == nil {
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	d.srv.Shutdown(ctx)
	<-d.done
	d.stopSpool()
	<-d.spoolTaken
}

// dashSources reads what the dashboard shows.
type dashSources struct {
	cfg *config.Config
	p   DashboardParts

	mu         sync.Mutex
	health     relay.Health
	healthRead time.Time
	booksRead  map[common.Hash]dashBookRead
}

func (d *dashSources) status(ctx context.Context) dashboard.Status {
	p := d.p
	st := dashboard.Status{MilterAddr: p.MilterAddr.String(), MilterConns: p.Milter.Conns(), Chain: p.Chain != nil}
	if p.Chain != nil {
		if r := p.Chain.Reader(); r != nil {
			s := r.Stats()
			st.ChainHead, st.RPCHealthy, st.CacheHits, st.CacheMisses = s.Head, s.Live && !s.Down, s.Hits, s.Misses
			if !st.RPCHealthy {
				st.RPCNote = "the chain watcher is not current: stake stamps are temperror"
			}
		} else {
			st.RPCNote = "not connected to the deposit contract yet"
		}
	}
	if p.Store != nil {
		st.SpentKind, st.SpentHealthy = d.cfg.Store.Kind, true
		if r, ok := p.Store.(*redis.Store); ok {
			pctx, cancel := context.WithTimeout(ctx, time.Second)
			if err := r.Ping(pctx); err != nil {
				st.SpentHealthy, st.SpentNote = false, err.Error()
			}
			cancel()
		}
	}
	return st
}

// liveReader is the milter's chain reader while its cache is current.
func (d *dashSources) liveReader() *chain.Reader {
	if d.p.Chain == nil {
		return nil
	}
	r := d.p.Chain.Reader()
	if r == nil {
		return nil
	}
	if s := r.Stats(); !s.Live || s.Down {
		return nil
	}
	return r
}

func (d *dashSources) punishments(ctx context.Context) (dashboard.Punishments, error) {
	var p dashboard.Punishments
	ps, err := d.cfg.PunishSettings()
	if err != nil {
		return p, err
	}
	if _, err := os.Stat(ps.Queue); err != nil {
		p.Note = "No punishment queue yet: postage punish queues burns in " + ps.Queue + "."
	} else {
		q, err := punish.OpenQueue(ps.Queue, 2*time.Second)
		if err != nil {
			return p, err
		}
		es, err := q.All()
		q.Close()
		if err != nil {
			return p, err
		}
		own, _ := sendchain.Records(d.cfg).List()
		var bounty func(common.Hash) string
		if reader := d.liveReader(); reader != nil {
			bounty = func(id common.Hash) string {
				if dep, err := reader.Deposit(ctx, id); err == nil && dep.BountyPerLeaf != nil {
					return dep.BountyPerLeaf.String()
				}
				return ""
			}
		}
		p.Entries = dashboard.PunishmentsOf(es, own, bounty)
	}
	if d.p.Relay != nil {
		p.Relay = d.relayInfo(ctx)
	}
	return p, nil
}

// relayInfo is the relay's health (read at most every 10 s: its balance
// is a chain call) and its recent requests and refusals.
func (d *dashSources) relayInfo(ctx context.Context) *dashboard.Relay {
	r := d.p.Relay
	d.mu.Lock()
	if time.Since(d.healthRead) > 10*time.Second {
		d.health, d.healthRead = r.Health(ctx), time.Now()
	}
	h := d.health
	d.mu.Unlock()
	recent, err := r.Recent(20)
	out := dashboard.RelayOf(h, recent, r.Refusals())
	if err != nil {
		out.Problems = append(out.Problems, err.Error())
	}
	return out
}

func (d *dashSources) sender(ctx context.Context) (dashboard.Sender, error) {
	var out dashboard.Sender
	recs, err := sendchain.Records(d.cfg).List()
	if err != nil {
		return out, err
	}
	var hold time.Duration
	if s, err := d.cfg.SendSettings(); err == nil {
		hold = s.Hold
	}
	if lc := d.p.Lifecycle; lc != nil {
		out.Account, out.CanWithdraw = lc.Account.Creator.Hex(), true
	} else {
		out.Note = "No signing account in this serve: the button is off; run postage withdraw --due by hand."
	}
	var c send.ChainState
	if reader := d.liveReader(); reader != nil {
		c = sendchain.Reader{R: reader}
	} else {
		out.Note = strings.TrimSpace(out.Note + " The chain cache is not live: burn states are as last recorded.")
	}
	sort.SliceStable(recs, func(i, j int) bool { return recs[i].Created.After(recs[j].Created) })
	for _, r := range recs {
		out.Deposits = append(out.Deposits, dashboard.SenderDeposit(ctx, r, c, hold, time.Now()))
	}
	return out, nil
}

func (d *dashSources) withdrawDue(ctx context.Context) (string, error) {
	rep, err := d.p.Lifecycle.Due(ctx)
	if rep == nil {
		return "", err
	}
	return dashboard.DueMessage(rep), err
}

// books is the ticket-book page: the agent's books and how many tickets
// wait for their coin. Nothing about how decided tickets ended.
func (d *dashSources) books(ctx context.Context) (dashboard.Books, error) {
	var out dashboard.Books
	a := d.p.Book.Agent()
	if a == nil {
		out.Note = "The ticket book contract is not reached yet."
		return out, nil
	}
	n, err := a.Pending()
	if err != nil {
		return out, err
	}
	out.Undecided = n
	brs, err := a.Books()
	if err != nil {
		return out, err
	}
	for _, r := range brs {
		bk := dashboard.Book{ID: r.ID.Hex(), State: r.State, Leaves: r.Leaves, ValuesLeft: -1, PayoutsQueued: -1, Price: dashBigString(r.Stake), Bounty: dashBigString(r.Bounty)}
		if cb, ok := d.bookOnChain(ctx, a, r.ID); ok {
			bk.ValuesLeft, bk.PayoutsQueued = int(cb.Leaves)-int(cb.Sold), int(cb.Queued)
			bk.Pool, bk.Reserve = dashBigString(cb.Pool), dashBigString(cb.Reserve)
		}
		out.Books = append(out.Books, bk)
	}
	return out, nil
}

func dashBigString(v *big.Int) string {
	if v == nil {
		return "0"
	}
	return v.String()
}

// bookOnChain is the book as the TicketBook contract has it (values
// sold, pool, reserve, payouts queued), read at most every 30 s per book
// (the agent reads it every tick too).
func (d *dashSources) bookOnChain(ctx context.Context, a *agent.Agent, id common.Hash) (ticketbook.Book, bool) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if c, ok := d.booksRead[id]; ok && time.Since(c.at) < 30*time.Second {
		return c.b, true
	}
	if a.Contract == nil {
		return ticketbook.Book{}, false
	}
	b, err := a.Contract.Book(ctx, id)
	if err != nil {
		return ticketbook.Book{}, false
	}
	if d.booksRead == nil {
		d.booksRead = map[common.Hash]dashBookRead{}
	}
	d.booksRead[id] = dashBookRead{b: b, at: time.Now()}
	return b, true
}

type dashBookRead struct {
	b  ticketbook.Book
	at time.Time
}
