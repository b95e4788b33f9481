package mail

import (
	"bufio"
	"io"
	"strings"

	"github.com/emersion/go-message/textproto"
)

// maxWorkHeader bounds how much of a message -X reads: the header only, and
// not more than this.
const maxWorkHeader = 1 << 20

// ReadWorkStamps returns the X-Hashcash (and Hashcash) header values of the
// message on r, unfolded with all whitespace removed (stamps contain none;
// hashcash folds long ones). The body is never read.
func ReadWorkStamps(r io.Reader) ([]string, error) {
	br := bufio.NewReader(io.LimitReader(r, maxWorkHeader))
	// An mbox "From " line may precede the header.
	if peek, _ := br.Peek(5); string(peek) == "From " {
		if _, err := br.ReadString('\n'); err != nil {
			return nil, err
		}
	}
	h, err := textproto.ReadHeader(br)
	if err != nil {
		return nil, err
	}
	var out []string
	for _, key := range []string{"X-Hashcash", "Hashcash"} {
		for f := h.FieldsByKey(key); f.Next(); {
			v := strings.Join(strings.Fields(f.Value()), "")
			if v != "" {
				out = append(out, v)
			}
		}
	}
	return out, nil
}
