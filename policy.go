package postage

import (
	"bufio"
	"fmt"
	"io"
	"math/big"
	"slices"
	"strings"
	"time"

	"github.com/postage-mail/postage/stake"
)

// Policy is what a receiver asks of postage. The zero value accepts
// nothing; DefaultPolicy has the documented defaults.
type Policy struct {
	// Accept lists the kinds that are enough to pass, in any
	// combination: AcceptAllowlist, AcceptStake, AcceptWork.
	Accept []Kind

	WorkBits     int
	WorkValidity time.Duration // 0: never expires
	WorkGrace    time.Duration

	// StakeMinPerLeaf is the least wei one leaf must be worth to its
	// creator: its share of the deposit less the contract's bounty per
	// leaf (EffectiveStake).
	StakeMinPerLeaf *big.Int
	// StakeMinDelay is the shortest withdrawal delay accepted: a deposit
	// its creator can withdraw faster than mail is read is no stake.
	StakeMinDelay time.Duration
	// StakeMinAge: deposits younger than this are refused, so a sender
	// cannot deposit, send and withdraw in one breath.
	StakeMinAge time.Duration
	// StakeConfirmations: blocks that must include the deposit (1 = mined).
	StakeConfirmations uint64
	// Contracts are the deposit contracts trusted, by chain. A stamp naming
	// any other is refused: anyone can deploy a contract that lies.
	Contracts []ContractRef

	Allowlist *Allowlist
}

// Kind is what Policy.Accept may list: a kind of postage, or the
// allowlist, that is enough for a message to pass.
type Kind string

// The kinds Policy.Accept may list.
const (
	AcceptAllowlist Kind = "allowlist" // an allowlisted sender
	AcceptStake     Kind = "stake"     // a stake stamp or a ticket (package stake, book)
	AcceptWork      Kind = "work"      // a hashcash work stamp (package hashcash)
)

// ContractRef names a deposit contract on a chain.
type ContractRef struct {
	ChainID uint64
	Address stake.Address
}

func (c ContractRef) String() string { return fmt.Sprintf("%d:%s", c.ChainID, c.Address) }

// DefaultPolicy: allowlist or stake each suffice, work alone does not (a
// GPU makes a 20-bit stamp in microseconds: docs/economics.md; add
// AcceptWork to count it); work stamps of 20 bits, 28 days (2 days
// grace); 0.001 ETH per leaf; 3 days' delay; 1 confirmation; no minimum
// age.
func DefaultPolicy() *Policy {
	return &Policy{
		Accept:             []Kind{AcceptAllowlist, AcceptStake},
		WorkBits:           20,
		WorkValidity:       28 * 24 * time.Hour,
		WorkGrace:          2 * 24 * time.Hour,
		StakeMinPerLeaf:    big.NewInt(1e15),
		StakeMinDelay:      3 * 24 * time.Hour,
		StakeConfirmations: 1,
	}
}

// Trusts reports whether ref is one of the trusted contracts.
func (p *Policy) Trusts(ref ContractRef) bool { return slices.Contains(p.Contracts, ref) }

// Accepts reports whether kind (AcceptAllowlist, AcceptStake, AcceptWork)
// is enough to pass under this policy.
func (p *Policy) Accepts(kind Kind) bool { return slices.Contains(p.Accept, kind) }

// Validate reports settings that cannot work. (A policy that accepts stake
// but trusts no contract is valid: every stake stamp then fails
// unknown-contract, which the verdict says.)
func (p *Policy) Validate() error {
	for _, k := range p.Accept {
		switch k {
		case AcceptAllowlist, AcceptStake, AcceptWork:
		default:
			return fmt.Errorf("policy: accept %q: want %s, %s or %s", k, AcceptAllowlist, AcceptStake, AcceptWork)
		}
	}
	if p.WorkBits < 0 || p.WorkBits > 160 {
		return fmt.Errorf("policy: work bits %d: want 0..160", p.WorkBits)
	}
	if p.StakeMinPerLeaf != nil && p.StakeMinPerLeaf.Sign() < 0 {
		return fmt.Errorf("policy: negative minimum stake")
	}
	return nil
}

// Allowlist holds senders whose mail passes without postage: addresses,
// or domains written as "@example.com" (also matching subdomains is not
// implied: list them).
type Allowlist struct {
	addrs   map[string]bool
	domains map[string]bool
}

// ReadAllowlist reads one address or @domain per line; blank lines and
// lines starting with # are ignored.
func ReadAllowlist(r io.Reader) (*Allowlist, error) {
	a := &Allowlist{addrs: map[string]bool{}, domains: map[string]bool{}}
	sc := bufio.NewScanner(r)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		if d, ok := strings.CutPrefix(line, "@"); ok {
			if d == "" || strings.ContainsAny(d, "@ \t") {
				return nil, fmt.Errorf("allowlist line %d: bad domain %q", n, line)
			}
			a.domains[strings.ToLower(d)] = true
			continue
		}
		rcpt, err := stake.ParseRecipient(line)
		if err != nil {
			return nil, fmt.Errorf("allowlist line %d: %w", n, err)
		}
		a.addrs[rcpt.String()] = true
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read allowlist: %w", err)
	}
	return a, nil
}

// Contains reports whether sender is allowlisted.
func (a *Allowlist) Contains(sender string) bool {
	if a == nil {
		return false
	}
	r, err := stake.ParseRecipient(sender)
	if err != nil {
		return false
	}
	s := r.String()
	if a.addrs[s] {
		return true
	}
	_, domain, _ := strings.Cut(s, "@")
	return a.domains[domain]
}

// Len is the number of entries.
func (a *Allowlist) Len() int {
	if a == nil {
		return 0
	}
	return len(a.addrs) + len(a.domains)
}
