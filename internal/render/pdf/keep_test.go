package pdf

import (
	"bytes"
	"cmp"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/goldenthread/goldenthread/internal/gtest"
	"github.com/goldenthread/goldenthread/internal/model"
)

// blockHeadings are the labels the asks document prints over parts of an
// ask, and over parts of the document.
var blockHeadings = []string{
	"Purpose", "Contents", "Our priority asks", "All our asks at a glance", "What we ask of the consultation",
	"Dates we know of", "Contact", "Part 1: Our asks", "Part 2: The asks in full", "Part 3: Sources",
	"We ask", "Why", "Wording",
	"What we ask", "Suggested requirement wording", "Why it matters", "Evidence to request",
	"How it will be measured", "Evaluation question", "Legal basis and cautions", "Related asks", "Toolkit pages",
	"Sources", "Caution", "What a strong answer shows",
	"No. Ask Question Page", "Measure Unit Target Frequency",
}

// askLabels lists every heading or label in the asks document of p: the
// fixed ones, stage and theme titles, ask titles and the line under them,
// the reference line over each question and each status line.
func askLabels(p *model.Pack) []string {
	labels := slices.Clone(blockHeadings)
	for _, s := range p.Terms.StatusLabels {
		labels = append(labels, "Status: "+s)
	}
	for _, a := range p.Priorities() {
		labels = append(labels, fmt.Sprintf("%d %s", a.Number, a.Title))
	}
	for _, s := range p.Sections {
		labels = append(labels, cmp.Or(s.Title, p.Terms.StageTitles[s.Stage]))
		for _, g := range s.Themes {
			labels = append(labels, g.Theme.Title)
			for _, a := range g.Asks {
				labels = append(labels, fmt.Sprintf("%d %s", a.Number, a.Title))
				meta := g.Theme.Title
				if l := p.Terms.LeverLabels[a.Lever]; l != "" {
					meta += " · " + l
				}
				labels = append(labels, meta+" "+p.Words.Get("asks.line.back"))
				if q := a.Question; q != nil {
					labels = append(labels, q.Ref+" · "+cmp.Or(p.Terms.KindLabels[q.Kind], q.Kind))
				}
			}
		}
	}
	return labels
}

// reportLabels lists the section headings and table headers of r.
func reportLabels(r *Report) []string {
	var labels []string
	for _, s := range r.Sections {
		labels = append(labels, s.Heading)
		if s.Table != nil && len(s.Table.Header) > 0 {
			labels = append(labels, strings.Join(s.Table.Header, " "))
		}
	}
	return labels
}

var pageNumber = regexp.MustCompile(`Page \d+ of \d+$`)

// pageEnds returns, for each page of the PDF b as pdftotext lays it out,
// its last lines of text above the footer, spaces normalised.
func pageEnds(t *testing.T, b []byte) [][]string {
	t.Helper()
	text := poppler(t, b, "pdftotext", "-layout", "-enc", "UTF-8")
	var out [][]string
	for _, pg := range strings.Split(strings.TrimRight(text, "\f\n"), "\f") {
		var lines []string
		for _, l := range strings.Split(pg, "\n") {
			if l = strings.TrimSpace(spaces.ReplaceAllString(l, " ")); l != "" {
				lines = append(lines, l)
			}
		}
		if n := len(lines); n > 0 && pageNumber.MatchString(lines[n-1]) {
			lines = lines[:n-1]
		}
		out = append(out, lines)
	}
	return out
}

var inFull = regexp.MustCompile(`in full: p\. \d+`)

// wordBag is the sorted words of s: a heading wrapped over lines, or a
// table header whose cells wrap, reads back with its words in another
// order.
func wordBag(s string) string {
	w := strings.Fields(s)
	slices.Sort(w)
	return strings.Join(w, " ")
}

// strandedHeadings returns a description of each page of b that ends with
// one of labels: a heading left at the foot of a page without the start of
// what it introduces.
func strandedHeadings(t *testing.T, b []byte, labels []string) []string {
	t.Helper()
	bags := map[string]string{}
	for _, l := range labels {
		if l = strings.TrimSpace(spaces.ReplaceAllString(l, " ")); l != "" {
			bags[wordBag(l)] = l
		}
	}
	var bad []string
	pages := pageEnds(t, b)
	for i, lines := range pages[:len(pages)-1] {
		// The last one to four lines: a long title wraps. A priority
		// ask's title has its page beside it.
		for k := 1; k <= min(4, len(lines)); k++ {
			end := inFull.ReplaceAllString(strings.Join(lines[len(lines)-k:], " "), "")
			if l, ok := bags[wordBag(end)]; ok {
				bad = append(bad, fmt.Sprintf("page %d ends with %q", i+1, l))
				break
			}
		}
	}
	return bad
}

// words returns n words of ordinary prose, different for each seed.
func words(seed, n int) string {
	vocab := strings.Fields("the contractor shall pay every worker on the contract a fair wage and give " +
		"the recognised unions access to the site so that members can raise concerns about hours " +
		"safety training and equal treatment with managers who will listen and act on what they hear")
	w := make([]string, n)
	for i := range w {
		w[i] = vocab[(seed*7+i*3)%len(vocab)]
	}
	s := strings.Join(w, " ")
	return strings.ToUpper(s[:1]) + s[1:] + "."
}

// shiftedPack is the fixture with text of a different length in every ask,
// so that across seeds the headings fall at every height on the page.
func shiftedPack(seed int) *model.Pack {
	p := fixturePack()
	k := seed
	for _, s := range p.Sections {
		for _, g := range s.Themes {
			for _, a := range g.Asks {
				k++
				a.Ask = words(k, 12+(k*37)%90)
				var rat []string
				for j := range 1 + k%3 {
					rat = append(rat, words(k+j, 20+(k*j*53+seed*11)%140))
				}
				a.Rationale = strings.Join(rat, "\n\n")
				if k%2 == 0 {
					a.Caution = words(k, 10+(k*29)%70)
				}
				if k%5 == 3 {
					a.Caution += "\n\n" + words(k+1, 30)
				}
				if q := a.Question; q != nil {
					q.Text = words(k, 15+(k*17)%60)
					q.Guidance = words(k+2, 10+(k*23)%50)
				}
			}
		}
	}
	return p
}

// shiftedReport is a report whose sections vary in length, each headed,
// some opening with a table.
func shiftedReport(seed int) *Report {
	r := &Report{Title: "Moderation report", Subtitle: fixtureEmployer, PageNumber: gtest.Words().Get("report.page")}
	for i := range 90 {
		k := seed + i
		s := ReportSection{Heading: fmt.Sprintf("Question %d moderation", i+1)}
		if k%3 != 0 {
			for j := range 1 + k%3 {
				s.Paragraphs = append(s.Paragraphs, words(k+j, 8+(k*k*41+j*13+seed*29)%60))
			}
		}
		if k%3 != 1 {
			t := &Table{Header: []string{"Evaluator", "Score", "Comment"}}
			for j := range 1 + k%4 {
				t.Rows = append(t.Rows, []string{fmt.Sprintf("E%d", j+1), "3", words(k+j, 5+(k*j*7)%40)})
			}
			s.Table = t
		}
		r.Sections = append(r.Sections, s)
	}
	return r
}

// TestHeadingsKeptWithNext checks, from the text an independent reader
// extracts page by page, that no page ends with a heading or label: each
// is kept on a page with at least the start of what it introduces.
func TestHeadingsKeptWithNext(t *testing.T) {
	type tc struct {
		name   string
		render func(*bytes.Buffer) error
		labels []string
	}
	pack := func(name string, p *model.Pack) tc {
		return tc{name, func(b *bytes.Buffer) error { return Render(b, p) }, askLabels(p)}
	}
	report := func(name string, r *Report) tc {
		return tc{name, func(b *bytes.Buffer) error { return RenderReport(b, r) }, reportLabels(r)}
	}
	cases := []tc{pack("fixture", fixturePack()), report("report", fixtureReport())}
	seeds := 6
	if testing.Short() {
		seeds = 2
	}
	for seed := range seeds {
		cases = append(cases,
			pack(fmt.Sprintf("shifted/%d", seed), shiftedPack(seed*5)),
			report(fmt.Sprintf("shifted report/%d", seed), shiftedReport(seed)))
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			var buf bytes.Buffer
			if err := c.render(&buf); err != nil {
				t.Fatal(err)
			}
			for _, s := range strandedHeadings(t, buf.Bytes(), c.labels) {
				t.Error(s)
			}
		})
	}
}

// TestTableHeaderRepeats checks, from the extracted text, that a table
// running over several pages starts each page after the first with its
// header, under the running header.
func TestTableHeaderRepeats(t *testing.T) {
	tb := &Table{Header: []string{"Evaluator", "Score", "Comment"}}
	for i := range 150 {
		tb.Rows = append(tb.Rows, []string{fmt.Sprintf("E%d", i+1), "3", words(i, 5+(i*7)%40)})
	}
	r := &Report{Title: "Scores", PageNumber: gtest.Words().Get("report.page"), Sections: []ReportSection{{Heading: "All scores", Table: tb}}}
	var buf bytes.Buffer
	if err := RenderReport(&buf, r); err != nil {
		t.Fatal(err)
	}
	pages := pageEnds(t, buf.Bytes())
	if len(pages) < 3 {
		t.Fatalf("the table takes %d pages; want at least 3", len(pages))
	}
	for i, lines := range pages[1:] {
		if len(lines) < 2 || lines[0] != "Scores" || lines[1] != "Evaluator Score Comment" {
			t.Errorf("page %d starts %q; want the running header, then the table header", i+2, lines[:min(2, len(lines))])
		}
	}
}
