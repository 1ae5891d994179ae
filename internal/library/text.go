package library

import (
	"slices"
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

// normalise is Paragraphs when paras is set, OneLine otherwise. It copies
// the text in stretches: a stretch runs until white space that is not
// already as it should be (one space between words, or one empty line
// between paragraphs). Text that needs nothing is returned without a copy.
func normalise(s string, paras bool) string {
	var b strings.Builder // in use once the text turns out to need changes
	seg := 0              // where the stretch not yet copied starts
	tried := 0            // lines before this have been tried by cleanLine
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if !asciiSpace[c] {
				// At a word: the rest of its line may need nothing at
				// all, which is quicker to check than to walk.
				if i >= tried {
					end := len(s)
					if k := strings.IndexByte(s[i:], '\n'); k >= 0 {
						end = i + k
					}
					tried = end + 1
					if cleanLine(s[i:end]) {
						i = end
						continue
					}
				}
				i++
				continue
			}
			// Inside the loop s[i-1] is never white space: a run is
			// always taken whole, below.
			if i > 0 && c == ' ' && wordByteAt(s, i+1) {
				i += 2
				continue
			}
			if i > 0 && paras && c == '\n' && i+1 < len(s) && s[i+1] == '\n' && wordByteAt(s, i+2) {
				i += 3
				continue
			}
		} else {
			r, n := utf8.DecodeRuneInString(s[i:])
			if !unicode.IsSpace(r) {
				i += n
				continue
			}
		}
		// A run of white space to make one space or one empty line.
		if b.Cap() == 0 {
			b.Grow(len(s))
		}
		b.WriteString(s[seg:i])
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
		if i < len(s) && b.Len() > 0 {
			if brk {
				b.WriteString("\n\n")
			} else {
				b.WriteByte(' ')
			}
		}
		seg = i
	}
	if b.Cap() == 0 {
		return s
	}
	b.WriteString(s[seg:])
	return b.String()
}

// cleanLine reports whether a line that starts with a word needs no change:
// its only white space is single spaces between words. It looks at every
// byte without branching on it, and leaves the rare line with a tab, a
// double space or a character that may be white space outside ASCII to
// the byte-by-byte walk.
func cleanLine(t string) bool {
	if t == "" || t[len(t)-1] == ' ' {
		return t == ""
	}
	var acc, prev byte
	for i := 0; i < len(t); i++ {
		c := lineClass[t[i]]
		acc |= c&stop | c&prev&space // a stop, or a space after a space
		prev = c
	}
	return acc == 0
}

// lineClass sorts bytes for cleanLine: the space, and the bytes it leaves
// to the walk (stop): ASCII white space other than the space, and the first
// bytes of the UTF-8 encodings of the other characters unicode.IsSpace
// accepts (U+0085, U+00A0: 0xc2; U+1680: 0xe1; U+2000–U+205F: 0xe2;
// U+3000: 0xe3).
const (
	space = 1 << iota
	stop
)

var lineClass = func() (t [256]byte) {
	t[' '] = space
	for _, c := range []byte{'\t', '\n', '\v', '\f', '\r', 0xc2, 0xe1, 0xe2, 0xe3} {
		t[c] = stop
	}
	return t
}()

// wordByteAt reports whether s[i] is an ASCII character that is not white
// space: the start of a word, for certain.
func wordByteAt(s string, i int) bool {
	return i < len(s) && s[i] < utf8.RuneSelf && !asciiSpace[s[i]]
}

// emptyLineAt reports whether the line break at s[i] is followed at once by
// another ("\n" or "\r\n"), leaving an empty line between them.
func emptyLineAt(s string, i int) bool {
	rest := s[i+1:]
	return strings.HasPrefix(rest, "\n") || strings.HasPrefix(rest, "\r\n")
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

// maxBlank is the longest text in square brackets that Blanks takes for a
// blank to complete rather than a bracketed aside.
const maxBlank = 60

// Blanks returns the parts of text in [square brackets] that a reader must
// complete, such as "[x]", "[ ]" or "[number of days]", in order and each
// once.
// Brackets holding only digits, such as the year of a law report
// ("[2015] UKSC 22"), are citations, not blanks.
func Blanks(text string) []string {
	var out []string
	for i := 0; i < len(text); {
		j := strings.IndexByte(text[i:], '[')
		if j < 0 {
			break
		}
		start := i + j
		k := strings.IndexAny(text[start+1:], "[]\n")
		if k < 0 {
			break
		}
		end := start + 1 + k
		i = end
		if text[end] != ']' {
			continue
		}
		i = end + 1
		inner := text[start+1 : end]
		if len(inner) > maxBlank || (inner != "" && strings.Trim(inner, "0123456789") == "") {
			continue
		}
		if b := text[start : end+1]; !slices.Contains(out, b) {
			out = append(out, b)
		}
	}
	return out
}

// SplitParagraphs returns the paragraphs of text, each joined onto one
// line, leaving out empty ones.
func SplitParagraphs(text string) []string {
	var out []string
	for _, para := range strings.Split(Paragraphs(text), "\n\n") {
		if para != "" {
			out = append(out, para)
		}
	}
	return out
}
