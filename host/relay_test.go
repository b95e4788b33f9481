package host

import (
	"errors"
	"log/slog"
	"math/big"
	"os"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/postage-mail/postage/chain/ticketbook"
	"github.com/postage-mail/postage/config"
)

// The relay reveals for book.contract, else for the TicketBook `postage
// book deploy` recorded on the relay's chain, else for none.
func TestRelayTicketBook(t *testing.T) {
	cfg := loadChainConfig(t, "")
	if got := RelayTicketBook(cfg, 1337); got != (common.Address{}) {
		t.Fatalf("nothing configured or recorded: %s", got)
	}
	s, err := cfg.BookSettings()
	if err != nil {
		t.Fatal(err)
	}
	rec := common.HexToAddress("0xbb")
	if err := ticketbook.WriteDeployment(s.Dir, ticketbook.Deployment{ChainID: 1337, Contract: rec}); err != nil {
		t.Fatal(err)
	}
	if got := RelayTicketBook(cfg, 1337); got != rec {
		t.Fatalf("recorded on chain 1337: %s, want %s", got, rec)
	}
	if got := RelayTicketBook(cfg, 1338); got != (common.Address{}) {
		t.Fatalf("recorded on another chain: %s, want none", got)
	}
	cfg = loadChainConfig(t, "[book]\ncontract = \"0x00000000000000000000000000000000000000aa\"\n")
	if got := RelayTicketBook(cfg, 1337); got != common.HexToAddress("0xaa") {
		t.Fatalf("book.contract: %s", got)
	}
}

// Every [relay] setting reaches package relay.
func TestRelayOptions(t *testing.T) {
	s := config.RelaySettings{Name: "r.example", Bits: 20, BitsFee: big.NewInt(5), MaxBits: 26, StampValidity: time.Hour,
		BountyMargin: 30, Rate: 12, Burst: 4, MaxBody: 999, BatchMax: 8, BatchWait: time.Second, MaxAttempts: 3}
	burned := 0
	o := relayOptions(s, func(common.Hash, uint64) { burned++ }, slog.New(slog.DiscardHandler))
	if o.Name != "r.example" || o.Bits != 20 || o.BitsFee.Int64() != 5 || o.MaxBits != 26 || o.StampValidity != time.Hour ||
		o.MarginPercent != 30 || o.Rate != 12 || o.Burst != 4 || o.MaxBody != 999 || o.BatchMax != 8 || o.BatchWait != time.Second ||
		o.MaxAttempts != 3 || o.Logger == nil {
		t.Fatalf("options %+v from %+v", o, s)
	}
	if o.OnBurned(common.Hash{}, 0); burned != 1 {
		t.Fatal("OnBurned is not the caller's")
	}
}

// A queue that does not open is told apart from the chain's failures.
func TestRelayQueueError(t *testing.T) {
	var err error = &RelayQueueError{os.ErrPermission}
	var qe *RelayQueueError
	if !errors.As(err, &qe) || !errors.Is(err, os.ErrPermission) || err.Error() != os.ErrPermission.Error() {
		t.Fatalf("%v", err)
	}
}
