// Package dashboard is the local web dashboard of `postage serve`:
// server-rendered pages (html/template, everything embedded) on the
// verdicts the milter gave, the burns this host asked for, its deposits
// and its ticket books. It reads what postage already has (Sources) and
// keeps one store of its own, the bounded verdict Ring. Pages read
// without JavaScript; a small script refreshes them in place. Actions are
// POSTs carrying a CSRF token. docs/dashboard.md says what each number
// means.
package dashboard

import (
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"embed"
	"encoding/hex"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"log/slog"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/postage-mail/postage"
)

//go:embed templates/*.html static/*
var assets embed.FS

// Options configure a Server.
type Options struct {
	Sources
	// Password, when set, is required with HTTP basic auth (user
	// "postage") on every request.
	Password string
	// Now is the clock (tests); default time.Now.
	Now func() time.Time
	// Logger gets errors reading the sources; default slog.Default().
	Logger *slog.Logger
	// Refresh is how often pages refresh themselves (with JavaScript);
	// default 5s, negative: never.
	Refresh time.Duration
}

// Server serves the dashboard.
type Server struct {
	o    Options
	tmpl map[string]*template.Template
	csrf string
	mux  *http.ServeMux
}

// User is the basic-auth user name.
const User = "postage"

var pages = []string{"overview", "messages", "punishments", "sender", "books"}

// New returns the dashboard's handler.
func New(o Options) (*Server, error) {
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.Logger == nil {
		o.Logger = slog.Default()
	}
	if o.Refresh == 0 {
		o.Refresh = 5 * time.Second
	}
	key := make([]byte, 32)
	if _, err := rand.Read(key); err != nil {
		return nil, fmt.Errorf("dashboard: csrf key: %w", err)
	}
	m := hmac.New(sha256.New, key)
	m.Write([]byte("postage dashboard csrf"))
	s := &Server{o: o, tmpl: map[string]*template.Template{}, csrf: hex.EncodeToString(m.Sum(nil)), mux: http.NewServeMux()}
	funcs := template.FuncMap{
		"eth":   ETH,
		"ago":   s.ago,
		"when":  func(t time.Time) string { return whenFmt(t) },
		"short": short,
		"join":  strings.Join,
		"pct":   pct,
		"sub":   func(a, b float64) float64 { return a - b },
		"lower": func(r postage.Result) string { return string(r) },
	}
	for _, p := range pages {
		t, err := template.New("layout.html").Funcs(funcs).ParseFS(assets, "templates/layout.html", "templates/"+p+".html")
		if err != nil {
			return nil, fmt.Errorf("dashboard: template %s: %w", p, err)
		}
		s.tmpl[p] = t
	}
	static, _ := fs.Sub(assets, "static")
	s.mux.Handle("GET /static/", http.StripPrefix("/static/", http.FileServerFS(static)))
	s.mux.HandleFunc("GET /{$}", s.overview)
	s.mux.HandleFunc("GET /messages", s.messages)
	s.mux.HandleFunc("GET /punishments", s.punishments)
	s.mux.HandleFunc("GET /sender", s.sender)
	s.mux.HandleFunc("POST /sender/withdraw", s.withdraw)
	s.mux.HandleFunc("GET /books", s.books)
	return s, nil
}

// ServeHTTP checks basic auth (when a password is set), sets headers that
// keep the pages from loading anything but their own origin, and serves.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if s.o.Password != "" {
		u, p, ok := r.BasicAuth()
		if !ok || subtle.ConstantTimeCompare([]byte(u), []byte(User)) != 1 ||
			subtle.ConstantTimeCompare([]byte(p), []byte(s.o.Password)) != 1 {
			w.Header().Set("WWW-Authenticate", `Basic realm="postage dashboard", charset="UTF-8"`)
			http.Error(w, "postage dashboard: log in as user "+User, http.StatusUnauthorized)
			return
		}
	}
	h := w.Header()
	h.Set("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; form-action 'self'; frame-ancestors 'none'")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "no-referrer")
	h.Set("Cache-Control", "no-store")
	s.mux.ServeHTTP(w, r)
}

// page is what every template gets.
type page struct {
	Title   string
	Page    string
	Now     time.Time
	CSRF    string
	Books   bool // the ticket-book page exists
	Refresh int  // seconds, 0 never
	Flash   string
	Err     string
	Data    any
}

func (s *Server) render(w http.ResponseWriter, r *http.Request, name, title string, data any, err error) {
	p := page{Title: title, Page: name, Now: s.o.Now(), CSRF: s.csrf, Books: s.o.Books != nil, Data: data,
		Flash: r.URL.Query().Get("done")}
	if s.o.Refresh > 0 {
		p.Refresh = int(s.o.Refresh / time.Second)
	}
	if err != nil {
		s.o.Logger.Warn("dashboard", "page", name, "err", err)
		p.Err = err.Error()
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	if err := s.tmpl[name].Execute(w, p); err != nil {
		s.o.Logger.Error("dashboard: render", "page", name, "err", err)
	}
}

func (s *Server) ctx(r *http.Request) (context.Context, context.CancelFunc) {
	return context.WithTimeout(r.Context(), 10*time.Second)
}

// Window is one period of the Overview's chart.
type Window struct {
	Name   string
	Counts Counts
	Total  int
	Bins   []Bin
	// BinWidth names one bin's span ("5m").
	BinWidth string
}

// Bin is one bar of a window's chart.
type Bin struct {
	Start  time.Time
	Counts map[postage.Result]int
	Total  int
	// Heights in percent of the window's tallest bin, per result.
	Segs []Seg
}

// Seg is one result's share of a bar.
type Seg struct {
	Result postage.Result
	N      int
	Pct    float64
}

type overviewData struct {
	Windows []Window
	Results []postage.Result
	Kinds   []string
	Status  *Status
	Kept    int
}

func (s *Server) overview(w http.ResponseWriter, r *http.Request) {
	now := s.o.Now()
	d := overviewData{Results: Results[:], Kinds: Kinds[:]}
	if s.o.Ring != nil {
		d.Kept = s.o.Ring.Len()
		for _, win := range []struct {
			name string
			span time.Duration
			bins int
			bw   string
		}{{"hour", time.Hour, 12, "5 min"}, {"day", 24 * time.Hour, 24, "1 h"}, {"week", 7 * 24 * time.Hour, 28, "6 h"}} {
			since := now.Add(-win.span)
			c, hist := s.o.Ring.Window(since, now, win.bins)
			wd := Window{Name: win.name, Counts: c, BinWidth: win.bw}
			top := 0
			for _, res := range Results {
				wd.Total += c.Total(res)
			}
			for i, h := range hist {
				b := Bin{Start: since.Add(time.Duration(i) * win.span / time.Duration(win.bins)), Counts: h}
				for _, n := range h {
					b.Total += n
				}
				top = max(top, b.Total)
				wd.Bins = append(wd.Bins, b)
			}
			for i := range wd.Bins {
				for _, res := range Results {
					if n := wd.Bins[i].Counts[res]; n > 0 {
						wd.Bins[i].Segs = append(wd.Bins[i].Segs, Seg{res, n, 100 * float64(n) / float64(top)})
					}
				}
			}
			d.Windows = append(d.Windows, wd)
		}
	}
	if s.o.Status != nil {
		ctx, cancel := s.ctx(r)
		st := s.o.Status(ctx)
		cancel()
		d.Status = &st
	}
	s.render(w, r, "overview", "Overview", d, nil)
}

type messagesData struct {
	Rows      []Entry
	Total     int
	Shown     int
	Kept      int
	Result    string
	Recipient string
	Results   []postage.Result
}

// MessageRows is how many rows the Messages page shows.
const MessageRows = 200

func (s *Server) messages(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	d := messagesData{Result: q.Get("verdict"), Recipient: strings.TrimSpace(q.Get("rcpt")), Results: Results[:]}
	var err error
	if d.Result != "" && !validResult(d.Result) {
		err = fmt.Errorf("unknown verdict %q: want pass, fail, neutral or temperror", d.Result)
		d.Result = ""
	}
	if s.o.Ring != nil {
		d.Kept = s.o.Ring.Len()
		d.Rows, d.Total = s.o.Ring.Recent(Filter{Result: postage.Result(d.Result), Recipient: d.Recipient}, MessageRows)
		d.Shown = len(d.Rows)
	}
	s.render(w, r, "messages", "Messages", d, err)
}

func validResult(s string) bool {
	for _, r := range Results {
		if string(r) == s {
			return true
		}
	}
	return false
}

func (s *Server) punishments(w http.ResponseWriter, r *http.Request) {
	var d Punishments
	var err error
	if s.o.Punishments != nil {
		ctx, cancel := s.ctx(r)
		d, err = s.o.Punishments(ctx)
		cancel()
	}
	s.render(w, r, "punishments", "Punishments", d, err)
}

func (s *Server) sender(w http.ResponseWriter, r *http.Request) {
	var d Sender
	var err error
	if s.o.Sender != nil {
		ctx, cancel := s.ctx(r)
		d, err = s.o.Sender(ctx)
		cancel()
	}
	d.CanWithdraw = d.CanWithdraw && s.o.WithdrawDue != nil
	s.render(w, r, "sender", "Sender", d, err)
}

// withdraw runs withdraw --due, then shows the Sender page again with
// what it did (POST, redirect, GET).
func (s *Server) withdraw(w http.ResponseWriter, r *http.Request) {
	if !s.checkCSRF(w, r) {
		return
	}
	if s.o.WithdrawDue == nil {
		http.Error(w, "no signing account: withdraw with `postage withdraw --due`", http.StatusConflict)
		return
	}
	ctx, cancel := context.WithTimeout(r.Context(), 2*time.Minute)
	msg, err := s.o.WithdrawDue(ctx)
	cancel()
	if err != nil {
		s.o.Logger.Warn("dashboard: withdraw --due", "err", err)
		msg = "withdraw --due: " + err.Error()
	}
	http.Redirect(w, r, "/sender?done="+url.QueryEscape(msg), http.StatusSeeOther)
}

// checkCSRF refuses a POST without this process's token (403).
func (s *Server) checkCSRF(w http.ResponseWriter, r *http.Request) bool {
	r.Body = http.MaxBytesReader(w, r.Body, 1<<16)
	tok := r.PostFormValue("csrf")
	if tok == "" || subtle.ConstantTimeCompare([]byte(tok), []byte(s.csrf)) != 1 {
		http.Error(w, "postage dashboard: missing or wrong CSRF token (reload the page and try again)", http.StatusForbidden)
		return false
	}
	return true
}

func (s *Server) books(w http.ResponseWriter, r *http.Request) {
	if s.o.Books == nil {
		http.Error(w, "ticket books are not enabled (book.enabled)", http.StatusNotFound)
		return
	}
	ctx, cancel := s.ctx(r)
	d, err := s.o.Books(ctx)
	cancel()
	s.render(w, r, "books", "Ticket books", d, err)
}

func (s *Server) ago(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	d := s.o.Now().Sub(t)
	switch {
	case d < 0:
		return "in " + roundDur(-d)
	case d < time.Second:
		return "now"
	}
	return roundDur(d) + " ago"
}

func roundDur(d time.Duration) string {
	switch {
	case d < time.Minute:
		return strconv.Itoa(int(d/time.Second)) + "s"
	case d < time.Hour:
		return strconv.Itoa(int(d/time.Minute)) + "m"
	case d < 48*time.Hour:
		return strconv.Itoa(int(d/time.Hour)) + "h"
	}
	return strconv.Itoa(int(d/(24*time.Hour))) + "d"
}

func whenFmt(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format("2006-01-02 15:04:05Z")
}

// short abbreviates a hash ("0x1234abcd…").
func short(s string) string {
	if len(s) > 14 {
		return s[:10] + "…"
	}
	return s
}

func pct(f float64) string { return strconv.FormatFloat(f, 'f', 1, 64) + "%" }

// ErrNoPassword is returned by Listen for an address off loopback with no
// password.
var ErrNoPassword = errors.New("dashboard: an address off loopback needs a password (dashboard.password_file)")
