package milter

import (
	"fmt"
	"strings"
)

// PostfixConfig is what main.cf needs for a milter at a, followed in
// smtpd_milters by the milters that read its verdict (milter.after):
// the text `postage serve --print-postfix-config` prints.
func PostfixConfig(a Address, mode Mode, after []string) string {
	name := PostfixName(a, PostfixQueueDir)
	var b strings.Builder
	if mode == Send {
		fmt.Fprintf(&b, `# postage, sending mode: work stamps on mail your users submit.
# In /etc/postfix/master.cf, add this option to the submission service
# (the line starting "submission inet"), then: postfix reload
#   -o smtpd_milters={ %s, default_action=accept }
# To stamp mail sent with sendmail(1) on this host too, add to main.cf:
non_smtpd_milters = { %s, default_action=accept }
`, name, name)
		return b.String()
	}
	fmt.Fprintf(&b, `# postage: add to /etc/postfix/main.cf (or run each line with postconf -e),
# then: postfix reload
#
# Check postage on mail received over SMTP. default_action=accept fails
# open: while postage is down, mail is delivered unchecked. Write
# default_action=tempfail to make senders retry until it is back instead.
# If smtpd_milters already lists milters (OpenDKIM, rspamd...), add the
# braced postage entry to that list, before the spam filters (rspamd's
# milter, spamass-milter): they must see postage's Postage-Result (list
# them in milter.after and this line does; docs/spam-filters.md).
smtpd_milters = { %s, default_action=accept }%s
# Remove Postage-Result fields that come from outside even while the milter
# is down (the milter removes them too; its own field is not subject to
# header_checks). If header_checks is already set, add this rule to it.
header_checks = regexp:{ {/^Postage-Result:/ IGNORE} }
# Mail submitted on this host (sendmail(1), the pickup service) is this
# host's own: postage does not check it. Leave postage out of
# non_smtpd_milters in receiving mode: a check there would spend the work
# stamps and stake leaves of your own outbound mail before the recipient's
# MX sees them, and Postfix lets non-SMTP milters only tag anyway. Such
# mail is delivered with no Postage-Result (header_checks above removes a
# forged one), so filters treat it as unverified.
`, name, afterList(after))
	if a.Network == "unix" && strings.HasPrefix(a.Addr, PostfixQueueDir+"/") {
		fmt.Fprintf(&b, `# The socket's directory must exist before postage starts, owned by the
# user postage runs as, in group postfix and set-group-id, so that the
# socket is in group postfix and smtpd can connect:
#   install -d -m 2750 -o postage -g postfix %s
`, a.Addr[:strings.LastIndex(a.Addr, "/")])
	}
	return b.String()
}

// afterList is the milter.after entries as they follow postage's in
// smtpd_milters.
func afterList(after []string) string {
	var b strings.Builder
	for _, e := range after {
		b.WriteString(", ")
		b.WriteString(e)
	}
	return b.String()
}

// RspamdAddr is where Debian's rspamd proxy worker listens in milter mode
// by default (/etc/rspamd/worker-proxy.inc).
const RspamdAddr = "127.0.0.1:11332"

// RspamdHint follows PostfixConfig's text when rspamd's milter was found
// answering on RspamdAddr and put after postage's in smtpd_milters.
const RspamdHint = `# rspamd's milter answers on ` + RspamdAddr + `, so the smtpd_milters line above
# lists it after postage's: it must come after postage to score postage's
# verdict (contrib/rspamd, docs/spam-filters.md). To keep this order without
# detection, set milter.after = ["inet:` + RspamdAddr + `"].
`
