package mail

import (
	"crypto/sha256"
	"encoding/hex"
	"hash"
	"strings"

	"github.com/emersion/go-message/textproto"
)

// IdentityFields are the originator fields a message's identity covers,
// besides its body: what a reader sees as "this message". (Content-Type
// and Content-Transfer-Encoding are there because they change how the
// same body bytes read.)
var IdentityFields = []string{
	"Message-ID", "From", "Sender", "Reply-To", "Date", "Subject", "To", "Cc",
	"MIME-Version", "Content-Type", "Content-Transfer-Encoding",
}

// IsIdentityField reports whether the named field is one of IdentityFields.
func IsIdentityField(name string) bool {
	for _, f := range IdentityFields {
		if strings.EqualFold(f, name) {
			return true
		}
	}
	return false
}

// BodyHash hashes a body in relaxed canonical form (RFC 6376 §3.4.4, as
// DKIM's "relaxed"): CRLF or LF line ends alike, each run of spaces and
// tabs one space, none at the end of a line, no empty lines at the end.
// So the body an MTA passes to a milter (CRLF) and the one a delivery
// agent pipes to `postage verify` (LF) hash the same. Write never fails.
type BodyHash struct {
	h        hash.Hash
	wsp      bool // whitespace seen since the last character of the line
	newlines int  // line ends not yet written (trailing ones are dropped)
	buf      []byte
}

// NewBodyHash returns an empty body hash.
func NewBodyHash() *BodyHash { return &BodyHash{h: sha256.New()} }

func (b *BodyHash) Write(p []byte) (int, error) {
	out := b.buf[:0]
	for _, c := range p {
		switch c {
		case '\r':
			// Part of a line end, or stray: ignored either way.
		case '\n':
			b.newlines++
			b.wsp = false
		case ' ', '\t':
			b.wsp = true
		default:
			for ; b.newlines > 0; b.newlines-- {
				out = append(out, '\r', '\n')
			}
			if b.wsp {
				out = append(out, ' ')
				b.wsp = false
			}
			out = append(out, c)
		}
	}
	b.h.Write(out)
	b.buf = out
	return len(p), nil
}

// sum returns the digest of what was written so far. (The last line's end
// is not hashed: with trailing empty lines dropped, a body's end says
// nothing more.)
func (b *BodyHash) sum() []byte { return b.h.Sum(nil) }

// Identity is the message's identity digest (postage.Stamps.Message):
// SHA-256 over IdentityFields in relaxed form (name lowercased, value
// unfolded, whitespace runs one space, trimmed; every occurrence, in
// order) and the body's relaxed hash, in hex. The same message delivered
// again, by a retry or a second MX, has the same identity; a message that
// differs in any of these fields or in its body text has another.
func Identity(h textproto.Header, body *BodyHash) string {
	d := sha256.New()
	d.Write([]byte("postage-message-identity-v1\n"))
	for _, name := range IdentityFields {
		key := strings.ToLower(name)
		for f := h.FieldsByKey(name); f.Next(); {
			d.Write([]byte(key))
			d.Write([]byte{':'})
			d.Write([]byte(strings.Join(strings.Fields(f.Value()), " ")))
			d.Write([]byte{'\r', '\n'})
		}
	}
	d.Write([]byte{0})
	if body == nil {
		body = NewBodyHash()
	}
	d.Write(body.sum())
	return hex.EncodeToString(d.Sum(nil))
}
