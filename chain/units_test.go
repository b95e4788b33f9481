package chain

import (
	"testing"

	"github.com/ethereum/go-ethereum/common"
)

// A deposit id is 0x and exactly 64 hex digits.
func TestParseDepositID(t *testing.T) {
	id := "0x" + "ab" + "00000000000000000000000000000000000000000000000000000000000001"
	got, err := ParseDepositID(id)
	if err != nil || got != common.HexToHash(id) {
		t.Fatalf("ParseDepositID(%s) = %s, %v", id, got, err)
	}
	for _, bad := range []string{"", "0x", id[2:], id[:65], id + "00", "0x" + "zz" + id[4:]} {
		if _, err := ParseDepositID(bad); err == nil || err.Error() != `deposit id "`+bad+`": want 0x and 64 hex digits` {
			t.Errorf("ParseDepositID(%q): %v", bad, err)
		}
	}
}
