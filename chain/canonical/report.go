package canonical

import (
	"fmt"
	"strings"
	"time"

	"github.com/ethereum/go-ethereum/common"
)

// Addresses is `postage contract address`: the canonical deposit
// contract's address for delay, and the canonical TicketBook's.
func Addresses(delay time.Duration) (string, error) {
	a, err := CanonicalAddress(delay)
	if err != nil {
		return "", err
	}
	d := delay.String()
	if delay%(24*time.Hour) == 0 {
		d = fmt.Sprintf("%dd", delay/(24*time.Hour))
	}
	return fmt.Sprintf("Postage     %s  delay %s\nTicketBook  %s  randomness_delay %d, epoch %d\n", a, d,
		TicketBookAddress(CanonicalRandomnessDelay, CanonicalEpoch), CanonicalRandomnessDelay, CanonicalEpoch), nil
}

// Report is what a deployment of the contract name did: the proxy it
// installed, and where the contract was deployed or already was; "" for
// a deployment that found no address.
func (d Deployed) Report(name string) string {
	var b strings.Builder
	if d.ProxyTx != (common.Hash{}) {
		fmt.Fprintf(&b, "proxy       %s  installed in tx %s\n", ProxyAddress, d.ProxyTx)
	}
	switch {
	case d.Address == (common.Address{}):
	case d.Tx != (common.Hash{}):
		fmt.Fprintf(&b, "%-11s %s  deployed in tx %s\n", name, d.Address, d.Tx)
	default:
		fmt.Fprintf(&b, "%-11s %s  already deployed\n", name, d.Address)
	}
	return b.String()
}
