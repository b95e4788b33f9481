package main

import (
	"log/slog"

	"github.com/postage-mail/postage/config"
	"github.com/postage-mail/postage/host"
)

// dashboardService is the dashboard of serve (nil without one).
type dashboardService = host.Dashboard

// startDashboard serves the dashboard on dashboard.listen (nothing when it
// is empty) from the milter's, relay's and sender's state.
func startDashboard(cfg *config.Config, m *milterService, rs *host.RelayService, ss *host.SenderService, logger *slog.Logger) (*dashboardService, error) {
	p := host.DashboardParts{Ring: m.ring, Milter: m.srv, MilterAddr: m.addr, Chain: m.chain, Store: m.store, Book: m.book}
	if rs != nil {
		p.Relay = rs.Relay()
	}
	p.Lifecycle = ss.Lifecycle()
	return host.StartDashboard(cfg, p, logger)
}
