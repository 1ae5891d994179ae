package cli

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/goldenthread/goldenthread/internal/evidence"
	"github.com/goldenthread/goldenthread/internal/model"
	"github.com/goldenthread/goldenthread/internal/monitor"
	"github.com/goldenthread/goldenthread/internal/render/doc"
	"github.com/goldenthread/goldenthread/internal/render/pdf"
)

var monitorCmd = &command{
	name:    "monitor",
	args:    "PROFILE [-o FILE.xlsx]",
	summary: "write the contract-monitoring workbook for a let contract",
	help: `Write the workbook a branch keeps while the contract runs, from the
profile's [contract] table (start, term_months) and what its [[outcome]]s
record the asks won:
  Briefing          what the contract requires on equality and employment, in
                    plain English, what to ask the employer to brief you on,
                    and whom to contact;
  KPIs              one row per KPI of the asks won for each reporting period
                    of the term (UK financial year; part periods at either end
                    marked), with the reported value, a rating from the
                    drop-down and a note to fill in;
  KPI events        dated rows for the KPIs reported as events happen;
  Workers' reports  a log of what workers report, with no personal data;
  Summary, Chart    ratings by period and reports by ask, worked out by the
                    workbook's own formulas, and a chart of the ratings.
Ratings are those of a contract performance notice under the Procurement Act
2023 (Procurement Regulations 2024 reg 39(5); for Welsh contracts the
Procurement (Wales) Regulations 2024 reg 40(5)); contracts under the Public
Contracts Regulations 2015 and Scottish contracts, where no law sets a scale,
get goldenthread's own, said to be so. Where no outcome is recorded, every
selected ask is monitored and the workbook says so. Only the cells to fill in
are unlocked. 'goldenthread evidence' reads the completed workbook back. The
default output is PROFILE-NAME-monitoring.xlsx.

Example:
  goldenthread monitor examples/strathmore-catering.toml -o strathmore-monitoring.xlsx`,
	flags: func(fs *flag.FlagSet, e *env) func([]string) error {
		var o writeOptions
		fs.StringVar(&o.out, "o", "", "write the workbook to this `file` (.xlsx), or - for standard output")
		return oneArg(&o.profile, usagef("monitor needs one profile file"), func() error { return e.monitor(o) })
	},
}

func (e *env) monitor(o writeOptions) error {
	return e.writeOne(o, monitoringXLSX, func(p *model.Pack) string {
		return fmt.Sprintf("(%s over %s)", plural(monitored(p), "ask"), plural(p.Contract.Months, "month"))
	})
}

// monitored counts the asks the workbook monitors: those won, or all when
// no outcome is recorded.
func monitored(p *model.Pack) int {
	n := 0
	for _, a := range p.Asks() {
		if !p.Outcomes || a.Outcome.Won() || a.Outcome == nil {
			n++
		}
	}
	return n
}

var evidenceCmd = &command{
	name:    "evidence",
	args:    "MONITORING.xlsx [-o FILE.pdf|.docx|.html|.md]",
	summary: "write the re-tender evidence report from a completed monitoring workbook",
	help: `Read a contract-monitoring workbook that goldenthread made and the branch
has filled in, and write the re-tender evidence report: what was asked and
what was won; each KPI's readings over time with their ratings (in the PDF, a
table of periods shaded by rating); the workers' reports counted by ask, theme
and status, with the unresolved ones listed; and for each ask with problems
the wording to ask for when the contract is let again.

The workbook is checked before it is read: one whose record or layout was
changed (a formula, a header, a locked cell) is refused, naming each cell.
Entries the report cannot use (a rating not on the list, a date outside the
term, a formula typed into a cell) are listed as Sheet!Cell with what to put
right: the report is still written, marked incomplete, and the exit status
is 1. Without -o the report is written beside the workbook as
path/to/WORKBOOK-evidence.pdf; the extension chooses the format.

Examples:
  goldenthread evidence strathmore-monitoring.xlsx
  goldenthread evidence strathmore-monitoring.xlsx -o evidence.docx`,
	flags: func(fs *flag.FlagSet, e *env) func([]string) error {
		var o writeOptions
		fs.StringVar(&o.out, "o", "", "write the report to this `file` (.pdf, .docx, .html or .md)")
		return oneArg(&o.profile, usagef("evidence needs one monitoring workbook"), func() error { return e.evidence(o) })
	},
}

// evidenceFormats are the evidence report's formats, PDF first.
var evidenceFormats = append([]string{".pdf"}, ".docx", ".html", ".md")

func (e *env) evidence(o writeOptions) error {
	path := o.profile
	out := o.out
	if out == "" {
		out = filepath.Join(filepath.Dir(path), profileName(path)+"-evidence.pdf")
	}
	ext := strings.ToLower(filepath.Ext(out))
	write := e.evidenceWriter(ext)
	if write == nil {
		return usagef("-o %s: evidence writes only .pdf, .docx, .html or .md files", out)
	}
	if sameFile(out, path) {
		return usagef("the report %s would replace the workbook %s: give the report another name with -o", out, path)
	}
	res, err := readMonitoring(path)
	if err != nil {
		return err
	}
	tmpl, err := loadTemplates()
	if err != nil {
		return err
	}
	for _, p := range res.Problems {
		fmt.Fprintf(e.stderr, "%s: %s\n", path, p)
	}
	d := evidence.Build(res, tmpl.Words, e.now)
	if err := writeAtomic(out, func(w io.Writer) error { return write(w, d, tmpl.Words) }); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "wrote %s (%s, %s)\n", out, plural(len(res.KPIs), "KPI"), plural(len(res.Reports), "workers' report"))
	if len(res.Problems) > 0 {
		fmt.Fprintf(e.stderr, "%s: %s: the report is marked incomplete until they are put right\n", path, plural(len(res.Problems), "problem"))
		return errProblems
	}
	return nil
}

// evidenceWriter returns the writer of the report in the format ext names.
func (e *env) evidenceWriter(ext string) func(io.Writer, *doc.Document, model.Words) error {
	if ext == ".pdf" {
		return func(w io.Writer, d *doc.Document, words model.Words) error {
			return pdf.RenderDocument(w, d, words.Get("asks.page"))
		}
	}
	for _, wr := range writers {
		if wr.ext == ext {
			return func(w io.Writer, d *doc.Document, _ model.Words) error { return wr.write(w, d) }
		}
	}
	return nil
}

// readMonitoring reads a completed monitoring workbook, naming the file in
// any error; a changed layout lists every cell.
func readMonitoring(path string) (*monitor.Result, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("%s: cannot read: %w", path, unwrapPath(err))
	}
	res, err := monitor.Read(bytes.NewReader(b), int64(len(b)))
	var le *monitor.LayoutError
	if errors.As(err, &le) {
		var msg strings.Builder
		fmt.Fprintf(&msg, "%s: %v", path, monitor.ErrLayout)
		for _, p := range le.Problems {
			fmt.Fprintf(&msg, "\n%s: %s", path, p)
		}
		return nil, errors.New(msg.String())
	}
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return res, nil
}
