package postage

import (
	"strings"
)

// Result is the first word of a verdict, what an MTA or a filter acts on.
type Result string

const (
	// Pass: the sender is allowlisted, or postage the policy accepts is good.
	Pass Result = "pass"
	// Fail: postage was present and is bad (spent, burned, forged, too
	// small…), and nothing else passed.
	Fail Result = "fail"
	// Neutral: no postage at all.
	Neutral Result = "neutral"
	// TempError: postage could not be checked now (chain or store
	// unreachable) and nothing else passed. Never a pass.
	TempError Result = "temperror"
)

// Reason is one name=value pair of a verdict. Values are single tokens
// (no spaces or semicolons) so headers stay easy to match in filters.
type Reason struct{ Name, Value string }

// Verdict is the decision for one recipient.
type Verdict struct {
	Recipient string
	Result    Result
	Reasons   []Reason
}

// ResultHeader is the header a checker adds; incoming ones are removed
// first so a sender cannot forge a verdict.
const ResultHeader = "Postage-Result"

// String is the verdict as it appears in a Postage-Result header:
// "pass rcpt=alice@example.com work=20 stake=pass".
func (v Verdict) String() string {
	var b strings.Builder
	b.WriteString(string(v.Result))
	if v.Recipient != "" {
		b.WriteString(" rcpt=")
		b.WriteString(token(v.Recipient))
	}
	for _, r := range v.Reasons {
		b.WriteByte(' ')
		b.WriteString(r.Name)
		b.WriteByte('=')
		b.WriteString(token(r.Value))
	}
	return b.String()
}

// Reason returns the value of the named reason, if present.
func (v Verdict) Reason(name string) (string, bool) {
	for _, r := range v.Reasons {
		if r.Name == name {
			return r.Value, true
		}
	}
	return "", false
}

// HeaderValue joins the verdicts of one message's recipients into one
// Postage-Result value, separated by "; " (a milter sees one message for
// all of its recipients).
func HeaderValue(vs []Verdict) string {
	parts := make([]string, len(vs))
	for i, v := range vs {
		parts[i] = v.String()
	}
	return strings.Join(parts, "; ")
}

// token makes s safe as a header token: no whitespace, ';', or control
// characters, which a sender could otherwise use to inject fake reasons.
func token(s string) string {
	return strings.Map(func(r rune) rune {
		if r <= ' ' || r == ';' || r == 0x7f {
			return '_'
		}
		return r
	}, s)
}

// severity orders results for a message with several recipients: a fail
// outweighs a temperror, which outweighs no postage, which outweighs a pass.
func (r Result) severity() int {
	switch r {
	case Pass:
		return 0
	case Neutral:
		return 1
	case TempError:
		return 2
	}
	return 3
}

// Worst returns the verdict that decides for one message with several
// recipients (the first of equally bad ones), or the zero Verdict if vs is
// empty. A delivery filter's exit code and a milter's action follow it.
func Worst(vs []Verdict) Verdict {
	var w Verdict
	for i, v := range vs {
		if i == 0 || v.Result.severity() > w.Result.severity() {
			w = v
		}
	}
	return w
}
