package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"slices"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/postage-mail/postage/chain"
	"github.com/postage-mail/postage/config"
	"github.com/postage-mail/postage/send"
)

func init() {
	register(&command{
		name:  "withdraw",
		args:  "start|finish DEPOSIT-ID | --due [--hold PERIOD] [--rpc URL]",
		short: "take a deposit back: start the delay, then finish",
		long: `Withdrawing is two steps. 'withdraw start ID' starts the contract's delay
(days on a real deployment: recipients can still burn spam during it) and
prints the unlock time. 'withdraw finish ID' after the unlock time pays the
creator what was not burned and closes the deposit for good. Finishing
early fails and names the unlock time (UTC).

'withdraw --due' does both for every deposit recorded on this machine (in
<data dir>/deposits) by the signing account: it starts the withdrawal of
each deposit held longer than send.hold (default 7 days: recipients burn
spam when they read it, and a week covers a weekend away; the contract's
delay comes on top) and finishes each one whose delay is over, in one
batch transaction each, then prints what it did. postage serve runs it
every send.lifecycle_tick. It decides from the chain's state on every run
and records what the chain says, so it can be run again at any time, also
after a crash: nothing is withdrawn twice and nothing stays stuck.

Exit status: 0 done; 1 refused by the contract (not the creator, not
started, already withdrawn, unknown deposit); 64 usage; 75 too early or
the chain could not be reached (try again later).`,
		flags: withdrawFlags,
	})
}

func withdrawFlags(fs *flag.FlagSet) func(context.Context, []string) int {
	cf := addChainFlags(fs, true)
	due := fs.Bool("due", false, "start and finish every recorded deposit that is due")
	hold := fs.String("hold", "", "with --due: how long a deposit is held before its withdrawal starts (default send.hold)")
	return func(ctx context.Context, args []string) int {
		logf := func(format string, a ...any) { fmt.Fprintf(stderr, "postage withdraw: "+format+"\n", a...) }
		if *due {
			if len(args) > 0 {
				logf("--due takes no deposit ids")
				return exitUsage
			}
			cfg, err := cf.load()
			if err != nil {
				logf("%v", err)
				return exitUsage
			}
			ss, err := cfg.SendSettings()
			if err != nil {
				logf("%v", err)
				return exitUsage
			}
			if *hold != "" {
				if ss.Hold, err = config.ParsePeriod(*hold); err != nil {
					logf("--hold: %v", err)
					return exitUsage
				}
			}
			conn, err := connectChain(ctx, cfg, *cf.rpc)
			if err != nil {
				logf("%v", err)
				return exitTempFail
			}
			defer conn.Close()
			lc, err := newLifecycle(cfg, conn, ss.Hold)
			if err != nil {
				logf("%v", err)
				return chainExit(err)
			}
			rep, err := lc.Due(ctx)
			printDue(rep)
			if err != nil {
				logf("%v", err)
				return chainExit(err)
			}
			return exitOK
		}
		if len(args) != 2 || (args[0] != "start" && args[0] != "finish") {
			logf("usage: postage withdraw start|finish DEPOSIT-ID, or postage withdraw --due")
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

// newLifecycle withdraws the recorded deposits of the signing account.
func newLifecycle(cfg *config.Config, conn *chainConn, hold time.Duration) (*send.Lifecycle, error) {
	w, err := conn.writer()
	if err != nil {
		return nil, err
	}
	return &send.Lifecycle{
		Records: depositStore(cfg), Chain: depositReader{conn.reader}, Withdrawer: chainWithdrawer{w}, Hold: hold,
		Account: send.Account{ChainID: conn.chainID.Uint64(), Contract: conn.contract.Address(), Creator: w.From()},
	}, nil
}

// printDue says what a withdraw --due run did.
func printDue(rep *send.DueReport) {
	if rep == nil {
		return
	}
	for _, id := range rep.Started {
		fmt.Fprintf(stdout, "started the withdrawal of deposit %s\n", id.Hex())
	}
	ids := make([]common.Hash, 0, len(rep.Withdrawn))
	for id := range rep.Withdrawn {
		ids = append(ids, id)
	}
	slices.SortFunc(ids, func(a, b common.Hash) int { return a.Cmp(b) })
	for _, id := range ids {
		fmt.Fprintf(stdout, "withdrew %s from deposit %s\n", chain.FormatWei(rep.Withdrawn[id]), id.Hex())
	}
	fmt.Fprintf(stdout, "%d started, %d withdrawn, %d waiting\n", len(rep.Started), len(rep.Withdrawn), rep.Waiting)
}
