package config

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// [dashboard]: loopback by default and without a password; off loopback
// only with a password file (read at start, at least 8 characters), and
// its TLS files in the data directory unless both are named.
func TestDashboardSettings(t *testing.T) {
	c, err := loadString(t, "")
	if err != nil {
		t.Fatal(err)
	}
	s, err := c.DashboardSettings()
	if err != nil {
		t.Fatal(err)
	}
	if s.Listen != "127.0.0.1:8558" || !s.Loopback || s.Verdicts != 10000 || s.Ring != filepath.Join(c.DataDir, "verdicts.db") {
		t.Fatalf("defaults: %+v", s)
	}
	if pw, err := s.ReadPassword(); pw != "" || err != nil {
		t.Fatalf("no password file: %q, %v", pw, err)
	}
	dir := t.TempDir()
	short, good := filepath.Join(dir, "short"), filepath.Join(dir, "good")
	os.WriteFile(short, []byte("1234567\n"), 0o600)
	os.WriteFile(good, []byte("  correct horse  \nsecond line\n"), 0o600)
	c, err = loadString(t, "[dashboard]\nlisten = \"0.0.0.0:8558\"\npassword_file = \""+good+"\"\n")
	if err != nil {
		t.Fatal(err)
	}
	s, _ = c.DashboardSettings()
	if pw, err := s.ReadPassword(); pw != "correct horse" || err != nil || s.Loopback {
		t.Fatalf("password file: %q, %v, %+v", pw, err, s)
	}
	if s.TLSCert != filepath.Join(c.DataDir, "dashboard-cert.pem") || s.TLSKey != filepath.Join(c.DataDir, "dashboard-key.pem") {
		t.Fatalf("TLS files: %+v", s)
	}
	c, _ = loadString(t, "[dashboard]\npassword_file = \""+short+"\"\n")
	s, _ = c.DashboardSettings()
	if _, err := s.ReadPassword(); err == nil || !strings.Contains(err.Error(), "at least 8 characters") {
		t.Fatalf("short password: %v", err)
	}
	c, _ = loadString(t, "[dashboard]\npassword_file = \""+filepath.Join(dir, "missing")+"\"\n")
	s, _ = c.DashboardSettings()
	if _, err := s.ReadPassword(); err == nil {
		t.Fatal("a missing password file was accepted")
	}
	for cfg, want := range map[string]string{
		"listen = \"10.0.0.1:8558\"":         "not a loopback address",
		"listen = \"nonsense\"":              "want host:port",
		"verdicts = 2000000":                 "want 1..1000000",
		"listen = \"\"\ntls_key = \"k.pem\"": "",
	} {
		_, err := loadString(t, "[dashboard]\n"+cfg+"\n")
		if want == "" {
			if err != nil {
				t.Errorf("%s: %v", cfg, err)
			}
			continue
		}
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: %v, want %q", cfg, err, want)
		}
	}
	c, _ = loadString(t, "[dashboard]\nlisten = \"\"\n")
	if s, err := c.DashboardSettings(); err != nil || s.Listen != "" {
		t.Fatalf("off: %+v, %v", s, err)
	}
}
