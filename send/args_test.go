package send

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/ethereum/go-ethereum/common"
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

// postage withdraw takes --due alone, or start|finish and one deposit id.
func TestParseWithdrawArgs(t *testing.T) {
	id := "0x" + strings.Repeat("ab", 32)
	for _, c := range []struct {
		due  bool
		args []string
		want WithdrawArgs
		err  string
	}{
		{due: true, want: WithdrawArgs{Due: true}},
		{args: []string{"start", id}, want: WithdrawArgs{Start: true, ID: common.HexToHash(id)}},
		{args: []string{"finish", id}, want: WithdrawArgs{ID: common.HexToHash(id)}},
		{due: true, args: []string{id}, err: "--due takes no deposit ids"},
		{args: []string{id}, err: "usage: postage withdraw start|finish DEPOSIT-ID, or postage withdraw --due"},
		{args: []string{"begin", id}, err: "usage: postage withdraw start|finish DEPOSIT-ID, or postage withdraw --due"},
		{args: []string{"start", "0x1234"}, err: `deposit id "0x1234": want 0x and 64 hex digits`},
		{args: []string{"start", "xyz"}, err: `deposit id "xyz": want 0x and 64 hex digits`},
	} {
		got, err := ParseWithdrawArgs(c.due, c.args)
		if c.err != "" {
			if err == nil || err.Error() != c.err || !errors.Is(err, ErrUsage) {
				t.Errorf("%v %q: %v, want usage error %q", c.due, c.args, err, c.err)
			}
			continue
		}
		if err != nil || got != c.want {
			t.Errorf("%v %q: %+v, %v, want %+v", c.due, c.args, got, err, c.want)
		}
	}
}
