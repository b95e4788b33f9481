package redis

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/postage-mail/postage"
	"github.com/postage-mail/postage/store/redis/redistest"
	"github.com/postage-mail/postage/store/storetest"
)

func TestConformance(t *testing.T) {
	url := redistest.Start(t)
	var n atomic.Int32
	storetest.RunWith(t, func(t *testing.T) (postage.SpentStore, func() postage.SpentStore) {
		// A fresh prefix is a fresh, empty store on the shared server.
		prefix := fmt.Sprintf("test%d:", n.Add(1))
		open := func() postage.SpentStore {
			s, err := Open(url, &Options{Prefix: prefix})
			if err != nil {
				t.Fatal(err)
			}
			return s
		}
		return open(), open
	}, storetest.Options{SelfExpiring: true, Shared: true})
}

// Two handles are two milters on two hosts: each stamp is accepted by
// exactly one of them.
func TestSharedByTwoClients(t *testing.T) {
	url := redistest.Start(t)
	ctx := context.Background()
	a, err := Open(url, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	b, err := Open(url, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	exp := time.Now().Add(time.Hour)
	for i := 0; i < 200; i++ {
		stamp := fmt.Sprintf("1:20:260101:rcpt%d@example.com::r:c", i)
		var wg sync.WaitGroup
		errs := make([]error, 2)
		for j, s := range []*Store{a, b} {
			wg.Add(1)
			go func() { defer wg.Done(); errs[j] = s.Spend(ctx, stamp, fmt.Sprintf("msg-%d", j), exp) }()
		}
		wg.Wait()
		ok := 0
		for _, err := range errs {
			switch {
			case err == nil:
				ok++
			case !errors.Is(err, postage.ErrSpent):
				t.Fatalf("spend: %v", err)
			}
		}
		if ok != 1 {
			t.Fatalf("stamp %d accepted %d times, want exactly once", i, ok)
		}
	}
}

func TestServerDownIsAnErrorNotSpent(t *testing.T) {
	// Nothing listens on port 1: every spend fails, none is "spent".
	s, err := Open("redis://127.0.0.1:1/0?dial_timeout=1s&max_retries=-1", nil)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	err = s.Spend(context.Background(), "1:20:260101:a@example.com::r:c", "msg-1", time.Now().Add(time.Hour))
	if err == nil || errors.Is(err, postage.ErrSpent) {
		t.Fatalf("spend with redis down: %v, want a connection error", err)
	}
	if s.Ping(context.Background()) == nil {
		t.Fatal("ping succeeded with nothing listening")
	}
}

func TestBadURL(t *testing.T) {
	for _, u := range []string{"", "http://127.0.0.1:6379", "redis://127.0.0.1:6379/0?no_such_option=1"} {
		if _, err := Open(u, nil); err == nil {
			t.Errorf("Open(%q) accepted", u)
		}
	}
}

func TestTTLSetFromExpiry(t *testing.T) {
	url := redistest.Start(t)
	s, err := Open(url, &Options{Prefix: "ttl:"})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	ctx := context.Background()
	if err := s.Spend(ctx, "hour", "msg-1", time.Now().Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	if err := s.Spend(ctx, "forever", "msg-1", time.Time{}); err != nil {
		t.Fatal(err)
	}
	ttl, err := s.client.PTTL(ctx, "ttl:hour").Result()
	if err != nil || ttl < 59*time.Minute || ttl > time.Hour {
		t.Errorf("TTL of a stamp expiring in an hour: %v, %v", ttl, err)
	}
	// -1: the key exists without a TTL.
	if ttl, err := s.client.PTTL(ctx, "ttl:forever").Result(); err != nil || ttl != -1 {
		t.Errorf("TTL of a stamp that never expires: %v, %v", ttl, err)
	}
}

// BenchmarkSpend measures accepted stamps per second from 64 concurrent
// spenders on one loopback Redis.
func BenchmarkSpend(b *testing.B) {
	url := redistest.Start(b)
	s, err := Open(url, nil)
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	ctx := context.Background()
	exp := time.Now().Add(time.Hour)
	var next atomic.Int64
	b.SetParallelism(32)
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			if err := s.Spend(ctx, fmt.Sprintf("1:20:260101:bench%d@example.com::r:c", next.Add(1)), "msg", exp); err != nil {
				b.Error(err)
				return
			}
		}
	})
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "spends/s")
}

// BenchmarkSpendSetNXReference is the reference for BenchmarkSpend: the
// single SET NX PX the store used before spends recorded their message
// (one command instead of one script), on the same server and load.
func BenchmarkSpendSetNXReference(b *testing.B) {
	url := redistest.Start(b)
	s, err := Open(url, nil)
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	ctx := context.Background()
	var next atomic.Int64
	b.SetParallelism(32)
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			key := fmt.Sprintf("%s1:20:260101:bench%d@example.com::r:c", s.prefix, next.Add(1))
			if err := s.client.SetNX(ctx, key, "msg", time.Hour).Err(); err != nil {
				b.Error(err)
				return
			}
		}
	})
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "spends/s")
}
