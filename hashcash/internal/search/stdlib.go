package search

import (
	"crypto/sha1"
	"encoding"
	"encoding/binary"
	"hash"
)

// Stdlib drives crypto/sha1, which uses the CPU's SHA instructions where Go
// has them, from the midstate: it restores the state, writes exactly the
// padded final block so the library compresses it and nothing else, and
// reads the state back. Portable, and faster than Generic on most machines.
type Stdlib struct{}

func (Stdlib) Name() string { return "stdlib" }
func (Stdlib) Lanes() int   { return 1 }

// sha1's marshalled state: magic, five state words, a 64-byte buffer and the
// length. Stable since Go 1.10 because hashes may be persisted with it.
const (
	sha1Magic   = "sha\x01"
	sha1Marshal = len(sha1Magic) + 5*4 + 64 + 8
)

func (Stdlib) Search(j *Job, start, count uint64) (uint64, bool) {
	block := j.Block
	ctr := block[j.Off : j.Off+j.Width]
	var st [sha1Marshal]byte
	copy(st[:], sha1Magic)
	for i, w := range j.Mid {
		binary.BigEndian.PutUint32(st[4+4*i:], w)
	}
	// Any multiple of 64 works as the length: Write only looks at its low
	// bits to find the buffer fill, and the real length is already in Block.
	binary.BigEndian.PutUint64(st[sha1Marshal-8:], 64)
	d := sha1.New()
	u := d.(encoding.BinaryUnmarshaler)
	a := d.(encoding.BinaryAppender)
	out := make([]byte, 0, sha1Marshal)
	var h [5]uint32
	for n := start; n != start+count; n++ {
		PutCounter(ctr, n, j.Width)
		if err := u.UnmarshalBinary(st[:]); err != nil {
			panic("search: crypto/sha1 state format changed: " + err.Error())
		}
		d.Write(block[:])
		out, _ = a.AppendBinary(out[:0])
		for i := range h {
			h[i] = binary.BigEndian.Uint32(out[4+4*i:])
		}
		if Meets(&h, j.Bits) {
			return n, true
		}
	}
	return 0, false
}

var _ hash.Hash = sha1.New()
