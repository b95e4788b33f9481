package host

import (
	"context"
	"log/slog"
	"time"

	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	gethlog "github.com/ethereum/go-ethereum/log"

	"github.com/postage-mail/postage"
	"github.com/postage-mail/postage/chain"
	"github.com/postage-mail/postage/chain/connect"
	"github.com/postage-mail/postage/chain/devnet"
	"github.com/postage-mail/postage/config"
	"github.com/postage-mail/postage/metrics"
	"github.com/postage-mail/postage/stake"
)

// ChainOptions are the connection settings of cfg, with rpc (--rpc) over
// chain.rpc: the embedded chain's directory, the deposit contract, the
// signing account and its passphrase file, and the check that the node is
// on the configured network.
func ChainOptions(cfg *config.Config, rpc string) connect.Options {
	if rpc == "" {
		rpc = cfg.Chain.RPC
	}
	return connect.Options{
		RPC: rpc, ChainDir: cfg.ChainDir(), Endpoint: cfg.ChainEndpoint(), Contract: cfg.Chain.Contract,
		KeystoreDir: cfg.KeystoreDir(), Account: cfg.Chain.Account, PasswordFile: cfg.PasswordFile(),
		CheckChain: cfg.CheckChainID,
	}
}

// Chain is a chain connection (chain.Conn, from chain/connect) with the
// configuration its signer and fee caps come from.
type Chain struct {
	*chain.Conn
	cfg *config.Config
	// minConfirmations floors what Deposits asks (a trusted network's
	// finality).
	minConfirmations uint64
}

// NewChain is c with the configuration cfg, for a connection made
// elsewhere (a TicketBook's, chain/connect.ConnectBook).
func NewChain(cfg *config.Config, c *chain.Conn) *Chain { return &Chain{Conn: c, cfg: cfg} }

func newChain(cfg *config.Config, c *chain.Conn, err error) (*Chain, error) {
	if err != nil {
		return nil, err
	}
	return NewChain(cfg, c), nil
}

// DialChain connects to rpc (--rpc), else chain.rpc, else the embedded
// chain running on this machine, without looking for a contract.
func DialChain(ctx context.Context, cfg *config.Config, rpc string) (*Chain, error) {
	c, err := connect.Dial(ctx, ChainOptions(cfg, rpc))
	return newChain(cfg, c, err)
}

// ConnectChain is DialChain finding the deposit contract too:
// chain.contract, else the embedded chain's deployment.
func ConnectChain(ctx context.Context, cfg *config.Config, rpc string) (*Chain, error) {
	c, err := connect.Deposits(ctx, ChainOptions(cfg, rpc))
	return newChain(cfg, c, err)
}

// ConnectTrusted dials a policy.stake.trusted contract's own endpoint and
// checks that it is that chain and that the contract is there. Its
// Deposits ask at least the trusted network's confirmations.
func ConnectTrusted(ctx context.Context, cfg *config.Config, t config.TrustedContract) (*Chain, error) {
	c, err := connect.Trusted(ctx, t.RPC, t.Ref)
	cc, err := newChain(cfg, c, err)
	if err == nil {
		cc.minConfirmations = t.Confirmations // a trusted network's finality
	}
	return cc, err
}

// Config is the configuration the connection was made from.
func (c *Chain) Config() *config.Config { return c.cfg }

// Deposits adapts the reader for the checker, with at least the trusted
// network's confirmations (ConnectTrusted).
func (c *Chain) Deposits(confirmations uint64) *chain.Deposits {
	return c.Conn.Deposits(max(confirmations, c.minConfirmations))
}

// Signer unlocks the signing account (connect.Signer).
func (c *Chain) Signer() (*chain.Signer, error) {
	return connect.Signer(ChainOptions(c.cfg, ""), c.Conn)
}

// Transactor is the signing account's transaction options, their fees
// capped by the network's fee strategy (chain.CapFees).
func (c *Chain) Transactor() (*bind.TransactOpts, error) {
	s, err := c.Signer()
	if err != nil {
		return nil, err
	}
	opts := s.Transactor(c.ChainID)
	if n, ok := c.cfg.Network(); ok {
		chain.CapFees(opts, n.Fees.MaxFee, n.Fees.MaxTip)
	}
	return opts, nil
}

// Writer signs and sends deposit contract transactions (Transactor).
func (c *Chain) Writer() (*chain.Writer, error) {
	opts, err := c.Transactor()
	if err != nil {
		return nil, err
	}
	return chain.NewWriter(c.Contract, opts), nil
}

// TrustedLive follows one trusted contract for the milter (chain.Live),
// as the receiver's own contract is followed, with at least the trusted
// network's confirmations.
func TrustedLive(t config.TrustedContract, confirmations uint64, log *slog.Logger, m *metrics.Metrics) *chain.Live {
	return &chain.Live{
		Connect:       func(ctx context.Context) (*chain.Conn, error) { return connect.Trusted(ctx, t.RPC, t.Ref) },
		Confirmations: max(confirmations, t.Confirmations), // a trusted network's finality
		Wrap:          m.Deposits,
		OnConnect: func(c *chain.Conn) {
			log.Info("following a trusted deposit contract", "rpc", c.URL, "chain_id", c.ChainID, "contract", c.Contract.Address())
		},
		OnError: func(err error, wait time.Duration) {
			log.Warn("trusted deposit contract unreachable; its stake stamps are temperror until it answers", "contract", t.Ref.String(), "err", err, "retry_in", wait)
		},
	}
}

// DevnetConfig is the embedded chain's configuration from [chain]: its
// data directory, the user's keystore for the developer account (so that
// the commands on this machine can sign), listening on addr, pausing
// below chain.min_free (never when it is 0), logging to logger.
func DevnetConfig(cfg *config.Config, addr string, logger *slog.Logger) (devnet.Config, error) {
	minFree, err := cfg.ChainMinFree()
	if err != nil {
		return devnet.Config{}, err
	}
	if minFree == 0 {
		minFree = -1 // never pause
	}
	return devnet.Config{DataDir: cfg.ChainDir(), KeystoreDir: cfg.KeystoreDir(), Addr: addr, MinFree: minFree, Logger: logger}, nil
}

// StartEmbeddedChain runs the embedded chain of cfg (DevnetConfig) on
// addr, giving it two minutes to start, with go-ethereum's log on handler:
// the node's, and its root logger's, without which its packages' warnings
// (a failing disk, say) would be lost. tune, if not nil, adjusts the
// configuration first (`postage chain`'s --period and --delay). Another
// process running the chain on the same data directory is
// devnet.ErrInUse.
func StartEmbeddedChain(ctx context.Context, cfg *config.Config, addr string, handler slog.Handler, tune func(*devnet.Config)) (*devnet.Chain, error) {
	gethlog.SetDefault(gethlog.NewLogger(handler))
	d, err := DevnetConfig(cfg, addr, slog.New(handler))
	if err != nil {
		return nil, err
	}
	if tune != nil {
		tune(&d)
	}
	sctx, cancel := context.WithTimeout(ctx, 2*time.Minute)
	defer cancel()
	return devnet.Start(sctx, d)
}

// NamedContracts are the contracts a message's stake stamps (its
// Postage-Stamp headers) name: the trusted contracts worth dialling for
// it.
func NamedContracts(headers []string) map[postage.ContractRef]bool {
	out := map[postage.ContractRef]bool{}
	for _, st := range stake.Find(headers).Stamps {
		out[postage.ContractRef{ChainID: st.ChainID, Address: st.Contract}] = true
	}
	return out
}
