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

// BookBuyerMetaData contains all meta data concerning the BookBuyer contract.
var BookBuyerMetaData = bind.MetaData{
	ABI: "[{\"inputs\":[{\"internalType\":\"contractITicketBook\",\"name\":\"book_\",\"type\":\"address\"}],\"stateMutability\":\"nonpayable\",\"type\":\"constructor\"},{\"inputs\":[],\"name\":\"book\",\"outputs\":[{\"internalType\":\"contractITicketBook\",\"name\":\"\",\"type\":\"address\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"id\",\"type\":\"bytes32\"},{\"internalType\":\"bytes32\",\"name\":\"binding\",\"type\":\"bytes32\"}],\"name\":\"buy\",\"outputs\":[{\"internalType\":\"uint32\",\"name\":\"\",\"type\":\"uint32\"}],\"stateMutability\":\"payable\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"claim\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"mode\",\"outputs\":[{\"internalType\":\"uint8\",\"name\":\"\",\"type\":\"uint8\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"received\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"reentryAttempts\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"reentrySuccesses\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint8\",\"name\":\"mode_\",\"type\":\"uint8\"}],\"name\":\"setMode\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"stateMutability\":\"payable\",\"type\":\"receive\"}]",
	ID:  "BookBuyer",
	Bin: "0x60a03461007e57601f6106ad38819003918201601f19168301916001600160401b038311848410176100825780849260209460405283398101031261007e57516001600160a01b038116810361007e5760805260405161061690816100978239608051818181605f01528181610312015281816103eb01526105570152f35b5f80fd5b634e487b7160e01b5f52604160045260245ffdfe608080604052600436101561017d575b50361561001a575f80fd5b6001543481018091116101505760015560ff5f5416600181145f146100e957506100456002546105e9565b60025573ffffffffffffffffffffffffffffffffffffffff7f000000000000000000000000000000000000000000000000000000000000000016803b156100e5575f80916004604051809481937f4e71d92d0000000000000000000000000000000000000000000000000000000083525af190816100d5575b506100c557005b6100d06003546105e9565b600355005b5f6100df9161057b565b5f6100be565b5f80fd5b6002146100f257005b60646040517f08c379a000000000000000000000000000000000000000000000000000000000815260206004820152601a60248201527f426f6f6b42757965722072656675736573207061796d656e74730000000000006044820152fd5b7f4e487b71000000000000000000000000000000000000000000000000000000005f52601160045260245ffd5b5f905f3560e01c90816305a8da721461050f5750806321175b4a146104a7578063295a52121461046a5780634e71d92d146103a557806359c8d6471461029357806383a6deb5146102575780638f58c0d41461021b5763a8745cd20361000f573461021857807ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffc360112610218576020600254604051908152f35b80fd5b503461021857807ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffc360112610218576020600354604051908152f35b503461021857807ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffc360112610218576020600154604051908152f35b5060407ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffc360112610218576040517f59c8d647000000000000000000000000000000000000000000000000000000008152600435600482015260243560248201526020816044813473ffffffffffffffffffffffffffffffffffffffff7f0000000000000000000000000000000000000000000000000000000000000000165af190811561039a578291610353575b60208263ffffffff60405191168152f35b90506020813d602011610392575b8161036e6020938361057b565b8101031261038e575163ffffffff8116810361038e57602091505f610342565b5080fd5b3d9150610361565b6040513d84823e3d90fd5b50346100e5575f7ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffc3601126100e55773ffffffffffffffffffffffffffffffffffffffff7f000000000000000000000000000000000000000000000000000000000000000016803b156100e5575f80916004604051809481937f4e71d92d0000000000000000000000000000000000000000000000000000000083525af1801561045f57610451575080f35b61045d91505f9061057b565b005b6040513d5f823e3d90fd5b346100e5575f7ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffc3601126100e557602060ff5f5416604051908152f35b346100e55760207ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffc3601126100e55760043560ff81168091036100e5577fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff005f5416175f555f80f35b346100e5575f7ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffc3601126100e55760209073ffffffffffffffffffffffffffffffffffffffff7f0000000000000000000000000000000000000000000000000000000000000000168152f35b90601f7fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffe0910116810190811067ffffffffffffffff8211176105bc57604052565b7f4e487b71000000000000000000000000000000000000000000000000000000005f52604160045260245ffd5b7fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff8114610150576001019056",
}

// BookBuyer is an auto generated Go binding around an Ethereum contract.
type BookBuyer struct {
	abi abi.ABI
}

// GetABI returns the ABI associated with this contract binding.
func (c *BookBuyer) GetABI() abi.ABI {
	return c.abi
}

// NewBookBuyer creates a new instance of BookBuyer.
func NewBookBuyer() *BookBuyer {
	parsed, err := BookBuyerMetaData.ParseABI()
	if err != nil {
		panic(errors.New("invalid ABI: " + err.Error()))
	}
	return &BookBuyer{abi: *parsed}
}

// Instance creates a wrapper for a deployed contract instance at the given address.
// Use this to create the instance object passed to abigen v2 library functions Call, Transact, etc.
func (c *BookBuyer) Instance(backend bind.ContractBackend, addr common.Address) *bind.BoundContract {
	return bind.NewBoundContract(addr, c.abi, backend, backend, backend)
}

// PackConstructor is the Go binding used to pack the parameters required for
// contract deployment.
//
// Solidity: constructor(address book_) returns()
func (bookBuyer *BookBuyer) PackConstructor(book_ common.Address) []byte {
	enc, err := bookBuyer.abi.Pack("", book_)
	if err != nil {
		panic(err)
	}
	return enc
}

// PackBook is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x05a8da72.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function book() view returns(address)
func (bookBuyer *BookBuyer) PackBook() []byte {
	enc, err := bookBuyer.abi.Pack("book")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackBook is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x05a8da72.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function book() view returns(address)
func (bookBuyer *BookBuyer) TryPackBook() ([]byte, error) {
	return bookBuyer.abi.Pack("book")
}

// UnpackBook is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x05a8da72.
//
// Solidity: function book() view returns(address)
func (bookBuyer *BookBuyer) UnpackBook(data []byte) (common.Address, error) {
	out, err := bookBuyer.abi.Unpack("book", data)
	if err != nil {
		return *new(common.Address), err
	}
	out0 := *abi.ConvertType(out[0], new(common.Address)).(*common.Address)
	return out0, nil
}

// PackBuy is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x59c8d647.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function buy(bytes32 id, bytes32 binding) payable returns(uint32)
func (bookBuyer *BookBuyer) PackBuy(id [32]byte, binding [32]byte) []byte {
	enc, err := bookBuyer.abi.Pack("buy", id, binding)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackBuy is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x59c8d647.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function buy(bytes32 id, bytes32 binding) payable returns(uint32)
func (bookBuyer *BookBuyer) TryPackBuy(id [32]byte, binding [32]byte) ([]byte, error) {
	return bookBuyer.abi.Pack("buy", id, binding)
}

// UnpackBuy is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x59c8d647.
//
// Solidity: function buy(bytes32 id, bytes32 binding) payable returns(uint32)
func (bookBuyer *BookBuyer) UnpackBuy(data []byte) (uint32, error) {
	out, err := bookBuyer.abi.Unpack("buy", data)
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
func (bookBuyer *BookBuyer) PackClaim() []byte {
	enc, err := bookBuyer.abi.Pack("claim")
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
func (bookBuyer *BookBuyer) TryPackClaim() ([]byte, error) {
	return bookBuyer.abi.Pack("claim")
}

// PackMode is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x295a5212.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function mode() view returns(uint8)
func (bookBuyer *BookBuyer) PackMode() []byte {
	enc, err := bookBuyer.abi.Pack("mode")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackMode is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x295a5212.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function mode() view returns(uint8)
func (bookBuyer *BookBuyer) TryPackMode() ([]byte, error) {
	return bookBuyer.abi.Pack("mode")
}

// UnpackMode is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x295a5212.
//
// Solidity: function mode() view returns(uint8)
func (bookBuyer *BookBuyer) UnpackMode(data []byte) (uint8, error) {
	out, err := bookBuyer.abi.Unpack("mode", data)
	if err != nil {
		return *new(uint8), err
	}
	out0 := *abi.ConvertType(out[0], new(uint8)).(*uint8)
	return out0, nil
}

// PackReceived is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x83a6deb5.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function received() view returns(uint256)
func (bookBuyer *BookBuyer) PackReceived() []byte {
	enc, err := bookBuyer.abi.Pack("received")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackReceived is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x83a6deb5.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function received() view returns(uint256)
func (bookBuyer *BookBuyer) TryPackReceived() ([]byte, error) {
	return bookBuyer.abi.Pack("received")
}

// UnpackReceived is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x83a6deb5.
//
// Solidity: function received() view returns(uint256)
func (bookBuyer *BookBuyer) UnpackReceived(data []byte) (*big.Int, error) {
	out, err := bookBuyer.abi.Unpack("received", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// PackReentryAttempts is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xa8745cd2.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function reentryAttempts() view returns(uint256)
func (bookBuyer *BookBuyer) PackReentryAttempts() []byte {
	enc, err := bookBuyer.abi.Pack("reentryAttempts")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackReentryAttempts is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xa8745cd2.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function reentryAttempts() view returns(uint256)
func (bookBuyer *BookBuyer) TryPackReentryAttempts() ([]byte, error) {
	return bookBuyer.abi.Pack("reentryAttempts")
}

// UnpackReentryAttempts is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xa8745cd2.
//
// Solidity: function reentryAttempts() view returns(uint256)
func (bookBuyer *BookBuyer) UnpackReentryAttempts(data []byte) (*big.Int, error) {
	out, err := bookBuyer.abi.Unpack("reentryAttempts", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// PackReentrySuccesses is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x8f58c0d4.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function reentrySuccesses() view returns(uint256)
func (bookBuyer *BookBuyer) PackReentrySuccesses() []byte {
	enc, err := bookBuyer.abi.Pack("reentrySuccesses")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackReentrySuccesses is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x8f58c0d4.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function reentrySuccesses() view returns(uint256)
func (bookBuyer *BookBuyer) TryPackReentrySuccesses() ([]byte, error) {
	return bookBuyer.abi.Pack("reentrySuccesses")
}

// UnpackReentrySuccesses is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x8f58c0d4.
//
// Solidity: function reentrySuccesses() view returns(uint256)
func (bookBuyer *BookBuyer) UnpackReentrySuccesses(data []byte) (*big.Int, error) {
	out, err := bookBuyer.abi.Unpack("reentrySuccesses", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// PackSetMode is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x21175b4a.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function setMode(uint8 mode_) returns()
func (bookBuyer *BookBuyer) PackSetMode(mode uint8) []byte {
	enc, err := bookBuyer.abi.Pack("setMode", mode)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackSetMode is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x21175b4a.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function setMode(uint8 mode_) returns()
func (bookBuyer *BookBuyer) TryPackSetMode(mode uint8) ([]byte, error) {
	return bookBuyer.abi.Pack("setMode", mode)
}
