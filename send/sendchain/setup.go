package sendchain

import (
	"context"
	"errors"
	"fmt"
	"math/big"
	"path/filepath"
	"time"

	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/common"

	"github.com/postage-mail/postage/bookdns"
	"github.com/postage-mail/postage/chain"
	"github.com/postage-mail/postage/config"
	"github.com/postage-mail/postage/send"
)

// Client is what the sender needs of a JSON-RPC connection (an
// ethclient.Client).
type Client interface {
	chain.Backend
	Nonces
}

// Conn is one connection to the chain the sender deposits on.
type Conn struct {
	ChainID  uint64
	Contract *chain.Contract
	Reader   *chain.Reader
	Client   Client
	// Transactor gives the signing account's signer.
	Transactor func() (*bind.TransactOpts, error)
	// BlockTime measures the chain's block period.
	BlockTime func(ctx context.Context) (time.Duration, error)
}

// Writer signs with the account Transactor gives.
func (c Conn) Writer() (*chain.Writer, error) {
	opts, err := c.Transactor()
	if err != nil {
		return nil, err
	}
	return chain.NewWriter(c.Contract, opts), nil
}

// Records are the deposit records in cfg's data directory.
func Records(cfg *config.Config) *send.Store {
	return &send.Store{Dir: filepath.Join(cfg.DataDir, "deposits")}
}

// Socket is where `postage serve` answers sendmail's batch requests.
func Socket(cfg *config.Config) string { return filepath.Join(cfg.DataDir, "send.sock") }

// NewStaker makes deposits from the signing account on c, with cfg's
// amounts (perRcpt overrides send.stake_per_recipient when not nil),
// padding and policy limits; the contract's delay is read from the chain.
func NewStaker(ctx context.Context, cfg *config.Config, c Conn, perRcpt *big.Int) (*send.Staker, error) {
	ss, err := cfg.SendSettings()
	if err != nil {
		return nil, err
	}
	w, err := c.Writer()
	if err != nil {
		return nil, err
	}
	delay, err := c.Reader.Delay(ctx)
	if err != nil {
		return nil, err
	}
	if perRcpt == nil {
		perRcpt = cfg.StakePerRecipient()
	}
	return &send.Staker{
		Depositor: &Depositor{ChainID: c.ChainID, Contract: c.Contract.Address(), Nonces: c.Client, W: w}, Records: Records(cfg),
		PerRecipient: perRcpt, Bounty: cfg.Bounty(), MinLeaves: ss.MinLeaves, Limits: ss.Limits, Delay: delay,
	}, nil
}

// CheckedStaker is NewStaker refusing, before anything is sent, settings
// whose deposits the receivers' policy would not accept (send.ErrPolicy).
func CheckedStaker(ctx context.Context, cfg *config.Config, c Conn, perRcpt *big.Int) (*send.Staker, error) {
	st, err := NewStaker(ctx, cfg, c, perRcpt)
	if err != nil {
		return nil, err
	}
	if err := st.Check(); err != nil {
		return nil, err
	}
	return st, nil
}

// NewLifecycle withdraws the deposits recorded in cfg's data directory
// for w's account on c, held for hold. Give it the staker's writer when
// there is one (StakerWriter): one writer keeps their nonces apart.
func NewLifecycle(cfg *config.Config, c Conn, w *chain.Writer, hold time.Duration) *send.Lifecycle {
	return &send.Lifecycle{
		Records: Records(cfg), Chain: Reader{c.Reader}, Withdrawer: Withdrawer{w}, Hold: hold,
		Account: send.Account{ChainID: c.ChainID, Contract: c.Contract.Address(), Creator: w.From()},
	}
}

// StakerWriter is the writer of a staker NewStaker made.
func StakerWriter(st *send.Staker) *chain.Writer { return st.Depositor.(*Depositor).W }

// NewAuto decides per recipient domain whether to stake (send.stake =
// "auto"), looking policies up through send.resolver.
func NewAuto(ctx context.Context, cfg *config.Config, c Conn, logf func(string, ...any)) (*send.Auto, error) {
	delay, err := c.Reader.Delay(ctx)
	if err != nil {
		return nil, err
	}
	return &send.Auto{
		Directory: &bookdns.Resolver{Server: cfg.Send.Resolver, Timeout: send.LookupBudget},
		Account:   send.Account{ChainID: c.ChainID, Contract: c.Contract.Address()},
		Share:     cfg.StakePerRecipient(), Bounty: cfg.Bounty(), Delay: delay, Logf: logf,
	}, nil
}

// NewTickets is the ticket buyer of cfg's [send] settings on c's chain, or
// nil when tickets are off. trusted are the TicketBook contracts a found
// book may name.
func NewTickets(cfg *config.Config, c Conn, trusted map[common.Address]bool, logf func(string, ...any)) (*send.Tickets, error) {
	st, err := cfg.SenderTickets()
	if err != nil || !st.Enabled {
		return nil, err
	}
	ss, err := cfg.SendSettings()
	if err != nil {
		return nil, err
	}
	return &send.Tickets{
		Directory: BookDirectory{&bookdns.Resolver{Server: st.Resolver, Timeout: send.LookupBudget}},
		Chain:     &BookChain{ID: c.ChainID, Backend: c.Client, BlockTime: c.BlockTime, Transactor: c.Transactor},
		Trusted:   trusted,
		BooksFile: st.BooksFile, Limits: ss.Book, Logf: logf,
	}, nil
}

// LocalDeposits lists the ids of the deposits creators made on c: the
// records in store for c's chain and contract (only creators[0]'s when
// only is set), and, when scan is set, the creators' Deposited events from
// block fromBlock on.
func LocalDeposits(ctx context.Context, store *send.Store, c Conn, creators []common.Address, only bool, fromBlock uint64, scan bool) ([]common.Hash, error) {
	var ids []common.Hash
	seen := map[common.Hash]bool{}
	add := func(id common.Hash) {
		if !seen[id] {
			seen[id] = true
			ids = append(ids, id)
		}
	}
	recs, err := store.List()
	if err != nil {
		return nil, err
	}
	for _, rec := range recs {
		if rec.ChainID != c.ChainID || rec.Contract != c.Contract.Address() {
			continue
		}
		if only && (len(creators) == 0 || rec.Creator != creators[0]) {
			continue
		}
		add(rec.ID)
	}
	if scan {
		found, err := c.Contract.DepositsOf(ctx, creators, fromBlock, 0)
		if err != nil {
			return nil, fmt.Errorf("list deposits: %w", err)
		}
		for _, id := range found {
			add(id)
		}
	}
	return ids, nil
}

// Leaves are a recorded deposit's leaves as the chain sees them now (the
// record reconciled with the chain and saved), or nil for a deposit this
// machine did not record.
type Leaves struct {
	State    send.State         `json:"state"`
	Messages []send.MessageInfo `json:"messages,omitempty"`
	Leaves   []send.LeafStatus  `json:"leaves"`
}

// RecordedLeaves reads d's record in store, if any, reconciles it with d
// and reports every leaf: its recipient (or padding) and whether it is
// burned.
func RecordedLeaves(ctx context.Context, store *send.Store, r *chain.Reader, d chain.Deposit) (*Leaves, error) {
	rec, err := store.Load(d.ID)
	if err != nil {
		return nil, nil // not made here
	}
	send.Reconcile(rec, State(d), time.Now())
	leaves, err := send.Leaves(ctx, Reader{r}, rec, State(d))
	if err != nil {
		return nil, err
	}
	if err := store.Save(rec); err != nil {
		return nil, fmt.Errorf("%w: %w", send.ErrIO, err)
	}
	return &Leaves{State: rec.State, Messages: rec.Messages, Leaves: leaves}, nil
}

// ErrRecord is wrapped by ManualDeposit's failures to make the deposit's
// record: neither the arguments' fault nor the chain's.
var ErrRecord = errors.New("deposit record")

// recordError is err, a failure to make a record: errors.Is(err,
// ErrRecord), same text.
type recordError struct{ err error }

func (e recordError) Error() string   { return e.err.Error() }
func (e recordError) Unwrap() []error { return []error{ErrRecord, e.err} }

// ManualDeposit makes a deposit by hand (postage deposit) from the signing
// account on c: one leaf per recipient of rcpts, or leaves leaves of
// random secrets, holding value in all (nil: the share per leaf) and
// bounty per leaf (nil: send.bounty); send.Staker.Manual has the rules. It
// returns the deposit's record, saved in Records(cfg). Bad arguments wrap
// send.ErrUsage, amounts the receivers' policy refuses send.ErrPolicy;
// other errors are the chain's, or wrap ErrRecord.
func ManualDeposit(ctx context.Context, cfg *config.Config, c Conn, rcpts []string, leaves int, value, bounty *big.Int) (*send.Record, error) {
	st, err := NewStaker(ctx, cfg, c, nil)
	if err != nil {
		return nil, err
	}
	rec, err := st.Manual(rcpts, leaves, value, bounty)
	if errors.Is(err, send.ErrUsage) {
		return nil, err
	} else if err != nil {
		return nil, recordError{err}
	}
	if err := st.Send(ctx, rec); err != nil {
		return nil, err
	}
	return rec, nil
}
