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
	args:    "PROFILE [-o FILE.pdf|.docx|.html|.md]",
	summary: "write the asks paper for a pre-procurement consultation",
	help: `Write the asks paper for one profile. Part 1 is the paper a branch hands
over: the procurement, our priority asks, every ask at a glance, what we ask of
the consultation and whom to contact. Part 2 sets out each ask in full: the
requirement wording, why it matters, evidence to request, measures, legal basis
and cautions. Part 3 lists the sources.

The file's extension chooses the format: .pdf (the default, PROFILE-NAME-asks.pdf),
.docx for Word, .html for a web page, .md for Markdown. With -o - the paper goes
to standard output as PDF, or in the format --format names.

Examples:
  goldenthread asks examples/midshire-highways.toml -o midshire-asks.pdf
  goldenthread asks examples/midshire-highways.toml -o midshire-asks.docx`,
	flags: func(fs *flag.FlagSet, e *env) func([]string) error {
		var o writeOptions
		fs.StringVar(&o.out, "o", "", "write to this `file` (.pdf, .docx, .html or .md), or - for standard output")
		fs.StringVar(&o.format, "format", "", "the `format` to write: pdf, docx, html or md (default: from the file name, else pdf)")
		return oneArg(&o.profile, usagef("asks needs one profile file"), func() error { return e.asks(o) })
	},
}

// writeOptions is what asks and grid are asked to do.
type writeOptions struct {
	profile string // the profile file
	out     string // the file to write; "" for PROFILE-NAME-asks.pdf (or -grid.xlsx) here, "-" for standard output
	stage   string // grid: the round to write, selection or award; "" for every question
	split   bool   // grid: a moderation workbook and one workbook per panel member, in the folder out
	format  string // asks, spec: the format to write ("docx"), or "" for the one out's extension names
}

func (e *env) asks(o writeOptions) error {
	out, err := pick("asks", asksFormats, o)
	if err != nil {
		return err
	}
	return e.writeOne(o, out, func(p *model.Pack) string { return fmt.Sprintf("(%s)", plural(len(p.Asks()), "ask")) })
}

// pick chooses among a command's outputs the one its --format names, else
// the one its -o file's extension names, else the first.
func pick(cmd string, outs []output, o writeOptions) (output, error) {
	ext := ""
	if o.out != "" && o.out != "-" {
		ext = filepath.Ext(o.out)
	}
	if f := strings.ToLower(strings.TrimPrefix(o.format, ".")); f != "" {
		if f == "markdown" {
			f = "md"
		}
		out, ok := byExt(outs, "."+f)
		if !ok {
			return output{}, usagef("--format %s: %s writes %s", o.format, cmd, strings.ReplaceAll(exts(outs), ".", ""))
		}
		if ext != "" && !strings.EqualFold(ext, "."+f) {
			return output{}, usagef("-o %s does not end in .%s, the format --format names: give a name ending .%s", o.out, f, f)
		}
		return out, nil
	}
	if ext == "" {
		return outs[0], nil
	}
	out, ok := byExt(outs, ext)
	if !ok {
		return output{}, usagef("-o %s: %s writes only %s files; give a name ending in one of those, or - for standard output", o.out, cmd, exts(outs))
	}
	return out, nil
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
