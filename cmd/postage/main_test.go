package main

import (
	"errors"
	"os"
	"os/exec"
	"strconv"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
)

func TestMain(m *testing.M) {
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
