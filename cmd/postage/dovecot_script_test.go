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
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapclient"
	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/ethereum/go-ethereum/params"
	"github.com/rogpeppe/go-internal/testscript"

	"github.com/postage-mail/postage/chain"
	"github.com/postage-mail/postage/relay"
	"github.com/postage-mail/postage/stake"
)

// The Dovecot flow's commands (testdata/dovecot_junk.txtar): a Dovecot of
// the script's own with IMAPSieve on Junk (startdovecot), an IMAP client
// moving carol's messages (imapcreate, imapcount, imapmove), an in-process
// burn relay that can be stopped and started again (startrelay,
// stoprelay), the sender's deposits (stakemail) and what the chain says of
// them (burned, waitburned, depositleft, relaystatus).

const dovecotInstall = "apt-get install dovecot-imapd dovecot-sieve"

// dovecotBins finds Debian's Dovecot with Pigeonhole, or fails saying how
// to install it.
func dovecotBins(ts *testscript.TestScript) (dovecot, lda, sievec string) {
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
		ts.Fatalf("Dovecot is not installed (dovecot %q, dovecot-lda %q, sievec %q): %s", dovecot, lda, sievec, dovecotInstall)
	}
	if _, err := os.Stat(plugin); err != nil {
		ts.Fatalf("Dovecot's IMAPSieve plugin is missing (%v): %s", err, dovecotInstall)
	}
	return dovecot, lda, sievec
}

func dcIsExecutable(p string) bool {
	fi, err := os.Stat(p)
	return err == nil && !fi.IsDir() && fi.Mode()&0o111 != 0
}

// dovecotFiles are startdovecot's templates: where each goes under
// $DOVECOT, its mode, and whether the mail user owns it.
var dovecotFiles = []struct {
	name, dir string
	mode      os.FileMode
	owned     bool
}{
	{"dovecot.conf", "", 0o644, false},
	{"report-spam.sieve", "sieve", 0o644, false},
	{"report-ham.sieve", "sieve", 0o644, false},
	{"postage-punish", "sieve-pipe", 0o755, false},
	{"postage-unpunish", "sieve-pipe", 0o755, false},
	{"postage-punish-retry", "", 0o755, false},
	{"postage.toml", "punish-home", 0o644, true},
}

var templateVar = regexp.MustCompile(`@([A-Z_]+)@`)

// cmdStartDovecot is `startdovecot TEMPLATES`: Dovecot on a free loopback
// IMAP port for the rest of the script, with one user
// (carol@example.com, password secret). Its directory, $DOVECOT, is one
// every process can traverse (Dovecot's processes and the pipe run as
// other users): bin/postage (this test binary), log/, spool/, home/carol,
// punish-home/. The files of the TEMPLATES directory (dovecotFiles) are
// copied there with each @NAME@ replaced by $NAME; the sieve scripts are
// compiled with sievec. As root, Dovecot runs as in production: the
// master as root, mail processes (and the pipe) as nobody; as another
// user, everything runs as that user. It sets $DOVECOT, $DOVECOT_LDA and
// $IMAP (the listener's address).
func cmdStartDovecot(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 1 {
		ts.Fatalf("usage: startdovecot TEMPLATES")
	}
	dovecot, lda, sievec := dovecotBins(ts)
	mailUser, extraConf := dovecotUser(ts)
	uid, _ := strconv.Atoi(mailUser.Uid)
	gid, _ := strconv.Atoi(mailUser.Gid)
	base, err := os.MkdirTemp("", "postage-dovecot-")
	ts.Check(err)
	ts.Defer(func() { os.RemoveAll(base) })
	ts.Check(os.Chmod(base, 0o755))
	dir := func(name string, owned bool) string {
		p := filepath.Join(base, name)
		ts.Check(os.MkdirAll(p, 0o755))
		if owned {
			ts.Check(os.Chown(p, uid, gid))
		}
		return p
	}
	bin := filepath.Join(dir("bin", false), "postage")
	if err := os.Link(os.Args[0], bin); err != nil {
		dcCopyFile(ts, os.Args[0], bin)
	}
	for _, d := range []string{"log", "spool", "home/carol", "punish-home"} {
		dir(d, true)
	}
	port := scriptFreePort(ts)
	ts.Setenv("DOVECOT", base)
	ts.Setenv("IMAP_PORT", strconv.Itoa(port))
	ts.Setenv("IMAP", net.JoinHostPort("127.0.0.1", strconv.Itoa(port)))
	ts.Setenv("DOVECOT_LDA", lda)
	for _, f := range dovecotFiles {
		text := templateVar.ReplaceAllStringFunc(ts.ReadFile(filepath.Join(args[0], f.name)), func(v string) string {
			val := ts.Getenv(strings.Trim(v, "@"))
			if val == "" {
				ts.Fatalf("%s: %s is not set", f.name, v)
			}
			return val
		})
		if f.name == "dovecot.conf" {
			text = extraConf + text
		}
		p := filepath.Join(dir(f.dir, false), f.name)
		ts.Check(os.WriteFile(p, []byte(text), f.mode))
		ts.Check(os.Chmod(p, f.mode))
		if f.owned {
			ts.Check(os.Chown(p, uid, gid))
		}
	}
	users := filepath.Join(base, "users")
	ts.Check(os.WriteFile(users, fmt.Appendf(nil, "carol@example.com:{PLAIN}secret:%d:%d::%s::\n", uid, gid, filepath.Join(base, "home/carol")), 0o644))
	conf := filepath.Join(base, "dovecot.conf")
	for _, s := range []string{"report-spam.sieve", "report-ham.sieve"} {
		if out, err := exec.Command(sievec, "-c", conf, filepath.Join(base, "sieve", s)).CombinedOutput(); err != nil {
			ts.Fatalf("sievec %s: %v\n%s", s, err, out)
		}
	}
	master := exec.Command(dovecot, "-F", "-c", conf)
	master.Stdout, master.Stderr = os.Stderr, os.Stderr
	if err := master.Start(); err != nil {
		ts.Fatalf("start dovecot: %v", err)
	}
	ts.Defer(func() {
		for _, f := range []string{"dovecot.log", "punish.log"} {
			data, _ := os.ReadFile(filepath.Join(base, "log", f))
			ts.Logf("%s:\n%s", f, data)
		}
		master.Process.Signal(syscall.SIGTERM)
		done := make(chan error, 1)
		go func() { done <- master.Wait() }()
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			master.Process.Kill()
			<-done
		}
	})
	cmdWaitListen(ts, false, []string{ts.Getenv("IMAP"), "15"})
}

// dovecotUser is the mail user (nobody as root, else the current user)
// and, when not root, the configuration lines that run everything as it.
func dovecotUser(ts *testscript.TestScript) (*user.User, string) {
	if os.Geteuid() == 0 {
		u, err := user.Lookup("nobody")
		if err != nil {
			ts.Fatalf("mail user: %v", err)
		}
		return u, ""
	}
	u, err := user.Current()
	if err != nil {
		ts.Fatalf("current user: %v", err)
	}
	g, err := user.LookupGroupId(u.Gid)
	if err != nil {
		ts.Fatalf("current group: %v", err)
	}
	return u, fmt.Sprintf("default_internal_user = %s\ndefault_internal_group = %s\ndefault_login_user = %s\n"+
		"first_valid_uid = %s\nfirst_valid_gid = %s\nservice anvil {\n  chroot =\n}\nservice imap-login {\n  chroot =\n}\n",
		u.Username, g.Name, u.Username, u.Uid, u.Gid)
}

func dcCopyFile(ts *testscript.TestScript, from, to string) {
	in, err := os.Open(from)
	ts.Check(err)
	defer in.Close()
	out, err := os.OpenFile(to, os.O_CREATE|os.O_WRONLY|os.O_TRUNC, 0o755)
	ts.Check(err)
	_, err = io.Copy(out, in)
	ts.Check(err)
	ts.Check(out.Close())
}

func scriptFreePort(ts *testscript.TestScript) int {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	ts.Check(err)
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port
}

// imapSession logs carol in on startdovecot's Dovecot and runs f.
func imapSession(ts *testscript.TestScript, f func(c *imapclient.Client)) {
	c, err := imapclient.DialInsecure(ts.Getenv("IMAP"), nil)
	ts.Check(err)
	defer c.Close()
	if err := c.Login("carol@example.com", "secret").Wait(); err != nil {
		ts.Fatalf("login: %v", err)
	}
	f(c)
	if err := c.Logout().Wait(); err != nil {
		ts.Logf("logout: %v", err)
	}
}

// cmdIMAPCreate is `imapcreate MAILBOX`: carol has MAILBOX (it may exist).
func cmdIMAPCreate(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 1 {
		ts.Fatalf("usage: imapcreate MAILBOX")
	}
	imapSession(ts, func(c *imapclient.Client) {
		if err := c.Create(args[0], nil).Wait(); err != nil && !strings.Contains(err.Error(), "exists") {
			ts.Fatalf("create %s: %v", args[0], err)
		}
	})
}

// cmdIMAPCount is `imapcount MAILBOX N`: carol's MAILBOX holds N messages.
func cmdIMAPCount(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 2 {
		ts.Fatalf("usage: imapcount MAILBOX N")
	}
	want, err := strconv.Atoi(args[1])
	ts.Check(err)
	imapSession(ts, func(c *imapclient.Client) {
		sel, err := c.Select(args[0], nil).Wait()
		ts.Check(err)
		if int(sel.NumMessages) != want {
			ts.Fatalf("%s has %d messages, want %d", args[0], sel.NumMessages, want)
		}
	})
}

// cmdIMAPMove is `imapmove FROM TO`: carol moves the first message of
// FROM to TO. $MOVED is the time (Unix milliseconds) just before the MOVE.
func cmdIMAPMove(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 2 {
		ts.Fatalf("usage: imapmove FROM TO")
	}
	imapSession(ts, func(c *imapclient.Client) {
		_, err := c.Select(args[0], nil).Wait()
		ts.Check(err)
		ts.Setenv("MOVED", strconv.FormatInt(time.Now().UnixMilli(), 10))
		if _, err := c.Move(imap.SeqSetNum(1), args[1]).Wait(); err != nil {
			ts.Fatalf("move from %s to %s: %v", args[0], args[1], err)
		}
	})
}

// cmdWaitLog is `waitlog FILE TEXT [SECONDS]`: wait (default at most 20s)
// until FILE holds TEXT.
func cmdWaitLog(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) < 2 || len(args) > 3 {
		ts.Fatalf("usage: waitlog FILE TEXT [SECONDS]")
	}
	within := 20 * time.Second
	if len(args) == 3 {
		s, err := strconv.Atoi(args[2])
		ts.Check(err)
		within = time.Duration(s) * time.Second
	}
	for start := time.Now(); ; time.Sleep(100 * time.Millisecond) {
		if text, _ := os.ReadFile(ts.MkAbs(args[0])); strings.Contains(string(text), args[1]) {
			return
		}
		if time.Since(start) > within {
			ts.Fatalf("%s never said %q", args[0], args[1])
		}
	}
}

// A relay in this test process, per script: stoprelay stops it, and
// startrelay serves it again on the same address.
type scriptRelayState struct {
	r    *relay.Relay
	addr string
	stop func() error
}

var scriptRelays scriptState[*scriptRelayState]

// cmdStartRelay is `startrelay VAR`: after startchain, a burn relay with
// an account of its own (0.1 ETH from the developer account; 12-bit work
// stamps, 50% margin, batches and polls every 200ms), on a free loopback
// port, its URL in $VAR. Once stopped (stoprelay), startrelay VAR serves
// the same relay (its queue, its account) on the same address again.
func cmdStartRelay(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 1 {
		ts.Fatalf("usage: startrelay VAR")
	}
	s, ok := scriptRelays.lookup(ts)
	if !ok {
		s = openScriptRelay(ts)
	}
	if s.stop != nil {
		ts.Fatalf("startrelay: the relay is running")
	}
	ln, err := net.Listen("tcp", s.addr)
	ts.Check(err)
	ctx, stop := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- s.r.Serve(ctx, ln) }()
	s.stop = func() error {
		stop()
		return <-done
	}
	ts.Setenv(args[0], "http://"+s.addr)
}

func openScriptRelay(ts *testscript.TestScript) *scriptRelayState {
	c := scriptChain(ts)
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	client, chainID, err := chain.Dial(ctx, c.Endpoint(), nil)
	ts.Check(err)
	ts.Defer(client.Close)
	dev, err := c.DevTransactor()
	ts.Check(err)
	key, err := crypto.GenerateKey()
	ts.Check(err)
	opts := bind.NewKeyedTransactor(key, chainID)
	scriptTransfer(ctx, ts, client, dev, chainID, opts.From, big.NewInt(params.Ether/10))
	r, err := relay.Open(ctx, ts.MkAbs("relay.db"), relay.Chain{Backend: client, Contract: c.Deployment().Contract, Signer: opts},
		relay.Options{Name: "relay.test", Bits: 12, MarginPercent: 50, BatchWait: 200 * time.Millisecond, PollInterval: 200 * time.Millisecond})
	ts.Check(err)
	s := &scriptRelayState{r: r, addr: net.JoinHostPort("127.0.0.1", strconv.Itoa(scriptFreePort(ts)))}
	scriptRelays.set(ts, s)
	ts.Defer(func() {
		if s.stop != nil {
			if err := s.stop(); err != nil {
				ts.Logf("relay: %v", err)
			}
		}
		r.Close()
	})
	return s
}

// cmdStopRelay is `stoprelay`: startrelay's relay stops serving.
func cmdStopRelay(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 0 {
		ts.Fatalf("usage: stoprelay")
	}
	s, ok := scriptRelays.lookup(ts)
	if !ok || s.stop == nil {
		ts.Fatalf("stoprelay: no relay running")
	}
	err := s.stop()
	s.stop = nil
	if err != nil {
		ts.Fatalf("relay: %v", err)
	}
}

// scriptTransfer sends value from opts's account and waits for it to be
// mined.
func scriptTransfer(ctx context.Context, ts *testscript.TestScript, client interface {
	bind.DeployBackend
	PendingNonceAt(context.Context, common.Address) (uint64, error)
	SendTransaction(context.Context, *types.Transaction) error
}, opts *bind.TransactOpts, chainID *big.Int, to common.Address, value *big.Int) {
	nonce, err := client.PendingNonceAt(ctx, opts.From)
	ts.Check(err)
	tx := types.NewTx(&types.DynamicFeeTx{ChainID: chainID, Nonce: nonce, GasTipCap: big.NewInt(params.GWei), GasFeeCap: big.NewInt(10 * params.GWei), Gas: 21000, To: &to, Value: value})
	signed, err := opts.Signer(opts.From, tx)
	ts.Check(err)
	ts.Check(client.SendTransaction(ctx, signed))
	_, err = bind.WaitMined(ctx, client, signed.Hash())
	ts.Check(err)
}

// Every leaf of a stakemail deposit is worth 0.001 ETH, with a bounty of
// 0.0001 ETH for whoever burns it.
var (
	stakemailPerLeaf = big.NewInt(params.Ether / 1000)
	stakemailBounty  = big.NewInt(params.Ether / 10000)
)

// cmdStakeMail is `stakemail VAR IN OUT RCPT...`: the chain's developer
// account makes a deposit with one leaf per RCPT, in that order (leaf 0
// is the first's), of 0.001 ETH each and a bounty of 0.0001 ETH; $VAR is
// its id. OUT is the message IN with @DATE@ replaced by the time now and
// the first RCPT's Postage-Stamp field added at the end of its header.
func cmdStakeMail(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) < 4 {
		ts.Fatalf("usage: stakemail VAR IN OUT RCPT...")
	}
	c := scriptChain(ts)
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	var rcpts []stake.Recipient
	for _, r := range args[3:] {
		rcpt, err := stake.ParseRecipient(r)
		ts.Check(err)
		rcpts = append(rcpts, rcpt)
	}
	batch, err := stake.NewBatch(rcpts, nil)
	ts.Check(err)
	dev, err := c.DevTransactor()
	ts.Check(err)
	contract := chain.NewContract(c.Client(), c.Deployment().Contract)
	w := chain.NewWriter(contract, dev)
	w.PollInterval = 100 * time.Millisecond
	value := new(big.Int).Mul(stakemailPerLeaf, big.NewInt(int64(len(rcpts))))
	dep, err := w.Deposit(ctx, common.Hash(batch.Root()), batch.Len(), value, stakemailBounty)
	ts.Check(err)
	st, err := batch.Stamp(0, c.Deployment().ChainID, stake.Address(contract.Address()), stake.Address(dev.From))
	ts.Check(err)
	header, err := st.FormatFolded()
	ts.Check(err)
	msg := strings.ReplaceAll(ts.ReadFile(args[1]), "@DATE@", time.Now().UTC().Format(time.RFC1123Z))
	head, body, ok := strings.Cut(msg, "\n\n")
	if !ok {
		ts.Fatalf("stakemail: %s has no end of header", args[1])
	}
	msg = head + "\nPostage-Stamp: " + strings.ReplaceAll(header, "\r\n", "\n") + "\n\n" + body
	ts.Check(os.WriteFile(ts.MkAbs(args[2]), []byte(msg), 0o644))
	ts.Setenv(args[0], dep.ID.Hex())
}

func leafArgs(ts *testscript.TestScript, dep, index string) (common.Hash, uint64) {
	i, err := strconv.ParseUint(index, 10, 64)
	ts.Check(err)
	return common.HexToHash(dep), i
}

func leafBurned(ts *testscript.TestScript, dep common.Hash, index uint64) bool {
	c := scriptChain(ts)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	burned, err := chain.NewReader(chain.NewContract(c.Client(), c.Deployment().Contract)).IsBurned(ctx, dep, index)
	ts.Check(err)
	return burned
}

// cmdBurned is `[!] burned DEPOSIT INDEX`: the chain (over JSON-RPC, as
// anyone would read it) says the leaf is burned (with !, not burned).
func cmdBurned(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) != 2 {
		ts.Fatalf("usage: [!] burned DEPOSIT INDEX")
	}
	dep, i := leafArgs(ts, args[0], args[1])
	if burned := leafBurned(ts, dep, i); burned == neg {
		ts.Fatalf("leaf %d of deposit %s: burned %v, want %v", i, args[0], burned, !neg)
	}
}

// cmdWaitBurned is `waitburned [-since MS] [-min DURATION] DEPOSIT INDEX
// MAX`: wait until the leaf is burned, at most MAX after MS (Unix
// milliseconds, as imapmove's $MOVED; default now), and not earlier than
// DURATION after it.
func cmdWaitBurned(ts *testscript.TestScript, neg bool, args []string) {
	usage := "usage: waitburned [-since MS] [-min DURATION] DEPOSIT INDEX MAX"
	since, minimum := time.Now(), time.Duration(0)
	for len(args) > 2 && strings.HasPrefix(args[0], "-") {
		switch args[0] {
		case "-since":
			ms, err := strconv.ParseInt(args[1], 10, 64)
			ts.Check(err)
			since = time.UnixMilli(ms)
		case "-min":
			d, err := time.ParseDuration(args[1])
			ts.Check(err)
			minimum = d
		default:
			ts.Fatalf("%s", usage)
		}
		args = args[2:]
	}
	if neg || len(args) != 3 {
		ts.Fatalf("%s", usage)
	}
	dep, i := leafArgs(ts, args[0], args[1])
	max, err := time.ParseDuration(args[2])
	ts.Check(err)
	for !leafBurned(ts, dep, i) {
		if time.Since(since) > max {
			ts.Fatalf("leaf %d of deposit %s was not burned within %v", i, args[0], max)
		}
		time.Sleep(200 * time.Millisecond)
	}
	took := time.Since(since)
	ts.Logf("leaf %d burned %v after %v", i, took.Round(time.Millisecond), since.Format(time.StampMilli))
	if took < minimum {
		ts.Fatalf("leaf %d of deposit %s burned %v after, earlier than %v", i, args[0], took, minimum)
	}
}

// cmdDepositLeft is `depositleft DEPOSIT BURNED WEI`: the deposit has
// BURNED leaves burned and WEI remaining.
func cmdDepositLeft(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 3 {
		ts.Fatalf("usage: depositleft DEPOSIT BURNED WEI")
	}
	c := scriptChain(ts)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	d, err := chain.NewContract(c.Client(), c.Deployment().Contract).ReadDeposit(ctx, common.HexToHash(args[0]), nil)
	ts.Check(err)
	if got := fmt.Sprintf("%d %s", d.BurnedLeaves, d.Remaining); got != args[1]+" "+args[2] {
		ts.Fatalf("deposit %s: %d leaves burned, %s wei remaining; want %s and %s", args[0], d.BurnedLeaves, d.Remaining, args[1], args[2])
	}
}

// cmdRelayStatus is `relaystatus URL DEPOSIT INDEX STATE`: the relay at
// URL reports the burn request for the leaf in STATE.
func cmdRelayStatus(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 4 {
		ts.Fatalf("usage: relaystatus URL DEPOSIT INDEX STATE")
	}
	c := scriptChain(ts)
	dep, i := leafArgs(ts, args[1], args[2])
	id := relay.Burn{ChainID: c.Deployment().ChainID, Contract: c.Deployment().Contract, DepositID: dep, Index: uint32(i)}.ID()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	s, err := (&relay.Client{URL: args[0]}).Status(ctx, id)
	if err != nil || s.Status != args[3] {
		ts.Fatalf("relay request for leaf %d of deposit %s: %+v, %v; want %s", i, args[1], s, err, args[3])
	}
}
