package cli

import (
	"flag"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/goldenthread/goldenthread/internal/diag"
	"github.com/goldenthread/goldenthread/internal/library"
	"github.com/goldenthread/goldenthread/internal/model"
)

var showCmd = &command{
	name:    "show",
	args:    "ID",
	summary: "show everything about one clause",
	help: `Print one clause in full: the ask, the requirement wording, why it matters,
legal cautions, evidence, the evaluation question, KPIs, sources and variants.

Example:
  goldenthread show living-wage.all-contract-workers`,
	flags: func(fs *flag.FlagSet, e *env) func([]string) error {
		o := showOptions{}
		fs.IntVar(&o.width, "width", 80, "wrap text at this many `columns`")
		return func(args []string) error {
			if len(args) != 1 || args[0] == "" {
				return usagef("show needs exactly one clause id")
			}
			o.id = args[0]
			return e.show(o)
		}
	},
}

// showOptions is what the show command is asked to show.
type showOptions struct {
	id    string // the clause
	width int    // columns to wrap at
}

func (e *env) show(o showOptions) error {
	if o.width < 40 {
		return usagef("--width %d is too narrow: use 40 columns or more", o.width)
	}
	lib, _, err := e.loadLibrary(false)
	if err != nil {
		return err
	}
	c := lib.Clause(o.id)
	if c == nil {
		return fmt.Errorf("no clause %q%s; 'goldenthread list' shows every id", o.id, diag.DidYouMean(o.id, lib.IDs()))
	}
	tmpl, err := loadTemplates()
	if err != nil {
		return err
	}
	printClause(e.stdout, tmpl.Words, lib, c, o.width)
	return nil
}

func printClause(w io.Writer, words model.Words, lib *library.Library, c *library.Clause, width int) {
	p := &printer{w: w, width: width}
	l := func(key string) string { return words.Get("show." + key) }
	p.line(c.Title)
	p.line(strings.Repeat("=", min(len([]rune(c.Title)), width)))
	theme := c.Theme
	if t := lib.Theme(c.Theme); t != nil {
		theme = t.Title + " (" + t.ID + ")"
	}
	p.field(l("id"), c.ID)
	p.field(l("theme"), theme)
	var st []string
	for _, s := range c.Stages {
		st = append(st, string(s))
	}
	p.field(l("stages"), strings.Join(st, ", "))
	p.field(l("lever"), c.Lever)
	p.field(l("status"), c.Status)
	p.field(l("applies_in"), strings.Join(c.Jurisdictions, ", "))
	if len(c.Sectors) > 0 {
		p.field(l("sectors"), strings.Join(c.Sectors, ", "))
	}
	if len(c.Tags) > 0 {
		p.field(l("tags"), strings.Join(c.Tags, ", "))
	}
	if len(c.ToolkitPages) > 0 {
		p.field(l("toolkit_pages"), joinInts(c.ToolkitPages))
	}
	if c.ReviewBy != nil {
		p.field(l("review_by"), c.ReviewBy.Format(time.DateOnly))
	}
	p.field(l("from"), c.Origin.Pos.String())
	p.section(l("ask"), c.Ask)
	p.section(l("requirement"), c.Requirement)
	p.section(l("rationale"), c.Rationale)
	p.section(l("legal_basis"), c.LegalBasis)
	p.section(l("caution"), c.Caution)
	if len(c.Evidence) > 0 {
		p.heading(l("evidence"))
		for _, ev := range c.Evidence {
			p.wrap("  - ", "    ", ev)
		}
	}
	if q := c.Question; q != nil {
		p.heading(fmt.Sprintf(l("question"), q.Kind))
		p.wrap("  ", "  ", q.Text)
		p.wrap("  "+l("guidance"), "  ", q.Guidance)
		var meta []string
		if q.Scale != "" {
			meta = append(meta, fmt.Sprintf(l("scale"), q.Scale))
		}
		if q.Weight != nil {
			meta = append(meta, fmt.Sprintf(l("weight"), strconv.FormatFloat(*q.Weight, 'g', -1, 64)))
		}
		if q.PassMark != nil {
			meta = append(meta, fmt.Sprintf(l("pass_mark"), strconv.FormatFloat(*q.PassMark, 'g', -1, 64)))
		}
		if len(meta) > 0 {
			p.line("  " + strings.Join(meta, "; "))
		}
	}
	if len(c.KPIs) > 0 {
		p.heading(l("kpis"))
		for _, k := range c.KPIs {
			p.wrap("  - ", "    ", fmt.Sprintf(l("kpi"), k.Name, k.Target, k.Unit, k.Frequency))
		}
	}
	if len(c.Sources) > 0 {
		p.heading(l("sources"))
		for i, s := range c.Sources {
			text := s.Title
			if s.URL != "" {
				text += " <" + s.URL + ">"
			}
			p.wrap(fmt.Sprintf("  [%d] ", i+1), "      ", text)
		}
	}
	for _, v := range c.Variants {
		p.heading(fmt.Sprintf(l("variant"), strings.Join(v.Jurisdictions, ", ")))
		p.section("  "+l("title"), v.Title)
		p.section("  "+l("ask"), v.Ask)
		p.section("  "+l("requirement"), v.Requirement)
		p.section("  "+l("rationale"), v.Rationale)
		p.section("  "+l("legal_basis"), v.LegalBasis)
		p.section("  "+l("caution"), v.Caution)
		if v.Question != nil {
			p.section("  "+fmt.Sprintf(l("variant_question"), v.Question.Kind), v.Question.Text)
		}
		for _, s := range v.Sources {
			text := s.Title
			if s.URL != "" {
				text += " <" + s.URL + ">"
			}
			p.wrap("  "+l("variant_source"), "    ", text)
		}
	}
}

func joinInts(ns []int) string {
	var s []string
	for _, n := range ns {
		s = append(s, fmt.Sprint(n))
	}
	return strings.Join(s, ", ")
}

type printer struct {
	w     io.Writer
	width int
}

func (p *printer) line(s string) { fmt.Fprintln(p.w, s) }

func (p *printer) field(name, value string) {
	p.wrap(fmt.Sprintf("%-16s", name+":"), strings.Repeat(" ", 16), value)
}

func (p *printer) heading(h string) {
	fmt.Fprintln(p.w)
	fmt.Fprintln(p.w, h)
}

func (p *printer) section(h, text string) {
	if strings.TrimSpace(text) == "" {
		return
	}
	p.heading(h)
	for i, para := range library.SplitParagraphs(text) {
		if i > 0 {
			fmt.Fprintln(p.w)
		}
		p.wrap("  ", "  ", para)
	}
}

// wrap prints text word-wrapped to the printer's width, first on the first
// line and indent on the rest.
func (p *printer) wrap(first, indent, text string) {
	line, sep := first, "" // sep is "" until the line holds a word
	for _, w := range strings.Fields(text) {
		if sep != "" && utf8.RuneCountInString(line+sep+w) > p.width {
			fmt.Fprintln(p.w, line)
			line, sep = indent, ""
		}
		line += sep + w
		sep = " "
	}
	fmt.Fprintln(p.w, line)
}
