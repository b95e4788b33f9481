package host

import (
	"context"
	"fmt"
	"io"
	"log/slog"

	"github.com/postage-mail/postage/chain"
	"github.com/postage-mail/postage/config"
	"github.com/postage-mail/postage/punish"
)

// NewPunisher wires package punish to this host: its settings, the chain
// (chain.rpc, rpc or the embedded chain; connected on first need) and the
// relays. It reports what it did on out.
func NewPunisher(cfg *config.Config, ps config.PunishSettings, rpc string, relays []string, logf func(string, ...any), out io.Writer) *punish.Punisher {
	return &punish.Punisher{
		Delay: ps.Delay, RelayTimeout: ps.RelayTimeout, Confirmations: ps.Confirmations,
		MaxDelayFraction: config.MaxPunishDelayFraction,
		QueuePath:        ps.Queue, KeyPath: ps.Key, Relays: relays,
		Logf: logf, Out: out,
		Connect: func(ctx context.Context) (*punish.Chain, error) {
			conn, err := ConnectChain(ctx, cfg, rpc)
			if err != nil {
				return nil, err
			}
			return &punish.Chain{Client: conn.Client, ChainID: conn.ChainID, Contract: conn.Contract, Reader: conn.Reader,
				Writer: func() (*chain.Writer, error) { return conn.Writer() }, Close: conn.Close}, nil
		},
	}
}

// StartPunishQueue works the local punishment queue (punish.Serve) until
// ctx ends; the channel closes when it has stopped. `postage serve` runs
// it. With unusable [punish] settings it says so and does not run.
func StartPunishQueue(ctx context.Context, cfg *config.Config, rpc string, logger *slog.Logger, out io.Writer) <-chan struct{} {
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
		return NewPunisher(cfg, ps, rpc, ps.Relays, logf, out)
	}, func(err error) { log.Warn("punishment queue", "err", err) })
}
