package stake

import (
	"errors"
	"strings"
	"testing"
)

func TestParseRecipientCanonical(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"bob@example.org", "bob@example.org"},
		{"Bob@Example.ORG", "bob@example.org"},
		{"<Bob@Example.ORG>", "bob@example.org"},
		{"  <bob@example.org>\r\n", "bob@example.org"},
		{"\tbob@example.org ", "bob@example.org"},
		{"bob+Tag@example.org", "bob+tag@example.org"},
		{"o'Neil.Jr@sub.example.co.uk", "o'neil.jr@sub.example.co.uk"},
		{"a!#$%&'*+-/=?^_`{|}~z@x-y.example", "a!#$%&'*+-/=?^_`{|}~z@x-y.example"},
		{"prvs=1234abcd=bob@example.org", "prvs=1234abcd=bob@example.org"},
		{"x@localhost", "x@localhost"},
		// Non-ASCII is kept byte for byte: only A-Z are lowercased.
		{"ÉLODIE@Exemple.FR", "Élodie@exemple.fr"},
		{"用户@例子.广告", "用户@例子.广告"},
		{"STRASSE@ÄÖÜ.example", "strasse@ÄÖÜ.example"},
		{strings.Repeat("a", 64) + "@" + strings.Repeat("b", 189), strings.Repeat("a", 64) + "@" + strings.Repeat("b", 189)},
	} {
		r, err := ParseRecipient(c.in)
		if err != nil {
			t.Errorf("ParseRecipient(%q): %v", c.in, err)
			continue
		}
		if r.String() != c.want {
			t.Errorf("ParseRecipient(%q) = %q, want %q", c.in, r, c.want)
		}
		// Canonical form is a fixed point.
		if again, err := ParseRecipient(r.String()); err != nil || again != r {
			t.Errorf("canonical %q does not parse to itself: %v %v", r, again, err)
		}
	}
}

func TestParseRecipientRejects(t *testing.T) {
	for _, in := range []string{
		"", "   ", "<>", "<bob@example.org", "bob@example.org>", "<<bob@example.org>>",
		"< bob@example.org>", "bob", "@example.org", "bob@", "bob@@example.org",
		"bob@alice@example.org", "bob smith@example.org", "bob@exa mple.org",
		"\"bob smith\"@example.org", "\"bob\"@example.org", "bob(comment)@example.org",
		"bob@[192.0.2.1]", "@relay.example:bob@example.org", "bob,carol@example.org",
		"bob;x@example.org", "bob@example.org.", "bob@.example.org", "bob@example..org",
		"bob@exam_ple.org", "bob@example.org;", "bob\x00@example.org", "bob\x7f@example.org",
		"bob\r\n@example.org", "bob\t@example.org", "bob\x1b@example.org",
		"bob\u00a0@example.org", "bob\u2028@example.org", "bob\u3000@example.org", "bob\u0085@example.org",
		"bob\ufffd@example.org", "bob\xff@example.org", "b\xc3@example.org",
		"Bob <bob@example.org>", "bob@example.org (Bob)",
		strings.Repeat("a", 65) + "@example.org",
		"a@" + strings.Repeat("b", 253),
		strings.Repeat("a", 64) + "@" + strings.Repeat("b", 190), // 255 octets
	} {
		r, err := ParseRecipient(in)
		if !errors.Is(err, ErrBadRecipient) {
			t.Errorf("ParseRecipient(%q) = %q, %v; want ErrBadRecipient", in, r, err)
		}
	}
}

func TestMustParseRecipientPanics(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Error("MustParseRecipient(bad) did not panic")
		}
	}()
	MustParseRecipient("no at sign")
}
