package web

import (
	"cmp"
	"fmt"
	htmltemplate "html/template"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/goldenthread/goldenthread/internal/library"
	"github.com/goldenthread/goldenthread/internal/model"
	"github.com/goldenthread/goldenthread/internal/render/html/htmltest"
)

// libraryPage is what a test reads back from the library page.
type libraryPage struct {
	ids    []string // the clauses listed, in page order
	count  string   // the line that says how many match
	notes  string   // the notices' text
	marked []string // the text of each <mark>
	text   string   // the visible text of <main>
	root   *html.Node
}

func readLibraryPage(t *testing.T, body string) libraryPage {
	t.Helper()
	root := htmltest.Parse(t, []byte(body))
	var p libraryPage
	p.root = root
	walk(root, func(n *html.Node) {
		switch {
		case n.DataAtom == atom.A && hasClass(n, "result-title"):
			p.ids = append(p.ids, strings.TrimPrefix(attr(n, "href"), "/library/"))
		case hasClass(n, "total"):
			p.count = textOf(n)
		case hasClass(n, "notice"):
			p.notes += textOf(n) + "\n"
		case n.DataAtom == atom.Mark:
			p.marked = append(p.marked, textOf(n))
		case n.DataAtom == atom.Main:
			p.text = textOf(n)
		}
	})
	return p
}

// clauseText is every text of a clause the search promises to look in,
// gathered here from the clause's fields without the search's own code.
func clauseText(c *library.Clause) string {
	var b strings.Builder
	add := func(ss ...string) {
		for _, s := range ss {
			b.WriteString(s)
			b.WriteByte('\n')
		}
	}
	q := func(q *library.Question) {
		if q != nil {
			add(q.Title, q.Text, q.Guidance)
		}
	}
	src := func(ss []library.Source) {
		for _, s := range ss {
			add(s.Title)
		}
	}
	add(c.ID, c.Title, c.Ask, c.Requirement, c.Rationale, c.Caution, c.LegalBasis, c.Retender)
	add(c.Evidence...)
	add(c.Tags...)
	q(c.Question)
	for _, k := range c.KPIs {
		add(k.Name)
	}
	src(c.Sources)
	for _, v := range c.Variants {
		add(v.Title, v.Ask, v.Requirement, v.Rationale, v.Caution, v.LegalBasis, v.Retender)
		add(v.Evidence...)
		q(v.Question)
		src(v.Sources)
	}
	return strings.ToLower(b.String())
}

// want returns the ids of the clauses that keep, in library order.
func want(lib *Library, keep func(c *library.Clause) bool) []string {
	var out []string
	for _, c := range lib.Clauses {
		if keep(c) {
			out = append(out, c.ID)
		}
	}
	return out
}

func hasWords(words ...string) func(c *library.Clause) bool {
	return func(c *library.Clause) bool {
		text := clauseText(c)
		for _, w := range words {
			if !strings.Contains(text, w) {
				return false
			}
		}
		return true
	}
}

func TestLibrarySearch(t *testing.T) {
	s, lib := newLibraryTestServer(t)
	all := want(lib, func(*library.Clause) bool { return true })
	if len(all) < 100 {
		t.Fatalf("the built-in library has %d clauses; the tests expect the full library", len(all))
	}
	sorted := func(ids []string) []string { return slices.Sorted(slices.Values(ids)) }
	tests := []struct {
		name  string
		query string
		// ids are the clauses that must be listed, in this order when
		// ordered is set, else in any order.
		ids     []string
		ordered bool
		count   string
		notes   []string // texts the notices must hold
	}{
		{
			name: "no search", query: "", ids: all, ordered: true,
			count: fmt.Sprintf("%d clauses in the library", len(all)),
		},
		{
			name: "theme", query: "theme=blacklisting",
			ids: want(lib, func(c *library.Clause) bool { return c.Theme == "blacklisting" }), ordered: true,
		},
		{
			name: "stage", query: "stage=award",
			ids: want(lib, func(c *library.Clause) bool { return slices.Contains(c.Stages, model.Award) }), ordered: true,
		},
		{
			name: "nation", query: "nation=scotland",
			ids: want(lib, func(c *library.Clause) bool { return slices.Contains(c.Jurisdictions, "scotland") }), ordered: true,
		},
		{
			name: "lever", query: "lever=kpi",
			ids: want(lib, func(c *library.Clause) bool { return c.Lever == "kpi" }), ordered: true,
		},
		{
			name: "every filter", query: "theme=living-wage&stage=contract-management&nation=wales&lever=contract-performance-condition",
			ids: want(lib, func(c *library.Clause) bool {
				return c.Theme == "living-wage" && slices.Contains(c.Stages, model.ContractManagement) &&
					slices.Contains(c.Jurisdictions, "wales") && c.Lever == "contract-performance-condition"
			}), ordered: true,
		},
		{
			name: "every word must match", query: "q=blacklist+union+subcontractor",
			ids: want(lib, hasWords("blacklist", "union", "subcontractor")),
		},
		{
			name: "words and a filter", query: "q=agency&nation=northern-ireland",
			ids: want(lib, func(c *library.Clause) bool {
				return hasWords("agency")(c) && slices.Contains(c.Jurisdictions, "northern-ireland")
			}),
		},
		{
			name: "case does not matter", query: "q=TUPE+Pensions",
			ids: want(lib, hasWords("tupe", "pensions")),
		},
		{
			name: "accents do not matter", query: "q=cafe",
			ids: want(lib, func(c *library.Clause) bool { return hasWords("café")(c) || hasWords("cafe")(c) }),
		},
		{
			name: "accents typed match plain text", query: "q=" + url.QueryEscape("wagé"),
			ids: want(lib, hasWords("wage")),
		},
		{
			name: "punctuation is not a word", query: "q=" + url.QueryEscape(`"living-wage"!`),
			ids: want(lib, hasWords("living", "wage")),
		},
		{
			name: "no words", query: "q=" + url.QueryEscape("?! -- …"),
			ids: all, ordered: true, count: fmt.Sprintf("%d clauses in the library", len(all)),
			notes: []string{"The search holds no letters or numbers"},
		},
		{
			name: "no result", query: "q=zzyzx+quokka",
			count: "0 clauses match",
			notes: []string{"No clause holds every word", "Clear the search and filters"},
		},
		{
			name: "bad filters are left out", query: "theme=nope&stage=later&nation=france&lever=" + url.QueryEscape("<b>x</b>"),
			ids: all, ordered: true, count: fmt.Sprintf("%d clauses in the library", len(all)),
			notes: []string{`There is no theme "nope"`, `There is no stage "later"`, `There is no nation "france"`, `There is no lever "<b>x</b>"`},
		},
		{
			name: "a bad filter beside a good one", query: "theme=blacklisting&stage=later",
			ids: want(lib, func(c *library.Clause) bool { return c.Theme == "blacklisting" }), ordered: true,
			notes: []string{`There is no stage "later"`},
		},
		{
			name: "an over-long search is cut", query: "q=" + strings.Repeat("wage+", 40) + "zzyzx",
			ids:   want(lib, hasWords("wage")),
			notes: []string{"Only the first 200 characters"},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			code, body := libraryGet(t, s, "/library?"+tc.query)
			if code != http.StatusOK {
				t.Fatalf("GET /library?%s = %d; want 200", tc.query, code)
			}
			p := readLibraryPage(t, body)
			got, wantIDs := p.ids, tc.ids
			if !tc.ordered {
				got, wantIDs = sorted(got), sorted(wantIDs)
			}
			if !slices.Equal(got, wantIDs) {
				t.Errorf("GET /library?%s lists %d clauses; want %d\ngot  %q\nwant %q", tc.query, len(got), len(wantIDs), got, wantIDs)
			}
			wantCount := tc.count
			if wantCount == "" && tc.query != "" {
				wantCount = fmt.Sprintf("%d clauses match", len(tc.ids))
				if len(tc.ids) == 1 {
					wantCount = "1 clause matches"
				}
			}
			if p.count != wantCount {
				t.Errorf("GET /library?%s says %q; want %q", tc.query, p.count, wantCount)
			}
			for _, n := range tc.notes {
				if !strings.Contains(p.notes, n) {
					t.Errorf("GET /library?%s: the notices do not say %q; they say %q", tc.query, n, p.notes)
				}
			}
			if len(tc.notes) == 0 && p.notes != "" {
				t.Errorf("GET /library?%s: unexpected notice %q", tc.query, p.notes)
			}
		})
	}
}

// TestLibrarySearchRanking checks that a search puts the clauses with the
// words in their titles first.
func TestLibrarySearchRanking(t *testing.T) {
	s, lib := newLibraryTestServer(t)
	_, body := libraryGet(t, s, "/library?q=living+wage")
	p := readLibraryPage(t, body)
	if len(p.ids) == 0 || !strings.HasPrefix(p.ids[0], "living-wage.") {
		t.Fatalf("GET /library?q=living+wage lists %q first; want a living-wage clause", p.ids)
	}
	inTitle := func(id string) bool {
		title := strings.ToLower(lib.Clause(id).Title)
		return strings.Contains(title, "living") && strings.Contains(title, "wage")
	}
	// Results are grouped by theme, each theme once; within a theme the
	// clauses with both words in the title come before every other.
	seenTheme := map[string]bool{}
	theme, seenOther, titled := "", "", 0
	for _, id := range p.ids {
		c := lib.Clause(id)
		if c.Theme != theme {
			if seenTheme[c.Theme] {
				t.Errorf("%s: theme %s is listed twice", id, c.Theme)
			}
			theme, seenOther = c.Theme, ""
			seenTheme[theme] = true
		}
		switch {
		case !inTitle(id):
			seenOther = cmp.Or(seenOther, id)
		case seenOther != "":
			t.Errorf("%s, with the words in its title, is listed after %s, without", id, seenOther)
		default:
			titled++
		}
	}
	if titled == 0 || titled == len(p.ids) {
		t.Errorf("%d of %d results have the words in their titles: the test checks nothing", titled, len(p.ids))
	}
	// The search words are marked where they are, and only there.
	for _, m := range p.marked {
		if f := strings.ToLower(m); f != "living" && f != "wage" {
			t.Errorf("<mark>%s</mark>: want only the search words marked", m)
		}
	}
	if len(p.marked) < 2*titled {
		t.Errorf("%d words marked, for %d results with both in the title: want the words marked in titles", len(p.marked), titled)
	}
}

func TestFold(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"Living WAGE", "living wage"},
		{"Café", "cafe"},
		{"Gŵyl Dewi Sant: Cymraeg â Saesneg", "gwyl dewi sant: cymraeg a saesneg"},
		{"CAFÉ", "cafe"},
		{"naïve façade", "naive facade"},
	} {
		if got := foldString(tc.in); got != tc.want {
			t.Errorf("foldString(%q) = %q; want %q", tc.in, got, tc.want)
		}
	}
}

func TestMarks(t *testing.T) {
	for _, tc := range []struct {
		text  string
		words []string
		want  string // marked text as [x]
	}{
		{"Go to the Café now", []string{"cafe"}, "Go to the [Café] now"},
		{"Gŵyl and gwyl", []string{"gwyl"}, "[Gŵyl] and [gwyl]"},
		{"living wage, Living Wage", []string{"living", "wage"}, "[living] [wage], [Living] [Wage]"},
		{"wages", []string{"wage", "ages"}, "[wages]"},
		{"no match", []string{"zzz"}, "no match"},
		{"<script>", []string{"script"}, "<[script]>"},
	} {
		var b strings.Builder
		for _, sg := range foldText(tc.text).marks(tc.words) {
			if sg.Mark {
				b.WriteString("[" + sg.Text + "]")
			} else {
				b.WriteString(sg.Text)
			}
		}
		if b.String() != tc.want {
			t.Errorf("marks(%q, %q) = %q; want %q", tc.text, tc.words, b.String(), tc.want)
		}
	}
}

func TestSummary(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"One sentence. Two sentences.", "One sentence."},
		{"Ask {employer}: pay e.g. the rate. Then more.", "Ask {employer}: pay e.g. the rate."},
		{"Under s. 17 of the Act, ask.\n\nSecond paragraph.", "Under s. 17 of the Act, ask."},
		{"  Spread\nover\n  lines?  Yes. ", "Spread over lines?"},
		{"", ""},
	} {
		if got := summary(tc.in); got != tc.want {
			t.Errorf("summary(%q) = %q; want %q", tc.in, got, tc.want)
		}
	}
}

// TestLibraryHTML checks the structure of the library's pages: one h1,
// headings in order, every control labelled, tables with captions and
// header scopes, links with text, unique ids, and every link within the
// library leading to a page.
func TestLibraryHTML(t *testing.T) {
	s, lib := newLibraryTestServer(t)
	pages := []string{
		"/library", "/library?q=living+wage", "/library?q=zzyzx", "/library?theme=nope",
		"/library/" + lib.Clauses[0].ID, "/library/living-wage.all-contract-workers", "/library/no-such-clause",
	}
	for _, c := range lib.Clauses {
		if c.Question != nil && len(c.KPIs) > 0 && len(c.Variants) > 0 && c.Caution != "" {
			pages = append(pages, "/library/"+c.ID)
			break
		}
	}
	checked := map[string]bool{}
	for _, p := range pages {
		code, body := libraryGet(t, s, p)
		if code != http.StatusOK && p != "/library/no-such-clause" {
			t.Errorf("GET %s = %d; want 200", p, code)
		}
		for _, problem := range pageProblems(t, body) {
			t.Errorf("GET %s: %s", p, problem)
		}
		for _, href := range internalLinks(t, body) {
			if checked[href] || !(strings.HasPrefix(href, "/library") || strings.HasPrefix(href, "/static/")) {
				continue // the rest of the app's pages are tested with them
			}
			checked[href] = true
			if code, _ := libraryGet(t, s, href); code != http.StatusOK {
				t.Errorf("GET %s links to %s, which gives %d", p, href, code)
			}
		}
	}
	for _, c := range lib.Clauses {
		if !checked["/library/"+c.ID] {
			t.Errorf("no page links to %s", c.ID)
		}
	}
}

// pageProblems lists the ways a page falls short.
func pageProblems(t *testing.T, body string) []string {
	root := htmltest.Parse(t, []byte(body))
	var out []string
	var levels []int
	ids := map[string]int{}
	labels := map[string]bool{}
	var controls []*html.Node
	walk(root, func(n *html.Node) {
		if id := attr(n, "id"); id != "" {
			ids[id]++
		}
		switch n.DataAtom {
		case atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6:
			levels = append(levels, int(n.Data[1]-'0'))
		case atom.Label:
			labels[attr(n, "for")] = true
		case atom.Input, atom.Select, atom.Textarea:
			if t := attr(n, "type"); t != "hidden" && t != "submit" {
				controls = append(controls, n)
			}
		case atom.A:
			if strings.TrimSpace(textOf(n)) == "" && attr(n, "aria-label") == "" {
				out = append(out, fmt.Sprintf("a link to %s has no text", attr(n, "href")))
			}
			if attr(n, "href") == "" {
				out = append(out, fmt.Sprintf("a link %q has no address", textOf(n)))
			}
			if h := attr(n, "href"); strings.HasPrefix(h, "http") && attr(n, "rel") != "noopener noreferrer" {
				out = append(out, fmt.Sprintf("the link to %s lacks rel=\"noopener noreferrer\"", h))
			}
		case atom.Table:
			out = append(out, tableProblems(n)...)
		}
	})
	if len(levels) == 0 || levels[0] != 1 || slices.Contains(levels[1:], 1) {
		out = append(out, fmt.Sprintf("headings %v: want exactly one h1, and it first", levels))
	}
	for i := 1; i < len(levels); i++ {
		if levels[i] > levels[i-1]+1 {
			out = append(out, fmt.Sprintf("headings %v: h%d follows h%d", levels, levels[i], levels[i-1]))
		}
	}
	for id, n := range ids {
		if n > 1 {
			out = append(out, fmt.Sprintf("id %q is used %d times", id, n))
		}
	}
	for _, c := range controls {
		id := attr(c, "id")
		if (id == "" || !labels[id]) && attr(c, "aria-label") == "" {
			out = append(out, fmt.Sprintf("<%s name=%q> has no label", c.Data, attr(c, "name")))
		}
	}
	return out
}

func tableProblems(table *html.Node) []string {
	var out []string
	caption := false
	walk(table, func(n *html.Node) {
		switch n.DataAtom {
		case atom.Caption:
			caption = strings.TrimSpace(textOf(n)) != ""
		case atom.Th:
			if s := attr(n, "scope"); s != "col" && s != "row" {
				out = append(out, fmt.Sprintf("<th>%s</th> has no scope", textOf(n)))
			}
		}
	})
	if !caption {
		out = append(out, "a table has no caption")
	}
	return out
}

// internalLinks returns the page's links within the app, as sent.
func internalLinks(t *testing.T, body string) []string {
	var out []string
	walk(htmltest.Parse(t, []byte(body)), func(n *html.Node) {
		for _, a := range []string{"href", "src"} {
			if h := attr(n, a); strings.HasPrefix(h, "/") && !strings.HasPrefix(h, "//") {
				out = append(out, h)
			}
		}
	})
	return out
}

// TestClausePages checks that every clause of the built-in library has a
// page showing its title and its requirement wording.
func TestClausePages(t *testing.T) {
	s, lib := newLibraryTestServer(t)
	for _, c := range lib.Clauses {
		code, body := libraryGet(t, s, "/library/"+c.ID)
		if code != http.StatusOK {
			t.Errorf("GET /library/%s = %d; want 200", c.ID, code)
			continue
		}
		text := library.OneLine(htmltest.Text(t, []byte(body)))
		var h1 string
		walk(htmltest.Parse(t, []byte(body)), func(n *html.Node) {
			if n.DataAtom == atom.H1 {
				h1 = textOf(n)
			}
		})
		if h1 != library.OneLine(c.Title) {
			t.Errorf("GET /library/%s: h1 %q; want %q", c.ID, h1, c.Title)
		}
		for _, para := range slices.Concat(library.SplitParagraphs(c.Requirement), library.SplitParagraphs(c.Ask)) {
			if !strings.Contains(text, para) {
				t.Errorf("GET /library/%s: the page does not show %q", c.ID, clip(para, 80))
			}
		}
		if q := c.Question; q != nil && !strings.Contains(text, library.SplitParagraphs(q.Text)[0]) {
			t.Errorf("GET /library/%s: the page does not show the question", c.ID)
		}
		for _, k := range c.KPIs {
			if !strings.Contains(text, k.Name) {
				t.Errorf("GET /library/%s: the page does not show the KPI %q", c.ID, k.Name)
			}
		}
		if !strings.Contains(body, `<title>`+htmltemplate.HTMLEscapeString(c.Title)+` · goldenthread</title>`) {
			t.Errorf("GET /library/%s: the page's title is not the clause's", c.ID)
		}
	}
}

func TestClauseNotFound(t *testing.T) {
	s, lib := newLibraryTestServer(t)
	near := "living-wage.all-contract-workers"
	for _, tc := range []struct {
		id, suggest string
	}{
		{"living-wage.all-contract-worker", near},
		{"Living-Wage.All-Contract-Workers", near},
		{"no-such-thing-at-all.qqqqqqqqqqqqqqqqqq", ""},
		{"<script>", ""},
	} {
		code, body := libraryGet(t, s, "/library/"+url.PathEscape(tc.id))
		if code != http.StatusNotFound {
			t.Errorf("GET /library/%s = %d; want 404", tc.id, code)
		}
		var links []string
		walk(htmltest.Parse(t, []byte(body)), func(n *html.Node) {
			if n.DataAtom == atom.A && strings.HasPrefix(attr(n, "href"), "/library/") {
				links = append(links, attr(n, "href")+" "+textOf(n))
			}
		})
		var wantLinks []string
		if tc.suggest != "" {
			wantLinks = []string{"/library/" + tc.suggest + " " + lib.Clause(tc.suggest).Title}
		}
		if !slices.Equal(links, wantLinks) {
			t.Errorf("GET /library/%s links to %q; want %q", tc.id, links, wantLinks)
		}
		if strings.Contains(body, "<script>") {
			t.Errorf("GET /library/%s: the page holds <script> unescaped", tc.id)
		}
	}
}

// TestLibraryHostile checks that what is typed, and what a library's text
// holds, is shown as text and never becomes markup.
func TestLibraryHostile(t *testing.T) {
	overlay := library.Layer{Name: library.LayerOverlay, Dir: "branch-clauses", FS: fstest.MapFS{
		"hostile.toml": {Data: []byte(hostileClause)},
	}}
	s, lib := newLibraryTestServer(t, overlay)
	c := lib.Clause("living-wage.hostile")
	if c == nil {
		t.Fatal("the overlay's clause did not load")
	}
	for _, target := range []string{
		"/library?q=" + url.QueryEscape(`<script>alert(1)</script>"'`),
		"/library?q=script",
		"/library?q=" + url.QueryEscape(`"><img src=x onerror=alert(1)>`),
		"/library?theme=" + url.QueryEscape(`"><script>alert(1)</script>`),
		"/library/living-wage.hostile",
	} {
		code, body := libraryGet(t, s, target)
		if code != http.StatusOK {
			t.Errorf("GET %s = %d; want 200", target, code)
		}
		if strings.Contains(body, "<script>alert") {
			t.Errorf("GET %s: what was typed or written became markup", target)
		}
		walk(htmltest.Parse(t, []byte(body)), func(n *html.Node) {
			switch n.DataAtom {
			case atom.Script:
				if attr(n, "src") == "" {
					t.Errorf("GET %s: an inline <script>", target)
				}
			case atom.Img, atom.B, atom.I, atom.Style:
				t.Errorf("GET %s: a <%s> element", target, n.Data)
			}
			for _, a := range n.Attr {
				if strings.HasPrefix(a.Key, "on") || strings.HasPrefix(strings.ToLower(a.Val), "javascript:") {
					t.Errorf("GET %s: <%s %s=%q>", target, n.Data, a.Key, a.Val)
				}
			}
		})
	}
	_, body := libraryGet(t, s, "/library?q=script")
	p := readLibraryPage(t, body)
	if !slices.Contains(p.ids, "living-wage.hostile") {
		t.Errorf("GET /library?q=script does not find the clause with <script> in its title: %q", p.ids)
	}
	if !strings.Contains(p.text, `Pay <script>alert("x")</script> & 'quote'`) {
		t.Errorf("GET /library?q=script does not show the title as written")
	}
}

const hostileClause = `
[[clause]]
id = "living-wage.hostile"
title = "Pay <script>alert(\"x\")</script> & 'quote'"
theme = "living-wage"
stages = ["specification"]
lever = "specification"
status = "good-practice"
jurisdictions = ["england"]
review_by = 2030-01-01
ask = "Ask for <b>bold</b> \"quotes\" & <script>alert(2)</script>."
requirement = "1. The Contractor shall <i>pay</i>."
rationale = "Because <a href=javascript:alert(3)>this</a>."
caution = "<style>body</style>"

[[clause.source]]
title = "A <script> source"
url = "https://example.org/?a=1&b=<2>"
`

func walk(n *html.Node, f func(*html.Node)) {
	if n.Type == html.ElementNode {
		f(n)
	}
	for k := n.FirstChild; k != nil; k = k.NextSibling {
		walk(k, f)
	}
}

func hasClass(n *html.Node, class string) bool {
	return slices.Contains(strings.Fields(attr(n, "class")), class)
}

// textOf is the text within n, white space collapsed.
func textOf(n *html.Node) string {
	var b strings.Builder
	var f func(*html.Node)
	f = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		for k := n.FirstChild; k != nil; k = k.NextSibling {
			f(k)
		}
	}
	f(n)
	return library.OneLine(b.String())
}

// TestLibraryAxe runs axe-core over the library's pages as the app
// serves them, with its style sheet and script: results, a search with no
// results and notes, and a clause page.
func TestLibraryAxe(t *testing.T) {
	s, _ := newLibraryTestServer(t)
	srv := httptest.NewServer(s.Handler())
	defer srv.Close()
	for _, target := range []string{"/library?q=living+wage", "/library?q=zzyzx&theme=nope", "/library/living-wage.all-contract-workers"} {
		t.Run(target, func(t *testing.T) { htmltest.AxeURL(t, srv.URL+target) })
	}
}

func BenchmarkLibrarySearch(b *testing.B) {
	s, lib := newLibraryTestServer(b)
	queries := []struct {
		q string
		f clauseFilter
	}{
		{"living wage", clauseFilter{}},
		{"agency workers subcontractors", clauseFilter{Nation: "wales"}},
		{"cafe", clauseFilter{}},
		{"zzyzx", clauseFilter{}},
		{"", clauseFilter{Stage: "award"}},
		{"equality impact assessment", clauseFilter{Theme: "pre-procurement"}},
	}
	s.clauseIndex(lib) // built once per version, not per search
	b.Run("search", func(b *testing.B) {
		b.ReportAllocs()
		for i := 0; b.Loop(); i++ {
			q := queries[i%len(queries)]
			words := queryWords(q.q)
			s.groups(lib, s.clauseIndex(lib).search(words, q.f), words)
		}
	})
	b.Run("page", func(b *testing.B) {
		b.ReportAllocs()
		for i := 0; b.Loop(); i++ {
			q := queries[i%len(queries)]
			v := url.Values{"q": {q.q}, "theme": {q.f.Theme}, "stage": {q.f.Stage}, "nation": {q.f.Nation}}
			if code, _ := libraryGet(b, s, "/library?"+v.Encode()); code != http.StatusOK {
				b.Fatalf("GET = %d", code)
			}
		}
	})
	b.Run("index", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			buildIndex(lib)
		}
	})
}
