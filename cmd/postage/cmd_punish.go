package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"strings"

	"github.com/ethereum/go-ethereum/common"

	"github.com/postage-mail/postage/chain"
	"github.com/postage-mail/postage/config"
	"github.com/postage-mail/postage/mail"
	"github.com/postage-mail/postage/stake"
)

func init() {
	register(&command{
		name:  "punish",
		args:  "[--rcpt ADDRESS] [--config FILE] [--rpc URL] < message",
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

Exit status: 0 burned (or already burned); 1 the stamp is not valid for
this recipient; 2 the message has no stake stamp for this recipient;
64 usage; 65 unreadable message; 75 the chain could not be reached or
refused (try again).`,
		flags: punishFlags,
	})
}

func punishFlags(fs *flag.FlagSet) func(context.Context, []string) int {
	rcptFlag := fs.String("rcpt", "", "this recipient's `address`")
	cfgPath := fs.String("config", "", "configuration `file`")
	rpc := fs.String("rpc", "", "Ethereum JSON-RPC `URL`")
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
		st, rcpt, code := findStake(m, *rcptFlag, logf)
		if st == nil {
			return code
		}
		secret, _, err := st.Check(rcpt)
		if err != nil {
			logf("the stake stamp is not valid for %s: %v", rcpt, err)
			return exitInvalid
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
		logf("burned leaf %d of deposit %s: %s destroyed, transaction %s", st.Index, id, chain.FormatWei(res.Burned), res.Receipt.TxHash)
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
