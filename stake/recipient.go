package stake

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// Recipient is a mail address in the canonical form the secret is derived
// from. Only ParseRecipient makes one, so a Recipient is always valid.
type Recipient struct{ addr string }

// String returns the canonical address (no angle brackets).
func (r Recipient) String() string { return r.addr }

// IsZero reports whether r is the zero Recipient (not from ParseRecipient).
func (r Recipient) IsZero() bool { return r.addr == "" }

// Limits from RFC 5321 section 4.5.3.1: a path is at most 256 octets
// including the angle brackets, a local part at most 64.
const (
	maxAddrLen   = 254
	maxLocalLen  = 64
	maxDomainLen = 253
)

// ParseRecipient canonicalizes a mail address the way a mail administrator
// expects an SMTP envelope recipient to compare:
//
//   - leading and trailing SP, HTAB, CR and LF are removed;
//   - then one pair of surrounding angle brackets, if present, is removed
//     (an unmatched bracket is an error); nothing is trimmed inside them;
//   - the address must be valid UTF-8 with exactly one '@', a non-empty
//     local part of at most 64 octets made of RFC 5322 atext, '.' and
//     non-ASCII characters, and a domain of dot-separated non-empty labels
//     made of ASCII letters, digits, '-' and non-ASCII characters; at most
//     254 octets in all;
//   - control characters, spaces (ASCII or Unicode), quoted local parts,
//     comments, domain literals and source routes are rejected;
//   - ASCII letters A-Z are lowercased in the whole address, local part
//     included. Non-ASCII characters are kept byte for byte: no Unicode
//     case folding or normalisation, and no IDNA conversion.
//
// The exact rules are in docs/stake-stamp.md; a second implementation must
// accept and reject the same addresses.
func ParseRecipient(s string) (Recipient, error) {
	a := strings.Trim(s, " \t\r\n")
	if strings.HasPrefix(a, "<") || strings.HasSuffix(a, ">") {
		if len(a) < 2 || a[0] != '<' || a[len(a)-1] != '>' {
			return Recipient{}, badRecipient(s, "unmatched angle bracket")
		}
		a = a[1 : len(a)-1]
	}
	if a == "" {
		return Recipient{}, badRecipient(s, "empty")
	}
	if len(a) > maxAddrLen {
		return Recipient{}, badRecipient(s, fmt.Sprintf("longer than %d octets", maxAddrLen))
	}
	if !utf8.ValidString(a) {
		return Recipient{}, badRecipient(s, "not valid UTF-8")
	}
	at := strings.IndexByte(a, '@')
	if at < 0 || strings.IndexByte(a[at+1:], '@') >= 0 {
		return Recipient{}, badRecipient(s, "want exactly one '@'")
	}
	local, domain := a[:at], a[at+1:]
	if local == "" {
		return Recipient{}, badRecipient(s, "empty local part")
	}
	if len(local) > maxLocalLen {
		return Recipient{}, badRecipient(s, fmt.Sprintf("local part longer than %d octets", maxLocalLen))
	}
	for _, c := range local {
		if !localChar(c) {
			return Recipient{}, badRecipient(s, fmt.Sprintf("character %q not allowed in local part", c))
		}
	}
	if domain == "" {
		return Recipient{}, badRecipient(s, "empty domain")
	}
	if len(domain) > maxDomainLen {
		return Recipient{}, badRecipient(s, fmt.Sprintf("domain longer than %d octets", maxDomainLen))
	}
	for _, label := range strings.Split(domain, ".") {
		if label == "" {
			return Recipient{}, badRecipient(s, "empty domain label")
		}
		for _, c := range label {
			if !domainChar(c) {
				return Recipient{}, badRecipient(s, fmt.Sprintf("character %q not allowed in domain", c))
			}
		}
	}
	return Recipient{addr: asciiLower(a)}, nil
}

// MustParseRecipient is ParseRecipient for constants in tests and examples.
func MustParseRecipient(s string) Recipient {
	r, err := ParseRecipient(s)
	if err != nil {
		panic(err)
	}
	return r
}

func badRecipient(s, why string) error {
	return fmt.Errorf("%w: %q: %s", ErrBadRecipient, clip(s), why)
}

// localChar: RFC 5322 atext, '.', or an allowed non-ASCII character.
func localChar(c rune) bool {
	if c < 0x80 {
		return isAlnum(c) || c == '.' || strings.ContainsRune("!#$%&'*+-/=?^_`{|}~", c)
	}
	return nonASCIIAllowed(c)
}

func domainChar(c rune) bool {
	if c < 0x80 {
		return isAlnum(c) || c == '-'
	}
	return nonASCIIAllowed(c)
}

func isAlnum(c rune) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

// nonASCIIAllowed rejects C1 controls and the Unicode White_Space characters
// above U+007F, listed here rather than taken from package unicode so the
// rule cannot change with the Unicode version.
func nonASCIIAllowed(c rune) bool {
	switch {
	case c >= 0x80 && c <= 0x9f: // C1 controls, including U+0085 NEL
		return false
	case c == 0xa0, c == 0x1680, c >= 0x2000 && c <= 0x200a,
		c == 0x2028, c == 0x2029, c == 0x202f, c == 0x205f, c == 0x3000:
		return false
	case c == utf8.RuneError: // U+FFFD: only ever a decoding accident here
		return false
	}
	return true
}

func asciiLower(s string) string {
	b := []byte(s)
	for i, c := range b {
		if c >= 'A' && c <= 'Z' {
			b[i] = c + ('a' - 'A')
		}
	}
	return string(b)
}
