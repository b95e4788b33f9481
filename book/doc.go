// Package book is the domain of postage's deniable stake mode: the
// recipient's ticket book and the parity game of docs/deniable.md.
//
// A recipient's agent draws random 32-byte values and commits to them
// under a Merkle root (the stake package's tree, leaves
// keccak256(0x00 ‖ value)); a sender buys a ticket of that book on chain
// and names it in a Postage-Stamp header of kind "ticket"; a later block
// hash decides whether the ticket matches (Matches), which only the holder
// of the value can tell; the agent reveals matching tickets unless its
// user marked the message as spam.
//
// This package holds what needs no chain: the values and their tree, the
// ticket's binding and commitment, the coin, the ticket header and the DNS
// TXT record codecs, and the solvency arithmetic (the reserve a book needs
// for a chosen probability of delayed payouts). It imports the standard
// library, golang.org/x/crypto/sha3 and the stake package only.
package book
