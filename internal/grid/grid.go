// Package grid describes the layout of a goldenthread evaluation-grid
// workbook: its sheets, where each keeps its cells, the formulas it holds,
// and the record of all that kept in the workbook's very hidden sheet.
//
// The xlsx renderer writes grids to this layout and package score reads
// completed grids back with it, so the writer and the reader cannot drift
// apart. Everything here is derived from a Meta, which is exactly what the
// hidden sheet records.
package grid

import (
	"math"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"
)

// Names of the fixed sheets.
const (
	Guide      = "Guide"
	Questions  = "Questions"
	Moderation = "Moderation"
	Summary    = "Summary"
	MetaSheet  = "_goldenthread"
)

// Format marks the hidden sheet of a goldenthread grid; Layout is the version
// of the cell layout described by this package. A reader refuses any other
// layout rather than guess where cells are.
//
// Layout 2 added the procurement lead's decision on a declared interest
// beside each conflict-of-interest declaration. Layout 3 added the
// Summary's ranking: each bidder's position, and under the bidders the
// ranking itself, in order, with ties marked and each score's share of the
// whole evaluation. Readers still read layout 2.
const (
	Format = "goldenthread-grid"
	Layout = "3"
)

// Layouts are the layouts readers read.
var Layouts = []string{"2", Layout}

// Limits on what one grid holds. They keep every sheet small enough to read
// back safely and to print; a reader refuses records beyond them.
const (
	MaxPanel     = 20
	MaxBidders   = 30
	MaxQuestions = 100
	MaxSheetName = 31 // UTF-16 code units, as Excel counts them
)

// Question kinds, as in library.QuestionKinds.
const (
	Scored      = "scored"
	PassFail    = "pass-fail"
	Information = "information"
)

// Values and words the grid's formulas use.
const (
	Pass          = "Pass"
	Fail          = "Fail"
	Discuss       = "Discuss"
	Incomplete    = "incomplete"
	BelowPassMark = "Below pass mark"
)

// Meta is everything a reader must know about a grid to find and check its
// cells. The hidden sheet records it, with a digest.
type Meta struct {
	Tool      string // goldenthread version that made the grid
	Title     string // procurement title
	Reference string // procurement reference
	Employer  string
	Date      string // document date, YYYY-MM-DD, or ""
	Language  string

	Panel     []Evaluator
	Bidders   []string
	Questions []Question

	// DeclRow is the Guide row that heads the conflict-of-interest
	// declarations; one row per evaluator follows it.
	DeclRow int

	// Layout is the layout the grid was written in: Layout for a new one.
	Layout string
	// SocialValue is the percentage of the whole evaluation the grid's
	// scored questions carry, or 0 when the profile gives none (layout 3).
	SocialValue float64

	// Part is 0 for a whole grid, or e+1 for the workbook that panel member
	// e scores in on their own and returns (layout 3): it holds the Guide,
	// the Questions and their sheet only.
	Part int

	rows *rowTable // the sections' rows, worked out on first use
}

// Return reports whether m is one panel member's workbook, and whose.
func (m *Meta) Return() (e int, ok bool) { return m.Part - 1, m.Part > 0 }

// SameGrid reports whether m and o are parts of one grid: the same record
// apart from the part.
func (m *Meta) SameGrid(o *Meta) bool {
	a, b := *m, *o
	a.Part, b.Part, a.rows, b.rows = 0, 0, nil, nil
	return Digest(a.Rows()) == Digest(b.Rows())
}

// Scored reports whether any of the grid's questions is scored: a round
// of pass or fail questions alone has no quality score to rank by, and
// from layout 3 ranks no one.
func (m *Meta) Scored() bool {
	return slices.ContainsFunc(m.Questions, func(q Question) bool { return q.Kind == Scored })
}

// Ranked reports whether the grid has the Summary's ranking (layout 3).
func (m *Meta) Ranked() bool { return m.layout() != "2" }

func (m *Meta) layout() string {
	if m.Layout == "" {
		return Layout
	}
	return m.Layout
}

// Evaluator is one panel member and the sheet they score on.
type Evaluator struct {
	Sheet string // sheet name, made safe and unique
	Name  string // name as given
}

// Question is one evaluation question as the grid scores it.
type Question struct {
	Ref   string // "Q1"
	Kind  string // Scored, PassFail or Information
	Scale string // scale id, for people reading the record

	// Points are the scores allowed, ascending; only scored questions have
	// them.
	Points []float64

	// Weight is the question's share of this grid's quality score; the
	// weights of the scored questions add up to 100.
	Weight float64

	// PassMark is the lowest consensus score that does not fail the bidder;
	// HasPassMark says whether there is one.
	PassMark    float64
	HasPassMark bool

	// Flag is the spread of evaluators' scores at or above which
	// moderation marks the question for discussion.
	Flag float64

	// Stage is "selection" or "award" (layout 3): the evaluator sheets and
	// the Moderation sheet set each stage's questions apart under a
	// heading, and the Summary says which bidders fail at selection.
	Stage string
}

// Max returns the highest score a scored question allows.
func (q *Question) Max() float64 {
	if len(q.Points) == 0 {
		return 0
	}
	return q.Points[len(q.Points)-1]
}

// Moderated reports whether the panel agrees a consensus on q: every
// question except an information one.
func (q *Question) Moderated() bool { return q.Kind == Scored || q.Kind == PassFail }

// OnScale reports whether v is one of q's points.
func (q *Question) OnScale(v float64) bool {
	return slices.ContainsFunc(q.Points, func(p float64) bool { return math.Abs(p-v) < 1e-9 })
}

// UTF16Len counts s in UTF-16 code units, as Excel measures text limits.
func UTF16Len(s string) int {
	n := 0
	for _, r := range s {
		n += utf16.RuneLen(r)
	}
	return n
}

// CheckSheetName reports what is wrong with name as a sheet name, or "".
func CheckSheetName(name string) string {
	switch {
	case name == "":
		return "is empty"
	case UTF16Len(name) > MaxSheetName:
		return "is longer than 31 characters"
	case strings.HasPrefix(name, "'") || strings.HasSuffix(name, "'"):
		return "starts or ends with an apostrophe"
	case strings.ContainsAny(name, `:\/?*[]`):
		return `contains one of : \ / ? * [ ]`
	}
	for _, r := range name {
		if r < 0x20 || r == 0x7f {
			return "contains a control character"
		}
	}
	return ""
}

// reserved are names a panel member's sheet may not take: the grid's own
// sheets, and "History", which Excel reserves.
var reserved = []string{Guide, Questions, Moderation, Summary, MetaSheet, "History"}

// Reserved reports whether name clashes, ignoring case, with a sheet name
// the grid keeps for itself.
func Reserved(name string) bool { return taken(name, reserved) }

// SheetNames makes a sheet name for each panel member: characters Excel
// forbids become "-", a name longer than Excel's 31 characters is shortened
// (see shorten), and a name that is empty, reserved, or already taken
// (ignoring case, as Excel compares) gets a number: "Ann (2)". The sheet
// itself shows the name in full.
func SheetNames(names []string) []string {
	out := make([]string, len(names))
	for i, n := range names {
		base := sheetBase(n)
		if base == "" {
			base = "Evaluator " + strconv.Itoa(i+1)
		}
		name := shorten(base, MaxSheetName)
		for k := 2; Reserved(name) || taken(name, out[:i]); k++ {
			suffix := " (" + strconv.Itoa(k) + ")"
			name = shorten(base, MaxSheetName-len(suffix)) + suffix
		}
		out[i] = name
	}
	return out
}

// shorten fits a name into n UTF-16 code units so that people can still
// tell it apart: a name that ends with a part in brackets, as "Procurement
// lead (Gwenllïan ap Rhys)" does, becomes that part, which names the
// person (when it starts with a capital letter); any other is cut at a space, never inside brackets, and ends
// with "…".
func shorten(name string, n int) string {
	if UTF16Len(name) <= n {
		return name
	}
	if i := strings.LastIndexByte(name, '('); i > 0 && strings.HasSuffix(name, ")") {
		inner := trimName(name[i+1 : len(name)-1])
		if first, _ := utf8.DecodeRuneInString(inner); unicode.IsUpper(first) && UTF16Len(inner) <= n && !strings.ContainsAny(inner, "()") {
			return inner // a name, not a note such as "(interim)"
		}
	}
	s := cut(name, n-1)
	if rest := name[len(s):]; !strings.HasPrefix(rest, " ") {
		// s ends inside a word: end it at the space before.
		if j := strings.LastIndexByte(s, ' '); j >= len(s)/2 {
			s = s[:j]
		}
	}
	if strings.Count(s, "(") > strings.Count(s, ")") {
		if j := strings.LastIndexByte(s, '('); j > 0 {
			s = s[:j]
		}
	}
	return trimName(strings.TrimRight(s, " ,;-–")) + "…"
}

// taken reports whether name is in used, ignoring case.
func taken(name string, used []string) bool {
	return slices.ContainsFunc(used, func(u string) bool { return strings.EqualFold(u, name) })
}

// sheetBase makes s safe as a sheet name, apart from its length.
func sheetBase(s string) string {
	s = strings.Map(func(r rune) rune {
		switch {
		case strings.ContainsRune(`:\/?*[]`, r):
			return '-'
		case r < 0x20 || r == 0x7f:
			return ' '
		}
		return r
	}, s)
	return trimName(strings.Join(strings.Fields(s), " "))
}

// trimName strips the apostrophes and spaces a sheet name may not start or
// end with.
func trimName(s string) string {
	return strings.Trim(s, "' ")
}

// cut shortens s to at most n UTF-16 code units, whole characters only.
func cut(s string, n int) string {
	if UTF16Len(s) <= n {
		return s
	}
	used := 0
	for i, r := range s {
		if used+utf16.RuneLen(r) > n {
			return trimName(s[:i])
		}
		used += utf16.RuneLen(r)
	}
	return s
}
