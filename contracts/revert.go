package contracts

import (
	"errors"
	"fmt"
)

// ErrNoRevertData means a call reverted without data (out of gas, a
// require without message, a call to an address without code); there is
// no custom error to decode.
var ErrNoRevertData = errors.New("revert without data")

// ErrUnknownRevert means the revert data does not start with the selector
// of one of the contract's custom errors.
var ErrUnknownRevert = errors.New("revert data is not a Postage error")

// postageABI is parsed once for decoding revert data.
var postageABI = NewPostage()

// UnpackRevert decodes revert data returned by the Postage contract into
// one of the generated error types (*PostageUnknownDeposit,
// *PostageWithdrawalLocked, ...). Unlike the generated UnpackError it never
// panics: data shorter than a selector gives ErrNoRevertData, and an
// unknown selector gives ErrUnknownRevert.
func UnpackRevert(data []byte) (any, error) {
	if len(data) < 4 {
		return nil, ErrNoRevertData
	}
	var known bool
	for _, e := range postageABI.abi.Errors {
		if [4]byte(e.ID[:4]) == [4]byte(data[:4]) {
			known = true
			break
		}
	}
	if !known {
		return nil, fmt.Errorf("selector %x: %w", data[:4], ErrUnknownRevert)
	}
	v, err := postageABI.UnpackError(data)
	if err != nil {
		return nil, fmt.Errorf("decode revert data %x: %w", data, err)
	}
	return v, nil
}
