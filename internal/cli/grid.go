package cli

import (
	"flag"
	"fmt"

	"github.com/goldenthread/goldenthread/internal/model"
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
		var o writeOptions
		fs.StringVar(&o.out, "o", "", "write the workbook to this `file` (.xlsx), or - for standard output")
		return oneArg(&o.profile, usagef("grid needs one profile file"), func() error { return e.grid(o) })
	},
}

func (e *env) grid(o writeOptions) error {
	return e.writeOne(o, gridXLSX, func(p *model.Pack) string {
		return fmt.Sprintf("(%s, %s, %s)", plural(len(p.Questions), "question"), plural(len(p.Scoring.Panel), "panel member"), plural(len(p.Scoring.Bidders), "bidder"))
	})
}
