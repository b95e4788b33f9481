package main

import (
	"context"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/postage-mail/postage"
	"github.com/postage-mail/postage/chain"
	"github.com/postage-mail/postage/config"
	"github.com/postage-mail/postage/metrics"
	"github.com/postage-mail/postage/stake"
)

// connectTrusted dials a policy.stake.trusted contract's own endpoint and
// checks that it is that chain and that the contract is there.
func connectTrusted(ctx context.Context, cfg *config.Config, t config.TrustedContract) (*chainConn, error) {
	client, id, err := chain.Dial(ctx, t.RPC, nil)
	if err != nil {
		return nil, fmt.Errorf("trusted contract %s: chain at %s: %w", t.Ref, t.RPC, err)
	}
	if id.Uint64() != t.Ref.ChainID {
		client.Close()
		return nil, fmt.Errorf("trusted contract %s: the chain at %s has id %d, not %d", t.Ref, t.RPC, id, t.Ref.ChainID)
	}
	c := &chainConn{cfg: cfg, url: t.RPC, client: client, chainID: id}
	c.contract = chain.NewContract(client, common.Address(t.Ref.Address))
	if err := verifyBuild(ctx, client, common.Address(t.Ref.Address)); err != nil {
		client.Close()
		return nil, fmt.Errorf("trusted contract %s at %s: %w", t.Ref, t.RPC, err)
	}
	if err := c.contract.Check(ctx); err != nil {
		client.Close()
		return nil, fmt.Errorf("trusted contract %s at %s: %w", t.Ref, t.RPC, err)
	}
	c.reader = chain.NewReader(c.contract)
	return c, nil
}

// namedContracts are the contracts the message's stake stamps name.
func namedContracts(headers []string) map[postage.ContractRef]bool {
	out := map[postage.ContractRef]bool{}
	for _, st := range stake.Find(headers).Stamps {
		out[postage.ContractRef{ChainID: st.ChainID, Address: st.Contract}] = true
	}
	return out
}

// trustedFollower follows one trusted contract for the milter: it connects
// in the background, retrying while its chain is down, then watches the
// contract's events, like liveChain for the receiver's own contract.
type trustedFollower struct {
	cfg     *config.Config
	t       config.TrustedContract
	log     *slog.Logger
	metrics *metrics.Metrics

	mu  sync.Mutex
	cur postage.DepositReader
}

func (f *trustedFollower) current() postage.DepositReader {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.cur
}

func (f *trustedFollower) run(ctx context.Context, confirmations uint64) {
	delay := time.Second
	for {
		cctx, cancel := context.WithTimeout(ctx, 15*time.Second)
		conn, err := connectTrusted(cctx, f.cfg, f.t)
		cancel()
		if err == nil {
			f.log.Info("following a trusted deposit contract", "rpc", conn.url, "chain_id", conn.chainID, "contract", conn.contract.Address())
			f.mu.Lock()
			f.cur = f.metrics.Deposits(conn.deposits(confirmations))
			f.mu.Unlock()
			conn.reader.Watch(ctx, chain.WatchOptions{})
			f.mu.Lock()
			f.cur = nil
			f.mu.Unlock()
			conn.Close()
			return
		}
		if ctx.Err() != nil {
			return
		}
		f.log.Warn("trusted deposit contract unreachable; its stake stamps are temperror until it answers", "contract", f.t.Ref.String(), "err", err, "retry_in", delay)
		select {
		case <-ctx.Done():
			return
		case <-time.After(delay):
		}
		delay = min(2*delay, 30*time.Second)
	}
}
