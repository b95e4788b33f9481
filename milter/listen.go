package milter

import (
	"fmt"
	"net"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// Ports other milters listen on by convention; postage stays off them so
// it can run beside them.
var reservedPorts = map[int]string{
	8891:  "OpenDKIM",
	8893:  "OpenDMARC",
	11332: "rspamd",
}

// Address is where a milter listens, in the MTA's own notation:
// "inet:127.0.0.1:8895" (or "127.0.0.1:8895") or "unix:/path/to.sock".
type Address struct {
	Network string // "tcp" or "unix"
	Addr    string // host:port or socket path
}

func (a Address) String() string {
	if a.Network == "unix" {
		return "unix:" + a.Addr
	}
	return "inet:" + a.Addr
}

// ParseAddress reads a listen address. TCP must be on loopback: the milter
// protocol has no authentication, and anyone who can reach the milter can
// spend stamps with it. Each MX host runs its own milter (they share a
// Redis spent store). The ports of OpenDKIM, OpenDMARC and rspamd are
// refused.
func ParseAddress(s string) (Address, error) {
	switch {
	case strings.HasPrefix(s, "unix:"), strings.HasPrefix(s, "local:"):
		_, path, _ := strings.Cut(s, ":")
		if !filepath.IsAbs(path) {
			return Address{}, fmt.Errorf("milter address %q: the socket path must be absolute", s)
		}
		return Address{Network: "unix", Addr: filepath.Clean(path)}, nil
	case strings.HasPrefix(s, "inet:"):
		s = strings.TrimPrefix(s, "inet:")
	case strings.HasPrefix(s, "inet6:"):
		s = strings.TrimPrefix(s, "inet6:")
	}
	host, port, err := net.SplitHostPort(s)
	if err != nil {
		return Address{}, fmt.Errorf("milter address %q: want inet:127.0.0.1:PORT or unix:/path: %v", s, err)
	}
	p, err := strconv.Atoi(port)
	if err != nil || p < 0 || p > 65535 {
		return Address{}, fmt.Errorf("milter address %q: bad port %q", s, port)
	}
	if who, ok := reservedPorts[p]; ok {
		return Address{}, fmt.Errorf("milter address %q: port %d is %s's; pick another", s, p, who)
	}
	if ip := net.ParseIP(host); host != "localhost" && (ip == nil || !ip.IsLoopback()) {
		return Address{}, fmt.Errorf("milter address %q is not loopback: the milter protocol has no authentication; run a milter on each MTA host (they can share a Redis spent store)", s)
	}
	return Address{Network: "tcp", Addr: net.JoinHostPort(host, port)}, nil
}

// Listen opens the address. A unix socket left behind by a milter that
// died is replaced; one that answers is in use and refused. The socket is
// made group read-write with the group of its directory, so an MTA in that
// group (postfix) can connect.
func Listen(a Address) (net.Listener, error) {
	if a.Network != "unix" {
		ln, err := net.Listen("tcp", a.Addr)
		if err != nil {
			return nil, fmt.Errorf("milter: listen on %s: %w", a, err)
		}
		return ln, nil
	}
	if fi, err := os.Lstat(a.Addr); err == nil {
		if fi.Mode()&os.ModeSocket == 0 {
			return nil, fmt.Errorf("milter: %s exists and is not a socket", a.Addr)
		}
		if c, err := net.DialTimeout("unix", a.Addr, time.Second); err == nil {
			c.Close()
			return nil, fmt.Errorf("milter: %s is in use by another milter", a.Addr)
		}
		if err := os.Remove(a.Addr); err != nil {
			return nil, fmt.Errorf("milter: remove stale socket: %w", err)
		}
	}
	ln, err := net.Listen("unix", a.Addr)
	if err != nil {
		return nil, fmt.Errorf("milter: listen on %s: %w", a, err)
	}
	if err := os.Chmod(a.Addr, 0o660); err != nil {
		ln.Close()
		return nil, fmt.Errorf("milter: socket mode: %w", err)
	}
	if err := shareWithDirGroup(a.Addr); err != nil {
		ln.Close()
		return nil, fmt.Errorf("milter: socket group: %w", err)
	}
	return ln, nil
}

// PostfixQueueDir is Debian's (and Postfix's default) queue_directory, the
// chroot of smtpd.
const PostfixQueueDir = "/var/spool/postfix"

// PostfixName is how Postfix's main.cf names the milter at a: a chrooted
// smtpd sees a unix socket under queueDir relative to it
// ("unix:/postage/milter.sock").
func PostfixName(a Address, queueDir string) string {
	if a.Network == "unix" {
		if rest, ok := strings.CutPrefix(a.Addr, strings.TrimSuffix(queueDir, "/")+"/"); ok {
			return "unix:/" + rest
		}
		return "unix:" + a.Addr
	}
	return "inet:" + a.Addr
}
