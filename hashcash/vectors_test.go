package hashcash

import (
	"bufio"
	"crypto/sha1"
	"encoding/hex"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// vectorsDir is where the hashcash 1.22 reference vectors live: copied into
// the module (testdata/vectors, see its README) so no test reads outside it.
func vectorsDir(t testing.TB) string {
	t.Helper()
	dir := filepath.Join("testdata", "vectors")
	if _, err := os.Stat(dir); err != nil {
		t.Fatalf("reference vectors not found at %s: %v", dir, err)
	}
	return dir
}

type stampVector struct {
	name, stamp, sha1, resource string
	lz, value                   int
	checkBits                   int
	checkResource               string
}

func readStampVectors(t testing.TB) []stampVector {
	f, err := os.Open(filepath.Join(vectorsDir(t), "hashcash-1.22-stamps.txt"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []stampVector
	var cur *stampVector
	checkRe := regexp.MustCompile(`-b (\d+) -r '([^']*)'`)
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, "# ====") {
			break // behaviour vectors follow; another test reads them
		}
		key, val, _ := strings.Cut(line, ":")
		val = strings.TrimSpace(val)
		switch {
		case strings.HasPrefix(line, "[V"):
			out = append(out, stampVector{name: strings.Trim(line, "[]"), lz: -1, value: -1, checkBits: -1})
			cur = &out[len(out)-1]
		case cur == nil:
		case key == "STAMP":
			cur.stamp = val
		case key == "SHA1":
			cur.sha1 = val
		case key == "LZ":
			cur.lz, _ = strconv.Atoi(val)
		case key == "VALUE":
			cur.value, _ = strconv.Atoi(val)
		case key == "RESOURCE(-n)":
			cur.resource = val
		case key == "CHECK":
			m := checkRe.FindStringSubmatch(val)
			if m == nil {
				t.Fatalf("%s: cannot read CHECK line %q", cur.name, val)
			}
			cur.checkBits, _ = strconv.Atoi(m[1])
			cur.checkResource = m[2]
		}
	}
	if len(out) < 20 {
		t.Fatalf("read %d stamp vectors, want 20", len(out))
	}
	return out
}

func TestStampVectors(t *testing.T) {
	for _, v := range readStampVectors(t) {
		t.Run(v.name, func(t *testing.T) {
			st, err := Parse(v.stamp)
			if err != nil {
				t.Fatalf("Parse(%q): %v", v.stamp, err)
			}
			if st.String() != v.stamp {
				t.Errorf("String() = %q, want %q", st.String(), v.stamp)
			}
			sum := sha1.Sum([]byte(v.stamp))
			if got := hex.EncodeToString(sum[:]); got != v.sha1 {
				t.Errorf("sha1 = %s, want %s", got, v.sha1)
			}
			if got := st.ZeroBits(); got != v.lz {
				t.Errorf("ZeroBits = %d, want %d", got, v.lz)
			}
			if got := st.Value(); got != v.value {
				t.Errorf("Value = %d, want %d", got, v.value)
			}
			if v.resource != "" && st.Resource != v.resource {
				t.Errorf("Resource = %q, want %q", st.Resource, v.resource)
			}
			bits, res := v.checkBits, v.checkResource
			if bits < 0 { // man-page vectors: check at the claimed bits for "foo"
				bits, res = st.Bits, "foo"
			}
			p := &Policy{Requirements: []Requirement{{Resource: res, Bits: bits}}} // -e 0: never expires
			if _, err := p.Check(v.stamp); err != nil {
				t.Errorf("check -b %d -r %s -e 0: %v", bits, res, err)
			}
			// And the man-page vectors are long expired under the default 28 days.
			if v.checkBits < 0 {
				p.Validity, p.Grace = DefaultValidity, DefaultGrace
				if _, err := p.Check(v.stamp); !isReason(err, ErrExpired) {
					t.Errorf("check with 28d validity: %v, want expired", err)
				}
			}
		})
	}
}

func isReason(err, reason error) bool {
	re, ok := err.(*RejectError)
	return ok && (re.Reason == reason || strings.Contains(re.Reason.Error(), reason.Error()))
}

// The -w vectors from the behaviour file: value semantics.
func TestValueSemantics(t *testing.T) {
	for _, tc := range []struct {
		stamp string
		value int
	}{
		{"1:24:260101:foo@example.com::AAAAAAAAAAAAAAAA:Ta", 0},     // over-claim: actual 12
		{"1:8:260101:foo@example.com::BBBBBBBBBBBBBBBB:ByJ", 8},     // under-claim: actual 17
		{"0:260101:foo@example.com:5xT", 18},                        // v0: actual bits
		{"1:0:260101:zero@example.com::E1HI69uFPIOX9h/6:000000", 0}, // zero-bit stamp
	} {
		st, err := Parse(tc.stamp)
		if err != nil {
			t.Fatalf("Parse(%q): %v", tc.stamp, err)
		}
		if got := st.Value(); got != tc.value {
			t.Errorf("Value(%q) = %d, want %d", tc.stamp, got, tc.value)
		}
	}
}
