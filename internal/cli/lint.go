package cli

import (
	"flag"
	"fmt"
	"slices"
	"strings"

	"github.com/goldenthread/goldenthread/internal/diag"
)

var lintCmd = &command{
	name:    "lint",
	args:    "[--library DIR] [--strict] [PROFILE ...]",
	summary: "check the clause library (and profiles) for mistakes",
	help: `Check the built-in clause library, any --library overlay and the given
profiles. Every problem is printed as file:line:column: message, all of them
in one run. Warnings (such as a review_by date that has passed) do not fail
the run unless --strict is given. Given profiles, the built-in library's
review dates are checked for each profile: a stale figure it uses and does
not set under [placeholders], or a stale clause it selects.

Examples:
  goldenthread lint
  goldenthread lint --library branch-clauses examples/*.toml`,
	flags: func(fs *flag.FlagSet, e *env) func([]string) error {
		var o lintOptions
		fs.BoolVar(&o.strict, "strict", false, "treat warnings as errors")
		return func(args []string) error {
			o.profiles = args
			return e.lint(o)
		}
	},
}

// lintOptions is what the lint command is asked to check.
type lintOptions struct {
	profiles []string // profile files to check besides the library
	strict   bool     // fail on warnings too
}

func (e *env) lint(o lintOptions) error {
	lib, list, err := e.loadLibrary(len(o.profiles) == 0)
	if err != nil {
		if n := list.Count(diag.Error); n > 0 {
			fmt.Fprintln(e.stderr, plural(n, "error"))
		}
		return err
	}
	if len(o.profiles) > 0 {
		// With profiles, the built-in library's review dates are
		// checked by each profile against what it uses and sets
		// itself; an overlay's problems are the branch's own.
		list = slices.DeleteFunc(list, func(p diag.Problem) bool {
			return p.Severity == diag.Warning && strings.HasPrefix(p.Pos.File, builtinDir+"/")
		})
		e.printProblems(list, true)
	}
	all := list
	for _, path := range o.profiles {
		pl := e.lintProfile(lib, path)
		e.printProblems(pl, false)
		all = append(all, pl...)
	}
	errs, warns := all.Count(diag.Error), all.Count(diag.Warning)
	fmt.Fprintf(e.stdout, "%s in %s", plural(len(lib.Clauses), "clause"), plural(len(lib.Themes), "theme"))
	if len(o.profiles) > 0 {
		fmt.Fprintf(e.stdout, ", %s", plural(len(o.profiles), "profile"))
	}
	fmt.Fprintf(e.stdout, ": %s, %s\n", plural(errs, "error"), plural(warns, "warning"))
	if errs > 0 {
		return errProblems
	}
	if o.strict && warns > 0 {
		fmt.Fprintf(e.stderr, "--strict: %s treated as errors\n", plural(warns, "warning"))
		return errProblems
	}
	return nil
}
