package library

import (
	"fmt"
	"reflect"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/goldenthread/goldenthread/internal/diag"
	"github.com/goldenthread/goldenthread/internal/tomldoc"
)

// Decode decodes doc into v, a pointer to a struct, as tomldoc does, under
// the rules for text that library files and profiles share: no text may
// hold a character that does not show, reported at the character, and a
// field tagged gt:"text" may not be empty or only white space.
func Decode(doc *tomldoc.Doc, v any, list *diag.List) {
	doc.Decode(v, list, func(p tomldoc.Path, s string, tag reflect.StructTag) {
		name := p.Name()
		if strings.TrimSpace(s) == "" {
			switch opts := tag.Get("gt"); {
			case !hasOpt(opts, "text"):
			case hasOpt(opts, "required"):
				list.Add(doc.ValuePos(p), "%s: text is empty; write the text", name)
			default:
				list.Add(doc.ValuePos(p), "%s: text is empty; write the text or remove the key", name)
			}
		}
		if r, ok := hiddenRune(s); ok {
			what, effect := describeHidden(r)
			list.Add(doc.TextPos(p, string(r), 0), "%s: contains %s, which %s; remove it (retype the text around it if you cannot see it)", name, what, effect)
		}
	})
}

// hasOpt reports whether the comma-separated opts include opt.
func hasOpt(opts, opt string) bool {
	return slices.Contains(strings.Split(opts, ","), opt)
}

// hiddenRune returns the first character of s that has no place in text
// for documents: a control character (other than tab and line breaks) or
// a bidirectional formatting character, which makes text display in an
// order other than it is stored (and so differ between outputs).
func hiddenRune(s string) (rune, bool) {
	i := strings.IndexFunc(s, func(r rune) bool {
		return unicode.IsControl(r) && r != '\t' && r != '\n' && r != '\r' || isBidi(r)
	})
	if i < 0 {
		return 0, false
	}
	r, _ := utf8.DecodeRuneInString(s[i:])
	return r, true
}

// isBidi reports whether r is a bidirectional formatting character.
func isBidi(r rune) bool {
	return r >= 0x202a && r <= 0x202e || r >= 0x2066 && r <= 0x2069
}

// describeHidden names a character hiddenRune finds and says what it does.
func describeHidden(r rune) (what, effect string) {
	if isBidi(r) {
		return fmt.Sprintf("a bidirectional control character (U+%04X)", r), "changes the order in which the text around it is shown"
	}
	return fmt.Sprintf("a control character (U+%04X)", r), "does not print and would show differently in each document"
}
