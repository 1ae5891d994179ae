package tomledit

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/BurntSushi/toml"

	"github.com/goldenthread/goldenthread/internal/tomldoc"
)

// parseChanges reads the changes section of a test case, one change a line:
//
//	employer.name = "Cyngor \"Sir\""     set a value, written in TOML
//	override[1].weight = 12.5
//	placeholders.union delete            delete a key
//	override[-] = { id = "x", weight = 10 }   append an element, keys in order
//	override[3] delete                   remove an element
//
// A value may run over several lines (a """ string). Lines starting with #
// are comments. Keys may be quoted as in TOML.
func parseChanges(text string) ([]Change, error) {
	var out []Change
	lines := strings.Split(text, "\n")
	for i := 0; i < len(lines); i++ {
		line := lines[i]
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		p, rest, err := parsePath(line)
		if err != nil {
			return nil, fmt.Errorf("line %d: %v", i+1, err)
		}
		rest = strings.TrimSpace(rest)
		if rest == "delete" {
			out = append(out, Change{Path: p})
			continue
		}
		val, ok := strings.CutPrefix(rest, "=")
		if !ok {
			return nil, fmt.Errorf("line %d: want = value or delete after the path", i+1)
		}
		for {
			v, err := parseValue(val)
			if err == nil {
				out = append(out, Change{Path: p, Value: v})
				break
			}
			if i+1 >= len(lines) {
				return nil, fmt.Errorf("line %d: %v", i+1, err)
			}
			i++
			val += "\n" + lines[i]
		}
	}
	return out, nil
}

// parsePath reads a path such as override[1]."a key" from the start of s.
func parsePath(s string) (tomldoc.Path, string, error) {
	var p tomldoc.Path
	for {
		switch {
		case strings.HasPrefix(s, "["):
			end := strings.IndexByte(s, ']')
			if end < 0 {
				return nil, "", fmt.Errorf("unclosed [")
			}
			p = append(p, s[1:end])
			s = s[end+1:]
		case strings.HasPrefix(s, `"`):
			q, err := strconv.QuotedPrefix(s)
			if err != nil {
				return nil, "", err
			}
			k, _ := strconv.Unquote(q)
			p = append(p, k)
			s = s[len(q):]
		default:
			end := strings.IndexFunc(s, func(r rune) bool {
				return !(r == '_' || r == '-' || r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z')
			})
			if end <= 0 {
				return nil, "", fmt.Errorf("want a key at %q", s)
			}
			p = append(p, s[:end])
			s = s[end:]
		}
		if strings.HasPrefix(s, ".") {
			s = s[1:]
		} else if !strings.HasPrefix(s, "[") {
			return p, s, nil
		}
	}
}

// parseValue reads a TOML value; an inline table becomes []Field in the
// order written.
func parseValue(s string) (any, error) {
	var m map[string]any
	md, err := toml.Decode("v = "+s, &m)
	if err != nil {
		return nil, err
	}
	return convert(m["v"], md, []string{"v"})
}

func convert(v any, md toml.MetaData, key []string) (any, error) {
	switch v := v.(type) {
	case []any:
		out := make([]string, len(v))
		for i, e := range v {
			s, ok := e.(string)
			if !ok {
				return nil, fmt.Errorf("only arrays of strings")
			}
			out[i] = s
		}
		return out, nil
	case map[string]any:
		var fields []Field
		for _, k := range md.Keys() {
			if len(k) != len(key)+1 || strings.Join(k[:len(key)], "\x00") != strings.Join(key, "\x00") {
				continue
			}
			name := k[len(k)-1]
			fv, err := convert(v[name], md, k)
			if err != nil {
				return nil, err
			}
			fields = append(fields, Field{name, fv})
		}
		return fields, nil
	}
	return v, nil
}
