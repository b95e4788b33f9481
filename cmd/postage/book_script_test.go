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

	"github.com/ethereum/go-ethereum/common"
	"github.com/rogpeppe/go-internal/testscript"

	"github.com/postage-mail/postage/agent"
	"github.com/postage-mail/postage/bookdns/dnstest"
	"github.com/postage-mail/postage/chain"
	"github.com/postage-mail/postage/chain/devnet"
	"github.com/postage-mail/postage/chain/ticketbook"
	"github.com/postage-mail/postage/config"
	"github.com/postage-mail/postage/host"
	"github.com/postage-mail/postage/milter/miltertest"
)

// scriptTB lets helpers written for tests (dnstest) run in a script: it
// has the methods they call (any other would panic).
type scriptTB struct {
	testing.TB
	ts *testscript.TestScript
}

func (s scriptTB) Helper()                        {}
func (s scriptTB) Fatal(a ...any)                 { s.ts.Fatalf("%s", fmt.Sprint(a...)) }
func (s scriptTB) Fatalf(format string, a ...any) { s.ts.Fatalf(format, a...) }
func (s scriptTB) Cleanup(f func())               { s.ts.Defer(f) }
func (s scriptTB) Failed() bool                   { return false }
func (s scriptTB) Logf(format string, a ...any)   { s.ts.Logf(format, a...) }

// Per-script state of the custom commands (scripts run in parallel).
var (
	scriptDNS   scriptState[*dnstest.Server]
	scriptBooks scriptState[*bookFlow]
)

// cmdStartDNS is `startdns`: a real DNS server on loopback for the rest of
// the script, its address in $DNS; dnszone fills it.
func cmdStartDNS(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 0 {
		ts.Fatalf("usage: startdns")
	}
	s := dnstest.Start(scriptTB{ts: ts})
	scriptDNS.set(ts, s)
	ts.Setenv("DNS", s.Addr)
}

var zoneTXT = regexp.MustCompile(`^(\S+) [0-9]+ IN TXT (".*")$`)

// cmdDNSZone is `dnszone FILE [RECORD...]`: the TXT lines of a zone file
// (what `postage book publish` prints) are served by startdns's server,
// each name with the extra RECORDs too.
func cmdDNSZone(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) < 1 {
		ts.Fatalf("usage: dnszone FILE [RECORD...]")
	}
	s := scriptDNS.get(ts, "dnszone: no startdns in this script")
	n := 0
	for _, line := range strings.Split(strings.TrimSpace(ts.ReadFile(args[0])), "\n") {
		m := zoneTXT.FindStringSubmatch(line)
		if m == nil {
			ts.Fatalf("dnszone: %q is not a TXT line", line)
		}
		txt, err := strconv.Unquote(m[2])
		ts.Check(err)
		s.SetTXT(m[1], append(args[1:], txt)...)
		n++
	}
	if n == 0 {
		ts.Fatalf("dnszone: no TXT line in %s", args[0])
	}
}

// cmdWaitBlocks is `waitblocks N`: wait (at most a minute) until startchain's
// chain has N blocks.
func cmdWaitBlocks(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 1 {
		ts.Fatalf("usage: waitblocks N")
	}
	n, err := strconv.ParseUint(args[0], 10, 64)
	ts.Check(err)
	c := scriptChain(ts)
	for start := time.Now(); ; time.Sleep(200 * time.Millisecond) {
		if h, err := c.Client().BlockNumber(context.Background()); err == nil && h >= n {
			return
		}
		if time.Since(start) > time.Minute {
			ts.Fatalf("the chain has fewer than %d blocks after a minute", n)
		}
	}
}

// bookFlow is what ticketcopies learned, for ticketsdecided.
type bookFlow struct {
	home   string // the receiving host's
	book   common.Hash
	copies []ticketCopy
	match  string // the punished match
}

type ticketCopy struct {
	rcpt  string
	index uint32
	match bool
}

var (
	bookFieldRE     = regexp.MustCompile(`book=(0x[0-9a-f]{64})`)
	indexFieldRE    = regexp.MustCompile(`index=([0-9]+)`)
	contractFieldRE = regexp.MustCompile(`contract=(0x[0-9a-fA-F]{40})`)
)

// scriptAgent is the receiving host's agent (home's configuration), with
// the vault passphrase: the script peeks at coins as only it could.
func scriptAgent(ts *testscript.TestScript, home string) (*agent.Agent, *ticketbook.Contract, func()) {
	cfg, err := config.Load(filepath.Join(home, "postage.toml"))
	ts.Check(err)
	cfg.DataDir = home
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	conn, err := host.ConnectBook(ctx, cfg, "")
	ts.Check(err)
	a, err := conn.Agent(true, nil)
	ts.Check(err)
	return a, conn.Book.Book, conn.Close
}

// postageIn runs postage (this test binary as main) in home with stdin.
func postageIn(ts *testscript.TestScript, home string, stdin []byte, args ...string) (string, string, int) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, os.Args[0], args...)
	cmd.Env = append(os.Environ(), "POSTAGE_TEST_AS_MAIN=1", "POSTAGE_HOME="+home)
	var out, errb bytes.Buffer
	cmd.Stdin, cmd.Stdout, cmd.Stderr = bytes.NewReader(stdin), &out, &errb
	err := cmd.Run()
	var ee *exec.ExitError
	switch {
	case errors.As(err, &ee):
		return out.String(), errb.String(), ee.ExitCode()
	case err != nil:
		ts.Fatalf("postage %s: %v", strings.Join(args, " "), err)
	}
	return out.String(), errb.String(), 0
}

// cmdTicketCopies is `ticketcopies MXHOME BOOK CONTRACT RCPT...`: each
// recipient's copy in $WORK/out carries one ticket of BOOK at CONTRACT,
// bound to it; the receiving host (MXHOME) verifies it (pass, the ticket
// worth 0.001 ETH); then the coin of each ticket is read (as only the
// agent could). It needs two matches and a miss among them, and sets
// $MATCH and $MISS (a recipient of each) and $REVEALED (the matches
// left once $MATCH is punished).
func cmdTicketCopies(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) < 4 {
		ts.Fatalf("usage: ticketcopies MXHOME BOOK CONTRACT RCPT...")
	}
	f := &bookFlow{home: args[0], book: common.HexToHash(args[1])}
	for _, r := range args[3:] {
		raw := []byte(ts.ReadFile(filepath.Join(ts.Getenv("WORK"), "out", r+".eml")))
		end := bytes.Index(raw, []byte("\r\n\r\n"))
		if end < 0 {
			end = bytes.Index(raw, []byte("\n\n"))
		}
		if end < 0 {
			ts.Fatalf("copy for %s has no end of header", r)
		}
		hdr := string(raw[:end])
		if strings.Count(hdr, "Postage-Stamp:") != 1 || !strings.Contains(hdr, "kind=ticket") || !strings.Contains(hdr, "rcpt="+r) {
			ts.Fatalf("copy for %s:\n%s", r, hdr)
		}
		if b := bookFieldRE.FindStringSubmatch(hdr); b == nil || b[1] != args[1] {
			ts.Fatalf("copy for %s names another book: %s", r, hdr)
		}
		if c := contractFieldRE.FindStringSubmatch(hdr); c == nil || !strings.EqualFold(c[1], args[2]) {
			ts.Fatalf("copy for %s names another contract", r)
		}
		idx, err := strconv.Atoi(indexFieldRE.FindStringSubmatch(hdr)[1])
		ts.Check(err)
		vo, vs, code := postageIn(ts, f.home, raw, "verify", "--rcpt", r)
		if code != 0 || !strings.Contains(vs, "pass rcpt="+r+" ticket=pass ticket.value=1000000000000000wei") || !strings.Contains(vo, "Postage-Result: pass") {
			ts.Fatalf("verify %s: exit %d\n%s\n%s", r, code, vo, vs)
		}
		f.copies = append(f.copies, ticketCopy{rcpt: r, index: uint32(idx)})
	}
	a, _, done := scriptAgent(ts, f.home)
	defer done()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	var matches, misses []string
	for i := range f.copies {
		for {
			m, err := a.Coin(ctx, f.book, f.copies[i].index)
			if err == nil {
				f.copies[i].match = m
				if m {
					matches = append(matches, f.copies[i].rcpt)
				} else {
					misses = append(misses, f.copies[i].rcpt)
				}
				break
			}
			if ctx.Err() != nil {
				ts.Fatalf("coin of ticket %d: %v", f.copies[i].index, err)
			}
			time.Sleep(300 * time.Millisecond)
		}
	}
	if len(matches) < 2 || len(misses) < 1 {
		ts.Fatalf("%d matches and %d misses among %d tickets: want 2 and 1", len(matches), len(misses), len(f.copies))
	}
	f.match = matches[0]
	scriptBooks.set(ts, f)
	ts.Setenv("MATCH", matches[0])
	ts.Setenv("MISS", misses[0])
	ts.Setenv("REVEALED", strconv.Itoa(len(matches)-1))
	ts.Logf("%d matches, %d misses", len(matches), len(misses))
}

// cmdCredit is `credit NAME ACCOUNT`: $NAME is the TicketBook's credit of
// ACCOUNT, in wei.
func cmdCredit(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 2 {
		ts.Fatalf("usage: credit NAME ACCOUNT")
	}
	f := scriptBookFlow(ts)
	_, contract, done := scriptAgent(ts, f.home)
	defer done()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	c, err := contract.Credit(ctx, common.HexToAddress(args[1]))
	ts.Check(err)
	ts.Setenv(args[0], c.String())
}

func scriptBookFlow(ts *testscript.TestScript) *bookFlow {
	return scriptBooks.get(ts, "no ticketcopies in this script")
}

// cmdTicketsDecided is `ticketsdecided BEFORE ACCOUNT`: after the agent
// decided, exactly the matches other than $MATCH are paid, no ticket's
// value can be read any more, and ACCOUNT was credited twice the stake
// (0.001 ETH) for each paid ticket since its credit was BEFORE wei. It
// sets $CLAIM to the credit, as postage prints it (a regexp).
func cmdTicketsDecided(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 2 {
		ts.Fatalf("usage: ticketsdecided BEFORE ACCOUNT")
	}
	f := scriptBookFlow(ts)
	a, contract, done := scriptAgent(ts, f.home)
	defer done()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	paid := 0
	for _, m := range f.copies {
		tk, err := contract.Ticket(ctx, f.book, m.index)
		ts.Check(err)
		isPaid := tk.State == ticketbook.TicketPaid
		if want := m.match && m.rcpt != f.match; isPaid != want {
			ts.Fatalf("ticket %d (%s, match %v): paid %v, want %v", m.index, m.rcpt, m.match, isPaid, want)
		}
		if isPaid {
			paid++
		}
		// Every value is gone: no one can reveal, or show how it ended.
		if _, err := a.Coin(ctx, f.book, m.index); !errors.Is(err, agent.ErrErased) {
			ts.Fatalf("ticket %d: value still readable after the decision: %v", m.index, err)
		}
	}
	before, ok := new(big.Int).SetString(args[0], 10)
	if !ok {
		ts.Fatalf("ticketsdecided: BEFORE %q is not a number", args[0])
	}
	after, err := contract.Credit(ctx, common.HexToAddress(args[1]))
	ts.Check(err)
	if got, want := new(big.Int).Sub(after, before), new(big.Int).Mul(big.NewInt(2e15), big.NewInt(int64(paid))); got.Cmp(want) != 0 {
		ts.Fatalf("sender credited %s, want %s (2 x 0.001 ETH per revealed ticket)", got, want)
	}
	ts.Setenv("CLAIM", regexp.QuoteMeta(chain.FormatWei(after)))
}

// cmdMilterSend is `miltersend ADDR FILE FROM RCPT`: the message in FILE
// (its From, To and Postage-Stamp fields) goes through the milter at ADDR
// until its verdict is not a temperror of a ticket book not reached yet
// (at most a minute); the Postage-Result fields it added are on stdout.
func cmdMilterSend(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 4 {
		ts.Fatalf("usage: miltersend ADDR FILE FROM RCPT")
	}
	parsed, err := readMessage([]byte(ts.ReadFile(args[1])))
	ts.Check(err)
	var fields []miltertest.Field
	for _, k := range []string{"From", "To", "Postage-Stamp"} {
		for _, v := range parsed.Header.Values(k) {
			fields = append(fields, miltertest.Field{Name: k, Value: v})
		}
	}
	var verdict string
	for start := time.Now(); ; time.Sleep(500 * time.Millisecond) {
		sess, err := miltertest.Dial("tcp", args[0], 10*time.Second)
		if err != nil {
			if time.Since(start) > time.Minute {
				ts.Fatalf("milter at %s: %v", args[0], err)
			}
			continue
		}
		r, err := sess.Send(&miltertest.Message{From: args[2], Rcpts: []string{args[3]}, Header: fields})
		sess.Close()
		ts.Check(err)
		verdict = strings.Join(r.Added("Postage-Result"), "\n")
		// Until the agent has connected the ticket is temperror (fails open).
		if !strings.Contains(verdict, "ticket=chain-unavailable") || time.Since(start) > time.Minute {
			break
		}
	}
	fmt.Fprintln(ts.Stdout(), verdict)
}

// scriptChain is startchain's chain in this script.
func scriptChain(ts *testscript.TestScript) *devnet.Chain {
	testChainsMu.Lock()
	c := testChains[ts]
	testChainsMu.Unlock()
	if c == nil {
		ts.Fatalf("no startchain in this script")
	}
	return c
}
