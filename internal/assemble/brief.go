package assemble

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/goldenthread/goldenthread/internal/library"
	"github.com/goldenthread/goldenthread/internal/model"
)

// works lists the works the asks cite, numbered in the order they are first
// cited, and sets each source's Work; workOf names the work a source cites
// and its title (see library.WorkOf).
func works(asks []*model.Ask, workOf func(url, title string) (key, workTitle string)) []model.Work {
	var out []model.Work
	index := map[string]int{}
	for _, a := range asks {
		for i := range a.Sources {
			s := &a.Sources[i]
			key, title := workOf(s.URL, s.Title)
			k, ok := index[key]
			if !ok {
				out = append(out, model.Work{Title: title, URL: s.URL})
				k = len(out) - 1
				index[key] = k
			}
			s.Work = k + 1
			if c := out[k].Cited; len(c) == 0 || c[len(c)-1] != a.Number {
				out[k].Cited = append(c, a.Number)
			}
		}
	}
	return out
}

// markPriorities marks the asks with the given clause ids as the branch's
// priorities, in that order, and gives each its short form.
func markPriorities(p *model.Pack, ids []string) {
	for _, a := range p.Asks() {
		if i := slices.Index(ids, a.ID); i >= 0 {
			a.Priority = i + 1
			a.Why = sentences(a.Rationale, 2)
			a.Gist = gist(a.Requirement)
		}
	}
}

// gist returns the first sentence of a requirement, and of the paragraph
// after it if the first introduces a list ("The Contractor shall:").
func gist(req string) string {
	ps := library.SplitParagraphs(req)
	if len(ps) == 0 {
		return ""
	}
	g := sentences(ps[0], 1)
	if strings.HasSuffix(g, ":") && len(ps) > 1 {
		g += " " + sentences(ps[1], 1)
	} else if len(g) < 80 {
		// A lead such as "Award criterion: Fair pay." says too little alone.
		g = sentences(ps[0], 2)
	}
	// "…the Framework: 1. Before deciding…" reads without the number.
	if i := strings.Index(g, ": "); i >= 0 {
		if m := numbered(g[i+2:]); m > 0 {
			g = g[:i+2] + g[i+2+m:]
		}
	}
	return g
}

// abbreviations end with a full stop that does not end a sentence.
var abbreviations = []string{
	"e.g", "i.e", "etc", "al", "cf", "no", "nos", "p", "pp", "para", "paras", "s", "ss",
	"reg", "regs", "art", "arts", "sch", "ch", "vol", "ed", "eds", "mr", "mrs", "ms", "dr", "st", "c", "approx", "vs", "v",
}

// sentences returns the first n sentences of the first paragraph of s. A
// sentence ends at ".", "!" or "?" (and any closing quote or bracket)
// before a space and a capital letter, digit or opening quote, unless the
// word before is an abbreviation or an initial, as in "p. 18" or
// "F. McAndrew". A numbered paragraph ("2. The Contractor…") loses its
// number.
func sentences(s string, n int) string {
	ps := library.SplitParagraphs(s)
	if len(ps) == 0 {
		return ""
	}
	s = ps[0]
	if m := numbered(s); m > 0 {
		s = s[m:]
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c != '.' && c != '!' && c != '?' {
			continue
		}
		end := i + 1
		for end < len(s) && strings.ContainsRune(`"')]`, rune(s[end])) {
			end++
		}
		if r, size := utf8.DecodeRuneInString(s[end:]); r == '’' || r == '”' {
			end += size
		}
		if end >= len(s) || s[end] != ' ' {
			continue
		}
		next, _ := utf8.DecodeRuneInString(s[end+1:])
		if !unicode.IsUpper(next) && !unicode.IsDigit(next) && !strings.ContainsRune(`"'‘“(`, next) {
			continue
		}
		if c == '.' && abbreviated(s[:i]) {
			continue
		}
		if n--; n == 0 {
			return s[:end]
		}
	}
	return s
}

// abbreviated reports whether text ending before a full stop ends with an
// abbreviation or a single letter.
func abbreviated(before string) bool {
	w := before[strings.LastIndexAny(before, " (")+1:]
	if utf8.RuneCountInString(w) == 1 {
		return true
	}
	return slices.Contains(abbreviations, strings.ToLower(w))
}

// numbered returns the length of a paragraph number such as "2. " at the
// start of s, or 0.
func numbered(s string) int {
	i := 0
	for i < len(s) && i < 3 && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	if i > 0 && strings.HasPrefix(s[i:], ". ") {
		return i + 2
	}
	return 0
}
