package milter

import (
	"bufio"
	"bytes"
	"context"
	"encoding/binary"
	"io"
	"log/slog"
	"net"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/postage-mail/postage"
)

func fuzzPkt(cmd byte, data string) []byte {
	b := binary.BigEndian.AppendUint32(nil, uint32(1+len(data)))
	return append(append(b, cmd), data...)
}

// FuzzPacketStream feeds what an MTA (or anything else) might send into
// one milter connection: whatever the bytes, the connection ends (no
// hang, no panic), and the milter answers only in milter packets.
//
//	go test -run '^$' -fuzz FuzzPacketStream -fuzztime 60s ./milter
func FuzzPacketStream(f *testing.F) {
	neg := fuzzPkt('O', "\x00\x00\x00\x06\x00\x00\x01\xff\x00\x1f\xff\xff")
	msg := bytes.Join([][]byte{
		neg,
		fuzzPkt('C', "client.example.net\x004\x9c\x40192.0.2.1\x00"),
		fuzzPkt('D', "Mi\x00Q1\x00"),
		fuzzPkt('M', "<a@example.net>\x00"),
		fuzzPkt('R', "<b@example.com>\x00"),
		fuzzPkt('L', "From\x00a@example.net\x00"),
		fuzzPkt('L', "X-Hashcash\x001:8:261201:b@example.com::r:1\x00"),
		fuzzPkt('L', "Postage-Result\x00pass\x00"),
		fuzzPkt('B', "hello\r\n"),
		fuzzPkt('E', ""),
	}, nil)
	f.Add(msg)
	f.Add(append(append([]byte{}, msg...), fuzzPkt('A', "")...))
	f.Add(append(append([]byte{}, neg...), 0xff, 0xff, 0xff, 0xff))
	f.Add(neg[:7])
	f.Add(append(append([]byte{}, neg...), fuzzPkt('L', "\x00")...))
	f.Add(append(append([]byte{}, neg...), fuzzPkt('K', "")...))
	pol := postage.DefaultPolicy()
	pol.Accept = append(pol.Accept, postage.AcceptWork) // work stamps are under test; the default does not count them
	pol.WorkBits = 8
	logs := &lockedBuffer{}
	srv, err := New(Config{
		Checker:     func(context.Context, postage.Stamps) *postage.Checker { return &postage.Checker{Policy: pol} },
		Logger:      slog.New(slog.NewTextHandler(logs, nil)),
		IdleTimeout: 2 * time.Second,
	})
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, in []byte) {
		mta, mine := net.Pipe()
		tc := &trackedConn{Conn: mine, srv: srv}
		srv.mu.Lock()
		srv.conns[tc] = struct{}{}
		srv.mu.Unlock()
		done := make(chan struct{})
		logs.reset()
		go func() {
			defer close(done)
			srv.serveConn(tc)
		}()
		// The milter's answers, read as packets.
		replies := make(chan error, 1)
		go func() {
			r := bufio.NewReader(mta)
			for {
				var n uint32
				if err := binary.Read(r, binary.BigEndian, &n); err != nil {
					replies <- nil
					return
				}
				if n == 0 || n > MaxPacket {
					replies <- io.ErrShortBuffer
					return
				}
				if _, err := r.Discard(int(n)); err != nil {
					replies <- nil
					return
				}
			}
		}()
		mta.SetWriteDeadline(time.Now().Add(5 * time.Second))
		mta.Write(in)
		mta.Close()
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			t.Fatal("the connection did not end")
		}
		if err := <-replies; err != nil {
			t.Fatal("the milter wrote something that is not a milter packet")
		}
		if l := logs.String(); strings.Contains(l, "panic") {
			t.Fatalf("panic:\n%s", l)
		}
	})
}

type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

func (l *lockedBuffer) reset() {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.b.Reset()
}
