package contrib_test

import (
	"fmt"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/postage-mail/postage/bookdns/dnstest"
	"github.com/postage-mail/postage/contrib/contribtest"
)

// The filters' view of Postage-Result: each case is a message as postage
// delivers it (the header postage added) and what rspamd (with
// contrib/rspamd), SpamAssassin (with contrib/spamassassin/postage.cf) and
// Sieve (contrib/sieve) make of it. The DKIM, SPF and DMARC records are
// served by a loopback DNS server, and messages are DKIM-signed with a key
// made here, so alignment is decided by the filters' own code.

// world is the DNS and the keys of the senders.
type world struct {
	dns     *dnstest.Server
	example *contribtest.DKIMKey // example.net: DKIM, SPF, DMARC p=reject
	nodmarc *contribtest.DKIMKey // nodmarc.example: DKIM and SPF, no DMARC record
}

func newWorld(t *testing.T) *world {
	w := &world{dns: dnstest.Start(t)}
	w.example = contribtest.NewDKIMKey(t, "example.net", "s1")
	w.nodmarc = contribtest.NewDKIMKey(t, "nodmarc.example", "s1")
	for _, k := range []*contribtest.DKIMKey{w.example, w.nodmarc} {
		w.dns.SetTXT(k.RecordName(), k.Record())
		w.dns.SetTXT(k.Domain, "v=spf1 ip4:192.0.2.1 -all")
	}
	w.dns.SetTXT("_dmarc.example.net", "v=DMARC1; p=reject; adkim=r; aspf=r")
	// The phished bank: DMARC p=reject, SPF for its own servers only.
	w.dns.SetTXT("bank.example", "v=spf1 ip4:203.0.113.5 -all")
	w.dns.SetTXT("_dmarc.bank.example", "v=DMARC1; p=reject")
	w.dns.SetTXT("spam.example", "v=spf1 ip4:198.51.100.7 -all")
	return w
}

type msgCase struct {
	name string
	// results are Postage-Result values, one field each (none: no field).
	results []string
	// from is the From: address; signer signs it (nil: unsigned).
	from   string
	signer *contribtest.DKIMKey
	// The SMTP client and envelope sender.
	ip, mailFrom string
	// rspamd: the POSTAGE_* symbols and scores.
	rspamd map[string]float64
	// SpamAssassin: the POSTAGE_* rules and scores.
	sa map[string]float64
	// Sieve: the folders the message is filed into, per recipient.
	sieve map[string]string
}

const (
	eth001 = "1000000000000000wei"    // 0.001 ETH
	eth1   = "1000000000000000000wei" // 1 ETH
)

func cases(w *world) []msgCase {
	good := func(c msgCase) msgCase {
		if c.from == "" {
			c.from, c.signer, c.ip, c.mailFrom = "sender@example.net", w.example, "192.0.2.1", "sender@example.net"
		}
		return c
	}
	alice := func(folder string) map[string]string { return map[string]string{"alice@example.test": folder} }
	return []msgCase{
		good(msgCase{name: "stake-pass",
			results: []string{"pass rcpt=alice@example.test stake=pass stake.value=" + eth001 + " deposit=68e353276250"},
			rspamd:  map[string]float64{"POSTAGE_STAKE": -3},
			sa:      map[string]float64{"POSTAGE_STAKE": -1, "POSTAGE_STAKE_2": -1, "POSTAGE_STAKE_3": -1},
			sieve:   alice("INBOX $PostagePass")}),
		good(msgCase{name: "stake-1eth-and-work",
			results: []string{"pass rcpt=alice@example.test stake=pass stake.value=" + eth1 + " deposit=68e353276250 work=25"},
			rspamd:  map[string]float64{"POSTAGE_STAKE": -6, "POSTAGE_WORK": -0.5},
			sa: map[string]float64{"POSTAGE_STAKE": -1, "POSTAGE_STAKE_2": -1, "POSTAGE_STAKE_3": -1,
				"POSTAGE_STAKE_4": -1, "POSTAGE_STAKE_5": -1, "POSTAGE_STAKE_6": -1, "POSTAGE_WORK": -0.5},
			sieve: alice("INBOX $PostagePass")}),
		good(msgCase{name: "work-pass",
			results: []string{"pass rcpt=alice@example.test work=20"},
			rspamd:  map[string]float64{"POSTAGE_WORK": -0.5},
			sa:      map[string]float64{"POSTAGE_WORK": -0.5},
			sieve:   alice("INBOX $PostagePass")}),
		good(msgCase{name: "work-32-bits",
			results: []string{"pass rcpt=alice@example.test work=32"},
			rspamd:  map[string]float64{"POSTAGE_WORK": -1},
			sa:      map[string]float64{"POSTAGE_WORK": -0.5, "POSTAGE_WORK_2": -0.5},
			sieve:   alice("INBOX $PostagePass")}),
		good(msgCase{name: "ticket-pass",
			results: []string{"pass rcpt=alice@example.test ticket=pass ticket.value=" + eth001 + " book=1a2b3c"},
			rspamd:  map[string]float64{"POSTAGE_TICKET": -3},
			sa:      map[string]float64{"POSTAGE_TICKET": -1, "POSTAGE_TICKET_2": -1, "POSTAGE_TICKET_3": -1},
			sieve:   alice("INBOX $PostagePass")}),
		good(msgCase{name: "fail",
			results: []string{"fail rcpt=alice@example.test work=double-spent"},
			rspamd:  map[string]float64{"POSTAGE_FAIL": 2},
			sa:      map[string]float64{"POSTAGE_FAIL": 2},
			sieve:   alice("Junk")}),
		good(msgCase{name: "burned",
			results: []string{"fail rcpt=alice@example.test stake=burned deposit=68e353276250 work=20"},
			rspamd:  map[string]float64{"POSTAGE_BURNED": 6},
			sa:      map[string]float64{"POSTAGE_BURNED": 6},
			sieve:   alice("Junk $PostageBurned")}),
		good(msgCase{name: "reused",
			results: []string{"fail rcpt=alice@example.test stake=reused deposit=68e353276250"},
			rspamd:  map[string]float64{"POSTAGE_REUSED": 5},
			sa:      map[string]float64{"POSTAGE_REUSED": 5},
			sieve:   alice("Junk $PostageReused")}),
		good(msgCase{name: "none",
			results: []string{"neutral rcpt=alice@example.test"},
			rspamd:  map[string]float64{"POSTAGE_NONE": 0},
			sa:      map[string]float64{"POSTAGE_NONE": 0.001},
			sieve:   alice("INBOX")}),
		good(msgCase{name: "temperror",
			results: []string{"temperror rcpt=alice@example.test stake=chain-unavailable"},
			rspamd:  map[string]float64{"POSTAGE_TEMPERROR": 0},
			sa:      map[string]float64{"POSTAGE_TEMPERROR": 0.001},
			sieve:   alice("INBOX $PostageTemperror")}),
		// A phisher with a good stake and a From: it has no right to.
		{name: "stake-pass-dmarc-fail",
			results: []string{"pass rcpt=alice@example.test stake=pass stake.value=" + eth1 + " deposit=68e353276250 work=20"},
			from:    "security@bank.example", ip: "198.51.100.7", mailFrom: "phisher@spam.example",
			rspamd: map[string]float64{"POSTAGE_UNALIGNED": 0},
			sa:     map[string]float64{"POSTAGE_UNALIGNED": 0.001},
			sieve:  alice("INBOX $PostagePass")},
		// No DMARC record: DKIM of the From: domain aligns.
		{name: "stake-pass-dkim-no-dmarc",
			results: []string{"pass rcpt=alice@example.test stake=pass stake.value=" + eth001 + " deposit=68e353276250"},
			from:    "sender@nodmarc.example", signer: w.nodmarc, ip: "192.0.2.1", mailFrom: "sender@nodmarc.example",
			rspamd: map[string]float64{"POSTAGE_STAKE": -3},
			sa:     map[string]float64{"POSTAGE_STAKE": -1, "POSTAGE_STAKE_2": -1, "POSTAGE_STAKE_3": -1},
			sieve:  alice("INBOX $PostagePass")},
		// No DMARC record, no signature: SPF of the same domain aligns
		// in rspamd; SpamAssassin's rules cannot compare the envelope
		// and From: domains, so no bonus there.
		{name: "stake-pass-spf-no-dmarc",
			results: []string{"pass rcpt=alice@example.test stake=pass stake.value=" + eth001 + " deposit=68e353276250"},
			from:    "sender@nodmarc.example", ip: "192.0.2.1", mailFrom: "sender@nodmarc.example",
			rspamd: map[string]float64{"POSTAGE_STAKE": -3},
			sa:     map[string]float64{"POSTAGE_UNALIGNED": 0.001},
			sieve:  alice("INBOX $PostagePass")},
		// A Postage-Result that something in front of the filter did not
		// remove, next to postage's own: never a bonus.
		good(msgCase{name: "two-fields",
			results: []string{"pass rcpt=alice@example.test stake=pass stake.value=" + eth1 + " deposit=68e353276250",
				"pass rcpt=alice@example.test work=20"},
			rspamd: map[string]float64{"POSTAGE_MULTIPLE": 0},
			sa:     map[string]float64{"POSTAGE_MULTIPLE": 0.001},
			sieve:  alice("INBOX $PostagePass")}),
		good(msgCase{name: "two-fields-same-stake",
			results: []string{"pass rcpt=alice@example.test stake=pass stake.value=" + eth1 + " deposit=68e353276250",
				"pass rcpt=alice@example.test stake=pass stake.value=" + eth1 + " deposit=68e353276250"},
			rspamd: map[string]float64{"POSTAGE_MULTIPLE": 0, "POSTAGE_UNALIGNED": 0},
			sa:     map[string]float64{"POSTAGE_MULTIPLE": 0.001},
			sieve:  alice("INBOX $PostagePass")}),
		good(msgCase{name: "two-fields-neutral",
			results: []string{"pass rcpt=alice@example.test stake=pass stake.value=" + eth1 + " deposit=68e353276250",
				"neutral rcpt=alice@example.test"},
			rspamd: map[string]float64{"POSTAGE_MULTIPLE": 0, "POSTAGE_NONE": 0},
			sa:     map[string]float64{"POSTAGE_MULTIPLE": 0.001, "POSTAGE_NONE": 0.001},
			sieve:  alice("INBOX $PostagePass")}),
		// Several recipients: the least valuable pass counts.
		good(msgCase{name: "two-rcpts-pass",
			results: []string{"pass rcpt=alice@example.test stake=pass stake.value=" + eth1 + " deposit=68e353276250; " +
				"pass rcpt=bob@example.test stake=pass stake.value=" + eth001 + " deposit=68e353276251 work=20"},
			rspamd: map[string]float64{"POSTAGE_STAKE": -3},
			sa:     map[string]float64{"POSTAGE_STAKE": -1, "POSTAGE_STAKE_2": -1, "POSTAGE_STAKE_3": -1},
			sieve:  map[string]string{"alice@example.test": "INBOX $PostagePass", "bob@example.test": "INBOX $PostagePass"}}),
		// ... and the worst verdict decides.
		good(msgCase{name: "two-rcpts-pass-neutral",
			results: []string{"pass rcpt=alice@example.test stake=pass stake.value=" + eth1 + " deposit=68e353276250; neutral rcpt=bob@example.test"},
			rspamd:  map[string]float64{"POSTAGE_NONE": 0},
			sa:      map[string]float64{"POSTAGE_NONE": 0.001},
			sieve:   map[string]string{"alice@example.test": "INBOX $PostagePass", "bob@example.test": "INBOX"}}),
		good(msgCase{name: "two-rcpts-fail-pass",
			results: []string{"fail rcpt=alice@example.test stake=burned deposit=68e353276250; pass rcpt=bob@example.test work=20"},
			rspamd:  map[string]float64{"POSTAGE_BURNED": 6},
			sa:      map[string]float64{"POSTAGE_BURNED": 6},
			sieve:   map[string]string{"alice@example.test": "Junk $PostageBurned", "bob@example.test": "INBOX $PostagePass"}}),
		// Allowlisted by the receiver: postage vouches for nothing the
		// filter should count.
		good(msgCase{name: "allowlist",
			results: []string{"pass rcpt=alice@example.test allowlist=sender"},
			rspamd:  map[string]float64{},
			sa:      map[string]float64{},
			sieve:   alice("INBOX $PostagePass")}),
	}
}

// message builds the message as delivered: signed by its sender, then the
// Postage-Result fields the receiving side added.
func (c msgCase) message(t *testing.T) []byte {
	body := fmt.Sprintf("From: Sender <%s>\nTo: alice@example.test\nSubject: %s\nDate: Tue, 01 Dec 2026 10:00:00 +0000\nMessage-ID: <%s@example.net>\nMIME-Version: 1.0\nContent-Type: text/plain; charset=us-ascii\n\nHello Alice,\n\nshall we have lunch on Thursday? The usual place at noon.\n\nSender\n",
		c.from, c.name, c.name)
	msg := []byte(body)
	if c.signer != nil {
		msg = c.signer.Sign(t, msg)
	}
	var head strings.Builder
	fmt.Fprintf(&head, "Return-Path: <%s>\n", c.mailFrom)
	fmt.Fprintf(&head, "Received: from mail.sender.example (mail.sender.example [%s])\n\tby mx.example.test (Postfix) with ESMTP id 4ACA8984E71\n\tfor <alice@example.test>; Tue, 01 Dec 2026 10:00:01 +0000 (UTC)\n", c.ip)
	for _, r := range c.results {
		fmt.Fprintf(&head, "Postage-Result: %s\n", r)
	}
	return append([]byte(head.String()), msg...)
}

func repoRoot(t *testing.T) string {
	d, err := filepath.Abs("..")
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func postage(m map[string]float64) string {
	var s []string
	for k, v := range m {
		s = append(s, fmt.Sprintf("%s=%g", k, v))
	}
	sort.Strings(s)
	return strings.Join(s, " ")
}

func sameScores(got, want map[string]float64) bool {
	if len(got) != len(want) {
		return false
	}
	for k, v := range want {
		g, ok := got[k]
		if !ok || math.Abs(g-v) > 1e-6 {
			return false
		}
	}
	return true
}

func TestRspamd(t *testing.T) {
	w := newWorld(t)
	start := time.Now()
	r := contribtest.StartRspamd(t, contribtest.RspamdOptions{Contrib: filepath.Join(repoRoot(t), "contrib", "rspamd"), DNS: w.dns.Addr})
	t.Logf("rspamd listening after %v", time.Since(start).Round(time.Millisecond))
	for _, c := range cases(w) {
		t.Run(c.name, func(t *testing.T) {
			res := r.Check(t, c.message(t), contribtest.Envelope{IP: c.ip, Helo: "mail.sender.example", From: c.mailFrom, Rcpts: []string{"alice@example.test"}})
			if got := res.Postage(); !sameScores(got, c.rspamd) {
				t.Errorf("rspamd postage symbols: got %s, want %s\nall: %v", postage(got), postage(c.rspamd), res.Symbols)
			}
			// The alignment the filter saw is the one the case means.
			if c.name == "stake-pass-dmarc-fail" {
				if _, ok := res.Symbols["DMARC_POLICY_REJECT"]; !ok {
					t.Errorf("the phishing case did not fail DMARC: %v", res.Symbols)
				}
			}
			if c.name == "stake-pass" {
				if _, ok := res.Symbols["DMARC_POLICY_ALLOW"]; !ok {
					t.Errorf("the signed case did not pass DMARC: %v", res.Symbols)
				}
			}
		})
	}
}

// saSite is a SpamAssassin site configuration directory: the system's
// plugin loading (.pre), the contrib rules, and the test's DNS server.
func saSite(t *testing.T, dns string) string {
	dir := t.TempDir()
	pres, _ := filepath.Glob("/etc/spamassassin/*.pre")
	if len(pres) == 0 {
		t.Fatal("no /etc/spamassassin/*.pre: install spamassassin (apt-get install -y spamassassin; .ci/setup does)")
	}
	for _, p := range pres {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, filepath.Base(p)), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	b, err := os.ReadFile(filepath.Join(repoRoot(t), "contrib", "spamassassin", "postage.cf"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "postage.cf"), b, 0o644); err != nil {
		t.Fatal(err)
	}
	local := fmt.Sprintf(`dns_server %s
dns_available yes
skip_rbl_checks 1
use_bayes 0
trusted_networks 10.255.255.254
report_safe 0
`, dns) + contribtest.SpamAssassinStatus
	if err := os.WriteFile(filepath.Join(dir, "local.cf"), []byte(local), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

func TestSpamAssassin(t *testing.T) {
	w := newWorld(t)
	site := saSite(t, w.dns.Addr)
	// The rules are valid SpamAssassin 4 configuration.
	lint := exec.Command("spamassassin", "--lint", "--siteconfigpath", site)
	lint.Env = append(os.Environ(), "HOME="+t.TempDir())
	if out, err := lint.CombinedOutput(); err != nil {
		t.Fatalf("spamassassin --lint: %v\n%s", err, out)
	}
	cs := cases(w)
	var msgs [][]byte
	for _, c := range cs {
		msgs = append(msgs, c.message(t))
	}
	results := contribtest.SpamAssassin(t, site, msgs)
	for i, c := range cs {
		res := results[i]
		t.Run(c.name, func(t *testing.T) {
			got := map[string]float64{}
			for k, v := range res.Hits {
				if strings.HasPrefix(k, "POSTAGE_") {
					got[k] = v
				}
			}
			if !sameScores(got, c.sa) {
				t.Errorf("SpamAssassin postage rules: got %s, want %s\n%s", postage(got), postage(c.sa), res.Raw)
			}
			if c.name == "stake-pass" {
				if _, ok := res.Hits["DKIM_VALID_AU"]; !ok {
					t.Errorf("the signed case is not DKIM_VALID_AU: %v", res.Hits)
				}
			}
		})
	}
}

func TestSieve(t *testing.T) {
	w := newWorld(t)
	script := filepath.Join(repoRoot(t), "contrib", "sieve", "postage.sieve")
	for _, c := range cases(w) {
		for rcpt, want := range c.sieve {
			t.Run(c.name+"/"+rcpt, func(t *testing.T) {
				folders, out := contribtest.SieveTest(t, script, c.message(t), rcpt)
				if len(folders) != 1 || folders[0] != want {
					t.Errorf("filed into %v, want [%s]:\n%s", folders, want, out)
				}
			})
		}
	}
}
