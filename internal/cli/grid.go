package cli

import (
	"cmp"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/goldenthread/goldenthread/internal/model"
	"github.com/goldenthread/goldenthread/internal/render/xlsx"
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

So that each panel member scores on their own, as evaluation requires,
--split writes one workbook per panel member (the Guide, the Questions and
their own sheet only) and a moderation workbook, into the folder -o names
(the current folder without it): PROFILE-NAME-moderation.xlsx and
PROFILE-NAME-<panel member>.xlsx. Send each their own; score merges the
returns into the moderation workbook (see goldenthread score --help).

Example:
  goldenthread grid examples/midshire-highways.toml -o panel.xlsx
  goldenthread grid examples/midshire-highways.toml --split -o panel/
  goldenthread grid examples/midshire-highways.toml --stage award`,
	flags: func(fs *flag.FlagSet, e *env) func([]string) error {
		var o writeOptions
		fs.StringVar(&o.out, "o", "", "write the workbook to this `file` (.xlsx), or - for standard output")
		fs.StringVar(&o.stage, "stage", "", "write one round: `selection` or award")
		fs.BoolVar(&o.split, "split", false, "write a moderation workbook and one workbook per panel member, into the folder -o names")
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

// writeSplit writes a split grid into the folder o.out: the moderation
// workbook, then one workbook per panel member, each named for them.
func (e *env) writeSplit(o writeOptions, pack *model.Pack, base string, summary func(*model.Pack) string) error {
	dir := cmp.Or(o.out, ".")
	if st, err := os.Stat(dir); err == nil && !st.IsDir() {
		return usagef("-o %s: --split writes several workbooks, so -o names a folder, and %s is a file", o.out, o.out)
	}
	files, err := writeSplitGrid(dir, profileName(o.profile)+strings.TrimSuffix(base, "-grid"), pack)
	for i, f := range files {
		if i == 0 {
			fmt.Fprintf(e.stdout, "wrote %s %s\n", f, summary(pack))
		} else {
			fmt.Fprintf(e.stdout, "wrote %s\n", f)
		}
	}
	return err
}

// writeSplitGrid writes, in dir, name-moderation.xlsx and a workbook for
// each panel member, name-<panel member>.xlsx, and returns the files it
// wrote.
func writeSplitGrid(dir, name string, pack *model.Pack) ([]string, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("%s: cannot make the folder: %w", dir, unwrapPath(err))
	}
	var files []string
	mod := filepath.Join(dir, name+"-moderation.xlsx")
	if err := writeAtomic(mod, func(w io.Writer) error { return xlsx.Grid(w, pack) }); err != nil {
		return files, err
	}
	files = append(files, mod)
	for i, safe := range panelFiles(pack.Scoring.Panel) {
		path := filepath.Join(dir, name+"-"+safe+".xlsx")
		if err := writeAtomic(path, func(w io.Writer) error { return xlsx.Return(w, pack, i) }); err != nil {
			return files, err
		}
		files = append(files, path)
	}
	return files, nil
}

// panelFiles names each panel member's workbook of a split grid: their
// name made safe for a file, numbered where two come out the same, never
// "moderation".
func panelFiles(panel []string) []string {
	used := map[string]bool{"moderation": true}
	out := make([]string, len(panel))
	for i, who := range panel {
		base := cmp.Or(safeName(who, 40), "panel-member")
		safe := base
		for k := 2; used[safe]; k++ {
			safe = base + "-" + strconv.Itoa(k)
		}
		used[safe] = true
		out[i] = safe
	}
	return out
}
