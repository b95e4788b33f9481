package main

import (
	"context"
	"fmt"
	"math/big"
	"strings"

	"github.com/ethereum/go-ethereum/common"

	"github.com/postage-mail/postage/chain"
	"github.com/postage-mail/postage/hashcash"
	"github.com/postage-mail/postage/mail"
	"github.com/postage-mail/postage/stake"
)

// addWork mints an X-Hashcash stamp for each recipient that has none yet.
func addWork(ctx context.Context, m *mail.Message, rcpts []string, bits int) error {
	for _, r := range rcpts {
		if m.HasWorkFor(r) {
			continue
		}
		st, err := hashcash.Mint(ctx, r, bits, nil)
		if err != nil {
			return fmt.Errorf("mint work stamp for %s: %w", r, err)
		}
		m.Header.Add(mail.WorkHeader, st.String())
	}
	return nil
}

// stakeDeposit is one deposit covering a set of recipients, made and mined.
type stakeDeposit struct {
	batch   *stake.Batch
	chainID uint64
	address stake.Address
	creator stake.Address
	id      common.Hash
}

// makeDeposit builds the Merkle batch for rcpts, deposits perRcpt wei per
// recipient and waits for the receipt.
func makeDeposit(ctx context.Context, conn *chainConn, rcpts []string, perRcpt, bounty *big.Int) (*stakeDeposit, error) {
	var rs []stake.Recipient
	for _, r := range rcpts {
		sr, err := stake.ParseRecipient(r)
		if err != nil {
			return nil, fmt.Errorf("recipient %q: %w", r, err)
		}
		rs = append(rs, sr)
	}
	b, err := stake.NewBatch(rs, nil)
	if err != nil {
		return nil, err
	}
	w, err := conn.writer()
	if err != nil {
		return nil, err
	}
	total := new(big.Int).Mul(perRcpt, big.NewInt(int64(b.Len())))
	res, err := w.Deposit(ctx, common.Hash(b.Root()), b.Len(), total, bounty)
	if err != nil {
		return nil, fmt.Errorf("deposit %s for %d recipients: %w", chain.FormatWei(total), b.Len(), err)
	}
	return &stakeDeposit{batch: b, chainID: conn.chainID.Uint64(), address: stake.Address(conn.contract.Address()), creator: stake.Address(w.From()), id: res.ID}, nil
}

// setStake puts rcpt's stake stamp into m, replacing any other.
func (d *stakeDeposit) setStake(m *mail.Message, rcpt string) error {
	sr, err := stake.ParseRecipient(rcpt)
	if err != nil {
		return err
	}
	i, ok := d.batch.Index(sr)
	if !ok {
		return fmt.Errorf("%s is not in the deposit", rcpt)
	}
	st, err := d.batch.Stamp(i, d.chainID, d.address, d.creator)
	if err != nil {
		return err
	}
	v, err := st.Format()
	if err != nil {
		return err
	}
	m.Header.Del(mail.StakeHeader)
	m.Header.Add(mail.StakeHeader, v)
	return nil
}

func lower(ss []string) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = strings.ToLower(strings.Trim(strings.TrimSpace(s), "<>"))
	}
	return out
}
