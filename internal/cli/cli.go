// Package cli implements goldenthread's subcommands: it parses arguments,
// wires the library, profile, assembly and renderers together, prints
// results and problems, and chooses the exit code.
package cli

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/goldenthread/goldenthread/clauses"
	"github.com/goldenthread/goldenthread/internal/diag"
	"github.com/goldenthread/goldenthread/internal/library"
	"github.com/goldenthread/goldenthread/templates"
)

// Version is the program version, set at build time with
// -ldflags "-X github.com/goldenthread/goldenthread/internal/cli.Version=…".
var Version = "0.3.0"

type exitCode int

const (
	exitOK    exitCode = 0
	exitInput exitCode = 1 // invalid input or failed output
	exitUsage exitCode = 2
)

// usageError is a mistake in the command line itself.
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }

func usagef(format string, args ...any) error { return &usageError{fmt.Sprintf(format, args...)} }

// errProblems says that problems were found and already printed.
var errProblems = errors.New("problems found")

// env is what a command may touch of the outside world.
type env struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	now            time.Time // from SOURCE_DATE_EPOCH, or the clock
	library        string    // --library overlay folder
	isTerminal     bool
}

type command struct {
	name    string
	args    string
	summary string
	help    string // longer help with an example
	flags   func(fs *flag.FlagSet, e *env) func(args []string) error
}

func commands() []*command {
	return []*command{
		listCmd, showCmd, lintCmd, initCmd, asksCmd, specCmd, gridCmd, packCmd, scoreCmd, monitorCmd, evidenceCmd, serveCmd,
	}
}

// Main runs goldenthread with args (without the program name) and returns
// the exit status.
func Main(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	e := &env{stdin: stdin, stdout: stdout, stderr: stderr}
	return int(run(e, args))
}

func run(e *env, args []string) exitCode {
	now, err := clock()
	if err != nil {
		fmt.Fprintf(e.stderr, "goldenthread: %v\n", err)
		return exitUsage
	}
	e.now = now
	e.isTerminal = isTerminal(e.stderr)

	// Global flags come before the subcommand; --library may also follow it.
	for len(args) > 0 && strings.HasPrefix(args[0], "-") {
		switch a := args[0]; {
		case a == "--version" || a == "-version":
			fmt.Fprintf(e.stdout, "goldenthread %s\n", Version)
			return exitOK
		case a == "--help" || a == "-help" || a == "-h":
			mainHelp(e.stdout)
			return exitOK
		case a == "--library" || a == "-library":
			if len(args) < 2 {
				fmt.Fprintln(e.stderr, "goldenthread: --library needs a folder")
				return exitUsage
			}
			e.library, args = args[1], args[2:]
			continue
		case strings.HasPrefix(a, "--library="):
			e.library, args = strings.TrimPrefix(a, "--library="), args[1:]
			continue
		default:
			fmt.Fprintf(e.stderr, "goldenthread: unknown option %s\n\n", a)
			mainHelp(e.stderr)
			return exitUsage
		}
	}
	if len(args) == 0 {
		mainHelp(e.stderr)
		return exitUsage
	}
	if args[0] == "help" {
		if len(args) > 1 {
			if c := findCommand(args[1]); c != nil {
				return runCommand(&env{stdout: e.stdout, stderr: e.stderr}, c, []string{"--help"})
			}
		}
		mainHelp(e.stdout)
		return exitOK
	}
	c := findCommand(args[0])
	if c == nil {
		var names []string
		for _, c := range commands() {
			names = append(names, c.name)
		}
		fmt.Fprintf(e.stderr, "goldenthread: unknown command %q%s\nRun 'goldenthread --help' for the list of commands.\n", args[0], diag.DidYouMean(args[0], names))
		return exitUsage
	}
	return runCommand(e, c, args[1:])
}

func findCommand(name string) *command {
	for _, c := range commands() {
		if c.name == name {
			return c
		}
	}
	return nil
}

func runCommand(e *env, c *command, args []string) exitCode {
	fs := flag.NewFlagSet(c.name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.StringVar(&e.library, "library", e.library, "overlay the clause library with the `folder` of your own TOML files")
	help := fs.Bool("help", false, "show this help")
	fs.BoolVar(help, "h", false, "show this help")
	do := c.flags(fs, e)
	flags, positional, err := splitArgs(fs, args)
	if err == nil {
		err = fs.Parse(flags)
	}
	if err != nil {
		fmt.Fprintf(e.stderr, "goldenthread %s: %v\n\n", c.name, err)
		commandHelp(e.stderr, c, fs)
		return exitUsage
	}
	if *help {
		commandHelp(e.stdout, c, fs)
		return exitOK
	}
	return e.report(c.name, do(positional))
}

// report prints err the one way every command's errors are printed, and
// returns the exit status it calls for.
func (e *env) report(name string, err error) exitCode {
	var ue *usageError
	var de *diag.Errors
	switch {
	case err == nil:
		return exitOK
	case errors.As(err, &ue):
		fmt.Fprintf(e.stderr, "goldenthread %s: %v\nRun 'goldenthread %s --help' for usage.\n", name, ue.msg, name)
		return exitUsage
	case errors.Is(err, errProblems):
		return exitInput
	case errors.As(err, &de):
		for _, p := range de.List {
			fmt.Fprintln(e.stderr, p)
		}
		return exitInput
	default:
		fmt.Fprintf(e.stderr, "goldenthread %s: %v\n", name, err)
		return exitInput
	}
}

// splitArgs separates flags from positional arguments so that flags may come
// after file names, as in "pack a.toml b.toml --out out". A "--" ends flags.
func splitArgs(fs *flag.FlagSet, args []string) (flags, positional []string, err error) {
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a == "--" {
			return flags, append(positional, args[i+1:]...), nil
		}
		if !strings.HasPrefix(a, "-") || a == "-" {
			positional = append(positional, a)
			continue
		}
		flags = append(flags, a)
		name := strings.TrimLeft(a, "-")
		if strings.Contains(name, "=") {
			continue
		}
		f := fs.Lookup(name)
		if f == nil {
			return nil, nil, fmt.Errorf("unknown option %s", a)
		}
		if bf, ok := f.Value.(interface{ IsBoolFlag() bool }); ok && bf.IsBoolFlag() {
			continue
		}
		if i+1 >= len(args) {
			return nil, nil, fmt.Errorf("option %s needs a value", a)
		}
		i++
		flags = append(flags, args[i])
	}
	return flags, positional, nil
}

func mainHelp(w io.Writer) {
	fmt.Fprint(w, `goldenthread weaves equality and fair-work requirements through every stage
of a UK public procurement: asks for consultation, specification wording,
evaluation grids and contract monitoring, from one clause library.

Usage:
  goldenthread [--library DIR] <command> [arguments]

Commands:
`)
	width := 0
	for _, c := range commands() {
		width = max(width, len(c.name))
	}
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-*s  %s\n", width, c.name, c.summary)
	}
	fmt.Fprint(w, `
Global options:
  --library DIR   lay the TOML files in DIR over the built-in clause library
  --version       print the version
  --help          print this help

Run 'goldenthread <command> --help' for a command's options and an example.
Exit status: 0 ok, 1 invalid input or failed output, 2 usage error.
`)
}

func commandHelp(w io.Writer, c *command, fs *flag.FlagSet) {
	fmt.Fprintf(w, "Usage: goldenthread %s %s\n\n%s\n", c.name, c.args, strings.TrimSpace(c.help))
	fmt.Fprintln(w, "\nOptions:")
	fs.VisitAll(func(f *flag.Flag) {
		if f.Name == "h" || f.Name == "help" {
			return
		}
		name, usage := flag.UnquoteUsage(f)
		arg := "--" + f.Name
		if len(f.Name) == 1 {
			arg = "-" + f.Name // short options are shown as the usage lines write them
		}
		if name != "" {
			arg += " " + name
		}
		def := ""
		if f.DefValue != "" && f.DefValue != "false" {
			def = fmt.Sprintf(" (default %s)", f.DefValue)
		}
		fmt.Fprintf(w, "  %-22s %s%s\n", arg, usage, def)
	})
}

// clock returns the time to use for "now": SOURCE_DATE_EPOCH when set, so
// runs can be reproduced, else the current time. "Now" dates documents that
// give no date and decides which review dates have passed.
func clock() (time.Time, error) {
	if s := os.Getenv("SOURCE_DATE_EPOCH"); s != "" {
		n, err := strconv.ParseInt(s, 10, 64)
		if err != nil || n < 0 || n > 253402300799 { // up to the end of year 9999
			return time.Time{}, fmt.Errorf("SOURCE_DATE_EPOCH=%q is not a number of seconds since 1 January 1970 (0 or more)", s)
		}
		return time.Unix(n, 0).UTC(), nil
	}
	return time.Now().UTC(), nil
}

func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

// builtin is the built-in library last loaded, and the "now" it was loaded for.
var builtin struct {
	sync.Mutex
	now  time.Time
	full bool // checked in full, for lint
	lib  *library.Library
	list diag.List
}

// builtinDir names the built-in library's folder in messages.
const builtinDir = "clauses"

// loadLibrary loads the built-in library and any overlay, printing warnings
// and notes; it returns errProblems-wrapped errors when the library is bad.
func (e *env) loadLibrary(show bool) (*library.Library, diag.List, error) {
	// Lint (show) checks the built-in library in full; the other commands
	// leave out what the build already checked (see library.Layer.Built).
	layers := []library.Layer{{Name: library.LayerLibrary, FS: clauses.FS, Dir: builtinDir, Built: !show}}
	var lib *library.Library
	var list diag.List
	if e.library == "" {
		// Loaded once for a given "now": a process that runs many commands
		// at one SOURCE_DATE_EPOCH (the tests) reads the library once.
		builtin.Lock()
		if builtin.lib == nil || !builtin.now.Equal(e.now) || builtin.full != show {
			builtin.now, builtin.full = e.now, show
			builtin.lib, builtin.list = library.Load(library.Layer{FS: templates.FS, Dir: "templates"}, layers, e.now)
		}
		lib, list = builtin.lib, slices.Clone(builtin.list)
		builtin.Unlock()
	} else {
		st, err := os.Stat(e.library)
		if err != nil || !st.IsDir() {
			return nil, nil, fmt.Errorf("--library %s: not a folder; give the folder that holds your clause .toml files", e.library)
		}
		layers[0].Built = false // an overlay changes what the built-in clauses print
		layers = append(layers, library.Layer{Name: library.LayerOverlay, FS: os.DirFS(e.library), Dir: e.library})
		lib, list = library.Load(library.Layer{FS: templates.FS, Dir: "templates"}, layers, e.now)
	}
	bad := list.Count(diag.Error) > 0 // with library.PrintedPart errors, lib is not nil
	if show || bad {
		e.printProblems(list, !show)
	}
	if bad {
		return nil, list, errProblems
	}
	return lib, list, nil
}

// printProblems prints problems to stderr; quiet leaves out notes.
func (e *env) printProblems(list diag.List, quiet bool) {
	for _, p := range list {
		if quiet && p.Severity == diag.Note {
			continue
		}
		fmt.Fprintln(e.stderr, p)
	}
}
