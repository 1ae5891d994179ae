package htmltest

import (
	"fmt"
	"strings"
	"testing"
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
	<p class="pale">Pale text</p><div class="wide">wide</div><p id="x">x</p></body></html>`
	r := &recorder{TB: t}
	Axe(r, []byte(page))
	for _, e := range r.errs {
		t.Log(e)
	}
	r.wants(t, "axe: html-has-lang", "axe: image-alt", "axe: color-contrast", ".pale",
		"scrolls sideways", "div.wide", "first Tab does not show a skip link", "printed but should not be: nav")
}
