package punish

import "errors"

// Mode is what one `postage punish` is asked to do: burn after the undo
// window (the default), burn Now, Cancel a pending punishment, or send
// the queued punishments that are Due; Wait for a relay's burn to show.
type Mode struct {
	Now, Cancel, Due, Wait bool
	// RPC is an endpoint of the caller's own (--rpc).
	RPC bool
}

// Check refuses the combinations that mean nothing, given the relays the
// punishment would go to (Relays).
func (m Mode) Check(relays []string) error {
	modes := 0
	for _, b := range []bool{m.Now, m.Cancel, m.Due} {
		if b {
			modes++
		}
	}
	switch {
	case modes > 1:
		return errors.New("--now, --cancel and --due exclude each other")
	case m.Wait && (m.Cancel || m.Due):
		return errors.New("--wait goes with a burn, not with --cancel or --due")
	case len(relays) > 0 && m.RPC && !m.Due:
		return errors.New("--rpc and a relay exclude each other: the relay chooses the chain")
	}
	return nil
}

// Relays are the relays a punishment goes to: those given (--relay), else
// the configured list (punish.relays), else the host's relay (relay.url).
// None: the burn is paid with the host's own ETH.
func Relays(given, configured []string, relayURL string) []string {
	switch {
	case len(given) > 0:
		return given
	case len(configured) > 0:
		return configured
	case relayURL != "":
		return []string{relayURL}
	}
	return nil
}
