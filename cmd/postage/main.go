// Command postage attaches and checks email postage: hashcash work stamps
// and stake stamps backed by an Ethereum deposit. Run `postage help`.
package main

import (
	"context"
	"embed"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime"
	"runtime/debug"
	"sort"
	"strings"
	"syscall"
)

// Exit codes shared by every command. check and verify add their own
// verdict codes (0 valid, 1 invalid, 2 valid but not fully checked) below
// these; the rest follow sysexits(3), which MTAs and procmail understand.
const (
	exitOK       = 0
	exitInvalid  = 1
	exitUnsure   = 2
	exitUsage    = 64 // EX_USAGE
	exitDataErr  = 65 // EX_DATAERR: unreadable input
	exitSoftware = 70 // EX_SOFTWARE
	exitIOErr    = 74 // EX_IOERR: a store or file could not be used
	exitTempFail = 75 // EX_TEMPFAIL: try again later (chain unreachable…)
)

// command is one subcommand. Each lives in its own cmd_*.go file and
// registers itself in init.
//
// new makes a small type with the command's flags as fields and
// Run(ctx, args) error. Run returns nil on success; exit codes ride on the
// error (exitErr, usageErr, silentExit, or an error exitCode classifies),
// and run() prints the error once, as "postage <name>: <error>". The rest
// of its help is help/<name>.txt.
type command struct {
	name  string
	args  string // synopsis after the name
	short string // one line for `postage help`
	// new returns a fresh instance of the command.
	new func() cli
}

// cli is one command's flags and behaviour.
type cli interface {
	// Flags declares the command's flags on fs, bound to its fields.
	Flags(fs *flag.FlagSet)
	// Run runs the command with its positional arguments.
	Run(ctx context.Context, args []string) error
}

// rawArgs marks a cli whose arguments are not parsed as Go flags
// (sendmail's option syntax is not Go's): Run gets them as given and
// Flags is only used for help.
type rawArgs interface{ rawArgs() }

var commands = map[string]*command{}

// helpTexts hold the rest of `postage help <name>`, one file per command:
// prose is easier to keep up to date outside Go string literals.
//
//go:embed help/*.txt
var helpTexts embed.FS

func register(c *command) {
	if _, dup := commands[c.name]; dup {
		panic("postage: command registered twice: " + c.name)
	}
	commands[c.name] = c
}

// Streams are variables so tests of helpers can swap them; the binary and
// testscript use the process's own.
var (
	stdin  io.Reader = os.Stdin
	stdout io.Writer = os.Stdout
	stderr io.Writer = os.Stderr
)

func main() { os.Exit(Main()) }

// Main runs the command line and returns the exit code.
func Main() int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	return run(ctx, os.Args[1:])
}

func run(ctx context.Context, args []string) int {
	if len(args) == 0 {
		usage(stderr)
		return exitUsage
	}
	name, args := args[0], args[1:]
	switch name {
	case "-h", "-help", "--help":
		name = "help"
	case "-version", "--version":
		name = "version"
	}
	c, ok := commands[name]
	if !ok {
		fmt.Fprintf(stderr, "postage: unknown command %q\n", name)
		usage(stderr)
		return exitUsage
	}
	fs := flag.NewFlagSet("postage "+c.name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	return runCLI(ctx, c, fs, args)
}

// runCLI parses a new-style command's flags, runs it and turns its error
// into the exit code, printing the error once.
func runCLI(ctx context.Context, c *command, fs *flag.FlagSet, args []string) int {
	cmd := c.new()
	cmd.Flags(fs)
	pos := args
	if _, raw := cmd.(rawArgs); !raw {
		var err error
		pos, err = parseInterspersed(fs, args)
		if errors.Is(err, flag.ErrHelp) {
			commandHelp(stdout, c)
			return exitOK
		}
		if err != nil {
			err = usageErr("%v", err)
			return report(c, err)
		}
	}
	return report(c, cmd.Run(ctx, pos))
}

// report prints err once (unless it is a silent exit) and returns its
// exit code.
func report(c *command, err error) int {
	if err == nil {
		return exitOK
	}
	code := exitCode(err)
	var ee *exitError
	if errors.As(err, &ee) && ee.err == nil {
		return code
	}
	fmt.Fprintf(stderr, "postage %s: %v\n", c.name, err)
	if code == exitUsage {
		fmt.Fprintf(stderr, "Run 'postage help %s' for usage.\n", c.name)
	}
	return code
}

// exitError is an error with the exit status it should end the process
// with. With a nil err it is a silent exit: the command already said what
// it had to (a verdict, a report on stdout) and only the status is left.
type exitError struct {
	code int
	err  error
}

func (e *exitError) Error() string {
	if e.err == nil {
		return fmt.Sprintf("exit status %d", e.code)
	}
	return e.err.Error()
}

func (e *exitError) Unwrap() error { return e.err }

// exitErr makes err end the command with code. A nil err stays nil.
func exitErr(code int, err error) error {
	if err == nil {
		return nil
	}
	return &exitError{code: code, err: err}
}

// exitErrf is exitErr with a formatted error (%w wraps).
func exitErrf(code int, format string, a ...any) error {
	return &exitError{code: code, err: fmt.Errorf(format, a...)}
}

// usageErr is a usage mistake: exit 64, and run() points at the help.
func usageErr(format string, a ...any) error { return exitErrf(exitUsage, format, a...) }

// silentExit ends the command with code and prints nothing more.
func silentExit(code int) error {
	if code == exitOK {
		return nil
	}
	return &exitError{code: code}
}

// exitCode classifies an error into the exit status: the code it carries,
// else EX_TEMPFAIL for what a retry may fix (a deadline, an interrupt),
// else EX_SOFTWARE.
func exitCode(err error) int {
	var ee *exitError
	switch {
	case err == nil:
		return exitOK
	case errors.As(err, &ee):
		return ee.code
	case errors.Is(err, context.DeadlineExceeded), errors.Is(err, context.Canceled):
		return exitTempFail
	default:
		return exitSoftware
	}
}

// parseInterspersed lets flags follow positional arguments, as users of
// hashcash expect (`postage mint alice@example.com -b 22`); "--" ends flags.
func parseInterspersed(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		rest := fs.Args()
		if len(rest) == 0 {
			return pos, nil
		}
		// flag stops at "--" having consumed it, or at a positional.
		if len(args) > len(rest) && args[len(args)-len(rest)-1] == "--" {
			return append(pos, rest...), nil
		}
		pos = append(pos, rest[0])
		args = rest[1:]
	}
}

func usage(w io.Writer) {
	fmt.Fprintf(w, "postage: email postage that makes spam expensive and legitimate mail free.\n\nUsage: postage <command> [options] [arguments]\n\nCommands:\n")
	names := make([]string, 0, len(commands))
	for n := range commands {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(w, "  %-10s %s\n", n, commands[n].short)
	}
	fmt.Fprintf(w, "\nRun 'postage help <command>' for a command's options.\n")
}

func commandHelp(w io.Writer, c *command) {
	fmt.Fprintf(w, "Usage: postage %s %s\n\n%s\n", c.name, c.args, c.short)
	if long, err := helpTexts.ReadFile("help/" + c.name + ".txt"); err == nil {
		fmt.Fprintf(w, "\n%s\n", strings.TrimSpace(string(long)))
	}
	fs := flag.NewFlagSet(c.name, flag.ContinueOnError)
	c.new().Flags(fs)
	var has bool
	fs.VisitAll(func(*flag.Flag) { has = true })
	if has {
		fmt.Fprintf(w, "\nOptions:\n")
		fs.SetOutput(w)
		fs.PrintDefaults()
	}
}

type helpCmd struct{}

func (helpCmd) Flags(*flag.FlagSet) {}

func (helpCmd) Run(_ context.Context, args []string) error {
	if len(args) == 0 {
		usage(stdout)
		return nil
	}
	c, ok := commands[args[0]]
	if !ok {
		return exitErrf(exitUsage, "unknown command %q", args[0])
	}
	commandHelp(stdout, c)
	return nil
}

type versionCmd struct{}

func (versionCmd) Flags(*flag.FlagSet) {}

func (versionCmd) Run(context.Context, []string) error {
	fmt.Fprintf(stdout, "postage %s %s/%s %s\n", version(), runtime.GOOS, runtime.GOARCH, runtime.Version())
	return nil
}

func init() {
	register(&command{
		name:  "help",
		args:  "[command]",
		short: "show help for postage or one of its commands",
		new:   func() cli { return helpCmd{} },
	})
	register(&command{
		name:  "version",
		short: "print the version of postage",
		new:   func() cli { return versionCmd{} },
	})
}

// Version is set with -ldflags "-X main.Version=v1.2.3" by release builds.
var Version = ""

func version() string {
	if Version != "" {
		return Version
	}
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		return bi.Main.Version
	}
	return "devel"
}
