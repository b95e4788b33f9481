// Package contribtest runs the spam filters the contrib/ configuration is
// for, for tests: Debian's rspamd (normal worker and milter proxy) on
// loopback with its own configuration directory, SpamAssassin with a site
// configuration directory, Pigeonhole's sieve-test; and signs test
// messages with DKIM. A missing component fails the test with how to
// install it: the filters are never mocked.
package contribtest

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
)

// Need fails t unless every binary is installed, saying how to get it.
func Need(t testing.TB, pkg string, bins ...string) {
	t.Helper()
	for _, b := range bins {
		if _, err := exec.LookPath(b); err != nil {
			t.Fatalf("%s is not installed; install it with:\n  DEBIAN_FRONTEND=noninteractive apt-get install -y %s\n(.ci/setup does)", b, pkg)
		}
	}
}

// Rspamd is an rspamd of the test's own.
type Rspamd struct {
	Normal string // host:port of the normal worker (rspamc's)
	Milter string // host:port of the proxy worker in milter mode
	dir    string
}

// RspamdOptions configures StartRspamd.
type RspamdOptions struct {
	// Contrib is the contrib/rspamd directory: its plugins.d, local.d and
	// rspamd.conf.local are installed as an admin would.
	Contrib string
	// DNS is the host:port of the DNS server rspamd asks (a loopback
	// test server: SPF, DKIM and DMARC records).
	DNS string
	// LocalD holds extra local.d files of the test, by name.
	LocalD map[string]string
}

func freePort(t testing.TB) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

func copyTree(t testing.TB, from, to string) {
	t.Helper()
	err := filepath.Walk(from, func(p string, fi os.FileInfo, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(from, p)
		dst := filepath.Join(to, rel)
		if fi.IsDir() {
			return os.MkdirAll(dst, 0o755)
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(dst, b, 0o644)
	})
	if err != nil {
		t.Fatalf("install %s: %v", from, err)
	}
}

// StartRspamd runs Debian's rspamd in the foreground with the stock
// configuration (/etc/rspamd) and a LOCAL_CONFDIR of the test's own that
// holds the contrib files, its own database, run and log directories,
// loopback sockets, the given DNS server and no Redis. It is stopped when
// the test ends.
func StartRspamd(t testing.TB, o RspamdOptions) *Rspamd {
	t.Helper()
	Need(t, "rspamd", "rspamd", "rspamc")
	dir, err := os.MkdirTemp("", "postage-rspamd-")
	if err != nil {
		t.Fatal(err)
	}
	if os.Getenv("CONTRIBTEST_KEEP") == "" {
		t.Cleanup(func() { os.RemoveAll(dir) })
	}
	local := filepath.Join(dir, "etc")
	copyTree(t, o.Contrib, local)
	for _, d := range []string{"db", "run", "log", filepath.Join("etc", "local.d"), filepath.Join("etc", "override.d")} {
		if err := os.MkdirAll(filepath.Join(dir, d), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	r := &Rspamd{Normal: fmt.Sprintf("127.0.0.1:%d", freePort(t)), Milter: fmt.Sprintf("127.0.0.1:%d", freePort(t)), dir: dir}
	// rspamd compiles its TLD list and regular expressions with
	// hyperscan, the first time for a minute: the compiled databases are
	// kept between runs.
	hsCache := filepath.Join(os.TempDir(), "postage-rspamd-hs-cache")
	if c, err := os.UserCacheDir(); err == nil {
		hsCache = filepath.Join(c, "postage-test", "rspamd-hs")
	}
	if err := os.MkdirAll(hsCache, 0o755); err != nil {
		t.Fatal(err)
	}
	files := map[string]string{
		// The loopback DNS server; no local_addrs and check_local, so
		// that the test's clients (Postfix on 127.0.0.1 too) are checked
		// against SPF, DKIM and DMARC like any client.
		"options.inc": fmt.Sprintf("dns { nameserver = [%q]; timeout = 1s; retransmits = 1; }\nlocal_addrs = [];\ncheck_local = true;\ncheck_authed = true;\nhs_cache_dir = %q;\n", o.DNS, hsCache),
		// Nothing leaves the machine.
		"fuzzy_check.conf": "enabled = false;\n",
		"redis.conf":       "",
		// Let the milter tell the test what rspamd decided.
		"milter_headers.conf": "extended_spam_headers = true;\nskip_local = false;\nskip_authenticated = false;\n",
	}
	for name, body := range o.LocalD {
		files[name] += body
	}
	for name, body := range files {
		p := filepath.Join(local, "local.d", name)
		old, _ := os.ReadFile(p)
		if err := os.WriteFile(p, append(old, body...), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	conf := fmt.Sprintf(`.include "$CONFDIR/common.conf"
options {
  pidfile = "$RUNDIR/rspamd.pid";
  .include "$CONFDIR/options.inc"
  .include(try=true; priority=1,duplicate=merge) "$LOCAL_CONFDIR/local.d/options.inc"
}
logging {
  type = "file";
  filename = "$LOGDIR/rspamd.log";
  level = "info";
}
worker "normal" {
  bind_socket = %q;
  .include "$CONFDIR/worker-normal.inc"
  count = 1;
}
worker "rspamd_proxy" {
  bind_socket = %q;
  milter = yes;
  timeout = 120s;
  upstream "local" {
    default = yes;
    self_scan = no;
    hosts = %q;
  }
  count = 1;
  max_retries = 5;
  discard_on_reject = false;
  quarantine_on_reject = false;
  spam_header = "X-Spam";
  reject_message = "Spam message rejected";
}
`, r.Normal, r.Milter, r.Normal)
	top := filepath.Join(dir, "rspamd.conf")
	if err := os.WriteFile(top, []byte(conf), 0o644); err != nil {
		t.Fatal(err)
	}
	args := []string{"-f", "-c", top,
		"--var=LOCAL_CONFDIR=" + local,
		"--var=DBDIR=" + filepath.Join(dir, "db"),
		"--var=RUNDIR=" + filepath.Join(dir, "run"),
		"--var=LOGDIR=" + filepath.Join(dir, "log"),
	}
	if os.Geteuid() == 0 {
		// rspamd refuses to run its workers as root; its Debian user
		// gets the directories.
		if out, err := exec.Command("chown", "-R", "_rspamd:_rspamd", dir, hsCache).CombinedOutput(); err != nil {
			t.Fatalf("chown %s: %v %s", dir, err, out)
		}
		if err := os.Chmod(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		args = append(args, "-u", "_rspamd", "-g", "_rspamd")
	}
	if out, err := exec.Command("rspamadm", "--var=LOCAL_CONFDIR="+local, "--var=DBDIR="+filepath.Join(dir, "db"),
		"configtest", "-c", top).CombinedOutput(); err != nil {
		t.Fatalf("rspamadm configtest: %v\n%s", err, out)
	}
	cmd := exec.Command("rspamd", args...)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		t.Fatalf("start rspamd: %v", err)
	}
	done := make(chan struct{})
	go func() { cmd.Wait(); close(done) }()
	t.Cleanup(func() {
		cmd.Process.Signal(os.Interrupt)
		select {
		case <-done:
		case <-time.After(20 * time.Second):
			cmd.Process.Kill()
			<-done
		}
		if t.Failed() {
			t.Logf("rspamd output:\n%s\nrspamd.log:\n%s", out.String(), r.Log())
		}
	})
	deadline := time.Now().Add(4 * time.Minute)
	for _, addr := range []string{r.Normal, r.Milter} {
		for {
			c, err := net.DialTimeout("tcp", addr, time.Second)
			if err == nil {
				c.Close()
				break
			}
			select {
			case <-done:
				t.Fatalf("rspamd exited before listening on %s:\n%s\n%s", addr, out.String(), r.Log())
			default:
			}
			if time.Now().After(deadline) {
				t.Fatalf("rspamd not listening on %s after 4 minutes:\n%s\n%s", addr, out.String(), r.Log())
			}
			time.Sleep(100 * time.Millisecond)
		}
	}
	return r
}

// Log is rspamd's log so far.
func (r *Rspamd) Log() string {
	b, _ := os.ReadFile(filepath.Join(r.dir, "log", "rspamd.log"))
	return string(b)
}

// Symbol is one rspamd symbol of a result.
type Symbol struct {
	Score   float64  `json:"score"`
	Options []string `json:"options"`
}

// Result is what rspamd said about a message.
type Result struct {
	Score   float64           `json:"score"`
	Action  string            `json:"action"`
	Symbols map[string]Symbol `json:"symbols"`
}

// Postage returns the POSTAGE_* symbols, name -> score.
func (res Result) Postage() map[string]float64 {
	m := map[string]float64{}
	for name, s := range res.Symbols {
		if strings.HasPrefix(name, "POSTAGE_") {
			m[name] = s.Score
		}
	}
	return m
}

// Envelope is the SMTP side of a message given to rspamc.
type Envelope struct {
	IP, Helo, From string
	Rcpts          []string
}

// Check runs rspamc over msg and returns rspamd's result.
func (r *Rspamd) Check(t testing.TB, msg []byte, env Envelope) Result {
	t.Helper()
	args := []string{"-h", r.Normal, "-j", "-t", "30"}
	if env.IP != "" {
		args = append(args, "--ip", env.IP)
	}
	if env.Helo != "" {
		args = append(args, "--helo", env.Helo)
	}
	if env.From != "" {
		args = append(args, "--from", env.From)
	}
	for _, rc := range env.Rcpts {
		args = append(args, "--rcpt", rc)
	}
	args = append(args, "symbols")
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, "rspamc", args...)
	cmd.Stdin = bytes.NewReader(msg)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("rspamc: %v\n%s%s", err, out, stderr.String())
	}
	var res Result
	if err := json.Unmarshal(out, &res); err != nil {
		t.Fatalf("rspamc's output: %v\n%s", err, out)
	}
	if res.Symbols == nil {
		t.Fatalf("rspamc gave no symbols:\n%s", out)
	}
	return res
}

var spamdSymbol = regexp.MustCompile(`([A-Z][A-Z0-9_]+)\((-?[0-9.]+)\)`)

// ParseSpamdResult reads an X-Spamd-Result header value (what rspamd's
// milter adds with extended_spam_headers) into a Result.
func ParseSpamdResult(value string) (Result, error) {
	res := Result{Symbols: map[string]Symbol{}}
	m := regexp.MustCompile(`\[(-?[0-9.]+) / `).FindStringSubmatch(value)
	if m == nil {
		return res, fmt.Errorf("no score in X-Spamd-Result %q", value)
	}
	res.Score, _ = strconv.ParseFloat(m[1], 64)
	for _, s := range spamdSymbol.FindAllStringSubmatch(value, -1) {
		f, _ := strconv.ParseFloat(s[2], 64)
		res.Symbols[s[1]] = Symbol{Score: f}
	}
	return res, nil
}
