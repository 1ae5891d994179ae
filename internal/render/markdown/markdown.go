// Package markdown writes a doc.Document as CommonMark with GFM pipe tables,
// for GitHub, GitLab, VS Code and pandoc.
//
// Every text in the tree comes out as literal text: ASCII punctuation that
// could start markup is escaped with a backslash, as are the line-start
// constructs (list, quote and break markers) and the openers of autolinks,
// so no reader makes emphasis, a link, HTML or a list of a profile's text.
//
// Headings and table rows with an ID get an inline <a id="..."></a>
// anchor, the only raw HTML written: GitHub, GitLab and VS Code do not read
// pandoc's {#id} attributes and would print them, while all of them, and
// pandoc's HTML output, follow a link to an element's id. The ID is written
// as it is when it is made of letters, digits and hyphens; anything else is
// encoded (see anchor).
package markdown

import (
	"bytes"
	"io"
	"strings"

	"github.com/goldenthread/goldenthread/internal/render/doc"
)

// Write writes d to out as CommonMark: a YAML metadata block, the title as
// a level-1 heading, then the blocks. The same document always gives the
// same bytes, with LF line endings and one newline at the end.
func Write(out io.Writer, d *doc.Document) error {
	w := newWriter(d)
	b := w.meta(nil, d.Meta)
	b = w.title(b, d.Meta)
	b = w.blocks(b, d.Blocks)
	b = append(bytes.TrimRight(b, "\n"), '\n')
	_, err := out.Write(b)
	return err
}

// writer holds what the blocks need from the whole document.
type writer struct {
	ids      map[string]bool // the IDs of headings and rows: link targets
	headings []doc.Heading   // for Contents
	open     []openHeading   // the headings the next one may be under
}

// openHeading is a heading written: its level in the tree and as written.
type openHeading struct{ level, written int }

func newWriter(d *doc.Document) *writer {
	w := &writer{ids: map[string]bool{}}
	for _, b := range d.Blocks {
		switch b := b.(type) {
		case doc.Heading:
			w.headings = append(w.headings, b)
			w.addID(b.ID)
		case doc.Table:
			for _, r := range b.Rows {
				w.addID(r.ID)
			}
		}
	}
	return w
}

func (w *writer) addID(id string) {
	if id != "" {
		w.ids[id] = true
	}
}

// title writes the title as the one level-1 heading, and the subtitle as
// an emphasised paragraph under it.
func (w *writer) title(b []byte, m doc.Meta) []byte {
	if m.Title != "" {
		b = append(b, "# "...)
		e := newInline()
		b = e.text(b, m.Title)
		b = append(b, "\n\n"...)
	}
	if m.Subtitle != "" {
		b = w.paragraph(b, doc.Paragraph{Style: doc.Small, Inlines: doc.Text(m.Subtitle)})
		b = append(b, '\n')
	}
	return b
}

// blocks writes bs separated by blank lines. Two lists in a row would be
// read as one, so a list after a list of the same kind takes the other
// marker ("-" or "*", "1." or "1)").
func (w *writer) blocks(b []byte, bs []doc.Block) []byte {
	var prev marker
	for _, x := range bs {
		n := len(b)
		var m marker
		b, m = w.block(b, x, prev)
		if len(b) > n {
			b = append(b, '\n')
			prev = m
		}
	}
	return b
}

// block writes one block ending in a newline, or nothing; avoid is the
// list marker it must not use. It returns the marker it used, if any.
func (w *writer) block(b []byte, x doc.Block, avoid marker) ([]byte, marker) {
	switch x := x.(type) {
	case doc.Heading:
		return w.heading(b, x), 0
	case doc.Paragraph:
		return w.paragraph(b, x), 0
	case doc.List:
		return w.list(b, x, avoid)
	case doc.Table:
		return w.table(b, x), 0
	case doc.Facts:
		return w.facts(b, x, avoid)
	case doc.Note:
		return w.note(b, x), 0
	case doc.Contents:
		return w.contents(b, x, avoid)
	case doc.Break:
		return append(b, "***\n"...), 0
	}
	return b, 0
}

// heading writes a heading a level down from the title's: doc levels 1 to
// 3 are ## to ####, with its anchor and its number before its text. A
// heading is never more than one level below the heading it comes under
// (level 3 items straight under a level 1 part are ###), so the outline
// has no gaps for screen readers and linters.
func (w *writer) heading(b []byte, h doc.Heading) []byte {
	in := min(max(h.Level, 1), 3)
	for len(w.open) > 0 && w.open[len(w.open)-1].level >= in {
		w.open = w.open[:len(w.open)-1]
	}
	parent := 1 // the title
	if len(w.open) > 0 {
		parent = w.open[len(w.open)-1].written
	}
	level := min(in+1, parent+1)
	w.open = append(w.open, openHeading{in, level})
	b = append(b, strings.Repeat("#", level)...)
	b = append(b, ' ')
	b = anchorTag(b, h.ID)
	e := newInline()
	b = e.text(b, joinNumber(h.Number, h.Text))
	return append(b, '\n')
}

// joinNumber puts a heading's number before its text.
func joinNumber(number, text string) string {
	switch {
	case number == "":
		return text
	case text == "":
		return number
	}
	return number + " " + text
}

// paragraph writes a paragraph on one line: Small emphasised when its ends
// are plain text, Label strong throughout.
func (w *writer) paragraph(b []byte, p doc.Paragraph) []byte {
	rs := w.runs(p.Inlines, p.Style == doc.Label)
	if len(rs) == 0 {
		return b
	}
	em := p.Style == doc.Small && emphasisable(rs)
	if em {
		b = append(b, '*')
	}
	b = w.inlines(b, rs, newLine())
	if em {
		b = append(b, '*')
	}
	return append(b, '\n')
}

// emphasisable reports whether "*" before and after rs make emphasis: the
// line's ends are never beside a letter, so it is enough that the ends are
// not white space or another delimiter.
func emphasisable(rs []run) bool {
	first, last := rs[0], rs[len(rs)-1]
	if first.strong && first.dest == "" || last.strong && last.dest == "" {
		return false
	}
	_, core, _ := splitSpace(first.text)
	if first.dest == "" && core != first.text {
		return false
	}
	_, core, _ = splitSpace(last.text)
	return last.dest != "" || core == last.text
}

// list writes a list, one line an item, numbered from 1 when ordered.
func (w *writer) list(b []byte, l doc.List, avoid marker) ([]byte, marker) {
	m := bullet.unless(avoid)
	if l.Ordered {
		m = ordered.unless(avoid)
	}
	items := make([][]run, 0, len(l.Items))
	for _, it := range l.Items {
		items = append(items, w.runs(it, false))
	}
	return w.items(b, items, m, nil), m
}

// items writes list items with marker m; depth, when set, indents each
// item under the one before (Contents).
func (w *writer) items(b []byte, items [][]run, m marker, depth []int) []byte {
	for i, rs := range items {
		if depth != nil {
			b = append(b, strings.Repeat("  ", depth[i])...)
		}
		b = m.append(b, i+1)
		if len(rs) > 0 {
			b = append(b, ' ')
			b = w.inlines(b, rs, newLine())
		}
		b = append(b, '\n')
	}
	return b
}

// facts writes labelled values as a bullet list of "**Label:** value".
func (w *writer) facts(b []byte, f doc.Facts, avoid marker) ([]byte, marker) {
	m := bullet.unless(avoid)
	items := make([][]run, 0, len(f.Items))
	for _, x := range f.Items {
		var in []doc.Inline
		if x.Label != "" {
			in = append(in, doc.Inline{Text: x.Label + ":", Strong: true}, doc.Inline{Text: " "})
		}
		items = append(items, w.runs(append(in, x.Value...), false))
	}
	return w.items(b, items, m, nil), m
}

// note writes a note as a block quote that starts with its label in bold:
// a drafting note reads as set apart from the contract text.
func (w *writer) note(b []byte, n doc.Note) []byte {
	var inner []doc.Block
	if n.Label != "" {
		inner = append(inner, doc.Paragraph{Style: doc.Label, Inlines: doc.Text(n.Label)})
	}
	body := w.blocks(nil, append(inner, n.Blocks...))
	body = bytes.TrimRight(body, "\n")
	if len(body) == 0 {
		return b
	}
	for _, line := range bytes.Split(body, []byte("\n")) {
		b = append(b, '>')
		if len(line) > 0 {
			b = append(b, ' ')
			b = append(b, line...)
		}
		b = append(b, '\n')
	}
	return b
}

// contents writes the table of contents: its title as a heading, then a
// list of links to the headings with an ID at levels up to Depth, nested
// by level.
func (w *writer) contents(b []byte, c doc.Contents, avoid marker) ([]byte, marker) {
	depth := c.Depth
	if depth <= 0 {
		depth = 3
	}
	var items [][]run
	var indent []int
	for _, h := range w.headings {
		if h.ID == "" || h.Level > depth {
			continue
		}
		in := 0
		if len(indent) > 0 {
			in = min(max(h.Level-1, 0), indent[len(indent)-1]+1)
		}
		indent = append(indent, in)
		items = append(items, w.runs([]doc.Inline{{Text: joinNumber(h.Number, h.Text), Link: "#" + h.ID}}, false))
	}
	if c.Title != "" {
		b = w.heading(b, doc.Heading{Level: 1, Text: c.Title})
		if len(items) > 0 {
			b = append(b, '\n')
		}
	}
	if len(items) == 0 {
		return b, 0
	}
	m := bullet.unless(avoid)
	return w.items(b, items, m, indent), m
}
