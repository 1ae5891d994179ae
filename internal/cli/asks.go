package cli

import (
	"bytes"
	"cmp"
	"flag"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/goldenthread/goldenthread/internal/assemble"
	"github.com/goldenthread/goldenthread/internal/diag"
	"github.com/goldenthread/goldenthread/internal/model"
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
		var o writeOptions
		fs.StringVar(&o.out, "o", "", "write the PDF to this `file` (.pdf), or - for standard output")
		return oneArg(&o.profile, usagef("asks needs one profile file"), func() error { return e.asks(o) })
	},
}

// writeOptions is what asks and grid are asked to do.
type writeOptions struct {
	profile string // the profile file
	out     string // the file to write; "" for PROFILE-NAME-asks.pdf (or -grid.xlsx) here, "-" for standard output
	stage   string // grid: the round to write, selection or award; "" for every question
	split   bool   // grid: a moderation workbook and one workbook per panel member, in the folder out
}

func (e *env) asks(o writeOptions) error {
	return e.writeOne(o, asksPDF, func(p *model.Pack) string { return fmt.Sprintf("(%s)", plural(len(p.Asks()), "ask")) })
}

// oneArg returns the run function of a command that takes one argument: it
// sets *arg to it and calls run, or returns the usage error wrong.
func oneArg(arg *string, wrong error, run func() error) func([]string) error {
	return func(args []string) error {
		if len(args) != 1 {
			return wrong
		}
		*arg = args[0]
		return run()
	}
}

// defaultName returns out, or the profile's name with suffix in the
// current folder.
func defaultName(out, profilePath, suffix string) string {
	return cmp.Or(out, profileName(profilePath)+suffix)
}

// profileName is a profile file's name without folder or extension.
func profileName(path string) string {
	base := filepath.Base(path)
	return strings.TrimSuffix(base, filepath.Ext(base))
}

// writeOne loads the library and one profile for out alone, prints the
// profile's warnings (the library's own are for lint), writes out to o.out
// (or PROFILE-NAME-out here, or standard output) and says what it wrote.
func (e *env) writeOne(o writeOptions, out output, summary func(*model.Pack) string) error {
	want := filepath.Ext(out.file)
	if o.split && o.out == "-" {
		return usagef("-o -: a split grid is several workbooks; give a folder with -o")
	}
	if ext := filepath.Ext(o.out); !o.split && o.out != "" && o.out != "-" && !strings.EqualFold(ext, want) {
		return usagef("-o %s: this command writes only %s files; give a name ending %s, or - for standard output", o.out, want, want)
	}
	lib, _, err := e.loadLibrary(false)
	if err != nil {
		return err
	}
	tmpl, err := loadTemplates()
	if err != nil {
		return err
	}
	pack, list, err := e.build(lib, tmpl, o.profile, []output{out})
	e.printProblems(list.Only(diag.Warning), true)
	if err != nil {
		return err
	}
	suffix := "-" + out.file
	if o.stage != "" {
		pack = assemble.Round(pack, model.Stage(o.stage))
		suffix = "-" + o.stage + suffix
	}
	if why := out.missing(pack); why != "" {
		return fmt.Errorf("%s: %s", o.profile, why)
	}
	if o.split {
		return e.writeSplit(o, pack, strings.TrimSuffix(suffix, filepath.Ext(suffix)), summary)
	}
	if o.out == "-" {
		// Rendered whole first, so a failed render writes nothing.
		var buf bytes.Buffer
		if err := out.render(&buf, pack); err != nil {
			return err
		}
		if _, err := e.stdout.Write(buf.Bytes()); err != nil {
			return err
		}
		fmt.Fprintf(e.stderr, "wrote standard output %s\n", summary(pack))
		return nil
	}
	path := defaultName(o.out, o.profile, suffix)
	if err := writeAtomic(path, func(w io.Writer) error { return out.render(w, pack) }); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "wrote %s %s\n", path, summary(pack))
	return nil
}
