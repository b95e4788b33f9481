// Code generated via abigen V2 - DO NOT EDIT.
// This file is a generated binding and any manual changes will be lost.

package contracts

import (
	"bytes"
	"errors"
	"math/big"

	"github.com/ethereum/go-ethereum/accounts/abi"
	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
)

// Reference imports to suppress errors if they are not otherwise used.
var (
	_ = bytes.Equal
	_ = errors.New
	_ = big.NewInt
	_ = common.Big1
	_ = types.BloomLookup
	_ = abi.ConvertType
)

// TicketBookBookInfo is an auto generated low-level Go binding around an user-defined struct.
type TicketBookBookInfo struct {
	Owner        common.Address
	Agent        common.Address
	Stake        *big.Int
	Bounty       *big.Int
	Leaves       uint32
	Sold         uint32
	Window       uint32
	CreatedBlock uint64
	LastBuyBlock uint64
	Status       uint8
	Pool         *big.Int
	Reserve      *big.Int
	QueueHead    uint32
	QueueTail    uint32
}

// TicketBookQueuedPayout is an auto generated low-level Go binding around an user-defined struct.
type TicketBookQueuedPayout struct {
	Buyer    common.Address
	Index    uint32
	Revealer common.Address
}

// TicketBookRevealRequest is an auto generated low-level Go binding around an user-defined struct.
type TicketBookRevealRequest struct {
	BookId    [32]byte
	Index     uint32
	Value     [32]byte
	Proof     [][32]byte
	Buyer     common.Address
	Binding   [32]byte
	Signature []byte
}

// TicketBookTicketInfo is an auto generated low-level Go binding around an user-defined struct.
type TicketBookTicketInfo struct {
	State           uint8
	BoughtBlock     uint64
	RandomnessBlock uint64
	Deadline        uint64
	Commitment      [26]byte
}

// TicketBookMetaData contains all meta data concerning the TicketBook contract.
var TicketBookMetaData = bind.MetaData{
	ABI: "[{\"inputs\":[{\"internalType\":\"uint32\",\"name\":\"randomnessDelay_\",\"type\":\"uint32\"},{\"internalType\":\"uint32\",\"name\":\"epoch_\",\"type\":\"uint32\"}],\"stateMutability\":\"nonpayable\",\"type\":\"constructor\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"id\",\"type\":\"bytes32\"}],\"name\":\"BookExists\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"id\",\"type\":\"bytes32\"}],\"name\":\"BookIsClosed\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"id\",\"type\":\"bytes32\"},{\"internalType\":\"enumTicketBook.BookStatus\",\"name\":\"status\",\"type\":\"uint8\"}],\"name\":\"BookNotOpen\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"id\",\"type\":\"bytes32\"},{\"internalType\":\"enumTicketBook.BookStatus\",\"name\":\"status\",\"type\":\"uint8\"}],\"name\":\"BookNotRetired\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"id\",\"type\":\"bytes32\"},{\"internalType\":\"uint256\",\"name\":\"sold\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"leaves\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"wanted\",\"type\":\"uint256\"}],\"name\":\"BookSoldOut\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"id\",\"type\":\"bytes32\"},{\"internalType\":\"uint256\",\"name\":\"deadline\",\"type\":\"uint256\"}],\"name\":\"BookStillRevealing\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"bounty\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"maxBounty\",\"type\":\"uint256\"}],\"name\":\"BountyTooLarge\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"EmptyBatch\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"index\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"leaves\",\"type\":\"uint256\"}],\"name\":\"IndexOutOfRange\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"leaves\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"maxLeaves\",\"type\":\"uint256\"}],\"name\":\"InvalidLeafCount\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"string\",\"name\":\"name\",\"type\":\"string\"},{\"internalType\":\"uint256\",\"name\":\"value\",\"type\":\"uint256\"}],\"name\":\"InvalidParameter\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"id\",\"type\":\"bytes32\"},{\"internalType\":\"uint256\",\"name\":\"index\",\"type\":\"uint256\"}],\"name\":\"InvalidProof\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"id\",\"type\":\"bytes32\"},{\"internalType\":\"uint256\",\"name\":\"index\",\"type\":\"uint256\"},{\"internalType\":\"address\",\"name\":\"submitter\",\"type\":\"address\"}],\"name\":\"NotAuthorized\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"id\",\"type\":\"bytes32\"},{\"internalType\":\"address\",\"name\":\"caller\",\"type\":\"address\"},{\"internalType\":\"address\",\"name\":\"owner\",\"type\":\"address\"}],\"name\":\"NotOwner\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"account\",\"type\":\"address\"}],\"name\":\"NothingToClaim\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"id\",\"type\":\"bytes32\"},{\"internalType\":\"uint256\",\"name\":\"index\",\"type\":\"uint256\"}],\"name\":\"ParityMismatch\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"index\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"leaves\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"proofLength\",\"type\":\"uint256\"}],\"name\":\"ProofLengthMismatch\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"id\",\"type\":\"bytes32\"},{\"internalType\":\"uint256\",\"name\":\"waiting\",\"type\":\"uint256\"}],\"name\":\"QueueNotEmpty\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"id\",\"type\":\"bytes32\"},{\"internalType\":\"uint256\",\"name\":\"index\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"deadline\",\"type\":\"uint256\"}],\"name\":\"RevealWindowClosed\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"blockNumber\",\"type\":\"uint256\"}],\"name\":\"SeedUnavailable\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"id\",\"type\":\"bytes32\"},{\"internalType\":\"uint256\",\"name\":\"index\",\"type\":\"uint256\"}],\"name\":\"TicketAlreadyRevealed\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"id\",\"type\":\"bytes32\"},{\"internalType\":\"uint256\",\"name\":\"index\",\"type\":\"uint256\"}],\"name\":\"TicketNotSold\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"id\",\"type\":\"bytes32\"},{\"internalType\":\"uint256\",\"name\":\"index\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"randomnessBlock\",\"type\":\"uint256\"}],\"name\":\"TooEarly\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"to\",\"type\":\"address\"},{\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"}],\"name\":\"TransferFailed\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"id\",\"type\":\"bytes32\"}],\"name\":\"UnknownBook\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"value\",\"type\":\"uint256\"}],\"name\":\"ValueTooLarge\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"id\",\"type\":\"bytes32\"},{\"internalType\":\"uint256\",\"name\":\"index\",\"type\":\"uint256\"}],\"name\":\"WrongCommitment\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"sent\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"price\",\"type\":\"uint256\"}],\"name\":\"WrongPayment\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"ZeroAgent\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"ZeroBinding\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"ZeroStake\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"ZeroValue\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"ZeroWindow\",\"type\":\"error\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"bytes32\",\"name\":\"id\",\"type\":\"bytes32\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"returned\",\"type\":\"uint256\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"locked\",\"type\":\"uint256\"}],\"name\":\"BookClosed\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"bytes32\",\"name\":\"id\",\"type\":\"bytes32\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"owner\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"bytes32\",\"name\":\"root\",\"type\":\"bytes32\"},{\"indexed\":false,\"internalType\":\"uint32\",\"name\":\"leaves\",\"type\":\"uint32\"},{\"indexed\":false,\"internalType\":\"uint96\",\"name\":\"stake\",\"type\":\"uint96\"},{\"indexed\":false,\"internalType\":\"uint96\",\"name\":\"bounty\",\"type\":\"uint96\"},{\"indexed\":false,\"internalType\":\"uint32\",\"name\":\"window\",\"type\":\"uint32\"},{\"indexed\":false,\"internalType\":\"address\",\"name\":\"agent\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"reserve\",\"type\":\"uint256\"}],\"name\":\"BookOpened\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"bytes32\",\"name\":\"id\",\"type\":\"bytes32\"}],\"name\":\"BookRetired\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"account\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"}],\"name\":\"Claimed\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"bytes32\",\"name\":\"id\",\"type\":\"bytes32\"},{\"indexed\":false,\"internalType\":\"uint32\",\"name\":\"index\",\"type\":\"uint32\"},{\"indexed\":false,\"internalType\":\"address\",\"name\":\"buyer\",\"type\":\"address\"}],\"name\":\"PayoutReleased\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"bytes32\",\"name\":\"id\",\"type\":\"bytes32\"},{\"indexed\":false,\"internalType\":\"uint32\",\"name\":\"index\",\"type\":\"uint32\"},{\"indexed\":false,\"internalType\":\"bytes32\",\"name\":\"value\",\"type\":\"bytes32\"},{\"indexed\":false,\"internalType\":\"address\",\"name\":\"buyer\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"address\",\"name\":\"revealer\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"bool\",\"name\":\"queued\",\"type\":\"bool\"}],\"name\":\"Revealed\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"uint256\",\"name\":\"blockNumber\",\"type\":\"uint256\"},{\"indexed\":false,\"internalType\":\"bytes32\",\"name\":\"seed\",\"type\":\"bytes32\"}],\"name\":\"SeedRecorded\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"bytes32\",\"name\":\"id\",\"type\":\"bytes32\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"buyer\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"uint32\",\"name\":\"first\",\"type\":\"uint32\"},{\"indexed\":false,\"internalType\":\"uint32\",\"name\":\"count\",\"type\":\"uint32\"},{\"indexed\":false,\"internalType\":\"uint64\",\"name\":\"randomnessBlock\",\"type\":\"uint64\"}],\"name\":\"TicketsBought\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"bytes32\",\"name\":\"id\",\"type\":\"bytes32\"},{\"indexed\":false,\"internalType\":\"address\",\"name\":\"from\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"}],\"name\":\"ToppedUp\",\"type\":\"event\"},{\"inputs\":[],\"name\":\"BOUNTY_DIVISOR\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"HISTORY_STORAGE\",\"outputs\":[{\"internalType\":\"address\",\"name\":\"\",\"type\":\"address\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"HISTORY_WINDOW\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"MAX_LEAVES\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"owner\",\"type\":\"address\"},{\"internalType\":\"bytes32\",\"name\":\"root\",\"type\":\"bytes32\"}],\"name\":\"bookId\",\"outputs\":[{\"internalType\":\"bytes32\",\"name\":\"\",\"type\":\"bytes32\"}],\"stateMutability\":\"pure\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"id\",\"type\":\"bytes32\"},{\"internalType\":\"bytes32\",\"name\":\"binding\",\"type\":\"bytes32\"}],\"name\":\"buy\",\"outputs\":[{\"internalType\":\"uint32\",\"name\":\"index\",\"type\":\"uint32\"}],\"stateMutability\":\"payable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"id\",\"type\":\"bytes32\"},{\"internalType\":\"bytes32[]\",\"name\":\"bindings\",\"type\":\"bytes32[]\"}],\"name\":\"buyBatch\",\"outputs\":[{\"internalType\":\"uint32\",\"name\":\"first\",\"type\":\"uint32\"}],\"stateMutability\":\"payable\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"claim\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"id\",\"type\":\"bytes32\"}],\"name\":\"close\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"buyer\",\"type\":\"address\"},{\"internalType\":\"bytes32\",\"name\":\"binding\",\"type\":\"bytes32\"}],\"name\":\"commitment\",\"outputs\":[{\"internalType\":\"bytes26\",\"name\":\"\",\"type\":\"bytes26\"}],\"stateMutability\":\"pure\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"leaf\",\"type\":\"bytes32\"},{\"internalType\":\"uint256\",\"name\":\"index\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"leaves\",\"type\":\"uint256\"},{\"internalType\":\"bytes32[]\",\"name\":\"proof\",\"type\":\"bytes32[]\"}],\"name\":\"computeRoot\",\"outputs\":[{\"internalType\":\"bytes32\",\"name\":\"h\",\"type\":\"bytes32\"}],\"stateMutability\":\"pure\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"account\",\"type\":\"address\"}],\"name\":\"creditOf\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"epoch\",\"outputs\":[{\"internalType\":\"uint32\",\"name\":\"\",\"type\":\"uint32\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"id\",\"type\":\"bytes32\"}],\"name\":\"getBook\",\"outputs\":[{\"components\":[{\"internalType\":\"address\",\"name\":\"owner\",\"type\":\"address\"},{\"internalType\":\"address\",\"name\":\"agent\",\"type\":\"address\"},{\"internalType\":\"uint96\",\"name\":\"stake\",\"type\":\"uint96\"},{\"internalType\":\"uint96\",\"name\":\"bounty\",\"type\":\"uint96\"},{\"internalType\":\"uint32\",\"name\":\"leaves\",\"type\":\"uint32\"},{\"internalType\":\"uint32\",\"name\":\"sold\",\"type\":\"uint32\"},{\"internalType\":\"uint32\",\"name\":\"window\",\"type\":\"uint32\"},{\"internalType\":\"uint64\",\"name\":\"createdBlock\",\"type\":\"uint64\"},{\"internalType\":\"uint64\",\"name\":\"lastBuyBlock\",\"type\":\"uint64\"},{\"internalType\":\"enumTicketBook.BookStatus\",\"name\":\"status\",\"type\":\"uint8\"},{\"internalType\":\"uint128\",\"name\":\"pool\",\"type\":\"uint128\"},{\"internalType\":\"uint128\",\"name\":\"reserve\",\"type\":\"uint128\"},{\"internalType\":\"uint32\",\"name\":\"queueHead\",\"type\":\"uint32\"},{\"internalType\":\"uint32\",\"name\":\"queueTail\",\"type\":\"uint32\"}],\"internalType\":\"structTicketBook.BookInfo\",\"name\":\"info\",\"type\":\"tuple\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"id\",\"type\":\"bytes32\"},{\"internalType\":\"uint256\",\"name\":\"index\",\"type\":\"uint256\"}],\"name\":\"getTicket\",\"outputs\":[{\"components\":[{\"internalType\":\"enumTicketBook.TicketState\",\"name\":\"state\",\"type\":\"uint8\"},{\"internalType\":\"uint64\",\"name\":\"boughtBlock\",\"type\":\"uint64\"},{\"internalType\":\"uint64\",\"name\":\"randomnessBlock\",\"type\":\"uint64\"},{\"internalType\":\"uint64\",\"name\":\"deadline\",\"type\":\"uint64\"},{\"internalType\":\"bytes26\",\"name\":\"commitment\",\"type\":\"bytes26\"}],\"internalType\":\"structTicketBook.TicketInfo\",\"name\":\"info\",\"type\":\"tuple\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"value\",\"type\":\"bytes32\"},{\"internalType\":\"bytes32\",\"name\":\"seed\",\"type\":\"bytes32\"}],\"name\":\"isMatch\",\"outputs\":[{\"internalType\":\"bool\",\"name\":\"\",\"type\":\"bool\"}],\"stateMutability\":\"pure\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"value\",\"type\":\"bytes32\"}],\"name\":\"leafHash\",\"outputs\":[{\"internalType\":\"bytes32\",\"name\":\"leaf\",\"type\":\"bytes32\"}],\"stateMutability\":\"pure\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"left\",\"type\":\"bytes32\"},{\"internalType\":\"bytes32\",\"name\":\"right\",\"type\":\"bytes32\"}],\"name\":\"nodeHash\",\"outputs\":[{\"internalType\":\"bytes32\",\"name\":\"node\",\"type\":\"bytes32\"}],\"stateMutability\":\"pure\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"root\",\"type\":\"bytes32\"},{\"internalType\":\"uint32\",\"name\":\"leaves\",\"type\":\"uint32\"},{\"internalType\":\"uint96\",\"name\":\"stake\",\"type\":\"uint96\"},{\"internalType\":\"uint96\",\"name\":\"bounty\",\"type\":\"uint96\"},{\"internalType\":\"uint32\",\"name\":\"window\",\"type\":\"uint32\"},{\"internalType\":\"address\",\"name\":\"agent\",\"type\":\"address\"}],\"name\":\"openBook\",\"outputs\":[{\"internalType\":\"bytes32\",\"name\":\"id\",\"type\":\"bytes32\"}],\"stateMutability\":\"payable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"id\",\"type\":\"bytes32\"},{\"internalType\":\"uint256\",\"name\":\"max\",\"type\":\"uint256\"}],\"name\":\"payQueue\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"paid\",\"type\":\"uint256\"}],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"id\",\"type\":\"bytes32\"},{\"internalType\":\"uint256\",\"name\":\"position\",\"type\":\"uint256\"}],\"name\":\"queuedPayout\",\"outputs\":[{\"components\":[{\"internalType\":\"address\",\"name\":\"buyer\",\"type\":\"address\"},{\"internalType\":\"uint32\",\"name\":\"index\",\"type\":\"uint32\"},{\"internalType\":\"address\",\"name\":\"revealer\",\"type\":\"address\"}],\"internalType\":\"structTicketBook.QueuedPayout\",\"name\":\"\",\"type\":\"tuple\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"boughtBlock\",\"type\":\"uint256\"}],\"name\":\"randomnessBlock\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"randomnessDelay\",\"outputs\":[{\"internalType\":\"uint32\",\"name\":\"\",\"type\":\"uint32\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"blockNumber\",\"type\":\"uint256\"}],\"name\":\"recordSeed\",\"outputs\":[{\"internalType\":\"bytes32\",\"name\":\"seed\",\"type\":\"bytes32\"}],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint256[]\",\"name\":\"blockNumbers\",\"type\":\"uint256[]\"}],\"name\":\"recordSeeds\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"id\",\"type\":\"bytes32\"}],\"name\":\"retire\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"components\":[{\"internalType\":\"bytes32\",\"name\":\"bookId\",\"type\":\"bytes32\"},{\"internalType\":\"uint32\",\"name\":\"index\",\"type\":\"uint32\"},{\"internalType\":\"bytes32\",\"name\":\"value\",\"type\":\"bytes32\"},{\"internalType\":\"bytes32[]\",\"name\":\"proof\",\"type\":\"bytes32[]\"},{\"internalType\":\"address\",\"name\":\"buyer\",\"type\":\"address\"},{\"internalType\":\"bytes32\",\"name\":\"binding\",\"type\":\"bytes32\"},{\"internalType\":\"bytes\",\"name\":\"signature\",\"type\":\"bytes\"}],\"internalType\":\"structTicketBook.RevealRequest\",\"name\":\"r\",\"type\":\"tuple\"}],\"name\":\"reveal\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"components\":[{\"internalType\":\"bytes32\",\"name\":\"bookId\",\"type\":\"bytes32\"},{\"internalType\":\"uint32\",\"name\":\"index\",\"type\":\"uint32\"},{\"internalType\":\"bytes32\",\"name\":\"value\",\"type\":\"bytes32\"},{\"internalType\":\"bytes32[]\",\"name\":\"proof\",\"type\":\"bytes32[]\"},{\"internalType\":\"address\",\"name\":\"buyer\",\"type\":\"address\"},{\"internalType\":\"bytes32\",\"name\":\"binding\",\"type\":\"bytes32\"},{\"internalType\":\"bytes\",\"name\":\"signature\",\"type\":\"bytes\"}],\"internalType\":\"structTicketBook.RevealRequest[]\",\"name\":\"rs\",\"type\":\"tuple[]\"}],\"name\":\"revealBatch\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"id\",\"type\":\"bytes32\"},{\"internalType\":\"uint256\",\"name\":\"index\",\"type\":\"uint256\"},{\"internalType\":\"address\",\"name\":\"submitter\",\"type\":\"address\"}],\"name\":\"revealDigest\",\"outputs\":[{\"internalType\":\"bytes32\",\"name\":\"\",\"type\":\"bytes32\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"blockNumber\",\"type\":\"uint256\"}],\"name\":\"seedOf\",\"outputs\":[{\"internalType\":\"bytes32\",\"name\":\"seed\",\"type\":\"bytes32\"},{\"internalType\":\"bool\",\"name\":\"recorded\",\"type\":\"bool\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"id\",\"type\":\"bytes32\"}],\"name\":\"topUp\",\"outputs\":[],\"stateMutability\":\"payable\",\"type\":\"function\"}]",
	ID:  "TicketBook",
	Bin: "0x60c03461013a57601f6137c438819003918201601f19168301916001600160401b0383118484101761013e57808492604094855283398101031261013a57610052602061004b83610152565b9201610152565b9063ffffffff81168015801561012f575b6100f1575063ffffffff8216801580156100e6575b6100b2575060805260a05260405161366090816101648239608051818181611b2b0152611ec0015260a051818181610c6e0152611e960152f35b60849060405190632763535760e01b82526040600483015260056044830152640cae0dec6d60db1b60648301526024820152fd5b506104008111610078565b60849060405190632763535760e01b825260406004830152600f60448301526e72616e646f6d6e65737344656c617960881b60648301526024820152fd5b506104008111610063565b5f80fd5b634e487b7160e01b5f52604160045260245ffd5b519063ffffffff8216820361013a5756fe6080806040526004361015610012575f80fd5b5f3560e01c908163082febf014611d63575080630a644a0014611d275780631d929cfb14611ce85780631f2b6f2314611b955780632ba0842e14611b4f5780632db9006b14611af1578063347a0fe414611a3d57806339c79e0c1461178e57806340295b9d1461170f5780634788aa21146113655780634e71d92d146112b4578063551cbf831461126f5780635892f9be1461123557806359c8d64714610efb5780635cb1a1e514610e8c57806365cff47014610e7357806367a2d37714610e1357806368428b2214610d8957806372cb227314610d3f5780637580725014610cdc57806382829f7414610c92578063900cf0cf14610c345780639dbe11ff14610bf8578063ad1a7d0c1461092e578063afa14ba61461089b578063b65ae900146104d7578063c79f3804146104b4578063cfa54f39146102b6578063db0873e71461027d578063e071820e146101e05763e106075914610171575f80fd5b346101dc5760807ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffc3601126101dc5760643567ffffffffffffffff81116101dc576101d46101c56020923690600401611dd0565b9060443560243560043561232b565b604051908152f35b5f80fd5b346101dc576101ee36611d9c565b905f604080516101fd81611f94565b82815282602082015201525f52600260205260405f20905f52602052606060405f2073ffffffffffffffffffffffffffffffffffffffff60405161024081611f94565b63ffffffff835460408460018184169788875285602088019560a01c16855201541693019283526040519485525116602084015251166040820152f35b346101dc575f7ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffc3601126101dc57602060405160108152f35b60207ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffc3601126101dc57600435805f525f60205260405f2060ff600282015460b01c1661030281611e24565b80156104885760039061031481611e24565b1461045c573415610434576003810191825492610351610346346fffffffffffffffffffffffffffffffff8716611e5b565b94349060801c611e5b565b906fffffffffffffffffffffffffffffffff8511801561041b575b6103ef5760809190911b7fffffffffffffffffffffffffffffffff00000000000000000000000000000000166fffffffffffffffffffffffffffffffff94909416939093179092556103ed91807f831e8bacc44ea8b4be95d1b2ad207b7bbe602348c66b089cace4646af6619e8660408051338152346020820152a261246a565b005b7f98a06844000000000000000000000000000000000000000000000000000000005f523460045260245ffd5b506fffffffffffffffffffffffffffffffff821161036c565b7f7c946ed7000000000000000000000000000000000000000000000000000000005f5260045ffd5b507f56f83e95000000000000000000000000000000000000000000000000000000005f5260045260245ffd5b827f84193878000000000000000000000000000000000000000000000000000000005f5260045260245ffd5b346101dc5760206104cd6104c736611d9c565b90612301565b6040519015158152f35b60c07ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffc3601126101dc576004356024359063ffffffff82168092036101dc57604435906bffffffffffffffffffffffff8216918281036101dc57606435936bffffffffffffffffffffffff85168086036101dc576084359463ffffffff8616928387036101dc5760a4359473ffffffffffffffffffffffffffffffffffffffff86168096036101dc578115801561088f575b61085c578215610834576b0fffffffffffffffffffffff8160041c16808511610805575084156107dd5785156107b5576fffffffffffffffffffffffffffffffff34116103ef576105da8733612028565b97885f525f60205260405f209960028b019260ff845460b01c166105fd81611e24565b6107895760a090811b7fffffffffffffffffffffffff000000000000000000000000000000000000000090811633178d5573ffffffffffffffffffffffffffffffffffffffff8a169290911b161760018b01556020996107369290917601000000000000000000000000000000000000000000009082544360601b70ffffffffff0000000000000000000000001660409290921b6bffffffff0000000000000000167fffffffffffffffffff00ffffffffffffffffffffffffffffffffffffffffffff88167fffffffffffffffffff00ffffffffff000000000000000000ffffffff0000000090921691909117171717905534608081901b7fffffffffffffffffffffffffffffffff00000000000000000000000000000000166fffffffffffffffffffffffffffffffff919091161760039190910155565b6040519586528786015260408501526060840152608083015260a08201523460c0820152817f268c77a9e428cff80524f891c8ac272458aaf784337f22b725ea1a7d1f7a813160e03393a3604051908152f35b8a7ff05e3659000000000000000000000000000000000000000000000000000000005f5260045260245ffd5b7f92077bad000000000000000000000000000000000000000000000000000000005f5260045ffd5b7f4acbbb65000000000000000000000000000000000000000000000000000000005f5260045ffd5b847f1f27fa5a000000000000000000000000000000000000000000000000000000005f5260045260245260445ffd5b7f150a67e9000000000000000000000000000000000000000000000000000000005f5260045ffd5b507f93432c24000000000000000000000000000000000000000000000000000000005f526004526210000060245260445ffd5b50621000008211610589565b346101dc5760a06108b46108ae36611d9c565b906121f2565b7fffffffffffffffffffffffffffffffffffffffffffffffffffff00000000000060806040519280516108e681611e24565b845267ffffffffffffffff602082015116602085015267ffffffffffffffff604082015116604085015267ffffffffffffffff60608201511660608501520151166080820152f35b346101dc5760207ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffc3601126101dc576040516101c0810181811067ffffffffffffffff821117610bcb576040525f815260208101905f8252604081015f8152606082015f8152608083015f815260a084015f815260c085015f815260e086015f81526101008701915f83526101208801935f85526101408901955f87526101608a01975f89526101808b01995f8b526101a08c019b5f8d526004355f525f6020528d60405f2090815473ffffffffffffffffffffffffffffffffffffffff8116845260018301549173ffffffffffffffffffffffffffffffffffffffff8316905260a01c845260a01c845260028101549063ffffffff821686528160201c63ffffffff1687528160401c63ffffffff1688528160601c64ffffffffff1689528160881c64ffffffffff168a528160b01c60ff16610a8a81611e24565b8b52600301546fffffffffffffffffffffffffffffffff81168c5260801c8c528060b81c63ffffffff168d5260d81c63ffffffff168d526040519d8e915173ffffffffffffffffffffffffffffffffffffffff1682525173ffffffffffffffffffffffffffffffffffffffff169060200152516bffffffffffffffffffffffff1660408d0152516bffffffffffffffffffffffff1660608c01525163ffffffff1660808b01525163ffffffff1660a08a01525163ffffffff1660c08901525167ffffffffffffffff1660e08801525167ffffffffffffffff1661010087015251610b7381611e24565b610120860152516fffffffffffffffffffffffffffffffff16610140850152516fffffffffffffffffffffffffffffffff166101608401525163ffffffff166101808301525163ffffffff166101a08201526101c090f35b7f4e487b71000000000000000000000000000000000000000000000000000000005f52604160045260245ffd5b346101dc5760207ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffc3601126101dc5760206101d4600435612165565b346101dc575f7ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffc3601126101dc57602060405163ffffffff7f0000000000000000000000000000000000000000000000000000000000000000168152f35b346101dc5760207ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffc3601126101dc576040610cce60043561213c565b825191825215156020820152f35b346101dc5760207ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffc3601126101dc5773ffffffffffffffffffffffffffffffffffffffff610d28611e01565b165f526004602052602060405f2054604051908152f35b346101dc575f7ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffc3601126101dc57602060405171f90827f1c53a10cb7a02335b1753200029358152f35b346101dc5760207ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffc3601126101dc5760043567ffffffffffffffff81116101dc5760e07ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffc82360301126101dc57610e0290600401612b35565b80610e0957005b6103ed9033613379565b346101dc5760607ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffc3601126101dc5760443573ffffffffffffffffffffffffffffffffffffffff811681036101dc576101d46020916024356004356120b6565b346101dc5760206101d4610e8636611d9c565b9061209d565b346101dc5760407ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffc3601126101dc576020610ed1610ec8611e01565b602435906133cf565b7fffffffffffffffffffffffffffffffffffffffffffffffffffff00000000000060405191168152f35b610f0436611d9c565b90811561120d57805f525f60205260405f20600281019182549360ff8560b01c16610f2e81611e24565b801561048857610f3d81611e24565b600181036111d5575063ffffffff8560201c169363ffffffff86166001860190818711611164578082116111915750845460a01c9687158880046001141715611164578734036111345796611084926101d4969594926020997fffffffffffffffffffff0000000000ffffffffffffffffff00000000ffffffff67ffffffff0000000075ffffffffff00000000000000000000000000000000004360881b16938d1b169116171790556fffffffffffffffffffffffffffffffff80611009600388019382855416611e5b565b16167fffffffffffffffffffffffffffffffff0000000000000000000000000000000082541617905567ffffffffffffffff61104443611e88565b16604051908782526001898301526040820152837fc10bdfd05cd1062d6bed43ccbc3a29a4edc644ca2814aab3a807a1ea1a2c264760603393a3336133cf565b6040519061109182611f94565b6001825286820164ffffffffff431681527fffffffffffffffffffffffffffffffffffffffffffffffffffff0000000000006040840192168252835f526001885260405f20875f5288526110f360405f2093516110ed81611e24565b84611ff1565b519060ff65ffffffffff007fffffffffffffffffffffffffffffffffffffffffffffffffffff00000000000085549351169360081b1691161717905561343f565b877f0dd32d1c000000000000000000000000000000000000000000000000000000005f523460045260245260445ffd5b7f4e487b71000000000000000000000000000000000000000000000000000000005f52601160045260245ffd5b8460849188604051927fad2647bb00000000000000000000000000000000000000000000000000000000845260048401526024830152604482015260016064820152fd5b827f085b3100000000000000000000000000000000000000000000000000000000005f5260045261120581611e24565b60245260445ffd5b7ff52c91a4000000000000000000000000000000000000000000000000000000005f5260045ffd5b346101dc575f7ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffc3601126101dc576020604051611fff8152f35b346101dc5760407ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffc3601126101dc5760206101d46112ab611e01565b60243590612028565b346101dc575f7ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffc3601126101dc57335f52600460205260405f20548015611339576103ed90335f5260046020525f60408120556040518181527fd8138f8a3f377c5259ca548e70e4c2de94f129f5a11036a15b69513cba2b426a60203392a233613379565b7f64ab3466000000000000000000000000000000000000000000000000000000005f523360045260245ffd5b60407ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffc3601126101dc5760043560243567ffffffffffffffff81116101dc576113b2903690600401611dd0565b909181156116e757805f525f60205260405f20926002840192835460ff8160b01c166113dd81611e24565b80156116bb576113ec81611e24565b6001810361168b575063ffffffff8160201c169463ffffffff8216806114128589611e5b565b11611648575061142683885460a01c611e75565b918234036116185792939267ffffffff000000006114448689611e5b565b60201b167fffffffffffffffffffff0000000000ffffffffffffffffff00000000ffffffff75ffffffffff00000000000000000000000000000000004360881b169216171790556fffffffffffffffffffffffffffffffff806114ae600389019382855416611e5b565b16167fffffffffffffffffffffffffffffffff0000000000000000000000000000000082541617905567ffffffffffffffff6114e943611e88565b166040519085825263ffffffff841660208301526040820152837fc10bdfd05cd1062d6bed43ccbc3a29a4edc644ca2814aab3a807a1ea1a2c264760603393a3825f52600160205260405f205f9264ffffffffff4316935b818110611555576020876101d48a8961343f565b611560818386611f57565b3590811561120d57611574600192336133cf565b6040519061158182611f94565b838252602082018881527fffffffffffffffffffffffffffffffffffffffffffffffffffff00000000000060408401921682526115be848c611e5b565b5f52866020526115d660405f2093516110ed81611e24565b519060ff65ffffffffff007fffffffffffffffffffffffffffffffffffffffffffffffffffff00000000000085549351169360081b1691161717905501611541565b827f0dd32d1c000000000000000000000000000000000000000000000000000000005f523460045260245260445ffd5b858460849289604051937fad2647bb0000000000000000000000000000000000000000000000000000000085526004850152602484015260448301526064820152fd5b847f085b3100000000000000000000000000000000000000000000000000000000005f5260045261120581611e24565b847f84193878000000000000000000000000000000000000000000000000000000005f5260045260245ffd5b7fc2e5347d000000000000000000000000000000000000000000000000000000005f5260045ffd5b346101dc5760207ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffc3601126101dc5760043567ffffffffffffffff81116101dc5761175e903690600401611dd0565b9081156116e7575f5b82811061177057005b806117876117816001938686611f57565b35612165565b5001611767565b346101dc5760207ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffc3601126101dc57600435805f525f60205260405f2090600282019081549260ff8460b01c16936117e585611e24565b84156104885773ffffffffffffffffffffffffffffffffffffffff82541694338603611a095761181481611e24565b600281036119d9575063ffffffff8160201c16611976575b63ffffffff808260b81c169160d81c16808203611933575050604061190f60037f0b10b1d55023d6a77f5fd1bd4056905cd4153bcf7e83401050ea6e75f2c32253930180546fffffffffffffffffffffffffffffffff81169060801c8082105f1461192b5750809687925b6fffffffffffffffffffffffffffffffff806118b38686611e68565b16166fffffffffffffffffffffffffffffffff16905580547603000000000000000000000000000000000000000000007fffffffffffffffffff00ffffffffffffffffffffffffffffffffffffffffffff909116179055611e68565b8151908582526020820152a28061192257005b6103ed91613379565b968792611897565b03905063ffffffff81116111645763ffffffff917ff07dd765000000000000000000000000000000000000000000000000000000005f526004521660245260445ffd5b61199c61198c64ffffffffff8360881c16611e88565b63ffffffff8360401c1690611e5b565b804311156119aa575061182c565b837f06ac0d35000000000000000000000000000000000000000000000000000000005f5260045260245260445ffd5b837f7c5b364c000000000000000000000000000000000000000000000000000000005f5260045261120581611e24565b85847fa3221ef2000000000000000000000000000000000000000000000000000000005f526004523360245260445260645ffd5b346101dc5760207ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffc3601126101dc5760043567ffffffffffffffff81116101dc57611a8c903690600401611dd0565b80156116e7575f5f7fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff2184360301915b83821015610e02578160051b850135838112156101dc57600191611ae3611ae9928801612b35565b90611e5b565b910190611abb565b346101dc575f7ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffc3601126101dc57602060405163ffffffff7f0000000000000000000000000000000000000000000000000000000000000000168152f35b346101dc5760207ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffc3601126101dc575f8052600435600152602060215f20604051908152f35b346101dc5760207ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffc3601126101dc57600435805f525f60205260405f20600281019081549060ff8260b01c1690611beb82611e24565b81156116bb575473ffffffffffffffffffffffffffffffffffffffff16338103611cb55750611c1981611e24565b60018103611c8557507fffffffffffffffffff00ffffffffffffffffffffffffffffffffffffffffffff167602000000000000000000000000000000000000000000001790557fc6f59b64a9938f0ff7af4a4a740f07c5005cb6d362e8e506b9b745cb4839bc5f5f80a2005b837f085b3100000000000000000000000000000000000000000000000000000000005f5260045261120581611e24565b847fa3221ef2000000000000000000000000000000000000000000000000000000005f526004523360245260445260645ffd5b346101dc57611cf636611d9c565b815f525f60205260405f2060ff600282015460b01c16611d1581611e24565b1561048857906101d49160209361285c565b346101dc5760207ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffc3601126101dc5760206101d4600435611e88565b346101dc575f7ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffc3601126101dc57806210000060209252f35b7ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffc60409101126101dc576004359060243590565b9181601f840112156101dc5782359167ffffffffffffffff83116101dc576020808501948460051b0101116101dc57565b6004359073ffffffffffffffffffffffffffffffffffffffff821682036101dc57565b60041115611e2e57565b7f4e487b71000000000000000000000000000000000000000000000000000000005f52602160045260245ffd5b9190820180921161116457565b9190820391821161116457565b8181029291811591840414171561116457565b611eeb611ee69163ffffffff7f00000000000000000000000000000000000000000000000000000000000000001692839163ffffffff7f00000000000000000000000000000000000000000000000000000000000000001690611e5b565b611e5b565b907fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff8201918211611164578015611f2a5780611f279204611e75565b90565b7f4e487b71000000000000000000000000000000000000000000000000000000005f52601260045260245ffd5b9190811015611f675760051b0190565b7f4e487b71000000000000000000000000000000000000000000000000000000005f52603260045260245ffd5b6060810190811067ffffffffffffffff821117610bcb57604052565b90601f7fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffe0910116810190811067ffffffffffffffff821117610bcb57604052565b90611ffb81611e24565b60ff7fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff008354169116179055565b60405160609190911b7fffffffffffffffffffffffffffffffffffffffff0000000000000000000000001660208201908152603482019290925261209781605481015b037fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffe08101835282611fb0565b51902090565b6041916040519160018353600183015260218201522090565b917fffffffffffffffffffffffffffffffffffffffff000000000000000000000000906040519260208401947f190000000000000000000000000000000000000000000000000000000000000086525f60218601523060601b60228601524660368601526056850152607684015260601b166096820152608a815261209760aa82611fb0565b805f52600360205260405f2054908161215e57612159915061346a565b905f90565b5090600190565b90815f52600360205260405f2054806121ee57506121828261346a565b9182156121c357805f5260036020528260405f20557f66ab28d169f8929c81f368a5d7eeb02a91b87ae7957d499af9a8468f174dc79e6020604051858152a2565b7f356d3269000000000000000000000000000000000000000000000000000000005f5260045260245ffd5b9150565b9190916040519060a0820182811067ffffffffffffffff821117610bcb576040525f82525f60208301525f60408301525f60608301525f60808301528193815f52600160205260405f20905f5260205260405f20549160ff831661225581611e24565b80825261226181611e24565b61226a81611e24565b156122fb575067ffffffffffffffff61229264ffffffffff8460081c16806020880152611e88565b16908160408601525f525f60205263ffffffff600260405f20015460401c16019067ffffffffffffffff82116111645767ffffffffffffffff7fffffffffffffffffffffffffffffffffffffffffffffffffffff00000000000092166060850152166080830152565b93505050565b6001916040519060208201928352604082015260408152612323606082611fb0565b519020161590565b949392948282101561243b57945f908290845b6001811161238557505050830361235457505050565b7f577a6722000000000000000000000000000000000000000000000000000000005f5260045260245260445260645ffd5b909192976001808516145f146123fa578689146123c55760016123b481926123ae8c8b88611f57565b3561209d565b9901935b811c92910160011c61233e565b505050507f577a6722000000000000000000000000000000000000000000000000000000005f5260045260245260445260645ffd5b979281600182011061240f575b6001906123b8565b92978689146123c5576001612431819261242a8c8b88611f57565b359061209d565b9901939050612407565b507f94666f0d000000000000000000000000000000000000000000000000000000005f5260045260245260445ffd5b9190915f92600281019283549263ffffffff808560b81c169460d81c169384811461270d57916c01fffffffffffffffffffffffe8454609f1c16936003600182015460a01c9101916fffffffffffffffffffffffffffffffff83541692845f52600260205260405f2098831515945b63ffffffff8816978a89141580612703575b806126f9575b1561266957508861260691887ffeece770a07c052d557cd9a0488f7800270ad76f66f5427e99a11e00fcb113a360408f73ffffffffffffffffffffffffffffffffffffffff63ffffffff8f808f8f925f5285602052612590875f209388519761255989611f94565b8760018754978289168c528960208d019960a01c168952015416948a8a019586525f526020525f60018a822082815501558c611e68565b858751165f5260046020526125a9885f20918254611e5b565b9055612647575b50865f526001602052845f20828251165f52602052845f2060027fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff00825416179055511691511682519182526020820152a2611e68565b9663ffffffff8114611164576001019a7fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff8114611164576001019a966124d9565b839051165f5260046020528d612661865f20918254611e5b565b90555f6125b0565b82547fffffffffff00000000ffffffffffffffffffffffffffffffffffffffffffffff1660b89190911b7affffffff0000000000000000000000000000000000000000000000161790915581547fffffffffffffffffffffffffffffffff00000000000000000000000000000000166fffffffffffffffffffffffffffffffff9091161790559650505050505050565b50898210156124f1565b5060208d106124eb565b505093505050505f90565b9190915f92600281019283549263ffffffff808560b81c169460d81c169384811461270d57916c01fffffffffffffffffffffffe8454609f1c16936003600182015460a01c9101916fffffffffffffffffffffffffffffffff83541692845f52600260205260405f2098831515945b63ffffffff8816978a89141580612852575b80612848575b1561266957508861280791887ffeece770a07c052d557cd9a0488f7800270ad76f66f5427e99a11e00fcb113a360408f73ffffffffffffffffffffffffffffffffffffffff63ffffffff8f808f8f925f5285602052612590875f209388519761255989611f94565b9663ffffffff8114611164576001019a7fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff8114611164576001019a96612787565b508982101561279f565b5060048d10612799565b925f93600283019081549463ffffffff808760b81c169660d81c1694858714612b08576c01fffffffffffffffffffffffe81989794929854609f1c16946003600183015460a01c92016fffffffffffffffffffffffffffffffff81541693855f52600260205260405f2099841515955b63ffffffff8916988b8a141580612aff575b80612af5575b15612a5f5750896129fc91897ffeece770a07c052d557cd9a0488f7800270ad76f66f5427e99a11e00fcb113a38f60409073ffffffffffffffffffffffffffffffffffffffff8f8e8e8263ffffffff935f5285602052865f209287519661294a88611f94565b8660018654968288168b528860208c019860a01c168852015416928989019384525f526020525f60018982208281550155612985838d611e68565b868851165f52600460205261299e895f20918254611e5b565b9055612a3d575b5050865f526001602052845f20828251165f52602052845f2060027fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff00825416179055511691511682519182526020820152a2611e68565b9763ffffffff811461116457600101907fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff81146111645760010190976128cc565b849051165f526004602052612a56865f20918254611e5b565b90558e5f6129a5565b955096509a509350965096506fffffffffffffffffffffffffffffffff94508493507fffffffffff00000000ffffffffffffffffffffffffffffffffffffffffffffff7affffffff000000000000000000000000000000000000000000000083549260b81b16911617905516167fffffffffffffffffffffffffffffffff00000000000000000000000000000000825416179055565b508a8210156128e4565b508d83106128de565b50505050925050505f90565b3573ffffffffffffffffffffffffffffffffffffffff811681036101dc5790565b80359060208101359163ffffffff83168093036101dc57805f525f60205260405f20916002830193845460ff8160b01c16612b6f81611e24565b80156116bb57600390612b8181611e24565b1461334d5763ffffffff8160201c1682101561331d57835f52600160205260405f20825f5260205260405f20805491600160ff8416612bbf81611e24565b036132ed5760808501927fffffffffffffffffffffffffffffffffffffffffffffffffffff000000000000612c01612bf686612b14565b60a0890135906133cf565b167fffffffffffffffffffffffffffffffffffffffffffffffffffff0000000000008216036132bd5760018801549073ffffffffffffffffffffffffffffffffffffffff82168033036131e9575b50612c6364ffffffffff8260081c16611e88565b804311156131b65763ffffffff8460401c16612c7f8183611e5b565b43116131785750805f52600360205260405f205490811561313c575b506040880135975f80528860015260215f20906060810135907fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffe1813603018212156101dc570180359067ffffffffffffffff82116101dc576020018160051b360381136101dc57612d14928a63ffffffff89169161232b565b9089612d388c549373ffffffffffffffffffffffffffffffffffffffff8516612028565b0361310c57612d479089612301565b156130dc576c01fffffffffffffffffffffffe90609f1c169160a01c9263ffffffff808260d81c169160b81c1614806130bc575b612f8f5750505060037fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff00825416179055600163ffffffff875460d81c16612dc183612b14565b73ffffffffffffffffffffffffffffffffffffffff60405191612de383611f94565b16815273ffffffffffffffffffffffffffffffffffffffff83816020840188815260408501903382528b5f52600260205260405f20875f52602052828060405f20975116167fffffffffffffffffffffffff0000000000000000000000000000000000000000875416178655517fffffffffffffffff00000000ffffffffffffffffffffffffffffffffffffffff77ffffffff000000000000000000000000000000000000000087549260a01b1691161785555116920191167fffffffffffffffffffffffff0000000000000000000000000000000000000000825416179055019163ffffffff83116111645773ffffffffffffffffffffffffffffffffffffffff8594612f6560a0948a7f60b11c088c229401d8ad3621778b99d57511b04ebba379993f89b295d12ff07e977fff00000000ffffffffffffffffffffffffffffffffffffffffffffffffffffff7effffffff000000000000000000000000000000000000000000000000000000612f8a9e549260d81b169116179055612b14565b90604051938452602084015216604082015233606082015260016080820152a2612718565b505f90565b600393919497989299507fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff00600291161790550192816fffffffffffffffffffffffffffffffff85541603916fffffffffffffffffffffffffffffffff8311611164577f60b11c088c229401d8ad3621778b99d57511b04ebba379993f89b295d12ff07e956130728961309a9360a0986fffffffffffffffffffffffffffffffff73ffffffffffffffffffffffffffffffffffffffff98167fffffffffffffffffffffffffffffffff00000000000000000000000000000000825416179055611e68565b8461307c83612b14565b165f52600460205261309360405f20918254611e5b565b9055612b14565b9060405193845260208401521660408201523360608201525f6080820152a290565b50816fffffffffffffffffffffffffffffffff60038b0154161015612d7b565b86897f37ce5570000000000000000000000000000000000000000000000000000000005f5260045260245260445ffd5b878a7f613caff5000000000000000000000000000000000000000000000000000000005f5260045260245260445ffd5b90506131478161346a565b9081612c9b577f356d3269000000000000000000000000000000000000000000000000000000005f5260045260245ffd5b61318488918b93611e5b565b917ff26fdad3000000000000000000000000000000000000000000000000000000005f5260045260245260445260645ffd5b86897f0d3fc99d000000000000000000000000000000000000000000000000000000005f5260045260245260445260645ffd5b6131f433888b6120b6565b60c08901357fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffe18a3603018112156101dc5789019081359167ffffffffffffffff83116101dc576020019180360383136101dc5773ffffffffffffffffffffffffffffffffffffffff926132669261355e565b169081159182156132b2575b505061327e575f612c4f565b85887f65af459b000000000000000000000000000000000000000000000000000000005f526004526024523360445260645ffd5b141590505f80613272565b84877f9cc889b2000000000000000000000000000000000000000000000000000000005f5260045260245260445ffd5b83867f3f73b7d9000000000000000000000000000000000000000000000000000000005f5260045260245260445ffd5b50827ff4d5e2f2000000000000000000000000000000000000000000000000000000005f5260045260245260445ffd5b837f56f83e95000000000000000000000000000000000000000000000000000000005f5260045260245ffd5b5f80808085855af11561338a575050565b73ffffffffffffffffffffffffffffffffffffffff907f1c43b976000000000000000000000000000000000000000000000000000000005f521660045260245260445ffd5b61206b6134387fffffffffffffffffffffffffffffffffffffffffffffffffffff0000000000009360405192839160208301958690917fffffffffffffffffffffffffffffffffffffffff00000000000000000000000060349360601b16825260148201520190565b5190201690565b90600281015463ffffffff808260d81c169160b81c160361345e575050565b61346791612718565b50565b905f91438110156135525761347f8143611e68565b61010081111561355857611fff10613552575f809160405160208101918252602081526134ad604082611fb0565b519071f90827f1c53a10cb7a02335b1753200029355afa3d1561354a573d9067ffffffffffffffff8211610bcb576040519161351160207fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffe0601f8401160184611fb0565b82523d5f602084013e5b8061353f575b6135285750565b9091506020818051810103126101dc576020015190565b506020815114613521565b60609061351b565b505f9150565b50409150565b917fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffbf0161365a5760208101359160408201355f1a7f7fffffffffffffffffffffffffffffff5d576e7357a4501ddfe92f46681b20a0841161360e57601b8110613621575b60ff1690601b82141580613616575b61360e576020935f9360809360405193845286840152356040830152606082015282805260015afa15613603575f5190565b6040513d5f823e3d90fd5b505050505f90565b50601c8214156135d1565b601b0160ff8111156135c2577f4e487b71000000000000000000000000000000000000000000000000000000005f52601160045260245ffd5b50505f9056",
}

// TicketBook is an auto generated Go binding around an Ethereum contract.
type TicketBook struct {
	abi abi.ABI
}

// GetABI returns the ABI associated with this contract binding.
func (c *TicketBook) GetABI() abi.ABI {
	return c.abi
}

// NewTicketBook creates a new instance of TicketBook.
func NewTicketBook() *TicketBook {
	parsed, err := TicketBookMetaData.ParseABI()
	if err != nil {
		panic(errors.New("invalid ABI: " + err.Error()))
	}
	return &TicketBook{abi: *parsed}
}

// Instance creates a wrapper for a deployed contract instance at the given address.
// Use this to create the instance object passed to abigen v2 library functions Call, Transact, etc.
func (c *TicketBook) Instance(backend bind.ContractBackend, addr common.Address) *bind.BoundContract {
	return bind.NewBoundContract(addr, c.abi, backend, backend, backend)
}

// PackConstructor is the Go binding used to pack the parameters required for
// contract deployment.
//
// Solidity: constructor(uint32 randomnessDelay_, uint32 epoch_) returns()
func (ticketBook *TicketBook) PackConstructor(randomnessDelay_ uint32, epoch_ uint32) []byte {
	enc, err := ticketBook.abi.Pack("", randomnessDelay_, epoch_)
	if err != nil {
		panic(err)
	}
	return enc
}

// PackBOUNTYDIVISOR is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xdb0873e7.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function BOUNTY_DIVISOR() view returns(uint256)
func (ticketBook *TicketBook) PackBOUNTYDIVISOR() []byte {
	enc, err := ticketBook.abi.Pack("BOUNTY_DIVISOR")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackBOUNTYDIVISOR is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xdb0873e7.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function BOUNTY_DIVISOR() view returns(uint256)
func (ticketBook *TicketBook) TryPackBOUNTYDIVISOR() ([]byte, error) {
	return ticketBook.abi.Pack("BOUNTY_DIVISOR")
}

// UnpackBOUNTYDIVISOR is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xdb0873e7.
//
// Solidity: function BOUNTY_DIVISOR() view returns(uint256)
func (ticketBook *TicketBook) UnpackBOUNTYDIVISOR(data []byte) (*big.Int, error) {
	out, err := ticketBook.abi.Unpack("BOUNTY_DIVISOR", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// PackHISTORYSTORAGE is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x72cb2273.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function HISTORY_STORAGE() view returns(address)
func (ticketBook *TicketBook) PackHISTORYSTORAGE() []byte {
	enc, err := ticketBook.abi.Pack("HISTORY_STORAGE")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackHISTORYSTORAGE is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x72cb2273.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function HISTORY_STORAGE() view returns(address)
func (ticketBook *TicketBook) TryPackHISTORYSTORAGE() ([]byte, error) {
	return ticketBook.abi.Pack("HISTORY_STORAGE")
}

// UnpackHISTORYSTORAGE is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x72cb2273.
//
// Solidity: function HISTORY_STORAGE() view returns(address)
func (ticketBook *TicketBook) UnpackHISTORYSTORAGE(data []byte) (common.Address, error) {
	out, err := ticketBook.abi.Unpack("HISTORY_STORAGE", data)
	if err != nil {
		return *new(common.Address), err
	}
	out0 := *abi.ConvertType(out[0], new(common.Address)).(*common.Address)
	return out0, nil
}

// PackHISTORYWINDOW is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x5892f9be.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function HISTORY_WINDOW() view returns(uint256)
func (ticketBook *TicketBook) PackHISTORYWINDOW() []byte {
	enc, err := ticketBook.abi.Pack("HISTORY_WINDOW")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackHISTORYWINDOW is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x5892f9be.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function HISTORY_WINDOW() view returns(uint256)
func (ticketBook *TicketBook) TryPackHISTORYWINDOW() ([]byte, error) {
	return ticketBook.abi.Pack("HISTORY_WINDOW")
}

// UnpackHISTORYWINDOW is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x5892f9be.
//
// Solidity: function HISTORY_WINDOW() view returns(uint256)
func (ticketBook *TicketBook) UnpackHISTORYWINDOW(data []byte) (*big.Int, error) {
	out, err := ticketBook.abi.Unpack("HISTORY_WINDOW", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// PackMAXLEAVES is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x082febf0.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function MAX_LEAVES() view returns(uint256)
func (ticketBook *TicketBook) PackMAXLEAVES() []byte {
	enc, err := ticketBook.abi.Pack("MAX_LEAVES")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackMAXLEAVES is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x082febf0.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function MAX_LEAVES() view returns(uint256)
func (ticketBook *TicketBook) TryPackMAXLEAVES() ([]byte, error) {
	return ticketBook.abi.Pack("MAX_LEAVES")
}

// UnpackMAXLEAVES is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x082febf0.
//
// Solidity: function MAX_LEAVES() view returns(uint256)
func (ticketBook *TicketBook) UnpackMAXLEAVES(data []byte) (*big.Int, error) {
	out, err := ticketBook.abi.Unpack("MAX_LEAVES", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// PackBookId is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x551cbf83.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function bookId(address owner, bytes32 root) pure returns(bytes32)
func (ticketBook *TicketBook) PackBookId(owner common.Address, root [32]byte) []byte {
	enc, err := ticketBook.abi.Pack("bookId", owner, root)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackBookId is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x551cbf83.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function bookId(address owner, bytes32 root) pure returns(bytes32)
func (ticketBook *TicketBook) TryPackBookId(owner common.Address, root [32]byte) ([]byte, error) {
	return ticketBook.abi.Pack("bookId", owner, root)
}

// UnpackBookId is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x551cbf83.
//
// Solidity: function bookId(address owner, bytes32 root) pure returns(bytes32)
func (ticketBook *TicketBook) UnpackBookId(data []byte) ([32]byte, error) {
	out, err := ticketBook.abi.Unpack("bookId", data)
	if err != nil {
		return *new([32]byte), err
	}
	out0 := *abi.ConvertType(out[0], new([32]byte)).(*[32]byte)
	return out0, nil
}

// PackBuy is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x59c8d647.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function buy(bytes32 id, bytes32 binding) payable returns(uint32 index)
func (ticketBook *TicketBook) PackBuy(id [32]byte, binding [32]byte) []byte {
	enc, err := ticketBook.abi.Pack("buy", id, binding)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackBuy is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x59c8d647.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function buy(bytes32 id, bytes32 binding) payable returns(uint32 index)
func (ticketBook *TicketBook) TryPackBuy(id [32]byte, binding [32]byte) ([]byte, error) {
	return ticketBook.abi.Pack("buy", id, binding)
}

// UnpackBuy is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x59c8d647.
//
// Solidity: function buy(bytes32 id, bytes32 binding) payable returns(uint32 index)
func (ticketBook *TicketBook) UnpackBuy(data []byte) (uint32, error) {
	out, err := ticketBook.abi.Unpack("buy", data)
	if err != nil {
		return *new(uint32), err
	}
	out0 := *abi.ConvertType(out[0], new(uint32)).(*uint32)
	return out0, nil
}

// PackBuyBatch is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x4788aa21.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function buyBatch(bytes32 id, bytes32[] bindings) payable returns(uint32 first)
func (ticketBook *TicketBook) PackBuyBatch(id [32]byte, bindings [][32]byte) []byte {
	enc, err := ticketBook.abi.Pack("buyBatch", id, bindings)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackBuyBatch is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x4788aa21.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function buyBatch(bytes32 id, bytes32[] bindings) payable returns(uint32 first)
func (ticketBook *TicketBook) TryPackBuyBatch(id [32]byte, bindings [][32]byte) ([]byte, error) {
	return ticketBook.abi.Pack("buyBatch", id, bindings)
}

// UnpackBuyBatch is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x4788aa21.
//
// Solidity: function buyBatch(bytes32 id, bytes32[] bindings) payable returns(uint32 first)
func (ticketBook *TicketBook) UnpackBuyBatch(data []byte) (uint32, error) {
	out, err := ticketBook.abi.Unpack("buyBatch", data)
	if err != nil {
		return *new(uint32), err
	}
	out0 := *abi.ConvertType(out[0], new(uint32)).(*uint32)
	return out0, nil
}

// PackClaim is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x4e71d92d.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function claim() returns()
func (ticketBook *TicketBook) PackClaim() []byte {
	enc, err := ticketBook.abi.Pack("claim")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackClaim is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x4e71d92d.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function claim() returns()
func (ticketBook *TicketBook) TryPackClaim() ([]byte, error) {
	return ticketBook.abi.Pack("claim")
}

// PackClose is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x39c79e0c.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function close(bytes32 id) returns()
func (ticketBook *TicketBook) PackClose(id [32]byte) []byte {
	enc, err := ticketBook.abi.Pack("close", id)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackClose is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x39c79e0c.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function close(bytes32 id) returns()
func (ticketBook *TicketBook) TryPackClose(id [32]byte) ([]byte, error) {
	return ticketBook.abi.Pack("close", id)
}

// PackCommitment is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x5cb1a1e5.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function commitment(address buyer, bytes32 binding) pure returns(bytes26)
func (ticketBook *TicketBook) PackCommitment(buyer common.Address, binding [32]byte) []byte {
	enc, err := ticketBook.abi.Pack("commitment", buyer, binding)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackCommitment is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x5cb1a1e5.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function commitment(address buyer, bytes32 binding) pure returns(bytes26)
func (ticketBook *TicketBook) TryPackCommitment(buyer common.Address, binding [32]byte) ([]byte, error) {
	return ticketBook.abi.Pack("commitment", buyer, binding)
}

// UnpackCommitment is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x5cb1a1e5.
//
// Solidity: function commitment(address buyer, bytes32 binding) pure returns(bytes26)
func (ticketBook *TicketBook) UnpackCommitment(data []byte) ([26]byte, error) {
	out, err := ticketBook.abi.Unpack("commitment", data)
	if err != nil {
		return *new([26]byte), err
	}
	out0 := *abi.ConvertType(out[0], new([26]byte)).(*[26]byte)
	return out0, nil
}

// PackComputeRoot is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xe1060759.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function computeRoot(bytes32 leaf, uint256 index, uint256 leaves, bytes32[] proof) pure returns(bytes32 h)
func (ticketBook *TicketBook) PackComputeRoot(leaf [32]byte, index *big.Int, leaves *big.Int, proof [][32]byte) []byte {
	enc, err := ticketBook.abi.Pack("computeRoot", leaf, index, leaves, proof)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackComputeRoot is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xe1060759.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function computeRoot(bytes32 leaf, uint256 index, uint256 leaves, bytes32[] proof) pure returns(bytes32 h)
func (ticketBook *TicketBook) TryPackComputeRoot(leaf [32]byte, index *big.Int, leaves *big.Int, proof [][32]byte) ([]byte, error) {
	return ticketBook.abi.Pack("computeRoot", leaf, index, leaves, proof)
}

// UnpackComputeRoot is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xe1060759.
//
// Solidity: function computeRoot(bytes32 leaf, uint256 index, uint256 leaves, bytes32[] proof) pure returns(bytes32 h)
func (ticketBook *TicketBook) UnpackComputeRoot(data []byte) ([32]byte, error) {
	out, err := ticketBook.abi.Unpack("computeRoot", data)
	if err != nil {
		return *new([32]byte), err
	}
	out0 := *abi.ConvertType(out[0], new([32]byte)).(*[32]byte)
	return out0, nil
}

// PackCreditOf is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x75807250.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function creditOf(address account) view returns(uint256)
func (ticketBook *TicketBook) PackCreditOf(account common.Address) []byte {
	enc, err := ticketBook.abi.Pack("creditOf", account)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackCreditOf is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x75807250.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function creditOf(address account) view returns(uint256)
func (ticketBook *TicketBook) TryPackCreditOf(account common.Address) ([]byte, error) {
	return ticketBook.abi.Pack("creditOf", account)
}

// UnpackCreditOf is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x75807250.
//
// Solidity: function creditOf(address account) view returns(uint256)
func (ticketBook *TicketBook) UnpackCreditOf(data []byte) (*big.Int, error) {
	out, err := ticketBook.abi.Unpack("creditOf", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// PackEpoch is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x900cf0cf.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function epoch() view returns(uint32)
func (ticketBook *TicketBook) PackEpoch() []byte {
	enc, err := ticketBook.abi.Pack("epoch")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackEpoch is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x900cf0cf.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function epoch() view returns(uint32)
func (ticketBook *TicketBook) TryPackEpoch() ([]byte, error) {
	return ticketBook.abi.Pack("epoch")
}

// UnpackEpoch is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x900cf0cf.
//
// Solidity: function epoch() view returns(uint32)
func (ticketBook *TicketBook) UnpackEpoch(data []byte) (uint32, error) {
	out, err := ticketBook.abi.Unpack("epoch", data)
	if err != nil {
		return *new(uint32), err
	}
	out0 := *abi.ConvertType(out[0], new(uint32)).(*uint32)
	return out0, nil
}

// PackGetBook is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xad1a7d0c.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function getBook(bytes32 id) view returns((address,address,uint96,uint96,uint32,uint32,uint32,uint64,uint64,uint8,uint128,uint128,uint32,uint32) info)
func (ticketBook *TicketBook) PackGetBook(id [32]byte) []byte {
	enc, err := ticketBook.abi.Pack("getBook", id)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackGetBook is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xad1a7d0c.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function getBook(bytes32 id) view returns((address,address,uint96,uint96,uint32,uint32,uint32,uint64,uint64,uint8,uint128,uint128,uint32,uint32) info)
func (ticketBook *TicketBook) TryPackGetBook(id [32]byte) ([]byte, error) {
	return ticketBook.abi.Pack("getBook", id)
}

// UnpackGetBook is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xad1a7d0c.
//
// Solidity: function getBook(bytes32 id) view returns((address,address,uint96,uint96,uint32,uint32,uint32,uint64,uint64,uint8,uint128,uint128,uint32,uint32) info)
func (ticketBook *TicketBook) UnpackGetBook(data []byte) (TicketBookBookInfo, error) {
	out, err := ticketBook.abi.Unpack("getBook", data)
	if err != nil {
		return *new(TicketBookBookInfo), err
	}
	out0 := *abi.ConvertType(out[0], new(TicketBookBookInfo)).(*TicketBookBookInfo)
	return out0, nil
}

// PackGetTicket is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xafa14ba6.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function getTicket(bytes32 id, uint256 index) view returns((uint8,uint64,uint64,uint64,bytes26) info)
func (ticketBook *TicketBook) PackGetTicket(id [32]byte, index *big.Int) []byte {
	enc, err := ticketBook.abi.Pack("getTicket", id, index)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackGetTicket is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xafa14ba6.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function getTicket(bytes32 id, uint256 index) view returns((uint8,uint64,uint64,uint64,bytes26) info)
func (ticketBook *TicketBook) TryPackGetTicket(id [32]byte, index *big.Int) ([]byte, error) {
	return ticketBook.abi.Pack("getTicket", id, index)
}

// UnpackGetTicket is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xafa14ba6.
//
// Solidity: function getTicket(bytes32 id, uint256 index) view returns((uint8,uint64,uint64,uint64,bytes26) info)
func (ticketBook *TicketBook) UnpackGetTicket(data []byte) (TicketBookTicketInfo, error) {
	out, err := ticketBook.abi.Unpack("getTicket", data)
	if err != nil {
		return *new(TicketBookTicketInfo), err
	}
	out0 := *abi.ConvertType(out[0], new(TicketBookTicketInfo)).(*TicketBookTicketInfo)
	return out0, nil
}

// PackIsMatch is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xc79f3804.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function isMatch(bytes32 value, bytes32 seed) pure returns(bool)
func (ticketBook *TicketBook) PackIsMatch(value [32]byte, seed [32]byte) []byte {
	enc, err := ticketBook.abi.Pack("isMatch", value, seed)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackIsMatch is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xc79f3804.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function isMatch(bytes32 value, bytes32 seed) pure returns(bool)
func (ticketBook *TicketBook) TryPackIsMatch(value [32]byte, seed [32]byte) ([]byte, error) {
	return ticketBook.abi.Pack("isMatch", value, seed)
}

// UnpackIsMatch is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xc79f3804.
//
// Solidity: function isMatch(bytes32 value, bytes32 seed) pure returns(bool)
func (ticketBook *TicketBook) UnpackIsMatch(data []byte) (bool, error) {
	out, err := ticketBook.abi.Unpack("isMatch", data)
	if err != nil {
		return *new(bool), err
	}
	out0 := *abi.ConvertType(out[0], new(bool)).(*bool)
	return out0, nil
}

// PackLeafHash is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x2ba0842e.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function leafHash(bytes32 value) pure returns(bytes32 leaf)
func (ticketBook *TicketBook) PackLeafHash(value [32]byte) []byte {
	enc, err := ticketBook.abi.Pack("leafHash", value)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackLeafHash is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x2ba0842e.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function leafHash(bytes32 value) pure returns(bytes32 leaf)
func (ticketBook *TicketBook) TryPackLeafHash(value [32]byte) ([]byte, error) {
	return ticketBook.abi.Pack("leafHash", value)
}

// UnpackLeafHash is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x2ba0842e.
//
// Solidity: function leafHash(bytes32 value) pure returns(bytes32 leaf)
func (ticketBook *TicketBook) UnpackLeafHash(data []byte) ([32]byte, error) {
	out, err := ticketBook.abi.Unpack("leafHash", data)
	if err != nil {
		return *new([32]byte), err
	}
	out0 := *abi.ConvertType(out[0], new([32]byte)).(*[32]byte)
	return out0, nil
}

// PackNodeHash is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x65cff470.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function nodeHash(bytes32 left, bytes32 right) pure returns(bytes32 node)
func (ticketBook *TicketBook) PackNodeHash(left [32]byte, right [32]byte) []byte {
	enc, err := ticketBook.abi.Pack("nodeHash", left, right)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackNodeHash is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x65cff470.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function nodeHash(bytes32 left, bytes32 right) pure returns(bytes32 node)
func (ticketBook *TicketBook) TryPackNodeHash(left [32]byte, right [32]byte) ([]byte, error) {
	return ticketBook.abi.Pack("nodeHash", left, right)
}

// UnpackNodeHash is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x65cff470.
//
// Solidity: function nodeHash(bytes32 left, bytes32 right) pure returns(bytes32 node)
func (ticketBook *TicketBook) UnpackNodeHash(data []byte) ([32]byte, error) {
	out, err := ticketBook.abi.Unpack("nodeHash", data)
	if err != nil {
		return *new([32]byte), err
	}
	out0 := *abi.ConvertType(out[0], new([32]byte)).(*[32]byte)
	return out0, nil
}

// PackOpenBook is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xb65ae900.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function openBook(bytes32 root, uint32 leaves, uint96 stake, uint96 bounty, uint32 window, address agent) payable returns(bytes32 id)
func (ticketBook *TicketBook) PackOpenBook(root [32]byte, leaves uint32, stake *big.Int, bounty *big.Int, window uint32, agent common.Address) []byte {
	enc, err := ticketBook.abi.Pack("openBook", root, leaves, stake, bounty, window, agent)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackOpenBook is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xb65ae900.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function openBook(bytes32 root, uint32 leaves, uint96 stake, uint96 bounty, uint32 window, address agent) payable returns(bytes32 id)
func (ticketBook *TicketBook) TryPackOpenBook(root [32]byte, leaves uint32, stake *big.Int, bounty *big.Int, window uint32, agent common.Address) ([]byte, error) {
	return ticketBook.abi.Pack("openBook", root, leaves, stake, bounty, window, agent)
}

// UnpackOpenBook is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xb65ae900.
//
// Solidity: function openBook(bytes32 root, uint32 leaves, uint96 stake, uint96 bounty, uint32 window, address agent) payable returns(bytes32 id)
func (ticketBook *TicketBook) UnpackOpenBook(data []byte) ([32]byte, error) {
	out, err := ticketBook.abi.Unpack("openBook", data)
	if err != nil {
		return *new([32]byte), err
	}
	out0 := *abi.ConvertType(out[0], new([32]byte)).(*[32]byte)
	return out0, nil
}

// PackPayQueue is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x1d929cfb.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function payQueue(bytes32 id, uint256 max) returns(uint256 paid)
func (ticketBook *TicketBook) PackPayQueue(id [32]byte, max *big.Int) []byte {
	enc, err := ticketBook.abi.Pack("payQueue", id, max)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackPayQueue is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x1d929cfb.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function payQueue(bytes32 id, uint256 max) returns(uint256 paid)
func (ticketBook *TicketBook) TryPackPayQueue(id [32]byte, max *big.Int) ([]byte, error) {
	return ticketBook.abi.Pack("payQueue", id, max)
}

// UnpackPayQueue is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x1d929cfb.
//
// Solidity: function payQueue(bytes32 id, uint256 max) returns(uint256 paid)
func (ticketBook *TicketBook) UnpackPayQueue(data []byte) (*big.Int, error) {
	out, err := ticketBook.abi.Unpack("payQueue", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// PackQueuedPayout is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xe071820e.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function queuedPayout(bytes32 id, uint256 position) view returns((address,uint32,address))
func (ticketBook *TicketBook) PackQueuedPayout(id [32]byte, position *big.Int) []byte {
	enc, err := ticketBook.abi.Pack("queuedPayout", id, position)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackQueuedPayout is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xe071820e.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function queuedPayout(bytes32 id, uint256 position) view returns((address,uint32,address))
func (ticketBook *TicketBook) TryPackQueuedPayout(id [32]byte, position *big.Int) ([]byte, error) {
	return ticketBook.abi.Pack("queuedPayout", id, position)
}

// UnpackQueuedPayout is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xe071820e.
//
// Solidity: function queuedPayout(bytes32 id, uint256 position) view returns((address,uint32,address))
func (ticketBook *TicketBook) UnpackQueuedPayout(data []byte) (TicketBookQueuedPayout, error) {
	out, err := ticketBook.abi.Unpack("queuedPayout", data)
	if err != nil {
		return *new(TicketBookQueuedPayout), err
	}
	out0 := *abi.ConvertType(out[0], new(TicketBookQueuedPayout)).(*TicketBookQueuedPayout)
	return out0, nil
}

// PackRandomnessBlock is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x0a644a00.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function randomnessBlock(uint256 boughtBlock) view returns(uint256)
func (ticketBook *TicketBook) PackRandomnessBlock(boughtBlock *big.Int) []byte {
	enc, err := ticketBook.abi.Pack("randomnessBlock", boughtBlock)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackRandomnessBlock is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x0a644a00.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function randomnessBlock(uint256 boughtBlock) view returns(uint256)
func (ticketBook *TicketBook) TryPackRandomnessBlock(boughtBlock *big.Int) ([]byte, error) {
	return ticketBook.abi.Pack("randomnessBlock", boughtBlock)
}

// UnpackRandomnessBlock is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x0a644a00.
//
// Solidity: function randomnessBlock(uint256 boughtBlock) view returns(uint256)
func (ticketBook *TicketBook) UnpackRandomnessBlock(data []byte) (*big.Int, error) {
	out, err := ticketBook.abi.Unpack("randomnessBlock", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// PackRandomnessDelay is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x2db9006b.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function randomnessDelay() view returns(uint32)
func (ticketBook *TicketBook) PackRandomnessDelay() []byte {
	enc, err := ticketBook.abi.Pack("randomnessDelay")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackRandomnessDelay is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x2db9006b.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function randomnessDelay() view returns(uint32)
func (ticketBook *TicketBook) TryPackRandomnessDelay() ([]byte, error) {
	return ticketBook.abi.Pack("randomnessDelay")
}

// UnpackRandomnessDelay is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x2db9006b.
//
// Solidity: function randomnessDelay() view returns(uint32)
func (ticketBook *TicketBook) UnpackRandomnessDelay(data []byte) (uint32, error) {
	out, err := ticketBook.abi.Unpack("randomnessDelay", data)
	if err != nil {
		return *new(uint32), err
	}
	out0 := *abi.ConvertType(out[0], new(uint32)).(*uint32)
	return out0, nil
}

// PackRecordSeed is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x9dbe11ff.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function recordSeed(uint256 blockNumber) returns(bytes32 seed)
func (ticketBook *TicketBook) PackRecordSeed(blockNumber *big.Int) []byte {
	enc, err := ticketBook.abi.Pack("recordSeed", blockNumber)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackRecordSeed is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x9dbe11ff.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function recordSeed(uint256 blockNumber) returns(bytes32 seed)
func (ticketBook *TicketBook) TryPackRecordSeed(blockNumber *big.Int) ([]byte, error) {
	return ticketBook.abi.Pack("recordSeed", blockNumber)
}

// UnpackRecordSeed is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x9dbe11ff.
//
// Solidity: function recordSeed(uint256 blockNumber) returns(bytes32 seed)
func (ticketBook *TicketBook) UnpackRecordSeed(data []byte) ([32]byte, error) {
	out, err := ticketBook.abi.Unpack("recordSeed", data)
	if err != nil {
		return *new([32]byte), err
	}
	out0 := *abi.ConvertType(out[0], new([32]byte)).(*[32]byte)
	return out0, nil
}

// PackRecordSeeds is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x40295b9d.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function recordSeeds(uint256[] blockNumbers) returns()
func (ticketBook *TicketBook) PackRecordSeeds(blockNumbers []*big.Int) []byte {
	enc, err := ticketBook.abi.Pack("recordSeeds", blockNumbers)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackRecordSeeds is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x40295b9d.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function recordSeeds(uint256[] blockNumbers) returns()
func (ticketBook *TicketBook) TryPackRecordSeeds(blockNumbers []*big.Int) ([]byte, error) {
	return ticketBook.abi.Pack("recordSeeds", blockNumbers)
}

// PackRetire is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x1f2b6f23.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function retire(bytes32 id) returns()
func (ticketBook *TicketBook) PackRetire(id [32]byte) []byte {
	enc, err := ticketBook.abi.Pack("retire", id)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackRetire is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x1f2b6f23.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function retire(bytes32 id) returns()
func (ticketBook *TicketBook) TryPackRetire(id [32]byte) ([]byte, error) {
	return ticketBook.abi.Pack("retire", id)
}

// PackReveal is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x68428b22.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function reveal((bytes32,uint32,bytes32,bytes32[],address,bytes32,bytes) r) returns()
func (ticketBook *TicketBook) PackReveal(r TicketBookRevealRequest) []byte {
	enc, err := ticketBook.abi.Pack("reveal", r)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackReveal is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x68428b22.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function reveal((bytes32,uint32,bytes32,bytes32[],address,bytes32,bytes) r) returns()
func (ticketBook *TicketBook) TryPackReveal(r TicketBookRevealRequest) ([]byte, error) {
	return ticketBook.abi.Pack("reveal", r)
}

// PackRevealBatch is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x347a0fe4.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function revealBatch((bytes32,uint32,bytes32,bytes32[],address,bytes32,bytes)[] rs) returns()
func (ticketBook *TicketBook) PackRevealBatch(rs []TicketBookRevealRequest) []byte {
	enc, err := ticketBook.abi.Pack("revealBatch", rs)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackRevealBatch is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x347a0fe4.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function revealBatch((bytes32,uint32,bytes32,bytes32[],address,bytes32,bytes)[] rs) returns()
func (ticketBook *TicketBook) TryPackRevealBatch(rs []TicketBookRevealRequest) ([]byte, error) {
	return ticketBook.abi.Pack("revealBatch", rs)
}

// PackRevealDigest is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x67a2d377.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function revealDigest(bytes32 id, uint256 index, address submitter) view returns(bytes32)
func (ticketBook *TicketBook) PackRevealDigest(id [32]byte, index *big.Int, submitter common.Address) []byte {
	enc, err := ticketBook.abi.Pack("revealDigest", id, index, submitter)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackRevealDigest is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x67a2d377.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function revealDigest(bytes32 id, uint256 index, address submitter) view returns(bytes32)
func (ticketBook *TicketBook) TryPackRevealDigest(id [32]byte, index *big.Int, submitter common.Address) ([]byte, error) {
	return ticketBook.abi.Pack("revealDigest", id, index, submitter)
}

// UnpackRevealDigest is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x67a2d377.
//
// Solidity: function revealDigest(bytes32 id, uint256 index, address submitter) view returns(bytes32)
func (ticketBook *TicketBook) UnpackRevealDigest(data []byte) ([32]byte, error) {
	out, err := ticketBook.abi.Unpack("revealDigest", data)
	if err != nil {
		return *new([32]byte), err
	}
	out0 := *abi.ConvertType(out[0], new([32]byte)).(*[32]byte)
	return out0, nil
}

// PackSeedOf is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x82829f74.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function seedOf(uint256 blockNumber) view returns(bytes32 seed, bool recorded)
func (ticketBook *TicketBook) PackSeedOf(blockNumber *big.Int) []byte {
	enc, err := ticketBook.abi.Pack("seedOf", blockNumber)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackSeedOf is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x82829f74.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function seedOf(uint256 blockNumber) view returns(bytes32 seed, bool recorded)
func (ticketBook *TicketBook) TryPackSeedOf(blockNumber *big.Int) ([]byte, error) {
	return ticketBook.abi.Pack("seedOf", blockNumber)
}

// SeedOfOutput serves as a container for the return parameters of contract
// method SeedOf.
type SeedOfOutput struct {
	Seed     [32]byte
	Recorded bool
}

// UnpackSeedOf is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x82829f74.
//
// Solidity: function seedOf(uint256 blockNumber) view returns(bytes32 seed, bool recorded)
func (ticketBook *TicketBook) UnpackSeedOf(data []byte) (SeedOfOutput, error) {
	out, err := ticketBook.abi.Unpack("seedOf", data)
	outstruct := new(SeedOfOutput)
	if err != nil {
		return *outstruct, err
	}
	outstruct.Seed = *abi.ConvertType(out[0], new([32]byte)).(*[32]byte)
	outstruct.Recorded = *abi.ConvertType(out[1], new(bool)).(*bool)
	return *outstruct, nil
}

// PackTopUp is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xcfa54f39.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function topUp(bytes32 id) payable returns()
func (ticketBook *TicketBook) PackTopUp(id [32]byte) []byte {
	enc, err := ticketBook.abi.Pack("topUp", id)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackTopUp is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xcfa54f39.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function topUp(bytes32 id) payable returns()
func (ticketBook *TicketBook) TryPackTopUp(id [32]byte) ([]byte, error) {
	return ticketBook.abi.Pack("topUp", id)
}

// TicketBookBookClosed represents a BookClosed event raised by the TicketBook contract.
type TicketBookBookClosed struct {
	Id       [32]byte
	Returned *big.Int
	Locked   *big.Int
	Raw      *types.Log // Blockchain specific contextual infos
}

const TicketBookBookClosedEventName = "BookClosed"

// ContractEventName returns the user-defined event name.
func (TicketBookBookClosed) ContractEventName() string {
	return TicketBookBookClosedEventName
}

// UnpackBookClosedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event BookClosed(bytes32 indexed id, uint256 returned, uint256 locked)
func (ticketBook *TicketBook) UnpackBookClosedEvent(log *types.Log) (*TicketBookBookClosed, error) {
	event := "BookClosed"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != ticketBook.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(TicketBookBookClosed)
	if len(log.Data) > 0 {
		if err := ticketBook.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range ticketBook.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// TicketBookBookOpened represents a BookOpened event raised by the TicketBook contract.
type TicketBookBookOpened struct {
	Id      [32]byte
	Owner   common.Address
	Root    [32]byte
	Leaves  uint32
	Stake   *big.Int
	Bounty  *big.Int
	Window  uint32
	Agent   common.Address
	Reserve *big.Int
	Raw     *types.Log // Blockchain specific contextual infos
}

const TicketBookBookOpenedEventName = "BookOpened"

// ContractEventName returns the user-defined event name.
func (TicketBookBookOpened) ContractEventName() string {
	return TicketBookBookOpenedEventName
}

// UnpackBookOpenedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event BookOpened(bytes32 indexed id, address indexed owner, bytes32 root, uint32 leaves, uint96 stake, uint96 bounty, uint32 window, address agent, uint256 reserve)
func (ticketBook *TicketBook) UnpackBookOpenedEvent(log *types.Log) (*TicketBookBookOpened, error) {
	event := "BookOpened"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != ticketBook.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(TicketBookBookOpened)
	if len(log.Data) > 0 {
		if err := ticketBook.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range ticketBook.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// TicketBookBookRetired represents a BookRetired event raised by the TicketBook contract.
type TicketBookBookRetired struct {
	Id  [32]byte
	Raw *types.Log // Blockchain specific contextual infos
}

const TicketBookBookRetiredEventName = "BookRetired"

// ContractEventName returns the user-defined event name.
func (TicketBookBookRetired) ContractEventName() string {
	return TicketBookBookRetiredEventName
}

// UnpackBookRetiredEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event BookRetired(bytes32 indexed id)
func (ticketBook *TicketBook) UnpackBookRetiredEvent(log *types.Log) (*TicketBookBookRetired, error) {
	event := "BookRetired"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != ticketBook.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(TicketBookBookRetired)
	if len(log.Data) > 0 {
		if err := ticketBook.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range ticketBook.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// TicketBookClaimed represents a Claimed event raised by the TicketBook contract.
type TicketBookClaimed struct {
	Account common.Address
	Amount  *big.Int
	Raw     *types.Log // Blockchain specific contextual infos
}

const TicketBookClaimedEventName = "Claimed"

// ContractEventName returns the user-defined event name.
func (TicketBookClaimed) ContractEventName() string {
	return TicketBookClaimedEventName
}

// UnpackClaimedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event Claimed(address indexed account, uint256 amount)
func (ticketBook *TicketBook) UnpackClaimedEvent(log *types.Log) (*TicketBookClaimed, error) {
	event := "Claimed"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != ticketBook.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(TicketBookClaimed)
	if len(log.Data) > 0 {
		if err := ticketBook.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range ticketBook.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// TicketBookPayoutReleased represents a PayoutReleased event raised by the TicketBook contract.
type TicketBookPayoutReleased struct {
	Id    [32]byte
	Index uint32
	Buyer common.Address
	Raw   *types.Log // Blockchain specific contextual infos
}

const TicketBookPayoutReleasedEventName = "PayoutReleased"

// ContractEventName returns the user-defined event name.
func (TicketBookPayoutReleased) ContractEventName() string {
	return TicketBookPayoutReleasedEventName
}

// UnpackPayoutReleasedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event PayoutReleased(bytes32 indexed id, uint32 index, address buyer)
func (ticketBook *TicketBook) UnpackPayoutReleasedEvent(log *types.Log) (*TicketBookPayoutReleased, error) {
	event := "PayoutReleased"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != ticketBook.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(TicketBookPayoutReleased)
	if len(log.Data) > 0 {
		if err := ticketBook.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range ticketBook.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// TicketBookRevealed represents a Revealed event raised by the TicketBook contract.
type TicketBookRevealed struct {
	Id       [32]byte
	Index    uint32
	Value    [32]byte
	Buyer    common.Address
	Revealer common.Address
	Queued   bool
	Raw      *types.Log // Blockchain specific contextual infos
}

const TicketBookRevealedEventName = "Revealed"

// ContractEventName returns the user-defined event name.
func (TicketBookRevealed) ContractEventName() string {
	return TicketBookRevealedEventName
}

// UnpackRevealedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event Revealed(bytes32 indexed id, uint32 index, bytes32 value, address buyer, address revealer, bool queued)
func (ticketBook *TicketBook) UnpackRevealedEvent(log *types.Log) (*TicketBookRevealed, error) {
	event := "Revealed"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != ticketBook.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(TicketBookRevealed)
	if len(log.Data) > 0 {
		if err := ticketBook.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range ticketBook.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// TicketBookSeedRecorded represents a SeedRecorded event raised by the TicketBook contract.
type TicketBookSeedRecorded struct {
	BlockNumber *big.Int
	Seed        [32]byte
	Raw         *types.Log // Blockchain specific contextual infos
}

const TicketBookSeedRecordedEventName = "SeedRecorded"

// ContractEventName returns the user-defined event name.
func (TicketBookSeedRecorded) ContractEventName() string {
	return TicketBookSeedRecordedEventName
}

// UnpackSeedRecordedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event SeedRecorded(uint256 indexed blockNumber, bytes32 seed)
func (ticketBook *TicketBook) UnpackSeedRecordedEvent(log *types.Log) (*TicketBookSeedRecorded, error) {
	event := "SeedRecorded"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != ticketBook.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(TicketBookSeedRecorded)
	if len(log.Data) > 0 {
		if err := ticketBook.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range ticketBook.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// TicketBookTicketsBought represents a TicketsBought event raised by the TicketBook contract.
type TicketBookTicketsBought struct {
	Id              [32]byte
	Buyer           common.Address
	First           uint32
	Count           uint32
	RandomnessBlock uint64
	Raw             *types.Log // Blockchain specific contextual infos
}

const TicketBookTicketsBoughtEventName = "TicketsBought"

// ContractEventName returns the user-defined event name.
func (TicketBookTicketsBought) ContractEventName() string {
	return TicketBookTicketsBoughtEventName
}

// UnpackTicketsBoughtEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event TicketsBought(bytes32 indexed id, address indexed buyer, uint32 first, uint32 count, uint64 randomnessBlock)
func (ticketBook *TicketBook) UnpackTicketsBoughtEvent(log *types.Log) (*TicketBookTicketsBought, error) {
	event := "TicketsBought"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != ticketBook.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(TicketBookTicketsBought)
	if len(log.Data) > 0 {
		if err := ticketBook.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range ticketBook.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// TicketBookToppedUp represents a ToppedUp event raised by the TicketBook contract.
type TicketBookToppedUp struct {
	Id     [32]byte
	From   common.Address
	Amount *big.Int
	Raw    *types.Log // Blockchain specific contextual infos
}

const TicketBookToppedUpEventName = "ToppedUp"

// ContractEventName returns the user-defined event name.
func (TicketBookToppedUp) ContractEventName() string {
	return TicketBookToppedUpEventName
}

// UnpackToppedUpEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event ToppedUp(bytes32 indexed id, address from, uint256 amount)
func (ticketBook *TicketBook) UnpackToppedUpEvent(log *types.Log) (*TicketBookToppedUp, error) {
	event := "ToppedUp"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != ticketBook.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(TicketBookToppedUp)
	if len(log.Data) > 0 {
		if err := ticketBook.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range ticketBook.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// UnpackError attempts to decode the provided error data using user-defined
// error definitions.
func (ticketBook *TicketBook) UnpackError(raw []byte) (any, error) {
	if bytes.Equal(raw[:4], ticketBook.abi.Errors["BookExists"].ID.Bytes()[:4]) {
		return ticketBook.UnpackBookExistsError(raw[4:])
	}
	if bytes.Equal(raw[:4], ticketBook.abi.Errors["BookIsClosed"].ID.Bytes()[:4]) {
		return ticketBook.UnpackBookIsClosedError(raw[4:])
	}
	if bytes.Equal(raw[:4], ticketBook.abi.Errors["BookNotOpen"].ID.Bytes()[:4]) {
		return ticketBook.UnpackBookNotOpenError(raw[4:])
	}
	if bytes.Equal(raw[:4], ticketBook.abi.Errors["BookNotRetired"].ID.Bytes()[:4]) {
		return ticketBook.UnpackBookNotRetiredError(raw[4:])
	}
	if bytes.Equal(raw[:4], ticketBook.abi.Errors["BookSoldOut"].ID.Bytes()[:4]) {
		return ticketBook.UnpackBookSoldOutError(raw[4:])
	}
	if bytes.Equal(raw[:4], ticketBook.abi.Errors["BookStillRevealing"].ID.Bytes()[:4]) {
		return ticketBook.UnpackBookStillRevealingError(raw[4:])
	}
	if bytes.Equal(raw[:4], ticketBook.abi.Errors["BountyTooLarge"].ID.Bytes()[:4]) {
		return ticketBook.UnpackBountyTooLargeError(raw[4:])
	}
	if bytes.Equal(raw[:4], ticketBook.abi.Errors["EmptyBatch"].ID.Bytes()[:4]) {
		return ticketBook.UnpackEmptyBatchError(raw[4:])
	}
	if bytes.Equal(raw[:4], ticketBook.abi.Errors["IndexOutOfRange"].ID.Bytes()[:4]) {
		return ticketBook.UnpackIndexOutOfRangeError(raw[4:])
	}
	if bytes.Equal(raw[:4], ticketBook.abi.Errors["InvalidLeafCount"].ID.Bytes()[:4]) {
		return ticketBook.UnpackInvalidLeafCountError(raw[4:])
	}
	if bytes.Equal(raw[:4], ticketBook.abi.Errors["InvalidParameter"].ID.Bytes()[:4]) {
		return ticketBook.UnpackInvalidParameterError(raw[4:])
	}
	if bytes.Equal(raw[:4], ticketBook.abi.Errors["InvalidProof"].ID.Bytes()[:4]) {
		return ticketBook.UnpackInvalidProofError(raw[4:])
	}
	if bytes.Equal(raw[:4], ticketBook.abi.Errors["NotAuthorized"].ID.Bytes()[:4]) {
		return ticketBook.UnpackNotAuthorizedError(raw[4:])
	}
	if bytes.Equal(raw[:4], ticketBook.abi.Errors["NotOwner"].ID.Bytes()[:4]) {
		return ticketBook.UnpackNotOwnerError(raw[4:])
	}
	if bytes.Equal(raw[:4], ticketBook.abi.Errors["NothingToClaim"].ID.Bytes()[:4]) {
		return ticketBook.UnpackNothingToClaimError(raw[4:])
	}
	if bytes.Equal(raw[:4], ticketBook.abi.Errors["ParityMismatch"].ID.Bytes()[:4]) {
		return ticketBook.UnpackParityMismatchError(raw[4:])
	}
	if bytes.Equal(raw[:4], ticketBook.abi.Errors["ProofLengthMismatch"].ID.Bytes()[:4]) {
		return ticketBook.UnpackProofLengthMismatchError(raw[4:])
	}
	if bytes.Equal(raw[:4], ticketBook.abi.Errors["QueueNotEmpty"].ID.Bytes()[:4]) {
		return ticketBook.UnpackQueueNotEmptyError(raw[4:])
	}
	if bytes.Equal(raw[:4], ticketBook.abi.Errors["RevealWindowClosed"].ID.Bytes()[:4]) {
		return ticketBook.UnpackRevealWindowClosedError(raw[4:])
	}
	if bytes.Equal(raw[:4], ticketBook.abi.Errors["SeedUnavailable"].ID.Bytes()[:4]) {
		return ticketBook.UnpackSeedUnavailableError(raw[4:])
	}
	if bytes.Equal(raw[:4], ticketBook.abi.Errors["TicketAlreadyRevealed"].ID.Bytes()[:4]) {
		return ticketBook.UnpackTicketAlreadyRevealedError(raw[4:])
	}
	if bytes.Equal(raw[:4], ticketBook.abi.Errors["TicketNotSold"].ID.Bytes()[:4]) {
		return ticketBook.UnpackTicketNotSoldError(raw[4:])
	}
	if bytes.Equal(raw[:4], ticketBook.abi.Errors["TooEarly"].ID.Bytes()[:4]) {
		return ticketBook.UnpackTooEarlyError(raw[4:])
	}
	if bytes.Equal(raw[:4], ticketBook.abi.Errors["TransferFailed"].ID.Bytes()[:4]) {
		return ticketBook.UnpackTransferFailedError(raw[4:])
	}
	if bytes.Equal(raw[:4], ticketBook.abi.Errors["UnknownBook"].ID.Bytes()[:4]) {
		return ticketBook.UnpackUnknownBookError(raw[4:])
	}
	if bytes.Equal(raw[:4], ticketBook.abi.Errors["ValueTooLarge"].ID.Bytes()[:4]) {
		return ticketBook.UnpackValueTooLargeError(raw[4:])
	}
	if bytes.Equal(raw[:4], ticketBook.abi.Errors["WrongCommitment"].ID.Bytes()[:4]) {
		return ticketBook.UnpackWrongCommitmentError(raw[4:])
	}
	if bytes.Equal(raw[:4], ticketBook.abi.Errors["WrongPayment"].ID.Bytes()[:4]) {
		return ticketBook.UnpackWrongPaymentError(raw[4:])
	}
	if bytes.Equal(raw[:4], ticketBook.abi.Errors["ZeroAgent"].ID.Bytes()[:4]) {
		return ticketBook.UnpackZeroAgentError(raw[4:])
	}
	if bytes.Equal(raw[:4], ticketBook.abi.Errors["ZeroBinding"].ID.Bytes()[:4]) {
		return ticketBook.UnpackZeroBindingError(raw[4:])
	}
	if bytes.Equal(raw[:4], ticketBook.abi.Errors["ZeroStake"].ID.Bytes()[:4]) {
		return ticketBook.UnpackZeroStakeError(raw[4:])
	}
	if bytes.Equal(raw[:4], ticketBook.abi.Errors["ZeroValue"].ID.Bytes()[:4]) {
		return ticketBook.UnpackZeroValueError(raw[4:])
	}
	if bytes.Equal(raw[:4], ticketBook.abi.Errors["ZeroWindow"].ID.Bytes()[:4]) {
		return ticketBook.UnpackZeroWindowError(raw[4:])
	}
	return nil, errors.New("Unknown error")
}

// TicketBookBookExists represents a BookExists error raised by the TicketBook contract.
type TicketBookBookExists struct {
	Id [32]byte
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error BookExists(bytes32 id)
func TicketBookBookExistsErrorID() common.Hash {
	return common.HexToHash("0xf05e36596f06fa12579c3150f5231e2a5c80fc76c66363b8e46e5b2c7623e332")
}

// UnpackBookExistsError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error BookExists(bytes32 id)
func (ticketBook *TicketBook) UnpackBookExistsError(raw []byte) (*TicketBookBookExists, error) {
	out := new(TicketBookBookExists)
	if err := ticketBook.abi.UnpackIntoInterface(out, "BookExists", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// TicketBookBookIsClosed represents a BookIsClosed error raised by the TicketBook contract.
type TicketBookBookIsClosed struct {
	Id [32]byte
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error BookIsClosed(bytes32 id)
func TicketBookBookIsClosedErrorID() common.Hash {
	return common.HexToHash("0x56f83e95c82f380771e485340e385e4751fa3bf1496c9ccddf37a4fb8ea7509e")
}

// UnpackBookIsClosedError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error BookIsClosed(bytes32 id)
func (ticketBook *TicketBook) UnpackBookIsClosedError(raw []byte) (*TicketBookBookIsClosed, error) {
	out := new(TicketBookBookIsClosed)
	if err := ticketBook.abi.UnpackIntoInterface(out, "BookIsClosed", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// TicketBookBookNotOpen represents a BookNotOpen error raised by the TicketBook contract.
type TicketBookBookNotOpen struct {
	Id     [32]byte
	Status uint8
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error BookNotOpen(bytes32 id, uint8 status)
func TicketBookBookNotOpenErrorID() common.Hash {
	return common.HexToHash("0x085b31006b3f931611aaf9860b8f04b9d7a1549055cc370a1722cf169808a7ac")
}

// UnpackBookNotOpenError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error BookNotOpen(bytes32 id, uint8 status)
func (ticketBook *TicketBook) UnpackBookNotOpenError(raw []byte) (*TicketBookBookNotOpen, error) {
	out := new(TicketBookBookNotOpen)
	if err := ticketBook.abi.UnpackIntoInterface(out, "BookNotOpen", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// TicketBookBookNotRetired represents a BookNotRetired error raised by the TicketBook contract.
type TicketBookBookNotRetired struct {
	Id     [32]byte
	Status uint8
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error BookNotRetired(bytes32 id, uint8 status)
func TicketBookBookNotRetiredErrorID() common.Hash {
	return common.HexToHash("0x7c5b364cb225bdb2f0853adb190053750a9220776afb3f06738a1e0f0abe7488")
}

// UnpackBookNotRetiredError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error BookNotRetired(bytes32 id, uint8 status)
func (ticketBook *TicketBook) UnpackBookNotRetiredError(raw []byte) (*TicketBookBookNotRetired, error) {
	out := new(TicketBookBookNotRetired)
	if err := ticketBook.abi.UnpackIntoInterface(out, "BookNotRetired", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// TicketBookBookSoldOut represents a BookSoldOut error raised by the TicketBook contract.
type TicketBookBookSoldOut struct {
	Id     [32]byte
	Sold   *big.Int
	Leaves *big.Int
	Wanted *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error BookSoldOut(bytes32 id, uint256 sold, uint256 leaves, uint256 wanted)
func TicketBookBookSoldOutErrorID() common.Hash {
	return common.HexToHash("0xad2647bb75a3ee5c5b607a67cbd5f4c5e222b9d657afaef46f70ecff5ef975ee")
}

// UnpackBookSoldOutError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error BookSoldOut(bytes32 id, uint256 sold, uint256 leaves, uint256 wanted)
func (ticketBook *TicketBook) UnpackBookSoldOutError(raw []byte) (*TicketBookBookSoldOut, error) {
	out := new(TicketBookBookSoldOut)
	if err := ticketBook.abi.UnpackIntoInterface(out, "BookSoldOut", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// TicketBookBookStillRevealing represents a BookStillRevealing error raised by the TicketBook contract.
type TicketBookBookStillRevealing struct {
	Id       [32]byte
	Deadline *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error BookStillRevealing(bytes32 id, uint256 deadline)
func TicketBookBookStillRevealingErrorID() common.Hash {
	return common.HexToHash("0x06ac0d353defd6f8bb7328d25969ee2a617c15259c9e58b88be36d3272fb027c")
}

// UnpackBookStillRevealingError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error BookStillRevealing(bytes32 id, uint256 deadline)
func (ticketBook *TicketBook) UnpackBookStillRevealingError(raw []byte) (*TicketBookBookStillRevealing, error) {
	out := new(TicketBookBookStillRevealing)
	if err := ticketBook.abi.UnpackIntoInterface(out, "BookStillRevealing", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// TicketBookBountyTooLarge represents a BountyTooLarge error raised by the TicketBook contract.
type TicketBookBountyTooLarge struct {
	Bounty    *big.Int
	MaxBounty *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error BountyTooLarge(uint256 bounty, uint256 maxBounty)
func TicketBookBountyTooLargeErrorID() common.Hash {
	return common.HexToHash("0x1f27fa5a29e4bf1d18f3b77dec127ec64d082ee172bf7e763fe3fc2e4afd3e8b")
}

// UnpackBountyTooLargeError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error BountyTooLarge(uint256 bounty, uint256 maxBounty)
func (ticketBook *TicketBook) UnpackBountyTooLargeError(raw []byte) (*TicketBookBountyTooLarge, error) {
	out := new(TicketBookBountyTooLarge)
	if err := ticketBook.abi.UnpackIntoInterface(out, "BountyTooLarge", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// TicketBookEmptyBatch represents a EmptyBatch error raised by the TicketBook contract.
type TicketBookEmptyBatch struct {
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error EmptyBatch()
func TicketBookEmptyBatchErrorID() common.Hash {
	return common.HexToHash("0xc2e5347df6cf8d1bf68f8a9651642312bd381b900d857d97cd665976180d6ae0")
}

// UnpackEmptyBatchError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error EmptyBatch()
func (ticketBook *TicketBook) UnpackEmptyBatchError(raw []byte) (*TicketBookEmptyBatch, error) {
	out := new(TicketBookEmptyBatch)
	if err := ticketBook.abi.UnpackIntoInterface(out, "EmptyBatch", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// TicketBookIndexOutOfRange represents a IndexOutOfRange error raised by the TicketBook contract.
type TicketBookIndexOutOfRange struct {
	Index  *big.Int
	Leaves *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error IndexOutOfRange(uint256 index, uint256 leaves)
func TicketBookIndexOutOfRangeErrorID() common.Hash {
	return common.HexToHash("0x94666f0d776338bf3dc0d578dde468fba3b7901915ee98978704643d741cc12d")
}

// UnpackIndexOutOfRangeError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error IndexOutOfRange(uint256 index, uint256 leaves)
func (ticketBook *TicketBook) UnpackIndexOutOfRangeError(raw []byte) (*TicketBookIndexOutOfRange, error) {
	out := new(TicketBookIndexOutOfRange)
	if err := ticketBook.abi.UnpackIntoInterface(out, "IndexOutOfRange", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// TicketBookInvalidLeafCount represents a InvalidLeafCount error raised by the TicketBook contract.
type TicketBookInvalidLeafCount struct {
	Leaves    *big.Int
	MaxLeaves *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error InvalidLeafCount(uint256 leaves, uint256 maxLeaves)
func TicketBookInvalidLeafCountErrorID() common.Hash {
	return common.HexToHash("0x93432c2445e57b77f816f02733ef7b1811be9fce6a14679d48436c906f8c0aff")
}

// UnpackInvalidLeafCountError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error InvalidLeafCount(uint256 leaves, uint256 maxLeaves)
func (ticketBook *TicketBook) UnpackInvalidLeafCountError(raw []byte) (*TicketBookInvalidLeafCount, error) {
	out := new(TicketBookInvalidLeafCount)
	if err := ticketBook.abi.UnpackIntoInterface(out, "InvalidLeafCount", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// TicketBookInvalidParameter represents a InvalidParameter error raised by the TicketBook contract.
type TicketBookInvalidParameter struct {
	Name  string
	Value *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error InvalidParameter(string name, uint256 value)
func TicketBookInvalidParameterErrorID() common.Hash {
	return common.HexToHash("0x276353573535966ce7e43bdb4ff244a585f528d7adbf177fccfdcccc109f9d33")
}

// UnpackInvalidParameterError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error InvalidParameter(string name, uint256 value)
func (ticketBook *TicketBook) UnpackInvalidParameterError(raw []byte) (*TicketBookInvalidParameter, error) {
	out := new(TicketBookInvalidParameter)
	if err := ticketBook.abi.UnpackIntoInterface(out, "InvalidParameter", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// TicketBookInvalidProof represents a InvalidProof error raised by the TicketBook contract.
type TicketBookInvalidProof struct {
	Id    [32]byte
	Index *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error InvalidProof(bytes32 id, uint256 index)
func TicketBookInvalidProofErrorID() common.Hash {
	return common.HexToHash("0x613caff5598fa843cc9667ebf16e9a133c7ee5d55f9c4948eabf29d0d36cd248")
}

// UnpackInvalidProofError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error InvalidProof(bytes32 id, uint256 index)
func (ticketBook *TicketBook) UnpackInvalidProofError(raw []byte) (*TicketBookInvalidProof, error) {
	out := new(TicketBookInvalidProof)
	if err := ticketBook.abi.UnpackIntoInterface(out, "InvalidProof", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// TicketBookNotAuthorized represents a NotAuthorized error raised by the TicketBook contract.
type TicketBookNotAuthorized struct {
	Id        [32]byte
	Index     *big.Int
	Submitter common.Address
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error NotAuthorized(bytes32 id, uint256 index, address submitter)
func TicketBookNotAuthorizedErrorID() common.Hash {
	return common.HexToHash("0x65af459b181ec0fa4ff5556033051958f27450f7721417b57501fa78b81cf036")
}

// UnpackNotAuthorizedError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error NotAuthorized(bytes32 id, uint256 index, address submitter)
func (ticketBook *TicketBook) UnpackNotAuthorizedError(raw []byte) (*TicketBookNotAuthorized, error) {
	out := new(TicketBookNotAuthorized)
	if err := ticketBook.abi.UnpackIntoInterface(out, "NotAuthorized", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// TicketBookNotOwner represents a NotOwner error raised by the TicketBook contract.
type TicketBookNotOwner struct {
	Id     [32]byte
	Caller common.Address
	Owner  common.Address
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error NotOwner(bytes32 id, address caller, address owner)
func TicketBookNotOwnerErrorID() common.Hash {
	return common.HexToHash("0xa3221ef2c10fd31b857d5da73c2f22f331075c0b93252074ff077d5eb4475e2f")
}

// UnpackNotOwnerError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error NotOwner(bytes32 id, address caller, address owner)
func (ticketBook *TicketBook) UnpackNotOwnerError(raw []byte) (*TicketBookNotOwner, error) {
	out := new(TicketBookNotOwner)
	if err := ticketBook.abi.UnpackIntoInterface(out, "NotOwner", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// TicketBookNothingToClaim represents a NothingToClaim error raised by the TicketBook contract.
type TicketBookNothingToClaim struct {
	Account common.Address
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error NothingToClaim(address account)
func TicketBookNothingToClaimErrorID() common.Hash {
	return common.HexToHash("0x64ab34663471cdf42e0c6b384f4d5a5ab07a23c81e7ddc69a6fbb3a660346f9a")
}

// UnpackNothingToClaimError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error NothingToClaim(address account)
func (ticketBook *TicketBook) UnpackNothingToClaimError(raw []byte) (*TicketBookNothingToClaim, error) {
	out := new(TicketBookNothingToClaim)
	if err := ticketBook.abi.UnpackIntoInterface(out, "NothingToClaim", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// TicketBookParityMismatch represents a ParityMismatch error raised by the TicketBook contract.
type TicketBookParityMismatch struct {
	Id    [32]byte
	Index *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error ParityMismatch(bytes32 id, uint256 index)
func TicketBookParityMismatchErrorID() common.Hash {
	return common.HexToHash("0x37ce55700259d731d6821ec7fcb7800fd072ea20b0b81dde18f0a1af35424d68")
}

// UnpackParityMismatchError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error ParityMismatch(bytes32 id, uint256 index)
func (ticketBook *TicketBook) UnpackParityMismatchError(raw []byte) (*TicketBookParityMismatch, error) {
	out := new(TicketBookParityMismatch)
	if err := ticketBook.abi.UnpackIntoInterface(out, "ParityMismatch", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// TicketBookProofLengthMismatch represents a ProofLengthMismatch error raised by the TicketBook contract.
type TicketBookProofLengthMismatch struct {
	Index       *big.Int
	Leaves      *big.Int
	ProofLength *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error ProofLengthMismatch(uint256 index, uint256 leaves, uint256 proofLength)
func TicketBookProofLengthMismatchErrorID() common.Hash {
	return common.HexToHash("0x577a6722f42d7e0dc915527fd1278d0dc1ed1b6b25e7fc654201fc77d75fcc89")
}

// UnpackProofLengthMismatchError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error ProofLengthMismatch(uint256 index, uint256 leaves, uint256 proofLength)
func (ticketBook *TicketBook) UnpackProofLengthMismatchError(raw []byte) (*TicketBookProofLengthMismatch, error) {
	out := new(TicketBookProofLengthMismatch)
	if err := ticketBook.abi.UnpackIntoInterface(out, "ProofLengthMismatch", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// TicketBookQueueNotEmpty represents a QueueNotEmpty error raised by the TicketBook contract.
type TicketBookQueueNotEmpty struct {
	Id      [32]byte
	Waiting *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error QueueNotEmpty(bytes32 id, uint256 waiting)
func TicketBookQueueNotEmptyErrorID() common.Hash {
	return common.HexToHash("0xf07dd7656f374223b1848acea514264df8fa577a23d4c55371a1b9eec061528a")
}

// UnpackQueueNotEmptyError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error QueueNotEmpty(bytes32 id, uint256 waiting)
func (ticketBook *TicketBook) UnpackQueueNotEmptyError(raw []byte) (*TicketBookQueueNotEmpty, error) {
	out := new(TicketBookQueueNotEmpty)
	if err := ticketBook.abi.UnpackIntoInterface(out, "QueueNotEmpty", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// TicketBookRevealWindowClosed represents a RevealWindowClosed error raised by the TicketBook contract.
type TicketBookRevealWindowClosed struct {
	Id       [32]byte
	Index    *big.Int
	Deadline *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error RevealWindowClosed(bytes32 id, uint256 index, uint256 deadline)
func TicketBookRevealWindowClosedErrorID() common.Hash {
	return common.HexToHash("0xf26fdad3c20f8c116a9f6d691b702ffd9e9cc673074a57fe794fd77a6e1af8d0")
}

// UnpackRevealWindowClosedError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error RevealWindowClosed(bytes32 id, uint256 index, uint256 deadline)
func (ticketBook *TicketBook) UnpackRevealWindowClosedError(raw []byte) (*TicketBookRevealWindowClosed, error) {
	out := new(TicketBookRevealWindowClosed)
	if err := ticketBook.abi.UnpackIntoInterface(out, "RevealWindowClosed", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// TicketBookSeedUnavailable represents a SeedUnavailable error raised by the TicketBook contract.
type TicketBookSeedUnavailable struct {
	BlockNumber *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error SeedUnavailable(uint256 blockNumber)
func TicketBookSeedUnavailableErrorID() common.Hash {
	return common.HexToHash("0x356d3269f9169a7e9b029786c2788aff92168188e7cf4d944f1dc90f789af90b")
}

// UnpackSeedUnavailableError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error SeedUnavailable(uint256 blockNumber)
func (ticketBook *TicketBook) UnpackSeedUnavailableError(raw []byte) (*TicketBookSeedUnavailable, error) {
	out := new(TicketBookSeedUnavailable)
	if err := ticketBook.abi.UnpackIntoInterface(out, "SeedUnavailable", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// TicketBookTicketAlreadyRevealed represents a TicketAlreadyRevealed error raised by the TicketBook contract.
type TicketBookTicketAlreadyRevealed struct {
	Id    [32]byte
	Index *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error TicketAlreadyRevealed(bytes32 id, uint256 index)
func TicketBookTicketAlreadyRevealedErrorID() common.Hash {
	return common.HexToHash("0x3f73b7d9ed0600ec9ac85166edf8e095d2164e3be4d4d86002feed2c8cf90670")
}

// UnpackTicketAlreadyRevealedError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error TicketAlreadyRevealed(bytes32 id, uint256 index)
func (ticketBook *TicketBook) UnpackTicketAlreadyRevealedError(raw []byte) (*TicketBookTicketAlreadyRevealed, error) {
	out := new(TicketBookTicketAlreadyRevealed)
	if err := ticketBook.abi.UnpackIntoInterface(out, "TicketAlreadyRevealed", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// TicketBookTicketNotSold represents a TicketNotSold error raised by the TicketBook contract.
type TicketBookTicketNotSold struct {
	Id    [32]byte
	Index *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error TicketNotSold(bytes32 id, uint256 index)
func TicketBookTicketNotSoldErrorID() common.Hash {
	return common.HexToHash("0xf4d5e2f2d969d7ca0b92ca55d297d4b583ab2368bd4e1225dea2b9fa36d4910c")
}

// UnpackTicketNotSoldError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error TicketNotSold(bytes32 id, uint256 index)
func (ticketBook *TicketBook) UnpackTicketNotSoldError(raw []byte) (*TicketBookTicketNotSold, error) {
	out := new(TicketBookTicketNotSold)
	if err := ticketBook.abi.UnpackIntoInterface(out, "TicketNotSold", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// TicketBookTooEarly represents a TooEarly error raised by the TicketBook contract.
type TicketBookTooEarly struct {
	Id              [32]byte
	Index           *big.Int
	RandomnessBlock *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error TooEarly(bytes32 id, uint256 index, uint256 randomnessBlock)
func TicketBookTooEarlyErrorID() common.Hash {
	return common.HexToHash("0x0d3fc99da8edcf0d0abdd95bffdde68f247f7647056fd4da0bc2c86b296c4979")
}

// UnpackTooEarlyError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error TooEarly(bytes32 id, uint256 index, uint256 randomnessBlock)
func (ticketBook *TicketBook) UnpackTooEarlyError(raw []byte) (*TicketBookTooEarly, error) {
	out := new(TicketBookTooEarly)
	if err := ticketBook.abi.UnpackIntoInterface(out, "TooEarly", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// TicketBookTransferFailed represents a TransferFailed error raised by the TicketBook contract.
type TicketBookTransferFailed struct {
	To     common.Address
	Amount *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error TransferFailed(address to, uint256 amount)
func TicketBookTransferFailedErrorID() common.Hash {
	return common.HexToHash("0x1c43b9761b3fba5321ca8212bfc231945f668ccc0c446f333999eea9ce8fda81")
}

// UnpackTransferFailedError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error TransferFailed(address to, uint256 amount)
func (ticketBook *TicketBook) UnpackTransferFailedError(raw []byte) (*TicketBookTransferFailed, error) {
	out := new(TicketBookTransferFailed)
	if err := ticketBook.abi.UnpackIntoInterface(out, "TransferFailed", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// TicketBookUnknownBook represents a UnknownBook error raised by the TicketBook contract.
type TicketBookUnknownBook struct {
	Id [32]byte
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error UnknownBook(bytes32 id)
func TicketBookUnknownBookErrorID() common.Hash {
	return common.HexToHash("0x84193878e57507d771a9e218d000084b134e66fa3d92c4a328cd096951bb2b3c")
}

// UnpackUnknownBookError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error UnknownBook(bytes32 id)
func (ticketBook *TicketBook) UnpackUnknownBookError(raw []byte) (*TicketBookUnknownBook, error) {
	out := new(TicketBookUnknownBook)
	if err := ticketBook.abi.UnpackIntoInterface(out, "UnknownBook", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// TicketBookValueTooLarge represents a ValueTooLarge error raised by the TicketBook contract.
type TicketBookValueTooLarge struct {
	Value *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error ValueTooLarge(uint256 value)
func TicketBookValueTooLargeErrorID() common.Hash {
	return common.HexToHash("0x98a0684468ee3b5ce6841beec299f84405198b9be5b3c3821492ef94d6b86975")
}

// UnpackValueTooLargeError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error ValueTooLarge(uint256 value)
func (ticketBook *TicketBook) UnpackValueTooLargeError(raw []byte) (*TicketBookValueTooLarge, error) {
	out := new(TicketBookValueTooLarge)
	if err := ticketBook.abi.UnpackIntoInterface(out, "ValueTooLarge", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// TicketBookWrongCommitment represents a WrongCommitment error raised by the TicketBook contract.
type TicketBookWrongCommitment struct {
	Id    [32]byte
	Index *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error WrongCommitment(bytes32 id, uint256 index)
func TicketBookWrongCommitmentErrorID() common.Hash {
	return common.HexToHash("0x9cc889b2a6165693a78dac46ff9f764ce79f75a6a014d6fcf46ff82f37365f43")
}

// UnpackWrongCommitmentError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error WrongCommitment(bytes32 id, uint256 index)
func (ticketBook *TicketBook) UnpackWrongCommitmentError(raw []byte) (*TicketBookWrongCommitment, error) {
	out := new(TicketBookWrongCommitment)
	if err := ticketBook.abi.UnpackIntoInterface(out, "WrongCommitment", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// TicketBookWrongPayment represents a WrongPayment error raised by the TicketBook contract.
type TicketBookWrongPayment struct {
	Sent  *big.Int
	Price *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error WrongPayment(uint256 sent, uint256 price)
func TicketBookWrongPaymentErrorID() common.Hash {
	return common.HexToHash("0x0dd32d1c3ef0af2f42e38a7f633c5c154da0aa1d3a58e8dcd04bcd6fb310ac9d")
}

// UnpackWrongPaymentError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error WrongPayment(uint256 sent, uint256 price)
func (ticketBook *TicketBook) UnpackWrongPaymentError(raw []byte) (*TicketBookWrongPayment, error) {
	out := new(TicketBookWrongPayment)
	if err := ticketBook.abi.UnpackIntoInterface(out, "WrongPayment", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// TicketBookZeroAgent represents a ZeroAgent error raised by the TicketBook contract.
type TicketBookZeroAgent struct {
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error ZeroAgent()
func TicketBookZeroAgentErrorID() common.Hash {
	return common.HexToHash("0x92077badafea1369c0bd50c6cd236d882bf631a4e539d44ebfaae3972591b8df")
}

// UnpackZeroAgentError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error ZeroAgent()
func (ticketBook *TicketBook) UnpackZeroAgentError(raw []byte) (*TicketBookZeroAgent, error) {
	out := new(TicketBookZeroAgent)
	if err := ticketBook.abi.UnpackIntoInterface(out, "ZeroAgent", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// TicketBookZeroBinding represents a ZeroBinding error raised by the TicketBook contract.
type TicketBookZeroBinding struct {
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error ZeroBinding()
func TicketBookZeroBindingErrorID() common.Hash {
	return common.HexToHash("0xf52c91a4d0da136bb6eb752843c53c77dc4fedd0f4da9be7fa0280fab007c877")
}

// UnpackZeroBindingError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error ZeroBinding()
func (ticketBook *TicketBook) UnpackZeroBindingError(raw []byte) (*TicketBookZeroBinding, error) {
	out := new(TicketBookZeroBinding)
	if err := ticketBook.abi.UnpackIntoInterface(out, "ZeroBinding", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// TicketBookZeroStake represents a ZeroStake error raised by the TicketBook contract.
type TicketBookZeroStake struct {
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error ZeroStake()
func TicketBookZeroStakeErrorID() common.Hash {
	return common.HexToHash("0x150a67e93c2071424254345bebf445b6ec669f8c962222e86e0abed6270d3082")
}

// UnpackZeroStakeError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error ZeroStake()
func (ticketBook *TicketBook) UnpackZeroStakeError(raw []byte) (*TicketBookZeroStake, error) {
	out := new(TicketBookZeroStake)
	if err := ticketBook.abi.UnpackIntoInterface(out, "ZeroStake", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// TicketBookZeroValue represents a ZeroValue error raised by the TicketBook contract.
type TicketBookZeroValue struct {
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error ZeroValue()
func TicketBookZeroValueErrorID() common.Hash {
	return common.HexToHash("0x7c946ed78134c23eac50c0c02964d68f22dd28448c070d39c9f8e8389b217469")
}

// UnpackZeroValueError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error ZeroValue()
func (ticketBook *TicketBook) UnpackZeroValueError(raw []byte) (*TicketBookZeroValue, error) {
	out := new(TicketBookZeroValue)
	if err := ticketBook.abi.UnpackIntoInterface(out, "ZeroValue", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// TicketBookZeroWindow represents a ZeroWindow error raised by the TicketBook contract.
type TicketBookZeroWindow struct {
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error ZeroWindow()
func TicketBookZeroWindowErrorID() common.Hash {
	return common.HexToHash("0x4acbbb65735ebcb75e546edde022e21caf0dc1d70da374d006de6ea05b2b92cf")
}

// UnpackZeroWindowError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error ZeroWindow()
func (ticketBook *TicketBook) UnpackZeroWindowError(raw []byte) (*TicketBookZeroWindow, error) {
	out := new(TicketBookZeroWindow)
	if err := ticketBook.abi.UnpackIntoInterface(out, "ZeroWindow", raw); err != nil {
		return nil, err
	}
	return out, nil
}
