package tomledit

import (
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/BurntSushi/toml"
	"github.com/goldenthread/goldenthread/internal/tomldoc"
)

// maxWidth is the widest line an array is written on before it is written
// one element per line.
const maxWidth = 88

// normalise checks that v is a value Apply can write and returns it in the
// form the expected document holds: int as int64, []string as []any.
func normalise(v any) (any, error) {
	switch v := v.(type) {
	case string:
		if !utf8.ValidString(v) {
			return nil, fmt.Errorf("the text is not valid UTF-8")
		}
		return v, nil
	case bool, int64, time.Time:
		return v, nil
	case float64:
		return v, nil
	case int:
		return int64(v), nil
	case []string:
		out := make([]any, len(v))
		for i, s := range v {
			if !utf8.ValidString(s) {
				return nil, fmt.Errorf("item %d is not valid UTF-8", i+1)
			}
			out[i] = s
		}
		return out, nil
	}
	return nil, fmt.Errorf("cannot write a value of type %T", v)
}

// style is what the writer of a value needs to know of where it goes.
type style struct {
	nl        string // the file's line break
	multiline bool   // the string replaced was in triple quotes
	indent    string // the leading space of the value's line
	before    int    // characters on the line before the value
	after     int    // characters on the line after it (a comment)
}

// encode writes v, a normalised value, as TOML.
func encode(v any, st style) string {
	switch v := v.(type) {
	case string:
		if st.multiline || strings.ContainsAny(v, "\n") {
			return multiString(v, st.nl)
		}
		return scalar(v)
	case bool, int64, float64:
		return scalar(v)
	case time.Time:
		return formatTime(v)
	case []any:
		if len(v) == 0 {
			return "[]"
		}
		items := make([]string, len(v))
		for i, e := range v {
			if s, ok := e.(string); ok {
				items[i] = scalar(s) // a line break is escaped: one item, one line
				continue
			}
			items[i] = encode(e, style{nl: st.nl})
		}
		one := "[" + strings.Join(items, ", ") + "]"
		if st.before+utf8.RuneCountInString(one)+st.after <= maxWidth && !strings.Contains(one, "\n") {
			return one
		}
		var b strings.Builder
		b.WriteString("[" + st.nl)
		for _, it := range items {
			b.WriteString(st.indent + "    " + it + "," + st.nl)
		}
		b.WriteString(st.indent + "]")
		return b.String()
	}
	panic(fmt.Sprintf("tomledit: encode %T", v)) // normalise let it through
}

// timeKind sorts a time the way TOML writes it. toml marks the local kinds
// by the name of their location; a time with no clock is a local date.
func timeKind(t time.Time) string {
	switch name := t.Location().String(); name {
	case "date-local", "datetime-local", "time-local":
		return name
	}
	if h, m, s := t.Clock(); h == 0 && m == 0 && s == 0 && t.Nanosecond() == 0 {
		return "date-local"
	}
	return "offset"
}

func formatTime(t time.Time) string {
	switch timeKind(t) {
	case "date-local":
		return t.Format("2006-01-02")
	case "datetime-local":
		return t.Format("2006-01-02T15:04:05.999999999")
	case "time-local":
		return t.Format("15:04:05.999999999")
	}
	return t.Format(time.RFC3339Nano)
}

// scalar writes a string (in double quotes, on one line), a number or a
// boolean as toml's own encoder writes it. The encoder writes whole
// documents, so it is given one key and its value is taken back; what it
// cannot write the way a person would (a date with no clock, a string
// over several lines) is written by formatTime and multiString.
func scalar(v any) string {
	var b strings.Builder
	if err := toml.NewEncoder(&b).Encode(map[string]any{"v": v}); err != nil {
		panic(fmt.Sprintf("tomledit: encode %T: %v", v, err)) // normalise let through only what toml encodes
	}
	return strings.TrimSuffix(strings.TrimPrefix(b.String(), "v = "), "\n")
}

// multiString writes s in triple double quotes, starting on the line after
// them. The file's line break nl is written as it is; any other line break
// is escaped, for toml reads the text back with the file's breaks in it. A
// quote is escaped where another follows it, or the text's end does, so
// three quotes never close the string early.
func multiString(s, nl string) string {
	var b strings.Builder
	b.WriteString(`"""` + nl)
	for i := 0; i < len(s); {
		if strings.HasPrefix(s[i:], nl) {
			b.WriteString(nl)
			i += len(nl)
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch r {
		case '"':
			if i+1 == len(s) || s[i+1] == '"' {
				b.WriteString(`\"`)
			} else {
				b.WriteByte('"')
			}
		case '\\':
			b.WriteString(`\\`)
		case '\n':
			b.WriteString(`\n`)
		case '\r':
			b.WriteString(`\r`)
		default:
			writeRune(&b, r)
		}
		i += size
	}
	b.WriteString(`"""`)
	return b.String()
}

// writeRune writes r, escaping the control characters TOML strings may not
// hold (all but tab).
func writeRune(b *strings.Builder, r rune) {
	switch {
	case r == '\t' || r >= 0x20 && r != 0x7f:
		b.WriteRune(r)
	case r == '\b':
		b.WriteString(`\b`)
	case r == '\f':
		b.WriteString(`\f`)
	default:
		fmt.Fprintf(b, `\u%04x`, r)
	}
}

// keyText writes a dotted key, quoting the parts that need it.
func keyText(p tomldoc.Path) string {
	parts := make([]string, len(p))
	for i, k := range p {
		parts[i] = keyPart(k)
	}
	return strings.Join(parts, ".")
}

func keyPart(k string) string {
	if k == "" || strings.IndexFunc(k, func(r rune) bool {
		return !(r >= 'A' && r <= 'Z' || r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '_' || r == '-')
	}) >= 0 {
		return scalar(k)
	}
	return k
}
