package agent

import (
	"context"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"math/big"
	"os"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
	bbolt "go.etcd.io/bbolt"

	"github.com/postage-mail/postage/book"
	"github.com/postage-mail/postage/chain/ticketbook"
	"github.com/postage-mail/postage/stake"
)

// TickReport counts what one tick did. It never says which ticket ended
// how: "decided" covers misses, lapses and reveals alike.
type TickReport struct {
	Pending       int // still waiting (seed or decision delay)
	Decided       int // finished this tick, their values erased
	Revealed      int // of those, revealed (public on chain anyway)
	SeedsRecorded int
	UnsoldErased  int // values of retired books that were never sold
}

type pendingTicket struct {
	id    common.Hash
	index uint32
	r     ticketRecord
}

// Tick decides what can be decided now: it reveals matching tickets whose
// decision delay has passed (unless punished), erases the values of
// tickets that missed, lapsed or were revealed, records the seeds that
// must outlive the chain's block-hash window, and erases the unsold values
// of books that stopped selling. It needs the passphrase and a Sender.
func (a *Agent) Tick(ctx context.Context) (TickReport, error) {
	var rep TickReport
	if a.Passphrase == "" || a.Sender == nil {
		return rep, errors.New("agent tick: needs the vault passphrase and a sender")
	}
	head, err := a.Contract.Backend().BlockNumber(ctx)
	if err != nil {
		return rep, fmt.Errorf("agent tick: read block number: %w", err)
	}
	if n, err := a.recordSeeds(ctx, head); err != nil {
		a.log().Warn("recording seeds failed; will retry", "err", err)
	} else {
		rep.SeedsRecorded = n
	}
	if n, err := a.retireSoldOut(ctx); err != nil {
		a.log().Warn("checking books failed", "err", err)
	} else {
		rep.UnsoldErased = n
	}

	var pending []pendingTicket
	err = a.withDB(func(db *bbolt.DB) error {
		return db.View(func(tx *bbolt.Tx) error {
			return tx.Bucket(ticketsBucket).ForEach(func(k, v []byte) error {
				var r ticketRecord
				if err := json.Unmarshal(v, &r); err != nil {
					return fmt.Errorf("agent state: ticket %x: %w", k, err)
				}
				if r.Done {
					return nil
				}
				id, index, ok := splitTicketKey(k)
				if !ok {
					return fmt.Errorf("agent state: bad ticket key %x", k)
				}
				pending = append(pending, pendingTicket{id, index, r})
				return nil
			})
		})
	})
	if err != nil {
		return rep, err
	}

	now := a.now()
	vaults := map[common.Hash]*vault{}
	defer func() {
		for _, v := range vaults {
			v.close()
		}
	}()
	var finish []pendingTicket
	var reveal []ticketbook.RevealRequest
	var revealing []pendingTicket
	for _, p := range pending {
		tk, err := a.Contract.Ticket(ctx, p.id, p.index)
		if err != nil {
			return rep, err
		}
		if tk.State == ticketbook.TicketPaid || tk.State == ticketbook.TicketQueued || head >= p.r.Deadline {
			finish = append(finish, p) // revealed (perhaps by a tick that crashed after), or too late
			continue
		}
		if head <= p.r.RandomnessBlock {
			rep.Pending++
			continue
		}
		seed, _, err := a.Contract.Seed(ctx, p.r.RandomnessBlock)
		if err != nil {
			return rep, err
		}
		if seed == (common.Hash{}) {
			// Neither recorded nor readable any more: it can never be revealed.
			finish = append(finish, p)
			continue
		}
		v := vaults[p.id]
		if v == nil {
			if v, err = openVault(a.vaultPath(p.id), a.Passphrase); err != nil {
				return rep, fmt.Errorf("book %s: %w", p.id, err)
			}
			vaults[p.id] = v
		}
		value, err := v.value(p.index)
		if errors.Is(err, ErrErased) {
			finish = append(finish, p) // punished since the list was read
			continue
		}
		if err != nil {
			return rep, err
		}
		if !book.Matches(value, stake.Hash(seed)) {
			finish = append(finish, p)
			continue
		}
		if now.Unix() < p.r.DecideAt {
			rep.Pending++
			continue
		}
		req, err := a.request(p, value)
		if err != nil {
			return rep, err
		}
		if err := a.Sender.SimulateReveal(ctx, req); err != nil {
			if errors.Is(err, ticketbook.ErrTicketAlreadyRevealed) || errors.Is(err, ticketbook.ErrRevealWindowClosed) || errors.Is(err, ticketbook.ErrSeedUnavailable) {
				finish = append(finish, p)
				continue
			}
			a.log().Warn("a reveal would be refused; will retry", "err", err)
			rep.Pending++
			continue
		}
		reveal = append(reveal, req)
		revealing = append(revealing, p)
	}

	// Reveal in batches; a batch that fails is retried next tick.
	maxBatch := a.MaxBatch
	if maxBatch <= 0 {
		maxBatch = 50
	}
	for len(reveal) > 0 {
		k := min(len(reveal), maxBatch)
		batch, ps := reveal[:k], revealing[:k]
		reveal, revealing = reveal[k:], revealing[k:]
		// The user may have punished since: send only what is still pending.
		var still []ticketbook.RevealRequest
		var stillP []pendingTicket
		for i, p := range ps {
			if vaults[p.id] != nil {
				if _, err := vaults[p.id].value(p.index); err == nil {
					still = append(still, batch[i])
					stillP = append(stillP, p)
					continue
				}
			}
			finish = append(finish, p)
		}
		if len(still) == 0 {
			continue
		}
		if _, err := a.Sender.Reveal(ctx, still); err != nil {
			a.log().Warn("reveal failed; will retry", "tickets", len(still), "err", err)
			rep.Pending += len(still)
			continue
		}
		rep.Revealed += len(still)
		finish = append(finish, stillP...)
	}

	for _, p := range finish {
		if err := a.finish(p.id, p.index); err != nil {
			return rep, err
		}
		rep.Decided++
	}
	if rep.Decided > 0 || rep.SeedsRecorded > 0 || rep.UnsoldErased > 0 {
		a.log().Info("tickets decided", "decided", rep.Decided, "revealed", rep.Revealed, "pending", rep.Pending,
			"seeds_recorded", rep.SeedsRecorded, "unsold_erased", rep.UnsoldErased)
	}
	return rep, nil
}

// request builds the reveal of a pending ticket with its value.
func (a *Agent) request(p pendingTicket, value book.Value) (ticketbook.RevealRequest, error) {
	t, err := a.tree(p.id)
	if err != nil {
		return ticketbook.RevealRequest{}, err
	}
	pr, err := t.Proof(p.index)
	if err != nil {
		return ticketbook.RevealRequest{}, err
	}
	proof := make([]common.Hash, len(pr))
	for i, h := range pr {
		proof[i] = common.Hash(h)
	}
	return ticketbook.RevealRequest{Book: p.id, Index: p.index, Value: common.Hash(value), Proof: proof, Buyer: p.r.Buyer, Binding: p.r.Binding}, nil
}

// finish erases a ticket's value and leaves only "done" in the state.
func (a *Agent) finish(id common.Hash, index uint32) error {
	return a.withDB(func(db *bbolt.DB) error {
		return db.Update(func(tx *bbolt.Tx) error {
			if err := a.eraseValue(id, index); err != nil {
				return err
			}
			return putJSON(tx.Bucket(ticketsBucket), ticketKey(id, index), ticketRecord{Done: true})
		})
	})
}

// recordSeeds records, half-way through the chain's block-hash window, the
// seeds that accepted tickets may need after it; it drops seeds already
// recorded (by anyone) or already lost.
func (a *Agent) recordSeeds(ctx context.Context, head uint64) (int, error) {
	var due, drop []uint64
	err := a.withDB(func(db *bbolt.DB) error {
		return db.View(func(tx *bbolt.Tx) error {
			return tx.Bucket(seedsBucket).ForEach(func(k, _ []byte) error {
				n := binary.BigEndian.Uint64(k)
				switch {
				case head <= n || head-n < a.history()/2:
				case head-n >= a.history():
					drop = append(drop, n) // too late: reveals fail with SeedUnavailable
				default:
					due = append(due, n)
				}
				return nil
			})
		})
	})
	if err != nil {
		return 0, err
	}
	var send []uint64
	for _, n := range due {
		_, recorded, err := a.Contract.Seed(ctx, n)
		if err != nil {
			return 0, err
		}
		if recorded {
			drop = append(drop, n)
		} else {
			send = append(send, n)
		}
	}
	if len(send) > 0 {
		if _, err := a.Sender.RecordSeeds(ctx, send); err != nil {
			return 0, err
		}
		drop = append(drop, send...)
	}
	if len(drop) == 0 {
		return len(send), nil
	}
	return len(send), a.withDB(func(db *bbolt.DB) error {
		return db.Update(func(tx *bbolt.Tx) error {
			for _, n := range drop {
				if err := tx.Bucket(seedsBucket).Delete(blockKey(n)); err != nil {
					return err
				}
			}
			return nil
		})
	})
}

// retireSoldOut notices books that stopped selling (retired on chain, or
// sold out) and erases the values that were never sold: no ticket can use
// them any more.
func (a *Agent) retireSoldOut(ctx context.Context) (int, error) {
	books, err := a.Books()
	if err != nil {
		return 0, err
	}
	erased := 0
	for _, r := range books {
		if r.State != BookOpen {
			continue
		}
		b, err := a.Contract.Book(ctx, r.ID)
		if err != nil {
			return erased, err
		}
		if b.Status == ticketbook.BookOpen && b.Sold < b.Leaves {
			continue
		}
		n, err := a.eraseUnsold(r, b.Sold)
		erased += n
		if err != nil {
			return erased, err
		}
	}
	return erased, nil
}

func (a *Agent) eraseUnsold(r BookRecord, sold uint32) (int, error) {
	v, err := openVault(a.vaultPath(r.ID), "")
	if err != nil {
		return 0, err
	}
	defer v.close()
	n := 0
	for i := sold; i < r.Leaves; i++ {
		if err := v.erase(i); err != nil {
			return n, err
		}
		n++
	}
	r.State = BookRetired
	return n, a.putBook(r)
}

// Retirer retires and closes books on chain (the owner's account).
type Retirer interface {
	Retire(ctx context.Context, id common.Hash) (*types.Receipt, error)
}

// RetireBook stops the book's sales on chain and erases its unsold values.
func (a *Agent) RetireBook(ctx context.Context, owner Retirer, id common.Hash) (int, error) {
	r, ok, err := a.Book(id)
	if err != nil {
		return 0, err
	}
	if !ok {
		return 0, fmt.Errorf("book %s is not one of this agent's", id)
	}
	if _, err := owner.Retire(ctx, id); err != nil && !errors.Is(err, ticketbook.ErrBookNotOpen) {
		return 0, err
	}
	b, err := a.Contract.Book(ctx, id)
	if err != nil {
		return 0, err
	}
	return a.eraseUnsold(r, b.Sold)
}

// CloseBook takes the reserve of a retired book back once every window is
// over and nothing is pending, then destroys its vault and forgets its
// tickets. It returns the wei returned.
func (a *Agent) CloseBook(ctx context.Context, owner *ticketbook.Writer, id common.Hash) (*big.Int, error) {
	r, ok, err := a.Book(id)
	if err != nil {
		return nil, err
	}
	if !ok {
		return nil, fmt.Errorf("book %s is not one of this agent's", id)
	}
	returned, _, err := owner.Close(ctx, id)
	if err != nil {
		return nil, err
	}
	if v, err := openVault(a.vaultPath(id), ""); err == nil {
		if err := v.destroy(); err != nil {
			return returned, err
		}
	}
	if err := os.Remove(a.leavesPath(id)); err != nil && !errors.Is(err, os.ErrNotExist) {
		return returned, err
	}
	r.State = BookClosed
	err = a.withDB(func(db *bbolt.DB) error {
		return db.Update(func(tx *bbolt.Tx) error {
			b := tx.Bucket(ticketsBucket)
			var keys [][]byte
			c := b.Cursor()
			for k, _ := c.Seek(id[:]); len(k) == 36 && common.BytesToHash(k[:32]) == id; k, _ = c.Next() {
				keys = append(keys, append([]byte(nil), k...))
			}
			for _, k := range keys {
				if err := b.Delete(k); err != nil {
					return err
				}
			}
			return putJSON(tx.Bucket(booksBucket), id[:], r)
		})
	})
	return returned, err
}

// Run ticks every period until ctx ends.
func (a *Agent) Run(ctx context.Context, every time.Duration) {
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		if _, err := a.Tick(ctx); err != nil && ctx.Err() == nil {
			a.log().Warn("agent tick failed; will retry", "err", err)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}
