package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/rogpeppe/go-internal/testscript"
)

// The Postfix flow's commands (testdata/postfix.txtar): a Postfix of the
// script's own (startPostfix), swaks sending to it, its mailboxes read.
var scriptPostfix scriptState[*postfixInstance]

// cmdStartPostfix is `startpostfix MAINFILE SERVICE...`: Postfix with the
// main.cf lines of MAINFILE that are not comments (what `postage serve
// --print-postfix-config` printed) and the master.cf smtpd SERVICE lines,
// for the rest of the script; $POSTFIX is its directory. It needs root
// and Postfix (the command fails saying how to install it).
func cmdStartPostfix(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) < 2 {
		ts.Fatalf("usage: startpostfix MAINFILE SERVICE...")
	}
	for _, bin := range []string{"postfix", "postconf", "swaks"} {
		if _, err := exec.LookPath(bin); err != nil {
			ts.Fatalf("%s is not installed; install Postfix and swaks with:\n"+
				"  echo 'postfix postfix/main_mailer_type select Local only' | debconf-set-selections\n"+
				"  DEBIAN_FRONTEND=noninteractive apt-get install -y postfix swaks\n(.ci/setup does)", bin)
		}
	}
	if os.Geteuid() != 0 {
		ts.Fatalf("the Postfix flow runs Postfix, which needs root (CI runs as root)")
	}
	var mainLines []string
	for _, l := range strings.Split(ts.ReadFile(args[0]), "\n") {
		if l = strings.TrimSpace(l); l != "" && !strings.HasPrefix(l, "#") {
			mainLines = append(mainLines, l)
		}
	}
	p := startPostfix(scriptTB{ts: ts}, mainLines, args[1:])
	scriptPostfix.set(ts, p)
	ts.Setenv("POSTFIX", p.dir)
}

func scriptPostfixOf(ts *testscript.TestScript) *postfixInstance {
	return scriptPostfix.get(ts, "no startpostfix in this script")
}

// cmdSMTPSend is `smtpsend PORT RCPTS FILE WANT`: swaks delivers FILE to
// the script's Postfix on PORT for RCPTS (comma-separated); the reply that
// decided (the first refusal, else the reply to the end of DATA) must
// start with WANT.
func cmdSMTPSend(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 4 {
		ts.Fatalf("usage: smtpsend PORT RCPTS FILE WANT")
	}
	scriptPostfixOf(ts)
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	out, _ := exec.CommandContext(ctx, "swaks", "--server", "127.0.0.1", "--port", args[0],
		"--from", "sender@example.net", "--to", args[1], "--data", "@"+ts.MkAbs(args[2]), "--timeout", "50").CombinedOutput()
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
	if !strings.HasPrefix(decided, args[3]) {
		ts.Fatalf("SMTP to port %s for %s: got %q, want %q\nswaks:\n%s", args[0], args[1], decided, args[3], out)
	}
}

var mboxFrom = regexp.MustCompile(`(?m)^From `)

// cmdWaitMail is `waitmail USER N`: wait (at most 30s) until USER's mbox
// holds N messages (more fails); the last one's header is on stdout, its
// body on stderr.
func cmdWaitMail(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 2 {
		ts.Fatalf("usage: waitmail USER N")
	}
	p := scriptPostfixOf(ts)
	n, err := strconv.Atoi(args[1])
	ts.Check(err)
	deadline := time.Now().Add(30 * time.Second)
	for {
		b, _ := os.ReadFile(filepath.Join(p.dir, "mail", args[0]))
		msgs := mboxFrom.FindAllIndex(b, -1)
		if len(msgs) == n {
			head, body, _ := strings.Cut(string(b[msgs[n-1][0]:]), "\n\n")
			fmt.Fprintln(ts.Stdout(), head)
			fmt.Fprint(ts.Stderr(), body)
			return
		}
		if len(msgs) > n {
			ts.Fatalf("%s has %d messages, want %d:\n%s", args[0], len(msgs), n, b)
		}
		if time.Now().After(deadline) {
			ts.Fatalf("%s has %d messages after 30s, want %d", args[0], len(msgs), n)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// cmdWaitListen is `waitlisten ADDR [SECONDS]`: wait until something
// accepts TCP connections on ADDR (default at most 3 minutes).
func cmdWaitListen(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) < 1 || len(args) > 2 {
		ts.Fatalf("usage: waitlisten ADDR [SECONDS]")
	}
	within := 3 * time.Minute
	if len(args) == 2 {
		s, err := strconv.Atoi(args[1])
		ts.Check(err)
		within = time.Duration(s) * time.Second
	}
	deadline := time.Now().Add(within)
	for {
		c, err := net.DialTimeout("tcp", args[0], time.Second)
		if err == nil {
			c.Close()
			return
		}
		if time.Now().After(deadline) {
			ts.Fatalf("nothing listens on %s after %s", args[0], within)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// cmdHTTPGet is `httpget URL`: the body of a 200 answer is on stdout.
func cmdHTTPGet(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 1 {
		ts.Fatalf("usage: httpget URL")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, "GET", args[0], nil)
	ts.Check(err)
	resp, err := http.DefaultClient.Do(req)
	ts.Check(err)
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	ts.Check(err)
	if resp.StatusCode != http.StatusOK {
		ts.Fatalf("GET %s: %s\n%s", args[0], resp.Status, b)
	}
	ts.Stdout().Write(b)
}
