package mail

import (
	"errors"
	"io"
	"strings"
	"testing"
)

// SpoolIdentity gives the identity of the message as read, and leaves the
// body readable in full after hashing it.
func TestSpoolIdentity(t *testing.T) {
	const msg = "From: a@example.org\r\nTo: b@example.org\r\nSubject: hi\r\n\r\nline one\r\nline two\r\n"
	read := func() *Message {
		m, err := Read(strings.NewReader(msg))
		if err != nil {
			t.Fatal(err)
		}
		return m
	}
	m := read()
	id, err := m.SpoolIdentity()
	if err != nil || id == "" {
		t.Fatalf("SpoolIdentity: %q, %v", id, err)
	}
	body, err := io.ReadAll(m.Body)
	if err != nil || string(body) != "line one\r\nline two\r\n" {
		t.Fatalf("body after spooling: %q, %v", body, err)
	}
	// The same identity as hashing the body directly.
	m2 := read()
	bh := NewBodyHash()
	if _, err := io.Copy(bh, m2.Body); err != nil {
		t.Fatal(err)
	}
	if want := Identity(m2.Header, bh); id != want {
		t.Errorf("spooled identity %s, hashed directly %s", id, want)
	}
	// Another body is another identity.
	m3, err := Read(strings.NewReader(strings.Replace(msg, "line two", "line 2", 1)))
	if err != nil {
		t.Fatal(err)
	}
	if id3, _ := m3.SpoolIdentity(); id3 == id {
		t.Error("a different body has the same identity")
	}
}

type failAfter struct {
	r io.Reader
	n int
}

func (f *failAfter) Read(p []byte) (int, error) {
	if f.n <= 0 {
		return 0, errors.New("disk on fire")
	}
	if len(p) > f.n {
		p = p[:f.n]
	}
	n, err := f.r.Read(p)
	f.n -= n
	return n, err
}

// A body that fails midway is an error, and what was read is not lost:
// the body still reads from the start.
func TestSpoolIdentityReadError(t *testing.T) {
	m, err := Read(strings.NewReader("From: a@example.org\r\n\r\n"))
	if err != nil {
		t.Fatal(err)
	}
	m.Body = &failAfter{r: strings.NewReader("0123456789"), n: 4}
	if _, err := m.SpoolIdentity(); err == nil || !strings.Contains(err.Error(), "disk on fire") {
		t.Fatalf("SpoolIdentity over a failing body: %v", err)
	}
	got, _ := io.ReadAll(m.Body)
	if string(got) != "0123" {
		t.Errorf("after the error the body reads %q, want what was read (0123)", got)
	}
}

// ReadWorkStamps reads X-Hashcash and Hashcash fields of the header only,
// unfolded, after an mbox From line; never the body.
func TestReadWorkStamps(t *testing.T) {
	in := "From someone Wed Dec  2 02:00:00 2026\n" +
		"X-Hashcash: 1:20:261202:alice@example.org::abc:\n  def\n" +
		"Hashcash: 1:20:261202:bob@example.org::x:y\n" +
		"Subject: s\n\n" +
		"X-Hashcash: 1:20:261202:body@example.org::no:no\n"
	got, err := ReadWorkStamps(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"1:20:261202:alice@example.org::abc:def", "1:20:261202:bob@example.org::x:y"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("ReadWorkStamps = %q, want %q", got, want)
	}
	if _, err := ReadWorkStamps(strings.NewReader("not a header")); err == nil {
		t.Error("a malformed header: no error")
	}
}
