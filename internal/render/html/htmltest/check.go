// Package htmltest reads back the HTML files that package html writes, for
// the tests of any package that writes one: Check parses a file with
// golang.org/x/net/html and checks its structure, Text gives its visible
// text, and Axe checks it with axe-core in a headless Chromium. Only tests
// import it.
package htmltest

import (
	"bytes"
	"fmt"
	"net/url"
	"slices"
	"strings"
	"testing"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Parse parses data as an HTML document, failing the test if it cannot.
func Parse(t testing.TB, data []byte) *html.Node {
	t.Helper()
	n, err := html.Parse(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("html does not parse: %v", err)
	}
	return n
}

// Check parses data and reports each way it falls short of what package
// html promises: <html lang>, a charset, a viewport and a title; exactly
// one h1 and heading levels that never skip; a skip link to <main> as the
// first focusable element; no script, event handler, frame, object or
// outside resource; unique ids; links that are never empty, go only to an
// id in the document or to an http, https or mailto address; data tables
// with a caption and column headers; aria-labelledby that names ids.
func Check(t testing.TB, data []byte) {
	t.Helper()
	root := Parse(t, data)
	c := &checker{ids: map[string]int{}}
	c.walk(root)
	for _, p := range c.problems(root) {
		t.Error(p)
	}
}

type checker struct {
	ids       map[string]int
	headings  []int
	hrefs     []string // "#x" links
	labelled  []string // aria-labelledby values
	focusable []*html.Node
	lang      string
	charset   bool
	viewport  bool
	title     string
	mains     []*html.Node
	errs      []string
}

func (c *checker) fail(format string, args ...any) {
	c.errs = append(c.errs, fmt.Sprintf(format, args...))
}

func (c *checker) walk(n *html.Node) {
	if n.Type == html.ElementNode {
		c.element(n)
	}
	for k := n.FirstChild; k != nil; k = k.NextSibling {
		c.walk(k)
	}
}

func (c *checker) element(n *html.Node) {
	c.attrs(n)
	switch n.DataAtom {
	case atom.Html:
		c.lang = strings.TrimSpace(attr(n, "lang"))
	case atom.Meta:
		c.charset = c.charset || strings.EqualFold(attr(n, "charset"), "utf-8")
		c.viewport = c.viewport || attr(n, "name") == "viewport" && strings.Contains(attr(n, "content"), "width=device-width")
	case atom.Title:
		c.title = strings.TrimSpace(text(n))
	case atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6:
		c.headings = append(c.headings, int(n.Data[1]-'0'))
		if strings.TrimSpace(text(n)) == "" {
			c.fail("empty <%s>", n.Data)
		}
	case atom.A:
		c.link(n)
	case atom.Main:
		c.mains = append(c.mains, n)
	case atom.Table:
		c.table(n)
	case atom.Script, atom.Iframe, atom.Frame, atom.Object, atom.Embed, atom.Img,
		atom.Link, atom.Base, atom.Form, atom.Input, atom.Button, atom.Audio, atom.Video, atom.Source:
		c.fail("<%s> in the document", n.Data)
	case atom.Style:
		if s := strings.ToLower(text(n)); strings.Contains(s, "url(") || strings.Contains(s, "@import") {
			c.fail("the style sheet loads something from outside the file")
		}
	}
	if attr(n, "tabindex") == "0" || n.DataAtom == atom.A && hasAttr(n, "href") {
		c.focusable = append(c.focusable, n)
	}
}

func (c *checker) attrs(n *html.Node) {
	for _, a := range n.Attr {
		switch {
		case strings.HasPrefix(strings.ToLower(a.Key), "on"):
			c.fail("<%s> has an event handler %s", n.Data, a.Key)
		case a.Key == "src" || a.Key == "srcset":
			c.fail("<%s> loads %s", n.Data, a.Val)
		case a.Key == "id":
			c.ids[a.Val]++
			if a.Val == "" || strings.ContainsAny(a.Val, " \t\n\f\r") {
				c.fail("<%s> has id %q: ids are not empty and hold no space", n.Data, a.Val)
			}
		case a.Key == "aria-labelledby":
			c.labelled = append(c.labelled, strings.Fields(a.Val)...)
		}
	}
}

func (c *checker) link(n *html.Node) {
	href, ok := attrOK(n, "href")
	if !ok {
		c.fail("<a> without href: %q", text(n))
		return
	}
	if strings.TrimSpace(text(n)) == "" && attr(n, "aria-label") == "" {
		c.fail("empty link to %q", href)
	}
	if id, ok := strings.CutPrefix(href, "#"); ok {
		c.hrefs = append(c.hrefs, id)
		return
	}
	u, err := url.Parse(href)
	if err != nil {
		c.fail("link %q: %v", href, err)
		return
	}
	switch u.Scheme {
	case "http", "https":
		if u.Host == "" {
			c.fail("link %q has no host", href)
		}
	case "mailto":
	default:
		c.fail("link %q: only #id, http, https and mailto links are written", href)
	}
}

// table checks a data table: a caption, and a header row of column
// headers (a table without th would be a layout table).
func (c *checker) table(n *html.Node) {
	if find(n, atom.Caption) == nil {
		c.fail("table without a caption")
	}
	var cols int
	for _, th := range findAll(n, atom.Th) {
		switch attr(th, "scope") {
		case "col":
			cols++
		case "colgroup", "row", "rowgroup":
		default:
			c.fail("<th> %q without a valid scope", text(th))
		}
	}
	if cols == 0 {
		c.fail("table %q has no column headers", text(find(n, atom.Caption)))
	}
}

func (c *checker) problems(root *html.Node) []string {
	if c.lang == "" {
		c.fail("<html> has no lang")
	}
	if !c.charset {
		c.fail("no <meta charset=utf-8>")
	}
	if !c.viewport {
		c.fail("no viewport <meta>")
	}
	if c.title == "" {
		c.fail("no <title>")
	}
	c.headingOrder()
	c.references()
	c.skipLink()
	return c.errs
}

func (c *checker) headingOrder() {
	if n := count(c.headings, 1); n != 1 {
		c.fail("%d h1 elements, want exactly 1", n)
	}
	prev := 0
	for i, h := range c.headings {
		if h > prev+1 {
			c.fail("heading %d is an h%d after an h%d: levels skip", i+1, h, prev)
		}
		prev = h
	}
}

func (c *checker) references() {
	for id, n := range c.ids {
		if n > 1 {
			c.fail("id %q is given %d times", id, n)
		}
	}
	for _, id := range c.hrefs {
		if c.ids[id] == 0 {
			c.fail("link to #%s: no element has that id", id)
		}
	}
	for _, id := range c.labelled {
		if c.ids[id] == 0 {
			c.fail("aria-labelledby names %q: no element has that id", id)
		}
	}
}

// skipLink checks that the first focusable element links to the one
// <main>.
func (c *checker) skipLink() {
	if len(c.mains) != 1 {
		c.fail("%d <main> elements, want 1", len(c.mains))
		return
	}
	id := attr(c.mains[0], "id")
	if len(c.focusable) == 0 || id == "" || attr(c.focusable[0], "href") != "#"+id {
		c.fail("the first focusable element is not a skip link to <main>")
	}
}

func count(s []int, v int) int {
	n := 0
	for _, x := range s {
		if x == v {
			n++
		}
	}
	return n
}

// Headings returns the headings' levels and texts in document order, as
// "h2 3.1 Text".
func Headings(t testing.TB, data []byte) []string {
	t.Helper()
	var out []string
	for _, n := range findAll(Parse(t, data), 0) {
		switch n.DataAtom {
		case atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6:
			out = append(out, n.Data+" "+collapse(text(n)))
		}
	}
	return out
}

func attr(n *html.Node, key string) string {
	v, _ := attrOK(n, key)
	return v
}

func hasAttr(n *html.Node, key string) bool {
	_, ok := attrOK(n, key)
	return ok
}

func attrOK(n *html.Node, key string) (string, bool) {
	if n == nil {
		return "", false
	}
	i := slices.IndexFunc(n.Attr, func(a html.Attribute) bool { return a.Namespace == "" && a.Key == key })
	if i < 0 {
		return "", false
	}
	return n.Attr[i].Val, true
}

// text returns the text under n, as it is in the file.
func text(n *html.Node) string {
	if n == nil {
		return ""
	}
	var b strings.Builder
	var rec func(*html.Node)
	rec = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		for k := n.FirstChild; k != nil; k = k.NextSibling {
			rec(k)
		}
	}
	rec(n)
	return b.String()
}

func find(n *html.Node, a atom.Atom) *html.Node {
	all := findAll(n, a)
	if len(all) == 0 {
		return nil
	}
	return all[0]
}

// findAll returns the elements under n that are a, or all elements when a
// is 0, in document order.
func findAll(n *html.Node, a atom.Atom) []*html.Node {
	var out []*html.Node
	var rec func(*html.Node)
	rec = func(n *html.Node) {
		if n.Type == html.ElementNode && (a == 0 || n.DataAtom == a) {
			out = append(out, n)
		}
		for k := n.FirstChild; k != nil; k = k.NextSibling {
			rec(k)
		}
	}
	rec(n)
	return out
}
