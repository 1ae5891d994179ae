package pdf

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// ptPerMM converts points to millimetres the way gofpdf and maroto do: both
// divide by 72/25.4.
const ptPerMM = 72.0 / 25.4

// Unprintable returns the distinct runes of s, in the order they first
// appear, that the fonts embedded in every PDF have no glyph for: emoji,
// CJK ideographs, many dingbats (✊), and anything outside the Basic
// Multilingual Plane, which the PDF library cannot draw. Render and
// RenderReport print each of them as U+FFFD (�), the same in the text of
// the pages and in the document properties (title, author, keywords), so a
// reader can see that something is missing; if the fonts were ever
// replaced by ones without U+FFFD, a question mark would stand in. It
// returns nil when everything in s prints.
//
// White space is not reported, nor are control and format characters
// (zero-width joiners, bidirectional controls), which print as nothing, nor
// invalid UTF-8, which prints as U+FFFD as well.
//
// The fonts' character maps are read on first use, by Unprintable or a
// render, and only read afterwards: Unprintable is safe to call from
// several goroutines at once, and text in ASCII returns at once without
// reading them.
func Unprintable(s string) []rune {
	i := 0
	for i < len(s) && s[i] < utf8.RuneSelf {
		i++
	}
	if i == len(s) {
		// ASCII is always in the fonts: what is not printable is a control
		// character, which prints as nothing.
		return nil
	}
	fs, err := loadFonts()
	if err != nil {
		// Render fails with this error; until then, vouch for nothing.
		fs = &fontSet{drawable: make([]bool, 1<<16)}
	}
	var out []rune
	seen := map[rune]bool{}
	for _, r := range s[i:] {
		if r >= utf8.RuneSelf && !seen[r] && fs.class(r) == missing {
			seen[r] = true
			out = append(out, r)
		}
	}
	return out
}

// runeClass is what clean does with a rune.
type runeClass uint8

const (
	drawn   runeClass = iota // kept as it is
	blank                    // white space: runs of it become one space
	dropped                  // control or format character: left out
	missing                  // no glyph in a registered face: replaced
)

func (fs *fontSet) class(r rune) runeClass {
	switch {
	case r > ' ' && r < 0x7F:
		// Printable ASCII, the common case: always in the font.
		return drawn
	case (r == '\u00A0' || r == '\u202F') && fs.drawable[r]:
		// No-break spaces keep their meaning.
		return drawn
	case unicode.IsSpace(r):
		return blank
	case unicode.IsControl(r) || unicode.Is(unicode.Cf, r):
		// Invisible or meaningless in a PDF text run (soft hyphens, bidi
		// overrides, zero-width joiners).
		return dropped
	case r >= 1<<16 || !fs.drawable[r]:
		return missing
	}
	return drawn
}

// clean makes one line of user text safe to draw: characters the embedded
// fonts cannot draw (those Unprintable reports) become fs.replacement,
// control and format characters go, and runs of white space become one
// space. A no-break space survives, since maroto breaks lines only at
// U+0020. Everything a document prints, its properties included, passes
// through clean, so a character is treated the same wherever it appears.
func (fs *fontSet) clean(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range s {
		c := drawn
		if r <= ' ' || r >= 0x7F { // printable ASCII needs no look-up
			c = fs.class(r)
		}
		switch c {
		case blank:
			space = b.Len() > 0
			continue
		case dropped:
			continue
		case missing:
			r = fs.replacement
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(r)
	}
	return b.String()
}

// paragraphs splits user text into cleaned paragraphs at blank lines; a
// single line break inside a paragraph is only wrapping, as in Markdown.
func (fs *fontSet) paragraphs(s string) []string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	var out, cur []string
	flush := func() {
		if p := fs.clean(strings.Join(cur, " ")); p != "" {
			out = append(out, p)
		}
		cur = cur[:0]
	}
	for _, line := range strings.Split(s, "\n") {
		if strings.TrimSpace(line) == "" {
			flush()
			continue
		}
		cur = append(cur, line)
	}
	flush()
	return out
}

// mm returns the width in millimetres of text measuring u thousandths of an
// em at size points, with gofpdf's arithmetic so results agree to the bit.
func mm(u int, size float64) float64 {
	return float64(u) * (size / ptPerMM) / 1000
}

// width returns the width of s in style st, in millimetres.
func (fs *fontSet) width(s string, st style) float64 {
	return mm(fs.units(st.font, s), st.size)
}

// wrap breaks s into the lines maroto's EmptySpaceStrategy will draw it
// in, in a column width wide: maroto measures text with gofpdf but cannot
// say where its lines break or how tall a text is before it is laid out,
// and the flow needs both to keep headings with what follows and to split
// long text into rows. Words wider than the column, which maroto would let
// run past its edge, are first broken into pieces that fit, preferring to
// break after punctuation that URLs and identifiers contain.
func (fs *fontSet) wrap(s string, st style, width float64) []string {
	if s == "" {
		return nil
	}
	if fs.width(s, st) <= width {
		return []string{s} // as maroto draws a text that fits
	}
	var lines []string
	var line strings.Builder
	space, cur := fs.units(st.font, " "), 0.0
	add := func(w string) {
		u := fs.units(st.font, w)
		if line.Len() > 0 {
			// gofpdf sums whole units, so " "+w measures space+u.
			if pw := mm(space+u, st.size); cur+pw <= width {
				line.WriteByte(' ')
				line.WriteString(w)
				cur += pw
				return
			}
			lines = append(lines, line.String())
			line.Reset()
		}
		line.WriteString(w)
		cur = mm(u, st.size)
	}
	for word := range strings.SplitSeq(s, " ") {
		switch {
		case word == "":
		case fs.width(word, st) <= width:
			add(word)
		default:
			for _, p := range fs.splitWord(word, st, width) {
				add(p)
			}
		}
	}
	if line.Len() > 0 {
		lines = append(lines, line.String())
	}
	return lines
}

// splitWord returns w in pieces no wider than width.
func (fs *fontSet) splitWord(w string, st style, width float64) []string {
	var pieces []string
	for w != "" {
		u, cut, soft := 0, 0, 0
		for i, r := range w {
			ru := fs.units(st.font, string(r))
			if cut > 0 && mm(u+ru, st.size) > width {
				break
			}
			u += ru
			cut = i + utf8.RuneLen(r)
			if strings.ContainsRune("/-._?&=,;:", r) {
				soft = cut
			}
		}
		// Break at punctuation only if it keeps at least half the line.
		if soft > cut/2 && cut < len(w) {
			cut = soft
		}
		pieces = append(pieces, w[:cut])
		w = w[cut:]
	}
	return pieces
}

// truncate shortens s to fit width on one line, ending it with an ellipsis.
func (fs *fontSet) truncate(s string, st style, width float64) string {
	if fs.width(s, st) <= width {
		return s
	}
	ell := fs.units(st.font, "…")
	u := 0
	for i, r := range s {
		ru := fs.units(st.font, string(r))
		if mm(u+ru+ell, st.size) > width {
			return strings.TrimRight(s[:i], " ") + "…"
		}
		u += ru
	}
	return s
}
