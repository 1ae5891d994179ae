package markdown

import (
	"strings"
	"testing"

	"github.com/goldenthread/goldenthread/internal/render/doc"
	"github.com/goldenthread/goldenthread/internal/render/doc/doctest"
	"github.com/goldenthread/goldenthread/internal/render/markdown/mdtest"
	"github.com/yuin/goldmark/ast"
)

// fuzzDoc puts a and b in every place a writer puts text, b strong where
// a run can be.
func fuzzDoc(a, b string) *doc.Document {
	return &doc.Document{Meta: doc.Meta{Title: a, Subtitle: b}, Blocks: []doc.Block{
		doc.Heading{Level: 1, ID: "h", Number: "1", Text: a},
		doc.Paragraph{Inlines: []doc.Inline{{Text: a}, {Text: b, Strong: true}, {Text: a, Link: "#h"}, {Text: b}}},
		doc.Paragraph{Style: doc.Small, Inlines: doc.Text(a)},
		doc.List{Ordered: true, Items: [][]doc.Inline{doc.Text(a), {{Text: b, Strong: true}}}},
		doc.List{Ordered: true, Items: [][]doc.Inline{doc.Text(b)}},
		doc.Table{Caption: a, Header: []string{a, b}, Rows: []doc.Row{
			{Cells: [][]doc.Inline{doc.Text(b), doc.Text(a)}},
			{Group: true, Cells: [][]doc.Inline{doc.Text(b)}},
		}},
		doc.Facts{Items: []doc.Fact{{Label: a, Value: doc.Text(b)}}},
		doc.Note{Label: b, Blocks: []doc.Block{doc.Paragraph{Inlines: doc.Text(a)}}},
	}}
}

func FuzzWrite(f *testing.F) {
	for _, h := range doctest.Hostile {
		f.Add(h, doctest.Welsh)
	}
	f.Add("1", ". x")
	f.Add("www", ".example.org")
	f.Add("a", "(b)")
	f.Add("0", "!!")
	f.Add("http:", "//x.example")
	f.Fuzz(func(t *testing.T, a, b string) {
		a, b = doc.Clean(a), doc.Clean(b)
		if a == "" || b == "" {
			t.Skip()
		}
		d := fuzzDoc(a, b)
		data := write(t, d)
		mdtest.Check(t, data)
		if got, want := mdtest.Text(t, data), expectText(d); got != want {
			t.Fatalf("text read back differs\ngot:  %q\nwant: %q\n%s", got, want, data)
		}
		checkMarkup(t, data, a, b)
	})
}

// checkMarkup makes sure the only emphasis is around b, where b is strong,
// or a, where a paragraph is small, and the only link is the one to "#h".
func checkMarkup(t *testing.T, data []byte, a, b string) {
	t.Helper()
	_, body, root := mdtest.Parse(data)
	_ = ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Emphasis:
			got := strings.TrimSpace(mdtest.Inline(n, body))
			// goldmark's text and got are trimmed of white space, no-break
			// spaces included, so a and b are compared trimmed too.
			if got != strings.TrimSpace(b) && got != strings.TrimSpace(a) && got != strings.TrimSpace(a+":") && got != b {
				t.Fatalf("emphasis around %q\n%s", got, data)
			}
		case *ast.Link:
			if string(n.Destination) != "#h" || mdtest.Inline(n, body) != a {
				t.Fatalf("link %q to %q\n%s", mdtest.Inline(n, body), n.Destination, data)
			}
		}
		return ast.WalkContinue, nil
	})
}
