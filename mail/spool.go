package mail

import (
	"bytes"
	"fmt"
	"io"
	"os"
)

// SpoolIdentity is m's identity (Identity), for a message that is
// written on after it is checked (a delivery filter): it reads m's body
// into an unlinked temporary file, hashing it, and leaves m.Body reading
// the copy. A file that cannot be made or written (a full disk) is
// replaced by memory: the message is never lost, and on a read error
// m.Body still gives all of it.
func (m *Message) SpoolIdentity() (string, error) {
	bh := NewBodyHash()
	if m.Body == nil {
		return Identity(m.Header, bh), nil
	}
	sp := &spool{}
	if f, err := os.CreateTemp("", "postage-verify-*"); err == nil {
		os.Remove(f.Name())
		sp.f = f
	}
	if _, err := io.Copy(io.MultiWriter(sp, bh), m.Body); err != nil {
		// Nothing read is lost: what was read is in the spool.
		m.Body = io.MultiReader(sp.reader(), m.Body)
		return "", fmt.Errorf("read body: %w", err)
	}
	m.Body = sp.reader()
	return Identity(m.Header, bh), nil
}

// spool keeps a body in a file, or in memory once the file fails.
type spool struct {
	f   *os.File // nil: memory only
	n   int64    // bytes in f
	mem bytes.Buffer
}

func (s *spool) Write(p []byte) (int, error) {
	if s.f != nil {
		if _, err := s.f.Write(p); err == nil {
			s.n += int64(len(p))
			return len(p), nil
		}
		// Move what the file holds to memory and go on there.
		if _, err := io.Copy(&s.mem, io.NewSectionReader(s.f, 0, s.n)); err != nil {
			return 0, fmt.Errorf("spool body: %w", err)
		}
		s.f.Close()
		s.f = nil
	}
	return s.mem.Write(p)
}

func (s *spool) reader() io.Reader {
	if s.f != nil {
		return io.NewSectionReader(s.f, 0, s.n)
	}
	return &s.mem
}
