package sendchain

import (
	"context"
	"errors"
	"fmt"
	"math/big"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/postage-mail/postage/chain"
	"github.com/postage-mail/postage/send"
)

// The MTA gets sendmail's arguments and the copy on its input; a failing
// MTA's output is in the error.
func TestMTA(t *testing.T) {
	dir := t.TempDir()
	script := filepath.Join(dir, "sendmail")
	log := filepath.Join(dir, "log")
	os.WriteFile(script, []byte("#!/bin/sh\necho \"$@\" > "+log+"\ncat >> "+log+"\n[ \"$1\" = -C ] || { echo refused >&2; exit 75; }\n"), 0o755)
	m := MTA{Sendmail: script + " -C '/etc/postfix out'"}
	if err := m.Deliver(context.Background(), "s@example.net", "bob@example.com", strings.NewReader("Subject: hi\n\nbody\n")); err != nil {
		t.Fatal(err)
	}
	got, _ := os.ReadFile(log)
	if want := "-C /etc/postfix out -i -f s@example.net -- bob@example.com\nSubject: hi\n\nbody\n"; string(got) != want {
		t.Fatalf("MTA saw %q, want %q", got, want)
	}
	err := MTA{Sendmail: script}.Deliver(context.Background(), "", "bob@example.com", strings.NewReader("x"))
	if err == nil || !strings.Contains(err.Error(), "refused") {
		t.Fatalf("a failing MTA: %v", err)
	}
	if err := (MTA{Sendmail: "'unclosed"}).Deliver(context.Background(), "", "b@example.com", strings.NewReader("x")); err == nil {
		t.Fatal("a bad command line was run")
	}
}

// The contract's refusals of a withdrawal say what to do.
func TestDescribeRefusal(t *testing.T) {
	id := common.HexToHash("0x01")
	creator := common.HexToAddress("0xaa")
	for _, c := range []struct {
		err  error
		want string
	}{
		{chain.ErrUnknownDeposit, "no deposit " + id.Hex() + " on this chain"},
		{fmt.Errorf("%w: %w", chain.ErrNotCreator, &chain.RevertError{Name: "NotCreator", Args: map[string]any{"creator": creator, "caller": "0xbb"}}), "only the creator " + creator.Hex() + " can withdraw"},
		{chain.ErrNotCreator, "only the creator can withdraw deposit"},
		{chain.ErrWithdrawalNotStarted, "run `postage withdraw start " + id.Hex() + "` first"},
		{fmt.Errorf("%w: %w", chain.ErrWithdrawalAlreadyStarted, &chain.RevertError{Args: map[string]any{"unlockAt": uint64(86400)}}), "it unlocks at 1970-01-02T00:00:00Z"},
		{chain.ErrDepositWithdrawn, "has already been withdrawn"},
		{errors.New("connection refused"), "connection refused"},
	} {
		if got := DescribeRefusal(c.err, id); !strings.Contains(got, c.want) {
			t.Errorf("%v: %q, want it to say %q", c.err, got, c.want)
		}
	}
}

// A chain deposit maps onto send's view of it.
func TestState(t *testing.T) {
	now := time.Unix(1e9, 0)
	for st, want := range map[chain.Status]send.State{chain.StatusActive: send.StateActive, chain.StatusWithdrawing: send.StateWithdrawing, chain.StatusWithdrawn: send.StateWithdrawn} {
		d := chain.Deposit{Creator: common.HexToAddress("0xaa"), Value: big.NewInt(4), Leaves: 4, CreatedAt: now, UnlockAt: now.Add(time.Hour), BurnedLeaves: 1, Remaining: big.NewInt(3), Status: st}
		s := State(d)
		if s.State != want || !s.Exists || !s.CreatedAt.Equal(now) || !s.UnlockAt.Equal(now.Add(time.Hour)) || s.BurnedLeaves != 1 || s.Remaining.Cmp(big.NewInt(3)) != 0 {
			t.Errorf("%v: %+v", st, s)
		}
	}
	if State(chain.Deposit{}).Exists {
		t.Error("a zero deposit exists")
	}
}
