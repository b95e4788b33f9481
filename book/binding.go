package book

import (
	"golang.org/x/crypto/sha3"

	"github.com/postage-mail/postage/stake"
)

// bindingDomain separates ticket bindings from stake secrets ("postage-v1").
const bindingDomain = "postage-ticket-v1"

// Binding is what a sender commits to when it buys a ticket:
// keccak256("postage-ticket-v1" ‖ rcpt ‖ nonce), rcpt in canonical form.
// The nonce travels only in the recipient's copy of the mail, so a third
// party who sees the purchase on chain cannot present the ticket with a
// message of its own, nor can the ticket be moved to another recipient.
func Binding(rcpt stake.Recipient, nonce stake.Nonce) stake.Hash {
	k := sha3.NewLegacyKeccak256()
	k.Write([]byte(bindingDomain))
	k.Write([]byte(rcpt.String()))
	k.Write(nonce[:])
	var h stake.Hash
	k.Sum(h[:0])
	return h
}

// Commitment is what the contract stores of a ticket's buyer and binding:
// the top 26 bytes of keccak256(buyer ‖ binding).
func Commitment(buyer stake.Address, binding stake.Hash) [26]byte {
	k := sha3.NewLegacyKeccak256()
	k.Write(buyer[:])
	k.Write(binding[:])
	var h [32]byte
	k.Sum(h[:0])
	return [26]byte(h[:26])
}
