package hashcash

import (
	"context"
	"sync/atomic"
	"testing"

	"github.com/postage-mail/postage/hashcash/internal/search"
)

// BenchmarkMintRate is the minter's search rate with the kernel Mint picks,
// on GOMAXPROCS workers: run with -cpu 1,2 for one core and both.
func BenchmarkMintRate(b *testing.B) {
	l, err := newLayout("1:160:260101:bench@example.com::", MaxBits, zeroReader{})
	if err != nil {
		b.Fatal(err)
	}
	k := search.Best()
	var base atomic.Uint64
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		start := base.Add(1 << 40)
		for pb.Next() {
			k.Search(&l.job, start, chunk)
			start += chunk
		}
	})
	b.ReportMetric(float64(b.N)*chunk/b.Elapsed().Seconds()/1e6, "MH/s")
	b.ReportMetric(0, "ns/op")
}

// BenchmarkMint16 mints real 16-bit stamps end to end (layout, random field,
// workers, search), so per-stamp overhead shows.
func BenchmarkMint16(b *testing.B) {
	for b.Loop() {
		if _, err := Mint(context.Background(), "bench@example.com", 16, nil); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkCheck is one full check: parse, SHA-1, resource, dates.
func BenchmarkCheck(b *testing.B) {
	p := &Policy{Requirements: []Requirement{{Resource: "*@example.com", Bits: 20}}, Validity: 0}
	for b.Loop() {
		if _, err := p.Check(heidi); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "checks/s")
}

type zeroReader struct{}

func (zeroReader) Read(p []byte) (int, error) {
	clear(p)
	return len(p), nil
}
