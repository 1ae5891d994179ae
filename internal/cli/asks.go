package cli

import (
	"flag"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/goldenthread/goldenthread/internal/diag"
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
		var o asksOptions
		fs.StringVar(&o.out, "o", "", "write the PDF to this `file`")
		return func(args []string) error {
			if len(args) != 1 {
				return usagef("asks needs one profile file")
			}
			o.profile = args[0]
			return e.asks(o)
		}
	},
}

// asksOptions is what the asks command is asked to do.
type asksOptions struct {
	profile string // the profile file
	out     string // the PDF to write; "" for PROFILE-NAME-asks.pdf here
}

func (e *env) asks(o asksOptions) error {
	b, err := e.buildOne(o.profile, asksPDF)
	if err != nil {
		return err
	}
	path := defaultName(o.out, o.profile, "-asks.pdf")
	if err := writeAtomic(path, func(w io.Writer) error { return asksPDF.render(w, b.pack) }); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "wrote %s (%s)\n", path, plural(len(b.pack.Asks()), "ask"))
	return nil
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

// buildOne loads the library and one profile for the outputs given,
// printing the profile's warnings (among them the stale figures and clauses
// it relies on; the library's own warnings are for lint).
func (e *env) buildOne(path string, outs ...output) (*built, error) {
	lib, _, err := e.loadLibrary(false)
	if err != nil {
		return nil, err
	}
	tmpl, err := loadTemplates()
	if err != nil {
		return nil, err
	}
	b, list, err := e.build(lib, tmpl, path, outs)
	e.printProblems(list.Only(diag.Warning), true)
	return b, err
}
