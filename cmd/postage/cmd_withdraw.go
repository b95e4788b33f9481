package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/postage-mail/postage/chain"
)

func init() {
	register(&command{
		name:  "withdraw",
		args:  "start|finish DEPOSIT-ID [--rpc URL]",
		short: "take a deposit back: start the delay, then finish",
		long: `Withdrawing is two steps. 'withdraw start ID' starts the contract's delay
(days on a real deployment: recipients can still burn spam during it) and
prints the unlock time. 'withdraw finish ID' after the unlock time pays the
creator what was not burned and closes the deposit for good. Finishing
early fails and names the unlock time (UTC).

Exit status: 0 done; 1 refused by the contract (not the creator, not
started, already withdrawn, unknown deposit); 64 usage; 75 too early or
the chain could not be reached (try again later).`,
		flags: withdrawFlags,
	})
}

func withdrawFlags(fs *flag.FlagSet) func(context.Context, []string) int {
	cf := addChainFlags(fs, true)
	return func(ctx context.Context, args []string) int {
		logf := func(format string, a ...any) { fmt.Fprintf(stderr, "postage withdraw: "+format+"\n", a...) }
		if len(args) != 2 || (args[0] != "start" && args[0] != "finish") {
			logf("usage: postage withdraw start|finish DEPOSIT-ID")
			return exitUsage
		}
		id, err := parseID(args[1])
		if err != nil {
			logf("%v", err)
			return exitUsage
		}
		cfg, err := cf.load()
		if err != nil {
			logf("%v", err)
			return exitUsage
		}
		conn, err := connectChain(ctx, cfg, *cf.rpc)
		if err != nil {
			logf("%v", err)
			return exitTempFail
		}
		defer conn.Close()
		w, err := conn.writer()
		if err != nil {
			logf("%v", err)
			return chainExit(err)
		}
		if args[0] == "start" {
			unlock, rcpt, err := w.StartWithdrawal(ctx, id)
			if err != nil {
				logf("%s", describeRefusal(err, id))
				return chainExit(err)
			}
			fmt.Fprintf(stdout, "withdrawal of deposit %s started (tx %s)\n", id.Hex(), rcpt.TxHash.Hex())
			fmt.Fprintf(stdout, "unlocks at %s (in %s); then run: postage withdraw finish %s\n",
				unlock.UTC().Format(time.RFC3339), time.Until(unlock).Round(time.Second), id.Hex())
			return exitOK
		}
		amount, rcpt, err := w.Withdraw(ctx, id)
		var le *chain.LockedError
		if errors.As(err, &le) {
			logf("too early: deposit %s unlocks at %s (in %s); try again after that",
				id.Hex(), le.UnlockAt.UTC().Format(time.RFC3339), le.UnlockAt.Sub(le.Now).Round(time.Second))
			return exitTempFail
		}
		if err != nil {
			logf("%s", describeRefusal(err, id))
			return chainExit(err)
		}
		fmt.Fprintf(stdout, "withdrew %s from deposit %s (tx %s)\n", chain.FormatWei(amount), id.Hex(), rcpt.TxHash.Hex())
		return exitOK
	}
}

// describeRefusal turns the contract's refusals of a withdrawal into what
// the user should do; other errors keep their own text.
func describeRefusal(err error, id common.Hash) string {
	var re *chain.RevertError
	errors.As(err, &re)
	arg := func(name string) any {
		if re == nil {
			return nil
		}
		return re.Args[name]
	}
	switch {
	case errors.Is(err, chain.ErrUnknownDeposit):
		return fmt.Sprintf("no deposit %s on this chain (check the id, --rpc and --contract)", id.Hex())
	case errors.Is(err, chain.ErrNotCreator):
		if c, ok := arg("creator").(common.Address); ok {
			return fmt.Sprintf("only the creator %s can withdraw deposit %s (signing as %v; pick the account with --from)", c.Hex(), id.Hex(), arg("caller"))
		}
		return fmt.Sprintf("only the creator can withdraw deposit %s", id.Hex())
	case errors.Is(err, chain.ErrWithdrawalNotStarted):
		return fmt.Sprintf("the withdrawal of deposit %s has not been started: run `postage withdraw start %s` first", id.Hex(), id.Hex())
	case errors.Is(err, chain.ErrWithdrawalAlreadyStarted):
		if u, ok := arg("unlockAt").(uint64); ok {
			return fmt.Sprintf("the withdrawal of deposit %s is already started; it unlocks at %s", id.Hex(), time.Unix(int64(u), 0).UTC().Format(time.RFC3339))
		}
		return fmt.Sprintf("the withdrawal of deposit %s is already started", id.Hex())
	case errors.Is(err, chain.ErrDepositWithdrawn):
		return fmt.Sprintf("deposit %s has already been withdrawn", id.Hex())
	}
	return err.Error()
}
