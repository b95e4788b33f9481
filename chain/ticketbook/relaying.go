package ticketbook

import (
	"github.com/ethereum/go-ethereum/accounts/abi"

	"github.com/postage-mail/postage/contracts"
)

// What a relay needs to send signed reveals from its own queue and
// transaction machinery, without a Writer.

var (
	relayBinding = contracts.NewTicketBook()
	relayABI     = func() *abi.ABI { a := relayBinding.GetABI(); return &a }()
)

// RevealCallData is the calldata of reveal (one request) or revealBatch
// (several, all or nothing), as Writer.Reveal sends it.
func RevealCallData(reqs []RevealRequest) []byte {
	if len(reqs) == 1 {
		return relayBinding.PackReveal(reqs[0].packed())
	}
	ps := make([]contracts.TicketBookRevealRequest, len(reqs))
	for i, r := range reqs {
		ps[i] = r.packed()
	}
	return relayBinding.PackRevealBatch(ps)
}

// DecodeError turns an RPC error carrying TicketBook revert data into a
// *RevertError (matching this package's sentinels); other errors come
// back unchanged, nil stays nil.
func DecodeError(err error) error { return asRevert(relayABI, err) }
