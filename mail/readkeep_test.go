package mail

import (
	"bytes"
	"errors"
	"io"
	"strings"
	"testing"
)

func TestReadKeepPassesAnUnreadableMessageThrough(t *testing.T) {
	in := "Subject: ok\nbroken header line without colon\n\nbody " + strings.Repeat("x", 100<<10)
	r := strings.NewReader(in)
	m, kept, err := ReadKeep(r)
	if m != nil || !errors.Is(err, ErrMalformed) {
		t.Fatalf("ReadKeep = %v, %v; want ErrMalformed", m, err)
	}
	rest, _ := io.ReadAll(r)
	if got := string(kept) + string(rest); got != in {
		t.Errorf("kept + rest differ from the input (%d bytes, want %d)", len(got), len(in))
	}
}

func TestReadKeepKeepsNothingOnceParsed(t *testing.T) {
	body := strings.Repeat("y", 200<<10)
	m, kept, err := ReadKeep(strings.NewReader("Subject: ok\n\n" + body))
	if err != nil || kept != nil {
		t.Fatalf("ReadKeep: kept %d bytes, err %v", len(kept), err)
	}
	var out bytes.Buffer
	if _, err := m.WriteTo(&out); err != nil {
		t.Fatal(err)
	}
	if out.String() != "Subject: ok\n\n"+body {
		t.Errorf("message changed: %d bytes", out.Len())
	}
}
