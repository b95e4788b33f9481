package main

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/postage-mail/postage/hashcash"
	"github.com/postage-mail/postage/milter/miltertest"
	"github.com/postage-mail/postage/store/redis/redistest"
)

// Two milter processes share one Redis spent store: a stamp presented to
// both at the same moment is accepted by exactly one.
func TestTwoMiltersShareRedis(t *testing.T) {
	url := redistest.Start(t)
	home := t.TempDir()
	var addrs []string
	var daemons []*daemon
	for i := 0; i < 2; i++ {
		addr := loopback(freePort(t))
		cfg := writeConfig(t, home, fmt.Sprintf("m%d.toml", i), fmt.Sprintf(`[policy]
accept = ["work"]
[policy.work]
bits = 8
[store]
kind = "redis"
redis_url = %q
[milter]
listen = "inet:%s"
[metrics]
listen = ""
`, url, addr))
		daemons = append(daemons, startDaemon(t, home, "milter", "--config", cfg))
		addrs = append(addrs, addr)
	}
	for i, d := range daemons {
		d.waitListening(addrs[i], 30*time.Second)
	}
	sessions := make([]*miltertest.Session, 2)
	for i, a := range addrs {
		s, err := miltertest.Dial("tcp", a, 10*time.Second)
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		sessions[i] = s
	}
	const rounds = 30
	for round := 0; round < rounds; round++ {
		rcpt := fmt.Sprintf("user%d@example.com", round)
		st, err := hashcash.Mint(context.Background(), rcpt, 8, nil)
		if err != nil {
			t.Fatal(err)
		}
		// Two different messages with one stamp, one to each MX host at
		// once: one passes, the other is double-spent. (The same message
		// through both, a second MX, passes on both: below.)
		msgs := make([]*miltertest.Message, 2)
		for i := range msgs {
			msgs[i] = &miltertest.Message{From: "sender@example.net", Rcpts: []string{rcpt}, Header: []miltertest.Field{
				{Name: "From", Value: "sender@example.net"}, {Name: "To", Value: rcpt}, {Name: "X-Hashcash", Value: st.String()},
			}, Body: fmt.Sprintf("message %d\r\n", i)}
		}
		if round%2 == 1 {
			msgs[1] = msgs[0]
		}
		verdicts := make([]string, 2)
		errs := make([]error, 2)
		var wg sync.WaitGroup
		for i, s := range sessions {
			wg.Add(1)
			go func() {
				defer wg.Done()
				r, err := s.Send(msgs[i])
				if err != nil {
					errs[i] = err
					return
				}
				verdicts[i] = strings.Join(r.Added("Postage-Result"), "|")
			}()
		}
		wg.Wait()
		for _, err := range errs {
			if err != nil {
				t.Fatal(err)
			}
		}
		pass := "pass rcpt=" + rcpt + " work=8"
		spent := "fail rcpt=" + rcpt + " work=double-spent"
		if round%2 == 1 {
			if verdicts[0] != pass || verdicts[1] != pass {
				t.Fatalf("round %d: the same message through both hosts: verdicts %q, want two passes", round, verdicts)
			}
			continue
		}
		if !(verdicts[0] == pass && verdicts[1] == spent || verdicts[0] == spent && verdicts[1] == pass) {
			t.Fatalf("round %d: verdicts %q, want one pass and one double-spent", round, verdicts)
		}
	}
	for _, d := range daemons {
		if code := d.stop(); code != exitOK {
			t.Errorf("postage %s exited %d after SIGTERM:\n%s", d.name, code, d.out.String())
		}
		if n := strings.Count(d.out.String(), "msg=message "); n != rounds {
			t.Errorf("postage %s logged %d messages, want %d", d.name, n, rounds)
		}
	}
}
