package chain_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/ethereum/go-ethereum/ethclient"

	"github.com/postage-mail/postage/chain"
)

const gethInstall = "GOBIN=$HOME/go/bin go install github.com/ethereum/go-ethereum/cmd/geth@v1.17.8 (or run .ci/geth.sh and set POSTAGE_GETH to the path it prints)"

// gethDevKey is the key `geth --dev` funds (go-ethereum's cmd/utils
// DeveloperKey), public test money only.
const gethDevKey = "b71c71a67e1177ad4e901695e1b4b9ee17ae16c6668d313eac2f96dbcda3f291"

// findGeth returns the geth binary: $POSTAGE_GETH, else geth on PATH. A
// missing geth fails the test: the real node is part of what is tested.
func findGeth(t *testing.T) string {
	t.Helper()
	if p := os.Getenv("POSTAGE_GETH"); p != "" {
		if _, err := os.Stat(p); err != nil {
			t.Fatalf("POSTAGE_GETH=%s: %v; install geth with: %s", p, err, gethInstall)
		}
		return p
	}
	p, err := exec.LookPath("geth")
	if err != nil {
		t.Fatalf("geth not found (set POSTAGE_GETH or put it on PATH); install it with: %s", gethInstall)
	}
	return p
}

// syncBuffer collects a process's output for the failure message.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// startGeth runs `geth --dev --dev.period 1` with HTTP JSON-RPC on a free
// loopback port and a temporary data dir, and returns a client of it. The
// process is stopped (SIGINT, then SIGKILL) when the test ends.
func startGeth(ctx context.Context, t *testing.T) *ethclient.Client {
	t.Helper()
	ec, _ := startGethURL(ctx, t)
	return ec
}

// startGethURL is startGeth, also giving the JSON-RPC URL.
func startGethURL(ctx context.Context, t *testing.T) (*ethclient.Client, string) {
	t.Helper()
	bin := findGeth(t)
	var lastErr error
	for attempt := 0; attempt < 3; attempt++ {
		port := freePort(t)
		out := &syncBuffer{}
		cmd := exec.Command(bin,
			"--dev", "--dev.period", "1",
			"--datadir", t.TempDir(),
			"--http", "--http.addr", "127.0.0.1", "--http.port", strconv.Itoa(port), "--http.api", "eth,net,web3",
			"--ipcdisable", "--nodiscover", "--maxpeers", "0", "--port", "0",
			"--authrpc.addr", "127.0.0.1", "--authrpc.port", strconv.Itoa(freePort(t)),
			"--verbosity", "2",
		)
		cmd.Stdout, cmd.Stderr = out, out
		if err := cmd.Start(); err != nil {
			t.Fatalf("start %s: %v", bin, err)
		}
		exited := make(chan error, 1)
		go func() { exited <- cmd.Wait() }()
		stop := func() {
			_ = cmd.Process.Signal(syscall.SIGINT)
			select {
			case <-exited:
			case <-time.After(10 * time.Second):
				_ = cmd.Process.Kill()
				<-exited
			}
		}
		url := fmt.Sprintf("http://127.0.0.1:%d", port)
		ec, err := waitRPC(ctx, url, exited)
		if err == nil {
			t.Cleanup(func() {
				ec.Close()
				stop()
			})
			return ec, url
		}
		stop()
		lastErr = fmt.Errorf("%w\ngeth output:\n%s", err, out.String())
		if !strings.Contains(out.String(), "address already in use") {
			break
		}
	}
	t.Fatalf("geth --dev did not come up: %v", lastErr)
	return nil, ""
}

func freePort(t *testing.T) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

func waitRPC(ctx context.Context, url string, exited <-chan error) (*ethclient.Client, error) {
	deadline := time.Now().Add(60 * time.Second)
	for {
		select {
		case err := <-exited:
			return nil, fmt.Errorf("geth exited: %v", err)
		default:
		}
		cctx, cancel := context.WithTimeout(ctx, 2*time.Second)
		ec, _, err := chain.Dial(cctx, url, nil)
		cancel()
		if err == nil {
			return ec, nil
		}
		if time.Now().After(deadline) || ctx.Err() != nil {
			return nil, fmt.Errorf("no JSON-RPC at %s: %v", url, err)
		}
		time.Sleep(200 * time.Millisecond)
	}
}

// TestGethDevLifecycle runs the deposit lifecycle on a real node:
// deploy with a short delay, deposit, status, burn (the cache follows the
// event), start the withdrawal, withdraw too early (refused, naming the
// unlock time), withdraw after the delay.
func TestGethDevLifecycle(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	ec := startGeth(ctx, t)
	id, err := ec.ChainID(ctx)
	if err != nil {
		t.Fatal(err)
	}
	key, err := crypto.HexToECDSA(gethDevKey)
	if err != nil {
		t.Fatal(err)
	}
	opts := bind.NewKeyedTransactor(key, id)

	const delay = 4 * time.Second
	addr, _, err := chain.Deploy(ctx, ec, opts, delay)
	if err != nil {
		t.Fatalf("deploy on geth --dev: %v", err)
	}
	contract := chain.NewContract(ec, addr)
	if err := contract.Check(ctx); err != nil {
		t.Fatal(err)
	}
	w := chain.NewWriter(contract, opts)
	w.PollInterval = 200 * time.Millisecond
	r := chain.NewReader(contract)
	wctx, stopWatch := context.WithCancel(ctx)
	defer stopWatch()
	go r.Watch(wctx, chain.WatchOptions{Interval: 200 * time.Millisecond})

	if got, err := r.Delay(ctx); err != nil || got != delay {
		t.Fatalf("delay %v, %v", got, err)
	}
	tr := newTree(t, 3)
	dep, err := w.Deposit(ctx, tr.root(), 3, eth(30), eth(1))
	if err != nil {
		t.Fatalf("deposit: %v", err)
	}
	waitFor(ctx, t, "the watcher", func() bool { return r.Stats().Live })
	d, err := r.Deposit(ctx, dep.ID)
	if err != nil || d.Status != chain.StatusActive || d.Leaves != 3 || d.Value.Cmp(eth(30)) != 0 || d.Creator != opts.From {
		t.Fatalf("status after deposit: %+v, %v", d, err)
	}

	b, err := w.Burn(ctx, dep.ID, tr.secrets[2], 2, tr.proof(t, 2))
	if err != nil {
		t.Fatalf("burn: %v", err)
	}
	if b.Burned.Cmp(eth(9)) != 0 || b.Bounty.Cmp(eth(1)) != 0 {
		t.Fatalf("burned %v, bounty %v", b.Burned, b.Bounty)
	}
	if _, err := w.Burn(ctx, dep.ID, tr.secrets[2], 2, tr.proof(t, 2)); !errors.Is(err, chain.ErrLeafAlreadyBurned) {
		t.Fatalf("second burn: %v", err)
	}
	waitFor(ctx, t, "the burn's invalidation", func() bool {
		d, err := r.Deposit(ctx, dep.ID)
		return err == nil && d.BurnedLeaves == 1
	})

	unlock, _, err := w.StartWithdrawal(ctx, dep.ID)
	if err != nil {
		t.Fatalf("start withdrawal: %v", err)
	}
	_, _, err = w.Withdraw(ctx, dep.ID)
	var le *chain.LockedError
	if !errors.As(err, &le) || !le.UnlockAt.Equal(unlock) || !strings.Contains(err.Error(), unlock.UTC().Format(time.RFC3339)) {
		t.Fatalf("early withdraw: %v (unlock %v)", err, unlock)
	}
	// The Writer refused before sending; the node's own answer is the same
	// refusal, decoded from geth's revert data.
	data, err := contract.ABI().Pack("withdraw", dep.ID)
	if err != nil {
		t.Fatal(err)
	}
	_, err = ec.EstimateGas(ctx, ethereum.CallMsg{From: opts.From, To: &addr, Data: data})
	if err := chain.AsRevert(contract, err); !errors.As(err, &le) || !le.UnlockAt.Equal(unlock) {
		t.Fatalf("geth's estimate of an early withdraw: %v", err)
	}
	time.Sleep(time.Until(unlock) + 1500*time.Millisecond)
	amount, _, err := w.Withdraw(ctx, dep.ID)
	if err != nil {
		t.Fatalf("withdraw after the delay: %v", err)
	}
	if amount.Cmp(eth(20)) != 0 { // 30 minus one 10-share burned
		t.Fatalf("withdrew %v, want 0.02 ETH", amount)
	}
	waitFor(ctx, t, "the withdrawal's invalidation", func() bool {
		d, err := r.Deposit(ctx, dep.ID)
		return err == nil && d.Status == chain.StatusWithdrawn
	})
}
