package book

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"
)

// maxTagged bounds a header value or TXT record that is parsed at all.
const maxTagged = 4096

// splitTags parses "name=value; name=value" (the Postage-Stamp grammar):
// folded lines are unfolded, whitespace around separators is ignored, one
// trailing ';' is allowed, duplicate tags are an error.
func splitTags(value string) (map[string]string, error) {
	if len(value) > maxTagged {
		return nil, fmt.Errorf("%w: %d octets (max %d)", ErrMalformed, len(value), maxTagged)
	}
	if !utf8.ValidString(value) {
		return nil, fmt.Errorf("%w: not valid UTF-8", ErrMalformed)
	}
	var b strings.Builder
	for i := 0; i < len(value); i++ {
		c := value[i]
		switch {
		case c == '\r' || c == '\n':
			// Folding: a line break followed by whitespace, or a final one.
			if c == '\r' && (i+1 >= len(value) || value[i+1] != '\n') {
				return nil, fmt.Errorf("%w: CR not followed by LF", ErrMalformed)
			}
			if c == '\r' {
				i++
			}
			if i+1 < len(value) && value[i+1] != ' ' && value[i+1] != '\t' {
				return nil, fmt.Errorf("%w: line break not followed by whitespace", ErrMalformed)
			}
		case c == '\t' || c >= 0x20 && c != 0x7f:
			b.WriteByte(c)
		default:
			return nil, fmt.Errorf("%w: control character %#02x", ErrMalformed, c)
		}
	}
	parts := strings.Split(b.String(), ";")
	tags := make(map[string]string, len(parts))
	for i, part := range parts {
		part = strings.Trim(part, " \t")
		if part == "" {
			if i > 0 && i == len(parts)-1 {
				break
			}
			return nil, fmt.Errorf("%w: empty tag at position %d", ErrMalformed, i+1)
		}
		eq := strings.IndexByte(part, '=')
		if eq <= 0 {
			return nil, fmt.Errorf("%w: tag %q has no name=value", ErrMalformed, clip(part))
		}
		name, val := strings.Trim(part[:eq], " \t"), strings.Trim(part[eq+1:], " \t")
		if _, dup := tags[name]; dup {
			return nil, fmt.Errorf("%w: duplicate tag %s", ErrMalformed, name)
		}
		tags[name] = val
	}
	return tags, nil
}

// decimal parses 1*DIGIT without a leading zero, at most max.
func decimal(s string, max uint64) (uint64, error) {
	if s == "" || len(s) > 20 || (len(s) > 1 && s[0] == '0') {
		return 0, fmt.Errorf("%q is not a canonical decimal number", clip(s))
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return 0, fmt.Errorf("%q is not a decimal number", clip(s))
		}
	}
	n, err := strconv.ParseUint(s, 10, 64)
	if err != nil || n > max {
		return 0, fmt.Errorf("%s out of range (max %d)", clip(s), max)
	}
	return n, nil
}

func clip(s string) string {
	if len(s) > 80 {
		return s[:80] + "..."
	}
	return s
}
