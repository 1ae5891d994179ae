package markdown

import (
	"bytes"
	"io"
	"strings"
	"testing"

	"github.com/goldenthread/goldenthread/internal/gtest"
	"github.com/goldenthread/goldenthread/internal/render/doc"
	"github.com/goldenthread/goldenthread/internal/render/doc/doctest"
	"github.com/goldenthread/goldenthread/internal/render/markdown/mdtest"
	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"gopkg.in/yaml.v2"
)

func write(t testing.TB, d *doc.Document) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := Write(&buf, d); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestGolden(t *testing.T) {
	gtest.Golden(t, "testdata/sample.md", write(t, doctest.Sample()))
}

func TestDeterministic(t *testing.T) {
	a, b := write(t, doctest.Sample()), write(t, doctest.Sample())
	if !bytes.Equal(a, b) {
		t.Fatal("two writes of the sample differ")
	}
	if bytes.Contains(a, []byte("\r")) || !bytes.HasSuffix(a, []byte("\n")) || bytes.HasSuffix(a, []byte("\n\n")) {
		t.Error("output is not LF lines ending in one newline")
	}
}

func TestCheckSample(t *testing.T) {
	mdtest.Check(t, write(t, doctest.Sample()))
}

// TestTextSample reads the sample back and compares its text, block by
// block, with the text in the tree: every hostile and Welsh text comes out
// as itself.
func TestTextSample(t *testing.T) {
	d := doctest.Sample()
	got := mdtest.Text(t, write(t, d))
	want := expectText(d)
	if got != want {
		t.Errorf("text read back differs\n%s", gtest.FirstDiff(want, got))
	}
	for _, h := range append(doctest.Hostile, doctest.Welsh) {
		if !strings.Contains(got, h) {
			t.Errorf("%q is not in the text read back", h)
		}
	}
}

// expectText is the text mdtest.Text should read from what Write makes of
// d, from the tree alone.
func expectText(d *doc.Document) string {
	var lines []string
	add := func(s ...string) { lines = append(lines, s...) }
	add(d.Meta.Title)
	if d.Meta.Subtitle != "" {
		add(d.Meta.Subtitle)
	}
	var blocks func(bs []doc.Block)
	blocks = func(bs []doc.Block) {
		for _, b := range bs {
			switch b := b.(type) {
			case doc.Heading:
				add(joinNumber(b.Number, b.Text))
			case doc.Paragraph:
				add(doc.Plain(b.Inlines))
			case doc.List:
				for _, it := range b.Items {
					add(doc.Plain(it))
				}
			case doc.Facts:
				for _, f := range b.Items {
					add(f.Label + ": " + doc.Plain(f.Value))
				}
			case doc.Table:
				add(b.Caption, strings.Join(b.Header, "\t"))
				for _, r := range b.Rows {
					cells := make([]string, len(b.Header))
					for i, c := range r.Cells {
						cells[i] = doc.Plain(c)
					}
					add(strings.Join(cells, "\t"))
				}
			case doc.Note:
				add(b.Label)
				blocks(b.Blocks)
			case doc.Contents:
				add(b.Title)
				for _, h := range d.Blocks {
					if h, ok := h.(doc.Heading); ok && h.ID != "" && h.Level <= b.Depth {
						add(joinNumber(h.Number, h.Text))
					}
				}
			}
		}
	}
	blocks(d.Blocks)
	return strings.Join(lines, "\n") + "\n"
}

// TestStructure walks the tree goldmark reads: headings at their levels,
// lists with their items from 1, the table's columns, and only the
// emphasis and links the tree asks for.
func TestStructure(t *testing.T) {
	d := doctest.Sample()
	_, body, root := mdtest.Parse(write(t, d))
	var heads, lists, strong, links []string
	_ = ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Heading:
			heads = append(heads, string(rune('0'+n.Level))+" "+mdtest.Inline(n, body))
		case *ast.List:
			start := 0
			if n.IsOrdered() {
				start = n.Start
			}
			lists = append(lists, string(rune('0'+start))+":"+itoa(n.ChildCount()))
		case *ast.Emphasis:
			if n.Level == 2 {
				strong = append(strong, mdtest.Inline(n, body))
			}
		case *ast.Link:
			links = append(links, string(n.Destination)+" "+mdtest.Inline(n, body))
		case *east.Table:
			for r := n.FirstChild(); r != nil; r = r.NextSibling() {
				if r.ChildCount() != 4 {
					t.Errorf("table row with %d cells; want 4", r.ChildCount())
				}
			}
		}
		return ast.WalkContinue, nil
	})
	wantHeads := []string{"1 " + d.Meta.Title}
	var wantLinks []string
	for _, b := range d.Blocks {
		switch b := b.(type) {
		case doc.Contents:
			wantHeads = append(wantHeads, "2 "+b.Title)
			for _, h := range d.Blocks {
				if h, ok := h.(doc.Heading); ok && h.ID != "" && h.Level <= b.Depth {
					wantLinks = append(wantLinks, "#"+h.ID+" "+joinNumber(h.Number, h.Text))
				}
			}
		case doc.Heading:
			// The sample's items (level 3) come straight under a part
			// (level 1): they are written a level up.
			level := b.Level + 1
			if b.Level == 3 {
				level = 3
			}
			wantHeads = append(wantHeads, itoa(level)+" "+joinNumber(b.Number, b.Text))
		}
	}
	// The sample's other links, its strong runs and its lists in order:
	// contents (three parts, two sections under the third), the
	// checklist, the facts, the ordered list, the drafting note's bullets,
	// the wording's numbers and the sources.
	wantLinks = append(wantLinks, "mailto:branch@example.org branch@example.org",
		"https://www.livingwage.org.uk/what-real-living-wage the Living Wage Foundation", "#s3 section 3",
		"https://www.legislation.gov.uk/ukpga/1996/18 Employment Rights Act 1996")
	wantStrong := []string{"3.1 Real Living Wage:", "Employer:", "Procurement:", "Contact:",
		"at least £13.45 an hour", "Key performance indicators", "Pay",
		"Drafting note (not contract text)", "Caution", "Wording"}
	wantLists := []string{"0:3", "0:2", "0:2", "0:3", "1:3", "0:2", "1:2", "1:2"}
	compare(t, "headings", heads, wantHeads)
	compare(t, "lists (start:items)", lists, wantLists)
	compare(t, "strong", strong, wantStrong)
	compare(t, "links", links, wantLinks)
}

func compare(t *testing.T, what string, got, want []string) {
	t.Helper()
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("%s:\n got %q\nwant %q", what, got, want)
	}
}

func itoa(n int) string {
	if n < 10 {
		return string(rune('0' + n))
	}
	return itoa(n/10) + string(rune('0'+n%10))
}

// TestMeta reads the metadata block as YAML, then each value as Markdown,
// as pandoc does, and gets the tree's text back.
func TestMeta(t *testing.T) {
	d := doctest.Sample()
	front, _ := mdtest.Split(write(t, d))
	var m map[string]any
	if err := yaml.Unmarshal(front, &m); err != nil {
		t.Fatalf("metadata block: %v\n%s", err, front)
	}
	want := map[string]string{
		"title": d.Meta.Title, "subtitle": d.Meta.Subtitle, "author": d.Meta.Author,
		"subject": d.Meta.Subject, "description": d.Meta.Description,
		"lang": "en-GB", "date": "2026-11-30",
	}
	for k, v := range want {
		s, _ := m[k].(string)
		if got := strings.TrimSuffix(mdtest.Text(t, []byte(s)), "\n"); got != v {
			t.Errorf("%s: read %q; want %q", k, got, v)
		}
	}
	kw, _ := m["keywords"].([]any)
	var got []string
	for _, k := range kw {
		s, _ := k.(string)
		got = append(got, strings.TrimSuffix(mdtest.Text(t, []byte(s)), "\n"))
	}
	compare(t, "keywords", got, []string{"Living Wage", "equality", doctest.Hostile[2]})
}

func BenchmarkWrite(b *testing.B) {
	d := doctest.Sample()
	b.ReportAllocs()
	start := gtest.CPUTime()
	for b.Loop() {
		if err := Write(io.Discard, d); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(gtest.CPUTime()-start)/float64(b.N), "cpu-ns/op")
}
