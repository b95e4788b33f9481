package milter_test

import (
	"strings"
	"testing"

	"github.com/postage-mail/postage/milter"
)

// lines are the lines of s that are not comments.
func lines(s string) []string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if l != "" && !strings.HasPrefix(l, "#") {
			out = append(out, l)
		}
	}
	return out
}

func TestPostfixConfigReceive(t *testing.T) {
	a, _ := milter.ParseAddress("inet:127.0.0.1:8895")
	got := milter.PostfixConfig(a, milter.Receive, nil)
	want := []string{
		"smtpd_milters = { inet:127.0.0.1:8895, default_action=accept }",
		"header_checks = regexp:{ {/^Postage-Result:/ IGNORE} }",
	}
	if l := lines(got); strings.Join(l, "\n") != strings.Join(want, "\n") {
		t.Errorf("settings:\n%s\nwant:\n%s", strings.Join(l, "\n"), strings.Join(want, "\n"))
	}
	if strings.Contains(got, "non_smtpd_milters =") || strings.Contains(got, "install -d") {
		t.Errorf("receive mode on inet names non_smtpd_milters or a socket directory:\n%s", got)
	}
	if !strings.HasPrefix(got, "# postage: add to /etc/postfix/main.cf") || !strings.HasSuffix(got, "so filters treat it as unverified.\n") {
		t.Errorf("not the whole text:\n%s", got)
	}
}

// milter.after entries follow postage's in smtpd_milters, in their order.
func TestPostfixConfigAfter(t *testing.T) {
	a, _ := milter.ParseAddress("inet:127.0.0.1:8895")
	got := milter.PostfixConfig(a, milter.Receive, []string{"inet:127.0.0.1:11332", "unix:/run/spamass.sock"})
	if l := lines(got)[0]; l != "smtpd_milters = { inet:127.0.0.1:8895, default_action=accept }, inet:127.0.0.1:11332, unix:/run/spamass.sock" {
		t.Errorf("smtpd_milters line: %q", l)
	}
}

// A socket under Postfix's queue directory is named relative to the
// chroot, and its directory is to be made in group postfix.
func TestPostfixConfigQueueSocket(t *testing.T) {
	a, _ := milter.ParseAddress("unix:/var/spool/postfix/postage/milter.sock")
	got := milter.PostfixConfig(a, milter.Receive, nil)
	if l := lines(got)[0]; l != "smtpd_milters = { unix:/postage/milter.sock, default_action=accept }" {
		t.Errorf("smtpd_milters line: %q", l)
	}
	if !strings.HasSuffix(got, "#   install -d -m 2750 -o postage -g postfix /var/spool/postfix/postage\n") {
		t.Errorf("no install line for the socket's directory:\n%s", got)
	}
	a, _ = milter.ParseAddress("unix:/run/postage.sock")
	if got := milter.PostfixConfig(a, milter.Receive, nil); strings.Contains(got, "install -d") {
		t.Errorf("an install line for a socket outside the queue directory:\n%s", got)
	}
}

// Sending mode goes on the submission service (master.cf, commented) and
// on non_smtpd_milters.
func TestPostfixConfigSend(t *testing.T) {
	a, _ := milter.ParseAddress("inet:127.0.0.1:8895")
	got := milter.PostfixConfig(a, milter.Send, []string{"inet:127.0.0.1:11332"})
	if l := lines(got); len(l) != 1 || l[0] != "non_smtpd_milters = { inet:127.0.0.1:8895, default_action=accept }" {
		t.Errorf("settings: %q", l)
	}
	if !strings.Contains(got, "\n#   -o smtpd_milters={ inet:127.0.0.1:8895, default_action=accept }\n") {
		t.Errorf("no master.cf option:\n%s", got)
	}
	if strings.Contains(got, "11332") {
		t.Errorf("sending mode lists milter.after:\n%s", got)
	}
}

func TestRspamdHint(t *testing.T) {
	if !strings.HasSuffix(milter.RspamdHint, "set milter.after = [\"inet:127.0.0.1:11332\"].\n") || !strings.HasPrefix(milter.RspamdHint, "# rspamd's milter answers on 127.0.0.1:11332,") {
		t.Errorf("hint:\n%s", milter.RspamdHint)
	}
}
