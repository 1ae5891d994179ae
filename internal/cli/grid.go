package cli

import (
	"flag"
	"fmt"

	"github.com/goldenthread/goldenthread/internal/model"
)

var gridCmd = &command{
	name:    "grid",
	args:    "PROFILE [--stage selection|award] [-o FILE.xlsx]",
	summary: "write the evaluation grid workbook for a panel",
	help: `Write the evaluation grid for one profile: a guide, the questions, one
sheet per panel member with a column block per bidder, moderation and a
weighted summary. The profile needs a [scoring] table (panel, bidders, scale)
and weights of scored questions that add up to 100. The default output is
PROFILE-NAME-grid.xlsx.

Selection and award are often separate rounds, the second with the bidders
shortlisted at the first: --stage selection or --stage award writes the grid
of one round, its questions only (scored questions weighted among
themselves), with the round's bidders from [scoring] selection_bidders or
award_bidders where the profile gives them. Its default name is
PROFILE-NAME-selection-grid.xlsx or PROFILE-NAME-award-grid.xlsx.

Example:
  goldenthread grid examples/midshire-highways.toml -o panel.xlsx
  goldenthread grid examples/midshire-highways.toml --stage award`,
	flags: func(fs *flag.FlagSet, e *env) func([]string) error {
		var o writeOptions
		fs.StringVar(&o.out, "o", "", "write the workbook to this `file` (.xlsx), or - for standard output")
		fs.StringVar(&o.stage, "stage", "", "write one round: `selection` or award")
		return oneArg(&o.profile, usagef("grid needs one profile file"), func() error { return e.grid(o) })
	},
}

func (e *env) grid(o writeOptions) error {
	if o.stage != "" && o.stage != string(model.Selection) && o.stage != string(model.Award) {
		return usagef("--stage %s: a round is selection or award", o.stage)
	}
	return e.writeOne(o, gridXLSX, func(p *model.Pack) string {
		return fmt.Sprintf("(%s, %s, %s)", plural(len(p.Questions), "question"), plural(len(p.Scoring.Panel), "panel member"), plural(len(p.Scoring.Bidders), "bidder"))
	})
}
