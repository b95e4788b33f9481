package dashboard

import (
	"fmt"
	"net/http/httptest"
	"path/filepath"
	"testing"
	"time"

	"github.com/postage-mail/postage"
)

// benchRing is a ring of n verdicts spread over the last week, as the
// milter leaves it (mixed results and kinds), reopened from disk.
func benchRing(b *testing.B, n int) *Ring {
	b.Helper()
	path := filepath.Join(b.TempDir(), "verdicts.db")
	r, err := OpenRing(path, n)
	if err != nil {
		b.Fatal(err)
	}
	now := time.Now()
	step := 7 * 24 * time.Hour / time.Duration(n)
	kinds := [][]string{{"work", "20"}, {"stake", "pass", "stake.value", "1000000000000000wei", "deposit", "0a0b0c0d0e0f"}, {"ticket", "pass"}, nil}
	results := []postage.Result{postage.Pass, postage.Pass, postage.Fail, postage.Neutral, postage.TempError}
	batch := make([]postage.Verdict, 0, 100)
	for i := range n {
		batch = append(batch, verdict(fmt.Sprintf("user%d@example.com", i%5000), results[i%len(results)], kinds[i%len(kinds)]...))
		if len(batch) == cap(batch) {
			r.Add(now.Add(-time.Duration(n-i)*step), "milter", batch)
			batch = batch[:0]
		}
	}
	if err := r.Close(); err != nil {
		b.Fatal(err)
	}
	start := time.Now()
	r, err = OpenRing(path, n)
	if err != nil {
		b.Fatal(err)
	}
	b.Logf("reopened a ring of %d verdicts in %v", r.Len(), time.Since(start).Round(time.Millisecond))
	b.Cleanup(func() { r.Close() })
	return r
}

// BenchmarkDashboardOpen is one load of each page the way a browser asks
// for it (the HTML; the CSS and script are static), on a ring of 100,000
// verdicts. The dashboard must open in under 200 ms.
func BenchmarkDashboardOpen(b *testing.B) {
	r := benchRing(b, 100_000)
	if r.Len() != 100_000 {
		b.Fatalf("ring holds %d", r.Len())
	}
	srv, err := New(Options{Sources: Sources{Ring: r}, Refresh: -1})
	if err != nil {
		b.Fatal(err)
	}
	for _, path := range []string{"/", "/messages", "/messages?verdict=fail&rcpt=user42@"} {
		b.Run(path, func(b *testing.B) {
			for b.Loop() {
				rec := httptest.NewRecorder()
				srv.ServeHTTP(rec, httptest.NewRequest("GET", path, nil))
				if rec.Code != 200 {
					b.Fatalf("GET %s: %d", path, rec.Code)
				}
			}
		})
	}
}
