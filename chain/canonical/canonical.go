// Package canonical deploys postage's contracts at one address on every EVM
// chain and checks that an address holds them.
//
// Both contracts are created with CREATE2 through the deterministic
// deployment proxy (github.com/Arachnid/deterministic-deployment-proxy) at
// ProxyAddress, which most EVM chains already carry. The proxy takes
// salt(32) ‖ initcode as calldata and creates the contract at
//
//	keccak256(0xff ‖ ProxyAddress ‖ Salt ‖ keccak256(initcode))[12:]
//
// where initcode is the committed creation bytecode (contracts/build/*.bin)
// followed by the ABI-encoded constructor arguments. The address is
// therefore fixed by the bytecode and the constructor arguments alone: the
// same build and the same withdrawal delay give the same address on every
// chain, and another delay gives another address (CanonicalAddress). The
// canonical deployment is the one with CanonicalDelay (3 days).
//
// go-ethereum puts the proxy into new dev genesis blocks (EIP-7997's
// allocation in core.SystemContractAllocs). Where it is missing (an
// older geth --dev, an embedded chain created before, most other devnets),
// Deploy installs it the standard way: it funds the proxy's keyless
// deployer and sends the proxy's public pre-signed deployment transaction.
// That transaction predates EIP-155 (it carries no chain id, so that it is
// valid on every chain); a node that refuses unprotected transactions over
// RPC (geth's default; start it with --rpc.allow-unprotected-txs) cannot
// take it, and Deploy says so.
//
// Releases is the committed list of accepted deployments. Contracts change:
// a new version is appended, never replaced, so deposits made on an older
// one stay checkable.
package canonical

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"math/big"
	"strings"
	"sync"
	"time"

	"github.com/ethereum/go-ethereum/accounts/abi"
	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/core/vm/runtime"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/ethereum/go-ethereum/params"

	"github.com/postage-mail/postage/chain"
	"github.com/postage-mail/postage/contracts"
)

// The deterministic deployment proxy.
var (
	// ProxyAddress is where the proxy lives on every chain that has it.
	ProxyAddress = common.HexToAddress("0x4e59b44847b379578588920cA78FbF26c0B4956C")
	// ProxyDeployer is the keyless account that signed ProxyDeploymentTx
	// (nobody knows its key: the signature was made up, r = s = 0x22…22).
	ProxyDeployer = common.HexToAddress("0x3fAB184622Dc19b6109349B94811493BF2a45362")
	// ProxyDeploymentTx is the proxy's public pre-signed deployment
	// transaction: nonce 0, gas price 100 gwei, gas 100000, no chain id.
	ProxyDeploymentTx = common.FromHex("0xf8a58085174876e800830186a08080b853604580600e600039806000f350fe7fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffe03601600081602082378035828234f58015156039578182fd5b8082525050506014600cf31ba02222222222222222222222222222222222222222222222222222222222222222a02222222222222222222222222222222222222222222222222222222222222222")
	// ProxyCode is the proxy's runtime code (69 bytes).
	ProxyCode = common.FromHex("0x7fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffe03601600081602082378035828234f58015156039578182fd5b8082525050506014600cf3")
	// ProxyFunding is what ProxyDeploymentTx costs its sender:
	// 100000 gas at 100 gwei, 0.01 ETH.
	ProxyFunding = big.NewInt(10_000_000_000_000_000)
)

// Salt is the CREATE2 salt of every postage deployment:
// keccak256("postage-mail/postage").
var Salt = crypto.Keccak256Hash([]byte("postage-mail/postage"))

// CanonicalDelay is the withdrawal delay of the canonical deposit contract
// (and the embedded chain's default).
const CanonicalDelay = 72 * time.Hour

// The canonical TicketBook's constructor arguments (config/default.toml's
// [book] randomness_delay and epoch).
const (
	CanonicalRandomnessDelay uint32 = 2
	CanonicalEpoch           uint32 = 32
)

// Kind names a contract.
type Kind string

// The contracts deployed canonically.
const (
	KindPostage    Kind = "Postage"
	KindTicketBook Kind = "TicketBook"
)

// Release is one accepted deployment: a contract version with fixed
// constructor arguments at its CREATE2 address, and the keccak256 of the
// runtime code found there.
type Release struct {
	Version int
	Kind    Kind
	// Delay is the Postage withdrawal delay in seconds (0 for TicketBook).
	Delay uint64
	// RandomnessDelay and Epoch are TicketBook's (0 for Postage).
	RandomnessDelay, Epoch uint32
	Address                common.Address
	CodeHash               common.Hash
}

// Releases lists every accepted deployment, oldest first. Append a line
// when the contracts change (TestReleasesMatchBuild prints it); never
// remove or edit one, or deposits on it are orphaned.
var Releases = []Release{
	{Version: 1, Kind: KindPostage, Delay: 259200, Address: common.HexToAddress("0x9f3cbe08042e996554B1c07BEA12D2413b548461"), CodeHash: common.HexToHash("0xdd8f59458eb17f53875c9423d4acbcaad5bb803a4249bd2d10efda4ff1bbc564")},
	{Version: 1, Kind: KindTicketBook, RandomnessDelay: 2, Epoch: 32, Address: common.HexToAddress("0x35261ddE32B9c8D6044a5d4f216b009716Db9BEb"), CodeHash: common.HexToHash("0x4caa5b6c59f98eac0a7115ebaf285eea95c61e11b4bfeaff0ea5d912c8c37ef5")},
}

func delaySeconds(delay time.Duration) (uint64, error) {
	if delay < time.Second || delay%time.Second != 0 {
		return 0, fmt.Errorf("delay %v must be whole seconds, at least 1s", delay)
	}
	return uint64(delay / time.Second), nil
}

// PostageInitCode is the deposit contract's creation code for delay: the
// committed bytecode and the ABI-encoded delay in seconds.
func PostageInitCode(delay time.Duration) ([]byte, error) {
	s, err := delaySeconds(delay)
	if err != nil {
		return nil, err
	}
	return append(common.FromHex(contracts.PostageMetaData.Bin), contracts.NewPostage().PackConstructor(s)...), nil
}

// TicketBookInitCode is TicketBook's creation code for its arguments.
func TicketBookInitCode(randomnessDelay, epoch uint32) []byte {
	return append(common.FromHex(contracts.TicketBookMetaData.Bin), contracts.NewTicketBook().PackConstructor(randomnessDelay, epoch)...)
}

// AddressOf is the CREATE2 address the proxy gives initcode.
func AddressOf(initcode []byte) common.Address {
	return crypto.CreateAddress2(ProxyAddress, Salt, crypto.Keccak256(initcode))
}

// CanonicalAddress is the deposit contract's address for delay on every
// chain, computed offline from this build's bytecode.
func CanonicalAddress(delay time.Duration) (common.Address, error) {
	ic, err := PostageInitCode(delay)
	if err != nil {
		return common.Address{}, err
	}
	return AddressOf(ic), nil
}

// TicketBookAddress is the canonical TicketBook's address for its
// arguments.
func TicketBookAddress(randomnessDelay, epoch uint32) common.Address {
	return AddressOf(TicketBookInitCode(randomnessDelay, epoch))
}

var runtimeCache sync.Map // keccak(initcode) -> []byte

// RuntimeCode runs initcode in an in-memory EVM (no chain) and returns the
// runtime code it installs: what a deployment of initcode leaves at its
// address. The contracts' runtime code depends only on their constructor
// arguments (immutables), not on the address or chain.
func RuntimeCode(initcode []byte) ([]byte, error) {
	key := crypto.Keccak256Hash(initcode)
	if v, ok := runtimeCache.Load(key); ok {
		return v.([]byte), nil
	}
	cfg := &runtime.Config{ChainConfig: params.MergedTestChainConfig, GasLimit: 30_000_000, BlockNumber: big.NewInt(1), Time: 1}
	code, _, _, err := runtime.Create(initcode, cfg)
	if err != nil {
		return nil, fmt.Errorf("run the creation code: %w", err)
	}
	runtimeCache.Store(key, code)
	return code, nil
}

// Backend is what Deploy and Verify need of a JSON-RPC endpoint
// (*ethclient.Client and the simulated backend's client implement it).
type Backend interface {
	chain.Backend
	BalanceAt(ctx context.Context, account common.Address, block *big.Int) (*big.Int, error)
	NonceAt(ctx context.Context, account common.Address, block *big.Int) (uint64, error)
}

// ErrUnprotectedRefused: the node refused the proxy's pre-EIP-155
// deployment transaction.
var ErrUnprotectedRefused = errors.New("the node refuses transactions without EIP-155 replay protection over RPC, so the deterministic deployment proxy cannot be installed through it (the proxy's public deployment transaction has no chain id by design); geth: restart with --rpc.allow-unprotected-txs, or install the proxy with a node that accepts it")

// ErrProxyBlocked: the proxy's deployer already used nonce 0 on this chain
// without creating the proxy, so it can never be installed at its address.
var ErrProxyBlocked = errors.New("the deterministic deployment proxy is missing and its keyless deployer has already used its only transaction on this chain; the canonical address cannot exist here")

// Deployed reports one deployment.
type Deployed struct {
	Address common.Address
	// ProxyTx is the proxy's installation, zero when it was there.
	ProxyTx common.Hash
	// Tx is the contract's creation, zero when it was already deployed.
	Tx common.Hash
}

// EnsureProxy installs the deterministic deployment proxy where it is
// missing: it funds ProxyDeployer from opts' account (up to ProxyFunding)
// and sends ProxyDeploymentTx. It returns the installing transaction's
// hash, zero when the proxy was already there.
func EnsureProxy(ctx context.Context, b Backend, opts *bind.TransactOpts) (common.Hash, error) {
	code, err := b.CodeAt(ctx, ProxyAddress, nil)
	if err != nil {
		return common.Hash{}, fmt.Errorf("read proxy code: %w", err)
	}
	if len(code) > 0 {
		if !bytes.Equal(code, ProxyCode) {
			return common.Hash{}, fmt.Errorf("%s holds code that is not the deterministic deployment proxy", ProxyAddress)
		}
		return common.Hash{}, nil
	}
	nonce, err := b.NonceAt(ctx, ProxyDeployer, nil)
	if err != nil {
		return common.Hash{}, fmt.Errorf("read proxy deployer nonce: %w", err)
	}
	if nonce > 0 {
		return common.Hash{}, ErrProxyBlocked
	}
	bal, err := b.BalanceAt(ctx, ProxyDeployer, nil)
	if err != nil {
		return common.Hash{}, fmt.Errorf("read proxy deployer balance: %w", err)
	}
	if bal.Cmp(ProxyFunding) < 0 {
		o := *opts
		o.Context = ctx
		o.Value = new(big.Int).Sub(ProxyFunding, bal)
		o.GasLimit = params.TxGas // a plain transfer: no estimate (bind refuses one to an account without code)
		bc := bind.NewBoundContract(ProxyDeployer, abi.ABI{}, b, b, b)
		tx, err := bc.RawTransact(&o, nil)
		if err != nil {
			return common.Hash{}, fmt.Errorf("fund the proxy deployer %s: %w", ProxyDeployer, err)
		}
		if err := mined(ctx, b, tx.Hash()); err != nil {
			return common.Hash{}, fmt.Errorf("fund the proxy deployer: %w", err)
		}
	}
	tx := new(types.Transaction)
	if err := tx.UnmarshalBinary(ProxyDeploymentTx); err != nil {
		return common.Hash{}, fmt.Errorf("decode proxy deployment tx: %w", err)
	}
	if err := b.SendTransaction(ctx, tx); err != nil {
		if isUnprotectedRefusal(err) {
			return common.Hash{}, fmt.Errorf("%w (node said: %v)", ErrUnprotectedRefused, err)
		}
		return common.Hash{}, fmt.Errorf("send the proxy deployment tx: %w", err)
	}
	if err := mined(ctx, b, tx.Hash()); err != nil {
		return tx.Hash(), fmt.Errorf("install the proxy: %w", err)
	}
	return tx.Hash(), nil
}

func isUnprotectedRefusal(err error) bool {
	s := strings.ToLower(err.Error())
	return strings.Contains(s, "replay-protected") || strings.Contains(s, "eip-155") || strings.Contains(s, "eip155")
}

func mined(ctx context.Context, b Backend, h common.Hash) error {
	r, err := chain.WaitMined(ctx, b, h, 200*time.Millisecond)
	if err != nil {
		return fmt.Errorf("wait for tx %s: %w", h, err)
	}
	if r.Status != types.ReceiptStatusSuccessful {
		return fmt.Errorf("tx %s failed", h)
	}
	return nil
}

// Deploy deploys the deposit contract with delay at its canonical address
// (installing the proxy first where it is missing) unless code is there
// already; then it checks the address with Verify. opts signs and pays.
func Deploy(ctx context.Context, b Backend, opts *bind.TransactOpts, delay time.Duration) (Deployed, error) {
	ic, err := PostageInitCode(delay)
	if err != nil {
		return Deployed{}, fmt.Errorf("deploy: %w", err)
	}
	d, err := deploy(ctx, b, opts, ic)
	if err != nil {
		return d, fmt.Errorf("deploy the deposit contract: %w", err)
	}
	if _, err := Verify(ctx, b, d.Address, delay); err != nil {
		return d, fmt.Errorf("deploy the deposit contract: %w", err)
	}
	return d, nil
}

// DeployTicketBook is Deploy for TicketBook.
func DeployTicketBook(ctx context.Context, b Backend, opts *bind.TransactOpts, randomnessDelay, epoch uint32) (Deployed, error) {
	d, err := deploy(ctx, b, opts, TicketBookInitCode(randomnessDelay, epoch))
	if err != nil {
		return d, fmt.Errorf("deploy the ticket book: %w", err)
	}
	if err := VerifyTicketBook(ctx, b, d.Address, randomnessDelay, epoch); err != nil {
		return d, fmt.Errorf("deploy the ticket book: %w", err)
	}
	return d, nil
}

func deploy(ctx context.Context, b Backend, opts *bind.TransactOpts, initcode []byte) (Deployed, error) {
	d := Deployed{Address: AddressOf(initcode)}
	code, err := b.CodeAt(ctx, d.Address, nil)
	if err != nil {
		return d, fmt.Errorf("read code at %s: %w", d.Address, err)
	}
	if len(code) > 0 {
		return d, nil
	}
	if d.ProxyTx, err = EnsureProxy(ctx, b, opts); err != nil {
		return d, err
	}
	o := *opts
	o.Context = ctx
	bc := bind.NewBoundContract(ProxyAddress, abi.ABI{}, b, b, b)
	tx, err := bc.RawTransact(&o, append(Salt.Bytes(), initcode...))
	if err != nil {
		return d, fmt.Errorf("send the creation through the proxy: %w", err)
	}
	d.Tx = tx.Hash()
	if err := mined(ctx, b, tx.Hash()); err != nil {
		return d, err
	}
	return d, nil
}

// Reason says why Verify refused an address.
type Reason string

// The reasons.
const (
	NoCode     Reason = "no-code"     // nothing deployed at the address
	OtherCode  Reason = "other-code"  // code that is no accepted build of the contract
	OtherDelay Reason = "other-delay" // the contract, with another delay
	OtherChain Reason = "other-chain" // the node is not on the network's chain (VerifyNetwork)
)

// VerifyError is Verify's refusal.
type VerifyError struct {
	Address common.Address
	Reason  Reason
	// Delay is the delay found (OtherDelay), in seconds.
	Delay uint64
	// Want is the delay asked for, in seconds.
	Want uint64
	// CodeHash is the keccak256 of the code found (OtherCode, OtherDelay).
	CodeHash common.Hash
	// ChainID is the node's chain, WantChainID the network's (OtherChain).
	ChainID, WantChainID uint64
}

func (e *VerifyError) Error() string {
	switch e.Reason {
	case NoCode:
		return fmt.Sprintf("%s: no contract code at this address", e.Address)
	case OtherChain:
		return fmt.Sprintf("%s: the node is on chain %d, the network is chain %d", e.Address, e.ChainID, e.WantChainID)
	case OtherDelay:
		return fmt.Sprintf("%s: the postage contract with a withdrawal delay of %v, not %v", e.Address,
			time.Duration(e.Delay)*time.Second, time.Duration(e.Want)*time.Second)
	default:
		return fmt.Sprintf("%s: other code (code hash %s is no accepted build of the postage contract)", e.Address, e.CodeHash)
	}
}

// Verify checks that the runtime code at address is an accepted build of
// the deposit contract (this build's, or one listed in Releases) with the
// withdrawal delay wantDelay. It returns the matching release (Version 0:
// this build, not yet in Releases) or a *VerifyError.
func Verify(ctx context.Context, b chain.Backend, address common.Address, wantDelay time.Duration) (Release, error) {
	want, err := delaySeconds(wantDelay)
	if err != nil {
		return Release{}, fmt.Errorf("verify: %w", err)
	}
	code, err := b.CodeAt(ctx, address, nil)
	if err != nil {
		return Release{}, fmt.Errorf("verify %s: read code: %w", address, err)
	}
	if len(code) == 0 {
		return Release{}, &VerifyError{Address: address, Reason: NoCode, Want: want}
	}
	h := crypto.Keccak256Hash(code)
	if r, ok, err := matchPostage(h, want); err != nil {
		return Release{}, fmt.Errorf("verify %s: %w", address, err)
	} else if ok {
		return r, nil
	}
	// Maybe the contract with another delay: ask it, and check the code is
	// the build's for that delay.
	e := &VerifyError{Address: address, Reason: OtherCode, Want: want, CodeHash: h}
	p := contracts.NewPostage()
	out, err := p.Instance(b, address).CallRaw(&bind.CallOpts{Context: ctx}, p.PackDelay())
	if err != nil {
		return Release{}, e
	}
	got, err := p.UnpackDelay(out)
	if err != nil || got == 0 || got == want {
		return Release{}, e
	}
	if _, ok, _ := matchPostage(h, got); ok {
		e.Reason, e.Delay = OtherDelay, got
	}
	return Release{}, e
}

// matchPostage finds code hash h among the accepted builds with delay s.
func matchPostage(h common.Hash, s uint64) (Release, bool, error) {
	for _, r := range Releases {
		if r.Kind == KindPostage && r.Delay == s && r.CodeHash == h {
			return r, true, nil
		}
	}
	ic, err := PostageInitCode(time.Duration(s) * time.Second)
	if err != nil {
		return Release{}, false, err
	}
	rc, err := RuntimeCode(ic)
	if err != nil {
		return Release{}, false, err
	}
	if crypto.Keccak256Hash(rc) == h {
		return Release{Kind: KindPostage, Delay: s, Address: AddressOf(ic), CodeHash: h}, true, nil
	}
	return Release{}, false, nil
}

// VerifyTicketBook checks that address holds this build's TicketBook (or a
// listed release of it) with the given arguments. It returns a
// *VerifyError (NoCode or OtherCode) otherwise.
func VerifyTicketBook(ctx context.Context, b chain.Backend, address common.Address, randomnessDelay, epoch uint32) error {
	code, err := b.CodeAt(ctx, address, nil)
	if err != nil {
		return fmt.Errorf("verify %s: read code: %w", address, err)
	}
	if len(code) == 0 {
		return &VerifyError{Address: address, Reason: NoCode}
	}
	h := crypto.Keccak256Hash(code)
	for _, r := range Releases {
		if r.Kind == KindTicketBook && r.RandomnessDelay == randomnessDelay && r.Epoch == epoch && r.CodeHash == h {
			return nil
		}
	}
	rc, err := RuntimeCode(TicketBookInitCode(randomnessDelay, epoch))
	if err != nil {
		return fmt.Errorf("verify %s: %w", address, err)
	}
	if crypto.Keccak256Hash(rc) != h {
		return &VerifyError{Address: address, Reason: OtherCode, CodeHash: h}
	}
	return nil
}

// VerifyBuild checks that the code at address is an accepted build of the
// deposit contract, whatever its delay (a receiver's policy judges the
// delay): it asks the contract for its delay and compares the code with
// the build's for that delay and with Releases. It returns the matching
// release or a *VerifyError (NoCode or OtherCode).
func VerifyBuild(ctx context.Context, b chain.Backend, address common.Address) (Release, error) {
	code, err := b.CodeAt(ctx, address, nil)
	if err != nil {
		return Release{}, fmt.Errorf("verify %s: read code: %w", address, err)
	}
	if len(code) == 0 {
		return Release{}, &VerifyError{Address: address, Reason: NoCode}
	}
	h := crypto.Keccak256Hash(code)
	e := &VerifyError{Address: address, Reason: OtherCode, CodeHash: h}
	p := contracts.NewPostage()
	out, err := p.Instance(b, address).CallRaw(&bind.CallOpts{Context: ctx}, p.PackDelay())
	if err != nil {
		if ctx.Err() != nil {
			return Release{}, fmt.Errorf("verify %s: %w", address, err)
		}
		return Release{}, e
	}
	got, err := p.UnpackDelay(out)
	if err != nil || got == 0 || got > maxDelay {
		return Release{}, e
	}
	r, ok, err := matchPostage(h, got)
	if err != nil {
		return Release{}, fmt.Errorf("verify %s: %w", address, err)
	}
	if !ok {
		return Release{}, e
	}
	return r, nil
}

// maxDelay is the contract's MAX_DELAY (100 years) in seconds.
const maxDelay = 100 * 365 * 24 * 3600

// ChainBackend is a Backend that reports its chain id.
type ChainBackend interface {
	chain.Backend
	ChainID(ctx context.Context) (*big.Int, error)
}

// VerifyNetwork checks a network preset's fixture (chain/networks)
// against the chain b serves: its chain id is chainID, and address holds
// the canonical deposit contract (Verify with CanonicalDelay) whose code
// hash is codeHash. It returns a *VerifyError (OtherChain, NoCode,
// OtherCode, OtherDelay) or the error of asking the chain.
func VerifyNetwork(ctx context.Context, b ChainBackend, chainID uint64, address common.Address, codeHash common.Hash) error {
	id, err := b.ChainID(ctx)
	if err != nil {
		return fmt.Errorf("verify %s: read the chain id: %w", address, err)
	}
	if id.Uint64() != chainID {
		return &VerifyError{Address: address, Reason: OtherChain, ChainID: id.Uint64(), WantChainID: chainID}
	}
	r, err := Verify(ctx, b, address, CanonicalDelay)
	if err != nil {
		return err
	}
	if r.CodeHash != codeHash {
		return &VerifyError{Address: address, Reason: OtherCode, CodeHash: r.CodeHash}
	}
	return nil
}
