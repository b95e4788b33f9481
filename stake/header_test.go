package stake

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
)

var (
	testContract = "0x5FbDB2315678afecb367f032d93F642f64180aa3"
	testCreator  = "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266"
)

// detReader is a deterministic byte stream for nonces in tests.
type detReader struct{ n byte }

func (r *detReader) Read(p []byte) (int, error) {
	for i := range p {
		r.n++
		p[i] = r.n * 37
	}
	return len(p), nil
}

// testBatch stamps the given recipients with deterministic nonces.
func testBatch(t testing.TB, rcpts ...string) (*Batch, []*Stamp) {
	t.Helper()
	rs := make([]Recipient, len(rcpts))
	for i, s := range rcpts {
		rs[i] = MustParseRecipient(s)
	}
	b, err := NewBatch(rs, &detReader{})
	if err != nil {
		t.Fatal(err)
	}
	contract := MustParseAddressForTest(t, testContract)
	creator := MustParseAddressForTest(t, testCreator)
	stamps := make([]*Stamp, len(rs))
	for i := range rs {
		if stamps[i], err = b.Stamp(uint32(i), 1337, contract, creator); err != nil {
			t.Fatal(err)
		}
	}
	return b, stamps
}

func stampsEqual(a, b *Stamp) bool {
	return a.ChainID == b.ChainID && a.Contract == b.Contract && a.Creator == b.Creator &&
		a.Root == b.Root && a.Leaves == b.Leaves && a.Recipient == b.Recipient &&
		a.Nonce == b.Nonce && a.Index == b.Index && slices.Equal(a.Proof, b.Proof)
}

func mustFormat(t testing.TB, s *Stamp) string {
	t.Helper()
	v, err := s.Format()
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func TestFormatCanonical(t *testing.T) {
	_, st := testBatch(t, "alice@example.org", "bob@example.org", "carol@example.org")
	s := st[2]
	want := fmt.Sprintf("v=1; chain=1337; contract=%s; creator=%s; root=%s; leaves=3; rcpt=carol@example.org; nonce=%s; index=2; proof=%s",
		testContract, testCreator, s.Root, s.Nonce, s.Proof[0])
	if got := mustFormat(t, s); got != want {
		t.Errorf("Format =\n%s\nwant\n%s", got, want)
	}
	got := mustFormat(t, st[0])
	if !strings.HasSuffix(got, fmt.Sprintf("; index=0; proof=%s, %s", st[0].Proof[0], st[0].Proof[1])) {
		t.Errorf("two-element proof not separated by \", \": %s", got)
	}
	_, one := testBatch(t, "solo@example.org")
	if got := mustFormat(t, one[0]); !strings.HasSuffix(got, "; index=0; proof=") || one[0].Root != Leaf(Secret(one[0].Recipient, one[0].Nonce)) {
		t.Errorf("single-leaf stamp: %s", got)
	}
}

func TestParseRoundTrip(t *testing.T) {
	for _, n := range []int{1, 2, 3, 5, 8, 13} {
		rcpts := make([]string, n)
		for i := range rcpts {
			rcpts[i] = fmt.Sprintf("user%d@example.org", i)
		}
		_, stamps := testBatch(t, rcpts...)
		for _, s := range stamps {
			v := mustFormat(t, s)
			p, err := Parse(v)
			if err != nil {
				t.Fatalf("Parse(%q): %v", v, err)
			}
			if !stampsEqual(p, s) {
				t.Errorf("round trip changed the stamp:\n%+v\n%+v", p, s)
			}
			folded, err := s.FormatFolded()
			if err != nil {
				t.Fatal(err)
			}
			for i, line := range strings.Split(HeaderName+": "+folded, "\r\n") {
				if len(line) > 78 {
					t.Errorf("folded line %d is %d long: %q", i, len(line), line)
				}
				if i > 0 && !strings.HasPrefix(line, " ") {
					t.Errorf("continuation line %d does not start with SP", i)
				}
			}
			if p, err := Parse(folded); err != nil || !stampsEqual(p, s) {
				t.Errorf("folded value does not parse back: %v", err)
			}
		}
	}
}

// What may happen to a header value in transit, or in another writer.
func TestParseTolerates(t *testing.T) {
	_, st := testBatch(t, "alice@example.org", "bob@example.org", "carol@example.org", "dave@example.org", "erin@example.org")
	s := st[1]
	v := mustFormat(t, s)
	tags := strings.Split(v, "; ")
	reversed := slices.Clone(tags)
	slices.Reverse(reversed)
	variants := map[string]string{
		"CRLF folds":             strings.ReplaceAll(v, "; ", ";\r\n "),
		"LF folds":               strings.ReplaceAll(v, "; ", ";\n\t"),
		"fold before ;":          strings.ReplaceAll(v, "; ", "\r\n ; "),
		"no spaces":              strings.ReplaceAll(strings.ReplaceAll(v, "; ", ";"), ", ", ","),
		"spaces around = and ,":  strings.ReplaceAll(strings.ReplaceAll(v, "=", " =\t"), ", ", " ,  "),
		"leading space":          " " + v,
		"leading fold":           "\r\n " + v,
		"trailing CRLF":          v + "\r\n",
		"trailing LF":            v + "\n",
		"trailing ;":             v + ";",
		"trailing ; and space":   v + " ; ",
		"reversed order":         strings.Join(reversed, "; "),
		"unknown tag":            v + "; x-future=some thing, with=equals",
		"unknown tag first":      "note=hello; " + v,
		"empty unknown tag":      v + "; z=",
		"rcpt in brackets":       strings.Replace(v, "rcpt=bob@", "rcpt=<bob@", 1) + "",
		"rcpt upper case":        strings.Replace(v, "rcpt=bob@example.org", "rcpt=BOB@EXAMPLE.ORG", 1),
		"addresses lower case":   strings.Replace(strings.Replace(v, testContract, strings.ToLower(testContract), 1), testCreator, strings.ToLower(testCreator), 1),
		"root upper hex":         strings.Replace(v, s.Root.String(), "0x"+strings.ToUpper(s.Root.String()[2:]), 1),
		"proof folded after ,":   strings.ReplaceAll(v, ", ", ",\r\n\t"),
		"whitespace before CRLF": strings.ReplaceAll(v, "; ", " \r\n ; "),
		"fold with many spaces":  strings.ReplaceAll(v, "; ", ";\r\n      "),
	}
	variants["rcpt in brackets"] = strings.Replace(v, "rcpt=bob@example.org", "rcpt=<bob@example.org>", 1)
	for name, in := range variants {
		p, err := Parse(in)
		if err != nil {
			t.Errorf("%s: Parse(%q): %v", name, in, err)
			continue
		}
		if !stampsEqual(p, s) {
			t.Errorf("%s: parsed to a different stamp", name)
		}
	}
}

func TestParseRejects(t *testing.T) {
	_, st := testBatch(t, "alice@example.org", "bob@example.org", "carol@example.org", "dave@example.org", "erin@example.org")
	s := st[0] // index 0 of 5: proof of 3
	v := mustFormat(t, s)
	set := func(tag, val string) string {
		parts := strings.Split(v, "; ")
		for i, p := range parts {
			if strings.HasPrefix(p, tag+"=") {
				parts[i] = tag + "=" + val
			}
		}
		return strings.Join(parts, "; ")
	}
	drop := func(tag string) string {
		var out []string
		for _, p := range strings.Split(v, "; ") {
			if !strings.HasPrefix(p, tag+"=") {
				out = append(out, p)
			}
		}
		return strings.Join(out, "; ")
	}
	h := s.Root.String()
	p0, p1, p2 := s.Proof[0].String(), s.Proof[1].String(), s.Proof[2].String()
	bad := map[string]string{
		"empty":                   "",
		"only spaces":             "  \t ",
		"only ;":                  ";",
		"leading ;":               "; " + v,
		"double ;":                strings.Replace(v, "; ", ";; ", 1),
		"two trailing ;":          v + ";;",
		"no =":                    v + "; junk",
		"bad tag name":            v + "; 1x=2",
		"tag name with dot":       v + "; a.b=2",
		"empty tag name":          v + "; =2",
		"duplicate known tag":     v + "; index=0",
		"duplicate unknown tag":   v + "; x=1; x=1",
		"upper-case V":            strings.Replace(v, "v=1", "V=1", 1),
		"v=01":                    set("v", "01"),
		"v empty":                 set("v", ""),
		"v not a number":          set("v", "one"),
		"bare CR":                 strings.Replace(v, "; ", ";\r ", 1),
		"CRLF without WSP":        strings.Replace(v, "; ", ";\r\n", 1),
		"LF without WSP":          strings.Replace(v, "; ", ";\n", 1),
		"blank line":              strings.Replace(v, "; ", ";\r\n\r\n ", 1),
		"NUL":                     strings.Replace(v, "; ", ";\x00 ", 1),
		"DEL":                     v + "; x=\x7f",
		"vertical tab":            strings.Replace(v, "; ", ";\v", 1),
		"invalid UTF-8":           v + "; x=\xff",
		"oversize":                v + "; x=" + strings.Repeat("a", MaxHeaderLen),
		"chain 0":                 set("chain", "0"),
		"chain negative":          set("chain", "-1"),
		"chain plus":              set("chain", "+1337"),
		"chain leading zero":      set("chain", "01337"),
		"chain hex":               set("chain", "0x539"),
		"chain 2^64":              set("chain", "18446744073709551616"),
		"chain huge":              set("chain", strings.Repeat("9", 80)),
		"chain with space":        set("chain", "13 37"),
		"contract short":          set("contract", testContract[:41]),
		"contract bad checksum":   set("contract", "0x5fbDB2315678afecb367f032d93F642f64180aa3"),
		"contract zero":           set("contract", "0x0000000000000000000000000000000000000000"),
		"contract no 0x":          set("contract", testContract[2:]),
		"creator long":            set("creator", testCreator+"00"),
		"creator zero":            set("creator", "0x0000000000000000000000000000000000000000"),
		"root bad hex":            set("root", h[:65]+"g"),
		"root short":              set("root", h[:65]),
		"root 0X":                 set("root", "0X"+h[2:]),
		"root empty":              set("root", ""),
		"leaves 0":                set("leaves", "0"),
		"leaves over max":         set("leaves", "1048577"),
		"leaves huge":             set("leaves", "4294967296"),
		"index = leaves":          set("index", "5"),
		"index over max":          set("index", "1048576"),
		"index negative":          set("index", "-1"),
		"index leading zero":      set("index", "00"),
		"rcpt two @":              set("rcpt", "alice@@example.org"),
		"rcpt with space":         set("rcpt", "alice smith@example.org"),
		"rcpt empty":              set("rcpt", ""),
		"rcpt display name":       set("rcpt", "Alice <alice@example.org>"),
		"rcpt too long":           set("rcpt", strings.Repeat("a", 64)+"@"+strings.Repeat("b", 250)),
		"nonce padded":            set("nonce", s.Nonce.String()+"="),
		"nonce short":             set("nonce", s.Nonce.String()[:42]),
		"nonce std alphabet":      set("nonce", "+"+s.Nonce.String()[1:]),
		"nonce hex":               set("nonce", h),
		"proof truncated":         set("proof", p0+", "+p1),
		"proof extra":             set("proof", p0+", "+p1+", "+p2+", "+p2),
		"proof empty":             set("proof", ""),
		"proof empty element":     set("proof", p0+", , "+p1+", "+p2),
		"proof trailing comma":    set("proof", p0+", "+p1+", "+p2+","),
		"proof space in element":  set("proof", p0[:10]+" "+p0[10:]+", "+p1+", "+p2),
		"proof bad element":       set("proof", p0+", "+p1+", 0x12"),
		"proof 21 elements":       set("proof", strings.TrimSuffix(strings.Repeat(p0+",", 21), ",")),
		"proof 4000 commas":       set("proof", strings.Repeat(",", 4000)),
		"index for another shape": set("index", "4"), // leaf 4 of 5 has a proof of 1
	}
	for _, tag := range knownTags[1:] {
		bad["missing "+tag] = drop(tag)
	}
	bad["missing v"] = drop("v")
	for name, in := range bad {
		p, err := Parse(in)
		if !errors.Is(err, ErrMalformed) {
			t.Errorf("%s: Parse(%q) = %+v, %v; want ErrMalformed", name, clip(in), p, err)
		}
		if errors.Is(err, ErrUnsupportedVersion) {
			t.Errorf("%s: reported as unsupported version: %v", name, err)
		}
	}
	// Error causes stay visible through ErrMalformed.
	if _, err := Parse(set("rcpt", "x")); !errors.Is(err, ErrBadRecipient) {
		t.Errorf("bad rcpt error does not wrap ErrBadRecipient: %v", err)
	}
	if _, err := Parse(set("creator", "0x00")); !errors.Is(err, ErrBadAddress) {
		t.Errorf("bad creator error does not wrap ErrBadAddress: %v", err)
	}
}

func TestParseOtherVersion(t *testing.T) {
	for _, in := range []string{
		"v=2; anything=goes; in=v2",
		"v=2",
		"v=0",
		"rest=ignored; v=18446744073709551615",
	} {
		_, err := Parse(in)
		if !errors.Is(err, ErrUnsupportedVersion) || errors.Is(err, ErrMalformed) {
			t.Errorf("Parse(%q): %v, want ErrUnsupportedVersion only", in, err)
		}
	}
	// Even for another version the tag list itself must be well formed.
	if _, err := Parse("v=2; v=2"); !errors.Is(err, ErrMalformed) {
		t.Errorf("duplicate v: %v", err)
	}
}

func TestFormatRefusesInvalidStamps(t *testing.T) {
	_, st := testBatch(t, "alice@example.org", "bob@example.org", "carol@example.org")
	good := st[0]
	for name, mutate := range map[string]func(*Stamp){
		"chain 0":         func(s *Stamp) { s.ChainID = 0 },
		"zero contract":   func(s *Stamp) { s.Contract = Address{} },
		"zero creator":    func(s *Stamp) { s.Creator = Address{} },
		"no recipient":    func(s *Stamp) { s.Recipient = Recipient{} },
		"leaves 0":        func(s *Stamp) { s.Leaves = 0 },
		"leaves over max": func(s *Stamp) { s.Leaves = MaxLeaves + 1 },
		"index = leaves":  func(s *Stamp) { s.Index = 3 },
		"short proof":     func(s *Stamp) { s.Proof = s.Proof[:1] },
		"long proof":      func(s *Stamp) { s.Proof = append(slices.Clone(s.Proof), Hash{}) },
	} {
		s := *good
		mutate(&s)
		if v, err := s.Format(); !errors.Is(err, ErrMalformed) {
			t.Errorf("%s: Format = %q, %v; want ErrMalformed", name, v, err)
		}
		if _, err := s.FormatFolded(); !errors.Is(err, ErrMalformed) {
			t.Errorf("%s: FormatFolded: %v; want ErrMalformed", name, err)
		}
	}
}

// benchStamp is leaf 777 of a 1000-leaf deposit (a proof of 10).
func benchStamp(b *testing.B) (*Stamp, string) {
	rcpts := make([]string, 1000)
	for i := range rcpts {
		rcpts[i] = fmt.Sprintf("user%d@example.org", i)
	}
	_, st := testBatch(b, rcpts...)
	s := st[777]
	v, err := s.FormatFolded()
	if err != nil {
		b.Fatal(err)
	}
	return s, v
}

func BenchmarkParse(b *testing.B) {
	_, v := benchStamp(b)
	b.SetBytes(int64(len(v)))
	for b.Loop() {
		if _, err := Parse(v); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkCheck(b *testing.B) {
	s, _ := benchStamp(b)
	for b.Loop() {
		if _, _, err := s.Check(s.Recipient); err != nil {
			b.Fatal(err)
		}
	}
}

// The largest v=1 stamp (20-element proof, 254-octet address, largest
// chain id) formats, folds and parses back well inside MaxHeaderLen.
func TestMaxSizeHeader(t *testing.T) {
	_, st := testBatch(t, "a@example.org")
	s := *st[0]
	s.ChainID = 1<<64 - 1
	s.Leaves, s.Index = MaxLeaves, MaxLeaves-1
	s.Recipient = MustParseRecipient(strings.Repeat("L", 64) + "@" + strings.Repeat("d", 189))
	s.Proof = make([]Hash, MaxDepth)
	for i := range s.Proof {
		s.Proof[i] = Hash{byte(i), 0xff}
	}
	folded, err := s.FormatFolded()
	if err != nil {
		t.Fatal(err)
	}
	if len(folded) > MaxHeaderLen/2 {
		t.Errorf("largest folded header is %d octets, too close to MaxHeaderLen %d", len(folded), MaxHeaderLen)
	}
	for i, line := range strings.Split(HeaderName+": "+folded, "\r\n") {
		if len(line) > 998 {
			t.Errorf("line %d is %d octets", i, len(line))
		}
	}
	p, err := Parse(folded)
	if err != nil || !stampsEqual(p, &s) {
		t.Fatalf("largest stamp does not round trip: %v", err)
	}
	if _, _, err := p.Check(p.Recipient); !errors.Is(err, ErrInvalidProof) {
		t.Errorf("made-up proof checked: %v", err)
	}
}
