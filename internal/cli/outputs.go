package cli

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/goldenthread/goldenthread/internal/model"
	"github.com/goldenthread/goldenthread/internal/render/doc"
	"github.com/goldenthread/goldenthread/internal/render/docx"
	"github.com/goldenthread/goldenthread/internal/render/html"
	"github.com/goldenthread/goldenthread/internal/render/markdown"
	"github.com/goldenthread/goldenthread/internal/render/pdf"
	"github.com/goldenthread/goldenthread/internal/render/xlsx"
)

// output is one kind of document a profile can produce. The CLI, not the
// profile, decides what each output needs: a profile whose [scoring] has
// problems can still print its asks.
type output struct {
	file   string // name within the profile's output folder
	render func(io.Writer, *model.Pack) error
	// scoring says the output needs the profile's [scoring] table put right.
	scoring bool
	// missing says why the pack cannot give this output, or "".
	missing func(*model.Pack) string
}

var (
	asksPDF  = output{file: "asks.pdf", render: pdf.Render, missing: never}
	gridXLSX = output{file: "grid.xlsx", render: xlsx.Grid, scoring: true, missing: func(p *model.Pack) string {
		switch {
		case len(p.Scoring.Panel) == 0:
			return "has no [scoring] table: add one with panel and bidders to make a grid"
		case len(p.Questions) == 0 && p.Scoring.Round != "":
			return fmt.Sprintf("no selected clause has an evaluation question at %s: select clauses used at that stage", p.Scoring.Round)
		case len(p.Questions) == 0:
			return "no selected clause has an evaluation question: select clauses used at selection or award"
		}
		return ""
	}}
)

// monitoringXLSX is the contract-monitoring workbook, for a profile with
// a [contract] table.
var monitoringXLSX = output{file: "monitoring.xlsx", render: xlsx.Monitoring, missing: func(p *model.Pack) string {
	if p.Contract.Start.IsZero() {
		return "has no [contract] table: add one with start and term_months to make a monitoring workbook"
	}
	return ""
}}

// never is the missing of an output every pack can give.
func never(*model.Pack) string { return "" }

// writers are the editable formats, by file extension.
var writers = []struct {
	ext   string
	write func(io.Writer, *doc.Document) error
}{{".docx", docx.Write}, {".html", html.Write}, {".md", markdown.Write}}

// editable returns the outputs of a document in each editable format,
// named kind.docx, kind.html and kind.md.
func editable(kind string, build func(*model.Pack) *doc.Document) []output {
	var out []output
	for _, w := range writers {
		out = append(out, output{file: kind + w.ext, missing: never, render: func(wr io.Writer, p *model.Pack) error {
			return w.write(wr, build(p))
		}})
	}
	return out
}

var (
	// asksFormats are the asks paper's outputs: the PDF and the editable
	// formats.
	asksFormats = append([]output{asksPDF}, editable("asks", doc.Asks)...)
	// specFormats are the specification's outputs, DOCX first.
	specFormats = editable("specification", doc.Spec)
)

// byExt returns the output among outs whose file ends in ext (any case),
// or false.
func byExt(outs []output, ext string) (output, bool) {
	for _, o := range outs {
		if strings.EqualFold(filepath.Ext(o.file), ext) {
			return o, true
		}
	}
	return output{}, false
}

// exts lists the file extensions of outs: ".pdf, .docx, .html or .md".
func exts(outs []output) string {
	var es []string
	for _, o := range outs {
		es = append(es, filepath.Ext(o.file))
	}
	if len(es) < 2 {
		return strings.Join(es, "")
	}
	return strings.Join(es[:len(es)-1], ", ") + " or " + es[len(es)-1]
}

// outputs lists every output pack writes, in order: the asks PDF, the
// specification in every editable format, the grid and the monitoring
// workbook.
func outputs() []output {
	return append(append([]output{asksPDF}, specFormats...), gridXLSX, monitoringXLSX)
}

// writeAtomic writes a file through render and renames it into place, so a
// reader never sees a half-written file and a failed render leaves nothing.
// The output is rendered into memory first: documents are small, and a
// renderer that fails part-way must not leave even a temporary file behind.
func writeAtomic(path string, render func(io.Writer) error) error {
	return writeFile(path, true, render)
}

// createNew is writeAtomic for a file that must not exist yet, such as a
// user's new profile: it fails rather than overwrite one, even one that
// appeared since the caller looked.
func createNew(path string, data []byte) error {
	return writeFile(path, false, func(w io.Writer) error { _, err := w.Write(data); return err })
}

// writeFile is writeAtomic, or with replace unset createNew: a file already
// at path is then never overwritten.
func writeFile(path string, replace bool, render func(io.Writer) error) error {
	var buf bytes.Buffer
	if err := render(&buf); err != nil {
		return err
	}
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("cannot create folder for %s: %w", path, err)
	}
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return fmt.Errorf("cannot write %s: %w", path, unwrapPath(err))
	}
	defer os.Remove(tmp.Name()) // gone once renamed or linked; cleaned up otherwise
	_, werr := tmp.Write(buf.Bytes())
	if err := errors.Join(werr, tmp.Close(), os.Chmod(tmp.Name(), 0o644)); err != nil {
		return fmt.Errorf("cannot write %s: %w", path, err)
	}
	if replace {
		err = os.Rename(tmp.Name(), path)
	} else {
		// Link fails if path exists, unlike Rename, so nothing is overwritten.
		err = os.Link(tmp.Name(), path)
		if errors.Is(err, os.ErrExist) {
			return fmt.Errorf("%s already exists: init never overwrites a file; choose another name", path)
		}
	}
	if err != nil {
		return fmt.Errorf("cannot write %s: %w", path, unwrapPath(err))
	}
	return nil
}

// plural writes n and the noun, adding "s" unless n is 1: "1 error",
// "3 warnings".
func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
