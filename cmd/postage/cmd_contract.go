package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/postage-mail/postage/chain/canonical"
	"github.com/postage-mail/postage/config"
)

func init() {
	register(&command{
		name:  "contract",
		args:  "address [--delay D] | deploy [--rpc URL] [--delay D] | verify [--rpc URL] [--delay D] [--book] [ADDRESS]",
		short: "the canonical contract addresses: print, deploy, verify",
		long: `The deposit contract and the TicketBook are deployed with CREATE2 through
the deterministic deployment proxy (0x4e59b44847b379578588920cA78FbF26c0B4956C)
with a fixed salt, so a build of postage has one address for them on every
EVM chain. The withdrawal delay is a constructor argument and part of the
address: the canonical deposit contract has a delay of 3 days (--delay
gives another one's address). docs/networks.md explains the mapping.

'address' prints the canonical addresses, computed from this build's
bytecode without any network.

'deploy' deploys both contracts at their canonical addresses on the chain
at --rpc (default chain.rpc, else the embedded chain), unless code is
there already, installing the proxy first where the chain lacks it (it
funds the proxy's keyless deployer with 0.01 ETH and sends the proxy's
public pre-signed transaction; a node must accept transactions without
EIP-155 replay protection for that, geth: --rpc.allow-unprotected-txs). It
prints the addresses and transactions. The signer is chain.account (or
--from), with chain.password_file or POSTAGE_PASSWORD_FILE; on the embedded
chain its developer account.

'verify' checks that the runtime code at ADDRESS (default: the canonical
deposit contract for --delay) is exactly an accepted build of the deposit
contract (--book: of the TicketBook) and that its delay is --delay. It
prints "ok" or the reason: no-code, other-code, other-delay.

Exit status: 0 deployed or verified; 1 verify found no code, other code or
another delay, or deploy failed on the chain; 64 usage; 75 the chain could
not be reached.`,
		flags: contractFlags,
	})
}

func contractFlags(fs *flag.FlagSet) func(context.Context, []string) int {
	cfgFile := fs.String("config", "", "configuration `file`")
	rpc := fs.String("rpc", "", "Ethereum JSON-RPC `URL` (default: chain.rpc, else the embedded chain on this machine)")
	from := fs.String("from", "", "deploy: account `address` that signs (default: chain.account, else the embedded chain's developer account)")
	delay := canonical.CanonicalDelay
	fs.Var(periodFlag{&delay}, "delay", "the deposit contract's withdrawal `delay` (default 3d, the canonical one)")
	book := fs.Bool("book", false, "verify: ADDRESS is a TicketBook (the canonical one's arguments)")
	return func(ctx context.Context, args []string) int {
		logf := func(format string, a ...any) { fmt.Fprintf(stderr, "postage contract: "+format+"\n", a...) }
		if len(args) == 0 {
			logf("usage: postage contract address|deploy|verify")
			return exitUsage
		}
		sub, args := args[0], args[1:]
		postageAddr, err := canonical.CanonicalAddress(delay)
		if err != nil {
			logf("--delay: %v", err)
			return exitUsage
		}
		bookAddr := canonical.TicketBookAddress(canonical.CanonicalRandomnessDelay, canonical.CanonicalEpoch)
		switch sub {
		case "address":
			if len(args) != 0 {
				logf("address takes no arguments")
				return exitUsage
			}
			fmt.Fprintf(stdout, "Postage     %s  delay %s\n", postageAddr, fmtDelay(delay))
			fmt.Fprintf(stdout, "TicketBook  %s  randomness_delay %d, epoch %d\n", bookAddr, canonical.CanonicalRandomnessDelay, canonical.CanonicalEpoch)
			return exitOK
		case "deploy", "verify":
		default:
			logf("unknown subcommand %q: want address, deploy or verify", sub)
			return exitUsage
		}
		target := postageAddr
		if *book {
			target = bookAddr
		}
		switch {
		case sub == "deploy" && len(args) != 0:
			logf("deploy takes no arguments")
			return exitUsage
		case sub == "verify" && len(args) > 1:
			logf("verify takes at most one ADDRESS")
			return exitUsage
		case sub == "verify" && len(args) == 1:
			if !common.IsHexAddress(args[0]) {
				logf("%q is not an address", args[0])
				return exitUsage
			}
			target = common.HexToAddress(args[0])
		}
		cfg, err := config.Load(*cfgFile)
		if err != nil {
			logf("%v", err)
			return exitUsage
		}
		if *from != "" {
			if !common.IsHexAddress(*from) {
				logf("--from %q is not an address", *from)
				return exitUsage
			}
			cfg.Chain.Account = *from
		}
		conn, err := dialChain(ctx, cfg, *rpc)
		if err != nil {
			logf("%v", err)
			return exitTempFail
		}
		defer conn.Close()

		if sub == "verify" {
			if *book {
				err = canonical.VerifyTicketBook(ctx, conn.client, target, canonical.CanonicalRandomnessDelay, canonical.CanonicalEpoch)
			} else {
				_, err = canonical.Verify(ctx, conn.client, target, delay)
			}
			return verifyExit(target, err)
		}

		opts, err := conn.transactor()
		if err != nil {
			logf("%v", err)
			return chainExit(err)
		}
		d, err := canonical.Deploy(ctx, conn.client, opts, delay)
		printDeployed("Postage", d)
		if err != nil {
			logf("%v", err)
			return exitInvalid
		}
		bd, err := canonical.DeployTicketBook(ctx, conn.client, opts, canonical.CanonicalRandomnessDelay, canonical.CanonicalEpoch)
		printDeployed("TicketBook", bd)
		if err != nil {
			logf("%v", err)
			return exitInvalid
		}
		return exitOK
	}
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

func verifyExit(addr common.Address, err error) int {
	var ve *canonical.VerifyError
	switch {
	case err == nil:
		fmt.Fprintf(stdout, "ok %s\n", addr)
		return exitOK
	case errors.As(err, &ve):
		fmt.Fprintf(stdout, "%s %s\n", ve.Reason, addr)
		fmt.Fprintf(stderr, "postage contract: %v\n", err)
		return exitInvalid
	default:
		fmt.Fprintf(stderr, "postage contract: %v\n", err)
		return exitTempFail
	}
}

// fmtDelay prints a delay in days when it is whole days.
func fmtDelay(d time.Duration) string {
	if d%(24*time.Hour) == 0 {
		return fmt.Sprintf("%dd", d/(24*time.Hour))
	}
	return d.String()
}
