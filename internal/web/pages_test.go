package web

import (
	"bytes"
	"fmt"
	"math"
	"mime"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
	"golang.org/x/net/html"

	"github.com/goldenthread/goldenthread/internal/diag"
	"github.com/goldenthread/goldenthread/internal/gtest"
	"github.com/goldenthread/goldenthread/internal/library"
	"github.com/goldenthread/goldenthread/internal/profile"
)

// checkPage parses an app page and checks what every page must be: one
// h1, headings that never skip a level, every control labelled, ids
// unique, links within the page and aria references pointing at an id,
// and nothing inline that the content policy would block (script, style
// attributes or elements, event handler attributes).
func checkPage(t *testing.T, what, page string) *html.Node {
	t.Helper()
	doc, err := html.Parse(strings.NewReader(page))
	if err != nil {
		t.Fatalf("%s: %v", what, err)
	}
	ids := map[string]int{}
	labels := map[string]bool{}
	var h1s, last int
	var refs []string
	for n := range doc.Descendants() {
		if n.Type != html.ElementNode {
			continue
		}
		if id := attr(n, "id"); id != "" {
			ids[id]++
		}
		if n.Data == "label" && attr(n, "for") != "" {
			labels[attr(n, "for")] = true
		}
		if len(n.Data) == 2 && n.Data[0] == 'h' && n.Data[1] >= '1' && n.Data[1] <= '6' {
			level := int(n.Data[1] - '0')
			if level == 1 {
				h1s++
			}
			if level > last+1 {
				t.Errorf("%s: <%s> %q follows an h%d: a heading level is skipped", what, n.Data, text(n), last)
			}
			last = level
		}
		for _, a := range n.Attr {
			switch {
			case a.Key == "style":
				t.Errorf("%s: <%s style=%q>: the content policy blocks inline styles", what, n.Data, a.Val)
			case strings.HasPrefix(a.Key, "on"):
				t.Errorf("%s: <%s %s=…>: the content policy blocks inline script", what, n.Data, a.Key)
			case a.Key == "aria-describedby" || a.Key == "aria-labelledby":
				refs = append(refs, strings.Fields(a.Val)...)
			case a.Key == "href" && strings.HasPrefix(a.Val, "#"):
				refs = append(refs, a.Val[1:])
			case (a.Key == "href" || a.Key == "src") && (strings.HasPrefix(a.Val, "http:") || strings.HasPrefix(a.Val, "https:") || strings.HasPrefix(a.Val, "//")):
				t.Errorf("%s: <%s %s=%q>: no page makes an external request", what, n.Data, a.Key, a.Val)
			}
		}
		switch n.Data {
		case "style":
			t.Errorf("%s: a <style> element: the content policy allows only the app's stylesheet", what)
		case "script":
			if attr(n, "src") == "" || n.FirstChild != nil {
				t.Errorf("%s: an inline <script>: the content policy allows only the app's script", what)
			}
		}
	}
	if h1s != 1 {
		t.Errorf("%s: %d h1 elements; want 1", what, h1s)
	}
	for id, n := range ids {
		if n > 1 {
			t.Errorf("%s: id %q used %d times", what, id, n)
		}
	}
	for _, id := range refs {
		if ids[id] == 0 {
			t.Errorf("%s: a link or aria reference to #%s, which no element has", what, id)
		}
	}
	for n := range doc.Descendants() {
		if n.Type != html.ElementNode || (n.Data != "input" && n.Data != "select" && n.Data != "textarea") {
			continue
		}
		if typ := attr(n, "type"); n.Data == "input" && (typ == "hidden" || typ == "submit" || typ == "button") {
			continue
		}
		if id := attr(n, "id"); (id == "" || !labels[id]) && attr(n, "aria-label") == "" && attr(n, "aria-labelledby") == "" {
			t.Errorf("%s: <%s name=%q> has no label", what, n.Data, attr(n, "name"))
		}
	}
	return doc
}

// find returns the elements of doc called tag whose attribute key is val
// (any, if key is "").
func find(doc *html.Node, tag, key, val string) []*html.Node {
	var out []*html.Node
	for n := range doc.Descendants() {
		if n.Type == html.ElementNode && n.Data == tag && (key == "" || attr(n, key) == val) {
			out = append(out, n)
		}
	}
	return out
}

func TestHome(t *testing.T) {
	s := newTestServer(t)
	c := newClient(t, s)
	r := c.get("/")
	if r.StatusCode != 200 || r.Header.Get("Content-Type") != "text/html; charset=utf-8" || r.Header.Get("Cache-Control") != "no-store" {
		t.Fatalf("GET / = %d, %s, %s", r.StatusCode, r.Header.Get("Content-Type"), r.Header.Get("Cache-Control"))
	}
	doc := checkPage(t, "home", r.Body)
	for _, name := range exampleNames(t) {
		if len(find(doc, "a", "href", "/p/"+name)) != 1 {
			t.Errorf("home does not link to /p/%s", name)
		}
	}
	if !strings.Contains(r.Body, s.ws.dir) {
		t.Errorf("home does not say where the profiles are kept")
	}

	// An empty workspace says how to start.
	empty := newTestServer(t, func(c *Config) { c.Workspace = t.TempDir() })
	r = newClient(t, empty).get("/")
	checkPage(t, "empty home", r.Body)
	if !strings.Contains(r.Body, "no profiles in this workspace yet") {
		t.Errorf("an empty workspace's home does not say so")
	}
}

func TestNewProfile(t *testing.T) {
	type field struct{ id, value string }
	for _, tc := range []struct {
		name   string
		form   url.Values
		errors []string // the fields the summary links to
		kept   []field  // what the form still shows
	}{
		{"no name", url.Values{"name": {"  "}, "nation": {"wales"}, "kind": {"nhs"}}, []string{"name"}, []field{{"nation", "wales"}, {"kind", "nhs"}}},
		{"dot dot", url.Values{"name": {"../x"}, "nation": {"england"}, "kind": {"nhs"}}, []string{"name"}, []field{{"name", "../x"}}},
		{"slash", url.Values{"name": {"a/b"}, "nation": {"england"}, "kind": {"nhs"}, "sector": {"cleaning"}}, []string{"name"}, []field{{"name", "a/b"}, {"sector", "cleaning"}}},
		{"hidden", url.Values{"name": {".x"}, "nation": {"england"}, "kind": {"nhs"}}, []string{"name"}, []field{{"name", ".x"}}},
		{"markup", url.Values{"name": {`<b>"x"</b>`}, "nation": {"england"}, "kind": {"nhs"}}, []string{"name"}, []field{{"name", `<b>"x"</b>`}}},
		{"duplicate", url.Values{"name": {"midshire-highways"}, "nation": {"scotland"}, "kind": {"college"}}, []string{"name"}, []field{{"name", "midshire-highways"}, {"nation", "scotland"}, {"kind", "college"}}},
		{"duplicate with .toml", url.Values{"name": {"midshire-highways.toml"}, "nation": {"england"}, "kind": {"nhs"}}, []string{"name"}, []field{{"name", "midshire-highways"}}},
		{"bad nation", url.Values{"name": {"fine"}, "nation": {"cymru"}, "kind": {"nhs"}}, []string{"nation"}, []field{{"name", "fine"}}},
		{"bad kind and category", url.Values{"name": {"fine"}, "nation": {"england"}, "kind": {"council"}, "category": {"stuff"}}, []string{"kind", "category"}, []field{{"name", "fine"}}},
		{"bad sector", url.Values{"name": {"fine"}, "nation": {"england"}, "kind": {"nhs"}, "sector": {"mining"}}, []string{"sector"}, nil},
		{"everything wrong", url.Values{"name": {"a/b"}, "nation": {""}, "kind": {""}}, []string{"name", "nation", "kind"}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := newTestServer(t)
			before, _ := os.ReadDir(s.ws.dir)
			c := newClient(t, s)
			checkPage(t, "new", c.get("/new").Body)
			r := c.submit("/new", "/new", tc.form)
			if r.StatusCode != http.StatusUnprocessableEntity {
				t.Fatalf("POST /new %v = %d; want 422", tc.form, r.StatusCode)
			}
			doc := checkPage(t, "new with errors", r.Body)
			summary := find(doc, "div", "class", "error-summary")
			if len(summary) != 1 {
				t.Fatalf("POST /new %v: no error summary", tc.form)
			}
			var linked []string
			for _, a := range find(summary[0], "a", "", "") {
				linked = append(linked, strings.TrimPrefix(attr(a, "href"), "#"))
			}
			if fmt.Sprint(linked) != fmt.Sprint(tc.errors) {
				t.Errorf("POST /new %v: the summary links to %q; want %q", tc.form, linked, tc.errors)
			}
			for _, id := range tc.errors {
				ctl := find(doc, "", "id", id)
				if n := controlByID(doc, id); n == nil || attr(n, "aria-invalid") != "true" {
					t.Errorf("POST /new %v: #%s is not marked invalid (%d found)", tc.form, id, len(ctl))
				}
			}
			for _, f := range tc.kept {
				if got := controlValue(doc, f.id); got != f.value {
					t.Errorf("POST /new %v: #%s shows %q; want %q kept", tc.form, f.id, got, f.value)
				}
			}
			after, _ := os.ReadDir(s.ws.dir)
			if len(after) != len(before) {
				t.Errorf("POST /new %v with errors changed the workspace: %d files, then %d", tc.form, len(before), len(after))
			}
		})
	}
}

// controlByID returns the input or select with the id, or nil.
func controlByID(doc *html.Node, id string) *html.Node {
	for n := range doc.Descendants() {
		if n.Type == html.ElementNode && (n.Data == "input" || n.Data == "select") && attr(n, "id") == id {
			return n
		}
	}
	return nil
}

// controlValue returns what an input or select shows.
func controlValue(doc *html.Node, id string) string {
	n := controlByID(doc, id)
	switch {
	case n == nil:
		return "(none)"
	case n.Data == "input":
		return attr(n, "value")
	}
	for _, o := range find(n, "option", "", "") {
		if hasAttr(o, "selected") {
			return attr(o, "value")
		}
	}
	return ""
}

func TestCreate(t *testing.T) {
	for _, tc := range []struct {
		name, file string
		form       url.Values
	}{
		{"plain", "midshire-cleaning", url.Values{"name": {"midshire-cleaning"}, "nation": {"england"}, "kind": {"local-authority"}, "sector": {"cleaning"}}},
		{"welsh", "Tŷ Glân 2027", url.Values{"name": {" Tŷ Glân 2027.toml "}, "nation": {"wales"}, "kind": {"nhs"}, "category": {"services"}}},
		{"scotland goods", "strath_goods", url.Values{"name": {"strath_goods"}, "nation": {"scotland"}, "kind": {"university"}, "category": {"goods"}}},
		{"northern ireland", "belfast", url.Values{"name": {"belfast"}, "nation": {"northern-ireland"}, "kind": {"other"}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := newTestServer(t)
			c := newClient(t, s)
			r := c.submit("/new", "/new", tc.form)
			want := "/p/" + url.PathEscape(tc.file) + "/edit?created=1"
			if r.StatusCode != http.StatusSeeOther || r.Header.Get("Location") != want {
				t.Fatalf("POST /new %v = %d to %q; want 303 to %q\n%s", tc.form, r.StatusCode, r.Header.Get("Location"), want, r.Body)
			}
			src, err := os.ReadFile(filepath.Join(s.ws.dir, tc.file+".toml"))
			if err != nil {
				t.Fatal(err)
			}
			lib, _ := builtin(t, testNow)
			prof, list := profile.Load(lib, tc.file+".toml", src, testNow)
			if prof == nil || list.Count(diag.Error) > 0 {
				t.Fatalf("the new profile does not load:\n%v", list)
			}
			if prof.Employer.Nation != tc.form.Get("nation") || prof.Employer.Kind != tc.form.Get("kind") {
				t.Errorf("the new profile is for %s, %s; want %s, %s", prof.Employer.Nation, prof.Employer.Kind, tc.form.Get("nation"), tc.form.Get("kind"))
			}
			if sec := tc.form.Get("sector"); sec != "" && prof.Procurement.Sector != sec {
				t.Errorf("the new profile's sector is %q; want %q", prof.Procurement.Sector, sec)
			}
			// Its page works, and offers every document but the monitoring
			// workbook, which needs the [contract] table a starter leaves out.
			r = c.get("/p/" + url.PathEscape(tc.file))
			if r.StatusCode != 200 {
				t.Fatalf("GET the new profile = %d", r.StatusCode)
			}
			doc := checkPage(t, "new profile's page", r.Body)
			for _, o := range s.cfg.Outputs {
				links := len(find(doc, "a", "href", "/p/"+url.PathEscape(tc.file)+"/download/"+o.File))
				if want := o.File != "monitoring.xlsx"; (links == 1) != want {
					t.Errorf("the new profile's page: link to %s %v; want %v:\n%s", o.File, links == 1, want, r.Body)
				}
			}
			// A second create under the name is refused and changes nothing.
			r = c.submit("/new", "/new", tc.form)
			if r.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(r.Body, "already exists") {
				t.Errorf("a second POST /new = %d; want 422 saying it exists", r.StatusCode)
			}
			if again, _ := os.ReadFile(filepath.Join(s.ws.dir, tc.file+".toml")); !bytes.Equal(again, src) {
				t.Errorf("a second POST /new changed the profile")
			}
		})
	}
}

// TestCreateRace checks that a profile written by another program between
// the app's check and its write is not overwritten.
func TestCreateRace(t *testing.T) {
	var dir string
	s := newTestServer(t, func(c *Config) {
		dir = c.Workspace
		starter := c.Starter
		c.Starter = func(lib *library.Library, file string, o Starter) ([]byte, error) {
			os.WriteFile(filepath.Join(dir, file), []byte("mine = true\n"), 0o644)
			return starter(lib, file, o)
		}
	})
	r := newClient(t, s).submit("/new", "/new", url.Values{"name": {"raced"}, "nation": {"england"}, "kind": {"nhs"}})
	if r.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(r.Body, "already exists") {
		t.Errorf("POST /new over a file written meanwhile = %d; want 422 saying it exists", r.StatusCode)
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "raced.toml")); string(b) != "mine = true\n" {
		t.Errorf("the file written meanwhile was overwritten: %q", b)
	}
	leftovers(t, s.ws)
}

func TestProfilePage(t *testing.T) {
	s := newTestServer(t)
	c := newClient(t, s)
	lib, _ := builtin(t, testNow)
	for _, name := range exampleNames(t) {
		t.Run(name, func(t *testing.T) {
			src, _ := os.ReadFile(filepath.Join(s.ws.dir, name+".toml"))
			prof, _ := profile.Load(lib, name+".toml", src, testNow)
			if prof == nil {
				t.Fatalf("%s does not load", name)
			}
			r := c.get("/p/" + name)
			if r.StatusCode != 200 {
				t.Fatalf("GET /p/%s = %d", name, r.StatusCode)
			}
			doc := checkPage(t, name, r.Body)
			if h1 := find(doc, "h1", "", ""); len(h1) != 1 || text(h1[0]) != prof.Procurement.Title {
				t.Errorf("GET /p/%s: h1 is not the procurement's title %q", name, prof.Procurement.Title)
			}
			if !strings.Contains(text(doc), prof.Employer.Name) {
				t.Errorf("GET /p/%s does not name the employer %q", name, prof.Employer.Name)
			}
			for _, o := range s.cfg.Outputs {
				href := "/p/" + name + "/download/" + o.File
				links := find(doc, "a", "href", href)
				if len(links) != 1 {
					if !strings.Contains(r.Body, o.Label+": <span class=\"muted\">not available: ") {
						t.Errorf("GET /p/%s: neither a link to %s nor why not", name, o.File)
					}
					continue
				}
				if d := attr(links[0], "download"); d != name+"-"+o.File {
					t.Errorf("GET /p/%s: the %s link downloads as %q; want %q", name, o.File, d, name+"-"+o.File)
				}
			}
			if len(find(doc, "a", "href", "/p/"+name+"/preview")) != 1 {
				t.Errorf("GET /p/%s: no preview link", name)
			}
		})
	}
}

// TestNotFound checks that no address reaches a file outside the
// workspace, and that a missing profile or output is a 404 page.
func TestNotFound(t *testing.T) {
	s := newTestServer(t)
	if err := os.WriteFile(filepath.Join(filepath.Dir(s.ws.dir), "outside.toml"), []byte("secret = 1\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	c := newClient(t, s)
	for _, path := range []string{
		"/p/nonexistent",
		"/p/../etc/passwd",
		"/p/%2e%2e/x",
		"/p/%2e%2e",
		"/p/%2E%2E%2Foutside",
		"/p/..%2Foutside",
		"/p/..%5Coutside",
		"/p/.hidden",
		"/p/nonexistent/preview",
		"/p/nonexistent/download/asks.pdf",
		"/p/%2e%2e%2foutside/download/asks.pdf",
		"/p/midshire-highways/download/evil.exe",
		"/p/midshire-highways/download/..%2f..%2foutside.toml",
		"/p/midshire-highways/download/",
		"/p/midshire-highways.toml",
		"/static/nope.css",
		"/static/..%2f..%2fweb.go",
		"/nowhere",
	} {
		r := c.get(path)
		for i := 0; i < 3 && r.StatusCode/100 == 3; i++ {
			r = c.get(r.Header.Get("Location")) // the mux cleans "/p/../x" to "/x"
		}
		if r.StatusCode != http.StatusNotFound {
			t.Errorf("GET %s = %d; want 404", path, r.StatusCode)
			continue
		}
		checkPage(t, path, r.Body)
		if strings.Contains(r.Body, "secret") || strings.Contains(r.Body, "root:") {
			t.Errorf("GET %s shows a file's content", path)
		}
	}
}

// withWeightsError writes a copy of an example whose [scoring] weights do
// not add up to 100, and returns its name.
func withWeightsError(t *testing.T, s *Server) string {
	src, err := os.ReadFile(filepath.Join(s.ws.dir, "dyffryn-tywi-cleaning.toml"))
	if err != nil {
		t.Fatal(err)
	}
	bad := bytes.Replace(src, []byte("id = \"workforce-transfer.award-transition-plan\"\nweight = 20"), []byte("id = \"workforce-transfer.award-transition-plan\"\nweight = 25"), 1)
	if bytes.Equal(bad, src) {
		t.Fatal("the example's weights are not where the test expects")
	}
	if err := os.WriteFile(filepath.Join(s.ws.dir, "weights.toml"), bad, 0o644); err != nil {
		t.Fatal(err)
	}
	return "weights"
}

func TestDownload(t *testing.T) {
	s := newTestServer(t)
	c := newClient(t, s)
	get := func(path string) response {
		t.Helper()
		r := c.get(path)
		if r.StatusCode != 200 {
			t.Fatalf("GET %s = %d\n%s", path, r.StatusCode, r.Body)
		}
		return r
	}
	disposition := func(r response) (string, string) {
		d, params, err := mime.ParseMediaType(r.Header.Get("Content-Disposition"))
		if err != nil {
			t.Fatalf("Content-Disposition %q: %v", r.Header.Get("Content-Disposition"), err)
		}
		return d, params["filename"]
	}

	pdf := get("/p/midshire-highways/download/asks.pdf")
	if !strings.HasPrefix(pdf.Body, "%PDF-") || pdf.Header.Get("Content-Type") != "application/pdf" {
		t.Errorf("asks.pdf is %s starting %q", pdf.Header.Get("Content-Type"), pdf.Body[:min(8, len(pdf.Body))])
	}
	if d, f := disposition(pdf); d != "attachment" || f != "midshire-highways-asks.pdf" {
		t.Errorf("asks.pdf Content-Disposition %s, filename %q; want attachment, midshire-highways-asks.pdf", d, f)
	}
	if pdf.Header.Get("Content-Length") != strconv.Itoa(len(pdf.Body)) || pdf.Header.Get("Cache-Control") != "no-store" {
		t.Errorf("asks.pdf Content-Length %s (body %d), Cache-Control %s", pdf.Header.Get("Content-Length"), len(pdf.Body), pdf.Header.Get("Cache-Control"))
	}
	hits, _ := s.cache.stats()
	again := get("/p/midshire-highways/download/asks.pdf")
	if again.Body != pdf.Body {
		t.Errorf("a second download of asks.pdf gave other bytes")
	}
	if h, _ := s.cache.stats(); h <= hits {
		t.Errorf("a second download of asks.pdf was not a cache hit: %d hits, then %d", hits, h)
	}

	grid := get("/p/midshire-highways/download/grid.xlsx")
	if grid.Header.Get("Content-Type") != contentTypes[".xlsx"] {
		t.Errorf("grid.xlsx Content-Type %s", grid.Header.Get("Content-Type"))
	}
	f, err := excelize.OpenReader(strings.NewReader(grid.Body))
	if err != nil {
		t.Fatalf("grid.xlsx does not open: %v", err)
	}
	found := false
	for _, sh := range f.GetSheetList() {
		rows, _ := f.GetRows(sh)
		for _, row := range rows {
			if strings.Contains(strings.Join(row, " "), "Midshire County Council") {
				found = true
			}
		}
	}
	if !found {
		t.Errorf("grid.xlsx %q does not name the employer", f.GetSheetList())
	}
	f.Close()

	// A name in another script is kept in the download's file name.
	src, _ := os.ReadFile(filepath.Join(s.ws.dir, "midshire-highways.toml"))
	os.WriteFile(filepath.Join(s.ws.dir, "Tŷ Glân.toml"), src, 0o644)
	r := get("/p/" + url.PathEscape("Tŷ Glân") + "/download/asks.html")
	if d, f := disposition(r); d != "attachment" || f != "Tŷ Glân-asks.html" {
		t.Errorf("asks.html of Tŷ Glân: Content-Disposition %s, filename %q", d, f)
	}
	if r.Header.Get("Content-Security-Policy") != documentPolicy {
		t.Errorf("asks.html is served with the policy %q; want the document's", r.Header.Get("Content-Security-Policy"))
	}
}

// TestDownloadPDFText reads the asks paper back with poppler.
func TestDownloadPDFText(t *testing.T) {
	gtest.Tool(t, "pdftotext")
	s := newTestServer(t)
	r := newClient(t, s).get("/p/midshire-highways/download/asks.pdf")
	if r.StatusCode != 200 {
		t.Fatalf("GET asks.pdf = %d", r.StatusCode)
	}
	txt := strings.Join(strings.Fields(gtest.PDFText(t, []byte(r.Body))), " ")
	if !strings.Contains(txt, "Midshire County Council") {
		t.Errorf("asks.pdf text does not name the employer:\n%s", txt)
	}
}

// TestScoringProblem checks a profile whose [scoring] has a problem: the
// asks can be had, the grid cannot, and the page says which and why.
func TestScoringProblem(t *testing.T) {
	s := newTestServer(t)
	c := newClient(t, s)
	name := withWeightsError(t, s)

	r := c.get("/p/" + name)
	doc := checkPage(t, "scoring problem", r.Body)
	if !strings.Contains(r.Body, "add up to") {
		t.Errorf("the profile page does not show the weights problem")
	}
	// Of the outputs the example it was copied from offers, the problem
	// stops those that need the [scoring] table.
	intact := checkPage(t, "the example", c.get("/p/dyffryn-tywi-cleaning").Body)
	for _, o := range s.cfg.Outputs {
		offered := len(find(intact, "a", "href", "/p/dyffryn-tywi-cleaning/download/"+o.File)) == 1
		if o.Scoring && !offered {
			t.Fatalf("the example offers no %s, so its [scoring] problem cannot be seen to stop it", o.File)
		}
		links := len(find(doc, "a", "href", "/p/"+name+"/download/"+o.File))
		if want := offered && !o.Scoring; (links == 1) != want {
			t.Errorf("the page of a profile with a [scoring] problem: link to %s %v; want %v", o.File, links == 1, want)
		}
	}

	if r := c.get("/p/" + name + "/download/asks.pdf"); r.StatusCode != 200 || !strings.HasPrefix(r.Body, "%PDF-") {
		t.Errorf("asks.pdf of a profile with a [scoring] problem = %d; want 200 and a PDF", r.StatusCode)
	}
	r = c.get("/p/" + name + "/download/grid.xlsx")
	if r.StatusCode != http.StatusConflict {
		t.Fatalf("grid.xlsx of a profile with a [scoring] problem = %d; want 409", r.StatusCode)
	}
	doc = checkPage(t, "grid refused", r.Body)
	if msg := text(doc); !strings.Contains(msg, "add up to 105, not 100") {
		t.Errorf("the grid's refusal does not say what is wrong:\n%s", msg)
	}
	if len(find(doc, "a", "href", "/p/"+name)) != 1 {
		t.Errorf("the grid's refusal does not link back to the profile")
	}

	// A profile that does not load offers nothing, and says why.
	os.WriteFile(filepath.Join(s.ws.dir, "broken.toml"), []byte("[employer]\nname = 3\n"), 0o644)
	r = c.get("/p/broken")
	doc = checkPage(t, "broken", r.Body)
	if r.StatusCode != 200 || strings.Contains(r.Body, "/download/") || !strings.Contains(r.Body, "Put the problems right first") {
		t.Errorf("GET /p/broken = %d; want the page with no downloads", r.StatusCode)
	}
	for _, path := range []string{"/p/broken/download/asks.pdf", "/p/broken/preview"} {
		if r := c.get(path); r.StatusCode != http.StatusConflict {
			t.Errorf("GET %s = %d; want 409", path, r.StatusCode)
		}
	}
}

func TestPreview(t *testing.T) {
	s := newTestServer(t)
	c := newClient(t, s)
	r := c.get("/p/strathmore-catering/preview")
	if r.StatusCode != 200 {
		t.Fatalf("preview = %d", r.StatusCode)
	}
	if csp := r.Header.Get("Content-Security-Policy"); csp != documentPolicy {
		t.Errorf("preview CSP = %q; want %q", csp, documentPolicy)
	}
	if !strings.Contains(documentPolicy, "style-src 'unsafe-inline'") || strings.Contains(documentPolicy, "script-src") || !strings.Contains(documentPolicy, "default-src 'none'") {
		t.Errorf("the document policy allows more than inline style: %q", documentPolicy)
	}
	if ct := r.Header.Get("Content-Type"); ct != "text/html; charset=utf-8" {
		t.Errorf("preview Content-Type = %q", ct)
	}
	if d, _, _ := mime.ParseMediaType(r.Header.Get("Content-Disposition")); d != "inline" {
		t.Errorf("preview Content-Disposition = %q; want inline", r.Header.Get("Content-Disposition"))
	}
	doc, err := html.Parse(strings.NewReader(r.Body))
	if err != nil {
		t.Fatal(err)
	}
	if len(find(doc, "script", "", "")) != 0 {
		t.Errorf("the preview has a script")
	}
	if !strings.Contains(text(doc), "University of Strathmore") {
		t.Errorf("the preview does not name the employer")
	}
	// The preview is the asks paper the downloads offer.
	if dl := c.get("/p/strathmore-catering/download/asks.html"); dl.Body != r.Body {
		t.Errorf("the preview differs from asks.html")
	}
}

func TestStatic(t *testing.T) {
	s := newTestServer(t)
	c := newClient(t, s)
	home := checkPage(t, "home", c.get("/").Body)
	links := find(home, "link", "rel", "stylesheet")
	if len(links) != 1 {
		t.Fatalf("home has %d stylesheets", len(links))
	}
	href := attr(links[0], "href")
	tag := s.pages.static["app.css"].tag
	if href != "/static/app.css?v="+tag {
		t.Errorf("stylesheet href %q; want /static/app.css?v=%s", href, tag)
	}
	css, _ := assets.ReadFile("assets/static/app.css")
	for _, tc := range []struct {
		name, path, match string
		status            int
		cache             string
	}{
		{"current", href, "", 200, "public, max-age=31536000, immutable"},
		{"old version", "/static/app.css?v=0123456789ab", "", 200, "no-cache"},
		{"no version", "/static/app.css", "", 200, "no-cache"},
		{"revalidated", "/static/app.css", `"` + tag + `"`, 304, "no-cache"},
		{"changed", "/static/app.css", `"0123456789ab"`, 200, "no-cache"},
		{"unknown", "/static/nope.css", "", 404, "no-store"},
	} {
		req, _ := http.NewRequest("GET", tc.path, nil)
		if tc.match != "" {
			req.Header.Set("If-None-Match", tc.match)
		}
		r := c.do(req)
		if r.StatusCode != tc.status || r.Header.Get("Cache-Control") != tc.cache {
			t.Errorf("%s: GET %s = %d, Cache-Control %q; want %d, %q", tc.name, tc.path, r.StatusCode, r.Header.Get("Cache-Control"), tc.status, tc.cache)
		}
		if tc.status == 200 {
			if r.Body != string(css) || r.Header.Get("Content-Type") != "text/css; charset=utf-8" || r.Header.Get("ETag") != `"`+tag+`"` {
				t.Errorf("%s: GET %s: %s, ETag %s, %d bytes", tc.name, tc.path, r.Header.Get("Content-Type"), r.Header.Get("ETag"), len(r.Body))
			}
		}
		if tc.status == 304 && r.Body != "" {
			t.Errorf("%s: a 304 with a body", tc.name)
		}
	}
	if r := c.get("/static/app.js"); r.StatusCode != 200 || r.Header.Get("Content-Type") != "text/javascript; charset=utf-8" {
		t.Errorf("GET app.js = %d, %s", r.StatusCode, r.Header.Get("Content-Type"))
	}
}

// TestTemplatesInline checks every template source, pages not yet tested
// included, for what the content policy blocks.
func TestTemplatesInline(t *testing.T) {
	files := []string{"assets/layout.tmpl"}
	pages, _ := assets.ReadDir("assets/pages")
	for _, p := range pages {
		files = append(files, "assets/pages/"+p.Name())
	}
	bad := regexp.MustCompile(`(?i)\sstyle\s*=|<style|\son[a-z]+\s*=|<script(?:\s[^>]*)?>\s*[^<\s]|javascript:`)
	for _, f := range files {
		b, err := assets.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if m := bad.Find(b); m != nil {
			t.Errorf("%s: %q: the content policy blocks inline style and script", f, m)
		}
	}
}

// TestContrast checks the colour pairs app.css uses for text against WCAG
// 2.2 AA: 4.5:1.
func TestContrast(t *testing.T) {
	css, err := assets.ReadFile("assets/static/app.css")
	if err != nil {
		t.Fatal(err)
	}
	root := regexp.MustCompile(`(?s):root\s*\{(.*?)\}`).FindSubmatch(css)
	if root == nil {
		t.Fatal("app.css has no :root block")
	}
	vars := map[string]string{"white": "#ffffff"}
	for _, m := range regexp.MustCompile(`--([a-z-]+):\s*(#[0-9a-fA-F]{6})\s*;`).FindAllSubmatch(root[1], -1) {
		vars[string(m[1])] = strings.ToLower(string(m[2]))
	}
	for _, p := range [][2]string{
		{"ink", "paper"}, {"muted", "paper"}, {"link", "paper"}, {"visited", "paper"}, {"error", "paper"},
		{"white", "ok"},      // button text
		{"ink", "wash"},      // secondary buttons, notices
		{"muted", "wash"},    // hints in notices
		{"link", "wash"},     // links in notices
		{"brand", "warn-bg"}, // warnings
		{"ink", "warn-bg"},
		{"ink", "focus"}, // the skip link
		{"white", "ink"}, // the header
		{"ok", "paper"},  // a good total
	} {
		fg, bg := vars[p[0]], vars[p[1]]
		if fg == "" || bg == "" {
			t.Errorf("no colour --%s or --%s in app.css", p[0], p[1])
			continue
		}
		if r := contrast(fg, bg); r < 4.5 {
			t.Errorf("--%s %s on --%s %s: contrast %.2f:1; want 4.5:1", p[0], fg, p[1], bg, r)
		}
	}
	// Borders that mark a field or notice out need 3:1.
	for _, p := range [][2]string{{"line", "paper"}, {"error", "paper"}, {"ink", "paper"}} {
		if r := contrast(vars[p[0]], vars[p[1]]); r < 3 {
			t.Errorf("--%s on --%s: contrast %.2f:1; want 3:1", p[0], p[1], r)
		}
	}
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
