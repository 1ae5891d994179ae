package html_test

import (
	"bytes"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/goldenthread/goldenthread/internal/gtest"
	"github.com/goldenthread/goldenthread/internal/render/doc"
	"github.com/goldenthread/goldenthread/internal/render/doc/doctest"
	gthtml "github.com/goldenthread/goldenthread/internal/render/html"
	"github.com/goldenthread/goldenthread/internal/render/html/htmltest"
	xhtml "golang.org/x/net/html"
)

func write(t testing.TB, d *doc.Document) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := gthtml.Write(&b, d); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// TestGolden keeps the sample's HTML in testdata, to read its changes in
// review.
func TestGolden(t *testing.T) {
	gtest.Golden(t, filepath.Join("testdata", "sample.html"), write(t, doctest.Sample()))
}

func TestCheckSample(t *testing.T) {
	htmltest.Check(t, write(t, doctest.Sample()))
}

func TestAxeSample(t *testing.T) {
	start := time.Now()
	htmltest.Axe(t, write(t, doctest.Sample()))
	t.Logf("browser checks took %v", time.Since(start).Round(time.Millisecond))
}

// TestHeadings reads the headings back: the title as the only h1, the
// contents' title, then every heading of the tree in order, at h2 to h4.
func TestHeadings(t *testing.T) {
	d := doctest.Sample()
	want := []string{"h1 " + d.Meta.Title, "h2 Contents"}
	for _, b := range d.Blocks {
		if h, ok := b.(doc.Heading); ok {
			lvl := "h3"
			if h.Level == 1 {
				lvl = "h2"
			}
			want = append(want, lvl+" "+strings.TrimSpace(h.Number+" "+h.Text))
		}
	}
	got := htmltest.Headings(t, write(t, d))
	if !slices.Equal(got, want) {
		t.Errorf("headings:\n got %q\nwant %q", got, want)
	}
}

// TestText finds every hostile text and the Welsh letters as text, in the
// body and in the head's properties.
func TestText(t *testing.T) {
	d := doctest.Sample()
	data := write(t, d)
	text := htmltest.Text(t, data)
	for _, s := range append(slices.Clone(doctest.Hostile), doctest.Welsh, d.Meta.Subtitle) {
		if !strings.Contains(text, s) {
			t.Errorf("the body's text lacks %q", s)
		}
	}
	root := htmltest.Parse(t, data)
	meta := map[string]string{}
	for _, m := range elements(root, "meta") {
		meta[attr(m, "name")] = attr(m, "content")
	}
	for name, want := range map[string]string{
		"author": d.Meta.Author, "keywords": d.Meta.Keywords,
		"description": d.Meta.Description, "generator": d.Meta.Creator,
	} {
		if meta[name] != want {
			t.Errorf("meta %s = %q, want %q", name, meta[name], want)
		}
	}
	if got := textOf(elements(root, "title")[0]); got != d.Meta.Title {
		t.Errorf("title = %q, want %q", got, d.Meta.Title)
	}
	if got := attr(elements(root, "html")[0], "lang"); got != "en-GB" {
		t.Errorf("lang = %q", got)
	}
}

// TestLinks: internal links go to ids, external ones keep their address and
// are marked for print, and a javascript: link is only its text.
func TestLinks(t *testing.T) {
	root := htmltest.Parse(t, write(t, doctest.Sample()))
	links := map[string]string{}
	var ext []string
	for _, a := range elements(root, "a") {
		links[textOf(a)] = attr(a, "href")
		if attr(a, "class") == "ext" {
			ext = append(ext, attr(a, "href"))
		}
	}
	for text, href := range map[string]string{
		"section 3":                  "#s3",
		"the Living Wage Foundation": "https://www.livingwage.org.uk/what-real-living-wage",
		"branch@example.org":         "mailto:branch@example.org",
		"3.20 Real Living Wage for everyone on the contract": "#s3-living-wage",
	} {
		if links[text] != href {
			t.Errorf("link %q goes to %q, want %q", text, links[text], href)
		}
	}
	if href, ok := links["click"]; ok {
		t.Errorf("the javascript: link was written as a link to %q", href)
	}
	if len(ext) != 3 {
		t.Errorf("external links marked for print: %q, want 3", ext)
	}
}

// TestBlocks reads back each kind of block's markup.
func TestBlocks(t *testing.T) {
	root := htmltest.Parse(t, write(t, doctest.Sample()))
	for _, ol := range elements(root, "ol") {
		if hasAttr(ol, "start") {
			t.Errorf("an <ol> starts at %s: every numbered list restarts at 1", attr(ol, "start"))
		}
	}
	if n := len(elements(root, "ol")); n != 3 {
		t.Errorf("%d <ol>, want 3", n)
	}
	tables := elements(root, "table")
	if len(tables) != 1 {
		t.Fatalf("%d tables, want 1", len(tables))
	}
	tb := tables[0]
	wrap := tb.Parent
	if attr(wrap, "class") != "table" || attr(wrap, "tabindex") != "0" || attr(wrap, "role") != "group" ||
		attr(wrap, "aria-labelledby") != attr(elements(tb, "caption")[0], "id") {
		t.Errorf("the table's wrapper is %v", wrap.Attr)
	}
	var cols []string
	for _, th := range elements(tb, "th") {
		switch attr(th, "scope") {
		case "col":
			cols = append(cols, textOf(th))
		case "colgroup":
			if textOf(th) != "Pay" || attr(th, "colspan") != "4" {
				t.Errorf("group row: %q colspan %s", textOf(th), attr(th, "colspan"))
			}
		}
	}
	if !slices.Equal(cols, []string{"Measure", "Unit", "Target", "Frequency"}) {
		t.Errorf("column headers %q", cols)
	}
	if rows := elements(tb, "tr"); attr(rows[len(rows)-1], "id") != "row-hostile" {
		t.Errorf("the last row's id is %q", attr(rows[len(rows)-1], "id"))
	}
	if dts := elements(root, "dt"); len(dts) != 3 || textOf(dts[0]) != "Employer" {
		t.Errorf("facts: %d terms", len(dts))
	}
	if n := len(elements(root, "div")) - 1; n != 1 {
		t.Errorf("%d page breaks, want 1", n)
	}
	notes(t, root)
	contents(t, root)
}

func notes(t *testing.T, root *xhtml.Node) {
	t.Helper()
	var got []string
	for _, s := range elements(root, "section") {
		if attr(s, "role") != "note" {
			continue
		}
		label := elements(s, "p")[0]
		if attr(label, "id") != attr(s, "aria-labelledby") {
			t.Errorf("note %q is not labelled by its label", textOf(label))
		}
		got = append(got, attr(s, "class")+": "+textOf(label))
	}
	want := []string{"note drafting: Drafting note (not contract text)", "note caution: Caution", "note wording: Wording"}
	if !slices.Equal(got, want) {
		t.Errorf("notes %q, want %q", got, want)
	}
}

func contents(t *testing.T, root *xhtml.Node) {
	t.Helper()
	navs := elements(root, "nav")
	if len(navs) != 1 {
		t.Fatalf("%d <nav>, want 1", len(navs))
	}
	nav := navs[0]
	if h := elements(nav, "h2"); len(h) != 1 || attr(h[0], "id") != attr(nav, "aria-labelledby") {
		t.Error("the contents are not labelled by their heading")
	}
	var got []string
	for _, a := range elements(nav, "a") {
		got = append(got, attr(a, "href"))
	}
	want := []string{"#complete", "#facts", "#s3", "#s3-living-wage", "#s4"}
	if !slices.Equal(got, want) {
		t.Errorf("contents link to %q, want %q", got, want)
	}
	if n := len(elements(nav, "ul")); n != 2 {
		t.Errorf("contents nest %d lists, want 2 (the parts, and the sections of part 3)", n)
	}
}

// TestDeterministic writes the same document twice, and a second copy of
// it, and wants the same bytes.
func TestDeterministic(t *testing.T) {
	a := write(t, doctest.Sample())
	b := write(t, doctest.Sample())
	d := doctest.Sample()
	c := write(t, d)
	if !bytes.Equal(a, b) || !bytes.Equal(a, write(t, d)) || !bytes.Equal(a, c) {
		t.Error("the same document gave different bytes")
	}
}

// TestTones checks a cell's tone becomes its class, and only on that cell.
func TestTones(t *testing.T) {
	var b bytes.Buffer
	if err := gthtml.Write(&b, doctest.Sample()); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`<td class="tone-good">%</td>`, `<td class="tone-bad">Inadequate</td>`, `<td class="tone-neutral">Other</td>`, `<td>Rated</td>`} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("the sample lacks %s", want)
		}
	}
}

// TestOddAddresses checks an address a browser would read otherwise than
// as written (a bracket in the host, which would be escaped into an
// invalid one) stays text, not a link, as the fuzzer found.
func TestOddAddresses(t *testing.T) {
	d := &doc.Document{Meta: doc.Meta{Title: "T", Skip: "Skip", Lang: "en-GB"}, Blocks: []doc.Block{
		doc.Paragraph{Inlines: []doc.Inline{{Text: "odd", Link: `https://example.org(?a=<b>&c="d"`}, {Text: " fine", Link: "https://example.org/a?b=c"}}},
	}}
	var b bytes.Buffer
	if err := gthtml.Write(&b, d); err != nil {
		t.Fatal(err)
	}
	htmltest.Check(t, b.Bytes())
	if strings.Contains(b.String(), "%28") || !strings.Contains(b.String(), `href="https://example.org/a?b=c"`) {
		t.Errorf("links: %s", b.String()[strings.Index(b.String(), "<main"):])
	}
}
