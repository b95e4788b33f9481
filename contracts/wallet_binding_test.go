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

// WalletMetaData contains all meta data concerning the Wallet contract.
var WalletMetaData = bind.MetaData{
	ABI: "[{\"inputs\":[{\"internalType\":\"contractIPostage\",\"name\":\"postage_\",\"type\":\"address\"}],\"stateMutability\":\"nonpayable\",\"type\":\"constructor\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"id\",\"type\":\"bytes32\"},{\"internalType\":\"bytes32\",\"name\":\"secret\",\"type\":\"bytes32\"},{\"internalType\":\"uint256\",\"name\":\"index\",\"type\":\"uint256\"},{\"internalType\":\"bytes32[]\",\"name\":\"proof\",\"type\":\"bytes32[]\"}],\"name\":\"burn\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"lastReentryError\",\"outputs\":[{\"internalType\":\"bytes\",\"name\":\"\",\"type\":\"bytes\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"root\",\"type\":\"bytes32\"},{\"internalType\":\"uint32\",\"name\":\"leaves\",\"type\":\"uint32\"},{\"internalType\":\"uint96\",\"name\":\"bountyPerLeaf\",\"type\":\"uint96\"}],\"name\":\"makeDeposit\",\"outputs\":[{\"internalType\":\"bytes32\",\"name\":\"\",\"type\":\"bytes32\"}],\"stateMutability\":\"payable\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"mode\",\"outputs\":[{\"internalType\":\"uint8\",\"name\":\"\",\"type\":\"uint8\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"payments\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"postage\",\"outputs\":[{\"internalType\":\"contractIPostage\",\"name\":\"\",\"type\":\"address\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"received\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"reentryAttempts\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"reentryId\",\"outputs\":[{\"internalType\":\"bytes32\",\"name\":\"\",\"type\":\"bytes32\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"reentryIndex\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"reentrySecret\",\"outputs\":[{\"internalType\":\"bytes32\",\"name\":\"\",\"type\":\"bytes32\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"reentrySuccesses\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint8\",\"name\":\"mode_\",\"type\":\"uint8\"},{\"internalType\":\"bytes32\",\"name\":\"id\",\"type\":\"bytes32\"},{\"internalType\":\"bytes32\",\"name\":\"secret\",\"type\":\"bytes32\"},{\"internalType\":\"uint256\",\"name\":\"index\",\"type\":\"uint256\"}],\"name\":\"setMode\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"id\",\"type\":\"bytes32\"}],\"name\":\"startWithdrawal\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"id\",\"type\":\"bytes32\"}],\"name\":\"withdraw\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"stateMutability\":\"payable\",\"type\":\"receive\"}]",
	ID:  "Wallet",
	Bin: "0x60a060405234801561000f575f5ffd5b50604051610e85380380610e8583398101604081905261002e9161003f565b6001600160a01b031660805261006c565b5f6020828403121561004f575f5ffd5b81516001600160a01b0381168114610065575f5ffd5b9392505050565b608051610dd06100b55f395f8181610104015281816102220152818161032a015281816104e40152818161064f015281816106fc0152818161082801526108d20152610dd05ff3fe6080604052600436106100e7575f3560e01c8063773917da11610087578063a6d23e1011610057578063a6d23e1014610589578063a8745cd21461059e578063d1b3561e146105b3578063e9c42ff91461060d575f5ffd5b8063773917da1461052b57806383a6deb5146105405780638e19899e146105555780638f58c0d414610574575f5ffd5b80632118d19f116100c25780632118d19f14610473578063295a52121461048857806332a6f6d1146104b25780636af20da1146104d3575f5ffd5b806301b2156a1461040d5780630e2cae531461042c5780631830e0f314610454575f5ffd5b36610409573373ffffffffffffffffffffffffffffffffffffffff7f0000000000000000000000000000000000000000000000000000000000000000161461012b57005b5f5460ff1660030361019d576040517f08c379a000000000000000000000000000000000000000000000000000000000815260206004820152600e60248201527f77616c6c65742072656675736573000000000000000000000000000000000000604482015260640160405180910390fd5b3460045f8282546101ae9190610947565b92505081905550600160055f8282546101c79190610947565b90915550505f5460ff166001036102e757600160065f8282546101ea9190610947565b90915550506001546040517f8e19899e00000000000000000000000000000000000000000000000000000000815260048101919091527f000000000000000000000000000000000000000000000000000000000000000073ffffffffffffffffffffffffffffffffffffffff1690638e19899e906024015f604051808303815f87803b158015610278575f5ffd5b505af1925050508015610289575060015b6102ca573d8080156102b6576040519150601f19603f3d011682016040523d82523d5f602084013e6102bb565b606091505b5060086102c88282610a5a565b005b600160075f8282546102dc9190610947565b909155506102c89050565b5f5460ff166002036102c857600160065f8282546103059190610947565b909155505060015460025460035473ffffffffffffffffffffffffffffffffffffffff7f00000000000000000000000000000000000000000000000000000000000000001692631830e0f39290915f60405190808252806020026020018201604052801561037d578160200160208202803683370190505b506040518563ffffffff1660e01b815260040161039d9493929190610b71565b5f604051808303815f87803b1580156103b4575f5ffd5b505af19250505080156103c5575060015b6103f2573d8080156102b6576040519150601f19603f3d011682016040523d82523d5f602084013e6102bb565b600160075f8282546104049190610947565b909155005b5f5ffd5b348015610418575f5ffd5b506102c8610427366004610bcc565b610620565b348015610437575f5ffd5b5061044160025481565b6040519081526020015b60405180910390f35b34801561045f575f5ffd5b506102c861046e366004610be3565b6106bf565b34801561047e575f5ffd5b5061044160035481565b348015610493575f5ffd5b505f546104a09060ff1681565b60405160ff909116815260200161044b565b3480156104bd575f5ffd5b506104c661076d565b60405161044b9190610c6d565b3480156104de575f5ffd5b506105067f000000000000000000000000000000000000000000000000000000000000000081565b60405173ffffffffffffffffffffffffffffffffffffffff909116815260200161044b565b348015610536575f5ffd5b5061044160015481565b34801561054b575f5ffd5b5061044160045481565b348015610560575f5ffd5b506102c861056f366004610bcc565b6107f9565b34801561057f575f5ffd5b5061044160075481565b348015610594575f5ffd5b5061044160055481565b3480156105a9575f5ffd5b5061044160065481565b3480156105be575f5ffd5b506102c86105cd366004610cc0565b5f80547fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff001660ff9590951694909417909355600191909155600255600355565b61044161061b366004610cfd565b61086c565b6040517f01b2156a000000000000000000000000000000000000000000000000000000008152600481018290527f000000000000000000000000000000000000000000000000000000000000000073ffffffffffffffffffffffffffffffffffffffff16906301b2156a906024015b5f604051808303815f87803b1580156106a6575f5ffd5b505af11580156106b8573d5f5f3e3d5ffd5b5050505050565b6040517f1830e0f300000000000000000000000000000000000000000000000000000000815273ffffffffffffffffffffffffffffffffffffffff7f00000000000000000000000000000000000000000000000000000000000000001690631830e0f3906107399088908890889088908890600401610d54565b5f604051808303815f87803b158015610750575f5ffd5b505af1158015610762573d5f5f3e3d5ffd5b505050505050505050565b6008805461077a906109b2565b80601f01602080910402602001604051908101604052809291908181526020018280546107a6906109b2565b80156107f15780601f106107c8576101008083540402835291602001916107f1565b820191905f5260205f20905b8154815290600101906020018083116107d457829003601f168201915b505050505081565b6040517f8e19899e000000000000000000000000000000000000000000000000000000008152600481018290527f000000000000000000000000000000000000000000000000000000000000000073ffffffffffffffffffffffffffffffffffffffff1690638e19899e9060240161068f565b6040517fe9c42ff90000000000000000000000000000000000000000000000000000000081526004810184905263ffffffff831660248201526bffffffffffffffffffffffff821660448201525f9073ffffffffffffffffffffffffffffffffffffffff7f0000000000000000000000000000000000000000000000000000000000000000169063e9c42ff990349060640160206040518083038185885af115801561091a573d5f5f3e3d5ffd5b50505050506040513d601f19601f8201168201806040525081019061093f9190610db9565b949350505050565b8082018082111561097f577f4e487b71000000000000000000000000000000000000000000000000000000005f52601160045260245ffd5b92915050565b7f4e487b71000000000000000000000000000000000000000000000000000000005f52604160045260245ffd5b600181811c908216806109c657607f821691505b6020821081036109fd577f4e487b71000000000000000000000000000000000000000000000000000000005f52602260045260245ffd5b50919050565b601f821115610a555782821115610a5557805f5260205f20601f840160051c6020851015610a2e57505f5b90810190601f840160051c035f5b81811015610a51575f83820155600101610a3c565b5050505b505050565b815167ffffffffffffffff811115610a7457610a74610985565b610a8881610a8284546109b2565b84610a03565b6020601f821160018114610ad9575f8315610aa35750848201515b7fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff600385901b1c1916600184901b1784556106b8565b5f848152602081207fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffe08516915b82811015610b265787850151825560209485019460019092019101610b06565b5084821015610b6257868401517fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff600387901b60f8161c191681555b50505050600190811b01905550565b5f608082018683528560208401528460408401526080606084015280845180835260a0850191506020860192505f5b81811015610bbe578351835260209384019390920191600101610ba0565b509098975050505050505050565b5f60208284031215610bdc575f5ffd5b5035919050565b5f5f5f5f5f60808688031215610bf7575f5ffd5b853594506020860135935060408601359250606086013567ffffffffffffffff811115610c22575f5ffd5b8601601f81018813610c32575f5ffd5b803567ffffffffffffffff811115610c48575f5ffd5b8860208260051b8401011115610c5c575f5ffd5b959894975092955050506020019190565b602081525f82518060208401528060208501604085015e5f6040828501015260407fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffe0601f83011684010191505092915050565b5f5f5f5f60808587031215610cd3575f5ffd5b843560ff81168114610ce3575f5ffd5b966020860135965060408601359560600135945092505050565b5f5f5f60608486031215610d0f575f5ffd5b83359250602084013563ffffffff81168114610d29575f5ffd5b915060408401356bffffffffffffffffffffffff81168114610d49575f5ffd5b809150509250925092565b858152846020820152836040820152608060608201528160808201525f7f07ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff831115610d9d575f5ffd5b8260051b808560a08501379190910160a0019695505050505050565b5f60208284031215610dc9575f5ffd5b505191905056",
}

// Wallet is an auto generated Go binding around an Ethereum contract.
type Wallet struct {
	abi abi.ABI
}

// GetABI returns the ABI associated with this contract binding.
func (c *Wallet) GetABI() abi.ABI {
	return c.abi
}

// NewWallet creates a new instance of Wallet.
func NewWallet() *Wallet {
	parsed, err := WalletMetaData.ParseABI()
	if err != nil {
		panic(errors.New("invalid ABI: " + err.Error()))
	}
	return &Wallet{abi: *parsed}
}

// Instance creates a wrapper for a deployed contract instance at the given address.
// Use this to create the instance object passed to abigen v2 library functions Call, Transact, etc.
func (c *Wallet) Instance(backend bind.ContractBackend, addr common.Address) *bind.BoundContract {
	return bind.NewBoundContract(addr, c.abi, backend, backend, backend)
}

// PackConstructor is the Go binding used to pack the parameters required for
// contract deployment.
//
// Solidity: constructor(address postage_) returns()
func (wallet *Wallet) PackConstructor(postage_ common.Address) []byte {
	enc, err := wallet.abi.Pack("", postage_)
	if err != nil {
		panic(err)
	}
	return enc
}

// PackBurn is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x1830e0f3.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function burn(bytes32 id, bytes32 secret, uint256 index, bytes32[] proof) returns()
func (wallet *Wallet) PackBurn(id [32]byte, secret [32]byte, index *big.Int, proof [][32]byte) []byte {
	enc, err := wallet.abi.Pack("burn", id, secret, index, proof)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackBurn is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x1830e0f3.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function burn(bytes32 id, bytes32 secret, uint256 index, bytes32[] proof) returns()
func (wallet *Wallet) TryPackBurn(id [32]byte, secret [32]byte, index *big.Int, proof [][32]byte) ([]byte, error) {
	return wallet.abi.Pack("burn", id, secret, index, proof)
}

// PackLastReentryError is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x32a6f6d1.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function lastReentryError() view returns(bytes)
func (wallet *Wallet) PackLastReentryError() []byte {
	enc, err := wallet.abi.Pack("lastReentryError")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackLastReentryError is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x32a6f6d1.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function lastReentryError() view returns(bytes)
func (wallet *Wallet) TryPackLastReentryError() ([]byte, error) {
	return wallet.abi.Pack("lastReentryError")
}

// UnpackLastReentryError is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x32a6f6d1.
//
// Solidity: function lastReentryError() view returns(bytes)
func (wallet *Wallet) UnpackLastReentryError(data []byte) ([]byte, error) {
	out, err := wallet.abi.Unpack("lastReentryError", data)
	if err != nil {
		return *new([]byte), err
	}
	out0 := *abi.ConvertType(out[0], new([]byte)).(*[]byte)
	return out0, nil
}

// PackMakeDeposit is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xe9c42ff9.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function makeDeposit(bytes32 root, uint32 leaves, uint96 bountyPerLeaf) payable returns(bytes32)
func (wallet *Wallet) PackMakeDeposit(root [32]byte, leaves uint32, bountyPerLeaf *big.Int) []byte {
	enc, err := wallet.abi.Pack("makeDeposit", root, leaves, bountyPerLeaf)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackMakeDeposit is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xe9c42ff9.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function makeDeposit(bytes32 root, uint32 leaves, uint96 bountyPerLeaf) payable returns(bytes32)
func (wallet *Wallet) TryPackMakeDeposit(root [32]byte, leaves uint32, bountyPerLeaf *big.Int) ([]byte, error) {
	return wallet.abi.Pack("makeDeposit", root, leaves, bountyPerLeaf)
}

// UnpackMakeDeposit is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xe9c42ff9.
//
// Solidity: function makeDeposit(bytes32 root, uint32 leaves, uint96 bountyPerLeaf) payable returns(bytes32)
func (wallet *Wallet) UnpackMakeDeposit(data []byte) ([32]byte, error) {
	out, err := wallet.abi.Unpack("makeDeposit", data)
	if err != nil {
		return *new([32]byte), err
	}
	out0 := *abi.ConvertType(out[0], new([32]byte)).(*[32]byte)
	return out0, nil
}

// PackMode is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x295a5212.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function mode() view returns(uint8)
func (wallet *Wallet) PackMode() []byte {
	enc, err := wallet.abi.Pack("mode")
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
func (wallet *Wallet) TryPackMode() ([]byte, error) {
	return wallet.abi.Pack("mode")
}

// UnpackMode is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x295a5212.
//
// Solidity: function mode() view returns(uint8)
func (wallet *Wallet) UnpackMode(data []byte) (uint8, error) {
	out, err := wallet.abi.Unpack("mode", data)
	if err != nil {
		return *new(uint8), err
	}
	out0 := *abi.ConvertType(out[0], new(uint8)).(*uint8)
	return out0, nil
}

// PackPayments is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xa6d23e10.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function payments() view returns(uint256)
func (wallet *Wallet) PackPayments() []byte {
	enc, err := wallet.abi.Pack("payments")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackPayments is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xa6d23e10.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function payments() view returns(uint256)
func (wallet *Wallet) TryPackPayments() ([]byte, error) {
	return wallet.abi.Pack("payments")
}

// UnpackPayments is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xa6d23e10.
//
// Solidity: function payments() view returns(uint256)
func (wallet *Wallet) UnpackPayments(data []byte) (*big.Int, error) {
	out, err := wallet.abi.Unpack("payments", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// PackPostage is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x6af20da1.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function postage() view returns(address)
func (wallet *Wallet) PackPostage() []byte {
	enc, err := wallet.abi.Pack("postage")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackPostage is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x6af20da1.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function postage() view returns(address)
func (wallet *Wallet) TryPackPostage() ([]byte, error) {
	return wallet.abi.Pack("postage")
}

// UnpackPostage is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x6af20da1.
//
// Solidity: function postage() view returns(address)
func (wallet *Wallet) UnpackPostage(data []byte) (common.Address, error) {
	out, err := wallet.abi.Unpack("postage", data)
	if err != nil {
		return *new(common.Address), err
	}
	out0 := *abi.ConvertType(out[0], new(common.Address)).(*common.Address)
	return out0, nil
}

// PackReceived is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x83a6deb5.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function received() view returns(uint256)
func (wallet *Wallet) PackReceived() []byte {
	enc, err := wallet.abi.Pack("received")
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
func (wallet *Wallet) TryPackReceived() ([]byte, error) {
	return wallet.abi.Pack("received")
}

// UnpackReceived is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x83a6deb5.
//
// Solidity: function received() view returns(uint256)
func (wallet *Wallet) UnpackReceived(data []byte) (*big.Int, error) {
	out, err := wallet.abi.Unpack("received", data)
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
func (wallet *Wallet) PackReentryAttempts() []byte {
	enc, err := wallet.abi.Pack("reentryAttempts")
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
func (wallet *Wallet) TryPackReentryAttempts() ([]byte, error) {
	return wallet.abi.Pack("reentryAttempts")
}

// UnpackReentryAttempts is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xa8745cd2.
//
// Solidity: function reentryAttempts() view returns(uint256)
func (wallet *Wallet) UnpackReentryAttempts(data []byte) (*big.Int, error) {
	out, err := wallet.abi.Unpack("reentryAttempts", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// PackReentryId is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x773917da.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function reentryId() view returns(bytes32)
func (wallet *Wallet) PackReentryId() []byte {
	enc, err := wallet.abi.Pack("reentryId")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackReentryId is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x773917da.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function reentryId() view returns(bytes32)
func (wallet *Wallet) TryPackReentryId() ([]byte, error) {
	return wallet.abi.Pack("reentryId")
}

// UnpackReentryId is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x773917da.
//
// Solidity: function reentryId() view returns(bytes32)
func (wallet *Wallet) UnpackReentryId(data []byte) ([32]byte, error) {
	out, err := wallet.abi.Unpack("reentryId", data)
	if err != nil {
		return *new([32]byte), err
	}
	out0 := *abi.ConvertType(out[0], new([32]byte)).(*[32]byte)
	return out0, nil
}

// PackReentryIndex is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x2118d19f.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function reentryIndex() view returns(uint256)
func (wallet *Wallet) PackReentryIndex() []byte {
	enc, err := wallet.abi.Pack("reentryIndex")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackReentryIndex is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x2118d19f.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function reentryIndex() view returns(uint256)
func (wallet *Wallet) TryPackReentryIndex() ([]byte, error) {
	return wallet.abi.Pack("reentryIndex")
}

// UnpackReentryIndex is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x2118d19f.
//
// Solidity: function reentryIndex() view returns(uint256)
func (wallet *Wallet) UnpackReentryIndex(data []byte) (*big.Int, error) {
	out, err := wallet.abi.Unpack("reentryIndex", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// PackReentrySecret is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x0e2cae53.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function reentrySecret() view returns(bytes32)
func (wallet *Wallet) PackReentrySecret() []byte {
	enc, err := wallet.abi.Pack("reentrySecret")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackReentrySecret is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x0e2cae53.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function reentrySecret() view returns(bytes32)
func (wallet *Wallet) TryPackReentrySecret() ([]byte, error) {
	return wallet.abi.Pack("reentrySecret")
}

// UnpackReentrySecret is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x0e2cae53.
//
// Solidity: function reentrySecret() view returns(bytes32)
func (wallet *Wallet) UnpackReentrySecret(data []byte) ([32]byte, error) {
	out, err := wallet.abi.Unpack("reentrySecret", data)
	if err != nil {
		return *new([32]byte), err
	}
	out0 := *abi.ConvertType(out[0], new([32]byte)).(*[32]byte)
	return out0, nil
}

// PackReentrySuccesses is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x8f58c0d4.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function reentrySuccesses() view returns(uint256)
func (wallet *Wallet) PackReentrySuccesses() []byte {
	enc, err := wallet.abi.Pack("reentrySuccesses")
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
func (wallet *Wallet) TryPackReentrySuccesses() ([]byte, error) {
	return wallet.abi.Pack("reentrySuccesses")
}

// UnpackReentrySuccesses is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x8f58c0d4.
//
// Solidity: function reentrySuccesses() view returns(uint256)
func (wallet *Wallet) UnpackReentrySuccesses(data []byte) (*big.Int, error) {
	out, err := wallet.abi.Unpack("reentrySuccesses", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// PackSetMode is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xd1b3561e.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function setMode(uint8 mode_, bytes32 id, bytes32 secret, uint256 index) returns()
func (wallet *Wallet) PackSetMode(mode uint8, id [32]byte, secret [32]byte, index *big.Int) []byte {
	enc, err := wallet.abi.Pack("setMode", mode, id, secret, index)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackSetMode is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xd1b3561e.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function setMode(uint8 mode_, bytes32 id, bytes32 secret, uint256 index) returns()
func (wallet *Wallet) TryPackSetMode(mode uint8, id [32]byte, secret [32]byte, index *big.Int) ([]byte, error) {
	return wallet.abi.Pack("setMode", mode, id, secret, index)
}

// PackStartWithdrawal is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x01b2156a.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function startWithdrawal(bytes32 id) returns()
func (wallet *Wallet) PackStartWithdrawal(id [32]byte) []byte {
	enc, err := wallet.abi.Pack("startWithdrawal", id)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackStartWithdrawal is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x01b2156a.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function startWithdrawal(bytes32 id) returns()
func (wallet *Wallet) TryPackStartWithdrawal(id [32]byte) ([]byte, error) {
	return wallet.abi.Pack("startWithdrawal", id)
}

// PackWithdraw is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x8e19899e.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function withdraw(bytes32 id) returns()
func (wallet *Wallet) PackWithdraw(id [32]byte) []byte {
	enc, err := wallet.abi.Pack("withdraw", id)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackWithdraw is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x8e19899e.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function withdraw(bytes32 id) returns()
func (wallet *Wallet) TryPackWithdraw(id [32]byte) ([]byte, error) {
	return wallet.abi.Pack("withdraw", id)
}
