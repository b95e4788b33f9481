package host

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/postage-mail/postage/punish"
)

// RunPunish reads the message only when it has to, and a message without
// stake has nothing to burn or cancel.
func TestRunPunishWithoutStake(t *testing.T) {
	cfg := loadChainConfig(t, "")
	var log strings.Builder
	p := &punish.Punisher{Logf: func(f string, a ...any) { fmt.Fprintf(&log, f+"\n", a...) }}
	ctx := context.Background()
	if _, err := RunPunish(ctx, p, cfg, PunishRequest{Message: strings.NewReader("")}); err == nil {
		t.Error("an empty message was read")
	}
	for _, mode := range []punish.Mode{{}, {Now: true}, {Cancel: true}} {
		log.Reset()
		st, err := RunPunish(ctx, p, cfg, PunishRequest{Mode: mode, Rcpt: "alice@example.com", Message: strings.NewReader("Subject: hi\n\nbody\n")})
		if err != nil || st != punish.NoStake || !strings.Contains(log.String(), "no stake stamp in this message: nothing to burn") {
			t.Errorf("%+v: %v, %v, log %q", mode, st, err, log.String())
		}
	}
}
