package pdf

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"html"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/goldenthread/goldenthread/internal/gtest"
	"github.com/goldenthread/goldenthread/internal/model"
)

// readPDF is what poppler's pdftohtml -xml reads from a PDF: the text on
// each page with the page each piece links to, and the outline.
type readPDF struct {
	pages   [][]linkedText // by page number - 1
	outline []outlineItem
}

type linkedText struct {
	text string
	to   int // the page it links to within the document, or 0
}

type outlineItem struct {
	level, page int
	title       string
}

var (
	href = regexp.MustCompile(`<a href="[^"#]*#(\d+)">`)
	tags = regexp.MustCompile(`<[^>]*>`)
)

// readBack runs pdftohtml -xml on b and parses what it prints.
func readBack(t testing.TB, b []byte) *readPDF {
	t.Helper()
	gtest.Tool(t, "pdftohtml")
	path := filepath.Join(t.TempDir(), "out.pdf")
	if err := os.WriteFile(path, b, 0o600); err != nil {
		t.Fatal(err)
	}
	var stdout, stderr bytes.Buffer
	cmd := exec.Command("pdftohtml", "-xml", "-stdout", "-i", "-q", "-enc", "UTF-8", path)
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("pdftohtml: %v\n%s", err, stderr.String())
	}
	r := &readPDF{}
	dec := xml.NewDecoder(&stdout)
	dec.Strict = false
	depth := 0
	for {
		tok, err := dec.Token()
		if err != nil {
			break
		}
		switch tk := tok.(type) {
		case xml.StartElement:
			switch tk.Name.Local {
			case "page":
				r.pages = append(r.pages, nil)
			case "text":
				var inner struct {
					XML string `xml:",innerxml"`
				}
				if err := dec.DecodeElement(&inner, &tk); err != nil {
					t.Fatal(err)
				}
				lt := linkedText{text: strings.TrimSpace(html.UnescapeString(tags.ReplaceAllString(inner.XML, "")))}
				if m := href.FindStringSubmatch(inner.XML); m != nil {
					lt.to, _ = strconv.Atoi(m[1])
				}
				if n := len(r.pages); n > 0 {
					r.pages[n-1] = append(r.pages[n-1], lt)
				}
			case "outline":
				depth++
			case "item":
				it := outlineItem{level: depth - 1}
				for _, a := range tk.Attr {
					if a.Name.Local == "page" {
						it.page, _ = strconv.Atoi(a.Value)
					}
				}
				var title string
				if err := dec.DecodeElement(&title, &tk); err != nil {
					t.Fatal(err)
				}
				it.title = strings.TrimSpace(title)
				r.outline = append(r.outline, it)
			}
		case xml.EndElement:
			if tk.Name.Local == "outline" {
				depth--
			}
		}
	}
	if len(r.pages) == 0 {
		t.Fatal("pdftohtml read no pages")
	}
	return r
}

// pageText returns the text of page n, flattened.
func (r *readPDF) pageText(n int) string {
	if n < 1 || n > len(r.pages) {
		return ""
	}
	var b strings.Builder
	for _, lt := range r.pages[n-1] {
		b.WriteString(lt.text + " ")
	}
	return flat(b.String())
}

// outlinePage returns the page of the outline entry with title at level,
// or 0.
func (r *readPDF) outlinePage(level int, title string) int {
	for _, it := range r.outline {
		if it.level == level && it.title == title {
			return it.page
		}
	}
	return 0
}

// checkNavigation checks, in the PDF b of p as an independent reader sees
// it, the outline, the page numbers the paper prints and the links: the
// outline lists the parts, every stage and every ask, each at the page the
// ask starts on; the list at a glance prints that page and links to it,
// and so does every priority ask; every ask in full links back to the list;
// every citation links to its work in Part 3, which lists each work once.
func checkNavigation(t *testing.T, p *model.Pack, b []byte) {
	t.Helper()
	r := readBack(t, b)
	w := func(key string) string { return p.Words.Get("asks." + key) }

	// The outline: parts at the top level, stages and asks under Part 2.
	var want []string
	add := func(level int, title string) { want = append(want, fmt.Sprintf("%d %s", level, flat(title))) }
	add(0, w("part.paper"))
	if len(p.Priorities()) > 0 {
		add(1, w("heading.priorities"))
	}
	if len(p.Sections) > 0 {
		add(1, w("heading.glance"))
	}
	add(1, w("heading.consultation"))
	add(1, w("heading.contact"))
	if len(p.Sections) > 0 {
		add(0, w("part.full"))
	}
	for _, s := range p.Sections {
		add(1, cmpOr(s.Title, p.Terms.StageTitles[s.Stage]))
		for _, g := range s.Themes {
			for _, a := range g.Asks {
				add(2, fmt.Sprintf("%d. %s", a.Number, a.Title))
			}
		}
	}
	if len(p.Works) > 0 {
		add(0, w("part.sources"))
	}
	var got []string
	for _, it := range r.outline {
		got = append(got, fmt.Sprintf("%d %s", it.level, flat(it.title)))
	}
	if !slices.Equal(got, want) {
		t.Errorf("outline:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}

	// Where each ask starts, by the outline; its title is on that page.
	askPage := map[int]int{}
	for _, a := range p.Asks() {
		pg := r.outlinePage(2, fmt.Sprintf("%d. %s", a.Number, flat(a.Title)))
		askPage[a.Number] = pg
		if head := firstWords(a.Title, 4); !strings.Contains(r.pageText(pg), head) {
			t.Errorf("ask %d: the outline points at page %d, which does not show its title %q", a.Number, pg, head)
		}
	}
	part2, part3 := r.outlinePage(0, w("part.full")), r.outlinePage(0, w("part.sources"))
	glance := r.outlinePage(1, w("heading.glance"))

	// The list at a glance: each ask's row links to the ask's page and
	// prints it. Rows are read from the pages before Part 2.
	rowTo := map[int][]int{} // ask number → pages its row's cells link to
	for pg := glance; pg > 0 && pg < part2; pg++ {
		for _, lt := range r.pages[pg-1] {
			if n, err := strconv.Atoi(lt.text); err == nil && lt.to > 0 {
				rowTo[n] = append(rowTo[n], lt.to)
			}
		}
	}
	for _, a := range p.Asks() {
		if pg := askPage[a.Number]; !slices.Contains(rowTo[a.Number], pg) {
			t.Errorf("ask %d at a glance links to pages %v; want a link to page %d", a.Number, rowTo[a.Number], pg)
		}
	}
	// Each page number printed at a glance is the page its row links to:
	// the number cell and the page cell both link, the page cell to the
	// page it prints.
	for pg := glance; pg > 0 && pg < part2; pg++ {
		for _, lt := range r.pages[pg-1] {
			if n, err := strconv.Atoi(lt.text); err == nil && lt.to > 0 && n > len(p.Asks()) && n != lt.to {
				t.Errorf("page %d prints page %d but links to page %d", pg, n, lt.to)
			}
		}
	}
	// Every priority ask links to its page in full and says which it is.
	for _, a := range p.Priorities() {
		s := fmt.Sprintf(w("line.in_full"), askPage[a.Number])
		if !linksTo(r, 1, part2, s, askPage[a.Number]) {
			t.Errorf("priority ask %d: no %q linking to page %d before Part 2", a.Number, s, askPage[a.Number])
		}
	}
	// Every ask in full links back to the list.
	back, backs := w("line.back"), 0
	for pg := part2; pg > 0 && pg <= len(r.pages); pg++ {
		for _, lt := range r.pages[pg-1] {
			if lt.text == back {
				backs++
				if lt.to < glance || lt.to >= part2 {
					t.Errorf("page %d: %q links to page %d, not to the list at a glance", pg, back, lt.to)
				}
			}
		}
	}
	if backs != len(p.Asks()) {
		t.Errorf("%d links back to the list; want one for each of %d asks", backs, len(p.Asks()))
	}

	// Part 3 lists each work once, in order; citations link to it.
	workPage := map[string]int{}
	var refs []string
	for pg := part3; pg > 0 && pg <= len(r.pages); pg++ {
		for _, lt := range r.pages[pg-1] {
			if ref.MatchString(lt.text) {
				refs = append(refs, lt.text)
				workPage[lt.text] = pg
			}
		}
	}
	var wantRefs []string
	for i := range p.Works {
		wantRefs = append(wantRefs, "["+strconv.Itoa(i+1)+"]")
	}
	if !slices.Equal(refs, wantRefs) {
		t.Errorf("Part 3 lists works %v; want %v", refs, wantRefs)
	}
	for pg := part2; pg > 0 && pg < part3; pg++ {
		for _, lt := range r.pages[pg-1] {
			if ref.MatchString(lt.text) && lt.to != workPage[lt.text] {
				t.Errorf("page %d: citation %s links to page %d; the work is on page %d", pg, lt.text, lt.to, workPage[lt.text])
			}
		}
	}
	if t.Failed() {
		t.Logf("pages by outline: %v", slices.Sorted(maps.Values(askPage)))
	}
}

var ref = regexp.MustCompile(`^\[\d+\]$`)

// linksTo reports whether a text s on pages from to before links to page.
func linksTo(r *readPDF, from, before int, s string, page int) bool {
	for pg := from; pg < before && pg <= len(r.pages); pg++ {
		for _, lt := range r.pages[pg-1] {
			if lt.text == s && lt.to == page {
				return true
			}
		}
	}
	return false
}

func cmpOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// firstWords returns the first n words of s.
func firstWords(s string, n int) string {
	f := strings.Fields(s)
	return strings.Join(f[:min(n, len(f))], " ")
}

func TestNavigation(t *testing.T) {
	p := fixturePack()
	b := renderPack(t, p)
	checkNavigation(t, p, b)
	if !bytes.Contains(b, []byte("/Lang (en-GB)")) {
		t.Error("the catalogue does not give the document's language")
	}
}

// TestPagesSettle checks that the pages layout expects anchors on are the
// pages maroto draws them on, so documents are drawn once; and that when
// they are not, render lays the document out again with the pages drawn.
func TestPagesSettle(t *testing.T) {
	for name, p := range map[string]*model.Pack{"fixture": fixturePack(), "hostile": hostilePack(longRationale)} {
		d, err := layoutAsks(p, nil)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := d.generate(); err != nil {
			t.Fatal(err)
		}
		if len(d.nav.drawn) == 0 || !d.nav.settled() {
			t.Errorf("%s: pages laid out and drawn differ", name)
		}
	}

	p := fixturePack()
	want := renderPack(t, p)
	calls := 0
	skewed := func(p *model.Pack, known map[string]int) (*doc, error) {
		calls++
		d, err := layoutAsks(p, known)
		if err == nil && known == nil {
			for k := range d.nav.laid {
				d.nav.laid[k]++ // as if the layout had miscounted
			}
		}
		return d, err
	}
	var got bytes.Buffer
	if err := render(&got, skewed, p); err != nil {
		t.Fatal(err)
	}
	if calls != 2 || !bytes.Equal(got.Bytes(), want) {
		t.Errorf("with a miscounted layout: %d layouts, same output %v; want 2 and the same PDF", calls, bytes.Equal(got.Bytes(), want))
	}
}
