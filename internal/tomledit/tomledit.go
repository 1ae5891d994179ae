// Package tomledit saves edits to a TOML file the way a person would make
// them: it splices the changed values into the original text and keeps
// everything else as written, byte for byte: comments, blank lines, the
// order of keys and tables, quoting, line breaks (CRLF stays CRLF) and a
// byte order mark. Encoding the decoded values again would lose all that.
//
// Every Apply reads its result back and compares it with the original
// document with the changes made; a difference is a *VerifyError, and the
// caller must not save the result.
//
// Where new text goes:
//
//   - a new key in a table written with a [header] goes on the line after
//     the table's last key/value (before any blank lines and comments
//     that lead to the next header), or after the header if the table
//     has no keys; at the top level, after the last top-level key, or
//     else before the first header and the comments directly above it;
//   - a new key in a table written as dotted keys (select.ids = [...])
//     is written as a dotted key after the last of them;
//   - a new key in an inline table goes before its closing brace;
//   - a new key in a table the file does not have yet goes in a new
//     [table] at the end of the file, after a blank line; all the new
//     keys of one table go in one, in the order of the changes;
//   - a new element of an array of tables goes after its last element,
//     after a blank line, or at the end of the file if it has none.
//
// Removing an element of an array of tables ([[override]]) removes its
// header, its keys and sub-tables, the comments among them and the blank
// lines after it. Comments directly above its header are kept: they often
// speak of all the elements that follow.
package tomledit

import (
	"bytes"
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/goldenthread/goldenthread/internal/diag"
	"github.com/goldenthread/goldenthread/internal/tomldoc"
)

// Change sets, deletes, appends or removes one value.
//
// Value is a string, bool, int, int64, float64, time.Time (written as a
// local date when it has no clock), []string, or nil to delete the key.
// A Path whose last element is Append ("-") adds an element to an array of
// tables: Value is then a []Field, its keys in order. A Path naming an
// element of an array of tables ({"override", "2"}) with a nil Value
// removes it. Indices always name elements of the original document,
// whatever other elements the changes remove or add.
type Change struct {
	Path  tomldoc.Path
	Value any
}

// Append is the last element of the Path of a Change that adds an element
// to an array of tables.
const Append = "-"

// Field is one key and value of an appended table.
type Field struct {
	Key   string
	Value any
}

type op int

const (
	opSet    op = iota // set or delete (value nil) a key
	opAppend           // add an element to an array of tables
	opRemove           // remove an element of an array of tables
)

// change is a Change checked and normalised.
type change struct {
	path   tomldoc.Path
	op     op
	value  any     // opSet
	fields []Field // opAppend
	index  int     // opRemove
}

// edit replaces src[start:end] with text. Inserts (start == end) at the
// same offset go in order of rank, then of the changes that made them.
type edit struct {
	start, end int
	text       string
	rank       int
	seq        int
	path       tomldoc.Path
}

// Ranks of inserts at the same offset: a table's new keys come before
// new elements after it, elements of nested arrays before those of the
// arrays around them (whose headers would take them), and new tables at
// the end of the file last.
const (
	rankKey   = 0
	rankArray = 1000 // minus the depth of the array
	rankLast  = 1 << 20
)

// Apply returns src with changes spliced in; file names src in errors. It
// returns an error, and no result, when src is not TOML that toml reads,
// when a change cannot be made (its path goes through a value that is not
// a table, two changes touch the same value, or the file writes the value
// in a way Apply does not edit), and as a *VerifyError when the result
// does not read back as intended.
func Apply(file string, src []byte, changes []Change) ([]byte, error) {
	text := string(src)
	bom := strings.HasPrefix(text, "\ufeff")
	text = strings.TrimPrefix(text, "\ufeff")
	var list diag.List
	doc := tomldoc.Parse(file, []byte(text), &list)
	if doc == nil {
		return nil, list.Err()
	}
	if doc.Raw == nil {
		doc.Raw = map[string]any{}
	}
	e := &editor{file: file, src: text, raw: doc.Raw, loc: doc.Loc, nl: "\n", headers: doc.Loc.Headers(), entries: doc.Loc.Entries(), inlineAdded: map[string]bool{}}
	if i := strings.IndexByte(text, '\n'); i > 0 && text[i-1] == '\r' {
		e.nl = "\r\n"
	}
	cs, err := e.check(changes)
	if err != nil {
		return nil, err
	}
	for i, c := range cs {
		e.seq = i
		if err := e.plan(c); err != nil {
			return nil, e.errorf(c.path, "%v", err)
		}
	}
	e.placeAppends()
	e.flushTables()
	out, err := e.splice()
	if err != nil {
		return nil, err
	}
	want, err := expect(doc.Raw, cs)
	if err != nil {
		return nil, &VerifyError{File: file, Msg: err.Error()}
	}
	if err := verify(file, out, want); err != nil {
		return nil, err
	}
	if bom {
		out = "\ufeff" + out
	}
	return []byte(out), nil
}

type editor struct {
	file    string
	src     string
	raw     map[string]any
	loc     *tomldoc.Locator
	nl      string
	headers []tomldoc.Header
	entries []tomldoc.Entry
	seq     int
	edits   []edit
	tables  []*newTable  // tables to add at the end, in order of first change
	appends []*appendEnd // elements to add to existing arrays of tables

	inlineAdded map[string]bool // inline tables given a new key
}

// newTable is a table to write at the end of the file.
type newTable struct {
	path  tomldoc.Path
	array bool
	lines []string
	seq   int
}

// appendEnd collects the elements added to one array of tables that the
// file has, written after the last element the changes keep.
type appendEnd struct {
	array tomldoc.Path
	text  []string
	seq   int
}

func (e *editor) errorf(p tomldoc.Path, format string, args ...any) error {
	return fmt.Errorf("%s: %s: %s", e.file, describePath(p), fmt.Sprintf(format, args...))
}

// check normalises the changes and refuses those that touch the same value.
func (e *editor) check(changes []Change) ([]change, error) {
	var cs []change
	for _, ch := range changes {
		p := slices.Clone(ch.Path)
		if len(p) == 0 {
			return nil, e.errorf(p, "a change needs a path")
		}
		for i, k := range p[:len(p)-1] {
			if k == Append {
				return nil, e.errorf(p[:i+1], "%q may only end a path", Append)
			}
		}
		c := change{path: p}
		switch last := p[len(p)-1]; {
		case last == Append:
			fields, ok := ch.Value.([]Field)
			if !ok {
				return nil, e.errorf(p, "an appended table needs a []Field, not %T", ch.Value)
			}
			c.op = opAppend
			seen := map[string]bool{}
			for _, f := range fields {
				if seen[f.Key] {
					return nil, e.errorf(p, "key %q given twice", f.Key)
				}
				seen[f.Key] = true
				v, err := normalise(f.Value)
				if err != nil {
					return nil, e.errorf(p.With(f.Key), "%v", err)
				}
				c.fields = append(c.fields, Field{f.Key, v})
			}
		case isIndex(last) && ch.Value == nil && e.isTableArray(p[:len(p)-1]):
			c.op, c.index = opRemove, mustAtoi(last)
		case ch.Value == nil:
			c.op = opSet
		default:
			v, err := normalise(ch.Value)
			if err != nil {
				return nil, e.errorf(p, "%v", err)
			}
			c.value = v
		}
		cs = append(cs, c)
	}
	for i, a := range cs {
		for _, b := range cs[i+1:] {
			if a.op == opAppend && b.op == opAppend && slices.Equal(a.path, b.path) {
				continue // two new elements
			}
			if hasPrefix(a.path, b.path) || hasPrefix(b.path, a.path) {
				return nil, e.errorf(b.path, "two changes touch %s", describePath(shorter(a.path, b.path)))
			}
		}
	}
	return cs, nil
}

func shorter(a, b tomldoc.Path) tomldoc.Path {
	if len(a) < len(b) {
		return a
	}
	return b
}

// isTableArray reports whether the original document has an array of
// tables ([[x]]) at p.
func (e *editor) isTableArray(p tomldoc.Path) bool {
	v, ok := lookup(e.raw, p)
	if !ok {
		return false
	}
	_, ok = v.([]map[string]any)
	return ok
}

func (e *editor) plan(c change) error {
	switch c.op {
	case opRemove:
		return e.remove(c.path)
	case opAppend:
		return e.append(c)
	}
	old, exists := lookup(e.raw, c.path)
	switch {
	case !exists && c.value == nil:
		return nil // already gone
	case !exists:
		return e.insert(c.path, c.value)
	case c.value == nil:
		return e.delete(c.path)
	}
	switch old.(type) {
	case map[string]any, []map[string]any:
		return fmt.Errorf("this is a table; only its keys can be set")
	}
	if _, _, ok := diff(nil, old, c.value); ok {
		return nil // unchanged: keep the text as written
	}
	start, end, ok := e.loc.Value(c.path)
	if !ok {
		return fmt.Errorf("cannot find the value in the file")
	}
	st := e.styleAt(start.Off, end)
	orig := e.src[start.Off:end]
	st.multiline = strings.HasPrefix(orig, `"""`) || strings.HasPrefix(orig, "'''")
	e.add(start.Off, end, encode(c.value, st), c.path)
	return nil
}

// styleAt describes the line of the value that runs from start to end.
func (e *editor) styleAt(start, end int) style {
	ls := lineStart(e.src, start)
	le, _ := lineEnd(e.src, end)
	after := strings.TrimRight(e.src[end:le], "\r\n")
	return style{
		nl:     e.nl,
		indent: indentOf(e.src[ls:]),
		before: runeCount(e.src[ls:start]),
		after:  runeCount(after),
	}
}

func (e *editor) add(start, end int, text string, p tomldoc.Path) {
	e.edits = append(e.edits, edit{start: start, end: end, text: text, seq: e.seq, path: p})
}

// insert adds the key at p, which the original document does not have.
func (e *editor) insert(p tomldoc.Path, v any) error {
	key := p[len(p)-1]
	if isIndex(key) {
		if _, ok := lookup(e.raw, p[:len(p)-1]); ok {
			return fmt.Errorf("there is no such element; set the whole array")
		}
	}
	parent := p[:len(p)-1]
	// Walk down to the deepest table the document has, noting the
	// innermost inline table on the way: what is below it must go in it.
	var inline tomldoc.Path
	depth := 0
	var cur any = e.raw
	for i, k := range parent {
		next, ok := child(cur, k)
		if !ok {
			if _, isArr := cur.([]any); isArr {
				return fmt.Errorf("%s has no element %s", describePath(parent[:i]), k)
			}
			if _, isArr := cur.([]map[string]any); isArr {
				return fmt.Errorf("%s has no element %s", describePath(parent[:i]), k)
			}
			break
		}
		q := parent[:i+1]
		switch next.(type) {
		case map[string]any, []any, []map[string]any:
		default:
			return fmt.Errorf("%s is not a table", describePath(q))
		}
		if start, _, ok := e.loc.Value(q); ok && e.src[start.Off] == '{' {
			inline = q
		}
		cur, depth = next, i+1
	}
	if _, ok := cur.(map[string]any); !ok {
		return fmt.Errorf("%s is an array, not a table", describePath(parent[:depth]))
	}
	if inline != nil {
		return e.insertInline(inline, p, v)
	}
	if depth < len(parent) {
		return e.newTableKey(parent, p[len(parent):], v)
	}
	// The table exists: find the section that writes its keys.
	if len(parent) == 0 {
		return e.insertRoot(p, v)
	}
	if i := slices.IndexFunc(e.headers, func(h tomldoc.Header) bool { return slices.Equal(h.Path, parent) }); i >= 0 {
		line, after := e.headers[i].Start.Off, e.headers[i].End
		if last, ok := e.lastEntry(e.headers[i].End, e.sectionEnd(i)); ok {
			line, after = last.Key.Off, last.End
		}
		e.insertLine(line, after, tomldoc.Path{key}, v, p)
		return nil
	}
	// Written as dotted keys in a section above: write another after the
	// last of them.
	var best *tomldoc.Entry
	var bestBase tomldoc.Path
	for i := range e.entries {
		en := &e.entries[i]
		if !hasPrefix(en.Path, parent) || len(en.Path) == len(parent) {
			continue
		}
		base := e.sectionOf(en.Key.Off)
		if !hasPrefix(parent, base) || len(base) >= len(parent) {
			continue
		}
		if best == nil || en.End > best.End {
			best, bestBase = en, base
		}
	}
	if best != nil {
		e.insertLine(best.Key.Off, best.End, p[len(bestBase):], v, p)
		return nil
	}
	// Only made by the headers of its sub-tables: give it its own header.
	return e.newTableKey(parent, tomldoc.Path{key}, v)
}

// insertRoot adds a top-level key.
func (e *editor) insertRoot(p tomldoc.Path, v any) error {
	first := len(e.src)
	if len(e.headers) > 0 {
		first = e.headers[0].Start.Off
	}
	if last, ok := e.lastEntry(0, first); ok {
		e.insertLine(last.Key.Off, last.End, p, v, p)
		return nil
	}
	if len(e.headers) == 0 {
		e.insertLine(len(e.src), len(e.src), p, v, p)
		return nil
	}
	// Before the first header and the comments directly above it, with a
	// blank line after.
	at := lineStart(e.src, first)
	for at > 0 {
		prev := lineStart(e.src, at-1)
		if !strings.HasPrefix(strings.TrimLeft(e.src[prev:at], " \t"), "#") {
			break
		}
		at = prev
	}
	line := keyText(p) + " = " + encode(v, style{nl: e.nl, before: runeCount(keyText(p)) + 3})
	e.add(at, at, line+e.nl+e.nl, p)
	return nil
}

// insertLine writes key = v on a new line after the line where offset
// after falls, indented as the line where offset line falls.
func (e *editor) insertLine(line, after int, key tomldoc.Path, v any, p tomldoc.Path) {
	indent := indentOf(e.src[lineStart(e.src, line):])
	prefix := indent + keyText(key) + " = "
	kv := prefix + encode(v, style{nl: e.nl, indent: indent, before: runeCount(prefix)})
	at, hasNL := lineEnd(e.src, after)
	if hasNL || strings.TrimSpace(e.src) == "" {
		e.add(at, at, kv+e.nl, p)
	} else {
		e.add(at, at, e.nl+kv, p)
	}
}

// insertInline adds the key at p to the inline table at t.
func (e *editor) insertInline(t, p tomldoc.Path, v any) error {
	start, end, _ := e.loc.Value(t)
	body := e.src[start.Off+1 : end-1]
	if strings.Contains(body, "#") && strings.Contains(body, "\n") {
		return fmt.Errorf("%s is an inline table with comments; edit it by hand", describePath(t))
	}
	prefix := keyText(p[len(t):]) + " = "
	kv := prefix + encode(v, style{nl: e.nl, before: runeCount(prefix)})
	j := end - 1 // the closing brace
	for j > start.Off+1 && strings.IndexByte(" \t\r\n", e.src[j-1]) >= 0 {
		j--
	}
	key := t.String()
	switch {
	case e.src[j-1] == ',': // a trailing comma: each new key brings its own
		e.add(j, j, " "+kv+",", p)
	case e.src[j-1] == '{' && !e.inlineAdded[key]:
		e.add(j, j, " "+kv, p)
		if j == end-1 {
			e.edits = append(e.edits, edit{start: j, end: j, text: " ", rank: rankLast, seq: e.seq, path: p})
		}
	default:
		e.add(j, j, ", "+kv, p)
	}
	e.inlineAdded[key] = true
	return nil
}

// newTableKey adds key = v to the table at t, which the file does not
// write, in a new [t] at its end.
func (e *editor) newTableKey(t, key tomldoc.Path, v any) error {
	if slices.ContainsFunc(t, isIndex) {
		return fmt.Errorf("cannot add a table inside an element of an array of tables")
	}
	nt := e.table(t, false)
	prefix := keyText(key) + " = "
	nt.lines = append(nt.lines, prefix+encode(v, style{nl: e.nl, before: runeCount(prefix)}))
	return nil
}

func (e *editor) table(t tomldoc.Path, array bool) *newTable {
	if !array {
		for _, nt := range e.tables {
			if !nt.array && slices.Equal(nt.path, t) {
				return nt
			}
		}
	}
	nt := &newTable{path: t, array: array, seq: e.seq}
	e.tables = append(e.tables, nt)
	return nt
}

// flushTables writes the new tables at the end of the file.
func (e *editor) flushTables() {
	if len(e.tables) == 0 {
		return
	}
	var b strings.Builder
	end := len(e.src)
	atEnd := slices.ContainsFunc(e.edits, func(ed edit) bool { return ed.start == end && ed.text != "" })
	switch {
	case strings.TrimSpace(e.src) == "" && atEnd:
		b.WriteString(e.nl)
	case strings.TrimSpace(e.src) == "":
	case !strings.HasSuffix(e.src, "\n"):
		b.WriteString(e.nl + e.nl)
	case !strings.HasSuffix(strings.TrimRight(e.src, " \t"), e.nl+e.nl):
		b.WriteString(e.nl)
	}
	for i, nt := range e.tables {
		if i > 0 {
			b.WriteString(e.nl)
		}
		b.WriteString(headerText(nt.path, nt.array) + e.nl)
		for _, l := range nt.lines {
			b.WriteString(l + e.nl)
		}
	}
	e.edits = append(e.edits, edit{start: end, end: end, text: b.String(), rank: rankLast})
}

func headerText(p tomldoc.Path, array bool) string {
	p = slices.DeleteFunc(slices.Clone(p), isIndex)
	if array {
		return "[[" + keyText(p) + "]]"
	}
	return "[" + keyText(p) + "]"
}

// delete removes the key/value at p.
func (e *editor) delete(p tomldoc.Path) error {
	_, end, ok := e.loc.Value(p)
	if !ok {
		if isIndex(p[len(p)-1]) {
			return fmt.Errorf("cannot remove one item of an array; set the whole array")
		}
		return fmt.Errorf("this is a table; only its keys or the elements of an array of tables can be deleted")
	}
	key, _ := e.loc.Key(p)
	// The innermost value the key is written in, if any.
	for i := len(p) - 1; i > 0; i-- {
		cs, _, ok := e.loc.Value(p[:i])
		if !ok {
			continue
		}
		if e.src[cs.Off] != '{' {
			return fmt.Errorf("cannot remove one item of an array; set the whole array")
		}
		return e.deleteInline(key.Off, end, p)
	}
	if parent := p[:len(p)-1]; len(parent) > 0 && !slices.ContainsFunc(e.headers, func(h tomldoc.Header) bool { return slices.Equal(h.Path, parent) }) {
		if t, _ := lookup(e.raw, parent); reflectLen(t) == 1 {
			return fmt.Errorf("this is the last key of %s, which is written as dotted keys; the table would go with it", describePath(parent))
		}
	}
	ls := lineStart(e.src, key.Off)
	if strings.TrimLeft(e.src[ls:key.Off], " \t") != "" {
		return fmt.Errorf("the key does not start its line; edit it by hand")
	}
	le, _ := lineEnd(e.src, end)
	if rest := strings.TrimLeft(e.src[end:le], " \t\r\n"); rest != "" && rest[0] != '#' {
		return fmt.Errorf("the value does not end its line; edit it by hand")
	}
	e.add(ls, le, "", p)
	return nil
}

// deleteInline removes the key/value from key to end in an inline table,
// with the comma that separates it from the next or the previous one.
func (e *editor) deleteInline(key, end int, p tomldoc.Path) error {
	j := end
	for j < len(e.src) && (e.src[j] == ' ' || e.src[j] == '\t') {
		j++
	}
	if j < len(e.src) && e.src[j] == ',' {
		j++
		for j < len(e.src) && (e.src[j] == ' ' || e.src[j] == '\t') {
			j++
		}
		e.add(key, j, "", p)
		return nil
	}
	i := key
	for i > 0 && strings.IndexByte(" \t\r\n", e.src[i-1]) >= 0 {
		i--
	}
	if i > 0 && e.src[i-1] == ',' {
		e.add(i-1, end, "", p)
		return nil
	}
	e.add(key, end, "", p)
	return nil
}

// element returns the header of the element of an array of tables at p,
// where its text starts (its header's line) and where it ends: after its
// last line and the blank lines after it.
func (e *editor) element(p tomldoc.Path) (h int, start, end int, err error) {
	h = slices.IndexFunc(e.headers, func(h tomldoc.Header) bool { return h.Array && slices.Equal(h.Path, p) })
	if h < 0 {
		return 0, 0, 0, fmt.Errorf("cannot find this element's [[%s]] header", keyText(slices.DeleteFunc(slices.Clone(p), isIndex)))
	}
	hd := e.headers[h]
	start = lineStart(e.src, hd.Start.Off)
	if strings.TrimLeft(e.src[start:hd.Start.Off], " \t") != "" {
		return 0, 0, 0, fmt.Errorf("the header does not start its line; edit it by hand")
	}
	next := h + 1
	for next < len(e.headers) && hasPrefix(e.headers[next].Path, p) {
		next++
	}
	limit := len(e.src)
	if next < len(e.headers) {
		limit = e.headers[next].Start.Off
	}
	content := e.headers[next-1].End
	if last, ok := e.lastEntry(hd.End, limit); ok {
		content = max(content, last.End)
	}
	end, _ = lineEnd(e.src, content)
	for end < limit {
		le, _ := lineEnd(e.src, end)
		if strings.TrimSpace(e.src[end:le]) != "" {
			break
		}
		end = le
	}
	return h, start, end, nil
}

// remove removes the element of an array of tables at p.
func (e *editor) remove(p tomldoc.Path) error {
	if _, ok := lookup(e.raw, p); !ok {
		return fmt.Errorf("there is no such element")
	}
	_, start, end, err := e.element(p)
	if err != nil {
		return err
	}
	if end == len(e.src) {
		// The last thing in the file: take the blank lines before it too.
		for start > 0 {
			prev := lineStart(e.src, start-1)
			if strings.TrimSpace(e.src[prev:start]) != "" {
				break
			}
			start = prev
		}
	}
	e.add(start, end, "", p)
	return nil
}

// append adds an element to an array of tables.
func (e *editor) append(c change) error {
	array := c.path[:len(c.path)-1]
	var lines []string
	for _, f := range c.fields {
		prefix := keyPart(f.Key) + " = "
		lines = append(lines, prefix+encode(f.Value, style{nl: e.nl, before: runeCount(prefix)}))
	}
	old, exists := lookup(e.raw, array)
	if exists {
		if _, ok := old.([]map[string]any); !ok {
			return fmt.Errorf("this is not an array of tables written with [[%s]] headers", keyText(slices.DeleteFunc(slices.Clone(array), isIndex)))
		}
	}
	// [[a.b]] adds to the b of the last element of a: indices on the way
	// must name last elements.
	for i, k := range array {
		if !isIndex(k) {
			continue
		}
		arr, _ := lookup(e.raw, array[:i])
		if n := reflectLen(arr); mustAtoi(k) != n-1 {
			return fmt.Errorf("can add only to the last element of %s", describePath(array[:i]))
		}
	}
	if !exists {
		parent := array[:len(array)-1]
		for i := range parent {
			if start, _, ok := e.loc.Value(parent[:i+1]); ok && e.src[start.Off] == '{' {
				return fmt.Errorf("%s is an inline table; edit it by hand", describePath(parent[:i+1]))
			}
		}
		if v, ok := lookup(e.raw, parent); ok {
			if _, isTable := v.(map[string]any); !isTable {
				return fmt.Errorf("%s is not a table", describePath(parent))
			}
		}
		nt := e.table(array, true)
		nt.lines = lines
		return nil
	}
	var ae *appendEnd
	for _, a := range e.appends {
		if slices.Equal(a.array, array) {
			ae = a
		}
	}
	if ae == nil {
		ae = &appendEnd{array: array, seq: e.seq}
		e.appends = append(e.appends, ae)
	}
	text := e.nl + headerText(array, true) + e.nl
	for _, l := range lines {
		text += l + e.nl
	}
	ae.text = append(ae.text, text)
	return nil
}

// placeAppends writes the new elements of arrays of tables the file has
// after the last element that the changes keep; when they remove them all,
// where the first was.
func (e *editor) placeAppends() {
	for _, ae := range e.appends {
		arr, _ := lookup(e.raw, ae.array)
		n := reflectLen(arr)
		removed := func(i int) int {
			return slices.IndexFunc(e.edits, func(ed edit) bool { return slices.Equal(ed.path, ae.array.Index(i)) && ed.text == "" })
		}
		kept := n - 1
		for kept >= 0 && removed(kept) >= 0 {
			kept--
		}
		text := strings.Join(ae.text, "")
		if kept >= 0 {
			_, start, end, err := e.element(ae.array.Index(kept))
			if err == nil {
				// After its last line, before the blank lines after it.
				at := end
				for at > start {
					prev := lineStart(e.src, at-1)
					if strings.TrimSpace(e.src[prev:at]) != "" {
						break
					}
					at = prev
				}
				e.edits = append(e.edits, edit{start: at, end: at, text: text, rank: rankArray - len(ae.array), seq: ae.seq, path: ae.array})
				continue
			}
		}
		// All removed: where the first was.
		first := e.edits[removed(0)]
		_, start, _, _ := e.element(ae.array.Index(0))
		if first.start == start {
			text = strings.TrimPrefix(text, e.nl)
		}
		if first.end < len(e.src) {
			text += e.nl
		}
		start = first.start
		e.edits = append(e.edits, edit{start: start, end: start, text: text, rank: rankArray - len(ae.array), seq: ae.seq, path: ae.array})
	}
}

// splice makes the edits, refusing any that overlap.
func (e *editor) splice() (string, error) {
	slices.SortStableFunc(e.edits, func(a, b edit) int {
		if c := cmp.Compare(a.start, b.start); c != 0 {
			return c
		}
		if ai, bi := a.start == a.end, b.start == b.end; ai != bi {
			if ai {
				return -1 // an insert before a replacement at the same place
			}
			return 1
		}
		if c := cmp.Compare(a.rank, b.rank); c != 0 {
			return c
		}
		return cmp.Compare(a.seq, b.seq)
	})
	var b bytes.Buffer
	off := 0
	for i, ed := range e.edits {
		if ed.start < off {
			return "", fmt.Errorf("%s: %s: the change overlaps the change to %s; make them one at a time", e.file, describePath(ed.path), describePath(e.edits[i-1].path))
		}
		b.WriteString(e.src[off:ed.start])
		b.WriteString(ed.text)
		off = ed.end
	}
	b.WriteString(e.src[off:])
	return b.String(), nil
}

// lastEntry returns the key/value of the section from start to end that
// ends last.
func (e *editor) lastEntry(start, end int) (tomldoc.Entry, bool) {
	var best tomldoc.Entry
	found := false
	for _, en := range e.entries {
		if en.Key.Off >= start && en.Key.Off < end && (!found || en.End > best.End) {
			best, found = en, true
		}
	}
	return best, found
}

// sectionEnd is where the section of header i ends: at the next header.
func (e *editor) sectionEnd(i int) int {
	if i+1 < len(e.headers) {
		return e.headers[i+1].Start.Off
	}
	return len(e.src)
}

// sectionOf returns the path of the table whose section holds offset off.
func (e *editor) sectionOf(off int) tomldoc.Path {
	var p tomldoc.Path
	for _, h := range e.headers {
		if h.Start.Off > off {
			break
		}
		p = h.Path
	}
	if p == nil {
		p = tomldoc.Path{}
	}
	return p
}

// lookup returns the value at p in a decoded document.
func lookup(doc map[string]any, p tomldoc.Path) (any, bool) {
	var cur any = doc
	for _, k := range p {
		next, ok := child(cur, k)
		if !ok {
			return nil, false
		}
		cur = next
	}
	return cur, true
}

func child(v any, k string) (any, bool) {
	switch v := v.(type) {
	case map[string]any:
		c, ok := v[k]
		return c, ok
	case []map[string]any:
		if i, err := strconv.Atoi(k); err == nil && isIndex(k) && i < len(v) {
			return v[i], true
		}
	case []any:
		if i, err := strconv.Atoi(k); err == nil && isIndex(k) && i < len(v) {
			return v[i], true
		}
	}
	return nil, false
}

// reflectLen is the number of elements of an array, or keys of a table.
func reflectLen(v any) int {
	switch v := v.(type) {
	case map[string]any:
		return len(v)
	case []map[string]any:
		return len(v)
	case []any:
		return len(v)
	}
	return 0
}

func hasPrefix(p, prefix tomldoc.Path) bool {
	return len(p) >= len(prefix) && slices.Equal(p[:len(prefix)], prefix)
}

func isIndex(e string) bool { return e != "" && strings.Trim(e, "0123456789") == "" }

func mustAtoi(s string) int {
	i, err := strconv.Atoi(s)
	if err != nil {
		return -1
	}
	return i
}

func lineStart(s string, off int) int { return strings.LastIndexByte(s[:off], '\n') + 1 }

// lineEnd returns the offset after the line break that ends the line of
// off, and whether there is one.
func lineEnd(s string, off int) (int, bool) {
	i := strings.IndexByte(s[off:], '\n')
	if i < 0 {
		return len(s), false
	}
	return off + i + 1, true
}

func indentOf(line string) string { return line[:len(line)-len(strings.TrimLeft(line, " \t"))] }

func runeCount(s string) int { return len([]rune(s)) }
