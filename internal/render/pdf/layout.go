package pdf

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/johnfercher/maroto/v2/pkg/consts/align"
	"github.com/johnfercher/maroto/v2/pkg/core"
	"github.com/johnfercher/maroto/v2/pkg/props"
)

// colW is the width in millimetres of so many grid units.
func (d *doc) colW(units int) float64 { return d.width * float64(units) / grid }

// runs splits n lines into the runs that become rows: all of them if n is
// at most whole, else runs of two, the last of three when n is odd. So a
// page break leaves at least two lines of a paragraph on each side, and at
// most a few lines' space at the foot of a page.
func runs(n, whole int) [][2]int {
	if n <= max(whole, 3) {
		return [][2]int{{0, n}}
	}
	var rs [][2]int
	for i := 0; i < n; {
		j := i + 2
		if n-j == 1 {
			j = n
		}
		rs = append(rs, [2]int{i, j})
		i = j
	}
	return rs
}

// rulePart is a rule across the page from x, in a band of height h; it
// leads, so it stays with what follows it.
func (d *doc) rulePart(h, x float64, c *props.Color, thickness float64) part {
	return part{h: h, lead: true, draw: func(y float64) []core.Component {
		return []core.Component{rect{x: x, y: y + (h-thickness)/2, w: d.width - x, h: thickness, colour: c}}
	}}
}

// box shades a paragraph, with a coloured bar down its left edge.
type box struct {
	fill, bar *props.Color
}

const (
	barUnits = 10  // width of a box's left bar, in grid units (about 1.7 mm)
	boxPadX  = 3.0 // mm between a box's edges and its text
	boxPadY  = 2.4
	boxWhole = 6 // lines up to which a boxed paragraph stays on one page: wording meant to be copied reads badly split
)

// para is one paragraph of text, optionally in a box and with a bullet or
// reference number beside its first line.
type para struct {
	text    string // one cleaned paragraph
	st      style
	indent  int    // grid units left blank before the text or box
	prefix  string // bullet or number, drawn beside the first line
	prefixW int    // grid units
	box     *box
	top     float64 // space above the text (inside the box, if any)
	bottom  float64 // space below the text: paragraph spacing
	link    string  // URL the text links to
	lead    bool    // a heading or label: kept with the start of what follows

	prefixSt *style // the prefix's style, if not st
	to       string // anchor the paragraph links to
	marks    []mark // anchors at its first line
	// aside is a short text set flush right on the first line, linking to
	// the anchor asideTo; the paragraph wraps clear of it. If asidePage is
	// set, aside is a format for the page asideTo is on, filled in when
	// the document is drawn.
	aside, asideTo string
	asidePage      bool
}

// parts returns the paragraph as rows of a few lines each.
func (p *para) parts(d *doc) []part {
	boxX := d.colW(p.indent)
	prefixX, pad := boxX, 0.0 // pad: the box's space on either side of the text
	if p.box != nil {
		prefixX += d.colW(barUnits)
		pad = boxPadX
	}
	textX := prefixX + d.colW(p.prefixW)
	left, right := textX, pad
	if p.prefix == "" {
		left += pad
	}
	asideW, aside := 0.0, func() string { return p.aside }
	if p.asidePage {
		aside = func() string { return fmt.Sprintf(p.aside, d.nav.page(p.asideTo)) }
		asideW = d.fonts.width(fmt.Sprintf(p.aside, 888), p.st) + 0.5
	} else if p.aside != "" {
		asideW = d.fonts.width(p.aside, p.st) + 0.5
	}
	if asideW > 0 {
		right += asideW + 3
	}
	prefixSt := p.st
	if p.prefixSt != nil {
		prefixSt = *p.prefixSt
	}
	lines := d.fonts.wrap(p.text, p.st, d.lineWidth(left, right))
	whole := 3
	switch {
	case p.lead:
		whole = 8
	case p.box != nil:
		whole = boxWhole
	}
	var ps []part
	for _, r := range runs(len(lines), whole) {
		first, last := r[0] == 0, r[1] == len(lines)
		top, bottom := 0.0, p.st.lead // runs continue each other seamlessly
		if first {
			top = p.top
		}
		if last {
			bottom = p.bottom
		}
		h := p.st.height(r[1]-r[0], top, bottom)
		s := strings.Join(lines[r[0]:r[1]], " ")
		var marks []mark
		if first {
			marks = p.marks
		}
		ps = append(ps, part{h: h, lead: p.lead && last, marks: marks, draw: func(y float64) []core.Component {
			var cs []core.Component
			if p.box != nil {
				cs = append(cs,
					rect{x: boxX, y: y, w: d.width - boxX, h: h, colour: p.box.fill},
					rect{x: boxX, y: y, w: d.colW(barUnits), h: h, colour: p.box.bar})
			}
			if first && p.prefix != "" {
				cs = append(cs, d.text(p.prefix, prefixSt, y+top, prefixX+pad, d.width-textX, align.Left, ""))
			}
			cs = append(cs, d.text(s, p.st, y+top, left, right, align.Left, p.link))
			if p.to != "" {
				cs = append(cs, linkArea{n: d.nav, to: p.to, x: prefixX, y: y + top, w: d.width - prefixX - pad, h: h - top - bottom})
			}
			if first && p.aside != "" {
				lineH := p.st.size / ptPerMM
				cs = append(cs, &later{make: func() core.Component { return d.text(aside(), p.st, y+top, 0, pad, align.Right, "") }},
					linkArea{n: d.nav, to: p.asideTo, x: d.width - pad - asideW, y: y + top, w: asideW, h: lineH})
			}
			return cs
		}})
	}
	return ps
}

// table is a grid of short texts with an optional header row, repeated on
// every page the table spans, and group rows kept with the row after them.
// A row is kept whole on one page unless it is taller than rowWhole lines,
// when it is split into rows as a paragraph is.
type table struct {
	indent int      // grid units left blank before the table
	widths []int    // grid units per column
	header []string // nil for none
	rows   []tableRow
	styles []style // per column, for ordinary rows; stCell if nil
}

type tableRow struct {
	cells []string
	group bool // one full-width cell: a heading within the table
	// to is the anchor the row links to; pageOf an anchor whose page
	// number fills the last cell when the document is drawn; mark an
	// anchor at the row.
	to, pageOf, mark string
	// fills shade the row's cells, by cell; nil for none.
	fills []*props.Color
}

const rowWhole = 12

var cellPad = struct{ top, bottom, left, right float64 }{1.5, 1.5, 1.6, 1.6}

func (t *table) colStyle(i int, r tableRow) style {
	switch {
	case r.group:
		return stCellB
	case t.styles != nil && i < len(t.styles):
		return t.styles[i]
	}
	return stCell
}

// parts returns the header, then each row, as parts. Each part of a row
// carries the header, for put to repeat when the part starts a page.
func (t *table) parts(d *doc) []part {
	xs := []float64{d.colW(t.indent)}
	for _, w := range t.widths {
		xs = append(xs, xs[len(xs)-1]+d.colW(w))
	}
	var head, out []part
	if t.header != nil {
		head = t.rowParts(d, xs, tableRow{cells: t.header}, true)
		for i := range head {
			head[i].lead = true
		}
		out = append(out, head...)
	}
	var next []part
	for i := len(t.rows) - 1; i >= 0; i-- {
		ps := t.rowParts(d, xs, t.rows[i], false)
		for k := range ps {
			ps[k].head, ps[k].need = head, ps[k].h
			ps[k].lead = t.rows[i].group && k == len(ps)-1
		}
		if t.rows[i].group && len(next) > 0 {
			ps[len(ps)-1].need += next[0].h
		}
		next = append(ps, next...)
	}
	return append(out, next...)
}

// rowParts lays out one row, split into pieces if it is too tall.
func (t *table) rowParts(d *doc, xs []float64, r tableRow, header bool) []part {
	var fill *props.Color
	bounds := xs
	switch {
	case header:
		fill = &accent
	case r.group:
		fill = &tint
		bounds = []float64{xs[0], xs[len(xs)-1]}
	}
	n := len(bounds) - 1
	sts := make([]style, n)
	tallest := 0.0
	for i := range sts {
		sts[i] = t.colStyle(i, r)
		if header {
			sts[i] = stCellHead
		}
		tallest = max(tallest, sts[i].size/ptPerMM)
	}
	lines := make([][]string, n)
	most := 0
	for i := range n {
		if i < len(r.cells) {
			l, rt := bounds[i]+cellPad.left, d.width-bounds[i+1]+cellPad.right
			lines[i] = d.fonts.wrap(r.cells[i], sts[i], d.lineWidth(l, rt))
			most = max(most, len(lines[i]))
		}
	}
	var ps []part
	for _, run := range runs(max(most, 1), rowWhole) {
		first, last := run[0] == 0, run[1] >= most
		h := 0.0
		tops := make([]float64, n)
		for i, st := range sts {
			// Smaller type is lowered to share the first baseline.
			tops[i] = tallest - st.size/ptPerMM
			if first {
				tops[i] += cellPad.top
			}
			bottom := st.lead
			if last {
				bottom = cellPad.bottom
			}
			if k := min(run[1], len(lines[i])) - run[0]; k > 0 {
				h = max(h, st.height(k, tops[i], bottom))
			}
		}
		if h == 0 {
			h = cellPad.top + tallest + cellPad.bottom
		}
		var marks []mark
		if first && r.mark != "" {
			marks = []mark{{name: r.mark}}
		}
		ps = append(ps, part{h: h, marks: marks, draw: func(y float64) []core.Component {
			var cs []core.Component
			if fill != nil {
				cs = append(cs, rect{x: bounds[0], y: y, w: bounds[n] - bounds[0], h: h, colour: fill})
			}
			for i, f := range r.fills {
				if f != nil && i < n {
					cs = append(cs, rect{x: bounds[i], y: y, w: bounds[i+1] - bounds[i], h: h, colour: f})
				}
			}
			for i, st := range sts {
				if hi := min(run[1], len(lines[i])); hi > run[0] {
					s := strings.Join(lines[i][run[0]:hi], " ")
					cs = append(cs, d.text(s, st, y+tops[i], bounds[i]+cellPad.left, d.width-bounds[i+1]+cellPad.right, align.Left, ""))
				}
			}
			if r.pageOf != "" && first {
				l, rt := bounds[n-1]+cellPad.left, d.width-bounds[n]+cellPad.right
				st, top, to := sts[n-1], y+tops[n-1], r.pageOf
				cs = append(cs, &later{make: func() core.Component {
					pg := ""
					if k := d.nav.page(to); k > 0 {
						pg = strconv.Itoa(k)
					}
					return d.text(pg, st, top, l, rt, align.Right, "")
				}})
			}
			if r.to != "" {
				cs = append(cs, linkArea{n: d.nav, to: r.to, x: bounds[0], y: y, w: bounds[n] - bounds[0], h: h})
			}
			if !header && !r.group && last { // a hairline under each ordinary row
				cs = append(cs, rect{x: bounds[0], y: y + h - 0.2, w: bounds[n] - bounds[0], h: 0.2, colour: &ruleColour})
			}
			return cs
		}})
	}
	return ps
}
