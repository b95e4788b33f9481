package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// writeMessage writes a message with a body of size bytes of 8-bit text.
func writeMessage(t testing.TB, size int) string {
	path := filepath.Join(t.TempDir(), "big.eml")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	w := bufio.NewWriter(f)
	fmt.Fprintf(w, "From: a@example.net\nTo: heidi@example.com\nX-Hashcash: %s\nSubject: big\n\n", heidiStamp)
	line := strings.Repeat("caf\xe9 0123456789 ", 5) + "\n"
	for n := 0; n < size; n += len(line) {
		w.WriteString(line)
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	f.Close()
	return path
}

// peakRSS runs postage verify on the file and returns its peak resident
// set in bytes.
func peakRSS(t testing.TB, path string) int64 {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	in, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer in.Close()
	home := t.TempDir()
	// Work stamps counted (the default accepts stake only), so the expired
	// stamp fails rather than being ignored.
	if err := os.WriteFile(filepath.Join(home, "postage.toml"), []byte("[policy]\naccept = [\"allowlist\", \"stake\", \"work\"]\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	cmd := postageCmd(ctx, "verify", "--rcpt", "heidi@example.com")
	cmd.Env = append(cmd.Env, "POSTAGE_HOME="+home)
	cmd.Stdin = in
	cmd.Stdout = io.Discard
	if err := cmd.Run(); procExitCode(err) != exitInvalid { // the stamp is long expired: fail
		t.Fatalf("verify: %v", err)
	}
	return cmd.ProcessState.SysUsage().(*syscall.Rusage).Maxrss * 1024
}

// A 50 MB message costs no more memory than a small one, give or take the
// runtime's noise: the body streams.
func TestVerifyMemoryBoundedByHeader(t *testing.T) {
	small := peakRSS(t, writeMessage(t, 1<<10))
	big := peakRSS(t, writeMessage(t, 50<<20))
	t.Logf("peak RSS: 1 KiB message %d MiB, 50 MiB message %d MiB", small>>20, big>>20)
	if big > small+8<<20 {
		t.Fatalf("50 MiB message peaked at %d MiB, small one at %d MiB: the body is being buffered", big>>20, small>>20)
	}
}

// BenchmarkVerify50MB reports the peak RSS and throughput of verify on a
// 50 MiB message.
func BenchmarkVerify50MB(b *testing.B) {
	path := writeMessage(b, 50<<20)
	var peak int64
	for b.Loop() {
		peak = max(peak, peakRSS(b, path))
	}
	b.ReportMetric(float64(peak)/(1<<20), "peak-RSS-MiB")
	b.ReportMetric(float64(50*b.N)/b.Elapsed().Seconds(), "MiB/s")
}
