package config

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
)

func TestBookSettingsDefaults(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("POSTAGE_HOME", dir)
	c, err := Load("")
	if err != nil {
		t.Fatal(err)
	}
	b, err := c.BookSettings()
	if err != nil {
		t.Fatal(err)
	}
	if b.Enabled || b.Dir != filepath.Join(dir, "book") || b.Values != 4096 || b.Stake.String() != "1000000000000000" ||
		b.Window != 7*24*time.Hour || b.DecisionDelay != 48*time.Hour || b.Reserve != nil || b.History != 8191 || b.Epoch != 32 {
		t.Fatalf("defaults: %+v", b)
	}
	if b.BlockTime != 0 || b.WindowBlocks(12*time.Second) != 7*24*3600/12 {
		t.Fatalf("block time %v, window blocks %d", b.BlockTime, b.WindowBlocks(12*time.Second))
	}
	s, err := c.SenderTickets()
	if err != nil || !s.Enabled || s.MaxTicket.String() != "10000000000000000" || s.Resolver != "" || len(s.Trusted) != 0 {
		t.Fatalf("sender defaults: %+v, %v", s, err)
	}
}

func TestBookSettingsRefusals(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("POSTAGE_HOME", dir)
	for _, c := range []struct{ toml, want string }{
		{"[book]\nvalues = 0", "book.values"},
		{"[book]\nstake = \"0\"", "book.stake"},
		{"[book]\nbounty = \"1eth\"", "book.bounty"},
		// Above stake/16, the TicketBook contract's cap.
		{"[book]\nstake = \"0.0016eth\"\nbounty = \"0.0001000001eth\"", "book.bounty"},
		{"[book]\nwindow = \"1d\"", "book.window"},
		{"[book]\nhistory = 1000", "book.history"},
		{"[book]\ndomains = [\"alice@example.com\"]", "book.domains"},
		{"[book]\ncontract = \"0x12\"", "book.contract"},
		{"[book]\ndelay_probability = 1.5", "book.delay_probability"},
		{"[book]\nepoch = 0", "book.epoch"},
		{"[book]\nblock_time = \"0.5s\"", "book.block_time"},
		{"[send]\nresolver = \"127.0.0.1\"", "send.resolver"},
		{"[send]\nticket_contracts = [\"0xabc\"]", "send.ticket_contracts"},
		{"[send]\nmax_ticket = \"much\"", "send.max_ticket"},
	} {
		p := filepath.Join(dir, "p.toml")
		if err := os.WriteFile(p, []byte(c.toml), 0o600); err != nil {
			t.Fatal(err)
		}
		if _, err := Load(p); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%q: %v, want an error naming %s", c.toml, err, c.want)
		}
	}
	p := filepath.Join(dir, "ok.toml")
	os.WriteFile(p, []byte("[book]\nenabled = true\ndomains = [\"Example.ORG.\"]\nreserve = \"1eth\"\n[send]\nresolver = \"127.0.0.1:5353\"\nticket_contracts = [\"1337:0x00000000000000000000000000000000000000aa\"]\n"), 0o600)
	c, err := Load(p)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := c.BookSettings()
	s, _ := c.SenderTickets()
	if !b.Enabled || b.Domains[0] != "example.org" || b.Reserve.String() != "1000000000000000000" ||
		s.Resolver != "127.0.0.1:5353" || s.Trusted[0].ChainID != 1337 || s.Trusted[0].Address != common.HexToAddress("0xaa") {
		t.Fatalf("parsed %+v %+v", b, s)
	}
}
