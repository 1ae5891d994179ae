package cli

import (
	"flag"
	"fmt"

	"github.com/goldenthread/goldenthread/internal/model"
)

var specCmd = &command{
	name:    "spec",
	args:    "PROFILE [-o FILE.docx|.html|.md]",
	summary: "write the specification wording for the procurement team",
	help: `Write the fair work and equality requirements of one profile for the
procurement officer: what to complete before use first, then every selected
requirement once, grouped by how it is used (pre-procurement commitments,
exclusion grounds and self-cleaning evidence, selection questions,
specification requirements, award criteria with their scale, weight and pass
mark, contract performance conditions with their measures), in the terms of
the profile's procurement regime. Questions carry the references the
evaluation grid uses (SQ-3, AW-7). Legal bases and cautions are drafting notes,
marked as not contract text.

The file's extension chooses the format: .docx for Word (the default,
PROFILE-NAME-specification.docx), .html for a web page, .md for Markdown.
With -o - it goes to standard output as DOCX, or in the format --format names.

Example:
  goldenthread spec examples/midshire-highways.toml -o midshire-specification.docx`,
	flags: func(fs *flag.FlagSet, e *env) func([]string) error {
		var o writeOptions
		fs.StringVar(&o.out, "o", "", "write to this `file` (.docx, .html or .md), or - for standard output")
		fs.StringVar(&o.format, "format", "", "the `format` to write: docx, html or md (default: from the file name, else docx)")
		return oneArg(&o.profile, usagef("spec needs one profile file"), func() error { return e.spec(o) })
	},
}

func (e *env) spec(o writeOptions) error {
	out, err := pick("spec", specFormats, o)
	if err != nil {
		return err
	}
	return e.writeOne(o, out, func(p *model.Pack) string {
		return fmt.Sprintf("(%s, %s)", plural(len(p.Asks()), "requirement"), plural(len(p.Questions), "question"))
	})
}
