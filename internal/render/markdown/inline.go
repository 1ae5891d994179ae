package markdown

import (
	"strings"
	"unicode/utf8"

	"github.com/goldenthread/goldenthread/internal/render/doc"
)

// run is an inline run ready to write: dest is the link's destination as
// written, or "".
type run struct {
	text   string
	strong bool
	dest   string
}

// runs turns a block's inlines into runs: links the document cannot follow
// become text, empty runs go, a strong run's white space moves outside it
// (a "**" next to a space does not open or close), and neighbours that are
// alike join.
func (w *writer) runs(in []doc.Inline, strong bool) []run {
	var out []run
	add := func(r run) {
		if r.text == "" {
			return
		}
		if n := len(out); n > 0 && out[n-1].strong == r.strong && out[n-1].dest == r.dest {
			out[n-1].text += r.text
			return
		}
		out = append(out, r)
	}
	for _, x := range in {
		r := run{text: x.Text, strong: x.Strong || strong, dest: w.dest(x.Link)}
		if !r.strong || r.dest != "" {
			add(r)
			continue
		}
		lead, core, trail := splitSpace(r.text)
		add(run{text: lead})
		add(run{text: core, strong: true})
		add(run{text: trail})
	}
	return out
}

// splitSpace splits s into its leading white space, the rest, and its
// trailing white space.
func splitSpace(s string) (lead, core, trail string) {
	core = strings.TrimLeftFunc(s, isSpace)
	lead = s[:len(s)-len(core)]
	core = strings.TrimRightFunc(core, isSpace)
	trail = s[len(lead)+len(core):]
	return lead, core, trail
}

// inlines appends the runs of one line, escaped, to b; e says where the
// line starts.
func (w *writer) inlines(b []byte, rs []run, e escaper) []byte {
	for i, r := range rs {
		e.after = nextRune(rs, i)
		switch {
		case r.dest != "":
			b = w.link(b, r, &e)
		case r.strong && canStrong(lastRune(b), r.text, nextRune(rs, i)):
			b = append(b, "**"...)
			b = e.text(b, r.text)
			b = append(b, "**"...)
		default:
			b = e.text(b, r.text)
		}
	}
	return b
}

// link appends a link: its text (strong inside the brackets, where the
// delimiters always sit between punctuation) and its destination.
func (w *writer) link(b []byte, r run, e *escaper) []byte {
	b = append(b, '[')
	e.start, e.lead = false, false
	after := e.after
	e.after = ']'
	if r.strong {
		lead, core, trail := splitSpace(r.text)
		b = e.text(b, lead)
		if core != "" {
			b = append(b, "**"...)
			b = e.text(b, core)
			b = append(b, "**"...)
		}
		b = e.text(b, trail)
	} else {
		b = e.text(b, r.text)
	}
	e.after = after
	b = append(b, "]("...)
	b = append(b, r.dest...)
	return append(b, ')')
}

// canStrong reports whether "**" before and after text (which has no white
// space at either end) open and close strong emphasis between prev and next
// for every CommonMark reader: a delimiter run beside punctuation must have
// white space or punctuation on its other side. A symbol such as £ is
// punctuation only since CommonMark 0.31, so either reading must work.
// Escaped text starts and ends with ASCII punctuation where the text does.
func canStrong(prev rune, text string, next rune) bool {
	first, _ := utf8.DecodeRuneInString(text)
	last, _ := utf8.DecodeLastRuneInString(text)
	if text == "" || isSpace(first) || isSpace(last) {
		return false
	}
	opens := !maybePunct(first) || surelySpace(prev) || surelyPunct(prev)
	closes := !maybePunct(last) || surelySpace(next) || surelyPunct(next)
	return opens && closes
}

// surelySpace reports whether every reader counts r as white space; 0
// stands for the start or end of the line.
func surelySpace(r rune) bool {
	return r == 0 || r == ' ' || r == '\t'
}

func lastRune(b []byte) rune {
	if len(b) == 0 {
		return 0
	}
	r, _ := utf8.DecodeLastRune(b)
	if r == '\n' {
		return 0
	}
	return r
}

// nextRune is the first rune written after run i: a link's "[", the text's
// first rune (or the backslash escaping it: punctuation either way), or 0
// at the end of the line.
func nextRune(rs []run, i int) rune {
	if i+1 >= len(rs) {
		return 0
	}
	if rs[i+1].dest != "" {
		return '['
	}
	r, _ := utf8.DecodeRuneInString(rs[i+1].text)
	return r
}
