package relay

import (
	"encoding/hex"
	"testing"

	"github.com/ethereum/go-ethereum/common"

	"github.com/postage-mail/postage/chain/ticketbook"
)

// The example of docs/relay.md, "POST /v1/reveals": its canonical text,
// digest and request id.
func TestRevealCanonicalExample(t *testing.T) {
	sig := make([]byte, 65)
	sig[64] = 0x1b
	rv := Reveal{ChainID: 1886352244, Contract: common.HexToAddress("0xc0"), RevealRequest: ticketbook.RevealRequest{
		Book: common.HexToHash("0x01"), Index: 5, Value: common.HexToHash("0xab"),
		Proof: []common.Hash{common.HexToHash("0x02"), common.HexToHash("0x03")},
		Buyer: common.HexToAddress("0xBEEF"), Binding: common.HexToHash("0x04"), Signature: sig,
	}}
	want := "postage-reveal-v1\nchain=1886352244\ncontract=0x00000000000000000000000000000000000000c0\n" +
		"reveal=0x0000000000000000000000000000000000000000000000000000000000000001,5," +
		"0x00000000000000000000000000000000000000000000000000000000000000ab," +
		"0x000000000000000000000000000000000000beef," +
		"0x0000000000000000000000000000000000000000000000000000000000000004," +
		"0x" + hex.EncodeToString(sig) + "," +
		"0x0000000000000000000000000000000000000000000000000000000000000002:" +
		"0x0000000000000000000000000000000000000000000000000000000000000003"
	if got := RevealsCanonical([]Reveal{rv}); got != want {
		t.Fatalf("canonical text\n%s\nwant\n%s", got, want)
	}
	d := RevealsDigest([]Reveal{rv})
	if got := hex.EncodeToString(d[:]); got != revealExampleDigest {
		t.Fatalf("digest %s, want %s", got, revealExampleDigest)
	}
	if rv.ID() != revealExampleID {
		t.Fatalf("id %s, want %s", rv.ID(), revealExampleID)
	}
}

const (
	revealExampleDigest = "ff6c4e7cf0b0599d14bb030eb03b1ffe62a337ad1de76122194e185cc3780826"
	revealExampleID     = "40a0d0bd8fcc499e3622b98d65475cb8"
)
