package chain

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"golang.org/x/term"
)

// ErrNoPassphrase is ReadPassphrase with no file, no $POSTAGE_PASSWORD
// and no terminal to ask.
var ErrNoPassphrase = errors.New("no passphrase: pass --password-file FILE, set POSTAGE_PASSWORD_FILE, or run in a terminal")

// LooksLikeKey reports whether a command-line argument is a hex private
// key (optional 0x, 64 hex digits) rather than a file name: such keys are
// refused as arguments, where ps and the shell history would show them.
// An existing file of that name is a file.
func LooksLikeKey(s string) bool {
	s = strings.TrimPrefix(strings.TrimPrefix(s, "0x"), "0X")
	if len(s) != 64 {
		return false
	}
	for _, c := range s {
		if !strings.ContainsRune("0123456789abcdefABCDEF", c) {
			return false
		}
	}
	if _, err := os.Stat(s); err == nil {
		return false // a file that happens to have such a name
	}
	return true
}

// ReadKey reads a hex private key (for ImportHex) from the file src, or
// from stdin when src is "-". A key is 66 characters; more than 256 bytes
// is not one. The caller should wipe the result; a refused read wipes
// what it read.
func ReadKey(src string, stdin io.Reader) ([]byte, error) {
	r := stdin
	if src != "-" {
		f, err := os.Open(src)
		if err != nil {
			return nil, fmt.Errorf("read key: %w", err)
		}
		defer f.Close()
		r = f
	}
	buf := make([]byte, 257)
	n, err := io.ReadFull(r, buf)
	switch {
	case errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, io.EOF):
	case err != nil:
		clear(buf)
		return nil, fmt.Errorf("read key: %w", err)
	default:
		clear(buf)
		return nil, errors.New("read key: more than 256 bytes: not a hex private key")
	}
	return buf[:n], nil
}

// ReadPassphrase gets a keystore passphrase from file (--password-file),
// else $POSTAGE_PASSWORD_FILE, else $POSTAGE_PASSWORD, else the terminal
// (asked twice when confirm is set; never echoed). A file's first line is
// the passphrase. Without any of them it is ErrNoPassphrase.
func ReadPassphrase(file string, confirm bool) (string, error) {
	if file == "" {
		file = os.Getenv("POSTAGE_PASSWORD_FILE")
	}
	if file != "" {
		data, err := os.ReadFile(file)
		if err != nil {
			return "", fmt.Errorf("read passphrase: %w", err)
		}
		line, _, _ := strings.Cut(string(data), "\n")
		pass := strings.TrimRight(line, "\r")
		if pass == "" {
			return "", fmt.Errorf("passphrase file %s is empty", file)
		}
		return pass, nil
	}
	if p := os.Getenv("POSTAGE_PASSWORD"); p != "" {
		return p, nil
	}
	tty, err := os.OpenFile("/dev/tty", os.O_RDWR, 0)
	if err != nil || !term.IsTerminal(int(tty.Fd())) {
		if tty != nil {
			tty.Close()
		}
		return "", ErrNoPassphrase
	}
	defer tty.Close()
	return askPassphrase(tty, confirm)
}

// askPassphrase asks on the terminal tty, without echo.
func askPassphrase(tty *os.File, confirm bool) (string, error) {
	ask := func(prompt string) (string, error) {
		fmt.Fprint(tty, prompt)
		b, err := term.ReadPassword(int(tty.Fd()))
		fmt.Fprintln(tty)
		if err != nil {
			return "", fmt.Errorf("read passphrase: %w", err)
		}
		return string(b), nil
	}
	pass, err := ask("Passphrase: ")
	if err != nil {
		return "", err
	}
	if pass == "" {
		return "", errors.New("empty passphrase")
	}
	if confirm {
		again, err := ask("Repeat passphrase: ")
		if err != nil {
			return "", err
		}
		if again != pass {
			return "", errors.New("the passphrases differ")
		}
	}
	return pass, nil
}
