package score

import (
	"bytes"
	"path/filepath"
	"testing"

	"github.com/goldenthread/goldenthread/internal/grid"
	"github.com/goldenthread/goldenthread/internal/gtest"
)

// TestMarkdown compares reports with testdata/*.md.
func TestMarkdown(t *testing.T) {
	for _, tc := range []struct {
		name string
		grid func(t *testing.T) []byte
	}{
		{"complete", func(t *testing.T) []byte { return save(t, completeSmall(t)) }},
		{"problems", func(t *testing.T) []byte {
			w := completeSmall(t)
			for _, err := range []error{
				w.Set("O'Brien", 4, w.Meta.EvalRow(0), 1), // spread of 2 on Q1 for Acme: flagged
				w.Set("Siân Ŵyn", 6, w.Meta.EvalRow(1), "seven"),
				w.Consensus(1, 2, nil, ""),
				w.Set(grid.Guide, grid.DeclSigned, w.Meta.DeclRowOf(1), nil),
			} {
				if err != nil {
					t.Fatal(err)
				}
			}
			return save(t, w)
		}},
		{"interests", func(t *testing.T) []byte {
			w := completeSmall(t)
			for _, err := range []error{
				w.DeclareAs(0, "Mae fy mrawd yn gyfarwyddwr Cwmni Tŷ Glân, is-gontractwr i Acme Care Ltd.", "Removed from the panel for Acme Care Ltd: grid to be issued again without Siân Ŵyn. R. Evans, 21/01/2027"),
				w.DeclareAs(1, "I have no conflict of interest.", ""),
				w.DeclareAs(2, "I was employed by Ŵyn & Daughters until 2019", ""),
			} {
				if err != nil {
					t.Fatal(err)
				}
			}
			return save(t, w)
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := read(t, tc.grid(t)).Report(gtest.Words()).WriteMarkdown(&buf); err != nil {
				t.Fatal(err)
			}
			gtest.Golden(t, filepath.Join("testdata", tc.name+".md"), buf.Bytes())
		})
	}
}

func TestMarkdownEscapes(t *testing.T) {
	for in, want := range map[string]string{
		`=HYPERLINK("x","y")`:       `\=HYPERLINK("x","y")`,
		"a|b":                       `a\|b`,
		"[link](http://x)":          `\[link\](http://x)`,
		"<script>alert(1)</script>": "&lt;script&gt;alert(1)&lt;/script&gt;",
		"Ŵyn & Sons &amp;":          "Ŵyn & Sons &amp;amp;",
		"two\nlines":                "two lines",
		"*bold* _it_ `code` #1":     "\\*bold\\* \\_it\\_ \\`code\\` \\#1",
		"-1 Minus":                  `\-1 Minus`,
	} {
		if got := mdText(in); got != want {
			t.Errorf("mdText(%q) = %q; want %q", in, got, want)
		}
	}
}
