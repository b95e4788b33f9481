package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"golang.org/x/term"

	"github.com/postage-mail/postage/chain"
	"github.com/postage-mail/postage/chain/devnet"
	"github.com/postage-mail/postage/config"
)

func init() {
	register(&command{
		name:  "account",
		args:  "new|list|import [KEYFILE|-] [--password-file FILE]",
		short: "manage the keys that pay for deposits (encrypted keystore)",
		new:   func() cli { return &accountCmd{} },
	})
}

type accountCmd struct{ cfgPath, passFile string }

func (c *accountCmd) Flags(fs *flag.FlagSet) {
	fs.StringVar(&c.cfgPath, "config", "", "configuration `file`")
	fs.StringVar(&c.passFile, "password-file", "", "`file` whose first line is the passphrase")
}

func (c *accountCmd) Run(_ context.Context, args []string) error {
	if len(args) == 0 {
		return usageErr("usage: postage account new|list|import [KEYFILE|-]")
	}
	cfg, err := config.Load(c.cfgPath)
	if err != nil {
		return usageErr("%v", err)
	}
	ks := chain.OpenKeystore(cfg.KeystoreDir())
	switch sub, rest := args[0], args[1:]; sub {
	case "list":
		if len(rest) > 0 {
			return usageErr("list takes no arguments")
		}
		accountList(ks, cfg)
		return nil
	case "new":
		if len(rest) > 0 {
			return usageErr("new takes no arguments")
		}
		return c.newAccount(ks)
	case "import":
		if len(rest) > 1 {
			return usageErr("import takes at most one key file")
		}
		src := "-"
		if len(rest) == 1 {
			src = rest[0]
		}
		return c.importKey(ks, src)
	default:
		return usageErr("unknown subcommand %q: want new, list or import", sub)
	}
}

func accountList(ks *chain.Keystore, cfg *config.Config) {
	accts := ks.Accounts()
	if len(accts) == 0 {
		fmt.Fprintf(stdout, "no accounts in %s (create one with `postage account new`)\n", ks.Dir())
		return
	}
	dev, _ := devnet.ReadDevAccount(cfg.ChainDir())
	for _, a := range accts {
		note := ""
		if a.Address == dev.Account.Address {
			note = "  (embedded chain's developer account)"
		}
		fmt.Fprintf(stdout, "%s  %s%s\n", a.Address.Hex(), a.URL.Path, note)
	}
}

func (c *accountCmd) newAccount(ks *chain.Keystore) error {
	pass, err := readPassphrase(c.passFile, true)
	if err != nil {
		return usageErr("%v", err)
	}
	a, err := ks.New(pass)
	if err != nil {
		return exitErr(exitIOErr, err)
	}
	fmt.Fprintf(stdout, "new account %s\nkey file %s\n", a.Address.Hex(), a.URL.Path)
	fmt.Fprintf(stderr, "postage account: keep the passphrase: without it the key cannot be used\n")
	return nil
}

func (c *accountCmd) importKey(ks *chain.Keystore, src string) error {
	if looksLikeKey(src) {
		return usageErr("that looks like a private key: pass it in a file or on stdin, never as an argument (it shows in ps and shell history)")
	}
	key, err := readKey(src)
	defer clear(key)
	if err != nil {
		return exitErr(exitDataErr, err)
	}
	pass, err := readPassphrase(c.passFile, true)
	if err != nil {
		return usageErr("%v", err)
	}
	a, err := ks.ImportHex(key, pass)
	if errors.Is(err, chain.ErrBadKey) {
		return exitErr(exitDataErr, err)
	}
	if err != nil {
		return exitErr(exitIOErr, err)
	}
	fmt.Fprintf(stdout, "imported account %s\nkey file %s\n", a.Address.Hex(), a.URL.Path)
	return nil
}

// looksLikeKey reports whether an argument is a hex private key rather
// than a file name.
func looksLikeKey(s string) bool {
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

// readKey reads a hex private key from a file or stdin ("-"). A key is 66
// characters; anything much longer is not one.
func readKey(src string) ([]byte, error) {
	var r io.Reader = stdin
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

// readPassphrase gets a passphrase from --password-file, then
// $POSTAGE_PASSWORD_FILE, then $POSTAGE_PASSWORD, then the terminal (asked
// twice when confirm is set). It never echoes it.
func readPassphrase(file string, confirm bool) (string, error) {
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
		return "", errors.New("no passphrase: pass --password-file FILE, set POSTAGE_PASSWORD_FILE, or run in a terminal")
	}
	defer tty.Close()
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
