// Package contracttest cross-checks package stake against the deposit
// contract's own hashing and Merkle verification on go-ethereum's simulated
// backend. It is a separate package so that stake, a domain package, never
// imports go-ethereum; it has no code outside its tests.
package contracttest
