package send

import (
	"context"
	"fmt"
	"math/big"
	"strings"
	"sync"
	"time"

	"github.com/postage-mail/postage/book"
	"github.com/postage-mail/postage/stake"
)

// PolicyDirectory finds the stake policies a receiving domain publishes
// (TXT _postage.<domain>, book.Policy) and how long the answer holds.
type PolicyDirectory interface {
	LookupPolicy(ctx context.Context, domain string) ([]book.Policy, time.Duration, error)
}

// Auto decides, per recipient domain, whether a stake stamp is worth its
// gas (send.stake = "auto"): only when the domain publishes a policy for
// the sender's chain and contract that the sender's deposits meet (a burn
// costs at least its min, the contract's delay is at least its delay).
// Other recipients get work stamps only: nobody pays gas for a recipient
// who never checks. A lookup that fails (not "no policy": an error) stakes,
// so that a DNS outage does not strip mail of its postage. Answers are
// cached for their DNS TTL.
type Auto struct {
	Directory PolicyDirectory
	Account   Account
	Share     *big.Int
	Bounty    *big.Int
	Delay     time.Duration
	Now       func() time.Time
	Logf      func(format string, args ...any)

	mu    sync.Mutex
	cache map[string]autoEntry
}

type autoEntry struct {
	stake bool
	until time.Time
}

func (a *Auto) now() time.Time {
	if a.Now != nil {
		return a.Now()
	}
	return time.Now()
}

// Meets reports whether the sender's deposits meet p, and if not, why.
func (a *Auto) Meets(p book.Policy) (bool, string) {
	eff := new(big.Int).Sub(orZero(a.Share), orZero(a.Bounty))
	switch {
	case p.ChainID != a.Account.ChainID || p.Contract != stake.Address(a.Account.Contract):
		return false, fmt.Sprintf("its policy names chain %d contract %s", p.ChainID, p.Contract)
	case p.MinPerLeaf != nil && eff.Cmp(p.MinPerLeaf) < 0:
		return false, fmt.Sprintf("it asks %s a leaf, a burn of ours costs %s", FormatWei(p.MinPerLeaf), FormatWei(eff))
	case a.Delay < p.MinDelay:
		return false, fmt.Sprintf("it asks a delay of %s, the contract's is %s", p.MinDelay, a.Delay)
	}
	return true, ""
}

// Choose returns the recipients to stake for, in order.
func (a *Auto) Choose(ctx context.Context, rcpts []string) ([]string, error) {
	var out []string
	decided := map[string]bool{}
	for _, r := range rcpts {
		at := strings.LastIndexByte(r, '@')
		if at <= 0 {
			continue
		}
		d := strings.ToLower(r[at+1:])
		st, ok := decided[d]
		if !ok {
			st = a.decide(ctx, d)
			decided[d] = st
		}
		if st {
			out = append(out, r)
		}
	}
	return out, nil
}

func (a *Auto) decide(ctx context.Context, domain string) bool {
	now := a.now()
	a.mu.Lock()
	if e, ok := a.cache[domain]; ok && now.Before(e.until) {
		a.mu.Unlock()
		return e.stake
	}
	a.mu.Unlock()
	lctx, cancel := context.WithTimeout(ctx, LookupBudget)
	defer cancel()
	ps, ttl, err := a.Directory.LookupPolicy(lctx, domain)
	if err != nil {
		if a.Logf != nil {
			a.Logf("%s: stake policy unknown (%v); staking anyway", domain, err)
		}
		return true
	}
	stake, why := false, "it publishes no stake policy"
	for _, p := range ps {
		var ok bool
		if ok, why = a.Meets(p); ok {
			stake = true
			break
		}
	}
	if !stake && a.Logf != nil {
		a.Logf("%s: work stamps only (%s)", domain, why)
	}
	a.mu.Lock()
	if a.cache == nil {
		a.cache = map[string]autoEntry{}
	}
	a.cache[domain] = autoEntry{stake: stake, until: now.Add(ttl)}
	a.mu.Unlock()
	return stake
}
