package pdf

import (
	"cmp"
	"errors"
	"io"
	"strconv"
	"strings"

	"github.com/johnfercher/maroto/v2/pkg/props"

	gtdoc "github.com/goldenthread/goldenthread/internal/render/doc"
)

// RenderDocument writes a document tree (package doc) as a PDF with the
// fonts and page furniture of the asks paper: headings in the outline,
// internal links, tables with their header repeated on each page and cells
// shaded by tone, and notes in boxes. pageNumber is the footer's wording,
// "Page %s of %s", in the document's language. The editable formats write
// the same tree, so a report reads alike in each.
func RenderDocument(w io.Writer, d *gtdoc.Document, pageNumber string) error {
	return render(w, layoutDocument, docInput{d: d, page: pageNumber})
}

type docInput struct {
	d    *gtdoc.Document
	page string
}

// Tone shades: light, so text on them keeps its contrast.
var toneFills = map[gtdoc.Tone]*props.Color{
	gtdoc.Good:    {Red: 220, Green: 239, Blue: 220},
	gtdoc.Fair:    {Red: 255, Green: 241, Blue: 194},
	gtdoc.Poor:    {Red: 253, Green: 224, Blue: 200},
	gtdoc.Bad:     {Red: 247, Green: 212, Blue: 214},
	gtdoc.Neutral: {Red: 233, Green: 233, Blue: 233},
}

func layoutDocument(in docInput, known map[string]int) (*doc, error) {
	src := in.d
	if src == nil {
		return nil, errors.New("pdf: no document to render")
	}
	m := src.Meta
	d, err := newDoc(meta{
		title: m.Title, author: m.Author, subject: m.Subject, keywords: m.Keywords,
		creator: cmp.Or(m.Creator, "goldenthread"), date: m.Date,
		headerLeft: m.Title, headerRight: m.Subtitle, footerLeft: cmp.Or(m.Subtitle, m.Title),
		pageNumber: in.page, lang: m.Lang,
	})
	if err != nil {
		return nil, err
	}
	d.nav.known = known
	r := &docRender{d: d, ids: anchorsOf(src.Blocks)}
	for _, p := range []*para{
		{text: d.fonts.clean(m.Title), st: stTitle, bottom: 2, lead: true},
		{text: d.fonts.clean(m.Subtitle), st: stSub, bottom: 2, lead: true},
	} {
		if p.text != "" {
			d.puts(p.parts(d))
		}
	}
	d.put(d.rulePart(6, 0, &accent, 0.6))
	for _, b := range src.Blocks {
		r.block(b, src.Blocks)
	}
	return d, nil
}

type docRender struct {
	d   *doc
	ids map[string]bool // the anchors the document holds
}

// anchorsOf returns the IDs of headings and table rows: the places an
// internal link may go.
func anchorsOf(bs []gtdoc.Block) map[string]bool {
	ids := map[string]bool{}
	for _, b := range bs {
		switch v := b.(type) {
		case gtdoc.Heading:
			if v.ID != "" {
				ids[v.ID] = true
			}
		case gtdoc.Table:
			for _, r := range v.Rows {
				if r.ID != "" {
					ids[r.ID] = true
				}
			}
		}
	}
	return ids
}

// target returns where runs link: an anchor in the document (as "#id"
// links give it) or a web address, when the runs hold exactly one link.
func (r *docRender) target(in []gtdoc.Inline) (to, url string) {
	n := 0
	for _, x := range in {
		if x.Link == "" {
			continue
		}
		n++
		switch id, ok := strings.CutPrefix(x.Link, "#"); {
		case ok && r.ids[id]:
			to = id
		case !ok && isWebURL(x.Link):
			url = x.Link
		}
	}
	if n != 1 {
		return "", ""
	}
	return to, url
}

// text returns runs as one cleaned line of text, and whether it is all
// strong.
func (r *docRender) text(in []gtdoc.Inline) (string, bool) {
	var b strings.Builder
	strong := len(in) > 0
	for _, x := range in {
		b.WriteString(x.Text)
		if !x.Strong && strings.TrimSpace(x.Text) != "" {
			strong = false
		}
	}
	return r.d.fonts.clean(b.String()), strong
}

func (r *docRender) para(in []gtdoc.Inline, st style, indent int, bx *box) *para {
	t, strong := r.text(in)
	if strong && st == stBody {
		st = stBodyB
	}
	p := &para{text: t, st: st, indent: indent, box: bx, bottom: 2.4}
	p.to, p.link = r.target(in)
	return p
}

func (r *docRender) block(b gtdoc.Block, all []gtdoc.Block) {
	d := r.d
	switch v := b.(type) {
	case gtdoc.Heading:
		t := d.fonts.clean(strings.TrimSpace(v.Number + " " + v.Text))
		if t == "" {
			return
		}
		st, top, level := stHeading, 2.0, 2
		switch v.Level {
		case 1:
			st, top, level = stSub, 6, 0
		case 2:
			st, top, level = stAskTitle, 4, 1
		}
		d.gap(top)
		p := &para{text: t, st: st, bottom: 2, lead: true}
		if v.ID != "" {
			p.marks = []mark{{name: v.ID, title: t, level: level}}
		}
		d.puts(p.parts(d))
	case gtdoc.Paragraph:
		st := stBody
		switch v.Style {
		case gtdoc.Small:
			st = stSmall
		case gtdoc.Label:
			st = stHeading
		}
		p := r.para(v.Inlines, st, 0, nil)
		p.lead = v.Style == gtdoc.Label
		if p.text != "" {
			d.puts(p.parts(d))
		}
	case gtdoc.List:
		d.puts(r.list(v, 0, nil))
	case gtdoc.Table:
		r.table(v)
	case gtdoc.Facts:
		t := &table{widths: []int{300, 700}, styles: []style{stSmallB, stBody}}
		for _, f := range v.Items {
			val, _ := r.text(f.Value)
			t.rows = append(t.rows, tableRow{cells: []string{d.fonts.clean(f.Label), val}})
		}
		d.puts(t.parts(d))
		d.gap(3)
	case gtdoc.Note:
		r.note(v)
	case gtdoc.Contents:
		r.contents(v, all)
	case gtdoc.Break:
		d.newPage()
	}
}

// list returns a list's items as paragraphs with a bullet or a number.
func (r *docRender) list(l gtdoc.List, indent int, bx *box) []part {
	var ps []part
	for _, p := range r.listParas(l, indent, bx) {
		ps = append(ps, p.parts(r.d)...)
	}
	return ps
}

func (r *docRender) listParas(l gtdoc.List, indent int, bx *box) []*para {
	var ps []*para
	for i, it := range l.Items {
		p := r.para(it, stBody, indent, bx)
		p.prefix, p.prefixW, p.bottom = "•", bulletW, 1.2
		if l.Ordered {
			p.prefix, p.prefixW = strconv.Itoa(i+1)+".", numW
		}
		if i == len(l.Items)-1 {
			p.bottom = 2.4
		}
		ps = append(ps, p)
	}
	return ps
}

func (r *docRender) table(v gtdoc.Table) {
	d := r.d
	cols := len(v.Header)
	for _, row := range v.Rows {
		cols = max(cols, len(row.Cells))
	}
	if cols == 0 {
		return
	}
	t := &table{widths: make([]int, cols)}
	total := 0
	for i := range cols {
		w := 1
		if len(v.Widths) == cols {
			w = max(v.Widths[i], 1)
		}
		t.widths[i] = w
		total += w
	}
	for i := range t.widths {
		t.widths[i] = t.widths[i] * grid / total
	}
	if len(v.Header) > 0 {
		for i := range cols {
			h := ""
			if i < len(v.Header) {
				h = d.fonts.clean(v.Header[i])
			}
			t.header = append(t.header, h)
		}
	}
	for _, row := range v.Rows {
		tr := tableRow{group: row.Group, mark: row.ID}
		for i, c := range row.Cells {
			s, _ := r.text(c)
			tr.cells = append(tr.cells, s)
			if f := toneFills[row.ToneOf(i)]; f != nil {
				if tr.fills == nil {
					tr.fills = make([]*props.Color, cols)
				}
				tr.fills[i] = f
			}
		}
		if row.Group {
			s, _ := r.text(concat(row.Cells))
			tr.cells = []string{s}
		}
		t.rows = append(t.rows, tr)
	}
	if c := d.fonts.clean(v.Caption); c != "" {
		d.puts((&para{text: c, st: stSmallB, bottom: 1.2, lead: true}).parts(d))
	}
	d.puts(t.parts(d))
	d.gap(3)
}

func concat(cells [][]gtdoc.Inline) []gtdoc.Inline {
	var out []gtdoc.Inline
	for i, c := range cells {
		if i > 0 {
			out = append(out, gtdoc.Inline{Text: " "})
		}
		out = append(out, c...)
	}
	return out
}

// note sets a note's label and blocks in a box: amber for cautions and
// drafting notes, blue for wording.
func (r *docRender) note(v gtdoc.Note) {
	bx := &box{fill: &warnFill, bar: &warnBar}
	if v.Kind == gtdoc.Wording {
		bx = &box{fill: &tint, bar: &tintBar}
	}
	var ps []*para
	if l := r.d.fonts.clean(v.Label); l != "" {
		ps = append(ps, &para{text: l, st: stBodyB, box: bx, bottom: 1, lead: true})
	}
	for _, b := range v.Blocks {
		switch x := b.(type) {
		case gtdoc.Paragraph:
			ps = append(ps, r.para(x.Inlines, stBody, 0, bx))
		case gtdoc.List:
			ps = append(ps, r.listParas(x, 0, bx)...)
		}
	}
	if len(ps) == 0 {
		return
	}
	ps[0].top, ps[len(ps)-1].bottom = boxPadY, boxPadY
	var parts []part
	for _, p := range ps {
		parts = append(parts, p.parts(r.d)...)
	}
	r.d.puts(append(parts, part{h: 3}))
}

// contents lists the headings up to the depth asked, each linked.
func (r *docRender) contents(v gtdoc.Contents, all []gtdoc.Block) {
	var ps []part
	for _, b := range all {
		h, ok := b.(gtdoc.Heading)
		if !ok || h.ID == "" || h.Level > v.Depth {
			continue
		}
		t := r.d.fonts.clean(strings.TrimSpace(h.Number + " " + h.Text))
		ps = append(ps, (&para{text: t, st: stBody, indent: (h.Level - 1) * 40, bottom: 0.8, to: h.ID}).parts(r.d)...)
	}
	if len(ps) == 0 {
		return
	}
	if t := r.d.fonts.clean(v.Title); t != "" {
		r.d.gap(4)
		r.d.puts((&para{text: t, st: stHeading, bottom: 1.5, lead: true}).parts(r.d))
	}
	r.d.puts(ps)
	r.d.gap(3)
}
