package library

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Paragraphs normalises text written in TOML for documents: paragraphs are
// separated by one blank line ("\n\n"), and the hard line breaks within a
// paragraph become single spaces. A run of white space that holds an empty
// line (two line breaks, each "\n" or "\r\n") ends a paragraph; any other
// run becomes one space; none is left at either end. Text that is already
// so is returned as it is, without copying.
func Paragraphs(s string) string { return normalise(s, true) }

// OneLine joins text onto one line: runs of white space (as strings.Fields
// sees it) become one space, and none is left at either end. Text that is
// already so is returned as it is, without copying.
func OneLine(s string) string { return normalise(s, false) }

// normalise is Paragraphs when paras is set, OneLine otherwise. It makes one
// pass to check and, if the text needs it, one to copy.
func normalise(s string, paras bool) string {
	if isNormal(s, paras) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		// A run of white space, perhaps empty at the start.
		brk := false
		for i < len(s) {
			n := spaceAt(s, i)
			if n == 0 {
				break
			}
			if paras && !brk && s[i] == '\n' && emptyLineAt(s, i) {
				brk = true
			}
			i += n
		}
		if i == len(s) {
			break
		}
		// A word: copied whole, its bytes as given even if not UTF-8.
		j := i
		for j < len(s) {
			if s[j] < utf8.RuneSelf {
				if asciiSpace[s[j]] {
					break
				}
				j++
				continue
			}
			if spaceAt(s, j) > 0 {
				break
			}
			_, w := utf8.DecodeRuneInString(s[j:])
			j += w
		}
		if b.Len() > 0 {
			if brk {
				b.WriteString("\n\n")
			} else {
				b.WriteByte(' ')
			}
		}
		b.WriteString(s[i:j])
		i = j
	}
	return b.String()
}

// emptyLineAt reports whether the line break at s[i] is followed at once by
// another ("\n" or "\r\n"), leaving an empty line between them.
func emptyLineAt(s string, i int) bool {
	rest := s[i+1:]
	return strings.HasPrefix(rest, "\n") || strings.HasPrefix(rest, "\r\n")
}

// isNormal reports whether s is already in the form normalise gives: words
// separated by one space (or, for paragraphs, one "\n\n"), and nothing at
// either end.
func isNormal(s string, paras bool) bool {
	prevSpace := true // white space at the start is not allowed
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == ' ' || (paras && c == '\n'):
			if prevSpace {
				return false
			}
			if c == '\n' {
				if !strings.HasPrefix(s[i:], "\n\n") {
					return false
				}
				i++
			}
			prevSpace = true
			i++
		case c < utf8.RuneSelf:
			if asciiSpace[c] {
				return false
			}
			prevSpace = false
			i++
		default:
			if spaceAt(s, i) > 0 {
				return false
			}
			_, n := utf8.DecodeRuneInString(s[i:])
			prevSpace = false
			i += n
		}
	}
	return !prevSpace || s == ""
}

// asciiSpace holds the ASCII characters unicode.IsSpace accepts.
var asciiSpace = [utf8.RuneSelf]bool{' ': true, '\t': true, '\n': true, '\v': true, '\f': true, '\r': true}

// spaceAt returns the length in bytes of the white-space character (as
// strings.Fields sees it) at s[i], or 0 if there is none there.
func spaceAt(s string, i int) int {
	c := s[i]
	if c < utf8.RuneSelf {
		if asciiSpace[c] {
			return 1
		}
		return 0
	}
	r, n := utf8.DecodeRuneInString(s[i:])
	if unicode.IsSpace(r) {
		return n
	}
	return 0
}

// Normalise puts every text of the clause into document form, once, so
// that assembling many profiles does not redo it.
func (c *Clause) Normalise() {
	c.Title = OneLine(c.Title)
	for _, p := range []*string{&c.Ask, &c.Requirement, &c.Rationale, &c.Caution, &c.LegalBasis} {
		*p = Paragraphs(*p)
	}
	for i := range c.Evidence {
		c.Evidence[i] = OneLine(c.Evidence[i])
	}
	for i := range c.KPIs {
		k := &c.KPIs[i]
		k.Name, k.Unit, k.Target = OneLine(k.Name), OneLine(k.Unit), OneLine(k.Target)
	}
	c.Question.normalise()
	for i := range c.Sources {
		c.Sources[i].Title = OneLine(c.Sources[i].Title)
	}
	for i := range c.Variants {
		v := &c.Variants[i]
		v.Title = OneLine(v.Title)
		for _, p := range []*string{&v.Ask, &v.Requirement, &v.Rationale, &v.Caution, &v.LegalBasis} {
			*p = Paragraphs(*p)
		}
		v.Question.normalise()
		for j := range v.Sources {
			v.Sources[j].Title = OneLine(v.Sources[j].Title)
		}
	}
}

func (q *Question) normalise() {
	if q == nil {
		return
	}
	q.Text, q.Guidance = Paragraphs(q.Text), Paragraphs(q.Guidance)
}
