// Command manifestpatch makes the requiredResourceAccess list of Entra ID
// app registration manifests right, offline: it applies a set of
// permissions to manifest files byte-exactly, checks stored manifests in
// pre-commit and CI, and shows what a manifest grants in words.
package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"slices"
	"strings"
	"sync"

	"github.com/urfave/cli/v2"
)

func main() {
	tuneGC()
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

// tuneGC lets the heap grow to five times what is live before collecting,
// unless GOGC says otherwise: a run lives for milliseconds and keeps
// little, so the default (twice) spends a third of a 1,000-file check
// collecting. A soft limit brings collection back well before a run over
// the largest inputs could use much memory.
func tuneGC() {
	if os.Getenv("GOGC") != "" || os.Getenv("GOMEMLIMIT") != "" {
		return
	}
	gcTuned = true
	debug.SetGCPercent(400)
	debug.SetMemoryLimit(1 << 30)
}

// gcTuned says whether tuneGC set the collector (the environment did not).
var gcTuned bool

// largeInput is the size from which an input is large: far beyond any real
// manifest (a large one is 50 KB), as only a made-up one is.
const largeInput = 8 << 20

// readingLarge gives the collector back its default pace, once, when a
// large input is read: there the heap is what is live, many times the
// input (a million tiny permissions, each held by the parse, the plan and
// the lints), and letting it grow to five times that before collecting
// costs more memory than the collector's work saves time.
var readingLarge = sync.OnceFunc(func() {
	if gcTuned {
		debug.SetGCPercent(100)
	}
})

// Exit codes.
const (
	exitOK      = 0 // nothing to do, or all good
	exitChanges = 1 // changes needed, or a check failed
	exitError   = 2 // usage, I/O or parse error
)

// run runs the command line args and returns the exit code. Errors about
// a file are printed as they are, "path: …" or "path:line:col: …", where
// editors and CI read positions; other errors, such as usage errors, start
// with the program's name.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	code, _ := execute(args, stdin, stdout, stderr)
	return code
}

// execute runs the command line args and returns the exit code and the
// error behind it, whose chain holds the library's errors (errors.Is
// works on it).
func execute(args []string, stdin io.Reader, stdout, stderr io.Writer) (int, error) {
	stderr = termWriter{stderr} // what a message quotes cannot act on the terminal
	app := newApp(stdin, stdout, stderr)
	var helpErr error
	app.CommandNotFound = func(c *cli.Context, topic string) { helpErr = helpTopic(c, topic) }
	if n := len(args); n > 0 && args[n-1] == "--generate-bash-completion" {
		word := ""
		if n > 1 {
			word = args[n-2]
		}
		if slices.Contains(args[:max(n-2, 0)], "--") {
			// After "--" every word is a file name: nothing to offer,
			// and nothing to run (urfave/cli turns completion off on such
			// a line and would run the command, patching the files).
			return exitOK, nil
		}
		if word == "--" {
			// The word being completed, which urfave/cli would take for
			// the end of the flags, and so run the command.
			args = append(args[:n-2:n-2], args[n-1])
		}
		app.BashComplete = completer(word)
		for _, c := range app.Commands {
			c.BashComplete = app.BashComplete
		}
	}
	err := app.Run(append([]string{app.Name}, args...))
	if err == nil {
		err = helpErr
	}
	return exitFor(app, err, stderr), err
}

// exitFor writes err, unless it is written already, and returns its exit
// code.
func exitFor(app *cli.App, err error, stderr io.Writer) int {
	var fe fileExit
	var ec cli.ExitCoder
	switch {
	case err == nil:
		return exitOK
	case errors.As(err, &fe):
		fmt.Fprintln(stderr, inline(fe.Error()))
		return exitError
	case errors.As(err, &ec):
		if msg := err.Error(); msg != "" {
			fmt.Fprintf(stderr, "%s: %s\n", app.Name, inline(msg))
		}
		if ec.ExitCode() > exitError {
			return exitError // urfave/cli's own errors exit 3; ours stop at 2
		}
		return ec.ExitCode()
	default:
		fmt.Fprintf(stderr, "%s: %s\n", app.Name, inline(err.Error()))
		return exitError
	}
}

// fileExit ends a command with exit 2 on an error about one file, whose
// text starts with the file's name: it is written as it is.
type fileExit struct{ err error }

func (e fileExit) Error() string { return e.err.Error() }
func (e fileExit) Unwrap() error { return e.err }
func (e fileExit) ExitCode() int { return exitError }

// helpTopic answers help asked for something that is not a command: after
// a command's --help it is a file name, and the command's help is shown;
// after "help" it is a mistake.
func helpTopic(c *cli.Context, topic string) error {
	if !isRoot(c) && c.Args().First() != "help" && c.Args().First() != "h" {
		lineage := c.Lineage()
		return cli.ShowCommandHelp(lineage[1], c.Command.Name)
	}
	if isRoot(c) {
		return usagef(c, "no help topic %q; the commands are %s", topic, commandNames(c.App))
	}
	return usagef(c, "no help topic %q: %s has no subcommands", topic, c.Command.Name)
}

// completer returns what prints the words that may complete word, for
// --generate-bash-completion: the flags it begins, when it starts with '-';
// otherwise the command names at the top level, and nothing after a
// command, so that the shell completes file names.
func completer(word string) cli.BashCompleteFunc {
	return func(c *cli.Context) {
		if strings.HasPrefix(word, "-") {
			for _, f := range c.Command.Flags {
				for _, n := range f.Names() {
					if n = "-" + n; len(n) > 2 {
						n = "-" + n
					}
					if strings.HasPrefix(n, word) {
						fmt.Fprintln(c.App.Writer, n)
					}
				}
			}
			return
		}
		if isRoot(c) {
			for _, cmd := range c.App.VisibleCommands() {
				fmt.Fprintln(c.App.Writer, cmd.Name)
			}
		}
	}
}

// isRoot reports whether c is the top level's context, not a command's.
func isRoot(c *cli.Context) bool { return c == nil || c.Command == nil || c.Command.Name == c.App.Name }

// usageError is a mistake in the command line.
type usageError struct {
	msg     string
	command string // for the help hint; "" for the top level
}

func (e usageError) Error() string {
	help := "manifestpatch --help"
	if e.command != "" {
		help = "manifestpatch " + e.command + " --help"
	}
	return fmt.Sprintf("%s (see '%s')", e.msg, help)
}

func (e usageError) ExitCode() int { return exitError }

func usagef(c *cli.Context, format string, args ...any) error {
	name := ""
	if !isRoot(c) {
		name = c.Command.Name
	}
	return usageError{msg: fmt.Sprintf(format, args...), command: name}
}

func onUsageError(c *cli.Context, err error, _ bool) error {
	return usagef(c, "%v", err)
}

// exitCode carries a command's exit code once its output is written, and
// the errors of the files that failed, which are written already.
type exitCode struct {
	code int
	errs []error
}

func (e exitCode) Error() string   { return "" }
func (e exitCode) ExitCode() int   { return e.code }
func (e exitCode) Unwrap() []error { return e.errs }

func codeErr(code int) error {
	if code == exitOK {
		return nil
	}
	return exitCode{code: code}
}

func newApp(stdin io.Reader, stdout, stderr io.Writer) *cli.App {
	commands := []*cli.Command{applyCommand(), checkCommand(), diffCommand(), showCommand(), printCommand(), lookupCommand(), profilesCommand(), lintsCommand(), consentCommand()}
	for _, c := range commands {
		c.OnUsageError = onUsageError
	}
	return &cli.App{
		Name:  "manifestpatch",
		Usage: "make an app registration manifest's requiredResourceAccess right, offline",
		Description: "manifestpatch applies a set of permissions (by default the built-in calendar-sync\n" +
			"profile) to Entra ID app registration manifests, changing no other byte. It works\n" +
			"offline on the files: legacy Azure AD Graph and Microsoft Graph manifests, az and\n" +
			"Graph output, request bodies and bare requiredResourceAccess arrays.\n\n" +
			"Exit codes: 0 nothing to do or all good, 1 changes needed or a check failed,\n" +
			"2 usage, I/O or parse error. Across files, the highest wins.",
		Version:              version() + "\n" + catalogVersion(),
		Commands:             commands,
		Reader:               stdin,
		Writer:               stdout,
		ErrWriter:            stderr,
		EnableBashCompletion: true,
		// A file name may hold a comma: repeatable flags repeat, and --allow
		// splits its own list.
		DisableSliceFlagSeparator: true,
		ExitErrHandler:            func(*cli.Context, error) {},
		OnUsageError:              onUsageError,
		Action: func(c *cli.Context) error {
			if c.Args().Len() > 0 {
				return usagef(nil, "unknown command %q; the commands are %s", c.Args().First(), commandNames(c.App))
			}
			cli.ShowAppHelp(c)
			return usagef(nil, "no command given")
		},
	}
}

func commandNames(app *cli.App) string {
	var names []string
	for _, c := range app.VisibleCommands() {
		names = append(names, c.Name)
	}
	return strings.Join(names, ", ")
}
