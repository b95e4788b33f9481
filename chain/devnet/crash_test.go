package devnet_test

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"math/big"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
	gethlog "github.com/ethereum/go-ethereum/log"

	"github.com/postage-mail/postage/chain"
	"github.com/postage-mail/postage/chain/devnet"
)

// TestMain lets a test run this binary as a chain process that it can
// kill -9 (DEVNET_CHILD=<data dir>).
func TestMain(m *testing.M) {
	if dir := os.Getenv("DEVNET_CHILD"); dir != "" {
		os.Exit(child(dir))
	}
	os.Exit(m.Run())
}

func child(dir string) int {
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGTERM)
	defer stop()
	h := slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelWarn})
	gethlog.SetDefault(gethlog.NewLogger(h))
	c, err := devnet.Start(ctx, devnet.Config{DataDir: dir, Addr: "127.0.0.1:0", Period: time.Second, Delay: 5 * time.Second,
		Logger: slog.New(h)})
	if err != nil {
		fmt.Fprintln(os.Stderr, "start:", err)
		return 70
	}
	fmt.Println("ENDPOINT", c.Endpoint())
	<-ctx.Done()
	_ = c.Stop(context.Background())
	return 0
}

// startChild runs a chain process on dir and returns its endpoint.
func startChild(t *testing.T, dir string) (*exec.Cmd, string) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), "DEVNET_CHILD="+dir)
	cmd.Stderr = os.Stderr
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = cmd.Process.Kill(); _ = cmd.Wait() })
	lines := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(out)
		for sc.Scan() {
			if ep, ok := strings.CutPrefix(sc.Text(), "ENDPOINT "); ok {
				lines <- ep
			}
		}
		close(lines)
	}()
	select {
	case ep, ok := <-lines:
		if !ok {
			t.Fatal("chain process exited before it ran")
		}
		return cmd, ep
	case <-time.After(2 * time.Minute):
		t.Fatal("chain process did not start within 2 minutes")
	}
	return nil, ""
}

func kill9(t *testing.T, cmd *exec.Cmd) {
	t.Helper()
	if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	_ = cmd.Wait()
}

// TestKill9KeepsMinedBlocks: a chain killed with SIGKILL right after its
// first deposit (before any clean stop: the case that used to leave "no
// contract code at address") restarts with the contract and the deposit,
// and so does one killed again right after a second deposit.
func TestKill9KeepsMinedBlocks(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 4*time.Minute)
	defer cancel()
	dir := t.TempDir()
	var ids []common.Hash
	var contract common.Address
	var lastBlock uint64
	for round := range 3 {
		cmd, ep := startChild(t, dir)
		ec, id, err := chain.Dial(ctx, ep, nil)
		if err != nil {
			t.Fatal(err)
		}
		dep, err := devnet.ReadDeployment(dir)
		if err != nil {
			t.Fatal(err)
		}
		if round == 0 {
			contract = dep.Contract
		} else if dep.Contract != contract {
			t.Fatalf("round %d: contract moved from %s to %s", round, contract, dep.Contract)
		}
		c := chain.NewContract(ec, dep.Contract)
		for _, prev := range ids {
			d, err := c.ReadDeposit(ctx, prev, nil)
			if err != nil || d.Status != chain.StatusActive {
				t.Fatalf("round %d: deposit %s mined before the kill: %+v, %v", round, prev, d, err)
			}
		}
		if n, err := ec.BlockNumber(ctx); err != nil || n < lastBlock {
			t.Fatalf("round %d: head %d after restart, %v; block %d was mined before the kill", round, n, err, lastBlock)
		}
		opts, err := devnet.DevTransactor(dir, "", id)
		if err != nil {
			t.Fatal(err)
		}
		root := crypto.Keccak256Hash([]byte(fmt.Sprint("root", round)))
		res, err := chain.NewWriter(c, opts).Deposit(ctx, root, 2, big.NewInt(2e15), nil)
		if err != nil {
			t.Fatalf("round %d: deposit: %v", round, err)
		}
		ids = append(ids, res.ID)
		lastBlock = res.Receipt.BlockNumber.Uint64()
		ec.Close()
		kill9(t, cmd) // at once: the deposit was just reported mined
	}
	// A last start in this process: nothing was dropped.
	c := start(ctx, t, devnet.Config{DataDir: dir, Addr: "127.0.0.1:0", Period: time.Second})
	if d := c.Dropped(); d != nil {
		t.Fatalf("Dropped = %+v after kills of a crash-safe chain", d)
	}
	for _, id := range ids {
		d, err := chain.NewContract(c.Client(), contract).ReadDeposit(ctx, id, nil)
		if err != nil || d.Status != chain.StatusActive {
			t.Fatalf("deposit %s after the last restart: %+v, %v", id, d, err)
		}
	}
}

// TestLostContractIsRedeployed: when the recorded contract has no code
// (its block lost), Start deploys it again instead of failing forever, at
// the recorded address when the developer nonce can reach it.
func TestLostContractIsRedeployed(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	dir := t.TempDir()
	cfg := devnet.Config{DataDir: dir, Addr: "127.0.0.1:0", Period: time.Second, Delay: 7 * time.Second}
	c := start(ctx, t, cfg)
	dep := c.Deployment()
	if err := c.Stop(ctx); err != nil {
		t.Fatal(err)
	}
	// Pretend the deployment was made two transactions later than it was
	// and its block is gone: that address has no code yet.
	lost := dep
	lost.Contract = crypto.CreateAddress(dep.Creator, 3)
	writeDeployment(t, dir, lost)

	c2 := start(ctx, t, cfg)
	got := c2.Deployment()
	if got.Contract != lost.Contract || got.Delay != 7 {
		t.Fatalf("after redeploy: %+v, want contract %s delay 7", got, lost.Contract)
	}
	if err := chain.NewContract(c2.Client(), got.Contract).Check(ctx); err != nil {
		t.Fatalf("redeployed contract: %v", err)
	}
	if rec, err := devnet.ReadDeployment(dir); err != nil || rec != got {
		t.Fatalf("deployment.json = %+v, %v; want %+v", rec, err, got)
	}
	if err := c2.Stop(ctx); err != nil {
		t.Fatal(err)
	}

	// An address the nonce can no longer reach: a new address, recorded,
	// with a warning.
	far := got
	far.Contract = common.HexToAddress("0x00000000000000000000000000000000000000aa")
	writeDeployment(t, dir, far)
	c3 := start(ctx, t, cfg)
	if c3.Deployment().Contract == far.Contract || len(c3.Warnings()) == 0 {
		t.Fatalf("deployment %+v warnings %q: want a new address and a warning", c3.Deployment(), c3.Warnings())
	}
	if err := chain.NewContract(c3.Client(), c3.Deployment().Contract).Check(ctx); err != nil {
		t.Fatal(err)
	}
}

// TestDroppedBlocksReported: a head recorded by an earlier run that the
// database no longer has is reported.
func TestDroppedBlocksReported(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	dir := t.TempDir()
	cfg := devnet.Config{DataDir: dir, Addr: "127.0.0.1:0", Period: time.Second}
	c := start(ctx, t, cfg)
	if err := c.Stop(ctx); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "head"), []byte("100000\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	c2 := start(ctx, t, cfg)
	d := c2.Dropped()
	if d == nil || d.RecordedHead != 100000 || d.Head >= 100000 {
		t.Fatalf("Dropped = %+v, want recorded head 100000", d)
	}
}

func writeDeployment(t *testing.T, dir string, d devnet.Deployment) {
	t.Helper()
	data, err := json.Marshal(d)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "deployment.json"), data, 0o600); err != nil {
		t.Fatal(err)
	}
}

// TestStartRefusesNearlyFullDisk: with less free space than MinFree the
// chain does not open its database (go-ethereum would exit on the first
// failed write) and says why.
func TestStartRefusesNearlyFullDisk(t *testing.T) {
	_, err := devnet.Start(context.Background(), devnet.Config{DataDir: t.TempDir(), Addr: "127.0.0.1:0", MinFree: 1 << 62})
	if !errors.Is(err, devnet.ErrDiskFull) || !strings.Contains(err.Error(), "min_free") {
		t.Fatalf("Start on a 'full' disk: %v, want ErrDiskFull naming min_free", err)
	}
}
