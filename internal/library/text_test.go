package library

import (
	"strings"
	"testing"
)

func TestOneLine(t *testing.T) {
	for _, s := range []string{
		"", " ", "a", " a", "a ", "a  b", "a\nb", "a\r\nb", "\ta\tb\t", "Siân\u00a0Ŵyn", "x\u2028y",
		"already one line", "tail  ", "£13.45 an hour\n(London)",
	} {
		want := strings.Join(strings.Fields(s), " ")
		if got := OneLine(s); got != want {
			t.Errorf("OneLine(%q) = %q; want %q", s, got, want)
		}
	}
}

func TestParagraphs(t *testing.T) {
	tests := []struct{ in, want string }{
		{"one\nline", "one line"},
		{"first\npara\n\nsecond\npara\n", "first para\n\nsecond para"},
		{"a\r\n\r\nb", "a\n\nb"},
		{"\n\n\nlead", "lead"},
		{"a\n\n\n\nb", "a\n\nb"},
	}
	for _, tc := range tests {
		if got := Paragraphs(tc.in); got != tc.want {
			t.Errorf("Paragraphs(%q) = %q; want %q", tc.in, got, tc.want)
		}
	}
}

func FuzzOneLine(f *testing.F) {
	f.Add("a  b\n c")
	f.Add("Siân\u00a0Ŵyn")
	f.Fuzz(func(t *testing.T, s string) {
		if want := strings.Join(strings.Fields(s), " "); OneLine(s) != want {
			t.Fatalf("OneLine(%q) = %q; want %q", s, OneLine(s), want)
		}
	})
}
