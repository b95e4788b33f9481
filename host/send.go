package host

// The sender's side: the sender of postage sendmail, stamp and submit
// with its stake stamps and tickets (OpenSender), withdrawals by hand
// (Withdraw), and postage submit's SMTP door (Submit).

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"log/slog"
	"math/big"
	"net"
	"os"
	"path/filepath"
	"sync"
	"time"

	"github.com/postage-mail/postage/chain"
	"github.com/postage-mail/postage/config"
	"github.com/postage-mail/postage/send"
	"github.com/postage-mail/postage/send/batchsock"
	"github.com/postage-mail/postage/send/sendchain"
	"github.com/postage-mail/postage/submit"
)

// SendConn is c as the sender's adapters see it.
func (c *Chain) SendConn() sendchain.Conn {
	return sendchain.Conn{
		ChainID: c.ChainID.Uint64(), Contract: c.Contract, Reader: c.Reader, Client: c.Client,
		Transactor: c.Transactor,
		BlockTime:  func(ctx context.Context) (time.Duration, error) { return chain.MeasureBlockTime(ctx, c.Client) },
	}
}

// SenderOptions say how OpenSender makes a sender.
type SenderOptions struct {
	StakeOptions
	// NoStake sends with work stamps only.
	NoStake bool
	// Solo deposits from this process for each message alone, with
	// neither send.stake = "auto" nor tickets (postage stamp), each leaf
	// holding PerRecipient (nil: send.stake_per_recipient).
	Solo         bool
	PerRecipient *big.Int
}

// ErrSendChain is wrapped by OpenSender's and Withdraw's failures to
// reach the chain.
var ErrSendChain = errors.New("no chain for stake stamps")

// Sender is a send.Sender and the chain connection its stakes use.
type Sender struct {
	send.Sender
	Stakes *Stakes // nil without stake stamps or with Solo
	chain  *Chain
}

// Close sends the pending batch and closes the chain connection.
func (s *Sender) Close() {
	s.Stakes.Close()
	if s.chain != nil {
		s.chain.Close()
	}
}

// OpenSender makes the sender of cfg: work stamps of send.bits, and,
// unless o.NoStake or send.stake is off, stake stamps and tickets on the
// chain of o.RPC, else chain.rpc, else the embedded chain (armSender).
// Failing to reach the chain wraps ErrSendChain; armSender says what the
// other errors wrap.
func OpenSender(ctx context.Context, cfg *config.Config, o SenderOptions) (*Sender, error) {
	s := &Sender{Sender: send.Sender{Bits: cfg.Send.Bits, Logf: o.Logf}}
	if o.NoStake || !cfg.Send.Stake.On() {
		return s, nil
	}
	conn, err := ConnectChain(ctx, cfg, o.RPC)
	if err != nil {
		return nil, sendKindError{ErrSendChain, err}
	}
	if o.Solo {
		var st *send.Staker
		if st, err = sendchain.CheckedStaker(ctx, cfg, conn.SendConn(), o.PerRecipient); err == nil {
			s.Stake = send.Alone{Staker: st}
		}
	} else {
		s.Stakes, err = armSender(ctx, cfg, conn.SendConn(), &s.Sender, o.StakeOptions)
	}
	if err != nil {
		conn.Close()
		return nil, err
	}
	s.chain = conn
	return s, nil
}

// StakeOptions say how armSender sets up a sender's stake stamps.
type StakeOptions struct {
	// RPC is --rpc. When set, this process deposits on that chain itself
	// rather than through postage serve's batcher (which deposits on the
	// configured one).
	RPC string
	// Batch batches this process's deposits (a send.Batcher, with
	// send.batch_wait and batch_max) when postage serve does not answer;
	// without it each message makes a deposit of its own.
	Batch bool
	// NoTickets leaves tickets off (sendmail --no-tickets).
	NoTickets bool
	Logf      func(format string, a ...any)
}

// Stakes are how a sender deposits (armSender).
type Stakes struct {
	// Served is set when postage serve batches the deposits (its
	// send.sock answers).
	Served bool
	// Batcher is this process's own batcher (StakeOptions.Batch), or nil.
	Batcher *send.Batcher
}

// Close sends the pending batch of this process's batcher.
func (st *Stakes) Close() {
	if st != nil && st.Batcher != nil {
		st.Batcher.Close()
	}
}

// sendKindError is err of kind: errors.Is(err, kind), same text.
type sendKindError struct{ kind, err error }

func (e sendKindError) Error() string   { return e.err.Error() }
func (e sendKindError) Unwrap() []error { return []error{e.kind, e.err} }

// armSender sets up s's stake stamps on c: a running postage serve batches
// a message's deposit with others' (its socket answers); without one,
// this process deposits (StakeOptions.Batch). With send.stake = "auto"
// only recipients whose domain checks stake get one; a recipient whose
// domain publishes a ticket book gets a ticket instead. Settings the
// receivers' policy refuses wrap send.ErrPolicy, bad ticket settings
// send.ErrUsage; other errors are the chain's.
func armSender(ctx context.Context, cfg *config.Config, c sendchain.Conn, s *send.Sender, o StakeOptions) (*Stakes, error) {
	out := &Stakes{}
	if bc, err := batchsock.Dial(sendchain.Socket(cfg)); err == nil && o.RPC == "" {
		s.Stake, out.Served = bc, true
	} else {
		st, err := sendchain.CheckedStaker(ctx, cfg, c, nil)
		if err != nil {
			return nil, err
		}
		s.Stake = send.Alone{Staker: st}
		if o.Batch {
			ss, _ := cfg.SendSettings() // NewStaker checked them
			out.Batcher = &send.Batcher{Staker: st, Wait: ss.BatchWait, Max: ss.BatchMax}
			s.Stake = out.Batcher
		}
	}
	if err := armTickets(ctx, cfg, c, s, o); err != nil {
		out.Close()
		return nil, err
	}
	return out, nil
}

// armTickets sets up send.stake = "auto" and the tickets of s.
func armTickets(ctx context.Context, cfg *config.Config, c sendchain.Conn, s *send.Sender, o StakeOptions) error {
	if cfg.Send.Stake == config.StakeAuto {
		auto, err := sendchain.NewAuto(ctx, cfg, c, o.Logf)
		if err != nil {
			return err
		}
		s.Choose = auto.Choose
	}
	if o.NoTickets {
		return nil
	}
	st, err := cfg.SenderTickets()
	if err != nil {
		return sendKindError{send.ErrUsage, err}
	}
	t, err := sendchain.NewTickets(cfg, c, TrustedTicketContracts(cfg, st, c.ChainID), o.Logf)
	if err != nil {
		return sendKindError{send.ErrUsage, err}
	}
	if t != nil {
		s.Tickets = t
	}
	return nil
}

// Withdrawal is what postage withdraw does: start and finish every
// recorded deposit that is due (Due, held for Hold: nil is send.hold), or
// start (Start) or finish the withdrawal of deposit ID.
type Withdrawal struct {
	send.WithdrawArgs
	Hold *time.Duration
}

// Withdraw does w on the chain of rpc, else chain.rpc, else the embedded
// chain, signing with the configured account, and says what it did (also
// when a Due run fails part way). Bad send settings wrap send.ErrUsage,
// no chain ErrSendChain; other errors are the chain's, refusals worded
// for the sender (sendchain.StartWithdrawal).
func Withdraw(ctx context.Context, cfg *config.Config, rpc string, w Withdrawal) (string, error) {
	ss, err := cfg.SendSettings()
	if err != nil {
		return "", sendKindError{send.ErrUsage, err}
	}
	if w.Hold != nil {
		ss.Hold = *w.Hold
	}
	conn, err := ConnectChain(ctx, cfg, rpc)
	if err != nil {
		return "", sendKindError{ErrSendChain, err}
	}
	defer conn.Close()
	wr, err := conn.Writer()
	if err != nil {
		return "", err
	}
	switch {
	case w.Due:
		rep, err := sendchain.NewLifecycle(cfg, conn.SendConn(), wr, ss.Hold).Due(ctx)
		if rep == nil {
			return "", err
		}
		return rep.Summary(), err
	case w.Start:
		s, err := sendchain.StartWithdrawal(ctx, wr, w.ID)
		if err != nil {
			return "", err
		}
		return s.Describe(time.Now()), nil
	}
	r, err := sendchain.FinishWithdrawal(ctx, wr, w.ID)
	if err != nil {
		return "", err
	}
	return r.Describe(), nil
}

// Kinds of Submit's failures, for exit codes: errors.Is(err,
// ErrSubmitConfig). Other failures (listening, serving) are temporary.
var (
	// ErrSubmitConfig: the settings are refused (no upstream, clear text
	// beyond loopback, a bad certificate).
	ErrSubmitConfig = errors.New("submit settings refused")
	// ErrSubmitQueue: the queue directory cannot be opened.
	ErrSubmitQueue = errors.New("submit queue")
)

// SubmitOptions are postage submit's flags.
type SubmitOptions struct {
	RPC, Listen, Upstream string // over submit.listen, submit.upstream (or the filter's)
	Filter                bool   // a Postfix content filter: no login, reinject into Postfix
	NoStake               bool
	Log                   *slog.Logger
}

// Submit runs postage submit with settings ss until ctx ends: the SMTP
// server, its queue and the deliverer to the upstream. Messages get work
// stamps, and stake stamps and tickets as postage sendmail gives them.
func Submit(ctx context.Context, cfg *config.Config, ss config.SubmitSettings, o SubmitOptions) error {
	up, listen, err := submitEndpoints(ss, o)
	if err != nil {
		return sendKindError{ErrSubmitConfig, err}
	}
	srvCfg, err := submitServerConfig(ss, up, listen, o.Filter)
	if err != nil {
		return sendKindError{ErrSubmitConfig, err}
	}
	qdir := filepath.Join(cfg.DataDir, map[bool]string{false: "submit", true: "submit-filter"}[o.Filter])
	q, err := submit.OpenQueue(qdir)
	if err != nil {
		return sendKindError{ErrSubmitQueue, err}
	}
	defer q.Close()
	st := &submitStamper{cfg: cfg, o: o}
	defer st.Close()
	srvCfg.Queue, srvCfg.Log, srvCfg.Stamper = q, o.Log, (&submit.Opener{Open: st.open}).Sender
	if !o.Filter {
		srvCfg.Logins = submit.NewLogins(q.Kick)
	}
	del := &submit.Deliverer{Queue: q, Upstream: up, Logins: srvCfg.Logins, RetryBase: ss.Retry, RetryMax: ss.RetryMax,
		MaxAge: ss.MaxQueueTime, Host: srvCfg.Hostname, Log: o.Log}
	return serveSubmit(ctx, submit.NewServer(srvCfg), del, listen, o.Log)
}

// submitEndpoints are the upstream and the listen address, checked: no
// clear text beyond loopback, and the filter on loopback only (it takes
// mail without a login).
func submitEndpoints(ss config.SubmitSettings, o SubmitOptions) (*submit.Upstream, string, error) {
	listen, addr, mode := ss.Listen, ss.Upstream, ss.UpstreamTLS
	if o.Filter {
		listen, addr, mode = ss.FilterListen, ss.FilterReinject, "none"
	}
	if o.Listen != "" {
		listen = o.Listen
	}
	if o.Upstream != "" {
		addr = o.Upstream
	}
	if addr == "" {
		return nil, "", fmt.Errorf("no upstream: set submit.upstream to your provider's submission server (host:port), or pass --upstream")
	}
	tm, err := submit.ParseTLSMode(mode)
	if err != nil {
		return nil, "", err
	}
	up := &submit.Upstream{Addr: addr, TLS: tm}
	if ss.UpstreamCA != "" && !o.Filter {
		if up.RootCAs, err = submit.LoadCA(ss.UpstreamCA); err != nil {
			return nil, "", err
		}
	}
	if err := up.Check(); err != nil {
		return nil, "", err
	}
	host, _, err := net.SplitHostPort(listen)
	if err != nil {
		return nil, "", fmt.Errorf("listen %q: %w", listen, err)
	}
	if o.Filter && !submit.IsLoopback(host) {
		return nil, "", fmt.Errorf("--filter listens on loopback only (it takes mail without a login), not %s", listen)
	}
	return up, listen, nil
}

// submitServerConfig is the server's TLS and login settings: a login
// beyond loopback needs TLS.
func submitServerConfig(ss config.SubmitSettings, up *submit.Upstream, listen string, filter bool) (submit.Config, error) {
	host, _, _ := net.SplitHostPort(listen)
	sc := submit.Config{Upstream: up, MaxSize: ss.MaxSize, InsecureAuth: submit.IsLoopback(host)}
	if hn, err := os.Hostname(); err == nil {
		sc.Hostname = hn
	}
	if ss.TLSCert != "" {
		cert, err := tls.LoadX509KeyPair(ss.TLSCert, ss.TLSKey)
		if err != nil {
			return sc, fmt.Errorf("submit.tls_cert/tls_key: %w", err)
		}
		sc.TLS = &tls.Config{Certificates: []tls.Certificate{cert}, MinVersion: tls.VersionTLS12}
	}
	if !sc.InsecureAuth && sc.TLS == nil && !filter {
		return sc, fmt.Errorf("listening on %s beyond loopback needs submit.tls_cert and tls_key: passwords must not cross a network in clear", listen)
	}
	return sc, nil
}

// serveSubmit runs the server and the deliverer until ctx ends.
func serveSubmit(ctx context.Context, srv *submit.Server, del *submit.Deliverer, listen string, log *slog.Logger) error {
	l, err := net.Listen("tcp", listen)
	if err != nil {
		return fmt.Errorf("listen: %w", err)
	}
	dctx, stop := context.WithCancel(context.Background())
	var wg sync.WaitGroup
	wg.Add(1)
	go func() { defer wg.Done(); del.Run(dctx) }()
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(l) }()
	log.Info("listening", "addr", l.Addr().String(), "upstream", del.Upstream.Addr, "tls", del.Upstream.TLS)
	select {
	case <-ctx.Done():
		err = nil
	case err = <-errc:
	}
	sctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	srv.Shutdown(sctx)
	cancel()
	stop()
	wg.Wait()
	log.Info("stopped", "accepted", srv.Accepted())
	return err
}

// submitStamper makes the Sender on first use (OpenSender): the chain
// connection, the batcher (postage serve's when it answers on send.sock,
// else one of its own), send.stake = "auto" and tickets, as postage
// sendmail does.
type submitStamper struct {
	cfg *config.Config
	o   SubmitOptions
	s   *Sender
}

func (s *submitStamper) open(ctx context.Context) (send.Sender, error) {
	logf := func(format string, a ...any) { s.o.Log.Info(fmt.Sprintf(format, a...)) }
	snd, err := OpenSender(ctx, s.cfg, SenderOptions{NoStake: s.o.NoStake,
		StakeOptions: StakeOptions{RPC: s.o.RPC, Batch: true, Logf: logf}})
	if err != nil {
		return send.Sender{}, err
	}
	switch {
	case snd.Stakes == nil:
	case snd.Stakes.Served:
		s.o.Log.Info("deposits batched by postage serve", "socket", sendchain.Socket(s.cfg))
	default:
		s.o.Log.Info("batching deposits", "batch_wait", snd.Stakes.Batcher.Wait, "batch_max", snd.Stakes.Batcher.Max)
	}
	s.s = snd
	return snd.Sender, nil
}

// Close sends the pending batch and closes the chain connection.
func (s *submitStamper) Close() {
	if s.s != nil {
		s.s.Close()
	}
}
