package relay

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"math/big"
	"strings"
	"time"

	"github.com/ethereum/go-ethereum/accounts/abi"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/ethclient"
	"github.com/ethereum/go-ethereum/rpc"

	"github.com/postage-mail/postage/contracts"
)

// pendingWatch follows the node's pool of pending transactions for burns
// other accounts have broadcast. Simulating against the "pending" block
// is not enough: geth caches that block for up to two seconds per parent,
// so a burn broadcast a moment ago by another relay may not be in it yet,
// and signing then would pay for a transaction that reverts. Nodes that
// offer no pending-transaction filter (many public providers) leave the
// relay with the pending simulation alone.
type pendingWatch struct {
	rpc      *rpc.Client
	eth      *ethclient.Client
	contract common.Address
	self     common.Address
	signer   types.Signer
	burn     abi.Method
	batch    abi.Method
	log      *slog.Logger

	filter   string
	lastPoll time.Time
	// seen maps a leaf to another account's pending transaction that burns
	// it, until it expires.
	seen map[leafKey]seenBurn
}

type leafKey struct {
	id    common.Hash
	index uint64
}

type seenBurn struct {
	tx common.Hash
	at time.Time
}

const (
	// seenTTL: how long a pending burn by someone else holds ours back.
	// Past it, the other transaction was dropped or is stuck, and the
	// simulation against the latest block decides.
	seenTTL = 10 * time.Minute
	// maxSeen bounds the memory of pending burns.
	maxSeen = 100_000
	// keepAlive polls the filter at least this often (geth drops filters
	// not polled for five minutes).
	keepAlive = time.Minute
)

// newPendingWatch installs a pending-transaction filter on the node behind
// b, if b is an *ethclient.Client; nil when the node offers none.
func newPendingWatch(ctx context.Context, b Backend, chainID *big.Int, contract, self common.Address, log *slog.Logger) *pendingWatch {
	type rpcClient interface{ Client() *rpc.Client }
	rc, ok := b.(rpcClient)
	if !ok {
		return nil
	}
	a := contracts.NewPostage().GetABI()
	p := &pendingWatch{
		rpc: rc.Client(), eth: ethclient.NewClient(rc.Client()), contract: contract, self: self,
		signer: types.LatestSignerForChainID(chainID), burn: a.Methods["burn"], batch: a.Methods["burnBatch"],
		log: log, seen: make(map[leafKey]seenBurn),
	}
	if err := p.install(ctx); err != nil {
		log.Info("node offers no pending-transaction filter: races with other relays are caught by simulation only", "err", err)
		return nil
	}
	return p
}

func (p *pendingWatch) install(ctx context.Context) error {
	var id string
	if err := p.rpc.CallContext(ctx, &id, "eth_newPendingTransactionFilter"); err != nil {
		return err
	}
	p.filter = id
	return nil
}

// poll reads the transactions that entered the pool since the last poll
// and remembers the leaves other accounts' burns among them would burn.
func (p *pendingWatch) poll(ctx context.Context, now time.Time) {
	p.lastPoll = now
	var hashes []common.Hash
	err := p.rpc.CallContext(ctx, &hashes, "eth_getFilterChanges", p.filter)
	if err != nil {
		if strings.Contains(err.Error(), "filter not found") {
			// Expired (not polled for minutes, or the node restarted):
			// start over; what arrived in between is lost.
			if err := p.install(ctx); err != nil {
				p.log.Warn("reinstall pending-transaction filter", "err", err)
			}
			return
		}
		p.log.Warn("poll pending transactions", "err", err)
		return
	}
	for k, s := range p.seen {
		if now.Sub(s.at) > seenTTL {
			delete(p.seen, k)
		}
	}
	for _, h := range hashes {
		tx, _, err := p.eth.TransactionByHash(ctx, h)
		if err != nil {
			continue // mined or dropped since: the chain state will tell
		}
		if tx.To() == nil || *tx.To() != p.contract || len(tx.Data()) < 4 {
			continue
		}
		if from, err := types.Sender(p.signer, tx); err != nil || from == p.self {
			continue
		}
		for _, l := range p.leaves(tx.Data()) {
			if len(p.seen) >= maxSeen {
				return
			}
			p.seen[l] = seenBurn{tx: h, at: now}
		}
	}
}

// leaves decodes a burn or burnBatch call.
func (p *pendingWatch) leaves(data []byte) []leafKey {
	var out []leafKey
	switch {
	case string(data[:4]) == string(p.burn.ID):
		v, err := p.burn.Inputs.Unpack(data[4:])
		if err != nil || len(v) != 4 {
			return nil
		}
		id, ok1 := v[0].([32]byte)
		index, ok2 := v[2].(*big.Int)
		if ok1 && ok2 && index.IsUint64() {
			out = append(out, leafKey{id, index.Uint64()})
		}
	case string(data[:4]) == string(p.batch.ID):
		v, err := p.batch.Inputs.Unpack(data[4:])
		if err != nil || len(v) != 1 {
			return nil
		}
		reqs, ok := abi.ConvertType(v[0], new([]contracts.PostageBurnRequest)).(*[]contracts.PostageBurnRequest)
		if !ok {
			return nil
		}
		for _, r := range *reqs {
			if r.Index != nil && r.Index.IsUint64() {
				out = append(out, leafKey{r.Id, r.Index.Uint64()})
			}
		}
	}
	return out
}

// pendingBurn returns another account's pending transaction burning the
// leaf, if one was seen.
func (p *pendingWatch) pendingBurn(id common.Hash, index uint32, now time.Time) (common.Hash, bool) {
	s, ok := p.seen[leafKey{id, uint64(index)}]
	if !ok || now.Sub(s.at) > seenTTL {
		return common.Hash{}, false
	}
	return s.tx, true
}

var errPendingElsewhere = errors.New("another account's burn of this leaf is pending")

func pendingElsewhere(tx common.Hash) string {
	return fmt.Sprintf("%v (transaction %s): waiting for it", errPendingElsewhere, tx)
}
