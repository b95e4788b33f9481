package ticketbook

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"

	"github.com/ethereum/go-ethereum/common"

	"github.com/postage-mail/postage/internal/atomicfile"
)

// Deployment is what `postage book deploy` records of the TicketBook
// contract, in <book dir>/deployment.json.
type Deployment struct {
	ChainID         uint64         `json:"chainId"`
	Contract        common.Address `json:"contract"`
	RandomnessDelay uint32         `json:"randomnessDelay"`
	Epoch           uint32         `json:"epoch"`
	Block           uint64         `json:"block"`
	TxHash          common.Hash    `json:"txHash"`
}

// DeploymentPath is the deployment record in the book directory dir.
func DeploymentPath(dir string) string { return filepath.Join(dir, "deployment.json") }

// ReadDeployment reads the record in dir (an error wrapping
// os.ErrNotExist if there is none).
func ReadDeployment(dir string) (Deployment, error) {
	var d Deployment
	raw, err := os.ReadFile(DeploymentPath(dir))
	if err != nil {
		return d, err
	}
	if err := json.Unmarshal(raw, &d); err != nil {
		return d, fmt.Errorf("%s: %w", DeploymentPath(dir), err)
	}
	return d, nil
}

// WriteDeployment replaces the record in dir (created, mode 0700)
// atomically: a crash leaves the old record or the new one.
func WriteDeployment(dir string, d Deployment) error {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return err
	}
	return atomicfile.WriteJSON(DeploymentPath(dir), d, 0o600)
}

// Report is the line `postage book deploy` prints for d: already says the
// deployment was found rather than made.
func (d Deployment) Report(already bool) string {
	if already {
		return fmt.Sprintf("ticket book contract %s on chain %d (already deployed)", d.Contract, d.ChainID)
	}
	return fmt.Sprintf("ticket book contract %s on chain %d (randomness delay %d, epoch %d)", d.Contract, d.ChainID, d.RandomnessDelay, d.Epoch)
}
