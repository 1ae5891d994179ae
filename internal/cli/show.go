package cli

import (
	"flag"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/goldenthread/goldenthread/internal/diag"
	"github.com/goldenthread/goldenthread/internal/library"
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
	printClause(e.stdout, lib, c, o.width)
	return nil
}

func printClause(w io.Writer, lib *library.Library, c *library.Clause, width int) {
	p := &printer{w: w, width: width}
	p.line(c.Title)
	p.line(strings.Repeat("=", min(len([]rune(c.Title)), width)))
	theme := c.Theme
	if t := lib.Theme(c.Theme); t != nil {
		theme = t.Title + " (" + t.ID + ")"
	}
	p.field("id", c.ID)
	p.field("theme", theme)
	var st []string
	for _, s := range c.Stages {
		st = append(st, string(s))
	}
	p.field("stages", strings.Join(st, ", "))
	p.field("lever", c.Lever)
	p.field("status", c.Status)
	p.field("applies in", strings.Join(c.Jurisdictions, ", "))
	if len(c.Sectors) > 0 {
		p.field("sectors", strings.Join(c.Sectors, ", "))
	}
	if len(c.Tags) > 0 {
		p.field("tags", strings.Join(c.Tags, ", "))
	}
	if len(c.ToolkitPages) > 0 {
		p.field("toolkit pages", joinInts(c.ToolkitPages))
	}
	if c.ReviewBy != nil {
		p.field("review by", c.ReviewBy.Format(time.DateOnly))
	}
	p.field("from", c.Origin.Pos.String())
	p.section("What we ask", c.Ask)
	p.section("Requirement wording", c.Requirement)
	p.section("Why it matters", c.Rationale)
	p.section("Legal basis", c.LegalBasis)
	p.section("Caution", c.Caution)
	if len(c.Evidence) > 0 {
		p.heading("Evidence to request")
		for _, ev := range c.Evidence {
			p.wrap("  - ", "    ", ev)
		}
	}
	if q := c.Question; q != nil {
		p.heading("Evaluation question (" + q.Kind + ")")
		p.wrap("  ", "  ", q.Text)
		p.wrap("  Guidance: ", "  ", q.Guidance)
		var meta []string
		if q.Scale != "" {
			meta = append(meta, "scale "+q.Scale)
		}
		if q.Weight != nil {
			meta = append(meta, fmt.Sprintf("weight %g", *q.Weight))
		}
		if q.PassMark != nil {
			meta = append(meta, fmt.Sprintf("pass mark %g", *q.PassMark))
		}
		if len(meta) > 0 {
			p.line("  " + strings.Join(meta, "; "))
		}
	}
	if len(c.KPIs) > 0 {
		p.heading("KPIs")
		for _, k := range c.KPIs {
			p.wrap("  - ", "    ", fmt.Sprintf("%s — target %s (%s), %s", k.Name, k.Target, k.Unit, k.Frequency))
		}
	}
	if len(c.Sources) > 0 {
		p.heading("Sources")
		for i, s := range c.Sources {
			text := s.Title
			if s.URL != "" {
				text += " <" + s.URL + ">"
			}
			p.wrap(fmt.Sprintf("  [%d] ", i+1), "      ", text)
		}
	}
	for _, v := range c.Variants {
		p.heading("Variant for " + strings.Join(v.Jurisdictions, ", "))
		p.section("  Title", v.Title)
		p.section("  What we ask", v.Ask)
		p.section("  Requirement wording", v.Requirement)
		p.section("  Why it matters", v.Rationale)
		p.section("  Legal basis", v.LegalBasis)
		p.section("  Caution", v.Caution)
		if v.Question != nil {
			p.section("  Question ("+v.Question.Kind+")", v.Question.Text)
		}
		for _, s := range v.Sources {
			text := s.Title
			if s.URL != "" {
				text += " <" + s.URL + ">"
			}
			p.wrap("  + source: ", "    ", text)
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
	words := strings.Fields(text)
	line := first
	n := len([]rune(first))
	start := true
	for _, w := range words {
		wl := len([]rune(w))
		if !start && n+1+wl > p.width {
			fmt.Fprintln(p.w, line)
			line, n, start = indent, len([]rune(indent)), true
		}
		if !start {
			line += " "
			n++
		}
		line += w
		n += wl
		start = false
	}
	fmt.Fprintln(p.w, line)
}
