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

	"github.com/postage-mail/postage/chain"
	"github.com/postage-mail/postage/config"
	"github.com/postage-mail/postage/mail"
	"github.com/postage-mail/postage/relay"
	"github.com/postage-mail/postage/stake"
)

func init() {
	register(&command{
		name:  "punish",
		args:  "[--rcpt ADDRESS] [--config FILE] [--rpc URL | --relay URL [--wait]] < message",
		short: "burn the stake a spam message carries (the Junk-folder action)",
		long: `Reads a message on stdin and burns the stake stamp addressed to this
recipient: that leaf of the sender's deposit is destroyed on chain. This is
what moving a message to Junk runs (see docs/punish.md for Dovecot
IMAPSieve).

The recipient is --rcpt, else Delivered-To / X-Original-To / Envelope-To,
else the only stake stamp in the message. The stamp's secret is derived
from the recipient's own address, so a stamp meant for someone else cannot
be burned by mistake.

It is idempotent: a stake already burned is reported and exits 0.

A message with a ticket of this host's book (deniable stake, postage help
book) is punished by erasing the ticket's value: the agent will never
reveal it, so the sender is never paid for it, and nothing is left that
could show whether that cost the sender anything. No chain, relay or ETH
is needed. Too late once the ticket was revealed (after book.decision_delay).

With --relay URL (or relay.url in the config) the recipient needs no ETH
and no account: punish mints a hashcash work stamp for the relay (its name
and bits come from the relay's /v1/health), submits the burn to it, and
prints "request <id>" on stdout. The relay pays the gas and is paid the
deposit's bounty. With --wait it also waits (up to --timeout) for the burn
to be mined and prints "tx <hash>". Without --wait it returns as soon as
the relay has queued the request, which suits a Dovecot IMAPSieve pipe
(docs/punish.md); the relay keeps the request across restarts.

Exit status: 0 burned, queued at the relay, or already burned; 1 the stamp
is not valid for this recipient, or the relay refuses the burn for good
(bad proof, unknown or withdrawn deposit, a bounty that does not cover the
gas); 2 the message has no stake stamp for this recipient; 64 usage;
65 unreadable message; 75 the chain or the relay could not be reached,
refused for now, or --wait timed out (try again).`,
		flags: punishFlags,
	})
}

func punishFlags(fs *flag.FlagSet) func(context.Context, []string) int {
	rcptFlag := fs.String("rcpt", "", "this recipient's `address`")
	cfgPath := fs.String("config", "", "configuration `file`")
	rpc := fs.String("rpc", "", "Ethereum JSON-RPC `URL`")
	relayURL := fs.String("relay", "", "submit the burn to the relay at this `URL` (default relay.url) instead of paying gas")
	wait := fs.Bool("wait", false, "with a relay: wait for the burn to be mined and print its transaction hash")
	timeout := fs.Duration("timeout", 5*time.Minute, "with --wait: how long to wait")
	return func(ctx context.Context, args []string) int {
		if len(args) > 0 {
			fmt.Fprintf(stderr, "postage punish: unexpected argument %q (the message comes on stdin)\n", args[0])
			return exitUsage
		}
		logf := func(format string, a ...any) { fmt.Fprintf(stderr, "postage punish: "+format+"\n", a...) }
		cfg, err := config.Load(*cfgPath)
		if err != nil {
			logf("%v", err)
			return exitUsage
		}
		m, err := mail.Read(stdin)
		if err != nil {
			logf("%v", err)
			return exitDataErr
		}
		// A ticket (deniable stake): punishing means never revealing it.
		if code, ok := punishTicket(ctx, cfg, m, *rcptFlag, logf); ok {
			return code
		}
		st, rcpt, code := findStake(m, *rcptFlag, logf)
		if st == nil {
			return code
		}
		secret, _, err := st.Check(rcpt)
		if err != nil {
			logf("the stake stamp is not valid for %s: %v", rcpt, err)
			return exitInvalid
		}
		if u := *relayURL; u != "" || cfg.Relay.URL != "" {
			if u == "" {
				u = cfg.Relay.URL
			}
			if *rpc != "" {
				logf("--rpc and a relay exclude each other: the relay chooses the chain")
				return exitUsage
			}
			return punishViaRelay(ctx, u, st, common.Hash(secret), *wait, *timeout, logf)
		}
		conn, err := connectChain(ctx, cfg, *rpc)
		if err != nil {
			logf("%v", err)
			return exitTempFail
		}
		defer conn.Close()
		if st.ChainID != conn.chainID.Uint64() || common.Address(st.Contract) != conn.contract.Address() {
			logf("the deposit is on chain %d, contract %s; connected to chain %d, contract %s: pass --rpc for that chain", st.ChainID, st.Contract, conn.chainID, conn.contract.Address())
			return exitTempFail
		}
		id := common.Hash(st.DepositID())
		// Read first: burning a burned leaf would cost gas for a revert.
		if burned, err := conn.reader.IsBurned(ctx, id, uint64(st.Index)); err == nil && burned {
			logf("already burned: leaf %d of deposit %s (nothing to do)", st.Index, id)
			return exitOK
		}
		w, err := conn.writer()
		if err != nil {
			logf("%v", err)
			return exitTempFail
		}
		proof := make([]common.Hash, len(st.Proof))
		for i, p := range st.Proof {
			proof[i] = common.Hash(p)
		}
		res, err := w.Burn(ctx, id, common.Hash(secret), uint64(st.Index), proof)
		switch {
		case errors.Is(err, chain.ErrLeafAlreadyBurned):
			logf("already burned: leaf %d of deposit %s (nothing to do)", st.Index, id)
			return exitOK
		case errors.Is(err, chain.ErrUnknownDeposit), errors.Is(err, chain.ErrDepositWithdrawn):
			logf("cannot burn: %v", err)
			return exitInvalid
		case err != nil:
			logf("burn leaf %d of deposit %s: %v", st.Index, id, err)
			return exitTempFail
		}
		bounty := ""
		if res.Bounty != nil && res.Bounty.Sign() > 0 {
			bounty = ", bounty " + chain.FormatWei(res.Bounty) + " paid to you"
		}
		logf("burned leaf %d of deposit %s: %s destroyed%s, transaction %s", st.Index, id, chain.FormatWei(res.Burned), bounty, res.Receipt.TxHash)
		return exitOK
	}
}

// findStake picks the recipient and its stake stamp from the message.
func findStake(m *mail.Message, rcptFlag string, logf func(string, ...any)) (*stake.Stamp, stake.Recipient, int) {
	var stamps []*stake.Stamp
	for _, h := range m.Postage().Stake {
		s, err := stake.Parse(h)
		if err != nil {
			logf("ignoring a malformed Postage-Stamp: %v", err)
			continue
		}
		stamps = append(stamps, s)
	}
	if len(stamps) == 0 {
		logf("no stake stamp in this message: nothing to burn")
		return nil, stake.Recipient{}, exitUnsure
	}
	addr := rcptFlag
	if addr == "" {
		for _, k := range []string{"Delivered-To", "X-Original-To", "Envelope-To"} {
			if v := strings.TrimSpace(m.Header.Get(k)); v != "" {
				addr = v
				break
			}
		}
	}
	if addr == "" {
		if len(stamps) > 1 {
			logf("%d stake stamps and no recipient: pass --rcpt", len(stamps))
			return nil, stake.Recipient{}, exitUsage
		}
		return stamps[0], stamps[0].Recipient, exitOK
	}
	rcpt, err := stake.ParseRecipient(addr)
	if err != nil {
		logf("recipient %q: %v", addr, err)
		return nil, stake.Recipient{}, exitUsage
	}
	for _, s := range stamps {
		if s.Recipient == rcpt {
			return s, rcpt, exitOK
		}
	}
	logf("no stake stamp for %s in this message: nothing to burn", rcpt)
	return nil, stake.Recipient{}, exitUnsure
}

// punishViaRelay submits the burn of st's leaf to the relay at url with a
// work stamp in lieu of gas, and with wait follows it until it is mined.
func punishViaRelay(ctx context.Context, url string, st *stake.Stamp, secret common.Hash, wait bool, timeout time.Duration, logf func(string, ...any)) int {
	proof := make([]common.Hash, len(st.Proof))
	for i, p := range st.Proof {
		proof[i] = common.Hash(p)
	}
	b := relay.Burn{ChainID: st.ChainID, Contract: common.Address(st.Contract), DepositID: common.Hash(st.DepositID()), Secret: secret, Index: st.Index, Proof: proof}
	cl := &relay.Client{URL: url}
	h, err := cl.Health(ctx)
	if err != nil {
		logf("relay %s: %v", url, err)
		return relayExit(err)
	}
	if h.ChainID != b.ChainID || !strings.EqualFold(h.Contract, b.Contract.Hex()) {
		logf("relay %s burns on chain %d, contract %s; this stamp's deposit is on chain %d, contract %s", url, h.ChainID, h.Contract, b.ChainID, b.Contract)
		return exitTempFail
	}
	if h.Status != "ok" {
		logf("relay %s reports problems (%s); submitting anyway: it keeps the request", url, strings.Join(h.Problems, "; "))
	}
	work, err := relay.Mint(ctx, b, h.Name, h.Bits)
	if err != nil {
		logf("%v", err)
		return exitSoftware
	}
	res, err := cl.Submit(ctx, b, work)
	var ae *relay.APIError
	switch {
	case errors.As(err, &ae) && ae.Code == relay.CodeAlreadyBurned:
		logf("already burned: leaf %d of deposit %s (nothing to do)", b.Index, b.DepositID)
		return exitOK
	case err != nil:
		logf("relay %s: %v", url, err)
		return relayExit(err)
	}
	fmt.Fprintf(stdout, "request %s\n", res.ID)
	if res.Duplicate {
		logf("the relay already has this burn: request %s, %s", res.ID, res.Status)
	} else {
		logf("queued at relay %s: request %s for leaf %d of deposit %s", url, res.ID, b.Index, b.DepositID)
	}
	if !wait {
		return exitOK
	}
	wctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	s, err := cl.Wait(wctx, res.ID, time.Second)
	if err != nil {
		if s.Status != "" {
			logf("request %s is still %s: %v", res.ID, s.Status, err)
		} else {
			logf("request %s: %v", res.ID, err)
		}
		return exitTempFail
	}
	switch s.Status {
	case relay.StateBurned:
		fmt.Fprintf(stdout, "tx %s\n", s.Tx)
		logf("burned leaf %d of deposit %s in transaction %s (block %d; the relay was paid %s)", b.Index, b.DepositID, s.Tx, s.Block, chain.FormatWei(bigOf(s.Bounty)))
		return exitOK
	case relay.StateAlreadyBurned:
		logf("already burned: leaf %d of deposit %s, by someone else (nothing to do)", b.Index, b.DepositID)
		return exitOK
	default:
		logf("the relay gave up request %s: %s", res.ID, s.Error)
		return exitTempFail
	}
}

// relayExit maps a relay error to the exit status.
func relayExit(err error) int {
	var ae *relay.APIError
	if !errors.As(err, &ae) {
		return exitTempFail // unreachable, or a garbled answer
	}
	switch ae.Code {
	case relay.CodeInvalidProof, relay.CodeUnknownDeposit, relay.CodeDepositWithdrawn, relay.CodeBountyTooLow, relay.CodeRefused:
		return exitInvalid
	case relay.CodeBadRequest, relay.CodeBodyTooLarge, relay.CodeUnsupportedMedia:
		return exitSoftware
	}
	return exitTempFail
}

func bigOf(s string) *big.Int {
	v, ok := new(big.Int).SetString(s, 10)
	if !ok {
		return new(big.Int)
	}
	return v
}
