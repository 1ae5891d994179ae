package mdtest

import (
	"testing"
)

// TestProblems makes sure Check finds what it looks for.
func TestProblems(t *testing.T) {
	bad := map[string]string{
		"skipped level": "# a\n\n### b\n",
		"raw HTML":      "# a\n\nx <b>y</b>\n",
		"HTML block":    "# a\n\n<div>\nx\n</div>\n",
		"lost anchor":   "# a\n\n[x](#nowhere)\n",
		"script link":   "# a\n\n[x](javascript:alert(1))\n",
		"code":          "# a\n\n`x`\n",
		"autolink":      "# a\n\nsee www.example.org\n",
		"strikethrough": "# a\n\n~~x~~\n",
		"bad anchor":    "# a\n\n<a id=\"x\" onclick=\"y\"></a>\n",
		"metadata":      "---\ntitle: x\n---\n\n# a\n",
	}
	for name, md := range bad {
		if len(Problems([]byte(md))) == 0 {
			t.Errorf("%s: no problem found in %q", name, md)
		}
	}
	good := "---\ntitle: \"a \\\"b\\\"\"\nkeywords: [\"x\", \"y\"]\n---\n\n# a\n\n## <a id=\"s1\"></a>b\n\n[to b](#s1) and [c](<https://example.org>)\n"
	if errs := Problems([]byte(good)); len(errs) > 0 {
		t.Errorf("problems in a good document: %v", errs)
	}
	if got, want := Text(t, []byte(good)), "a\nb\nto b and c\n"; got != want {
		t.Errorf("Text = %q; want %q", got, want)
	}
}
