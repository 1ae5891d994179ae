package htmltest

import (
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// recorder keeps the errors a check reports instead of failing the test.
type recorder struct {
	testing.TB
	errs []string
}

func (r *recorder) Error(args ...any) { r.errs = append(r.errs, fmt.Sprint(args...)) }

func (r *recorder) Errorf(format string, args ...any) {
	r.errs = append(r.errs, fmt.Sprintf(format, args...))
}

// wants fails unless each of want is in one of the errors.
func (r *recorder) wants(t *testing.T, want ...string) {
	t.Helper()
	all := strings.Join(r.errs, "\n")
	for _, w := range want {
		if !strings.Contains(all, w) {
			t.Errorf("no error mentions %q; errors:\n%s", w, all)
		}
	}
}

const good = `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width"><title>T</title></head><body>
<a href="#m">Skip</a><header><h1>T</h1></header><main id="m"><h2 id="a">A</h2>
<p>One <a href="#a">two</a> <a href="https://example.org/">three</a></p></main></body></html>`

// bad breaks most of what Check checks.
const bad = `<!DOCTYPE html><html><head><title> </title><script>x()</script>
<style>@import "x.css"</style></head><body onload="x()">
<h1>A</h1><h3 id="d">B</h3><h1 id="d">C</h1><a href="#nowhere">lost</a><a href="javascript:x()">js</a>
<a href="https://example.org/"> </a><img src="http://example.org/x.png" alt="">
<table><tr><td>layout</td></tr></table><div aria-labelledby="gone"></div></body></html>`

func TestCheckPasses(t *testing.T) {
	Check(t, []byte(good))
}

func TestCheckFinds(t *testing.T) {
	r := &recorder{TB: t}
	Check(r, []byte(bad))
	r.wants(t, "no lang", "no <meta charset", "no viewport", "no <title>", "2 h1", "h3 after an h1",
		`id "d" is given 2 times`, "#nowhere", "javascript:x()", "empty link", "<img>", "<script>",
		"event handler onload", "loads http://example.org/x.png", "from outside", "without a caption",
		"no column headers", `aria-labelledby names "gone"`, "0 <main>")
}

func TestText(t *testing.T) {
	in := `<html><head><title>no</title><style>p{}</style></head><body><h1>Title  of
	it</h1><p>One <strong>two</strong>three&nbsp;four</p><ul><li>a</li><li>b <a href="#">c</a></li></ul>
	<table><caption>Cap</caption><tr><th>H1</th><th>H2</th></tr><tr><td>x</td><td>y z</td></tr></table>
	<dl><dt>Term</dt><dd>Def</dd></dl><p hidden>gone</p><script>gone()</script></body></html>`
	want := "Title of it\nOne twothree\u00a0four\na\nb c\nCap\nH1\tH2\nx\ty z\nTerm\nDef"
	if got := Text(t, []byte(in)); got != want {
		t.Errorf("Text:\n got %q\nwant %q", got, want)
	}
}

// TestAxeFinds runs the browser checks on a page that fails them, to know
// that they run.
func TestAxeFinds(t *testing.T) {
	page := `<!DOCTYPE html><html><head><title>x</title><style>.pale{color:#aaa}.wide{width:900px}
	@media print{}</style></head><body><h1>T</h1><nav><a href="#x">to x</a></nav><img src="data:,">
	<p class="pale">Pale text</p><div class="wide">wide</div><p>Unbroken:/a/path/too/long/to/wrap/at/three/hundred/and/twenty/pixels</p><p id="x">x</p></body></html>`
	r := &recorder{TB: t}
	Axe(r, []byte(page))
	for _, e := range r.errs {
		t.Log(e)
	}
	r.wants(t, "axe: html-has-lang", "axe: image-alt", "axe: color-contrast", ".pale",
		"scrolls sideways", "div.wide", `p (text "Unbroken:/a/path`, "first Tab does not show a skip link", "printed but should not be: nav")
}

// TestAxeURL runs the browser checks on pages a server gives: one whose
// style sheet comes from the server, which passes only with it loaded, and
// one focused further down on loading, which AxeIn checks from the top.
func TestAxeURL(t *testing.T) {
	const styled = `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Styled</title>
	<meta name="viewport" content="width=device-width"><style>.pale { color: #aaa; }</style>
	<link rel="stylesheet" href="/s.css"></head><body>
	<a class="skip" href="#m">Skip to main content</a><nav aria-label="Main"><a href="/">Home</a></nav>
	<main id="m"><h1>Styled</h1><p class="pale">Dark enough once styled.</p>
	<p><label for="q">Question</label><input id="q"%s></p></main></body></html>`
	const css = `.pale { color: #333; }
	.skip { position: absolute; left: -999rem; } .skip:focus { left: 0; }
	@media print { nav, .skip { display: none; } }`
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/s.css" {
			w.Header().Set("Content-Type", "text/css")
			io.WriteString(w, css)
			return
		}
		auto := ""
		if r.URL.Path == "/focused" {
			auto = " autofocus"
		}
		fmt.Fprintf(w, styled, auto)
	}))
	defer srv.Close()
	AxeURL(t, srv.URL+"/")

	ctx := Browser(t)
	if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/focused")); err != nil {
		t.Fatal(err)
	}
	AxeIn(t, ctx)
}
