package metrics

import (
	"context"
	"errors"
	"io"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/postage-mail/postage"
	"github.com/postage-mail/postage/milter"
	"github.com/postage-mail/postage/store/bolt"
)

func scrape(t *testing.T, m *Metrics) string {
	t.Helper()
	srv := httptest.NewServer(m.Handler())
	defer srv.Close()
	resp, err := srv.Client().Get(srv.URL)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// unreachable is a deposit reader whose chain never answers.
type unreachable struct{}

func (unreachable) Deposit(context.Context, postage.DepositRef) (postage.Deposit, error) {
	return postage.Deposit{}, errors.New("dial tcp 127.0.0.1:1: connection refused")
}

func (unreachable) Burned(context.Context, postage.DepositRef, uint32) (bool, error) {
	return false, errors.New("dial tcp 127.0.0.1:1: connection refused")
}

func TestExport(t *testing.T) {
	m := New()
	m.Observe(milter.Report{Mode: milter.Receive, Result: postage.Fail, Action: milter.Reject, Removed: 2, Elapsed: 3 * time.Millisecond,
		Verdicts: []postage.Verdict{{Result: postage.Pass}, {Result: postage.Fail}, {Result: postage.Fail}}})
	m.Observe(milter.Report{Mode: milter.Send, Action: milter.Tag, Stamped: 3, Elapsed: 40 * time.Millisecond})

	d := m.Deposits(unreachable{})
	d.Deposit(context.Background(), postage.DepositRef{})
	d.Burned(context.Background(), postage.DepositRef{}, 0)

	st, err := bolt.Open(filepath.Join(t.TempDir(), "spent.db"), nil)
	if err != nil {
		t.Fatal(err)
	}
	s := m.Spent(st)
	exp := time.Now().Add(time.Hour)
	if err := s.Spend(context.Background(), "a", "msg-1", exp); err != nil {
		t.Fatal(err)
	}
	if err := s.Spend(context.Background(), "a", "msg-2", exp); !errors.Is(err, postage.ErrSpent) {
		t.Fatalf("double spend through the wrapper: %v", err)
	}
	st.Close()
	if err := s.Spend(context.Background(), "b", "msg-1", exp); err == nil {
		t.Fatal("spend on a closed store succeeded")
	}

	hits, misses, ok := uint64(0), uint64(0), false
	m.CacheStats(func() (uint64, uint64, bool) { return hits, misses, ok })
	out := scrape(t, m)
	for _, want := range []string{
		`postage_verdicts_total{result="fail"} 2`,
		`postage_verdicts_total{result="pass"} 1`,
		`postage_verdicts_total{result="neutral"} 0`,
		`postage_messages_total{action="reject",mode="receive",result="fail"} 1`,
		`postage_messages_total{action="tag",mode="send",result=""} 1`,
		`postage_check_duration_seconds_bucket{mode="receive",le="0.005"} 1`,
		`postage_check_duration_seconds_bucket{mode="receive",le="0.0025"} 0`,
		`postage_check_duration_seconds_count{mode="send"} 1`,
		`postage_forged_results_removed_total 2`,
		`postage_work_stamps_added_total 3`,
		`postage_chain_errors_total 2`,
		`postage_store_errors_total 1`, // the double spend is not an error
		`postage_chain_cache_hit_ratio 0`,
		`postage_chain_connected 0`,
	} {
		if !strings.Contains(out, want+"\n") {
			t.Errorf("metrics lack %q", want)
		}
	}
	if !strings.Contains(out, "\ngo_goroutines ") {
		t.Error("no Go runtime metrics")
	}
	hits, misses, ok = 3, 1, true
	out = scrape(t, m)
	for _, want := range []string{"postage_chain_cache_hits_total 3\n", "postage_chain_cache_misses_total 1\n", "postage_chain_cache_hit_ratio 0.75\n", "postage_chain_connected 1\n"} {
		if !strings.Contains(out, want) {
			t.Errorf("metrics lack %q", want)
		}
	}
}
