package markdown

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/goldenthread/goldenthread/internal/render/doc"
)

// meta writes the YAML metadata block pandoc reads (GitHub shows it as a
// table; VS Code hides it). pandoc reads each value as Markdown, so values
// are escaped as text first, then double-quoted for YAML.
func (w *writer) meta(b []byte, m doc.Meta) []byte {
	var fields [][2]string
	add := func(k, v string) {
		if v != "" {
			fields = append(fields, [2]string{k, v})
		}
	}
	add("title", yamlText(m.Title))
	add("subtitle", yamlText(m.Subtitle))
	add("author", yamlText(m.Author))
	if !m.Date.IsZero() {
		add("date", yamlString(m.Date.Format("2006-01-02")))
	}
	add("lang", yamlString(m.Lang))
	add("subject", yamlText(m.Subject))
	add("description", yamlText(m.Description))
	add("keywords", keywords(m.Keywords))
	if len(fields) == 0 {
		return b
	}
	b = append(b, "---\n"...)
	for _, f := range fields {
		b = append(b, f[0]...)
		b = append(b, ": "...)
		b = append(b, f[1]...)
		b = append(b, '\n')
	}
	return append(b, "---\n\n"...)
}

// keywords writes the keywords, separated by semicolons, as a YAML list.
func keywords(s string) string {
	var items []string
	for _, k := range strings.Split(s, ";") {
		if k = strings.TrimSpace(k); k != "" {
			items = append(items, yamlText(k))
		}
	}
	if len(items) == 0 {
		return ""
	}
	return "[" + strings.Join(items, ", ") + "]"
}

// yamlText quotes s, escaped as Markdown text, as a YAML string; "" for "".
func yamlText(s string) string {
	if s == "" {
		return ""
	}
	e := newLine()
	return yamlString(string(e.text(nil, s)))
}

// yamlString quotes s as a YAML double-quoted string: backslash, quote and
// every non-printable character escaped.
func yamlString(s string) string {
	if s == "" {
		return ""
	}
	b := make([]byte, 0, len(s)+2)
	b = append(b, '"')
	for _, r := range s {
		switch {
		case r == '\\' || r == '"':
			b = append(b, '\\', byte(r))
		case r > 0xffff && !strconv.IsPrint(r):
			b = fmt.Appendf(b, `\U%08x`, r)
		case !strconv.IsPrint(r) && r != ' ' && r != '\u00a0':
			b = fmt.Appendf(b, `\u%04x`, r)
		default:
			b = utf8.AppendRune(b, r)
		}
	}
	return string(append(b, '"'))
}
