package cli

import (
	"flag"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/goldenthread/goldenthread/internal/diag"
	"github.com/goldenthread/goldenthread/internal/profile"

	"github.com/goldenthread/goldenthread/internal/render/pdf"
	"github.com/goldenthread/goldenthread/internal/render/xlsx"
)

var asksCmd = &command{
	name:    "asks",
	args:    "PROFILE [-o FILE.pdf]",
	summary: "write the PDF of asks for a pre-procurement consultation",
	help: `Write the asks PDF for one profile: a cover, an introduction, a summary
table of every ask by stage, then each ask with the requirement wording, why it
matters, evidence to request, measures, legal basis and cautions, and an
appendix of sources. The default output is PROFILE-NAME-asks.pdf.

Example:
  goldenthread asks examples/midshire-highways.toml -o midshire-asks.pdf`,
	flags: func(fs *flag.FlagSet, e *env) func([]string) error {
		out := fs.String("o", "", "write the PDF to this `file`")
		return func(args []string) error {
			if len(args) != 1 {
				return usagef("asks needs one profile file")
			}
			b, err := e.buildOne(args[0], profile.ForAsks)
			if err != nil {
				return err
			}
			path := defaultName(*out, args[0], "-asks.pdf")
			if err := writeAtomic(path, func(w io.Writer) error { return pdf.Render(w, b.pack) }); err != nil {
				return err
			}
			fmt.Fprintf(e.stdout, "wrote %s (%s)\n", path, plural(len(b.pack.Asks()), "ask"))
			return nil
		}
	},
}

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
		out := fs.String("o", "", "write the workbook to this `file`")
		return func(args []string) error {
			if len(args) != 1 {
				return usagef("grid needs one profile file")
			}
			b, err := e.buildOne(args[0], profile.ForAll)
			if err != nil {
				return err
			}
			if b.prof.Scoring == nil {
				return fmt.Errorf("%s: has no [scoring] table: add one with panel and bidders to make a grid", args[0])
			}
			if len(b.pack.Questions) == 0 {
				return fmt.Errorf("%s: no selected clause has an evaluation question: select clauses used at selection or award", args[0])
			}
			path := defaultName(*out, args[0], "-grid.xlsx")
			if err := writeAtomic(path, func(w io.Writer) error { return xlsx.Grid(w, b.pack) }); err != nil {
				return err
			}
			fmt.Fprintf(e.stdout, "wrote %s (%s, %s, %s)\n", path, plural(len(b.pack.Questions), "question"), plural(len(b.pack.Scoring.Panel), "panel member"), plural(len(b.pack.Scoring.Bidders), "bidder"))
			return nil
		}
	},
}

// defaultName returns out, or the profile's name with suffix in the
// current folder.
func defaultName(out, profilePath, suffix string) string {
	if out != "" {
		return out
	}
	base := filepath.Base(profilePath)
	return strings.TrimSuffix(base, filepath.Ext(base)) + suffix
}

// buildOne loads the library and one profile for use, printing the
// profile's warnings (among them the stale figures and clauses it relies
// on; the library's own warnings are for lint).
func (e *env) buildOne(path string, use profile.Use) (*built, error) {
	lib, _, err := e.loadLibrary(false)
	if err != nil {
		return nil, err
	}
	tmpl, err := loadTemplates()
	if err != nil {
		return nil, err
	}
	b, list, err := e.build(lib, tmpl, path, use)
	e.printProblems(list.Only(diag.Warning), true)
	return b, err
}
