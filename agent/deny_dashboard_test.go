package agent

import (
	"bytes"
	"context"
	"net/http/httptest"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	bbolt "go.etcd.io/bbolt"

	"github.com/postage-mail/postage"
	"github.com/postage-mail/postage/dashboard"
)

// After a ticket is decided, nothing the dashboard stores or shows tells a
// punished ticket from a parity miss (issue 15): a matching ticket the
// recipient punished and a missing one nobody punished leave the same
// ticket record in the agent, the same verdict in the dashboard's ring
// (written at check time, never by the decision), the same row on the
// Messages page, and the Ticket books page only counts.
func TestDashboardCannotTellPunishedFromMiss(t *testing.T) {
	f := newFixture(t, 64, time.Hour, 5_000)
	ring, err := dashboard.OpenRing(filepath.Join(t.TempDir(), "verdicts.db"), 100)
	if err != nil {
		t.Fatal(err)
	}
	defer ring.Close()
	at := time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC)
	var punished, missed *sent
	var verdicts []postage.Verdict
	for i := 0; i < 32 && (punished == nil || missed == nil); i++ {
		rcpt := "m@example.com"
		if punished != nil {
			rcpt = "x@example.com"
		}
		s := f.send(acSender, rcpt)
		v, err := f.a.VerifyTicket(testCtx(t), s.header, "", s.rcpt)
		if err != nil || !v.Valid {
			t.Fatalf("ticket %d: %+v, %v", s.index, v, err)
		}
		match := f.coin(s.index)
		switch {
		case punished == nil && match:
			punished = &s
		case punished != nil && !match:
			missed = &s
		default:
			continue
		}
		// The verdict as the checker gives it (ticket.go) goes into the
		// ring when the milter checks the message.
		verdicts = append(verdicts, postage.Verdict{Recipient: rcpt, Result: postage.Pass, Reasons: []postage.Reason{
			{Name: "ticket", Value: "pass"}, {Name: "ticket.value", Value: v.Value.String() + "wei"}, {Name: "book", Value: "0a0b0c0d0e0f"}}})
	}
	if punished == nil || missed == nil {
		t.Fatal("no matching and missing ticket in 32")
	}
	ring.Add(at, "milter", verdicts)
	if err := ring.Flush(); err != nil {
		t.Fatal(err)
	}
	books := func(context.Context) (dashboard.Books, error) {
		n, err := f.a.Pending()
		if err != nil {
			return dashboard.Books{}, err
		}
		return dashboard.Books{Undecided: n}, nil
	}
	srv, err := dashboard.New(dashboard.Options{Sources: dashboard.Sources{Ring: ring, Books: books}, Now: func() time.Time { return at }, Refresh: -1})
	if err != nil {
		t.Fatal(err)
	}
	page := func(path string) string {
		rec := httptest.NewRecorder()
		srv.ServeHTTP(rec, httptest.NewRequest("GET", path, nil))
		if rec.Code != 200 {
			t.Fatalf("GET %s: %d", path, rec.Code)
		}
		body := rec.Body.String()
		// The page's own clock and token are not state.
		body = regexp.MustCompile(`As of [^.]*\.`).ReplaceAllString(body, "")
		return regexp.MustCompile(`name="csrf" value="[0-9a-f]+"`).ReplaceAllString(body, "")
	}
	rows := func(rcpt string) string {
		s := page("/messages?rcpt=" + rcpt)
		i, j := strings.Index(s, "<tbody>"), strings.Index(s, "</tbody>")
		return strings.ReplaceAll(s[i:j], rcpt, "RCPT")
	}
	before := map[string]string{"m": rows("m@example.com"), "x": rows("x@example.com")}

	// The recipient punishes the matching ticket; the other is left to
	// its coin. Past the decision delay both are decided.
	if res, err := f.a.Punish(testCtx(t), punished.header, punished.rcpt); err != nil || res != Punished {
		t.Fatalf("punish: %v, %v", res, err)
	}
	f.clock.t = f.clock.t.Add(time.Hour + time.Second)
	if _, err := f.a.Tick(testCtx(t)); err != nil {
		t.Fatal(err)
	}
	if n, _ := f.a.Pending(); n != 0 {
		t.Fatalf("%d tickets undecided", n)
	}
	var recP, recM []byte
	err = f.a.withDB(func(db *bbolt.DB) error {
		return db.View(func(tx *bbolt.Tx) error {
			b := tx.Bucket(ticketsBucket)
			recP = bytes.Clone(b.Get(ticketKey(f.book.ID, punished.index)))
			recM = bytes.Clone(b.Get(ticketKey(f.book.ID, missed.index)))
			return nil
		})
	})
	if err != nil {
		t.Fatal(err)
	}
	if recP == nil || !bytes.Equal(recP, recM) {
		t.Fatalf("the agent's records differ: punished %s, missed %s", recP, recM)
	}
	// The ring and the Messages page: as they were at check time, and the
	// same for both.
	after := map[string]string{"m": rows("m@example.com"), "x": rows("x@example.com")}
	if after["m"] != before["m"] || after["x"] != before["x"] {
		t.Fatalf("the decision changed the Messages page:\nbefore %q\nafter  %q", before, after)
	}
	if after["m"] != after["x"] {
		t.Fatalf("the punished and the missed ticket show differently:\n%s\n%s", after["m"], after["x"])
	}
	if !strings.Contains(after["m"], "ticket=pass") {
		t.Fatalf("no ticket verdict on the page: %s", after["m"])
	}
	if s := page("/books"); !strings.Contains(s, "0 tickets waiting") {
		t.Fatalf("ticket books page: %s", s)
	}
}
