package score

import (
	"bytes"
	"errors"
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// errUnsupported says a part uses XML the quick reader does not handle:
// comments, CDATA, a DOCTYPE, entities beyond the predefined ones, another
// character encoding, the Strict namespaces, or a sheet laid out in a way
// that excelize would repair. Read then reads the whole workbook with
// excelize instead, so that such files give exactly the results they always
// have.
var errUnsupported = errors.New("score: the quick reader cannot read this part")

// checkChars reports whether data is XML the quick reader can take as it
// is: valid UTF-8 with no character XML forbids, every entity a predefined
// one or a reference to an allowed character, no ]]>, nothing starting with
// <!, and no Strict namespace (excelize rewrites those before parsing). A
// part that passes reads the same through the quick reader as through
// encoding/xml.
func checkChars(data []byte) bool {
	if bytes.Contains(data, []byte("purl.oclc.org")) {
		return false
	}
	for i := 0; i < len(data); {
		b := data[i]
		if !special[b] {
			i++
			continue
		}
		switch {
		case b >= utf8.RuneSelf:
			r, n := utf8.DecodeRune(data[i:])
			if r == utf8.RuneError && n == 1 || !isXMLChar(r) {
				return false
			}
			i += n
			continue
		case b == '&':
			_, n := xmlEntity(data[i:])
			if n == 0 {
				return false
			}
			i += n
			continue
		case b == ']':
			if bytes.HasPrefix(data[i:], []byte("]]>")) {
				return false
			}
		case b == '<':
			if i+1 < len(data) && data[i+1] == '!' {
				return false
			}
		default: // a control character
			return false
		}
		i++
	}
	return true
}

// special marks the bytes checkChars must look at: all but printable ASCII
// other than & ] <, tab, newline and carriage return.
var special = func() (t [256]bool) {
	for b := range t {
		t[b] = b < 0x20 || b >= utf8.RuneSelf || b == '&' || b == ']' || b == '<'
	}
	t['\t'], t['\n'], t['\r'] = false, false, false
	return t
}()

// isXMLChar is encoding/xml's test of the characters XML allows.
func isXMLChar(r rune) bool {
	return r == 0x09 || r == 0x0A || r == 0x0D ||
		r >= 0x20 && r <= 0xD7FF ||
		r >= 0xE000 && r <= 0xFFFD ||
		r >= 0x10000 && r <= 0x10FFFF
}

// xmlEntity decodes the entity at the start of b ("&amp;", "&#233;",
// "&#xE9;") as encoding/xml does, returning the character and the entity's
// length, or n == 0 if encoding/xml would refuse it.
func xmlEntity(b []byte) (r rune, n int) {
	end := bytes.IndexByte(b, ';')
	if end < 2 {
		return 0, 0
	}
	name := b[1:end]
	switch string(name) {
	case "lt":
		return '<', end + 1
	case "gt":
		return '>', end + 1
	case "amp":
		return '&', end + 1
	case "apos":
		return '\'', end + 1
	case "quot":
		return '"', end + 1
	}
	if name[0] != '#' || len(name) < 2 {
		return 0, 0
	}
	digits, base := name[1:], uint64(10)
	if digits[0] == 'x' {
		digits, base = digits[1:], 16
	}
	if len(digits) == 0 || len(digits) > 8 {
		return 0, 0 // too long to be a character
	}
	var v uint64
	for _, c := range digits {
		var d uint64
		switch {
		case '0' <= c && c <= '9':
			d = uint64(c - '0')
		case base == 16 && 'a' <= c && c <= 'f':
			d = uint64(c-'a') + 10
		case base == 16 && 'A' <= c && c <= 'F':
			d = uint64(c-'A') + 10
		default:
			return 0, 0
		}
		v = v*base + d
	}
	if v > unicode.MaxRune {
		return 0, 0
	}
	r = rune(v)
	if !utf8.ValidRune(r) {
		r = utf8.RuneError // a surrogate becomes U+FFFD, as in encoding/xml
	}
	if !isXMLChar(r) {
		return 0, 0
	}
	return r, end + 1
}

// decode returns the text of raw character data or an attribute value:
// entities replaced and line ends normalised to \n, as encoding/xml does.
// raw has passed checkChars.
func decode(raw []byte) string {
	if bytes.IndexByte(raw, '&') < 0 && bytes.IndexByte(raw, '\r') < 0 {
		return string(raw)
	}
	var sb strings.Builder
	sb.Grow(len(raw)) // no entity is shorter than its character
	var prev byte
	for i := 0; i < len(raw); {
		b := raw[i]
		switch {
		case b == '&':
			r, n := xmlEntity(raw[i:])
			sb.WriteRune(r)
			i += n
			prev = 0
			continue
		case b == '\r':
			sb.WriteByte('\n')
		case b == '\n' && prev == '\r':
		default:
			sb.WriteByte(b)
		}
		prev = b
		i++
	}
	return sb.String()
}

// tokKind is the kind of a token the scanner returns.
type tokKind int

const (
	tokEOF tokKind = iota
	tokStart
	tokEnd
	tokText
)

// xattr is an attribute as written: its prefix, local name and raw value.
type xattr struct {
	prefix, local, raw []byte
}

// xscan splits a part into tokens. It takes only the plain XML that
// spreadsheet programs write, after checkChars: an optional declaration,
// one root element, start and end tags with quoted attributes, and text.
// It checks that end tags match, as encoding/xml does, and returns
// errUnsupported for anything else.
type xscan struct {
	data  []byte
	pos   int
	stack [][]byte // qualified names of the open elements
	done  bool     // the root element has ended

	// The current token.
	kind          tokKind
	prefix, local []byte // of a start or end tag
	attrs         []xattr
	text          []byte // raw character data
	empty         bool   // a start tag that closes itself: an end follows
}

func newScan(data []byte) (*xscan, error) {
	s := &xscan{data: data}
	if bytes.HasPrefix(data, []byte("<?")) {
		end := bytes.Index(data, []byte("?>"))
		if end < 0 || !plainDecl(data[2:end]) {
			return nil, errUnsupported
		}
		s.pos = end + 2
	}
	return s, nil
}

// plainDecl reports whether an XML declaration is version 1.0 in UTF-8, the
// only kind encoding/xml reads without a charset reader.
func plainDecl(decl []byte) bool {
	rest, ok := bytes.CutPrefix(decl, []byte("xml"))
	if !ok || len(rest) == 0 || !isSpace(rest[0]) {
		return false
	}
	buf := make([]byte, 0, len(rest)+2)
	s := xscan{data: append(append(buf, rest...), '/', '>')}
	if err := s.attributes(); err != nil || !s.empty || s.pos != len(s.data) {
		return false
	}
	for _, a := range s.attrs {
		v := decode(a.raw)
		switch {
		case len(a.prefix) > 0:
			return false
		case string(a.local) == "version":
			if v != "1.0" {
				return false
			}
		case string(a.local) == "encoding":
			if !strings.EqualFold(v, "utf-8") {
				return false
			}
		case string(a.local) != "standalone":
			return false
		}
	}
	return true
}

// next moves to the next token.
func (s *xscan) next() error {
	if s.empty {
		s.empty = false
		s.kind = tokEnd
		s.pop()
		return nil
	}
	data := s.data
	if s.pos >= len(data) {
		if len(s.stack) > 0 {
			return errUnsupported
		}
		s.kind = tokEOF
		return nil
	}
	if data[s.pos] != '<' {
		end := bytes.IndexByte(data[s.pos:], '<')
		if end < 0 {
			end = len(data) - s.pos
		}
		s.text = data[s.pos : s.pos+end]
		s.pos += end
		if len(s.stack) == 0 {
			// Outside the root only white space, which encoding/xml
			// would pass over.
			if len(bytes.TrimLeft(s.text, " \t\r\n")) > 0 {
				return errUnsupported
			}
			return s.next()
		}
		s.kind = tokText
		return nil
	}
	s.pos++
	if s.pos < len(data) && data[s.pos] == '/' {
		s.pos++
		qname, err := s.name()
		if err != nil {
			return err
		}
		for s.pos < len(data) && isSpace(data[s.pos]) {
			s.pos++
		}
		if s.pos >= len(data) || data[s.pos] != '>' || len(s.stack) == 0 || !bytes.Equal(s.stack[len(s.stack)-1], qname) {
			return errUnsupported
		}
		s.pos++
		s.split(qname)
		s.kind = tokEnd
		s.pop()
		return nil
	}
	if s.done {
		return errUnsupported // a second root, or a processing instruction
	}
	qname, err := s.name()
	if err != nil {
		return err
	}
	s.split(qname)
	if err := s.attributes(); err != nil {
		return err
	}
	s.stack = append(s.stack, qname)
	s.kind = tokStart
	return nil
}

func (s *xscan) pop() {
	s.stack = s.stack[:len(s.stack)-1]
	if len(s.stack) == 0 {
		s.done = true
	}
}

// name reads an element or attribute name: ASCII letters, digits, '_',
// '-' and '.', with at most one ':' between a prefix and a local name.
func (s *xscan) name() ([]byte, error) {
	start, colons := s.pos, 0
	for s.pos < len(s.data) {
		c := s.data[s.pos]
		if 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || c == '_' ||
			s.pos > start && ('0' <= c && c <= '9' || c == '-' || c == '.' || c == ':') {
			if c == ':' {
				colons++
			}
			s.pos++
			continue
		}
		break
	}
	n := s.data[start:s.pos]
	if len(n) == 0 || colons > 1 || n[len(n)-1] == ':' {
		return nil, errUnsupported
	}
	return n, nil
}

// split sets the current prefix and local name from a qualified name.
func (s *xscan) split(qname []byte) {
	s.prefix, s.local = nil, qname
	if i := bytes.IndexByte(qname, ':'); i >= 0 {
		s.prefix, s.local = qname[:i], qname[i+1:]
	}
}

// attributes reads the attributes of a start tag and its end, > or />.
func (s *xscan) attributes() error {
	s.attrs = s.attrs[:0]
	data := s.data
	for {
		sp := s.pos
		for s.pos < len(data) && isSpace(data[s.pos]) {
			s.pos++
		}
		if s.pos >= len(data) {
			return errUnsupported
		}
		switch data[s.pos] {
		case '>':
			s.pos++
			return nil
		case '/':
			if s.pos+1 >= len(data) || data[s.pos+1] != '>' {
				return errUnsupported
			}
			s.pos += 2
			s.empty = true
			return nil
		}
		if s.pos == sp {
			return errUnsupported // attributes must be separated by space
		}
		qname, err := s.name()
		if err != nil {
			return err
		}
		for s.pos < len(data) && isSpace(data[s.pos]) {
			s.pos++
		}
		if s.pos >= len(data) || data[s.pos] != '=' {
			return errUnsupported
		}
		s.pos++
		for s.pos < len(data) && isSpace(data[s.pos]) {
			s.pos++
		}
		if s.pos >= len(data) || data[s.pos] != '"' && data[s.pos] != '\'' {
			return errUnsupported
		}
		q := data[s.pos]
		end := bytes.IndexByte(data[s.pos+1:], q)
		if end < 0 {
			return errUnsupported
		}
		raw := data[s.pos+1 : s.pos+1+end]
		if bytes.IndexByte(raw, '<') >= 0 {
			return errUnsupported
		}
		s.pos += end + 2
		a := xattr{local: qname, raw: raw}
		if i := bytes.IndexByte(qname, ':'); i >= 0 {
			a.prefix, a.local = qname[:i], qname[i+1:]
		}
		s.attrs = append(s.attrs, a)
	}
}

// skip passes over the rest of the element just started, refusing any
// element inside it named in avoid.
func (s *xscan) skip(avoid ...string) error {
	if s.empty {
		return s.next()
	}
	depth := len(s.stack)
	for {
		if err := s.next(); err != nil {
			return err
		}
		switch s.kind {
		case tokStart:
			for _, a := range avoid {
				if string(s.local) == a {
					return errUnsupported
				}
			}
		case tokEnd:
			if len(s.stack) < depth {
				return nil
			}
		}
	}
}

// content reads the character data of the element just started, up to its
// end tag; an element inside it is unsupported.
func (s *xscan) content() (string, error) {
	if s.empty {
		return "", s.next()
	}
	var raw []byte
	for {
		if err := s.next(); err != nil {
			return "", err
		}
		switch s.kind {
		case tokText:
			if raw != nil {
				return "", errUnsupported
			}
			raw = s.text
		case tokStart:
			return "", errUnsupported
		case tokEnd:
			return decode(raw), nil
		}
	}
}

// attrType is how encoding/xml would parse an attribute into the field of
// excelize's model that it lands in.
type attrType uint8

const (
	attrString attrType = iota
	attrInt
	attrUint
	attrUint8
	attrUint32
	attrFloat
	attrBool
)

// checkAttrs checks the attributes of an element against the fields of
// excelize's model for it, which field gives, as encoding/xml matches them:
// by local name, whatever the prefix (even xmlns). A value that would not
// parse and a name given twice are unsupported. get, if not nil, is called
// with each known attribute's local name and decoded value.
func checkAttrs(attrs []xattr, field func(local []byte) (attrType, bool), get func(name, value []byte)) error {
	for i, a := range attrs {
		t, ok := field(a.local)
		if !ok {
			continue
		}
		for _, b := range attrs[:i] {
			if bytes.Equal(a.local, b.local) {
				return errUnsupported
			}
		}
		v := a.raw
		if bytes.IndexByte(v, '&') >= 0 || bytes.IndexByte(v, '\r') >= 0 {
			v = []byte(decode(v))
		}
		if !parses(t, v) {
			return errUnsupported
		}
		if get != nil {
			get(a.local, v)
		}
	}
	return nil
}

// parses reports whether encoding/xml would parse v into a field of type t.
func parses(t attrType, v []byte) bool {
	if len(v) == 0 || t == attrString {
		return true // encoding/xml reads an empty value as zero
	}
	if digits(v) && len(v) < 10 {
		switch t {
		case attrInt, attrUint, attrFloat:
			return true
		case attrUint8:
			return plainUint(v) <= 255
		case attrUint32:
			return true
		}
	}
	s := strings.TrimSpace(string(v))
	var err error
	switch t {
	case attrInt:
		_, err = strconv.ParseInt(s, 10, strconv.IntSize)
	case attrUint:
		_, err = strconv.ParseUint(s, 10, strconv.IntSize)
	case attrUint8:
		_, err = strconv.ParseUint(s, 10, 8)
	case attrUint32:
		_, err = strconv.ParseUint(s, 10, 32)
	case attrFloat:
		_, err = strconv.ParseFloat(s, 64)
	case attrBool:
		_, err = strconv.ParseBool(s)
	}
	return err == nil
}

// digits reports whether b is all decimal digits.
func digits(b []byte) bool {
	for _, c := range b {
		if c < '0' || c > '9' {
			return false
		}
	}
	return len(b) > 0
}

// plainUint returns the value of up to nine digits.
func plainUint(b []byte) int {
	n := 0
	for _, c := range b {
		n = n*10 + int(c-'0')
	}
	return n
}

// bstrExp matches the _xHHHH_ escapes of ST_Xstring.
var bstrExp = regexp.MustCompile(`_x[a-fA-F\d]{4}_`)

// bstrUnmarshal decodes the _xHHHH_ escapes in shared and inline strings
// exactly as excelize does, including its treatment of escapes that are not
// characters (they vanish).
func bstrUnmarshal(s string) string {
	if !strings.Contains(s, "_x") {
		return s
	}
	var sb strings.Builder
	cursor := 0
	for _, m := range bstrExp.FindAllStringIndex(s, -1) {
		sb.WriteString(s[cursor:m[0]])
		cursor = m[1]
		if s[m[0]:m[1]] == "_x005F_" {
			sb.WriteString("_")
			continue
		}
		v, _ := strconv.Unquote(`"\u` + s[m[0]+2:m[1]-1] + `"`)
		sb.WriteString(v)
	}
	sb.WriteString(s[cursor:])
	return sb.String()
}
