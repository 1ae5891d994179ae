// Package diag collects problems found in user input, each with the file,
// line and column it concerns, and reports them all at once, sorted, in the
// file:line:col: message form editors and people both understand.
package diag

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
)

// Pos is a position in a file. Line and Col count from 1; Col counts
// characters, not bytes, so it matches what an editor shows. A zero Line means
// the position within the file is unknown.
type Pos struct {
	File string
	Line int
	Col  int
}

func (p Pos) String() string {
	switch {
	case p.File == "" && p.Line == 0:
		return ""
	case p.Line == 0:
		return p.File
	default:
		return fmt.Sprintf("%s:%d:%d", p.File, p.Line, p.Col)
	}
}

// Severity says whether a problem stops the run.
type Severity int

// Severities, most severe first.
const (
	Error Severity = iota
	Warning
	Note
)

// Problem is one finding.
type Problem struct {
	Pos      Pos
	Severity Severity
	Msg      string
	// Part names the part of the input the problem concerns when only some
	// outputs need that part ("scoring"), so that a caller writing other
	// outputs can set it aside with Demote; "" for problems that concern
	// every output.
	Part string
}

func (p Problem) String() string {
	var b strings.Builder
	if s := p.Pos.String(); s != "" {
		b.WriteString(s)
		b.WriteString(": ")
	}
	switch p.Severity {
	case Warning:
		b.WriteString("warning: ")
	case Note:
		b.WriteString("note: ")
	}
	b.WriteString(p.Msg)
	return b.String()
}

// List is a list of problems; the zero value is ready to use.
type List []Problem

// Add appends an error at pos.
func (l *List) Add(pos Pos, format string, args ...any) {
	*l = append(*l, Problem{Pos: pos, Severity: Error, Msg: fmt.Sprintf(format, args...)})
}

// Warn appends a warning at pos.
func (l *List) Warn(pos Pos, format string, args ...any) {
	*l = append(*l, Problem{Pos: pos, Severity: Warning, Msg: fmt.Sprintf(format, args...)})
}

// Notef appends a note at pos: information that is neither error nor warning.
func (l *List) Notef(pos Pos, format string, args ...any) {
	*l = append(*l, Problem{Pos: pos, Severity: Note, Msg: fmt.Sprintf(format, args...)})
}

// Demote returns l with the errors of part made warnings, each ending with
// note: for a caller whose outputs do not need that part.
func (l List) Demote(part, note string) List {
	out := make(List, len(l))
	for i, p := range l {
		if p.Part == part && p.Severity == Error {
			p.Severity = Warning
			p.Msg += " " + note
		}
		out[i] = p
	}
	return out
}

// Enum adds an error at pos when value is set and not one of allowed,
// naming what the value is ("unknown stage \"x\" (did you mean …); use one
// of: …").
func (l *List) Enum(pos Pos, what, value string, allowed []string) {
	if value == "" || slices.Contains(allowed, value) {
		return
	}
	l.Add(pos, "unknown %s %q%s; use one of: %s", what, value, DidYouMean(value, allowed), strings.Join(allowed, ", "))
}

// Sort orders problems by file, line, column, then message, and drops exact
// duplicates.
func (l List) Sort() List {
	slices.SortStableFunc(l, func(a, b Problem) int {
		return cmp.Or(
			cmp.Compare(a.Pos.File, b.Pos.File),
			cmp.Compare(a.Pos.Line, b.Pos.Line),
			cmp.Compare(a.Pos.Col, b.Pos.Col),
			cmp.Compare(a.Severity, b.Severity),
			cmp.Compare(a.Msg, b.Msg),
		)
	})
	return slices.Compact(l)
}

// Count returns the number of problems of severity s.
func (l List) Count(s Severity) int { return len(l.Only(s)) }

// Only returns the problems of severity s.
func (l List) Only(s Severity) List {
	return slices.DeleteFunc(slices.Clone(l), func(p Problem) bool { return p.Severity != s })
}

// Err returns an error holding the errors of l (not warnings or notes), or nil
// when there are none.
func (l List) Err() error {
	errs := l.Only(Error)
	if len(errs) == 0 {
		return nil
	}
	return &Errors{List: errs.Sort()}
}

// Errors is an error made of one or more problems.
type Errors struct{ List List }

func (e *Errors) Error() string {
	lines := make([]string, len(e.List))
	for i, p := range e.List {
		lines[i] = p.String()
	}
	return strings.Join(lines, "\n")
}

// Suggest returns the candidate closest to s by edit distance when it is
// close enough to be a likely typo, or "".
func Suggest(s string, candidates []string) string {
	limit := min(4, max(1, len([]rune(s))/3))
	best, bestD := "", limit+1
	for _, c := range candidates {
		if d := distance(s, c); d < bestD {
			best, bestD = c, d
		}
	}
	return best
}

// distance is the edit distance between a and b, in runes, counting two
// neighbouring characters swapped ("lsit", "titel") as one edit, as people
// type them (optimal string alignment distance).
func distance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev2 := make([]int, len(rb)+1)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			c := 1
			if ra[i-1] == rb[j-1] {
				c = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+c)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(rb)]
}

// DidYouMean formats a " (did you mean %q?)" suffix, or "" when there is no
// close candidate.
func DidYouMean(s string, candidates []string) string {
	if c := Suggest(s, candidates); c != "" {
		return fmt.Sprintf(" (did you mean %q?)", c)
	}
	return ""
}
