package tomldoc

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/BurntSushi/toml"
)

// parse reads src as TOML in a single pass. It returns the value tree
// toml.Decode gives when decoding into a map[string]any, and the position of
// every key, table header and array element.
//
// toml is the reference: parse accepts exactly what toml v1.6 accepts and
// builds the same values, including toml's leniencies (it lets a dotted key
// extend a table after its header, for one) and its TOML 1.1 additions. It
// does so by following toml's parser step by step: the same table contexts,
// the same implicit-table and array bookkeeping, the same order of checks. ok
// is false when src is not TOML toml accepts; the caller then asks toml for
// the message. The Locator always holds what was found before any problem.
func parse(src string) (raw map[string]any, loc *Locator, ok bool) {
	raw, loc, ok, _ = parseLimited(src)
	return raw, loc, ok
}

// Limits on how deep a document may nest. Following toml, the parser keeps
// the path of keys to the value it is reading, so each level costs as much
// as all the levels above it: without a limit a small hostile file takes
// minutes and gigabytes. Clause libraries and profiles need a few levels.
const (
	maxDepth    = 64 // arrays and inline tables inside one another
	maxKeyParts = 64 // parts of one dotted key or table name
)

// LimitError is a document that goes past one of those limits, at the
// place it does so. toml is not asked about it: it would take the time the
// limit saves.
type LimitError struct {
	Pos Position
	Msg string
}

func (e *LimitError) Error() string { return e.Msg }

// parseLimited is parse, also returning the LimitError that stopped it, if
// one did.
func parseLimited(src string) (raw map[string]any, loc *Locator, ok bool, lim *LimitError) {
	p := &parser{
		src:     src,
		line:    1,
		loc:     newLocator(len(src) / 80),
		mapping: map[string]any{},
	}
	p.headerHash, p.headerInfo = p.mapping, &p.info
	if strings.HasPrefix(src, "\ufeff") { // toml drops it; it is not a column
		p.off = len("\ufeff")
		p.lineStart = p.off
	}
	defer func() {
		if r := recover(); r != nil {
			switch r := r.(type) {
			case rejected:
			case *LimitError:
				lim = r
			default:
				panic(r)
			}
			raw, loc, ok = nil, p.loc, false
		}
	}()
	p.document()
	return p.mapping, p.loc, true, nil
}

// limit stops the parser at the current position with a LimitError.
func (p *parser) limit(format string, args ...any) {
	panic(&LimitError{Pos: p.pos(), Msg: fmt.Sprintf(format, args...)})
}

// rejected is the panic that unwinds the parser at the first problem.
type rejected struct{}

type parser struct {
	src       string
	off       int
	line      int
	lineStart int // offset where the current line starts, for columns

	loc   *Locator
	table lpath // the current table, with array indices, as the Locator names it

	// What follows mirrors toml's parser state; see toml's parse.go.
	mapping    map[string]any
	context    []string // current table path, without array indices; len == cap
	currentKey string   // the key whose value is being read
	info       keyInfo  // toml's keyInfo types and implicits, as a tree

	// The table the last header made current, found once for all its keys
	// rather than walked to from the top for each, as toml does: keys only
	// change what is below it. Dotted keys and inline tables set other
	// contexts, which are walked.
	headerCtx  []string
	headerHash map[string]any // nil if the walk would fail
	headerInfo *keyInfo

	elems []any // the elements of the arrays being read
	depth int   // arrays and inline tables open around the current value
}

// keyInfo is what toml records about a key path (without array indices):
// whether the last value set at it was an array (toml's keyInfo type
// tomlArray), and whether it is an implicit table that a later definition
// may still claim.
type keyInfo struct {
	children map[string]*keyInfo
	array    bool
	implicit bool
}

func (n *keyInfo) child(k string) *keyInfo {
	c := n.children[k]
	if c == nil {
		if n.children == nil {
			n.children = map[string]*keyInfo{}
		}
		c = &keyInfo{}
		n.children[k] = c
	}
	return c
}

func (p *parser) node(path []string) *keyInfo {
	n := &p.info
	for _, k := range path {
		n = n.child(k)
	}
	return n
}

// lpath is a path as the Locator knows it: its node.
type lpath int32

func (p *parser) sub(l lpath, elem string) lpath { return lpath(p.loc.child(int32(l), elem)) }

func (p *parser) elem(l lpath, i int) lpath { return p.sub(l, strconv.Itoa(i)) }

func (p *parser) fail() { panic(rejected{}) }

func (p *parser) pos() Position {
	return Position{p.line, utf8.RuneCountInString(p.src[p.lineStart:p.off]) + 1, p.off}
}

func (p *parser) record(l lpath, key, val Position) {
	p.loc.nodes[l].spot = spot{compact(key), compact(val)}
}

// recordNew records l unless it is already known.
func (p *parser) recordNew(l lpath, at Position) {
	if p.loc.nodes[l].key.line == 0 {
		p.record(l, at, at)
	}
}

// peek returns the byte at the current offset, or 0 at the end.
func (p *parser) peek() byte {
	if p.off < len(p.src) {
		return p.src[p.off]
	}
	return 0
}

func (p *parser) newline(at int) {
	p.line++
	p.lineStart = at + 1
}

// isCtl reports the control characters toml rejects wherever they appear:
// all but tab, line feed and carriage return (which must precede a line feed).
func isCtl(c byte) bool { return c < 0x20 && c != '\t' && c != '\n' && c != '\r' || c == 0x7f }

// plain marks the bytes a string or comment may hold without a closer look.
var plain = func() (t [256]bool) {
	for c := range t {
		t[c] = !isCtl(byte(c)) && c != '\n' && c != '\r' && c != '"' && c != '\'' && c != '\\'
	}
	return t
}()

func (p *parser) skipSpace() {
	for p.off < len(p.src) && (p.src[p.off] == ' ' || p.src[p.off] == '\t') {
		p.off++
	}
}

// skipBlank skips spaces, line breaks and comments, as toml does between
// top-level items and between the elements of arrays and inline tables.
func (p *parser) skipBlank() {
	for p.off < len(p.src) {
		switch p.src[p.off] {
		case ' ', '\t':
			p.off++
		case '\n':
			p.newline(p.off)
			p.off++
		case '\r':
			p.crlf()
		case '#':
			p.comment()
		default:
			return
		}
	}
}

// crlf consumes a carriage return, which must start a CRLF line break.
func (p *parser) crlf() {
	if p.off+1 >= len(p.src) || p.src[p.off+1] != '\n' {
		p.fail()
	}
	p.off++
}

// comment consumes a comment up to, not including, the line break.
func (p *parser) comment() {
	p.off++
	for p.off < len(p.src) {
		c := p.src[p.off]
		if c == '\n' || c == '\r' {
			return
		}
		if isCtl(c) {
			p.fail()
		}
		p.off++
	}
}

func (p *parser) document() {
	root := p.pos()
	p.record(0, root, root)
	for {
		p.skipBlank()
		if p.off >= len(p.src) {
			return
		}
		if p.src[p.off] == '[' {
			p.header()
		} else {
			p.keyValue()
		}
		// A top-level item ends with a comment, a line break or the end.
		p.skipSpace()
		switch p.peek() {
		case '#', '\n', '\r':
		default:
			if p.off < len(p.src) {
				p.fail()
			}
		}
	}
}

// keyPart reads one part of a key or table name: bare, "basic" or 'literal'.
func (p *parser) keyPart() string {
	switch p.peek() {
	case '"':
		return p.basicString()
	case '\'':
		return p.literalString()
	}
	start := p.off
	for p.off < len(p.src) && isBareKeyChar(p.src[p.off]) {
		p.off++
	}
	if p.off == start {
		p.fail()
	}
	return p.src[start:p.off]
}

func isBareKeyChar(c byte) bool {
	return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_' || c == '-'
}

// header reads a [table] or [[array]] header.
func (p *parser) header() {
	at := p.pos()
	p.off++
	array := p.peek() == '['
	if array {
		p.off++
	}
	var keys []string
	for {
		p.skipSpace()
		if len(keys) == maxKeyParts {
			p.limit("this table name has more than %d parts: use fewer", maxKeyParts)
		}
		keys = append(keys, p.keyPart())
		p.skipSpace()
		if c := p.peek(); c == ']' {
			p.off++
			break
		} else if c != '.' {
			p.fail()
		}
		p.off++
	}
	if array {
		if p.peek() != ']' {
			p.fail()
		}
		p.off++
	}
	p.addContext(keys, array)
	p.headerCtx, p.headerHash, p.headerInfo = p.context, p.walk(), p.node(p.context)
	p.setType("", false)
	p.locateTable(keys, array, at)
}

// locateTable records a header's table, and the tables it implies, with the
// array indices the value tree now resolves them to.
func (p *parser) locateTable(keys []string, array bool, at Position) {
	var l lpath
	h := p.mapping
	for i, k := range keys {
		l = p.sub(l, k)
		last := i == len(keys)-1
		switch t := h[k].(type) {
		case []map[string]any:
			if last && array && len(t) == 1 { // the array as a whole sits at its first header
				p.record(l, at, at)
			}
			l = p.elem(l, len(t)-1)
			h = t[len(t)-1]
		case map[string]any:
			if !last {
				p.recordNew(l, at)
			}
			h = t
		}
	}
	p.record(l, at, at)
	p.table = l
}

// key reads a dotted key and the '=' after it. It returns the parts (in
// buf's array if they fit), the path of the key below base, and where the
// key starts; it records the tables the key's parents imply.
func (p *parser) key(base lpath, buf []string) ([]string, lpath, Position) {
	parts := buf[:0]
	l := base
	var first Position
	for {
		p.skipSpace()
		at := p.pos()
		if len(parts) == 0 {
			first = at
		}
		if len(parts) == maxKeyParts {
			p.limit("this dotted key has more than %d parts: use fewer", maxKeyParts)
		}
		k := p.keyPart()
		parts = append(parts, k)
		l = p.sub(l, k)
		p.skipSpace()
		switch p.peek() {
		case '.':
			p.off++
			p.recordNew(l, at) // a parent: it sits where its own part does
			continue
		case '=':
			p.off++
			p.skipSpace()
			return parts, l, first
		}
		p.fail()
	}
}

// keyValue reads a key/value pair at the top level or in a [table], as
// toml's parser.topLevel does.
func (p *parser) keyValue() {
	outer := p.context
	var buf [4]string
	parts, l, at := p.key(p.table, buf[:])
	p.currentKey = parts[len(parts)-1]
	for _, k := range parts[:len(parts)-1] {
		p.addImplicitContext(with(p.context, k))
	}
	p.record(l, at, p.pos())
	v, array := p.value(l, false)
	p.setValue(p.currentKey, v)
	p.setType(p.currentKey, array)
	p.context = outer
	p.currentKey = ""
}

// with returns ctx extended by k, never sharing ctx's array.
func with(ctx []string, k string) []string {
	c := make([]string, len(ctx)+1)
	copy(c, ctx)
	c[len(ctx)] = k
	return c
}

// value reads a value; array reports whether it is an array, the one type
// toml's redefinition rules look at.
func (p *parser) value(l lpath, parentIsArray bool) (v any, array bool) {
	c := p.peek()
	switch {
	case c >= '0' && c <= '9':
		return p.numberOrDate(), false
	case c == '"':
		if strings.HasPrefix(p.src[p.off:], `"""`) {
			return p.multilineBasic(), false
		}
		return p.basicString(), false
	case c == '\'':
		if strings.HasPrefix(p.src[p.off:], `'''`) {
			return p.multilineLiteral(), false
		}
		return p.literalString(), false
	case c == '[' || c == '{':
		if p.depth++; p.depth > maxDepth {
			p.limit("arrays and inline tables are nested more than %d deep here: write the data with fewer levels", maxDepth)
		}
		defer func() { p.depth-- }()
		if c == '[' {
			return p.array(l), true
		}
		return p.inlineTable(l, parentIsArray), false
	case c == 't' && strings.HasPrefix(p.src[p.off:], "true"):
		p.off += len("true")
		return true, false
	case c == 'f' && strings.HasPrefix(p.src[p.off:], "false"):
		p.off += len("false")
		return false, false
	case c == 'i' && strings.HasPrefix(p.src[p.off:], "inf"):
		p.off += len("inf")
		return math.Inf(1), false
	case c == 'n' && strings.HasPrefix(p.src[p.off:], "nan"):
		p.off += len("nan")
		return math.NaN(), false
	case c == '+' || c == '-':
		return p.signed(), false
	}
	p.fail()
	return nil, false
}

// array reads an array value, as toml's parser.valueArray does.
func (p *parser) array(l lpath) []any {
	p.setType(p.currentKey, true)
	// The elements gather on a stack shared with nested arrays, so that each
	// array is allocated once, at its size.
	base := len(p.elems)
	p.off++ // [
	for i := 0; ; i++ {
		p.skipBlank()
		switch p.peek() {
		case ']':
			p.off++
			return p.popElems(base)
		case ',':
			p.fail()
		}
		at := p.pos()
		el := p.elem(l, i)
		p.record(el, at, at)
		v, _ := p.value(el, true)
		p.elems = append(p.elems, v)
		p.skipBlank()
		switch p.peek() {
		case ',':
			p.off++
		case ']':
			p.off++
			return p.popElems(base)
		default:
			p.fail()
		}
	}
}

func (p *parser) popElems(base int) []any {
	a := make([]any, len(p.elems)-base) // never nil, as toml's
	copy(a, p.elems[base:])
	clear(p.elems[base:])
	p.elems = p.elems[:base]
	return a
}

// inlineTable reads an inline table, as toml's parser.valueInlineTable does:
// its keys are checked for redefinition through tables it makes in the
// document tree, while the value it returns is built apart.
func (p *parser) inlineTable(l lpath, parentIsArray bool) map[string]any {
	top := map[string]any{}
	outerContext, outerKey := p.context, p.currentKey
	p.context = with(p.context, p.currentKey)
	prev := p.context
	p.currentKey = ""
	p.addImplicit(p.context)
	p.addContext(p.context, parentIsArray)
	p.off++ // {
	var buf [4]string
	for {
		p.skipBlank()
		switch p.peek() {
		case '}':
			p.off++
			p.context, p.currentKey = outerContext, outerKey
			return top
		case ',':
			p.fail()
		}
		parts, kl, at := p.key(l, buf[:])
		parents := parts[:len(parts)-1]
		p.currentKey = parts[len(parts)-1]
		for _, k := range parents {
			p.addImplicitContext(with(p.context, k))
		}
		p.record(kl, at, p.pos())
		v, array := p.value(kl, false)
		p.setValue(p.currentKey, v)
		p.setType(p.currentKey, array)
		h := top
		for _, k := range parents {
			sub, ok := h[k]
			if !ok {
				sub = map[string]any{}
				h[k] = sub
			}
			if h, ok = sub.(map[string]any); !ok {
				p.fail()
			}
		}
		h[p.currentKey] = v
		p.context = prev
		p.skipBlank()
		switch p.peek() {
		case ',':
			p.off++
		case '}':
		default:
			p.fail()
		}
	}
}

// addContext makes key the current table, creating implicit parents, as
// toml's parser.addContext does.
func (p *parser) addContext(key []string, array bool) {
	h := p.mapping
	ctx := make([]string, 0, len(key))
	for _, k := range key[:len(key)-1] {
		ctx = append(ctx, k)
		if _, ok := h[k]; !ok {
			p.addImplicit(ctx)
			h[k] = map[string]any{}
		}
		switch t := h[k].(type) {
		case []map[string]any:
			h = t[len(t)-1]
		case map[string]any:
			h = t
		default:
			p.fail()
		}
	}
	p.context = ctx
	last := key[len(key)-1]
	if array {
		if _, ok := h[last]; !ok {
			h[last] = make([]map[string]any, 0, 4)
		}
		t, ok := h[last].([]map[string]any)
		if !ok {
			p.fail()
		}
		size := 0 // tables in an array are much alike: size each like the last
		if len(t) > 0 {
			size = len(t[len(t)-1])
		}
		h[last] = append(t, make(map[string]any, size))
	} else {
		p.setValue(last, map[string]any{})
	}
	p.context = append(ctx, last)[: len(ctx)+1 : len(ctx)+1]
}

// setValue sets key in the current table, as toml's parser.setValue does:
// a key may be set again only where it was implied before.
func (p *parser) setValue(key string, v any) {
	h := p.headerHash
	if !p.inHeader() || h == nil {
		if h = p.walk(); h == nil {
			p.fail()
		}
	}
	if _, ok := h[key]; !ok {
		h[key] = v
		return
	}
	n := p.contextInfo().child(key)
	switch {
	case n.array && n.implicit:
		n.implicit = false
		h[key] = v
	case n.array:
		p.fail()
	case n.implicit:
		n.implicit = false
	default:
		p.fail()
	}
}

// walk returns the current table, found as toml finds it: from the top,
// taking the last table of an array of tables. It returns nil if the path
// leads through a value that is not a table.
func (p *parser) walk() map[string]any {
	h := p.mapping
	for _, k := range p.context {
		switch t := h[k].(type) {
		case []map[string]any:
			h = t[len(t)-1]
		case map[string]any:
			h = t
		default:
			return nil
		}
	}
	return h
}

// inHeader reports whether the context is the one the last header set.
func (p *parser) inHeader() bool {
	return len(p.context) == len(p.headerCtx) && (len(p.context) == 0 || &p.context[0] == &p.headerCtx[0])
}

func (p *parser) contextInfo() *keyInfo {
	if p.inHeader() {
		return p.headerInfo
	}
	return p.node(p.context)
}

// setType records whether the value at key in the current table is an
// array, as toml's parser.setType does, including its quirk of recording the
// empty key "" against the table itself.
func (p *parser) setType(key string, array bool) {
	var n *keyInfo
	switch {
	case key != "":
		n = p.contextInfo().child(key)
	case len(p.context) == 0:
		n = p.info.child("")
	default:
		n = p.contextInfo()
	}
	n.array = array
}

func (p *parser) addImplicit(key []string) { p.node(key).implicit = true }

func (p *parser) addImplicitContext(key []string) {
	p.addImplicit(key)
	p.addContext(key, false)
}

// basicString reads a one-line "basic string".
func (p *parser) basicString() string {
	p.off++
	start := p.off
	esc := false
	for p.off < len(p.src) {
		c := p.src[p.off]
		if plain[c] || c == '\'' {
			p.off++
			continue
		}
		switch c {
		case '"':
			s := p.src[start:p.off]
			p.off++
			if esc {
				return p.unescape(s, false)
			}
			return s
		case '\\':
			esc = true
			p.off = p.escape(p.off, false)
		default: // line break or control character
			p.fail()
		}
	}
	p.fail()
	return ""
}

// escape checks the escape sequence at src[i] (a backslash) and returns the
// offset after it. In multi-line strings a backslash may also end a line.
func (p *parser) escape(i int, multiline bool) int {
	i++
	if i >= len(p.src) {
		p.fail()
	}
	n := 0
	switch p.src[i] {
	case 'b', 't', 'n', 'f', 'r', 'e', '"', '\\':
		return i + 1
	case ' ', '\t':
		if multiline { // allowed before a line break; unescape checks
			return i + 1
		}
		p.fail()
	case '\n', '\r':
		if multiline { // the caller handles the line break
			return i
		}
		p.fail()
	case 'x':
		n = 2
	case 'u':
		n = 4
	case 'U':
		n = 8
	default:
		p.fail()
	}
	for j := i + 1; j <= i+n; j++ {
		if j >= len(p.src) || !isHex(p.src[j]) {
			p.fail()
		}
	}
	return i + 1 + n
}

func isHex(c byte) bool { return c >= '0' && c <= '9' || c|0x20 >= 'a' && c|0x20 <= 'f' }

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// unescape replaces the escape sequences in s, already checked by escape.
// In a multi-line string it also removes each line-ending backslash with the
// whitespace after it, as toml's stripEscapedNewlines does.
func (p *parser) unescape(s string, multiline bool) string {
	var b strings.Builder
	b.Grow(len(s))
	for {
		i := strings.IndexByte(s, '\\')
		if i < 0 {
			b.WriteString(s)
			return b.String()
		}
		b.WriteString(s[:i])
		c := s[i+1]
		s = s[i+2:]
		switch c {
		case ' ', '\t', '\r', '\n':
			if !multiline {
				p.fail()
			}
			j := 0
			newline := c == '\n'
			for j < len(s) && (s[j] == ' ' || s[j] == '\t' || s[j] == '\r' || s[j] == '\n') {
				newline = newline || s[j] == '\n'
				j++
			}
			if !newline { // "\ " is not an escape
				p.fail()
			}
			s = s[j:]
		case 'b':
			b.WriteByte('\b')
		case 't':
			b.WriteByte('\t')
		case 'n':
			b.WriteByte('\n')
		case 'f':
			b.WriteByte('\f')
		case 'r':
			b.WriteByte('\r')
		case 'e':
			b.WriteByte(0x1b)
		case '"':
			b.WriteByte('"')
		case '\\':
			b.WriteByte('\\')
		default: // x, u, U
			n := 2
			switch c {
			case 'u':
				n = 4
			case 'U':
				n = 8
			}
			r, err := strconv.ParseUint(s[:n], 16, 32)
			if err != nil || !utf8.ValidRune(rune(r)) {
				p.fail()
			}
			b.WriteRune(rune(r))
			s = s[n:]
		}
	}
}

// literalString reads a one-line 'literal string'.
func (p *parser) literalString() string {
	p.off++
	start := p.off
	for p.off < len(p.src) {
		c := p.src[p.off]
		if plain[c] || c == '"' || c == '\\' {
			p.off++
			continue
		}
		if c == '\'' {
			p.off++
			return p.src[start : p.off-1]
		}
		p.fail() // line break or control character
	}
	p.fail()
	return ""
}

// multilineBasic reads a multi-line basic string, three double quotes each
// side.
func (p *parser) multilineBasic() string {
	p.off += 3
	start := p.off
	esc := false
	escapedBackslash := -1 // offset just after the last \\ escape
	i := p.off
	for i < len(p.src) {
		c := p.src[i]
		if plain[c] || c == '\'' {
			i++
			continue
		}
		switch c {
		case '"':
			k := quoteRun(p.src, i, '"')
			if k < 3 {
				i += k
				continue
			}
			// Up to two quotes may end the text. toml also lets six through
			// after an escaped backslash, taking three as text: it tells an
			// escaped quote from a backslash by looking at one character.
			if k > 5 && !(k == 6 && escapedBackslash == i) {
				p.fail()
			}
			end := i + k - 3
			p.off = i + k
			s := stripFirstNewline(p.src[start:end])
			if esc {
				return p.unescape(s, true)
			}
			return s
		case '\\':
			esc = true
			if i+1 < len(p.src) && p.src[i+1] == '\\' {
				i += 2
				escapedBackslash = i
				continue
			}
			i = p.escape(i, true)
		case '\n':
			p.newline(i)
			i++
		case '\r':
			if i+1 >= len(p.src) || p.src[i+1] != '\n' {
				p.fail()
			}
			i++
		default:
			p.fail()
		}
	}
	p.off = i
	p.fail()
	return ""
}

// multilineLiteral reads a multi-line literal string, three single quotes
// each side.
func (p *parser) multilineLiteral() string {
	p.off += 3
	start := p.off
	i := p.off
	for i < len(p.src) {
		c := p.src[i]
		if plain[c] || c == '"' || c == '\\' {
			i++
			continue
		}
		switch c {
		case '\'':
			k := quoteRun(p.src, i, '\'')
			if k < 3 {
				i += k
				continue
			}
			if k > 5 {
				p.fail()
			}
			p.off = i + k
			return stripFirstNewline(p.src[start : i+k-3])
		case '\n':
			p.newline(i)
			i++
		case '\r':
			if i+1 >= len(p.src) || p.src[i+1] != '\n' {
				p.fail()
			}
			i++
		default:
			p.fail()
		}
	}
	p.off = i
	p.fail()
	return ""
}

// quoteRun counts the quotes q starting at src[i].
func quoteRun(src string, i int, q byte) int {
	k := 0
	for i+k < len(src) && src[i+k] == q {
		k++
	}
	return k
}

func stripFirstNewline(s string) string {
	if strings.HasPrefix(s, "\n") {
		return s[1:]
	}
	return strings.TrimPrefix(s, "\r\n")
}

// numberOrDate reads a value that starts with a digit. Like toml's lexer it
// first takes the characters that may belong to an integer, float or
// date-time, then checks them as toml's parser does.
func (p *parser) numberOrDate() any {
	start := p.off
	src := p.src
	i := p.off + 1
	at := func(i int) byte {
		if i < len(src) {
			return src[i]
		}
		return 0
	}
	if src[start] == '0' {
		switch c := at(i); {
		case isDigit(c):
			i++
			goto numberOrDate
		case c == '_':
			i++
			goto decimal
		case c == '.' || c == 'e' || c == 'E':
			i++
			goto float
		case c == 'x' || c == 'o' || c == 'b':
			i++
			digit := isHex
			switch c {
			case 'o':
				digit = func(c byte) bool { return c >= '0' && c <= '7' }
			case 'b':
				digit = func(c byte) bool { return c == '0' || c == '1' }
			}
			if !digit(at(i)) {
				p.fail()
			}
			for digit(at(i)) || at(i) == '_' {
				i++
			}
			p.off = i
			return p.integer(src[start:i])
		default:
			p.off = i
			return int64(0)
		}
	}
numberOrDate:
	for {
		switch c := at(i); {
		case isDigit(c):
			i++
		case c == '-' || c == ':':
			i++
			for isDigit(at(i)) || strings.IndexByte("-:Tt .Zz+", at(i)) >= 0 {
				i++
			}
			p.off = i
			return p.datetime(strings.TrimSpace(src[start:i]))
		case c == '_':
			i++
			goto decimal
		case c == '.' || c == 'e' || c == 'E':
			i++
			goto float
		default:
			p.off = i
			return p.integer(src[start:i])
		}
	}
decimal:
	for {
		switch c := at(i); {
		case isDigit(c) || c == '_':
			i++
		case c == '.' || c == 'e' || c == 'E':
			i++
			goto float
		default:
			p.off = i
			return p.integer(src[start:i])
		}
	}
float:
	for isDigit(at(i)) || strings.IndexByte("_.-+eE", at(i)) >= 0 {
		i++
	}
	p.off = i
	return p.float(src[start:i])
}

// signed reads a number that starts with + or -: only a decimal integer or
// float, inf or nan.
func (p *parser) signed() any {
	start := p.off
	i := p.off + 1
	rest := p.src[i:]
	switch {
	case strings.HasPrefix(rest, "inf"), strings.HasPrefix(rest, "nan"):
		p.off = i + 3
		return p.float(p.src[start:p.off])
	case strings.HasPrefix(rest, "0b"), strings.HasPrefix(rest, "0o"), strings.HasPrefix(rest, "0x"):
		p.fail()
	case len(rest) == 0 || !isDigit(rest[0]):
		p.fail()
	}
	i++
	for i < len(p.src) && (isDigit(p.src[i]) || p.src[i] == '_') {
		i++
	}
	if i < len(p.src) && (p.src[i] == '.' || p.src[i] == 'e' || p.src[i] == 'E') {
		for i < len(p.src) && (isDigit(p.src[i]) || strings.IndexByte("_.-+eE", p.src[i]) >= 0) {
			i++
		}
		p.off = i
		return p.float(p.src[start:i])
	}
	p.off = i
	return p.integer(p.src[start:i])
}

// integer converts an integer as toml's parser.valueInteger does.
func (p *parser) integer(s string) int64 {
	if !numUnderscoresOK(s) || numHasLeadingZero(s) {
		p.fail()
	}
	n, err := strconv.ParseInt(s, 0, 64)
	if err != nil {
		p.fail()
	}
	return n
}

// float converts a float as toml's parser.valueFloat does.
func (p *parser) float(s string) float64 {
	parts := strings.FieldsFunc(s, func(r rune) bool { return r == '.' || r == 'e' || r == 'E' })
	for _, part := range parts {
		if !numUnderscoresOK(part) {
			p.fail()
		}
	}
	if len(parts) > 0 && numHasLeadingZero(parts[0]) || !numPeriodsOK(s) {
		p.fail()
	}
	v := strings.ReplaceAll(s, "_", "")
	negNaN := v == "-nan"
	if v == "+nan" || negNaN {
		v = "nan"
	}
	f, err := strconv.ParseFloat(v, 64)
	if err != nil {
		p.fail()
	}
	if negNaN {
		f = math.Copysign(f, -1)
	}
	return f
}

// numHasLeadingZero is toml's: a leading zero, allowing 0, signs and base
// prefixes.
func numHasLeadingZero(s string) bool {
	if len(s) > 1 && s[0] == '0' && !(s[1] == 'b' || s[1] == 'o' || s[1] == 'x') {
		return true
	}
	return len(s) > 2 && (s[0] == '-' || s[0] == '+') && s[1] == '0'
}

// numUnderscoresOK is toml's: every underscore sits between (hex) digits.
func numUnderscoresOK(s string) bool {
	switch s {
	case "nan", "+nan", "-nan", "inf", "-inf", "+inf":
		return true
	}
	accept := false
	for i := 0; i < len(s); i++ {
		if s[i] == '_' && !accept {
			return false
		}
		accept = isHex(s[i])
	}
	return accept
}

// numPeriodsOK is toml's: every '.' is followed by a digit.
func numPeriodsOK(s string) bool {
	period := false
	for i := 0; i < len(s); i++ {
		if period && !isDigit(s[i]) {
			return false
		}
		period = s[i] == '.'
	}
	return !period
}

// zones holds the locations toml gives local date-times, dates and times.
// They are unexported in toml, so they are taken from values it decodes.
var zones = sync.OnceValue(func() (z struct{ datetime, date, time *time.Location }) {
	var raw map[string]any
	if _, err := toml.Decode("a = 2000-01-01T00:00:00\nb = 2000-01-01\nc = 00:00:00\n", &raw); err != nil {
		panic("tomldoc: " + err.Error())
	}
	z.datetime = raw["a"].(time.Time).Location()
	z.date = raw["b"].(time.Time).Location()
	z.time = raw["c"].(time.Time).Location()
	return z
})

var datetimeRepl = strings.NewReplacer("z", "Z", "t", "T", " ", "T")

// datetime converts a date-time, date or time as toml's
// parser.valueDatetime does: the first of its layouts that parses wins.
func (p *parser) datetime(s string) time.Time {
	z := zones()
	if isDate(s) { // the common case: only "2006-01-02" can match
		t, err := time.ParseInLocation(time.DateOnly, s, z.date)
		if err != nil {
			p.fail()
		}
		return t
	}
	s = datetimeRepl.Replace(s)
	for _, dt := range [...]struct {
		layout string
		zone   *time.Location
	}{
		{time.RFC3339Nano, time.Local},
		{"2006-01-02T15:04:05.999999999", z.datetime},
		{"2006-01-02", z.date},
		{"15:04:05.999999999", z.time},
		{"2006-01-02T15:04Z07:00", time.Local},
		{"2006-01-02T15:04", z.datetime},
		{"15:04", z.time},
	} {
		t, err := time.ParseInLocation(dt.layout, s, dt.zone)
		if err != nil {
			continue
		}
		if missingLeadingZero(s, dt.layout) {
			p.fail()
		}
		return t
	}
	p.fail()
	return time.Time{}
}

// isDate reports whether s has the shape 2006-01-02.
func isDate(s string) bool {
	if len(s) != 10 || s[4] != '-' || s[7] != '-' {
		return false
	}
	for i := 0; i < len(s); i++ {
		if i != 4 && i != 7 && !isDigit(s[i]) {
			return false
		}
	}
	return true
}

// missingLeadingZero is toml's check that a number in s left out a leading
// zero the layout has, found by the separators not lining up.
func missingLeadingZero(s, layout string) bool {
	for i := 0; i < len(layout); i++ {
		c := layout[i]
		if c == '.' || c == 'Z' {
			return false
		}
		if i >= len(s) {
			return true
		}
		if (c < '0' || c > '9') && s[i] != c {
			return true
		}
	}
	return false
}
