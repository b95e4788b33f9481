package dashboard

import (
	"encoding/binary"
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"

	bbolt "go.etcd.io/bbolt"
	bolterrors "go.etcd.io/bbolt/errors"

	"github.com/postage-mail/postage"
	"github.com/postage-mail/postage/milter"
)

// Entry is one verdict in the ring: when it was given, by what, and the
// verdict as its Postage-Result header says it (recipient, result,
// reasons). Nothing else of the message is kept.
type Entry struct {
	Time    time.Time
	Source  string // "milter" or "verify"
	Verdict postage.Verdict
}

// Kinds are the kinds of postage a verdict's reasons name (work, stake,
// ticket), or "none" when it names none.
func (e Entry) Kinds() []string {
	var ks []string
	for _, k := range Kinds[:3] {
		if _, ok := e.Verdict.Reason(k); ok {
			ks = append(ks, k)
		}
	}
	if len(ks) == 0 {
		ks = append(ks, "none")
	}
	return ks
}

// Kinds are the columns of the verdict chart.
var Kinds = [...]string{"work", "stake", "ticket", "none"}

// Results are the rows of the verdict chart.
var Results = [...]postage.Result{postage.Pass, postage.Fail, postage.Neutral, postage.TempError}

var ringBucket = []byte("verdicts")

// Ring is a bounded on-disk ring of recent verdicts (a bbolt file), with
// a copy in memory that the dashboard reads. Add only appends to memory
// and wakes a writer that stores the new entries in one transaction, so
// the milter never waits for the disk; Close writes what is left.
type Ring struct {
	db  *bbolt.DB
	max int

	mu      sync.RWMutex
	entries []Entry // circular: oldest at start, at most max
	start   int
	seq     uint64 // key of the newest entry stored or pending
	pending []pendingEntry
	closed  bool

	flushMu sync.Mutex // one flush at a time: Flush may run beside the writer
	stored  int        // keys in the file (kept so that a flush need not count them)

	wake chan struct{}
	stop chan struct{}
	done chan struct{}
	// errs counts failed writes (the entries stay in memory).
	errs int
	err  error
}

type pendingEntry struct {
	seq uint64
	e   Entry
}

// OpenRing opens (or creates) the ring at path keeping the max newest
// verdicts. It fails at once if another process holds the file.
func OpenRing(path string, max int) (*Ring, error) {
	if max < 1 {
		return nil, fmt.Errorf("verdict ring %s: size %d: want at least 1", path, max)
	}
	db, err := bbolt.Open(path, 0o600, &bbolt.Options{Timeout: 100 * time.Millisecond})
	if errors.Is(err, bolterrors.ErrTimeout) {
		return nil, fmt.Errorf("open verdict ring %s: locked by another process", path)
	}
	if err != nil {
		return nil, fmt.Errorf("open verdict ring %s: %w", path, err)
	}
	r := &Ring{db: db, max: max, wake: make(chan struct{}, 1), stop: make(chan struct{}), done: make(chan struct{})}
	err = db.Update(func(tx *bbolt.Tx) error {
		b, err := tx.CreateBucketIfNotExists(ringBucket)
		if err != nil {
			return err
		}
		if err := trim(b, b.Stats().KeyN, max); err != nil {
			return err
		}
		return b.ForEach(func(k, v []byte) error {
			r.stored++
			e, err := decodeEntry(v)
			if err != nil {
				return fmt.Errorf("entry %x: %w", k, err)
			}
			r.push(e)
			r.seq = binary.BigEndian.Uint64(k)
			return nil
		})
	})
	if err != nil {
		db.Close()
		return nil, fmt.Errorf("read verdict ring %s: %w", path, err)
	}
	go r.writer()
	return r, nil
}

// trim deletes the oldest of the bucket's n keys beyond max.
func trim(b *bbolt.Bucket, n, max int) error {
	extra := n - max
	if extra <= 0 {
		return nil
	}
	c := b.Cursor()
	for k, _ := c.First(); k != nil && extra > 0; k, _ = c.First() {
		if err := c.Delete(); err != nil {
			return err
		}
		extra--
	}
	return nil
}

// Observe records the verdicts of a message the milter checked
// (milter.Observer); stamped outbound mail has none.
func (r *Ring) Observe(rep milter.Report) {
	if rep.Mode != milter.Receive {
		return
	}
	r.Add(time.Now(), "milter", rep.Verdicts)
}

// Add records verdicts given at t by source.
func (r *Ring) Add(t time.Time, source string, vs []postage.Verdict) {
	if len(vs) == 0 {
		return
	}
	r.mu.Lock()
	if r.closed {
		r.mu.Unlock()
		return
	}
	for _, v := range vs {
		v.Reasons = append([]postage.Reason(nil), v.Reasons...)
		e := Entry{Time: t.UTC(), Source: source, Verdict: v}
		r.seq++
		r.pending = append(r.pending, pendingEntry{r.seq, e})
		r.push(e)
	}
	r.mu.Unlock()
	select {
	case r.wake <- struct{}{}:
	default:
	}
}

// push appends e in memory, over the oldest entry once full.
func (r *Ring) push(e Entry) {
	if len(r.entries) < r.max {
		r.entries = append(r.entries, e)
		return
	}
	r.entries[r.start] = e
	r.start = (r.start + 1) % len(r.entries)
}

// at is the i-th entry, oldest first.
func (r *Ring) at(i int) *Entry {
	return &r.entries[(r.start+i)%len(r.entries)]
}

// flushEvery spaces the writer's commits. Each commit is two fdatasyncs,
// and one per verdict doubled a busy milter's disk flushes (the spent store
// needs its own before each accept). The ring is the dashboard's history,
// not a record mail depends on: a kill -9 loses at most this much of it,
// never a verdict in a message's header or the log.
const flushEvery = time.Second

func (r *Ring) writer() {
	defer close(r.done)
	for range r.wake {
		select {
		case <-time.After(flushEvery):
		case <-r.stop:
		}
		r.flush()
	}
}

// flush stores the pending entries and trims the file to max.
func (r *Ring) flush() {
	r.flushMu.Lock()
	defer r.flushMu.Unlock()
	r.mu.Lock()
	p := r.pending
	r.pending = nil
	r.mu.Unlock()
	if len(p) == 0 {
		return
	}
	// Every pending key is new: seq only grows.
	n := r.stored + len(p)
	err := r.db.Update(func(tx *bbolt.Tx) error {
		b := tx.Bucket(ringBucket)
		for _, pe := range p {
			if err := b.Put(binary.BigEndian.AppendUint64(nil, pe.seq), encodeEntry(pe.e)); err != nil {
				return err
			}
		}
		return trim(b, n, r.max)
	})
	if err == nil {
		r.stored = min(n, r.max)
	} else {
		r.mu.Lock()
		r.errs++
		r.err = err
		r.mu.Unlock()
	}
}

// Flush waits until every verdict added so far is on disk.
func (r *Ring) Flush() error {
	r.flush()
	r.mu.RLock()
	defer r.mu.RUnlock()
	return r.err
}

// Close writes what is pending and closes the file.
func (r *Ring) Close() error {
	r.mu.Lock()
	if r.closed {
		r.mu.Unlock()
		return nil
	}
	r.closed = true
	r.mu.Unlock()
	close(r.stop)
	close(r.wake)
	<-r.done
	r.flush()
	err := r.db.Close()
	if r.err != nil {
		return fmt.Errorf("verdict ring: %w", r.err)
	}
	return err
}

// Len is the number of verdicts kept.
func (r *Ring) Len() int {
	r.mu.RLock()
	defer r.mu.RUnlock()
	return len(r.entries)
}

// Filter selects ring entries: by result ("" for all) and by a recipient
// substring (case-insensitive; "" for all).
type Filter struct {
	Result    postage.Result
	Recipient string
}

func (f Filter) match(e *Entry) bool {
	if f.Result != "" && e.Verdict.Result != f.Result {
		return false
	}
	if f.Recipient != "" && !strings.Contains(strings.ToLower(e.Verdict.Recipient), strings.ToLower(f.Recipient)) {
		return false
	}
	return true
}

// Recent returns up to limit entries matching f, newest first, and how
// many match in all.
func (r *Ring) Recent(f Filter, limit int) (out []Entry, total int) {
	r.mu.RLock()
	defer r.mu.RUnlock()
	for i := len(r.entries) - 1; i >= 0; i-- {
		e := r.at(i)
		if !f.match(e) {
			continue
		}
		total++
		if len(out) < limit {
			out = append(out, *e)
		}
	}
	return out, total
}

// Counts is a verdict count by result and kind.
type Counts map[postage.Result]map[string]int

// Total is the number of verdicts with result res.
func (c Counts) Total(res postage.Result) int {
	// Each verdict is counted once per kind it names; "all" holds the
	// count of verdicts.
	return c[res]["all"]
}

// Window counts the verdicts given since since, and in bins equal slices
// of the window up to now (oldest first) by result.
func (r *Ring) Window(since, now time.Time, bins int) (Counts, []map[postage.Result]int) {
	var acc [len(Results) + 1][len(Kinds) + 1]int // last row: other results; last column: all
	hist := make([][len(Results) + 1]int, bins)
	span := now.Sub(since)
	r.mu.RLock()
	// Entries are in the order they were added, which is not quite the
	// order of their times (concurrent messages): look at all of them.
	for i := len(r.entries) - 1; i >= 0; i-- {
		e := r.at(i)
		if e.Time.Before(since) || e.Time.After(now) {
			continue
		}
		ri := resultIndex(e.Verdict.Result)
		row := &acc[ri]
		row[len(Kinds)]++
		named := false
		for _, rs := range e.Verdict.Reasons {
			switch rs.Name {
			case "work":
				row[0]++
				named = true
			case "stake":
				row[1]++
				named = true
			case "ticket":
				row[2]++
				named = true
			}
		}
		if !named {
			row[3]++
		}
		if bins > 0 && span > 0 {
			b := int(int64(bins) * int64(e.Time.Sub(since)) / int64(span))
			hist[min(max(b, 0), bins-1)][ri]++
		}
	}
	r.mu.RUnlock()
	c := Counts{}
	for i, res := range Results {
		m := map[string]int{"all": acc[i][len(Kinds)]}
		for k, name := range Kinds {
			m[name] = acc[i][k]
		}
		c[res] = m
	}
	out := make([]map[postage.Result]int, bins)
	for i := range hist {
		out[i] = map[postage.Result]int{}
		for j, res := range Results {
			if hist[i][j] > 0 {
				out[i][res] = hist[i][j]
			}
		}
	}
	return c, out
}

// resultIndex is res's index in Results, len(Results) for another.
func resultIndex(res postage.Result) int {
	for i, r := range Results {
		if r == res {
			return i
		}
	}
	return len(Results)
}

// encodeEntry is 8 bytes of Unix nanoseconds, the source, a space and the
// verdict's header form ("pass rcpt=a@b work=20"): its tokens hold no
// spaces, so it parses back.
func encodeEntry(e Entry) []byte {
	b := binary.BigEndian.AppendUint64(nil, uint64(e.Time.UnixNano()))
	b = append(b, e.Source...)
	b = append(b, ' ')
	return append(b, e.Verdict.String()...)
}

func decodeEntry(b []byte) (Entry, error) {
	if len(b) < 9 {
		return Entry{}, errors.New("too short")
	}
	e := Entry{Time: time.Unix(0, int64(binary.BigEndian.Uint64(b))).UTC()}
	fields := strings.Fields(string(b[8:]))
	if len(fields) < 2 {
		return Entry{}, errors.New("no verdict")
	}
	e.Source = fields[0]
	e.Verdict.Result = postage.Result(fields[1])
	for _, f := range fields[2:] {
		name, value, ok := strings.Cut(f, "=")
		if !ok {
			return Entry{}, fmt.Errorf("reason %q: want name=value", f)
		}
		if name == "rcpt" && e.Verdict.Recipient == "" && len(e.Verdict.Reasons) == 0 {
			e.Verdict.Recipient = value
			continue
		}
		e.Verdict.Reasons = append(e.Verdict.Reasons, postage.Reason{Name: name, Value: value})
	}
	return e, nil
}
