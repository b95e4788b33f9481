package main

import (
	"context"
	"encoding/json"
	"math/big"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/params"
	"github.com/rogpeppe/go-internal/testscript"

	"github.com/postage-mail/postage/chain"
	"github.com/postage-mail/postage/chain/devnet"
	"github.com/postage-mail/postage/relay"
)

// TestRelayScripts runs testdata/relay: `postage relay` as a process on
// the embedded chain, and `postage punish --relay` by recipients who have
// no account at all.
func TestRelayScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir:                 filepath.Join("testdata", "relay"),
		RequireExplicitExec: true,
		Setup: func(e *testscript.Env) error {
			e.Setenv("POSTAGE_HOME", e.WorkDir+"/.postage")
			return nil
		},
		Cmds: map[string]func(*testscript.TestScript, bool, []string){
			"startchain":   cmdStartChain,
			"freeport":     cmdFreePort,
			"waithealth":   cmdWaitHealth,
			"tomlset":      cmdTOMLSet,
			"relayaccount": cmdRelayAccount,
			"droprelay":    cmdDropRelay,
			"exitcode":     cmdExitCode,
		},
	})
}

// cmdFreePort is `freeport VAR`: sets VAR to a loopback port free right now.
func cmdFreePort(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 1 {
		ts.Fatalf("usage: freeport VAR")
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	ts.Check(err)
	port := ln.Addr().(*net.TCPAddr).Port
	ts.Check(ln.Close())
	ts.Setenv(args[0], strconv.Itoa(port))
}

// cmdWaitHealth is `waithealth URL`: waits (at most a minute) until the
// relay at URL answers its health check with 200.
func cmdWaitHealth(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 1 {
		ts.Fatalf("usage: waithealth URL")
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	var last string
	for ctx.Err() == nil {
		req, _ := http.NewRequestWithContext(ctx, http.MethodGet, args[0]+"/v1/health", nil)
		resp, err := http.DefaultClient.Do(req)
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return
			}
			last = resp.Status
		} else {
			last = err.Error()
		}
		time.Sleep(100 * time.Millisecond)
	}
	ts.Fatalf("relay at %s not healthy within a minute: %s", args[0], last)
}

// cmdTOMLSet is `tomlset FILE SECTION KEY VALUE`: sets key = VALUE (a TOML
// value, written as given) in [SECTION] of FILE, replacing the key if the
// section has it and adding the section if it is missing.
func cmdTOMLSet(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 4 {
		ts.Fatalf("usage: tomlset FILE SECTION KEY VALUE")
	}
	path := ts.MkAbs(args[0])
	data, err := os.ReadFile(path)
	ts.Check(err)
	header, line := "["+args[1]+"]", args[2]+" = "+args[3]
	lines := strings.Split(strings.TrimRight(string(data), "\n"), "\n")
	in, done := false, false
	var out []string
	for _, l := range lines {
		t := strings.TrimSpace(l)
		switch {
		case t == header:
			in = true
			out = append(out, l, line)
			done = true
			continue
		case strings.HasPrefix(t, "["):
			in = false
		case in && strings.HasPrefix(t, args[2]) && strings.HasPrefix(strings.TrimSpace(t[len(args[2]):]), "="):
			continue // the old value
		}
		out = append(out, l)
	}
	if !done {
		out = append(out, "", header, line)
	}
	ts.Check(os.WriteFile(path, []byte(strings.Join(out, "\n")+"\n"), 0o600))
}

// cmdRelayAccount is `relayaccount`: after startchain, it makes the relay
// an account of its own (keystore $WORK/relay/keystore, passphrase file
// $WORK/relay/pass), funds it with 1 ETH from the chain's developer
// account, writes $WORK/relay/postage.toml (the chain config with that
// account) and sets $RELAY_ACCOUNT.
func cmdRelayAccount(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 0 {
		ts.Fatalf("usage: relayaccount")
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	dir := ts.MkAbs("relay")
	ts.Check(os.MkdirAll(dir, 0o700))
	pass := filepath.Join(dir, "pass")
	ts.Check(os.WriteFile(pass, []byte("relay passphrase\n"), 0o600))
	acct, err := chain.OpenKeystoreLight(filepath.Join(dir, "keystore")).New("relay passphrase")
	ts.Check(err)

	client, id, err := chain.Dial(ctx, ts.Getenv("RPC"), nil)
	ts.Check(err)
	defer client.Close()
	home := ts.Getenv("POSTAGE_HOME")
	dev, err := devnet.DevTransactor(filepath.Join(home, "testchain"), "", id)
	ts.Check(err)
	nonce, err := client.PendingNonceAt(ctx, dev.From)
	ts.Check(err)
	to := acct.Address
	tx := types.NewTx(&types.DynamicFeeTx{ChainID: id, Nonce: nonce, GasTipCap: big.NewInt(params.GWei), GasFeeCap: big.NewInt(10 * params.GWei), Gas: 21000, To: &to, Value: big.NewInt(params.Ether)})
	signed, err := dev.Signer(dev.From, tx)
	ts.Check(err)
	ts.Check(client.SendTransaction(ctx, signed))
	_, err = bind.WaitMined(ctx, client, signed.Hash())
	ts.Check(err)

	cfg, err := os.ReadFile(filepath.Join(home, "postage.toml"))
	ts.Check(err)
	var out []string
	for _, line := range strings.Split(string(cfg), "\n") {
		switch {
		case strings.HasPrefix(line, "keystore = "):
			line = "keystore = " + strconv.Quote(filepath.Join(dir, "keystore"))
		case strings.HasPrefix(line, "account = "):
			line = "account = " + strconv.Quote(to.Hex())
		case strings.HasPrefix(line, "password_file = "):
			line = "password_file = " + strconv.Quote(pass)
		}
		out = append(out, line)
	}
	ts.Check(os.WriteFile(filepath.Join(dir, "postage.toml"), []byte(strings.Join(out, "\n")), 0o600))
	ts.Setenv("RELAY_ACCOUNT", to.Hex())
}

// cmdDropRelay is `droprelay VAR URL`: it serves, on a loopback port
// whose base URL it puts in VAR, a relay that lies: its health is the
// real relay's at URL, it accepts every burn request and drops it, and
// it reports every request burned in a transaction that does not exist.
// A punisher must find out from the chain.
func cmdDropRelay(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 2 {
		ts.Fatalf("usage: droprelay VAR URL")
	}
	real := &relay.Client{URL: args[1]}
	mux := http.NewServeMux()
	mux.HandleFunc("GET "+relay.PathHealth, func(w http.ResponseWriter, req *http.Request) {
		h, err := real.Health(req.Context())
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadGateway)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		_ = json.NewEncoder(w).Encode(h)
	})
	mux.HandleFunc("POST "+relay.PathBurns, func(w http.ResponseWriter, req *http.Request) {
		var br relay.BurnRequest
		if err := json.NewDecoder(req.Body).Decode(&br); err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		b, err := br.Parse()
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusAccepted)
		_ = json.NewEncoder(w).Encode(relay.SubmitResponse{ID: b.ID(), Status: relay.StateQueued})
	})
	mux.HandleFunc("GET "+relay.PathBurns+"/{id}", func(w http.ResponseWriter, req *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_ = json.NewEncoder(w).Encode(relay.Status{ID: req.PathValue("id"), Status: relay.StateBurned, Kind: "burn",
			Tx: "0x" + strings.Repeat("ab", 32), Block: 1, Bounty: "1"})
	})
	srv := httptest.NewServer(mux)
	ts.Defer(srv.Close)
	ts.Setenv(args[0], srv.URL)
}
