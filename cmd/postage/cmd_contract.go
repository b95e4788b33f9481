package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"math/big"
	"strings"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/postage-mail/postage/chain/canonical"
	"github.com/postage-mail/postage/chain/networks"
	"github.com/postage-mail/postage/config"
	"github.com/postage-mail/postage/host"
)

func init() {
	register(&command{
		name:  "contract",
		args:  "address [--delay D] | networks | deploy [--rpc URL] [--delay D] | verify [--rpc URL] [--network N] [--delay D] [--book] [ADDRESS]",
		short: "the canonical contract addresses: print, deploy, verify",
		new:   func() cli { return &contractCmd{delay: canonical.CanonicalDelay} },
	})
}

type contractCmd struct {
	cfgFile, rpc, from, network string
	delay                       time.Duration
	book                        bool
}

func (c *contractCmd) Flags(fs *flag.FlagSet) {
	fs.StringVar(&c.cfgFile, "config", "", "configuration `file`")
	fs.StringVar(&c.rpc, "rpc", "", "Ethereum JSON-RPC `URL` (default: chain.rpc, else the embedded chain on this machine)")
	fs.StringVar(&c.from, "from", "", "deploy: account `address` that signs (default: chain.account, else the embedded chain's developer account)")
	fs.Var(periodFlag{&c.delay}, "delay", "the deposit contract's withdrawal `delay` (default 3d, the canonical one)")
	fs.BoolVar(&c.book, "book", false, "verify: ADDRESS is a TicketBook (the canonical one's arguments)")
	fs.StringVar(&c.network, "network", "", "verify: check the `network` preset's fixture (chain id and code hash at its canonical address)")
}

func (c *contractCmd) Run(ctx context.Context, args []string) error {
	if len(args) == 0 {
		return usageErr("usage: postage contract address|networks|deploy|verify")
	}
	sub, args := args[0], args[1:]
	if _, err := canonical.CanonicalAddress(c.delay); err != nil {
		return usageErr("--delay: %v", err)
	}
	switch sub {
	case "address", "networks":
		if len(args) != 0 {
			return usageErr("%s takes no arguments", sub)
		}
		if sub == "networks" {
			printNetworks()
		} else {
			c.printAddresses()
		}
		return nil
	case "deploy":
		if len(args) != 0 {
			return usageErr("deploy takes no arguments")
		}
		return c.deploy(ctx)
	case "verify":
		return c.verify(ctx, args)
	}
	return usageErr("unknown subcommand %q: want address, networks, deploy or verify", sub)
}

func (c *contractCmd) printAddresses() {
	postageAddr, _ := canonical.CanonicalAddress(c.delay)
	fmt.Fprintf(stdout, "Postage     %s  delay %s\n", postageAddr, fmtDelay(c.delay))
	fmt.Fprintf(stdout, "TicketBook  %s  randomness_delay %d, epoch %d\n", bookAddress(), canonical.CanonicalRandomnessDelay, canonical.CanonicalEpoch)
}

func printNetworks() {
	fmt.Fprintf(stdout, "%-9s %10s %13s %10s %12s  %s\n", "network", "chain id", "confirmations", "block", "max fee", "")
	for _, n := range networks.All() {
		fmt.Fprintf(stdout, "%-9s %10d %13d %10s %12s  %s\n", n.Name, n.ChainID, n.Confirmations, n.BlockTime, fmtGwei(n.Fees.MaxFee), n.Note)
	}
	fmt.Fprintf(stdout, "%-9s %10s %13s %10s %12s  %s\n", networks.Custom, "chain_id", "policy", "-", "max_fee", "any other EVM chain: chain.rpc and chain.chain_id")
}

// fmtGwei prints a fee per gas in gwei.
func fmtGwei(v *big.Int) string {
	if v == nil {
		return "none"
	}
	s := new(big.Rat).SetFrac(v, big.NewInt(1e9)).FloatString(9)
	return strings.TrimSuffix(strings.TrimRight(s, "0"), ".") + " gwei"
}

func bookAddress() common.Address {
	return canonical.TicketBookAddress(canonical.CanonicalRandomnessDelay, canonical.CanonicalEpoch)
}

// load reads the configuration, with --from as chain.account.
func (c *contractCmd) load() (*config.Config, error) {
	cfg, err := config.Load(c.cfgFile)
	if err != nil {
		return nil, usageErr("%v", err)
	}
	if c.from != "" {
		if !common.IsHexAddress(c.from) {
			return nil, usageErr("--from %q is not an address", c.from)
		}
		cfg.Chain.Account = c.from
	}
	return cfg, nil
}

func (c *contractCmd) deploy(ctx context.Context) error {
	cfg, err := c.load()
	if err != nil {
		return err
	}
	conn, err := host.DialChain(ctx, cfg, c.rpc)
	if err != nil {
		return exitErr(exitTempFail, err)
	}
	defer conn.Close()
	opts, err := conn.Transactor()
	if err != nil {
		return exitErr(chainExit(err), err)
	}
	d, err := canonical.Deploy(ctx, conn.Client, opts, c.delay)
	printDeployed("Postage", d)
	if err != nil {
		return exitErr(exitInvalid, err)
	}
	bd, err := canonical.DeployTicketBook(ctx, conn.Client, opts, canonical.CanonicalRandomnessDelay, canonical.CanonicalEpoch)
	printDeployed("TicketBook", bd)
	return exitErr(exitInvalid, err)
}

func printDeployed(name string, d canonical.Deployed) {
	if d.ProxyTx != (common.Hash{}) {
		fmt.Fprintf(stdout, "proxy       %s  installed in tx %s\n", canonical.ProxyAddress, d.ProxyTx)
	}
	switch {
	case d.Address == (common.Address{}):
	case d.Tx != (common.Hash{}):
		fmt.Fprintf(stdout, "%-11s %s  deployed in tx %s\n", name, d.Address, d.Tx)
	default:
		fmt.Fprintf(stdout, "%-11s %s  already deployed\n", name, d.Address)
	}
}

// fmtDelay prints a delay in days when it is whole days.
func fmtDelay(d time.Duration) string {
	if d%(24*time.Hour) == 0 {
		return fmt.Sprintf("%dd", d/(24*time.Hour))
	}
	return d.String()
}

// errUnreachable marks a verify that could not ask the chain.
var errUnreachable = errors.New("unreachable")
