package canonical

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/postage-mail/postage/chain/networks"
)

// ErrUnreachable marks a check that could not ask the chain: the contract
// was not verified.
var ErrUnreachable = errors.New("unreachable")

// Target is one check of `postage contract verify`: the deposit contract
// with a withdrawal delay at Address, the TicketBook with the canonical
// arguments (Book), or a network preset's fixture (Network: its chain id
// and the code hash at its canonical address).
type Target struct {
	Address common.Address
	Network *networks.Network
	Book    bool
	Delay   time.Duration
}

// NewTarget is the check that network (a preset name, "" none), book,
// delay and at most one address ask for. Without an address it is the
// canonical address of what is checked.
func NewTarget(network string, book bool, delay time.Duration, address ...string) (Target, error) {
	t := Target{Book: book, Delay: delay}
	if network != "" {
		n, err := networks.Lookup(network)
		if err != nil {
			return t, fmt.Errorf("--network: %w", err)
		}
		if book || delay != CanonicalDelay {
			return t, errors.New("--network checks the canonical deposit contract: no --book or --delay")
		}
		t.Network = &n
	}
	var err error
	switch {
	case t.Network != nil:
		t.Address = common.HexToAddress(t.Network.Contract)
	case book:
		t.Address = TicketBookAddress(CanonicalRandomnessDelay, CanonicalEpoch)
	default:
		if t.Address, err = CanonicalAddress(delay); err != nil {
			return t, fmt.Errorf("--delay: %w", err)
		}
	}
	switch {
	case len(address) > 1:
		return t, errors.New("verify takes at most one ADDRESS")
	case len(address) == 1 && !common.IsHexAddress(address[0]):
		return t, fmt.Errorf("%q is not an address", address[0])
	case len(address) == 1:
		t.Address = common.HexToAddress(address[0])
	}
	return t, nil
}

// Report is a check's answer: Reason is "ok", a VerifyError's reason, or
// "unreachable"; Err is the detail (nil when ok).
type Report struct {
	Address common.Address
	Reason  string
	Err     error
}

// String is the answer line: the reason and the address.
func (r Report) String() string { return r.Reason + " " + r.Address.String() }

// Check verifies t on the chain b serves.
func (t Target) Check(ctx context.Context, b ChainBackend) Report {
	var err error
	switch {
	case t.Network != nil:
		if err = VerifyNetwork(ctx, b, t.Network.ChainID, t.Address, common.HexToHash(t.Network.CodeHash)); err != nil {
			err = fmt.Errorf("network %s: %w", t.Network.Name, err)
		}
	case t.Book:
		err = VerifyTicketBook(ctx, b, t.Address, CanonicalRandomnessDelay, CanonicalEpoch)
	default:
		_, err = Verify(ctx, b, t.Address, t.Delay)
	}
	return t.Report(err)
}

// Report is the answer for err: ok when nil, a *VerifyError's reason,
// else unreachable (the chain did not answer; Err wraps ErrUnreachable).
func (t Target) Report(err error) Report {
	var ve *VerifyError
	switch {
	case err == nil:
		return Report{Address: t.Address, Reason: "ok"}
	case errors.As(err, &ve):
		return Report{Address: t.Address, Reason: string(ve.Reason), Err: err}
	case !errors.Is(err, ErrUnreachable):
		err = fmt.Errorf("%w: %w", ErrUnreachable, err)
	}
	return Report{Address: t.Address, Reason: ErrUnreachable.Error(), Err: err}
}
