package config

import (
	"fmt"
	"net"
	"strconv"
	"strings"
	"time"
)

// submitSection is the [submit] section as written; SubmitSettings checks it.
type submitSection struct {
	Listen         string `toml:"listen"`
	Upstream       string `toml:"upstream"`
	UpstreamTLS    string `toml:"upstream_tls"`
	UpstreamCA     string `toml:"upstream_ca"`
	TLSCert        string `toml:"tls_cert"`
	TLSKey         string `toml:"tls_key"`
	Retry          string `toml:"retry"`
	RetryMax       string `toml:"retry_max"`
	MaxQueueTime   string `toml:"max_queue_time"`
	MaxSize        string `toml:"max_size"`
	FilterListen   string `toml:"filter_listen"`
	FilterReinject string `toml:"filter_reinject"`
}

// SubmitSettings are the checked [submit] settings.
type SubmitSettings struct {
	Listen, Upstream, UpstreamTLS string
	UpstreamCA, TLSCert, TLSKey   string // paths, relative to the data dir
	Retry, RetryMax, MaxQueueTime time.Duration
	MaxSize                       int64
	FilterListen, FilterReinject  string
}

// SubmitSettings checks and resolves the [submit] section. The upstream
// may be empty here (filter mode needs none); postage submit checks it.
func (c *Config) SubmitSettings() (SubmitSettings, error) {
	s := c.Submit
	out := SubmitSettings{Listen: s.Listen, Upstream: s.Upstream, UpstreamTLS: strings.ToLower(s.UpstreamTLS),
		FilterListen: s.FilterListen, FilterReinject: s.FilterReinject}
	bad := func(key, format string, a ...any) (SubmitSettings, error) {
		return out, fmt.Errorf("config: submit.%s: %s", key, fmt.Sprintf(format, a...))
	}
	for key, v := range map[string]string{"listen": s.Listen, "filter_listen": s.FilterListen, "filter_reinject": s.FilterReinject} {
		if _, _, err := net.SplitHostPort(v); err != nil {
			return bad(key, "%q: want host:port", v)
		}
	}
	if s.Upstream != "" {
		if _, _, err := net.SplitHostPort(s.Upstream); err != nil {
			return bad("upstream", "%q: want host:port, e.g. smtp.example.com:587", s.Upstream)
		}
	}
	switch out.UpstreamTLS {
	case "starttls", "tls", "none":
	default:
		return bad("upstream_tls", "%q: want \"starttls\", \"tls\" or \"none\"", s.UpstreamTLS)
	}
	if (s.TLSCert == "") != (s.TLSKey == "") {
		return bad("tls_cert", "set both tls_cert and tls_key, or neither")
	}
	for _, p := range []struct {
		key, v string
		dst    *string
	}{{"upstream_ca", s.UpstreamCA, &out.UpstreamCA}, {"tls_cert", s.TLSCert, &out.TLSCert}, {"tls_key", s.TLSKey, &out.TLSKey}} {
		if p.v != "" {
			*p.dst = c.Path(p.v)
		}
	}
	var err error
	for _, p := range []struct {
		key, v string
		dst    *time.Duration
	}{{"retry", s.Retry, &out.Retry}, {"retry_max", s.RetryMax, &out.RetryMax}, {"max_queue_time", s.MaxQueueTime, &out.MaxQueueTime}} {
		if *p.dst, err = ParsePeriod(p.v); err != nil || *p.dst <= 0 {
			return bad(p.key, "%q: want a period above 0", p.v)
		}
	}
	if out.RetryMax < out.Retry {
		return bad("retry_max", "%s is below submit.retry %s", out.RetryMax, out.Retry)
	}
	if out.MaxSize, err = parseSize(s.MaxSize); err != nil {
		return bad("max_size", "%v", err)
	}
	return out, nil
}

// parseSize reads a byte count: a number with an optional KiB, MiB, GiB
// (or k, M, G) suffix.
func parseSize(s string) (int64, error) {
	t := strings.TrimSpace(s)
	mult := int64(1)
	for _, u := range []struct {
		suf string
		m   int64
	}{{"KiB", 1 << 10}, {"MiB", 1 << 20}, {"GiB", 1 << 30}, {"k", 1 << 10}, {"K", 1 << 10}, {"M", 1 << 20}, {"G", 1 << 30}} {
		if strings.HasSuffix(t, u.suf) {
			t, mult = strings.TrimSpace(strings.TrimSuffix(t, u.suf)), u.m
			break
		}
	}
	n, err := strconv.ParseInt(t, 10, 64)
	if err != nil || n <= 0 || n > (1<<40)/mult {
		return 0, fmt.Errorf("%q: want a size such as 50MiB", s)
	}
	return n * mult, nil
}
