package submit

import (
	"fmt"
	"strings"
)

// PostfixConfig is what an organisation's Postfix needs to run postage
// submit --filter as its after-queue content filter (the amavisd-new
// pattern): a transport to the filter on listen, a reinjection smtpd on
// reinject that filters nothing (content_filter cleared, milters and
// header checks off), and the content_filter setting.
func PostfixConfig(listen, reinject string) string {
	var b strings.Builder
	p := func(format string, a ...any) { fmt.Fprintf(&b, format+"\n", a...) }
	p("# --- master.cf: postage submit --filter (after-queue content filter) ---")
	p("# The transport that hands outbound mail to postage on %s:", listen)
	p("postage-filter unix  -       -       n       -       10      smtp")
	p("    -o smtp_data_done_timeout=1200s")
	p("    -o smtp_send_xforward_command=yes")
	p("    -o disable_mime_output_conversion=yes")
	p("    -o smtp_generic_maps=")
	p("    -o smtp_tls_security_level=none")
	p("# The reinjection service: postage hands each stamped copy back here.")
	p("# It filters nothing again: content_filter cleared, milters and checks off.")
	p("%s inet  n       -       n       -       -       smtpd", reinject)
	p("    -o content_filter=")
	p("    -o receive_override_options=no_unknown_recipient_checks,no_header_body_checks,no_milters,no_address_mappings")
	p("    -o smtpd_milters=")
	p("    -o non_smtpd_milters=")
	p("    -o smtpd_helo_restrictions=")
	p("    -o smtpd_client_restrictions=")
	p("    -o smtpd_sender_restrictions=")
	p("    -o smtpd_relay_restrictions=")
	p("    -o smtpd_recipient_restrictions=permit_mynetworks,reject")
	p("    -o mynetworks=127.0.0.0/8")
	p("    -o smtpd_authorized_xforward_hosts=127.0.0.0/8")
	p("    -o smtpd_tls_security_level=none")
	p("")
	p("# --- main.cf ---")
	p("# All mail this Postfix accepts goes through postage once. On a host that")
	p("# also receives mail from outside, set it on the submission service")
	p("# instead (master.cf: submission ... -o content_filter=postage-filter:[...]):")
	p("content_filter = postage-filter:[%s]:%s", hostOf(listen), portOf(listen))
	return b.String()
}

func hostOf(addr string) string {
	i := strings.LastIndexByte(addr, ':')
	if i < 0 {
		return addr
	}
	return strings.Trim(addr[:i], "[]")
}

func portOf(addr string) string {
	i := strings.LastIndexByte(addr, ':')
	if i < 0 {
		return "10025"
	}
	return addr[i+1:]
}
