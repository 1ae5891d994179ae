// Package doc is the shape the editable documents share: the asks paper and
// the specification as a tree of headings, paragraphs, lists, tables and
// notes, built once from a Pack and written by the docx, html and markdown
// packages. Every text in the tree is already cleaned (see Clean): valid
// UTF-8, no control characters, white space collapsed. Writers escape it for
// their format and never interpret it: a profile's text is never markup.
package doc

import "time"

// Document is one document: its properties and its blocks in order.
type Document struct {
	Meta   Meta
	Blocks []Block
}

// Meta holds the document's properties.
type Meta struct {
	Title       string
	Subtitle    string // printed under the title, e.g. the employer's name
	Subject     string
	Author      string
	Keywords    string
	Description string
	Creator     string // "goldenthread v1.2.3"
	Lang        string // BCP 47 tag, "en-GB"
	Date        time.Time
	// Kind names the document for file names and properties: "asks" or
	// "specification".
	Kind string
	// Skip is the text of the link past what comes before the text, in
	// formats that have one (HTML's "Skip to main content"): wording, from
	// templates/ like every other text.
	Skip string
}

// Block is one of Heading, Paragraph, List, Table, Facts, Note, Contents
// and Break.
type Block interface{ block() }

// Heading is a heading at Level 1 (a part) to 3 (an item in a section).
// ID, when set, is unique in the document and is what links to it name
// ("#" + ID); Number, when set, is printed before Text ("3.2", "12.").
type Heading struct {
	Level  int
	ID     string
	Number string
	Text   string
}

// Style is how a paragraph is set.
type Style int

const (
	Body  Style = iota
	Small       // a line of details under a heading: theme, lever, stage
	Label       // a bold run-in label that leads what follows ("Guidance")
)

// Paragraph is one paragraph of inline runs.
type Paragraph struct {
	Style   Style
	Inlines []Inline
}

// Inline is a run of text: strong, and a link when Link is set. Link is
// "#" + a Heading's or anchor's ID, or an absolute http or https address;
// writers make nothing else a link.
type Inline struct {
	Text   string
	Strong bool
	Link   string
}

// List is a bulleted list, or a numbered one from 1 when Ordered: every
// numbered list restarts at 1. Each item is one paragraph.
type List struct {
	Ordered bool
	Items   [][]Inline
}

// Table is a table of data with a header row: never used for layout.
// Caption says what it holds. A row's cells are inline runs; a row with
// Group set is a sub-heading spanning the table (one cell).
type Table struct {
	Caption string
	Header  []string
	Rows    []Row
	// Widths are the columns' relative widths, summing to about 100, for
	// writers that set them; nil for equal columns.
	Widths []int
}

// Row is one row of a Table.
type Row struct {
	Cells [][]Inline
	Group bool
	ID    string // anchor on the row, or ""
	// Tones colour the row's cells, by cell; a missing or None tone is
	// plain. A tone only repeats what the cell's text says (a rating), so
	// a format without colour loses nothing.
	Tones []Tone
}

// Tone is the colour a cell is shaded with: good to bad, as ratings are.
type Tone int

const (
	None Tone = iota
	Good
	Fair
	Poor
	Bad
	Neutral // a rating outside the scale's order, such as Other
)

// ToneOf returns the tone of row r's cell i.
func (r Row) ToneOf(i int) Tone {
	if i < len(r.Tones) {
		return r.Tones[i]
	}
	return None
}

// Facts is a list of labelled values, such as the procurement's details.
type Facts struct {
	Items []Fact
}

// Fact is one labelled value.
type Fact struct {
	Label string
	Value []Inline
}

// Note is set apart from the text around it: a caution in the asks, a
// drafting note in the specification (Label says which, and says it is not
// contract text), or a requirement's wording in the asks (Kind Wording).
type Note struct {
	Kind   NoteKind
	Label  string
	Blocks []Block // Paragraphs and Lists
}

// NoteKind is what a Note is.
type NoteKind int

const (
	Caution  NoteKind = iota // legal limits, cautions
	Drafting                 // a drafting note: not contract text
	Wording                  // suggested wording, quoted in the asks
)

// Contents is where the table of contents goes: a list of the headings at
// levels up to Depth that have an ID, linked to them.
type Contents struct {
	Title string
	Depth int
}

// Break starts a new page in formats that have pages.
type Break struct{}

func (Heading) block()   {}
func (Paragraph) block() {}
func (List) block()      {}
func (Table) block()     {}
func (Facts) block()     {}
func (Note) block()      {}
func (Contents) block()  {}
func (Break) block()     {}

// Text returns runs of plain text as one inline slice.
func Text(s string) []Inline {
	if s == "" {
		return nil
	}
	return []Inline{{Text: s}}
}

// Plain returns the text of runs joined.
func Plain(in []Inline) string {
	n := 0
	for _, r := range in {
		n += len(r.Text)
	}
	b := make([]byte, 0, n)
	for _, r := range in {
		b = append(b, r.Text...)
	}
	return string(b)
}
