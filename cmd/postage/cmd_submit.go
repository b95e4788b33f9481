package main

import (
	"context"
	"crypto/tls"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"net"
	"os"
	"path/filepath"
	"sync"
	"time"

	"github.com/postage-mail/postage/bookdns"
	"github.com/postage-mail/postage/config"
	"github.com/postage-mail/postage/send"
	"github.com/postage-mail/postage/send/batchsock"
	"github.com/postage-mail/postage/send/sendchain"
	"github.com/postage-mail/postage/submit"
)

func init() {
	register(&command{
		name:  "submit",
		args:  "[--filter] [--print-postfix-config] [--listen ADDR] [--upstream HOST:PORT] [--no-stake] [--config FILE] [--rpc URL] [-v]",
		short: "SMTP submission server for mail clients (and a Postfix content filter) that adds postage",
		new:   func() cli { return &submitCmd{} },
	})
}

type submitCmd struct {
	config, rpc, listen, upstream string
	filter, printPostfix, noStake bool
	verbose                       bool
}

func (c *submitCmd) Flags(fs *flag.FlagSet) {
	fs.StringVar(&c.config, "config", "", "configuration `file` (default <data dir>/postage.toml)")
	fs.StringVar(&c.rpc, "rpc", "", "Ethereum JSON-RPC `URL` (default chain.rpc, else the embedded chain)")
	fs.StringVar(&c.listen, "listen", "", "listen `address` (default submit.listen, or submit.filter_listen with --filter)")
	fs.StringVar(&c.upstream, "upstream", "", "upstream `host:port` (default submit.upstream, or submit.filter_reinject with --filter)")
	fs.BoolVar(&c.filter, "filter", false, "run as a Postfix after-queue content filter (no login; reinject into Postfix)")
	fs.BoolVar(&c.printPostfix, "print-postfix-config", false, "print the Postfix master.cf and main.cf lines for --filter and exit")
	fs.BoolVar(&c.noStake, "no-stake", false, "add work stamps only")
	fs.BoolVar(&c.verbose, "v", false, "log more")
}

func (c *submitCmd) Run(ctx context.Context, args []string) error {
	if len(args) > 0 {
		return usageErr("unexpected argument %q", args[0])
	}
	cfg, err := config.Load(c.config)
	if err != nil {
		return usageErr("%v", err)
	}
	ss, err := cfg.SubmitSettings()
	if err != nil {
		return usageErr("%v", err)
	}
	if c.printPostfix {
		fmt.Fprint(stdout, submit.PostfixConfig(ss.FilterListen, ss.FilterReinject))
		return nil
	}
	up, listen, err := c.endpoints(ss)
	if err != nil {
		return exitErr(exitConfig, err)
	}
	log := newLogger(stderr, c.verbose).With("component", "submit")
	srvCfg, err := c.serverConfig(cfg, ss, up, listen)
	if err != nil {
		return exitErr(exitConfig, err)
	}
	qdir := filepath.Join(cfg.DataDir, map[bool]string{false: "submit", true: "submit-filter"}[c.filter])
	q, err := submit.OpenQueue(qdir)
	if err != nil {
		return exitErr(exitIOErr, err)
	}
	defer q.Close()
	st := &submitStamper{cfg: cfg, rpc: c.rpc, noStake: c.noStake, log: log}
	defer st.Close()
	srvCfg.Queue, srvCfg.Log, srvCfg.Stamper = q, log, (&submit.Opener{Open: st.open}).Sender
	if !c.filter {
		srvCfg.Logins = submit.NewLogins(q.Kick)
	}
	del := &submit.Deliverer{Queue: q, Upstream: up, Logins: srvCfg.Logins, RetryBase: ss.Retry, RetryMax: ss.RetryMax,
		MaxAge: ss.MaxQueueTime, Host: srvCfg.Hostname, Log: log}
	return serveSubmit(ctx, submit.NewServer(srvCfg), del, listen, log)
}

// endpoints are the upstream and the listen address, checked: no clear
// text beyond loopback, and the filter on loopback only (it takes mail
// without a login).
func (c *submitCmd) endpoints(ss config.SubmitSettings) (*submit.Upstream, string, error) {
	listen, addr, mode := ss.Listen, ss.Upstream, ss.UpstreamTLS
	if c.filter {
		listen, addr, mode = ss.FilterListen, ss.FilterReinject, "none"
	}
	if c.listen != "" {
		listen = c.listen
	}
	if c.upstream != "" {
		addr = c.upstream
	}
	if addr == "" {
		return nil, "", fmt.Errorf("no upstream: set submit.upstream to your provider's submission server (host:port), or pass --upstream")
	}
	tm, err := submit.ParseTLSMode(mode)
	if err != nil {
		return nil, "", err
	}
	up := &submit.Upstream{Addr: addr, TLS: tm}
	if ss.UpstreamCA != "" && !c.filter {
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
	if c.filter && !submit.IsLoopback(host) {
		return nil, "", fmt.Errorf("--filter listens on loopback only (it takes mail without a login), not %s", listen)
	}
	return up, listen, nil
}

func (c *submitCmd) serverConfig(cfg *config.Config, ss config.SubmitSettings, up *submit.Upstream, listen string) (submit.Config, error) {
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
	if !sc.InsecureAuth && sc.TLS == nil && !c.filter {
		return sc, fmt.Errorf("listening on %s beyond loopback needs submit.tls_cert and tls_key: passwords must not cross a network in clear", listen)
	}
	return sc, nil
}

// serveSubmit runs the server and the deliverer until ctx ends.
func serveSubmit(ctx context.Context, srv *submit.Server, del *submit.Deliverer, listen string, log *slog.Logger) error {
	l, err := net.Listen("tcp", listen)
	if err != nil {
		return exitErr(exitTempFail, fmt.Errorf("listen: %w", err))
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
	if err != nil {
		return exitErr(exitTempFail, err)
	}
	return nil
}

// submitStamper makes the Sender on first use: the chain connection, the
// batcher (postage serve's when it answers on send.sock, else one of its
// own), send.stake = "auto" and tickets, as postage sendmail does.
type submitStamper struct {
	cfg     *config.Config
	rpc     string
	noStake bool
	log     *slog.Logger
	conn    *chainConn
	batcher *send.Batcher
}

func (s *submitStamper) open(ctx context.Context) (send.Sender, error) {
	logf := func(format string, a ...any) { s.log.Info(fmt.Sprintf(format, a...)) }
	snd := send.Sender{Bits: s.cfg.Send.Bits, Logf: logf}
	if s.noStake || !s.cfg.Send.Stake.On() {
		return snd, nil
	}
	conn, err := connectChain(ctx, s.cfg, s.rpc)
	if err != nil {
		return snd, err
	}
	if cl, err := batchsock.Dial(sendchain.Socket(s.cfg)); err == nil && s.rpc == "" {
		snd.Stake = cl
		s.log.Info("deposits batched by postage serve", "socket", sendchain.Socket(s.cfg))
	} else {
		st, err := sendchain.NewStaker(ctx, s.cfg, sendConn(conn), nil)
		if err == nil {
			err = st.Check()
		}
		ss, serr := s.cfg.SendSettings()
		if err = errors.Join(err, serr); err != nil {
			conn.Close()
			return snd, err
		}
		s.batcher = &send.Batcher{Staker: st, Wait: ss.BatchWait, Max: ss.BatchMax}
		snd.Stake = s.batcher
		s.log.Info("batching deposits", "batch_wait", ss.BatchWait, "batch_max", ss.BatchMax)
	}
	if s.cfg.Send.Stake == config.StakeAuto {
		delay, err := conn.reader.Delay(ctx)
		if err != nil {
			conn.Close()
			return snd, err
		}
		auto := &send.Auto{
			Directory: &bookdns.Resolver{Server: s.cfg.Send.Resolver, Timeout: send.LookupBudget},
			Account:   send.Account{ChainID: conn.chainID.Uint64(), Contract: conn.contract.Address()},
			Share:     s.cfg.StakePerRecipient(), Bounty: s.cfg.Bounty(), Delay: delay, Logf: logf,
		}
		snd.Choose = auto.Choose
	}
	tst, err := s.cfg.SenderTickets()
	if err != nil {
		conn.Close()
		return snd, err
	}
	if t, err := sendchain.NewTickets(s.cfg, sendConn(conn), trustedTicketContracts(s.cfg, tst, conn.chainID.Uint64()), logf); err != nil {
		conn.Close()
		return snd, err
	} else if t != nil {
		snd.Tickets = t
	}
	s.conn = conn
	return snd, nil
}

// Close sends the pending batch and closes the chain connection.
func (s *submitStamper) Close() {
	if s.batcher != nil {
		s.batcher.Close()
	}
	if s.conn != nil {
		s.conn.Close()
	}
}
