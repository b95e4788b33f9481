package host

import (
	"bytes"
	"context"
	"io"
	"log"
	"log/slog"

	gethlog "github.com/ethereum/go-ethereum/log"
)

// NewLogger is the text log on w; go-milter's own messages (it logs with
// the standard log package) join it as warnings.
func NewLogger(w io.Writer, verbose bool) *slog.Logger {
	level := slog.LevelInfo
	if verbose {
		level = slog.LevelDebug
	}
	l := slog.New(slog.NewTextHandler(w, &slog.HandlerOptions{Level: level}))
	log.SetFlags(0)
	log.SetOutput(stdLogWriter{l})
	return l
}

type stdLogWriter struct{ l *slog.Logger }

func (w stdLogWriter) Write(p []byte) (int, error) {
	w.l.Warn(string(bytes.TrimSpace(p)), "from", "go-milter")
	return len(p), nil
}

// GethHandler is the embedded chain's log handler: go-ethereum's
// terminal format on w from level up, with gethNotes applied
// (StartEmbeddedChain makes it go-ethereum's root logger too).
func GethHandler(w io.Writer, level slog.Level) slog.Handler {
	return explainGeth{gethlog.NewTerminalHandlerWithLevel(w, level, false)}
}

// gethNotes is what postage knows about go-ethereum's warnings in the
// embedded chain's log: harmless ones are lowered to debug (shown with -v),
// others get an explanation. `postage help chain` lists them.
var gethNotes = map[string]struct {
	level slog.Level
	note  string
}{
	// A new database: the genesis is the only block.
	"Head block is not reachable": {slog.LevelDebug, ""},
	// The previous run was killed: the chain is crash-safe, and
	// devnet logs an ERROR of its own if blocks were lost anyway.
	"Unclean shutdown detected": {slog.LevelWarn, "the previous run was killed or crashed; the embedded chain is crash-safe, and an ERROR follows if blocks were lost anyway"},
	// eth_estimateGas of a transaction that would revert: the caller
	// gets the revert reason.
	"Served eth_estimateGas": {slog.LevelDebug, ""},
	"Served eth_call":        {slog.LevelDebug, ""},
	// A receipt asked for while the node still indexes transactions
	// after a start: the caller (bind.WaitMined) asks again.
	"Served eth_getTransactionReceipt": {slog.LevelDebug, ""},
}

// explainGeth wraps go-ethereum's log handler with gethNotes.
type explainGeth struct{ slog.Handler }

func (h explainGeth) Enabled(ctx context.Context, l slog.Level) bool {
	// Warnings may be lowered, so they are always looked at.
	return l >= slog.LevelWarn || h.Handler.Enabled(ctx, l)
}

func (h explainGeth) Handle(ctx context.Context, r slog.Record) error {
	if n, ok := gethNotes[r.Message]; ok {
		r.Level = n.level
		if n.note != "" {
			r.AddAttrs(slog.String("postage", n.note))
		}
	}
	if !h.Handler.Enabled(ctx, r.Level) {
		return nil
	}
	return h.Handler.Handle(ctx, r)
}

func (h explainGeth) WithAttrs(a []slog.Attr) slog.Handler {
	return explainGeth{h.Handler.WithAttrs(a)}
}

func (h explainGeth) WithGroup(name string) slog.Handler {
	return explainGeth{h.Handler.WithGroup(name)}
}
