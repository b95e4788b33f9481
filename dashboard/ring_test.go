package dashboard

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/postage-mail/postage"
	"github.com/postage-mail/postage/milter"
)

func verdict(rcpt string, res postage.Result, reasons ...string) postage.Verdict {
	v := postage.Verdict{Recipient: rcpt, Result: res}
	for i := 0; i+1 < len(reasons); i += 2 {
		v.Reasons = append(v.Reasons, postage.Reason{Name: reasons[i], Value: reasons[i+1]})
	}
	return v
}

func TestRingKeepsTheLastNAcrossRestart(t *testing.T) {
	path := filepath.Join(t.TempDir(), "verdicts.db")
	r, err := OpenRing(path, 5)
	if err != nil {
		t.Fatal(err)
	}
	t0 := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	for i := range 8 {
		r.Add(t0.Add(time.Duration(i)*time.Second), "milter", []postage.Verdict{verdict(fmt.Sprintf("u%d@example.com", i), postage.Pass, "work", "20")})
	}
	if r.Len() != 5 {
		t.Fatalf("in memory: %d entries, want 5", r.Len())
	}
	if err := r.Close(); err != nil {
		t.Fatal(err)
	}
	r, err = OpenRing(path, 5)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	rows, total := r.Recent(Filter{}, 100)
	if total != 5 || len(rows) != 5 {
		t.Fatalf("after restart: %d rows of %d, want 5", len(rows), total)
	}
	if rows[0].Verdict.Recipient != "u7@example.com" || rows[4].Verdict.Recipient != "u3@example.com" {
		t.Fatalf("after restart, newest %s oldest %s: want u7 and u3", rows[0].Verdict.Recipient, rows[4].Verdict.Recipient)
	}
	if !rows[0].Time.Equal(t0.Add(7*time.Second)) || rows[0].Source != "milter" {
		t.Fatalf("entry came back as %+v", rows[0])
	}
	if v, _ := rows[0].Verdict.Reason("work"); v != "20" {
		t.Fatalf("reasons came back as %v", rows[0].Verdict.Reasons)
	}
	// A smaller ring trims the file at open.
	r.Close()
	r, err = OpenRing(path, 2)
	if err != nil {
		t.Fatal(err)
	}
	if r.Len() != 2 {
		t.Fatalf("reopened with size 2: %d entries", r.Len())
	}
}

func TestRingFilterAndWindow(t *testing.T) {
	r, err := OpenRing(filepath.Join(t.TempDir(), "v.db"), 100)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	now := time.Date(2026, 1, 2, 12, 0, 0, 0, time.UTC)
	r.Add(now.Add(-2*time.Hour), "milter", []postage.Verdict{verdict("old@example.com", postage.Fail, "work", "double-spent")})
	r.Add(now.Add(-30*time.Minute), "milter", []postage.Verdict{
		verdict("alice@example.com", postage.Pass, "stake", "pass", "work", "20"),
		verdict("Bob@example.com", postage.Neutral),
	})
	r.Add(now.Add(-time.Minute), "verify", []postage.Verdict{verdict("alice@example.com", postage.TempError, "ticket", "chain-unavailable")})

	c, hist := r.Window(now.Add(-time.Hour), now, 4)
	if c.Total(postage.Pass) != 1 || c.Total(postage.Neutral) != 1 || c.Total(postage.TempError) != 1 || c.Total(postage.Fail) != 0 {
		t.Fatalf("last hour counts %v", c)
	}
	if c[postage.Pass]["stake"] != 1 || c[postage.Pass]["work"] != 1 || c[postage.Neutral]["none"] != 1 || c[postage.TempError]["ticket"] != 1 {
		t.Fatalf("by kind %v", c)
	}
	if hist[2][postage.Pass] != 1 || hist[3][postage.TempError] != 1 {
		t.Fatalf("bins %v", hist)
	}
	c, _ = r.Window(now.Add(-24*time.Hour), now, 0)
	if c.Total(postage.Fail) != 1 {
		t.Fatalf("last day: fail %d, want 1", c.Total(postage.Fail))
	}
	rows, total := r.Recent(Filter{Recipient: "BOB"}, 10)
	if total != 1 || rows[0].Verdict.Result != postage.Neutral {
		t.Fatalf("search bob: %v", rows)
	}
	rows, total = r.Recent(Filter{Result: postage.Pass, Recipient: "alice"}, 10)
	if total != 1 || rows[0].Verdict.Result != postage.Pass {
		t.Fatalf("alice pass: %v", rows)
	}
	if _, total = r.Recent(Filter{Result: postage.Fail}, 0); total != 1 {
		t.Fatalf("fail: %d", total)
	}
}

func TestRingObservesReceiveModeOnly(t *testing.T) {
	r, err := OpenRing(filepath.Join(t.TempDir(), "v.db"), 10)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	r.Observe(milter.Report{Mode: milter.Send, Stamped: 3})
	r.Observe(milter.Report{Mode: milter.Receive, Verdicts: []postage.Verdict{verdict("a@b.example", postage.Pass, "work", "20")}})
	if r.Len() != 1 {
		t.Fatalf("%d entries, want the receive-mode verdict only", r.Len())
	}
}

func TestRingLockedFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "v.db")
	r, err := OpenRing(path, 10)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	if _, err := OpenRing(path, 10); err == nil {
		t.Fatal("a second open of a held ring succeeded")
	}
	if _, err := OpenRing(filepath.Join(t.TempDir(), "w.db"), 0); err == nil {
		t.Fatal("size 0 accepted")
	}
}

func TestETH(t *testing.T) {
	for in, want := range map[string]string{
		"0": "0 ETH", "10000000000000000": "0.01 ETH", "1500000000000000000": "1.5 ETH", "1": "≈0.000000 ETH", "x": "x",
	} {
		if got := ETH(in); got != want {
			t.Errorf("ETH(%s) = %q, want %q", in, got, want)
		}
	}
}

func TestSpoolReachesTheRing(t *testing.T) {
	dir := t.TempDir()
	spool := filepath.Join(dir, SpoolFile)
	t0 := time.Date(2026, 1, 2, 3, 4, 5, 6, time.UTC)
	if err := AppendSpool(spool, t0, "verify", []postage.Verdict{
		verdict("a@example.com", postage.Pass, "work", "20"), verdict("b@example.com", postage.Fail, "stake", "burned", "deposit", "0a0b0c0d0e0f"),
	}); err != nil {
		t.Fatal(err)
	}
	r, err := OpenRing(filepath.Join(dir, "v.db"), 10)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	n, err := r.TakeSpool(spool)
	if err != nil || n != 2 {
		t.Fatalf("took %d, %v", n, err)
	}
	rows, _ := r.Recent(Filter{}, 10)
	if len(rows) != 2 || rows[0].Source != "verify" || !rows[0].Time.Equal(t0) {
		t.Fatalf("rows %+v", rows)
	}
	if v, _ := rows[1].Verdict.Reason("stake"); v != "burned" && rows[0].Verdict.Recipient != "b@example.com" {
		t.Fatalf("rows %+v", rows)
	}
	if n, err := r.TakeSpool(spool); n != 0 || err != nil {
		t.Fatalf("second take: %d, %v", n, err)
	}
	if _, err := os.Stat(spool); !os.IsNotExist(err) {
		t.Fatalf("spool left behind: %v", err)
	}
	// A spool nobody takes stops growing.
	big := strings.Repeat("x", MaxSpool+1)
	if err := os.WriteFile(spool, []byte(big), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := AppendSpool(spool, t0, "verify", []postage.Verdict{verdict("c@example.com", postage.Neutral)}); err == nil {
		t.Fatal("an oversized spool grew")
	}
	if n, err := r.TakeSpool(spool); n != 0 || err == nil {
		t.Fatalf("garbage spool: took %d, %v", n, err)
	}
}

// A busy milter adds verdicts hundreds of times a second; the writer
// commits them together rather than once each (every commit is two
// fdatasyncs), and the file still holds the newest max of them.
func TestRingCoalescesCommits(t *testing.T) {
	path := filepath.Join(t.TempDir(), "verdicts.db")
	r, err := OpenRing(path, 30)
	if err != nil {
		t.Fatal(err)
	}
	writes := func() int64 { s := r.db.Stats(); return s.TxStats.GetWrite() }
	before := writes()
	t0 := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	for i := range 50 {
		r.Add(t0.Add(time.Duration(i)*time.Second), "milter", []postage.Verdict{verdict(fmt.Sprintf("u%d@example.com", i), postage.Pass)})
		time.Sleep(2 * time.Millisecond)
	}
	if err := r.Flush(); err != nil {
		t.Fatal(err)
	}
	// Each commit writes at least one page; 50 commits would write 50 or more.
	if w := writes() - before; w > 12 {
		t.Fatalf("50 verdicts added 2 ms apart took %d page writes: the writer committed them one by one", w)
	}
	if err := r.Close(); err != nil {
		t.Fatal(err)
	}
	r, err = OpenRing(path, 30)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	if rows, total := r.Recent(Filter{}, 100); total != 30 || rows[0].Verdict.Recipient != "u49@example.com" || rows[29].Verdict.Recipient != "u20@example.com" {
		t.Fatalf("after restart: %d entries, newest %s, oldest %s; want 30, u49, u20", total, rows[0].Verdict.Recipient, rows[len(rows)-1].Verdict.Recipient)
	}
}
