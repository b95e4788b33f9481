package main

import (
	"context"
	"log/slog"
	"time"

	"github.com/postage-mail/postage"
	"github.com/postage-mail/postage/chain"
	"github.com/postage-mail/postage/chain/connect"
	"github.com/postage-mail/postage/config"
	"github.com/postage-mail/postage/metrics"
	"github.com/postage-mail/postage/stake"
)

// connectTrusted dials a policy.stake.trusted contract's own endpoint and
// checks that it is that chain and that the contract is there.
func connectTrusted(ctx context.Context, cfg *config.Config, t config.TrustedContract) (*chainConn, error) {
	c, err := connect.Trusted(ctx, t.RPC, t.Ref)
	cc, err := wrapConn(cfg, c, err)
	if err == nil {
		cc.minConfirmations = t.Confirmations // a trusted network's finality
	}
	return cc, err
}

// namedContracts are the contracts the message's stake stamps name.
func namedContracts(headers []string) map[postage.ContractRef]bool {
	out := map[postage.ContractRef]bool{}
	for _, st := range stake.Find(headers).Stamps {
		out[postage.ContractRef{ChainID: st.ChainID, Address: st.Contract}] = true
	}
	return out
}

// trustedLive follows one trusted contract for the milter (chain.Live),
// as the receiver's own contract is followed.
func trustedLive(t config.TrustedContract, confirmations uint64, log *slog.Logger, m *metrics.Metrics) *chain.Live {
	return &chain.Live{
		Connect:       func(ctx context.Context) (*chain.Conn, error) { return connect.Trusted(ctx, t.RPC, t.Ref) },
		Confirmations: max(confirmations, t.Confirmations), // a trusted network's finality
		Wrap:          m.Deposits,
		OnConnect: func(c *chain.Conn) {
			log.Info("following a trusted deposit contract", "rpc", c.URL, "chain_id", c.ChainID, "contract", c.Contract.Address())
		},
		OnError: func(err error, wait time.Duration) {
			log.Warn("trusted deposit contract unreachable; its stake stamps are temperror until it answers", "contract", t.Ref.String(), "err", err, "retry_in", wait)
		},
	}
}
