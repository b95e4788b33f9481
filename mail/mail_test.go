package mail

import (
	"bytes"
	"errors"
	"io"
	"strings"
	"testing"

	"github.com/postage-mail/postage"
)

const sample = "From: Sender <sender@example.net>\nTo: Alice <Alice@Example.com>, bob@example.com\nCc: =?iso-8859-1?q?Caf=E9?= <carol@example.com>\nSubject: caf\xe9 8-bit\nX-Hashcash: 1:20:260101:heidi@example.com::J46CEFkme640KxgN:0000000000000\n\t00000000000000000000000000000000Gx/\nPostage-Result: pass rcpt=alice@example.com forged=yes\n\nbody line 1\n\xff 8-bit body\n"

func TestRoundTripIsByteExact(t *testing.T) {
	for name, in := range map[string]string{
		"lf":   sample,
		"crlf": strings.ReplaceAll(sample, "\n", "\r\n"),
		"mbox": "From sender@example.net Thu Jan  1 00:00:00 2026\n" + sample,
	} {
		m, err := Read(strings.NewReader(in))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		var out bytes.Buffer
		if _, err := m.WriteTo(&out); err != nil {
			t.Fatal(err)
		}
		if out.String() != in {
			t.Errorf("%s: round trip changed the message:\n%q\n%q", name, out.String(), in)
		}
	}
}

func TestPostageAndRecipients(t *testing.T) {
	m, err := Read(strings.NewReader(sample))
	if err != nil {
		t.Fatal(err)
	}
	p := m.Stamps()
	if len(p.Work) != 1 || p.Work[0] != "1:20:260101:heidi@example.com::J46CEFkme640KxgN:000000000000000000000000000000000000000000000Gx/" {
		t.Errorf("work = %q", p.Work)
	}
	if p.Sender != "sender@example.net" {
		t.Errorf("sender = %q", p.Sender)
	}
	rc, err := m.Recipients("To", "Cc", "Bcc")
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(rc, ",") != "alice@example.com,bob@example.com,carol@example.com" {
		t.Errorf("recipients = %q", rc)
	}
	if !m.HasWorkFor("HEIDI@example.com") || m.HasWorkFor("alice@example.com") {
		t.Error("HasWorkFor")
	}
}

func TestSetVerdictsRemovesForgedResult(t *testing.T) {
	m, err := Read(strings.NewReader(sample))
	if err != nil {
		t.Fatal(err)
	}
	m.SetVerdicts([]postage.Verdict{{Recipient: "alice@example.com", Result: postage.Neutral}})
	var out bytes.Buffer
	m.WriteTo(&out)
	if strings.Contains(out.String(), "forged=yes") {
		t.Error("incoming Postage-Result survived")
	}
	if !strings.HasPrefix(out.String(), "Postage-Result: neutral rcpt=alice@example.com\n") {
		t.Errorf("verdict not at the top:\n%s", out.String())
	}
	if !strings.HasSuffix(out.String(), "\n\nbody line 1\n\xff 8-bit body\n") {
		t.Error("body changed")
	}
}

func TestMalformedInput(t *testing.T) {
	for name, in := range map[string]string{
		"empty":       "",
		"huge header": "X: " + strings.Repeat("a", MaxHeader) + "\n\nbody",
		"mbox only":   "From x",
	} {
		if _, err := Read(strings.NewReader(in)); !errors.Is(err, ErrMalformed) {
			t.Errorf("%s: err %v, want ErrMalformed", name, err)
		}
	}
	m, err := Read(strings.NewReader("To: not an address <<<\n\nx"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := m.Recipients("To"); !errors.Is(err, ErrMalformed) {
		t.Errorf("bad To: %v", err)
	}
}

// The body is never read by Read: a body that fails to read shows up only
// when the message is written.
func TestBodyStreams(t *testing.T) {
	r := io.MultiReader(strings.NewReader("To: a@example.com\n\n"), errReader{})
	m, err := Read(r)
	if err != nil {
		t.Fatalf("Read touched the body: %v", err)
	}
	if _, err := m.WriteTo(io.Discard); err == nil {
		t.Fatal("body error not reported on write")
	}
}

type errReader struct{}

func (errReader) Read([]byte) (int, error) { return 0, errors.New("body read") }
