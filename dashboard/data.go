package dashboard

import (
	"context"
	"math/big"
	"strings"
	"time"
)

// Sources is what the dashboard shows, read from what postage already
// has: the cmd wiring fills it from the stores, the records and the
// milter's chain reader. A nil function leaves its part out.
type Sources struct {
	// Ring is the verdict ring (nil: no verdicts are kept).
	Ring *Ring
	// Status reads the chain head, RPC and spent-store health, and the
	// milter's connections. It must not call the chain.
	Status func(ctx context.Context) Status
	// Punishments reads the burns this host asked for and its relay.
	Punishments func(ctx context.Context) (Punishments, error)
	// Sender reads this host's deposits from its records.
	Sender func(ctx context.Context) (Sender, error)
	// WithdrawDue runs `postage withdraw --due` (the sender's lifecycle)
	// and says what it did.
	WithdrawDue func(ctx context.Context) (string, error)
	// Books reads the ticket books (nil unless book.enabled).
	Books func(ctx context.Context) (Books, error)
}

// Status is the Overview's health panel.
type Status struct {
	// Chain is false when stake is not accepted (no chain is followed).
	Chain     bool
	ChainHead uint64
	// RPCHealthy: the milter's chain watcher is current.
	RPCHealthy bool
	RPCNote    string
	// CacheHits and CacheMisses count deposit reads (misses went to the
	// chain).
	CacheHits, CacheMisses uint64
	SpentKind              string // "bolt", "redis" or "" (none)
	SpentHealthy           bool
	SpentNote              string
	MilterAddr             string
	MilterConns            int
}

// Punishments is the Punishments page.
type Punishments struct {
	Entries []Punishment
	// Relay is nil when serve runs no relay.
	Relay *Relay
	Note  string
}

// Punishment is one burn this host asked for (the local punishment
// queue).
type Punishment struct {
	ID        string
	Deposit   string // deposit id or ticket book
	Leaf      uint32
	State     string
	Tx        string
	Bounty    string // wei, "" unknown
	Relay     string // relay asked last, "" own ETH
	Error     string
	Due       time.Time
	Updated   time.Time
	Recipient string // from this host's send records when the deposit is its own
}

// Relay is the burn relay serve runs.
type Relay struct {
	Name, Account    string
	Balance          string // wei; "" unknown
	Queued, InFlight int
	Problems         []string
	Recent           []RelayEvent
}

// RelayEvent is one recent request at the relay: sent (its state and
// transaction) or refused (code and why).
type RelayEvent struct {
	Time   time.Time
	Kind   string // "burn", "reveal" or "refused"
	ID     string
	State  string
	Tx     string
	Bounty string
	Note   string
}

// Sender is the Sender page: this host's deposits.
type Sender struct {
	Account  string
	Deposits []Deposit
	Note     string
	// CanWithdraw: the withdraw button works (a signing account).
	CanWithdraw bool
}

// Deposit is one recorded deposit.
type Deposit struct {
	ID       string
	State    string // pending, active, withdrawing, withdrawn, failed
	Created  time.Time
	UnlockAt time.Time // withdrawal started: when it can be paid
	Value    string    // wei deposited
	Locked   string    // wei still locked (value less burned leaves; 0 once withdrawn)
	Leaves   []Leaf
	// Due: the hold is over and a withdrawal can start or finish now.
	Due   bool
	Error string
}

// Leaf is one leaf of a deposit.
type Leaf struct {
	Index     uint32
	Recipient string
	Padding   bool
	Burned    bool
}

// Books is the Ticket books page: aggregate counts only. Nothing here
// tells a punished ticket from a parity miss.
type Books struct {
	Books []Book
	// Undecided counts accepted tickets whose coin is not settled yet
	// (the queue). Decided tickets are not counted by how they ended.
	Undecided int
	Note      string
}

// Book is one ticket book this host runs.
type Book struct {
	ID         string
	State      string
	Leaves     uint32
	ValuesLeft int    // values not sold yet (-1 unknown)
	Price      string // wei a ticket costs (the stake behind one message)
	Pool       string // wei of the sales held to pay revealed tickets ("" unknown)
	Reserve    string // wei the owner put up behind the book ("" unknown)
	// PayoutsQueued counts revealed tickets waiting for the pool to pay
	// them (-1 unknown).
	PayoutsQueued int
	Bounty        string
}

// ETH formats wei as ether with up to 6 decimals ("0.01 ETH"); "" and
// garbage stay as they are.
func ETH(wei string) string {
	v, ok := new(big.Int).SetString(wei, 10)
	if !ok {
		return wei
	}
	neg := v.Sign() < 0
	v.Abs(v)
	unit := new(big.Int).Exp(big.NewInt(10), big.NewInt(18), nil)
	q, r := new(big.Int).QuoRem(v, unit, new(big.Int))
	frac := new(big.Int).Div(r, big.NewInt(1_000_000_000_000)).String() // 6 decimals
	frac = strings.Repeat("0", 6-len(frac)) + frac
	frac = strings.TrimRight(frac, "0")
	s := q.String()
	if frac != "" {
		s += "." + frac
	} else if r.Sign() != 0 {
		s = "≈" + s + ".000000"
	}
	if neg {
		s = "-" + s
	}
	return s + " ETH"
}
