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

// BurnRequest is an auto generated low-level Go binding around an user-defined struct.
type BurnRequest struct {
	Id     [32]byte
	Secret [32]byte
	Index  *big.Int
	Proof  [][32]byte
}

// WalletMetaData contains all meta data concerning the Wallet contract.
var WalletMetaData = bind.MetaData{
	ABI: "[{\"inputs\":[{\"internalType\":\"contractIPostage\",\"name\":\"postage_\",\"type\":\"address\"}],\"stateMutability\":\"nonpayable\",\"type\":\"constructor\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"id\",\"type\":\"bytes32\"},{\"internalType\":\"bytes32\",\"name\":\"secret\",\"type\":\"bytes32\"},{\"internalType\":\"uint256\",\"name\":\"index\",\"type\":\"uint256\"},{\"internalType\":\"bytes32[]\",\"name\":\"proof\",\"type\":\"bytes32[]\"}],\"name\":\"burn\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"components\":[{\"internalType\":\"bytes32\",\"name\":\"id\",\"type\":\"bytes32\"},{\"internalType\":\"bytes32\",\"name\":\"secret\",\"type\":\"bytes32\"},{\"internalType\":\"uint256\",\"name\":\"index\",\"type\":\"uint256\"},{\"internalType\":\"bytes32[]\",\"name\":\"proof\",\"type\":\"bytes32[]\"}],\"internalType\":\"structBurnRequest[]\",\"name\":\"requests\",\"type\":\"tuple[]\"}],\"name\":\"burnBatch\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"lastReentryError\",\"outputs\":[{\"internalType\":\"bytes\",\"name\":\"\",\"type\":\"bytes\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"root\",\"type\":\"bytes32\"},{\"internalType\":\"uint32\",\"name\":\"leaves\",\"type\":\"uint32\"},{\"internalType\":\"uint96\",\"name\":\"bountyPerLeaf\",\"type\":\"uint96\"}],\"name\":\"makeDeposit\",\"outputs\":[{\"internalType\":\"bytes32\",\"name\":\"\",\"type\":\"bytes32\"}],\"stateMutability\":\"payable\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"mode\",\"outputs\":[{\"internalType\":\"uint8\",\"name\":\"\",\"type\":\"uint8\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"payments\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"postage\",\"outputs\":[{\"internalType\":\"contractIPostage\",\"name\":\"\",\"type\":\"address\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"received\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"reentryAttempts\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"reentryId\",\"outputs\":[{\"internalType\":\"bytes32\",\"name\":\"\",\"type\":\"bytes32\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"reentryIndex\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"reentrySecret\",\"outputs\":[{\"internalType\":\"bytes32\",\"name\":\"\",\"type\":\"bytes32\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"reentrySuccesses\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint8\",\"name\":\"mode_\",\"type\":\"uint8\"},{\"internalType\":\"bytes32\",\"name\":\"id\",\"type\":\"bytes32\"},{\"internalType\":\"bytes32\",\"name\":\"secret\",\"type\":\"bytes32\"},{\"internalType\":\"uint256\",\"name\":\"index\",\"type\":\"uint256\"}],\"name\":\"setMode\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"id\",\"type\":\"bytes32\"}],\"name\":\"startWithdrawal\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32[]\",\"name\":\"ids\",\"type\":\"bytes32[]\"}],\"name\":\"startWithdrawals\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"id\",\"type\":\"bytes32\"}],\"name\":\"withdraw\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32[]\",\"name\":\"ids\",\"type\":\"bytes32[]\"}],\"name\":\"withdrawMany\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"stateMutability\":\"payable\",\"type\":\"receive\"}]",
	ID:  "Wallet",
	Bin: "0x60a0346100a257601f6117ae38819003918201601f19168301916001600160401b038311848410176100a6578084926020946040528339810103126100a257516001600160a01b03811681036100a2576080526040516116f390816100bb823960805181818161019d0152818161030401528181610494015281816105e101528181610698015281816108e2015281816109d001528181610bdf0152610e370152f35b5f80fd5b634e487b7160e01b5f52604160045260245ffdfe6080806040526004361015610024575b50361561001a575f80fd5b610022610e20565b005b5f905f3560e01c90816301b2156a14610b97575080630e2cae5314610b5b57806316943632146109665780631830e0f31461087a5780632118d19f1461083e578063295a52121461080057806332a6f6d1146106bc5780636af20da11461064d5780636c0acc1b14610579578063773917da1461053d57806383a6deb5146105015780638e19899e1461044c5780638f58c0d414610410578063a6d23e10146103d4578063a8745cd214610398578063ca9aa82e1461029c578063d1b3561e146102225763e9c42ff90361000f5760607ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffc36011261021f5760243563ffffffff8116809103610206576044356bffffffffffffffffffffffff811680910361021d57604051917fe9c42ff90000000000000000000000000000000000000000000000000000000083526004356004840152602483015260448201526020816064813473ffffffffffffffffffffffffffffffffffffffff7f0000000000000000000000000000000000000000000000000000000000000000165af19081156102125782916101d8575b602082604051908152f35b90506020813d60201161020a575b816101f360209383610ce5565b810103126102065760209150515f6101cd565b5080fd5b3d91506101e6565b6040513d84823e3d90fd5b825b80fd5b503461021f5760807ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffc36011261021f5760043560ff8116809103610206577fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff0082541617815560243560015560443560025560643560035580f35b503461021f5760207ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffc36011261021f578060043567ffffffffffffffff8111610395576102ed903690600401610c63565b73ffffffffffffffffffffffffffffffffffffffff7f00000000000000000000000000000000000000000000000000000000000000001691823b1561039257610370928492836040518096819582947fca9aa82e000000000000000000000000000000000000000000000000000000008452602060048501526024840191610d53565b03925af18015610212576103815750f35b8161038b91610ce5565b61021f5780f35b50505b50fd5b503461021f57807ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffc36011261021f576020600654604051908152f35b503461021f57807ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffc36011261021f576020600554604051908152f35b503461021f57807ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffc36011261021f576020600754604051908152f35b503461021f5760207ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffc36011261021f578073ffffffffffffffffffffffffffffffffffffffff7f000000000000000000000000000000000000000000000000000000000000000016803b15610395578180916024604051809481937f8e19899e00000000000000000000000000000000000000000000000000000000835260043560048401525af18015610212576103815750f35b503461021f57807ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffc36011261021f576020600454604051908152f35b503461021f57807ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffc36011261021f576020600154604051908152f35b503461021f5760207ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffc36011261021f578060043567ffffffffffffffff8111610395576105ca903690600401610c63565b73ffffffffffffffffffffffffffffffffffffffff7f00000000000000000000000000000000000000000000000000000000000000001691823b1561039257610370928492836040518096819582947f6c0acc1b000000000000000000000000000000000000000000000000000000008452602060048501526024840191610d53565b503461021f57807ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffc36011261021f57602060405173ffffffffffffffffffffffffffffffffffffffff7f0000000000000000000000000000000000000000000000000000000000000000168152f35b503461021f57807ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffc36011261021f57604051600854826106fb82610c94565b8084526020840192600181169081156107c85750600114610770575b50601f839261074b6040957fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffe0940385610ce5565b8451958694602086525180928160208801528787015e85828601015201168101030190f35b600885528491507ff3f7a9fe364faab93b216da50a3214154f22a0a2b415b23a84c8169e8b636ee35b8183106107ae5750508201602001601f610717565b600181602092949394548385890101520191019190610799565b7fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff0016845250151560051b83016020019050601f610717565b503461021f57807ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffc36011261021f5760ff6020915416604051908152f35b503461021f57807ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffc36011261021f576020600354604051908152f35b503461021f5760807ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffc36011261021f578060643567ffffffffffffffff8111610395576108cb903690600401610c63565b73ffffffffffffffffffffffffffffffffffffffff7f00000000000000000000000000000000000000000000000000000000000000001691823b1561039257610370928492836040518096819582947f1830e0f3000000000000000000000000000000000000000000000000000000008452600435600485015260243560248501526044356044850152608060648501526084840191610d53565b503461021f5760207ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffc36011261021f5760043567ffffffffffffffff8111610206576109b6903690600401610c63565b73ffffffffffffffffffffffffffffffffffffffff9291927f000000000000000000000000000000000000000000000000000000000000000016803b1561021d57604051917f1694363200000000000000000000000000000000000000000000000000000000835280602484016020600486015252604483019460448260051b850101918186907fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff81813603015b838310610a84578880898181808b0381838e5af18015610212576103815750f35b90919293947fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffbc888203018a52853582811215610b5757830180358252602081013560208301526040810135604083015260608101357fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffe182360301811215610b5357016020813591019167ffffffffffffffff8211610b53578160051b36038313610b5357610b42600193602093608084816060889701520191610d53565b97019a019301919098939298610a63565b8a80fd5b8980fd5b503461021f57807ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffc36011261021f576020600254604051908152f35b905034610c5f5760207ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffc360112610c5f5773ffffffffffffffffffffffffffffffffffffffff7f000000000000000000000000000000000000000000000000000000000000000016803b15610c5f57816024815f80947f01b2156a00000000000000000000000000000000000000000000000000000000835260043560048401525af18015610c5457610c48575080f35b61002291505f90610ce5565b6040513d5f823e3d90fd5b5f80fd5b9181601f84011215610c5f5782359167ffffffffffffffff8311610c5f576020808501948460051b010111610c5f57565b90600182811c92168015610cdb575b6020831014610cae57565b7f4e487b71000000000000000000000000000000000000000000000000000000005f52602260045260245ffd5b91607f1691610ca3565b90601f7fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffe0910116810190811067ffffffffffffffff821117610d2657604052565b7f4e487b71000000000000000000000000000000000000000000000000000000005f52604160045260245ffd5b90918281527f07ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff8311610c5f5760209260051b809284830137010190565b90602080835192838152019201905f5b818110610dad5750505090565b8251845260209384019390920191600101610da0565b3d15610e1b573d9067ffffffffffffffff8211610d265760405191610e1060207fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffe0601f8401160184610ce5565b82523d5f602084013e565b606090565b73ffffffffffffffffffffffffffffffffffffffff7f000000000000000000000000000000000000000000000000000000000000000016908133036116ef575f9160ff5f541660038114611691576004543481018091116116645760045560055460018101809111611664576005556001810361115c57506006546001810180911161112f57908391600655600154813b1561021d5782916024839260405195869384927f8e19899e00000000000000000000000000000000000000000000000000000000845260048401525af1918261111a575b50506110d757610f03610dc3565b9182519067ffffffffffffffff82116110aa57610f21600854610c94565b601f811161103b575b50602090601f8311600114610f82579382939492610f77575b50507fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff8260011b9260031b1c191617600855565b015190505f80610f43565b907fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffe0831694600883527ff3f7a9fe364faab93b216da50a3214154f22a0a2b415b23a84c8169e8b636ee3925b8681106110235750836001959610610fec575b505050811b01600855565b01517fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff60f88460031b161c191690555f8080610fe1565b91926020600181928685015181550194019201610fce565b82811115610f2a5760088252601f830160051c90602084106110a2575b601f82910160051c0390825b828110611072575050610f2a565b80847ff3f7a9fe364faab93b216da50a3214154f22a0a2b415b23a84c8169e8b636ee36001938501015501611064565b829150611058565b807f4e487b7100000000000000000000000000000000000000000000000000000000602492526041600452fd5b9060075490600182018092116110ed5750600755565b807f4e487b7100000000000000000000000000000000000000000000000000000000602492526011600452fd5b8161112491610ce5565b61021d57825f610ef5565b6024847f4e487b710000000000000000000000000000000000000000000000000000000081526011600452fd5b909290600281036114025750600654600181018091116113d5576006556001546002549360035490602095604051936111958886610ce5565b8585525f368137823b156113d157918593918480946111fa604051988996879586947f1830e0f3000000000000000000000000000000000000000000000000000000008652600486015260248501526044840152608060648401526084830190610d90565b03925af191826113bc575b50506113a457611213610dc3565b9081519167ffffffffffffffff831161137757611231600854610c94565b601f8111611309575b508491601f8411600114611285578394955092610f775750507fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff8260011b9260031b1c191617600855565b91907fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffe0841695600884527ff3f7a9fe364faab93b216da50a3214154f22a0a2b415b23a84c8169e8b636ee393905b8782106112f1575050836001959610610fec57505050811b01600855565b806001859682949686015181550195019301906112d3565b8381111561123a5760088352601f840160051c9086851061136f575b601f82910160051c0390835b82811061133f57505061123a565b80857ff3f7a9fe364faab93b216da50a3214154f22a0a2b415b23a84c8169e8b636ee36001938501015501611331565b839150611325565b6024827f4e487b710000000000000000000000000000000000000000000000000000000081526041600452fd5b90915060075490600182018092116110ed5750600755565b816113c691610ce5565b61020657815f611205565b8580fd5b6024827f4e487b710000000000000000000000000000000000000000000000000000000081526011600452fd5b90929060041461141157509050565b600654600181018091116116645760065560405190611431606083610ce5565b600282526020820160403682376001549083511561163757819052825160011015611637576040830152803b15610c5f576114a75f929183926040519485809481937fca9aa82e000000000000000000000000000000000000000000000000000000008352602060048401526024830190610d90565b03925af19081611622575b506110d7576114bf610dc3565b9182519067ffffffffffffffff82116110aa576114dd600854610c94565b601f81116115b3575b50602090601f8311600114611532579382939492610f775750507fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff8260011b9260031b1c191617600855565b907fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffe0831694600883527ff3f7a9fe364faab93b216da50a3214154f22a0a2b415b23a84c8169e8b636ee3925b86811061159b5750836001959610610fec57505050811b01600855565b9192602060018192868501518155019401920161157e565b828111156114e65760088252601f830160051c906020841061161a575b601f82910160051c0390825b8281106115ea5750506114e6565b80847ff3f7a9fe364faab93b216da50a3214154f22a0a2b415b23a84c8169e8b636ee360019385010155016115dc565b8291506115d0565b61162f9193505f90610ce5565b5f915f6114b2565b7f4e487b71000000000000000000000000000000000000000000000000000000005f52603260045260245ffd5b7f4e487b71000000000000000000000000000000000000000000000000000000005f52601160045260245ffd5b60646040517f08c379a000000000000000000000000000000000000000000000000000000000815260206004820152600e60248201527f77616c6c657420726566757365730000000000000000000000000000000000006044820152fd5b905056",
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

// PackBurnBatch is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x16943632.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function burnBatch((bytes32,bytes32,uint256,bytes32[])[] requests) returns()
func (wallet *Wallet) PackBurnBatch(requests []BurnRequest) []byte {
	enc, err := wallet.abi.Pack("burnBatch", requests)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackBurnBatch is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x16943632.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function burnBatch((bytes32,bytes32,uint256,bytes32[])[] requests) returns()
func (wallet *Wallet) TryPackBurnBatch(requests []BurnRequest) ([]byte, error) {
	return wallet.abi.Pack("burnBatch", requests)
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

// PackStartWithdrawals is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x6c0acc1b.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function startWithdrawals(bytes32[] ids) returns()
func (wallet *Wallet) PackStartWithdrawals(ids [][32]byte) []byte {
	enc, err := wallet.abi.Pack("startWithdrawals", ids)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackStartWithdrawals is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x6c0acc1b.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function startWithdrawals(bytes32[] ids) returns()
func (wallet *Wallet) TryPackStartWithdrawals(ids [][32]byte) ([]byte, error) {
	return wallet.abi.Pack("startWithdrawals", ids)
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

// PackWithdrawMany is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xca9aa82e.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function withdrawMany(bytes32[] ids) returns()
func (wallet *Wallet) PackWithdrawMany(ids [][32]byte) []byte {
	enc, err := wallet.abi.Pack("withdrawMany", ids)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackWithdrawMany is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xca9aa82e.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function withdrawMany(bytes32[] ids) returns()
func (wallet *Wallet) TryPackWithdrawMany(ids [][32]byte) ([]byte, error) {
	return wallet.abi.Pack("withdrawMany", ids)
}
