package stake

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"
)

// HeaderName is the mail header that carries a stake stamp.
const HeaderName = "Postage-Stamp"

// MaxHeaderLen bounds a header value (before unfolding) that Parse looks
// at. A canonical value is at most about 2,000 octets (a 20-element proof
// and a 254-octet address); the rest is room for folding and unknown tags.
const MaxHeaderLen = 4096

// Stamp is one recipient's stake stamp: where the deposit is, which leaf is
// this recipient's, and the nonce its secret is made from.
type Stamp struct {
	ChainID   uint64    // EIP-155 chain id, not 0
	Contract  Address   // the deposit contract, not zero
	Creator   Address   // the deposit's creator, not zero
	Root      Hash      // the deposit's Merkle root
	Leaves    uint32    // the deposit's leaf count, 1..MaxLeaves
	Recipient Recipient // the address the secret is bound to
	Nonce     Nonce
	Index     uint32 // the leaf index, < Leaves
	Proof     []Hash // bottom-up sibling path, exactly ProofLen(Index, Leaves) long
}

// DepositID returns the id the contract files this stamp's deposit under.
func (s *Stamp) DepositID() Hash { return DepositID(s.Creator, s.Root) }

// Validate checks the fields that Parse would check, so that Format never
// writes a header Parse would refuse.
func (s *Stamp) Validate() error {
	switch {
	case s.ChainID == 0:
		return fmt.Errorf("%w: chain id 0", ErrMalformed)
	case s.Contract.IsZero():
		return fmt.Errorf("%w: zero contract address", ErrMalformed)
	case s.Creator.IsZero():
		return fmt.Errorf("%w: zero creator address", ErrMalformed)
	case s.Recipient.IsZero():
		return fmt.Errorf("%w: no recipient", ErrMalformed)
	}
	want, err := ProofLen(s.Index, s.Leaves)
	if err != nil {
		return fmt.Errorf("%w: %w", ErrMalformed, err)
	}
	if len(s.Proof) != want {
		return fmt.Errorf("%w: leaf %d of %d needs %d proof elements, have %d", ErrMalformed, s.Index, s.Leaves, want, len(s.Proof))
	}
	return nil
}

// Format returns the canonical header value (without the header name): tags
// in the order v, chain, contract, creator, root, leaves, rcpt, nonce,
// index, proof, separated by "; ", proof elements by ", ". Every separator
// carries a space so any mail writer can fold the line there.
func (s *Stamp) Format() (string, error) {
	if err := s.Validate(); err != nil {
		return "", err
	}
	var b strings.Builder
	b.Grow(256 + 68*len(s.Proof))
	b.WriteString("v=1; chain=")
	b.WriteString(strconv.FormatUint(s.ChainID, 10))
	b.WriteString("; contract=")
	b.WriteString(s.Contract.String())
	b.WriteString("; creator=")
	b.WriteString(s.Creator.String())
	b.WriteString("; root=")
	b.WriteString(s.Root.String())
	b.WriteString("; leaves=")
	b.WriteString(strconv.FormatUint(uint64(s.Leaves), 10))
	b.WriteString("; rcpt=")
	b.WriteString(s.Recipient.addr)
	b.WriteString("; nonce=")
	b.WriteString(s.Nonce.String())
	b.WriteString("; index=")
	b.WriteString(strconv.FormatUint(uint64(s.Index), 10))
	b.WriteString("; proof=")
	for i, p := range s.Proof {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(p.String())
	}
	return b.String(), nil
}

// FormatFolded returns the canonical value folded with CRLF + SP at its
// spaces so that, written after "Postage-Stamp: ", no line is longer than
// 78 characters (only an address longer than about 70 octets can make its
// own line longer, never beyond RFC 5322's 998).
func (s *Stamp) FormatFolded() (string, error) {
	v, err := s.Format()
	if err != nil {
		return "", err
	}
	const width = 78
	var b strings.Builder
	col := len(HeaderName) + 2
	for i, tok := range strings.Split(v, " ") {
		switch {
		case i == 0:
		case col+1+len(tok) <= width:
			b.WriteByte(' ')
			col++
		default:
			b.WriteString("\r\n ")
			col = 1
		}
		b.WriteString(tok)
		col += len(tok)
	}
	return b.String(), nil
}

// knownTags are the v=1 tags, all required.
var knownTags = []string{"v", "chain", "contract", "creator", "root", "leaves", "rcpt", "nonce", "index", "proof"}

// Parse parses a Postage-Stamp header value (without the header name).
// It accepts the value folded (CRLF or LF followed by SP or HTAB), with
// whitespace around separators, tags in any order, a trailing ';' and
// unknown tags, which are ignored so later minor versions can add
// information. Everything else is strict: duplicate tags, missing tags,
// values out of range or in a non-canonical encoding are ErrMalformed; a
// version other than 1 is ErrUnsupportedVersion.
func Parse(value string) (*Stamp, error) {
	tags, err := splitTags(value)
	if err != nil {
		return nil, err
	}
	v, ok := tags["v"]
	if !ok {
		return nil, fmt.Errorf("%w: missing tag v", ErrMalformed)
	}
	ver, err := parseDecimal(v, 1<<64-1)
	if err != nil {
		return nil, fmt.Errorf("%w: v: %w", ErrMalformed, err)
	}
	if ver != 1 {
		return nil, fmt.Errorf("%w: v=%d (this implementation reads v=1)", ErrUnsupportedVersion, ver)
	}
	for _, k := range knownTags {
		if _, ok := tags[k]; !ok {
			return nil, fmt.Errorf("%w: missing tag %s", ErrMalformed, k)
		}
	}

	s := &Stamp{}
	if s.ChainID, err = parseDecimal(tags["chain"], 1<<64-1); err != nil {
		return nil, fmt.Errorf("%w: chain: %w", ErrMalformed, err)
	}
	if s.Contract, err = ParseAddress(tags["contract"]); err != nil {
		return nil, fmt.Errorf("%w: contract: %w", ErrMalformed, err)
	}
	if s.Creator, err = ParseAddress(tags["creator"]); err != nil {
		return nil, fmt.Errorf("%w: creator: %w", ErrMalformed, err)
	}
	if s.Root, err = ParseHash(tags["root"]); err != nil {
		return nil, fmt.Errorf("%w: root: %w", ErrMalformed, err)
	}
	leaves, err := parseDecimal(tags["leaves"], MaxLeaves)
	if err != nil {
		return nil, fmt.Errorf("%w: leaves: %w", ErrMalformed, err)
	}
	s.Leaves = uint32(leaves)
	if s.Recipient, err = ParseRecipient(tags["rcpt"]); err != nil {
		return nil, fmt.Errorf("%w: rcpt: %w", ErrMalformed, err)
	}
	if s.Nonce, err = ParseNonce(tags["nonce"]); err != nil {
		return nil, fmt.Errorf("%w: nonce: %w", ErrMalformed, err)
	}
	index, err := parseDecimal(tags["index"], MaxLeaves-1)
	if err != nil {
		return nil, fmt.Errorf("%w: index: %w", ErrMalformed, err)
	}
	s.Index = uint32(index)
	if s.Proof, err = parseProof(tags["proof"]); err != nil {
		return nil, fmt.Errorf("%w: proof: %w", ErrMalformed, err)
	}
	if err := s.Validate(); err != nil {
		return nil, err
	}
	return s, nil
}

// splitTags unfolds the value and splits it into tag=value pairs.
func splitTags(value string) (map[string]string, error) {
	if len(value) > MaxHeaderLen {
		return nil, fmt.Errorf("%w: header value of %d octets (max %d)", ErrMalformed, len(value), MaxHeaderLen)
	}
	if !utf8.ValidString(value) {
		return nil, fmt.Errorf("%w: not valid UTF-8", ErrMalformed)
	}
	unfolded, err := unfold(value)
	if err != nil {
		return nil, err
	}
	parts := strings.Split(unfolded, ";")
	tags := make(map[string]string, len(parts))
	for i, part := range parts {
		part = trimWSP(part)
		if part == "" {
			if i > 0 && i == len(parts)-1 {
				break // one trailing ';' is allowed
			}
			return nil, fmt.Errorf("%w: empty tag at position %d", ErrMalformed, i+1)
		}
		eq := strings.IndexByte(part, '=')
		if eq < 0 {
			return nil, fmt.Errorf("%w: tag %q has no '='", ErrMalformed, clip(part))
		}
		name, val := trimWSP(part[:eq]), trimWSP(part[eq+1:])
		if !validTagName(name) {
			return nil, fmt.Errorf("%w: bad tag name %q", ErrMalformed, clip(name))
		}
		if _, dup := tags[name]; dup {
			return nil, fmt.Errorf("%w: duplicate tag %s", ErrMalformed, name)
		}
		tags[name] = val
	}
	return tags, nil
}

// unfold removes each line break (CRLF, or a bare LF as mail stores written
// with Unix line ends deliver it) that is followed by SP or HTAB, as RFC
// 5322 section 2.2.3 unfolds, and one line break at the very end. Any other
// control character is an error.
func unfold(s string) (string, error) {
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '\r' || c == '\n':
			if c == '\r' {
				if i+1 >= len(s) || s[i+1] != '\n' {
					return "", fmt.Errorf("%w: CR not followed by LF at octet %d", ErrMalformed, i)
				}
				i++
			}
			if i+1 == len(s) {
				continue // a final line ending
			}
			if s[i+1] != ' ' && s[i+1] != '\t' {
				return "", fmt.Errorf("%w: line break not followed by whitespace at octet %d", ErrMalformed, i)
			}
		case c == '\t' || c >= 0x20 && c != 0x7f:
			b.WriteByte(c)
		default:
			return "", fmt.Errorf("%w: control character %#02x at octet %d", ErrMalformed, c, i)
		}
	}
	return b.String(), nil
}

func trimWSP(s string) string { return strings.Trim(s, " \t") }

// validTagName: ALPHA *(ALPHA / DIGIT / "_" / "-"), case-sensitive.
func validTagName(s string) bool {
	if s == "" || !(s[0] >= 'a' && s[0] <= 'z' || s[0] >= 'A' && s[0] <= 'Z') {
		return false
	}
	for i := 1; i < len(s); i++ {
		if c := rune(s[i]); !isAlnum(c) && c != '_' && c != '-' {
			return false
		}
	}
	return true
}

// parseDecimal parses 1*DIGIT without leading zeros (except "0" itself),
// no sign, at most max.
func parseDecimal(s string, max uint64) (uint64, error) {
	if s == "" {
		return 0, fmt.Errorf("empty number")
	}
	if len(s) > 20 {
		return 0, fmt.Errorf("number %q too long", clip(s))
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return 0, fmt.Errorf("%q is not a decimal number", s)
		}
	}
	if len(s) > 1 && s[0] == '0' {
		return 0, fmt.Errorf("%q has a leading zero", s)
	}
	n, err := strconv.ParseUint(s, 10, 64)
	if err != nil || n > max {
		return 0, fmt.Errorf("%s out of range (max %d)", s, max)
	}
	return n, nil
}

// parseProof parses "" or hash *(*WSP "," *WSP hash).
func parseProof(s string) ([]Hash, error) {
	if s == "" {
		return nil, nil
	}
	if n := strings.Count(s, ",") + 1; n > MaxDepth {
		return nil, fmt.Errorf("%d elements (max %d)", n, MaxDepth)
	}
	elems := strings.Split(s, ",")
	proof := make([]Hash, len(elems))
	for i, e := range elems {
		h, err := ParseHash(trimWSP(e))
		if err != nil {
			return nil, fmt.Errorf("element %d: %w", i, err)
		}
		proof[i] = h
	}
	return proof, nil
}

// Check verifies that the stamp is bound to rcpt: the stamp names rcpt, and
// the secret derived from rcpt and the nonce is the leaf at Index under
// Root. It returns that secret (what a burn publishes) and its leaf. It says
// nothing about the deposit on chain: whether it exists with this root and
// leaf count, its value, or whether the leaf is already burned.
func (s *Stamp) Check(rcpt Recipient) (secret, leaf Hash, err error) {
	if rcpt.IsZero() {
		return Hash{}, Hash{}, fmt.Errorf("%w: no recipient given", ErrBadRecipient)
	}
	if s.Recipient != rcpt {
		return Hash{}, Hash{}, fmt.Errorf("%w: stamp is for %s, not %s", ErrWrongRecipient, s.Recipient, rcpt)
	}
	secret = Secret(rcpt, s.Nonce)
	leaf = Leaf(secret)
	if err := Verify(s.Root, leaf, s.Index, s.Leaves, s.Proof); err != nil {
		return Hash{}, Hash{}, fmt.Errorf("stamp for %s: %w", rcpt, err)
	}
	return secret, leaf, nil
}

// Found is what Find makes of a message's Postage-Stamp values.
type Found struct {
	// Stamps are the values that parse, in order.
	Stamps []*Stamp
	// Bad says why each of the others does not parse (tickets, kind
	// "ticket", are among them: package book reads those).
	Bad []error
}

// Find parses a message's Postage-Stamp values. The checker and `postage
// punish` both look for the one stamp bound to their recipient with it.
func Find(values []string) Found {
	var f Found
	for _, v := range values {
		s, err := Parse(v)
		if err != nil {
			f.Bad = append(f.Bad, err)
			continue
		}
		f.Stamps = append(f.Stamps, s)
	}
	return f
}

// For is the first stamp bound to rcpt, or nil. Stamps bound to others
// (a forwarded message, a list's copy) are not rcpt's to check or burn.
func (f Found) For(rcpt Recipient) *Stamp {
	for _, s := range f.Stamps {
		if s.Recipient == rcpt {
			return s
		}
	}
	return nil
}
