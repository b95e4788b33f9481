// Package stake implements postage v1 stake stamps: the per-recipient secret
// that lets a recipient burn one leaf of a sender's Ethereum deposit.
//
// It covers everything that needs no chain: canonical recipient addresses,
// secret and leaf derivation (the secret is bound to the recipient, so a
// secret minted for one address is useless to another), the Merkle tree a
// deposit commits to (built, proved and verified exactly as the deposit
// contract verifies it), and the Postage-Stamp header codec.
//
// The byte-level format is specified in docs/stake-stamp.md; the test
// vectors in testdata/vectors.json are produced by this package and checked
// against it on every test run.
//
// This is a domain package: it imports the standard library and
// golang.org/x/crypto/sha3 only. Reading deposit state from a chain is the
// chain package's job.
package stake
