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
	ABI: "[{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"delay_\",\"type\":\"uint64\"}],\"stateMutability\":\"nonpayable\",\"type\":\"constructor\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"bountyPerLeaf\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"share\",\"type\":\"uint256\"}],\"name\":\"BountyTooLarge\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"id\",\"type\":\"bytes32\"}],\"name\":\"DepositExists\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"id\",\"type\":\"bytes32\"}],\"name\":\"DepositWithdrawn\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"EmptyBatch\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"id\",\"type\":\"bytes32\"},{\"internalType\":\"uint256\",\"name\":\"index\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"leaves\",\"type\":\"uint256\"}],\"name\":\"IndexOutOfRange\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"delay\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"maxDelay\",\"type\":\"uint256\"}],\"name\":\"InvalidDelay\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"leaves\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"maxLeaves\",\"type\":\"uint256\"}],\"name\":\"InvalidLeafCount\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"id\",\"type\":\"bytes32\"},{\"internalType\":\"uint256\",\"name\":\"index\",\"type\":\"uint256\"}],\"name\":\"InvalidProof\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"id\",\"type\":\"bytes32\"},{\"internalType\":\"uint256\",\"name\":\"index\",\"type\":\"uint256\"}],\"name\":\"LeafAlreadyBurned\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"id\",\"type\":\"bytes32\"},{\"internalType\":\"address\",\"name\":\"caller\",\"type\":\"address\"},{\"internalType\":\"address\",\"name\":\"creator\",\"type\":\"address\"}],\"name\":\"NotCreator\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"index\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"leaves\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"proofLength\",\"type\":\"uint256\"}],\"name\":\"ProofLengthMismatch\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"to\",\"type\":\"address\"},{\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"}],\"name\":\"TransferFailed\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"id\",\"type\":\"bytes32\"}],\"name\":\"UnknownDeposit\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"value\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"maxValue\",\"type\":\"uint256\"}],\"name\":\"ValueTooLarge\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"id\",\"type\":\"bytes32\"},{\"internalType\":\"uint64\",\"name\":\"unlockAt\",\"type\":\"uint64\"}],\"name\":\"WithdrawalAlreadyStarted\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"id\",\"type\":\"bytes32\"},{\"internalType\":\"uint64\",\"name\":\"unlockAt\",\"type\":\"uint64\"},{\"internalType\":\"uint64\",\"name\":\"now_\",\"type\":\"uint64\"}],\"name\":\"WithdrawalLocked\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"id\",\"type\":\"bytes32\"}],\"name\":\"WithdrawalNotStarted\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"value\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"leaves\",\"type\":\"uint256\"}],\"name\":\"ZeroShare\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"ZeroValue\",\"type\":\"error\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"bytes32\",\"name\":\"id\",\"type\":\"bytes32\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"index\",\"type\":\"uint256\"}],\"name\":\"BurnSkipped\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"bytes32\",\"name\":\"id\",\"type\":\"bytes32\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"index\",\"type\":\"uint256\"},{\"indexed\":false,\"internalType\":\"bytes32\",\"name\":\"secret\",\"type\":\"bytes32\"},{\"indexed\":false,\"internalType\":\"address\",\"name\":\"submitter\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"burnedAmount\",\"type\":\"uint256\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"bounty\",\"type\":\"uint256\"}],\"name\":\"Burned\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"bytes32\",\"name\":\"id\",\"type\":\"bytes32\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"creator\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"bytes32\",\"name\":\"root\",\"type\":\"bytes32\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"value\",\"type\":\"uint256\"},{\"indexed\":false,\"internalType\":\"uint32\",\"name\":\"leaves\",\"type\":\"uint32\"},{\"indexed\":false,\"internalType\":\"uint96\",\"name\":\"bountyPerLeaf\",\"type\":\"uint96\"}],\"name\":\"Deposited\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"bytes32\",\"name\":\"id\",\"type\":\"bytes32\"},{\"indexed\":false,\"internalType\":\"uint64\",\"name\":\"unlockAt\",\"type\":\"uint64\"}],\"name\":\"WithdrawalStarted\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"bytes32\",\"name\":\"id\",\"type\":\"bytes32\"},{\"indexed\":false,\"internalType\":\"address\",\"name\":\"creator\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"}],\"name\":\"Withdrawn\",\"type\":\"event\"},{\"inputs\":[],\"name\":\"MAX_DELAY\",\"outputs\":[{\"internalType\":\"uint64\",\"name\":\"\",\"type\":\"uint64\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"MAX_LEAVES\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"id\",\"type\":\"bytes32\"},{\"internalType\":\"bytes32\",\"name\":\"secret\",\"type\":\"bytes32\"},{\"internalType\":\"uint256\",\"name\":\"index\",\"type\":\"uint256\"},{\"internalType\":\"bytes32[]\",\"name\":\"proof\",\"type\":\"bytes32[]\"}],\"name\":\"burn\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"components\":[{\"internalType\":\"bytes32\",\"name\":\"id\",\"type\":\"bytes32\"},{\"internalType\":\"bytes32\",\"name\":\"secret\",\"type\":\"bytes32\"},{\"internalType\":\"uint256\",\"name\":\"index\",\"type\":\"uint256\"},{\"internalType\":\"bytes32[]\",\"name\":\"proof\",\"type\":\"bytes32[]\"}],\"internalType\":\"structPostage.BurnRequest[]\",\"name\":\"requests\",\"type\":\"tuple[]\"}],\"name\":\"burnBatch\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"leaf\",\"type\":\"bytes32\"},{\"internalType\":\"uint256\",\"name\":\"index\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"leaves\",\"type\":\"uint256\"},{\"internalType\":\"bytes32[]\",\"name\":\"proof\",\"type\":\"bytes32[]\"}],\"name\":\"computeRoot\",\"outputs\":[{\"internalType\":\"bytes32\",\"name\":\"h\",\"type\":\"bytes32\"}],\"stateMutability\":\"pure\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"delay\",\"outputs\":[{\"internalType\":\"uint64\",\"name\":\"\",\"type\":\"uint64\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"creator\",\"type\":\"address\"},{\"internalType\":\"bytes32\",\"name\":\"root\",\"type\":\"bytes32\"}],\"name\":\"depositId\",\"outputs\":[{\"internalType\":\"bytes32\",\"name\":\"\",\"type\":\"bytes32\"}],\"stateMutability\":\"pure\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"id\",\"type\":\"bytes32\"}],\"name\":\"getDeposit\",\"outputs\":[{\"components\":[{\"internalType\":\"address\",\"name\":\"creator\",\"type\":\"address\"},{\"internalType\":\"uint96\",\"name\":\"value\",\"type\":\"uint96\"},{\"internalType\":\"uint32\",\"name\":\"leaves\",\"type\":\"uint32\"},{\"internalType\":\"uint96\",\"name\":\"bountyPerLeaf\",\"type\":\"uint96\"},{\"internalType\":\"uint64\",\"name\":\"createdAt\",\"type\":\"uint64\"},{\"internalType\":\"uint64\",\"name\":\"withdrawalStartedAt\",\"type\":\"uint64\"},{\"internalType\":\"uint64\",\"name\":\"unlockAt\",\"type\":\"uint64\"},{\"internalType\":\"uint32\",\"name\":\"burnedLeaves\",\"type\":\"uint32\"},{\"internalType\":\"uint96\",\"name\":\"share\",\"type\":\"uint96\"},{\"internalType\":\"uint96\",\"name\":\"remaining\",\"type\":\"uint96\"},{\"internalType\":\"enumPostage.Status\",\"name\":\"status\",\"type\":\"uint8\"}],\"internalType\":\"structPostage.DepositInfo\",\"name\":\"info\",\"type\":\"tuple\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"id\",\"type\":\"bytes32\"},{\"internalType\":\"uint256\",\"name\":\"index\",\"type\":\"uint256\"}],\"name\":\"isBurned\",\"outputs\":[{\"internalType\":\"bool\",\"name\":\"\",\"type\":\"bool\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"secret\",\"type\":\"bytes32\"}],\"name\":\"leafHash\",\"outputs\":[{\"internalType\":\"bytes32\",\"name\":\"leaf\",\"type\":\"bytes32\"}],\"stateMutability\":\"pure\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"root\",\"type\":\"bytes32\"},{\"internalType\":\"uint32\",\"name\":\"leaves\",\"type\":\"uint32\"},{\"internalType\":\"uint96\",\"name\":\"bountyPerLeaf\",\"type\":\"uint96\"}],\"name\":\"makeDeposit\",\"outputs\":[{\"internalType\":\"bytes32\",\"name\":\"id\",\"type\":\"bytes32\"}],\"stateMutability\":\"payable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"left\",\"type\":\"bytes32\"},{\"internalType\":\"bytes32\",\"name\":\"right\",\"type\":\"bytes32\"}],\"name\":\"nodeHash\",\"outputs\":[{\"internalType\":\"bytes32\",\"name\":\"node\",\"type\":\"bytes32\"}],\"stateMutability\":\"pure\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"id\",\"type\":\"bytes32\"}],\"name\":\"startWithdrawal\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32[]\",\"name\":\"ids\",\"type\":\"bytes32[]\"}],\"name\":\"startWithdrawals\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"id\",\"type\":\"bytes32\"}],\"name\":\"withdraw\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32[]\",\"name\":\"ids\",\"type\":\"bytes32[]\"}],\"name\":\"withdrawMany\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"}]",
	ID:  "Postage",
	Bin: "0x60a0346100ca57601f611f0938819003918201601f19168301916001600160401b038311848410176100ce578084926020946040528339810103126100ca57516001600160401b0381168082036100ca57801580156100bd575b6100a35750608052604051611e2690816100e382396080518181816104080152818161075101528181610b9b01528181610c5101528181610e0e0152818161124901526112cd0152f35b63d474bb7f60e01b5f5260045263bbf81e0060245260445ffd5b5063bbf81e008111610059565b5f80fd5b634e487b7160e01b5f52604160045260245ffdfe60806040526004361015610011575f80fd5b5f3560e01c806301b2156a1461110f578063082febf0146110d45780631694363214610fb95780631830e0f314610f515780632ba0842e14610f0b5780634125ff9014610ecf57806359c9930214610e7157806365cff47014610e325780636a42b8f814610dd05780636c0acc1b14610bf65780637a86983f146109225780638e19899e146106b0578063906f4d9c14610667578063ca9aa82e146103ae578063e1060759146103435763e9c42ff9146100c9575f80fd5b60607ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffc36011261033f5760043560243563ffffffff81169182820361033f57604435926bffffffffffffffffffffffff84169081850361033f573415610317576bffffffffffffffffffffffff34116102db57801580156102cf575b61029d576101538134611496565b801561026d5780831161023e575061016b83336113e6565b93845f525f60205260405f209073ffffffffffffffffffffffffffffffffffffffff825416610212577c01000000000000000000000000000000000000000000000000000000006020976001923460a01b3317855560b01b904260601b171717910155604051928352348584015260408301526060820152817f246a0a46e0855d2cbe6cd954e34f7453e9820d335adeb34f7d5df9eef439735760803393a3604051908152f35b857fb0fe2b3f000000000000000000000000000000000000000000000000000000005f5260045260245ffd5b827f1f27fa5a000000000000000000000000000000000000000000000000000000005f5260045260245260445ffd5b507fbf7778f6000000000000000000000000000000000000000000000000000000005f523460045260245260445ffd5b7f93432c24000000000000000000000000000000000000000000000000000000005f526004526210000060245260445ffd5b50621000008111610145565b7f280b172c000000000000000000000000000000000000000000000000000000005f52346004526bffffffffffffffffffffffff60245260445ffd5b7f7c946ed7000000000000000000000000000000000000000000000000000000005f5260045ffd5b5f80fd5b3461033f5760807ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffc36011261033f5760643567ffffffffffffffff811161033f576103a66103976020923690600401611359565b906044356024356004356115a1565b604051908152f35b3461033f5760207ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffc36011261033f5760043567ffffffffffffffff811161033f576103fd903690600401611359565b90811561063f575f917f00000000000000000000000000000000000000000000000000000000000000009190835b81811061044657848061043a57005b6104449033611da8565b005b610451818385611459565b35805f525f60205260405f2095600187019687549760ff8960e01c169860048a10156106125789156105e65773ffffffffffffffffffffffffffffffffffffffff83541699338b036105b2577ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffe016105a4576104e08964ffffffffff67ffffffffffffffff9360881c1661138a565b1642111561059757916105676105607f04eda370f8b8612fa7266d7ebbd41af9d694e19793fe9d9ff31b3ddbd99b08e19360019796957c03000000000000000000000000000000000000000000000000000000007fffffff00ffffffffffffffffffffffffffffffffffffffffffffffffffffffff825416179055611dfe565b80926113d9565b6040805173ffffffffffffffffffffffffffffffffffffffff9b909b168b5260208b019290925298a25b0161042b565b5050955050600190610591565b505050955050600190610591565b8a867ff96b3ee1000000000000000000000000000000000000000000000000000000005f526004523360245260445260645ffd5b847f6425605c000000000000000000000000000000000000000000000000000000005f5260045260245ffd5b7f4e487b71000000000000000000000000000000000000000000000000000000005f52602160045260245ffd5b7fc2e5347d000000000000000000000000000000000000000000000000000000005f5260045ffd5b3461033f5760407ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffc36011261033f5760206106a66024356004356114cd565b6040519015158152f35b3461033f5760207ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffc36011261033f57600435805f525f60205260405f2090600182019182549260ff8460e01c169360048510156106125784156108f65773ffffffffffffffffffffffffffffffffffffffff835416943386036108c257600181146108965760031461086a5761077a67ffffffffffffffff9164ffffffffff7f00000000000000000000000000000000000000000000000000000000000000009160881c1661138a565b168042111561082d575080547fffffff00ffffffffffffffffffffffffffffffffffffffffffffffffffffffff167c03000000000000000000000000000000000000000000000000000000001790556107d290611dfe565b6040805173ffffffffffffffffffffffffffffffffffffffff85168152602081018390529192917f04eda370f8b8612fa7266d7ebbd41af9d694e19793fe9d9ff31b3ddbd99b08e19190a28061082457005b61044491611da8565b837f25725807000000000000000000000000000000000000000000000000000000005f5260045260245267ffffffffffffffff421660445260645ffd5b837fdfdf5339000000000000000000000000000000000000000000000000000000005f5260045260245ffd5b847f3b7a74e5000000000000000000000000000000000000000000000000000000005f5260045260245ffd5b85857ff96b3ee1000000000000000000000000000000000000000000000000000000005f526004523360245260445260645ffd5b837f6425605c000000000000000000000000000000000000000000000000000000005f5260045260245ffd5b3461033f5760207ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffc36011261033f57604051610160810181811067ffffffffffffffff821117610bc9576040525f8152602081015f8152604082015f8152606083015f8152608084015f815260a085015f815260c08601905f825260e08701925f84526101008801945f86526101208901965f88526101408a01985f8a526004355f525f60205260405f2060ff81548d73ffffffffffffffffffffffffffffffffffffffff8216905260a01c80845260018301549062ffffff8260b01c16908187526bffffffffffffffffffffffff8316885264ffffffffff8360601c16895264ffffffffff8360881c16808b5280610b8c575b5062ffffff8360c81c168c5281610b6b575b505060e01c16600481101561061257808c526001148015610b57575b610b38575b506040519a5173ffffffffffffffffffffffffffffffffffffffff168b52516bffffffffffffffffffffffff1660208b01525163ffffffff1660408a0152516bffffffffffffffffffffffff1660608901525167ffffffffffffffff1660808801525167ffffffffffffffff1660a08701525167ffffffffffffffff1660c08601525163ffffffff1660e0850152516bffffffffffffffffffffffff16610100840152516bffffffffffffffffffffffff16610120830152519060048210156106125761016091610140820152f35b610b4e6bffffffffffffffffffffffff91611dfe565b1689528b610a69565b508a51600481101561061257600214610a64565b6bffffffffffffffffffffffff91610b8291611496565b168b528e80610a48565b610bc067ffffffffffffffff917f00000000000000000000000000000000000000000000000000000000000000009061138a565b168b525f610a36565b7f4e487b71000000000000000000000000000000000000000000000000000000005f52604160045260245ffd5b3461033f5760207ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffc36011261033f5760043567ffffffffffffffff811161033f57610c45903690600401611359565b801561063f5790610c807f000000000000000000000000000000000000000000000000000000000000000067ffffffffffffffff421661138a565b915f9067ffffffffffffffff64ffffffffff42169416915b818110610ca157005b610cac818386611459565b35805f525f60205260405f20600181019060ff825460e01c169060048210156106125781156108f6575473ffffffffffffffffffffffffffffffffffffffff16338103610d9d57509060018094939203610d965780547fffffff00ffffffffffff0000000000ffffffffffffffffffffffffffffffffff1675ffffffffff000000000000000000000000000000000060888a901b16177c02000000000000000000000000000000000000000000000000000000001790556040518581527f6f08646d7d22118d9b5d7dc4a1aec14997b0a91e31fdaecdabbb3a850068c28b90602090a25b01610c98565b5050610d90565b837ff96b3ee1000000000000000000000000000000000000000000000000000000005f526004523360245260445260645ffd5b3461033f575f7ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffc36011261033f57602060405167ffffffffffffffff7f0000000000000000000000000000000000000000000000000000000000000000168152f35b3461033f5760407ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffc36011261033f5760206103a6602435600435611440565b3461033f5760407ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffc36011261033f5760043573ffffffffffffffffffffffffffffffffffffffff8116810361033f576103a6602091602435906113e6565b3461033f575f7ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffc36011261033f57602060405163bbf81e008152f35b3461033f5760207ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffc36011261033f575f8052600435600152602060215f20604051908152f35b3461033f5760807ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffc36011261033f5760643567ffffffffffffffff811161033f57610fa3610fb2913690600401611359565b90604435602435600435611a98565b8061043a57005b3461033f5760207ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffc36011261033f5760043567ffffffffffffffff811161033f57611008903690600401611359565b90811561063f57905f5f927fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff8181360301915b83851015610fb2578460051b8201358381121561033f57820160608101357fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffe18236030181121561033f5781019182359267ffffffffffffffff841161033f57602001918360051b3603831361033f576001936110cc938260406110c694013590602081013590356116e4565b906113d9565b94019361103a565b3461033f575f7ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffc36011261033f576020604051621000008152f35b3461033f5760207ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffc36011261033f57600435805f525f60205260405f206001810190815460ff8160e01c169160048310156106125782156105e6575473ffffffffffffffffffffffffffffffffffffffff163381036113265750600282146112b7575060031461128b5780547fffffffffffffffffffff0000000000ffffffffffffffffffffffffffffffffff164260881b75ffffffffff0000000000000000000000000000000000161781557c02000000000000000000000000000000000000000000000000000000007fffffff00ffffffffffffffffffffffffffffffffffffffffffffffffffffffff8254161790557f6f08646d7d22118d9b5d7dc4a1aec14997b0a91e31fdaecdabbb3a850068c28b60206112787f000000000000000000000000000000000000000000000000000000000000000067ffffffffffffffff421661138a565b67ffffffffffffffff60405191168152a2005b507fdfdf5339000000000000000000000000000000000000000000000000000000005f5260045260245ffd5b836112f667ffffffffffffffff9264ffffffffff7f00000000000000000000000000000000000000000000000000000000000000009160881c1661138a565b907faf0c846f000000000000000000000000000000000000000000000000000000005f526004521660245260445ffd5b847ff96b3ee1000000000000000000000000000000000000000000000000000000005f526004523360245260445260645ffd5b9181601f8401121561033f5782359167ffffffffffffffff831161033f576020808501948460051b01011161033f57565b9067ffffffffffffffff8091169116019067ffffffffffffffff82116113ac57565b7f4e487b71000000000000000000000000000000000000000000000000000000005f52601160045260245ffd5b919082018092116113ac57565b90604051907fffffffffffffffffffffffffffffffffffffffff000000000000000000000000602083019360601b1683526034820152603481526060810181811067ffffffffffffffff821117610bc95760405251902090565b6041916040519160018353600183015260218201522090565b91908110156114695760051b0190565b7f4e487b71000000000000000000000000000000000000000000000000000000005f52603260045260245ffd5b81156114a0570490565b7f4e487b71000000000000000000000000000000000000000000000000000000005f52601260045260245ffd5b805f525f602052600160405f20015460ff8160e01c16600481101561061257156115755762ffffff8160b01c168084101561154257506018831061153257505f52600160205260405f208160081c5f52602052600160ff60405f205492161b16151590565b91600191501b9060e81c16151590565b83837f24345e87000000000000000000000000000000000000000000000000000000005f5260045260245260445260645ffd5b507f6425605c000000000000000000000000000000000000000000000000000000005f5260045260245ffd5b94939294828210156116b157945f908290845b600181116115fb5750505083036115ca57505050565b7f577a6722000000000000000000000000000000000000000000000000000000005f5260045260245260445260645ffd5b909192976001808516145f146116705786891461163b57600161162a81926116248c8b88611459565b35611440565b9901935b811c92910160011c6115b4565b505050507f577a6722000000000000000000000000000000000000000000000000000000005f5260045260245260445260645ffd5b9792816001820110611685575b60019061162e565b929786891461163b5760016116a781926116a08c8b88611459565b3590611440565b990193905061167d565b507f24345e87000000000000000000000000000000000000000000000000000000005f525f60045260245260445260645ffd5b929493905f91845f525f60205260405f2096600188019081549060ff8260e01c16916004831015610612578215611a6c5760b01c62ffffff169384881015611a3857889161175a6117609273ffffffffffffffffffffffffffffffffffffffff8e5416925f805289600152888c60215f206115a1565b906113e6565b03611a08576003146119d157601885101561193e57805460e881901c6001871b81811662ffffff166118cf57917cffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7fffffff000000000000000000000000000000000000000000000000000000000061185196959362ffffff6bffffffffffffffffffffffff96161760e81b1691161781555b8054907bffffff00000000000000000000000000000000000000000000000000600162ffffff8460c81c160160c81b167fffffffff000000ffffffffffffffffffffffffffffffffffffffffffffffffff831617905516975460a01c611496565b918683039283116118a257509160a0917f4774d41a7fefb5e148bf5373141dae03367b538b0ee094475b251e71e2eab9c59360405192835260208301523360408301526060820152856080820152a2565b807f4e487b7100000000000000000000000000000000000000000000000000000000602492526011600452fd5b50505050505080919293945061190f575060207f88d8f056e85efef4e77c452aa257b04a4e3d2359305d40589eeddfee7fb5760291604051908152a25f90565b906044927f5f9d2ab4000000000000000000000000000000000000000000000000000000008352600452602452fd5b8584526001602052604084208560081c9081865280602052604086205490600160ff89161b92838316611990578752602052604086209117905561185191906bffffffffffffffffffffffff906117f0565b5050505050505080919293945061190f575060207f88d8f056e85efef4e77c452aa257b04a4e3d2359305d40589eeddfee7fb5760291604051908152a25f90565b505050507f88d8f056e85efef4e77c452aa257b04a4e3d2359305d40589eeddfee7fb5760291929350602090604051908152a25f90565b85877f613caff5000000000000000000000000000000000000000000000000000000005f5260045260245260445ffd5b84888a7f24345e87000000000000000000000000000000000000000000000000000000005f5260045260245260445260645ffd5b887f6425605c000000000000000000000000000000000000000000000000000000005f5260045260245ffd5b929493835f525f60205260405f20956001908188019081549060ff8260e01c16916004831015610612578215611a6c5760b01c62ffffff169485881015611d7457889161175a611b0c9273ffffffffffffffffffffffffffffffffffffffff8e5416925f80528a8952898c60215f206115a1565b03611a0857600314611d48576018851015611cb757805460e881901c83871b81811662ffffff16611c4a57917cffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7fffffff00000000000000000000000000000000000000000000000000000000006bffffffffffffffffffffffff959362ffffff611bfb999896161760e81b1691161781555b7bffffff0000000000000000000000000000000000000000000000000081549262ffffff8460c81c160160c81b167fffffffff000000ffffffffffffffffffffffffffffffffffffffffffffffffff831617905516965460a01c611496565b918583039283116113ac577f4774d41a7fefb5e148bf5373141dae03367b538b0ee094475b251e71e2eab9c59260a09260405192835260208301523360408301526060820152856080820152a2565b5050505092939495505050611c885760207f88d8f056e85efef4e77c452aa257b04a4e3d2359305d40589eeddfee7fb5760291604051908152a25f90565b907f5f9d2ab4000000000000000000000000000000000000000000000000000000005f5260045260245260445ffd5b855f528160205260405f208560081c90815f528060205260405f2054908460ff89161b92838316611d095791611bfb969593916bffffffffffffffffffffffff95935f526020521760405f2055611b9c565b505050505092939495505050611c885760207f88d8f056e85efef4e77c452aa257b04a4e3d2359305d40589eeddfee7fb5760291604051908152a25f90565b857fdfdf5339000000000000000000000000000000000000000000000000000000005f5260045260245ffd5b85888a7f24345e87000000000000000000000000000000000000000000000000000000005f5260045260245260445260645ffd5b5f80808085855af115611db9575050565b73ffffffffffffffffffffffffffffffffffffffff907f1c43b976000000000000000000000000000000000000000000000000000000005f521660045260245260445ffd5b6001815460a01c91015462ffffff611e1b818360b01c1684611496565b9160c81c160290039056",
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

// PackStartWithdrawals is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x6c0acc1b.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function startWithdrawals(bytes32[] ids) returns()
func (postage *Postage) PackStartWithdrawals(ids [][32]byte) []byte {
	enc, err := postage.abi.Pack("startWithdrawals", ids)
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
func (postage *Postage) TryPackStartWithdrawals(ids [][32]byte) ([]byte, error) {
	return postage.abi.Pack("startWithdrawals", ids)
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

// PackWithdrawMany is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xca9aa82e.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function withdrawMany(bytes32[] ids) returns()
func (postage *Postage) PackWithdrawMany(ids [][32]byte) []byte {
	enc, err := postage.abi.Pack("withdrawMany", ids)
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
func (postage *Postage) TryPackWithdrawMany(ids [][32]byte) ([]byte, error) {
	return postage.abi.Pack("withdrawMany", ids)
}

// PostageBurnSkipped represents a BurnSkipped event raised by the Postage contract.
type PostageBurnSkipped struct {
	Id    [32]byte
	Index *big.Int
	Raw   *types.Log // Blockchain specific contextual infos
}

const PostageBurnSkippedEventName = "BurnSkipped"

// ContractEventName returns the user-defined event name.
func (PostageBurnSkipped) ContractEventName() string {
	return PostageBurnSkippedEventName
}

// UnpackBurnSkippedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event BurnSkipped(bytes32 indexed id, uint256 index)
func (postage *Postage) UnpackBurnSkippedEvent(log *types.Log) (*PostageBurnSkipped, error) {
	event := "BurnSkipped"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != postage.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(PostageBurnSkipped)
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
