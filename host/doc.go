// Package host builds the services of one mail host from its
// configuration and runs them: the embedded chain, the milter with its
// spent store and chain watcher, the burn relay, the sender's batcher and
// lifecycle, the punishment queue, the ticket-book agent and the
// dashboard. It is what `postage serve` and `postage milter` run, and what
// the other commands use to open a chain connection, a spent store or a
// ticket book the way the configuration says.
//
// It is the composition root: it picks the adapters (chain, store,
// milter, metrics) and hands them to the services (send, punish, agent,
// relay, dashboard). Decisions stay in the domain packages; flags, exit
// codes and printing stay in cmd/postage.
package host
