package submit

import (
	"bufio"
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/emersion/go-smtp"
)

// maxReturnedHeader bounds the header of the refused copy quoted in a
// bounce.
const maxReturnedHeader = 64 << 10

// Bounce is a delivery status notification (RFC 3464, multipart/report)
// telling sender that the copy for rcpt, whose content is in orig, was
// refused for good with err. It quotes the copy's header only.
func Bounce(host, sender, rcpt string, err error, orig io.Reader, now time.Time) []byte {
	var b bytes.Buffer
	var rnd [12]byte
	rand.Read(rnd[:])
	boundary := "postage-dsn-" + hex.EncodeToString(rnd[:])
	status, diag := "5.0.0", oneLine(err.Error())
	var se *smtp.SMTPError
	if errors.As(err, &se) {
		if se.EnhancedCode != smtp.NoEnhancedCode && se.EnhancedCode[0] == 5 {
			status = fmt.Sprintf("%d.%d.%d", se.EnhancedCode[0], se.EnhancedCode[1], se.EnhancedCode[2])
		}
		diag = fmt.Sprintf("%d %s", se.Code, oneLine(se.Message))
	}
	crlf := func(format string, a ...any) { fmt.Fprintf(&b, format+"\r\n", a...) }
	crlf("From: Mail Delivery System <MAILER-DAEMON@%s>", host)
	crlf("To: <%s>", sender)
	crlf("Subject: Undelivered Mail Returned to Sender")
	crlf("Date: %s", now.Format(time.RFC1123Z))
	crlf("Message-ID: <%s.dsn@%s>", hex.EncodeToString(rnd[:]), host)
	crlf("Auto-Submitted: auto-replied")
	crlf("MIME-Version: 1.0")
	crlf("Content-Type: multipart/report; report-type=delivery-status; boundary=\"%s\"", boundary)
	crlf("")
	crlf("--%s", boundary)
	crlf("Content-Type: text/plain; charset=utf-8")
	crlf("")
	crlf("postage submit could not deliver your message to <%s>.", rcpt)
	crlf("The server it relays through refused it for good:")
	crlf("")
	crlf("    %s", diag)
	crlf("")
	crlf("The other recipients' copies are not affected.")
	crlf("")
	crlf("--%s", boundary)
	crlf("Content-Type: message/delivery-status")
	crlf("")
	crlf("Reporting-MTA: dns; %s", host)
	crlf("Arrival-Date: %s", now.Format(time.RFC1123Z))
	crlf("")
	crlf("Final-Recipient: rfc822; %s", rcpt)
	crlf("Action: failed")
	crlf("Status: %s", status)
	crlf("Diagnostic-Code: smtp; %s", diag)
	crlf("")
	crlf("--%s", boundary)
	crlf("Content-Type: text/rfc822-headers")
	crlf("")
	br := bufio.NewReader(io.LimitReader(orig, maxReturnedHeader))
	for {
		line, err := br.ReadString('\n')
		line = strings.TrimRight(line, "\r\n")
		if line == "" || (err != nil && line == "") {
			break
		}
		crlf("%s", line)
		if err != nil {
			break
		}
	}
	crlf("")
	crlf("--%s--", boundary)
	return b.Bytes()
}

func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}
