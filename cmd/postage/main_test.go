package main

import (
	"errors"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"

	"github.com/postage-mail/postage/agent"
	"github.com/postage-mail/postage/host"
)

func TestMain(m *testing.M) {
	// Vault keys at the standard scrypt cost take a second each: the
	// tests' processes (this one, and it re-run as postage) use the light
	// cost. The shipped binary has no switch for this.
	host.VaultScrypt = agent.LightScrypt
	// Tests that need real processes re-run this binary as postage.
	if os.Getenv("POSTAGE_TEST_AS_MAIN") == "1" {
		os.Exit(Main())
	}
	testscript.Main(m, map[string]func(){
		"postage": func() { os.Exit(Main()) },
	})
}

func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir:                 "testdata",
		RequireExplicitExec: true,
		Setup: func(e *testscript.Env) error {
			e.Setenv("POSTAGE_HOME", e.WorkDir+"/.postage")
			if p, err := exec.LookPath("hashcash"); err == nil {
				e.Setenv("HASHCASH", p)
			}
			return nil
		},
		Cmds: map[string]func(*testscript.TestScript, bool, []string){
			"startchain": cmdStartChain,
			"fund":       cmdFund,
			// A second deposit contract (policy.stake.trusted).
			"deploycontract": cmdDeployContract,
			"exitcode":       cmdExitCode,
			"envfile":        cmdEnvFile,
			// The ticket-book flow (book_script_test.go).
			"startdns":       cmdStartDNS,
			"dnszone":        cmdDNSZone,
			"waitblocks":     cmdWaitBlocks,
			"ticketcopies":   cmdTicketCopies,
			"credit":         cmdCredit,
			"ticketsdecided": cmdTicketsDecided,
			"miltersend":     cmdMilterSend,
			// The Postfix flow (postfix_script_test.go).
			"startpostfix": cmdStartPostfix,
			"smtpsend":     cmdSMTPSend,
			"waitmail":     cmdWaitMail,
			"waitlisten":   cmdWaitListen,
			"httpget":      cmdHTTPGet,
			"freeport":     cmdFreePort,
			// The Dovecot flow (dovecot_script_test.go).
			"startdovecot": cmdStartDovecot,
			"imapcreate":   cmdIMAPCreate,
			"imapcount":    cmdIMAPCount,
			"imapmove":     cmdIMAPMove,
			"waitlog":      cmdWaitLog,
			"startrelay":   cmdStartRelay,
			"stoprelay":    cmdStopRelay,
			"stakemail":    cmdStakeMail,
			"burned":       cmdBurned,
			"waitburned":   cmdWaitBurned,
			"depositleft":  cmdDepositLeft,
			"relaystatus":  cmdRelayStatus,
		},
	})
}

// cmdExitCode runs a program and asserts its exit status:
// `exitcode 75 postage withdraw --due`. Its stdout and stderr are kept
// for the next stdout/stderr assertions, as exec's are.
func cmdExitCode(ts *testscript.TestScript, neg bool, args []string) {
	if neg {
		ts.Fatalf("unsupported: ! exitcode")
	}
	if len(args) < 2 {
		ts.Fatalf("usage: exitcode N program [args...]")
	}
	want, err := strconv.Atoi(args[0])
	if err != nil {
		ts.Fatalf("exitcode: %q is not a number", args[0])
	}
	err = ts.Exec(args[1], args[2:]...)
	got := 0
	if err != nil {
		var ee *exec.ExitError
		if !errors.As(err, &ee) {
			ts.Fatalf("exitcode: run %s: %v", args[1], err)
		}
		got = ee.ExitCode()
	}
	if got != want {
		ts.Fatalf("%s exited %d, want %d", args[1], got, want)
	}
}

// cmdEnvFile sets an environment variable to a file's content, its
// surrounding white space trimmed: `envfile ID id.txt`, then `$ID`.
func cmdEnvFile(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 2 {
		ts.Fatalf("usage: envfile NAME FILE")
	}
	ts.Setenv(args[0], strings.TrimSpace(ts.ReadFile(args[1])))
}
