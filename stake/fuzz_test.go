package stake

import (
	"errors"
	"testing"
)

// FuzzParse: Parse never panics, fails only with its sentinels, and
// whatever it accepts formats to a canonical value that parses back to the
// same stamp and formats identically again.
func FuzzParse(f *testing.F) {
	_, st := testBatch(f, "alice@example.org", "bob@example.org", "carol@example.org")
	for _, s := range st {
		v := mustFormat(f, s)
		f.Add(v)
		folded, err := s.FormatFolded()
		if err != nil {
			f.Fatal(err)
		}
		f.Add(folded)
	}
	f.Add("v=2; x=y")
	f.Add("")
	f.Fuzz(func(t *testing.T, in string) {
		s, err := Parse(in)
		if err != nil {
			if s != nil {
				t.Fatalf("Parse returned a stamp and an error %v", err)
			}
			if !errors.Is(err, ErrMalformed) && !errors.Is(err, ErrUnsupportedVersion) {
				t.Fatalf("Parse error %v wraps neither ErrMalformed nor ErrUnsupportedVersion", err)
			}
			return
		}
		out, err := s.Format()
		if err != nil {
			t.Fatalf("accepted %q but cannot format it: %v", in, err)
		}
		again, err := Parse(out)
		if err != nil {
			t.Fatalf("canonical %q does not parse: %v", out, err)
		}
		if !stampsEqual(s, again) {
			t.Fatalf("parse(format(x)) != x for %q:\n%+v\n%+v", in, s, again)
		}
		if out2, _ := again.Format(); out2 != out {
			t.Fatalf("format is not stable:\n%s\n%s", out, out2)
		}
		folded, err := s.FormatFolded()
		if err != nil {
			t.Fatal(err)
		}
		if f, err := Parse(folded); err != nil || !stampsEqual(s, f) {
			t.Fatalf("folded form does not parse back: %v", err)
		}
		// Check must not panic on any parsed stamp, and agree with itself.
		if _, _, err := s.Check(s.Recipient); err != nil && !errors.Is(err, ErrInvalidProof) {
			t.Fatalf("Check: unexpected error %v", err)
		}
	})
}

// FuzzParseRecipient: never panics; accepted addresses are fixed points.
func FuzzParseRecipient(f *testing.F) {
	for _, s := range []string{"bob@example.org", "<Bob@Example.ORG>", "ÉLODIE@Exemple.FR", "a@b", " <x@y> ", "bad"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		r, err := ParseRecipient(in)
		if err != nil {
			if !errors.Is(err, ErrBadRecipient) {
				t.Fatalf("error %v does not wrap ErrBadRecipient", err)
			}
			return
		}
		again, err := ParseRecipient(r.String())
		if err != nil || again != r {
			t.Fatalf("canonical %q of %q is not a fixed point: %v", r, in, err)
		}
	})
}
