package book

import (
	"errors"
	"strings"
	"testing"

	"github.com/postage-mail/postage/stake"
)

func testAdvert(t *testing.T) Advert {
	t.Helper()
	c, err := stake.ParseAddress("0x00000000000000000000000000000000000000aa")
	if err != nil {
		t.Fatal(err)
	}
	b, err := stake.ParseHash("0x" + strings.Repeat("0b", 32))
	if err != nil {
		t.Fatal(err)
	}
	return Advert{Domain: "example.org", Record: Record{ChainID: 1337, Contract: c, Book: b}}
}

func TestAdvertRoundTrip(t *testing.T) {
	a := testAdvert(t)
	s := a.String()
	if !strings.HasPrefix(s, a.Record.String()+"; ") || !strings.HasSuffix(s, "; domain=example.org") {
		t.Fatalf("header %q is not the TXT record plus domain=", s)
	}
	got, err := ParseAdvert(s)
	if err != nil {
		t.Fatal(err)
	}
	if got != a {
		t.Fatalf("parsed %+v, want %+v", got, a)
	}
	// Folded, upper case, trailing dot: the same advert.
	folded := strings.Replace(s, "; book=", ";\r\n\tbook=", 1)
	folded = strings.Replace(folded, "example.org", "Example.ORG.", 1)
	if got, err := ParseAdvert(folded); err != nil || got != a {
		t.Fatalf("folded: %+v, %v", got, err)
	}
	// The TXT record itself still parses the header (domain= is an unknown tag).
	if r, err := ParseRecord(s); err != nil || r != a.Record {
		t.Fatalf("ParseRecord(header) = %+v, %v", r, err)
	}
}

func TestAdvertRefused(t *testing.T) {
	good := testAdvert(t).String()
	rec := testAdvert(t).Record.String()
	for name, tc := range map[string]struct {
		in   string
		want error
	}{
		"no domain":      {rec, ErrMalformed},
		"empty domain":   {rec + "; domain=", ErrMalformed},
		"dotless domain": {rec + "; domain=localhost", ErrMalformed},
		"address":        {rec + "; domain=a@example.org", ErrMalformed},
		"empty label":    {rec + "; domain=a..example.org", ErrMalformed},
		"space":          {rec + "; domain=exa mple.org", ErrMalformed},
		"two domains":    {good + "; domain=example.net", ErrMalformed},
		"other version":  {strings.Replace(good, TXTVersion, "postage-book9", 1), ErrUnsupportedVersion},
		"bad contract":   {strings.Replace(good, "contract=0x", "contract=0y", 1), ErrMalformed},
		"zero chain":     {strings.Replace(good, "chain=1337", "chain=0", 1), ErrMalformed},
		"garbage":        {"hello", ErrMalformed},
		"bare newline":   {strings.Replace(good, "; book=", ";\nbook=", 1), ErrMalformed},
		"long label":     {rec + "; domain=" + strings.Repeat("a", 64) + ".org", ErrMalformed},
	} {
		if a, err := ParseAdvert(tc.in); !errors.Is(err, tc.want) {
			t.Errorf("%s: ParseAdvert(%q) = %+v, %v; want %v", name, tc.in, a, err, tc.want)
		}
	}
}
