package main

import (
	"context"
	"errors"
	"fmt"

	"github.com/ethereum/go-ethereum/common"

	"github.com/postage-mail/postage/chain/canonical"
	"github.com/postage-mail/postage/chain/networks"
	"github.com/postage-mail/postage/host"
)

// verify is `postage contract verify`: exit 0 on a match, 1 otherwise
// with the reason on stdout ("no-code ADDRESS") and the detail on stderr.
// An unreachable chain is a reason too (the contract was not verified),
// printed as "unreachable".
func (c *contractCmd) verify(ctx context.Context, args []string) error {
	var n *networks.Network
	if c.network != "" {
		p, err := networks.Lookup(c.network)
		if err != nil {
			return usageErr("--network: %v", err)
		}
		if c.book || c.delay != canonical.CanonicalDelay {
			return usageErr("--network checks the canonical deposit contract: no --book or --delay")
		}
		n = &p
	}
	target, _ := canonical.CanonicalAddress(c.delay)
	switch {
	case n != nil:
		target = common.HexToAddress(n.Contract)
	case c.book:
		target = bookAddress()
	}
	switch {
	case len(args) > 1:
		return usageErr("verify takes at most one ADDRESS")
	case len(args) == 1 && !common.IsHexAddress(args[0]):
		return usageErr("%q is not an address", args[0])
	case len(args) == 1:
		target = common.HexToAddress(args[0])
	}
	cfg, err := c.load()
	if err != nil {
		return err
	}
	if n != nil {
		cfg.Chain.ChainID = 0 // --network's own chain id is checked below
	}
	conn, err := host.DialChain(ctx, cfg, c.rpc)
	if err != nil {
		return verdict(target, fmt.Errorf("%w: %w", errUnreachable, err))
	}
	defer conn.Close()
	if n != nil {
		err := canonical.VerifyNetwork(ctx, conn.Client, n.ChainID, target, common.HexToHash(n.CodeHash))
		if err != nil {
			err = fmt.Errorf("network %s: %w", n.Name, err)
		}
		return verdict(target, err)
	}
	if c.book {
		err = canonical.VerifyTicketBook(ctx, conn.Client, target, canonical.CanonicalRandomnessDelay, canonical.CanonicalEpoch)
	} else {
		_, err = canonical.Verify(ctx, conn.Client, target, c.delay)
	}
	return verdict(target, err)
}

// verdict prints verify's answer and returns its exit: nil on a match, else
// exit 1 with the reason.
func verdict(addr common.Address, err error) error {
	var ve *canonical.VerifyError
	switch {
	case err == nil:
		fmt.Fprintf(stdout, "ok %s\n", addr)
		return nil
	case errors.As(err, &ve):
		fmt.Fprintf(stdout, "%s %s\n", ve.Reason, addr)
	default:
		fmt.Fprintf(stdout, "%s %s\n", errUnreachable, addr)
		if !errors.Is(err, errUnreachable) {
			err = fmt.Errorf("%w: %w", errUnreachable, err)
		}
	}
	return exitErr(exitInvalid, err)
}
