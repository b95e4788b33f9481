package punish

import (
	"fmt"

	"github.com/ethereum/go-ethereum/common"

	"github.com/postage-mail/postage/book"
	"github.com/postage-mail/postage/mail"
	"github.com/postage-mail/postage/relay"
	"github.com/postage-mail/postage/stake"
)

// Recipient is the recipient a punishment is for: addr when given (the
// --rcpt flag), else the one the local delivery agent recorded in m
// (mail.(*Message).DeliveredTo); never a guess from the stamps.
func Recipient(m *mail.Message, addr string) (stake.Recipient, error) {
	if addr == "" {
		a, err := m.DeliveredTo()
		if err != nil {
			return stake.Recipient{}, fmt.Errorf("no recipient: pass --rcpt: %w", err)
		}
		addr = a
	}
	rcpt, err := stake.ParseRecipient(addr)
	if err != nil {
		return stake.Recipient{}, fmt.Errorf("recipient %q: %w", addr, err)
	}
	return rcpt, nil
}

// FindBurn is the burn of the stake stamp m carries for the recipient
// (Recipient(m, addr)): its leaf, its secret (derived from the recipient's
// own address, so a stamp meant for someone else cannot be burned by
// mistake) and its proof. Anything else is reported with logf and its
// outcome: NoStake, Usage (no recipient) or Invalid (the stamp does not
// check out for the recipient).
func FindBurn(m *mail.Message, addr string, logf func(string, ...any)) (relay.Burn, Status) {
	found := stake.Find(m.Stamps().Stake)
	for _, err := range found.Bad {
		logf("ignoring a malformed Postage-Stamp: %v", err)
	}
	if len(found.Stamps) == 0 {
		logf("no stake stamp in this message: nothing to burn")
		return relay.Burn{}, NoStake
	}
	rcpt, err := Recipient(m, addr)
	if err != nil {
		logf("%v", err)
		return relay.Burn{}, Usage
	}
	st := found.For(rcpt)
	if st == nil {
		logf("no stake stamp for %s in this message: nothing to burn", rcpt)
		return relay.Burn{}, NoStake
	}
	secret, _, err := st.Check(rcpt)
	if err != nil {
		logf("the stake stamp is not valid for %s: %v", rcpt, err)
		return relay.Burn{}, Invalid
	}
	return BurnOf(st, secret), OK
}

// BurnOf is the burn of stamp st's leaf with its secret.
func BurnOf(st *stake.Stamp, secret stake.Hash) relay.Burn {
	proof := make([]common.Hash, len(st.Proof))
	for i, pr := range st.Proof {
		proof[i] = common.Hash(pr)
	}
	return relay.Burn{ChainID: st.ChainID, Contract: common.Address(st.Contract), DepositID: common.Hash(st.DepositID()), Secret: common.Hash(secret), Index: st.Index, Proof: proof}
}

// FindTicket is the ticket header m carries for the recipient
// (Recipient(m, addr)), for the book agent to erase. ok is false when m
// carries no ticket for the recipient (tickets for others only, or none):
// a stake stamp may be the recipient's. With ok true and status Usage, no
// recipient could be told.
func FindTicket(m *mail.Message, addr string, logf func(string, ...any)) (header string, rcpt stake.Recipient, status Status, ok bool) {
	found := book.Find(m.Stamps().Stake)
	for _, err := range found.Errs {
		logf("ignoring a malformed ticket: %v", err)
	}
	if len(found.Tickets) == 0 {
		return "", stake.Recipient{}, OK, false
	}
	rcpt, err := Recipient(m, addr)
	if err != nil {
		logf("%v", err)
		return "", stake.Recipient{}, Usage, true
	}
	if _, header = found.For(rcpt); header == "" {
		return "", stake.Recipient{}, OK, false
	}
	return header, rcpt, OK, true
}
