package htmltest

import (
	"strings"
	"testing"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Text returns the visible text of data's <body> in document order: white
// space collapsed as a browser does, each block element (paragraph,
// heading, list item, table row, term, definition…) on a line of its own,
// and a table row's cells separated by tabs.
func Text(t testing.TB, data []byte) string {
	t.Helper()
	body := find(Parse(t, data), atom.Body)
	if body == nil {
		t.Fatal("no <body>")
	}
	var w textWriter
	w.node(body)
	return strings.TrimSpace(w.b.String())
}

type textWriter struct {
	b     strings.Builder
	start bool // at the start of a line
	space bool // a space is due before the next text
	sep   string
}

var blocks = map[atom.Atom]bool{
	atom.Address: true, atom.Article: true, atom.Aside: true, atom.Blockquote: true,
	atom.Caption: true, atom.Dd: true, atom.Div: true, atom.Dl: true, atom.Dt: true,
	atom.Figcaption: true, atom.Figure: true, atom.Footer: true, atom.H1: true,
	atom.H2: true, atom.H3: true, atom.H4: true, atom.H5: true, atom.H6: true,
	atom.Header: true, atom.Hr: true, atom.Li: true, atom.Main: true, atom.Nav: true,
	atom.Ol: true, atom.P: true, atom.Pre: true, atom.Section: true, atom.Table: true,
	atom.Tbody: true, atom.Thead: true, atom.Tfoot: true, atom.Tr: true, atom.Ul: true,
}

func (w *textWriter) node(n *html.Node) {
	switch n.Type {
	case html.TextNode:
		w.text(n.Data)
		return
	case html.ElementNode:
	default:
		return
	}
	switch {
	case n.DataAtom == atom.Script || n.DataAtom == atom.Style || n.DataAtom == atom.Template || hasAttr(n, "hidden"):
		return
	case n.DataAtom == atom.Br:
		w.newline()
		return
	case n.DataAtom == atom.Td || n.DataAtom == atom.Th:
		w.sep = "\t"
	case blocks[n.DataAtom]:
		w.newline()
		defer w.newline()
	}
	for k := n.FirstChild; k != nil; k = k.NextSibling {
		w.node(k)
	}
}

func (w *textWriter) newline() {
	if w.b.Len() > 0 && !w.start {
		w.b.WriteByte('\n')
	}
	w.start, w.space, w.sep = true, false, ""
}

func (w *textWriter) text(s string) {
	for i, f := range fields(s) {
		switch {
		case w.start:
		case w.sep != "":
			w.b.WriteString(w.sep)
		case w.space || i > 0 || startsSpace(s):
			w.b.WriteByte(' ')
		}
		w.b.WriteString(f)
		w.start, w.space, w.sep = false, false, ""
	}
	if s != "" && endsSpace(s) {
		w.space = true
	}
}

func startsSpace(s string) bool { return s != "" && isSpace(s[0]) }
func endsSpace(s string) bool   { return s != "" && isSpace(s[len(s)-1]) }
func isSpace(c byte) bool       { return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r' }

// fields splits s at runs of HTML white space, which a no-break space is
// not.
func fields(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool { return r < 0x80 && isSpace(byte(r)) })
}

// collapse collapses runs of white space to one space and trims the ends.
func collapse(s string) string { return strings.Join(fields(s), " ") }
