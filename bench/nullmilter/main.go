// Command nullmilter is the cheapest milter there is, for bench/postfix.sh:
// it asks the MTA to skip every event it can (connect, HELO, envelope,
// header, body) and accepts every message at its end. Postfix with it
// measures what Postfix itself spends on having a milter at all, the floor
// under any milter's cost.
//
//	nullmilter 127.0.0.1:PORT
package main

import (
	"bufio"
	"encoding/binary"
	"fmt"
	"io"
	"log"
	"net"
	"os"

	"github.com/postage-mail/postage/milter"
)

// Every SMFIP_NO* event flag (connect, HELO, MAIL, RCPT, body, headers,
// end of header, unknown, DATA) and every SMFIP_NR_* reply flag.
const skipAll = 0x7f | 0x80 | 0x100 | 0x200 | 0xff000

func main() {
	if len(os.Args) < 2 || len(os.Args) > 3 || len(os.Args) == 3 && os.Args[2] != "delayack" {
		fmt.Fprintln(os.Stderr, "usage: nullmilter HOST:PORT [delayack]")
		os.Exit(64)
	}
	ln, err := net.Listen("tcp", os.Args[1])
	if err != nil {
		log.Fatal(err)
	}
	for {
		c, err := ln.Accept()
		if err != nil {
			log.Fatal(err)
		}
		go serve(c, len(os.Args) == 2)
	}
}

func serve(c net.Conn, quickAck bool) {
	defer c.Close()
	var r *bufio.Reader
	if quickAck {
		r = bufio.NewReader(milter.QuickAckReader(c))
	} else {
		r = bufio.NewReader(c)
	}
	reply := func(code byte, data []byte) error {
		b := binary.BigEndian.AppendUint32(nil, uint32(1+len(data)))
		_, err := c.Write(append(append(b, code), data...))
		return err
	}
	// The reply each event would need, unless negotiated away.
	noReply := map[byte]uint32{'C': 0x1000, 'H': 0x2000, 'M': 0x4000, 'R': 0x8000, 'T': 0x10000, 'U': 0x20000, 'N': 0x40000, 'B': 0x80000, 'L': 0x80}
	var agreed uint32
	var hdr [4]byte
	buf := make([]byte, 4096)
	for {
		if _, err := io.ReadFull(r, hdr[:]); err != nil {
			return
		}
		n := int(binary.BigEndian.Uint32(hdr[:]))
		if n < 1 || n > 1<<20 {
			return
		}
		if cap(buf) < n {
			buf = make([]byte, n)
		}
		p := buf[:n]
		if _, err := io.ReadFull(r, p); err != nil {
			return
		}
		var err error
		switch p[0] {
		case 'O':
			if len(p) < 13 {
				return
			}
			offer := binary.BigEndian.Uint32(p[9:13])
			d := binary.BigEndian.AppendUint32(nil, min(binary.BigEndian.Uint32(p[1:5]), 6))
			d = binary.BigEndian.AppendUint32(d, 0)
			agreed = skipAll & offer
			d = binary.BigEndian.AppendUint32(d, agreed)
			err = reply('O', d)
		case 'E':
			err = reply('c', nil)
		case 'Q':
			return
		case 'D', 'A', 'K':
			// macros, abort, quit-new-connection: no reply
		default:
			// An event the MTA could not skip: it waits for a reply
			// unless it agreed to spare it.
			if agreed&noReply[p[0]] == 0 {
				err = reply('c', nil)
			}
		}
		if err != nil {
			return
		}
	}
}
