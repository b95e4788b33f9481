package send

import (
	"errors"
	"slices"
	"testing"
)

func TestParseSendmailArgs(t *testing.T) {
	a, err := ParseSendmailArgs([]string{"-t", "-oi", "-oem", "-bm", "-F", "Alice", "-fsender@example.net", "--no-stake", "--no-tickets", "--config", "c.toml", "--rpc", "http://x", "bob@example.com", "--", "-odd@example.com"})
	if err != nil {
		t.Fatal(err)
	}
	if !a.FromHeaders || a.Sender != "sender@example.net" || !a.NoStake || !a.NoTickets || a.NoWork || a.Config != "c.toml" || a.RPC != "http://x" ||
		!slices.Equal(a.Rcpts, []string{"bob@example.com", "-odd@example.com"}) {
		t.Fatalf("%+v", a)
	}
	if a, err := ParseSendmailArgs([]string{"-f", "s@example.net", "-r", "r@example.net", "--no-work"}); err != nil || a.Sender != "r@example.net" || !a.NoWork {
		t.Fatalf("%+v %v", a, err)
	}
	for _, bad := range [][]string{{"-x"}, {"-f"}, {"--config"}, {"-F"}, {"--bogus"}} {
		if _, err := ParseSendmailArgs(bad); !errors.Is(err, ErrUsage) {
			t.Errorf("%q: %v, want a usage error", bad, err)
		}
	}
	for _, h := range []string{"-h", "--help"} {
		if _, err := ParseSendmailArgs([]string{h}); !errors.Is(err, ErrHelp) {
			t.Errorf("%s: %v", h, err)
		}
	}
}
