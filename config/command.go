package config

import (
	"fmt"
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
