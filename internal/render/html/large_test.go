package html_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/goldenthread/goldenthread/internal/render/doc"
	"github.com/goldenthread/goldenthread/internal/render/doc/doctest"
	"github.com/goldenthread/goldenthread/internal/render/html/htmltest"
)

// large is the size of the real specification: the sample's parts eight
// times over (about 150 headings, 70 tables), ids kept unique.
func large() *doc.Document {
	d := doctest.Sample()
	body := d.Blocks[1:]
	d.Blocks = d.Blocks[:1]
	for i := range 8 {
		for _, b := range body {
			switch x := b.(type) {
			case doc.Heading:
				x.ID = fmt.Sprint(x.ID, "-", i)
				b = x
			case doc.Table:
				for range 8 {
					d.Blocks = append(d.Blocks, x)
				}
				x.Rows = append([]doc.Row(nil), x.Rows...)
				x.Rows[2].ID = fmt.Sprint("row-", i)
				b = x
			case doc.Paragraph:
				in := append([]doc.Inline(nil), x.Inlines...)
				for j := range in {
					if in[j].Link == "#s3" {
						in[j].Link = fmt.Sprint("#s3-", i)
					}
				}
				x.Inlines = in
				b = x
			}
			d.Blocks = append(d.Blocks, b)
		}
	}
	return d
}

// TestAxeLarge times the browser checks on a document the size of the
// real specification.
func TestAxeLarge(t *testing.T) {
	if testing.Short() {
		t.Skip("a large document in the browser")
	}
	d := large()
	data := write(t, d)
	htmltest.Check(t, data)
	start := time.Now()
	htmltest.Axe(t, data)
	t.Logf("%d bytes; browser checks took %v", len(data), time.Since(start).Round(time.Millisecond))
}
