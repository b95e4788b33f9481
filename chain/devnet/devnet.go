// Package devnet runs postage's embedded default chain: go-ethereum's own
// node, in this process, in developer mode (a simulated beacon seals blocks
// on a fixed period), with its state in a data directory that survives a
// restart.
//
// It exists so that postage works on one machine with no configuration: the
// first start creates a funded developer account in an encrypted keystore,
// writes a genesis with an explicit fork schedule (capped at Osaka, so gas
// costs are what mainnet charges, not an unreleased fork's), deploys the
// deposit contract at its canonical address (chain/canonical: the address it
// has on every EVM chain for the delay) and remembers it. Every later start reuses all of
// it. JSON-RPC (HTTP and WebSocket on one port) listens on loopback only so a
// second postage process on the same machine can use the chain.
//
// Layout of Config.DataDir:
//
//	geth/             the node's database (go-ethereum's own layout)
//	genesis.json      the genesis written on first start, reused after
//	dev-account.json  address of the developer account
//	dev-account.pass  its keystore passphrase (mode 0600)
//	deployment.json   chain id, contract address, delay, deployment block
//	endpoint          the RPC URL, present only while the chain runs
//	head              the last head block number seen (to report lost blocks)
//
// Crash safety: the node's database is LevelDB (each write reaches the
// kernel before it returns) and the state of every block is committed
// before the block becomes the head (archive mode, hash state scheme), so
// a SIGKILL at any moment loses no block that the RPC has reported.
//
//	keystore/         the keystore, unless Config.KeystoreDir says otherwise
package devnet

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"math/big"
	"net"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/ethereum/go-ethereum/accounts"
	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/accounts/keystore"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core"
	"github.com/ethereum/go-ethereum/core/rawdb"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/eth"
	"github.com/ethereum/go-ethereum/eth/catalyst"
	"github.com/ethereum/go-ethereum/eth/ethconfig"
	"github.com/ethereum/go-ethereum/eth/filters"
	"github.com/ethereum/go-ethereum/ethclient"
	gethlog "github.com/ethereum/go-ethereum/log"
	"github.com/ethereum/go-ethereum/node"
	"github.com/ethereum/go-ethereum/p2p"
	"github.com/ethereum/go-ethereum/params"
	"github.com/ethereum/go-ethereum/rpc"

	"github.com/postage-mail/postage/chain"
	"github.com/postage-mail/postage/internal/atomicfile"
)

// Defaults for Config fields left zero.
const (
	// DefaultPort is not 8545 so the embedded chain never collides with a
	// real node (or hardhat/anvil) on the same machine.
	DefaultPort = 8549
	// DefaultPeriod is the block period: short enough that a deposit
	// confirms quickly, long enough that an idle chain grows slowly on disk
	// (every block, even an empty one, is stored).
	DefaultPeriod = 2 * time.Second
	// DefaultDelay is the contract's withdrawal delay on the embedded chain.
	// It matches the mail policy's minimum: a recipient must have time to
	// burn a spammer's stake before the spammer can take the deposit back.
	DefaultDelay = 72 * time.Hour
	// ChainID of the embedded chain: "post" in ASCII. Distinct from geth
	// --dev's 1337 so a deployment remembered for one is never used on the
	// other.
	ChainID = 0x706f7374
	// DefaultMinFree: block production pauses with less free space.
	DefaultMinFree = 64 << 20
	// DevBalance is the developer account's genesis balance in ETH.
	DevBalance = 1_000_000
)

// startHook, for the benchmark, sees the chain before the deployment.
var startHook func(*Chain)

// ErrInUse is returned by Start when another process runs a chain on the
// same data directory.
var ErrInUse = errors.New("data directory is in use by another process")

// Config says where and how to run the chain. Only DataDir is required.
type Config struct {
	// DataDir holds the chain's database, genesis, deployment record and
	// developer account passphrase. Created with mode 0700.
	DataDir string
	// KeystoreDir holds the developer account's encrypted key. Default
	// DataDir/keystore; postage points it at the user's keystore so
	// `postage account list` shows the developer account.
	KeystoreDir string
	// Addr is the JSON-RPC listen address. It must be a loopback address;
	// port 0 picks a free port (tests). Default 127.0.0.1:DefaultPort.
	Addr string
	// Period between blocks, whole seconds, at least one. Default DefaultPeriod.
	Period time.Duration
	// Delay is the withdrawal delay given to the contract's constructor on
	// first start. After that the deployed contract's delay is used and a
	// different Delay is reported in Chain.Warnings.
	Delay time.Duration
	// Logger receives the chain's own messages and go-ethereum's node
	// messages. Default: discard.
	Logger *slog.Logger

	// MinFree is the free space (bytes) below which, on the data dir's
	// file system, block production pauses: go-ethereum's database gives
	// up (exits) on a full disk. Default DefaultMinFree; negative: never
	// pause.
	MinFree int64

	// legacy runs a new data dir the way postage did before it was
	// crash-safe (pebble, path scheme), for the benchmark's reference.
	legacy bool
}

// Deployment is what the embedded chain remembers about its contract.
type Deployment struct {
	ChainID  uint64         `json:"chainId"`
	Contract common.Address `json:"contract"`
	// Delay is the contract's withdrawal delay in seconds.
	Delay   uint64         `json:"delay"`
	Block   uint64         `json:"block"`
	TxHash  common.Hash    `json:"txHash"`
	Creator common.Address `json:"creator"`
}

// DevAccount is the funded developer account of the embedded chain.
type DevAccount struct {
	Account accounts.Account
	// PassphraseFile is where the keystore passphrase is stored (0600).
	PassphraseFile string
}

// Chain is a running embedded chain.
type Chain struct {
	cfg        Config
	log        *slog.Logger
	stack      *node.Node
	backend    *eth.Ethereum
	beacon     *catalyst.SimulatedBeacon
	rpc        *rpc.Client
	client     *ethclient.Client
	endpoint   string
	deployment Deployment
	dev        DevAccount
	warnings   []string
	delaySet   bool

	// dropped is set when Start found fewer blocks than a previous run
	// had produced (a crash lost them).
	dropped *Dropped

	paused   pausedFlag
	quit     chan struct{}
	wg       sync.WaitGroup
	stopOnce sync.Once
	stopErr  error
	stopped  chan struct{}
}

// Dropped describes blocks a previous run produced that are gone after a
// restart (a crash before they reached the disk).
type Dropped struct {
	// RecordedHead is the last head the previous run recorded; Head is the
	// head after restart. Blocks Head+1..RecordedHead are gone.
	RecordedHead, Head uint64
}

// Start opens (or creates) the chain in cfg.DataDir and starts it: block
// production, the loopback RPC server and, on first start, the contract
// deployment. It returns once the contract is deployed and usable. If ctx
// ends first, everything started is stopped again.
func Start(ctx context.Context, cfg Config) (*Chain, error) {
	delaySet := cfg.Delay != 0
	cfg, err := cfg.withDefaults()
	if err != nil {
		return nil, err
	}
	if err := os.MkdirAll(cfg.DataDir, 0o700); err != nil {
		return nil, fmt.Errorf("create chain data dir: %w", err)
	}
	c := &Chain{cfg: cfg, log: cfg.Logger, stopped: make(chan struct{}), quit: make(chan struct{}), delaySet: delaySet}

	dev, err := loadOrCreateDevAccount(cfg)
	if err != nil {
		return nil, err
	}
	c.dev = dev
	genesis, err := loadOrCreateGenesis(cfg.DataDir, dev.Account.Address)
	if err != nil {
		return nil, err
	}
	if err := c.checkFreeAtStart(); err != nil {
		return nil, err
	}
	crashSafe := !cfg.legacy && rawdb.PreexistingDatabase(filepath.Join(cfg.DataDir, "geth", "chaindata")) != rawdb.DBPebble
	if !crashSafe {
		c.warnings = append(c.warnings, fmt.Sprintf("the chain in %s was created by an older postage (pebble database, path state scheme) and is not crash-safe: a SIGKILL loses the blocks since the last clean stop; for a crash-safe chain, stop postage and move that directory away (its deposits are then gone)", cfg.DataDir))
	}
	if err := c.startNode(genesis, crashSafe); err != nil {
		return nil, err
	}
	c.checkHead()
	c.trackHead()
	c.produce()
	if startHook != nil {
		startHook(c)
	}
	if err := c.ensureDeployment(ctx); err != nil {
		c.close()
		return nil, err
	}
	if err := writeFileAtomic(filepath.Join(cfg.DataDir, endpointFile), []byte(c.endpoint+"\n"), 0o600); err != nil {
		c.close()
		return nil, fmt.Errorf("record endpoint: %w", err)
	}
	c.log.Info("embedded chain running", "rpc", c.endpoint, "chain_id", c.deployment.ChainID,
		"contract", c.deployment.Contract, "delay", time.Duration(c.deployment.Delay)*time.Second,
		"period", cfg.Period, "dev_account", dev.Account.Address)
	return c, nil
}

func (cfg Config) withDefaults() (Config, error) {
	if cfg.DataDir == "" {
		return cfg, errors.New("devnet: DataDir is required")
	}
	abs, err := filepath.Abs(cfg.DataDir)
	if err != nil {
		return cfg, fmt.Errorf("devnet: data dir: %w", err)
	}
	cfg.DataDir = abs
	if cfg.KeystoreDir == "" {
		cfg.KeystoreDir = filepath.Join(cfg.DataDir, "keystore")
	}
	if cfg.Addr == "" {
		cfg.Addr = net.JoinHostPort("127.0.0.1", strconv.Itoa(DefaultPort))
	}
	host, port, err := net.SplitHostPort(cfg.Addr)
	if err != nil {
		return cfg, fmt.Errorf("devnet: listen address %q: %w", cfg.Addr, err)
	}
	if ip := net.ParseIP(host); host != "localhost" && (ip == nil || !ip.IsLoopback()) {
		return cfg, fmt.Errorf("devnet: listen address %q is not loopback: the embedded chain holds an unlocked-by-file developer key and must not be reachable from other hosts", cfg.Addr)
	}
	if p, err := strconv.Atoi(port); err != nil || p < 0 || p > 65535 {
		return cfg, fmt.Errorf("devnet: listen port %q is not a port number", port)
	}
	if cfg.Period == 0 {
		cfg.Period = DefaultPeriod
	}
	if cfg.Period < time.Second || cfg.Period%time.Second != 0 {
		return cfg, fmt.Errorf("devnet: block period %v must be a whole number of seconds, at least 1s", cfg.Period)
	}
	if cfg.Delay == 0 {
		cfg.Delay = DefaultDelay
	}
	if cfg.Delay < time.Second || cfg.Delay%time.Second != 0 {
		return cfg, fmt.Errorf("devnet: withdrawal delay %v must be a whole number of seconds, at least 1s", cfg.Delay)
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	if cfg.MinFree == 0 {
		cfg.MinFree = DefaultMinFree
	}
	return cfg, nil
}

const (
	genesisFile    = "genesis.json"
	devAccountFile = "dev-account.json"
	devPassFile    = "dev-account.pass"
	deploymentFile = "deployment.json"
	endpointFile   = "endpoint"
	headFile       = "head"
)

// Genesis returns the embedded chain's genesis for a developer account:
// every fork up to and including Osaka active from block 0, nothing later.
// The fork list is spelled out rather than copied from go-ethereum's
// AllDevChainProtocolChanges, which also enables unreleased forks whose
// storage gas is several times mainnet's.
func Genesis(dev common.Address) *core.Genesis {
	zero := big.NewInt(0)
	t0 := uint64(0)
	cfg := &params.ChainConfig{
		ChainID:                 big.NewInt(ChainID),
		HomesteadBlock:          zero,
		EIP150Block:             zero,
		EIP155Block:             zero,
		EIP158Block:             zero,
		ByzantiumBlock:          zero,
		ConstantinopleBlock:     zero,
		PetersburgBlock:         zero,
		IstanbulBlock:           zero,
		MuirGlacierBlock:        zero,
		BerlinBlock:             zero,
		LondonBlock:             zero,
		ArrowGlacierBlock:       zero,
		GrayGlacierBlock:        zero,
		TerminalTotalDifficulty: zero,
		ShanghaiTime:            &t0,
		CancunTime:              &t0,
		PragueTime:              &t0,
		OsakaTime:               &t0,
		BlobScheduleConfig: &params.BlobScheduleConfig{
			Cancun: params.DefaultCancunBlobConfig,
			Prague: params.DefaultPragueBlobConfig,
		},
	}
	alloc := core.SystemContractAllocs()
	balance := new(big.Int).Mul(big.NewInt(DevBalance), big.NewInt(params.Ether))
	alloc[dev] = types.Account{Balance: balance}
	return &core.Genesis{
		Config:     cfg,
		GasLimit:   30_000_000,
		BaseFee:    big.NewInt(params.InitialBaseFee),
		Difficulty: big.NewInt(0),
		Alloc:      alloc,
	}
}

func loadOrCreateGenesis(dir string, dev common.Address) (*core.Genesis, error) {
	path := filepath.Join(dir, genesisFile)
	data, err := os.ReadFile(path)
	if err == nil {
		g := new(core.Genesis)
		if err := json.Unmarshal(data, g); err != nil {
			return nil, fmt.Errorf("read %s: %w", path, err)
		}
		return g, nil
	}
	if !errors.Is(err, os.ErrNotExist) {
		return nil, fmt.Errorf("read genesis: %w", err)
	}
	g := Genesis(dev)
	data, err = json.MarshalIndent(g, "", "  ")
	if err != nil {
		return nil, fmt.Errorf("encode genesis: %w", err)
	}
	if err := writeFileAtomic(path, data, 0o600); err != nil {
		return nil, fmt.Errorf("write genesis: %w", err)
	}
	return g, nil
}

type devAccountRecord struct {
	Address common.Address `json:"address"`
}

// loadOrCreateDevAccount returns the developer account, creating it (and its
// random passphrase) on first start. The passphrase is written before the key
// so a crash in between never leaves a key nobody can open.
func loadOrCreateDevAccount(cfg Config) (DevAccount, error) {
	recPath := filepath.Join(cfg.DataDir, devAccountFile)
	passPath := filepath.Join(cfg.DataDir, devPassFile)
	// Light scrypt: the passphrase sits next to the key anyway, and every
	// CLI command that signs with the dev account pays the KDF once.
	ks := keystore.NewKeyStore(cfg.KeystoreDir, keystore.LightScryptN, keystore.LightScryptP)

	if data, err := os.ReadFile(recPath); err == nil {
		var rec devAccountRecord
		if err := json.Unmarshal(data, &rec); err != nil {
			return DevAccount{}, fmt.Errorf("read %s: %w", recPath, err)
		}
		acct, err := ks.Find(accounts.Account{Address: rec.Address})
		if err != nil {
			return DevAccount{}, fmt.Errorf("developer account %s is not in keystore %s: %w", rec.Address, cfg.KeystoreDir, err)
		}
		return DevAccount{Account: acct, PassphraseFile: passPath}, nil
	} else if !errors.Is(err, os.ErrNotExist) {
		return DevAccount{}, fmt.Errorf("read developer account: %w", err)
	}
	if _, err := os.Stat(filepath.Join(cfg.DataDir, genesisFile)); err == nil {
		return DevAccount{}, fmt.Errorf("%s exists but %s does not: the chain's funded account is unknown; restore the file or remove the data dir %s", genesisFile, devAccountFile, cfg.DataDir)
	}
	var secret [32]byte
	if _, err := rand.Read(secret[:]); err != nil {
		return DevAccount{}, fmt.Errorf("developer passphrase: %w", err)
	}
	pass := hex.EncodeToString(secret[:])
	if err := writeFileAtomic(passPath, []byte(pass+"\n"), 0o600); err != nil {
		return DevAccount{}, fmt.Errorf("write developer passphrase: %w", err)
	}
	acct, err := ks.NewAccount(pass)
	if err != nil {
		return DevAccount{}, fmt.Errorf("create developer account: %w", err)
	}
	rec, err := json.Marshal(devAccountRecord{Address: acct.Address})
	if err != nil {
		return DevAccount{}, err
	}
	if err := writeFileAtomic(recPath, append(rec, '\n'), 0o600); err != nil {
		return DevAccount{}, fmt.Errorf("write developer account: %w", err)
	}
	return DevAccount{Account: acct, PassphraseFile: passPath}, nil
}

// ReadDevAccount returns the developer account recorded in dataDir without
// starting the chain (for another postage process that signs with it).
func ReadDevAccount(dataDir string) (DevAccount, error) {
	data, err := os.ReadFile(filepath.Join(dataDir, devAccountFile))
	if err != nil {
		return DevAccount{}, fmt.Errorf("read developer account: %w", err)
	}
	var rec devAccountRecord
	if err := json.Unmarshal(data, &rec); err != nil {
		return DevAccount{}, fmt.Errorf("read developer account: %w", err)
	}
	return DevAccount{
		Account:        accounts.Account{Address: rec.Address},
		PassphraseFile: filepath.Join(dataDir, devPassFile),
	}, nil
}

// ReadDeployment returns the contract deployment recorded in dataDir.
func ReadDeployment(dataDir string) (Deployment, error) {
	var d Deployment
	data, err := os.ReadFile(filepath.Join(dataDir, deploymentFile))
	if err != nil {
		return d, fmt.Errorf("read deployment: %w", err)
	}
	if err := json.Unmarshal(data, &d); err != nil {
		return d, fmt.Errorf("read deployment %s: %w", filepath.Join(dataDir, deploymentFile), err)
	}
	return d, nil
}

// ReadEndpoint returns the RPC URL a running chain in dataDir recorded, or
// an error wrapping os.ErrNotExist when none is recorded. The file may be
// stale after a crash: callers still have to dial it.
func ReadEndpoint(dataDir string) (string, error) {
	data, err := os.ReadFile(filepath.Join(dataDir, endpointFile))
	if err != nil {
		return "", err
	}
	return strings.TrimSpace(string(data)), nil
}

// DefaultEndpoint is the RPC URL of an embedded chain on the default address.
func DefaultEndpoint() string {
	return "http://" + net.JoinHostPort("127.0.0.1", strconv.Itoa(DefaultPort))
}

func (c *Chain) startNode(genesis *core.Genesis, crashSafe bool) error {
	host, port, _ := net.SplitHostPort(c.cfg.Addr)
	portNum, _ := strconv.Atoi(port)
	nodeCfg := node.Config{
		Name:    "geth",
		DataDir: c.cfg.DataDir,
		// Else the node creates an empty DataDir/keystore of its own.
		KeyStoreDir: c.cfg.KeystoreDir,
		// No IPC endpoint: its path length is limited and nothing needs it.
		IPCPath:          "",
		HTTPHost:         host,
		HTTPPort:         portNum,
		HTTPModules:      []string{"eth", "net", "web3"},
		HTTPVirtualHosts: []string{"localhost", "127.0.0.1", "::1"},
		HTTPTimeouts:     rpc.DefaultHTTPTimeouts,
		WSHost:           host,
		WSPort:           portNum, // same server as HTTP
		WSModules:        []string{"eth", "net", "web3"},
		// The deterministic deployment proxy's public deployment
		// transaction predates EIP-155; a data dir whose genesis lacks
		// the proxy installs it with that transaction (chain/canonical).
		AllowUnprotectedTxs:  true,
		BatchRequestLimit:    node.DefaultConfig.BatchRequestLimit,
		BatchResponseMaxSize: node.DefaultConfig.BatchResponseMaxSize,
		HTTPBodyLimit:        node.DefaultConfig.HTTPBodyLimit,
		P2P: p2p.Config{
			NoDiscovery: true,
			MaxPeers:    0,
			ListenAddr:  "",
		},
		Logger: gethlog.NewLogger(c.log.Handler()),
	}
	if crashSafe {
		// LevelDB writes each batch to its journal with write(2) before
		// returning, so a killed process loses nothing the node has
		// written; pebble, go-ethereum's default, keeps up to 32 KiB of
		// its log in memory (go-ethereum writes without sync), which is
		// the last blocks, and after a fresh start the deployment.
		nodeCfg.DBEngine = rawdb.DBLeveldb
	}
	stack, err := node.New(&nodeCfg)
	if err != nil {
		if errors.Is(err, node.ErrDatadirUsed) {
			return fmt.Errorf("start chain in %s: %w", c.cfg.DataDir, ErrInUse)
		}
		return fmt.Errorf("start chain node: %w", err)
	}
	ethCfg := ethconfig.Defaults
	ethCfg.Genesis = genesis
	ethCfg.NetworkId = genesis.Config.ChainID.Uint64()
	ethCfg.SyncMode = ethconfig.FullSync
	// A dev chain holds little state: keep go-ethereum's caches (sized for
	// mainnet, gigabytes) small so postage stays a small process.
	ethCfg.DatabaseCache = 32
	ethCfg.DatabaseHandles = 256
	ethCfg.TrieCleanCache = 16
	if crashSafe {
		// Crash safety: every block's state is written to the database
		// before the block becomes the head (go-ethereum's archive mode,
		// --gcmode archive --state.scheme hash), so a SIGKILL at any moment
		// leaves a head whose state is on disk and nothing is rewound. The
		// in-memory dirty trie cache and the snapshot (whose journal is
		// written only on a clean stop) are off. Cost: BENCHMARKS.md.
		ethCfg.StateScheme = rawdb.HashScheme
		ethCfg.NoPruning = true
		ethCfg.TrieDirtyCache = 0
		ethCfg.SnapshotCache = 0
	} else {
		// A data dir created by an older postage (path scheme): its state
		// is flushed only on a clean stop.
		ethCfg.TrieDirtyCache = 16
		ethCfg.SnapshotCache = 16
		// State history lets the node roll back; a dev chain never reorgs, and
		// keeping it for every block of an always-on chain costs disk.
		ethCfg.StateHistory = 1024
	}
	ethCfg.Miner.GasPrice = big.NewInt(1)
	ethCfg.Miner.PendingFeeRecipient = c.dev.Account.Address
	ethCfg.TxPool.NoLocals = true

	backend, err := eth.New(stack, &ethCfg)
	if err != nil {
		stack.Close()
		return fmt.Errorf("start chain: %w", err)
	}
	fs := filters.NewFilterSystem(backend.APIBackend, filters.Config{
		LogCacheSize:  ethCfg.FilterLogCacheSize,
		LogQueryLimit: ethCfg.LogQueryLimit,
	})
	stack.RegisterAPIs([]rpc.API{{Namespace: "eth", Service: filters.NewFilterAPI(fs)}})
	// Registered after eth.New's APIs, so its eth_sendRawTransaction takes
	// the place of go-ethereum's: the same submission, refused while block
	// production is paused for a full disk.
	stack.RegisterAPIs([]rpc.API{{Namespace: "eth", Service: &sendGate{b: backend.APIBackend, paused: &c.paused}}})

	// Period 0: the beacon seals only when asked (Commit); c.produce asks
	// every period unless the disk is nearly full.
	beacon, err := catalyst.NewSimulatedBeacon(0, c.dev.Account.Address, backend)
	if err != nil {
		stack.Close()
		return fmt.Errorf("start block production: %w", err)
	}
	// The dev_ and testing_ APIs are deliberately not registered: they mint
	// ETH and rewrite the chain, which no client of postage needs.
	stack.RegisterLifecycle(beacon)
	if err := stack.Start(); err != nil {
		stack.Close()
		if isAddrInUse(err) {
			return fmt.Errorf("listen on %s: address in use (is another `postage chain` running? pick another with --addr): %w", c.cfg.Addr, err)
		}
		return fmt.Errorf("start chain: %w", err)
	}
	c.stack = stack
	c.backend = backend
	c.beacon = beacon
	c.rpc = stack.Attach()
	c.client = ethclient.NewClient(c.rpc)
	c.endpoint = stack.HTTPEndpoint()
	return nil
}

func isAddrInUse(err error) bool {
	return err != nil && strings.Contains(err.Error(), "address already in use")
}

// Endpoint is the loopback HTTP JSON-RPC URL (WebSocket on the same port
// with the ws:// scheme).
func (c *Chain) Endpoint() string { return c.endpoint }

// WSEndpoint is the loopback WebSocket JSON-RPC URL.
func (c *Chain) WSEndpoint() string { return "ws" + strings.TrimPrefix(c.endpoint, "http") }

// Deployment is the deposit contract on this chain.
func (c *Chain) Deployment() Deployment { return c.deployment }

// DevAccount is the funded developer account.
func (c *Chain) DevAccount() DevAccount { return c.dev }

// DevTransactor unlocks the developer account for signing on this chain.
func (c *Chain) DevTransactor() (*bind.TransactOpts, error) {
	return DevTransactor(c.cfg.DataDir, c.cfg.KeystoreDir, big.NewInt(int64(c.deployment.ChainID)))
}

// RPC is an in-process client of the chain (no network round trip).
func (c *Chain) RPC() *rpc.Client { return c.rpc }

// Client is an in-process ethclient of the chain.
func (c *Chain) Client() *ethclient.Client { return c.client }

// Warnings lists configuration that was ignored, e.g. a Delay different from
// the already deployed contract's.
func (c *Chain) Warnings() []string { return append([]string(nil), c.warnings...) }

// Done is closed when the chain has stopped.
func (c *Chain) Done() <-chan struct{} { return c.stopped }

// Stop shuts the chain down cleanly: block production stops, the RPC server
// closes and the database is flushed, so the next Start sees every block.
// If ctx ends first Stop returns ctx.Err() and shutdown finishes in the
// background; Done reports when it has.
func (c *Chain) Stop(ctx context.Context) error {
	go c.close()
	select {
	case <-c.stopped:
		return c.stopErr
	case <-ctx.Done():
		return fmt.Errorf("stop chain: %w", ctx.Err())
	}
}

func (c *Chain) close() {
	c.stopOnce.Do(func() {
		defer close(c.stopped)
		_ = os.Remove(filepath.Join(c.cfg.DataDir, endpointFile))
		close(c.quit)
		c.wg.Wait()
		if c.rpc != nil {
			c.rpc.Close()
		}
		if c.stack != nil {
			if err := c.stack.Close(); err != nil {
				c.stopErr = fmt.Errorf("stop chain: %w", err)
			}
		}
		c.log.Info("embedded chain stopped")
	})
}

// writeFileAtomic replaces path so readers never see a half-written file
// (internal/atomicfile: synced, renamed, directory synced).
func writeFileAtomic(path string, data []byte, perm os.FileMode) error {
	return atomicfile.WriteFile(path, data, perm)
}

// Dropped reports the blocks a crash lost before this start, or nil.
func (c *Chain) Dropped() *Dropped { return c.dropped }

// checkHead compares the head after start with the last head the previous
// run recorded and says loudly when blocks were lost.
func (c *Chain) checkHead() {
	head := c.backend.BlockChain().CurrentBlock().Number.Uint64()
	data, err := os.ReadFile(filepath.Join(c.cfg.DataDir, headFile))
	if err != nil {
		return
	}
	rec, err := strconv.ParseUint(strings.TrimSpace(string(data)), 10, 64)
	if err != nil || rec <= head {
		return
	}
	c.dropped = &Dropped{RecordedHead: rec, Head: head}
	c.log.Error("the embedded chain lost blocks in a crash: their transactions (deposits, burns, withdrawals) are gone and must be sent again",
		"lost_from", head+1, "lost_to", rec, "head", head)
}

// trackHead records every new head number in DataDir/head, so that the
// next start can tell whether blocks were lost. The file is replaced, not
// synced: it survives a killed process, which is what it is for.
func (c *Chain) trackHead() {
	heads := make(chan core.ChainHeadEvent, 16)
	sub := c.backend.BlockChain().SubscribeChainHeadEvent(heads)
	path := filepath.Join(c.cfg.DataDir, headFile)
	write := func(n uint64) {
		tmp := path + ".tmp"
		if err := os.WriteFile(tmp, []byte(strconv.FormatUint(n, 10)+"\n"), 0o600); err == nil {
			err = os.Rename(tmp, path)
			if err != nil {
				c.log.Debug("record chain head", "err", err)
			}
		}
	}
	write(c.backend.BlockChain().CurrentBlock().Number.Uint64())
	c.wg.Add(1)
	go func() {
		defer c.wg.Done()
		defer sub.Unsubscribe()
		for {
			select {
			case <-c.quit:
				return
			case <-sub.Err():
				return
			case ev := <-heads:
				write(ev.Header.Number.Uint64())
			}
		}
	}()
}

// Announcement says where the chain runs and what it holds: its endpoint
// and chain id, the deposit contract, and the developer account with its
// balance ("?" when the node does not answer).
func (c *Chain) Announcement(ctx context.Context) []string {
	dep, dev := c.Deployment(), c.DevAccount()
	bal := "?"
	if b, err := c.Client().BalanceAt(ctx, dev.Account.Address, nil); err == nil {
		bal = chain.FormatWei(b)
	}
	return []string{
		fmt.Sprintf("running: rpc %s, chain id %d", c.Endpoint(), dep.ChainID),
		fmt.Sprintf("deposit contract %s (withdrawal delay %s, deployed in block %d)", dep.Contract, time.Duration(dep.Delay)*time.Second, dep.Block),
		fmt.Sprintf("developer account %s (%s)", dev.Account.Address, bal),
	}
}
