package cli

import (
	"flag"
	"fmt"

	"github.com/goldenthread/goldenthread/internal/diag"
)

var lintCmd = &command{
	name:    "lint",
	args:    "[--library DIR] [--strict] [PROFILE ...]",
	summary: "check the clause library (and profiles) for mistakes",
	help: `Check the built-in clause library, any --library overlay and the given
profiles. Every problem is printed as file:line:column: message, all of them
in one run. Warnings (such as a review_by date that has passed) do not fail
the run unless --strict is given.

Examples:
  goldenthread lint
  goldenthread lint --library branch-clauses examples/*.toml`,
	flags: func(fs *flag.FlagSet, e *env) func([]string) error {
		strict := fs.Bool("strict", false, "treat warnings as errors")
		return func(args []string) error {
			lib, list, err := e.loadLibrary(true)
			if err != nil {
				fmt.Fprintf(e.stderr, "%d errors\n", list.Count(diag.Error))
				return err
			}
			all := list
			for _, path := range args {
				pl := e.lintProfile(lib, path)
				e.printProblems(pl, false)
				all = append(all, pl...)
			}
			errs, warns := all.Count(diag.Error), all.Count(diag.Warning)
			fmt.Fprintf(e.stdout, "%d clauses in %d themes", len(lib.Clauses), len(lib.Themes))
			if len(args) > 0 {
				fmt.Fprintf(e.stdout, ", %d profiles", len(args))
			}
			fmt.Fprintf(e.stdout, ": %d errors, %d warnings\n", errs, warns)
			if errs > 0 || (*strict && warns > 0) {
				return errProblems
			}
			return nil
		}
	},
}
