package config

import (
	"fmt"
	"math/big"
	"net"
	"net/url"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/postage-mail/postage/wei"
)

// bookSection is the [book] section as written; BookSettings checks it.
type bookSection struct {
	Enabled          bool     `toml:"enabled"`
	Contract         string   `toml:"contract"`
	Dir              string   `toml:"dir"`
	Domains          []string `toml:"domains"`
	Advertise        bool     `toml:"advertise"`
	Values           int      `toml:"values"`
	Stake            string   `toml:"stake"`
	Bounty           string   `toml:"bounty"`
	Window           string   `toml:"window"`
	Reserve          string   `toml:"reserve"`
	DelayProbability float64  `toml:"delay_probability"`
	DecisionDelay    string   `toml:"decision_delay"`
	Margin           string   `toml:"margin"`
	BlockTime        string   `toml:"block_time"`
	History          uint64   `toml:"history"`
	Tick             string   `toml:"tick"`
	Relay            string   `toml:"relay"`
	RandomnessDelay  uint32   `toml:"randomness_delay"`
	Epoch            uint32   `toml:"epoch"`
}

// BookSettings is the [book] section, checked and resolved.
type BookSettings struct {
	Enabled          bool
	Contract         common.Address // zero: use the recorded deployment
	Dir              string
	Domains          []string
	Advertise        bool // send mode milter: Postage-Book header for Domains
	Values           int
	Stake            *big.Int
	Bounty           *big.Int
	Window           time.Duration
	Reserve          *big.Int // nil: computed from DelayProbability
	DelayProbability float64
	DecisionDelay    time.Duration
	Margin           time.Duration
	BlockTime        time.Duration // 0: measure it on the chain
	History          uint64
	Tick             time.Duration
	// Relay is the base URL of a relay (POST /v1/reveals) the agent sends
	// its reveals through; empty: the agent's account pays the gas.
	Relay           string
	RandomnessDelay uint32
	Epoch           uint32
}

// WindowBlocks is the reveal window in blocks of blockTime.
func (s BookSettings) WindowBlocks(blockTime time.Duration) uint32 {
	n := (s.Window + blockTime - 1) / blockTime
	if n > 1<<32-1 {
		n = 1<<32 - 1
	}
	return uint32(n)
}

// BookSettings checks and resolves the [book] section.
func (c *Config) BookSettings() (BookSettings, error) {
	b := c.Book
	bad := func(key, format string, a ...any) (BookSettings, error) {
		return BookSettings{}, fmt.Errorf("config: book.%s: %s", key, fmt.Sprintf(format, a...))
	}
	s := BookSettings{Enabled: b.Enabled, Advertise: b.Advertise, Values: b.Values, DelayProbability: b.DelayProbability, History: b.History,
		RandomnessDelay: b.RandomnessDelay, Epoch: b.Epoch}
	if b.Contract != "" {
		if !common.IsHexAddress(b.Contract) {
			return bad("contract", "%q is not an address", b.Contract)
		}
		s.Contract = common.HexToAddress(b.Contract)
	}
	s.Dir = filepath.Join(c.DataDir, "book")
	if b.Dir != "" {
		s.Dir = c.Path(b.Dir)
	}
	for _, d := range b.Domains {
		d = strings.TrimSuffix(strings.ToLower(strings.TrimSpace(d)), ".")
		if d == "" || strings.ContainsAny(d, " @;\t") || !strings.Contains(d, ".") {
			return bad("domains", "%q is not a mail domain", d)
		}
		s.Domains = append(s.Domains, d)
	}
	if s.Values < 1 || s.Values > 1<<20 {
		return bad("values", "%d: want 1..1048576", s.Values)
	}
	var err error
	if s.Stake, err = wei.Parse(b.Stake); err != nil || s.Stake.Sign() <= 0 || s.Stake.BitLen() > 96 {
		return bad("stake", "%q: want a positive amount, e.g. 0.001eth", b.Stake)
	}
	// The TicketBook contract refuses a bounty above stake/16 (its
	// BOUNTY_DIVISOR: the bounty is all an owner can earn from its book).
	if s.Bounty, err = wei.Parse(b.Bounty); err != nil || new(big.Int).Mul(s.Bounty, big.NewInt(16)).Cmp(s.Stake) > 0 {
		return bad("bounty", "%q: want an amount no larger than book.stake/16 (the contract's cap)", b.Bounty)
	}
	if b.Reserve != "" {
		if s.Reserve, err = wei.Parse(b.Reserve); err != nil {
			return bad("reserve", "%q: %v", b.Reserve, err)
		}
	}
	if !(s.DelayProbability > 0 && s.DelayProbability < 1) {
		return bad("delay_probability", "%v: want 0 < p < 1", s.DelayProbability)
	}
	for _, p := range []struct {
		key, val string
		dst      *time.Duration
		min      time.Duration
	}{
		{"window", b.Window, &s.Window, time.Second},
		{"decision_delay", b.DecisionDelay, &s.DecisionDelay, 0},
		{"margin", b.Margin, &s.Margin, 0},
		{"tick", b.Tick, &s.Tick, time.Second},
	} {
		d, err := ParsePeriod(p.val)
		if err != nil || d < p.min {
			return bad(p.key, "%q: want a period of at least %v", p.val, p.min)
		}
		*p.dst = d
	}
	if b.Relay != "" {
		u, err := url.Parse(b.Relay)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.RawQuery != "" || u.Fragment != "" {
			return bad("relay", "%q: want http(s)://host[:port], or empty", b.Relay)
		}
		s.Relay = strings.TrimRight(b.Relay, "/")
	}
	if b.BlockTime != "" {
		if s.BlockTime, err = ParsePeriod(b.BlockTime); err != nil || s.BlockTime < time.Second {
			return bad("block_time", "%q: want a period of at least 1s, or empty to measure it", b.BlockTime)
		}
	}
	if s.Window < s.DecisionDelay+2*s.Margin {
		return bad("window", "%v is shorter than decision_delay (%v) plus twice the margin (%v)", s.Window, s.DecisionDelay, s.Margin)
	}
	if s.History != 256 && s.History != 8191 {
		return bad("history", "%d: want 8191 (EIP-2935) or 256", s.History)
	}
	if s.RandomnessDelay < 1 || s.RandomnessDelay > 1024 {
		return bad("randomness_delay", "%d: want 1..1024", s.RandomnessDelay)
	}
	if s.Epoch < 1 || s.Epoch > 1024 {
		return bad("epoch", "%d: want 1..1024", s.Epoch)
	}
	return s, nil
}

// SenderTickets are the [send] settings of the deniable stake mode.
type SenderTickets struct {
	Enabled   bool
	MaxTicket *big.Int
	Resolver  string // host:port, "" for the system's
	// Trusted are the ticket book contracts a DNS record may name.
	Trusted []TicketContract
	// BooksFile lists books known without DNS ("" for none).
	BooksFile string
}

// TicketContract names a TicketBook on a chain.
type TicketContract struct {
	ChainID uint64
	Address common.Address
}

// SenderTickets checks and resolves the sender's ticket settings.
func (c *Config) SenderTickets() (SenderTickets, error) {
	s := SenderTickets{Enabled: c.Send.Tickets, Resolver: c.Send.Resolver}
	if c.Send.BooksFile != "" {
		s.BooksFile = c.Path(c.Send.BooksFile)
	}
	var err error
	if s.MaxTicket, err = wei.Parse(c.Send.MaxTicket); err != nil {
		return s, fmt.Errorf("config: send.max_ticket: %w", err)
	}
	if r := s.Resolver; r != "" {
		host, port, err := net.SplitHostPort(r)
		if err != nil || host == "" || port == "" {
			return s, fmt.Errorf("config: send.resolver %q: want host:port", r)
		}
	}
	for _, t := range c.Send.TicketContracts {
		id, addr, ok := strings.Cut(t, ":")
		n, err := strconv.ParseUint(id, 10, 64)
		if !ok || err != nil || n == 0 || !common.IsHexAddress(addr) {
			return s, fmt.Errorf("config: send.ticket_contracts: %q: want chainid:0xaddress", t)
		}
		s.Trusted = append(s.Trusted, TicketContract{ChainID: n, Address: common.HexToAddress(addr)})
	}
	return s, nil
}
