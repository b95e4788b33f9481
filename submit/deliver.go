package submit

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"github.com/emersion/go-smtp"
)

// Logins holds each user's upstream credentials in memory (never on disk,
// never in a log) while the user has a session open or copies queued: the
// deliverer logs in upstream as the user whose copies it delivers. After
// a restart, a user's queued copies wait for that user's next login.
type Logins struct {
	mu sync.Mutex
	m  map[string]*loginEntry
	// kick is called when a login arrives (the queue's Kick).
	kick func()
}

type loginEntry struct {
	login    Login
	sessions int
}

// NewLogins makes an empty set; kick (may be nil) is called on each login.
func NewLogins(kick func()) *Logins { return &Logins{m: map[string]*loginEntry{}, kick: kick} }

// Hold records a login the upstream accepted, for a session; release ends
// the session's hold.
func (l *Logins) Hold(login Login) (release func()) {
	l.mu.Lock()
	e := l.m[login.Username]
	if e == nil {
		e = &loginEntry{}
		l.m[login.Username] = e
	}
	e.login = login
	e.sessions++
	l.mu.Unlock()
	if l.kick != nil {
		l.kick()
	}
	var once sync.Once
	return func() {
		once.Do(func() {
			l.mu.Lock()
			e.sessions--
			l.mu.Unlock()
		})
	}
}

// Get is user's login, if postage has it.
func (l *Logins) Get(user string) (Login, bool) {
	l.mu.Lock()
	defer l.mu.Unlock()
	e, ok := l.m[user]
	if !ok {
		return Login{}, false
	}
	return e.login, true
}

// Forget drops a login the upstream refused.
func (l *Logins) Forget(user string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	delete(l.m, user)
}

// Prune drops the logins of users with no session open and nothing queued.
func (l *Logins) Prune(queued map[string]bool) {
	l.mu.Lock()
	defer l.mu.Unlock()
	for u, e := range l.m {
		if e.sessions <= 0 && !queued[u] {
			delete(l.m, u)
		}
	}
}

// Len is the number of logins held.
func (l *Logins) Len() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return len(l.m)
}

// Deliverer delivers the queued copies upstream, one connection per user
// and pass, with retries: a copy accepted upstream is removed from the
// queue at once (so a crash after it never sends it again), a temporary
// failure is retried after RetryBase, doubling up to RetryMax, and a
// permanent refusal (or MaxAge of temporary ones) returns a bounce to the
// copy's sender.
type Deliverer struct {
	Queue    *Queue
	Upstream *Upstream
	// Logins, when set, is whose credentials deliver each user's copies
	// (submission proxy); nil delivers without AUTH (filter mode).
	Logins    *Logins
	RetryBase time.Duration // 30 s when 0
	RetryMax  time.Duration // 30 min when 0
	MaxAge    time.Duration // 5 days when 0
	Host      string        // names the bouncing host
	Log       *slog.Logger
	// AfterCopy, if set, is called after each copy's delivery was
	// recorded (tests).
	AfterCopy func(c *Copy, err error)
}

func (d *Deliverer) log() *slog.Logger {
	if d.Log != nil {
		return d.Log
	}
	return slog.New(slog.DiscardHandler)
}

func orDur(v, def time.Duration) time.Duration {
	if v > 0 {
		return v
	}
	return def
}

// Run delivers until ctx ends: at each kick of the queue and whenever a
// retry is due.
func (d *Deliverer) Run(ctx context.Context) error {
	for {
		next, err := d.Pass(ctx)
		if err != nil && ctx.Err() == nil {
			d.log().Warn("delivery pass", "err", err)
			next = time.Now().Add(orDur(d.RetryBase, 30*time.Second))
		}
		wait := time.Hour
		if !next.IsZero() {
			wait = max(time.Until(next), 10*time.Millisecond)
		}
		t := time.NewTimer(wait)
		select {
		case <-ctx.Done():
			t.Stop()
			return nil
		case <-d.Queue.kick:
		case <-t.C:
		}
		t.Stop()
	}
}

// Pass delivers every copy that is due and returns when the next one
// waiting will be (zero when none waits).
func (d *Deliverer) Pass(ctx context.Context) (time.Time, error) {
	copies, err := d.Queue.List()
	if err != nil {
		return time.Time{}, err
	}
	now := time.Now()
	var next time.Time
	later := func(t time.Time) {
		if next.IsZero() || t.Before(next) {
			next = t
		}
	}
	byUser := map[string][]*Copy{}
	var users []string
	queued := map[string]bool{}
	for _, c := range copies {
		queued[c.User] = true
		if c.Next.After(now) {
			later(c.Next)
			continue
		}
		if _, ok := byUser[c.User]; !ok {
			users = append(users, c.User)
		}
		byUser[c.User] = append(byUser[c.User], c)
	}
	for _, u := range users {
		if ctx.Err() != nil {
			return next, ctx.Err()
		}
		t, err := d.deliverUser(ctx, u, byUser[u])
		if err != nil {
			return next, err
		}
		if !t.IsZero() {
			later(t)
		}
	}
	if d.Logins != nil {
		remaining, err := d.Queue.List()
		if err == nil {
			q := map[string]bool{}
			for _, c := range remaining {
				q[c.User] = true
			}
			d.Logins.Prune(q)
		}
	}
	return next, nil
}

// deliverUser delivers one user's due copies on one connection. It
// returns the earliest retry it scheduled.
func (d *Deliverer) deliverUser(ctx context.Context, user string, copies []*Copy) (time.Time, error) {
	var login *Login
	if d.Logins != nil {
		l, ok := d.Logins.Get(user)
		if !ok {
			// Nothing to log in with (postage restarted): the copies wait
			// for the user's next login, which kicks the queue.
			return time.Time{}, nil
		}
		login = &l
	}
	c, err := d.Upstream.Authenticate(ctx, login)
	if err != nil {
		var se *smtp.SMTPError
		if login != nil && errors.As(err, &se) && se.Code == 535 {
			// The password changed upstream: wait for a new login.
			d.Logins.Forget(user)
		}
		d.log().Warn("upstream", "user", user, "err", err)
		var first time.Time
		for _, cp := range copies {
			t, rerr := d.retry(cp, err)
			if rerr != nil {
				return first, rerr
			}
			if first.IsZero() || (!t.IsZero() && t.Before(first)) {
				first = t
			}
		}
		return first, nil
	}
	defer c.Close()
	var first time.Time
	for i, cp := range copies {
		derr := d.deliverOne(c, cp)
		var t time.Time
		var rerr error
		switch {
		case derr == nil:
			rerr = d.Queue.Delivered(cp)
			if rerr == nil {
				d.log().Info("delivered", "rcpt", cp.Rcpt, "user", user, "id", cp.ID)
			}
		case Permanent(derr):
			rerr = d.bounce(cp, derr)
		default:
			t, rerr = d.retry(cp, derr)
		}
		if d.AfterCopy != nil {
			d.AfterCopy(cp, derr)
		}
		if rerr != nil {
			return first, rerr
		}
		if !t.IsZero() && (first.IsZero() || t.Before(first)) {
			first = t
		}
		var se *smtp.SMTPError
		if derr != nil && !errors.As(derr, &se) {
			// The connection broke: the rest wait for the next pass.
			for _, rest := range copies[i+1:] {
				t, rerr := d.retry(rest, derr)
				if rerr != nil {
					return first, rerr
				}
				if !t.IsZero() && (first.IsZero() || t.Before(first)) {
					first = t
				}
			}
			return first, nil
		}
	}
	c.Quit()
	return first, nil
}

func (d *Deliverer) deliverOne(c *smtp.Client, cp *Copy) error {
	f, err := d.Queue.Open(cp)
	if err != nil {
		return fmt.Errorf("open queued copy: %w", err)
	}
	defer f.Close()
	return Deliver(c, cp.Sender, cp.Rcpt, f)
}

// retry schedules another attempt, or bounces a copy queued for longer
// than MaxAge.
func (d *Deliverer) retry(cp *Copy, err error) (time.Time, error) {
	if time.Since(cp.Created) > orDur(d.MaxAge, 5*24*time.Hour) {
		return time.Time{}, d.bounce(cp, fmt.Errorf("gave up after %d attempts over %s: %w", cp.Attempts+1, orDur(d.MaxAge, 5*24*time.Hour), err))
	}
	wait := orDur(d.RetryBase, 30*time.Second)
	for i := 0; i < cp.Attempts && wait < orDur(d.RetryMax, 30*time.Minute); i++ {
		wait *= 2
	}
	wait = min(wait, orDur(d.RetryMax, 30*time.Minute))
	next := time.Now().Add(wait)
	d.log().Info("delivery deferred", "rcpt", cp.Rcpt, "user", cp.User, "attempt", cp.Attempts+1, "retry_in", wait, "err", err)
	return next, d.Queue.Retry(cp, err, next)
}

// bounce replaces a refused copy by a bounce to its sender (none for a
// bounce, or a copy with the null sender).
func (d *Deliverer) bounce(cp *Copy, err error) error {
	d.log().Warn("delivery refused", "rcpt", cp.Rcpt, "user", cp.User, "err", err)
	if cp.Bounce || cp.Sender == "" {
		return d.Queue.Bounced(cp, nil)
	}
	f, oerr := d.Queue.Open(cp)
	if oerr != nil {
		return d.Queue.Bounced(cp, nil)
	}
	content := Bounce(d.host(), cp.Sender, cp.Rcpt, err, f, time.Now())
	f.Close()
	name, serr := d.Queue.SpoolBounce(content)
	if serr != nil {
		return serr
	}
	return d.Queue.Bounced(cp, &Copy{User: cp.User, Sender: "", Rcpt: cp.Sender, File: name, Bounce: true})
}

func (d *Deliverer) host() string {
	if d.Host != "" {
		return d.Host
	}
	return "localhost"
}
