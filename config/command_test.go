package config

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

func TestSplitCommand(t *testing.T) {
	for in, want := range map[string][]string{
		"/usr/sbin/sendmail":                     {"/usr/sbin/sendmail"},
		"/usr/sbin/sendmail -C /etc/postfix-out": {"/usr/sbin/sendmail", "-C", "/etc/postfix-out"},
		"  sendmail\t-C  'dir with space' ":      {"sendmail", "-C", "dir with space"},
		`sendmail -C "a \"b\" c" x\ y`:           {"sendmail", "-C", `a "b" c`, "x y"},
		`sendmail ''`:                            {"sendmail", ""},
	} {
		got, err := SplitCommand(in)
		if err != nil || !reflect.DeepEqual(got, want) {
			t.Errorf("SplitCommand(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	for _, bad := range []string{"sendmail 'x", `sendmail "x`, `sendmail x\`} {
		if got, err := SplitCommand(bad); err == nil {
			t.Errorf("SplitCommand(%q) = %q, want an error", bad, got)
		}
	}
}

func TestSendmailCommandValidated(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("POSTAGE_HOME", dir)
	p := filepath.Join(dir, "c.toml")
	os.WriteFile(p, []byte("[send]\nsendmail = \"/usr/sbin/sendmail -C /etc/postfix-out\"\n"), 0o600)
	c, err := Load(p)
	if err != nil {
		t.Fatal(err)
	}
	if argv, err := c.SendmailCommand(); err != nil || !reflect.DeepEqual(argv, []string{"/usr/sbin/sendmail", "-C", "/etc/postfix-out"}) {
		t.Fatalf("SendmailCommand = %q, %v", argv, err)
	}
	for _, bad := range []string{"[send]\nsendmail = \"\"\n", "[send]\nsendmail = \"/usr/sbin/sendmail 'x\"\n"} {
		os.WriteFile(p, []byte(bad), 0o600)
		if _, err := Load(p); err == nil {
			t.Errorf("Load(%q) succeeded", bad)
		}
	}
}

func TestParseSize(t *testing.T) {
	for in, want := range map[string]int64{"0": 0, "512": 512, "64MiB": 64 << 20, "8 MiB": 8 << 20, "1GiB": 1 << 30, "2M": 2 << 20, "5MB": 5e6, "10KiB": 10 << 10} {
		if got, err := ParseSize(in); err != nil || got != want {
			t.Errorf("ParseSize(%q) = %d, %v; want %d", in, got, err, want)
		}
	}
	for _, bad := range []string{"", "-1", "1.5MiB", "lots", "64TiB", "99999999999999999GiB"} {
		if got, err := ParseSize(bad); err == nil {
			t.Errorf("ParseSize(%q) = %d, want an error", bad, got)
		}
	}
}
