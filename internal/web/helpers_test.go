package web

import (
	"bytes"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"golang.org/x/net/html"

	"github.com/goldenthread/goldenthread/clauses"
	"github.com/goldenthread/goldenthread/internal/assemble"
	"github.com/goldenthread/goldenthread/internal/gtest"
	"github.com/goldenthread/goldenthread/internal/library"
	"github.com/goldenthread/goldenthread/internal/model"
	"github.com/goldenthread/goldenthread/internal/profile"
	"github.com/goldenthread/goldenthread/internal/render/doc"
	rhtml "github.com/goldenthread/goldenthread/internal/render/html"
	"github.com/goldenthread/goldenthread/internal/render/pdf"
	"github.com/goldenthread/goldenthread/internal/render/xlsx"
	"github.com/goldenthread/goldenthread/templates"
)

// testNow is the tests' "today".
var testNow = time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)

// testHost is the Host every test request carries, as a browser on the
// default address sends it.
const testHost = "127.0.0.1:8080"

// builtin is the built-in library and templates, loaded as internal/cli
// loads them, once for every test.
var builtin = sync.OnceValues(func() (*Library, *assemble.Templates) {
	lib, list := library.Load(library.Layer{FS: templates.FS, Dir: "templates"},
		[]library.Layer{{Name: library.LayerLibrary, FS: clauses.FS, Dir: "clauses", Built: true}}, testNow)
	tmpl, _ := assemble.LoadTemplates(templates.FS, "templates", assemble.DefaultLanguage)
	if lib == nil {
		return nil, tmpl
	}
	return &Library{Library: lib, Version: "test", Problems: list}, tmpl
})

// testOutputs are a few of the outputs internal/cli offers, made from the
// renderers directly (cli's table is its own).
func testOutputs() []Output {
	never := func(*model.Pack) string { return "" }
	return []Output{
		{File: "asks.pdf", Label: "Asks paper (PDF)", Render: pdf.Render, Missing: never},
		{File: "asks.html", Label: "Asks paper (web page)", Missing: never, Render: func(w io.Writer, p *model.Pack) error {
			return rhtml.Write(w, doc.Asks(p))
		}},
		{File: "grid.xlsx", Label: "Evaluation grid", Render: xlsx.Grid, Scoring: true, Missing: func(p *model.Pack) string {
			if len(p.Scoring.Panel) == 0 {
				return "has no [scoring] table: add one with panel and bidders to make a grid"
			}
			return ""
		}},
	}
}

// testConfig is the config of a test server over a fresh workspace
// holding copies of examples/*.toml, on the default loopback address.
func testConfig(t testing.TB) Config {
	t.Helper()
	lib, tmpl := builtin()
	if lib == nil || tmpl == nil {
		t.Fatal("the built-in library or templates do not load")
	}
	dir := t.TempDir()
	examples, err := filepath.Glob(filepath.Join(gtest.Root(), "examples", "*.toml"))
	if err != nil || len(examples) == 0 {
		t.Fatalf("no examples: %v", err)
	}
	for _, f := range examples {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, filepath.Base(f)), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return Config{
		Workspace: dir, Addr: testHost,
		Library:   func() (*Library, error) { return lib, nil },
		Templates: tmpl,
		Now:       func() time.Time { return testNow },
		Version:   "test",
		Outputs:   testOutputs(),
		Starter: func(lib *library.Library, file string, o Starter) ([]byte, error) {
			return profile.Starter(lib, templates.FS, file, profile.StarterOptions(o), testNow)
		},
	}
}

// newTestServer returns the app for testConfig, changed by opts.
func newTestServer(t testing.TB, opts ...func(*Config)) *Server {
	t.Helper()
	cfg := testConfig(t)
	for _, o := range opts {
		o(&cfg)
	}
	s, err := New(cfg)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	t.Cleanup(func() { s.ws.root.Close() })
	return s
}

// exampleNames are the examples the workspace starts with.
func exampleNames(t testing.TB) []string { return gtest.Examples(t) }

// client is a browser: it keeps the cookies the app sets and sends every
// request to the app's handler with the Host a browser would.
type client struct {
	t       testing.TB
	h       http.Handler
	cookies map[string]*http.Cookie
}

func newClient(t testing.TB, s *Server) *client {
	return &client{t: t, h: s.Handler(), cookies: map[string]*http.Cookie{}}
}

// response is what a request gave.
type response struct {
	*http.Response
	Body string
}

// do sends req and keeps the cookies it sets.
func (c *client) do(req *http.Request) response {
	c.t.Helper()
	if req.Host == "" || req.Host == "example.com" {
		req.Host = testHost
	}
	for _, ck := range c.cookies {
		req.AddCookie(&http.Cookie{Name: ck.Name, Value: ck.Value})
	}
	rec := httptest.NewRecorder()
	c.h.ServeHTTP(rec, req)
	res := rec.Result()
	for _, ck := range res.Cookies() {
		if ck.MaxAge < 0 {
			delete(c.cookies, ck.Name)
		} else {
			c.cookies[ck.Name] = ck
		}
	}
	return response{res, rec.Body.String()}
}

// get fetches path.
func (c *client) get(path string) response {
	c.t.Helper()
	return c.do(httptest.NewRequest(http.MethodGet, path, nil))
}

// post sends form to path as a browser posts a form.
func (c *client) post(path string, form url.Values) response {
	c.t.Helper()
	req := httptest.NewRequest(http.MethodPost, path, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	return c.do(req)
}

// submit fetches the page at page, reads its form's csrf field, and posts
// form with it to action.
func (c *client) submit(page, action string, form url.Values) response {
	c.t.Helper()
	r := c.get(page)
	if r.StatusCode != http.StatusOK {
		c.t.Fatalf("GET %s = %d; want 200", page, r.StatusCode)
	}
	tok := csrfField(c.t, r.Body)
	f := url.Values{"csrf": {tok}}
	for k, v := range form {
		f[k] = v
	}
	return c.post(action, f)
}

// csrfField returns the value of the page's hidden csrf input.
func csrfField(t testing.TB, page string) string {
	t.Helper()
	doc, err := html.Parse(strings.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	for n := range doc.Descendants() {
		if n.Type == html.ElementNode && n.Data == "input" && attr(n, "name") == "csrf" && attr(n, "type") == "hidden" {
			if v := attr(n, "value"); v != "" {
				return v
			}
		}
	}
	t.Fatalf("no csrf field in the page:\n%s", page)
	return ""
}

// attr returns n's attribute key, or "".
func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

// hasAttr says whether n has the attribute key.
func hasAttr(n *html.Node, key string) bool {
	for _, a := range n.Attr {
		if a.Key == key {
			return true
		}
	}
	return false
}

// text returns the text within n, spaces collapsed.
func text(n *html.Node) string {
	var b bytes.Buffer
	for d := range n.Descendants() {
		if d.Type == html.TextNode {
			b.WriteString(d.Data)
		}
	}
	return strings.Join(strings.Fields(b.String()), " ")
}
