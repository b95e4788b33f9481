package config

import (
	"fmt"
	"math/big"
	"net"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/postage-mail/postage/wei"
)

// relaySection is the [relay] section as written; RelaySettings checks it.
type relaySection struct {
	Listen        string `toml:"listen"`
	Name          string `toml:"name"`
	Bits          int    `toml:"bits"`
	BitsFee       string `toml:"bits_fee"`
	MaxBits       int    `toml:"max_bits"`
	StampValidity string `toml:"stamp_validity"`
	BountyMargin  uint64 `toml:"bounty_margin"`
	Rate          int    `toml:"rate"`
	Burst         int    `toml:"burst"`
	MaxBody       int64  `toml:"max_body"`
	BatchMax      int    `toml:"batch_max"`
	BatchWait     string `toml:"batch_wait"`
	MaxAttempts   int    `toml:"max_attempts"`
	Queue         string `toml:"queue"`
	URL           string `toml:"url"`
}

// RelaySettings is the [relay] section, checked, with periods parsed and
// defaults resolved (the name, the queue path).
type RelaySettings struct {
	Listen        string
	Name          string
	Bits          int
	BitsFee       *big.Int // wei per gas at which Bits are asked; nil: fixed
	MaxBits       int
	StampValidity time.Duration
	BountyMargin  uint64 // percent
	Rate          int    // burn requests per minute per client
	Burst         int
	MaxBody       int64
	BatchMax      int
	BatchWait     time.Duration
	MaxAttempts   int
	Queue         string
	URL           string
}

// RelaySettings checks and resolves the [relay] section.
func (c *Config) RelaySettings() (RelaySettings, error) {
	r := c.Relay
	s := RelaySettings{
		Listen: r.Listen, Name: r.Name, Bits: r.Bits, MaxBits: r.MaxBits, BountyMargin: r.BountyMargin, Rate: r.Rate, Burst: r.Burst,
		MaxBody: r.MaxBody, BatchMax: r.BatchMax, MaxAttempts: r.MaxAttempts, URL: r.URL,
	}
	bad := func(key string, format string, a ...any) (RelaySettings, error) {
		return RelaySettings{}, fmt.Errorf("config: relay.%s: %s", key, fmt.Sprintf(format, a...))
	}
	host, port, err := net.SplitHostPort(r.Listen)
	if p, perr := strconv.Atoi(port); err != nil || perr != nil || p < 0 || p > 65535 || host == "" {
		return bad("listen", "%q: want host:port, e.g. 127.0.0.1:8557", r.Listen)
	}
	if s.Name == "" {
		h, err := os.Hostname()
		if err != nil || h == "" {
			return bad("name", "empty, and the host name is unknown (%v): set one", err)
		}
		s.Name = h
	}
	s.Name = strings.ToLower(s.Name)
	for i := 0; i < len(s.Name); i++ {
		if ch := s.Name[i]; ch <= ' ' || ch >= 0x7f || ch == ':' {
			return bad("name", "%q: a hashcash resource has no spaces, colons or control characters", s.Name)
		}
	}
	if s.Bits < 1 || s.Bits > 60 {
		return bad("bits", "%d: want 1..60", s.Bits)
	}
	if s.MaxBits < s.Bits || s.MaxBits > 60 {
		return bad("max_bits", "%d: want relay.bits (%d)..60", s.MaxBits, s.Bits)
	}
	if r.BitsFee != "" {
		if s.BitsFee, err = wei.Parse(r.BitsFee); err != nil {
			return bad("bits_fee", "%v", err)
		}
		if s.BitsFee.Sign() == 0 {
			s.BitsFee = nil
		}
	}
	if s.StampValidity, err = ParsePeriod(r.StampValidity); err != nil || s.StampValidity < time.Minute {
		return bad("stamp_validity", "%q: want a period of at least a minute", r.StampValidity)
	}
	if s.BountyMargin > 100_000 {
		return bad("bounty_margin", "%d: want 0..100000 (percent)", s.BountyMargin)
	}
	if s.Rate < 1 || s.Burst < 1 {
		return bad("rate", "rate %d and burst %d: want at least 1", s.Rate, s.Burst)
	}
	if s.MaxBody < 1024 || s.MaxBody > 1<<20 {
		return bad("max_body", "%d: want 1024..1048576 bytes (a request with a full proof is about 3 KiB)", s.MaxBody)
	}
	if s.BatchMax < 1 || s.BatchMax > 256 {
		return bad("batch_max", "%d: want 1..256", s.BatchMax)
	}
	if s.BatchWait, err = ParsePeriod(r.BatchWait); err != nil || s.BatchWait > time.Hour {
		return bad("batch_wait", "%q: want a period up to an hour", r.BatchWait)
	}
	if s.MaxAttempts < 1 {
		return bad("max_attempts", "%d: want at least 1", s.MaxAttempts)
	}
	s.Queue = filepath.Join(c.DataDir, "relay.db")
	if r.Queue != "" {
		s.Queue = c.Path(r.Queue)
	}
	if s.URL != "" {
		u, err := url.Parse(s.URL)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return bad("url", "%q: want http(s)://host[:port]", s.URL)
		}
	}
	return s, nil
}
