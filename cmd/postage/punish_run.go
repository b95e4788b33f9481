package main

import (
	"context"
	"fmt"
	"log/slog"

	"github.com/postage-mail/postage/chain"
	"github.com/postage-mail/postage/config"
	"github.com/postage-mail/postage/host"
	"github.com/postage-mail/postage/punish"
)

// newPunisher wires package punish to this host: its settings, the chain
// (chain.rpc, --rpc or the embedded chain; connected on first need) and
// the relays.
func newPunisher(cfg *config.Config, ps config.PunishSettings, rpc string, relays []string, logf func(string, ...any)) *punish.Punisher {
	return &punish.Punisher{
		Delay: ps.Delay, RelayTimeout: ps.RelayTimeout, Confirmations: ps.Confirmations,
		MaxDelayFraction: config.MaxPunishDelayFraction,
		QueuePath:        ps.Queue, KeyPath: ps.Key, Relays: relays,
		Logf: logf, Out: stdout,
		Connect: func(ctx context.Context) (*punish.Chain, error) {
			conn, err := host.ConnectChain(ctx, cfg, rpc)
			if err != nil {
				return nil, err
			}
			return &punish.Chain{Client: conn.Client, ChainID: conn.ChainID, Contract: conn.Contract, Reader: conn.Reader,
				Writer: func() (*chain.Writer, error) { return conn.Writer() }, Close: conn.Close}, nil
		},
	}
}

// startPunishQueue works the local punishment queue (punish.Serve) until
// ctx ends. `postage serve` runs it.
func startPunishQueue(ctx context.Context, cfg *config.Config, rpc string, logger *slog.Logger) <-chan struct{} {
	ps, err := cfg.PunishSettings()
	if err != nil {
		logger.Error("the punishment queue does not run", "err", err)
		done := make(chan struct{})
		close(done)
		return done
	}
	log := logger.With("component", "punish")
	logf := func(f string, a ...any) { log.Info(fmt.Sprintf(f, a...)) }
	return punish.Serve(ctx, ps.Queue, ps.Delay, func() *punish.Punisher {
		return newPunisher(cfg, ps, rpc, ps.Relays, logf)
	}, func(err error) { log.Warn("punishment queue", "err", err) })
}
