package agent

import (
	"fmt"

	"github.com/postage-mail/postage/chain/ticketbook"
	"github.com/postage-mail/postage/wei"
)

// ListLine is the line `postage book list` prints for r: its state here,
// and onChain's (the book as the contract has it) when it is not nil.
func (r BookRecord) ListLine(onChain *ticketbook.Book) string {
	line := fmt.Sprintf("%s %s %d values, %s a ticket", r.ID, r.State, r.Leaves, wei.Format(r.Stake))
	if b := onChain; b != nil {
		line += fmt.Sprintf("; on chain %s, %d sold, pool %s, reserve %s, %d payouts queued", b.Status, b.Sold, wei.Format(b.Pool), wei.Format(b.Reserve), b.Queued)
	}
	return line
}

// String is the report `postage book agent --once` prints.
func (r TickReport) String() string {
	return fmt.Sprintf("decided %d (revealed %d), pending %d, seeds recorded %d, unsold values erased %d",
		r.Decided, r.Revealed, r.Pending, r.SeedsRecorded, r.UnsoldErased)
}

// Report says what Punish did, for the user who asked.
func (r PunishResult) Report() string {
	switch r {
	case Punished:
		return "ticket erased: it will never be revealed"
	case AlreadyDecided:
		return "ticket already decided (too late if it was revealed): nothing to do"
	case NotAccepted:
		return "this host never accepted that ticket: nothing to do"
	}
	return fmt.Sprintf("punish result %d", int(r))
}
