package chain

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/term"
)

const hexKey = "4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318"

// A hex key given as an argument is refused, unless a file has that name.
func TestLooksLikeKey(t *testing.T) {
	for s, want := range map[string]bool{
		hexKey: true, "0x" + hexKey: true, "0X" + strings.ToUpper(hexKey): true,
		hexKey[:63]: false, hexKey + "0": false, "g" + hexKey[1:]: false, "key.hex": false, "-": false,
	} {
		if got := LooksLikeKey(s); got != want {
			t.Errorf("LooksLikeKey(%q) = %v, want %v", s, got, want)
		}
	}
	t.Chdir(t.TempDir())
	if err := os.WriteFile(hexKey, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	if LooksLikeKey(hexKey) {
		t.Error("a file named like a key is a file")
	}
}

// A key is read from a file or stdin, whole, up to 256 bytes.
func TestReadKey(t *testing.T) {
	got, err := ReadKey("-", strings.NewReader("0x"+hexKey+"\n"))
	if err != nil || string(got) != "0x"+hexKey+"\n" {
		t.Fatalf("stdin: %q, %v", got, err)
	}
	p := filepath.Join(t.TempDir(), "key")
	if err := os.WriteFile(p, []byte(hexKey), 0o600); err != nil {
		t.Fatal(err)
	}
	if got, err := ReadKey(p, nil); err != nil || string(got) != hexKey {
		t.Fatalf("file: %q, %v", got, err)
	}
	if got, err := ReadKey("-", strings.NewReader(strings.Repeat("a", 256))); err != nil || len(got) != 256 {
		t.Fatalf("256 bytes: %d, %v", len(got), err)
	}
	if _, err := ReadKey("-", strings.NewReader(strings.Repeat("a", 257))); err == nil || !strings.Contains(err.Error(), "more than 256 bytes") {
		t.Fatalf("257 bytes: %v", err)
	}
	if _, err := ReadKey(p+".missing", nil); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("missing file: %v", err)
	}
}

// The passphrase comes from the file given, else $POSTAGE_PASSWORD_FILE,
// else $POSTAGE_PASSWORD; a file's first line is it, and an empty one is
// refused.
func TestReadPassphrase(t *testing.T) {
	dir := t.TempDir()
	write := func(name, s string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(s), 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	given, env, empty := write("given", "first\r\nsecond\n"), write("env", "from env\n"), write("empty", "\nx\n")
	t.Setenv("POSTAGE_PASSWORD_FILE", env)
	t.Setenv("POSTAGE_PASSWORD", "plain")
	if p, err := ReadPassphrase(given, true); err != nil || p != "first" {
		t.Fatalf("given file: %q, %v", p, err)
	}
	if p, err := ReadPassphrase("", true); err != nil || p != "from env" {
		t.Fatalf("$POSTAGE_PASSWORD_FILE: %q, %v", p, err)
	}
	if _, err := ReadPassphrase(empty, false); err == nil || err.Error() != "passphrase file "+empty+" is empty" {
		t.Fatalf("empty first line: %v", err)
	}
	if _, err := ReadPassphrase(filepath.Join(dir, "missing"), false); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("missing file: %v", err)
	}
	t.Setenv("POSTAGE_PASSWORD_FILE", "")
	if p, err := ReadPassphrase("", false); err != nil || p != "plain" {
		t.Fatalf("$POSTAGE_PASSWORD: %q, %v", p, err)
	}
	t.Setenv("POSTAGE_PASSWORD", "")
	if tty, err := os.OpenFile("/dev/tty", os.O_RDWR, 0); err == nil {
		isTerm := term.IsTerminal(int(tty.Fd()))
		tty.Close()
		if isTerm {
			return // a terminal would be asked
		}
	}
	if _, err := ReadPassphrase("", false); !errors.Is(err, ErrNoPassphrase) {
		t.Fatalf("nothing set, no terminal: %v", err)
	}
}
