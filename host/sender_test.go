package host

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ethereum/go-ethereum/common"

	"github.com/postage-mail/postage/book"
	"github.com/postage-mail/postage/stake"
)

// --print-dns names the embedded chain's deployment, one TXT record a
// domain, each a policy book.ParsePolicy reads back.
func TestPolicyDNS(t *testing.T) {
	ctx := context.Background()
	cfg := loadChainConfig(t, "[book]\ndomains = [\"a.example\", \"b.example\"]\n")
	if err := os.MkdirAll(cfg.ChainDir(), 0o700); err != nil {
		t.Fatal(err)
	}
	contract := common.HexToAddress("0x00000000000000000000000000000000000000c0")
	if err := os.WriteFile(filepath.Join(cfg.ChainDir(), "deployment.json"), []byte(`{"chainId": 1337, "contract": "`+contract.Hex()+`"}`), 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := PolicyDNS(ctx, cfg, "")
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	if len(lines) != 3 || lines[0] != `; postage stake policy: senders with send.stake = "auto" stake for these domains` {
		t.Fatalf("zone text:\n%s", out)
	}
	pol, err := cfg.ReceiverPolicy(nil)
	if err != nil {
		t.Fatal(err)
	}
	for i, d := range []string{"a.example", "b.example"} {
		name, txt, ok := strings.Cut(lines[i+1], " IN TXT ")
		if !ok || name != book.Name(d) || !strings.HasPrefix(txt, `"`) || !strings.HasSuffix(txt, `"`) {
			t.Fatalf("record for %s: %q", d, lines[i+1])
		}
		p, err := book.ParsePolicy(strings.Trim(txt, `"`))
		if err != nil {
			t.Fatal(err)
		}
		if p.ChainID != 1337 || p.Contract != stake.Address(contract) || p.MinPerLeaf.Cmp(pol.StakeMinPerLeaf) != 0 || p.MinDelay != pol.StakeMinDelay {
			t.Errorf("policy %+v, want chain 1337, %s and the receiver policy's minimums", p, contract)
		}
	}

	cfg.Book.Domains = nil
	if _, err := PolicyDNS(ctx, cfg, ""); err == nil || !strings.Contains(err.Error(), "list the mail domains in book.domains") {
		t.Errorf("no domains: %v", err)
	}
}
