package agent

import (
	"errors"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
)

// NewestOpen picks the newest open book that keep accepts, asks keep
// about every open book (and only those), and stops at keep's error.
func TestNewestOpen(t *testing.T) {
	t0 := time.Unix(1_700_000_000, 0)
	books := []BookRecord{
		{ID: common.Hash{1}, State: BookOpen, Created: t0},
		{ID: common.Hash{2}, State: BookClosed, Created: t0.Add(3 * time.Hour)},
		{ID: common.Hash{3}, State: BookOpen, Created: t0.Add(2 * time.Hour)},
		{ID: common.Hash{4}, State: BookOpen, Created: t0.Add(time.Hour)},
		{ID: common.Hash{5}, State: BookOpening, Created: t0.Add(4 * time.Hour)},
	}
	if b, err := NewestOpen(books, nil); err != nil || b == nil || b.ID != (common.Hash{3}) {
		t.Fatalf("NewestOpen(all) = %+v, %v; want book 3", b, err)
	}
	var asked []byte
	b, err := NewestOpen(books, func(b *BookRecord) (bool, error) {
		asked = append(asked, b.ID[0])
		return b.ID != (common.Hash{3}), nil
	})
	if err != nil || b == nil || b.ID != (common.Hash{4}) {
		t.Fatalf("NewestOpen(not 3) = %+v, %v; want book 4", b, err)
	}
	if string(asked) != "\x01\x03\x04" {
		t.Errorf("keep was asked about books %v, want the open ones 1, 3, 4", asked)
	}
	boom := errors.New("chain down")
	if b, err := NewestOpen(books, func(*BookRecord) (bool, error) { return false, boom }); !errors.Is(err, boom) || b != nil {
		t.Errorf("keep failing: %+v, %v; want its error", b, err)
	}
	if b, err := NewestOpen(nil, nil); b != nil || err != nil {
		t.Errorf("no books: %+v, %v", b, err)
	}
}
