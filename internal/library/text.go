package library

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Paragraphs normalises text written in TOML for documents: paragraphs are
// separated by one blank line ("\n\n"), and the hard line breaks within a
// paragraph become single spaces.
func Paragraphs(s string) string {
	if !strings.Contains(s, "\n\n") && !strings.Contains(s, "\r\n\r\n") {
		return OneLine(s)
	}
	if strings.Contains(s, "\r") {
		s = strings.ReplaceAll(s, "\r\n", "\n")
	}
	var b strings.Builder
	b.Grow(len(s))
	for para := range strings.SplitSeq(s, "\n\n") {
		if p := OneLine(para); p != "" {
			if b.Len() > 0 {
				b.WriteString("\n\n")
			}
			b.WriteString(p)
		}
	}
	return b.String()
}

// OneLine joins text onto one line: runs of white space (as strings.Fields
// sees it) become one space, and none is left at either end. Text that is
// already so is returned as it is, without copying.
func OneLine(s string) string {
	if isOneLine(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	pending := false
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		if isSpace(r) {
			pending = b.Len() > 0
		} else {
			if pending {
				b.WriteByte(' ')
				pending = false
			}
			b.WriteString(s[i : i+n]) // the bytes as given, even if not UTF-8
		}
		i += n
	}
	return b.String()
}

func isOneLine(s string) bool {
	prevSpace := true // a space at the start is not allowed
	for _, r := range s {
		switch {
		case r == ' ':
			if prevSpace {
				return false
			}
			prevSpace = true
		case isSpace(r):
			return false
		default:
			prevSpace = false
		}
	}
	return !prevSpace || s == ""
}

func isSpace(r rune) bool {
	switch r {
	case ' ', '\t', '\n', '\v', '\f', '\r':
		return true
	}
	return r >= utf8.RuneSelf && unicode.IsSpace(r)
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
