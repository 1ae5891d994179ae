package cli

import (
	"bytes"
	"cmp"
	"flag"
	"fmt"
	"io"
	"path/filepath"
	"strings"

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
		var o asksOptions
		fs.StringVar(&o.out, "o", "", "write the PDF to this `file` (.pdf), or - for standard output")
		return oneArg(&o.profile, usagef("asks needs one profile file"), func() error { return e.asks(o) })
	},
}

// asksOptions is what the asks command is asked to do.
type asksOptions struct {
	profile string // the profile file
	out     string // the PDF to write; "" for PROFILE-NAME-asks.pdf here
}

func (e *env) asks(o asksOptions) error {
	pack, path, err := e.writeOne(o.profile, o.out, asksPDF)
	if err != nil {
		return err
	}
	e.wrote(path, "(%s)", plural(len(pack.Asks()), "ask"))
	return nil
}

// wrote says that path was written: on standard output, or on standard
// error when the document itself went to standard output.
func (e *env) wrote(path, format string, args ...any) {
	if path == "-" {
		fmt.Fprintf(e.stderr, "wrote standard output "+format+"\n", args...)
		return
	}
	fmt.Fprintf(e.stdout, "wrote %s "+format+"\n", append([]any{path}, args...)...)
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

// writeOne loads the library and one profile for out alone, printing the
// profile's warnings (among them the stale figures and clauses it relies
// on; the library's own warnings are for lint), and writes out to file, or
// to PROFILE-NAME-out here. It returns the pack and the path written.
func (e *env) writeOne(profilePath, file string, out output) (*model.Pack, string, error) {
	want := filepath.Ext(out.file)
	if ext := filepath.Ext(file); file != "" && file != "-" && !strings.EqualFold(ext, want) {
		return nil, "", usagef("-o %s: this command writes only %s files; give a name ending %s, or - for standard output", file, want, want)
	}
	lib, _, err := e.loadLibrary(false)
	if err != nil {
		return nil, "", err
	}
	tmpl, err := loadTemplates()
	if err != nil {
		return nil, "", err
	}
	pack, list, err := e.build(lib, tmpl, profilePath, []output{out})
	e.printProblems(list.Only(diag.Warning), true)
	if err != nil {
		return nil, "", err
	}
	if why := out.missing(pack); why != "" {
		return nil, "", fmt.Errorf("%s: %s", profilePath, why)
	}
	if file == "-" {
		// Rendered whole first, so a failed render writes nothing.
		var buf bytes.Buffer
		if err := out.render(&buf, pack); err != nil {
			return nil, "", err
		}
		_, err := e.stdout.Write(buf.Bytes())
		return pack, file, err
	}
	path := defaultName(file, profilePath, "-"+out.file)
	if err := writeAtomic(path, func(w io.Writer) error { return out.render(w, pack) }); err != nil {
		return nil, "", err
	}
	return pack, path, nil
}
