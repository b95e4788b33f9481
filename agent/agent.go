// Package agent is the recipient's side of the deniable stake mode
// (docs/deniable.md): it opens ticket books, verifies the tickets that
// incoming mail carries, and decides each one. A matching ticket is
// revealed once the user's decision delay has passed, unless the user
// marked the message as spam first (Punish), which erases the ticket's
// value so that it can never be revealed, nor shown to have matched.
//
// Values live in per-book vaults (sealed with a key from the keystore
// passphrase, erased in place once used); what the agent remembers of
// tickets is in a small bbolt file that says only "pending" or "done".
// Every postage process on the host (milter, punish, the agent's tick)
// opens that file only for the moment it needs it.
package agent

import (
	"context"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"math/big"
	"os"
	"path/filepath"
	"sync"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
	bbolt "go.etcd.io/bbolt"

	"github.com/postage-mail/postage"
	"github.com/postage-mail/postage/book"
	"github.com/postage-mail/postage/chain/ticketbook"
	"github.com/postage-mail/postage/stake"
)

// Sender is what the agent needs to write on chain. *ticketbook.Writer
// (the agent's own account, paying the gas) implements it, and so does
// Signed (another account, e.g. a relay's, with the agent's signature).
type Sender interface {
	Reveal(ctx context.Context, reqs []ticketbook.RevealRequest) (*types.Receipt, error)
	SimulateReveal(ctx context.Context, r ticketbook.RevealRequest) error
	RecordSeeds(ctx context.Context, blocks []uint64) (*types.Receipt, error)
}

// Agent is a recipient's ticket-book agent.
type Agent struct {
	// Dir holds agent.db and the vaults. Created with mode 0700.
	Dir      string
	Contract *ticketbook.Contract
	ChainID  uint64
	Params   ticketbook.Params
	// Passphrase opens the vaults (the keystore passphrase). Processes
	// that only verify or punish need none.
	Passphrase string
	// Sender reveals and records seeds; nil in processes that do not tick.
	Sender Sender
	// Decision is how long the user has to mark a message as spam before
	// a matching ticket is revealed.
	Decision time.Duration
	// BlockTime converts durations to blocks (the chain's block period).
	BlockTime time.Duration
	// History is how many blocks back the chain serves block hashes to
	// contracts: 8191 with EIP-2935, 256 without.
	History uint64
	// Margin is kept between a ticket's decision and its deadline, and
	// asked of a ticket's remaining window when it is accepted.
	Margin time.Duration
	// Scrypt is the vault key's cost (StandardScrypt if zero).
	Scrypt ScryptParams
	// LockTimeout bounds the wait for the state file (default 10s).
	LockTimeout time.Duration
	// MaxBatch is the most reveals in one transaction (default 50).
	MaxBatch int
	// Logger gets counts, never which ticket was decided how.
	Logger *slog.Logger
	// Now is the clock (tests); default time.Now.
	Now func() time.Time

	dbMu  sync.Mutex
	treeM sync.Mutex
	trees map[common.Hash]*stake.Tree
}

func (a *Agent) dbPath() string    { return filepath.Join(a.Dir, "agent.db") }
func (a *Agent) vaultDir() string  { return filepath.Join(a.Dir, "vaults") }
func (a *Agent) now() time.Time    { return nowOr(a.Now) }
func (a *Agent) log() *slog.Logger { return logOr(a.Logger) }

func (a *Agent) vaultPath(id common.Hash) string {
	return filepath.Join(a.vaultDir(), id.Hex()[2:]+".vault")
}

func (a *Agent) leavesPath(id common.Hash) string {
	return filepath.Join(a.vaultDir(), id.Hex()[2:]+".leaves")
}

func (a *Agent) lockTimeout() time.Duration {
	if a.LockTimeout > 0 {
		return a.LockTimeout
	}
	return 10 * time.Second
}

// blocks converts a duration to blocks, rounding up.
func (a *Agent) blocks(d time.Duration) uint64 {
	bt := a.BlockTime
	if bt <= 0 {
		bt = 12 * time.Second
	}
	return uint64((d + bt - 1) / bt)
}

func (a *Agent) ensureDirs() error {
	if err := os.MkdirAll(a.vaultDir(), 0o700); err != nil {
		return fmt.Errorf("agent directory: %w", err)
	}
	return nil
}

// BookOptions are a new book's parameters.
type BookOptions struct {
	Values  int      // how many values (tickets)
	Stake   *big.Int // ticket price, wei
	Bounty  *big.Int // paid to a reveal's submitter out of 2*stake
	Window  uint32   // reveal window in blocks after the randomness block
	Reserve *big.Int // put into the pool at opening
	Agent   common.Address
}

// Opener opens books on chain (the owner's account): *ticketbook.Writer.
type Opener interface {
	From() common.Address
	OpenBook(ctx context.Context, root common.Hash, leaves uint32, stake, bounty *big.Int, window uint32, agent common.Address, reserve *big.Int) (common.Hash, *types.Receipt, error)
}

// CreateBook draws the values, writes them to a new vault, opens the book
// on chain from the owner's account and records it. The window must leave
// room for the decision delay.
func (a *Agent) CreateBook(ctx context.Context, owner Opener, o BookOptions) (BookRecord, error) {
	if a.Passphrase == "" {
		return BookRecord{}, errors.New("create book: the vault needs a passphrase")
	}
	if need := a.blocks(a.Decision+2*a.Margin) + a.Params.RandomnessDelay + a.Params.Epoch; uint64(o.Window) < need {
		return BookRecord{}, fmt.Errorf("create book: a window of %d blocks is shorter than the decision delay %v plus margins (%d blocks at %v)", o.Window, a.Decision, need, a.BlockTime)
	}
	if err := a.ensureDirs(); err != nil {
		return BookRecord{}, err
	}
	values, err := book.NewValues(o.Values, nil)
	if err != nil {
		return BookRecord{}, err
	}
	tree, err := book.Tree(values)
	if err != nil {
		return BookRecord{}, err
	}
	root := common.Hash(tree.Root())
	id := common.Hash(book.ID(stake.Address(owner.From()), tree.Root()))
	sp := a.Scrypt
	if sp.N == 0 {
		sp = StandardScrypt
	}
	v, err := createVault(a.vaultPath(id), stake.Hash(id), values, a.Passphrase, sp)
	for i := range values {
		values[i] = book.Value{} // the vault has them now
	}
	if err != nil {
		return BookRecord{}, err
	}
	v.close()
	if err := a.writeLeaves(id, tree); err != nil {
		return BookRecord{}, err
	}
	rec := BookRecord{ID: id, ChainID: a.ChainID, Contract: a.Contract.Address(), Owner: owner.From(), Agent: o.Agent, Root: root,
		Leaves: uint32(o.Values), Stake: o.Stake, Bounty: bigOr0(o.Bounty), Window: o.Window, Created: a.now().UTC(), State: BookOpening}
	if err := a.putBook(rec); err != nil {
		return BookRecord{}, err
	}
	if _, _, err := owner.OpenBook(ctx, root, uint32(o.Values), o.Stake, o.Bounty, o.Window, o.Agent, o.Reserve); err != nil {
		// Nothing on chain: forget the book and its values.
		if vv, verr := openVault(a.vaultPath(id), ""); verr == nil {
			_ = vv.destroy()
		}
		_ = os.Remove(a.leavesPath(id))
		_ = a.withDB(func(db *bbolt.DB) error {
			return db.Update(func(tx *bbolt.Tx) error { return tx.Bucket(booksBucket).Delete(id[:]) })
		})
		return BookRecord{}, err
	}
	rec.State = BookOpen
	return rec, a.putBook(rec)
}

// writeLeaves keeps the book's leaves (public-safe hashes of the values)
// so that proofs can be built after values are erased.
func (a *Agent) writeLeaves(id common.Hash, tree *stake.Tree) error {
	buf := make([]byte, 0, 32*int(tree.Len()))
	for i := uint32(0); i < tree.Len(); i++ {
		l, err := tree.Leaf(i)
		if err != nil {
			return err
		}
		buf = append(buf, l[:]...)
	}
	if err := os.WriteFile(a.leavesPath(id), buf, 0o600); err != nil {
		return fmt.Errorf("write leaves: %w", err)
	}
	return nil
}

func (a *Agent) tree(id common.Hash) (*stake.Tree, error) {
	a.treeM.Lock()
	defer a.treeM.Unlock()
	if t := a.trees[id]; t != nil {
		return t, nil
	}
	raw, err := os.ReadFile(a.leavesPath(id))
	if err != nil {
		return nil, fmt.Errorf("leaves of book %s: %w", id, err)
	}
	if len(raw)%32 != 0 || len(raw) == 0 {
		return nil, fmt.Errorf("leaves of book %s: %d octets", id, len(raw))
	}
	leaves := make([]stake.Hash, len(raw)/32)
	for i := range leaves {
		copy(leaves[i][:], raw[32*i:])
	}
	t, err := stake.Build(leaves)
	if err != nil {
		return nil, err
	}
	if a.trees == nil {
		a.trees = map[common.Hash]*stake.Tree{}
	}
	a.trees[id] = t
	return t, nil
}

// VerifyTicket implements postage.TicketVerifier: a ticket passes when it
// names one of this agent's books, was bought for this recipient (its
// commitment matches the header's buyer and binding), is not revealed,
// leaves time for the decision before its deadline, and has not been
// presented before with another message. It is then recorded as pending,
// with msg (the message identity, postage.Stamps.Message): the same
// message again (an MTA's retry, a second MX) passes again while the
// ticket is undecided; any other message is refused "reused".
func (a *Agent) VerifyTicket(ctx context.Context, header, msg string, rcpt stake.Recipient) (v postage.TicketVerdict, err error) {
	defer func() {
		if err != nil {
			a.log().Warn("cannot check a ticket now (temperror)", "err", err)
		}
	}()
	refuse := func(reason string, id stake.Hash) (postage.TicketVerdict, error) {
		return postage.TicketVerdict{Reason: reason, Book: id}, nil
	}
	t, err := book.Parse(header)
	switch {
	case errors.Is(err, book.ErrUnsupportedVersion):
		return refuse("unsupported-version", stake.Hash{})
	case err != nil:
		return refuse("malformed", stake.Hash{})
	}
	binding, err := t.For(rcpt)
	if err != nil {
		return refuse("not-for-recipient", t.Book)
	}
	id := common.Hash(t.Book)
	if t.ChainID != a.ChainID || common.Address(t.Contract) != a.Contract.Address() {
		return refuse("unknown-book", t.Book)
	}
	rec, ok, err := a.Book(id)
	if err != nil {
		return postage.TicketVerdict{}, err
	}
	if !ok || rec.State == BookOpening || rec.State == BookClosed {
		return refuse("unknown-book", t.Book)
	}
	if had, seen, err := a.claim(id, t.Index); err != nil {
		return postage.TicketVerdict{}, err
	} else if seen {
		if !had.Done && postage.SameSpend(had.Message, msg) {
			return postage.TicketVerdict{Valid: true, Reason: "pass", Value: rec.Stake, Book: t.Book}, nil
		}
		return refuse("reused", t.Book)
	}
	tk, err := a.Contract.Ticket(ctx, id, t.Index)
	if err != nil {
		return postage.TicketVerdict{}, err
	}
	switch tk.State {
	case ticketbook.TicketNone:
		return refuse("not-sold", t.Book)
	case ticketbook.TicketPaid, ticketbook.TicketQueued:
		return refuse("revealed", t.Book)
	}
	if tk.Commitment != book.Commitment(t.Buyer, binding) {
		return refuse("bad-binding", t.Book)
	}
	head, err := a.Contract.Backend().BlockNumber(ctx)
	if err != nil {
		return postage.TicketVerdict{}, fmt.Errorf("read block number: %w", err)
	}
	if head+a.blocks(a.Decision+a.Margin) > tk.Deadline {
		return refuse("expiring", t.Book)
	}
	now := a.now()
	r := ticketRecord{Message: msg, Buyer: common.Address(t.Buyer), Binding: common.Hash(binding), Accepted: now.Unix(),
		DecideAt: now.Add(a.Decision).Unix(), RandomnessBlock: tk.RandomnessBlock, Deadline: tk.Deadline}
	// The seed must outlive the live window when the decision comes later
	// than that; whether it does depends on timing alone, never on the
	// coin, so recording seeds tells an observer nothing.
	needSeed := head+a.blocks(a.Decision+a.Margin) >= tk.RandomnessBlock+a.history()
	reused := false
	err = a.withDB(func(db *bbolt.DB) error {
		return db.Update(func(tx *bbolt.Tx) error {
			b := tx.Bucket(ticketsBucket)
			k := ticketKey(id, t.Index)
			if v := b.Get(k); v != nil {
				// Another process got there first: the same message
				// (a second MX) passes, any other is a reuse.
				var had ticketRecord
				reused = json.Unmarshal(v, &had) != nil || had.Done || !postage.SameSpend(had.Message, msg)
				return nil
			}
			if needSeed {
				if err := tx.Bucket(seedsBucket).Put(blockKey(tk.RandomnessBlock), nil); err != nil {
					return err
				}
			}
			return putJSON(b, k, r)
		})
	})
	if err != nil {
		return postage.TicketVerdict{}, err
	}
	if reused {
		return refuse("reused", t.Book)
	}
	return postage.TicketVerdict{Valid: true, Reason: "pass", Value: rec.Stake, Book: t.Book}, nil
}

func (a *Agent) history() uint64 {
	if a.History == 0 {
		return 256
	}
	return a.History
}

func blockKey(n uint64) []byte { return binary.BigEndian.AppendUint64(nil, n) }

// claim returns the record of a ticket this agent accepted, if any.
func (a *Agent) claim(id common.Hash, index uint32) (ticketRecord, bool, error) {
	var (
		r    ticketRecord
		seen bool
	)
	err := a.withDB(func(db *bbolt.DB) error {
		return db.View(func(tx *bbolt.Tx) error {
			v := tx.Bucket(ticketsBucket).Get(ticketKey(id, index))
			if v == nil {
				return nil
			}
			seen = true
			if err := json.Unmarshal(v, &r); err != nil {
				r.Done = true // unreadable: never a second pass
			}
			return nil
		})
	})
	return r, seen, err
}

// PunishResult says what Punish did.
type PunishResult int

const (
	// Punished: the value is erased; the ticket will never be revealed.
	Punished PunishResult = iota
	// AlreadyDecided: the ticket was decided before (too late if it matched
	// and the decision delay had passed; harmless otherwise).
	AlreadyDecided
	// NotAccepted: this agent never accepted the ticket.
	NotAccepted
)

// Punish is the user's spam action for a message carrying ticket header:
// the ticket's value is erased now, so the agent never reveals it, whatever
// its coin (which is not even looked at), and nothing is left that could
// show later whether the punishment cost the sender anything.
func (a *Agent) Punish(ctx context.Context, header string, rcpt stake.Recipient) (PunishResult, error) {
	t, err := book.Parse(header)
	if err != nil {
		return NotAccepted, fmt.Errorf("ticket: %w", err)
	}
	if _, err := t.For(rcpt); err != nil {
		return NotAccepted, err
	}
	id := common.Hash(t.Book)
	result := NotAccepted
	err = a.withDB(func(db *bbolt.DB) error {
		return db.Update(func(tx *bbolt.Tx) error {
			b := tx.Bucket(ticketsBucket)
			r, ok, err := getJSON[ticketRecord](b, ticketKey(id, t.Index))
			switch {
			case err != nil:
				return err
			case !ok:
				return nil
			case r.Done:
				result = AlreadyDecided
				return nil
			}
			if err := a.eraseValue(id, t.Index); err != nil {
				return err
			}
			result = Punished
			return putJSON(b, ticketKey(id, t.Index), ticketRecord{Done: true})
		})
	})
	return result, err
}

// eraseValue overwrites value index of book id in its vault (no
// passphrase needed). A vault already destroyed is fine.
func (a *Agent) eraseValue(id common.Hash, index uint32) error {
	v, err := openVault(a.vaultPath(id), "")
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	defer v.close()
	return v.erase(index)
}

func nowOr(f func() time.Time) time.Time {
	if f != nil {
		return f()
	}
	return time.Now()
}

func logOr(l *slog.Logger) *slog.Logger {
	if l != nil {
		return l
	}
	return slog.New(slog.NewTextHandler(io.Discard, nil))
}

func bigOr0(v *big.Int) *big.Int {
	if v == nil {
		return new(big.Int)
	}
	return v
}

// Coin says whether ticket index of book id matches, reading its value
// from the vault (the passphrase is needed), once the ticket's randomness
// block is sealed. It is for diagnostics and tests: it says nothing the
// agent could not compute anyway, and once a ticket is decided or punished
// its value is erased and Coin fails with ErrErased, for everyone.
func (a *Agent) Coin(ctx context.Context, id common.Hash, index uint32) (bool, error) {
	tk, err := a.Contract.Ticket(ctx, id, index)
	if err != nil {
		return false, err
	}
	seed, _, err := a.Contract.Seed(ctx, tk.RandomnessBlock)
	if err != nil {
		return false, err
	}
	if seed == (common.Hash{}) {
		return false, fmt.Errorf("ticket %d: seed of block %d not available", index, tk.RandomnessBlock)
	}
	v, err := openVault(a.vaultPath(id), a.Passphrase)
	if err != nil {
		return false, err
	}
	defer v.close()
	val, err := v.value(index)
	if err != nil {
		return false, err
	}
	return book.Matches(val, stake.Hash(seed)), nil
}
