package config

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// book.relay: empty by default, an http(s) base URL otherwise (a trailing
// slash dropped), anything else refused with the key named.
func TestBookRelay(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("POSTAGE_HOME", dir)
	load := func(toml string) (BookSettings, error) {
		t.Helper()
		path := filepath.Join(dir, "postage.toml")
		if err := os.WriteFile(path, []byte(toml), 0o600); err != nil {
			t.Fatal(err)
		}
		c, err := Load(path)
		if err != nil {
			return BookSettings{}, err
		}
		return c.BookSettings()
	}
	if s, err := load(""); err != nil || s.Relay != "" {
		t.Fatalf("default relay %q, %v: want none", s.Relay, err)
	}
	if s, err := load("[book]\nrelay = \"https://relay.example.net:8557/\"\n"); err != nil || s.Relay != "https://relay.example.net:8557" {
		t.Fatalf("relay %q, %v", s.Relay, err)
	}
	for _, bad := range []string{"relay.example.net", "ftp://relay.example.net", "http://", "https://r.example/?x=1"} {
		if _, err := load("[book]\nrelay = \"" + bad + "\"\n"); err == nil || !strings.Contains(err.Error(), "book.relay") {
			t.Fatalf("relay %q: %v, want a book.relay error", bad, err)
		}
	}
}
