package config

import (
	"net"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/postage-mail/postage"
	"github.com/postage-mail/postage/milter"
)

func TestDefaultsMatchDomainDefaults(t *testing.T) {
	t.Setenv("POSTAGE_HOME", t.TempDir())
	c, err := Load("")
	if err != nil {
		t.Fatal(err)
	}
	p, err := c.ReceiverPolicy(nil)
	if err != nil {
		t.Fatal(err)
	}
	d := postage.DefaultPolicy()
	if p.WorkBits != d.WorkBits || p.WorkValidity != d.WorkValidity || p.WorkGrace != d.WorkGrace ||
		p.StakeMinPerLeaf.Cmp(d.StakeMinPerLeaf) != 0 || p.StakeMinDelay != d.StakeMinDelay ||
		p.StakeConfirmations != d.StakeConfirmations || !slices.Equal(p.Accept, d.Accept) {
		t.Errorf("default.toml and postage.DefaultPolicy disagree:\n%+v\n%+v", p, d)
	}
	if c.SpentPath() != filepath.Join(c.DataDir, "spent.db") || c.Send.Sendmail != "/usr/sbin/sendmail" {
		t.Errorf("paths: %s %s", c.SpentPath(), c.Send.Sendmail)
	}
}

func TestFileOverridesAndErrors(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("POSTAGE_HOME", dir)
	write := func(s string) string {
		p := filepath.Join(dir, "p.toml")
		if err := os.WriteFile(p, []byte(s), 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	os.WriteFile(filepath.Join(dir, "allow"), []byte("friend@example.org\n"), 0o600)
	c, err := Load(write("[policy]\naccept = [\"stake\"]\nallowlist = \"allow\"\n[policy.work]\nbits = 24\nexpiry = \"7d\"\n[policy.stake]\ntrusted = [\"5:0x00000000000000000000000000000000000000c0\"]\n[policy.stake.rpc]\n5 = \"http://127.0.0.1:8545\"\n"))
	if err != nil {
		t.Fatal(err)
	}
	p, err := c.ReceiverPolicy(nil)
	if err != nil {
		t.Fatal(err)
	}
	if tc, err := c.TrustedContracts(); err != nil || len(tc) != 1 || tc[0].RPC != "http://127.0.0.1:8545" || tc[0].Ref != p.Contracts[0] {
		t.Errorf("trusted contracts: %+v, %v", tc, err)
	}
	if p.WorkBits != 24 || p.WorkValidity != 7*24*time.Hour || len(p.Accept) != 1 || len(p.Contracts) != 1 || p.Contracts[0].ChainID != 5 || !p.Allowlist.Contains("Friend@example.org") {
		t.Errorf("overrides not applied: %+v", p)
	}
	for name, body := range map[string]string{
		"unknown key":            "[policy]\nacept = []\n",
		"bad accept":             "[policy]\naccept = [\"money\"]\n",
		"bad period":             "[policy.work]\nexpiry = \"soon\"\n",
		"bad value":              "[policy.stake]\nmin_per_leaf = \"lots\"\n",
		"bad store":              "[store]\nkind = \"postgres\"\n",
		"bad trusted":            "[policy.stake]\ntrusted = [\"0xabc\"]\n",
		"trusted without an rpc": "[policy.stake]\ntrusted = [\"5:0x00000000000000000000000000000000000000c0\"]\n[policy.stake.rpc]\n6 = \"http://127.0.0.1:8545\"\n",
		"rpc key not a chain":    "[policy.stake.rpc]\nfive = \"http://127.0.0.1:8545\"\n",
		"not toml":               "this is = = not toml",
		"negative bits":          "[policy.work]\nbits = -1\n",
	} {
		if _, err := Load(write(body)); err == nil {
			t.Errorf("%s: loaded without error", name)
		}
	}
	if _, err := Load(filepath.Join(dir, "missing.toml")); err == nil {
		t.Error("a named missing file loaded")
	}
}

func TestMilterSettings(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("POSTAGE_HOME", dir)
	c, err := Load("")
	if err != nil {
		t.Fatal(err)
	}
	// Defaults listen on loopback only.
	a, err := c.MilterAddress()
	if err != nil || a.Network != "tcp" || a.String() != "inet:127.0.0.1:8895" {
		t.Errorf("default milter address %v, %v", a, err)
	}
	if host, _, err := net.SplitHostPort(c.Metrics.Listen); err != nil || !net.ParseIP(host).IsLoopback() {
		t.Errorf("default metrics address %q is not loopback", c.Metrics.Listen)
	}
	mc, err := c.MilterConfig()
	if err != nil {
		t.Fatal(err)
	}
	if mc.Mode != milter.Receive || mc.Action != milter.Tag || mc.TempError != milter.Tag || mc.Timeout != 20*time.Second || mc.IdleTimeout != 10*time.Minute ||
		len(mc.ActOn) != 2 || mc.ActOn[0] != postage.Fail || mc.ActOn[1] != postage.Neutral || mc.MaxStamps != 50 || mc.WorkBits != 20 {
		t.Errorf("default milter config %+v", mc)
	}
	if d, err := c.MilterDrain(); err != nil || d != 30*time.Second {
		t.Errorf("drain %v, %v", d, err)
	}

	write := func(s string) string {
		p := filepath.Join(dir, "m.toml")
		if err := os.WriteFile(p, []byte(s), 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	c, err = Load(write("[milter]\nlisten = \"unix:/var/spool/postfix/postage/milter.sock\"\naction = \"reject\"\nact_on = [\"fail\"]\ntemperror = \"tempfail\"\n[metrics]\nlisten = \"\"\n"))
	if err != nil {
		t.Fatal(err)
	}
	mc, _ = c.MilterConfig()
	if a, _ := c.MilterAddress(); a.Network != "unix" || mc.Action != milter.Reject || len(mc.ActOn) != 1 || mc.TempError != milter.TempFail || c.Metrics.Listen != "" {
		t.Errorf("overrides not applied: %v %+v", a, mc)
	}
	for name, body := range map[string]string{
		"public milter":      "[milter]\nlisten = \"inet:0.0.0.0:8895\"\n",
		"opendkim's port":    "[milter]\nlisten = \"inet:127.0.0.1:8891\"\n",
		"opendmarc's port":   "[milter]\nlisten = \"inet:127.0.0.1:8893\"\n",
		"rspamd's port":      "[milter]\nlisten = \"inet:127.0.0.1:11332\"\n",
		"bad mode":           "[milter]\nmode = \"both\"\n",
		"bad action":         "[milter]\naction = \"discard\"\n",
		"act on pass":        "[milter]\nact_on = [\"pass\"]\n",
		"reject temperror":   "[milter]\ntemperror = \"reject\"\n",
		"zero timeout":       "[milter]\ntimeout = \"0s\"\n",
		"zero idle timeout":  "[milter]\nidle_timeout = \"0s\"\n",
		"bad idle timeout":   "[milter]\nidle_timeout = \"soon\"\n",
		"bad drain":          "[milter]\ndrain = \"later\"\n",
		"no stamps":          "[milter]\nmax_stamps = 0\n",
		"bad metrics addr":   "[metrics]\nlisten = \"9479\"\n",
		"unknown milter key": "[milter]\nlisten_on = \"x\"\n",
	} {
		if _, err := Load(write(body)); err == nil {
			t.Errorf("%s: loaded without error", name)
		}
	}
}

func TestParsePeriod(t *testing.T) {
	for s, want := range map[string]time.Duration{"0": 0, "3600": time.Hour, "1d": 24 * time.Hour, "2h": 2 * time.Hour, "1M": 30 * 24 * time.Hour, "1y": 365 * 24 * time.Hour, "90m": 90 * time.Minute, "1h30m": 90 * time.Minute} {
		if got, err := ParsePeriod(s); err != nil || got != want {
			t.Errorf("ParsePeriod(%q) = %v, %v", s, got, err)
		}
	}
	for _, s := range []string{"", "-1", "d", "1w", "1.5d"} {
		if _, err := ParsePeriod(s); err == nil {
			t.Errorf("ParsePeriod(%q) accepted", s)
		}
	}
}

func TestRelaySettings(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("POSTAGE_HOME", dir)
	c, err := Load("")
	if err != nil {
		t.Fatal(err)
	}
	s, err := c.RelaySettings()
	if err != nil {
		t.Fatal(err)
	}
	host, _ := os.Hostname()
	if s.Listen != "127.0.0.1:8557" || s.Name != strings.ToLower(host) || s.Bits != 20 || s.StampValidity != 48*time.Hour ||
		s.BountyMargin != 50 || s.Rate != 30 || s.Burst != 10 || s.MaxBody != 16384 || s.BatchMax != 16 ||
		s.BatchWait != 2*time.Second || s.MaxAttempts != 10 || s.Queue != filepath.Join(dir, "relay.db") || s.URL != "" {
		t.Errorf("defaults: %+v", s)
	}
	p := filepath.Join(dir, "r.toml")
	write := func(body string) {
		if err := os.WriteFile(p, []byte(body), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	write("[relay]\nlisten = \"[::1]:0\"\nname = \"Relay.Example.org\"\nbits = 22\nstamp_validity = \"1d\"\nbounty_margin = 0\nqueue = \"q/relay.db\"\nurl = \"https://relay.example.org\"\n")
	c, err = Load(p)
	if err != nil {
		t.Fatal(err)
	}
	s, _ = c.RelaySettings()
	if s.Listen != "[::1]:0" || s.Name != "relay.example.org" || s.Bits != 22 || s.StampValidity != 24*time.Hour ||
		s.BountyMargin != 0 || s.Queue != filepath.Join(dir, "q", "relay.db") || s.URL != "https://relay.example.org" {
		t.Errorf("overrides: %+v", s)
	}
	for name, body := range map[string]string{
		"listen without port": "[relay]\nlisten = \"127.0.0.1\"\n",
		"name with colon":     "[relay]\nname = \"a:b\"\n",
		"name with space":     "[relay]\nname = \"a b\"\n",
		"zero bits":           "[relay]\nbits = 0\n",
		"61 bits":             "[relay]\nbits = 61\n",
		"bad validity":        "[relay]\nstamp_validity = \"soon\"\n",
		"short validity":      "[relay]\nstamp_validity = \"10s\"\n",
		"negative margin":     "[relay]\nbounty_margin = -1\n",
		"huge margin":         "[relay]\nbounty_margin = 100001\n",
		"zero rate":           "[relay]\nrate = 0\n",
		"tiny body":           "[relay]\nmax_body = 100\n",
		"zero batch":          "[relay]\nbatch_max = 0\n",
		"long batch wait":     "[relay]\nbatch_wait = \"2h\"\n",
		"zero attempts":       "[relay]\nmax_attempts = 0\n",
		"ftp url":             "[relay]\nurl = \"ftp://relay.example.org\"\n",
		"unknown key":         "[relay]\nport = 1\n",
	} {
		write(body)
		if _, err := Load(p); err == nil {
			t.Errorf("%s: loaded without error", name)
		}
	}
}

func TestChainListen(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("POSTAGE_HOME", dir)
	c, err := Load("")
	if err != nil {
		t.Fatal(err)
	}
	if c.Chain.Listen != "127.0.0.1:8549" || c.ChainEndpoint() != "http://127.0.0.1:8549" {
		t.Fatalf("default chain.listen %q, endpoint %q", c.Chain.Listen, c.ChainEndpoint())
	}
	p := filepath.Join(dir, "c.toml")
	for body, ok := range map[string]bool{
		"[chain]\nlisten = \"127.0.0.1:18549\"\n": true,
		"[chain]\nlisten = \"[::1]:18549\"\n":     true,
		"[chain]\nlisten = \"0.0.0.0:8549\"\n":    false,
		"[chain]\nlisten = \"192.0.2.1:8549\"\n":  false,
		"[chain]\nlisten = \"127.0.0.1\"\n":       false,
		"[chain]\nlisten = \"127.0.0.1:x\"\n":     false,
	} {
		if err := os.WriteFile(p, []byte(body), 0o600); err != nil {
			t.Fatal(err)
		}
		_, err := Load(p)
		if (err == nil) != ok {
			t.Errorf("%q: err = %v, want ok=%v", body, err, ok)
		}
		if err != nil && !strings.Contains(err.Error(), "chain.listen") {
			t.Errorf("%q: error %v does not name chain.listen", body, err)
		}
	}
}

func TestMerged(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("POSTAGE_HOME", dir)
	p := filepath.Join(dir, "c.toml")
	if err := os.WriteFile(p, []byte("[policy.work]\nbits = 22\n[milter]\nact_on = [\"fail\"]\n[chain]\nlisten = \"127.0.0.1:18549\"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := Merged(p)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"\nbits = 22 # from " + p + "\n",
		"\nact_on = [\"fail\"] # from " + p + "\n",
		"\nlisten = \"127.0.0.1:18549\" # from " + p + "\n",
		"\nmode = \"receive\"\n", // a default left alone
	} {
		if !strings.Contains(out, want) {
			t.Errorf("merged output lacks %q", want)
		}
	}
	// [send] bits stays at its default: only policy.work.bits was set.
	if strings.Count(out, "bits = 22") != 1 {
		t.Errorf("bits = 22 appears %d times", strings.Count(out, "bits = 22"))
	}
	// The merged text is itself a valid configuration with the file's values.
	q := filepath.Join(dir, "merged.toml")
	if err := os.WriteFile(q, []byte(out), 0o600); err != nil {
		t.Fatal(err)
	}
	c, err := Load(q)
	if err != nil {
		t.Fatal(err)
	}
	if c.Policy.Work.Bits != 22 || c.Send.Bits != 20 || len(c.Milter.ActOn) != 1 || c.Chain.Listen != "127.0.0.1:18549" {
		t.Errorf("merged config reads back as %+v", c)
	}
	if _, err := Merged(filepath.Join(dir, "missing.toml")); err == nil {
		t.Error("Merged of a missing file succeeded")
	}
	if err := os.WriteFile(p, []byte("[policy.work]\nbitz = 22\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := Merged(p); err == nil || !strings.Contains(err.Error(), "bitz") {
		t.Errorf("Merged of a bad file: %v", err)
	}
}
