package library

import (
	"slices"
	"strings"
	"testing"

	"github.com/goldenthread/goldenthread/internal/diag"
	"github.com/goldenthread/goldenthread/internal/tomldoc"
)

// decodeText decodes src, as f.toml, into v under the rules for text,
// returning the problems as lines.
func decodeText(t *testing.T, src string, v any) []string {
	t.Helper()
	var list diag.List
	doc := tomldoc.Parse("f.toml", []byte(src), &list)
	if doc == nil {
		t.Fatalf("Parse(%q): %v", src, list.Err())
	}
	Decode(doc, v, &list)
	var lines []string
	for _, p := range list.Sort() {
		lines = append(lines, p.String())
	}
	return lines
}

type textDoc struct {
	Name   string            `toml:"name" gt:"required,text"`
	Note   string            `toml:"note" gt:"text"`
	ID     string            `toml:"id"`
	Tags   []string          `toml:"tags" gt:"text"`
	Values map[string]string `toml:"values"`
}

func TestDecodeText(t *testing.T) {
	tests := []struct {
		name, src string
		want      []string
	}{
		{"clean", "name = \"n\"\nnote = \"x\"\nid = \"\"\ntags = [\"a\"]\n[values]\nx = \"\"\n", nil},
		{
			name: "empty text",
			src: `name = """

"""
note = "  "
tags = ["ok", "	", '']
id = ""
`,
			want: []string{
				"f.toml:1:8: name: text is empty; write the text",
				"f.toml:4:8: note: text is empty; write the text or remove the key",
				"f.toml:5:15: tags: text is empty; write the text or remove the key",
				"f.toml:5:20: tags: text is empty; write the text or remove the key",
			},
		},
		{
			name: "hidden characters, in any string",
			src:  "name = \"Cyngor\\u0007 Sir \\u202eRTL\"\nid = \"a\u202eb\"\ntags = [\"x\", \"\u2066y\"]\n[values]\nk = \"\\u0085\"\n",
			want: []string{
				"f.toml:1:8: name: contains a control character (U+0007), which does not print and would show differently in each document; remove it (retype the text around it if you cannot see it)",
				"f.toml:2:8: id: contains a bidirectional control character (U+202E), which changes the order in which the text around it is shown; remove it (retype the text around it if you cannot see it)",
				"f.toml:3:15: tags: contains a bidirectional control character (U+2066), which changes the order in which the text around it is shown; remove it (retype the text around it if you cannot see it)",
				"f.toml:5:5: k: contains a control character (U+0085), which does not print and would show differently in each document; remove it (retype the text around it if you cannot see it)",
			},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var v textDoc
			if got := decodeText(t, tc.src, &v); !slices.Equal(got, tc.want) {
				t.Errorf("Decode(%q) problems:\n%s\nwant:\n%s", tc.src, strings.Join(got, "\n"), strings.Join(tc.want, "\n"))
			}
		})
	}
}

// TestHiddenRunePosition checks that a control character written as itself
// (not as an escape) is reported at its own column.
func TestHiddenRunePosition(t *testing.T) {
	var v textDoc
	got := decodeText(t, "name = \"Cyngor \u202eSir\"\n", &v)
	if len(got) != 1 || !strings.HasPrefix(got[0], "f.toml:1:16: name: contains a bidirectional control character (U+202E)") {
		t.Errorf("problems %q; want one at 1:16 naming U+202E", got)
	}
}

func TestHiddenRune(t *testing.T) {
	for _, tc := range []struct {
		s    string
		want rune // -1: none
	}{
		{"plain Siân Ŵyn", -1}, {"tab\tand\nlines\r\n", -1}, {"bell\a", '\a'}, {"nul\x00", 0},
		{"del\x7f", 0x7f}, {"c1\u0085", 0x85}, {"rlo\u202eabc", 0x202e}, {"isolate\u2066x", 0x2066},
		{"zero\u200bwidth", -1}, {"emoji 😀", -1},
	} {
		r, ok := hiddenRune(tc.s)
		if ok != (tc.want >= 0) || (ok && r != tc.want) {
			t.Errorf("hiddenRune(%q) = %U, %v; want %U", tc.s, r, ok, tc.want)
		}
	}
}

// FuzzHiddenRune checks the byte scanner against the rule written over
// runes.
func FuzzHiddenRune(f *testing.F) {
	f.Add("Siân\u202e\u0085\a")
	f.Fuzz(func(t *testing.T, s string) {
		var want rune
		found := false
		for _, r := range s {
			if (r < 0x20 && r != '\t' && r != '\n' && r != '\r') || (r >= 0x7f && r < 0xa0) ||
				(r >= 0x202a && r <= 0x202e) || (r >= 0x2066 && r <= 0x2069) {
				want, found = r, true
				break
			}
		}
		if r, ok := hiddenRune(s); ok != found || r != want {
			t.Fatalf("hiddenRune(%q) = %U, %v; want %U, %v", s, r, ok, want, found)
		}
	})
}

func TestHasOpt(t *testing.T) {
	for _, tc := range []struct {
		opts, opt string
		want      bool
	}{
		{"required,text", "text", true}, {"required,text", "required", true}, {"text", "text", true},
		{"", "text", false}, {"required", "text", false}, {"textual", "text", false}, {"text,required", "required", true},
	} {
		if got := hasOpt(tc.opts, tc.opt); got != tc.want {
			t.Errorf("hasOpt(%q, %q) = %v; want %v", tc.opts, tc.opt, got, tc.want)
		}
	}
}
