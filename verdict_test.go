package postage

import "testing"

func TestWorst(t *testing.T) {
	v := func(r Result, rcpt string) Verdict { return Verdict{Recipient: rcpt, Result: r} }
	for _, tc := range []struct {
		in   []Verdict
		want Verdict
	}{
		{nil, Verdict{}},
		{[]Verdict{v(Pass, "a")}, v(Pass, "a")},
		{[]Verdict{v(Pass, "a"), v(Neutral, "b")}, v(Neutral, "b")},
		{[]Verdict{v(Neutral, "a"), v(TempError, "b"), v(Pass, "c")}, v(TempError, "b")},
		{[]Verdict{v(TempError, "a"), v(Fail, "b"), v(Neutral, "c")}, v(Fail, "b")},
		{[]Verdict{v(Fail, "a"), v(Fail, "b")}, v(Fail, "a")},
	} {
		if got := Worst(tc.in); got.Result != tc.want.Result || got.Recipient != tc.want.Recipient {
			t.Errorf("Worst(%v) = %v, want %v", tc.in, got, tc.want)
		}
	}
}
