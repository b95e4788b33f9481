// Package config reads postage's TOML configuration. Its defaults live in
// default.toml, embedded and documented there, so the file a user copies
// and the values the code uses cannot drift apart.
package config

import (
	_ "embed"
	"errors"
	"fmt"
	"math/big"
	"net"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"time"

	"github.com/BurntSushi/toml"

	"github.com/postage-mail/postage"
	"github.com/postage-mail/postage/chain/networks"
	"github.com/postage-mail/postage/milter"
	"github.com/postage-mail/postage/stake"
	"github.com/postage-mail/postage/wei"
)

//go:embed default.toml
var Default string

// Config is the whole configuration.
type Config struct {
	DataDir string `toml:"-"`
	Chain   struct {
		RPC          string `toml:"rpc"`
		Contract     string `toml:"contract"`
		Keystore     string `toml:"keystore"`
		Account      string `toml:"account"`
		PasswordFile string `toml:"password_file"`
		Listen       string `toml:"listen"`
		MinFree      string `toml:"min_free"`
		// Network presets (config/network.go, chain/networks).
		Network string `toml:"network"`
		ChainID uint64 `toml:"chain_id"`
		MaxFee  string `toml:"max_fee"`
	} `toml:"chain"`
	net    *networks.Network // the resolved chain.network
	Policy struct {
		Accept    []string `toml:"accept"`
		Allowlist string   `toml:"allowlist"`
		Work      struct {
			Bits   int    `toml:"bits"`
			Expiry string `toml:"expiry"`
			Grace  string `toml:"grace"`
		} `toml:"work"`
		Stake struct {
			MinPerLeaf    string   `toml:"min_per_leaf"`
			MinDelay      string   `toml:"min_delay"`
			MinAge        string   `toml:"min_age"`
			Confirmations uint64   `toml:"confirmations"`
			Trusted       []string `toml:"trusted"`
			// RPC is the JSON-RPC endpoint of each trusted contract's
			// chain, by chain id (policy.stake.rpc."5" = URL).
			RPC map[string]string `toml:"rpc"`
		} `toml:"stake"`
	} `toml:"policy"`
	Store struct {
		Kind     string `toml:"kind"`
		Path     string `toml:"path"`
		RedisURL string `toml:"redis_url"`
	} `toml:"store"`
	Send struct {
		Bits              int       `toml:"bits"`
		StakePerRecipient string    `toml:"stake_per_recipient"`
		Bounty            string    `toml:"bounty"`
		Sendmail          string    `toml:"sendmail"`
		Stake             StakeMode `toml:"stake"`
		// Deniable stake, the sender's side (config/book.go).
		Tickets         bool     `toml:"tickets"`
		MaxTicket       string   `toml:"max_ticket"`
		Resolver        string   `toml:"resolver"`
		TicketContracts []string `toml:"ticket_contracts"`
		BooksFile       string   `toml:"books_file"`
		// The sender's deposits (config/send.go).
		MinLeaves      int    `toml:"min_leaves"`
		Hold           string `toml:"hold"`
		LifecycleTick  string `toml:"lifecycle_tick"`
		BatchWait      string `toml:"batch_wait"`
		BatchMax       int    `toml:"batch_max"`
		BookMaxBounty  int64  `toml:"book_max_bounty"`
		BookMinReserve int64  `toml:"book_min_reserve"`
		BookMaxQueue   uint32 `toml:"book_max_queue"`
		BookMaxWindow  string `toml:"book_max_window"`
	} `toml:"send"`
	Milter struct {
		Listen    string   `toml:"listen"`
		Mode      string   `toml:"mode"`
		Action    string   `toml:"action"`
		ActOn     []string `toml:"act_on"`
		TempError string   `toml:"temperror"`
		Timeout   string   `toml:"timeout"`
		Drain     string   `toml:"drain"`
		MaxStamps int      `toml:"max_stamps"`
		// After: the Postfix milter entries that must run after postage
		// (rspamd's, spamass-milter's): they see its Postage-Result.
		After []string `toml:"after"`
		// IdleTimeout closes milter connections silent that long.
		IdleTimeout string `toml:"idle_timeout"`
	} `toml:"milter"`
	Metrics struct {
		Listen string `toml:"listen"`
	} `toml:"metrics"`
	Relay  relaySection  `toml:"relay"`
	Punish punishSection `toml:"punish"`
	Book   bookSection   `toml:"book"`
	Submit submitSection `toml:"submit"`
	// Dashboard: config/dashboard.go.
	Dashboard dashboardSection `toml:"dashboard"`
}

// DataDir is where postage keeps its state: $POSTAGE_HOME, else
// $XDG_DATA_HOME/postage, else ~/.local/share/postage (on macOS and Windows
// the platform's per-user config directory).
func DataDir() (string, error) {
	if d := os.Getenv("POSTAGE_HOME"); d != "" {
		return d, nil
	}
	if d := os.Getenv("XDG_DATA_HOME"); d != "" {
		return filepath.Join(d, "postage"), nil
	}
	switch runtime.GOOS {
	case "darwin", "windows", "ios", "plan9":
		d, err := os.UserConfigDir()
		if err != nil {
			return "", fmt.Errorf("find data directory: %w (set POSTAGE_HOME)", err)
		}
		return filepath.Join(d, "postage"), nil
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return "", fmt.Errorf("find data directory: %w (set POSTAGE_HOME)", err)
	}
	return filepath.Join(home, ".local", "share", "postage"), nil
}

// DefaultPath is the config file read when none is named:
// <data dir>/postage.toml.
func DefaultPath() (string, error) {
	d, err := DataDir()
	if err != nil {
		return "", err
	}
	return filepath.Join(d, "postage.toml"), nil
}

// Load reads the defaults, then the file at path over them. A missing file
// at the default path is fine (defaults apply); a missing file the user
// named is an error. Unknown keys are errors, so typos do not pass
// silently.
func Load(path string) (*Config, error) {
	c := &Config{}
	if _, err := toml.Decode(Default, c); err != nil {
		return nil, fmt.Errorf("embedded defaults: %w", err)
	}
	d, err := DataDir()
	if err != nil {
		return nil, err
	}
	c.DataDir = d
	named := path != ""
	if !named {
		path = filepath.Join(d, "postage.toml")
	}
	data, err := os.ReadFile(path)
	switch {
	case errors.Is(err, os.ErrNotExist) && !named:
		return c, c.validate()
	case err != nil:
		return nil, fmt.Errorf("read config: %w", err)
	}
	md, err := toml.Decode(string(data), c)
	if err != nil {
		return nil, fmt.Errorf("config %s: %w", path, err)
	}
	if und := md.Undecoded(); len(und) > 0 {
		keys := make([]string, len(und))
		for i, k := range und {
			keys[i] = k.String()
		}
		return nil, fmt.Errorf("config %s: unknown settings: %s", path, strings.Join(keys, ", "))
	}
	return c, c.validate()
}

func (c *Config) validate() error {
	if err := c.applyNetwork(); err != nil {
		return err
	}
	if _, err := c.basePolicy(); err != nil {
		return err
	}
	switch c.Store.Kind {
	case "bolt", "redis":
	default:
		return fmt.Errorf("config: store.kind %q: want bolt or redis", c.Store.Kind)
	}
	if _, err := c.SubmitSettings(); err != nil {
		return err
	}
	if _, err := wei.Parse(c.Send.StakePerRecipient); err != nil {
		return fmt.Errorf("config: send.stake_per_recipient: %w", err)
	}
	if _, err := wei.Parse(c.Send.Bounty); err != nil {
		return fmt.Errorf("config: send.bounty: %w", err)
	}
	if _, err := c.SendmailCommand(); err != nil {
		return err
	}
	if _, err := c.MilterConfig(); err != nil {
		return err
	}
	if _, err := c.MilterAddress(); err != nil {
		return fmt.Errorf("config: milter.listen: %w", err)
	}
	if _, err := c.MilterDrain(); err != nil {
		return err
	}
	if err := checkLoopback(c.Chain.Listen); err != nil {
		return fmt.Errorf("config: chain.listen: %w", err)
	}
	if _, err := c.ChainMinFree(); err != nil {
		return err
	}
	if l := c.Metrics.Listen; l != "" {
		if _, _, err := net.SplitHostPort(l); err != nil {
			return fmt.Errorf("config: metrics.listen %q: want host:port, or empty for none: %v", l, err)
		}
	}
	if _, err := c.BookSettings(); err != nil {
		return err
	}
	if _, err := c.SenderTickets(); err != nil {
		return err
	}
	if _, err := c.SendSettings(); err != nil {
		return err
	}
	if _, err := c.RelaySettings(); err != nil {
		return err
	}
	if _, err := c.PunishSettings(); err != nil {
		return err
	}
	if _, err := c.DashboardSettings(); err != nil {
		return err
	}
	return nil
}

// checkLoopback accepts a loopback host:port (the embedded chain's RPC
// must not be reachable from other hosts: it serves the developer
// account's chain).
func checkLoopback(addr string) error {
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return fmt.Errorf("%q: want host:port: %v", addr, err)
	}
	if ip := net.ParseIP(host); host != "localhost" && (ip == nil || !ip.IsLoopback()) {
		return fmt.Errorf("%q is not a loopback address: the embedded chain listens on loopback only", addr)
	}
	if p, err := strconv.Atoi(port); err != nil || p < 0 || p > 65535 {
		return fmt.Errorf("%q: %q is not a port number", addr, port)
	}
	return nil
}

// ChainEndpoint is the URL of the embedded chain on chain.listen.
func (c *Config) ChainEndpoint() string { return "http://" + c.Chain.Listen }

// MilterAddress is where the milter listens.
func (c *Config) MilterAddress() (milter.Address, error) {
	return milter.ParseAddress(c.Milter.Listen)
}

// MilterAfter is milter.after, checked: Postfix milter entries
// ("inet:127.0.0.1:11332", "{ unix:/rspamd/milter.sock, ... }") that
// --print-postfix-config lists after postage's in smtpd_milters.
func (c *Config) MilterAfter() ([]string, error) {
	var out []string
	for _, e := range c.Milter.After {
		e = strings.TrimSpace(e)
		if e == "" || strings.ContainsFunc(e, func(r rune) bool { return r < ' ' || r == 0x7f }) {
			return nil, fmt.Errorf("config: milter.after entry %q: want a Postfix milter such as \"inet:127.0.0.1:11332\"", e)
		}
		if a, err := c.MilterAddress(); err == nil && strings.Contains(e, milter.PostfixName(a, milter.PostfixQueueDir)) {
			return nil, fmt.Errorf("config: milter.after entry %q is postage's own milter", e)
		}
		out = append(out, e)
	}
	return out, nil
}

// MilterConfig is the milter's [milter] settings; the caller adds what
// runs it (checker, logger, observer) and the work bits of send mode.
func (c *Config) MilterConfig() (milter.Config, error) {
	m := c.Milter
	mc := milter.Config{
		Mode:      milter.Mode(m.Mode),
		Action:    milter.Action(m.Action),
		ActOn:     []postage.Result{},
		TempError: milter.Action(m.TempError),
		MaxStamps: m.MaxStamps,
		WorkBits:  c.Send.Bits,
	}
	switch mc.Mode {
	case milter.Receive, milter.Send:
	default:
		return mc, fmt.Errorf("config: milter.mode %q: want receive or send", m.Mode)
	}
	switch mc.Action {
	case milter.Tag, milter.TempFail, milter.Reject:
	default:
		return mc, fmt.Errorf("config: milter.action %q: want tag, tempfail or reject", m.Action)
	}
	switch mc.TempError {
	case milter.Tag, milter.TempFail:
	default:
		return mc, fmt.Errorf("config: milter.temperror %q: want tag or tempfail", m.TempError)
	}
	for _, r := range m.ActOn {
		switch res := postage.Result(r); res {
		case postage.Fail, postage.Neutral:
			mc.ActOn = append(mc.ActOn, res)
		default:
			return mc, fmt.Errorf("config: milter.act_on %q: want fail or neutral", r)
		}
	}
	var err error
	if mc.Timeout, err = ParsePeriod(m.Timeout); err != nil || mc.Timeout <= 0 {
		return mc, fmt.Errorf("config: milter.timeout %q: want a period above 0", m.Timeout)
	}
	if m.MaxStamps < 1 {
		return mc, fmt.Errorf("config: milter.max_stamps %d: want at least 1", m.MaxStamps)
	}
	if mc.IdleTimeout, err = ParsePeriod(m.IdleTimeout); err != nil || mc.IdleTimeout <= 0 {
		return mc, fmt.Errorf("config: milter.idle_timeout %q: want a period above 0", m.IdleTimeout)
	}
	return mc, nil
}

// MilterDrain is how long shutdown waits for messages being checked.
func (c *Config) MilterDrain() (time.Duration, error) {
	d, err := ParsePeriod(c.Milter.Drain)
	if err != nil {
		return 0, fmt.Errorf("config: milter.drain: %w", err)
	}
	return d, nil
}

// basePolicy builds the receiver policy except the contracts the chain
// decides (ReceiverPolicy adds those) and the allowlist file's contents.
func (c *Config) basePolicy() (*postage.Policy, error) {
	p := postage.DefaultPolicy()
	p.Accept = nil
	for _, k := range c.Policy.Accept {
		p.Accept = append(p.Accept, postage.Kind(k))
	}
	p.WorkBits = c.Policy.Work.Bits
	var err error
	if p.WorkValidity, err = ParsePeriod(c.Policy.Work.Expiry); err != nil {
		return nil, fmt.Errorf("config: policy.work.expiry: %w", err)
	}
	if p.WorkGrace, err = ParsePeriod(c.Policy.Work.Grace); err != nil {
		return nil, fmt.Errorf("config: policy.work.grace: %w", err)
	}
	if p.StakeMinPerLeaf, err = wei.Parse(c.Policy.Stake.MinPerLeaf); err != nil {
		return nil, fmt.Errorf("config: policy.stake.min_per_leaf: %w", err)
	}
	if p.StakeMinDelay, err = ParsePeriod(c.Policy.Stake.MinDelay); err != nil {
		return nil, fmt.Errorf("config: policy.stake.min_delay: %w", err)
	}
	if p.StakeMinAge, err = ParsePeriod(c.Policy.Stake.MinAge); err != nil {
		return nil, fmt.Errorf("config: policy.stake.min_age: %w", err)
	}
	p.StakeConfirmations = c.Policy.Stake.Confirmations
	trusted, err := c.TrustedContracts()
	if err != nil {
		return nil, err
	}
	for _, t := range trusted {
		p.Contracts = append(p.Contracts, t.Ref)
	}
	if err := p.Validate(); err != nil {
		return nil, fmt.Errorf("config: %w", err)
	}
	return p, nil
}

// TrustedContract is a contract of policy.stake.trusted and the JSON-RPC
// endpoint its own reader follows.
type TrustedContract struct {
	Ref postage.ContractRef
	RPC string
	// Confirmations is the least its deposits need: a trusted network's
	// finality (chain/networks), 0 for a "chainid:0xaddress" entry.
	Confirmations uint64
}

// TrustedContracts lists policy.stake.trusted, each with its chain's
// endpoint from policy.stake.rpc. Every entry needs one: a contract no
// reader follows could never be checked.
func (c *Config) TrustedContracts() ([]TrustedContract, error) {
	var out []TrustedContract
	for id := range c.Policy.Stake.RPC {
		if _, err := networks.Lookup(id); err == nil {
			continue
		}
		if n, err := strconv.ParseUint(id, 10, 64); err != nil || n == 0 {
			return nil, fmt.Errorf("config: policy.stake.rpc: key %q: want a chain id or a network name", id)
		}
	}
	for _, t := range c.Policy.Stake.Trusted {
		if tc, ok, err := c.trustedNetwork(t); ok || err != nil {
			if err != nil {
				return nil, err
			}
			out = append(out, tc)
			continue
		}
		ref, err := ParseContractRef(t)
		if err != nil {
			return nil, fmt.Errorf("config: policy.stake.trusted: %w", err)
		}
		rpc := strings.TrimSpace(c.Policy.Stake.RPC[strconv.FormatUint(ref.ChainID, 10)])
		if rpc == "" {
			return nil, fmt.Errorf("config: policy.stake.trusted %q: no endpoint for chain %d: set policy.stake.rpc.\"%d\" = \"URL\" (each trusted contract is followed by its own reader)", t, ref.ChainID, ref.ChainID)
		}
		out = append(out, TrustedContract{Ref: ref, RPC: rpc})
	}
	return out, nil
}

// ReceiverPolicy is the receiver policy: the file's settings, the allowlist read
// from its file, and the given chain's contract trusted.
func (c *Config) ReceiverPolicy(own *postage.ContractRef) (*postage.Policy, error) {
	p, err := c.basePolicy()
	if err != nil {
		return nil, err
	}
	if own != nil {
		p.Contracts = append(p.Contracts, *own)
	}
	if c.Policy.Allowlist != "" {
		f, err := os.Open(c.Path(c.Policy.Allowlist))
		if err != nil {
			return nil, fmt.Errorf("config: policy.allowlist: %w", err)
		}
		defer f.Close()
		if p.Allowlist, err = postage.ReadAllowlist(f); err != nil {
			return nil, fmt.Errorf("config: policy.allowlist %s: %w", f.Name(), err)
		}
	}
	return p, nil
}

// Path resolves a configured path: "~/" is the home directory, and a
// relative path is under the data directory.
func (c *Config) Path(p string) string {
	if rest, ok := strings.CutPrefix(p, "~/"); ok {
		if home, err := os.UserHomeDir(); err == nil {
			return filepath.Join(home, rest)
		}
	}
	if filepath.IsAbs(p) {
		return p
	}
	return filepath.Join(c.DataDir, p)
}

// SpentPath is the bbolt spent store's file.
func (c *Config) SpentPath() string {
	if c.Store.Path != "" {
		return c.Path(c.Store.Path)
	}
	return filepath.Join(c.DataDir, "spent.db")
}

// ChainDir is the embedded chain's data directory.
func (c *Config) ChainDir() string { return filepath.Join(c.DataDir, "chain") }

// PasswordFile is the signing account's passphrase file:
// $POSTAGE_PASSWORD_FILE, else chain.password_file; "" when neither is set.
func (c *Config) PasswordFile() string {
	if p := os.Getenv("POSTAGE_PASSWORD_FILE"); p != "" {
		return p
	}
	if c.Chain.PasswordFile != "" {
		return c.Path(c.Chain.PasswordFile)
	}
	return ""
}

// KeystoreDir is the keystore directory.
func (c *Config) KeystoreDir() string {
	if c.Chain.Keystore != "" {
		return c.Path(c.Chain.Keystore)
	}
	return filepath.Join(c.DataDir, "keystore")
}

// StakePerRecipient and Bounty are the sender's amounts in wei.
func (c *Config) StakePerRecipient() *big.Int {
	v, _ := wei.Parse(c.Send.StakePerRecipient) // validated by Load
	return v
}

func (c *Config) Bounty() *big.Int {
	v, _ := wei.Parse(c.Send.Bounty)
	return v
}

// ParseContractRef reads "chainid:0xaddress".
func ParseContractRef(s string) (postage.ContractRef, error) {
	id, addr, ok := strings.Cut(s, ":")
	n, err := strconv.ParseUint(id, 10, 64)
	if !ok || err != nil || n == 0 {
		return postage.ContractRef{}, fmt.Errorf("contract %q: want chainid:0xaddress", s)
	}
	a, err := stake.ParseAddress(addr)
	if err != nil {
		return postage.ContractRef{}, fmt.Errorf("contract %q: %w", s, err)
	}
	return postage.ContractRef{ChainID: n, Address: a}, nil
}

// ParsePeriod reads a duration the way hashcash does: seconds by default,
// or a number with one unit letter: s, m (minutes), h, d, M (30-day
// months), y or Y (365-day years). Go durations ("36h30m") work too.
func ParsePeriod(s string) (time.Duration, error) {
	if s == "" {
		return 0, fmt.Errorf("empty period")
	}
	units := map[byte]time.Duration{'s': time.Second, 'm': time.Minute, 'h': time.Hour, 'd': 24 * time.Hour, 'M': 30 * 24 * time.Hour, 'y': 365 * 24 * time.Hour, 'Y': 365 * 24 * time.Hour}
	num, unit := s, time.Second
	if u, ok := units[s[len(s)-1]]; ok {
		num, unit = s[:len(s)-1], u
	}
	n, err := strconv.ParseUint(num, 10, 32)
	if err != nil {
		if d, derr := time.ParseDuration(s); derr == nil && d >= 0 {
			return d, nil
		}
		return 0, fmt.Errorf("period %q: want seconds or a number with s, m, h, d, M or y", s)
	}
	return time.Duration(n) * unit, nil
}
