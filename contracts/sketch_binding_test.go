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

// SketchMetaData contains all meta data concerning the Sketch contract.
var SketchMetaData = bind.MetaData{
	ABI: "[{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"secret\",\"type\":\"bytes32\"}],\"name\":\"delete_deposit\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"\",\"type\":\"bytes32\"}],\"name\":\"deposits\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"withdrawn_at\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"size\",\"type\":\"uint256\"},{\"internalType\":\"address\",\"name\":\"creator\",\"type\":\"address\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"hash\",\"type\":\"bytes32\"}],\"name\":\"make_deposit\",\"outputs\":[],\"stateMutability\":\"payable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"hash\",\"type\":\"bytes32\"}],\"name\":\"start_withdrawal\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"hash\",\"type\":\"bytes32\"}],\"name\":\"withdraw\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"}]",
	ID:  "Sketch",
	Bin: "0x6080604052348015600e575f5ffd5b506103d28061001c5f395ff3fe608060405260043610610058575f3560e01c806397b9e6c71161004157806397b9e6c714610102578063d476532314610115578063f026431614610134575f5ffd5b80633d4dff7b1461005c5780638e19899e146100e1575b5f5ffd5b348015610067575f5ffd5b506100ac61007636600461037d565b5f6020819052908152604090208054600182015460029092015490919073ffffffffffffffffffffffffffffffffffffffff1683565b60408051938452602084019290925273ffffffffffffffffffffffffffffffffffffffff169082015260600160405180910390f35b3480156100ec575f5ffd5b506101006100fb36600461037d565b610153565b005b61010061011036600461037d565b610213565b348015610120575f5ffd5b5061010061012f36600461037d565b6102aa565b34801561013f575f5ffd5b5061010061014e36600461037d565b61033a565b61015f610e1042610394565b5f828152602081905260409020541115610177575f5ffd5b5f818152602081905260408082206002810154600190910154915173ffffffffffffffffffffffffffffffffffffffff9091169282156108fc02929190818181858888f193505050501580156101cf573d5f5f3e3d5ffd5b505f908152602081905260408120818155600181019190915560020180547fffffffffffffffffffffffff0000000000000000000000000000000000000000169055565b5f818152602081905260409020600101541561022d575f5ffd5b604080516060810182525f8082523460208084019182523384860190815295835282905292902090518155905160018201559051600290910180547fffffffffffffffffffffffff00000000000000000000000000000000000000001673ffffffffffffffffffffffffffffffffffffffff909216919091179055565b5f5f826040516020016102bf91815260200190565b604080517fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffe08184030181529181528151602092830120835290820192909252015f908120818155600181019190915560020180547fffffffffffffffffffffffff000000000000000000000000000000000000000016905550565b5f8181526020819052604090206002015473ffffffffffffffffffffffffffffffffffffffff16331461036b575f5ffd5b5f908152602081905260409020429055565b5f6020828403121561038d575f5ffd5b5035919050565b818103818111156103cc577f4e487b71000000000000000000000000000000000000000000000000000000005f52601160045260245ffd5b9291505056",
}

// Sketch is an auto generated Go binding around an Ethereum contract.
type Sketch struct {
	abi abi.ABI
}

// GetABI returns the ABI associated with this contract binding.
func (c *Sketch) GetABI() abi.ABI {
	return c.abi
}

// NewSketch creates a new instance of Sketch.
func NewSketch() *Sketch {
	parsed, err := SketchMetaData.ParseABI()
	if err != nil {
		panic(errors.New("invalid ABI: " + err.Error()))
	}
	return &Sketch{abi: *parsed}
}

// Instance creates a wrapper for a deployed contract instance at the given address.
// Use this to create the instance object passed to abigen v2 library functions Call, Transact, etc.
func (c *Sketch) Instance(backend bind.ContractBackend, addr common.Address) *bind.BoundContract {
	return bind.NewBoundContract(addr, c.abi, backend, backend, backend)
}

// PackDeleteDeposit is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xd4765323.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function delete_deposit(bytes32 secret) returns()
func (sketch *Sketch) PackDeleteDeposit(secret [32]byte) []byte {
	enc, err := sketch.abi.Pack("delete_deposit", secret)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackDeleteDeposit is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xd4765323.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function delete_deposit(bytes32 secret) returns()
func (sketch *Sketch) TryPackDeleteDeposit(secret [32]byte) ([]byte, error) {
	return sketch.abi.Pack("delete_deposit", secret)
}

// PackDeposits is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x3d4dff7b.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function deposits(bytes32 ) view returns(uint256 withdrawn_at, uint256 size, address creator)
func (sketch *Sketch) PackDeposits(arg0 [32]byte) []byte {
	enc, err := sketch.abi.Pack("deposits", arg0)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackDeposits is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x3d4dff7b.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function deposits(bytes32 ) view returns(uint256 withdrawn_at, uint256 size, address creator)
func (sketch *Sketch) TryPackDeposits(arg0 [32]byte) ([]byte, error) {
	return sketch.abi.Pack("deposits", arg0)
}

// DepositsOutput serves as a container for the return parameters of contract
// method Deposits.
type DepositsOutput struct {
	WithdrawnAt *big.Int
	Size        *big.Int
	Creator     common.Address
}

// UnpackDeposits is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x3d4dff7b.
//
// Solidity: function deposits(bytes32 ) view returns(uint256 withdrawn_at, uint256 size, address creator)
func (sketch *Sketch) UnpackDeposits(data []byte) (DepositsOutput, error) {
	out, err := sketch.abi.Unpack("deposits", data)
	outstruct := new(DepositsOutput)
	if err != nil {
		return *outstruct, err
	}
	outstruct.WithdrawnAt = abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	outstruct.Size = abi.ConvertType(out[1], new(big.Int)).(*big.Int)
	outstruct.Creator = *abi.ConvertType(out[2], new(common.Address)).(*common.Address)
	return *outstruct, nil
}

// PackMakeDeposit is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x97b9e6c7.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function make_deposit(bytes32 hash) payable returns()
func (sketch *Sketch) PackMakeDeposit(hash [32]byte) []byte {
	enc, err := sketch.abi.Pack("make_deposit", hash)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackMakeDeposit is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x97b9e6c7.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function make_deposit(bytes32 hash) payable returns()
func (sketch *Sketch) TryPackMakeDeposit(hash [32]byte) ([]byte, error) {
	return sketch.abi.Pack("make_deposit", hash)
}

// PackStartWithdrawal is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xf0264316.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function start_withdrawal(bytes32 hash) returns()
func (sketch *Sketch) PackStartWithdrawal(hash [32]byte) []byte {
	enc, err := sketch.abi.Pack("start_withdrawal", hash)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackStartWithdrawal is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xf0264316.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function start_withdrawal(bytes32 hash) returns()
func (sketch *Sketch) TryPackStartWithdrawal(hash [32]byte) ([]byte, error) {
	return sketch.abi.Pack("start_withdrawal", hash)
}

// PackWithdraw is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x8e19899e.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function withdraw(bytes32 hash) returns()
func (sketch *Sketch) PackWithdraw(hash [32]byte) []byte {
	enc, err := sketch.abi.Pack("withdraw", hash)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackWithdraw is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x8e19899e.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function withdraw(bytes32 hash) returns()
func (sketch *Sketch) TryPackWithdraw(hash [32]byte) ([]byte, error) {
	return sketch.abi.Pack("withdraw", hash)
}
