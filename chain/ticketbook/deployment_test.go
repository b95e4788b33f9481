package ticketbook

import (
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/ethereum/go-ethereum/common"
)

func TestDeploymentRoundTrip(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "book")
	if _, err := ReadDeployment(dir); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("no record: %v, want os.ErrNotExist", err)
	}
	d := Deployment{ChainID: 1337, Contract: common.HexToAddress("0x1234"), RandomnessDelay: 4, Epoch: 100, Block: 7, TxHash: common.HexToHash("0xab")}
	if err := WriteDeployment(dir, d); err != nil {
		t.Fatal(err)
	}
	got, err := ReadDeployment(dir)
	if err != nil || got != d {
		t.Fatalf("read %+v, %v; want %+v", got, err, d)
	}
	fi, err := os.Stat(DeploymentPath(dir))
	if err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("record mode %v, %v; want 0600", fi.Mode(), err)
	}
	if err := os.WriteFile(DeploymentPath(dir), []byte("{not json"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := ReadDeployment(dir); err == nil {
		t.Fatal("a corrupt record read without an error")
	}
}

func TestDeploymentReport(t *testing.T) {
	d := Deployment{ChainID: 1337, Contract: common.HexToAddress("0xaa"), RandomnessDelay: 4, Epoch: 100}
	if got, want := d.Report(true), "ticket book contract "+d.Contract.String()+" on chain 1337 (already deployed)"; got != want {
		t.Fatalf("%q, want %q", got, want)
	}
	if got, want := d.Report(false), "ticket book contract "+d.Contract.String()+" on chain 1337 (randomness delay 4, epoch 100)"; got != want {
		t.Fatalf("%q, want %q", got, want)
	}
}
