package main

import (
	"os"
	"os/exec"
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
		},
	})
}
