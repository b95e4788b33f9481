package relay

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"math/big"
	"net"
	"net/http"
	"sync"
	"time"

	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"

	"github.com/postage-mail/postage/contracts"
	"github.com/postage-mail/postage/hashcash"
)

// Defaults for Options fields left zero.
const (
	DefaultBits          = 20
	DefaultStampValidity = 48 * time.Hour
	DefaultStampGrace    = 10 * time.Minute
	DefaultRate          = 30 // requests per minute per client
	DefaultBurst         = 10
	DefaultMaxBody       = 16 << 10
	DefaultBatchMax      = 16
	DefaultMaxAttempts   = 10
	DefaultRetryMin      = 5 * time.Second
	DefaultRetryMax      = time.Hour
	DefaultMaxQueued     = 10_000
	DefaultKeep          = 7 * 24 * time.Hour
	DefaultPollInterval  = time.Second
	DefaultRebroadcast   = 30 * time.Second
	DefaultMaxHold       = 7 * 24 * time.Hour
)

// Options configure a relay. Name is required; zero values of the others
// take the defaults above, except MarginPercent and BatchWait, whose zero
// means what it says.
type Options struct {
	// Name is the hashcash resource every request's work stamp must be
	// minted for: the relay's host name, or any name without ':' or
	// whitespace. Lowercased.
	Name string
	// Bits is the least work a stamp must carry. With BitsFee set, it is
	// the work at that fee per gas (wei), and each doubling of the
	// chain's fee above it asks one bit more, up to MaxBits (WorkPrice;
	// 0: Bits + 16), so the work follows the gas the relay will spend.
	Bits    int
	BitsFee *big.Int
	MaxBits int
	// StampValidity is how long after its date a stamp is accepted, and
	// StampGrace how far its date may lie in the future. Spent stamps are
	// remembered until date + validity + grace.
	StampValidity time.Duration
	StampGrace    time.Duration
	// MarginPercent: a burn is accepted, and sent, only while the bounty is
	// at least the gas cost times (100 + MarginPercent) / 100.
	MarginPercent uint64
	// Rate is how many burn requests per minute one client (IP address)
	// may submit, with bursts of Burst. Status and health reads get ten
	// times as many.
	Rate  float64
	Burst int
	// MaxBody bounds a request body in bytes.
	MaxBody int64
	// BatchMax is the most burns in one transaction (burnBatch when more
	// than one). BatchWait is how long a new request waits for others to
	// share its transaction.
	BatchMax  int
	BatchWait time.Duration
	// MaxAttempts: a request whose sending failed this many times (chain
	// unreachable, gas above what the bounty covers, a transaction that
	// reverted or was dropped) is given up. Retries back off exponentially
	// from RetryMin to RetryMax.
	MaxAttempts int
	RetryMin    time.Duration
	RetryMax    time.Duration
	// OnBurned, if set, is called for every leaf a mined transaction of
	// the relay burned, once its state is recorded: serve tells its own
	// milter's deposit cache, so a message checked right after its
	// punishment does not pass on a cache that has not polled yet.
	OnBurned func(id common.Hash, index uint64)
	// MaxQueued bounds the requests waiting to be sent.
	MaxQueued int
	// Keep is how long finished requests stay readable by id.
	Keep time.Duration
	// PollInterval is how often the sender looks for receipts and due
	// requests; Rebroadcast how long a transaction may stay unmined before
	// it is broadcast again (the same signed bytes).
	PollInterval time.Duration
	Rebroadcast  time.Duration
	// MaxHold bounds how far in the future a request's notBefore may lie.
	MaxHold time.Duration
	// LockTimeout bounds the wait for the queue file's lock (default 5s).
	LockTimeout time.Duration
	Logger      *slog.Logger
	// Now is the clock (tests); default time.Now.
	Now func() time.Time
}

func (o Options) withDefaults() (Options, error) {
	name, err := hashcash.CanonicalResource(o.Name)
	if err != nil {
		return o, fmt.Errorf("relay name: %w", err)
	}
	o.Name = name
	setDefault(&o.Bits, DefaultBits)
	if err := (WorkPrice{Bits: o.Bits, Ref: o.BitsFee, MaxBits: o.MaxBits}).Validate(); err != nil {
		return o, err
	}
	setDefault(&o.StampValidity, DefaultStampValidity)
	setDefault(&o.StampGrace, DefaultStampGrace)
	setDefault(&o.Rate, DefaultRate)
	setDefault(&o.Burst, DefaultBurst)
	setDefault(&o.MaxBody, DefaultMaxBody)
	setDefault(&o.BatchMax, DefaultBatchMax)
	setDefault(&o.MaxAttempts, DefaultMaxAttempts)
	setDefault(&o.RetryMin, DefaultRetryMin)
	setDefault(&o.RetryMax, DefaultRetryMax)
	setDefault(&o.MaxQueued, DefaultMaxQueued)
	setDefault(&o.Keep, DefaultKeep)
	setDefault(&o.PollInterval, DefaultPollInterval)
	setDefault(&o.Rebroadcast, DefaultRebroadcast)
	setDefault(&o.LockTimeout, 5*time.Second)
	setDefault(&o.MaxHold, DefaultMaxHold)
	if o.Rate < 0 || o.Burst < 0 || o.MaxBody < 0 || o.BatchMax < 0 || o.MaxAttempts < 0 || o.MaxQueued < 0 || o.BatchWait < 0 {
		return o, errors.New("relay options: negative limit")
	}
	if o.MaxBody < 1024 {
		return o, fmt.Errorf("relay max body %d bytes: a request with a full proof needs about 3 KiB; want at least 1024", o.MaxBody)
	}
	if o.MarginPercent > 100_000 {
		return o, fmt.Errorf("relay margin %d%%: want at most 100000", o.MarginPercent)
	}
	if o.Logger == nil {
		o.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	return o, nil
}

func setDefault[T comparable](v *T, d T) {
	var zero T
	if *v == zero {
		*v = d
	}
}

// Chain is where the relay sends burns: a JSON-RPC endpoint, the deposit
// contract, and the account that pays gas and receives bounties. The
// account should be the relay's alone: the relay assigns its nonces.
type Chain struct {
	Backend  Backend
	Contract common.Address
	// TicketBook, when set, is the TicketBook contract whose signed
	// reveals the relay sends (POST /v1/reveals). A relay may serve
	// reveals only (Contract zero) or burns only (TicketBook zero).
	TicketBook common.Address
	// Signer signs for Signer.From; other fields are ignored (the relay
	// sets gas and fees itself).
	Signer *bind.TransactOpts
}

// Relay is a running burn relay. Open it, Serve it, Close it.
type Relay struct {
	opts   Options
	log    *slog.Logger
	store  *store
	chain  *onChain
	sign   bind.SignerFn
	policy *hashcash.Policy
	// price is the work a request must carry now (WorkPrice).
	price *priceCache

	submits, reads *limiter
	checks         chan struct{} // bounds concurrent chain checks of submissions
	wake           chan struct{}

	// lastBroadcast is the sender goroutine's memory of when it last
	// broadcast each in-flight transaction; empty after a restart, so a
	// restarted relay rebroadcasts at once.
	lastBroadcast map[common.Hash]time.Time
	// pending follows other accounts' pending burns (nil if the node has
	// no pending-transaction filter). Sender goroutine only.
	pending *pendingWatch
	// head is the latest block the sender saw, and lastRecheck when it
	// last compared its mined transactions with the chain. Sender only.
	head        *types.Header
	lastRecheck time.Time

	// Test hooks: afterPersist runs once a signed transaction is in the
	// queue, before it is broadcast, and returning false stops there (a
	// crash); afterBroadcast runs after a broadcast.
	afterPersist   func(*txRecord) bool
	afterBroadcast func(*txRecord)

	runMu sync.Mutex // one sender at a time

	refusals refusalLog // recent.go
}

// Open opens (or creates) the queue at path and checks the chain: it must
// answer with a chain id, which requests must name.
func Open(ctx context.Context, path string, ch Chain, opts Options) (*Relay, error) {
	o, err := opts.withDefaults()
	if err != nil {
		return nil, err
	}
	if ch.Backend == nil || ch.Signer == nil || ch.Signer.Signer == nil {
		return nil, errors.New("relay: a backend and a signer are required")
	}
	if ch.Contract == (common.Address{}) && ch.TicketBook == (common.Address{}) {
		return nil, errors.New("relay: no deposit contract and no ticket book contract")
	}
	id, err := ch.Backend.ChainID(ctx)
	if err != nil {
		return nil, fmt.Errorf("relay: read chain id: %w", err)
	}
	st, err := openStore(path, o.LockTimeout)
	if err != nil {
		return nil, err
	}
	r := &Relay{
		opts:  o,
		log:   o.Logger,
		store: st,
		chain: &onChain{b: ch.Backend, chainID: new(big.Int).Set(id), contract: ch.Contract, ticketBook: ch.TicketBook, from: ch.Signer.From, binding: contracts.NewPostage(), tb: contracts.NewTicketBook()},
		sign:  ch.Signer.Signer,
		policy: &hashcash.Policy{
			Requirements: []hashcash.Requirement{{Resource: o.Name, Bits: o.Bits}},
			Match:        hashcash.MatchExact,
			Validity:     o.StampValidity,
			Grace:        o.StampGrace,
			Now:          o.Now,
		},
		submits:       newLimiter(o.Rate/60, o.Burst, o.Now),
		reads:         newLimiter(10*o.Rate/60, 10*o.Burst, o.Now),
		checks:        make(chan struct{}, 8),
		wake:          make(chan struct{}, 1),
		lastBroadcast: make(map[common.Hash]time.Time),
	}
	r.price = &priceCache{price: WorkPrice{Bits: o.Bits, Ref: o.BitsFee, MaxBits: o.MaxBits}, fee: r.chain.feePerGas, now: o.Now}
	if ch.Contract != (common.Address{}) {
		r.pending = newPendingWatch(ctx, ch.Backend, id, ch.Contract, ch.Signer.From, o.Logger)
	}
	return r, nil
}

// Close releases the queue file. Serve and Run must have returned.
func (r *Relay) Close() error { return r.store.close() }

// Account is the address that sends burns and reveals and receives
// bounties; reveal signatures must name it.
func (r *Relay) Account() common.Address { return r.chain.from }

// Name is the hashcash resource requests' stamps must be minted for.
func (r *Relay) Name() string { return r.opts.Name }

// Serve answers the API on ln and sends burns until ctx ends; then it
// stops accepting, lets requests in progress finish (up to 5 s) and
// returns nil. Call Close after it returns.
func (r *Relay) Serve(ctx context.Context, ln net.Listener) error {
	srv := &http.Server{
		Handler:           r.Handler(),
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       15 * time.Second,
		WriteTimeout:      30 * time.Second,
		IdleTimeout:       60 * time.Second,
		MaxHeaderBytes:    16 << 10,
		BaseContext:       func(net.Listener) context.Context { return ctx },
	}
	runCtx, stopRun := context.WithCancel(ctx)
	defer stopRun()
	runDone := make(chan error, 1)
	go func() { runDone <- r.Run(runCtx) }()
	serveDone := make(chan error, 1)
	go func() { serveDone <- srv.Serve(ln) }()

	var err error
	select {
	case <-ctx.Done():
	case err = <-serveDone:
		err = fmt.Errorf("relay: serve %s: %w", ln.Addr(), err)
	}
	shutCtx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
	defer cancel()
	_ = srv.Shutdown(shutCtx)
	stopRun()
	if runErr := <-runDone; err == nil {
		err = runErr
	}
	return err
}

// ListenAndServe listens on addr (host:port) and Serves.
func (r *Relay) ListenAndServe(ctx context.Context, addr string) error {
	var lc net.ListenConfig
	ln, err := lc.Listen(ctx, "tcp", addr)
	if err != nil {
		return fmt.Errorf("relay: listen on %s: %w", addr, err)
	}
	return r.Serve(ctx, ln)
}

// notify wakes the sender.
func (r *Relay) notify() {
	select {
	case r.wake <- struct{}{}:
	default:
	}
}
