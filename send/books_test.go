package send

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/postage-mail/postage/book"
	"github.com/postage-mail/postage/stake"
)

func TestReadBooksFile(t *testing.T) {
	r := book.Record{ChainID: 7, Contract: stake.Address{1}, Book: stake.Hash{2}}
	p := filepath.Join(t.TempDir(), "books")
	os.WriteFile(p, []byte("# known books\n\nExample.ORG. "+r.String()+"\nexample.org "+r.String()+"\n"), 0o600)
	got, err := ReadBooksFile(p)
	if err != nil || len(got["example.org"]) != 2 || got["example.org"][0] != r {
		t.Fatalf("%+v, %v", got, err)
	}
	os.WriteFile(p, []byte("example.org v=spf1 -all\n"), 0o600)
	if _, err := ReadBooksFile(p); err == nil || !strings.Contains(err.Error(), "line 1") {
		t.Fatalf("bad line: %v", err)
	}
	if _, err := ReadBooksFile(filepath.Join(t.TempDir(), "none")); err == nil {
		t.Fatal("missing file accepted")
	}
}
