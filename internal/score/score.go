// Package score reads a completed evaluation grid back: it recognises the
// grids goldenthread made, refuses any whose layout was changed, recomputes
// every total in Go from the evaluators' scores and the panel's consensus
// scores (never trusting what the workbook's formulas last showed), and
// reports each problem a panel must resolve by sheet and cell.
//
// The workbook is treated as untrusted input: its size and the size of every
// part are limited before it is parsed, and no input makes Read panic.
package score

import (
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/goldenthread/goldenthread/internal/grid"
	"github.com/goldenthread/goldenthread/internal/xlsxsafe"
)

// Status is a bidder's standing once the consensus scores are in.
type Status string

// A bidder passes, fails, or cannot be judged yet.
const (
	Pass       Status = "pass"
	Fail       Status = "fail"
	Incomplete Status = "incomplete"
)

// Kind says what sort of problem a Problem is.
type Kind string

// Kinds of problem.
const (
	MissingScore       Kind = "missing-score"
	BadScore           Kind = "bad-score"
	MissingConsensus   Kind = "missing-consensus"
	BadConsensus       Kind = "bad-consensus"
	MissingReason      Kind = "missing-reason"
	MissingDeclaration Kind = "missing-declaration"
	DeclaredInterest   Kind = "declared-interest" // with no decision recorded
	ChangedFormula     Kind = "changed-formula"
	Disagrees          Kind = "disagrees"
)

// Problem is one thing in a grid that the panel must put right, at a cell.
type Problem struct {
	Sheet    string
	Col, Row int // 0 when the problem is with the sheet as a whole
	Kind     Kind
	Msg      string
}

// Cell returns where the problem is, as a spreadsheet writes it:
// 'Siân Ŵyn'!D7.
func (p Problem) Cell() string {
	if p.Col == 0 || p.Row == 0 {
		return grid.QuoteSheet(p.Sheet)
	}
	return grid.Ref(p.Sheet, p.Col, p.Row)
}

// String returns the problem as the report prints it: cell, then message.
func (p Problem) String() string { return p.Cell() + ": " + p.Msg }

// LayoutError lists the places where a grid no longer matches the layout it
// records. errors.Is(err, ErrLayout) holds for it.
type LayoutError struct {
	Problems []Problem
}

// Error returns one line per problem.
func (e *LayoutError) Error() string {
	lines := make([]string, len(e.Problems))
	for i, p := range e.Problems {
		lines[i] = p.String()
	}
	return strings.Join(lines, "\n")
}

// Unwrap returns ErrLayout.
func (e *LayoutError) Unwrap() error { return ErrLayout }

// notGrid is ErrNotGrid with a message that names the cell at fault.
type notGrid struct{ msg string }

func (e *notGrid) Error() string { return e.msg }
func (e *notGrid) Unwrap() error { return ErrNotGrid }

// Evaluator is a panel member.
type Evaluator struct {
	Name        string
	Sheet       string
	Declaration Declaration
}

// Declaration is how far an evaluator's conflict-of-interest declaration on
// the Guide sheet has got.
type Declaration struct {
	Made     bool // something is written in the declaration cell
	Interest bool // what is written declares an interest (see Result.Interests)
	Decided  bool // the procurement lead recorded a decision on the interest
	Signed   bool
	Dated    bool
}

// Progress is how far the panel has got, counted from the cells a panel
// fills in. Scores and consensus scores count when they are valid; those
// that are not are among the problems.
type Progress struct {
	// Cells is the number of score cells each evaluator fills in, and of
	// rows at moderation: every bidder on every scored and pass/fail
	// question.
	Cells int

	Scored    []int // valid scores, per evaluator in panel order
	Consensus int   // valid consensus scores
	Reasons   int   // reasons recorded for consensus scores

	// Declaring, Scoring and Moderating say whether anything at all has
	// been entered in the declarations (any part of one), the
	// evaluators' score cells, and the consensus scores and reasons.
	Declaring, Scoring, Moderating bool
}

// Blank reports whether nothing at all has been entered.
func (p Progress) Blank() bool { return !p.Declaring && !p.Scoring && !p.Moderating }

// Untouched reports whether problems of kind k are about cells nobody has
// begun to fill in: every declaration, score or consensus score is still
// empty, so each problem of the kind says only that.
func (p Progress) Untouched(k Kind) bool {
	switch k {
	case MissingDeclaration:
		return !p.Declaring
	case MissingScore:
		return !p.Scoring
	case MissingConsensus:
		return !p.Moderating
	}
	return false
}

// Question is an evaluation question as the grid recorded it.
type Question struct {
	Ref      string
	Title    string // as Moderation labels it; "" for information questions
	Kind     string // "scored", "pass-fail" or "information"
	Scale    string // scale id
	Max      float64
	Weight   float64  // share of the grid's 100
	PassMark *float64 // nil when none
	Flag     float64  // spread at or above which moderation discusses it
}

// Bidder is one bidder's result.
type Bidder struct {
	No   int // 1-based, as on the Summary sheet
	Name string

	// Score is the weighted quality score out of 100, rounded to four
	// decimal places as the workbook rounds it. It counts only when Status
	// is not Incomplete.
	Score  float64
	Status Status

	// Rank is the bidder's place among passing bidders (tied bidders share
	// a place); 0 for a bidder who does not pass or while any bidder is
	// incomplete.
	Rank int
	// Selection is whether the bidder passed selection, its pass or fail
	// questions (Pass, Fail, or Incomplete while a consensus score is
	// missing); "" when the grid has no selection questions or is layout 2.
	Selection Status
	// Tied says another passing bidder has the same score and rank: the
	// ranking shows the rank as "3=".
	Tied bool
	// Share is the score's share of the whole evaluation: the score times
	// the social value weighting the grid records, when it records one and
	// ranks are final; else 0.
	Share float64

	Failed  []string // refs of the questions the bidder failed
	Missing int      // consensus scores missing or unusable
}

// Mark is one entry in a score cell.
type Mark struct {
	Entered string  // as entered, "" when empty
	Value   float64 // the score; for pass/fail 1 is Pass and 0 is Fail
	OK      bool    // a valid score on the question's scale
}

// Item is one question for one bidder at moderation.
type Item struct {
	Question int // index into Result.Questions
	Bidder   int // index into Result.Bidders
	Row      int // Moderation row

	Scores []Mark // one per evaluator, in panel order

	// Lowest, Highest and Spread are over the valid scores; HasSpread is
	// false when there are none. For pass/fail, Spread is 1 when evaluators
	// disagree.
	Lowest, Highest, Spread float64
	HasSpread               bool
	Flagged                 bool // Spread at or above the question's flag

	Consensus Mark
	Reason    string
	Weighted  float64 // consensus ÷ maximum × weight; 0 unless scored and valid
	Failed    bool    // a Fail, or below the pass mark
}

// Interest is a conflict of interest an evaluator declared on the Guide
// sheet, with what the procurement lead decided about it.
type Interest struct {
	Evaluator int    // index into Result.Panel
	Row       int    // Guide row of the declaration
	Declared  string // the declaration as written
	Decision  string // the procurement lead's decision; "" when none is recorded
}

// Result is a completed grid read back and worked out again.
type Result struct {
	Tool      string // goldenthread version that made the grid
	Title     string // procurement title
	Reference string
	Employer  string
	Date      string // YYYY-MM-DD or ""
	Layout    string // the grid's layout: "2" has no ranking on its Summary

	Panel     []Evaluator
	Questions []Question
	Bidders   []Bidder
	Items     []Item // question by question, bidder by bidder

	// Interests are the conflicts of interest evaluators declared, in
	// panel order. Their scores count as entered whatever was decided:
	// an evaluator removed from the panel needs a new grid.
	Interests []Interest

	// RanksFinal is true when every bidder is complete, so ranks stand.
	RanksFinal bool
	// Ranking lists the bidders in the order of the Summary's ranking:
	// passing bidders by score, higher first, then the others, bidders'
	// numbers breaking ties; while ranks are not final, in their own order.
	Ranking []Bidder

	problems []Problem
}

// Problems returns every problem found, in workbook order: sheet by sheet,
// row by row.
func (r *Result) Problems() []Problem { return slices.Clone(r.problems) }

// Complete reports whether the grid has no problems: every score,
// consensus score, reason and declaration is in, the procurement lead has
// recorded a decision on every interest declared, and the workbook's own
// totals agree with goldenthread's.
func (r *Result) Complete() bool { return len(r.problems) == 0 }

// Progress counts what the panel has filled in so far.
func (r *Result) Progress() Progress {
	p := Progress{Cells: len(r.Items), Scored: make([]int, len(r.Panel))}
	for _, it := range r.Items {
		for e, s := range it.Scores {
			if s.OK {
				p.Scored[e]++
			}
			p.Scoring = p.Scoring || s.Entered != ""
		}
		if it.Consensus.OK {
			p.Consensus++
		}
		if it.Reason != "" {
			p.Reasons++
		}
		p.Moderating = p.Moderating || it.Consensus.Entered != "" || it.Reason != ""
	}
	for _, e := range r.Panel {
		d := e.Declaration
		p.Declaring = p.Declaring || d.Made || d.Signed || d.Dated || d.Decided
	}
	return p
}

// Flagged returns the items whose spread reached the flag.
func (r *Result) Flagged() []Item {
	var out []Item
	for _, it := range r.Items {
		if it.Flagged {
			out = append(out, it)
		}
	}
	return out
}

// Read reads a completed grid of size bytes from r.
//
// It returns an error wrapping ErrTooLarge or ErrNotWorkbook for a file it
// will not open, ErrNotGrid for a workbook goldenthread did not make (or
// whose hidden record was altered), and a *LayoutError for a grid whose
// sheets or header cells were changed. Problems with the scores themselves
// are not errors: they are in Result.Problems.
func Read(r io.ReaderAt, size int64) (*Result, error) {
	f, err := xlsxsafe.Open(r, size)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	rd := &reader{f: f}
	if err := rd.meta(); err != nil {
		return nil, err
	}
	if e, ok := rd.m.Return(); ok {
		return nil, fmt.Errorf("%w: this is %s's own workbook, one part of a split grid: score the moderation workbook with the panel's returned workbooks after it", ErrReturn, rd.m.Panel[e].Name)
	}
	if err := rd.checkLayout(); err != nil {
		return nil, err
	}
	return rd.result(), nil
}

// reader reads one workbook.
type reader struct {
	f *excelize.File
	m *grid.Meta

	problems []Problem
}

func (rd *reader) meta() error {
	names, err := xlsxsafe.SheetList(rd.f)
	if err != nil {
		return err
	}
	found := ""
	for _, n := range names {
		if strings.EqualFold(n, grid.MetaSheet) {
			found = n
		}
	}
	if found == "" {
		return &notGrid{fmt.Sprintf("%v: it has no %s sheet; score reads only grids made by goldenthread grid", ErrNotGrid, grid.MetaSheet)}
	}
	rows, err := rd.f.GetRows(found)
	if err != nil {
		return &notGrid{fmt.Sprintf("%v: cannot read the %s sheet (%v)", ErrNotGrid, grid.MetaSheet, err)}
	}
	m, err := grid.Decode(rows)
	if err != nil {
		return &notGrid{err.Error()}
	}
	rd.m = m
	return nil
}

// cellKind is what a cell holds.
type cellKind int

const (
	empty cellKind = iota
	number
	text
	formula
	other // a logical value, an error value or a date
)

type cell struct {
	kind cellKind
	raw  string // the value as stored; for a formula, the formula
	num  float64
}

// get reads a cell. A cell excelize cannot read counts as other, so one
// damaged cell is reported where it is rather than stopping the read.
func (rd *reader) get(sheet string, col, row int) cell {
	ref := grid.Cell(col, row)
	if fm, err := rd.f.GetCellFormula(sheet, ref); err != nil {
		return cell{kind: other, raw: "(unreadable)"}
	} else if fm != "" {
		return cell{kind: formula, raw: fm}
	}
	v, err := rd.f.GetCellValue(sheet, ref)
	if err != nil {
		return cell{kind: other, raw: "(unreadable)"}
	}
	t, err := rd.f.GetCellType(sheet, ref)
	if err != nil {
		return cell{kind: other, raw: v}
	}
	switch {
	case v == "":
		return cell{kind: empty}
	case t == excelize.CellTypeUnset || t == excelize.CellTypeNumber:
		n, err := strconv.ParseFloat(v, 64)
		if err != nil || math.IsInf(n, 0) || math.IsNaN(n) {
			return cell{kind: other, raw: v}
		}
		return cell{kind: number, raw: v, num: n}
	case t == excelize.CellTypeSharedString || t == excelize.CellTypeInlineString || t == excelize.CellTypeFormula:
		return cell{kind: text, raw: v}
	}
	return cell{kind: other, raw: v}
}

// str reads a cell as text, whatever it holds.
func (rd *reader) str(sheet string, col, row int) string {
	v, err := rd.f.GetCellValue(sheet, grid.Cell(col, row))
	if err != nil {
		return ""
	}
	return v
}

func (rd *reader) problem(sheet string, col, row int, kind Kind, format string, args ...any) {
	rd.problems = append(rd.problems, Problem{sheet, col, row, kind, fmt.Sprintf(format, args...)})
}

// quote shows a value in a message: quoted, on one line, and short.
func quote(s string) string { return quoteN(s, 40) }

// quoteN quotes s on one line, cut to n characters.
func quoteN(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > n {
		s = string(r[:n-1]) + "…"
	}
	return strconv.Quote(s)
}
