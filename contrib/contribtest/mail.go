package contribtest

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/base64"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/emersion/go-msgauth/dkim"
)

// DKIMKey signs messages for one domain and selector.
type DKIMKey struct {
	Domain, Selector string
	key              *rsa.PrivateKey
}

// NewDKIMKey makes a 2048-bit RSA key.
func NewDKIMKey(t testing.TB, domain, selector string) *DKIMKey {
	t.Helper()
	k, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	return &DKIMKey{Domain: domain, Selector: selector, key: k}
}

// RecordName is where the public key is published.
func (k *DKIMKey) RecordName() string { return k.Selector + "._domainkey." + k.Domain }

// Record is the TXT record publishing the public key.
func (k *DKIMKey) Record() string {
	der, _ := x509.MarshalPKIXPublicKey(&k.key.PublicKey)
	return "v=DKIM1; k=rsa; p=" + base64.StdEncoding.EncodeToString(der)
}

// Sign returns msg (CRLF or LF line ends) with a DKIM-Signature over its
// originator headers and body, in LF line ends.
func (k *DKIMKey) Sign(t testing.TB, msg []byte) []byte {
	t.Helper()
	crlf := bytes.ReplaceAll(bytes.ReplaceAll(msg, []byte("\r\n"), []byte("\n")), []byte("\n"), []byte("\r\n"))
	var out bytes.Buffer
	err := dkim.Sign(&out, bytes.NewReader(crlf), &dkim.SignOptions{
		Domain:     k.Domain,
		Selector:   k.Selector,
		Signer:     k.key,
		HeaderKeys: []string{"From", "To", "Subject", "Date", "Message-ID"},
	})
	if err != nil {
		t.Fatalf("DKIM sign: %v", err)
	}
	return bytes.ReplaceAll(out.Bytes(), []byte("\r\n"), []byte("\n"))
}

// SpamAssassinResult is what spamassassin -t said about one message.
type SpamAssassinResult struct {
	Score float64
	Hits  map[string]float64 // rule -> score, from X-Spam-Status
	Raw   string
}

// SpamAssassinStatus is the local.cf line that makes X-Spam-Status list
// every rule hit with its score, as SpamAssassin parses it.
const SpamAssassinStatus = `add_header all Status "_YESNO_, score=_SCORE_ required=_REQD_ tests=_TESTSSCORES(,)_ version=_VERSION_"` + "\n"

var saStatus = regexp.MustCompile(`(?m)^X-Spam-Status: (\w+), score=(-?[0-9.]+) required=\S+ tests=(.*?) version=`)

// SpamAssassin runs one `spamassassin -t --mbox` with the site
// configuration in siteDir (the contrib rules plus the test's local.cf,
// which must include SpamAssassinStatus) over msgs, and reads each
// message's rule hits and scores.
func SpamAssassin(t testing.TB, siteDir string, msgs [][]byte) []SpamAssassinResult {
	t.Helper()
	Need(t, "spamassassin", "spamassassin")
	var mbox bytes.Buffer
	for i, m := range msgs {
		mbox.WriteString("From sender@example.net Tue Dec  1 10:00:00 2026\n")
		// spamassassin --mbox may reorder messages (it sorts by date):
		// each is found again by this field.
		fmt.Fprintf(&mbox, "X-Contribtest-Index: %d\n", i)
		for _, l := range strings.SplitAfter(string(m), "\n") {
			if strings.HasPrefix(strings.TrimLeft(l, ">"), "From ") {
				mbox.WriteString(">")
			}
			mbox.WriteString(l)
		}
		mbox.WriteString("\n")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	home := t.TempDir()
	cmd := exec.CommandContext(ctx, "spamassassin", "-t", "--mbox", "--siteconfigpath", siteDir,
		"--prefspath", filepath.Join(home, "user_prefs"), "-x")
	cmd.Env = append(os.Environ(), "HOME="+home)
	cmd.Stdin = &mbox
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil && len(out) == 0 {
		t.Fatalf("spamassassin: %v\n%s", err, stderr.String())
	}
	parts := regexp.MustCompile(`(?m)^From sender@example\.net `).Split(string(out), -1)[1:]
	if len(parts) != len(msgs) {
		t.Fatalf("spamassassin gave %d messages for %d:\n%s\n%s", len(parts), len(msgs), out, stderr.String())
	}
	res := make([]SpamAssassinResult, len(parts))
	seen := map[int]bool{}
	for _, p := range parts {
		head, _, _ := strings.Cut(p, "\n\n")
		head = regexp.MustCompile(`\n[ \t]+`).ReplaceAllString(head, " ")
		im := regexp.MustCompile(`(?m)^X-Contribtest-Index: (\d+)$`).FindStringSubmatch(head)
		var i int
		if im != nil {
			i, _ = strconv.Atoi(im[1])
		}
		if im == nil || i >= len(msgs) || seen[i] {
			t.Fatalf("spamassassin returned a message that was not given:\n%s", p)
		}
		seen[i] = true
		m := saStatus.FindStringSubmatch(head)
		if m == nil {
			t.Fatalf("no X-Spam-Status with scores (local.cf needs contribtest.SpamAssassinStatus) in:\n%s\n%s", p, stderr.String())
		}
		r := SpamAssassinResult{Hits: map[string]float64{}, Raw: p}
		r.Score, _ = strconv.ParseFloat(m[2], 64)
		for _, hit := range strings.Split(strings.Join(strings.Fields(m[3]), ""), ",") {
			name, score, ok := strings.Cut(hit, "=")
			if !ok {
				continue
			}
			r.Hits[name], _ = strconv.ParseFloat(score, 64)
		}
		res[i] = r
	}
	return res
}

// SieveTest runs Pigeonhole's sieve-test with script over msg for the
// envelope recipient rcpt and returns the folders the message is stored
// in ("INBOX" for keep), each followed by the IMAP flags it sets
// ("Junk $PostageBurned"), as sieve-test reports them.
func SieveTest(t testing.TB, script string, msg []byte, rcpt string) (folders []string, out string) {
	t.Helper()
	Need(t, "dovecot-sieve", "sieve-test")
	// Not t.TempDir: as root, sieve-test runs as nobody, who must reach
	// the directory (and the script's compiled binary next to it).
	dir, err := os.MkdirTemp("", "postage-sieve-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	src, err := os.ReadFile(script)
	if err != nil {
		t.Fatal(err)
	}
	script = filepath.Join(dir, filepath.Base(script))
	if err := os.WriteFile(script, src, 0o644); err != nil {
		t.Fatal(err)
	}
	f := filepath.Join(dir, "msg.eml")
	if err := os.WriteFile(f, msg, 0o644); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	// A configuration of its own: as root, sieve-test drops privileges to
	// mail_uid, which the system's may not set.
	conf := filepath.Join(dir, "dovecot.conf")
	cfg := fmt.Sprintf("mail_location = maildir:%s/Maildir\n", dir)
	if os.Geteuid() == 0 {
		cfg += "mail_uid = 65534\nmail_gid = 65534\n"
		if err := os.Chmod(dir, 0o777); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(conf, []byte(cfg), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.CommandContext(ctx, "sieve-test", "-c", conf, "-r", rcpt, "-a", rcpt, "-f", "sender@example.net", script, f)
	cmd.Env = append(os.Environ(), "HOME="+dir)
	b, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("sieve-test %s: %v\n%s", script, err, b)
	}
	out = string(b)
	for _, m := range regexp.MustCompile(`store message in folder: (\S+)(?:\n\s*\+ add IMAP flags: ([^\n]+))?`).FindAllStringSubmatch(out, -1) {
		folders = append(folders, strings.TrimSpace(m[1]+" "+m[2]))
	}
	return folders, out
}
