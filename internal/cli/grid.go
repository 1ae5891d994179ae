package cli

import (
	"flag"
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
		fs.StringVar(&o.out, "o", "", "write the workbook to this `file` (.xlsx), or - for standard output")
		return oneArg(&o.profile, usagef("grid needs one profile file"), func() error { return e.grid(o) })
	},
}

// gridOptions is what the grid command is asked to do.
type gridOptions struct {
	profile string // the profile file
	out     string // the workbook to write; "" for PROFILE-NAME-grid.xlsx here
}

func (e *env) grid(o gridOptions) error {
	pack, path, err := e.writeOne(o.profile, o.out, gridXLSX)
	if err != nil {
		return err
	}
	e.wrote(path, "(%s, %s, %s)", plural(len(pack.Questions), "question"), plural(len(pack.Scoring.Panel), "panel member"), plural(len(pack.Scoring.Bidders), "bidder"))
	return nil
}
