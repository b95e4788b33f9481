package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"slices"
	"strings"

	"github.com/postage-mail/postage/config"
	"github.com/postage-mail/postage/mail"
)

func init() {
	register(&command{
		name:  "sendmail",
		args:  "[-t] [-i] [-f sender] [--no-stake] [--no-tickets] [--config FILE] [--rpc URL] [--] [recipient ...]",
		short: "sendmail-compatible wrapper: stamps, splits per recipient, hands copies to the MTA",
		long: `A drop-in for sendmail in mail clients (mutt's sendmail, git send-email's
--sendmail-cmd, …). Reads a message on stdin; the recipients are the
arguments, plus with -t the To, Cc and Bcc headers.

It mints a work stamp for every recipient, makes ONE deposit for all of
them (a Merkle tree with a leaf each, send.stake_per_recipient per leaf),
waits until it is mined, then hands each recipient its own copy to the real
MTA's sendmail (send.sendmail) as: sendmail -i [-f sender] -- recipient.
Each copy carries the To/Cc work stamps and only its own recipient's stake
stamp; Bcc recipients never appear in another copy, and their work stamp
is only in their own.

A recipient whose domain publishes a ticket book (TXT _postage.<domain>,
see postage help book) gets a ticket in that book instead of a deposit
leaf: the deniable stake mode of docs/deniable.md. send.tickets,
send.max_ticket, send.resolver and send.ticket_contracts govern it;
--no-tickets turns it off for one message.

Accepted sendmail options: -t, -i, -oi, -f ADDR, -F NAME, -o* (ignored),
-bm. Exit status: 0 all copies handed over; 64 usage; 65 unreadable
message; 75 the deposit or a hand-over failed (the message is not lost: the
client keeps it, and the failed recipients are named on stderr).`,
		raw: runSendmail,
	})
}

type sendmailArgs struct {
	fromHeaders bool
	sender      string
	rcpts       []string
	noStake     bool
	noTickets   bool
	noWork      bool
	config, rpc string
}

func parseSendmailArgs(args []string) (*sendmailArgs, error) {
	a := &sendmailArgs{}
	for i := 0; i < len(args); i++ {
		arg := args[i]
		value := func() (string, error) {
			if i+1 >= len(args) {
				return "", fmt.Errorf("%s needs a value", arg)
			}
			i++
			return args[i], nil
		}
		var err error
		switch {
		case arg == "--":
			a.rcpts = append(a.rcpts, args[i+1:]...)
			return a, nil
		case arg == "-t":
			a.fromHeaders = true
		case arg == "-i", arg == "-oi", arg == "-bm", strings.HasPrefix(arg, "-o"):
			// -i: a lone dot is not the end; we never read dots anyway.
		case arg == "-f", arg == "-r":
			a.sender, err = value()
		case strings.HasPrefix(arg, "-f"), strings.HasPrefix(arg, "-r") && len(arg) > 2:
			a.sender = arg[2:]
		case arg == "-F":
			_, err = value()
		case strings.HasPrefix(arg, "-F"):
		case arg == "--no-stake":
			a.noStake = true
		case arg == "--no-tickets":
			a.noTickets = true
		case arg == "--no-work":
			a.noWork = true
		case arg == "--config":
			a.config, err = value()
		case arg == "--rpc":
			a.rpc, err = value()
		case arg == "-h", arg == "--help":
			return nil, errHelpRequested
		case strings.HasPrefix(arg, "-"):
			return nil, fmt.Errorf("unsupported sendmail option %s", arg)
		default:
			a.rcpts = append(a.rcpts, arg)
		}
		if err != nil {
			return nil, err
		}
	}
	return a, nil
}

var errHelpRequested = errors.New("help")

func runSendmail(ctx context.Context, args []string) int {
	a, err := parseSendmailArgs(args)
	if errors.Is(err, errHelpRequested) {
		commandHelp(stdout, commands["sendmail"])
		return exitOK
	}
	if err != nil {
		fmt.Fprintf(stderr, "postage sendmail: %v\n", err)
		return exitUsage
	}
	cfg, err := config.Load(a.config)
	if err != nil {
		fmt.Fprintf(stderr, "postage sendmail: %v\n", err)
		return exitUsage
	}
	m, err := mail.Read(stdin)
	if err != nil {
		fmt.Fprintf(stderr, "postage sendmail: %v\n", err)
		return exitDataErr
	}
	// The body goes to a temporary file, not memory: each copy re-reads it.
	body, err := os.CreateTemp("", "postage-body-*")
	if err != nil {
		fmt.Fprintf(stderr, "postage sendmail: %v\n", err)
		return exitIOErr
	}
	defer os.Remove(body.Name())
	defer body.Close()
	if _, err := io.Copy(body, m.Body); err != nil {
		fmt.Fprintf(stderr, "postage sendmail: spool body: %v\n", err)
		return exitIOErr
	}

	visible, err := m.Recipients("To", "Cc")
	if err != nil {
		fmt.Fprintf(stderr, "postage sendmail: %v\n", err)
		return exitDataErr
	}
	rcpts := lower(a.rcpts)
	if a.fromHeaders {
		hidden, err := m.Recipients("Bcc")
		if err != nil {
			fmt.Fprintf(stderr, "postage sendmail: %v\n", err)
			return exitDataErr
		}
		for _, r := range append(append([]string(nil), visible...), hidden...) {
			if !slices.Contains(rcpts, r) {
				rcpts = append(rcpts, r)
			}
		}
	}
	if len(rcpts) == 0 {
		fmt.Fprintf(stderr, "postage sendmail: no recipients (give them as arguments, or -t)\n")
		return exitUsage
	}
	m.Header.Del("Bcc")

	if !a.noWork {
		if err := addWork(ctx, m, visible, cfg.Send.Bits); err != nil {
			fmt.Fprintf(stderr, "postage sendmail: %v\n", err)
			return exitDataErr
		}
	}
	var dep *stakeDeposit
	var tickets map[string]string // recipient -> Postage-Stamp of kind ticket
	if !a.noStake && cfg.Send.Stake {
		conn, err := connectChain(ctx, cfg, a.rpc)
		if err != nil {
			fmt.Fprintf(stderr, "postage sendmail: %v (send.stake = false or --no-stake sends with work stamps only)\n", err)
			return exitTempFail
		}
		defer conn.Close()
		// Recipients whose domain publishes a ticket book get a ticket
		// (deniable stake, docs/deniable.md); the others share a deposit.
		depositRcpts := rcpts
		if !a.noTickets {
			tickets, depositRcpts, err = buyTickets(ctx, cfg, conn, rcpts, func(format string, args ...any) {
				fmt.Fprintf(stderr, "postage sendmail: "+format+"\n", args...)
			})
			if err != nil {
				fmt.Fprintf(stderr, "postage sendmail: %v\n", err)
				return exitTempFail
			}
		}
		if len(depositRcpts) > 0 {
			dep, err = makeDeposit(ctx, conn, depositRcpts, cfg.StakePerRecipient(), cfg.Bounty())
			if err != nil {
				fmt.Fprintf(stderr, "postage sendmail: %v\n", err)
				return exitTempFail
			}
			fmt.Fprintf(stderr, "postage sendmail: deposit %s for %d recipients\n", dep.id, len(depositRcpts))
		}
	}

	var failed []string
	for _, r := range rcpts {
		cp := &mail.Message{FromLine: "", Header: m.Header.Copy()}
		cp.SetLineEnding(m)
		if !a.noWork && !slices.Contains(visible, r) {
			if err := addWork(ctx, cp, []string{r}, cfg.Send.Bits); err != nil {
				fmt.Fprintf(stderr, "postage sendmail: %v\n", err)
				failed = append(failed, r)
				continue
			}
		}
		if h, ok := tickets[r]; ok {
			cp.Header.Del(mail.StakeHeader)
			cp.Header.Add(mail.StakeHeader, h)
		} else if dep != nil {
			if err := dep.setStake(cp, r); err != nil {
				fmt.Fprintf(stderr, "postage sendmail: %s: %v\n", r, err)
				failed = append(failed, r)
				continue
			}
		}
		if err := handOver(ctx, cfg.Send.Sendmail, a.sender, r, cp, body); err != nil {
			fmt.Fprintf(stderr, "postage sendmail: %s: %v\n", r, err)
			failed = append(failed, r)
		}
	}
	if len(failed) > 0 {
		fmt.Fprintf(stderr, "postage sendmail: not sent to: %s\n", strings.Join(failed, ", "))
		return exitTempFail
	}
	return exitOK
}

// handOver pipes one copy (header, then the spooled body) to the real
// sendmail for one recipient.
func handOver(ctx context.Context, sendmail, sender, rcpt string, cp *mail.Message, body *os.File) error {
	if _, err := body.Seek(0, io.SeekStart); err != nil {
		return err
	}
	args := []string{"-i"}
	if sender != "" {
		args = append(args, "-f", sender)
	}
	args = append(args, "--", rcpt)
	cmd := exec.CommandContext(ctx, sendmail, args...)
	cp.Body = body
	pr, pw := io.Pipe()
	cmd.Stdin = pr
	out := &strings.Builder{}
	cmd.Stdout, cmd.Stderr = out, out
	if err := cmd.Start(); err != nil {
		return fmt.Errorf("run %s: %w", sendmail, err)
	}
	_, werr := cp.WriteTo(pw)
	pw.CloseWithError(werr)
	err := cmd.Wait()
	pr.Close()
	if werr != nil {
		return werr
	}
	if err != nil {
		return fmt.Errorf("%s: %v: %s", sendmail, err, strings.TrimSpace(out.String()))
	}
	return nil
}
