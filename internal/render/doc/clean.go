package doc

import (
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// Clean makes one line of user text safe for every format: invalid UTF-8
// becomes U+FFFD; control and format characters, and the characters XML
// cannot hold, go; runs of white space become one space, trimmed at both
// ends. A no-break space survives.
func Clean(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for i, w := 0, 0; i < len(s); i += w {
		r, n := utf8.DecodeRuneInString(s[i:])
		w = n
		switch {
		case r == utf8.RuneError && n == 1:
			r = '\uFFFD'
		case r == '\u00a0' || r == '\u202f':
			// kept: a no-break space is meant
		case unicode.IsSpace(r):
			space = b.Len() > 0
			continue
		case unicode.IsControl(r), unicode.Is(unicode.Cf, r), unicode.Is(unicode.Co, r),
			r == '\uFFFE', r == '\uFFFF', r >= 0xD800 && r <= 0xDFFF:
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(r)
	}
	return b.String()
}

// Paragraphs splits user text into cleaned paragraphs at blank lines; a
// single line break inside a paragraph is only wrapping, as in Markdown.
func Paragraphs(s string) []string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	var out, cur []string
	flush := func() {
		if p := Clean(strings.Join(cur, " ")); p != "" {
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

// LongDate writes a date as documents print it: "5 December 2026", or ""
// for no date.
func LongDate(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format("2 January 2006")
}
