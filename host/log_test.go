package host

import (
	"bytes"
	"log/slog"
	"strings"
	"testing"
)

// go-ethereum's harmless warnings are lowered to debug, the unclean
// shutdown one is explained, others pass as they are.
func TestGethHandlerNotes(t *testing.T) {
	var buf bytes.Buffer
	l := slog.New(GethHandler(&buf, slog.LevelWarn))
	l.Warn("Served eth_call", "err", "execution reverted")
	l.Warn("Head block is not reachable")
	if buf.Len() != 0 {
		t.Errorf("lowered warnings logged at warn level:\n%s", buf.String())
	}
	l.Warn("Unclean shutdown detected")
	if out := buf.String(); !strings.Contains(out, "WARN") || !strings.Contains(out, "postage=\"the previous run was killed or crashed;") {
		t.Errorf("unclean shutdown without its note:\n%s", out)
	}
	buf.Reset()
	l.Warn("Disk space running low")
	l.Info("Imported new block")
	if out := buf.String(); !strings.Contains(out, "Disk space running low") || strings.Contains(out, "Imported") {
		t.Errorf("other messages: want the warning only:\n%s", out)
	}

	buf.Reset()
	l = slog.New(GethHandler(&buf, slog.LevelDebug)).With("component", "geth")
	l.Warn("Served eth_call")
	if out := buf.String(); !strings.Contains(out, "DEBUG") || !strings.Contains(out, "Served eth_call") || !strings.Contains(out, "component=geth") {
		t.Errorf("with -v a lowered warning shows at debug:\n%s", out)
	}
}

// go-milter's messages through the standard log package join the log as
// warnings.
func TestNewLoggerTakesStandardLog(t *testing.T) {
	var buf bytes.Buffer
	l := NewLogger(&buf, false)
	l.Debug("hidden")
	stdLogWriter{l}.Write([]byte("milter: connection reset\n"))
	out := buf.String()
	if strings.Contains(out, "hidden") || !strings.Contains(out, `level=WARN msg="milter: connection reset" from=go-milter`) {
		t.Errorf("log:\n%s", out)
	}
}
