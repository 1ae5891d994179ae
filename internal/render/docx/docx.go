// Package docx writes a doc.Document as a Word document (DOCX) with real
// Word styles: Title and Heading 1–3, numbered lists that restart for each
// list, a Note style for drafting notes and cautions, tables with a
// repeating header row, a table of contents linked to bookmarks, and the
// document's properties and language. The same document always gives the
// same bytes.
//
// It is built on github.com/gomutex/godocx (MIT licence, maintained, a
// typed model of WordprocessingML in wml/ctypes, per-list numbering
// instances, sorted zip entries with fixed times). github.com/fumiama/go-docx
// was also weighed: its paragraphs take any element, which would make
// bookmarks easy, but it is AGPL-3.0 (not a licence this tool can take on),
// writes its zip entries in map order (not deterministic), and has no
// numbering or styles API. What godocx cannot do is written by hand, kept
// small, and said where it is done: bookmarks and internal hyperlinks (see
// raw.go), the document properties (props.go) and the styles (styles.go,
// through its ctypes).
package docx

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"slices"

	"github.com/gomutex/godocx/common/constants"
	gdocx "github.com/gomutex/godocx/docx"

	"github.com/goldenthread/goldenthread/internal/render/doc"
)

// Write writes d to w as a DOCX file.
func Write(w io.Writer, d *doc.Document) (err error) {
	if d == nil {
		return fmt.Errorf("docx: no document")
	}
	defer func() {
		// godocx is a young library: a panic in it is this document failing
		// to write, not the program failing.
		if r := recover(); r != nil {
			err = fmt.Errorf("docx: writing %q: %v", d.Meta.Title, r)
		}
	}()
	b, err := build(d)
	if err != nil {
		return fmt.Errorf("docx: %w", err)
	}
	_, err = w.Write(b)
	return err
}

// build returns the whole file.
func build(d *doc.Document) ([]byte, error) {
	rd, err := newRoot()
	if err != nil {
		return nil, err
	}
	wr := newWriter(rd, d)
	if err := wr.setup(); err != nil {
		return nil, err
	}
	wr.title()
	for i, b := range d.Blocks {
		if _, ok := b.(doc.Note); ok && i > 0 {
			if _, ok := d.Blocks[i-1].(doc.Note); ok {
				// Word and LibreOffice join adjacent paragraphs with the
				// same borders into one box: an empty paragraph keeps two
				// notes apart.
				wr.rd.AddEmptyParagraph()
			}
		}
		wr.block(b)
	}
	// The body is marshalled here, by godocx's own types, and godocx writes
	// the package around an empty one: finish puts the body in once its
	// placeholders are filled, so the biggest part is compressed once,
	// not compressed, read back and compressed again.
	body, err := xml.Marshal(rd.Document)
	if err != nil {
		return nil, err
	}
	full := rd.Document.Body
	rd.Document.Body = nil
	defer func() { rd.Document.Body = full }()
	var buf bytes.Buffer
	if err := rd.Write(&buf); err != nil {
		return nil, err
	}
	return wr.finish(buf.Bytes(), append(slices.Clip(constants.XMLHeader), body...))
}

// writer carries what the blocks share while the document is built.
type writer struct {
	rd    *gdocx.RootDoc
	d     *doc.Document
	marks map[string]string // a heading's or row's ID → its bookmark name
	raw   []string          // hand-written XML, by placeholder number (raw.go)
	nmark int               // bookmarks made so far, for their w:id
}

func newWriter(rd *gdocx.RootDoc, d *doc.Document) *writer {
	return &writer{rd: rd, d: d, marks: bookmarkNames(d.Blocks)}
}
