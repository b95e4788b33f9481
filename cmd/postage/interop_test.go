package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/postage-mail/postage/hashcash"
)

// postageCmd runs this test binary as the postage command.
func postageCmd(ctx context.Context, args ...string) *exec.Cmd {
	c := exec.CommandContext(ctx, os.Args[0], args...)
	c.Env = append(os.Environ(), "POSTAGE_TEST_AS_MAIN=1")
	return c
}

func procExitCode(err error) int {
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		return ee.ExitCode()
	}
	if err != nil {
		return -1
	}
	return 0
}

func needHashcash(t *testing.T) string {
	t.Helper()
	p, err := exec.LookPath("hashcash")
	if err != nil {
		t.Fatal("hashcash 1.22 is not installed; install it with: apt-get install hashcash")
	}
	return p
}

var interopResources = []string{"alice@example.com", "Bob.Mixed@Example.ORG", "user+tag@sub.example.co.uk", "foo", strings.Repeat("long", 12) + "@example.com"}

// Stamps minted by Debian's hashcash now pass postage check, once.
func TestInteropHashcashMintsPostageChecks(t *testing.T) {
	hc := needHashcash(t)
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	for _, bits := range []int{8, 12, 16, 20} {
		for _, res := range interopResources {
			out, err := exec.CommandContext(ctx, hc, "-m", "-q", "-b", fmt.Sprint(bits), res).Output()
			if err != nil {
				t.Fatalf("hashcash -m -b %d %s: %v", bits, res, err)
			}
			stamp := strings.TrimSpace(string(out))
			db := filepath.Join(t.TempDir(), "spent.db")
			args := []string{"check", "-d", db, "-b", fmt.Sprint(bits), "-r", res, stamp}
			if out, err := postageCmd(ctx, args...).CombinedOutput(); err != nil {
				t.Fatalf("postage %s: %v\n%s", strings.Join(args, " "), err, out)
			}
			out, err = postageCmd(ctx, args...).CombinedOutput()
			if procExitCode(err) != exitInvalid || !bytes.Contains(out, []byte("double spent")) {
				t.Fatalf("second check of %s: exit %d, %s; want 1, double spent", stamp, procExitCode(err), out)
			}
		}
	}
}

// Stamps postage mints, with every search kernel this machine runs, pass
// `hashcash -c -d -b N -r R`, once.
func TestInteropPostageMintsHashcashChecks(t *testing.T) {
	hc := needHashcash(t)
	ctx, cancel := context.WithTimeout(context.Background(), 4*time.Minute)
	defer cancel()
	kernels := hashcash.Kernels()
	if len(kernels) < 2 {
		t.Fatalf("only kernels %v here; every machine has at least stdlib and generic", kernels)
	}
	for _, kernel := range kernels {
		for _, bits := range []int{8, 12, 16, 20} {
			for i, res := range interopResources {
				width := []string{"6", "10", "12"}[i%3]
				out, err := postageCmd(ctx, "mint", "--kernel", kernel, "-b", fmt.Sprint(bits), "-z", width, res).Output()
				if err != nil {
					t.Fatalf("postage mint --kernel %s -b %d %s: %v", kernel, bits, res, err)
				}
				stamp := strings.TrimSpace(string(out))
				db := filepath.Join(t.TempDir(), "hc.sdb")
				check := exec.CommandContext(ctx, hc, "-c", "-d", "-f", db, "-b", fmt.Sprint(bits), "-r", res, stamp)
				if out, err := check.CombinedOutput(); err != nil {
					t.Fatalf("hashcash -c -d -b %d -r %s %s: %v\n%s", bits, res, stamp, err, out)
				}
				check = exec.CommandContext(ctx, hc, "-c", "-d", "-f", db, "-b", fmt.Sprint(bits), "-r", res, stamp)
				if out, err := check.CombinedOutput(); procExitCode(err) != 1 {
					t.Fatalf("hashcash second check of %s: exit %d (%s), want 1", stamp, procExitCode(err), out)
				}
			}
		}
	}
}

// 50 processes present one stamp to one spent store at once: exactly one
// accepts it.
func TestConcurrentChecksOneWinner(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	out, err := postageCmd(ctx, "mint", "-b", "20", "race@example.com").Output()
	if err != nil {
		t.Fatal(err)
	}
	stamp := strings.TrimSpace(string(out))
	db := filepath.Join(t.TempDir(), "same.db")
	const n = 50
	codes := make([]int, n)
	outs := make([][]byte, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			out, err := postageCmd(ctx, "check", "-d", db, "-b", "20", "-r", "race@example.com", stamp).CombinedOutput()
			codes[i], outs[i] = procExitCode(err), out
		}()
	}
	wg.Wait()
	wins := 0
	for i, c := range codes {
		switch c {
		case exitOK:
			wins++
		case exitInvalid:
			if !bytes.Contains(outs[i], []byte("double spent")) {
				t.Errorf("process %d: exit 1 without double spent: %s", i, outs[i])
			}
		default:
			t.Errorf("process %d: exit %d: %s", i, c, outs[i])
		}
	}
	if wins != 1 {
		t.Fatalf("%d processes accepted the stamp, want exactly 1", wins)
	}
}
