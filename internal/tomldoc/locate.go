// Package tomldoc decodes TOML documents strictly: every unknown key, wrong
// type and missing field is reported with the exact line and column of the
// key or value it concerns, and all problems are reported in one pass.
//
// BurntSushi/toml parses the syntax and gives the values; it does not export
// the positions of keys, so Locate scans the (already valid) source once and
// records where every key, table header and array element starts.
package tomldoc

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// Path names a key or element: table keys, with array indices as decimal
// strings. The third [[clause]] table's title is {"clause", "2", "title"}.
type Path []string

func (p Path) key() string { return strings.Join(p, "\x00") }

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

// spot records where a path appears: its key (or table header) and its value.
type spot struct{ key, val Position }

// Locator maps paths to source positions.
type Locator struct {
	spots map[string]spot
}

// Key returns the position of the key (or table header, or array element)
// named by p, and whether it was found.
func (l *Locator) Key(p Path) (Position, bool) {
	s, ok := l.spots[p.key()]
	return s.key, ok
}

// Value returns the position where the value of p starts.
func (l *Locator) Value(p Path) (Position, bool) {
	s, ok := l.spots[p.key()]
	return s.val, ok
}

// Nearest returns the position of the longest prefix of p that is known,
// falling back to 1:1; found reports whether p itself was known.
func (l *Locator) Nearest(p Path, value bool) (pos Position, found bool) {
	for n := len(p); n > 0; n-- {
		if s, ok := l.spots[p[:n].key()]; ok {
			if value {
				return s.val, n == len(p)
			}
			return s.key, n == len(p)
		}
	}
	return Position{1, 1, 0}, len(p) == 0
}

// Locate scans src, which must be valid TOML, and records the position of
// every key, table header and array element. On invalid input it returns what
// it found before the first thing it could not follow; it never panics.
func Locate(src string) *Locator {
	s := &scanner{src: src, line: 1, col: 1, arrays: map[string]int{}}
	if strings.HasPrefix(src, "\ufeff") { // a byte order mark is not a column
		s.off = len("\ufeff")
	}
	l := &Locator{spots: map[string]spot{}}
	s.loc = l
	s.document()
	return l
}

type scanner struct {
	src       string
	off       int
	line, col int
	loc       *Locator
	table     Path           // current table, resolved with indices
	arrays    map[string]int // resolved array-of-tables path -> count
	fail      bool
}

func (s *scanner) pos() Position { return Position{s.line, s.col, s.off} }

func (s *scanner) eof() bool { return s.fail || s.off >= len(s.src) }

func (s *scanner) peek() byte {
	if s.eof() {
		return 0
	}
	return s.src[s.off]
}

func (s *scanner) hasPrefix(p string) bool { return !s.fail && strings.HasPrefix(s.src[s.off:], p) }

func (s *scanner) advance() {
	if s.eof() {
		return
	}
	r, n := utf8.DecodeRuneInString(s.src[s.off:])
	s.off += n
	if r == '\n' {
		s.line++
		s.col = 1
	} else {
		s.col++
	}
}

func (s *scanner) advanceN(n int) {
	for i := 0; i < n && !s.eof(); {
		_, w := utf8.DecodeRuneInString(s.src[s.off:])
		s.advance()
		i += w
	}
}

// blank skips spaces, tabs and comments; with newlines it skips line breaks too.
func (s *scanner) blank(newlines bool) {
	for !s.eof() {
		switch c := s.peek(); {
		case c == ' ' || c == '\t':
			s.advance()
		case c == '\r' || (c == '\n' && newlines):
			s.advance()
		case c == '#':
			for !s.eof() && s.peek() != '\n' {
				s.advance()
			}
		default:
			return
		}
	}
}

func (s *scanner) record(p Path, key, val Position) {
	s.loc.spots[p.key()] = spot{key, val}
}

func (s *scanner) document() {
	s.record(Path{}, s.pos(), s.pos())
	for {
		s.blank(true)
		if s.eof() {
			return
		}
		start := s.off
		if s.peek() == '[' {
			s.header()
		} else {
			s.keyValue(s.table)
		}
		if s.off == start { // no progress: not valid TOML; stop
			return
		}
	}
}

func (s *scanner) header() {
	at := s.pos()
	array := s.hasPrefix("[[")
	if array {
		s.advanceN(2)
	} else {
		s.advance()
	}
	s.blank(false)
	keys, _ := s.keyPath()
	s.blank(false)
	if array {
		s.advanceN(2)
	} else {
		s.advance()
	}
	var resolved Path
	for i, k := range keys {
		resolved = resolved.With(k)
		last := i == len(keys)-1
		n, isArray := s.arrays[resolved.key()]
		switch {
		case last && array:
			if n == 0 { // the array as a whole sits at its first header
				s.record(resolved, at, at)
			}
			s.arrays[resolved.key()] = n + 1
			resolved = resolved.Index(n)
		case isArray:
			resolved = resolved.Index(n - 1)
		case !last:
			if _, ok := s.loc.spots[resolved.key()]; !ok {
				s.record(resolved, at, at)
			}
		}
	}
	s.record(resolved, at, at)
	s.table = resolved
}

// keyPath reads a dotted key and returns its parts and the position of each.
func (s *scanner) keyPath() ([]string, []Position) {
	var keys []string
	var at []Position
	for !s.eof() {
		s.blank(false)
		at = append(at, s.pos())
		keys = append(keys, s.simpleKey())
		s.blank(false)
		if s.peek() != '.' {
			break
		}
		s.advance()
	}
	return keys, at
}

func (s *scanner) simpleKey() string {
	switch s.peek() {
	case '"':
		return s.basicString()
	case '\'':
		return s.literalString()
	}
	start := s.off
	for !s.eof() {
		c := s.peek()
		if c == '_' || c == '-' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' {
			s.advance()
			continue
		}
		break
	}
	if s.off == start {
		s.fail = true
	}
	return s.src[start:s.off]
}

func (s *scanner) keyValue(table Path) {
	keys, at := s.keyPath()
	if s.fail {
		return
	}
	p := table
	for i, k := range keys {
		p = p.With(k)
		if i < len(keys)-1 {
			if _, ok := s.loc.spots[p.key()]; !ok {
				s.record(p, at[i], at[i])
			}
		}
	}
	s.blank(false)
	if s.peek() != '=' {
		s.fail = true
		return
	}
	s.advance()
	s.blank(false)
	val := s.pos()
	s.record(p, at[0], val)
	s.value(p)
}

func (s *scanner) value(p Path) {
	switch c := s.peek(); {
	case s.hasPrefix(`"""`):
		s.multiline(`"""`, true)
	case s.hasPrefix(`'''`):
		s.multiline(`'''`, false)
	case c == '"':
		s.basicString()
	case c == '\'':
		s.literalString()
	case c == '[':
		s.array(p)
	case c == '{':
		s.inlineTable(p)
	default:
		s.bare()
	}
}

func (s *scanner) bare() {
	start := s.off
	for !s.eof() {
		c := s.peek()
		if c == ',' || c == ']' || c == '}' || c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '#' {
			break
		}
		s.advance()
	}
	// A date-time may have a space between date and time: 1979-05-27 07:32:00.
	if tok := s.src[start:s.off]; len(tok) == 10 && tok[4] == '-' && tok[7] == '-' &&
		s.hasPrefix(" ") && len(s.src) > s.off+3 && isDigit(s.src[s.off+1]) && isDigit(s.src[s.off+2]) && s.src[s.off+3] == ':' {
		s.advance()
		s.bare()
	}
	if s.off == start {
		s.fail = true
	}
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

func (s *scanner) basicString() string {
	s.advance() // opening quote
	var b strings.Builder
	for !s.eof() {
		c := s.peek()
		switch c {
		case '"':
			s.advance()
			return b.String()
		case '\\':
			s.advance()
			e := s.peek()
			if e != 'u' && e != 'U' && e != 'x' {
				b.WriteByte(unescape(e))
				s.advance()
				continue
			}
			// \xHH (TOML 1.1), \uXXXX or \UXXXXXXXX: decode for keys that use it
			n := 4
			switch e {
			case 'x':
				n = 2
			case 'U':
				n = 8
			}
			s.advance()
			if s.off+n <= len(s.src) {
				if v, err := strconv.ParseUint(s.src[s.off:s.off+n], 16, 32); err == nil {
					b.WriteRune(rune(v))
				}
			}
			s.advanceN(n)
		case '\n':
			s.fail = true
			return b.String()
		default:
			r, w := utf8.DecodeRuneInString(s.src[s.off:])
			b.WriteRune(r)
			s.advanceN(w)
		}
	}
	return b.String()
}

func unescape(c byte) byte {
	switch c {
	case 'b':
		return '\b'
	case 't':
		return '\t'
	case 'n':
		return '\n'
	case 'f':
		return '\f'
	case 'r':
		return '\r'
	case 'e':
		return 0x1b
	}
	return c
}

func (s *scanner) literalString() string {
	s.advance()
	start := s.off
	for !s.eof() && s.peek() != '\'' && s.peek() != '\n' {
		s.advance()
	}
	v := s.src[start:s.off]
	if s.peek() != '\'' {
		s.fail = true
		return v
	}
	s.advance()
	return v
}

func (s *scanner) multiline(delim string, escapes bool) {
	s.advanceN(3)
	for !s.eof() {
		if escapes && s.peek() == '\\' {
			s.advanceN(2)
			continue
		}
		if s.hasPrefix(delim) {
			// Up to two quotes may sit just before the closing delimiter.
			n := 3
			for n < 5 && s.off+n < len(s.src) && s.src[s.off+n] == delim[0] {
				n++
			}
			s.advanceN(n)
			return
		}
		s.advance()
	}
}

func (s *scanner) array(p Path) {
	s.advance() // [
	for i := 0; !s.eof(); i++ {
		s.blank(true)
		if s.peek() == ']' {
			s.advance()
			return
		}
		at := s.pos()
		s.record(p.Index(i), at, at)
		start := s.off
		s.value(p.Index(i))
		if s.off == start {
			s.fail = true
			return
		}
		s.blank(true)
		if s.peek() == ',' {
			s.advance()
		}
	}
}

func (s *scanner) inlineTable(p Path) {
	s.advance() // {
	for !s.eof() {
		s.blank(true)
		switch s.peek() {
		case '}':
			s.advance()
			return
		case ',':
			s.advance()
			continue
		}
		start := s.off
		s.keyValue(p)
		if s.off == start {
			s.fail = true
			return
		}
	}
}
