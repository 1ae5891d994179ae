package docx_test

import (
	"archive/zip"
	"bytes"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/goldenthread/goldenthread/internal/render/doc"
	"github.com/goldenthread/goldenthread/internal/render/doc/doctest"
	"github.com/goldenthread/goldenthread/internal/render/docx"
	"github.com/goldenthread/goldenthread/internal/render/docx/docxtest"
)

func TestMain(m *testing.M) {
	code := m.Run()
	docxtest.Cleanup()
	os.Exit(code)
}

func write(t testing.TB, d *doc.Document) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := docx.Write(&b, d); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// TestLibreOfficeText has LibreOffice read the sample back: every text,
// hostile and Welsh ones included, in order, as often as it was written.
// A second document, with two lists and two notes side by side, goes in
// the same run of LibreOffice.
func TestLibreOfficeText(t *testing.T) {
	sample, links := doctest.Sample(), linkDoc()
	texts := docxtest.Texts(t, write(t, sample), write(t, links))
	docxtest.InOrder(t, texts[0], docxtest.Want(sample)...)
	for _, h := range doctest.Hostile {
		if !strings.Contains(texts[0], h) {
			t.Errorf("hostile text %q is not in LibreOffice's text", h)
		}
	}
	if !strings.Contains(texts[0], doctest.Welsh) {
		t.Error("the Welsh text is not in LibreOffice's text")
	}
	docxtest.InOrder(t, texts[1], docxtest.Want(links)...)
	if t.Failed() {
		t.Logf("LibreOffice's text:\n%s", texts[0])
	}
}

// TestStructure reads word/document.xml, styles.xml, numbering.xml and
// core.xml of the sample with encoding/xml.
func TestStructure(t *testing.T) {
	d := doctest.Sample()
	got := docxtest.Check(t, write(t, d))

	// Headings: the title in Title, each heading in its level's style, in order.
	var want []docxtest.Para
	want = append(want, docxtest.Para{Style: "Title", Text: d.Meta.Title})
	for _, b := range d.Blocks {
		if h, ok := b.(doc.Heading); ok {
			want = append(want, docxtest.Para{Style: "Heading" + string(rune('0'+h.Level)), Text: h.Number + " " + h.Text})
		}
	}
	heads := got.Headings()
	if len(heads) != len(want) {
		t.Fatalf("%d heading paragraphs, want %d", len(heads), len(want))
	}
	for i, h := range heads {
		w := want[i]
		if h.Style != w.Style || h.Text != strings.TrimPrefix(w.Text, " ") {
			t.Errorf("heading %d: %s %q, want %s %q", i, h.Style, h.Text, w.Style, w.Text)
		}
	}

	// A bookmark for every heading ID, and the link to section 3 goes to its.
	if n := len(got.Bookmarks); n != 21 { // 20 headings with IDs and a row
		t.Errorf("%d bookmarks, want 21: %v", n, got.Bookmarks)
	}
	for _, id := range []string{"complete", "facts", "s3", "ra", "s3-living-wage", "s4", "row-hostile"} {
		name := "gt_" + strings.ReplaceAll(id, "-", "_")
		if !slices.Contains(got.Bookmarks, name) {
			t.Errorf("no bookmark %s for #%s", name, id)
		}
	}
	p := paraWith(t, got, "The Contractor shall pay at least £13.45 an hour [check: figure due for review on 31 October 2026]. See the Living Wage Foundation and section 3. Not a link: click.")
	if !slices.Equal(p.Anchors, []string{"gt_s3"}) {
		t.Errorf("the paragraph links to %v inside the document, want [gt_s3]", p.Anchors)
	}
	if !slices.Equal(p.Links, []string{"https://www.livingwage.org.uk/what-real-living-wage"}) {
		t.Errorf("the paragraph links out to %v", p.Links)
	}
	if strings.Contains(strings.ToLower(string(got.Parts["word/document.xml"])+string(got.Parts["word/_rels/document.xml.rels"])), "javascript:alert(1)\"") {
		t.Error("the javascript: address is a link target")
	}

	// Lists: numbered ones numbered, bullets not, a numbering instance each.
	lists := map[string]bool{}
	for _, text := range []string{"The Contractor shall pay the real Living Wage.", "The Contractor shall recognise…", "Employment Rights Act 1996"} {
		p := paraWith(t, got, text)
		if p.NumID == "" || !got.Ordered[p.NumID] {
			t.Errorf("%q is not in a numbered list (numId %q)", text, p.NumID)
		}
		lists[p.NumID] = true
	}
	for _, text := range []string{"Award weight: [weight]%", "First point"} {
		p := paraWith(t, got, text)
		if p.NumID == "" || got.Ordered[p.NumID] {
			t.Errorf("%q is not in a bulleted list (numId %q)", text, p.NumID)
		}
		lists[p.NumID] = true
	}
	if len(lists) != 5 {
		t.Errorf("five lists share numbering instances: %v", lists)
	}

	// Notes: in the Note style, which styles.xml defines.
	if got.Styles["Note"] != "Note" {
		t.Error("styles.xml defines no Note style")
	}
	for _, text := range []string{"Drafting note (not contract text)", "Union recognition can be encouraged, not required.", "Caution", "Second."} {
		if p := paraWith(t, got, text); p.Style != "Note" {
			t.Errorf("%q is in style %q, not Note", text, p.Style)
		}
	}
	for style, text := range map[string]string{"Small": "Ask 1 · Contract performance condition", "Label": "Key performance indicators", "BodyText": doctest.Hostile[1], "Subtitle": doctest.Hostile[0]} {
		if p := paraWith(t, got, text); p.Style != style {
			t.Errorf("%q is in style %q, not %s", text, p.Style, style)
		}
	}

	// Tables: a repeating header row; the Group row one cell across four columns.
	x := string(got.Parts["word/document.xml"])
	if strings.Count(x, "<w:tblHeader") != 1 {
		t.Error("the table's header row is not marked to repeat")
	}
	if !strings.Contains(x, `<w:gridSpan w:val="4">`) {
		t.Error("the Group row does not span the table")
	}
	if !strings.Contains(x, `<w:br w:type="page"`) {
		t.Error("no page break")
	}

	// Properties.
	m := d.Meta
	for k, v := range map[string]string{
		"title": m.Title, "subject": m.Subject, "creator": m.Author, "keywords": m.Keywords,
		"description": m.Description, "language": "en-GB", "lastModifiedBy": m.Author,
		"created": "2026-11-30T00:00:00Z", "modified": "2026-11-30T00:00:00Z",
	} {
		if got.Core[k] != v {
			t.Errorf("core.xml %s = %q, want %q", k, got.Core[k], v)
		}
	}
	if got.Lang != "en-GB" {
		t.Errorf("styles.xml's language is %q, want en-GB", got.Lang)
	}
}

// TestHostileXML checks that every text comes back from the XML exactly,
// escaped and not markup.
func TestHostileXML(t *testing.T) {
	got := docxtest.Parse(t, write(t, doctest.Sample()))
	for _, h := range append(slices.Clone(doctest.Hostile), doctest.Welsh) {
		if !slices.ContainsFunc(got.Paras, func(p docxtest.Para) bool { return p.Text == h }) {
			t.Errorf("no paragraph reads %q", h)
		}
	}
}

// linkDoc has a link of every kind, two lists and two notes side by side.
func linkDoc() *doc.Document {
	return &doc.Document{
		Meta: doc.Meta{Title: "Links", Lang: "cy-GB"},
		Blocks: []doc.Block{
			doc.Contents{Title: "Cynnwys"},
			doc.Heading{Level: 1, ID: "a b", Text: "First"},
			doc.Heading{Level: 2, ID: "a_b", Text: "Same bookmark name"},
			doc.Heading{Level: 5, ID: strings.Repeat("long", 20), Text: "Deep and long"},
			doc.Paragraph{Inlines: []doc.Inline{
				{Text: "in", Link: "#a b"}, {Text: " js", Link: "javascript:alert(1)"},
				{Text: " JS", Link: "JavaScript:alert(1)"}, {Text: " data", Link: "data:text/html,x"},
				{Text: " missing", Link: "#nowhere"}, {Text: " web", Link: "http://example.org/?a=1&b=<2>"},
				{Text: " mail", Link: "mailto:a@example.org", Strong: true}, {Text: " empty", Link: "#"},
			}},
			doc.List{Ordered: true, Items: [][]doc.Inline{doc.Text("one"), doc.Text("two")}},
			doc.List{Ordered: true, Items: [][]doc.Inline{doc.Text("again one")}},
			doc.Note{Kind: doc.Caution, Label: "Caution", Blocks: []doc.Block{doc.Paragraph{Inlines: doc.Text("first note")}}},
			doc.Note{Kind: doc.Drafting, Label: "Drafting note", Blocks: []doc.Block{doc.Paragraph{Inlines: doc.Text("second note")}}},
			doc.Table{Header: []string{"A", "B"}, Widths: []int{1}, Rows: []doc.Row{
				{Cells: [][]doc.Inline{doc.Text("only one cell")}},
				{Cells: [][]doc.Inline{doc.Text("x"), doc.Text("y"), doc.Text("third")}},
			}},
			doc.Break{},
		},
	}
}

// TestLinks checks that only links into the document, and to http, https
// and mailto addresses, become links, and that lists side by side are
// numbered apart.
func TestLinks(t *testing.T) {
	got := docxtest.Check(t, write(t, linkDoc()))
	p := paraWith(t, got, "in js JS data missing web mail empty")
	if !slices.Equal(p.Anchors, []string{"gt_a_b"}) {
		t.Errorf("internal links %v, want [gt_a_b]", p.Anchors)
	}
	if !slices.Equal(p.Links, []string{"http://example.org/?a=1&b=<2>", "mailto:a@example.org"}) {
		t.Errorf("external links %v", p.Links)
	}
	if len(got.Bookmarks) != 3 || got.Bookmarks[1] == got.Bookmarks[0] {
		t.Errorf("bookmarks %v: want three, all different", got.Bookmarks)
	}
	if one, again := paraWith(t, got, "one"), paraWith(t, got, "again one"); one.NumID == again.NumID {
		t.Error("two numbered lists side by side share a numbering instance")
	}
	if h := paraWith(t, got, "Deep and long"); h.Style != "Heading3" {
		t.Errorf("a level-5 heading is in %s, want Heading3", h.Style)
	}
	if got.Lang != "cy-GB" || got.Core["language"] != "cy-GB" {
		t.Errorf("language %q and %q, want cy-GB", got.Lang, got.Core["language"])
	}
}

// TestDeterministic writes the sample twice, from two trees: the same bytes.
func TestDeterministic(t *testing.T) {
	a, b := write(t, doctest.Sample()), write(t, doctest.Sample())
	if !bytes.Equal(a, b) {
		t.Fatal("the same document gave different bytes")
	}
	zr, err := zip.NewReader(bytes.NewReader(a), int64(len(a)))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range zr.File {
		if !f.Modified.Equal(zr.File[0].Modified) || f.Modified.Year() > 1980 {
			t.Errorf("%s has time %v, not the fixed time", f.Name, f.Modified)
		}
	}
}

// TestEmpty writes a document with nothing in it.
func TestEmpty(t *testing.T) {
	for _, d := range []*doc.Document{{}, {Blocks: []doc.Block{doc.Table{}, doc.Facts{}, doc.List{}, doc.Note{}, doc.Contents{}}}} {
		got := docxtest.Parse(t, write(t, d))
		if got.Core["language"] != "en-GB" {
			t.Errorf("an empty document's language is %q, want en-GB", got.Core["language"])
		}
	}
	if err := docx.Write(&bytes.Buffer{}, nil); err == nil {
		t.Error("Write(nil) gave no error")
	}
}

func paraWith(t *testing.T, d *docxtest.Doc, text string) docxtest.Para {
	t.Helper()
	for _, p := range d.Paras {
		if p.Text == text {
			return p
		}
	}
	t.Fatalf("no paragraph reads %q", text)
	return docxtest.Para{}
}

// FuzzWrite writes a small document of fuzzed texts, cleaned as the tree's
// texts are, and one uncleaned: Write must not fail, the XML must parse,
// and the heading must read back as written.
func FuzzWrite(f *testing.F) {
	for _, h := range doctest.Hostile {
		f.Add(h, "#x", doctest.Welsh)
	}
	f.Add("\uE000\uE001", "#\uE000", "a\x00b\uFFFE")
	f.Add("]]>", "javascript:x", "<w:p>")
	f.Fuzz(func(t *testing.T, a, link, b string) {
		ca, cb := doc.Clean(a), doc.Clean(b)
		d := &doc.Document{
			Meta: doc.Meta{Title: ca, Author: cb, Keywords: b, Lang: cb},
			Blocks: []doc.Block{
				doc.Contents{Title: cb, Depth: 2},
				doc.Heading{Level: 1, ID: ca, Number: "1", Text: ca},
				doc.Paragraph{Inlines: []doc.Inline{{Text: cb, Link: link}, {Text: ca, Link: "#" + ca, Strong: true}}},
				doc.Paragraph{Inlines: []doc.Inline{{Text: b}}}, // not cleaned
				doc.List{Ordered: true, Items: [][]doc.Inline{doc.Text(ca), doc.Text(cb)}},
				doc.Table{Caption: ca, Header: []string{ca, cb}, Rows: []doc.Row{
					{Group: true, ID: cb, Cells: [][]doc.Inline{doc.Text(cb)}},
					{Cells: [][]doc.Inline{{{Text: ca, Link: link}}, doc.Text(cb)}},
				}},
				doc.Facts{Items: []doc.Fact{{Label: ca, Value: doc.Text(cb)}}},
				doc.Note{Label: ca, Blocks: []doc.Block{doc.Paragraph{Inlines: doc.Text(cb)}}},
			},
		}
		var buf bytes.Buffer
		if err := docx.Write(&buf, d); err != nil {
			t.Fatal(err)
		}
		got := docxtest.Parse(t, buf.Bytes())
		if h := got.Headings(); len(h) == 0 || h[len(h)-1].Text != "1 "+ca {
			t.Errorf("heading reads back as %+v, want %q", h, "1 "+ca)
		}
	})
}

func BenchmarkWrite(b *testing.B) {
	d := doctest.Sample()
	b.ReportAllocs()
	var buf bytes.Buffer
	for b.Loop() {
		buf.Reset()
		if err := docx.Write(&buf, d); err != nil {
			b.Fatal(err)
		}
	}
	b.SetBytes(int64(buf.Len()))
}
