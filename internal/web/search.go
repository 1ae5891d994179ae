package web

import (
	"cmp"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/goldenthread/goldenthread/internal/library"
	"github.com/goldenthread/goldenthread/internal/model"
)

// maxQuery is the longest search, in characters, that is used.
const maxQuery = 200

// clauseIndex is the clause library made ready to search: every text of
// each clause folded once, so that a search only compares strings.
type clauseIndex struct {
	version string
	entries []indexEntry // in library order
}

// indexEntry is one clause as search sees it.
type indexEntry struct {
	c       *library.Clause
	title   folded
	summary folded // the first sentence of the ask, as the results show it
	body    string // every other text, folded, one per line
}

// folded is a text with its folded form and, for each byte of that form,
// where its character starts in the text: a match in the folded form is
// marked in the text.
type folded struct {
	text, fold string
	at         []int
}

// indexCache holds the index of the latest library version served.
type indexCache struct {
	mu  sync.Mutex
	idx *clauseIndex
}

// clauseIndex returns the index of lib, built once for each version.
func (s *Server) clauseIndex(lib *Library) *clauseIndex {
	s.index.mu.Lock()
	defer s.index.mu.Unlock()
	if s.index.idx == nil || s.index.idx.version != lib.Version {
		s.index.idx = buildIndex(lib)
	}
	return s.index.idx
}

func buildIndex(lib *Library) *clauseIndex {
	idx := &clauseIndex{version: lib.Version, entries: make([]indexEntry, len(lib.Clauses))}
	for i, c := range lib.Clauses {
		idx.entries[i] = indexEntry{
			c:       c,
			title:   foldText(c.Title),
			summary: foldText(summary(c.Ask)),
			body:    foldString(strings.Join(clauseTexts(c), "\n")),
		}
	}
	return idx
}

// clauseTexts returns every text of a clause but its title, and its
// variants' texts: what a search looks in.
func clauseTexts(c *library.Clause) []string {
	t := []string{c.ID, c.Ask, c.Requirement, c.Rationale, c.Caution, c.LegalBasis, c.Retender}
	t = append(t, c.Evidence...)
	t = append(t, c.Tags...)
	t = appendQuestion(t, c.Question)
	for _, k := range c.KPIs {
		t = append(t, k.Name)
	}
	t = appendSources(t, c.Sources)
	for _, v := range c.Variants {
		t = append(t, v.Title, v.Ask, v.Requirement, v.Rationale, v.Caution, v.LegalBasis, v.Retender)
		t = append(t, v.Evidence...)
		t = appendQuestion(t, v.Question)
		t = appendSources(t, v.Sources)
	}
	return t
}

func appendQuestion(t []string, q *library.Question) []string {
	if q == nil {
		return t
	}
	return append(t, q.Title, q.Text, q.Guidance)
}

func appendSources(t []string, ss []library.Source) []string {
	for _, s := range ss {
		t = append(t, s.Title)
	}
	return t
}

// foldString returns s as search compares it: in lower case, with accents
// and other marks taken off, so that "ŵ" is "w" and "Café" is "cafe".
func foldString(s string) string { return fold(s, false).fold }

// foldText folds s, noting where each folded byte came from.
func foldText(s string) folded { return fold(s, true) }

func fold(s string, where bool) folded {
	var b strings.Builder
	b.Grow(len(s))
	var at []int
	if where {
		at = make([]int, 0, len(s))
	}
	var buf [utf8.UTFMax]byte
	for i, r := range s {
		start := b.Len()
		if r < utf8.RuneSelf {
			if 'A' <= r && r <= 'Z' {
				r += 'a' - 'A'
			}
			b.WriteByte(byte(r))
		} else {
			n := utf8.EncodeRune(buf[:], r)
			for _, d := range norm.NFD.String(string(buf[:n])) {
				if !unicode.Is(unicode.Mn, d) {
					b.WriteRune(unicode.ToLower(d))
				}
			}
		}
		for range b.Len() - start {
			if where {
				at = append(at, i)
			}
		}
	}
	return folded{text: s, fold: b.String(), at: at}
}

// queryWords returns the distinct words of a search, folded: runs of
// letters and digits.
func queryWords(q string) []string {
	var out []string
	for _, w := range strings.FieldsFunc(foldString(q), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsNumber(r)
	}) {
		if !slices.Contains(out, w) {
			out = append(out, w)
		}
	}
	return out
}

// clauseFilter narrows a search; an empty field matches every clause.
type clauseFilter struct {
	Theme, Stage, Nation, Lever string
}

func (f clauseFilter) matches(c *library.Clause) bool {
	return (f.Theme == "" || c.Theme == f.Theme) &&
		(f.Stage == "" || slices.ContainsFunc(c.Stages, func(s model.Stage) bool { return string(s) == f.Stage })) &&
		(f.Nation == "" || slices.Contains(c.Jurisdictions, f.Nation)) &&
		(f.Lever == "" || c.Lever == f.Lever)
}

// hit is a clause a search found, and how well it matches.
type hit struct {
	e     *indexEntry
	score int
}

// Weights of a match: a word in the title counts for more than one in the
// rest of the text, and a word found many times stops counting after a
// while, so that one long clause does not outrank a short one on the point.
const (
	titleWeight  = 10
	phraseWeight = 20 // the whole search, as written, in the title
	bodyCap      = 8
)

// search returns the clauses that match f and hold every word, best first;
// with no words, every clause that matches f in library order.
func (idx *clauseIndex) search(words []string, f clauseFilter) []hit {
	phrase := strings.Join(words, " ")
	var out []hit
	for i := range idx.entries {
		e := &idx.entries[i]
		if !f.matches(e.c) {
			continue
		}
		score, ok := 0, true
		for _, w := range words {
			t, b := strings.Count(e.title.fold, w), countUpTo(e.body, w, bodyCap)
			if t == 0 && b == 0 {
				ok = false
				break
			}
			score += min(t, 1)*titleWeight + b
		}
		if !ok {
			continue
		}
		if len(words) > 1 && strings.Contains(e.title.fold, phrase) {
			score += phraseWeight
		}
		out = append(out, hit{e, score})
	}
	slices.SortStableFunc(out, func(a, b hit) int { return cmp.Compare(b.score, a.score) })
	return out
}

// countUpTo counts the matches of w in s, stopping at n.
func countUpTo(s, w string, n int) int {
	c := 0
	for c < n {
		i := strings.Index(s, w)
		if i < 0 {
			break
		}
		c++
		s = s[i+len(w):]
	}
	return c
}

// segment is a run of text, marked where it matches a search word. Pages
// are built from segments, never from HTML made of what was typed.
type segment struct {
	Text string
	Mark bool
}

// marks splits t into segments, marking every match of words.
func (t folded) marks(words []string) []segment {
	type span struct{ from, to int }
	var spans []span
	for _, w := range words {
		if w == "" {
			continue
		}
		for i := 0; ; {
			j := strings.Index(t.fold[i:], w)
			if j < 0 {
				break
			}
			from, last := i+j, i+j+len(w)-1
			_, n := utf8.DecodeRuneInString(t.text[t.at[last]:])
			spans = append(spans, span{t.at[from], t.at[last] + n})
			i = from + len(w)
		}
	}
	if len(spans) == 0 {
		return []segment{{Text: t.text}}
	}
	slices.SortFunc(spans, func(a, b span) int { return cmp.Or(cmp.Compare(a.from, b.from), cmp.Compare(a.to, b.to)) })
	var out []segment
	pos := 0
	for k := 0; k < len(spans); {
		sp := spans[k]
		for k++; k < len(spans) && spans[k].from <= sp.to; k++ {
			sp.to = max(sp.to, spans[k].to)
		}
		if sp.from > pos {
			out = append(out, segment{Text: t.text[pos:sp.from]})
		}
		out = append(out, segment{Text: t.text[sp.from:sp.to], Mark: true})
		pos = sp.to
	}
	if pos < len(t.text) {
		out = append(out, segment{Text: t.text[pos:]})
	}
	return out
}

// summary returns the first sentence of a clause's ask, on one line: a
// sentence ends at ".", "?" or "!" followed by a space and a capital.
func summary(ask string) string {
	paras := library.SplitParagraphs(ask)
	if len(paras) == 0 {
		return ""
	}
	p := paras[0]
	for i := 0; i+2 < len(p); i++ {
		if (p[i] == '.' || p[i] == '?' || p[i] == '!') && p[i+1] == ' ' {
			r, _ := utf8.DecodeRuneInString(p[i+2:])
			if unicode.IsUpper(r) {
				return p[:i+1]
			}
		}
	}
	return p
}
