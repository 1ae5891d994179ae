package html_test

import (
	"bytes"
	"io"
	"strings"
	"testing"

	"github.com/goldenthread/goldenthread/internal/gtest"
	"github.com/goldenthread/goldenthread/internal/render/doc"
	"github.com/goldenthread/goldenthread/internal/render/doc/doctest"
	gthtml "github.com/goldenthread/goldenthread/internal/render/html"
	"github.com/goldenthread/goldenthread/internal/render/html/htmltest"
	xhtml "golang.org/x/net/html"
)

// written are the elements and attributes the writer writes; a fuzzed text
// that became markup would show as another.
var (
	writtenElements = set("html head meta title style body a header h1 h2 h3 h4 p main nav ul ol li span strong " +
		"div table caption colgroup col thead tbody tr th td dl dt dd section")
	writtenAttrs = set("lang charset name content class href id tabindex role aria-labelledby scope colspan style")
)

func set(s string) map[string]bool {
	m := map[string]bool{}
	for _, f := range strings.Fields(s) {
		m[f] = true
	}
	return m
}

// FuzzWrite writes a small document made of fuzzed strings, cleaned as the
// tree's texts are, and reads it back: it parses and passes Check, has only
// the elements and attributes the writer writes, and every fuzzed text is
// in its text.
func FuzzWrite(f *testing.F) {
	for _, h := range doctest.Hostile {
		f.Add(h, doctest.Welsh, "#"+h, h)
	}
	f.Add("", "", "", "")
	f.Add("Title", "-", "https://example.org/?a=<b>&c=\"d\"", "mailto:x@example.org")
	f.Fuzz(func(t *testing.T, title, text, link, id string) {
		title, text = doc.Clean(title), doc.Clean(text)
		d := &doc.Document{Meta: doc.Meta{Title: title, Author: text, Lang: text}}
		d.Blocks = []doc.Block{
			doc.Contents{Title: text, Depth: 3},
			doc.Heading{Level: 1, ID: id, Number: text, Text: title},
			doc.Paragraph{Inlines: []doc.Inline{{Text: text, Link: link}, {Text: title, Link: "#" + id}}},
			doc.List{Ordered: true, Items: [][]doc.Inline{doc.Text(text)}},
			doc.Table{Caption: text + ".", Header: []string{title, "H"}, Rows: []doc.Row{
				{ID: id, Cells: [][]doc.Inline{doc.Text(text), {{Text: title, Link: link}}}},
				{Group: true, Cells: [][]doc.Inline{doc.Text(title)}},
			}},
			doc.Facts{Items: []doc.Fact{{Label: title, Value: doc.Text(text)}}},
			doc.Note{Kind: doc.Drafting, Label: text, Blocks: []doc.Block{doc.Paragraph{Inlines: doc.Text(title)}}},
		}
		var b bytes.Buffer
		if err := gthtml.Write(&b, d); err != nil {
			t.Fatal(err)
		}
		data := b.Bytes()
		htmltest.Check(t, data)
		markup(t, data)
		got := htmltest.Text(t, data)
		for _, s := range []string{title, text} {
			if !strings.Contains(got, collapse(s)) {
				t.Errorf("the text lacks %q", s)
			}
		}
	})
}

// markup fails on an element or attribute that the writer does not write.
func markup(t *testing.T, data []byte) {
	t.Helper()
	for _, n := range elements(htmltest.Parse(t, data), "") {
		if !writtenElements[n.Data] {
			t.Errorf("element <%s> in the output", n.Data)
		}
		for _, a := range n.Attr {
			if !writtenAttrs[a.Key] || a.Namespace != "" {
				t.Errorf("attribute %s on <%s> in the output", a.Key, n.Data)
			}
		}
	}
	// Comments and doctypes other than the first are markup too.
	z := xhtml.NewTokenizer(bytes.NewReader(data))
	doctypes := 0
	for tt := z.Next(); tt != xhtml.ErrorToken; tt = z.Next() {
		switch tt {
		case xhtml.CommentToken:
			t.Errorf("comment in the output: %q", z.Token().Data)
		case xhtml.DoctypeToken:
			if doctypes++; doctypes > 1 {
				t.Error("a second doctype in the output")
			}
		}
	}
	if z.Err() != io.EOF {
		t.Error(z.Err())
	}
}

// collapse is the text as HTML shows it: runs of ASCII white space as one
// space. Clean leaves single spaces, so it changes nothing there.
func collapse(s string) string {
	return strings.Join(strings.FieldsFunc(s, func(r rune) bool { return r == ' ' || r == '\t' || r == '\n' || r == '\f' || r == '\r' }), " ")
}

// BenchmarkWrite writes the sample document.
func BenchmarkWrite(b *testing.B) {
	d := doctest.Sample()
	b.ReportAllocs()
	start := gtest.CPUTime()
	for b.Loop() {
		if err := gthtml.Write(io.Discard, d); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(gtest.CPUTime()-start)/float64(b.N), "cpu-ns/op")
}
