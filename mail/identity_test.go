package mail

import (
	"errors"
	"io"
	"strings"
	"testing"
)

func identity(t *testing.T, raw string) string {
	t.Helper()
	m, err := Read(strings.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	bh := NewBodyHash()
	if _, err := io.Copy(bh, m.Body); err != nil {
		t.Fatal(err)
	}
	return Identity(m.Header, bh)
}

const idSample = "Received: by mx.example.com; Tue, 1 Dec 2026 10:00:00 +0000\nMessage-ID: <1@example.net>\nFrom: s@example.net\nTo: alice@example.com\nDate: Tue, 1 Dec 2026 09:59:00 +0000\nSubject: lunch?\nX-Hashcash: 1:20:261201:alice@example.com::a:b\n\nShall we?\n\n"

func TestIdentitySameMessageSameIdentity(t *testing.T) {
	id := identity(t, idSample)
	if len(id) != 64 {
		t.Fatalf("identity %q: want 64 hex digits", id)
	}
	for name, raw := range map[string]string{
		"crlf (as a milter sees it)": strings.ReplaceAll(idSample, "\n", "\r\n"),
		"trace and stamps differ":    "Delivered-To: alice@example.com\nReceived: by other.example.com\n" + strings.Replace(idSample, "::a:b", "::c:d", 1),
		"trailing blank lines":       idSample + "\n\n",
		"trailing whitespace":        strings.Replace(idSample, "Shall we?", "Shall we?  \t", 1),
		"refolded subject":           strings.Replace(idSample, "Subject: lunch?", "Subject:\n lunch?", 1),
	} {
		if got := identity(t, raw); got != id {
			t.Errorf("%s: identity changed", name)
		}
	}
}

func TestIdentityOtherMessageOtherIdentity(t *testing.T) {
	id := identity(t, idSample)
	seen := map[string]string{}
	for name, raw := range map[string]string{
		"body":              strings.Replace(idSample, "Shall we?", "Shall we not?", 1),
		"body line break":   strings.Replace(idSample, "Shall we?", "Shall\nwe?", 1),
		"message-id":        strings.Replace(idSample, "<1@", "<2@", 1),
		"subject":           strings.Replace(idSample, "lunch?", "dinner?", 1),
		"date":              strings.Replace(idSample, "09:59:00", "09:59:01", 1),
		"from":              strings.Replace(idSample, "From: s@", "From: t@", 1),
		"to":                strings.Replace(idSample, "To: alice@example.com\n", "To: alice@example.com\nCc: bob@example.com\n", 1),
		"reply-to":          strings.Replace(idSample, "Subject:", "Reply-To: x@example.org\nSubject:", 1),
		"transfer encoding": strings.Replace(idSample, "Subject:", "Content-Transfer-Encoding: base64\nSubject:", 1),
	} {
		got := identity(t, raw)
		if got == id {
			t.Errorf("%s changed, identity did not", name)
		}
		if other, dup := seen[got]; dup {
			t.Errorf("%s and %s have one identity", name, other)
		}
		seen[got] = name
	}
}

func TestDeliveredTo(t *testing.T) {
	for _, tc := range []struct {
		name, head, want string
	}{
		{"postfix local", "Return-Path: <s@example.net>\nX-Original-To: info@example.com\nDelivered-To: alice@example.com\nReceived: from mx\n", "info@example.com"},
		{"dovecot lmtp", "Return-Path: <s@example.net>\nDelivered-To: <alice@example.com>\nReceived: from mx by h with LMTP\nReceived: from out\n", "alice@example.com"},
		{"exim", "Envelope-To: alice@example.com\nDelivery-date: Tue, 1 Dec 2026\nReceived: from mx\n", "alice@example.com"},
		// Written by the sender, below the receiving MTA's Received.
		{"sender's delivered-to", "Received: from mx\nDelivered-To: mallory@example.com\n", ""},
		{"only x-original-to is the agent's", "X-Original-To: alice@example.com\nReceived: from mx\nDelivered-To: mallory@example.com\n", "alice@example.com"},
		{"no received at all", "Delivered-To: alice@example.com\n", ""},
		{"two addresses", "Delivered-To: a@example.com, b@example.com\nReceived: from mx\n", ""},
	} {
		m, err := Read(strings.NewReader(tc.head + "From: s@example.net\n\nbody\n"))
		if err != nil {
			t.Fatal(err)
		}
		got, err := m.DeliveredTo()
		if got != tc.want || (tc.want == "") != (err != nil) {
			t.Errorf("%s: %q, %v; want %q", tc.name, got, err, tc.want)
		}
		if err != nil && !errors.Is(err, ErrNoDeliveredTo) {
			t.Errorf("%s: %v does not wrap ErrNoDeliveredTo", tc.name, err)
		}
	}
}
