package markdown

import (
	"strings"
)

// dest returns how a link is written after the text's "]": "(#id)" for a
// heading or row in the document, "(<url>)" for an http, https or mailto
// address, or "" when the run is to be plain text (any other scheme, an
// anchor the document lacks, an address with spaces or control
// characters).
func (w *writer) dest(link string) string {
	if id, ok := strings.CutPrefix(link, "#"); ok {
		if !w.ids[id] {
			return ""
		}
		return "#" + anchor(id)
	}
	if !external(link) {
		return ""
	}
	b := make([]byte, 0, len(link)+8)
	b = append(b, '<')
	for i := 0; i < len(link); i++ {
		// In <...> a destination may hold any character but a line
		// break and an unescaped < or >; & would start an entity.
		if c := link[i]; c == '<' || c == '>' || c == '\\' || c == '&' {
			b = append(b, '\\')
		}
		b = append(b, link[i])
	}
	return string(append(b, '>'))
}

// external reports whether link is an http, https or mailto address that
// can be written as a destination.
func external(link string) bool {
	lower := strings.ToLower(link)
	ok := false
	for _, p := range []string{"http://", "https://", "mailto:"} {
		if strings.HasPrefix(lower, p) && len(link) > len(p) {
			ok = true
		}
	}
	return ok && !strings.ContainsFunc(link, func(r rune) bool { return r <= ' ' || r == 0x7f })
}

// anchor returns the id an anchor is written with: id itself when it is
// made of ASCII letters, digits and hyphens, which every reader and HTML
// sanitizer keeps; otherwise each other byte becomes "_" and two hex
// digits, "_" included, so different IDs stay different.
func anchor(id string) string {
	if !strings.ContainsFunc(id, func(r rune) bool { return !isASCIIAlnum(r) && r != '-' }) {
		return id
	}
	const hex = "0123456789abcdef"
	var b strings.Builder
	for i := 0; i < len(id); i++ {
		c := id[i]
		if c < 0x80 && (isASCIIAlnum(rune(c)) || c == '-') {
			b.WriteByte(c)
			continue
		}
		b.WriteByte('_')
		b.WriteByte(hex[c>>4])
		b.WriteByte(hex[c&15])
	}
	return b.String()
}

// anchorTag appends the inline anchor of id, or nothing when id is "".
func anchorTag(b []byte, id string) []byte {
	if id == "" {
		return b
	}
	b = append(b, `<a id="`...)
	b = append(b, anchor(id)...)
	return append(b, `"></a>`...)
}
