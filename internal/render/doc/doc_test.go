package doc_test

import (
	"fmt"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/goldenthread/goldenthread/internal/gtest"
	"github.com/goldenthread/goldenthread/internal/model"
	"github.com/goldenthread/goldenthread/internal/render/doc"
	"github.com/goldenthread/goldenthread/internal/render/doc/doctest"
)

// dump writes a document as an indented outline, one block a line, for
// golden files a reviewer can read.
func dump(d *doc.Document) string {
	var b strings.Builder
	m := d.Meta
	fmt.Fprintf(&b, "meta: %q / %q / lang %s / %s / %s\n", m.Title, m.Subtitle, m.Lang, m.Kind, doc.LongDate(m.Date))
	inl := func(in []doc.Inline) string {
		var s strings.Builder
		for _, r := range in {
			switch {
			case r.Link != "":
				fmt.Fprintf(&s, "[%s](%s)", r.Text, r.Link)
			case r.Strong:
				fmt.Fprintf(&s, "**%s**", r.Text)
			default:
				s.WriteString(r.Text)
			}
		}
		return s.String()
	}
	var blocks func(bs []doc.Block, indent string)
	blocks = func(bs []doc.Block, indent string) {
		for _, bl := range bs {
			switch v := bl.(type) {
			case doc.Heading:
				fmt.Fprintf(&b, "%s%s %s %s {#%s}\n", indent, strings.Repeat("#", v.Level), v.Number, v.Text, v.ID)
			case doc.Paragraph:
				fmt.Fprintf(&b, "%s%s%s\n", indent, [...]string{"", "(small) ", "(label) "}[v.Style], inl(v.Inlines))
			case doc.List:
				for i, it := range v.Items {
					mark := "-"
					if v.Ordered {
						mark = fmt.Sprintf("%d.", i+1)
					}
					fmt.Fprintf(&b, "%s  %s %s\n", indent, mark, inl(it))
				}
			case doc.Table:
				fmt.Fprintf(&b, "%stable %q: %s\n", indent, v.Caption, strings.Join(v.Header, " | "))
				for _, r := range v.Rows {
					cells := make([]string, len(r.Cells))
					for i, c := range r.Cells {
						cells[i] = inl(c)
					}
					g := ""
					if r.Group {
						g = "(group) "
					}
					id := ""
					if r.ID != "" {
						id = " {#" + r.ID + "}"
					}
					fmt.Fprintf(&b, "%s  | %s%s%s\n", indent, g, strings.Join(cells, " | "), id)
				}
			case doc.Facts:
				for _, f := range v.Items {
					fmt.Fprintf(&b, "%s%s: %s\n", indent, f.Label, inl(f.Value))
				}
			case doc.Note:
				fmt.Fprintf(&b, "%snote %d %q:\n", indent, v.Kind, v.Label)
				blocks(v.Blocks, indent+"    ")
			case doc.Contents:
				fmt.Fprintf(&b, "%scontents %q to level %d\n", indent, v.Title, v.Depth)
			case doc.Break:
				fmt.Fprintf(&b, "%s---- page break\n", indent)
			default:
				fmt.Fprintf(&b, "%s? %T\n", indent, v)
			}
		}
	}
	blocks(d.Blocks, "")
	return b.String()
}

// anchors returns the IDs of d's headings and rows, and the internal links
// that name them.
func anchors(t *testing.T, d *doc.Document) (ids map[string]bool, links []string) {
	ids = map[string]bool{}
	id := func(s string) {
		if s == "" {
			return
		}
		if ids[s] {
			t.Errorf("ID %q is used twice", s)
		}
		ids[s] = true
	}
	inl := func(in []doc.Inline) {
		for _, r := range in {
			if strings.HasPrefix(r.Link, "#") {
				links = append(links, r.Link[1:])
			}
		}
	}
	var walk func([]doc.Block)
	walk = func(bs []doc.Block) {
		for _, bl := range bs {
			switch v := bl.(type) {
			case doc.Heading:
				id(v.ID)
			case doc.Paragraph:
				inl(v.Inlines)
			case doc.List:
				for _, it := range v.Items {
					inl(it)
				}
			case doc.Table:
				for _, r := range v.Rows {
					id(r.ID)
					for _, c := range r.Cells {
						inl(c)
					}
				}
			case doc.Facts:
				for _, f := range v.Items {
					inl(f.Value)
				}
			case doc.Note:
				walk(v.Blocks)
			}
		}
	}
	walk(d.Blocks)
	return ids, links
}

var placeholder = regexp.MustCompile(`\{[a-z_]+\}`)

func TestExamples(t *testing.T) {
	for _, name := range gtest.Examples(t) {
		p := gtest.Example(t, name)
		for _, tc := range []struct {
			kind  string
			build func(*model.Pack) *doc.Document
		}{{"asks", doc.Asks}, {"specification", doc.Spec}} {
			t.Run(name+"/"+tc.kind, func(t *testing.T) {
				d := tc.build(p)
				out := dump(d)
				gtest.Golden(t, filepath.Join("testdata", name+"-"+tc.kind+".txt"), []byte(out))
				ids, links := anchors(t, d)
				for _, l := range links {
					if !ids[l] {
						t.Errorf("link to #%s, which is not in the document", l)
					}
				}
				for _, bad := range []string{"[asks.", "[spec.", "%!"} {
					if i := strings.Index(out, bad); i >= 0 {
						t.Errorf("the document holds %q: %s", bad, out[max(0, i-60):min(len(out), i+60)])
					}
				}
				if m := placeholder.FindString(out); m != "" {
					t.Errorf("the document holds the unfilled placeholder %s", m)
				}
			})
		}
	}
}

// TestSpecOnce checks the specification sets out every ask's requirement
// once and every question once, under the reference the grid uses.
func TestSpecOnce(t *testing.T) {
	for _, name := range gtest.Examples(t) {
		p := gtest.Example(t, name)
		out := dump(doc.Spec(p))
		for _, a := range p.Asks() {
			ws := doc.Wordings(a.Requirement)
			if len(ws) == 0 {
				continue
			}
			first := dump(&doc.Document{Blocks: ws[:1]})
			first = first[strings.Index(first, "\n")+1:]
			if n := strings.Count(out, first); n != 1 {
				t.Errorf("%s: ask %d's requirement appears %d times; want 1:\n%s", name, a.Number, n, first)
			}
		}
		for _, q := range p.Questions {
			if n := strings.Count(out, " "+q.Ref+": "); n < 1 {
				t.Errorf("%s: question %s is not in the specification", name, q.Ref)
			}
		}
	}
}

func TestSampleLinksResolve(t *testing.T) {
	d := doctest.Sample()
	ids, links := anchors(t, d)
	for _, l := range links {
		if !ids[l] {
			t.Errorf("the sample links to #%s, which it does not hold", l)
		}
	}
}

func TestClean(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"  a\tb\n c  ", "a b c"},
		{"a\x00b\x1bc\u200bd\u00ade", "abcde"},
		{"no\u00a0break", "no\u00a0break"},
		{"bad \xff utf8", "bad \uFFFD utf8"},
		{"Ŵ ŷ £", "Ŵ ŷ £"},
		{"\uFFFE\uFFFFx\U000F0000", "x"},
	} {
		if got := doc.Clean(tc.in); got != tc.want {
			t.Errorf("Clean(%q) = %q; want %q", tc.in, got, tc.want)
		}
	}
}

func TestWordings(t *testing.T) {
	got := dump(&doc.Document{Blocks: doc.Wordings("Intro.\n\n1. First.\n\n2. Second.\n\nAfter.\n\n1. Again.\n\n3. Not in order.")})
	want := "meta: \"\" / \"\" / lang  /  / \nIntro.\n  1. First.\n  2. Second.\nAfter.\n  1. Again.\n3. Not in order.\n"
	if got != want {
		t.Errorf("Wordings = %q; want %q", got, want)
	}
}
