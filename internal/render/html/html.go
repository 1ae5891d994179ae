// Package html writes a document tree (package doc) as one self-contained,
// accessible HTML file: its styles inline, no script, no request for
// anything outside it. Headings never skip a level, tables are data tables
// with captions and column headers, notes are marked and labelled, and the
// page reflows on a phone and prints without its navigation.
package html

import (
	"bufio"
	"embed"
	"errors"
	"fmt"
	"html/template"
	"io"
	"net/url"
	"strings"

	"github.com/goldenthread/goldenthread/internal/render/doc"
	"golang.org/x/text/language"
)

//go:embed page.tmpl page.css
var files embed.FS

var (
	page = template.Must(template.New("page.tmpl").ParseFS(files, "page.tmpl"))
	// css is the style sheet, written as it is into the page's <style>.
	css = template.CSS(must(files.ReadFile("page.css")))
)

func must(b []byte, err error) []byte {
	if err != nil {
		panic(err)
	}
	return b
}

// Write writes d as one HTML file to w.
func Write(w io.Writer, d *doc.Document) error {
	if d == nil {
		return errors.New("html: no document")
	}
	v, err := build(d)
	if err != nil {
		return err
	}
	bw := bufio.NewWriterSize(w, 32<<10)
	if err := page.Execute(bw, v); err != nil {
		return fmt.Errorf("html: %w", err)
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("html: %w", err)
	}
	return nil
}

// view is what the template writes: the tree with its ids given, its
// heading levels worked out and its links checked.
type view struct {
	CSS         template.CSS
	Lang        string
	Title       string
	Subtitle    string
	Description string
	Author      string
	Keywords    string
	Generator   string
	Skip        string // the skip link's text
	MainID      string
	Blocks      []block
}

// block is one block of the page; exactly one field is set.
type block struct {
	Heading  *heading
	Para     *para
	List     *list
	Table    *table
	Facts    *facts
	Note     *note
	Contents *contents
	Break    bool
}

type heading struct {
	Level  int // 2 to 4: the h element
	ID     string
	Number string
	Text   string
}

type inline struct {
	Text   string
	Strong bool
	Href   string
	Ext    bool // Href leaves the document
}

type para struct {
	Class   string
	Inlines []inline
}

type list struct {
	Ordered bool
	Items   [][]inline
}

type table struct {
	Caption   string
	CaptionID string
	Header    []string
	Widths    []int
	Rows      []row
}

type row struct {
	ID    string
	Group bool
	Span  int
	Cells []cell
}

// cell is a table cell: its runs, and the class of its tone, if any.
type cell struct {
	Class   string
	Inlines []inline
}

// toneClass is the class of a cell's tone.
var toneClass = map[doc.Tone]string{
	doc.Good: "tone-good", doc.Fair: "tone-fair", doc.Poor: "tone-poor", doc.Bad: "tone-bad", doc.Neutral: "tone-neutral",
}

type facts struct{ Items []fact }

type fact struct {
	Label string
	Value []inline
}

type note struct {
	Class   string
	Label   string
	LabelID string
	Blocks  []block
}

type contents struct {
	Title   string
	TitleID string
	Items   []tocItem
}

type tocItem struct {
	Href     string
	Number   string
	Text     string
	Children []tocItem
}

// builder turns the tree into a view.
type builder struct {
	ids   *ids
	heads map[int]heading   // by block index: the headings written
	rows  map[[2]int]string // by block and row index: the rows' ids
	toc   []tocHead         // every heading with an id, in order
	open  []open            // the headings that enclose the next, outermost first
}

// open is a heading that encloses those after it of a lower tree level.
type open struct{ tree, h int }

type tocHead struct {
	tree int // the tree's level, 1 to 3
	heading
}

func build(d *doc.Document) (*view, error) {
	b := &builder{ids: newIDs(), heads: map[int]heading{}, rows: map[[2]int]string{}}
	b.outline(d.Blocks)
	v := &view{
		CSS:         css,
		Lang:        lang(d.Meta.Lang),
		Title:       first(d.Meta.Title, d.Meta.Subject, "[title]"),
		Subtitle:    d.Meta.Subtitle,
		Description: first(d.Meta.Description, d.Meta.Subject),
		Author:      d.Meta.Author,
		Keywords:    d.Meta.Keywords,
		Generator:   first(d.Meta.Creator, "goldenthread"),
		Skip:        first(d.Meta.Skip, "[skip]"),
		MainID:      b.ids.unique("gt-main"),
	}
	blocks, err := b.blocks(d.Blocks)
	if err != nil {
		return nil, err
	}
	v.Blocks = blocks
	return v, nil
}

// outline gives each heading that has text its h level and id, before any
// block is built, so that links and contents can name headings further on.
// The title is the h1; a heading is one level below the nearest heading
// before it of a higher tree level (h2 when there is none), so levels never
// skip; a contents title is an h2 and starts the outline again.
func (b *builder) outline(blocks []doc.Block) {
	for i, bl := range blocks {
		switch x := bl.(type) {
		case doc.Heading:
			b.heading(i, x)
		case doc.Contents:
			if x.Title != "" {
				b.open = b.open[:0]
			}
		case doc.Table:
			for j, r := range x.Rows {
				if r.ID != "" {
					b.rows[[2]int{i, j}] = b.ids.doc(r.ID)
				}
			}
		}
	}
}

// heading gives the heading at block index i its level and id.
func (b *builder) heading(i int, x doc.Heading) {
	if x.Number == "" && x.Text == "" {
		return
	}
	tree := min(max(x.Level, 1), 3)
	for len(b.open) > 0 && b.open[len(b.open)-1].tree >= tree {
		b.open = b.open[:len(b.open)-1]
	}
	lvl := 2
	if len(b.open) > 0 {
		lvl = b.open[len(b.open)-1].h + 1
	}
	b.open = append(b.open, open{tree, lvl})
	h := heading{Level: lvl, ID: b.ids.doc(x.ID), Number: x.Number, Text: x.Text}
	b.heads[i] = h
	if h.ID != "" {
		b.toc = append(b.toc, tocHead{tree: tree, heading: h})
	}
}

func (b *builder) blocks(in []doc.Block) ([]block, error) {
	out := make([]block, 0, len(in))
	for i, bl := range in {
		v, ok, err := b.block(i, bl)
		if err != nil {
			return nil, err
		}
		if ok {
			out = append(out, v)
		}
	}
	return out, nil
}

// block builds the block at index i; ok is false for a block that writes
// nothing (a heading with no text).
func (b *builder) block(i int, bl doc.Block) (v block, ok bool, err error) {
	switch x := bl.(type) {
	case doc.Heading:
		h, ok := b.heads[i]
		return block{Heading: &h}, ok, nil
	case doc.Contents:
		return block{Contents: b.contents(x)}, true, nil
	case doc.Note:
		n, err := b.note(x)
		return block{Note: n}, err == nil, err
	case doc.Table:
		return block{Table: b.table(i, x)}, true, nil
	case doc.Facts:
		return block{Facts: b.facts(x)}, len(x.Items) > 0, nil
	case doc.Break:
		return block{Break: true}, true, nil
	}
	return b.inner(bl)
}

// inner builds a block that may stand inside a note.
func (b *builder) inner(bl doc.Block) (v block, ok bool, err error) {
	switch x := bl.(type) {
	case doc.Paragraph:
		return block{Para: b.para(x)}, len(x.Inlines) > 0, nil
	case doc.List:
		return block{List: b.list(x)}, len(x.Items) > 0, nil
	}
	return block{}, false, fmt.Errorf("html: cannot write a %T here", bl)
}

func (b *builder) para(p doc.Paragraph) *para {
	class := ""
	switch p.Style {
	case doc.Small:
		class = "small"
	case doc.Label:
		class = "label"
	}
	return &para{Class: class, Inlines: b.inlines(p.Inlines)}
}

func (b *builder) list(l doc.List) *list {
	items := make([][]inline, len(l.Items))
	for i, it := range l.Items {
		items[i] = b.inlines(it)
	}
	return &list{Ordered: l.Ordered, Items: items}
}

func (b *builder) facts(f doc.Facts) *facts {
	out := &facts{Items: make([]fact, len(f.Items))}
	for i, it := range f.Items {
		out.Items[i] = fact{Label: it.Label, Value: b.inlines(it.Value)}
	}
	return out
}

func (b *builder) note(n doc.Note) (*note, error) {
	out := &note{Class: noteClass(n.Kind), Label: n.Label}
	if n.Label != "" {
		out.LabelID = b.ids.unique("gt-note")
	}
	for _, bl := range n.Blocks {
		v, ok, err := b.inner(bl)
		if err != nil {
			return nil, err
		}
		if ok {
			out.Blocks = append(out.Blocks, v)
		}
	}
	return out, nil
}

func noteClass(k doc.NoteKind) string {
	switch k {
	case doc.Drafting:
		return "drafting"
	case doc.Wording:
		return "wording"
	}
	return "caution"
}

// table builds a table whose rows all have as many cells as its widest
// row or header; a group row spans them all. The template writes a header
// cell with no text as a td, since an empty th heads nothing.
func (b *builder) table(at int, t doc.Table) *table {
	cols := len(t.Header)
	for _, r := range t.Rows {
		if !r.Group {
			cols = max(cols, len(r.Cells))
		}
	}
	cols = max(cols, 1)
	out := &table{Caption: t.Caption, Header: t.Header, Rows: make([]row, len(t.Rows))}
	if len(t.Header) > 0 {
		out.Header = pad(t.Header, cols)
	}
	if len(t.Widths) == cols {
		out.Widths = t.Widths
	}
	if t.Caption != "" {
		out.CaptionID = b.ids.unique("gt-table")
	}
	for i, r := range t.Rows {
		out.Rows[i] = b.row(r, cols)
		out.Rows[i].ID = b.rows[[2]int{at, i}]
	}
	return out
}

func (b *builder) row(r doc.Row, cols int) row {
	out := row{Group: r.Group, Span: cols}
	if r.Group {
		var all []doc.Inline
		for i, c := range r.Cells {
			if i > 0 {
				all = append(all, doc.Inline{Text: " "})
			}
			all = append(all, c...)
		}
		out.Cells = []cell{{Inlines: b.inlines(all)}}
		return out
	}
	out.Cells = make([]cell, cols)
	for i, c := range r.Cells {
		out.Cells[i] = cell{Class: toneClass[r.ToneOf(i)], Inlines: b.inlines(c)}
	}
	return out
}

func pad(s []string, n int) []string {
	if len(s) >= n {
		return s
	}
	out := make([]string, n)
	copy(out, s)
	return out
}

// contents lists the headings with ids at tree levels up to Depth (all of
// them when Depth is 0), nested by their h levels.
func (b *builder) contents(c doc.Contents) *contents {
	out := &contents{Title: c.Title}
	if c.Title != "" {
		out.TitleID = b.ids.unique("gt-contents")
	}
	var hs []tocHead
	for _, h := range b.toc {
		if c.Depth <= 0 || h.tree <= c.Depth {
			hs = append(hs, h)
		}
	}
	out.Items = tocTree(hs)
	return out
}

func tocTree(hs []tocHead) []tocItem {
	var out []tocItem
	for i := 0; i < len(hs); {
		j := i + 1
		for j < len(hs) && hs[j].Level > hs[i].Level {
			j++
		}
		out = append(out, tocItem{
			Href: "#" + hs[i].ID, Number: hs[i].Number, Text: hs[i].Text,
			Children: tocTree(hs[i+1 : j]),
		})
		i = j
	}
	return out
}

// inlines drops empty runs, and keeps a link only where it goes somewhere:
// to an id in the document, or to an http, https or mailto address.
func (b *builder) inlines(in []doc.Inline) []inline {
	out := make([]inline, 0, len(in))
	for _, r := range in {
		if r.Text == "" {
			continue
		}
		v := inline{Text: r.Text, Strong: r.Strong}
		v.Href, v.Ext = b.href(r.Link)
		out = append(out, v)
	}
	return out
}

func (b *builder) href(link string) (href string, ext bool) {
	if id, ok := strings.CutPrefix(link, "#"); ok {
		if out, ok := b.ids.target(id); ok {
			return "#" + out, false
		}
		return "", false
	}
	u, err := url.Parse(link)
	if err != nil {
		return "", false
	}
	var out string
	switch strings.ToLower(u.Scheme) {
	case "http", "https":
		if u.Host != "" && validHost(u.Host) {
			out = u.String()
		}
	case "mailto":
		if u.Opaque != "" {
			out = u.String()
		}
	}
	// The address as written must read back as itself: one a browser
	// would take otherwise is not made a link.
	if _, err := url.Parse(out); out == "" || err != nil {
		return "", false
	}
	return out, true
}

// validHost reports whether host (with any port) holds only what a host
// name or address may: letters, digits, dots, hyphens, and a bracketed
// IPv6 address's colons.
func validHost(host string) bool {
	return strings.IndexFunc(host, func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune(".-:[]", r))
	}) < 0
}

// lang returns the tag in canonical form, or en-GB when it is not one.
func lang(tag string) string {
	t, err := language.Parse(tag)
	if err != nil || t == language.Und {
		return "en-GB"
	}
	return t.String()
}

// first returns the first of s that is not empty. Where the tree lacks a
// text the page needs, the last is its key in brackets ("[skip]"), as
// model.Words writes a missing key, so that the gap shows.
func first(s ...string) string {
	for _, x := range s {
		if x != "" {
			return x
		}
	}
	return ""
}
