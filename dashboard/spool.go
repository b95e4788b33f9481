package dashboard

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"strconv"
	"time"

	"github.com/postage-mail/postage"
)

// SpoolFile, in the data directory, is where processes other than `serve`
// (postage verify) leave their verdicts for the ring: serve holds the
// ring's file, and takes the spool in every few seconds.
const SpoolFile = "verdicts.spool"

// MaxSpool bounds the spool while no serve takes it in: past it, verdicts
// are not spooled.
const MaxSpool = 1 << 20

// AppendSpool adds verdicts given at t by source to the spool at path, in
// one write (lines of Unix nanoseconds, source and the verdict's header
// form).
func AppendSpool(path string, t time.Time, source string, vs []postage.Verdict) error {
	if len(vs) == 0 {
		return nil
	}
	if fi, err := os.Stat(path); err == nil && fi.Size() > MaxSpool {
		return fmt.Errorf("verdict spool %s: over %d bytes (no postage serve takes it in)", path, MaxSpool)
	}
	var b bytes.Buffer
	for _, v := range vs {
		fmt.Fprintf(&b, "%d %s %s\n", t.UnixNano(), source, v.String())
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o600)
	if err != nil {
		return fmt.Errorf("verdict spool: %w", err)
	}
	_, err = f.Write(b.Bytes())
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("verdict spool %s: %w", path, err)
	}
	return nil
}

// spoolGrace is how long a taken spool is left for writers that opened it
// just before it was renamed.
const spoolGrace = 200 * time.Millisecond

// TakeSpool adds the verdicts spooled at path to the ring and removes
// them. It returns how many it took; bad lines are skipped and counted in
// the error.
func (r *Ring) TakeSpool(path string) (int, error) {
	taking := path + ".taking"
	if _, err := os.Stat(taking); errors.Is(err, os.ErrNotExist) {
		if err := os.Rename(path, taking); errors.Is(err, os.ErrNotExist) {
			return 0, nil
		} else if err != nil {
			return 0, fmt.Errorf("take verdict spool: %w", err)
		}
		time.Sleep(spoolGrace)
	}
	data, err := os.ReadFile(taking)
	if err != nil {
		return 0, fmt.Errorf("take verdict spool: %w", err)
	}
	n, bad := 0, 0
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 0, 64<<10), 1<<20)
	for sc.Scan() {
		ts, rest, ok := bytes.Cut(sc.Bytes(), []byte(" "))
		ns, err := strconv.ParseInt(string(ts), 10, 64)
		if !ok || err != nil {
			bad++
			continue
		}
		e, err := decodeEntry(append(make([]byte, 8), rest...))
		if err != nil {
			bad++
			continue
		}
		r.Add(time.Unix(0, ns), e.Source, []postage.Verdict{e.Verdict})
		n++
	}
	if sc.Err() != nil {
		bad++ // a line too long: the rest is garbage too
	}
	if err := os.Remove(taking); err != nil {
		return n, fmt.Errorf("take verdict spool: %w", err)
	}
	if bad > 0 {
		return n, fmt.Errorf("verdict spool %s: %d unreadable lines skipped", path, bad)
	}
	return n, nil
}

// FollowSpool takes the spool in every interval until ctx ends; errors go
// to logf.
func (r *Ring) FollowSpool(ctx context.Context, path string, every time.Duration, logf func(error)) {
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		if _, err := r.TakeSpool(path); err != nil && logf != nil {
			logf(err)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}
