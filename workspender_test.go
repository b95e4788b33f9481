package postage

import (
	"context"
	"errors"
	"testing"
	"time"
)

func TestWorkSpenderSpendsEachStampOnce(t *testing.T) {
	s := &memSpent{}
	w := WorkSpender(s)
	ctx := context.Background()
	if spent, err := w.Spend(ctx, "1:20:x", time.Time{}); spent || err != nil {
		t.Fatalf("first spend: %v, %v", spent, err)
	}
	if spent, err := w.Spend(ctx, "1:20:x", time.Time{}); !spent || err != nil {
		t.Fatalf("second spend: %v, %v (want spent: no message identity)", spent, err)
	}
	broken := errors.New("disk gone")
	s.fail = broken
	if spent, err := w.Spend(ctx, "1:20:y", time.Time{}); spent || !errors.Is(err, broken) {
		t.Fatalf("broken store: %v, %v", spent, err)
	}
}
