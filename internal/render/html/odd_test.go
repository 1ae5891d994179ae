package html_test

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/goldenthread/goldenthread/internal/render/doc"
	gthtml "github.com/goldenthread/goldenthread/internal/render/html"
	"github.com/goldenthread/goldenthread/internal/render/html/htmltest"
)

// odd is a document that tests the writer's edges: headings that skip
// levels or have no text, ids that repeat, clash with the page's own or
// are not ids at all, links to ids that are nowhere, rows of uneven
// length, empty runs and an empty note label.
func odd() *doc.Document {
	d := &doc.Document{Meta: doc.Meta{Lang: "not a tag!"}}
	add := func(b ...doc.Block) { d.Blocks = append(d.Blocks, b...) }
	add(doc.Heading{Level: 3, ID: "gt-main", Text: "Deep first"})
	add(doc.Heading{Level: 1, ID: "", Text: ""})
	add(doc.Heading{Level: 1, ID: "same", Text: "One"})
	add(doc.Heading{Level: 3, ID: "same", Text: "Two"})
	add(doc.Heading{Level: 9, ID: "Ŵ ŵ <x>", Text: "Nine"})
	add(doc.Heading{Level: 0, ID: "3.2", Number: "3.2"})
	add(doc.Contents{Depth: 0})
	add(doc.Heading{Level: 2, ID: "id-3-2", Text: "Clashes with 3.2's id"})
	add(doc.Paragraph{Inlines: []doc.Inline{
		{Text: "to one", Link: "#same"}, {Text: " "}, {Text: "nowhere", Link: "#nowhere"}, {Text: "", Link: "#same"},
		{Text: " welsh", Link: "#Ŵ ŵ <x>"}, {Text: " ftp", Link: "ftp://example.org/"}, {Text: " rel", Link: "/relative"},
		{Text: " data", Link: "data:text/html,<script>alert(1)</script>"}, {Text: " bare", Link: "https:"},
	}})
	add(doc.Paragraph{})
	add(doc.List{})
	add(doc.Facts{})
	add(doc.Table{Caption: "Uneven", Header: []string{"A", ""}, Rows: []doc.Row{
		{Cells: [][]doc.Inline{doc.Text("1"), doc.Text("2"), doc.Text("3")}},
		{Group: true, Cells: [][]doc.Inline{doc.Text("g1"), doc.Text("g2")}},
		{ID: "same", Cells: [][]doc.Inline{doc.Text("x")}},
	}, Widths: []int{10, 20}})
	add(doc.Note{Blocks: []doc.Block{doc.Paragraph{Inlines: doc.Text("unlabelled")}}})
	add(doc.Heading{Level: 1, ID: "gt-note", Text: "Clashes with a note's id"})
	add(doc.Note{Label: "Labelled", Kind: doc.Drafting})
	return d
}

func TestAxeOdd(t *testing.T) {
	htmltest.Axe(t, write(t, odd()))
}

func TestOdd(t *testing.T) {
	data := write(t, odd())
	htmltest.Check(t, data)
	got := htmltest.Headings(t, data)
	want := []string{"h1 [title]", "h2 Deep first", "h2 One", "h3 Two", "h3 Nine", "h2 3.2",
		"h3 Clashes with 3.2's id", "h2 Clashes with a note's id"}
	if !slices.Equal(got, want) {
		t.Errorf("headings:\n got %q\nwant %q", got, want)
	}
	root := htmltest.Parse(t, data)
	var links []string
	for _, a := range elements(root, "a") {
		links = append(links, textOf(a)+" → "+attr(a, "href"))
	}
	want = []string{"[skip] → #gt-main-2", "Deep first → #gt-main", "One → #same",
		"Two → #same-2", "Nine → #x", "3.2 → #id-3-2", "Clashes with 3.2's id → #id-3-2-2",
		"Clashes with a note's id → #gt-note", "to one → #same", "welsh → #x"}
	if !slices.Equal(links, want) {
		t.Errorf("links:\n got %q\nwant %q", links, want)
	}
	if got := attr(elements(root, "html")[0], "lang"); got != "en-GB" {
		t.Errorf("lang %q for a tag that is not one, want en-GB", got)
	}
	if rows := elements(root, "tr"); len(elements(rows[1], "td")) != 3 || attr(rows[3], "id") != "same-3" {
		t.Errorf("rows are not padded to the widest, or a repeated row id is reused")
	}
	if text := htmltest.Text(t, data); !strings.Contains(text, "to one nowhere welsh ftp rel data bare") {
		t.Errorf("the runs that are no links are lost:\n%s", text)
	}
}

// TestLevels writes runs of headings at every level and wants levels that
// never skip.
func TestLevels(t *testing.T) {
	seqs := [][]int{{3, 3, 1, 3, 2, 3}, {2, 1, 3}, {1, 2, 3, 1, 3, 3}, {3, 2, 1}, {-1, 7, 3, 0}}
	for _, seq := range seqs {
		d := &doc.Document{Meta: doc.Meta{Title: "Levels", Lang: "en-GB"}}
		for i, l := range seq {
			d.Blocks = append(d.Blocks, doc.Heading{Level: l, ID: fmt.Sprint("h", i), Text: fmt.Sprint("Level ", l)})
			if i == 2 {
				d.Blocks = append(d.Blocks, doc.Contents{Title: "Contents", Depth: 3})
			}
		}
		t.Run(fmt.Sprint(seq), func(t *testing.T) { htmltest.Check(t, write(t, d)) })
	}
}

func TestWelsh(t *testing.T) {
	d := &doc.Document{Meta: doc.Meta{Title: "Manyleb", Lang: "cy-GB", Skip: "Neidio i’r prif gynnwys"}}
	root := htmltest.Parse(t, write(t, d))
	if got := attr(elements(root, "html")[0], "lang"); got != "cy-GB" {
		t.Errorf("lang = %q", got)
	}
	if got := textOf(elements(root, "a")[0]); got != "Neidio i’r prif gynnwys" {
		t.Errorf("skip link %q", got)
	}
}

type badBlock struct{ doc.Heading }

type failWriter struct{ n int }

var errFull = errors.New("disk full")

func (w *failWriter) Write(p []byte) (int, error) {
	if w.n += len(p); w.n > 1000 {
		return 0, errFull
	}
	return len(p), nil
}

func TestErrors(t *testing.T) {
	if err := gthtml.Write(&bytes.Buffer{}, nil); err == nil {
		t.Error("no error for a nil document")
	}
	for _, b := range []doc.Block{
		badBlock{},
		nil,
		doc.Note{Blocks: []doc.Block{doc.Heading{Level: 1, Text: "in a note"}}},
	} {
		d := &doc.Document{Blocks: []doc.Block{b}}
		if err := gthtml.Write(&bytes.Buffer{}, d); err == nil {
			t.Errorf("no error for %#v", b)
		}
	}
	big := &doc.Document{Blocks: []doc.Block{doc.Paragraph{Inlines: doc.Text(strings.Repeat("x", 64<<10))}}}
	if err := gthtml.Write(&failWriter{}, big); !errors.Is(err, errFull) {
		t.Errorf("writing to a full disk: %v", err)
	}
}

// TestContrast works out the WCAG contrast of each pair of colours the
// style sheet sets: 4.5:1 for text, 3:1 for borders and focus rings that
// mark something out. (axe-core checks the text as laid out; this covers
// the pairs it cannot see, such as focus rings.)
func TestContrast(t *testing.T) {
	css, err := os.ReadFile("page.css")
	if err != nil {
		t.Fatal(err)
	}
	vars := map[string]string{}
	for _, m := range regexp.MustCompile(`--([a-z-]+):\s*(#[0-9a-f]{6})`).FindAllStringSubmatch(string(css), -1) {
		vars[m[1]] = m[2]
	}
	text := [][2]string{
		{"ink", "paper"}, {"muted", "paper"}, {"link", "paper"}, {"visited", "paper"}, {"paper", "link"},
		{"ink", "head"}, {"ink", "group"}, {"ink", "drafting"}, {"muted", "drafting"}, {"drafting-ink", "drafting"},
		{"link", "drafting"}, {"visited", "drafting"}, {"ink", "caution"}, {"caution-ink", "caution"},
		{"link", "caution"}, {"visited", "caution"}, {"ink", "wording"}, {"wording-ink", "wording"},
		{"link", "wording"}, {"visited", "wording"},
		{"ink", "tone-good"}, {"ink", "tone-fair"}, {"ink", "tone-poor"}, {"ink", "tone-bad"}, {"ink", "tone-neutral"},
		{"link", "tone-good"}, {"link", "tone-fair"}, {"link", "tone-poor"}, {"link", "tone-bad"}, {"link", "tone-neutral"},
	}
	marks := [][2]string{
		{"focus", "paper"}, {"focus", "drafting"}, {"focus", "caution"}, {"focus", "wording"},
		{"rule", "paper"}, {"drafting-edge", "paper"}, {"caution-edge", "paper"}, {"wording-edge", "paper"},
	}
	check := func(pairs [][2]string, min float64) {
		for _, p := range pairs {
			fg, bg := vars[p[0]], vars[p[1]]
			if fg == "" || bg == "" {
				t.Errorf("no colour --%s or --%s in page.css", p[0], p[1])
				continue
			}
			if r := contrast(fg, bg); r < min {
				t.Errorf("--%s %s on --%s %s: contrast %.2f:1, want %.1f:1", p[0], fg, p[1], bg, r, min)
			}
		}
	}
	check(text, 4.5)
	check(marks, 3)
}

func contrast(a, b string) float64 {
	la, lb := luminance(a), luminance(b)
	return (max(la, lb) + 0.05) / (min(la, lb) + 0.05)
}

func luminance(hex string) float64 {
	var c [3]float64
	for i := range c {
		v, _ := strconv.ParseUint(hex[1+2*i:3+2*i], 16, 8)
		s := float64(v) / 255
		if s <= 0.04045 {
			c[i] = s / 12.92
		} else {
			c[i] = math.Pow((s+0.055)/1.055, 2.4)
		}
	}
	return 0.2126*c[0] + 0.7152*c[1] + 0.0722*c[2]
}
