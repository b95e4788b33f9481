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
	Bin: "0x60a03461008d57601f61112438819003918201601f19168301916001600160401b038311848410176100915780849260209460405283398101031261008d57516001600160a01b038116810361008d5760805260405161107e90816100a6823960805181818161017c01528181610377015281816104bb01528181610728015281816108740152610a2b0152f35b5f80fd5b634e487b7160e01b5f52604160045260245ffdfe6080806040526004361015610024575b50361561001a575f80fd5b610022610a14565b005b5f905f3560e01c90816301b2156a1461082c575080630e2cae53146107f05780631830e0f31461069d5780632118d19f14610661578063295a52121461062357806332a6f6d1146104df5780636af20da114610470578063773917da1461043457806383a6deb5146103f85780638e19899e1461032f5780638f58c0d4146102f3578063a6d23e10146102b7578063a8745cd21461027b578063d1b3561e146102015763e9c42ff90361000f5760607ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffc3601126101fe5760243563ffffffff81168091036101e5576044356bffffffffffffffffffffffff81168091036101fc57604051917fe9c42ff90000000000000000000000000000000000000000000000000000000083526004356004840152602483015260448201526020816064813473ffffffffffffffffffffffffffffffffffffffff7f0000000000000000000000000000000000000000000000000000000000000000165af19081156101f15782916101b7575b602082604051908152f35b90506020813d6020116101e9575b816101d260209383610949565b810103126101e55760209150515f6101ac565b5080fd5b3d91506101c5565b6040513d84823e3d90fd5b825b80fd5b50346101fe5760807ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffc3601126101fe5760043560ff81168091036101e5577fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff0082541617815560243560015560443560025560643560035580f35b50346101fe57807ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffc3601126101fe576020600654604051908152f35b50346101fe57807ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffc3601126101fe576020600554604051908152f35b50346101fe57807ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffc3601126101fe576020600754604051908152f35b50346101fe5760207ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffc3601126101fe578073ffffffffffffffffffffffffffffffffffffffff7f000000000000000000000000000000000000000000000000000000000000000016803b156103f5578180916024604051809481937f8e19899e00000000000000000000000000000000000000000000000000000000835260043560048401525af180156101f1576103e45750f35b816103ee91610949565b6101fe5780f35b50fd5b50346101fe57807ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffc3601126101fe576020600454604051908152f35b50346101fe57807ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffc3601126101fe576020600154604051908152f35b50346101fe57807ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffc3601126101fe57602060405173ffffffffffffffffffffffffffffffffffffffff7f0000000000000000000000000000000000000000000000000000000000000000168152f35b50346101fe57807ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffc3601126101fe576040516008548261051e826108f8565b8084526020840192600181169081156105eb5750600114610593575b50601f839261056e6040957fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffe0940385610949565b8451958694602086525180928160208801528787015e85828601015201168101030190f35b600885528491507ff3f7a9fe364faab93b216da50a3214154f22a0a2b415b23a84c8169e8b636ee35b8183106105d15750508201602001601f61053a565b6001816020929493945483858901015201910191906105bc565b7fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff0016845250151560051b83016020019050601f61053a565b50346101fe57807ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffc3601126101fe5760ff6020915416604051908152f35b50346101fe57807ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffc3601126101fe576020600354604051908152f35b50346101fe5760807ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffc3601126101fe578060643567ffffffffffffffff81116103f557366023820112156103f55780600401359067ffffffffffffffff82116107ec578160051b9036602483830101116107ea5773ffffffffffffffffffffffffffffffffffffffff7f000000000000000000000000000000000000000000000000000000000000000016803b156107e6577f07ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff604051947f1830e0f300000000000000000000000000000000000000000000000000000000865260043560048701526024356024870152604435604487015260806064870152806084870152116107e657838560a48286839760248398018484013781010301925af180156101f1576103e45750f35b8480fd5b505b5050fd5b50346101fe57807ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffc3601126101fe576020600254604051908152f35b9050346108f45760207ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffc3601126108f45773ffffffffffffffffffffffffffffffffffffffff7f000000000000000000000000000000000000000000000000000000000000000016803b156108f457816024815f80947f01b2156a00000000000000000000000000000000000000000000000000000000835260043560048401525af180156108e9576108dd575080f35b61002291505f90610949565b6040513d5f823e3d90fd5b5f80fd5b90600182811c9216801561093f575b602083101461091257565b7f4e487b71000000000000000000000000000000000000000000000000000000005f52602260045260245ffd5b91607f1691610907565b90601f7fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffe0910116810190811067ffffffffffffffff82111761098a57604052565b7f4e487b71000000000000000000000000000000000000000000000000000000005f52604160045260245ffd5b3d15610a0f573d9067ffffffffffffffff821161098a5760405191610a0460207fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffe0601f8401160184610949565b82523d5f602084013e565b606090565b73ffffffffffffffffffffffffffffffffffffffff7f0000000000000000000000000000000000000000000000000000000000000000169081330361107a575f9160ff5f54166003811461101c57600454348101809111610fef5760045560055460018101809111610fef5760055560018103610d50575060065460018101809111610d2357908391600655600154813b156101fc5782916024839260405195869384927f8e19899e00000000000000000000000000000000000000000000000000000000845260048401525af19182610d0e575b5050610ccb57610af76109b7565b9182519067ffffffffffffffff8211610c9e57610b156008546108f8565b601f8111610c2f575b50602090601f8311600114610b76579382939492610b6b575b50507fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff8260011b9260031b1c191617600855565b015190505f80610b37565b907fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffe0831694600883527ff3f7a9fe364faab93b216da50a3214154f22a0a2b415b23a84c8169e8b636ee3925b868110610c175750836001959610610be0575b505050811b01600855565b01517fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff60f88460031b161c191690555f8080610bd5565b91926020600181928685015181550194019201610bc2565b82811115610b1e5760088252601f830160051c9060208410610c96575b601f82910160051c0390825b828110610c66575050610b1e565b80847ff3f7a9fe364faab93b216da50a3214154f22a0a2b415b23a84c8169e8b636ee36001938501015501610c58565b829150610c4c565b807f4e487b7100000000000000000000000000000000000000000000000000000000602492526041600452fd5b906007549060018201809211610ce15750600755565b807f4e487b7100000000000000000000000000000000000000000000000000000000602492526011600452fd5b81610d1891610949565b6101fc57825f610ae9565b6024847f4e487b710000000000000000000000000000000000000000000000000000000081526011600452fd5b909290600214610d5f57509050565b60065460018101809111610fef57600655600154926002549060035460209560405191610d8c8884610949565b5f83525f368137833b156108f4579391906040519485937f1830e0f300000000000000000000000000000000000000000000000000000000855260848501926004860152602485015260448401526080606484015281518091528760a484019201905f5b89828210610fd8575050505091815f81819503925af19081610fc3575b50610fab57610e1a6109b7565b9081519167ffffffffffffffff8311610f7e57610e386008546108f8565b601f8111610f10575b508491601f8411600114610e8c578394955092610b6b5750507fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff8260011b9260031b1c191617600855565b91907fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffe0841695600884527ff3f7a9fe364faab93b216da50a3214154f22a0a2b415b23a84c8169e8b636ee393905b878210610ef8575050836001959610610be057505050811b01600855565b80600185968294968601518155019501930190610eda565b83811115610e415760088352601f840160051c90868510610f76575b601f82910160051c0390835b828110610f46575050610e41565b80857ff3f7a9fe364faab93b216da50a3214154f22a0a2b415b23a84c8169e8b636ee36001938501015501610f38565b839150610f2c565b6024827f4e487b710000000000000000000000000000000000000000000000000000000081526041600452fd5b9091506007549060018201809211610ce15750600755565b610fd09192505f90610949565b5f905f610e0d565b835185528795509384019390920191600101610df0565b7f4e487b71000000000000000000000000000000000000000000000000000000005f52601160045260245ffd5b60646040517f08c379a000000000000000000000000000000000000000000000000000000000815260206004820152600e60248201527f77616c6c657420726566757365730000000000000000000000000000000000006044820152fd5b905056",
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
