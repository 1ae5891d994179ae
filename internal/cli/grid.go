package cli

import (
	"flag"
	"fmt"
	"io"
)

var gridCmd = &command{
	name:    "grid",
	args:    "PROFILE [-o FILE.xlsx]",
	summary: "write the evaluation grid workbook for a panel",
	help: `Write the evaluation grid for one profile: a guide, the questions, one
sheet per panel member with a column block per bidder, moderation and a
weighted summary. The profile needs a [scoring] table (panel, bidders, scale)
and weights of scored questions that add up to 100. The default output is
PROFILE-NAME-grid.xlsx.

Example:
  goldenthread grid examples/midshire-highways.toml -o panel.xlsx`,
	flags: func(fs *flag.FlagSet, e *env) func([]string) error {
		var o gridOptions
		fs.StringVar(&o.out, "o", "", "write the workbook to this `file`")
		return func(args []string) error {
			if len(args) != 1 {
				return usagef("grid needs one profile file")
			}
			o.profile = args[0]
			return e.grid(o)
		}
	},
}

// gridOptions is what the grid command is asked to do.
type gridOptions struct {
	profile string // the profile file
	out     string // the workbook to write; "" for PROFILE-NAME-grid.xlsx here
}

func (e *env) grid(o gridOptions) error {
	b, err := e.buildOne(o.profile, gridXLSX)
	if err != nil {
		return err
	}
	if why := gridXLSX.missing(b.pack); why != "" {
		return fmt.Errorf("%s: %s", o.profile, why)
	}
	path := defaultName(o.out, o.profile, "-grid.xlsx")
	if err := writeAtomic(path, func(w io.Writer) error { return gridXLSX.render(w, b.pack) }); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "wrote %s (%s, %s, %s)\n", path, plural(len(b.pack.Questions), "question"), plural(len(b.pack.Scoring.Panel), "panel member"), plural(len(b.pack.Scoring.Bidders), "bidder"))
	return nil
}
