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

// PostageBurnRequest is an auto generated low-level Go binding around an user-defined struct.
type PostageBurnRequest struct {
	Id     [32]byte
	Secret [32]byte
	Index  *big.Int
	Proof  [][32]byte
}

// PostageDepositInfo is an auto generated low-level Go binding around an user-defined struct.
type PostageDepositInfo struct {
	Creator             common.Address
	Value               *big.Int
	Leaves              uint32
	BountyPerLeaf       *big.Int
	CreatedAt           uint64
	WithdrawalStartedAt uint64
	UnlockAt            uint64
	BurnedLeaves        uint32
	Share               *big.Int
	Remaining           *big.Int
	Status              uint8
}

// PostageMetaData contains all meta data concerning the Postage contract.
var PostageMetaData = bind.MetaData{
	ABI: "[{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"delay_\",\"type\":\"uint64\"}],\"stateMutability\":\"nonpayable\",\"type\":\"constructor\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"bountyPerLeaf\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"share\",\"type\":\"uint256\"}],\"name\":\"BountyTooLarge\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"id\",\"type\":\"bytes32\"}],\"name\":\"DepositExists\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"id\",\"type\":\"bytes32\"}],\"name\":\"DepositWithdrawn\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"EmptyBatch\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"id\",\"type\":\"bytes32\"},{\"internalType\":\"uint256\",\"name\":\"index\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"leaves\",\"type\":\"uint256\"}],\"name\":\"IndexOutOfRange\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"delay\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"maxDelay\",\"type\":\"uint256\"}],\"name\":\"InvalidDelay\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"leaves\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"maxLeaves\",\"type\":\"uint256\"}],\"name\":\"InvalidLeafCount\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"id\",\"type\":\"bytes32\"},{\"internalType\":\"uint256\",\"name\":\"index\",\"type\":\"uint256\"}],\"name\":\"InvalidProof\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"id\",\"type\":\"bytes32\"},{\"internalType\":\"uint256\",\"name\":\"index\",\"type\":\"uint256\"}],\"name\":\"LeafAlreadyBurned\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"id\",\"type\":\"bytes32\"},{\"internalType\":\"address\",\"name\":\"caller\",\"type\":\"address\"},{\"internalType\":\"address\",\"name\":\"creator\",\"type\":\"address\"}],\"name\":\"NotCreator\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"index\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"leaves\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"proofLength\",\"type\":\"uint256\"}],\"name\":\"ProofLengthMismatch\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"to\",\"type\":\"address\"},{\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"}],\"name\":\"TransferFailed\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"id\",\"type\":\"bytes32\"}],\"name\":\"UnknownDeposit\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"value\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"maxValue\",\"type\":\"uint256\"}],\"name\":\"ValueTooLarge\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"id\",\"type\":\"bytes32\"},{\"internalType\":\"uint64\",\"name\":\"unlockAt\",\"type\":\"uint64\"}],\"name\":\"WithdrawalAlreadyStarted\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"id\",\"type\":\"bytes32\"},{\"internalType\":\"uint64\",\"name\":\"unlockAt\",\"type\":\"uint64\"},{\"internalType\":\"uint64\",\"name\":\"now_\",\"type\":\"uint64\"}],\"name\":\"WithdrawalLocked\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"id\",\"type\":\"bytes32\"}],\"name\":\"WithdrawalNotStarted\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"value\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"leaves\",\"type\":\"uint256\"}],\"name\":\"ZeroShare\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"ZeroValue\",\"type\":\"error\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"bytes32\",\"name\":\"id\",\"type\":\"bytes32\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"index\",\"type\":\"uint256\"},{\"indexed\":false,\"internalType\":\"bytes32\",\"name\":\"secret\",\"type\":\"bytes32\"},{\"indexed\":false,\"internalType\":\"address\",\"name\":\"submitter\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"burnedAmount\",\"type\":\"uint256\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"bounty\",\"type\":\"uint256\"}],\"name\":\"Burned\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"bytes32\",\"name\":\"id\",\"type\":\"bytes32\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"creator\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"bytes32\",\"name\":\"root\",\"type\":\"bytes32\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"value\",\"type\":\"uint256\"},{\"indexed\":false,\"internalType\":\"uint32\",\"name\":\"leaves\",\"type\":\"uint32\"},{\"indexed\":false,\"internalType\":\"uint96\",\"name\":\"bountyPerLeaf\",\"type\":\"uint96\"}],\"name\":\"Deposited\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"bytes32\",\"name\":\"id\",\"type\":\"bytes32\"},{\"indexed\":false,\"internalType\":\"uint64\",\"name\":\"unlockAt\",\"type\":\"uint64\"}],\"name\":\"WithdrawalStarted\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"bytes32\",\"name\":\"id\",\"type\":\"bytes32\"},{\"indexed\":false,\"internalType\":\"address\",\"name\":\"creator\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"}],\"name\":\"Withdrawn\",\"type\":\"event\"},{\"inputs\":[],\"name\":\"MAX_DELAY\",\"outputs\":[{\"internalType\":\"uint64\",\"name\":\"\",\"type\":\"uint64\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"MAX_LEAVES\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"id\",\"type\":\"bytes32\"},{\"internalType\":\"bytes32\",\"name\":\"secret\",\"type\":\"bytes32\"},{\"internalType\":\"uint256\",\"name\":\"index\",\"type\":\"uint256\"},{\"internalType\":\"bytes32[]\",\"name\":\"proof\",\"type\":\"bytes32[]\"}],\"name\":\"burn\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"components\":[{\"internalType\":\"bytes32\",\"name\":\"id\",\"type\":\"bytes32\"},{\"internalType\":\"bytes32\",\"name\":\"secret\",\"type\":\"bytes32\"},{\"internalType\":\"uint256\",\"name\":\"index\",\"type\":\"uint256\"},{\"internalType\":\"bytes32[]\",\"name\":\"proof\",\"type\":\"bytes32[]\"}],\"internalType\":\"structPostage.BurnRequest[]\",\"name\":\"requests\",\"type\":\"tuple[]\"}],\"name\":\"burnBatch\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"leaf\",\"type\":\"bytes32\"},{\"internalType\":\"uint256\",\"name\":\"index\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"leaves\",\"type\":\"uint256\"},{\"internalType\":\"bytes32[]\",\"name\":\"proof\",\"type\":\"bytes32[]\"}],\"name\":\"computeRoot\",\"outputs\":[{\"internalType\":\"bytes32\",\"name\":\"h\",\"type\":\"bytes32\"}],\"stateMutability\":\"pure\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"delay\",\"outputs\":[{\"internalType\":\"uint64\",\"name\":\"\",\"type\":\"uint64\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"creator\",\"type\":\"address\"},{\"internalType\":\"bytes32\",\"name\":\"root\",\"type\":\"bytes32\"}],\"name\":\"depositId\",\"outputs\":[{\"internalType\":\"bytes32\",\"name\":\"\",\"type\":\"bytes32\"}],\"stateMutability\":\"pure\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"id\",\"type\":\"bytes32\"}],\"name\":\"getDeposit\",\"outputs\":[{\"components\":[{\"internalType\":\"address\",\"name\":\"creator\",\"type\":\"address\"},{\"internalType\":\"uint96\",\"name\":\"value\",\"type\":\"uint96\"},{\"internalType\":\"uint32\",\"name\":\"leaves\",\"type\":\"uint32\"},{\"internalType\":\"uint96\",\"name\":\"bountyPerLeaf\",\"type\":\"uint96\"},{\"internalType\":\"uint64\",\"name\":\"createdAt\",\"type\":\"uint64\"},{\"internalType\":\"uint64\",\"name\":\"withdrawalStartedAt\",\"type\":\"uint64\"},{\"internalType\":\"uint64\",\"name\":\"unlockAt\",\"type\":\"uint64\"},{\"internalType\":\"uint32\",\"name\":\"burnedLeaves\",\"type\":\"uint32\"},{\"internalType\":\"uint96\",\"name\":\"share\",\"type\":\"uint96\"},{\"internalType\":\"uint96\",\"name\":\"remaining\",\"type\":\"uint96\"},{\"internalType\":\"enumPostage.Status\",\"name\":\"status\",\"type\":\"uint8\"}],\"internalType\":\"structPostage.DepositInfo\",\"name\":\"info\",\"type\":\"tuple\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"id\",\"type\":\"bytes32\"},{\"internalType\":\"uint256\",\"name\":\"index\",\"type\":\"uint256\"}],\"name\":\"isBurned\",\"outputs\":[{\"internalType\":\"bool\",\"name\":\"\",\"type\":\"bool\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"secret\",\"type\":\"bytes32\"}],\"name\":\"leafHash\",\"outputs\":[{\"internalType\":\"bytes32\",\"name\":\"leaf\",\"type\":\"bytes32\"}],\"stateMutability\":\"pure\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"root\",\"type\":\"bytes32\"},{\"internalType\":\"uint32\",\"name\":\"leaves\",\"type\":\"uint32\"},{\"internalType\":\"uint96\",\"name\":\"bountyPerLeaf\",\"type\":\"uint96\"}],\"name\":\"makeDeposit\",\"outputs\":[{\"internalType\":\"bytes32\",\"name\":\"id\",\"type\":\"bytes32\"}],\"stateMutability\":\"payable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"left\",\"type\":\"bytes32\"},{\"internalType\":\"bytes32\",\"name\":\"right\",\"type\":\"bytes32\"}],\"name\":\"nodeHash\",\"outputs\":[{\"internalType\":\"bytes32\",\"name\":\"node\",\"type\":\"bytes32\"}],\"stateMutability\":\"pure\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"id\",\"type\":\"bytes32\"}],\"name\":\"startWithdrawal\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"id\",\"type\":\"bytes32\"}],\"name\":\"withdraw\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"}]",
	ID:  "Postage",
	Bin: "0x60a060405234801561000f575f5ffd5b50604051611f18380380611f1883398101604081905261002e91610098565b6001600160401b0381161580610050575063bbf81e006001600160401b038216115b156100875760405163d474bb7f60e01b81526001600160401b038216600482015263bbf81e00602482015260440160405180910390fd5b6001600160401b03166080526100c5565b5f602082840312156100a8575f5ffd5b81516001600160401b03811681146100be575f5ffd5b9392505050565b608051611e1f6100f95f395f818161020f0152818161040501528181610593015281816108650152610bcc0152611e1f5ff3fe6080604052600436106100d9575f3560e01c806365cff4701161007c5780638e19899e116100575780638e19899e1461025d578063906f4d9c1461027c578063e1060759146102ab578063e9c42ff9146102ca575f5ffd5b806365cff470146101df5780636a42b8f8146101fe5780637a86983f14610231575f5ffd5b80631830e0f3116100b75780631830e0f3146101465780632ba0842e146101655780634125ff901461019057806359c99302146101c0575f5ffd5b806301b2156a146100dd578063082febf0146100fe5780631694363214610127575b5f5ffd5b3480156100e8575f5ffd5b506100fc6100f736600461191f565b6102dd565b005b348015610109575f5ffd5b506101146210000081565b6040519081526020015b60405180910390f35b348015610132575f5ffd5b506100fc61014136600461197e565b6105d9565b348015610151575f5ffd5b506100fc6101603660046119bd565b610691565b348015610170575f5ffd5b5061011461017f36600461191f565b5f8080526001919091526021902090565b34801561019b575f5ffd5b506101a763bbf81e0081565b60405167ffffffffffffffff909116815260200161011e565b3480156101cb575f5ffd5b506101146101da366004611a19565b6106b9565b3480156101ea575f5ffd5b506101146101f9366004611a5b565b610713565b348015610209575f5ffd5b506101a77f000000000000000000000000000000000000000000000000000000000000000081565b34801561023c575f5ffd5b5061025061024b36600461191f565b610730565b60405161011e9190611ae1565b348015610268575f5ffd5b506100fc61027736600461191f565b610a28565b348015610287575f5ffd5b5061029b610296366004611a5b565b610d24565b604051901515815260200161011e565b3480156102b6575f5ffd5b506101146102c53660046119bd565b610ea6565b6101146102d8366004611c23565b61106b565b5f818152602081905260408120600181015490917c010000000000000000000000000000000000000000000000000000000090910460ff169081600381111561032857610328611a7b565b03610367576040517f6425605c000000000000000000000000000000000000000000000000000000008152600481018490526024015b60405180910390fd5b815473ffffffffffffffffffffffffffffffffffffffff1633146103df5781546040517ff96b3ee10000000000000000000000000000000000000000000000000000000081526004810185905233602482015273ffffffffffffffffffffffffffffffffffffffff909116604482015260640161035e565b60028160038111156103f3576103f3611a7b565b0361048b5760018201548390610446907f00000000000000000000000000000000000000000000000000000000000000009071010000000000000000000000000000000000900464ffffffffff16611ca7565b6040517faf0c846f000000000000000000000000000000000000000000000000000000008152600481019290925267ffffffffffffffff16602482015260440161035e565b600381600381111561049f5761049f611a7b565b036104d9576040517fdfdf53390000000000000000000000000000000000000000000000000000000081526004810184905260240161035e565b6001820180547fffffff00ffffffffffff0000000000ffffffffffffffffffffffffffffffffff16710100000000000000000000000000000000004264ffffffffff8116919091027fffffff00ffffffffffffffffffffffffffffffffffffffffffffffffffffffff16919091177c02000000000000000000000000000000000000000000000000000000001790915583907f6f08646d7d22118d9b5d7dc4a1aec14997b0a91e31fdaecdabbb3a850068c28b906105b8907f000000000000000000000000000000000000000000000000000000000000000090611ca7565b60405167ffffffffffffffff909116815260200160405180910390a2505050565b5f819003610613576040517fc2e5347d00000000000000000000000000000000000000000000000000000000815260040160405180910390fd5b5f805b8281101561067b573684848381811061063157610631611cc7565b90506020028101906106439190611cf4565b90506106668135602083013560408401356106616060860186611d30565b6113e6565b6106709084611d94565b925050600101610616565b50801561068c5761068c338261182a565b505050565b5f61069f86868686866113e6565b905080156106b1576106b1338261182a565b505050505050565b6040517fffffffffffffffffffffffffffffffffffffffff000000000000000000000000606084901b166020820152603481018290525f906054016040516020818303038152906040528051906020012090505b92915050565b5f6040516001815360018101939093525060218201526041902090565b61078c60408051610160810182525f80825260208201819052918101829052606081018290526080810182905260a0810182905260c0810182905260e08101829052610100810182905261012081018290529061014082015290565b5f8281526020818152604091829020805473ffffffffffffffffffffffffffffffffffffffff811685526bffffffffffffffffffffffff74010000000000000000000000000000000000000000909104811692850192909252600181015462ffffff76010000000000000000000000000000000000000000000082041693850193909352908216606084015264ffffffffff6c010000000000000000000000008304811660808501527101000000000000000000000000000000000090920490911660a08301819052156108b65760018101546108a6907f00000000000000000000000000000000000000000000000000000000000000009071010000000000000000000000000000000000900464ffffffffff16611ca7565b67ffffffffffffffff1660c08301525b600181015462ffffff7901000000000000000000000000000000000000000000000000008204811660e0850152760100000000000000000000000000000000000000000000909104161561096f576001810154815461095a91760100000000000000000000000000000000000000000000900462ffffff16907401000000000000000000000000000000000000000090046bffffffffffffffffffffffff16611dd4565b6bffffffffffffffffffffffff166101008301525b60018101546101408301907c0100000000000000000000000000000000000000000000000000000000900460ff1660038111156109ae576109ae611a7b565b908160038111156109c1576109c1611a7b565b905250600182610140015160038111156109dd576109dd611a7b565b14806109ff5750600282610140015160038111156109fd576109fd611a7b565b145b15610a2257610a0d8161188b565b6bffffffffffffffffffffffff166101208301525b50919050565b5f818152602081905260408120600181015490917c010000000000000000000000000000000000000000000000000000000090910460ff1690816003811115610a7357610a73611a7b565b03610aad576040517f6425605c0000000000000000000000000000000000000000000000000000000081526004810184905260240161035e565b815473ffffffffffffffffffffffffffffffffffffffff16338114610b23576040517ff96b3ee10000000000000000000000000000000000000000000000000000000081526004810185905233602482015273ffffffffffffffffffffffffffffffffffffffff8216604482015260640161035e565b6001826003811115610b3757610b37611a7b565b03610b71576040517f3b7a74e50000000000000000000000000000000000000000000000000000000081526004810185905260240161035e565b6003826003811115610b8557610b85611a7b565b03610bbf576040517fdfdf53390000000000000000000000000000000000000000000000000000000081526004810185905260240161035e565b60018301545f90610c0d907f00000000000000000000000000000000000000000000000000000000000000009071010000000000000000000000000000000000900464ffffffffff16611ca7565b90508067ffffffffffffffff164211610c6d576040517f257258070000000000000000000000000000000000000000000000000000000081526004810186905267ffffffffffffffff80831660248301524216604482015260640161035e565b6001840180547fffffff00ffffffffffffffffffffffffffffffffffffffffffffffffffffffff167c03000000000000000000000000000000000000000000000000000000001790555f610cc08561188b565b6040805173ffffffffffffffffffffffffffffffffffffffff861681526020810183905291925087917f04eda370f8b8612fa7266d7ebbd41af9d694e19793fe9d9ff31b3ddbd99b08e1910160405180910390a280156106b1576106b1838261182a565b5f8281526020819052604081208160018201547c0100000000000000000000000000000000000000000000000000000000900460ff166003811115610d6b57610d6b611a7b565b03610da5576040517f6425605c0000000000000000000000000000000000000000000000000000000081526004810185905260240161035e565b6001810154760100000000000000000000000000000000000000000000900462ffffff168310610e355760018101546040517f24345e87000000000000000000000000000000000000000000000000000000008152600481018690526024810185905276010000000000000000000000000000000000000000000090910462ffffff16604482015260640161035e565b6018831015610e77576001908101547d010000000000000000000000000000000000000000000000000000000000900490831b1662ffffff161515905061070d565b50505f918252600160208181526040808520600885901c86529091529092205460ff9091169190911b16151590565b5f838510610ef0576040517f24345e870000000000000000000000000000000000000000000000000000000081525f6004820152602481018690526044810185905260640161035e565b5084815f86865b60018111156110145781600116600103610f8457838303610f55576040517f577a6722000000000000000000000000000000000000000000000000000000008152600481018a9052602481018990526044810185905260640161035e565b610f77878785818110610f6a57610f6a611cc7565b9050602002013586610713565b9450826001019250611004565b8082600101101561100457838303610fd9576040517f577a6722000000000000000000000000000000000000000000000000000000008152600481018a9052602481018990526044810185905260640161035e565b610ffb85888886818110610fef57610fef611cc7565b90506020020135610713565b94508260010192505b600191821c91908101901c610ef7565b83831461105e576040517f577a6722000000000000000000000000000000000000000000000000000000008152600481018a9052602481018990526044810185905260640161035e565b5050505095945050505050565b5f345f036110a5576040517f7c946ed700000000000000000000000000000000000000000000000000000000815260040160405180910390fd5b6bffffffffffffffffffffffff3411156110ff576040517f280b172c0000000000000000000000000000000000000000000000000000000081523460048201526bffffffffffffffffffffffff602482015260440161035e565b63ffffffff8316158061111a5750621000008363ffffffff16115b15611162576040517f93432c2400000000000000000000000000000000000000000000000000000000815263ffffffff8416600482015262100000602482015260440161035e565b5f8363ffffffff16348161117857611178611da7565b049050805f036111c2576040517fbf7778f600000000000000000000000000000000000000000000000000000000815234600482015263ffffffff8516602482015260440161035e565b80836bffffffffffffffffffffffff161115611221576040517f1f27fa5a0000000000000000000000000000000000000000000000000000000081526bffffffffffffffffffffffff841660048201526024810182905260440161035e565b61122b33866106b9565b5f81815260208190526040902080549193509073ffffffffffffffffffffffffffffffffffffffff161561128e576040517fb0fe2b3f0000000000000000000000000000000000000000000000000000000081526004810184905260240161035e565b6bffffffffffffffffffffffff34818116740100000000000000000000000000000000000000000233908117845560018401805462ffffff8a16760100000000000000000000000000000000000000000000027fffffff00ffffffffffffffffffffffffffffffffffffffffffffffffffffffff1664ffffffffff42166c01000000000000000000000000027fffffffffffffffffffffffffffffff0000000000000000000000000000000000909216958a16958617919091177fffffff00ffffff000000ffffffffffffffffffffffffffffffffffffffffffff16177c0100000000000000000000000000000000000000000000000000000000179055604080518a8152602081019390935263ffffffff8916838201526060830193909352915185917f246a0a46e0855d2cbe6cd954e34f7453e9820d335adeb34f7d5df9eef4397357919081900360800190a350509392505050565b5f85815260208190526040812060018101547c0100000000000000000000000000000000000000000000000000000000900460ff168281600381111561142e5761142e611a7b565b03611468576040517f6425605c0000000000000000000000000000000000000000000000000000000081526004810189905260240161035e565b600381600381111561147c5761147c611a7b565b036114b6576040517fdfdf53390000000000000000000000000000000000000000000000000000000081526004810189905260240161035e565b6001820154760100000000000000000000000000000000000000000000900462ffffff16808710611524576040517f24345e87000000000000000000000000000000000000000000000000000000008152600481018a9052602481018890526044810182905260640161035e565b825473ffffffffffffffffffffffffffffffffffffffff165f61155e6115558b5f8080526001919091526021902090565b8a858b8b610ea6565b90508a61156b83836106b9565b146115ac576040517f613caff5000000000000000000000000000000000000000000000000000000008152600481018c9052602481018a905260440161035e565b601889101561168557600185810154908a1b907d010000000000000000000000000000000000000000000000000000000000900462ffffff818116918316161561162c576040517f5f9d2ab4000000000000000000000000000000000000000000000000000000008152600481018e9052602481018c905260440161035e565b6001870180547cffffffffffffffffffffffffffffffffffffffffffffffffffffffffff167d0100000000000000000000000000000000000000000000000000000000009390921762ffffff1692909202179055611707565b5f8b815260016020818152604080842060088e901c855291829052909220549060ff8c161b808216156116ee576040517f5f9d2ab4000000000000000000000000000000000000000000000000000000008152600481018f9052602481018d905260440161035e565b60088c901c5f9081526020939093526040909220911790555b6001858101805462ffffff7901000000000000000000000000000000000000000000000000008083048216909401169092027fffffffff000000ffffffffffffffffffffffffffffffffffffffffffffffffff8316811790915586546bffffffffffffffffffffffff9182169282169290921797505f9185917401000000000000000000000000000000000000000090910416816117a7576117a7611da7565b0490508b7f4774d41a7fefb5e148bf5373141dae03367b538b0ee094475b251e71e2eab9c58b8d336117d98c87611e0c565b60408051948552602085019390935273ffffffffffffffffffffffffffffffffffffffff91909116838301526060830152608082018b9052519081900360a00190a250505050505095945050505050565b5f5f5f5f5f85875af190508061068c576040517f1c43b97600000000000000000000000000000000000000000000000000000000815273ffffffffffffffffffffffffffffffffffffffff841660048201526024810183905260440161035e565b805460018201545f917401000000000000000000000000000000000000000090046bffffffffffffffffffffffff1690760100000000000000000000000000000000000000000000900462ffffff1681816118e8576118e8611da7565b60019094015462ffffff79010000000000000000000000000000000000000000000000000090910416930492909202909103919050565b5f6020828403121561192f575f5ffd5b5035919050565b5f5f83601f840112611946575f5ffd5b50813567ffffffffffffffff81111561195d575f5ffd5b6020830191508360208260051b8501011115611977575f5ffd5b9250929050565b5f5f6020838503121561198f575f5ffd5b823567ffffffffffffffff8111156119a5575f5ffd5b6119b185828601611936565b90969095509350505050565b5f5f5f5f5f608086880312156119d1575f5ffd5b853594506020860135935060408601359250606086013567ffffffffffffffff8111156119fc575f5ffd5b611a0888828901611936565b969995985093965092949392505050565b5f5f60408385031215611a2a575f5ffd5b823573ffffffffffffffffffffffffffffffffffffffff81168114611a4d575f5ffd5b946020939093013593505050565b5f5f60408385031215611a6c575f5ffd5b50508035926020909101359150565b7f4e487b71000000000000000000000000000000000000000000000000000000005f52602160045260245ffd5b60048110611add577f4e487b71000000000000000000000000000000000000000000000000000000005f52602160045260245ffd5b9052565b815173ffffffffffffffffffffffffffffffffffffffff16815261016081016020830151611b1f60208401826bffffffffffffffffffffffff169052565b506040830151611b37604084018263ffffffff169052565b506060830151611b5760608401826bffffffffffffffffffffffff169052565b506080830151611b73608084018267ffffffffffffffff169052565b5060a0830151611b8f60a084018267ffffffffffffffff169052565b5060c0830151611bab60c084018267ffffffffffffffff169052565b5060e0830151611bc360e084018263ffffffff169052565b50610100830151611be56101008401826bffffffffffffffffffffffff169052565b50610120830151611c076101208401826bffffffffffffffffffffffff169052565b50610140830151611c1c610140840182611aa8565b5092915050565b5f5f5f60608486031215611c35575f5ffd5b83359250602084013563ffffffff81168114611c4f575f5ffd5b915060408401356bffffffffffffffffffffffff81168114611c6f575f5ffd5b809150509250925092565b7f4e487b71000000000000000000000000000000000000000000000000000000005f52601160045260245ffd5b67ffffffffffffffff818116838216019081111561070d5761070d611c7a565b7f4e487b71000000000000000000000000000000000000000000000000000000005f52603260045260245ffd5b5f82357fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff81833603018112611d26575f5ffd5b9190910192915050565b5f5f83357fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffe1843603018112611d63575f5ffd5b83018035915067ffffffffffffffff821115611d7d575f5ffd5b6020019150600581901b3603821315611977575f5ffd5b8082018082111561070d5761070d611c7a565b7f4e487b71000000000000000000000000000000000000000000000000000000005f52601260045260245ffd5b5f82611e07577f4e487b71000000000000000000000000000000000000000000000000000000005f52601260045260245ffd5b500490565b8181038181111561070d5761070d611c7a56",
}

// Postage is an auto generated Go binding around an Ethereum contract.
type Postage struct {
	abi abi.ABI
}

// GetABI returns the ABI associated with this contract binding.
func (c *Postage) GetABI() abi.ABI {
	return c.abi
}

// NewPostage creates a new instance of Postage.
func NewPostage() *Postage {
	parsed, err := PostageMetaData.ParseABI()
	if err != nil {
		panic(errors.New("invalid ABI: " + err.Error()))
	}
	return &Postage{abi: *parsed}
}

// Instance creates a wrapper for a deployed contract instance at the given address.
// Use this to create the instance object passed to abigen v2 library functions Call, Transact, etc.
func (c *Postage) Instance(backend bind.ContractBackend, addr common.Address) *bind.BoundContract {
	return bind.NewBoundContract(addr, c.abi, backend, backend, backend)
}

// PackConstructor is the Go binding used to pack the parameters required for
// contract deployment.
//
// Solidity: constructor(uint64 delay_) returns()
func (postage *Postage) PackConstructor(delay_ uint64) []byte {
	enc, err := postage.abi.Pack("", delay_)
	if err != nil {
		panic(err)
	}
	return enc
}

// PackMAXDELAY is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x4125ff90.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function MAX_DELAY() view returns(uint64)
func (postage *Postage) PackMAXDELAY() []byte {
	enc, err := postage.abi.Pack("MAX_DELAY")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackMAXDELAY is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x4125ff90.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function MAX_DELAY() view returns(uint64)
func (postage *Postage) TryPackMAXDELAY() ([]byte, error) {
	return postage.abi.Pack("MAX_DELAY")
}

// UnpackMAXDELAY is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x4125ff90.
//
// Solidity: function MAX_DELAY() view returns(uint64)
func (postage *Postage) UnpackMAXDELAY(data []byte) (uint64, error) {
	out, err := postage.abi.Unpack("MAX_DELAY", data)
	if err != nil {
		return *new(uint64), err
	}
	out0 := *abi.ConvertType(out[0], new(uint64)).(*uint64)
	return out0, nil
}

// PackMAXLEAVES is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x082febf0.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function MAX_LEAVES() view returns(uint256)
func (postage *Postage) PackMAXLEAVES() []byte {
	enc, err := postage.abi.Pack("MAX_LEAVES")
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
func (postage *Postage) TryPackMAXLEAVES() ([]byte, error) {
	return postage.abi.Pack("MAX_LEAVES")
}

// UnpackMAXLEAVES is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x082febf0.
//
// Solidity: function MAX_LEAVES() view returns(uint256)
func (postage *Postage) UnpackMAXLEAVES(data []byte) (*big.Int, error) {
	out, err := postage.abi.Unpack("MAX_LEAVES", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// PackBurn is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x1830e0f3.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function burn(bytes32 id, bytes32 secret, uint256 index, bytes32[] proof) returns()
func (postage *Postage) PackBurn(id [32]byte, secret [32]byte, index *big.Int, proof [][32]byte) []byte {
	enc, err := postage.abi.Pack("burn", id, secret, index, proof)
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
func (postage *Postage) TryPackBurn(id [32]byte, secret [32]byte, index *big.Int, proof [][32]byte) ([]byte, error) {
	return postage.abi.Pack("burn", id, secret, index, proof)
}

// PackBurnBatch is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x16943632.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function burnBatch((bytes32,bytes32,uint256,bytes32[])[] requests) returns()
func (postage *Postage) PackBurnBatch(requests []PostageBurnRequest) []byte {
	enc, err := postage.abi.Pack("burnBatch", requests)
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
func (postage *Postage) TryPackBurnBatch(requests []PostageBurnRequest) ([]byte, error) {
	return postage.abi.Pack("burnBatch", requests)
}

// PackComputeRoot is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xe1060759.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function computeRoot(bytes32 leaf, uint256 index, uint256 leaves, bytes32[] proof) pure returns(bytes32 h)
func (postage *Postage) PackComputeRoot(leaf [32]byte, index *big.Int, leaves *big.Int, proof [][32]byte) []byte {
	enc, err := postage.abi.Pack("computeRoot", leaf, index, leaves, proof)
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
func (postage *Postage) TryPackComputeRoot(leaf [32]byte, index *big.Int, leaves *big.Int, proof [][32]byte) ([]byte, error) {
	return postage.abi.Pack("computeRoot", leaf, index, leaves, proof)
}

// UnpackComputeRoot is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xe1060759.
//
// Solidity: function computeRoot(bytes32 leaf, uint256 index, uint256 leaves, bytes32[] proof) pure returns(bytes32 h)
func (postage *Postage) UnpackComputeRoot(data []byte) ([32]byte, error) {
	out, err := postage.abi.Unpack("computeRoot", data)
	if err != nil {
		return *new([32]byte), err
	}
	out0 := *abi.ConvertType(out[0], new([32]byte)).(*[32]byte)
	return out0, nil
}

// PackDelay is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x6a42b8f8.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function delay() view returns(uint64)
func (postage *Postage) PackDelay() []byte {
	enc, err := postage.abi.Pack("delay")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackDelay is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x6a42b8f8.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function delay() view returns(uint64)
func (postage *Postage) TryPackDelay() ([]byte, error) {
	return postage.abi.Pack("delay")
}

// UnpackDelay is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x6a42b8f8.
//
// Solidity: function delay() view returns(uint64)
func (postage *Postage) UnpackDelay(data []byte) (uint64, error) {
	out, err := postage.abi.Unpack("delay", data)
	if err != nil {
		return *new(uint64), err
	}
	out0 := *abi.ConvertType(out[0], new(uint64)).(*uint64)
	return out0, nil
}

// PackDepositId is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x59c99302.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function depositId(address creator, bytes32 root) pure returns(bytes32)
func (postage *Postage) PackDepositId(creator common.Address, root [32]byte) []byte {
	enc, err := postage.abi.Pack("depositId", creator, root)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackDepositId is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x59c99302.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function depositId(address creator, bytes32 root) pure returns(bytes32)
func (postage *Postage) TryPackDepositId(creator common.Address, root [32]byte) ([]byte, error) {
	return postage.abi.Pack("depositId", creator, root)
}

// UnpackDepositId is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x59c99302.
//
// Solidity: function depositId(address creator, bytes32 root) pure returns(bytes32)
func (postage *Postage) UnpackDepositId(data []byte) ([32]byte, error) {
	out, err := postage.abi.Unpack("depositId", data)
	if err != nil {
		return *new([32]byte), err
	}
	out0 := *abi.ConvertType(out[0], new([32]byte)).(*[32]byte)
	return out0, nil
}

// PackGetDeposit is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x7a86983f.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function getDeposit(bytes32 id) view returns((address,uint96,uint32,uint96,uint64,uint64,uint64,uint32,uint96,uint96,uint8) info)
func (postage *Postage) PackGetDeposit(id [32]byte) []byte {
	enc, err := postage.abi.Pack("getDeposit", id)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackGetDeposit is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x7a86983f.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function getDeposit(bytes32 id) view returns((address,uint96,uint32,uint96,uint64,uint64,uint64,uint32,uint96,uint96,uint8) info)
func (postage *Postage) TryPackGetDeposit(id [32]byte) ([]byte, error) {
	return postage.abi.Pack("getDeposit", id)
}

// UnpackGetDeposit is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x7a86983f.
//
// Solidity: function getDeposit(bytes32 id) view returns((address,uint96,uint32,uint96,uint64,uint64,uint64,uint32,uint96,uint96,uint8) info)
func (postage *Postage) UnpackGetDeposit(data []byte) (PostageDepositInfo, error) {
	out, err := postage.abi.Unpack("getDeposit", data)
	if err != nil {
		return *new(PostageDepositInfo), err
	}
	out0 := *abi.ConvertType(out[0], new(PostageDepositInfo)).(*PostageDepositInfo)
	return out0, nil
}

// PackIsBurned is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x906f4d9c.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function isBurned(bytes32 id, uint256 index) view returns(bool)
func (postage *Postage) PackIsBurned(id [32]byte, index *big.Int) []byte {
	enc, err := postage.abi.Pack("isBurned", id, index)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackIsBurned is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x906f4d9c.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function isBurned(bytes32 id, uint256 index) view returns(bool)
func (postage *Postage) TryPackIsBurned(id [32]byte, index *big.Int) ([]byte, error) {
	return postage.abi.Pack("isBurned", id, index)
}

// UnpackIsBurned is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x906f4d9c.
//
// Solidity: function isBurned(bytes32 id, uint256 index) view returns(bool)
func (postage *Postage) UnpackIsBurned(data []byte) (bool, error) {
	out, err := postage.abi.Unpack("isBurned", data)
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
// Solidity: function leafHash(bytes32 secret) pure returns(bytes32 leaf)
func (postage *Postage) PackLeafHash(secret [32]byte) []byte {
	enc, err := postage.abi.Pack("leafHash", secret)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackLeafHash is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x2ba0842e.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function leafHash(bytes32 secret) pure returns(bytes32 leaf)
func (postage *Postage) TryPackLeafHash(secret [32]byte) ([]byte, error) {
	return postage.abi.Pack("leafHash", secret)
}

// UnpackLeafHash is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x2ba0842e.
//
// Solidity: function leafHash(bytes32 secret) pure returns(bytes32 leaf)
func (postage *Postage) UnpackLeafHash(data []byte) ([32]byte, error) {
	out, err := postage.abi.Unpack("leafHash", data)
	if err != nil {
		return *new([32]byte), err
	}
	out0 := *abi.ConvertType(out[0], new([32]byte)).(*[32]byte)
	return out0, nil
}

// PackMakeDeposit is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xe9c42ff9.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function makeDeposit(bytes32 root, uint32 leaves, uint96 bountyPerLeaf) payable returns(bytes32 id)
func (postage *Postage) PackMakeDeposit(root [32]byte, leaves uint32, bountyPerLeaf *big.Int) []byte {
	enc, err := postage.abi.Pack("makeDeposit", root, leaves, bountyPerLeaf)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackMakeDeposit is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xe9c42ff9.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function makeDeposit(bytes32 root, uint32 leaves, uint96 bountyPerLeaf) payable returns(bytes32 id)
func (postage *Postage) TryPackMakeDeposit(root [32]byte, leaves uint32, bountyPerLeaf *big.Int) ([]byte, error) {
	return postage.abi.Pack("makeDeposit", root, leaves, bountyPerLeaf)
}

// UnpackMakeDeposit is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xe9c42ff9.
//
// Solidity: function makeDeposit(bytes32 root, uint32 leaves, uint96 bountyPerLeaf) payable returns(bytes32 id)
func (postage *Postage) UnpackMakeDeposit(data []byte) ([32]byte, error) {
	out, err := postage.abi.Unpack("makeDeposit", data)
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
func (postage *Postage) PackNodeHash(left [32]byte, right [32]byte) []byte {
	enc, err := postage.abi.Pack("nodeHash", left, right)
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
func (postage *Postage) TryPackNodeHash(left [32]byte, right [32]byte) ([]byte, error) {
	return postage.abi.Pack("nodeHash", left, right)
}

// UnpackNodeHash is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x65cff470.
//
// Solidity: function nodeHash(bytes32 left, bytes32 right) pure returns(bytes32 node)
func (postage *Postage) UnpackNodeHash(data []byte) ([32]byte, error) {
	out, err := postage.abi.Unpack("nodeHash", data)
	if err != nil {
		return *new([32]byte), err
	}
	out0 := *abi.ConvertType(out[0], new([32]byte)).(*[32]byte)
	return out0, nil
}

// PackStartWithdrawal is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x01b2156a.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function startWithdrawal(bytes32 id) returns()
func (postage *Postage) PackStartWithdrawal(id [32]byte) []byte {
	enc, err := postage.abi.Pack("startWithdrawal", id)
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
func (postage *Postage) TryPackStartWithdrawal(id [32]byte) ([]byte, error) {
	return postage.abi.Pack("startWithdrawal", id)
}

// PackWithdraw is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x8e19899e.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function withdraw(bytes32 id) returns()
func (postage *Postage) PackWithdraw(id [32]byte) []byte {
	enc, err := postage.abi.Pack("withdraw", id)
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
func (postage *Postage) TryPackWithdraw(id [32]byte) ([]byte, error) {
	return postage.abi.Pack("withdraw", id)
}

// PostageBurned represents a Burned event raised by the Postage contract.
type PostageBurned struct {
	Id           [32]byte
	Index        *big.Int
	Secret       [32]byte
	Submitter    common.Address
	BurnedAmount *big.Int
	Bounty       *big.Int
	Raw          *types.Log // Blockchain specific contextual infos
}

const PostageBurnedEventName = "Burned"

// ContractEventName returns the user-defined event name.
func (PostageBurned) ContractEventName() string {
	return PostageBurnedEventName
}

// UnpackBurnedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event Burned(bytes32 indexed id, uint256 index, bytes32 secret, address submitter, uint256 burnedAmount, uint256 bounty)
func (postage *Postage) UnpackBurnedEvent(log *types.Log) (*PostageBurned, error) {
	event := "Burned"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != postage.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(PostageBurned)
	if len(log.Data) > 0 {
		if err := postage.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range postage.abi.Events[event].Inputs {
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

// PostageDeposited represents a Deposited event raised by the Postage contract.
type PostageDeposited struct {
	Id            [32]byte
	Creator       common.Address
	Root          [32]byte
	Value         *big.Int
	Leaves        uint32
	BountyPerLeaf *big.Int
	Raw           *types.Log // Blockchain specific contextual infos
}

const PostageDepositedEventName = "Deposited"

// ContractEventName returns the user-defined event name.
func (PostageDeposited) ContractEventName() string {
	return PostageDepositedEventName
}

// UnpackDepositedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event Deposited(bytes32 indexed id, address indexed creator, bytes32 root, uint256 value, uint32 leaves, uint96 bountyPerLeaf)
func (postage *Postage) UnpackDepositedEvent(log *types.Log) (*PostageDeposited, error) {
	event := "Deposited"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != postage.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(PostageDeposited)
	if len(log.Data) > 0 {
		if err := postage.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range postage.abi.Events[event].Inputs {
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

// PostageWithdrawalStarted represents a WithdrawalStarted event raised by the Postage contract.
type PostageWithdrawalStarted struct {
	Id       [32]byte
	UnlockAt uint64
	Raw      *types.Log // Blockchain specific contextual infos
}

const PostageWithdrawalStartedEventName = "WithdrawalStarted"

// ContractEventName returns the user-defined event name.
func (PostageWithdrawalStarted) ContractEventName() string {
	return PostageWithdrawalStartedEventName
}

// UnpackWithdrawalStartedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event WithdrawalStarted(bytes32 indexed id, uint64 unlockAt)
func (postage *Postage) UnpackWithdrawalStartedEvent(log *types.Log) (*PostageWithdrawalStarted, error) {
	event := "WithdrawalStarted"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != postage.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(PostageWithdrawalStarted)
	if len(log.Data) > 0 {
		if err := postage.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range postage.abi.Events[event].Inputs {
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

// PostageWithdrawn represents a Withdrawn event raised by the Postage contract.
type PostageWithdrawn struct {
	Id      [32]byte
	Creator common.Address
	Amount  *big.Int
	Raw     *types.Log // Blockchain specific contextual infos
}

const PostageWithdrawnEventName = "Withdrawn"

// ContractEventName returns the user-defined event name.
func (PostageWithdrawn) ContractEventName() string {
	return PostageWithdrawnEventName
}

// UnpackWithdrawnEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event Withdrawn(bytes32 indexed id, address creator, uint256 amount)
func (postage *Postage) UnpackWithdrawnEvent(log *types.Log) (*PostageWithdrawn, error) {
	event := "Withdrawn"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != postage.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(PostageWithdrawn)
	if len(log.Data) > 0 {
		if err := postage.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range postage.abi.Events[event].Inputs {
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
func (postage *Postage) UnpackError(raw []byte) (any, error) {
	if bytes.Equal(raw[:4], postage.abi.Errors["BountyTooLarge"].ID.Bytes()[:4]) {
		return postage.UnpackBountyTooLargeError(raw[4:])
	}
	if bytes.Equal(raw[:4], postage.abi.Errors["DepositExists"].ID.Bytes()[:4]) {
		return postage.UnpackDepositExistsError(raw[4:])
	}
	if bytes.Equal(raw[:4], postage.abi.Errors["DepositWithdrawn"].ID.Bytes()[:4]) {
		return postage.UnpackDepositWithdrawnError(raw[4:])
	}
	if bytes.Equal(raw[:4], postage.abi.Errors["EmptyBatch"].ID.Bytes()[:4]) {
		return postage.UnpackEmptyBatchError(raw[4:])
	}
	if bytes.Equal(raw[:4], postage.abi.Errors["IndexOutOfRange"].ID.Bytes()[:4]) {
		return postage.UnpackIndexOutOfRangeError(raw[4:])
	}
	if bytes.Equal(raw[:4], postage.abi.Errors["InvalidDelay"].ID.Bytes()[:4]) {
		return postage.UnpackInvalidDelayError(raw[4:])
	}
	if bytes.Equal(raw[:4], postage.abi.Errors["InvalidLeafCount"].ID.Bytes()[:4]) {
		return postage.UnpackInvalidLeafCountError(raw[4:])
	}
	if bytes.Equal(raw[:4], postage.abi.Errors["InvalidProof"].ID.Bytes()[:4]) {
		return postage.UnpackInvalidProofError(raw[4:])
	}
	if bytes.Equal(raw[:4], postage.abi.Errors["LeafAlreadyBurned"].ID.Bytes()[:4]) {
		return postage.UnpackLeafAlreadyBurnedError(raw[4:])
	}
	if bytes.Equal(raw[:4], postage.abi.Errors["NotCreator"].ID.Bytes()[:4]) {
		return postage.UnpackNotCreatorError(raw[4:])
	}
	if bytes.Equal(raw[:4], postage.abi.Errors["ProofLengthMismatch"].ID.Bytes()[:4]) {
		return postage.UnpackProofLengthMismatchError(raw[4:])
	}
	if bytes.Equal(raw[:4], postage.abi.Errors["TransferFailed"].ID.Bytes()[:4]) {
		return postage.UnpackTransferFailedError(raw[4:])
	}
	if bytes.Equal(raw[:4], postage.abi.Errors["UnknownDeposit"].ID.Bytes()[:4]) {
		return postage.UnpackUnknownDepositError(raw[4:])
	}
	if bytes.Equal(raw[:4], postage.abi.Errors["ValueTooLarge"].ID.Bytes()[:4]) {
		return postage.UnpackValueTooLargeError(raw[4:])
	}
	if bytes.Equal(raw[:4], postage.abi.Errors["WithdrawalAlreadyStarted"].ID.Bytes()[:4]) {
		return postage.UnpackWithdrawalAlreadyStartedError(raw[4:])
	}
	if bytes.Equal(raw[:4], postage.abi.Errors["WithdrawalLocked"].ID.Bytes()[:4]) {
		return postage.UnpackWithdrawalLockedError(raw[4:])
	}
	if bytes.Equal(raw[:4], postage.abi.Errors["WithdrawalNotStarted"].ID.Bytes()[:4]) {
		return postage.UnpackWithdrawalNotStartedError(raw[4:])
	}
	if bytes.Equal(raw[:4], postage.abi.Errors["ZeroShare"].ID.Bytes()[:4]) {
		return postage.UnpackZeroShareError(raw[4:])
	}
	if bytes.Equal(raw[:4], postage.abi.Errors["ZeroValue"].ID.Bytes()[:4]) {
		return postage.UnpackZeroValueError(raw[4:])
	}
	return nil, errors.New("Unknown error")
}

// PostageBountyTooLarge represents a BountyTooLarge error raised by the Postage contract.
type PostageBountyTooLarge struct {
	BountyPerLeaf *big.Int
	Share         *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error BountyTooLarge(uint256 bountyPerLeaf, uint256 share)
func PostageBountyTooLargeErrorID() common.Hash {
	return common.HexToHash("0x1f27fa5a29e4bf1d18f3b77dec127ec64d082ee172bf7e763fe3fc2e4afd3e8b")
}

// UnpackBountyTooLargeError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error BountyTooLarge(uint256 bountyPerLeaf, uint256 share)
func (postage *Postage) UnpackBountyTooLargeError(raw []byte) (*PostageBountyTooLarge, error) {
	out := new(PostageBountyTooLarge)
	if err := postage.abi.UnpackIntoInterface(out, "BountyTooLarge", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// PostageDepositExists represents a DepositExists error raised by the Postage contract.
type PostageDepositExists struct {
	Id [32]byte
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error DepositExists(bytes32 id)
func PostageDepositExistsErrorID() common.Hash {
	return common.HexToHash("0xb0fe2b3f1a98be4afb6455c6ea76259b48fda9420a7ab9152ec5f65f6df3b183")
}

// UnpackDepositExistsError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error DepositExists(bytes32 id)
func (postage *Postage) UnpackDepositExistsError(raw []byte) (*PostageDepositExists, error) {
	out := new(PostageDepositExists)
	if err := postage.abi.UnpackIntoInterface(out, "DepositExists", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// PostageDepositWithdrawn represents a DepositWithdrawn error raised by the Postage contract.
type PostageDepositWithdrawn struct {
	Id [32]byte
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error DepositWithdrawn(bytes32 id)
func PostageDepositWithdrawnErrorID() common.Hash {
	return common.HexToHash("0xdfdf5339352283b6cc31672e0d5dcfc4f32e9cbe4c7d9153ce5c0b9f008b6449")
}

// UnpackDepositWithdrawnError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error DepositWithdrawn(bytes32 id)
func (postage *Postage) UnpackDepositWithdrawnError(raw []byte) (*PostageDepositWithdrawn, error) {
	out := new(PostageDepositWithdrawn)
	if err := postage.abi.UnpackIntoInterface(out, "DepositWithdrawn", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// PostageEmptyBatch represents a EmptyBatch error raised by the Postage contract.
type PostageEmptyBatch struct {
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error EmptyBatch()
func PostageEmptyBatchErrorID() common.Hash {
	return common.HexToHash("0xc2e5347df6cf8d1bf68f8a9651642312bd381b900d857d97cd665976180d6ae0")
}

// UnpackEmptyBatchError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error EmptyBatch()
func (postage *Postage) UnpackEmptyBatchError(raw []byte) (*PostageEmptyBatch, error) {
	out := new(PostageEmptyBatch)
	if err := postage.abi.UnpackIntoInterface(out, "EmptyBatch", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// PostageIndexOutOfRange represents a IndexOutOfRange error raised by the Postage contract.
type PostageIndexOutOfRange struct {
	Id     [32]byte
	Index  *big.Int
	Leaves *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error IndexOutOfRange(bytes32 id, uint256 index, uint256 leaves)
func PostageIndexOutOfRangeErrorID() common.Hash {
	return common.HexToHash("0x24345e87af782428bb7497ff9be94820e4612ee004a48e4b966be08c797088cf")
}

// UnpackIndexOutOfRangeError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error IndexOutOfRange(bytes32 id, uint256 index, uint256 leaves)
func (postage *Postage) UnpackIndexOutOfRangeError(raw []byte) (*PostageIndexOutOfRange, error) {
	out := new(PostageIndexOutOfRange)
	if err := postage.abi.UnpackIntoInterface(out, "IndexOutOfRange", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// PostageInvalidDelay represents a InvalidDelay error raised by the Postage contract.
type PostageInvalidDelay struct {
	Delay    *big.Int
	MaxDelay *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error InvalidDelay(uint256 delay, uint256 maxDelay)
func PostageInvalidDelayErrorID() common.Hash {
	return common.HexToHash("0xd474bb7f76cee51c3769a090f97cab0f44614396ad101b011b0d886196dd1539")
}

// UnpackInvalidDelayError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error InvalidDelay(uint256 delay, uint256 maxDelay)
func (postage *Postage) UnpackInvalidDelayError(raw []byte) (*PostageInvalidDelay, error) {
	out := new(PostageInvalidDelay)
	if err := postage.abi.UnpackIntoInterface(out, "InvalidDelay", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// PostageInvalidLeafCount represents a InvalidLeafCount error raised by the Postage contract.
type PostageInvalidLeafCount struct {
	Leaves    *big.Int
	MaxLeaves *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error InvalidLeafCount(uint256 leaves, uint256 maxLeaves)
func PostageInvalidLeafCountErrorID() common.Hash {
	return common.HexToHash("0x93432c2445e57b77f816f02733ef7b1811be9fce6a14679d48436c906f8c0aff")
}

// UnpackInvalidLeafCountError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error InvalidLeafCount(uint256 leaves, uint256 maxLeaves)
func (postage *Postage) UnpackInvalidLeafCountError(raw []byte) (*PostageInvalidLeafCount, error) {
	out := new(PostageInvalidLeafCount)
	if err := postage.abi.UnpackIntoInterface(out, "InvalidLeafCount", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// PostageInvalidProof represents a InvalidProof error raised by the Postage contract.
type PostageInvalidProof struct {
	Id    [32]byte
	Index *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error InvalidProof(bytes32 id, uint256 index)
func PostageInvalidProofErrorID() common.Hash {
	return common.HexToHash("0x613caff5598fa843cc9667ebf16e9a133c7ee5d55f9c4948eabf29d0d36cd248")
}

// UnpackInvalidProofError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error InvalidProof(bytes32 id, uint256 index)
func (postage *Postage) UnpackInvalidProofError(raw []byte) (*PostageInvalidProof, error) {
	out := new(PostageInvalidProof)
	if err := postage.abi.UnpackIntoInterface(out, "InvalidProof", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// PostageLeafAlreadyBurned represents a LeafAlreadyBurned error raised by the Postage contract.
type PostageLeafAlreadyBurned struct {
	Id    [32]byte
	Index *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error LeafAlreadyBurned(bytes32 id, uint256 index)
func PostageLeafAlreadyBurnedErrorID() common.Hash {
	return common.HexToHash("0x5f9d2ab4630b9d380e58f6ea2ee9c0de4620fbc1f214914ffe6790519db20ee7")
}

// UnpackLeafAlreadyBurnedError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error LeafAlreadyBurned(bytes32 id, uint256 index)
func (postage *Postage) UnpackLeafAlreadyBurnedError(raw []byte) (*PostageLeafAlreadyBurned, error) {
	out := new(PostageLeafAlreadyBurned)
	if err := postage.abi.UnpackIntoInterface(out, "LeafAlreadyBurned", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// PostageNotCreator represents a NotCreator error raised by the Postage contract.
type PostageNotCreator struct {
	Id      [32]byte
	Caller  common.Address
	Creator common.Address
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error NotCreator(bytes32 id, address caller, address creator)
func PostageNotCreatorErrorID() common.Hash {
	return common.HexToHash("0xf96b3ee1e643e9bd5b6fe00293a47309935b4d0bcb31f7b79b8d33395c2367e1")
}

// UnpackNotCreatorError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error NotCreator(bytes32 id, address caller, address creator)
func (postage *Postage) UnpackNotCreatorError(raw []byte) (*PostageNotCreator, error) {
	out := new(PostageNotCreator)
	if err := postage.abi.UnpackIntoInterface(out, "NotCreator", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// PostageProofLengthMismatch represents a ProofLengthMismatch error raised by the Postage contract.
type PostageProofLengthMismatch struct {
	Index       *big.Int
	Leaves      *big.Int
	ProofLength *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error ProofLengthMismatch(uint256 index, uint256 leaves, uint256 proofLength)
func PostageProofLengthMismatchErrorID() common.Hash {
	return common.HexToHash("0x577a6722f42d7e0dc915527fd1278d0dc1ed1b6b25e7fc654201fc77d75fcc89")
}

// UnpackProofLengthMismatchError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error ProofLengthMismatch(uint256 index, uint256 leaves, uint256 proofLength)
func (postage *Postage) UnpackProofLengthMismatchError(raw []byte) (*PostageProofLengthMismatch, error) {
	out := new(PostageProofLengthMismatch)
	if err := postage.abi.UnpackIntoInterface(out, "ProofLengthMismatch", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// PostageTransferFailed represents a TransferFailed error raised by the Postage contract.
type PostageTransferFailed struct {
	To     common.Address
	Amount *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error TransferFailed(address to, uint256 amount)
func PostageTransferFailedErrorID() common.Hash {
	return common.HexToHash("0x1c43b9761b3fba5321ca8212bfc231945f668ccc0c446f333999eea9ce8fda81")
}

// UnpackTransferFailedError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error TransferFailed(address to, uint256 amount)
func (postage *Postage) UnpackTransferFailedError(raw []byte) (*PostageTransferFailed, error) {
	out := new(PostageTransferFailed)
	if err := postage.abi.UnpackIntoInterface(out, "TransferFailed", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// PostageUnknownDeposit represents a UnknownDeposit error raised by the Postage contract.
type PostageUnknownDeposit struct {
	Id [32]byte
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error UnknownDeposit(bytes32 id)
func PostageUnknownDepositErrorID() common.Hash {
	return common.HexToHash("0x6425605c24c74cef4d6d62754dfbf45272d048935bc22c0e51b069588aec3a3f")
}

// UnpackUnknownDepositError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error UnknownDeposit(bytes32 id)
func (postage *Postage) UnpackUnknownDepositError(raw []byte) (*PostageUnknownDeposit, error) {
	out := new(PostageUnknownDeposit)
	if err := postage.abi.UnpackIntoInterface(out, "UnknownDeposit", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// PostageValueTooLarge represents a ValueTooLarge error raised by the Postage contract.
type PostageValueTooLarge struct {
	Value    *big.Int
	MaxValue *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error ValueTooLarge(uint256 value, uint256 maxValue)
func PostageValueTooLargeErrorID() common.Hash {
	return common.HexToHash("0x280b172ca53e20bb4a0ad96a42060f5f5e423bb4490f277df4246e71c3fb1a06")
}

// UnpackValueTooLargeError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error ValueTooLarge(uint256 value, uint256 maxValue)
func (postage *Postage) UnpackValueTooLargeError(raw []byte) (*PostageValueTooLarge, error) {
	out := new(PostageValueTooLarge)
	if err := postage.abi.UnpackIntoInterface(out, "ValueTooLarge", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// PostageWithdrawalAlreadyStarted represents a WithdrawalAlreadyStarted error raised by the Postage contract.
type PostageWithdrawalAlreadyStarted struct {
	Id       [32]byte
	UnlockAt uint64
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error WithdrawalAlreadyStarted(bytes32 id, uint64 unlockAt)
func PostageWithdrawalAlreadyStartedErrorID() common.Hash {
	return common.HexToHash("0xaf0c846f90cbc0c1aacddf5381857a04c63bc370308a421ac7ceee38b6ca2d7e")
}

// UnpackWithdrawalAlreadyStartedError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error WithdrawalAlreadyStarted(bytes32 id, uint64 unlockAt)
func (postage *Postage) UnpackWithdrawalAlreadyStartedError(raw []byte) (*PostageWithdrawalAlreadyStarted, error) {
	out := new(PostageWithdrawalAlreadyStarted)
	if err := postage.abi.UnpackIntoInterface(out, "WithdrawalAlreadyStarted", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// PostageWithdrawalLocked represents a WithdrawalLocked error raised by the Postage contract.
type PostageWithdrawalLocked struct {
	Id       [32]byte
	UnlockAt uint64
	Now      uint64
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error WithdrawalLocked(bytes32 id, uint64 unlockAt, uint64 now_)
func PostageWithdrawalLockedErrorID() common.Hash {
	return common.HexToHash("0x25725807ecb09cfba51c9a20c5d3e70d65687f898d7a6cce235b8b373614d769")
}

// UnpackWithdrawalLockedError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error WithdrawalLocked(bytes32 id, uint64 unlockAt, uint64 now_)
func (postage *Postage) UnpackWithdrawalLockedError(raw []byte) (*PostageWithdrawalLocked, error) {
	out := new(PostageWithdrawalLocked)
	if err := postage.abi.UnpackIntoInterface(out, "WithdrawalLocked", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// PostageWithdrawalNotStarted represents a WithdrawalNotStarted error raised by the Postage contract.
type PostageWithdrawalNotStarted struct {
	Id [32]byte
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error WithdrawalNotStarted(bytes32 id)
func PostageWithdrawalNotStartedErrorID() common.Hash {
	return common.HexToHash("0x3b7a74e568135e6c0df03eac34c444fa8238f0e37bc152f97ecf3750d60e1780")
}

// UnpackWithdrawalNotStartedError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error WithdrawalNotStarted(bytes32 id)
func (postage *Postage) UnpackWithdrawalNotStartedError(raw []byte) (*PostageWithdrawalNotStarted, error) {
	out := new(PostageWithdrawalNotStarted)
	if err := postage.abi.UnpackIntoInterface(out, "WithdrawalNotStarted", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// PostageZeroShare represents a ZeroShare error raised by the Postage contract.
type PostageZeroShare struct {
	Value  *big.Int
	Leaves *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error ZeroShare(uint256 value, uint256 leaves)
func PostageZeroShareErrorID() common.Hash {
	return common.HexToHash("0xbf7778f64f3a14b8ff79cb7c58e107083f7047821528989a5473922e0b47110f")
}

// UnpackZeroShareError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error ZeroShare(uint256 value, uint256 leaves)
func (postage *Postage) UnpackZeroShareError(raw []byte) (*PostageZeroShare, error) {
	out := new(PostageZeroShare)
	if err := postage.abi.UnpackIntoInterface(out, "ZeroShare", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// PostageZeroValue represents a ZeroValue error raised by the Postage contract.
type PostageZeroValue struct {
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error ZeroValue()
func PostageZeroValueErrorID() common.Hash {
	return common.HexToHash("0x7c946ed78134c23eac50c0c02964d68f22dd28448c070d39c9f8e8389b217469")
}

// UnpackZeroValueError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error ZeroValue()
func (postage *Postage) UnpackZeroValueError(raw []byte) (*PostageZeroValue, error) {
	out := new(PostageZeroValue)
	if err := postage.abi.UnpackIntoInterface(out, "ZeroValue", raw); err != nil {
		return nil, err
	}
	return out, nil
}
