package tomldoc

import (
	"errors"
	"fmt"
	"maps"
	"math"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/BurntSushi/toml"

	"github.com/goldenthread/goldenthread/internal/diag"
)

// Doc is a decoded TOML file with the positions of its keys.
type Doc struct {
	File string
	Src  string
	Loc  *Locator
	Raw  map[string]any
}

// Strings calls fn with the path and value of every string in the
// document, in key order, for checks that apply to all text alike. It needs
// the decoded tree, so it does nothing once Raw has been let go.
func (d *Doc) Strings(fn func(p Path, s string)) {
	var walk func(p Path, v any)
	walk = func(p Path, v any) {
		switch v := v.(type) {
		case string:
			fn(p, v)
		case map[string]any:
			for _, k := range sortedKeys(v) {
				walk(p.With(k), v[k])
			}
		case []map[string]any, []any:
			rv := reflect.ValueOf(v)
			for i := range rv.Len() {
				walk(p.Index(i), rv.Index(i).Interface())
			}
		}
	}
	walk(Path{}, d.Raw)
}

// KeyPos returns the position of the key (or table header) at p, or of its
// nearest enclosing table when p itself does not appear in the file.
func (d *Doc) KeyPos(p Path) diag.Pos {
	pos, _ := d.Loc.Nearest(p, false)
	return diag.Pos{File: d.File, Line: pos.Line, Col: pos.Col}
}

// ValuePos returns the position where the value at p starts.
func (d *Doc) ValuePos(p Path) diag.Pos {
	pos, _ := d.Loc.Nearest(p, true)
	return diag.Pos{File: d.File, Line: pos.Line, Col: pos.Col}
}

// TextPos returns the position of the nth (0-based) occurrence of needle
// inside the value at p, for pointing at a word within a long text. It falls
// back to the value's own position.
func (d *Doc) TextPos(p Path, needle string, nth int) diag.Pos {
	pos, found := d.Loc.Nearest(p, true)
	if found && pos.Off <= len(d.Src) {
		end := d.valueEnd(pos.Off)
		for i, off := 0, pos.Off; ; i++ {
			j := strings.Index(d.Src[off:end], needle)
			if j < 0 {
				break
			}
			if i == nth {
				line, col := lineCol(d.Src, off+j)
				return diag.Pos{File: d.File, Line: line, Col: col}
			}
			off += j + len(needle)
		}
	}
	return diag.Pos{File: d.File, Line: pos.Line, Col: pos.Col}
}

// valueEnd finds where the string value starting at off ends, so a search
// for a word stays inside it: after the closing quotes of a multi-line
// string, before the line break that ends any other.
func (d *Doc) valueEnd(off int) int {
	src := d.Src[off:]
	end, quotes := "\n", 0
	if q := src[:min(len(src), 3)]; q == `"""` || q == "'''" {
		end, quotes = q, 3
	}
	if k := strings.Index(src[quotes:], end); k >= 0 {
		return off + quotes + k + quotes
	}
	return len(d.Src)
}

// Parse reads src as TOML. A syntax error is added to list with its exact
// position and Parse returns nil.
func Parse(file string, data []byte, list *diag.List) *Doc {
	// toml drops a UTF-8 byte order mark and counts offsets without it; so
	// do we, and editors do not show it as a column.
	src := strings.TrimPrefix(string(data), "\ufeff")
	if !utf8.ValidString(src) {
		for off, r := range src {
			if r == utf8.RuneError && !strings.HasPrefix(src[off:], "\ufffd") {
				line, col := lineCol(src, off)
				list.Add(diag.Pos{File: file, Line: line, Col: col}, "invalid UTF-8: save the file as UTF-8")
				return nil
			}
		}
	}
	var raw map[string]any
	loc, lim := locate(src)
	if lim != nil {
		// toml is not given the file: it would take the time the limit
		// saves. It reads the part before the place, which is cheap, in
		// case that holds an earlier problem.
		before := src[:lim.Pos.Off]
		if _, err := toml.Decode(before, &raw); endsEarly(err, len(before)) {
			addError(file, before, err, list)
		} else {
			list.Add(diag.Pos{File: file, Line: lim.Pos.Line, Col: lim.Pos.Col}, "%s", lim.Msg)
		}
		return nil
	}
	if _, err := toml.Decode(src, &raw); err != nil {
		addError(file, src, err, list)
		return nil
	}
	return &Doc{File: file, Src: src, Loc: loc, Raw: raw}
}

// endsEarly reports whether err, from reading a document cut short at
// offset end, is a problem before the cut rather than the cut itself.
func endsEarly(err error, end int) bool {
	var pe toml.ParseError
	return errors.As(err, &pe) && pe.Position.Start < end-1
}

// addError adds err, from toml reading src, in toml's words at toml's
// position.
func addError(file, src string, err error, list *diag.List) {
	var pe toml.ParseError
	if !errors.As(err, &pe) {
		list.Add(diag.Pos{File: file}, "TOML: %v", err)
		return
	}
	// Start is exact; toml's Line is one off when the error is at a line
	// break (one too low before \r\n, one too high after \n).
	line, col := lineCol(src, pe.Position.Start)
	msg := pe.Message
	if strings.Contains(msg, "datetime") || strings.Contains(msg, "date") {
		msg += " (write a date as year-month-day without quotes, such as 2027-01-15)"
	}
	list.Add(diag.Pos{File: file, Line: line, Col: col}, "TOML syntax: %s", msg)
}

// lineCol converts a byte offset to a 1-based line and character column.
func lineCol(src string, off int) (int, int) {
	off = min(max(off, 0), len(src))
	for off > 0 && off < len(src) && !utf8.RuneStart(src[off]) {
		off-- // toml may point inside a character (at its last byte, at EOF)
	}
	start := strings.LastIndexByte(src[:off], '\n') + 1
	return strings.Count(src[:off], "\n") + 1, utf8.RuneCountInString(src[start:off]) + 1
}

// A StringCheck is given every string Decode stores, where it is, and the
// struct tag of the field it is stored in (for an element of a slice or a
// map, the slice's or map's field), for the caller's own rules about text.
// The path is reused after the call: a check that keeps it keeps a copy.
type StringCheck func(p Path, s string, tag reflect.StructTag)

// Decode fills v, a pointer to a struct, from the document's top-level table,
// adding every problem to list. Struct fields are matched by their `toml`
// tag; a `gt:"required"` tag makes a key mandatory. check, if not nil, is
// given every string stored.
func (d *Doc) Decode(v any, list *diag.List, check StringCheck) {
	dec := decoder{doc: d, list: list, check: check}
	// The paths of the values are built in one buffer: each is used (for
	// the positions of its problems) before the next one at its depth is
	// built over it, and none is kept.
	dec.value(make(Path, 0, 16), d.Raw, reflect.ValueOf(v).Elem(), fieldOpts{})
}

type decoder struct {
	doc   *Doc
	list  *diag.List
	check StringCheck
}

// fieldOpts is what decoding a value needs to know of its field.
type fieldOpts struct {
	required bool
	tag      reflect.StructTag
}

func (dec *decoder) errAtValue(p Path, format string, args ...any) {
	dec.list.Add(dec.doc.ValuePos(p), format, args...)
}

// value decodes raw into v and reports whether raw had the type v needs
// (problems inside it, such as an unknown key in a table, do not count). A
// value of the wrong type is left out rather than stored as a zero value,
// which later checks would report again as if it were written in the file.
func (dec *decoder) value(p Path, raw any, v reflect.Value, o fieldOpts) bool {
	switch {
	case v.Type() == reflect.TypeFor[time.Time]():
		_, ok := raw.(time.Time)
		return dec.set(p, raw, v, ok, "a date such as 2027-05-01")
	case v.Kind() == reflect.Pointer:
		elem := reflect.New(v.Type().Elem())
		if !dec.value(p, raw, elem.Elem(), o) {
			return false
		}
		v.Set(elem)
		return true
	}
	switch v.Kind() {
	case reflect.String:
		s, ok := raw.(string)
		if ok && dec.check != nil {
			dec.check(p, s, o.tag)
		}
		return dec.set(p, raw, v, ok, "text in quotes")
	case reflect.Bool:
		_, ok := raw.(bool)
		return dec.set(p, raw, v, ok, "true or false")
	case reflect.Int, reflect.Int64:
		_, ok := raw.(int64)
		return dec.set(p, raw, v, ok, "a whole number")
	case reflect.Float64:
		f, isFloat := raw.(float64)
		if math.IsNaN(f) || math.IsInf(f, 0) {
			dec.errAtValue(p, "%s: expected a number, found %v", p.Name(), f)
			return false
		}
		_, isInt := raw.(int64)
		return dec.set(p, raw, v, isFloat || isInt, "a number")
	case reflect.Slice:
		return dec.slice(p, raw, v, o)
	case reflect.Map:
		return dec.mapValue(p, raw, v, o)
	case reflect.Struct:
		return dec.table(p, raw, v)
	default:
		panic(fmt.Sprintf("tomldoc: unsupported field type %s", v.Type()))
	}
}

// set stores raw, converted, in v if ok says it has the type v needs, and
// otherwise reports what v needs, named by want.
func (dec *decoder) set(p Path, raw any, v reflect.Value, ok bool, want string) bool {
	if !ok {
		dec.errAtValue(p, "%s: expected %s, found %s", p.Name(), want, describe(raw))
		return false
	}
	v.Set(reflect.ValueOf(raw).Convert(v.Type()))
	return true
}

func (dec *decoder) slice(p Path, raw any, v reflect.Value, o fieldOpts) bool {
	items := reflect.ValueOf(raw) // []any, or []map[string]any for [[tables]]
	if items.Kind() != reflect.Slice {
		want := "an array"
		if v.Type().Elem().Kind() == reflect.Struct {
			want = "one or more [[" + tableKey(p) + "]] tables"
		}
		dec.errAtValue(p, "%s: expected %s, found %s", p.Name(), want, describe(raw))
		return false
	}
	out := reflect.MakeSlice(v.Type(), items.Len(), items.Len())
	all := true
	for i := range items.Len() {
		all = dec.value(append(p, strconv.Itoa(i)), items.Index(i).Interface(), out.Index(i), o) && all
	}
	// Dropping only the bad items would move the others away from the
	// index their positions are found by, so a list of scalars with a bad
	// item is left out whole. An empty table is harmless: keep it.
	if all || v.Type().Elem().Kind() == reflect.Struct {
		v.Set(out)
	}
	return true
}

func (dec *decoder) mapValue(p Path, raw any, v reflect.Value, o fieldOpts) bool {
	m, ok := raw.(map[string]any)
	if !ok {
		dec.errAtValue(p, "%s: expected a table, found %s", p.Name(), describe(raw))
		return false
	}
	out := reflect.MakeMapWithSize(v.Type(), len(m))
	for _, k := range sortedKeys(m) {
		ev := reflect.New(v.Type().Elem()).Elem()
		if dec.value(append(p, k), m[k], ev, o) {
			out.SetMapIndex(reflect.ValueOf(k), ev)
		}
	}
	v.Set(out)
	return true
}

func (dec *decoder) table(p Path, raw any, v reflect.Value) bool {
	m, ok := raw.(map[string]any)
	if !ok {
		dec.errAtValue(p, "%s: expected a table, found %s", p.Name(), describe(raw))
		return false
	}
	st := structOf(v.Type())
	for _, k := range sortedKeys(m) {
		i, ok := st.byKey[k]
		if !ok {
			dec.list.Add(dec.doc.KeyPos(append(p, k)), "unknown key %q in %s%s", k, describeTable(p, m), diag.DidYouMean(k, st.names))
			continue
		}
		f := st.fields[i]
		dec.value(append(p, k), m[k], v.Field(f.index), f.opts)
	}
	for _, f := range st.fields {
		if !f.opts.required {
			continue
		}
		val, present := m[f.key]
		if !present {
			dec.list.Add(dec.doc.KeyPos(p), "%s is missing %q", describeTable(p, m), f.key)
			continue
		}
		if rv := reflect.ValueOf(val); rv.Kind() == reflect.Slice && rv.Len() == 0 {
			dec.errAtValue(append(p, f.key), "%s: needs at least one entry", f.key)
		}
	}
	return true
}

// structInfo is what decoding needs to know of a struct type.
type structInfo struct {
	fields []fieldInfo    // in declaration order
	names  []string       // their keys
	byKey  map[string]int // index in fields
}

type fieldInfo struct {
	key   string
	index int
	opts  fieldOpts
}

var structs sync.Map // reflect.Type -> *structInfo

func structOf(t reflect.Type) *structInfo {
	if st, ok := structs.Load(t); ok {
		return st.(*structInfo)
	}
	st := &structInfo{byKey: map[string]int{}}
	for i := range t.NumField() {
		f := t.Field(i)
		key := f.Tag.Get("toml")
		if key == "" || key == "-" || !f.IsExported() {
			continue
		}
		required := slices.Contains(strings.Split(f.Tag.Get("gt"), ","), "required")
		// A key given twice names the last field with it, as a map would.
		st.byKey[key] = len(st.fields)
		st.fields = append(st.fields, fieldInfo{key, i, fieldOpts{required, f.Tag}})
		st.names = append(st.names, key)
	}
	for i, f := range st.fields { // required checks look up the field by key too
		st.fields[i] = st.fields[st.byKey[f.key]]
	}
	st2, _ := structs.LoadOrStore(t, st)
	return st2.(*structInfo)
}

func sortedKeys(m map[string]any) []string { return slices.Sorted(maps.Keys(m)) }

// tableKey is the dotted key of the table at p, without array indices.
func tableKey(p Path) string {
	return strings.Join(slices.DeleteFunc(slices.Clone(p), isIndex), ".")
}

// isIndex reports whether e is an array index: decimal digits.
func isIndex(e string) bool { return e != "" && strings.Trim(e, "0123456789") == "" }

// describeTable names a table as its reader knows it: [[clause]] 3 (id "x").
func describeTable(p Path, m map[string]any) string {
	if len(p) == 0 {
		return "the top level"
	}
	if !isIndex(p[len(p)-1]) {
		return "[" + tableKey(p) + "]"
	}
	s := "[[" + tableKey(p) + "]]"
	for _, k := range []string{"id", "name"} {
		if v, ok := m[k].(string); ok && v != "" {
			return s + fmt.Sprintf(" (%s %q)", k, v)
		}
	}
	return s
}

// describe says what kind of TOML value raw is, for messages.
func describe(raw any) string {
	switch r := raw.(type) {
	case string:
		if rs := []rune(r); len(rs) > 30 {
			r = string(rs[:27]) + "..."
		}
		return fmt.Sprintf("text %q", r)
	case int64, float64:
		return fmt.Sprintf("the number %v", r)
	case bool:
		return strconv.FormatBool(r)
	case time.Time:
		return "a date"
	case []any, []map[string]any:
		return "an array"
	case map[string]any:
		return "a table"
	}
	return fmt.Sprintf("%T", raw)
}
