package assemble

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/goldenthread/goldenthread/internal/library"
)

// titleFrom returns a short title for a question written without one (in
// a library from before questions had titles, or a profile's own clause
// that gives none): the first sentence of its text, in document form,
// without a final full stop, cut to fit as fitTitle cuts it.
func titleFrom(text string) string {
	para, _, _ := strings.Cut(text, "\n\n")
	return fitTitle(strings.TrimSuffix(firstSentence(library.OneLine(para)), "."))
}

// firstSentence returns s up to the end of its first sentence: a full
// stop, question mark or exclamation mark, with any closing brackets and
// quotation marks after it, followed by a space and a word that does not
// start with a lower-case letter (so "e.g. a" does not end one). It
// returns s whole when s is one sentence.
func firstSentence(s string) string {
	for i, r := range s {
		if r != '.' && r != '?' && r != '!' {
			continue
		}
		end := i + 1
		for {
			c, n := utf8.DecodeRuneInString(s[end:])
			if n == 0 || !strings.ContainsRune(`)]"'’”`, c) {
				break
			}
			end += n
		}
		rest, ok := strings.CutPrefix(s[end:], " ")
		if !ok {
			continue
		}
		if next, _ := utf8.DecodeRuneInString(rest); !unicode.IsLower(next) {
			return s[:end]
		}
	}
	return s
}

// fitTitle returns title when it has at most library.MaxQuestionTitle
// characters; else it cuts it at the last space that leaves room for "…"
// (mid-word only when there is none), drops punctuation left at the cut,
// and ends it with "…". A title lint passed can still be too long once a
// placeholder in it is filled.
func fitTitle(title string) string {
	if utf8.RuneCountInString(title) <= library.MaxQuestionTitle {
		return title
	}
	runes := []rune(title)
	cut := library.MaxQuestionTitle - 1 // characters kept, before "…"
	if runes[cut] != ' ' {
		// The cut falls inside a word: go back to the space before it.
		for i := cut - 1; i > 0; i-- {
			if runes[i] == ' ' {
				cut = i
				break
			}
		}
	}
	return strings.TrimRight(string(runes[:cut]), " ,;:–—-(") + "…"
}
