package book

import "testing"

// Find takes the tickets among Postage-Stamp values (not the stake
// stamps), keeps the malformed ones apart, and For picks the first ticket
// bound to a recipient.
func TestFind(t *testing.T) {
	alice := sample(t)
	alice2 := sample(t)
	alice2.Index = 7
	bob := sample(t)
	bob.Recipient = mustRcpt(t, "bob@example.com")
	var vs []string
	for _, tk := range []*Ticket{bob, alice, alice2} {
		v, err := tk.Format()
		if err != nil {
			t.Fatal(err)
		}
		vs = append(vs, v)
	}
	bad := "v=1; kind=ticket; chain=x"
	stakeStamp := "v=1; chain=1; contract=0x00"
	f := Find(append(vs, bad, stakeStamp))
	if len(f.Tickets) != 3 || len(f.Values) != 3 || len(f.Bad) != 1 || f.Bad[0] != bad || len(f.Errs) != 1 {
		t.Fatalf("Find: %d tickets, %d values, bad %q, %d errors; want 3 tickets, the one bad ticket, the stake stamp ignored",
			len(f.Tickets), len(f.Values), f.Bad, len(f.Errs))
	}
	tk, v := f.For(alice.Recipient)
	if tk == nil || tk.Index != alice.Index || v != vs[1] {
		t.Errorf("For(alice) = %+v, %q; want the first of alice's tickets", tk, v)
	}
	if tk, v := f.For(mustRcpt(t, "carol@example.com")); tk != nil || v != "" {
		t.Errorf("For(carol) = %+v, %q; want none", tk, v)
	}
}
