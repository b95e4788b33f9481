package main

import (
	"context"
	"errors"
	"flag"
	"fmt"

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
		dev, _ := devnet.ReadDevAccount(cfg.ChainDir())
		fmt.Fprint(stdout, ks.Listing(dev.Account.Address))
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

func (c *accountCmd) newAccount(ks *chain.Keystore) error {
	pass, err := chain.ReadPassphrase(c.passFile, true)
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
	if chain.LooksLikeKey(src) {
		return usageErr("that looks like a private key: pass it in a file or on stdin, never as an argument (it shows in ps and shell history)")
	}
	key, err := chain.ReadKey(src, stdin)
	defer clear(key)
	if err != nil {
		return exitErr(exitDataErr, err)
	}
	pass, err := chain.ReadPassphrase(c.passFile, true)
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
