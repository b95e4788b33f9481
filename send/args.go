package send

import (
	"errors"
	"fmt"
	"strings"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/common/hexutil"
)

// argError is a bad command line: errors.Is(err, ErrUsage).
type argError string

func (e argError) Error() string        { return string(e) }
func (e argError) Is(target error) bool { return target == ErrUsage }

// SendmailArgs are `postage sendmail`'s options: sendmail's own syntax
// (-t, -i, -f ADDR, -o*, ...) with postage's few additions.
type SendmailArgs struct {
	Envelope
	NoStake, NoTickets, NoWork bool
	Config, RPC                string
}

// ErrHelp is returned by ParseSendmailArgs for -h and --help.
var ErrHelp = errors.New("help requested")

// ParseSendmailArgs reads sendmail's command line: -t, -i, -oi, -bm, -o*
// (ignored), -f/-r ADDR (also joined, -fADDR), -F NAME (ignored), the
// recipients (also after --), and postage's --no-stake, --no-tickets,
// --no-work, --config FILE and --rpc URL. An unknown option is an error
// wrapping ErrUsage.
func ParseSendmailArgs(args []string) (*SendmailArgs, error) {
	a := &SendmailArgs{}
	for i := 0; i < len(args); i++ {
		arg := args[i]
		value := func() (string, error) {
			if i+1 >= len(args) {
				return "", argError(arg + " needs a value")
			}
			i++
			return args[i], nil
		}
		var err error
		switch {
		case arg == "--":
			a.Rcpts = append(a.Rcpts, args[i+1:]...)
			return a, nil
		case arg == "-t":
			a.FromHeaders = true
		case arg == "-i", arg == "-oi", arg == "-bm", strings.HasPrefix(arg, "-o"):
			// -i: a lone dot is not the end; we never read dots anyway.
		case arg == "-f", arg == "-r":
			a.Sender, err = value()
		case strings.HasPrefix(arg, "-f"), strings.HasPrefix(arg, "-r") && len(arg) > 2:
			a.Sender = arg[2:]
		case arg == "-F":
			_, err = value()
		case strings.HasPrefix(arg, "-F"):
		case arg == "--no-stake":
			a.NoStake = true
		case arg == "--no-tickets":
			a.NoTickets = true
		case arg == "--no-work":
			a.NoWork = true
		case arg == "--config":
			a.Config, err = value()
		case arg == "--rpc":
			a.RPC, err = value()
		case arg == "-h", arg == "--help":
			return nil, ErrHelp
		case strings.HasPrefix(arg, "-"):
			return nil, argError("unsupported sendmail option " + arg)
		default:
			a.Rcpts = append(a.Rcpts, arg)
		}
		if err != nil {
			return nil, err
		}
	}
	return a, nil
}

// usageErr is err, a bad argument: errors.Is(err, ErrUsage), same text.
type usageErr struct{ err error }

func (e usageErr) Error() string        { return e.err.Error() }
func (e usageErr) Unwrap() error        { return e.err }
func (e usageErr) Is(target error) bool { return target == ErrUsage }

// WithdrawArgs are postage withdraw's arguments: --due (every recorded
// deposit that is due), or start|finish DEPOSIT-ID.
type WithdrawArgs struct {
	Due, Start bool
	ID         common.Hash
}

// ParseWithdrawArgs reads postage withdraw's arguments after its flags
// (due is --due). Mistakes wrap ErrUsage.
func ParseWithdrawArgs(due bool, args []string) (WithdrawArgs, error) {
	switch {
	case due && len(args) > 0:
		return WithdrawArgs{}, argError("--due takes no deposit ids")
	case due:
		return WithdrawArgs{Due: true}, nil
	case len(args) != 2 || (args[0] != "start" && args[0] != "finish"):
		return WithdrawArgs{}, argError("usage: postage withdraw start|finish DEPOSIT-ID, or postage withdraw --due")
	}
	if b, err := hexutil.Decode(args[1]); err == nil && len(b) == common.HashLength {
		return WithdrawArgs{Start: args[0] == "start", ID: common.Hash(b)}, nil
	}
	return WithdrawArgs{}, argError(fmt.Sprintf("deposit id %q: want 0x and 64 hex digits", args[1]))
}
