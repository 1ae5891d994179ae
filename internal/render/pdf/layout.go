package pdf

import (
	"strings"

	"github.com/johnfercher/maroto/v2/pkg/components/col"
	"github.com/johnfercher/maroto/v2/pkg/components/text"
	"github.com/johnfercher/maroto/v2/pkg/consts/align"
	"github.com/johnfercher/maroto/v2/pkg/consts/border"
	"github.com/johnfercher/maroto/v2/pkg/core"
	"github.com/johnfercher/maroto/v2/pkg/props"
)

// element is something laid out in the flow of a page: a paragraph, a
// table, a rule.
type element interface {
	// minHeight is the height of the least of the element that may stand
	// at the foot of a page: the first two lines of a paragraph, or all of
	// it if it has three lines or fewer (flow never leaves one line alone
	// on either side of a page break); a table's header and first row; the
	// whole of an element that leads.
	minHeight(d *doc) float64
	emit(d *doc)
	// leads reports whether the element introduces the one after it, as a
	// heading or a label does, and so may not end a page.
	leads() bool
}

// emitAll emits els in order, keeping each run of elements that lead on
// one page with the start of the element after the run: a page never ends
// with a heading, a label or a table header.
func emitAll(d *doc, els []element) {
	for i := 0; i < len(els); {
		j := i
		for j+1 < len(els) && els[j].leads() {
			j++
		}
		d.keepWith(els[i : j+1]...)
		i = j + 1
	}
}

// keepWith emits els, first moving to a new page unless the start of each
// fits on this one: so a heading is never left at the foot of a page
// without the start of what it introduces. Each height is rounded as add
// will round the row, so the sum is the height the rows will take.
func (d *doc) keepWith(els ...element) {
	need := 0.0
	for _, e := range els {
		need += d.quantise(e.minHeight(d))
	}
	d.keep(need)
	for _, e := range els {
		e.emit(d)
	}
}

// box shades a paragraph, with a coloured bar down its left edge.
type box struct {
	fill, bar *props.Color
}

const (
	barUnits = 10  // width of a box's left bar, in grid units (about 1.7 mm)
	boxPadX  = 3.0 // mm between a box's edges and its text
	boxPadY  = 2.4
)

// para is one paragraph of text, optionally in a box and with a bullet or
// reference number beside its first line.
type para struct {
	text    string // one cleaned paragraph
	st      style
	align   align.Type
	indent  int    // grid units left blank before the text or box
	prefix  string // bullet or number, drawn beside the first line
	prefixW int    // grid units
	box     *box
	top     float64 // space above the text (inside the box, if any)
	bottom  float64 // space below the text: paragraph spacing
	link    string  // URL the text links to
	lead    bool    // a heading or label: kept whole, with the start of what follows

	lines []string // wrapped, cached by layout
}

func (p *para) textUnits() int {
	u := grid - p.indent - p.prefixW
	if p.box != nil {
		u -= barUnits
	}
	return u
}

func (p *para) padX() (left, right float64) {
	if p.box == nil {
		return 0, 0
	}
	if p.prefix != "" {
		return 0, boxPadX
	}
	return boxPadX, boxPadX
}

func (p *para) layout(d *doc) []string {
	if p.lines == nil && p.text != "" {
		left, right := p.padX()
		w := d.colWidth(p.textUnits()) - left - right
		f := d.fonts.faces[p.st.font]
		p.lines = f.wrap(f.breakLong(p.text, p.st.size, w), p.st.size, w)
	}
	return p.lines
}

// pads gives the top and bottom padding of a piece of the paragraph: a
// piece continued from or onto another page sits flush with the page edge,
// except in a box, which keeps its padding so the box reads as closed.
func (p *para) pads(first, last bool) (top, bottom float64) {
	cont := 0.0
	if p.box != nil {
		cont = boxPadY
	}
	top, bottom = cont, cont
	if first {
		top = p.top
	}
	if last {
		bottom = p.bottom
	}
	return top, bottom
}

func (p *para) pieceHeight(n int, first, last bool) float64 {
	top, bottom := p.pads(first, last)
	return p.st.height(n, top, bottom)
}

func (p *para) minHeight(d *doc) float64 {
	n := len(p.layout(d))
	if n == 0 {
		return 0
	}
	// flow leaves at least two lines on each side of a page break, so text
	// of three lines or fewer is never split.
	k := n
	if n > 3 && !p.lead && (p.box == nil || n > boxWhole) {
		k = 2
	}
	return p.pieceHeight(k, true, k == n)
}

func (p *para) leads() bool { return p.lead }

// boxWhole is the number of lines up to which a boxed paragraph is kept
// on one page: wording meant to be copied reads badly split in two.
const boxWhole = 6

func (p *para) emit(d *doc) {
	lines := p.layout(d)
	if p.box != nil && len(lines) <= boxWhole && !d.fits(p.pieceHeight(len(lines), true, true)) {
		d.newPage()
	}
	d.flow(len(lines), p.pieceHeight, func(i, j int) []core.Col {
		return p.cols(d, lines[i:j], i == 0, j == len(lines))
	})
}

func (p *para) cols(d *doc, lines []string, first, last bool) []core.Col {
	top, bottom := p.pads(first, last)
	left, right := p.padX()
	var fill *props.Cell
	if p.box != nil {
		fill = &props.Cell{BackgroundColor: p.box.fill}
	}
	var cols []core.Col
	if p.indent > 0 {
		cols = append(cols, col.New(p.indent))
	}
	if p.box != nil {
		cols = append(cols, col.New(barUnits).WithStyle(&props.Cell{BackgroundColor: p.box.bar}))
	}
	if p.prefixW > 0 {
		c := col.New(p.prefixW)
		if first && p.prefix != "" {
			pl := 0.0
			if p.box != nil {
				pl = boxPadX
			}
			c.Add(text.New(p.prefix, d.textProps(p.st, pad{top: top, left: pl}, align.Left, "")))
		}
		cols = append(cols, c.WithStyle(fill))
	}
	t := text.New(strings.Join(lines, " "), d.textProps(p.st, pad{top, bottom, left, right}, p.align, p.link))
	return append(cols, col.New(p.textUnits()).Add(t).WithStyle(fill))
}

// flow adds n lines of text as rows, splitting them where a page ends.
// height(k, first, last) is the height of a piece of k lines; mk(i, j)
// builds the row for lines i to j. A piece left at the foot of a page has
// at least two lines, and so has one carried to the next (no orphans, no
// widows), unless the text is too long for that.
func (d *doc) flow(n int, height func(k int, first, last bool) float64, mk func(i, j int) []core.Col) {
	for i := 0; i < n; {
		first, rest := i == 0, n-i
		if h := height(rest, first, true); d.fits(h) {
			d.add(h, mk(i, n)...)
			return
		}
		k := 0
		for k+1 < rest && d.fits(height(k+1, first, false)) {
			k++
		}
		if !d.atTop() {
			if rest-k == 1 {
				k--
			}
			if k < 2 {
				d.newPage()
				continue
			}
		} else {
			if rest-k == 1 && k > 2 {
				k--
			}
			k = max(k, 1)
		}
		d.add(height(k, first, false), mk(i, i+k)...)
		i += k
	}
}

// table is a grid of short texts with an optional header row repeated on
// every page it spans, and group rows kept with the row after them. A row
// is kept whole on one page unless it is too tall for that to look right,
// when it continues on the next page as a paragraph would.
type table struct {
	indent int      // grid units left blank before the table
	widths []int    // grid units per column
	header []string // nil for none
	rows   []tableRow
	styles []style // per column, for ordinary rows; stCell if nil
	rules  bool    // a hairline under each ordinary row

	head *laidRow   // the header row, laid out once
	laid []*laidRow // each row, laid out once
}

type tableRow struct {
	cells []string
	group bool // one full-width cell: a heading within the table
}

var cellPad = pad{top: 1.5, bottom: 1.5, left: 1.6, right: 1.6}

// laidRow is a table row with its cells wrapped into lines.
type laidRow struct {
	widths []int
	lines  [][]string
	sts    []style
	pads   []pad       // cellPad, lowered in smaller type to share a baseline
	style  *props.Cell // shading for the header and group rows
	rule   bool        // a hairline under the row's last piece
}

func (t *table) colStyle(i int, r tableRow) style {
	switch {
	case r.group:
		return stCellB
	case t.styles != nil && i < len(t.styles):
		return t.styles[i]
	}
	return stCell
}

func (t *table) lay(d *doc, r tableRow, header bool) *laidRow {
	lr := &laidRow{widths: t.widths, rule: t.rules && !header && !r.group}
	switch {
	case header:
		lr.style = &props.Cell{BackgroundColor: &accent}
	case r.group:
		lr.widths = []int{sum(t.widths)}
		lr.style = &props.Cell{BackgroundColor: &tint}
	}
	lr.lines = make([][]string, len(lr.widths))
	lr.sts = make([]style, len(lr.widths))
	lr.pads = make([]pad, len(lr.widths))
	tallest := 0.0
	for i := range lr.widths {
		lr.sts[i] = t.colStyle(i, r)
		if header {
			lr.sts[i] = stCellHead
		}
		tallest = max(tallest, lr.sts[i].lineH())
	}
	for i, w := range lr.widths {
		st := lr.sts[i]
		// maroto puts the first baseline one line height below the top.
		lr.pads[i] = cellPad
		lr.pads[i].top += tallest - st.lineH()
		if i >= len(r.cells) || r.cells[i] == "" {
			continue
		}
		f := d.fonts.faces[st.font]
		cw := d.colWidth(w) - cellPad.left - cellPad.right
		lr.lines[i] = f.wrap(f.breakLong(r.cells[i], st.size, cw), st.size, cw)
	}
	return lr
}

// height is the height of the piece of the row made of take[i] lines of
// each column from pos[i].
func (lr *laidRow) height(take []int) float64 {
	h := 0.0
	for i, n := range take {
		if n > 0 {
			h = max(h, lr.sts[i].height(n, lr.pads[i].top, lr.pads[i].bottom))
		}
	}
	return h
}

// rest returns how many lines remain in each column after pos.
func (lr *laidRow) rest(pos []int) []int {
	r := make([]int, len(lr.lines))
	for i, l := range lr.lines {
		r[i] = len(l) - pos[i]
	}
	return r
}

// fitLines returns how many lines of each column, from pos, fit where fits
// allows, and whether every column fits two lines or all it has left.
func (lr *laidRow) fitLines(pos []int, fits func(h float64) bool) ([]int, bool) {
	rest := lr.rest(pos)
	take := make([]int, len(rest))
	ok := true
	for i, n := range rest {
		for take[i] < n && fits(lr.sts[i].height(take[i]+1, lr.pads[i].top, lr.pads[i].bottom)) {
			take[i]++
		}
		if take[i] < min(2, n) {
			ok = false
		}
	}
	return take, ok
}

// minHeight is the least height the row needs at the foot of a page: all
// of it if it is to be kept whole, else its first two lines.
func (lr *laidRow) minHeight(d *doc) float64 {
	full := lr.height(lr.rest(make([]int, len(lr.lines))))
	if full <= keepWhole(d) {
		return full
	}
	two := lr.rest(make([]int, len(lr.lines)))
	for i := range two {
		two[i] = min(two[i], 2)
	}
	return lr.height(two)
}

// keepWhole is the height up to which a table row is never split.
func keepWhole(d *doc) float64 { return d.room() / 3 }

// piece builds the row drawing take[i] lines of each column from pos[i].
func (t *table) piece(d *doc, lr *laidRow, pos, take []int, last bool) []core.Col {
	st := lr.style
	if st == nil && lr.rule && last {
		st = &props.Cell{BorderType: border.Bottom, BorderColor: &ruleColour, BorderThickness: 0.2}
	}
	var cols []core.Col
	if t.indent > 0 {
		cols = append(cols, col.New(t.indent))
	}
	for i, w := range lr.widths {
		c := col.New(w)
		if take[i] > 0 {
			txt := strings.Join(lr.lines[i][pos[i]:pos[i]+take[i]], " ")
			c.Add(text.New(txt, d.textProps(lr.sts[i], lr.pads[i], align.Left, "")))
		}
		// Styling columns, not the row, leaves the indent unshaded.
		cols = append(cols, c.WithStyle(st))
	}
	return cols
}

func (t *table) headRow(d *doc) *laidRow {
	if t.head == nil && t.header != nil {
		t.head = t.lay(d, tableRow{cells: t.header}, true)
	}
	return t.head
}

func (t *table) row(d *doc, i int) *laidRow {
	if t.laid == nil {
		t.laid = make([]*laidRow, len(t.rows))
	}
	if t.laid[i] == nil {
		t.laid[i] = t.lay(d, t.rows[i], false)
	}
	return t.laid[i]
}

func (t *table) headerHeight(d *doc) float64 {
	if hr := t.headRow(d); hr != nil {
		return hr.height(hr.rest(make([]int, len(hr.lines))))
	}
	return 0
}

func (t *table) leads() bool { return false }

// minHeight is the height of the header and the first row, or of the first
// group row and the row after it, each rounded as add will round it.
func (t *table) minHeight(d *doc) float64 {
	h := d.quantise(t.headerHeight(d))
	for i, r := range t.rows {
		h += d.quantise(t.row(d, i).minHeight(d))
		if !r.group || i > 0 {
			break
		}
	}
	return h
}

func (t *table) emit(d *doc) {
	addHeader := func() {
		if hr := t.headRow(d); hr != nil {
			pos := make([]int, len(hr.lines))
			d.add(t.headerHeight(d), t.piece(d, hr, pos, hr.rest(pos), true)...)
		}
	}
	d.keep(t.minHeight(d))
	addHeader()
	fresh := true // nothing but the header on this page yet
	next := func() {
		d.newPage()
		addHeader()
		fresh = true
	}
	for i, r := range t.rows {
		lr := t.row(d, i)
		pos := make([]int, len(lr.lines))
		for {
			rest := lr.rest(pos)
			h := lr.height(rest)
			need := d.quantise(h)
			if r.group && i+1 < len(t.rows) {
				need += d.quantise(t.row(d, i+1).minHeight(d))
			}
			if d.fits(need) || (fresh && d.fits(h)) {
				d.add(h, t.piece(d, lr, pos, rest, true)...)
				fresh = false
				break
			}
			if !fresh && (r.group || h <= keepWhole(d)) {
				next()
				continue
			}
			// Too tall to keep whole: fill this page and go on over the
			// next, at least two lines of each column on each side.
			take, ok := lr.fitLines(pos, d.fits)
			if !ok && !fresh {
				next()
				continue
			}
			if sum(take) == 0 {
				take = lr.rest(pos)
				for k := range take {
					take[k] = min(take[k], 1)
				}
			}
			ph := lr.height(take)
			d.add(ph, t.piece(d, lr, pos, take, false)...)
			for k := range pos {
				pos[k] += take[k]
			}
			next()
		}
	}
}

func sum(xs []int) int {
	s := 0
	for _, x := range xs {
		s += x
	}
	return s
}
