package stake

import "testing"

// Find parses every value, keeps why the others fail, and For picks the
// stamp bound to a recipient (in any case), or none.
func TestFind(t *testing.T) {
	_, st := testBatch(t, "alice@example.org", "bob@example.org")
	vals := []string{mustFormat(t, st[1]), "v=1; garbage", mustFormat(t, st[0])}
	f := Find(vals)
	if len(f.Stamps) != 2 || len(f.Bad) != 1 {
		t.Fatalf("Find: %d stamps, %d bad; want 2 and 1", len(f.Stamps), len(f.Bad))
	}
	if s := f.For(MustParseRecipient("Alice@Example.org")); s == nil || !stampsEqual(s, st[0]) {
		t.Errorf("For(alice) = %+v, want alice's stamp", s)
	}
	if s := f.For(MustParseRecipient("carol@example.org")); s != nil {
		t.Errorf("For(carol) = %+v, want none", s)
	}
	if f := Find(nil); f.Stamps != nil || f.Bad != nil {
		t.Errorf("Find(nil) = %+v", f)
	}
}
