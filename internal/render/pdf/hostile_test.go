package pdf

import (
	"bytes"
	"fmt"
	"math"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/johnfercher/maroto/v2/pkg/components/col"
	"github.com/johnfercher/maroto/v2/pkg/consts/align"

	"github.com/goldenthread/goldenthread/internal/gtest"
	"github.com/goldenthread/goldenthread/internal/model"
)

// hostileCases are texts a profile or an overlay could put into any field.
var hostileCases = []struct {
	name, text string
}{
	{"long word", strings.Repeat("Antidisestablishmentarianism", 200)},
	{"long url", "https://example.org/" + strings.Repeat("a/b-c_d.e?f=g&", 120)},
	{"script", `<script>alert("x")</script> <b onload=x>`},
	{"pdf syntax", "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF"},
	{"parens and backslashes", `(((unbalanced \) \\ \\\ ) ( \n \r \t \( )`},
	{"long paragraph", strings.Repeat("The contractor shall pay the real Living Wage of £13.45 an hour. ", 32)},
	{"huge paragraph", strings.Repeat("Every word here is ordinary but there are very many of them indeed. ", 180)},
	{"many paragraphs", strings.Repeat("A short paragraph.\n\n", 300)},
	{"emoji", "Fair pay 😀👍🏽🇬🇧 for all 🧹🍽️ workers 𝔘𝔫𝔦𝔠𝔬𝔡𝔢"},
	{"control characters", "bell\a nul\x00 esc\x1b[31m del\x7f vt\v ff\f c1\u0085\u009b"},
	{"invalid utf-8", "bad \xff\xfe\xc3 bytes \xed\xa0\x80 surrogate"},
	{"bidi and zero width", "\u202eevil\u202c \u200bzero\u200d\ufeffwidth\u00ad soft"},
	{"combining and welsh", "w\u0302 y\u0302 a\u0302 ŵŷâ Siân Ŵyn ĉ ǹ"},
	{"cjk and other scripts", "中文 日本語 한국어 עברית العربية हिन्दी ελληνικά кириллица"},
	{"private use and specials", "\ue000\uf8ff\ufffe\uffff\U0010FFFF\U000E0001"},
	{"only whitespace", " \n\n\t \r\n "},
	{"empty", ""},
}

// hostilePack is the fixture with text put into every field of one ask,
// into the headings a profile controls, and into a source.
func hostilePack(text string) *model.Pack {
	p := fixturePack()
	a := p.Sections[1].Themes[0].Asks[0]
	a.Title = text
	a.Ask, a.Requirement, a.Rationale, a.Caution, a.LegalBasis = text, text, text, text, text
	a.Evidence = []string{text, text}
	a.KPIs = []model.KPI{{Name: text, Unit: text, Target: text, Frequency: text}}
	a.Question = &model.Question{Ref: "Q1", Kind: text, Text: text, Guidance: text, Weight: 10,
		Scale: &model.Scale{Title: text}}
	a.Sources = append(a.Sources, model.Source{Title: text, URL: text})
	a.Lever, a.Status = text, text
	a.Priority, a.Why, a.Gist = 1, text, text
	cite(p)
	p.Sections[2].Title = text
	p.Sections[2].Themes[0].Theme.Title = text
	p.Procurement.Title = text
	p.PreparedBy.Contact = text
	p.Purpose = text
	p.Intro = append(p.Intro, text)
	return p
}

// With -short, every third case is read back.
func TestRenderHostile(t *testing.T) {
	for i, tc := range hostileCases {
		t.Run(tc.name, func(t *testing.T) {
			if testing.Short() && i%3 != 0 {
				t.Skip("-short reads back every third case")
			}
			t.Parallel()
			var buf bytes.Buffer
			if err := Render(&buf, hostilePack(tc.text)); err != nil {
				t.Fatalf("Render: %v", err)
			}
			text := flat(pdfText(t, buf.Bytes()))
			// A page gofpdf had to break by itself would not be counted
			// in maroto's "of N".
			pages := pdfInfo(t, buf.Bytes())["Pages"]
			if !strings.Contains(text, "Page "+pages+" of "+pages) {
				t.Errorf("last of %s pages is not numbered %q", pages, "Page "+pages+" of "+pages)
			}
			// The ask after the hostile one, and the end of the document,
			// must still be there.
			for _, want := range []string{"No zero-hours contracts without a genuine worker choice", "Sources", "Cabinet Office"} {
				if !strings.Contains(text, want) {
					t.Errorf("extracted text lacks %q after the hostile text", want)
				}
			}
		})
	}
}

func TestClean(t *testing.T) {
	fs, err := loadFonts()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct{ in, want string }{
		{"  plain   text  ", "plain text"},
		{"tab\tnew\nline\r\n", "tab new line"},
		{"£13.45 “quoted” ‘single’ – —", "£13.45 “quoted” ‘single’ – —"},
		{"Siân Ŵyn, ŷ â", "Siân Ŵyn, ŷ â"},
		{"no\u00a0break", "no\u00a0break"},
		{"bell\a nul\x00 esc\x1b", "bell nul esc"},
		{"soft\u00adhyphen \u200bzero", "softhyphen zero"},
		{"emoji 😀!", "emoji \ufffd!"},
		{"bad \xff byte", "bad \ufffd byte"},
		{"中", "\ufffd"},
	}
	for _, tc := range tests {
		if got := fs.clean(tc.in); got != tc.want {
			t.Errorf("clean(%q) = %q; want %q", tc.in, got, tc.want)
		}
	}
}

func TestParagraphs(t *testing.T) {
	fs, err := loadFonts()
	if err != nil {
		t.Fatal(err)
	}
	got := fs.paragraphs("First line\nwraps here.\n\n  \nSecond.\r\n\r\nThird\n")
	want := []string{"First line wraps here.", "Second.", "Third"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("paragraphs = %q; want %q", got, want)
	}
}

func TestWrapFits(t *testing.T) {
	fs, err := loadFonts()
	if err != nil {
		t.Fatal(err)
	}
	const width = 40.0
	for _, tc := range hostileCases {
		s := fs.clean(tc.text)
		for _, l := range fs.wrap(s, stBody, width) {
			if w := fs.width(l, stBody); w > width {
				t.Errorf("%s: line %q is %.2f mm wide; want at most %.0f", tc.name, l, w, width)
			}
		}
	}
}

// TestWrapMatchesMaroto checks wrap, which says where maroto will break a
// text's lines, against the height maroto itself gives the text in a row
// of its own measuring: if they disagreed, text stacked in a row would
// overlap or leave gaps.
func TestWrapMatchesMaroto(t *testing.T) {
	d, err := newDoc(meta{})
	if err != nil {
		t.Fatal(err)
	}
	type want struct {
		name  string
		lines int
		st    style
	}
	var wants []want
	for _, tc := range hostileCases {
		for _, st := range []style{stBody, stAskTitle, stCell} {
			for _, right := range []float64{0, 41.3, 120} {
				s := d.fonts.clean(tc.text)
				if s == "" {
					continue
				}
				lines := d.fonts.wrap(s, st, d.lineWidth(7.5, right))
				n := len(lines)
				if n > 40 {
					continue // taller than a page: maroto would move it alone
				}
				// As para.parts does: words too long for a line are broken
				// by wrap, and maroto draws them as it would any words.
				s = strings.Join(lines, " ")
				d.m.AddAutoRow(col.New(grid).Add(d.text(s, st, 0, 7.5, right, align.Left, "")))
				wants = append(wants, want{fmt.Sprintf("%s/%.0fpt/right %.1f", tc.name, st.size, right), n, st})
			}
		}
	}
	var got []float64
	for _, pg := range d.m.GetStructure().GetNexts() {
		rows := pg.GetNexts()
		for _, r := range rows[:len(rows)-2] { // then maroto's filler and the footer
			got = append(got, r.GetData().Value.(float64))
		}
	}
	if len(got) != len(wants) {
		t.Fatalf("maroto laid out %d rows; want %d", len(got), len(wants))
	}
	for i, w := range wants {
		if h := w.st.height(w.lines, 0, 0); math.Abs(got[i]-h) > 1e-9 {
			t.Errorf("%s: maroto makes the text %.3f mm tall; wrap's %d lines are %.3f mm", w.name, got[i], w.lines, h)
		}
	}
}

func TestPages(t *testing.T) {
	tests := []struct {
		in   []int
		want string
	}{
		{nil, ""},
		{[]int{15}, "p. 15"},
		{[]int{15, 17}, "pp. 15, 17"},
		{[]int{15, 16}, "pp. 15, 16"},
		{[]int{17, 15, 16, 16, 21}, "pp. 15–17, 21"},
	}
	a := &asksDoc{p: fixturePack()}
	for _, tc := range tests {
		if got := a.pages(tc.in); got != tc.want {
			t.Errorf("pages(%v) = %q; want %q", tc.in, got, tc.want)
		}
	}
}

func FuzzRender(f *testing.F) {
	// Short seeds keep the fuzzer quick; TestRenderHostile has the long
	// texts.
	for _, tc := range hostileCases {
		s := tc.text[:min(len(tc.text), 300)]
		f.Add(s, s)
	}
	f.Add(longAskTitle, longRationale[:600])
	f.Fuzz(func(t *testing.T, title, body string) {
		p := fixturePack()
		// A smaller pack keeps each run fast: one section, two asks.
		p.Sections = p.Sections[1:2]
		p.Sections[0].Themes = p.Sections[0].Themes[:2]
		a := p.Sections[0].Themes[0].Asks[0]
		a.Title, a.Ask, a.Requirement, a.Rationale, a.Caution = title, body, body, body, title
		a.Evidence = []string{title, body}
		a.KPIs = []model.KPI{{Name: title, Unit: body, Target: title, Frequency: body}}
		a.Sources = []model.Source{{Title: title, URL: body}}
		a.Priority, a.Why, a.Gist = 1, body, title
		cite(p)
		p.Purpose = body
		var buf bytes.Buffer
		if err := Render(&buf, p); err != nil {
			t.Fatalf("Render: %v", err)
		}
		if !bytes.HasPrefix(buf.Bytes(), []byte("%PDF-")) {
			t.Fatal("output is not a PDF")
		}
	})
}

// fixtureReport is a moderation report such as the score command writes.
func fixtureReport() *Report {
	rows := [][]string{}
	for i, q := range []string{"Living Wage plan", "Union access", "Pay gap actions", "Welsh-language skills", "Training and progression"} {
		rows = append(rows, []string{"Q" + string(rune('1'+i)), q, "3", "2", "4", "3", "Spread of 2 – discuss"})
	}
	return &Report{
		Title:    "Moderation report: hotel services 2027–2032",
		Subtitle: fixtureEmployer,
		Date:     time.Date(2027, time.June, 2, 0, 0, 0, 0, time.UTC),
		Author:   "Siân Ŵyn, equality rep",
		// The score command takes it from templates/en/report.toml.
		PageNumber: gtest.Words().Get("report.page"),
		Sections: []ReportSection{
			{Heading: "Summary", Paragraphs: []string{"Three evaluators scored five fair work questions for Bidder A. Two questions show a spread of two points or more and need moderation.\n\nScores are on the 0–4 scale; weights total 30% of the quality score (£ values are not scored)."}},
			{Heading: "Scores by question", Table: &Table{
				Header: []string{"Ref", "Question", "Evaluator 1", "Evaluator 2", "Evaluator 3", "Consensus", "Note"},
				Rows:   rows,
				Widths: []int{6, 30, 10, 10, 10, 11, 23},
			}},
			{Heading: "Long discussion", Paragraphs: []string{longRationale}},
			{Heading: "Wide cells", Table: &Table{
				Header: []string{"Bidder", "Comment"},
				Rows:   [][]string{{"Bidder A", strings.Repeat("A long moderation comment that goes on. ", 120)}, {"Bidder B", "Short."}},
			}},
		},
	}
}

func TestRenderReport(t *testing.T) {
	r := fixtureReport()
	var a, b bytes.Buffer
	if err := RenderReport(&a, r); err != nil {
		t.Fatal(err)
	}
	if err := RenderReport(&b, r); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Fatal("two renders of the same report differ")
	}
	info := pdfInfo(t, a.Bytes())
	if info["Title"] != r.Title || info["Author"] != r.Author || info["Subject"] != r.Subtitle {
		t.Errorf("pdfinfo Title, Author, Subject = %q, %q, %q; want %q, %q, %q",
			info["Title"], info["Author"], info["Subject"], r.Title, r.Author, r.Subtitle)
	}
	text := pdfText(t, a.Bytes())
	all := flat(text)
	for _, want := range []string{r.Title, "Siân Ŵyn", "2 June 2027", "Scores by question", "Consensus", "Spread of 2 – discuss", "Welsh-language skills", "Page 1 of " + info["Pages"]} {
		if !strings.Contains(all, want) {
			t.Errorf("extracted text lacks %q", want)
		}
	}
	gtest.Golden(t, filepath.Join("testdata", "report.golden"), []byte(normalise(text)))
}
