package docx

import (
	"strconv"
	"strings"

	gdocx "github.com/gomutex/godocx/docx"
	"github.com/gomutex/godocx/wml/ctypes"
	"github.com/gomutex/godocx/wml/stypes"

	"github.com/goldenthread/goldenthread/internal/render/doc"
)

// The numbering definitions godocx adds for NewListInstance.
const (
	decimalList = 1
	bulletList  = 2
)

// title writes the document's title and subtitle.
func (w *writer) title() {
	if t := w.d.Meta.Title; t != "" {
		w.styled("Title", doc.Text(t))
	}
	if t := w.d.Meta.Subtitle; t != "" {
		w.styled("Subtitle", doc.Text(t))
	}
}

// block writes one block at the end of the body.
func (w *writer) block(b doc.Block) {
	switch b := b.(type) {
	case doc.Heading:
		w.heading(b)
	case doc.Paragraph:
		w.styled(paraStyle(b.Style), b.Inlines)
	case doc.List:
		w.list(b, "ListParagraph", 0)
	case doc.Table:
		w.table(b)
	case doc.Facts:
		w.facts(b)
	case doc.Note:
		w.note(b)
	case doc.Contents:
		w.contents(b)
	case doc.Break:
		w.rd.AddPageBreak()
	}
}

// paraStyle is the paragraph style for a doc.Style.
func paraStyle(s doc.Style) string {
	switch s {
	case doc.Small:
		return "Small"
	case doc.Label:
		return "Label"
	}
	return "BodyText"
}

// styled adds a paragraph in style with the runs in.
func (w *writer) styled(style string, in []doc.Inline) *gdocx.Paragraph {
	p := w.rd.AddEmptyParagraph()
	p.Style(style)
	w.inlines(p, in)
	return p
}

// headingText is a heading's text with its number.
func headingText(h doc.Heading) string {
	if h.Number == "" {
		return h.Text
	}
	return h.Number + " " + h.Text
}

// headingLevel keeps a level to the three heading styles.
func headingLevel(n int) int {
	return min(max(n, 1), 3)
}

func (w *writer) heading(h doc.Heading) {
	p := w.rd.AddEmptyParagraph()
	p.Style("Heading" + strconv.Itoa(headingLevel(h.Level)))
	name, ok := w.marks[h.ID]
	if !ok || h.ID == "" {
		p.AddText(text(headingText(h)))
		return
	}
	start, end := w.bookmark(name)
	w.rawXML(p, start)
	p.AddText(text(headingText(h)))
	w.rawXML(p, end)
}

// list writes each item as a paragraph in style, numbered by a numbering
// instance of its own so that a numbered list starts again at 1. indent,
// when not 0, is the items' left indent in twips (in a Note).
func (w *writer) list(l doc.List, style string, indent int) {
	abstract := bulletList
	if l.Ordered {
		abstract = decimalList
	}
	id := w.rd.NewListInstance(abstract)
	for _, item := range l.Items {
		p := w.styled(style, item)
		p.Numbering(id, 0)
		if indent > 0 {
			p.Indent(&ctypes.Indent{Left: ptr(indent), Hanging: ptr(uint64(360))})
		}
	}
}

// inlines adds runs to p: strong runs bold; links to a heading or row in
// the document as internal hyperlinks, http, https and mailto links as
// external ones, any other link as plain text.
func (w *writer) inlines(p *gdocx.Paragraph, in []doc.Inline) {
	for _, r := range in {
		s := text(r.Text)
		if s == "" {
			continue
		}
		switch {
		case w.internal(r.Link) != "":
			w.rawXML(p, anchorStart(w.internal(r.Link)))
			run := p.AddText(s).Style("Hyperlink")
			if r.Strong {
				run.Bold(true)
			}
			w.rawXML(p, "</w:hyperlink>")
		case external(r.Link):
			h := p.AddLink(s, r.Link)
			if r.Strong {
				h.Bold(true)
			}
		default:
			run := p.AddText(s)
			if r.Strong {
				run.Bold(true)
			}
		}
	}
}

// internal returns the bookmark a "#id" link goes to, or "".
func (w *writer) internal(link string) string {
	id, ok := strings.CutPrefix(link, "#")
	if !ok || id == "" {
		return ""
	}
	return w.marks[id]
}

// external reports whether link is an address a reader may follow out of
// the document.
func external(link string) bool {
	l := strings.ToLower(link)
	for _, scheme := range []string{"https://", "http://", "mailto:"} {
		if strings.HasPrefix(l, scheme) && len(l) > len(scheme) {
			return true
		}
	}
	return false
}

// note writes a Note's label and blocks in the Note style: one shaded,
// bordered and indented box in Word, as adjacent paragraphs with the same
// borders join.
func (w *writer) note(n doc.Note) {
	if n.Label != "" {
		p := w.rd.AddEmptyParagraph()
		p.Style("Note")
		p.AddText(text(n.Label)).Bold(true)
	}
	for _, b := range n.Blocks {
		switch b := b.(type) {
		case doc.Paragraph:
			w.styled("Note", b.Inlines)
		case doc.List:
			w.list(b, "Note", noteIndent+360)
		}
	}
}

// contents writes a table of contents: the headings with an ID at levels
// up to Depth, each a link to its bookmark.
func (w *writer) contents(c doc.Contents) {
	if c.Title != "" {
		w.styled("TOCHeading", doc.Text(c.Title))
	}
	depth := c.Depth
	if depth <= 0 {
		depth = 3
	}
	for _, b := range w.d.Blocks {
		h, ok := b.(doc.Heading)
		if !ok || h.ID == "" || h.Level > depth || w.marks[h.ID] == "" {
			continue
		}
		p := w.rd.AddEmptyParagraph()
		p.Style("TOC" + strconv.Itoa(headingLevel(h.Level)))
		w.rawXML(p, anchorStart(w.marks[h.ID]))
		p.AddText(text(headingText(h))).Style("Hyperlink")
		w.rawXML(p, "</w:hyperlink>")
	}
}

// bookmarkNames gives every heading and table row with an ID a bookmark
// name Word accepts: a letter first, then letters, digits and underscores,
// at most 40 in all, unique in the document.
func bookmarkNames(blocks []doc.Block) map[string]string {
	names := map[string]string{}
	used := map[string]bool{}
	add := func(id string) {
		if id == "" || names[id] != "" {
			return
		}
		name := bookmarkName(id)
		for i := 2; used[name]; i++ {
			suffix := "_" + strconv.Itoa(i)
			name = bookmarkName(id)[:min(len(bookmarkName(id)), 40-len(suffix))] + suffix
		}
		used[name] = true
		names[id] = name
	}
	for _, b := range blocks {
		switch b := b.(type) {
		case doc.Heading:
			add(b.ID)
		case doc.Table:
			for _, r := range b.Rows {
				add(r.ID)
			}
		}
	}
	return names
}

// bookmarkName is id made a bookmark name, before it is made unique.
func bookmarkName(id string) string {
	b := []byte("gt_")
	for _, r := range id {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9':
			b = append(b, byte(r))
		default:
			b = append(b, '_')
		}
		if len(b) >= 40 {
			break
		}
	}
	return string(b)
}

// table writes a table of data: the caption above it, the header row
// repeated on every page, a Group row as one bold shaded cell across the
// table.
func (w *writer) table(t doc.Table) {
	if t.Caption != "" {
		w.styled("Caption", doc.Text(t.Caption))
	}
	cols := len(t.Header)
	for _, r := range t.Rows {
		if !r.Group {
			cols = max(cols, len(r.Cells))
		}
	}
	if cols == 0 {
		return
	}
	tbl := w.newTable(columnWidths(cols, t.Widths))
	if len(t.Header) > 0 {
		row := tbl.AddRow()
		header(tbl)
		for i := range cols {
			s := ""
			if i < len(t.Header) {
				s = t.Header[i]
			}
			w.cell(row.AddCell().BackgroundColor(headerFill), []doc.Inline{{Text: s, Strong: true}}, "")
		}
	}
	for _, r := range t.Rows {
		w.row(tbl, r, cols)
	}
}

func (w *writer) row(tbl *gdocx.Table, r doc.Row, cols int) {
	row := tbl.AddRow()
	if r.Group {
		var in []doc.Inline
		for _, c := range r.Cells {
			for _, s := range c {
				s.Strong = true
				in = append(in, s)
			}
		}
		c := row.AddCell().ColSpan(cols).BackgroundColor(groupFill)
		w.cell(c, in, r.ID)
		return
	}
	for i := range cols {
		var in []doc.Inline
		if i < len(r.Cells) {
			in = r.Cells[i]
		}
		id := ""
		if i == 0 {
			id = r.ID
		}
		c := row.AddCell()
		if fill, ok := toneFill[r.ToneOf(i)]; ok {
			c = c.BackgroundColor(fill)
		}
		w.cell(c, in, id)
	}
}

// toneFill is the shading of a cell's tone: light, so that text on it
// keeps its contrast; the text names the rating, the shade repeats it.
var toneFill = map[doc.Tone]string{
	doc.Good: "DCEFDC", doc.Fair: "FFF1C2", doc.Poor: "FDE0C8", doc.Bad: "F7D4D6", doc.Neutral: "E9E9E9",
}

// cell fills a table cell with one paragraph, bookmarked when id is set.
func (w *writer) cell(c *gdocx.Cell, in []doc.Inline, id string) {
	p := c.AddEmptyPara()
	p.Style("TableText")
	name := w.marks[id]
	if id == "" || name == "" {
		w.inlines(p, in)
		return
	}
	start, end := w.bookmark(name)
	w.rawXML(p, start)
	w.inlines(p, in)
	w.rawXML(p, end)
}

// facts writes labelled values as a two-column table, labels bold.
func (w *writer) facts(f doc.Facts) {
	if len(f.Items) == 0 {
		return
	}
	tbl := w.newTable(columnWidths(2, []int{30, 70}))
	for _, it := range f.Items {
		row := tbl.AddRow()
		w.cell(row.AddCell(), []doc.Inline{{Text: it.Label, Strong: true}}, "")
		w.cell(row.AddCell(), it.Value, "")
	}
}

// newTable adds a table across the text width with the given column
// widths in twips.
func (w *writer) newTable(widths []uint64) *gdocx.Table {
	tbl := w.rd.AddTable()
	tbl.Style("TableGrid")
	tbl.Width(5000, stypes.TableWidthPct)
	tbl.Layout(stypes.TableLayoutFixed)
	tbl.Grid(widths...)
	return tbl
}

// header marks the table's last row as its header row, repeated at the
// top of every page. godocx's Row has no setter for it, so it is set on
// the row's ctypes.
func header(tbl *gdocx.Table) {
	rows := tbl.GetCT().RowContents
	r := rows[len(rows)-1].Row
	if r.Property == nil {
		r.Property = ctypes.DefaultRowProperty()
	}
	r.Property.Header = ctypes.OnOffFromBool(true)
	r.Property.CantSplit = ctypes.OnOffFromBool(true)
}

// columnWidths shares the text width among n columns in proportion to rel,
// or equally when rel does not give one positive width for each.
func columnWidths(n int, rel []int) []uint64 {
	total := 0
	for _, v := range rel {
		if v <= 0 {
			total = 0
			break
		}
		total += v
	}
	if len(rel) != n || total == 0 {
		rel, total = nil, n
	}
	out := make([]uint64, n)
	for i := range out {
		v := 1
		if rel != nil {
			v = rel[i]
		}
		out[i] = uint64(textWidth * v / total)
	}
	return out
}

func ptr[T any](v T) *T { return &v }
