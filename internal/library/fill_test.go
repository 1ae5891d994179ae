package library

import (
	"regexp"
	"slices"
	"strings"
	"testing"
)

func TestFill(t *testing.T) {
	values := map[string]string{"employer": "the Authority", "rate": "£13.45", "name": "Cyngor Gwynedd"}
	tests := []struct{ in, want string }{
		{"{employer} shall pay.", "The Authority shall pay."},
		{"Pay {rate} an hour.", "Pay £13.45 an hour."},
		{"Tell {employer}. {employer} will act.", "Tell the Authority. The Authority will act."},
		{"Ask {employer}\nand {employer}", "Ask the Authority\nand the Authority"},
		{"Done.\n{employer} shall", "Done.\nThe Authority shall"},
		{"First para.\n\n{employer} shall", "First para.\n\nThe Authority shall"},
		{"e.g. {name} shall", "e.g. Cyngor Gwynedd shall"},
		{"Keep {unknown} as is", "Keep {unknown} as is"},
		{"no braces", "no braces"},
	}
	for _, tc := range tests {
		if got := Fill(tc.in, values); got != tc.want {
			t.Errorf("Fill(%q) = %q; want %q", tc.in, got, tc.want)
		}
	}
}

// placeholderPattern is what a placeholder looks like, written as a regular
// expression: the scanner must find exactly its matches.
var placeholderPattern = regexp.MustCompile(`\{([^{}\n]*)\}`)

// checkBraces compares scanBraces with the regular expression: the same
// matches, and as the stray brace the first "{" or "}" left once every
// match is removed.
func checkBraces(t *testing.T, text string) {
	t.Helper()
	var got [][]int
	stray := scanBraces(text, func(start, end int) { got = append(got, []int{start, end}) })
	want := placeholderPattern.FindAllStringIndex(text, -1)
	if !slices.EqualFunc(got, want, slices.Equal) {
		t.Fatalf("scanBraces(%q) found %v; the pattern finds %v", text, got, want)
	}
	// Where the first brace outside every match falls in text.
	wantStray, last := -1, 0
	for _, m := range append(want, []int{len(text), len(text)}) {
		if j := strings.IndexAny(text[last:m[0]], "{}"); j >= 0 {
			wantStray = last + j
			break
		}
		last = m[1]
	}
	if stray != wantStray {
		t.Fatalf("scanBraces(%q) stray at %d; want %d", text, stray, wantStray)
	}
}

func TestScanBraces(t *testing.T) {
	for _, s := range []string{
		"", "no braces", "{a}", "{a}{b}", "{{a}}", "{a", "a}", "}{", "{}", "{a\nb}", "{a{b}",
		"x {living_wage} y } z", "{ünï}", "{a}\n{", "{\xff}", "}}{{a}",
	} {
		checkBraces(t, s)
	}
}

func FuzzScanBraces(f *testing.F) {
	for _, s := range []string{"{a} {b", "}{x}", "{a\n}", "{{}}"} {
		f.Add(s)
	}
	f.Fuzz(checkBraces)
}
