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
	Bin: "0x608080604052346015576103b3908161001a8239f35b5f80fdfe6080806040526004361015610012575f80fd5b5f3560e01c9081633d4dff7b14610342575080638e19899e1461023557806397b9e6c71461016a578063d4765323146100c45763f026431614610053575f80fd5b346100c05760207ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffc3601126100c057600435805f525f60205273ffffffffffffffffffffffffffffffffffffffff600260405f2001541633036100c0575f525f6020524260405f20555f80f35b5f80fd5b346100c05760207ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffc3601126100c05760405160208101906004358252602081526040810181811067ffffffffffffffff82111761013d576040525190205f525f6020525f60026040822082815582600182015501555f80f35b7f4e487b71000000000000000000000000000000000000000000000000000000005f52604160045260245ffd5b60207ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffc3601126100c057600435805f525f602052600160405f2001546100c0576040516060810181811067ffffffffffffffff82111761013d5773ffffffffffffffffffffffffffffffffffffffff916002916040525f81526020810134815260408201943386525f525f60205260405f2091518255516001820155019151167fffffffffffffffffffffffff00000000000000000000000000000000000000008254161790555f80f35b346100c05760207ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffc3601126100c057600435805f525f60205260405f20547ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff1f042019042821161031557116100c0575f818152602081905260408120600281015460019091015482918291829173ffffffffffffffffffffffffffffffffffffffff1682821561030c575bf115610301575f525f6020525f60026040822082815582600182015501555f80f35b6040513d5f823e3d90fd5b506108fc6102df565b7f4e487b71000000000000000000000000000000000000000000000000000000005f52601160045260245ffd5b346100c05760207ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffc3601126100c0576060906004355f525f60205260405f2080549073ffffffffffffffffffffffffffffffffffffffff600260018301549201541691835260208301526040820152f3",
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
