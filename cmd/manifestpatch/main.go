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
	"strings"

	"github.com/urfave/cli/v2"
)

func main() { os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr)) }

// Exit codes.
const (
	exitOK      = 0 // nothing to do, or all good
	exitChanges = 1 // changes needed, or a check failed
	exitError   = 2 // usage, I/O or parse error
)

// run runs the command line args and returns the exit code.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	code, _ := execute(args, stdin, stdout, stderr)
	return code
}

// execute runs the command line args and returns the exit code and the
// error behind it, whose chain holds the library's errors (errors.Is
// works on it).
func execute(args []string, stdin io.Reader, stdout, stderr io.Writer) (int, error) {
	app := newApp(stdin, stdout, stderr)
	err := app.Run(append([]string{app.Name}, args...))
	return exitFor(app, err, stderr), err
}

// exitFor writes err, unless it is written already, and returns its exit
// code.
func exitFor(app *cli.App, err error, stderr io.Writer) int {
	var ec cli.ExitCoder
	switch {
	case err == nil:
		return exitOK
	case errors.As(err, &ec):
		if msg := err.Error(); msg != "" {
			fmt.Fprintf(stderr, "%s: %s\n", app.Name, msg)
		}
		return ec.ExitCode()
	default:
		fmt.Fprintf(stderr, "%s: %v\n", app.Name, err)
		return exitError
	}
}

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
	if c != nil && c.Command != nil {
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

func version() string {
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" {
		return bi.Main.Version
	}
	return "(devel)"
}

func newApp(stdin io.Reader, stdout, stderr io.Writer) *cli.App {
	commands := []*cli.Command{applyCommand(), checkCommand(), showCommand(), printCommand(), lookupCommand(), profilesCommand(), lintsCommand(), consentCommand()}
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
		Version:              version(),
		Commands:             commands,
		Reader:               stdin,
		Writer:               stdout,
		ErrWriter:            stderr,
		EnableBashCompletion: true,
		HideHelpCommand:      true,
		ExitErrHandler:       func(*cli.Context, error) {},
		OnUsageError:         onUsageError,
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
