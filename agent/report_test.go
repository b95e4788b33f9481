package agent

import (
	"math/big"
	"strings"
	"testing"

	"github.com/ethereum/go-ethereum/common"

	"github.com/postage-mail/postage/chain/ticketbook"
)

// ListLine shows the on-chain state only when there is one.
func TestListLine(t *testing.T) {
	r := BookRecord{ID: common.Hash{1}, State: BookOpen, Leaves: 4096, Stake: big.NewInt(1_000_000_000_000_000)}
	local := r.ListLine(nil)
	if want := (common.Hash{1}).String() + " " + BookOpen + " 4096 values, 0.001 ETH a ticket"; local != want {
		t.Fatalf("ListLine(nil) = %q, want %q", local, want)
	}
	b := &ticketbook.Book{Status: ticketbook.BookOpen, Sold: 7, Pool: big.NewInt(0), Reserve: big.NewInt(2_000_000_000_000_000), Queued: 1}
	got := r.ListLine(b)
	want := local + "; on chain " + ticketbook.BookOpen.String() + ", 7 sold, pool 0 ETH, reserve 0.002 ETH, 1 payouts queued"
	if got != want {
		t.Fatalf("ListLine = %q, want %q", got, want)
	}
}

func TestTickReportString(t *testing.T) {
	r := TickReport{Pending: 1, Decided: 2, Revealed: 3, SeedsRecorded: 4, UnsoldErased: 5}
	if got, want := r.String(), "decided 2 (revealed 3), pending 1, seeds recorded 4, unsold values erased 5"; got != want {
		t.Fatalf("%q, want %q", got, want)
	}
}

// Every result has its own report.
func TestPunishResultReport(t *testing.T) {
	seen := map[string]bool{}
	for _, r := range []PunishResult{Punished, AlreadyDecided, NotAccepted} {
		s := r.Report()
		if seen[s] || strings.HasPrefix(s, "punish result") {
			t.Fatalf("%d: report %q", r, s)
		}
		seen[s] = true
	}
	if !strings.Contains(NotAccepted.Report(), "never accepted") {
		t.Fatalf("NotAccepted: %q", NotAccepted.Report())
	}
}
