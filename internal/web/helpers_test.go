package web

import (
	"bytes"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/goldenthread/goldenthread/internal/gtest"
)

// testConfig is the config of a test server over a fresh workspace
// holding copies of examples/*.toml, on the default loopback address, with
// every output.
func testConfig(t testing.TB) Config {
	t.Helper()
	cfg := rigConfig(t, testNow, exampleWorkspace(t))
	cfg.Outputs = allOutputs()
	return cfg
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
