package contracts

import "fmt"

// ErrUnknownTicketBookRevert means the revert data does not start with the
// selector of one of the TicketBook contract's custom errors.
var ErrUnknownTicketBookRevert = fmt.Errorf("revert data is not a TicketBook error")

var ticketBookABI = NewTicketBook()

// UnpackTicketBookRevert decodes revert data returned by the TicketBook
// contract into one of the generated error types (*TicketBookParityMismatch,
// *TicketBookRevealWindowClosed, ...). Like UnpackRevert it never panics:
// data shorter than a selector gives ErrNoRevertData, an unknown selector
// ErrUnknownTicketBookRevert.
func UnpackTicketBookRevert(data []byte) (any, error) {
	if len(data) < 4 {
		return nil, ErrNoRevertData
	}
	known := false
	for _, e := range ticketBookABI.abi.Errors {
		if [4]byte(e.ID[:4]) == [4]byte(data[:4]) {
			known = true
			break
		}
	}
	if !known {
		return nil, fmt.Errorf("selector %x: %w", data[:4], ErrUnknownTicketBookRevert)
	}
	v, err := ticketBookABI.UnpackError(data)
	if err != nil {
		return nil, fmt.Errorf("decode revert data %x: %w", data, err)
	}
	return v, nil
}
