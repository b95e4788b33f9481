package config

import (
	"fmt"
	"net"
	"os"
	"path/filepath"
	"strings"
)

// dashboardSection is [dashboard]: the local web dashboard of `postage
// serve` (docs/dashboard.md).
type dashboardSection struct {
	// Listen is where the dashboard is served; "" for none.
	Listen string `toml:"listen"`
	// PasswordFile holds the password of HTTP basic auth (user
	// "postage"). Without it the dashboard binds to loopback only; with
	// it, an address off loopback is served over TLS.
	PasswordFile string `toml:"password_file"`
	// TLSCert and TLSKey are the certificate the dashboard serves off
	// loopback; empty: a self-signed one kept in the data directory.
	TLSCert string `toml:"tls_cert"`
	TLSKey  string `toml:"tls_key"`
	// Verdicts is how many recent verdicts the on-disk ring keeps.
	Verdicts int `toml:"verdicts"`
}

// DashboardSettings is the resolved [dashboard] section.
type DashboardSettings struct {
	Listen string
	// Loopback: Listen's host is a loopback address (or localhost).
	Loopback bool
	// PasswordFile holds the basic-auth password ("" on loopback: no
	// authentication); ReadPassword reads it.
	PasswordFile string
	// TLSCert, TLSKey: files to serve TLS with off loopback.
	TLSCert, TLSKey string
	// Ring is the verdict ring's file; Verdicts its size.
	Ring     string
	Verdicts int
}

// ReadPassword reads the basic-auth password: the first line of
// PasswordFile, at least 8 characters. It is "" when there is no file.
func (s DashboardSettings) ReadPassword() (string, error) {
	if s.PasswordFile == "" {
		return "", nil
	}
	b, err := os.ReadFile(s.PasswordFile)
	if err != nil {
		return "", fmt.Errorf("config: dashboard.password_file: %w", err)
	}
	pw := strings.TrimSpace(strings.SplitN(string(b), "\n", 2)[0])
	if len(pw) < 8 {
		return "", fmt.Errorf("config: dashboard.password_file %s: the password (its first line) must be at least 8 characters", s.PasswordFile)
	}
	return pw, nil
}

// MaxDashboardVerdicts bounds dashboard.verdicts.
const MaxDashboardVerdicts = 1_000_000

// DashboardSettings checks and resolves the [dashboard] section. It reads
// the password file.
func (c *Config) DashboardSettings() (DashboardSettings, error) {
	d := c.Dashboard
	bad := func(key, format string, a ...any) (DashboardSettings, error) {
		return DashboardSettings{}, fmt.Errorf("config: dashboard.%s: %s", key, fmt.Sprintf(format, a...))
	}
	s := DashboardSettings{Listen: d.Listen, Verdicts: d.Verdicts, Ring: filepath.Join(c.DataDir, "verdicts.db")}
	if s.Verdicts < 1 || s.Verdicts > MaxDashboardVerdicts {
		return bad("verdicts", "%d: want 1..%d", d.Verdicts, MaxDashboardVerdicts)
	}
	if s.Listen == "" {
		return s, nil
	}
	host, _, err := net.SplitHostPort(s.Listen)
	if err != nil {
		return bad("listen", "%q: want host:port, or empty for none: %v", s.Listen, err)
	}
	if host == "" {
		return bad("listen", "%q: name the address to bind (127.0.0.1, or an address off loopback with password_file)", s.Listen)
	}
	s.Loopback = checkLoopback(s.Listen) == nil
	s.PasswordFile = d.PasswordFile
	if s.PasswordFile == "" && !s.Loopback {
		return bad("listen", "%q is not a loopback address: set dashboard.password_file to serve it elsewhere (with basic auth over TLS)", s.Listen)
	}
	if (d.TLSCert == "") != (d.TLSKey == "") {
		return bad("tls_cert", "set both dashboard.tls_cert and dashboard.tls_key, or neither")
	}
	s.TLSCert, s.TLSKey = d.TLSCert, d.TLSKey
	if s.TLSCert == "" {
		s.TLSCert, s.TLSKey = filepath.Join(c.DataDir, "dashboard-cert.pem"), filepath.Join(c.DataDir, "dashboard-key.pem")
	}
	return s, nil
}
