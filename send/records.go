package send

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"math/big"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/postage-mail/postage/internal/atomicfile"
)

// RecordVersion is the format of records written now.
const RecordVersion = 2

// State is a deposit's state as its record knows it.
type State string

// States of a record. A record is written as pending BEFORE the deposit's
// transaction is sent, so a crash between sending and mining leaves a
// record to reconcile against the chain (the id is fixed by creator and
// root, whatever transaction carries it).
const (
	StatePending     State = "pending"     // sent or about to be; not seen on chain yet
	StateActive      State = "active"      // mined
	StateWithdrawing State = "withdrawing" // withdrawal started
	StateWithdrawn   State = "withdrawn"   // paid back; final
	StateFailed      State = "failed"      // never mined (gave up); final unless it appears on chain
)

// MessageInfo identifies a message a deposit backs without storing what
// it says: its Message-ID and a digest of its subject.
type MessageInfo struct {
	MessageID     string `json:"messageId,omitempty"`
	SubjectDigest string `json:"subjectSha256,omitempty"`
}

// NewMessageInfo is the record's view of a message.
func NewMessageInfo(messageID, subject string) MessageInfo {
	mi := MessageInfo{MessageID: strings.TrimSpace(messageID)}
	if subject != "" {
		sum := sha256.Sum256([]byte(strings.TrimSpace(subject)))
		mi.SubjectDigest = hex.EncodeToString(sum[:16])
	}
	return mi
}

// RecordLeaf is one leaf of a recorded deposit.
type RecordLeaf struct {
	Index uint32 `json:"index"`
	// Recipient owns the leaf; empty for padding and --leaves secrets.
	Recipient string `json:"recipient,omitempty"`
	// Message indexes Record.Messages (-1: none).
	Message int  `json:"message"`
	Padding bool `json:"padding,omitempty"`
	// Stamp is the recipient's Postage-Stamp header value (secret: it can
	// burn the leaf).
	Stamp string `json:"stamp,omitempty"`
	// Secret of a --leaves deposit's leaf (secret).
	Secret *common.Hash `json:"secret,omitempty"`
	// Burned as last seen on chain.
	Burned bool `json:"burned,omitempty"`
}

// Record is what postage remembers about a deposit it made. It holds
// secrets, so it is written with mode 0600 in a 0700 directory.
type Record struct {
	Version       int            `json:"version"`
	ChainID       uint64         `json:"chainId"`
	Contract      common.Address `json:"contract"`
	Creator       common.Address `json:"creator"`
	ID            common.Hash    `json:"id"`
	Root          common.Hash    `json:"root"`
	Leaves        uint32         `json:"leaves"`
	Value         string         `json:"value"`         // wei
	BountyPerLeaf string         `json:"bountyPerLeaf"` // wei
	Created       time.Time      `json:"created"`
	State         State          `json:"state"`
	// Nonce is the account's pending nonce when the deposit was sent.
	Nonce *uint64     `json:"nonce,omitempty"`
	Tx    common.Hash `json:"tx,omitzero"`
	Block uint64      `json:"block,omitempty"`
	// UnlockAt is set once the withdrawal started.
	UnlockAt  time.Time     `json:"unlockAt,omitzero"`
	Withdrawn string        `json:"withdrawn,omitempty"` // wei paid back
	Error     string        `json:"error,omitempty"`     // why the last step failed
	Messages  []MessageInfo `json:"messages,omitempty"`
	Leaf      []RecordLeaf  `json:"leaf,omitempty"`

	// Version 1 records (postage deposit before records had leaves).
	LegacyRecipients []legacyRecipient `json:"recipients,omitempty"`
	LegacySecrets    []common.Hash     `json:"secrets,omitempty"`
}

type legacyRecipient struct {
	Recipient string `json:"recipient"`
	Index     uint32 `json:"index"`
	Stamp     string `json:"stamp"`
}

// upgrade turns a version 1 record into the current form.
func (r *Record) upgrade() {
	if r.Version >= RecordVersion {
		return
	}
	if len(r.Leaf) == 0 {
		for _, lr := range r.LegacyRecipients {
			r.Leaf = append(r.Leaf, RecordLeaf{Index: lr.Index, Recipient: lr.Recipient, Stamp: lr.Stamp, Message: -1})
		}
		for i, s := range r.LegacySecrets {
			s := s
			r.Leaf = append(r.Leaf, RecordLeaf{Index: uint32(i), Secret: &s, Message: -1})
		}
	}
	r.LegacyRecipients, r.LegacySecrets = nil, nil
	if r.State == "" {
		r.State = StatePending
		if r.Block != 0 {
			r.State = StateActive
		}
	}
	r.Version = RecordVersion
}

// Final reports whether the record needs no more work.
func (r *Record) Final() bool { return r.State == StateWithdrawn }

// Share is the value of one leaf.
func (r *Record) Share() *big.Int {
	v, ok := new(big.Int).SetString(r.Value, 10)
	if !ok || r.Leaves == 0 {
		return new(big.Int)
	}
	return v.Div(v, big.NewInt(int64(r.Leaves)))
}

// Summary is what postage deposit prints of the deposit it made: the id,
// the amounts, the creator and the transaction.
func (r *Record) Summary() string {
	value, _ := new(big.Int).SetString(r.Value, 10)
	bounty, _ := new(big.Int).SetString(r.BountyPerLeaf, 10)
	return fmt.Sprintf("deposit %s\n  value    %s in %d leaves (%s each, bounty %s per burned leaf)\n  creator  %s\n  tx       %s (block %d)\n",
		r.ID.Hex(), FormatWei(value), r.Leaves, FormatWei(r.Share()), FormatWei(bounty), r.Creator.Hex(), r.Tx.Hex(), r.Block)
}

// SummaryJSON is what postage deposit --json prints of the deposit it
// made, whose record is in file.
func (r *Record) SummaryJSON(file string) map[string]any {
	return map[string]any{
		"id": r.ID, "chainId": r.ChainID, "contract": r.Contract, "creator": r.Creator,
		"root": r.Root, "leaves": r.Leaves, "value": r.Value, "share": r.Share().String(),
		"bountyPerLeaf": r.BountyPerLeaf, "tx": r.Tx, "block": r.Block, "file": file,
	}
}

// Store keeps records, one JSON file per deposit.
type Store struct{ Dir string }

// Path is the file of deposit id.
func (s *Store) Path(id common.Hash) string { return filepath.Join(s.Dir, id.Hex()+".json") }

// Save writes r atomically (synced to disk before it is renamed in place).
func (s *Store) Save(r *Record) error {
	if err := os.MkdirAll(s.Dir, 0o700); err != nil {
		return fmt.Errorf("deposit records: %w", err)
	}
	if err := os.Chmod(s.Dir, 0o700); err != nil {
		return fmt.Errorf("deposit records: %w", err)
	}
	r.upgrade()
	if err := atomicfile.WriteJSON(s.Path(r.ID), r, 0o600); err != nil {
		return fmt.Errorf("save deposit record: %w", err)
	}
	return nil
}

// Remove forgets the record of a deposit that was never made.
func (s *Store) Remove(id common.Hash) error {
	if err := os.Remove(s.Path(id)); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("deposit record: %w", err)
	}
	return nil
}

// ErrNoRecord means no record of that deposit is kept here.
var ErrNoRecord = errors.New("no record of that deposit")

// Load reads the record of id.
func (s *Store) Load(id common.Hash) (*Record, error) {
	data, err := os.ReadFile(s.Path(id))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("%w: %s", ErrNoRecord, id.Hex())
	}
	if err != nil {
		return nil, fmt.Errorf("deposit record: %w", err)
	}
	return decodeRecord(s.Path(id), data)
}

func decodeRecord(path string, data []byte) (*Record, error) {
	var r Record
	if err := json.Unmarshal(data, &r); err != nil {
		return nil, fmt.Errorf("deposit record %s: %w", path, err)
	}
	if r.ID == (common.Hash{}) {
		return nil, fmt.Errorf("deposit record %s: no id", path)
	}
	r.upgrade()
	return &r, nil
}

// List reads every record, oldest first. A file that cannot be read is an
// error naming it: skipping it would forget a deposit's money.
func (s *Store) List() ([]*Record, error) {
	files, err := filepath.Glob(filepath.Join(s.Dir, "0x*.json"))
	if err != nil {
		return nil, err
	}
	var out []*Record
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			return nil, fmt.Errorf("deposit record: %w", err)
		}
		r, err := decodeRecord(f, data)
		if err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Created.Before(out[j].Created) })
	return out, nil
}
