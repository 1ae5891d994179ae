package markdown

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// escaper writes text so that CommonMark, GFM and pandoc's commonmark_x read
// it back as the same literal text. It escapes with backslashes, which every
// CommonMark reader honours before ASCII punctuation, and keeps the state
// that the constructs depending on context need across runs: the start of a
// block's line, and the "www" before a dot.
type escaper struct {
	start bool    // nothing written yet on this block's line
	lead  bool    // still in the first word of the line (list markers)
	word  marks   // what that first word could be as a list marker
	last  [3]rune // the last three runes written, for "www."
	after rune    // the rune written after this text, 0 for the line's end
}

// marks says what the first word of a line could be read as in pandoc's
// fancy lists: a number, one letter, or a roman numeral.
type marks struct {
	n             int
	digits, roman bool
}

// add records r, a letter or digit of the first word.
func (m *marks) add(r rune) {
	if m.n == 0 {
		m.digits, m.roman = true, true
	}
	m.n++
	m.digits = m.digits && r >= '0' && r <= '9'
	m.roman = m.roman && strings.ContainsRune("ivxlcdmIVXLCDM", r)
}

// marker reports whether the word so far, followed by "." or ")", could be
// a list marker.
func (m marks) marker() bool { return m.digits || m.roman || m.n == 1 }

// always lists the characters escaped wherever they are: they open
// emphasis, code, links, HTML, entities, tables, strikethrough, heading
// closers, and pandoc's attributes, math, superscript and citations.
const always = "\\`*_[]<>#|~&${}^@"

// newLine returns an escaper for text that starts a block's line, where
// list, quote, heading and break markers are read.
func newLine() escaper { return escaper{start: true} }

// newInline returns an escaper for text inside a line (a heading's or
// cell's), where no block marker can start.
func newInline() escaper { return escaper{} }

// text appends s to b escaped.
func (e *escaper) text(b []byte, s string) []byte {
	for i, w := 0, 0; i < len(s); i += w {
		r, n := utf8.DecodeRuneInString(s[i:])
		w = n
		if r == utf8.RuneError && n == 1 {
			r = '\uFFFD'
		}
		if r == '\n' || r == '\r' || r == '\f' || r == '\v' {
			r = ' ' // a line break would end the block
		}
		b = e.rune(b, r, s[i+n:])
	}
	return b
}

// rune appends r, escaped as its context needs; rest is the text after it.
func (e *escaper) rune(b []byte, r rune, rest string) []byte {
	if e.start && (r == ' ' || r == '\t') {
		// Leading white space would be dropped or start code: keep it as
		// a character reference.
		if r == ' ' {
			return append(b, "&#32;"...)
		}
		return append(b, "&#9;"...)
	}
	esc := e.needs(r, rest)
	e.start = false
	e.last = [3]rune{e.last[1], e.last[2], unicode.ToLower(r)}
	if esc {
		b = append(b, '\\')
	}
	return utf8.AppendRune(b, r)
}

// needs reports whether r must be escaped here, and moves the line-start
// state on.
func (e *escaper) needs(r rune, rest string) bool {
	if r < utf8.RuneSelf && containsByte(always, byte(r)) {
		e.lead = false
		return true
	}
	if e.start {
		switch {
		case r == '-' || r == '+' || r == '=' || r == ':' || r == '(':
			// bullets, breaks, setext underlines, definition lists,
			// pandoc's (a) lists
			return true
		case isASCIIAlnum(r):
			e.lead = true // 1. 1) a. iv) are list markers in pandoc
			e.word = marks{}
			e.word.add(r)
			return false
		}
	}
	if e.lead {
		if isASCIIAlnum(r) {
			e.word.add(r)
			return false
		}
		e.lead = false
		if (r == '.' || r == ')') && e.word.marker() {
			return true
		}
	}
	switch r {
	case ':':
		// http://, mailto:x and :emoji: all have a non-space after the
		// colon; "Label: value" is left alone.
		next, _ := utf8.DecodeRuneInString(rest)
		if rest == "" {
			next = e.after
		}
		return next != 0 && !unicode.IsSpace(next)
	case '.':
		return e.last == [3]rune{'w', 'w', 'w'} // www. autolinks
	case '!':
		// "!" before a link's own "[" would make it an image.
		return rest == "" && e.after == '['
	}
	return false
}

func containsByte(s string, c byte) bool {
	for i := 0; i < len(s); i++ {
		if s[i] == c {
			return true
		}
	}
	return false
}

func isASCIIAlnum(r rune) bool {
	return r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z'
}

// isSpace reports whether r may be white space to a CommonMark reader,
// under the 0.30 or the 0.31 definition.
func isSpace(r rune) bool {
	return unicode.IsSpace(r) || unicode.Is(unicode.Zs, r)
}

// surelyPunct reports whether every CommonMark reader counts r as
// punctuation: ASCII punctuation and Unicode P (0.30 and 0.31 agree).
func surelyPunct(r rune) bool {
	if r < utf8.RuneSelf {
		return unicode.IsPunct(r) || unicode.IsSymbol(r)
	}
	return unicode.IsPunct(r)
}

// maybePunct reports whether some reader counts r as punctuation: 0.31 adds
// the symbols (S), such as £ and €.
func maybePunct(r rune) bool {
	return unicode.IsPunct(r) || unicode.IsSymbol(r)
}
