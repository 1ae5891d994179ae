package library

import (
	"slices"
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

// paragraphsByHand is Paragraphs as its documentation describes it, done
// the slow way: line endings made "\n", split at every empty line, each
// paragraph put on one line.
func paragraphsByHand(s string) string {
	var paras []string
	for p := range strings.SplitSeq(strings.ReplaceAll(s, "\r\n", "\n"), "\n\n") {
		if p = strings.Join(strings.Fields(p), " "); p != "" {
			paras = append(paras, p)
		}
	}
	return strings.Join(paras, "\n\n")
}

func TestParagraphsByHand(t *testing.T) {
	for _, s := range []string{
		"", "\n\n", "a\n\r\nb", "a\n\r\r\nb", "a\r\r\n\nb", "a\u00a0\n\n\u00a0b", "a\n \nb",
		"a\n\nb\n\nc", "a\n\n", "\n\na", "a \n\nb", "x\u2028\u2028y", "\xff\n\n\xfe",
	} {
		if got, want := Paragraphs(s), paragraphsByHand(s); got != want {
			t.Errorf("Paragraphs(%q) = %q; want %q", s, got, want)
		}
	}
}

func FuzzParagraphs(f *testing.F) {
	f.Add("first\npara\n\nsecond\r\n\r\nthird ")
	f.Add("Siân\u00a0\n\nŴyn")
	f.Fuzz(func(t *testing.T, s string) {
		got := Paragraphs(s)
		if want := paragraphsByHand(s); got != want {
			t.Fatalf("Paragraphs(%q) = %q; want %q", s, got, want)
		}
		if Paragraphs(got) != got {
			t.Fatalf("Paragraphs is not idempotent on %q", s)
		}
	})
}

func TestBlanks(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want []string
	}{
		{"no blanks", nil},
		{"Schedule [x] and Schedule [x] within [number] days", []string{"[x]", "[number]"}},
		{"see R v X [2015] UKSC 22", nil},
		{"[members / the board] meet", []string{"[members / the board]"}},
		{"[] and [ ]% are blanks too", []string{"[]", "[ ]"}},
		{"[unclosed and [closed]", []string{"[closed]"}},
		{"[across\nlines]", nil},
		{"[" + strings.Repeat("a", 61) + "]", nil},
	} {
		if got := Blanks(tc.in); !slices.Equal(got, tc.want) {
			t.Errorf("Blanks(%q) = %q; want %q", tc.in, got, tc.want)
		}
	}
}

func TestNumbered(t *testing.T) {
	tests := []struct{ in, want string }{
		{"1. The Contractor shall pay.\n2. It shall report\nyearly.\n3. It shall publish.", "1. The Contractor shall pay.\n\n2. It shall report yearly.\n\n3. It shall publish."},
		{"\n1. a\r\n2. b", "1. a\n\n2. b"},
		{"1. a\n3. b\n2. c", "1. a 3. b\n\n2. c"},                       // only the next number starts an item
		{"Under section\n2. of the Act", "Under section 2. of the Act"}, // not a numbered list
		{"Intro.\n\n1. a\n2. b\n\nAfter.\n2. no", "Intro.\n\n1. a\n\n2. b\n\nAfter. 2. no"},
		{"12. a\n13. b", "12. a 13. b"},
	}
	for _, tc := range tests {
		if got := Paragraphs(Numbered(tc.in)); got != tc.want {
			t.Errorf("Paragraphs(Numbered(%q)) = %q; want %q", tc.in, got, tc.want)
		}
	}
}

// FuzzNumbered checks that Numbered only adds paragraph breaks: the words
// are the same, in the same order.
func FuzzNumbered(f *testing.F) {
	f.Add("1. a\n2. b\n\n1. c\r\n2. d")
	f.Add(" 1. x\n 2. y\n3. z")
	f.Fuzz(func(t *testing.T, s string) {
		got := Numbered(s)
		if a, b := strings.Fields(got), strings.Fields(s); !slices.Equal(a, b) {
			t.Fatalf("Numbered(%q) = %q: the words changed", s, got)
		}
		if again := Numbered(Paragraphs(got)); Paragraphs(again) != Paragraphs(got) {
			t.Fatalf("Numbered is not stable on %q", s)
		}
	})
}
