package canonical_test

import (
	"context"
	"crypto/ecdsa"
	"errors"
	"fmt"
	"math/big"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/ethereum/go-ethereum/eth/ethconfig"
	"github.com/ethereum/go-ethereum/ethclient/simulated"
	"github.com/ethereum/go-ethereum/node"
	"github.com/ethereum/go-ethereum/params"

	"github.com/postage-mail/postage/chain"
	"github.com/postage-mail/postage/chain/canonical"
	"github.com/postage-mail/postage/chain/networks"
)

// The committed pre-signed transaction is the proxy's: its sender is the
// keyless deployer, its contract lands at ProxyAddress, it costs exactly
// ProxyFunding and installs ProxyCode.
func TestProxyDeploymentTx(t *testing.T) {
	tx := new(types.Transaction)
	if err := tx.UnmarshalBinary(canonical.ProxyDeploymentTx); err != nil {
		t.Fatal(err)
	}
	if tx.Protected() {
		t.Fatal("the proxy deployment tx is EIP-155 protected; the public one is not")
	}
	from, err := types.Sender(types.HomesteadSigner{}, tx)
	if err != nil {
		t.Fatal(err)
	}
	if from != canonical.ProxyDeployer {
		t.Fatalf("sender %s, want %s", from, canonical.ProxyDeployer)
	}
	if got := crypto.CreateAddress(from, tx.Nonce()); got != canonical.ProxyAddress || tx.Nonce() != 0 {
		t.Fatalf("creates %s at nonce %d, want %s at 0", got, tx.Nonce(), canonical.ProxyAddress)
	}
	if cost := new(big.Int).Mul(tx.GasPrice(), new(big.Int).SetUint64(tx.Gas())); cost.Cmp(canonical.ProxyFunding) != 0 {
		t.Fatalf("costs %s wei, ProxyFunding is %s", cost, canonical.ProxyFunding)
	}
	code, err := canonical.RuntimeCode(tx.Data())
	if err != nil {
		t.Fatal(err)
	}
	if common.Bytes2Hex(code) != common.Bytes2Hex(canonical.ProxyCode) {
		t.Fatalf("installs %x, want ProxyCode", code)
	}
}

// The newest release of each contract is this build: a change to the
// contracts without a new line in Releases fails here, printing the line.
func TestReleasesMatchBuild(t *testing.T) {
	var postage, book *canonical.Release
	seen := map[common.Address]bool{}
	for i := range canonical.Releases {
		r := &canonical.Releases[i]
		if seen[r.Address] {
			t.Errorf("address %s listed twice", r.Address)
		}
		seen[r.Address] = true
		switch r.Kind {
		case canonical.KindPostage:
			postage = r
		case canonical.KindTicketBook:
			book = r
		default:
			t.Errorf("release %+v: unknown kind", r)
		}
	}
	if postage == nil || book == nil {
		t.Fatal("Releases lacks a Postage or a TicketBook")
	}
	ic, err := canonical.PostageInitCode(canonical.CanonicalDelay)
	if err != nil {
		t.Fatal(err)
	}
	rc, err := canonical.RuntimeCode(ic)
	if err != nil {
		t.Fatal(err)
	}
	addr, hash := canonical.AddressOf(ic), crypto.Keccak256Hash(rc)
	if postage.Delay != uint64(canonical.CanonicalDelay/time.Second) || postage.Address != addr || postage.CodeHash != hash {
		t.Errorf("the build's deposit contract is not the newest release; append:\n\t{Version: %d, Kind: KindPostage, Delay: %d, Address: common.HexToAddress(%q), CodeHash: common.HexToHash(%q)},",
			postage.Version+1, uint64(canonical.CanonicalDelay/time.Second), addr.Hex(), hash.Hex())
	}
	bic := canonical.TicketBookInitCode(canonical.CanonicalRandomnessDelay, canonical.CanonicalEpoch)
	brc, err := canonical.RuntimeCode(bic)
	if err != nil {
		t.Fatal(err)
	}
	baddr, bhash := canonical.AddressOf(bic), crypto.Keccak256Hash(brc)
	if book.RandomnessDelay != canonical.CanonicalRandomnessDelay || book.Epoch != canonical.CanonicalEpoch || book.Address != baddr || book.CodeHash != bhash {
		t.Errorf("the build's TicketBook is not the newest release; append:\n\t{Version: %d, Kind: KindTicketBook, RandomnessDelay: %d, Epoch: %d, Address: common.HexToAddress(%q), CodeHash: common.HexToHash(%q)},",
			book.Version+1, canonical.CanonicalRandomnessDelay, canonical.CanonicalEpoch, baddr.Hex(), bhash.Hex())
	}
	if a, _ := canonical.CanonicalAddress(canonical.CanonicalDelay); a != addr {
		t.Errorf("CanonicalAddress(3d) = %s, want %s", a, addr)
	}
	if canonical.TicketBookAddress(canonical.CanonicalRandomnessDelay, canonical.CanonicalEpoch) != baddr {
		t.Error("TicketBookAddress disagrees with AddressOf")
	}
}

// The delay is part of the creation code, so each delay has its own
// address; a delay the contract would refuse has none.
func TestCanonicalAddressByDelay(t *testing.T) {
	seen := map[common.Address]time.Duration{}
	for _, d := range []time.Duration{time.Second, time.Hour, 24 * time.Hour, 72 * time.Hour, 7 * 24 * time.Hour} {
		a, err := canonical.CanonicalAddress(d)
		if err != nil {
			t.Fatal(err)
		}
		if prev, dup := seen[a]; dup {
			t.Fatalf("delays %v and %v share address %s", prev, d, a)
		}
		seen[a] = d
	}
	for _, d := range []time.Duration{0, -time.Second, 1500 * time.Millisecond} {
		if _, err := canonical.CanonicalAddress(d); err == nil {
			t.Errorf("CanonicalAddress(%v): no error", d)
		}
	}
}

type sim struct {
	b    *simulated.Backend
	key  *ecdsa.PrivateKey
	opts *bind.TransactOpts
}

// newSim is the simulated backend with one funded account and a miner
// sealing a block every 20 ms, without the proxy; allowUnprotected is geth's
// --rpc.allow-unprotected-txs.
func newSim(t *testing.T, allowUnprotected bool) *sim {
	t.Helper()
	key, err := crypto.GenerateKey()
	if err != nil {
		t.Fatal(err)
	}
	from := crypto.PubkeyToAddress(key.PublicKey)
	alloc := types.GenesisAlloc{from: {Balance: new(big.Int).Mul(big.NewInt(100), big.NewInt(params.Ether))}}
	b := simulated.NewBackend(alloc, func(nc *node.Config, ec *ethconfig.Config) {
		nc.AllowUnprotectedTxs = allowUnprotected
		// go-ethereum's genesis now carries the proxy (EIP-7997); chains
		// created before it, and most devnets, do not.
		delete(ec.Genesis.Alloc, canonical.ProxyAddress)
		cfg := *params.AllDevChainProtocolChanges
		cfg.AmsterdamTime, cfg.BogotaTime, cfg.UBTTime = nil, nil, nil
		ec.Genesis.Config = &cfg
	})
	stop := make(chan struct{})
	done := make(chan struct{})
	go func() {
		defer close(done)
		tk := time.NewTicker(20 * time.Millisecond)
		defer tk.Stop()
		for {
			select {
			case <-stop:
				return
			case <-tk.C:
				b.Commit()
			}
		}
	}()
	t.Cleanup(func() { close(stop); <-done; b.Close() })
	id, err := b.Client().ChainID(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	opts := bind.NewKeyedTransactor(key, id)
	return &sim{b: b, key: key, opts: opts}
}

func reason(err error) canonical.Reason {
	var ve *canonical.VerifyError
	if errors.As(err, &ve) {
		return ve.Reason
	}
	return canonical.Reason(fmt.Sprintf("not a VerifyError: %v", err))
}

func TestDeployVerifySimulated(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	s := newSim(t, true)
	cl := s.b.Client()
	want, _ := canonical.CanonicalAddress(canonical.CanonicalDelay)

	d, err := canonical.Deploy(ctx, cl, s.opts, canonical.CanonicalDelay)
	if err != nil {
		t.Fatal(err)
	}
	if d.Address != want || d.ProxyTx == (common.Hash{}) || d.Tx == (common.Hash{}) {
		t.Fatalf("first deploy: %+v, want address %s, a proxy tx and a creation tx", d, want)
	}
	// Deploying again finds both the proxy and the contract.
	d2, err := canonical.Deploy(ctx, cl, s.opts, canonical.CanonicalDelay)
	if err != nil {
		t.Fatal(err)
	}
	if d2.Address != want || d2.ProxyTx != (common.Hash{}) || d2.Tx != (common.Hash{}) {
		t.Fatalf("second deploy: %+v, want %s with no transaction", d2, want)
	}
	r, err := canonical.Verify(ctx, cl, want, canonical.CanonicalDelay)
	if err != nil {
		t.Fatal(err)
	}
	if r.Address != want {
		t.Fatalf("verify matched %+v", r)
	}
	// The deposit contract answers like one.
	if err := chain.NewContract(cl, want).Check(ctx); err != nil {
		t.Fatal(err)
	}

	// Another delay: another address; asking the canonical one for 1h
	// names the delay it has.
	d1h, err := canonical.Deploy(ctx, cl, s.opts, time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	if d1h.Address == want || d1h.ProxyTx != (common.Hash{}) {
		t.Fatalf("1h deploy: %+v", d1h)
	}
	_, err = canonical.Verify(ctx, cl, want, time.Hour)
	var ve *canonical.VerifyError
	if !errors.As(err, &ve) || ve.Reason != canonical.OtherDelay || ve.Delay != 259200 {
		t.Fatalf("verify 3d contract for 1h: %v", err)
	}
	if _, err := canonical.Verify(ctx, cl, d1h.Address, time.Hour); err != nil {
		t.Fatal(err)
	}
	// No code; other code (the proxy itself).
	if got := reason(func() error {
		_, err := canonical.Verify(ctx, cl, common.HexToAddress("0x1234"), canonical.CanonicalDelay)
		return err
	}()); got != canonical.NoCode {
		t.Fatalf("empty address: %s", got)
	}
	if got := reason(func() error {
		_, err := canonical.Verify(ctx, cl, canonical.ProxyAddress, canonical.CanonicalDelay)
		return err
	}()); got != canonical.OtherCode {
		t.Fatalf("proxy address: %s", got)
	}

	// VerifyBuild accepts either delay and refuses the rest.
	for _, a := range []common.Address{want, d1h.Address} {
		if _, err := canonical.VerifyBuild(ctx, cl, a); err != nil {
			t.Fatalf("VerifyBuild %s: %v", a, err)
		}
	}
	if got := reason(func() error { _, err := canonical.VerifyBuild(ctx, cl, common.HexToAddress("0x1234")); return err }()); got != canonical.NoCode {
		t.Fatalf("VerifyBuild empty address: %s", got)
	}
	if got := reason(func() error { _, err := canonical.VerifyBuild(ctx, cl, canonical.ProxyAddress); return err }()); got != canonical.OtherCode {
		t.Fatalf("VerifyBuild proxy address: %s", got)
	}

	// TicketBook, same way.
	bd, err := canonical.DeployTicketBook(ctx, cl, s.opts, canonical.CanonicalRandomnessDelay, canonical.CanonicalEpoch)
	if err != nil {
		t.Fatal(err)
	}
	if bd.Address != canonical.TicketBookAddress(canonical.CanonicalRandomnessDelay, canonical.CanonicalEpoch) {
		t.Fatalf("ticket book at %s", bd.Address)
	}
	if err := canonical.VerifyTicketBook(ctx, cl, want, canonical.CanonicalRandomnessDelay, canonical.CanonicalEpoch); reason(err) != canonical.OtherCode {
		t.Fatalf("deposit contract verified as a ticket book: %v", err)
	}
}

// A node that refuses unprotected transactions over RPC (geth's default)
// gets the explanation, and nothing is deployed.
func TestDeployRefusedUnprotected(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	s := newSim(t, false)
	_, err := canonical.Deploy(ctx, s.b.Client(), s.opts, canonical.CanonicalDelay)
	if !errors.Is(err, canonical.ErrUnprotectedRefused) {
		t.Fatalf("deploy: %v, want ErrUnprotectedRefused", err)
	}
	code, err := s.b.Client().CodeAt(ctx, canonical.ProxyAddress, nil)
	if err != nil || len(code) != 0 {
		t.Fatalf("proxy code %x, %v", code, err)
	}
}

// README.md and docs/networks.md print this build's canonical addresses and
// code hashes.
func TestDocsCarryCanonicalAddresses(t *testing.T) {
	ic, err := canonical.PostageInitCode(canonical.CanonicalDelay)
	if err != nil {
		t.Fatal(err)
	}
	rc, err := canonical.RuntimeCode(ic)
	if err != nil {
		t.Fatal(err)
	}
	bic := canonical.TicketBookInitCode(canonical.CanonicalRandomnessDelay, canonical.CanonicalEpoch)
	brc, err := canonical.RuntimeCode(bic)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string][]string{
		"../../README.md":        {canonical.AddressOf(ic).Hex(), canonical.AddressOf(bic).Hex()},
		"../../docs/networks.md": {canonical.AddressOf(ic).Hex(), canonical.AddressOf(bic).Hex(), crypto.Keccak256Hash(rc).Hex(), crypto.Keccak256Hash(brc).Hex(), canonical.Salt.Hex()},
	}
	for file, needles := range want {
		b, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		for _, n := range needles {
			if !strings.Contains(string(b), n) {
				t.Errorf("%s does not show %s (postage contract address prints it)", file, n)
			}
		}
	}
}

// VerifyNetwork: the right chain id and the recorded code hash pass;
// another chain id, another recorded hash and an address without code
// fail with their reasons.
func TestVerifyNetwork(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	s := newSim(t, true)
	cl := s.b.Client()
	d, err := canonical.Deploy(ctx, cl, s.opts, canonical.CanonicalDelay)
	if err != nil {
		t.Fatal(err)
	}
	code, err := cl.CodeAt(ctx, d.Address, nil)
	if err != nil {
		t.Fatal(err)
	}
	id, _ := cl.ChainID(ctx)
	h := crypto.Keccak256Hash(code)
	if err := canonical.VerifyNetwork(ctx, cl, id.Uint64(), d.Address, h); err != nil {
		t.Fatalf("the deployed contract on its chain: %v", err)
	}
	if r := reason(canonical.VerifyNetwork(ctx, cl, id.Uint64()+1, d.Address, h)); r != canonical.OtherChain {
		t.Fatalf("another chain id: %s", r)
	}
	if r := reason(canonical.VerifyNetwork(ctx, cl, id.Uint64(), d.Address, common.Hash{1})); r != canonical.OtherCode {
		t.Fatalf("another recorded code hash: %s", r)
	}
	if r := reason(canonical.VerifyNetwork(ctx, cl, id.Uint64(), common.HexToAddress("0xaa"), h)); r != canonical.NoCode {
		t.Fatalf("no code: %s", r)
	}
}

// NewTarget picks the canonical address of what is checked, an address
// given instead, or a preset's fixture, and refuses mixed requests.
func TestNewTarget(t *testing.T) {
	postage, _ := canonical.CanonicalAddress(canonical.CanonicalDelay)
	book := canonical.TicketBookAddress(canonical.CanonicalRandomnessDelay, canonical.CanonicalEpoch)
	hour, _ := canonical.CanonicalAddress(time.Hour)
	for _, c := range []struct {
		network string
		book    bool
		delay   time.Duration
		args    []string
		want    common.Address
	}{
		{"", false, canonical.CanonicalDelay, nil, postage},
		{"", true, canonical.CanonicalDelay, nil, book},
		{"", false, time.Hour, nil, hour},
		{"base", false, canonical.CanonicalDelay, nil, common.HexToAddress(networks.CanonicalAddress)},
		{"", true, canonical.CanonicalDelay, []string{"0x00000000000000000000000000000000000000aa"}, common.HexToAddress("0xaa")},
	} {
		tg, err := canonical.NewTarget(c.network, c.book, c.delay, c.args...)
		if err != nil || tg.Address != c.want || tg.Book != c.book || tg.Delay != c.delay || (tg.Network != nil) != (c.network != "") {
			t.Errorf("NewTarget(%q, %v, %v, %q) = %+v, %v; want address %s", c.network, c.book, c.delay, c.args, tg, err, c.want)
		}
	}
	for _, c := range []struct {
		network string
		book    bool
		delay   time.Duration
		args    []string
		want    string
	}{
		{"polygon", false, canonical.CanonicalDelay, nil, `--network: unknown network "polygon"`},
		{"base", true, canonical.CanonicalDelay, nil, "--network checks the canonical deposit contract: no --book or --delay"},
		{"base", false, time.Hour, nil, "--network checks the canonical deposit contract: no --book or --delay"},
		{"", false, 0, nil, "--delay: "},
		{"", false, canonical.CanonicalDelay, []string{"0xaa", "0xbb"}, "verify takes at most one ADDRESS"},
		{"", false, canonical.CanonicalDelay, []string{"0xnope"}, `"0xnope" is not an address`},
	} {
		if _, err := canonical.NewTarget(c.network, c.book, c.delay, c.args...); err == nil || !strings.HasPrefix(err.Error(), c.want) {
			t.Errorf("NewTarget(%q, %v, %v, %q): %v, want %q", c.network, c.book, c.delay, c.args, err, c.want)
		}
	}
}

// Check answers ok, the refusal's reason, or unreachable, with the
// detail in Err; the answer line is the reason and the address.
func TestTargetCheck(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	s := newSim(t, true)
	cl := s.b.Client()
	if _, err := canonical.Deploy(ctx, cl, s.opts, canonical.CanonicalDelay); err != nil {
		t.Fatal(err)
	}
	target := func(network string, book bool, delay time.Duration, args ...string) canonical.Target {
		t.Helper()
		tg, err := canonical.NewTarget(network, book, delay, args...)
		if err != nil {
			t.Fatal(err)
		}
		return tg
	}
	postage := target("", false, canonical.CanonicalDelay)
	if r := postage.Check(ctx, cl); r.Reason != "ok" || r.Err != nil || r.String() != "ok "+postage.Address.Hex() {
		t.Fatalf("the deployed contract: %+v", r)
	}
	if r := target("", true, canonical.CanonicalDelay).Check(ctx, cl); r.Reason != string(canonical.NoCode) || reason(r.Err) != canonical.NoCode {
		t.Fatalf("the TicketBook, not deployed: %+v", r)
	}
	if r := target("", false, time.Hour, postage.Address.Hex()).Check(ctx, cl); r.Reason != string(canonical.OtherDelay) {
		t.Fatalf("another delay: %+v", r)
	}
	r := target("base", false, canonical.CanonicalDelay).Check(ctx, cl)
	if r.Reason != string(canonical.OtherChain) || !strings.HasPrefix(r.Err.Error(), "network base: ") {
		t.Fatalf("base's fixture on the simulated chain: %+v", r)
	}
	down := errors.New("chain at http://127.0.0.1:1: connection refused")
	r = postage.Report(down)
	if r.String() != "unreachable "+postage.Address.Hex() || !errors.Is(r.Err, canonical.ErrUnreachable) || !errors.Is(r.Err, down) ||
		r.Err.Error() != "unreachable: "+down.Error() {
		t.Fatalf("an unreachable chain: %+v", r)
	}
	if again := postage.Report(r.Err); again.Err.Error() != r.Err.Error() {
		t.Fatalf("marked unreachable twice: %v", again.Err)
	}
}

// Deployed.Report says what a deployment did.
func TestDeployedReport(t *testing.T) {
	a, tx := common.HexToAddress("0xaa"), common.HexToHash("0x01")
	for d, want := range map[canonical.Deployed]string{
		{}:                                "",
		{Address: a}:                      "Postage     " + a.Hex() + "  already deployed\n",
		{Address: a, Tx: tx}:              "Postage     " + a.Hex() + "  deployed in tx " + tx.Hex() + "\n",
		{ProxyTx: tx}:                     "proxy       " + canonical.ProxyAddress.Hex() + "  installed in tx " + tx.Hex() + "\n",
		{Address: a, ProxyTx: tx, Tx: tx}: "proxy       " + canonical.ProxyAddress.Hex() + "  installed in tx " + tx.Hex() + "\nPostage     " + a.Hex() + "  deployed in tx " + tx.Hex() + "\n",
	} {
		if got := d.Report("Postage"); got != want {
			t.Errorf("%+v: %q, want %q", d, got, want)
		}
	}
}

// Addresses prints the delay in days when it is whole days.
func TestAddresses(t *testing.T) {
	for d, want := range map[time.Duration]string{72 * time.Hour: "delay 3d\n", 90 * time.Minute: "delay 1h30m0s\n"} {
		a, _ := canonical.CanonicalAddress(d)
		out, err := canonical.Addresses(d)
		if err != nil || !strings.HasPrefix(out, "Postage     "+a.Hex()+"  "+want+"TicketBook  ") || !strings.HasSuffix(out, "  randomness_delay 2, epoch 32\n") {
			t.Errorf("Addresses(%v) = %q, %v", d, out, err)
		}
	}
	if _, err := canonical.Addresses(0); err == nil {
		t.Error("a zero delay has an address")
	}
}
