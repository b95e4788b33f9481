package host

import (
	"context"
	"fmt"
	"log/slog"
	"strings"
	"sync"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/postage-mail/postage/book"
	"github.com/postage-mail/postage/chain/devnet"
	"github.com/postage-mail/postage/config"
	"github.com/postage-mail/postage/send"
	"github.com/postage-mail/postage/send/batchsock"
	"github.com/postage-mail/postage/send/sendchain"
	"github.com/postage-mail/postage/stake"
)

// SenderService is the sender's part of postage serve: the batcher that
// sendmail reaches on <data dir>/send.sock, and the deposit lifecycle
// (withdraw --due) on a timer, for the local signing account. Both sign
// through one chain.Writer, so their transactions never reuse a nonce.
type SenderService struct {
	conn    *Chain
	batcher *send.Batcher
	sock    *batchsock.Server
	cancel  context.CancelFunc
	wg      sync.WaitGroup

	lc *send.Lifecycle
}

// StartSender starts the batcher socket and the lifecycle timer. With no
// account to sign with, or settings the receivers' policy would refuse, it
// says so and returns nil: sendmail then deposits alone (and refuses with
// the reason), and withdraw --due can still be run by hand.
func StartSender(ctx context.Context, cfg *config.Config, rpc string, logger *slog.Logger) (*SenderService, error) {
	log := logger.With("component", "send")
	ss, err := cfg.SendSettings()
	if err != nil {
		return nil, err
	}
	cctx, cancel := context.WithTimeout(ctx, time.Minute)
	defer cancel()
	conn, err := ConnectChain(cctx, cfg, rpc)
	if err != nil {
		return nil, err
	}
	st, err := sendchain.NewStaker(cctx, cfg, conn.SendConn(), nil)
	if err != nil {
		conn.Close()
		log.Warn("no deposit batching or automatic withdrawal", "err", err)
		return nil, nil
	}
	lc := sendchain.NewLifecycle(cfg, conn.SendConn(), sendchain.StakerWriter(st), ss.Hold)
	s := &SenderService{conn: conn, lc: lc}
	if err := st.Check(); err != nil {
		log.Warn("no deposit batching: the send settings make deposits the policy refuses", "err", err)
	} else if cfg.Send.Stake.On() {
		s.batcher = &send.Batcher{Staker: st, Wait: ss.BatchWait, Max: ss.BatchMax}
		if s.sock, err = batchsock.Listen(sendchain.Socket(cfg), s.batcher); err != nil {
			conn.Close()
			return nil, err
		}
		log.Info("batching sendmail's deposits", "socket", sendchain.Socket(cfg), "batch_wait", ss.BatchWait, "batch_max", ss.BatchMax)
	}
	lctx, lcancel := context.WithCancel(ctx)
	s.cancel = lcancel
	s.wg.Add(1)
	go func() {
		defer s.wg.Done()
		lc.Run(lctx, ss.LifecycleTick, log)
	}()
	log.Info("automatic withdrawal", "account", lc.Account.Creator, "hold", ss.Hold, "every", ss.LifecycleTick)
	return s, nil
}

// Lifecycle is the sender's deposit lifecycle (nil on a nil service).
func (s *SenderService) Lifecycle() *send.Lifecycle {
	if s == nil {
		return nil
	}
	return s.lc
}

// Shutdown stops taking messages, sends the pending batch and waits for
// deposits and the lifecycle run under way.
func (s *SenderService) Shutdown() error {
	if s == nil {
		return nil
	}
	var err error
	if s.sock != nil {
		sctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		err = s.sock.Shutdown(sctx)
		cancel()
	}
	if s.batcher != nil {
		s.batcher.Close()
	}
	s.cancel()
	s.wg.Wait()
	s.conn.Close()
	if err != nil {
		return fmt.Errorf("send socket: %w", err)
	}
	return nil
}

// PolicyDNS is the zone text (`postage serve --print-dns`) that publishes
// this host's stake policy (book.Policy) for each of book.domains:
// senders with send.stake = "auto" stake for its recipients only if they
// can meet it. The contract is the embedded chain's deployment when no
// other chain is named, else the connected chain's.
func PolicyDNS(ctx context.Context, cfg *config.Config, rpc string) (string, error) {
	bs, err := cfg.BookSettings()
	if err != nil {
		return "", err
	}
	if len(bs.Domains) == 0 {
		return "", fmt.Errorf("no domains: list the mail domains in book.domains")
	}
	pol, err := cfg.ReceiverPolicy(nil)
	if err != nil {
		return "", err
	}
	var chainID uint64
	var contract common.Address
	if dep, derr := devnet.ReadDeployment(cfg.ChainDir()); rpc == "" && cfg.Chain.RPC == "" && derr == nil {
		chainID, contract = dep.ChainID, dep.Contract
	} else {
		conn, err := ConnectChain(ctx, cfg, rpc)
		if err != nil {
			return "", err
		}
		defer conn.Close()
		chainID, contract = conn.ChainID.Uint64(), conn.Contract.Address()
	}
	p := book.Policy{ChainID: chainID, Contract: stake.Address(contract), MinPerLeaf: pol.StakeMinPerLeaf, MinDelay: pol.StakeMinDelay}
	var b strings.Builder
	b.WriteString("; postage stake policy: senders with send.stake = \"auto\" stake for these domains\n")
	for _, d := range bs.Domains {
		fmt.Fprintf(&b, "%s IN TXT %q\n", book.Name(d), p.String())
	}
	return b.String(), nil
}
