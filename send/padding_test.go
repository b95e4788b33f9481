package send

import (
	"flag"
	"fmt"
	"math/big"
	"os"
	"strings"
	"testing"
	"time"
)

var updatePadding = flag.Bool("update-padding", false, "rewrite the padding table in BENCHMARKS.md")

// paddingTable is the locked-capital cost of padding deposit trees to a
// power of two of at least DefaultMinLeaves (issue 11, finding 9), at the
// default share (0.0011 ETH), hold (7 days) and the embedded chain's
// default delay (3 days). Gas does not change with padding (the contract
// stores only the root; see the amortized gas table above).
func paddingTable() string {
	share := big.NewInt(11e14) // send.stake_per_recipient
	hold, delay := DefaultHold, 72*time.Hour
	days := (hold + delay).Hours() / 24
	var b strings.Builder
	fmt.Fprintf(&b, "Share %s per leaf, hold %s + delay %s = %.0f days locked, send.min_leaves = %d:\n\n", FormatWei(share), "7d", "3d", days, DefaultMinLeaves)
	b.WriteString("| recipients in the deposit | leaves | padding leaves | capital locked | per recipient | × unpadded | locked at 100 such deposits a day |\n")
	b.WriteString("|--:|--:|--:|--:|--:|--:|--:|\n")
	for _, n := range []int{1, 2, 3, 4, 5, 8, 10, 20, 40, 100, 1000} {
		l := PaddedLeaves(n, DefaultMinLeaves)
		locked := new(big.Int).Mul(share, big.NewInt(int64(l)))
		per := new(big.Int).Div(locked, big.NewInt(int64(n)))
		steady := new(big.Int).Mul(locked, big.NewInt(int64(100*days)))
		fmt.Fprintf(&b, "| %d | %d | %d | %s | %s | %.2f× | %s |\n", n, l, l-n, FormatWei(locked), FormatWei(per), float64(l)/float64(n), FormatWei(steady))
	}
	b.WriteString("\nA lone message to one recipient locks four shares instead of one; with `postage serve` batching (issue 13) the 20 messages of the acceptance test, 40 recipients, share one deposit of 64 leaves (1.6×). Steady state: capital locked = deposits a day × leaves × share × (hold + delay).\n")
	return b.String()
}

// TestPaddingTable fails when BENCHMARKS.md's padding table no longer
// matches what PaddedLeaves does (-update-padding rewrites it).
func TestPaddingTable(t *testing.T) {
	const path = "../BENCHMARKS.md"
	const begin, end = "<!-- padding-capital:begin -->\n", "<!-- padding-capital:end -->"
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	doc := string(raw)
	i, j := strings.Index(doc, begin), strings.Index(doc, end)
	if i < 0 || j < i {
		t.Fatalf("%s has no %q ... %q section", path, begin, end)
	}
	want := paddingTable()
	if got := doc[i+len(begin) : j]; got != want {
		if *updatePadding {
			if err := os.WriteFile(path, []byte(doc[:i+len(begin)]+want+doc[j:]), 0o644); err != nil {
				t.Fatal(err)
			}
			return
		}
		t.Errorf("BENCHMARKS.md padding table is stale (go test ./send -run TestPaddingTable -update-padding):\n%s", want)
	}
}
