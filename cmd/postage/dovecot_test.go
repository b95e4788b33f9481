package main

import (
	"context"
	"fmt"
	"io"
	"math/big"
	"net"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapclient"
	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/ethereum/go-ethereum/params"

	"github.com/postage-mail/postage/chain"
	"github.com/postage-mail/postage/chain/devnet"
	"github.com/postage-mail/postage/relay"
	"github.com/postage-mail/postage/stake"
)

const dovecotInstall = "apt-get install dovecot-imapd dovecot-sieve"

// dovecotBins finds Debian's Dovecot with Pigeonhole, or fails the test
// saying how to install it.
func dovecotBins(t *testing.T) (dovecot, lda, sievec string) {
	t.Helper()
	find := func(name string, dirs ...string) string {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
		for _, d := range dirs {
			if p := filepath.Join(d, name); dcIsExecutable(p) {
				return p
			}
		}
		return ""
	}
	dovecot = find("dovecot", "/usr/sbin")
	lda = find("dovecot-lda", "/usr/lib/dovecot")
	sievec = find("sievec", "/usr/bin")
	plugin := "/usr/lib/dovecot/modules/lib95_imap_sieve_plugin.so"
	if dovecot == "" || lda == "" || sievec == "" {
		t.Fatalf("Dovecot is not installed (dovecot %q, dovecot-lda %q, sievec %q): %s", dovecot, lda, sievec, dovecotInstall)
	}
	if _, err := os.Stat(plugin); err != nil {
		t.Fatalf("Dovecot's IMAPSieve plugin is missing (%v): %s", err, dovecotInstall)
	}
	return dovecot, lda, sievec
}

func dcIsExecutable(p string) bool {
	fi, err := os.Stat(p)
	return err == nil && !fi.IsDir() && fi.Mode()&0o111 != 0
}

// TestDovecotJunkBurns is the Junk-folder path end to end, with real
// components only: a stake-stamped message is delivered by Dovecot's LDA,
// an IMAP client (go-imap v2) moves it to Junk on a Dovecot listening on
// loopback, IMAPSieve pipes it to `postage punish --relay` as docs/punish.md
// sets it up, and the relay burns the leaf on the embedded chain, where the
// test reads it over JSON-RPC: the sender's deposit is one leaf smaller,
// and the recipient never had an account.
func TestDovecotJunkBurns(t *testing.T) {
	dovecot, lda, sievec := dovecotBins(t)
	var err error
	// As root, Dovecot runs as it does in production: the master as root,
	// mail processes (and the pipe) as the mail user, here nobody. As
	// another user, everything runs as that user.
	var mailUser *user.User
	var extraConf string
	if os.Geteuid() == 0 {
		if mailUser, err = user.Lookup("nobody"); err != nil {
			t.Fatalf("mail user: %v", err)
		}
	} else {
		if mailUser, err = user.Current(); err != nil {
			t.Fatalf("current user: %v", err)
		}
		g, err := user.LookupGroupId(mailUser.Gid)
		if err != nil {
			t.Fatalf("current group: %v", err)
		}
		extraConf = fmt.Sprintf("default_internal_user = %s\ndefault_internal_group = %s\ndefault_login_user = %s\n"+
			"first_valid_uid = %s\nfirst_valid_gid = %s\nservice anvil {\n  chroot =\n}\nservice imap-login {\n  chroot =\n}\n",
			mailUser.Username, g.Name, mailUser.Username, mailUser.Uid, mailUser.Gid)
	}
	uid, _ := strconv.Atoi(mailUser.Uid)
	gid, _ := strconv.Atoi(mailUser.Gid)
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()

	// A directory every process can traverse: Dovecot's processes and the
	// pipe run as other users.
	base, err := os.MkdirTemp("", "postage-dovecot-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(base) })
	dir := func(name string, owner bool) string {
		p := filepath.Join(base, name)
		if err := os.MkdirAll(p, 0o755); err != nil {
			t.Fatal(err)
		}
		if owner {
			if err := os.Chown(p, uid, gid); err != nil {
				t.Fatal(err)
			}
		}
		return p
	}
	if err := os.Chmod(base, 0o755); err != nil {
		t.Fatal(err)
	}

	// The chain, and a relay with an account of its own.
	node, err := devnet.Start(ctx, devnet.Config{DataDir: filepath.Join(base, "chain"), Addr: "127.0.0.1:0", Period: time.Second, Delay: time.Hour})
	if err != nil {
		t.Fatalf("start embedded chain: %v", err)
	}
	defer func() {
		sctx, c := context.WithTimeout(context.Background(), 30*time.Second)
		defer c()
		node.Stop(sctx)
	}()
	client, chainID, err := chain.Dial(ctx, node.Endpoint(), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer client.Close()
	dev, err := node.DevTransactor()
	if err != nil {
		t.Fatal(err)
	}
	contract := chain.NewContract(client, node.Deployment().Contract)
	relayKey, err := crypto.GenerateKey()
	if err != nil {
		t.Fatal(err)
	}
	relayOpts := bind.NewKeyedTransactor(relayKey, chainID)
	dcTransfer(ctx, t, client, dev, chainID, relayOpts.From, big.NewInt(params.Ether/10))
	r, err := relay.Open(ctx, filepath.Join(base, "relay.db"), relay.Chain{Backend: client, Contract: contract.Address(), Signer: relayOpts},
		relay.Options{Name: "relay.test", Bits: 12, MarginPercent: 50, BatchWait: 200 * time.Millisecond, PollInterval: 200 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	relayAddr := net.JoinHostPort("127.0.0.1", strconv.Itoa(dcFreePort(t)))
	relayURL := "http://" + relayAddr
	// serveRelay starts the relay on relayAddr and returns its stop.
	serveRelay := func() func() {
		ln, err := net.Listen("tcp", relayAddr)
		if err != nil {
			t.Fatal(err)
		}
		rctx, stop := context.WithCancel(ctx)
		done := make(chan error, 1)
		go func() { done <- r.Serve(rctx, ln) }()
		return func() {
			stop()
			if err := <-done; err != nil {
				t.Errorf("relay: %v", err)
			}
		}
	}
	stopRelay := serveRelay()
	defer func() { stopRelay() }()

	// The sender's deposit: one leaf for carol, one for dave, a bounty for
	// whoever burns.
	rcpts := []stake.Recipient{stake.MustParseRecipient("carol@example.com"), stake.MustParseRecipient("dave@example.com")}
	batch, err := stake.NewBatch(rcpts, nil)
	if err != nil {
		t.Fatal(err)
	}
	w := chain.NewWriter(contract, dev)
	w.PollInterval = 100 * time.Millisecond
	perLeaf, bounty := big.NewInt(params.Ether/1000), big.NewInt(params.Ether/10000)
	dep, err := w.Deposit(ctx, common.Hash(batch.Root()), batch.Len(), new(big.Int).Mul(perLeaf, big.NewInt(2)), bounty)
	if err != nil {
		t.Fatal(err)
	}
	st, err := batch.Stamp(0, chainID.Uint64(), stake.Address(contract.Address()), stake.Address(dev.From))
	if err != nil {
		t.Fatal(err)
	}
	header, err := st.FormatFolded()
	if err != nil {
		t.Fatal(err)
	}
	msg := "From: Sender <sender@example.net>\nTo: carol@example.com, dave@example.com\nSubject: cheap watches\n" +
		"Date: " + time.Now().UTC().Format(time.RFC1123Z) + "\nMessage-ID: <watches-1@example.net>\n" +
		"Postage-Stamp: " + strings.ReplaceAll(header, "\r\n", "\n") + "\n\nBuy now.\n"

	// The pipe program, as docs/punish.md has it, calling this test binary
	// as postage.
	bin := filepath.Join(dir("bin", false), "postage")
	if err := os.Link(os.Args[0], bin); err != nil {
		dcCopyFile(t, os.Args[0], bin)
	}
	logs := dir("log", true)
	pipeDir := dir("sieve-pipe", false)
	spool := dir("spool", true)
	script := strings.NewReplacer("@SPOOL@", spool, "@POSTAGE@", bin, "@RELAY@", relayURL, "@LOG@", filepath.Join(logs, "punish.log"),
		"@ENV@", "POSTAGE_HOME="+filepath.Join(base, "punish-home")+"; export POSTAGE_HOME\nPOSTAGE_TEST_AS_MAIN=1; export POSTAGE_TEST_AS_MAIN\n").Replace(punishPipe)
	dcWriteFile(t, filepath.Join(pipeDir, "postage-punish"), script, 0o755)
	dcWriteFile(t, filepath.Join(pipeDir, "postage-unpunish"), strings.NewReplacer("@POSTAGE@", bin, "@LOG@", filepath.Join(logs, "punish.log"),
		"@ENV@", "POSTAGE_HOME="+filepath.Join(base, "punish-home")+"; export POSTAGE_HOME\nPOSTAGE_TEST_AS_MAIN=1; export POSTAGE_TEST_AS_MAIN\n").Replace(unpunishPipe), 0o755)
	// The recipient's postage configuration: a short undo window, and
	// the chain to check against.
	punishHome := dir("punish-home", true)
	dcWriteFile(t, filepath.Join(punishHome, "postage.toml"), fmt.Sprintf("[chain]\nrpc = %q\ncontract = %q\n\n[punish]\ndelay = \"3s\"\nrelay_timeout = \"30s\"\n",
		node.Endpoint(), contract.Address().Hex()), 0o644)
	if err := os.Chown(filepath.Join(punishHome, "postage.toml"), uid, gid); err != nil {
		t.Fatal(err)
	}
	sieveDir := dir("sieve", false)
	dcWriteFile(t, filepath.Join(sieveDir, "report-spam.sieve"), reportSpamSieve, 0o644)
	dcWriteFile(t, filepath.Join(sieveDir, "report-ham.sieve"), reportHamSieve, 0o644)

	// Dovecot: IMAP on a free loopback port, one user, IMAPSieve on Junk.
	home := dir("home/carol", true)
	users := filepath.Join(base, "users")
	dcWriteFile(t, users, fmt.Sprintf("carol@example.com:{PLAIN}secret:%d:%d::%s::\n", uid, gid, home), 0o644)
	port := dcFreePort(t)
	conf := filepath.Join(base, "dovecot.conf")
	dcWriteFile(t, conf, extraConf+fmt.Sprintf(dovecotConf, dir("run", false), dir("state", false), filepath.Join(logs, "dovecot.log"),
		users, users, port, pipeDir, filepath.Join(sieveDir, "report-spam.sieve"), filepath.Join(sieveDir, "report-ham.sieve")), 0o644)
	dcRun(t, sievec, "-c", conf, filepath.Join(sieveDir, "report-spam.sieve"))
	dcRun(t, sievec, "-c", conf, filepath.Join(sieveDir, "report-ham.sieve"))

	master := exec.Command(dovecot, "-F", "-c", conf)
	master.Stdout, master.Stderr = os.Stderr, os.Stderr
	if err := master.Start(); err != nil {
		t.Fatalf("start dovecot: %v", err)
	}
	defer func() {
		master.Process.Signal(syscall.SIGTERM)
		done := make(chan error, 1)
		go func() { done <- master.Wait() }()
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			master.Process.Kill()
			<-done
		}
	}()
	defer func() {
		if t.Failed() {
			for _, f := range []string{"dovecot.log", "punish.log"} {
				data, _ := os.ReadFile(filepath.Join(logs, f))
				t.Logf("%s:\n%s", f, data)
			}
		}
	}()
	addr := net.JoinHostPort("127.0.0.1", strconv.Itoa(port))
	dcWaitListening(t, addr, 15*time.Second)

	// Delivery, as Postfix's mailbox_command would do it.
	deliver := exec.Command(lda, "-c", conf, "-d", "carol@example.com", "-f", "sender@example.net")
	deliver.Stdin = strings.NewReader(msg)
	if out, err := deliver.CombinedOutput(); err != nil {
		t.Fatalf("dovecot-lda: %v\n%s", err, out)
	}

	// carol moves the message to Junk.
	c, err := imapclient.DialInsecure(addr, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if err := c.Login("carol@example.com", "secret").Wait(); err != nil {
		t.Fatalf("login: %v", err)
	}
	if err := c.Create("Junk", nil).Wait(); err != nil && !strings.Contains(err.Error(), "exists") {
		t.Fatalf("create Junk: %v", err)
	}
	sel, err := c.Select("INBOX", nil).Wait()
	if err != nil {
		t.Fatal(err)
	}
	if sel.NumMessages != 1 {
		t.Fatalf("INBOX has %d messages, want the delivered one", sel.NumMessages)
	}
	reader := chain.NewReader(contract)
	logHas := func(s string) bool {
		text, _ := os.ReadFile(filepath.Join(logs, "punish.log"))
		return strings.Count(string(text), s) > 0
	}
	waitLog := func(s string) {
		t.Helper()
		for start := time.Now(); !logHas(s); time.Sleep(100 * time.Millisecond) {
			if time.Since(start) > 20*time.Second {
				t.Fatalf("punish.log never said %q", s)
			}
		}
	}

	// To Junk, and back out of it before the undo window (3s) ends:
	// the reverse rule cancels, and nothing is ever burned.
	if _, err := c.Move(imap.SeqSetNum(1), "Junk").Wait(); err != nil {
		t.Fatalf("move to Junk: %v", err)
	}
	waitLog("queued at relay")
	if _, err := c.Select("Junk", nil).Wait(); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Move(imap.SeqSetNum(1), "INBOX").Wait(); err != nil {
		t.Fatalf("move out of Junk: %v", err)
	}
	waitLog("cancelled: leaf 0 of deposit")
	id0 := relay.Burn{ChainID: chainID.Uint64(), Contract: contract.Address(), DepositID: dep.ID, Index: 0}.ID()
	time.Sleep(5 * time.Second) // past the window, with the relay polling
	if burned, err := reader.IsBurned(ctx, dep.ID, 0); err != nil || burned {
		t.Fatalf("after Junk and back: leaf burned %v (%v); want not burned", burned, err)
	}
	if s, err := (&relay.Client{URL: relayURL}).Status(ctx, id0); err != nil || s.Status != relay.StateCancelled {
		t.Fatalf("relay request after the cancel: %+v, %v; want cancelled", s, err)
	}

	// To Junk again, and it stays there: burned once the window ends,
	// not before.
	if _, err := c.Select("INBOX", nil).Wait(); err != nil {
		t.Fatal(err)
	}
	moved := time.Now()
	if _, err := c.Move(imap.SeqSetNum(1), "Junk").Wait(); err != nil {
		t.Fatalf("move to Junk: %v", err)
	}
	if err := c.Logout().Wait(); err != nil {
		t.Logf("logout: %v", err)
	}

	// The leaf burns: read it over JSON-RPC, as anyone would.
	for {
		burned, err := reader.IsBurned(ctx, dep.ID, 0)
		if err != nil {
			t.Fatal(err)
		}
		if burned {
			break
		}
		if ctx.Err() != nil || time.Since(moved) > time.Minute {
			t.Fatal("the leaf was not burned within a minute of the move to Junk")
		}
		time.Sleep(200 * time.Millisecond)
	}
	t.Logf("leaf burned %v after the MOVE", time.Since(moved).Round(time.Millisecond))
	if since := time.Since(moved); since < 2*time.Second {
		t.Errorf("the leaf burned %v after the move, inside the 3s undo window", since)
	}
	d, err := contract.ReadDeposit(ctx, dep.ID, nil)
	if err != nil {
		t.Fatal(err)
	}
	if d.BurnedLeaves != 1 || d.Remaining.Cmp(perLeaf) != 0 {
		t.Errorf("deposit after the move: %d leaves burned, %s wei remaining; want 1 and %s", d.BurnedLeaves, d.Remaining, perLeaf)
	}
	if burned, err := reader.IsBurned(ctx, dep.ID, 1); err != nil || burned {
		t.Errorf("dave's leaf: burned %v, %v", burned, err)
	}
	logText, _ := os.ReadFile(filepath.Join(logs, "punish.log"))
	if !strings.Contains(string(logText), "queued at relay") {
		t.Errorf("punish log: %q", logText)
	}
	if left, _ := os.ReadDir(spool); len(left) != 0 {
		t.Errorf("%d messages left in the spool after a successful submission", len(left))
	}

	// The relay is down when carol junks a second message: the pipe keeps
	// it in the spool, and docs/punish.md's retry job submits it once the
	// relay is back.
	stopRelay()
	stopRelay = func() {}
	batch2, err := stake.NewBatch(rcpts[:1], nil)
	if err != nil {
		t.Fatal(err)
	}
	dep2, err := w.Deposit(ctx, common.Hash(batch2.Root()), 1, perLeaf, bounty)
	if err != nil {
		t.Fatal(err)
	}
	st2, err := batch2.Stamp(0, chainID.Uint64(), stake.Address(contract.Address()), stake.Address(dev.From))
	if err != nil {
		t.Fatal(err)
	}
	header2, _ := st2.FormatFolded()
	deliver = exec.Command(lda, "-c", conf, "-d", "carol@example.com", "-f", "sender@example.net")
	deliver.Stdin = strings.NewReader(strings.NewReplacer(strings.ReplaceAll(header, "\r\n", "\n"), strings.ReplaceAll(header2, "\r\n", "\n"), "watches-1", "watches-2").Replace(msg))
	if out, err := deliver.CombinedOutput(); err != nil {
		t.Fatalf("dovecot-lda: %v\n%s", err, out)
	}
	c2, err := imapclient.DialInsecure(addr, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer c2.Close()
	if err := c2.Login("carol@example.com", "secret").Wait(); err != nil {
		t.Fatalf("login: %v", err)
	}
	if _, err := c2.Select("INBOX", nil).Wait(); err != nil {
		t.Fatal(err)
	}
	if _, err := c2.Move(imap.SeqSetNum(1), "Junk").Wait(); err != nil {
		t.Fatalf("move to Junk with the relay down: %v", err)
	}
	c2.Logout().Wait()
	left, _ := os.ReadDir(spool)
	if len(left) != 1 || !strings.HasPrefix(left[0].Name(), "carol@example.com.") {
		t.Fatalf("spool after a move with the relay down: %v, want carol's message", left)
	}
	stopRelay = serveRelay()
	retry := filepath.Join(base, "postage-punish-retry")
	dcWriteFile(t, retry, strings.NewReplacer("@SPOOL@", spool, "@POSTAGE@", bin, "@RELAY@", relayURL, "@LOG@", filepath.Join(logs, "punish.log"),
		"@ENV@", "POSTAGE_HOME="+filepath.Join(base, "punish-home")+"; export POSTAGE_HOME\nPOSTAGE_TEST_AS_MAIN=1; export POSTAGE_TEST_AS_MAIN\n").Replace(punishRetry), 0o755)
	dcRun(t, retry)
	if left, _ := os.ReadDir(spool); len(left) != 0 {
		t.Errorf("spool after the retry: %d messages", len(left))
	}
	for start := time.Now(); ; time.Sleep(200 * time.Millisecond) {
		burned, err := reader.IsBurned(ctx, dep2.ID, 0)
		if err != nil {
			t.Fatal(err)
		}
		if burned {
			break
		}
		if time.Since(start) > time.Minute {
			t.Fatal("the spooled punishment did not burn within a minute of the retry")
		}
	}
}

// punishPipe is docs/punish.md's pipe program; the test adds two
// environment variables so that this test binary runs as postage.
const punishPipe = `#!/bin/sh
# Dovecot IMAPSieve pipe: the message on stdin, the IMAP user in $1.
PATH=/usr/local/bin:/usr/bin:/bin; export PATH
@ENV@spool=@SPOOL@
f=$(mktemp "$spool/$1.XXXXXX") || exit 75
cat >"$f"
@POSTAGE@ punish --relay @RELAY@ --rcpt "$1" <"$f" >>@LOG@ 2>&1
rc=$?
# 75: the relay could not be reached; keep the message for a retry.
[ "$rc" -eq 75 ] || rm -f "$f"
exit 0
`

// punishRetry is docs/punish.md's retry job for the spool.
const punishRetry = `#!/bin/sh
# Retry punishments the relay could not take at the time (run from cron).
PATH=/usr/local/bin:/usr/bin:/bin; export PATH
@ENV@spool=@SPOOL@
for f in "$spool"/*; do
	[ -f "$f" ] || continue
	rcpt=$(basename "$f"); rcpt=${rcpt%.*}
	@POSTAGE@ punish --relay @RELAY@ --rcpt "$rcpt" <"$f" >>@LOG@ 2>&1
	[ "$?" -eq 75 ] || rm -f "$f"
done
`

// unpunishPipe is docs/punish.md's reverse pipe: a message moved out of
// Junk cancels its pending punishment.
const unpunishPipe = `#!/bin/sh
# Dovecot IMAPSieve pipe: a message leaving Junk on stdin, the IMAP user in $1.
PATH=/usr/local/bin:/usr/bin:/bin; export PATH
@ENV@@POSTAGE@ punish --cancel --rcpt "$1" >>@LOG@ 2>&1
exit 0
`

const reportHamSieve = `require ["vnd.dovecot.pipe", "copy", "imapsieve", "environment", "variables"];
if environment :matches "imap.mailbox" "*" { set "mailbox" "${1}"; }
if string "${mailbox}" "Trash" { stop; }
if environment :matches "imap.user" "*" { set "username" "${1}"; }
pipe :copy "postage-unpunish" [ "${username}" ];
`

const reportSpamSieve = `require ["vnd.dovecot.pipe", "copy", "imapsieve", "environment", "variables"];
if environment :matches "imap.user" "*" { set "username" "${1}"; }
pipe :copy "postage-punish" [ "${username}" ];
`

// dovecotConf: base_dir, state_dir, log, passdb file, userdb file, IMAP
// port, pipe dir, the Junk sieve script, the out-of-Junk one.
const dovecotConf = `protocols = imap
listen = 127.0.0.1
base_dir = %s
state_dir = %s
log_path = %s
mail_debug = yes
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%%u %s
}
userdb {
  driver = passwd-file
  args = username_format=%%u %s
}
mail_location = maildir:~/Maildir
namespace inbox {
  inbox = yes
}
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = %d
  }
  inet_listener imaps {
    port = 0
  }
}
service imap {
  vsz_limit = 2G
}
protocol imap {
  mail_plugins = $mail_plugins imap_sieve
}
plugin {
  sieve_plugins = sieve_imapsieve sieve_extprograms
  sieve_global_extensions = +vnd.dovecot.pipe +vnd.dovecot.environment
  sieve_pipe_bin_dir = %s
  imapsieve_mailbox1_name = Junk
  imapsieve_mailbox1_causes = COPY APPEND
  imapsieve_mailbox1_before = file:%s
  imapsieve_mailbox2_name = *
  imapsieve_mailbox2_from = Junk
  imapsieve_mailbox2_causes = COPY
  imapsieve_mailbox2_before = file:%s
}
`

func dcWriteFile(t *testing.T, path, data string, mode os.FileMode) {
	t.Helper()
	if err := os.WriteFile(path, []byte(data), mode); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(path, mode); err != nil {
		t.Fatal(err)
	}
}

func dcCopyFile(t *testing.T, from, to string) {
	t.Helper()
	in, err := os.Open(from)
	if err != nil {
		t.Fatal(err)
	}
	defer in.Close()
	out, err := os.OpenFile(to, os.O_CREATE|os.O_WRONLY|os.O_TRUNC, 0o755)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := io.Copy(out, in); err != nil {
		t.Fatal(err)
	}
	if err := out.Close(); err != nil {
		t.Fatal(err)
	}
}

func dcRun(t *testing.T, name string, args ...string) {
	t.Helper()
	if out, err := exec.Command(name, args...).CombinedOutput(); err != nil {
		t.Fatalf("%s %s: %v\n%s", name, strings.Join(args, " "), err, out)
	}
}

func dcFreePort(t *testing.T) int {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port
}

func dcWaitListening(t *testing.T, addr string, within time.Duration) {
	t.Helper()
	deadline := time.Now().Add(within)
	for {
		c, err := net.DialTimeout("tcp", addr, time.Second)
		if err == nil {
			c.Close()
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("nothing listens on %s after %v: %v", addr, within, err)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// transfer sends value from opts's account and waits for it to be mined.
func dcTransfer(ctx context.Context, t *testing.T, client interface {
	bind.DeployBackend
	PendingNonceAt(context.Context, common.Address) (uint64, error)
	SendTransaction(context.Context, *types.Transaction) error
}, opts *bind.TransactOpts, chainID *big.Int, to common.Address, value *big.Int) {
	t.Helper()
	nonce, err := client.PendingNonceAt(ctx, opts.From)
	if err != nil {
		t.Fatal(err)
	}
	tx := types.NewTx(&types.DynamicFeeTx{ChainID: chainID, Nonce: nonce, GasTipCap: big.NewInt(params.GWei), GasFeeCap: big.NewInt(10 * params.GWei), Gas: 21000, To: &to, Value: value})
	signed, err := opts.Signer(opts.From, tx)
	if err != nil {
		t.Fatal(err)
	}
	if err := client.SendTransaction(ctx, signed); err != nil {
		t.Fatal(err)
	}
	if _, err := bind.WaitMined(ctx, client, signed.Hash()); err != nil {
		t.Fatal(err)
	}
}
