package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"math/big"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/params"

	"github.com/postage-mail/postage/agent"
	"github.com/postage-mail/postage/book"
	"github.com/postage-mail/postage/bookdns/dnstest"
	"github.com/postage-mail/postage/chain"
	"github.com/postage-mail/postage/chain/devnet"
	"github.com/postage-mail/postage/chain/ticketbook"
	"github.com/postage-mail/postage/config"
	"github.com/postage-mail/postage/mail"
	"github.com/postage-mail/postage/milter/miltertest"
)

// bookE2E is the deniable stake mode end to end, with every postage step a
// process of its own: a real chain (the embedded one, blocks every second),
// a real DNS server on loopback, the fake MTA of the testscripts.
type bookE2E struct {
	t       *testing.T
	dir     string
	home    string // the receiving host's POSTAGE_HOME (agent, books)
	sender  string // the sender's POSTAGE_HOME
	out     string // the fake MTA's spool
	chain   *devnet.Chain
	dns     *dnstest.Server
	account common.Address // the sender's
}

// postage runs the postage binary (this test binary as main) with a home
// and stdin; it returns stdout, stderr and the exit code.
func (e *bookE2E) postage(home string, stdin []byte, args ...string) (string, string, int) {
	e.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, os.Args[0], args...)
	cmd.Env = append(os.Environ(), "POSTAGE_TEST_AS_MAIN=1", "POSTAGE_HOME="+home)
	var out, errb bytes.Buffer
	cmd.Stdin, cmd.Stdout, cmd.Stderr = bytes.NewReader(stdin), &out, &errb
	err := cmd.Run()
	code := 0
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		code = ee.ExitCode()
	} else if err != nil {
		e.t.Fatalf("postage %s: %v", strings.Join(args, " "), err)
	}
	return out.String(), errb.String(), code
}

func (e *bookE2E) ok(home string, stdin []byte, args ...string) (string, string) {
	e.t.Helper()
	o, s, code := e.postage(home, stdin, args...)
	if code != 0 {
		e.t.Fatalf("postage %s: exit %d\nstdout: %s\nstderr: %s", strings.Join(args, " "), code, o, s)
	}
	return o, s
}

func newBookE2E(t *testing.T) *bookE2E {
	e := &bookE2E{t: t, dir: t.TempDir()}
	e.home, e.sender, e.out = filepath.Join(e.dir, "mx"), filepath.Join(e.dir, "sender"), filepath.Join(e.dir, "out")
	for _, d := range []string{e.home, e.sender, e.out} {
		if err := os.MkdirAll(d, 0o700); err != nil {
			t.Fatal(err)
		}
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	c, err := devnet.Start(ctx, devnet.Config{DataDir: filepath.Join(e.dir, "chain"), Addr: "127.0.0.1:0", Period: time.Second, Delay: 3 * time.Second})
	if err != nil {
		t.Fatalf("start embedded chain: %v", err)
	}
	t.Cleanup(func() {
		sctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		c.Stop(sctx)
	})
	e.chain = c
	e.dns = dnstest.Start(t)

	// The sender has an account of its own, funded by the developer account.
	pass := filepath.Join(e.sender, "pass")
	if err := os.WriteFile(pass, []byte("sender passphrase\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	acct, err := chain.OpenKeystoreLight(filepath.Join(e.sender, "keystore")).New("sender passphrase")
	if err != nil {
		t.Fatal(err)
	}
	e.account = acct.Address
	client, id, err := chain.Dial(ctx, c.Endpoint(), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer client.Close()
	dev, err := devnet.DevTransactor(filepath.Join(e.dir, "chain"), "", id)
	if err != nil {
		t.Fatal(err)
	}
	nonce, err := client.PendingNonceAt(ctx, dev.From)
	if err != nil {
		t.Fatal(err)
	}
	to := acct.Address
	tx := types.NewTx(&types.DynamicFeeTx{ChainID: id, Nonce: nonce, GasTipCap: big.NewInt(params.GWei), GasFeeCap: big.NewInt(10 * params.GWei),
		Gas: 21000, To: &to, Value: new(big.Int).Mul(big.NewInt(10), big.NewInt(params.Ether))})
	signed, err := dev.Signer(dev.From, tx)
	if err != nil {
		t.Fatal(err)
	}
	if err := client.SendTransaction(ctx, signed); err != nil {
		t.Fatal(err)
	}
	if _, err := bind.WaitMined(ctx, client, signed.Hash()); err != nil {
		t.Fatal(err)
	}

	sendmail := filepath.Join(e.dir, "sendmail")
	script := "#!/bin/sh\nfor a; do last=$a; done\ncat > " + e.out + "/$last.eml\n"
	if err := os.WriteFile(sendmail, []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	devAcct := c.DevAccount()
	common := fmt.Sprintf(`[chain]
rpc = %q
contract = %q
`, c.Endpoint(), c.Deployment().Contract.Hex())
	// The receiving host: the agent of example.org, deciding after 4 seconds.
	mx := common + fmt.Sprintf(`keystore = %q
account = %q
password_file = %q

[policy.work]
bits = 8

[policy.stake]
min_delay = "1s"

[book]
enabled = true
domains = ["example.org"]
values = 64
stake = "0.001eth"
window = "600s"
decision_delay = "4s"
margin = "1s"
randomness_delay = 1
epoch = 1
tick = "1s"
`, filepath.Join(e.dir, "chain", "keystore"), devAcct.Account.Address.Hex(), devAcct.PassphraseFile)
	// The sender, with its own account, resolving through the test's DNS.
	snd := common + fmt.Sprintf(`keystore = %q
account = %q
password_file = %q

[policy.stake]
min_delay = "1s"

[send]
bits = 8
sendmail = %q
resolver = %q
`, filepath.Join(e.sender, "keystore"), e.account.Hex(), pass, sendmail, e.dns.Addr)
	if err := os.WriteFile(filepath.Join(e.home, "postage.toml"), []byte(mx), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(e.sender, "postage.toml"), []byte(snd), 0o600); err != nil {
		t.Fatal(err)
	}
	return e
}

// agent is the receiving host's agent, with the vault passphrase, for the
// test to look at coins before the agent decides (as only it could).
func (e *bookE2E) agent(ctx context.Context) (*agent.Agent, *ticketbook.Contract, func()) {
	e.t.Helper()
	t := e.t
	t.Setenv("POSTAGE_HOME", e.home)
	cfg, err := config.Load("")
	if err != nil {
		t.Fatal(err)
	}
	conn, err := connectBook(ctx, cfg, "")
	if err != nil {
		t.Fatal(err)
	}
	a, err := conn.newAgent(true, nil)
	if err != nil {
		t.Fatal(err)
	}
	return a, conn.Book.Book, conn.Close
}

var (
	bookRE    = regexp.MustCompile(`book=(0x[0-9a-f]{64})`)
	indexRE   = regexp.MustCompile(`index=([0-9]+)`)
	contractR = regexp.MustCompile(`contract=(0x[0-9a-fA-F]{40})`)
)

// TestBookEndToEnd: the receiving host deploys the contract, opens a book
// and publishes it; the sender resolves it through DNS and sends with
// tickets; each copy verifies; the user marks two messages as spam, one
// whose ticket matched and one whose ticket missed; after the decision
// delay the agent reveals exactly the unpunished matches, the sender is
// credited and claims, and the punished match is never paid: its value is
// gone, so nobody can ever reveal it.
func TestBookEndToEnd(t *testing.T) {
	if testing.Short() {
		t.Skip("end to end: runs a chain and a dozen processes (not in -short)")
	}
	e := newBookE2E(t)
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()

	out, _ := e.ok(e.home, nil, "book", "deploy")
	if !strings.Contains(out, "ticket book contract 0x") {
		t.Fatalf("deploy: %s", out)
	}
	// book.block_time is unset: the agent measures the chain's (1s) once it
	// has a few blocks.
	for start := time.Now(); ; time.Sleep(200 * time.Millisecond) {
		if n, err := e.chain.Client().BlockNumber(ctx); err == nil && n >= 12 {
			break
		}
		if time.Since(start) > time.Minute {
			t.Fatal("the chain makes no blocks")
		}
	}
	out, errs := e.ok(e.home, nil, "book", "new")
	if !strings.Contains(out, "window 600 blocks") {
		t.Fatalf("book new with a measured 1s block time: %s", out)
	}
	if !strings.Contains(out, "_postage.example.org. 3600 IN TXT \"v=postage-book1;") || !strings.Contains(errs, "reserve") {
		t.Fatalf("book new: %s / %s", out, errs)
	}
	pub, _ := e.ok(e.home, nil, "book", "publish")
	var txt string
	if _, err := fmt.Sscanf(pub, "_postage.example.org. 3600 IN TXT %q", &txt); err != nil {
		t.Fatalf("publish printed %q: %v", pub, err)
	}
	rec, err := book.ParseRecord(txt)
	if err != nil {
		t.Fatal(err)
	}
	e.dns.SetTXT("_postage.example.org", "v=spf1 -all", txt)
	// The sender trusts that contract (a forged record must not collect stakes).
	cfgPath := filepath.Join(e.sender, "postage.toml")
	raw, err := os.ReadFile(cfgPath)
	if err != nil {
		t.Fatal(err)
	}
	raw = append(raw, fmt.Sprintf("ticket_contracts = [\"%d:%s\"]\n", rec.ChainID, rec.Contract)...)
	if err := os.WriteFile(cfgPath, raw, 0o600); err != nil {
		t.Fatal(err)
	}

	a, contract, done := e.agent(ctx)
	defer done()

	// Send until the tickets include two matches and a miss (bounded: a
	// batch of 8 tickets almost always has them).
	type msg struct {
		rcpt  string
		index uint32
		copy  []byte
		match bool
	}
	var msgs []msg
	var matches, misses []int
	for round := 0; len(matches) < 2 || len(misses) < 1; round++ {
		if round == 4 {
			t.Fatalf("%d matches and %d misses after %d rounds of 8 tickets", len(matches), len(misses), round)
		}
		var to []string
		for i := 0; i < 8; i++ {
			to = append(to, fmt.Sprintf("user%d.%d@example.org", round, i))
		}
		m := "From: sender@example.net\r\nTo: " + strings.Join(to, ", ") + "\r\nSubject: round " + strconv.Itoa(round) + "\r\n\r\nHello.\r\n"
		_, errs := e.ok(e.sender, []byte(m), "sendmail", "-t", "-f", "sender@example.net")
		if strings.Contains(errs, "deposit 0x") || !strings.Contains(errs, "8 ticket(s) in book") {
			t.Fatalf("sendmail made a deposit or no tickets: %s", errs)
		}
		for _, r := range to {
			raw, err := os.ReadFile(filepath.Join(e.out, r+".eml"))
			if err != nil {
				t.Fatal(err)
			}
			hdr := string(raw[:bytes.Index(raw, []byte("\r\n\r\n"))])
			if strings.Count(hdr, "Postage-Stamp:") != 1 || !strings.Contains(hdr, "kind=ticket") || !strings.Contains(hdr, "rcpt="+r) {
				t.Fatalf("copy for %s:\n%s", r, hdr)
			}
			if b := bookRE.FindStringSubmatch(hdr); b == nil || b[1] != rec.Book.String() {
				t.Fatalf("copy for %s names another book: %s", r, hdr)
			}
			if c := contractR.FindStringSubmatch(hdr); c == nil || !strings.EqualFold(c[1], rec.Contract.String()) {
				t.Fatalf("copy for %s names another contract", r)
			}
			idx, _ := strconv.Atoi(indexRE.FindStringSubmatch(hdr)[1])
			// The receiving host verifies the copy (the agent records it).
			vo, vs, code := e.postage(e.home, raw, "verify", "--rcpt", r)
			if code != 0 || !strings.Contains(vs, "pass rcpt="+r+" ticket=pass ticket.value=1000000000000000wei") || !strings.Contains(vo, "Postage-Result: pass") {
				t.Fatalf("verify %s: exit %d\n%s\n%s", r, code, vo, vs)
			}
			msgs = append(msgs, msg{rcpt: r, index: uint32(idx), copy: raw})
		}
		// The test peeks at the coins (as only the agent could).
		deadline := time.Now().Add(time.Minute)
		for i := range msgs {
			if i < len(matches)+len(misses) {
				continue
			}
			for {
				m, err := a.Coin(ctx, common.Hash(rec.Book), msgs[i].index)
				if err == nil {
					msgs[i].match = m
					if m {
						matches = append(matches, i)
					} else {
						misses = append(misses, i)
					}
					break
				}
				if time.Now().After(deadline) {
					t.Fatalf("coin of ticket %d: %v", msgs[i].index, err)
				}
				time.Sleep(300 * time.Millisecond)
			}
		}
	}
	// A copy presented again (a retry): the ticket and the work stamp were
	// claimed for this very message, which passes again. The ticket in
	// another message is reused.
	if _, vo, code := e.postage(e.home, msgs[0].copy, "verify", "--rcpt", msgs[0].rcpt); code != 0 || !strings.Contains(vo, "ticket=pass") || !strings.Contains(vo, "work=8") {
		t.Fatalf("verify again: exit %d: %s", code, vo)
	}
	other := append(bytes.Clone(msgs[0].copy), "P.S. A different body.\r\n"...)
	if _, vo, code := e.postage(e.home, other, "verify", "--rcpt", msgs[0].rcpt); code != 1 || !strings.Contains(vo, "ticket=reused") {
		t.Fatalf("second verify: exit %d: %s", code, vo)
	}
	// For someone else (forwarded): the ticket is ignored; that
	// recipient's own work stamp in the copy (one message) decides.
	if _, vo, code := e.postage(e.home, msgs[0].copy, "verify", "--rcpt", msgs[1].rcpt); code != 0 || !strings.Contains(vo, "ticket=not-for-recipient") {
		t.Fatalf("verify for another recipient: exit %d: %s", code, vo)
	}

	// The user marks a matching and a missing message as spam.
	spamMatch, spamMiss := msgs[matches[0]], msgs[misses[0]]
	for _, m := range []msg{spamMatch, spamMiss} {
		_, se := e.ok(e.home, m.copy, "punish", "--rcpt", m.rcpt)
		if !strings.Contains(se, "ticket erased: it will never be revealed") {
			t.Fatalf("punish %s: %s", m.rcpt, se)
		}
	}
	// After the decision delay the agent decides every ticket.
	time.Sleep(5 * time.Second)
	before, err := contract.Credit(ctx, e.account)
	if err != nil {
		t.Fatal(err)
	}
	ao, as := e.ok(e.home, nil, "book", "agent", "--once")
	wantRevealed := len(matches) - 1
	if !strings.Contains(ao, fmt.Sprintf("revealed %d)", wantRevealed)) || !strings.Contains(ao, "pending 0") {
		t.Fatalf("agent --once: %s / %s (want %d revealed)", ao, as, wantRevealed)
	}
	for _, m := range msgs {
		tk, err := contract.Ticket(ctx, common.Hash(rec.Book), m.index)
		if err != nil {
			t.Fatal(err)
		}
		paid := tk.State == ticketbook.TicketPaid
		if want := m.match && m.rcpt != spamMatch.rcpt; paid != want {
			t.Fatalf("ticket %d (%s, match %v): paid %v, want %v", m.index, m.rcpt, m.match, paid, want)
		}
		// Every value is gone: no one can reveal, or show how it ended.
		if _, err := a.Coin(ctx, common.Hash(rec.Book), m.index); !errors.Is(err, agent.ErrErased) {
			t.Fatalf("ticket %d: value still readable after the decision: %v", m.index, err)
		}
	}
	after, err := contract.Credit(ctx, e.account)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := new(big.Int).Sub(after, before), new(big.Int).Mul(big.NewInt(2e15), big.NewInt(int64(wantRevealed))); got.Cmp(want) != 0 {
		t.Fatalf("sender credited %s, want %s (2 x 0.001 ETH per revealed ticket)", got, want)
	}
	// The sender claims its payouts.
	co, _ := e.ok(e.sender, nil, "book", "claim", "--contract", rec.Contract.String())
	if !strings.Contains(co, "claimed "+chain.FormatWei(after)) {
		t.Fatalf("claim: %s", co)
	}
	// The spam action after the fact is too late only for revealed tickets;
	// for the punished ones it was final: still unpaid, and unrevealable.
	if _, se, _ := e.postage(e.home, spamMatch.copy, "punish", "--rcpt", spamMatch.rcpt); !strings.Contains(se, "already decided") {
		t.Fatalf("second punish: %s", se)
	}
	lo, _ := e.ok(e.home, nil, "book", "list")
	if !strings.Contains(lo, "0 tickets pending") || !strings.Contains(lo, rec.Book.String()[2:10]) {
		t.Fatalf("book list: %s", lo)
	}

	// The same through the milter: `postage milter` with book.enabled
	// verifies a fresh ticket (its agent connects in the background).
	m := "From: sender@example.net\r\nTo: milter@example.org\r\nSubject: milter\r\n\r\nHello.\r\n"
	e.ok(e.sender, []byte(m), "sendmail", "-t", "-f", "sender@example.net")
	raw, err = os.ReadFile(filepath.Join(e.out, "milter@example.org.eml"))
	if err != nil {
		t.Fatal(err)
	}
	parsed, err := readMessage(raw)
	if err != nil {
		t.Fatal(err)
	}
	addr := loopback(freePort(t))
	mcfg, err := os.ReadFile(filepath.Join(e.home, "postage.toml"))
	if err != nil {
		t.Fatal(err)
	}
	cfgFile := writeConfig(t, e.home, "milter.toml", string(mcfg)+fmt.Sprintf("\n[milter]\nlisten = \"inet:%s\"\n\n[metrics]\nlisten = \"\"\n", addr))
	d := startDaemon(t, e.home, "milter", "--config", cfgFile)
	d.waitListening(addr, time.Minute)
	sess, err := miltertest.Dial("tcp", addr, 10*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	defer sess.Close()
	fields := []miltertest.Field{}
	for _, k := range []string{"From", "To", "Postage-Stamp"} {
		for _, v := range parsed.Header.Values(k) {
			fields = append(fields, miltertest.Field{Name: k, Value: v})
		}
	}
	var verdict string
	for start := time.Now(); ; {
		r, err := sess.Send(&miltertest.Message{From: "sender@example.net", Rcpts: []string{"milter@example.org"}, Header: fields})
		if err != nil {
			t.Fatal(err)
		}
		verdict = strings.Join(r.Added("Postage-Result"), "|")
		// Until the agent has connected the ticket is temperror (fails open).
		if !strings.Contains(verdict, "ticket=chain-unavailable") || time.Since(start) > time.Minute {
			break
		}
		time.Sleep(500 * time.Millisecond)
	}
	if !strings.Contains(verdict, "pass") || !strings.Contains(verdict, "ticket=pass") {
		t.Fatalf("milter verdict %q\n%s", verdict, d.out.String())
	}
	if code := d.stop(); code != 0 {
		t.Fatalf("milter exit %d:\n%s", code, d.out.String())
	}
}

// readMessage parses a stored copy's header.
func readMessage(raw []byte) (*mail.Message, error) { return mail.Read(bytes.NewReader(raw)) }
