package pdf

import (
	"cmp"
	"errors"
	"io"
	"math"
	"slices"
	"strings"
	"time"
)

// Report is a plain document for commands that report rather than ask, such
// as a scoring moderation report.
type Report struct {
	Title    string
	Subtitle string
	Date     time.Time // printed under the title and stamped in the metadata; the Unix epoch there if zero
	Author   string
	Sections []ReportSection
	// PageNumber is the footer's page number, in the report's language:
	// "Page %s of %s", filled with this page's number and the number of
	// pages.
	PageNumber string
}

// ReportSection is a headed part of a Report: paragraphs, then a table if
// there is one.
type ReportSection struct {
	Heading    string
	Sub        bool     // a part of the section before it, under a smaller heading
	Paragraphs []string // each may hold several paragraphs separated by blank lines
	Table      *Table
}

// Table is a table of text. Widths gives each column's relative width; when
// it is empty, holds a zero or does not match the number of columns, the
// columns are sized by their contents. Either way a column is widened, if
// the others can spare it, so that no word in it has to be broken.
type Table struct {
	Header []string
	Rows   [][]string
	Widths []int
}

// RenderReport writes r to w as a PDF with the same fonts and page
// furniture as the asks document.
func RenderReport(w io.Writer, r *Report) error { return render(w, layoutReport, r) }

// layoutReport lays a report out, ready to write.
func layoutReport(r *Report, _ map[string]int) (*doc, error) {
	if r == nil {
		return nil, errors.New("pdf: no report to render")
	}
	byline := strings.TrimSpace(r.Author)
	if date := longDate(r.Date); date != "" {
		byline = strings.TrimPrefix(byline+" · "+date, " · ")
	}
	d, err := newDoc(meta{
		title:       r.Title,
		author:      r.Author,
		subject:     r.Subtitle,
		creator:     "goldenthread",
		date:        r.Date,
		headerLeft:  r.Title,
		headerRight: byline,
		footerLeft:  cmp.Or(r.Subtitle, r.Title),
		pageNumber:  r.PageNumber,
	})
	if err != nil {
		return nil, err
	}
	fs := d.fonts
	headed := false
	for _, p := range []*para{
		{text: r.Title, st: stTitle, bottom: 2, lead: true},
		{text: r.Subtitle, st: stSub, bottom: 2, lead: true},
		{text: byline, st: stSmall, bottom: 1, lead: true},
	} {
		if p.text = fs.clean(p.text); p.text != "" {
			headed = true
			d.puts(p.parts(d))
		}
	}
	if headed {
		d.put(d.rulePart(6, 0, &accent, 0.6))
	}

	for _, s := range r.Sections {
		var ps []part
		for _, p := range s.Paragraphs {
			for _, t := range fs.paragraphs(p) {
				ps = append(ps, (&para{text: t, st: stBody, bottom: 2.8}).parts(d)...)
			}
		}
		if t := reportTable(d, s.Table); t != nil {
			ps = append(append(ps, t.parts(d)...), part{h: 3})
		}
		h := fs.clean(s.Heading)
		if h == "" && len(ps) == 0 {
			continue
		}
		st, gap := stSub, 5.0
		if s.Sub {
			st, gap = stHeading, 3
		}
		d.gap(gap)
		if h != "" {
			d.puts((&para{text: h, st: st, bottom: 3, lead: true}).parts(d))
		}
		d.puts(ps)
	}
	return d, nil
}

// reportTable converts a Table to the layout's table, sharing the text
// width out by the relative widths.
func reportTable(d *doc, t *Table) *table {
	if t == nil {
		return nil
	}
	fs := d.fonts
	cols := len(t.Header)
	for _, r := range t.Rows {
		cols = max(cols, len(r))
	}
	if cols == 0 {
		return nil
	}
	rel := make([]int, cols)
	if len(t.Widths) == cols && slices.Min(t.Widths) > 0 {
		copy(rel, t.Widths)
	} else {
		// No usable widths given: size columns by their contents, so short
		// codes stay narrow and prose gets the room.
		natural := func(s string, st style) int {
			w := fs.width(fs.clean(s), st)
			return int(10 * min(max(w, 12), 90))
		}
		for i := range rel {
			if i < len(t.Header) {
				rel[i] = natural(t.Header[i], stCellHead)
			}
			for _, r := range t.Rows {
				if i < len(r) {
					rel[i] = max(rel[i], natural(r[i], stCell))
				}
			}
		}
	}
	total := 0
	for _, v := range rel {
		total += v
	}
	widths := make([]int, cols)
	used := 0
	for i, v := range rel {
		widths[i] = int(int64(v) * grid / int64(total))
		used += widths[i]
	}
	widths[cols-1] += grid - used
	if slices.Min(widths) < 40 {
		// Columns too narrow to read: share the width equally instead.
		for i := range widths {
			widths[i] = grid / cols
		}
		widths[cols-1] += grid - grid/cols*cols
	}
	// Every row, the header too, gets a cell in each column.
	cells := func(r []string) []string {
		out := make([]string, cols)
		for i, c := range r {
			out[i] = fs.clean(c)
		}
		return out
	}
	out := &table{widths: widths}
	if len(t.Header) > 0 {
		out.header = cells(t.Header)
	}
	for _, r := range t.Rows {
		out.rows = append(out.rows, tableRow{cells: cells(r)})
	}
	if len(out.rows) == 0 && out.header == nil {
		return nil
	}
	widenForWords(d, out)
	return out
}

// widenForWords gives each column of t room for its longest word, taking
// the width from columns that can spare it, so that a heading such as
// "Consensus" is not broken in the middle. Words longer than a quarter of
// the page (URLs, say) are left to break.
func widenForWords(d *doc, t *table) {
	n := len(t.widths)
	need := make([]int, n)
	measure := func(i int, s string, st style) {
		for _, w := range strings.Split(s, " ") {
			mmW := d.fonts.width(w, st) + cellPad.left + cellPad.right
			need[i] = max(need[i], int(math.Ceil(mmW/d.width*grid)))
		}
	}
	for i := range n {
		if t.header != nil {
			measure(i, t.header[i], stCellHead)
		}
		for _, r := range t.rows {
			measure(i, r.cells[i], t.colStyle(i, r))
		}
		need[i] = min(need[i], grid/4)
	}
	deficit, spare := 0, 0
	for i, w := range t.widths {
		deficit += max(0, need[i]-w)
		spare += max(0, w-need[i])
	}
	if deficit == 0 || deficit > spare {
		return
	}
	// The others give up room in proportion to their spare, never below
	// their need; the column with most to spare takes the rounding.
	widest, most, taken := -1, 0, 0
	for i, w := range t.widths {
		s := w - need[i]
		if s <= 0 {
			t.widths[i] = need[i]
			continue
		}
		if s > most {
			widest, most = i, s
		}
		cut := deficit * s / spare
		t.widths[i] -= cut
		taken += cut
	}
	t.widths[widest] -= deficit - taken
}

func longDate(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format("2 January 2006")
}
