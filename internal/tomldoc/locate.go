// Package tomldoc decodes TOML documents strictly: every unknown key, wrong
// type and missing field is reported with the exact line and column of the
// key or value it concerns, and all problems are reported in one pass.
//
// Parse reads a document in one pass that gives both the values, exactly as
// BurntSushi/toml would decode them, and where every key, table header and
// array element starts, which toml does not export. Whatever that pass
// rejects goes to toml, whose error message and position are reported.
package tomldoc

import (
	"strconv"
	"strings"
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
// value. It is compact, as there is one for every key of every file.
type spot struct{ key, val pos32 }

type pos32 struct{ line, col, off int32 }

func (p pos32) position() Position { return Position{int(p.line), int(p.col), int(p.off)} }

func compact(p Position) pos32 { return pos32{int32(p.Line), int32(p.Col), int32(p.Off)} }

// Locator maps paths to source positions.
//
// Its nodes form a tree: each node lists its children (keys or array
// elements) in a chain, newest first, which is quick to walk for the few
// keys a table usually has. A node that gets more than manyKids children
// has them indexed in a map as well, so a table or array with thousands of
// entries is not walked one by one.
type Locator struct {
	nodes []node         // nodes[0] is the top level
	big   map[step]int32 // children of nodes with more than manyKids
}

// node is one key, table or element: where it appears (line 0 if not
// recorded), its name in its parent, and its children.
type node struct {
	spot
	elem        string
	first, next int32 // first child; next sibling (0: none)
	kids        int32 // how many children
}

// manyKids is the number of children above which a node's children are
// found through the map rather than by walking the chain.
const manyKids = 32

// step leads from a node to the node of one of its keys or elements.
type step struct {
	parent int32
	elem   string
}

func newLocator(size int) *Locator {
	return &Locator{nodes: make([]node, 1, size+1)}
}

// lookup returns the child of parent named elem, if there is one.
func (l *Locator) lookup(parent int32, elem string) (int32, bool) {
	n := &l.nodes[parent]
	if n.kids > manyKids {
		id, ok := l.big[step{parent, elem}]
		return id, ok
	}
	for c := n.first; c != 0; c = l.nodes[c].next {
		if l.nodes[c].elem == elem {
			return c, true
		}
	}
	return 0, false
}

// child returns the node for elem below parent, adding it if it is new.
func (l *Locator) child(parent int32, elem string) int32 {
	if id, ok := l.lookup(parent, elem); ok {
		return id
	}
	id := int32(len(l.nodes))
	l.nodes = append(l.nodes, node{elem: elem, next: l.nodes[parent].first})
	n := &l.nodes[parent]
	n.first = id
	n.kids++
	switch {
	case n.kids == manyKids+1:
		if l.big == nil {
			l.big = map[step]int32{}
		}
		for c := id; c != 0; c = l.nodes[c].next {
			l.big[step{parent, l.nodes[c].elem}] = c
		}
	case n.kids > manyKids:
		l.big[step{parent, elem}] = id
	}
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
		if id, ok = l.lookup(id, e); !ok {
			return spot{}, false
		}
	}
	s := l.nodes[id].spot
	return s, s.key.line > 0
}

// Key returns the position of the key (or table header, or array element)
// named by p, and whether it was found.
func (l *Locator) Key(p Path) (Position, bool) {
	s, ok := l.find(p)
	return s.key.position(), ok
}

// Value returns the position where the value of p starts.
func (l *Locator) Value(p Path) (Position, bool) {
	s, ok := l.find(p)
	return s.val.position(), ok
}

// Nearest returns the position of the longest prefix of p that is known,
// falling back to 1:1; found reports whether p itself was known.
func (l *Locator) Nearest(p Path, value bool) (pos Position, found bool) {
	pos = Position{1, 1, 0}
	id := int32(0)
	for i, e := range p {
		next, ok := l.lookup(id, e)
		if !ok {
			break
		}
		id = next
		if s := l.nodes[id].spot; s.key.line > 0 {
			pos, found = s.key.position(), i == len(p)-1
			if value {
				pos = s.val.position()
			}
		}
	}
	return pos, found || len(p) == 0
}

// Locate records the position of every key, table header and array element
// of src. On input that is not valid TOML it returns what it found before the
// first problem; it never panics.
func Locate(src string) *Locator {
	_, l, _ := parse(src)
	return l
}
