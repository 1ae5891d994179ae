package html

import (
	"strconv"
	"strings"
)

// ids hands out the document's element ids: each is made of ASCII letters,
// digits, '-' and '_', starts with a letter, and is given once. A document
// id (a heading's or a row's) keeps its sanitised form when free and gains
// a "-2", "-3"… suffix otherwise; links name the id through byDoc, so a
// link and its target are sanitised the same way.
type ids struct {
	used  map[string]bool
	byDoc map[string]string // the tree's ID → the id written
}

func newIDs() *ids {
	return &ids{used: map[string]bool{}, byDoc: map[string]string{}}
}

// doc registers the tree's id and returns the id to write. A repeated tree
// id gets an id of its own; links go to its first holder.
func (r *ids) doc(id string) string {
	if id == "" {
		return ""
	}
	out := r.unique(sanitize(id))
	if _, ok := r.byDoc[id]; !ok {
		r.byDoc[id] = out
	}
	return out
}

// unique returns base, or base with the first free numeric suffix.
func (r *ids) unique(base string) string {
	id := base
	for n := 2; r.used[id]; n++ {
		id = base + "-" + strconv.Itoa(n)
	}
	r.used[id] = true
	return id
}

// target returns the id a "#id" link names, and false when nothing in the
// document has that id.
func (r *ids) target(id string) (string, bool) {
	out, ok := r.byDoc[id]
	return out, ok
}

// sanitize maps s to an id: runs of anything but ASCII letters, digits, '-'
// and '_' become one '-', and an id that would not start with a letter is
// prefixed with "id-".
func sanitize(s string) string {
	var b strings.Builder
	b.Grow(len(s) + 3)
	dash := false
	for _, r := range s {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r == '_', r == '-':
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
		default:
			dash = true
		}
	}
	out := b.String()
	if out == "" || !isLetter(out[0]) {
		out = "id-" + out
	}
	return strings.TrimRight(out, "-")
}

func isLetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }
