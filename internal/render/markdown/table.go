package markdown

import (
	"github.com/goldenthread/goldenthread/internal/render/doc"
)

// table writes a table as a GFM pipe table after its caption, an
// emphasised paragraph. A group row has its text in bold in the first
// cell and the others empty. Every row has as many cells as the widest,
// so no text is dropped.
func (w *writer) table(b []byte, t doc.Table) []byte {
	cols := len(t.Header)
	for _, r := range t.Rows {
		cols = max(cols, len(r.Cells))
	}
	if cols == 0 {
		return b
	}
	if t.Caption != "" {
		b = w.paragraph(b, doc.Paragraph{Style: doc.Small, Inlines: doc.Text(t.Caption)})
		b = append(b, '\n')
	}
	header := make([][]run, cols)
	for i, h := range t.Header {
		header[i] = w.runs(doc.Text(h), false)
	}
	b = w.row(b, "", header)
	for range cols {
		b = append(b, "| --- "...)
	}
	b = append(b, "|\n"...)
	for _, r := range t.Rows {
		cells := make([][]run, cols)
		for i, c := range r.Cells {
			cells[i] = w.runs(c, r.Group && i == 0)
		}
		b = w.row(b, r.ID, cells)
	}
	return b
}

// row writes one row of cells, with the row's anchor in the first.
func (w *writer) row(b []byte, id string, cells [][]run) []byte {
	for i, c := range cells {
		b = append(b, "| "...)
		if i == 0 {
			b = anchorTag(b, id)
		}
		b = w.inlines(b, c, newInline())
		b = append(b, ' ')
	}
	return append(b, "|\n"...)
}
