// Package contracts holds postage's deposit contract: the Solidity source
// (src/Postage.sol), its compiled ABI and bytecode (build/) and the Go
// binding generated from them by go-ethereum's abigen v2 (postage.go);
// and the same for the deniable stake mode's TicketBook
// (src/TicketBook.sol, ticketbook.go; see TICKETBOOK.md).
//
// The artifacts are committed so that building and testing the Go code
// never needs node or solc. gen.sh regenerates them (solc-js 0.8.37 from
// npm, abigen pinned as a tool in go.mod); check-generated.sh fails when
// the committed files differ from a fresh regeneration. README.md gives the
// contract's rules, state machine and gas table.
package contracts

//go:generate ./gen.sh
