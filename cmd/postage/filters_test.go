package main

import (
	"context"
	"fmt"
	"math"
	"net"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/postage-mail/postage/bookdns/dnstest"
	"github.com/postage-mail/postage/contrib/contribtest"
	"github.com/postage-mail/postage/milter"
)

// The spam filters of contrib/ over real verdicts, end to end: postage
// serve (embedded chain, milter) and Debian's rspamd with contrib/rspamd,
// its proxy worker in milter mode after postage's in Postfix's
// smtpd_milters, as `postage serve --print-postfix-config` prints them
// with milter.after. Messages are DKIM-signed by their sender's domain,
// whose SPF, DKIM and DMARC records a loopback DNS server serves to
// rspamd and SpamAssassin.
//
// (a) messages that went through `postage verify`, scored with rspamc and
// spamassassin -t and filed by sieve-test;
// (b) messages sent over SMTP through Postfix, the postage milter and
// rspamd's milter, and the score rspamd's milter wrote into the delivered
// message (X-Spamd-Result).
func TestSpamFilters(t *testing.T) {
	needPostfix(t)
	contribtest.Need(t, "rspamd", "rspamd", "rspamc")
	contribtest.Need(t, "spamassassin", "spamassassin")
	contribtest.Need(t, "dovecot-sieve", "sieve-test")
	ctx, cancel := context.WithTimeout(context.Background(), 8*time.Minute)
	defer cancel()

	dns := dnstest.Start(t)
	key := contribtest.NewDKIMKey(t, "example.net", "s1")
	dns.SetTXT(key.RecordName(), key.Record())
	dns.SetTXT("example.net", "v=spf1 ip4:127.0.0.0/8 -all")
	dns.SetTXT("_dmarc.example.net", "v=DMARC1; p=reject")
	dns.SetTXT("bank.example", "v=spf1 ip4:203.0.113.5 -all")
	dns.SetTXT("_dmarc.bank.example", "v=DMARC1; p=reject")
	rspamd := contribtest.StartRspamd(t, contribtest.RspamdOptions{Contrib: filepath.Join("..", "..", "contrib", "rspamd"), DNS: dns.Addr,
		// Loopback clients without reverse DNS score high; the test
		// reads the scores and needs every message delivered.
		LocalD: map[string]string{"actions.conf": "reject = 1000;\nadd_header = 500;\ngreylist = null;\nrewrite_subject = null;\n"}})

	home := filepath.Join(t.TempDir(), "home")
	milterAddr, metricsAddr, relayAddr := loopback(freePort(t)), loopback(freePort(t)), loopback(freePort(t))
	writeConfig(t, home, "postage.toml", fmt.Sprintf(`[policy]
# Work stamps are under test: count them (the default does not).
accept = ["allowlist", "stake", "work"]
[milter]
listen = "inet:%s"
after = ["inet:%s"]
[metrics]
listen = %q
[relay]
listen = %q
`, milterAddr, rspamd.Milter, metricsAddr, relayAddr))
	serve := startDaemon(t, home, "serve", "--chain-addr", "127.0.0.1:0")
	serve.waitListening(milterAddr, 3*time.Minute)
	// `postage verify` next to serve: its own spent store (serve holds
	// the default one), serve's chain.
	verifyCfg := writeConfig(t, home, "verify.toml", `[policy]
# Work stamps are under test: count them (the default does not).
accept = ["allowlist", "stake", "work"]
[store]
path = "verify-spent.db"
`)

	msg := func(from, to, subject string, extra ...string) []byte {
		return []byte("From: Sender <" + from + ">\nTo: " + to + "\nSubject: " + subject +
			"\nDate: Tue, 01 Dec 2026 10:00:00 +0000\nMessage-ID: <" + strings.ReplaceAll(subject, " ", "-") + "@example.net>\n" +
			strings.Join(append(extra, ""), "\n") + "MIME-Version: 1.0\nContent-Type: text/plain\n\nShall we have lunch on Thursday? The usual place at noon.\n")
	}
	signed := func(m []byte) []byte { return key.Sign(t, m) }

	// (a) postage verify, then the filters.
	carol := "carol@example.test"
	type verified struct {
		name    string
		verdict string // regexp the Postage-Result must match
		msg     []byte // as verify wrote it
		rspamd  map[string]float64
		sa      map[string]float64
		sieve   string
	}
	var vs []*verified
	verify := func(name, verdictRE string, in []byte, args ...string) *verified {
		t.Helper()
		out := runPostage(ctx, t, home, in, append([]string{"verify", "--filter", "--config", verifyCfg, "--rcpt", carol}, args...)...)
		head, _, _ := strings.Cut(string(out), "\n\n")
		head = regexp.MustCompile(`\n[ \t]+`).ReplaceAllString(head, " ")
		if !regexp.MustCompile(`(?m)^Postage-Result: ` + verdictRE + `$`).MatchString(head) {
			t.Errorf("%s: verify gave no Postage-Result matching %q:\n%s", name, verdictRE, head)
			return &verified{}
		}
		v := &verified{name: name, verdict: verdictRE, msg: append([]byte("Return-Path: <sender@example.net>\nReceived: from mail.example.net (mail.example.net [127.0.0.1])\n\tby mx.example.test (Postfix) with ESMTP id 4ACA8984E71\n\tfor <carol@example.test>; Tue, 01 Dec 2026 10:00:01 +0000 (UTC)\n"), out...)}
		vs = append(vs, v)
		return v
	}
	workCarol := signed(runPostage(ctx, t, home, msg("sender@example.net", carol, "work for carol"), "stamp"))
	stakeCarol := runPostage(ctx, t, home, msg("sender@example.net", carol, "stake for carol"), "stamp", "--rcpt", carol, "--no-work")
	stakeCarol = signed(stakeCarol)
	v := verify("stake-pass", `pass rcpt=carol@example.test stake=pass stake.value=[0-9]+wei deposit=[0-9a-f]{12}`, stakeCarol)
	v.rspamd, v.sa, v.sieve = stakeScores(t, v.msg), stakeRules(t, v.msg), "INBOX $PostagePass"
	v = verify("work-pass", `pass rcpt=carol@example.test work=20`, workCarol)
	v.rspamd, v.sa, v.sieve = map[string]float64{"POSTAGE_WORK": -0.5}, map[string]float64{"POSTAGE_WORK": -0.5}, "INBOX $PostagePass"
	// The same work stamp in a different message: spent.
	hashcash := func(m []byte) string {
		return string(regexp.MustCompile(`(?m)^X-Hashcash:.*(\n[ \t].*)*`).Find(m))
	}
	v = verify("fail", `fail rcpt=carol@example.test work=double-spent`, signed(msg("sender@example.net", carol, "again for carol", hashcash(workCarol))))
	v.rspamd, v.sa, v.sieve = map[string]float64{"POSTAGE_FAIL": 2}, map[string]float64{"POSTAGE_FAIL": 2}, "Junk"
	v = verify("none", `neutral rcpt=carol@example.test`, signed(msg("sender@example.net", carol, "nothing for carol")))
	v.rspamd, v.sa, v.sieve = map[string]float64{"POSTAGE_NONE": 0}, map[string]float64{"POSTAGE_NONE": 0.001}, "INBOX"
	// A verdict the sender wrote is removed by verify.
	v = verify("forged", `neutral rcpt=carol@example.test`, signed(msg("sender@example.net", carol, "forged for carol",
		"Postage-Result: pass rcpt=carol@example.test stake=pass stake.value=1000000000000000000wei deposit=68e353276250")))
	v.rspamd, v.sa, v.sieve = map[string]float64{"POSTAGE_NONE": 0}, map[string]float64{"POSTAGE_NONE": 0.001}, "INBOX"
	// The chain cannot be reached: temperror.
	v = verify("temperror", `temperror rcpt=carol@example.test stake=chain-unavailable`, stakeCarol, "--rpc", "http://"+loopback(freePort(t)))
	v.rspamd, v.sa, v.sieve = map[string]float64{"POSTAGE_TEMPERROR": 0}, map[string]float64{"POSTAGE_TEMPERROR": 0.001}, "INBOX $PostageTemperror"
	// A stake-passing phish: From: a domain whose DMARC fails.
	phishCarol := runPostage(ctx, t, home, msg("security@bank.example", carol, "phish for carol"), "stamp", "--rcpt", carol, "--no-work")
	v = verify("stake-pass-dmarc-fail", `pass rcpt=carol@example.test stake=pass stake.value=[0-9]+wei deposit=[0-9a-f]{12}`, phishCarol)
	v.rspamd, v.sa, v.sieve = map[string]float64{"POSTAGE_UNALIGNED": 0}, map[string]float64{"POSTAGE_UNALIGNED": 0.001}, "INBOX $PostagePass"
	// carol punishes the stake: burned.
	runPostage(ctx, t, home, stakeCarol, "punish", "--now", "--rcpt", carol)
	v = verify("burned", `fail rcpt=carol@example.test stake=burned deposit=[0-9a-f]{12}`, stakeCarol)
	v.rspamd, v.sa, v.sieve = map[string]float64{"POSTAGE_BURNED": 6}, map[string]float64{"POSTAGE_BURNED": 6}, "Junk $PostageBurned"
	// The phish's stamp in a different message: reused.
	phishStamp := regexp.MustCompile(`(?m)^Postage-Stamp:.*(\n[ \t].*)*`).Find(phishCarol)
	v = verify("reused", `fail rcpt=carol@example.test stake=reused deposit=[0-9a-f]{12}`, signed(msg("sender@example.net", carol, "another for carol", string(phishStamp))))
	v.rspamd, v.sa, v.sieve = map[string]float64{"POSTAGE_REUSED": 5}, map[string]float64{"POSTAGE_REUSED": 5}, "Junk $PostageReused"

	var msgs [][]byte
	for _, v := range vs {
		msgs = append(msgs, v.msg)
	}
	saResults := contribtest.SpamAssassin(t, saSite(t, dns.Addr), msgs)
	for i, v := range vs {
		res := rspamd.Check(t, v.msg, contribtest.Envelope{IP: "127.0.0.1", Helo: "mail.example.net", From: "sender@example.net", Rcpts: []string{carol}})
		if got := postageScores(res.Symbols); !sameScores(got, v.rspamd) {
			t.Errorf("verify, %s: rspamc postage symbols %s, want %s (score %.2f)", v.name, fmtScores(got), fmtScores(v.rspamd), res.Score)
		}
		sa := saResults[i]
		if got := postageHits(sa.Hits); !sameScores(got, v.sa) {
			t.Errorf("verify, %s: SpamAssassin postage rules %s, want %s\n%s", v.name, fmtScores(got), fmtScores(v.sa), sa.Raw)
		}
		folders, out := contribtest.SieveTest(t, filepath.Join("..", "..", "contrib", "sieve", "postage.sieve"), v.msg, carol)
		if len(folders) != 1 || folders[0] != v.sieve {
			t.Errorf("verify, %s: sieve filed into %v, want [%s]\n%s", v.name, folders, v.sieve, out)
		}
	}

	// (b) Postfix: postage's milter, then rspamd's, as printed.
	printed := runPostage(ctx, t, home, nil, "serve", "--print-postfix-config")
	var mainLines []string
	for _, l := range strings.Split(string(printed), "\n") {
		if l = strings.TrimSpace(l); l != "" && !strings.HasPrefix(l, "#") {
			mainLines = append(mainLines, l)
		}
	}
	wantMilters := fmt.Sprintf("smtpd_milters = { inet:%s, default_action=accept }, inet:%s", milterAddr, rspamd.Milter)
	if len(mainLines) != 2 || mainLines[0] != wantMilters {
		t.Fatalf("printed Postfix config, want %q first:\n%s", wantMilters, printed)
	}
	// A second milter whose chain cannot be reached: temperror. Its own
	// data directory (one milter per directory serves the spent store).
	downAddr := loopback(freePort(t))
	downHome := filepath.Join(t.TempDir(), "down")
	contract := regexp.MustCompile(`contract=(0x[0-9a-fA-F]{40})`).FindSubmatch(stakeCarol)
	if contract == nil {
		t.Fatalf("no contract in the stake stamp:\n%s", stakeCarol)
	}
	downCfg := writeConfig(t, downHome, "postage.toml", fmt.Sprintf(`[milter]
listen = "inet:%s"
[metrics]
listen = ""
[chain]
rpc = "http://%s"
contract = "%s"
`, downAddr, loopback(freePort(t)), contract[1]))
	down := startDaemon(t, downHome, "milter", "--config", downCfg)
	down.waitListening(downAddr, time.Minute)
	smtp, smtpNoChecks, smtpDown := freePort(t), freePort(t), freePort(t)
	pf := startPostfix(t, mainLines, []string{
		fmt.Sprintf("127.0.0.1:%d inet n - n - - smtpd -o smtpd_milters=inet:%s,inet:%s", smtpDown, downAddr, rspamd.Milter),
		fmt.Sprintf("127.0.0.1:%d inet n - n - - smtpd", smtp),
		// No header_checks (a cleanup(8) setting): only postage's milter
		// removes forged verdicts before rspamd's sees the message.
		fmt.Sprintf("127.0.0.1:%d inet n - n - - smtpd -o cleanup_service_name=cleanup-nochecks", smtpNoChecks),
		"cleanup-nochecks unix n - n - 0 cleanup -o header_checks=",
	})
	n := map[string]int{}
	deliver := func(port int, rcpt string, m []byte, name, verdictRE string, want map[string]float64) {
		t.Helper()
		pf.send(t, port, rcpt, m, "250 ")
		user, _, _ := strings.Cut(rcpt, "@")
		n[user]++
		got := pf.waitMail(t, user, n[user])
		head, _, _ := strings.Cut(got, "\n\n")
		unfolded := regexp.MustCompile(`\n[ \t]+`).ReplaceAllString(head, " ")
		if !regexp.MustCompile(`(?m)^Postage-Result: ` + verdictRE + `$`).MatchString(unfolded) {
			t.Errorf("milter, %s: no Postage-Result matching %q:\n%s", name, verdictRE, head)
		}
		if c := strings.Count(strings.ToLower(head), "\npostage-result:"); c != 1 {
			t.Errorf("milter, %s: %d Postage-Result fields delivered, want 1:\n%s", name, c, head)
		}
		m2 := regexp.MustCompile(`(?m)^X-Spamd-Result: (.*)$`).FindStringSubmatch(unfolded)
		if m2 == nil {
			t.Errorf("milter, %s: rspamd's milter added no X-Spamd-Result:\n%s", name, head)
			return
		}
		res, err := contribtest.ParseSpamdResult(m2[1])
		if err != nil {
			t.Fatal(err)
		}
		if want == nil { // a stake pass: its score follows its value
			want = stakeScores(t, []byte(unfolded))
		}
		if g := postageScores(res.Symbols); !sameScores(g, want) {
			t.Errorf("milter, %s: rspamd postage symbols %s, want %s\n%s", name, fmtScores(g), fmtScores(want), m2[1])
		}
		if _, ok := res.Symbols["DMARC_POLICY_ALLOW"]; !ok && !strings.Contains(name, "dmarc-fail") {
			t.Errorf("milter, %s: DMARC did not pass in rspamd: %s", name, m2[1])
		}
	}
	alice, bob := "alice@example.test", "bob@example.test"
	workAlice := signed(runPostage(ctx, t, home, msg("sender@example.net", alice, "work for alice"), "stamp"))
	stakeBob := signed(runPostage(ctx, t, home, msg("sender@example.net", bob, "stake for bob"), "stamp", "--rcpt", bob, "--no-work"))
	deliver(smtp, bob, stakeBob, "stake-pass", `pass rcpt=bob@example.test stake=pass stake.value=[0-9]+wei deposit=[0-9a-f]{12}`, nil)
	deliver(smtp, alice, workAlice, "work-pass", `pass rcpt=alice@example.test work=20`, map[string]float64{"POSTAGE_WORK": -0.5})
	deliver(smtp, alice, workAlice, "retry", `pass rcpt=alice@example.test work=20`, map[string]float64{"POSTAGE_WORK": -0.5})
	deliver(smtp, alice, signed(msg("sender@example.net", alice, "again for alice", hashcash(workAlice))), "fail", `fail rcpt=alice@example.test work=double-spent`, map[string]float64{"POSTAGE_FAIL": 2})
	deliver(smtp, alice, signed(msg("sender@example.net", alice, "nothing for alice")), "none", `neutral rcpt=alice@example.test`, map[string]float64{"POSTAGE_NONE": 0})
	forged := signed(msg("sender@example.net", alice, "forged for alice",
		"Postage-Result: pass rcpt=alice@example.test stake=pass stake.value=1000000000000000000wei deposit=68e353276250"))
	deliver(smtp, alice, forged, "forged", `neutral rcpt=alice@example.test`, map[string]float64{"POSTAGE_NONE": 0})
	deliver(smtpNoChecks, alice, forged, "forged-no-header-checks", `neutral rcpt=alice@example.test`, map[string]float64{"POSTAGE_NONE": 0})
	phishBob := runPostage(ctx, t, home, msg("security@bank.example", bob, "phish for bob"), "stamp", "--rcpt", bob, "--no-work")
	deliver(smtp, bob, phishBob, "stake-pass-dmarc-fail", `pass rcpt=bob@example.test stake=pass stake.value=[0-9]+wei deposit=[0-9a-f]{12}`, map[string]float64{"POSTAGE_UNALIGNED": 0})
	deliver(smtpDown, bob, stakeBob, "temperror", `temperror rcpt=bob@example.test stake=chain-unavailable`, map[string]float64{"POSTAGE_TEMPERROR": 0})
	runPostage(ctx, t, home, stakeBob, "punish", "--now", "--rcpt", bob)
	// punish burned with its own account, in another process: serve's
	// milter sees the burn at its watcher's next poll, within 2 s
	// (docs/stake-stamp.md 6.2); burns through serve's own relay reach it
	// at once.
	time.Sleep(5 * time.Second)
	deliver(smtp, bob, stakeBob, "burned", `fail rcpt=bob@example.test stake=burned deposit=[0-9a-f]{12}`, map[string]float64{"POSTAGE_BURNED": 6})
	bobStamp := regexp.MustCompile(`(?m)^Postage-Stamp:.*(\n[ \t].*)*`).Find(phishBob)
	deliver(smtp, bob, signed(msg("sender@example.net", bob, "another for bob", string(bobStamp))), "reused", `fail rcpt=bob@example.test stake=reused deposit=[0-9a-f]{12}`, map[string]float64{"POSTAGE_REUSED": 5})
	// Two recipients in one transaction: the worst verdict decides.
	deliver(smtp, "alice@example.test,bob@example.test", signed(msg("sender@example.net", "alice@example.test, bob@example.test", "two for alice and bob")),
		"two-rcpts", `neutral rcpt=alice@example.test; neutral rcpt=bob@example.test`, map[string]float64{"POSTAGE_NONE": 0})
	n["bob"]++
	pf.waitMail(t, "bob", n["bob"])
}

// stakeDecades is how many times the stake symbols' score applies to the
// message's stake pass: once per decade of stake.value from 1e13 wei, at
// most 6 (contrib/rspamd/local.d/postage.conf).
func stakeDecades(t *testing.T, msg []byte) int {
	t.Helper()
	unfolded := regexp.MustCompile(`\n[ \t]+`).ReplaceAll(msg, []byte(" "))
	m := regexp.MustCompile(`stake=pass stake\.value=([1-9][0-9]*)wei`).FindSubmatch(unfolded)
	if m == nil {
		t.Fatalf("no stake pass with a value in:\n%s", msg)
	}
	return min(max(len(m[1])-13, 0), 6)
}

// stakeScores is what rspamd gives a stake pass: -1 per decade.
func stakeScores(t *testing.T, msg []byte) map[string]float64 {
	t.Helper()
	n := stakeDecades(t, msg)
	if n < 2 {
		t.Fatalf("a stake pass worth %d decades: the test expects the default stake (about 0.001 ETH)", n)
	}
	return map[string]float64{"POSTAGE_STAKE": -float64(n)}
}

// stakeRules is what SpamAssassin gives it: POSTAGE_STAKE and one
// POSTAGE_STAKE_<n> per further decade, -1 each.
func stakeRules(t *testing.T, msg []byte) map[string]float64 {
	t.Helper()
	m := map[string]float64{}
	for i := 1; i <= stakeDecades(t, msg); i++ {
		name := "POSTAGE_STAKE"
		if i > 1 {
			name += fmt.Sprintf("_%d", i)
		}
		m[name] = -1
	}
	return m
}

// saSite is a SpamAssassin site configuration: the system's plugins, the
// contrib rules, the test's DNS server.
func saSite(t *testing.T, dns string) string {
	t.Helper()
	dir := t.TempDir()
	pres, _ := filepath.Glob("/etc/spamassassin/*.pre")
	if len(pres) == 0 {
		t.Fatal("no /etc/spamassassin/*.pre: install spamassassin (apt-get install -y spamassassin; .ci/setup does)")
	}
	files := append(pres, filepath.Join("..", "..", "contrib", "spamassassin", "postage.cf"))
	for _, p := range files {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, filepath.Base(p)), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	local := "dns_server " + dns + "\ndns_available yes\nskip_rbl_checks 1\nuse_bayes 0\ntrusted_networks 10.255.255.254\nreport_safe 0\n" + contribtest.SpamAssassinStatus
	if err := os.WriteFile(filepath.Join(dir, "local.cf"), []byte(local), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

func postageScores(syms map[string]contribtest.Symbol) map[string]float64 {
	m := map[string]float64{}
	for k, s := range syms {
		if strings.HasPrefix(k, "POSTAGE_") {
			m[k] = s.Score
		}
	}
	return m
}

func postageHits(hits map[string]float64) map[string]float64 {
	m := map[string]float64{}
	for k, s := range hits {
		if strings.HasPrefix(k, "POSTAGE_") {
			m[k] = s
		}
	}
	return m
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

func fmtScores(m map[string]float64) string {
	var s []string
	for k, v := range m {
		s = append(s, fmt.Sprintf("%s=%g", k, v))
	}
	sort.Strings(s)
	return "{" + strings.Join(s, " ") + "}"
}

// --print-postfix-config notices rspamd's milter on its default port when
// milter.after does not name it.
func TestPrintPostfixConfigDetectsRspamd(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	home := t.TempDir()
	l, err := net.Listen("tcp", milter.RspamdAddr)
	if err != nil {
		// Something (the system's rspamd) listens there already: it is
		// what the hint is for, and it answers too.
		t.Logf("%s in use already: %v", milter.RspamdAddr, err)
	} else {
		go func() {
			for {
				c, err := l.Accept()
				if err != nil {
					return
				}
				c.Close()
			}
		}()
	}
	out := string(runPostage(ctx, t, home, nil, "serve", "--print-postfix-config"))
	if !strings.Contains(out, `set milter.after = ["inet:127.0.0.1:11332"]`) {
		t.Errorf("no hint about rspamd's milter:\n%s", out)
	}
	if !strings.Contains(out, "default_action=accept }, inet:127.0.0.1:11332\n") {
		t.Errorf("rspamd's detected milter is not listed after postage's:\n%s", out)
	}
	if l != nil {
		// Nothing there: no hint.
		l.Close()
		if out := string(runPostage(ctx, t, home, nil, "serve", "--print-postfix-config")); strings.Contains(out, "rspamd's milter answers") {
			t.Errorf("a hint with nothing on %s:\n%s", milter.RspamdAddr, out)
		}
	}
	writeConfig(t, home, "postage.toml", "[milter]\nafter = [\"inet:127.0.0.1:11332\"]\n")
	out = string(runPostage(ctx, t, home, nil, "serve", "--print-postfix-config"))
	if strings.Contains(out, "set milter.after") || !strings.Contains(out, "default_action=accept }, inet:127.0.0.1:11332\n") {
		t.Errorf("with milter.after set:\n%s", out)
	}
}
