package tomledit

import (
	"fmt"
	"maps"
	"math"
	"slices"
	"strconv"
	"time"

	"github.com/BurntSushi/toml"

	"github.com/goldenthread/goldenthread/internal/tomldoc"
)

// VerifyError says that the edited document does not read back as the
// original with the changes made: Apply's splicing went wrong, and the
// result must not be saved.
type VerifyError struct {
	File string
	Path tomldoc.Path // where the result differs; nil if it does not parse
	Msg  string
}

func (e *VerifyError) Error() string {
	where := e.File
	if e.Path != nil {
		where += ": " + describePath(e.Path)
	}
	return where + ": the edited file would not read back as intended (" + e.Msg + "); nothing was saved"
}

func describePath(p tomldoc.Path) string {
	if len(p) == 0 {
		return "the top level"
	}
	if p[len(p)-1] == Append {
		return p[:len(p)-1].String() + "[-]"
	}
	return p.String()
}

// verify decodes out and compares it with want.
func verify(file, out string, want map[string]any) error {
	var got map[string]any
	if _, err := toml.Decode(out, &got); err != nil {
		return &VerifyError{File: file, Msg: err.Error()}
	}
	if p, msg, ok := diff(tomldoc.Path{}, want, got); !ok {
		return &VerifyError{File: file, Path: p, Msg: msg}
	}
	return nil
}

// expect returns the original document raw with the changes made, as Apply
// means the edited file to read. Elements are removed last, so that every
// index names an element of the original document.
func expect(raw map[string]any, changes []change) (map[string]any, error) {
	doc := deepCopy(raw).(map[string]any)
	type removal struct {
		array tomldoc.Path
		index int
	}
	var removals []removal
	for _, c := range changes {
		var err error
		switch {
		case c.op == opRemove:
			removals = append(removals, removal{c.path[:len(c.path)-1], c.index})
		case c.op == opAppend:
			m := map[string]any{}
			for _, f := range c.fields {
				m[f.Key] = f.Value
			}
			arr, _ := lookup(doc, c.path[:len(c.path)-1])
			a, _ := arr.([]any)
			err = setIn(doc, c.path[:len(c.path)-1], append(a, m))
		default:
			err = setIn(doc, c.path, deepCopy(c.value))
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %v", describePath(c.path), err)
		}
	}
	// Later indices first, so earlier ones still name their elements.
	slices.SortStableFunc(removals, func(a, b removal) int { return b.index - a.index })
	for _, r := range removals {
		v, _ := lookup(doc, r.array)
		arr, ok := v.([]any)
		if !ok || r.index < 0 || r.index >= len(arr) {
			return nil, fmt.Errorf("%s: there is no such element", describePath(r.array.Index(r.index)))
		}
		if err := setIn(doc, r.array, slices.Delete(arr, r.index, r.index+1)); err != nil {
			return nil, err
		}
	}
	return doc, nil
}

// setIn sets the value at p in doc, or deletes it if v is nil, making the
// tables on the way that do not exist.
func setIn(doc map[string]any, p tomldoc.Path, v any) error {
	var cur any = doc
	for i, k := range p {
		last := i == len(p)-1
		switch c := cur.(type) {
		case map[string]any:
			if last {
				if v == nil {
					delete(c, k)
				} else {
					c[k] = v
				}
				return nil
			}
			next, ok := c[k]
			if !ok && v == nil {
				return nil // nothing to delete
			}
			if !ok {
				next = map[string]any{}
				c[k] = next
			}
			cur = next
		case []any:
			j, err := strconv.Atoi(k)
			if err != nil || j < 0 || j >= len(c) {
				return fmt.Errorf("there is no element %s", k)
			}
			if last {
				if v == nil {
					return fmt.Errorf("cannot delete one item of an array")
				}
				c[j] = v
				return nil
			}
			cur = c[j]
		default:
			return fmt.Errorf("%s is not a table", describePath(p[:i]))
		}
	}
	return fmt.Errorf("no path")
}

// deepCopy copies a decoded value, making every array []any.
func deepCopy(v any) any {
	switch v := v.(type) {
	case map[string]any:
		m := make(map[string]any, len(v))
		for k, e := range v {
			m[k] = deepCopy(e)
		}
		return m
	case []map[string]any:
		a := make([]any, len(v))
		for i, e := range v {
			a[i] = deepCopy(e)
		}
		return a
	case []any:
		a := make([]any, len(v))
		for i, e := range v {
			a[i] = deepCopy(e)
		}
		return a
	}
	return v
}

// diff compares two decoded values and reports the first place, in key
// order, where they differ. Integers and floats are equal when they are the
// same number; times when TOML would write them the same.
func diff(p tomldoc.Path, want, got any) (tomldoc.Path, string, bool) {
	if wm, ok := want.([]map[string]any); ok {
		want = deepCopy(wm)
	}
	if gm, ok := got.([]map[string]any); ok {
		got = deepCopy(gm)
	}
	switch w := want.(type) {
	case map[string]any:
		g, ok := got.(map[string]any)
		if !ok {
			return p, fmt.Sprintf("a table became %s", kind(got)), false
		}
		keys := slices.Sorted(maps.Keys(w))
		for _, k := range slices.Sorted(maps.Keys(g)) {
			if _, ok := w[k]; !ok {
				return p.With(k), "a key appeared", false
			}
		}
		for _, k := range keys {
			gv, ok := g[k]
			if !ok {
				return p.With(k), "the key is missing", false
			}
			if q, msg, ok := diff(p.With(k), w[k], gv); !ok {
				return q, msg, false
			}
		}
		return nil, "", true
	case []any:
		g, ok := got.([]any)
		if !ok {
			return p, fmt.Sprintf("an array became %s", kind(got)), false
		}
		if len(w) != len(g) {
			return p, fmt.Sprintf("%d items instead of %d", len(g), len(w)), false
		}
		for i := range w {
			if q, msg, ok := diff(p.Index(i), w[i], g[i]); !ok {
				return q, msg, false
			}
		}
		return nil, "", true
	case time.Time:
		g, ok := got.(time.Time)
		if !ok || timeKind(w) != timeKind(g) || formatTime(w) != formatTime(g) {
			return p, fmt.Sprintf("%s instead of %s", show(got), show(want)), false
		}
		return nil, "", true
	case int64, float64:
		if !sameNumber(w, got) {
			return p, fmt.Sprintf("%s instead of %s", show(got), show(want)), false
		}
		return nil, "", true
	}
	if want != got {
		return p, fmt.Sprintf("%s instead of %s", show(got), show(want)), false
	}
	return nil, "", true
}

func sameNumber(a, b any) bool {
	switch a := a.(type) {
	case int64:
		switch b := b.(type) {
		case int64:
			return a == b
		case float64:
			return float64(a) == b && b == math.Trunc(b) && int64(b) == a
		}
	case float64:
		switch b := b.(type) {
		case float64:
			return a == b || math.IsNaN(a) && math.IsNaN(b)
		case int64:
			return sameNumber(b, a)
		}
	}
	return false
}

func kind(v any) string {
	switch v.(type) {
	case nil:
		return "nothing"
	case map[string]any:
		return "a table"
	case []any, []map[string]any:
		return "an array"
	}
	return show(v)
}

func show(v any) string {
	switch v := v.(type) {
	case string:
		return strconv.Quote(v)
	case time.Time:
		return formatTime(v)
	case map[string]any, []any, []map[string]any:
		return kind(v)
	}
	return fmt.Sprint(v)
}
