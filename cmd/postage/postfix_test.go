package main

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// The real thing, end to end: Debian's Postfix on loopback with the main.cf
// lines `postage serve --print-postfix-config` prints, postage serve (its
// embedded chain, milter and metrics) behind it, swaks as the sending MTA,
// and the delivered mailboxes read back. A second listener has a rejecting
// `postage milter` (milter_default_action=tempfail), a third a sending one
// followed by serve's.
//
// The Postfix is a separate instance (its own configuration, queue and
// ports under the test's temporary directory) so the machine's own Postfix
// and port 25 are left alone; it runs without chroot and delivers with
// virtual(8) into mbox files. It needs root, as Postfix does.
func TestPostfix(t *testing.T) {
	needPostfix(t)
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	home := filepath.Join(t.TempDir(), "home")
	milterAddr, rejectAddr, metricsAddr, relayAddr := loopback(freePort(t)), loopback(freePort(t)), loopback(freePort(t)), loopback(freePort(t))
	writeConfig(t, home, "postage.toml", fmt.Sprintf(`[milter]
listen = "inet:%s"
[metrics]
listen = %q
[relay]
listen = %q
`, milterAddr, metricsAddr, relayAddr))

	serve := startDaemon(t, home, "serve", "--chain-addr", "127.0.0.1:0")
	serve.waitListening(milterAddr, 3*time.Minute)
	// serve runs the burn relay too.
	serve.waitListening(relayAddr, time.Minute)
	if resp, err := http.Get("http://" + relayAddr + "/v1/health"); err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("serve's relay health: %v %v", resp, err)
	} else {
		resp.Body.Close()
	}

	// Each milter process shares its spent store from its data directory
	// (one per directory), so the two other milters get directories of
	// their own and follow serve's embedded chain over JSON-RPC.
	chainInfo := regexp.MustCompile(`msg="embedded chain running" rpc=(\S+) .*contract=(0x[0-9a-fA-F]+)`).FindStringSubmatch(serve.out.String())
	if chainInfo == nil {
		t.Fatalf("no chain address in serve's log:\n%s", serve.out.String())
	}
	chainCfg := fmt.Sprintf("[chain]\nrpc = %q\ncontract = %q\n", chainInfo[1], chainInfo[2])

	// A second milter, rejecting, for a second smtpd listener, with its
	// own spent store.
	rejectHome := filepath.Join(t.TempDir(), "reject")
	writeConfig(t, rejectHome, "postage.toml", chainCfg+fmt.Sprintf(`[milter]
listen = "inet:%s"
action = "reject"
[metrics]
listen = ""
`, rejectAddr))
	rejecter := startDaemon(t, rejectHome, "milter")
	rejecter.waitListening(rejectAddr, time.Minute)

	// A sending milter, for a submission-like listener.
	sendAddr := loopback(freePort(t))
	sendHome := filepath.Join(t.TempDir(), "send")
	writeConfig(t, sendHome, "postage.toml", chainCfg+fmt.Sprintf(`[milter]
listen = "inet:%s"
mode = "send"
[metrics]
listen = ""
`, sendAddr))
	sender := startDaemon(t, sendHome, "milter")
	sender.waitListening(sendAddr, time.Minute)

	printed := runPostage(ctx, t, home, nil, "serve", "--print-postfix-config")
	var mainLines []string
	for _, l := range strings.Split(string(printed), "\n") {
		if l = strings.TrimSpace(l); l != "" && !strings.HasPrefix(l, "#") {
			mainLines = append(mainLines, l)
		}
	}
	if len(mainLines) != 2 || !strings.Contains(mainLines[0], "inet:"+milterAddr) {
		t.Fatalf("printed Postfix config:\n%s", printed)
	}
	smtp, smtpReject, smtpSubmit := freePort(t), freePort(t), freePort(t)
	pf := startPostfix(t, mainLines, []string{
		fmt.Sprintf("127.0.0.1:%d inet n - n - - smtpd", smtp),
		fmt.Sprintf("127.0.0.1:%d inet n - n - - smtpd -o smtpd_milters=inet:%s -o milter_default_action=tempfail", smtpReject, rejectAddr),
		// Submission: stamp, then check (the second milter sees the
		// first one's headers).
		fmt.Sprintf("127.0.0.1:%d inet n - n - - smtpd -o smtpd_milters=inet:%s,inet:%s", smtpSubmit, sendAddr, milterAddr),
	})

	msg := func(to string, extra ...string) []byte {
		return []byte("From: Sender <sender@example.net>\nTo: " + to + "\n" + strings.Join(append(extra, ""), "\n") + "Subject: lunch?\n\nShall we?\n")
	}
	workMsg := runPostage(ctx, t, home, msg("alice@example.test"), "stamp")
	stakeMsg := runPostage(ctx, t, home, msg("bob@example.test"), "stamp", "--rcpt", "bob@example.test", "--no-work")
	if !strings.Contains(string(stakeMsg), "Postage-Stamp: ") || strings.Contains(string(stakeMsg), "X-Hashcash") {
		t.Fatalf("stake-only copy:\n%s", stakeMsg)
	}
	nonce := regexp.MustCompile(`nonce=([A-Za-z0-9_-]+)`).FindSubmatch(stakeMsg)

	// Work stamp: pass.
	pf.send(t, smtp, "alice@example.test", workMsg, "250 ")
	got := pf.waitMail(t, "alice", 1)
	wantHeader(t, got, "Postage-Result: pass rcpt=alice@example.test work=20")

	// Stake stamp (a deposit on serve's embedded chain): pass.
	pf.send(t, smtp, "bob@example.test", stakeMsg, "250 ")
	got = pf.waitMail(t, "bob", 1)
	wantHeader(t, got, `Postage-Result: pass rcpt=bob@example.test stake=pass stake.value=1000000000000000wei deposit=[0-9a-f]{12}`)

	// No postage: neutral.
	pf.send(t, smtp, "alice@example.test", msg("alice@example.test"), "250 ")
	got = pf.waitMail(t, "alice", 2)
	wantHeader(t, got, "Postage-Result: neutral rcpt=alice@example.test")

	// A forged verdict is removed; the real one says neutral.
	pf.send(t, smtp, "alice@example.test", msg("alice@example.test", "Postage-Result: pass rcpt=alice@example.test work=99", "postage-result: pass"), "250 ")
	got = pf.waitMail(t, "alice", 3)
	wantHeader(t, got, "Postage-Result: neutral rcpt=alice@example.test")
	if n := strings.Count(strings.ToLower(got), "postage-result:"); n != 1 {
		t.Errorf("%d Postage-Result fields delivered, want 1:\n%s", n, got)
	}

	// The same message again (a retry, a second MX): its stamp was spent
	// for it, so it passes again.
	pf.send(t, smtp, "alice@example.test", workMsg, "250 ")
	got = pf.waitMail(t, "alice", 4)
	wantHeader(t, got, "Postage-Result: pass rcpt=alice@example.test work=20")

	// Double spent: the stamp in another message (another body).
	replay := bytes.Replace(workMsg, []byte("Shall we?"), []byte("Or dinner?"), 1)
	pf.send(t, smtp, "alice@example.test", replay, "250 ")
	got = pf.waitMail(t, "alice", 5)
	wantHeader(t, got, "Postage-Result: fail rcpt=alice@example.test work=double-spent")

	// The rejecting listener: good postage passes (its store has not seen
	// the stamp), then the replay and no postage get 550 5.7.1 with the
	// reason, and nothing more is delivered.
	pf.send(t, smtpReject, "alice@example.test", workMsg, "250 ")
	pf.waitMail(t, "alice", 6)
	pf.send(t, smtpReject, "alice@example.test", replay, "550 5.7.1 postage refused: fail rcpt=alice@example.test work=double-spent")
	pf.send(t, smtpReject, "alice@example.test", msg("alice@example.test"), "550 5.7.1 postage refused: neutral rcpt=alice@example.test")

	// Sending mode: work stamps for To and Cc added on submission, and
	// checked by the receiving milter after it.
	pf.send(t, smtpSubmit, "alice@example.test,bob@example.test", msg("alice@example.test", "Cc: bob@example.test"), "250 ")
	got = pf.waitMail(t, "bob", 2)
	wantHeader(t, got, `X-Hashcash: 1:20:\d{6}:alice@example.test::.*`)
	wantHeader(t, got, `X-Hashcash: 1:20:\d{6}:bob@example.test::.*`)
	wantHeader(t, got, "Postage-Result: pass rcpt=alice@example.test work=20; pass rcpt=bob@example.test work=20")
	pf.waitMail(t, "alice", 7)

	// Metrics saw the verdicts.
	metrics := httpGet(ctx, t, "http://"+metricsAddr+"/metrics")
	for _, want := range []string{`postage_verdicts_total{result="pass"} 5`, `postage_verdicts_total{result="neutral"} 2`, `postage_verdicts_total{result="fail"} 1`, "postage_chain_connected 1"} {
		if !strings.Contains(metrics, want+"\n") {
			t.Errorf("metrics lack %q", want)
		}
	}

	// A local submission (sendmail(1) -> pickup) is this host's own mail:
	// not checked (the printed config leaves postage out of
	// non_smtpd_milters), delivered with no Postage-Result (a forged one
	// removed), and its work stamp is not spent: over SMTP the same
	// message passes.
	localMsg := runPostage(ctx, t, home, msg("alice@example.test", "Message-ID: <local-submission@example.net>"), "stamp")
	forged := append([]byte("Postage-Result: pass rcpt=alice@example.test work=99\n"), localMsg...)
	sm := exec.CommandContext(ctx, "/usr/sbin/sendmail", "-C", filepath.Join(pf.dir, "conf"), "-f", "sender@example.net", "--", "alice@example.test")
	sm.Stdin = bytes.NewReader(forged)
	if out, err := sm.CombinedOutput(); err != nil {
		t.Fatalf("sendmail (pickup): %v\n%s", err, out)
	}
	got = pf.waitMail(t, "alice", 8)
	if !strings.Contains(got, "local-submission@example.net") || strings.Contains(strings.ToLower(got), "postage-result") {
		t.Fatalf("a local submission was delivered with a Postage-Result (or is not the last message):\n%s", got)
	}
	pf.send(t, smtp, "alice@example.test", localMsg, "250 ")
	got = pf.waitMail(t, "alice", 9)
	wantHeader(t, got, "Postage-Result: pass rcpt=alice@example.test work=20")

	// The milters stopped. The rejecting listener's default action is
	// tempfail: 451, try later. serve's is accept (fail open): delivered
	// unchecked, the forged verdict still removed by header_checks.
	if code := rejecter.stop(); code != exitOK {
		t.Errorf("postage milter exited %d after SIGTERM", code)
	}
	pf.send(t, smtpReject, "alice@example.test", msg("alice@example.test"), "451 4.")
	if code := serve.stop(); code != exitOK {
		t.Errorf("postage serve exited %d after SIGTERM", code)
	}
	pf.send(t, smtp, "alice@example.test", msg("alice@example.test", "Postage-Result: pass forged"), "250 ")
	got = pf.waitMail(t, "alice", 10)
	if strings.Contains(strings.ToLower(got), "postage-result") {
		t.Errorf("with the milter stopped, a Postage-Result was delivered:\n%s", got)
	}

	logs := serve.out.String()
	if n := strings.Count(logs, "msg=message "); n != 8 {
		t.Errorf("serve logged %d messages, want 8:\n%s", n, logs)
	}
	if !strings.Contains(sender.out.String(), "mode=send") || !strings.Contains(sender.out.String(), "stamped=2") {
		t.Errorf("the sending milter's log:\n%s", sender.out.String())
	}
	if nonce == nil || strings.Contains(logs, string(nonce[1])) || strings.Contains(rejecter.out.String(), string(nonce[1])) {
		t.Errorf("a stake stamp's nonce reached the log (or the stamp had none)")
	}
}

func needPostfix(t *testing.T) {
	t.Helper()
	for _, bin := range []string{"postfix", "postconf", "swaks"} {
		if _, err := exec.LookPath(bin); err != nil {
			t.Fatalf("%s is not installed; install Postfix and swaks with:\n"+
				"  echo 'postfix postfix/main_mailer_type select Local only' | debconf-set-selections\n"+
				"  DEBIAN_FRONTEND=noninteractive apt-get install -y postfix swaks\n(.ci/setup does)", bin)
		}
	}
	if os.Geteuid() != 0 {
		t.Fatal("the Postfix test runs Postfix, which needs root (CI runs as root)")
	}
}

// postfixInstance is a Postfix of the test's own.
type postfixInstance struct {
	dir string
}

// startPostfix writes a configuration in a temporary directory: a base
// main.cf (loopback, no local delivery, virtual mailboxes for alice and
// bob of example.test in mbox files) plus mainLines, and a master.cf with
// the given smtpd services and the internal ones; then starts it and stops
// it when the test ends.
func startPostfix(t *testing.T, mainLines, smtpd []string) *postfixInstance {
	t.Helper()
	// Postfix refuses a queue directory its user cannot reach.
	dir, err := os.MkdirTemp("", "postage-postfix-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	for _, d := range []string{"conf", "queue", "data", "mail"} {
		if err := os.MkdirAll(filepath.Join(dir, d), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Chmod(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	run := func(args ...string) {
		t.Helper()
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		defer cancel()
		if out, err := exec.CommandContext(ctx, args[0], args[1:]...).CombinedOutput(); err != nil {
			log, _ := os.ReadFile(filepath.Join(dir, "postfix.log"))
			t.Fatalf("%s: %v\n%s\npostfix.log:\n%s", strings.Join(args, " "), err, out, log)
		}
	}
	run("chown", "postfix", filepath.Join(dir, "data"))
	run("chown", "65534:65534", filepath.Join(dir, "mail"))
	main := []string{
		"compatibility_level = 3.6",
		"queue_directory = " + filepath.Join(dir, "queue"),
		"data_directory = " + filepath.Join(dir, "data"),
		"maillog_file = " + filepath.Join(dir, "postfix.log"),
		"maillog_file_prefixes = " + dir,
		"myhostname = mx.example.test",
		"mydomain = example.test",
		"myorigin = $myhostname",
		"mydestination =",
		"inet_interfaces = loopback-only",
		"inet_protocols = ipv4",
		"mynetworks = 127.0.0.0/8",
		"alias_maps =",
		"alias_database =",
		"local_transport = error:local delivery is off",
		"default_transport = error:no mail leaves this test",
		"virtual_mailbox_domains = example.test",
		"virtual_mailbox_base = " + filepath.Join(dir, "mail"),
		"virtual_mailbox_maps = inline:{ alice@example.test=alice, bob@example.test=bob }",
		"virtual_uid_maps = static:65534",
		"virtual_gid_maps = static:65534",
		"biff = no",
	}
	main = append(main, mainLines...)
	master := append(smtpd, []string{
		"cleanup unix n - n - 0 cleanup",
		"qmgr unix n - n 300 1 qmgr",
		"rewrite unix - - n - - trivial-rewrite",
		"bounce unix - - n - 0 bounce",
		"defer unix - - n - 0 bounce",
		"trace unix - - n - 0 bounce",
		"verify unix - - n - 1 verify",
		"proxymap unix - - n - - proxymap",
		"error unix - - n - - error",
		"retry unix - - n - - error",
		"discard unix - - n - - discard",
		"virtual unix - n n - - virtual",
		"anvil unix - - n - 1 anvil",
		"scache unix - - n - 1 scache",
		"postlog unix-dgram n - n - 1 postlogd",
		"showq unix n - n - - showq",
		"flush unix n - n 1000? 0 flush",
		"pickup unix n - n 60 1 pickup",
	}...)
	conf := filepath.Join(dir, "conf")
	if err := os.WriteFile(filepath.Join(conf, "main.cf"), []byte(strings.Join(main, "\n")+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(conf, "master.cf"), []byte(strings.Join(master, "\n")+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	run("postfix", "-c", conf, "check")
	run("postfix", "-c", conf, "start")
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		defer cancel()
		exec.CommandContext(ctx, "postfix", "-c", conf, "stop").Run()
		if t.Failed() {
			log, _ := os.ReadFile(filepath.Join(dir, "postfix.log"))
			t.Logf("postfix.log:\n%s", log)
		}
	})
	return &postfixInstance{dir: dir}
}

// send delivers msg over SMTP with swaks and checks the server's last
// reply to DATA (or earlier refusal) starts with want.
func (p *postfixInstance) send(t *testing.T, port int, rcpt string, msg []byte, want string) {
	t.Helper()
	f := filepath.Join(p.dir, "outgoing.eml")
	if err := os.WriteFile(f, msg, 0o644); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	out, _ := exec.CommandContext(ctx, "swaks", "--server", "127.0.0.1", "--port", fmt.Sprint(port),
		"--from", "sender@example.net", "--to", rcpt, "--data", "@"+f, "--timeout", "50").CombinedOutput()
	// The reply that decided: the first non-2xx, else the reply to DATA's end.
	decided := ""
	sc := bufio.NewScanner(strings.NewReader(string(out)))
	for sc.Scan() {
		l := sc.Text()
		if strings.HasPrefix(l, "<** ") {
			decided = l[4:]
			break
		}
		if strings.HasPrefix(l, "<-  250 ") && strings.Contains(l, "queued as") {
			decided = l[4:]
		}
	}
	if !strings.HasPrefix(decided, want) {
		t.Fatalf("SMTP to port %d for %s: got %q, want %q\nswaks:\n%s", port, rcpt, decided, want, out)
	}
}

// waitMail waits (bounded) until user's mbox holds n messages and returns
// the last.
func (p *postfixInstance) waitMail(t *testing.T, user string, n int) string {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for {
		b, _ := os.ReadFile(filepath.Join(p.dir, "mail", user))
		msgs := regexp.MustCompile(`(?m)^From `).FindAllIndex(b, -1)
		if len(msgs) == n {
			return string(b[msgs[n-1][0]:])
		}
		if len(msgs) > n {
			t.Fatalf("%s has %d messages, want %d:\n%s", user, len(msgs), n, b)
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s has %d messages after 30s, want %d", user, len(msgs), n)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// wantHeader checks the message has a header line matching re.
func wantHeader(t *testing.T, msg, re string) {
	t.Helper()
	head, _, _ := strings.Cut(msg, "\n\n")
	if !regexp.MustCompile(`(?m)^` + re + `$`).MatchString(head) {
		t.Errorf("no header line matching %q in:\n%s", re, head)
	}
}

func httpGet(ctx context.Context, t *testing.T, url string) string {
	t.Helper()
	req, _ := http.NewRequestWithContext(ctx, "GET", url, nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
