package config

import (
	"fmt"
	"strconv"
	"strings"
)

// SplitCommand splits a command line the way a POSIX shell splits words,
// without expansions: blanks separate words; single quotes keep everything
// up to the next single quote; double quotes keep everything but \" and \\
// escapes; a backslash outside quotes escapes the next character.
func SplitCommand(s string) ([]string, error) {
	var (
		words []string
		cur   strings.Builder
		in    bool // inside a word
	)
	for i := 0; i < len(s); i++ {
		ch := s[i]
		switch {
		case ch == ' ' || ch == '\t' || ch == '\n':
			if in {
				words = append(words, cur.String())
				cur.Reset()
				in = false
			}
		case ch == '\\':
			if i+1 >= len(s) {
				return nil, fmt.Errorf("command %q ends in a backslash", s)
			}
			i++
			cur.WriteByte(s[i])
			in = true
		case ch == '\'':
			j := strings.IndexByte(s[i+1:], '\'')
			if j < 0 {
				return nil, fmt.Errorf("command %q: unterminated single quote", s)
			}
			cur.WriteString(s[i+1 : i+1+j])
			i += j + 1
			in = true
		case ch == '"':
			i++
			for ; i < len(s) && s[i] != '"'; i++ {
				if s[i] == '\\' && i+1 < len(s) && (s[i+1] == '"' || s[i+1] == '\\') {
					i++
				}
				cur.WriteByte(s[i])
			}
			if i >= len(s) {
				return nil, fmt.Errorf("command %q: unterminated double quote", s)
			}
			in = true
		default:
			cur.WriteByte(ch)
			in = true
		}
	}
	if in {
		words = append(words, cur.String())
	}
	return words, nil
}

// SendmailCommand is send.sendmail as a program and its first arguments,
// e.g. ["/usr/sbin/sendmail", "-C", "/etc/postfix-out"].
func (c *Config) SendmailCommand() ([]string, error) {
	argv, err := SplitCommand(c.Send.Sendmail)
	if err != nil {
		return nil, fmt.Errorf("config: send.sendmail: %w", err)
	}
	if len(argv) == 0 {
		return nil, fmt.Errorf("config: send.sendmail is empty: want the MTA's sendmail command, e.g. /usr/sbin/sendmail")
	}
	return argv, nil
}

// ParseSize reads a size in bytes: a whole number with an optional unit,
// KiB, MiB, GiB (or K, M, G: the same powers of 1024), KB, MB, GB (powers
// of 1000).
func ParseSize(s string) (int64, error) {
	units := []struct {
		suffix string
		mult   int64
	}{{"KiB", 1 << 10}, {"MiB", 1 << 20}, {"GiB", 1 << 30}, {"KB", 1e3}, {"MB", 1e6}, {"GB", 1e9}, {"K", 1 << 10}, {"M", 1 << 20}, {"G", 1 << 30}, {"B", 1}}
	num, mult := strings.TrimSpace(s), int64(1)
	for _, u := range units {
		if rest, ok := strings.CutSuffix(num, u.suffix); ok {
			num, mult = strings.TrimSpace(rest), u.mult
			break
		}
	}
	n, err := strconv.ParseInt(num, 10, 64)
	if err != nil || n < 0 || n > (1<<62)/mult {
		return 0, fmt.Errorf("size %q: want a whole number of bytes, or with KiB, MiB or GiB", s)
	}
	return n * mult, nil
}

// ChainMinFree is chain.min_free in bytes: below it, on the embedded
// chain's file system, block production pauses. 0 never pauses.
func (c *Config) ChainMinFree() (int64, error) {
	n, err := ParseSize(c.Chain.MinFree)
	if err != nil {
		return 0, fmt.Errorf("config: chain.min_free: %w", err)
	}
	return n, nil
}
