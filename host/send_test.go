package host

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"

	"github.com/postage-mail/postage/config"
	"github.com/postage-mail/postage/send"
	"github.com/postage-mail/postage/send/batchsock"
	"github.com/postage-mail/postage/send/sendchain"
	"github.com/postage-mail/postage/stake"
	"github.com/postage-mail/postage/submit"
)

func sendTestConfig(t *testing.T) *config.Config {
	t.Helper()
	t.Setenv("POSTAGE_HOME", t.TempDir())
	cfg, err := config.Load("")
	if err != nil {
		t.Fatal(err)
	}
	return cfg
}

type sendTestSource struct{}

func (sendTestSource) Stake(context.Context, send.MessageInfo, []stake.Recipient) (*send.StakeResult, error) {
	return nil, errors.New("not in this test")
}

var errNoSigner = errors.New("no signer in this test")

// noChain is a connection whose signer fails: a setup that reaches for
// the chain fails with errNoSigner.
var noChain = sendchain.Conn{ChainID: 1337, Transactor: func() (*bind.TransactOpts, error) { return nil, errNoSigner }}

// With postage serve answering on send.sock, deposits go to its batcher
// and the chain is not asked; --rpc makes this process deposit itself.
func TestArmSenderServedByPostageServe(t *testing.T) {
	cfg := sendTestConfig(t)
	cfg.Send.Stake = config.StakeAlways
	srv, err := batchsock.Listen(sendchain.Socket(cfg), sendTestSource{})
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Shutdown(context.Background())
	var s send.Sender
	st, err := armSender(context.Background(), cfg, noChain, &s, StakeOptions{NoTickets: true, Batch: true})
	if err != nil || !st.Served || st.Batcher != nil {
		t.Fatalf("served: %+v, %v", st, err)
	}
	if _, ok := s.Stake.(*batchsock.Client); !ok || s.Choose != nil || s.Tickets != nil {
		t.Errorf("sender: stake %T, choose %v, tickets %v", s.Stake, s.Choose != nil, s.Tickets != nil)
	}
	var s2 send.Sender
	if _, err := armSender(context.Background(), cfg, noChain, &s2, StakeOptions{RPC: "http://elsewhere:8545"}); !errors.Is(err, errNoSigner) {
		t.Errorf("with --rpc: %v, want the staker's own setup (%v)", err, errNoSigner)
	}
}

// Bad ticket settings are a usage error, in their own words.
func TestArmSenderBadTicketSettings(t *testing.T) {
	cfg := sendTestConfig(t)
	cfg.Send.Stake = config.StakeAlways
	cfg.Send.TicketContracts = []string{"nonsense"}
	srv, err := batchsock.Listen(sendchain.Socket(cfg), sendTestSource{})
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Shutdown(context.Background())
	var s send.Sender
	_, err = armSender(context.Background(), cfg, noChain, &s, StakeOptions{})
	if !errors.Is(err, send.ErrUsage) || !strings.HasPrefix(err.Error(), "config: send.ticket_contracts: ") {
		t.Errorf("bad ticket settings: %v", err)
	}
}

// The submit door's endpoints: an upstream is needed, clear text only on
// loopback, and the filter (no login) listens on loopback only.
func TestSubmitEndpoints(t *testing.T) {
	ss := config.SubmitSettings{Listen: "127.0.0.1:1587", UpstreamTLS: "starttls", FilterListen: "127.0.0.1:10025", FilterReinject: "127.0.0.1:10026"}
	if _, _, err := submitEndpoints(ss, SubmitOptions{}); err == nil || !strings.HasPrefix(err.Error(), "no upstream:") {
		t.Errorf("no upstream: %v", err)
	}
	up, listen, err := submitEndpoints(ss, SubmitOptions{Upstream: "smtp.example.com:587", Listen: "[::1]:2587"})
	if err != nil || up.Addr != "smtp.example.com:587" || up.TLS != submit.StartTLS || listen != "[::1]:2587" {
		t.Errorf("flags over settings: %+v %q %v", up, listen, err)
	}
	up, listen, err = submitEndpoints(ss, SubmitOptions{Filter: true})
	if err != nil || up.Addr != "127.0.0.1:10026" || up.TLS != submit.NoTLS || listen != "127.0.0.1:10025" {
		t.Errorf("filter: %+v %q %v", up, listen, err)
	}
	if _, _, err := submitEndpoints(ss, SubmitOptions{Filter: true, Listen: "0.0.0.0:10025"}); err == nil || !strings.Contains(err.Error(), "loopback only") {
		t.Errorf("filter beyond loopback: %v", err)
	}
	ss.UpstreamTLS = "none"
	if _, _, err := submitEndpoints(ss, SubmitOptions{Upstream: "smtp.example.com:25"}); err == nil || !strings.Contains(err.Error(), "without TLS") {
		t.Errorf("clear text upstream beyond loopback: %v", err)
	}
}

// Logins beyond loopback need TLS; the filter takes no logins.
func TestSubmitServerConfig(t *testing.T) {
	up := &submit.Upstream{Addr: "127.0.0.1:25"}
	sc, err := submitServerConfig(config.SubmitSettings{MaxSize: 1 << 20}, up, "127.0.0.1:1587", false)
	if err != nil || !sc.InsecureAuth || sc.MaxSize != 1<<20 || sc.Upstream != up {
		t.Errorf("loopback: %+v, %v", sc, err)
	}
	if _, err := submitServerConfig(config.SubmitSettings{}, up, "0.0.0.0:1587", false); err == nil || !strings.Contains(err.Error(), "needs submit.tls_cert") {
		t.Errorf("clear text beyond loopback: %v", err)
	}
	if sc, err := submitServerConfig(config.SubmitSettings{}, up, "0.0.0.0:10025", true); err != nil || sc.InsecureAuth {
		t.Errorf("filter: %+v, %v", sc, err)
	}
	if _, err := submitServerConfig(config.SubmitSettings{TLSCert: "/nonexistent.pem", TLSKey: "/nonexistent.key"}, up, "127.0.0.1:1587", false); err == nil || !strings.HasPrefix(err.Error(), "submit.tls_cert/tls_key: ") {
		t.Errorf("a missing certificate: %v", err)
	}
}

// Without stake stamps the sender needs no chain: work stamps of
// send.bits; an unreachable chain is ErrSendChain, for sendmail's hint.
func TestOpenSender(t *testing.T) {
	cfg := sendTestConfig(t)
	cfg.Send.Bits = 7
	s, err := OpenSender(context.Background(), cfg, SenderOptions{NoStake: true})
	if err != nil || s.Bits != 7 || s.Stake != nil || s.Stakes != nil {
		t.Fatalf("no stake: %+v, %v", s, err)
	}
	s.Close()
	cfg.Send.Stake = config.StakeNever
	if s, err := OpenSender(context.Background(), cfg, SenderOptions{}); err != nil || s.Stake != nil {
		t.Fatalf("send.stake = never: %+v, %v", s, err)
	}
	cfg.Send.Stake = config.StakeAlways
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	_, err = OpenSender(ctx, cfg, SenderOptions{StakeOptions: StakeOptions{RPC: "http://127.0.0.1:1"}})
	if !errors.Is(err, ErrSendChain) || strings.Contains(err.Error(), ErrSendChain.Error()) {
		t.Errorf("unreachable chain: %v, want ErrSendChain in the chain's own words", err)
	}
	_, err = Withdraw(ctx, cfg, "http://127.0.0.1:1", Withdrawal{WithdrawArgs: send.WithdrawArgs{Due: true}})
	if !errors.Is(err, ErrSendChain) {
		t.Errorf("withdraw, unreachable chain: %v", err)
	}
}
