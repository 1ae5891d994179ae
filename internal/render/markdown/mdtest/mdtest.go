// Package mdtest reads Markdown back for tests, with goldmark and its GFM
// extensions (tables, strikethrough, autolinks): the checks every document
// the markdown package writes must pass, and its text as a reader sees it.
// Only tests import it.
package mdtest

import (
	"bufio"
	"bytes"
	"fmt"
	"html"
	"regexp"
	"strings"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	east "github.com/yuin/goldmark/extension/ast"
	ghtml "github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
)

// Parse parses data as GitHub does, without its YAML metadata block, which
// it returns apart (nil if there is none). The tree's positions are in body.
func Parse(data []byte) (front, body []byte, doc ast.Node) {
	front, body = Split(data)
	md := goldmark.New(goldmark.WithExtensions(extension.GFM))
	return front, body, md.Parser().Parse(text.NewReader(body))
}

// Split splits a YAML metadata block ("---" lines around it, at the very
// start) from the Markdown after it.
func Split(data []byte) (front, body []byte) {
	rest, ok := bytes.CutPrefix(data, []byte("---\n"))
	if !ok {
		return nil, data
	}
	i := bytes.Index(rest, []byte("\n---\n"))
	if i < 0 {
		return nil, data
	}
	return rest[:i+1], rest[i+len("\n---\n"):]
}

// anchorOpen is the only raw HTML the writer makes: the opening tag of an
// empty anchor; "</a>" must follow it at once.
var anchorOpen = regexp.MustCompile(`^<a id="([A-Za-z0-9_-]+)">$`)

// frontLine is one line of the metadata block: a key and a double-quoted
// string or a list of them.
var frontLine = regexp.MustCompile(`^[a-z]+: ("([^"\\]|\\.)*"|\[("([^"\\]|\\.)*"(, )?)*\])$`)

// Check parses data and reports what a document from the markdown package
// must never hold: a heading level that skips (the first must be 1), an
// internal link to an anchor that is not there, raw HTML other than the
// empty anchors, a link that is not internal, http, https or mailto, and
// any construct the writer never makes (code, HTML blocks, autolinks,
// images, strikethrough, task boxes).
func Check(t testing.TB, data []byte) {
	t.Helper()
	for _, err := range Problems(data) {
		t.Error(err)
	}
}

// Problems returns what Check reports.
func Problems(data []byte) []error {
	var errs []error
	fail := func(format string, a ...any) { errs = append(errs, fmt.Errorf(format, a...)) }
	front, body, root := Parse(data)
	for _, line := range strings.Split(strings.TrimSuffix(string(front), "\n"), "\n") {
		if front != nil && !frontLine.MatchString(line) {
			fail("metadata line %q is not a key and a quoted string", line)
		}
	}
	anchors := map[string]bool{}
	closing := map[ast.Node]bool{} // the "</a>" after each anchor
	var links []string
	level := 0
	_ = ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Heading:
			if n.Level > level+1 {
				fail("heading %q at level %d after level %d", Inline(n, body), n.Level, level)
			}
			level = n.Level
		case *ast.Link:
			dest := string(n.Destination)
			if id, ok := strings.CutPrefix(dest, "#"); ok {
				links = append(links, id)
			} else if !external(dest) {
				fail("link to %q", dest)
			}
			if len(n.Title) > 0 {
				fail("link to %q has a title", dest)
			}
		case *ast.RawHTML:
			if closing[n] {
				return ast.WalkSkipChildren, nil
			}
			raw := rawText(n, body)
			m := anchorOpen.FindStringSubmatch(raw)
			next, ok := n.NextSibling().(*ast.RawHTML)
			if m == nil || !ok || rawText(next, body) != "</a>" {
				fail("raw HTML %q", raw)
				return ast.WalkSkipChildren, nil
			}
			if anchors[m[1]] {
				fail("anchor %q twice", m[1])
			}
			anchors[m[1]] = true
			closing[next] = true
			return ast.WalkSkipChildren, nil
		case *ast.Document, *ast.Paragraph, *ast.TextBlock, *ast.List, *ast.ListItem,
			*ast.Blockquote, *ast.ThematicBreak, *ast.Text, *ast.Emphasis,
			*east.Table, *east.TableHeader, *east.TableRow, *east.TableCell:
		default:
			fail("%s node: %q", n.Kind(), Inline(n, body))
		}
		return ast.WalkContinue, nil
	})
	for _, id := range links {
		if !anchors[id] {
			fail("link to #%s, which no anchor has", id)
		}
	}
	return errs
}

// external reports whether dest is an http, https or mailto address.
func external(dest string) bool {
	lower := strings.ToLower(dest)
	return strings.HasPrefix(lower, "http://") || strings.HasPrefix(lower, "https://") || strings.HasPrefix(lower, "mailto:")
}

// rawText returns the source of a raw HTML node.
func rawText(n *ast.RawHTML, source []byte) string {
	var b strings.Builder
	for i := 0; i < n.Segments.Len(); i++ {
		s := n.Segments.At(i)
		b.Write(s.Value(source))
	}
	return b.String()
}

// Text returns the text of the document in data as goldmark reads it, one
// block a line in order: headings, paragraphs and list items' text, and
// table rows with their cells separated by tabs. The metadata block and
// thematic breaks give no line.
func Text(t testing.TB, data []byte) string {
	t.Helper()
	_, body, root := Parse(data)
	var b strings.Builder
	_ = ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Heading, *ast.Paragraph, *ast.TextBlock:
			b.WriteString(Inline(n, body))
			b.WriteByte('\n')
			return ast.WalkSkipChildren, nil
		case *east.TableHeader, *east.TableRow:
			for c := n.FirstChild(); c != nil; c = c.NextSibling() {
				if c != n.FirstChild() {
					b.WriteByte('\t')
				}
				b.WriteString(Inline(c, body))
			}
			b.WriteByte('\n')
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	return b.String()
}

// Inline returns the text of n's inline content as a reader sees it:
// escapes and character references resolved, markup and raw HTML left out,
// a line break as a space.
func Inline(n ast.Node, source []byte) string {
	var b strings.Builder
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch c := c.(type) {
		case *ast.Text:
			b.WriteString(literal(c.Value(source), c.IsRaw()))
			if c.SoftLineBreak() || c.HardLineBreak() {
				b.WriteByte(' ')
			}
		case *ast.String:
			b.WriteString(literal(c.Value, c.IsRaw() || c.IsCode()))
		case *ast.RawHTML:
			return ast.WalkSkipChildren, nil
		case *ast.AutoLink:
			b.Write(c.Label(source))
		}
		return ast.WalkContinue, nil
	})
	return b.String()
}

// literal resolves a text's escapes and references as goldmark's HTML
// renderer does, and decodes the HTML it would write.
func literal(v []byte, raw bool) string {
	if raw {
		return string(v)
	}
	var buf bytes.Buffer
	w := bufio.NewWriter(&buf)
	ghtml.DefaultWriter.Write(w, v)
	_ = w.Flush() // a bytes.Buffer takes every write
	return html.UnescapeString(buf.String())
}
