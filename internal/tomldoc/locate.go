// Package tomldoc decodes TOML documents strictly: every unknown key, wrong
// type and missing field is reported with the exact line and column of the
// key or value it concerns, and all problems are reported in one pass.
//
// BurntSushi/toml reads the syntax and gives the values. It does not export
// where keys are, so Locate scans the source once for where every key,
// table header and array element starts; the same scan refuses documents
// nested too deep for toml to read in reasonable time.
package tomldoc

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/BurntSushi/toml"
)

// Path names a key or element: table keys, with array indices as decimal
// strings. The third [[clause]] table's title is {"clause", "2", "title"}.
type Path []string

// With returns p extended by elems, without aliasing p.
func (p Path) With(elems ...string) Path {
	q := make(Path, 0, len(p)+len(elems))
	return append(append(q, p...), elems...)
}

// Index returns p extended by an array index.
func (p Path) Index(i int) Path { return p.With(strconv.Itoa(i)) }

// Name is the last key of p, ignoring array indices: what a reader sees on
// the line a message points at.
func (p Path) Name() string {
	for i := len(p) - 1; i >= 0; i-- {
		if !isIndex(p[i]) {
			return p[i]
		}
	}
	return "the top level"
}

// String renders p as a reader would write it: clause[2].question.scale.
func (p Path) String() string {
	var b strings.Builder
	for _, e := range p {
		if _, err := strconv.Atoi(e); err == nil {
			b.WriteString("[" + e + "]")
			continue
		}
		if b.Len() > 0 {
			b.WriteByte('.')
		}
		b.WriteString(e)
	}
	return b.String()
}

// Position is a 1-based line and character column, with the byte offset.
type Position struct{ Line, Col, Off int }

// spot records where a path appears: its key (or table header) and its
// value, and the offset just after the value (0 for a table given by a
// header or by a part of a dotted key, which has no value of its own).
type spot struct {
	key, val Position
	end      int
}

// Locator maps paths to source positions. Its nodes form a tree: each node
// maps the names of its children (keys or array elements) to their nodes.
type Locator struct {
	nodes   []node // nodes[0] is the top level
	headers []Header
}

// Header is one [table] or [[array]] header as written.
type Header struct {
	Path  Path     // the table it starts; for [[array]], the new element
	Start Position // its opening bracket
	End   int      // the offset just after its closing bracket(s)
	Array bool     // [[array]]
}

// Entry is one key/value pair, or one element of an array value, as
// written: its path, where its key (for an element, its value) starts,
// where its value starts and the offset just after the value.
type Entry struct {
	Path       Path
	Key, Value Position
	End        int
}

// Headers returns the document's table headers in the order they appear.
func (l *Locator) Headers() []Header { return l.headers }

// Entries returns every key/value pair of the document, including those
// inside inline tables, and every element of an array value, in the order
// they appear. Tools that edit the source use it to find the lines a
// table's keys take.
func (l *Locator) Entries() []Entry {
	var out []Entry
	var walk func(id int32, p Path)
	walk = func(id int32, p Path) {
		n := &l.nodes[id]
		if n.end > 0 {
			out = append(out, Entry{Path: p, Key: n.key, Value: n.val, End: n.end})
		}
		for k, kid := range n.kids {
			walk(kid, p.With(k))
		}
	}
	if len(l.nodes) > 0 {
		walk(0, Path{})
	}
	slices.SortFunc(out, func(a, b Entry) int { return cmp.Compare(a.Value.Off, b.Value.Off) })
	return out
}

// Value returns where the value at p starts and the offset just after it,
// for a key/value pair or an element of an array value.
func (l *Locator) Value(p Path) (start Position, end int, ok bool) {
	s, found := l.find(p)
	if !found || s.end == 0 {
		return Position{}, 0, false
	}
	return s.val, s.end, true
}

// node is one key, table or element: where it appears (line 0 if not
// recorded), and its children.
type node struct {
	spot
	kids   map[string]int32
	tables bool // an array of tables: [[elem]]
}

// child returns the node for elem below parent, adding it if it is new.
func (l *Locator) child(parent int32, elem string) int32 {
	if id, ok := l.nodes[parent].kids[elem]; ok {
		return id
	}
	id := int32(len(l.nodes))
	l.nodes = append(l.nodes, node{})
	n := &l.nodes[parent]
	if n.kids == nil {
		n.kids = map[string]int32{}
	}
	n.kids[elem] = id
	return id
}

// find returns the recorded spot for p.
func (l *Locator) find(p Path) (spot, bool) {
	if len(l.nodes) == 0 {
		return spot{}, false
	}
	id := int32(0)
	for _, e := range p {
		var ok bool
		if id, ok = l.nodes[id].kids[e]; !ok {
			return spot{}, false
		}
	}
	s := l.nodes[id].spot
	return s, s.key.Line > 0
}

// Key returns the position of the key (or table header, or array element)
// named by p, and whether it was found.
func (l *Locator) Key(p Path) (Position, bool) {
	s, ok := l.find(p)
	return s.key, ok
}

// Nearest returns the position of the longest prefix of p that is known,
// falling back to 1:1; found reports whether p itself was known.
func (l *Locator) Nearest(p Path, value bool) (pos Position, found bool) {
	pos = Position{1, 1, 0}
	id := int32(0)
	for i, e := range p {
		next, ok := l.nodes[id].kids[e]
		if !ok {
			break
		}
		id = next
		if s := l.nodes[id].spot; s.key.Line > 0 {
			pos, found = s.key, i == len(p)-1
			if value {
				pos = s.val
			}
		}
	}
	return pos, found || len(p) == 0
}

// Limits on how deep a document may nest. toml keeps the path of keys to
// the value it is reading, so each level costs as much as all the levels
// above it: a 60 KB hostile file took it minutes and gigabytes. Clause
// libraries and profiles need a few levels.
const (
	maxDepth    = 64 // arrays and inline tables inside one another
	maxKeyParts = 64 // parts of one dotted key or table name
)

// limitError is a document that goes past one of those limits, at the
// place it does so.
type limitError struct {
	Pos Position
	Msg string
}

// Locate records the position of every key, table header and array element
// of src, which should be TOML that toml accepts. On other input it returns
// what it found before the first thing it could not follow; it never panics.
func Locate(src string) *Locator {
	l, _ := locate(src)
	return l
}

// locate is Locate, also returning the limitError that stopped it, if one
// did: it is the pre-scan that keeps a hostile file from toml.
//
// It follows only the structure of the document: where keys, headers,
// values and comments start and end. Checking the rest (numbers, dates,
// escapes, keys defined twice) is left to toml, which reads the file after.
func locate(src string) (l *Locator, lim *limitError) {
	s := &scanner{src: src, line: 1, col: 1, loc: &Locator{nodes: make([]node, 1, len(src)/80+1)}}
	if strings.HasPrefix(src, "\ufeff") { // toml drops it; it is not a column
		s.off, s.colOff = len("\ufeff"), len("\ufeff")
	}
	defer func() {
		switch r := recover().(type) {
		case nil, stop:
		case *limitError:
			lim = r
		default:
			panic(r)
		}
		l = s.loc
	}()
	s.document()
	return s.loc, nil
}

// stop is the panic that ends the scan where the source stops making sense.
type stop struct{}

type scanner struct {
	src   string
	off   int
	loc   *Locator
	table int32 // the node of the current [table]
	depth int   // arrays and inline tables open around the current value

	// Positions are asked for in order, so lines and characters are
	// counted once: the line and column of the last position asked for, at
	// offset colOff.
	line, col, colOff int
}

// pos returns the position of offset off, which is never before the last
// position asked for.
func (s *scanner) pos(off int) Position {
	for {
		i := strings.IndexByte(s.src[s.colOff:off], '\n')
		if i < 0 {
			break
		}
		s.line++
		s.col, s.colOff = 1, s.colOff+i+1
	}
	s.col += utf8.RuneCountInString(s.src[s.colOff:off])
	s.colOff = off
	return Position{s.line, s.col, off}
}

func (s *scanner) record(n int32, key, val Position) {
	s.loc.nodes[n].spot = spot{key: key, val: val}
}

// recordNew records n unless it is already known.
func (s *scanner) recordNew(n int32, at Position) {
	if s.loc.nodes[n].key.Line == 0 {
		s.record(n, at, at)
	}
}

func (s *scanner) limit(format string, args ...any) {
	panic(&limitError{Pos: s.pos(s.off), Msg: fmt.Sprintf(format, args...)})
}

func (s *scanner) peek() byte {
	if s.off < len(s.src) {
		return s.src[s.off]
	}
	return 0
}

// expect consumes c, or stops the scan.
func (s *scanner) expect(c byte) {
	if s.peek() != c {
		panic(stop{})
	}
	s.off++
}

func (s *scanner) skipSpace() {
	for s.off < len(s.src) && (s.src[s.off] == ' ' || s.src[s.off] == '\t') {
		s.off++
	}
}

// skipBlank skips spaces, line breaks and comments.
func (s *scanner) skipBlank() {
	for s.off < len(s.src) {
		switch s.src[s.off] {
		case ' ', '\t', '\r', '\n':
			s.off++
		case '#':
			s.skipTo("\n")
		default:
			return
		}
	}
}

// skipTo moves to the next of the bytes in set, or stops the scan.
func (s *scanner) skipTo(set string) {
	i := strings.IndexAny(s.src[s.off:], set)
	if i < 0 {
		s.off = len(s.src)
		panic(stop{})
	}
	s.off += i
}

func (s *scanner) document() {
	root := s.pos(s.off)
	s.record(0, root, root)
	for {
		s.skipBlank()
		if s.off >= len(s.src) {
			return
		}
		if s.src[s.off] == '[' {
			s.header()
		} else {
			s.keyValue(s.table)
		}
	}
}

// header reads a [table] or [[array]] header and makes its table current.
// Like toml, it takes a name that leads through an array of tables to the
// array's last table.
func (s *scanner) header() {
	at := s.pos(s.off)
	s.off++
	array := s.peek() == '['
	if array {
		s.off++
	}
	var buf [8]string
	keys := buf[:0]
	for {
		s.skipSpace()
		if len(keys) == maxKeyParts {
			s.limit("this table name has more than %d parts: use fewer", maxKeyParts)
		}
		keys = append(keys, s.keyPart())
		s.skipSpace()
		if s.peek() != '.' {
			break
		}
		s.off++
	}
	s.expect(']')
	if array {
		s.expect(']')
	}
	end := s.off
	n := int32(0)
	path := make(Path, 0, len(keys)+1)
	for i, k := range keys {
		n = s.loc.child(n, k)
		path = append(path, k)
		node := &s.loc.nodes[n]
		switch last := i == len(keys)-1; {
		case last && array:
			if len(node.kids) == 0 { // the array as a whole sits at its first header
				s.record(n, at, at)
			}
			node.tables = true
			path = append(path, strconv.Itoa(len(node.kids)))
			n = s.loc.child(n, path[len(path)-1])
		case node.tables && len(node.kids) > 0:
			path = append(path, strconv.Itoa(len(node.kids)-1))
			n = s.loc.child(n, path[len(path)-1])
		case !last:
			s.recordNew(n, at)
		}
	}
	s.loc.headers = append(s.loc.headers, Header{Path: path, Start: at, End: end, Array: array})
	// toml lets a few headers name a key already given a value (such as
	// [x.t] after t = 5 in the last [[x]]); the value keeps its place.
	if nd := &s.loc.nodes[n]; nd.key == nd.val {
		s.record(n, at, at)
	}
	s.table = n
}

// key reads a dotted key below the node base, and the '=' after it. It
// returns the key's node and where its first part starts, and records the
// parts before the last where they first appear.
func (s *scanner) key(base int32) (int32, Position) {
	n := base
	var first Position
	for parts := 0; ; parts++ {
		s.skipSpace()
		at := s.pos(s.off)
		if parts == 0 {
			first = at
		}
		if parts == maxKeyParts {
			s.limit("this dotted key has more than %d parts: use fewer", maxKeyParts)
		}
		n = s.loc.child(n, s.keyPart())
		s.skipSpace()
		if s.peek() != '.' {
			s.expect('=')
			s.skipSpace()
			return n, first
		}
		s.off++
		s.recordNew(n, at)
		if nd := s.loc.nodes[n]; nd.tables && len(nd.kids) > 0 { // toml's leniency, as in header
			n = s.loc.child(n, strconv.Itoa(len(nd.kids)-1))
		}
	}
}

// keyPart reads one part of a key or table name: bare, "basic" or 'literal'.
func (s *scanner) keyPart() string {
	start := s.off
	switch c := s.peek(); c {
	case '"', '\'':
		s.str(false)
		if k := s.src[start+1 : s.off-1]; c == '"' && strings.IndexByte(k, '\\') >= 0 {
			return unescape(k)
		}
	default:
		for s.off < len(s.src) && isBareKeyChar(s.src[s.off]) {
			s.off++
		}
		if s.off == start {
			panic(stop{})
		}
		return s.src[start:s.off]
	}
	return s.src[start+1 : s.off-1]
}

func isBareKeyChar(c byte) bool {
	return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_' || c == '-'
}

// keyValue reads a key/value pair in the table at node table.
func (s *scanner) keyValue(table int32) {
	n, at := s.key(table)
	s.record(n, at, s.pos(s.off))
	s.value(n)
	s.loc.nodes[n].end = s.off
}

// value skips the value at the current offset, recording what it holds
// below node n.
func (s *scanner) value(n int32) {
	switch c := s.peek(); c {
	case '"', '\'':
		q := s.src[s.off:min(s.off+3, len(s.src))]
		s.str(q == `"""` || q == "'''")
	case '[', '{':
		if s.depth++; s.depth > maxDepth {
			s.limit("arrays and inline tables are nested more than %d deep here: write the data with fewer levels", maxDepth)
		}
		if c == '[' {
			s.items(']', func(i int) {
				at := s.pos(s.off)
				el := s.loc.child(n, strconv.Itoa(i))
				s.record(el, at, at)
				s.value(el)
				s.loc.nodes[el].end = s.off
			})
		} else {
			s.items('}', func(int) { s.keyValue(n) })
		}

		s.depth--
	default: // a number, date, time or boolean
		start := s.off
		for s.off < len(s.src) && strings.IndexByte(",]}#\r\n", s.src[s.off]) < 0 {
			s.off++
		}
		for s.off > start && (s.src[s.off-1] == ' ' || s.src[s.off-1] == '\t') {
			s.off-- // the space before a comment is not the value's
		}
		if s.off == start {
			panic(stop{})
		}
	}
}

// str skips the string whose opening quote is at the current offset: a
// "basic" one, with escapes, or a 'literal' one; on one line, or if multi
// in triple quotes over several.
func (s *scanner) str(multi bool) {
	c := s.src[s.off]
	stops := "'\n"
	if c == '"' {
		stops = "\"\\\n"
	}
	closing := 1
	if multi {
		stops, closing = stops[:len(stops)-1], 3 // a line break is text
		s.off += 2
	}
	s.off++
	for {
		s.skipTo(stops)
		switch s.src[s.off] {
		case '\\':
			s.off = min(s.off+2, len(s.src))
		case '\n':
			panic(stop{})
		default:
			// A one-line string ends at a quote. Up to two quotes may end
			// a multi-line one; the last three close it.
			k := 0
			for s.off < len(s.src) && s.src[s.off] == c && (multi || k == 0) {
				s.off++
				k++
			}
			if k >= closing {
				return
			}
		}
	}
}

// items reads the items of an array or inline table, from its opening
// bracket to its closing one, calling item for each.
func (s *scanner) items(closing byte, item func(i int)) {
	s.off++
	for i := 0; ; i++ {
		s.skipBlank()
		if s.peek() == closing {
			s.off++
			return
		}
		item(i)
		s.skipBlank()
		if s.peek() != ',' {
			s.expect(closing)
			return
		}
		s.off++
	}
}

// unescape replaces the escape sequences of a quoted key, as toml does:
// by asking toml, which keys seldom need.
func unescape(k string) string {
	var v struct{ K string }
	toml.Decode(`K = "`+k+`"`, &v) // on an error, toml rejects the document too
	return v.K
}
