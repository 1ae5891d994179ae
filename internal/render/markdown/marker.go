package markdown

import "strconv"

// marker is a list's marker: a list after a list of the same kind takes
// the other one, or readers would join them.
type marker int

const (
	noList   marker = iota
	bullet          // "-"
	bullet2         // "*"
	ordered         // "1."
	ordered2        // "1)"
)

// unless returns m, or its alternative when m is avoid.
func (m marker) unless(avoid marker) marker {
	if m != avoid {
		return m
	}
	switch m {
	case bullet:
		return bullet2
	case ordered:
		return ordered2
	}
	return m
}

// append appends the marker of item n (from 1).
func (m marker) append(b []byte, n int) []byte {
	switch m {
	case bullet2:
		return append(b, '*')
	case ordered:
		return append(strconv.AppendInt(b, int64(n), 10), '.')
	case ordered2:
		return append(strconv.AppendInt(b, int64(n), 10), ')')
	}
	return append(b, '-')
}
