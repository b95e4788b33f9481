package milter

import (
	"context"
	"errors"
	"log/slog"
	"sync"
	"syscall"
	"time"

	"github.com/postage-mail/postage"
)

// The checker turns a spent store that fails into a temperror verdict
// (work=store-unavailable) and keeps the error to itself; the milter
// watches the store's answers for the message so the operator learns why
// (a full disk, a lock, Redis gone) from the log.

// spentWatch passes Spend through and keeps the first failure.
type spentWatch struct {
	postage.SpentStore
	mu  sync.Mutex
	err error
}

func (w *spentWatch) Spend(ctx context.Context, key, msg string, expires time.Time) error {
	err := w.SpentStore.Spend(ctx, key, msg, expires)
	if err != nil && !errors.Is(err, postage.ErrSpent) {
		w.mu.Lock()
		if w.err == nil {
			w.err = err
		}
		w.mu.Unlock()
	}
	return err
}

func (w *spentWatch) first() error {
	if w == nil {
		return nil
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.err
}

// watchSpent is c with its spent store watched, for one message.
func watchSpent(c *postage.Checker) (*postage.Checker, *spentWatch) {
	if c == nil || c.Spent == nil {
		return c, nil
	}
	w := &spentWatch{SpentStore: c.Spent}
	cc := *c
	cc.Spent = w
	return &cc, w
}

// logStoreError logs a spent store failure once per message.
func (s *session) logStoreError(err error) {
	attrs := append(s.logAttrs(), slog.String("err", err.Error()))
	msg := "milter: the spent store failed; work stamps get temperror (work=store-unavailable) until it is back"
	switch {
	case errors.Is(err, syscall.ENOSPC):
		msg = "milter: the spent store's disk is full; work stamps get temperror (work=store-unavailable) until space is freed"
	case errors.Is(err, syscall.EROFS):
		msg = "milter: the spent store's file system is read-only; work stamps get temperror (work=store-unavailable)"
	case errors.Is(err, context.DeadlineExceeded):
		msg = "milter: the spent store did not answer within milter.timeout; work stamps get temperror (work=store-unavailable)"
	}
	s.srv.cfg.Logger.LogAttrs(s.srv.ctx, slog.LevelError, msg, attrs...)
}
