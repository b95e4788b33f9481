package book

import (
	"fmt"
	"math/big"
	"strconv"
	"strings"
	"time"

	"github.com/postage-mail/postage/stake"
)

// PolicyVersion is the v tag of a receiving domain's stake policy, the
// second kind of record at _postage.<domain> (beside its ticket books):
//
//	v=postage-policy1; chain=<id>; contract=<0x address>; min=<wei>; delay=<seconds>
//
// min is the least a burn of one leaf must cost its creator (share less
// bounty, policy.stake.min_per_leaf), delay the shortest withdrawal delay
// it accepts (policy.stake.min_delay). A sender stakes for the domain's
// recipients only when it can meet both (send.stake = "auto"): nobody pays
// gas for a recipient who never checks.
const PolicyVersion = "postage-policy1"

// Policy is one published stake policy.
type Policy struct {
	ChainID    uint64
	Contract   stake.Address
	MinPerLeaf *big.Int
	MinDelay   time.Duration
}

// String is the TXT record's text.
func (p Policy) String() string {
	min := "0"
	if p.MinPerLeaf != nil {
		min = p.MinPerLeaf.String()
	}
	return "v=" + PolicyVersion + "; chain=" + strconv.FormatUint(p.ChainID, 10) + "; contract=" + p.Contract.String() +
		"; min=" + min + "; delay=" + strconv.FormatInt(int64(p.MinDelay/time.Second), 10)
}

// ParsePolicy reads a policy record.
func ParsePolicy(s string) (Policy, error) {
	tags, err := splitTags(s)
	if err != nil {
		return Policy{}, err
	}
	if v := tags["v"]; v != PolicyVersion {
		return Policy{}, fmt.Errorf("%w: record v=%q, want %s", ErrUnsupportedVersion, clip(v), PolicyVersion)
	}
	var p Policy
	if p.ChainID, err = decimal(tags["chain"], 1<<64-1); err != nil || p.ChainID == 0 {
		return Policy{}, fmt.Errorf("%w: chain: %v", ErrMalformed, err)
	}
	if p.Contract, err = stake.ParseAddress(tags["contract"]); err != nil || p.Contract.IsZero() {
		return Policy{}, fmt.Errorf("%w: contract %q: %v", ErrMalformed, clip(tags["contract"]), err)
	}
	min, ok := new(big.Int).SetString(tags["min"], 10)
	if !ok || min.Sign() < 0 || strings.HasPrefix(tags["min"], "+") || len(tags["min"]) > 78 {
		return Policy{}, fmt.Errorf("%w: min %q: want wei, a decimal number", ErrMalformed, clip(tags["min"]))
	}
	p.MinPerLeaf = min
	d, err := decimal(tags["delay"], 1<<40)
	if err != nil {
		return Policy{}, fmt.Errorf("%w: delay: %v", ErrMalformed, err)
	}
	p.MinDelay = time.Duration(d) * time.Second
	return p, nil
}

// ParsePolicies picks the policy records out of a name's TXT records, in
// order, skipping books and unrelated records. None is not an error.
func ParsePolicies(txts []string) []Policy {
	var out []Policy
	for _, t := range txts {
		if p, err := ParsePolicy(t); err == nil {
			out = append(out, p)
		}
	}
	return out
}
