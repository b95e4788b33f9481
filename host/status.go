package host

import (
	"context"
	"slices"

	"github.com/ethereum/go-ethereum/common"

	"github.com/postage-mail/postage/chain"
	"github.com/postage-mail/postage/chain/devnet"
	"github.com/postage-mail/postage/send/sendchain"
	"github.com/postage-mail/postage/send/status"
)

// StatusScan says which of this machine's deposits `postage status` lists
// when it is given no ids.
type StatusScan struct {
	// From, when set, is the one creator (--from); else every keystore
	// account and the embedded chain's developer account.
	From string
	// FromBlock, when Scan is set, is where the creators' Deposited
	// events are looked for; without Scan, the embedded chain is scanned
	// from its deployment block.
	FromBlock uint64
	Scan      bool
}

// ReadStatus reads ids on c's chain, or with no ids this machine's
// deposits (their records here, and their Deposited events as s says).
// Named ids that do not exist are returned in missing; listed ones that
// do not (recorded but never mined, or another chain's) are left out.
func ReadStatus(ctx context.Context, c *Chain, ids []common.Hash, s StatusScan) (deps []status.Deposit, missing []common.Hash, err error) {
	listing := len(ids) == 0
	if listing {
		if ids, err = statusLocalDeposits(ctx, c, s); err != nil {
			return nil, nil, err
		}
	}
	deps, missing, err = status.Read(ctx, c.Reader, ids)
	if listing {
		missing = nil
	}
	return deps, missing, err
}

// statusLocalDeposits lists the ids of deposits made by this machine's
// accounts: their records here, and their Deposited events on the
// embedded chain (or from s.FromBlock).
func statusLocalDeposits(ctx context.Context, c *Chain, s StatusScan) ([]common.Hash, error) {
	cfg := c.Config()
	var creators []common.Address
	if s.From != "" {
		creators = append(creators, common.HexToAddress(s.From))
	} else {
		for _, a := range chain.OpenKeystoreLight(cfg.KeystoreDir()).Accounts() {
			creators = append(creators, a.Address)
		}
		if c.Embedded {
			if dev, err := devnet.ReadDevAccount(cfg.ChainDir()); err == nil && !slices.Contains(creators, dev.Account.Address) {
				creators = append(creators, dev.Account.Address)
			}
		}
	}
	fromBlock, scan := s.FromBlock, s.Scan
	if !scan && c.Embedded {
		if dep, err := devnet.ReadDeployment(cfg.ChainDir()); err == nil && dep.Contract == c.Contract.Address() {
			fromBlock, scan = dep.Block, true
		}
	}
	return sendchain.LocalDeposits(ctx, sendchain.Records(cfg), c.SendConn(), creators, s.From != "", fromBlock, scan)
}
