package pdf_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/goldenthread/goldenthread/internal/gtest"
	"github.com/goldenthread/goldenthread/internal/render/doc"
	"github.com/goldenthread/goldenthread/internal/render/doc/doctest"
	"github.com/goldenthread/goldenthread/internal/render/pdf"
)

// TestRenderDocument renders the sample document tree and reads it back
// with poppler: every heading, cell, note and hostile text is there, the
// same input gives the same bytes, and its headings are in the outline.
func TestRenderDocument(t *testing.T) {
	d := doctest.Sample()
	var a, b bytes.Buffer
	if err := pdf.RenderDocument(&a, d, "Page %s of %s"); err != nil {
		t.Fatal(err)
	}
	if err := pdf.RenderDocument(&b, doctest.Sample(), "Page %s of %s"); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Error("the same document gives different bytes")
	}
	text := strings.Join(strings.Fields(gtest.PDFText(t, a.Bytes())), " ")
	want := []string{"Contract performance conditions", "Key performance indicators for 3.20", "Inadequate", "Drafting note (not contract text)", "Union recognition can be encouraged, not required."}
	want = append(want, doctest.Hostile...)
	for _, w := range want {
		if !strings.Contains(text, strings.Join(strings.Fields(w), " ")) {
			t.Errorf("the PDF lacks %q", w)
		}
	}
	outline := gtest.Poppler(t, a.Bytes(), "pdftohtml", "-xml", "-stdout", "-i", "-q")
	for _, b := range d.Blocks {
		if h, ok := b.(doc.Heading); ok && h.ID != "" && h.Level == 1 {
			if !strings.Contains(outline, strings.TrimSpace(h.Number+" "+h.Text)) {
				t.Errorf("heading %q is not in the outline", h.Text)
			}
		}
	}
}
