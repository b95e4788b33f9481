package hashcash

import "testing"

// FuzzParse: no panic on any input, and whatever parses formats back to the
// same text and parses to the same stamp. Seeds live in testdata/fuzz.
func FuzzParse(f *testing.F) {
	for _, s := range []string{heidi, "0:260101:foo@example.com:5xT", "1:16:260101:carol@example.net:name1=2,3;name2:VhJpF/+V0hdVLmt1:0000OSj", "garbage", "1:20:2601011230:a::b:c"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		st, err := Parse(s)
		if err != nil {
			return
		}
		if st.String() != s {
			t.Fatalf("String() = %q, input %q", st.String(), s)
		}
		again, err := Parse(st.String())
		if err != nil || again != st {
			t.Fatalf("re-parse: %+v, %v; first %+v", again, err, st)
		}
		_ = st.Value()
		_, _ = (&Policy{Requirements: []Requirement{{Resource: "*@example.com", Bits: 1}}, Validity: DefaultValidity}).Check(s)
	})
}
