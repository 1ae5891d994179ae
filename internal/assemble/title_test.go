package assemble

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/goldenthread/goldenthread/internal/library"
)

// TestTitleFrom checks the title taken from a question's text when it has
// none: the first sentence, without its full stop, cut at a word to fit.
func TestTitleFrom(t *testing.T) {
	tests := []struct {
		name, text, want string
	}{
		{"empty", "", ""},
		{"one question", "How will you pay fairly?", "How will you pay fairly?"},
		{"heading sentence", "Social value delivery plan. Set out the commitments you will deliver.", "Social value delivery plan"},
		{"full stop at the end", "Describe your plan for the contract.", "Describe your plan for the contract"},
		{"question then instruction", "Will you give access? If not, say why.", "Will you give access?"},
		{"exclamation", "Pay on time! Every month.", "Pay on time!"},
		{"abbreviation before lower case", "Give figures, e.g. payroll returns. Attach them.", "Give figures, e.g. payroll returns"},
		{"section number", "Confirm you meet s.23 of the Act. Attach evidence.", "Confirm you meet s.23 of the Act"},
		{"money", "Will you pay £13.45 an hour? Say when.", "Will you pay £13.45 an hour?"},
		{"bracketed sentence", "(For contracts where the test applies.) Give the figures.", "(For contracts where the test applies.)"},
		{"quoted sentence", `Answer “yes.” Then sign.`, `Answer “yes.”`},
		{"first paragraph only", "A paragraph with no stop\n\nA second paragraph.", "A paragraph with no stop"},
		{"line breaks", "Describe how\nyou will pay.", "Describe how you will pay"},
		{"list markers", "(a) Do you accept the condition? (b) Has any finding been made?", "(a) Do you accept the condition?"},
		{
			"long sentence cut at a word",
			"Describe the pay rates and pay practices you will apply, for the whole term of the contract, to everyone who will work on it.",
			"Describe the pay rates and pay practices you will apply, for the whole term of…",
		},
		{
			"comma at the cut dropped",
			"Describe how you will recruit, retain and develop disabled people in any team, and how you will report.",
			"Describe how you will recruit, retain and develop disabled people in any team…",
		},
		{
			"no space to cut at",
			strings.Repeat("x", 100),
			strings.Repeat("x", 79) + "…",
		},
		{
			"exactly 80 characters kept",
			"Pay, hours and voice – what the bidder commits to for everyone on the contract o. Next.",
			"Pay, hours and voice – what the bidder commits to for everyone on the contract o",
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := titleFrom(tc.text)
			if got != tc.want {
				t.Errorf("titleFrom(%q) = %q; want %q", tc.text, got, tc.want)
			}
			if n := utf8.RuneCountInString(got); n > library.MaxQuestionTitle {
				t.Errorf("titleFrom(%q) has %d characters; want at most %d", tc.text, n, library.MaxQuestionTitle)
			}
		})
	}
}

// TestFitTitle checks that a title is kept as it is up to the limit and cut
// at a word, with "…", beyond it, counting characters, not bytes.
func TestFitTitle(t *testing.T) {
	fits := strings.Repeat("é", library.MaxQuestionTitle)
	tests := []struct {
		name, title, want string
	}{
		{"short", "Fair pay for the contract workforce", "Fair pay for the contract workforce"},
		{"at the limit in characters", fits, fits},
		{"one word over", strings.Repeat("ab ", 26) + "abc", strings.Repeat("ab ", 25) + "ab…"},
		{"cut on a space", strings.Repeat("abcd ", 16) + "more", strings.Repeat("abcd ", 15) + "abcd…"},
		{"dash at the cut dropped", strings.Repeat("word ", 15) + "– and then more words", strings.Repeat("word ", 14) + "word…"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := fitTitle(tc.title)
			if got != tc.want {
				t.Errorf("fitTitle(%q) = %q; want %q", tc.title, got, tc.want)
			}
			if n := utf8.RuneCountInString(got); n > library.MaxQuestionTitle {
				t.Errorf("fitTitle(%q) has %d characters; want at most %d", tc.title, n, library.MaxQuestionTitle)
			}
		})
	}
}
