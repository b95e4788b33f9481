// Package relay is postage's burn relay: an HTTP service that submits
// burns of stake leaves for recipients who hold no ETH. The relay pays the
// gas and the deposit contract pays it the deposit's bounty per leaf; the
// recipient pays with proof of work instead of gas (a hashcash stamp over
// the request, minted for the relay's name), which also keeps junk out.
//
// A request is checked before it costs the relay anything on chain: the
// work stamp first (cheap, local, and spent at once so it cannot be
// replayed), then the burn is simulated with eth_call against the pending
// state, and refused unless the bounty covers the gas with a margin.
// Accepted requests wait in a bbolt queue. One sender goroutine batches
// due requests into burn or burnBatch transactions, writes each signed
// transaction to the queue before broadcasting it, and after a restart
// finishes what it had in flight (rebroadcasting the very same signed
// transaction, never a second one for the same leaf) before it signs
// anything new. The same leaf asked for twice is one request; a leaf
// another relay burned first is reported as already burned, found by
// simulating against the pending state just before signing so that the
// relay does not pay for a transaction that would revert.
//
// The wire API is specified in docs/relay.md; Client is its Go client,
// used by `postage punish --relay`.
package relay
