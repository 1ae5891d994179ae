package grid

import (
	"slices"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"
)

// Where each sheet keeps its cells (layout 2). Rows and columns count from 1.
const (
	// Evaluator sheets: the evaluator's full name in B1, bidder names in
	// EvalBidderRow over each bidder's pair of columns, column headers in
	// EvalHeaderRow, then one row per question.
	EvalNameRow   = 1
	EvalBidderRow = 5
	EvalHeaderRow = 6
	EvalFirstRow  = 7
	evalFirstCol  = 4

	// Moderation: column headers, then one row per moderated question and
	// bidder, question by question.
	ModHeaderRow = 5
	ModFirstRow  = 6

	// Summary: column headers, then one row per bidder.
	SumHeaderRow = 4
	SumFirstRow  = 5

	// Questions: column headers, then one row per question.
	QHeaderRow = 3
	QFirstRow  = 4
)

// Summary columns.
const (
	SumNo = iota + 1
	SumBidder
	SumScore
	SumMissing
	SumFailed
	SumStatus
	SumRank
	// SumOrder is the bidder's position in the ranking (layout 3).
	SumOrder
	// SumSelection is whether the bidder passed selection: its pass or
	// fail questions (layout 3).
	SumSelection
)

// The ranking under the Summary's bidders (layout 3): a title, column
// headers, then one row per position.
const (
	RankPos = iota + 1
	RankBidder
	RankScore
	RankStatus
	RankRank
	RankShare
)

// RankTitleRow returns the row of the ranking's title.
func (m *Meta) RankTitleRow() int { return SumRow(len(m.Bidders)) + 1 }

// RankHeaderRow returns the row of the ranking's column headers.
func (m *Meta) RankHeaderRow() int { return m.RankTitleRow() + 1 }

// RankRow returns the ranking's row for position k (0-based).
func (m *Meta) RankRow(k int) int { return m.RankHeaderRow() + 1 + k }

// SumHeaders returns the Summary's column headers for the grid's layout.
func (m *Meta) SumHeaders() []string {
	if m.Ranked() {
		return append(slices.Clone(SumHeaders), SumOrderHeader, SumSelectionHeader)
	}
	return SumHeaders
}

// Questions columns.
const (
	QRef = iota + 1
	QAsk
	QStage
	QKind
	QText
	QGuidance
	QScale
	QMax
	QWeight
	QPassMark
)

// Guide declaration columns. The procurement lead records in DeclDecision
// what was decided about an interest an evaluator declared.
const (
	DeclName = iota + 1
	DeclText
	DeclSigned
	DeclDate
	DeclDecision
)

// NoConflict is what an evaluator with no conflict of interest chooses from
// the declaration cell's drop-down.
const NoConflict = "I have no conflict of interest"

// Column headers. Readers check them to be sure nothing has moved.
var (
	EvalHeaders        = []string{"Ref", "Question", "Scale"}
	ScoreHeader        = "Score"
	CommentHeader      = "Comment"
	EvalNameLabel      = "Evaluator"
	ModHeadersLeft     = []string{"Ref", "Question", "No.", "Bidder"}
	ModHeadersRight    = []string{"Lowest", "Highest", "Spread", "Flag", "Consensus score", "Reason for consensus score", "Weighted score", "Failed"}
	SumHeaders         = []string{"No.", "Bidder", "Weighted quality score", "Consensus scores missing", "Questions failed", "Status", "Rank"}
	SumOrderHeader     = "Position in ranking"
	SumSelectionHeader = "Selection"
	RankHeaders        = []string{"Position", "Bidder", "Weighted quality score", "Status", "Rank", "Share of the whole evaluation"}
	// QAskBefore is the header grids written before December 2026 gave
	// the Ask column, which then held the clause id; score still reads them.
	QAskBefore  = "Clause"
	QHeaders    = []string{"Ref", "Ask", "Stage", "Kind", "Question", "What a strong answer shows", "Scale", "Maximum score", "Weight", "Pass mark"}
	DeclHeaders = []string{"Evaluator", NoConflict + " / I declare:", "Signed", "Date", "Procurement lead's decision (if an interest is declared)"}
)

// The stages a grid's questions belong to.
const (
	StageSelection = "selection"
	StageAward     = "award"
)

// EvalRow returns the evaluator-sheet row of question q (0-based): under
// the heading of its stage's section, from layout 3.
func (m *Meta) EvalRow(q int) int { return EvalFirstRow + q + m.table().evalHeadings[q] }

// rowTable holds how many section headings come at or before each
// question, on the evaluator sheets and on the Moderation sheet: worked out
// once, as every cell of a grid is placed by them.
type rowTable struct {
	layout          string
	questions, bids int
	evalHeadings    []int // by question
	modHeadings     []int // by moderated question
	evalStarts      []int // the questions that begin a section
	modStarts       []int // the moderated questions (by index among them) that begin one
}

func (m *Meta) table() *rowTable {
	if t := m.rows; t != nil && t.layout == m.layout() && t.questions == len(m.Questions) && t.bids == len(m.Bidders) {
		return t
	}
	t := &rowTable{layout: m.layout(), questions: len(m.Questions), bids: len(m.Bidders)}
	// count walks questions in order: a question begins a section (from
	// layout 3) when its stage differs from the one before it.
	count := func(qs []int) (headings, starts []int) {
		n := 0
		for k, q := range qs {
			if m.Ranked() && (k == 0 || m.Questions[qs[k-1]].Stage != m.Questions[q].Stage) {
				n++
				starts = append(starts, k)
			}
			headings = append(headings, n)
		}
		return headings, starts
	}
	all := make([]int, len(m.Questions))
	for i := range all {
		all[i] = i
	}
	t.evalHeadings, t.evalStarts = count(all)
	t.modHeadings, t.modStarts = count(m.Moderated())
	m.rows = t
	return t
}

// Section is where a stage's questions start on a sheet: the row of its
// heading.
type Section struct {
	Stage string
	Row   int
}

// EvalSections returns the headings of the evaluator sheets' sections.
func (m *Meta) EvalSections() []Section {
	var out []Section
	for _, q := range m.table().evalStarts {
		out = append(out, Section{m.Questions[q].Stage, m.EvalRow(q) - 1})
	}
	return out
}

// ModSections returns the headings of the Moderation sheet's sections.
func (m *Meta) ModSections() []Section {
	var out []Section
	mod := m.Moderated()
	for _, mq := range m.table().modStarts {
		out = append(out, Section{m.Questions[mod[mq]].Stage, m.ModRow(mq, 0) - 1})
	}
	return out
}

// EvalScoreCol returns the evaluator-sheet column of bidder b's scores.
func EvalScoreCol(b int) int { return evalFirstCol + 2*b }

// EvalCommentCol returns the evaluator-sheet column of bidder b's comments.
func EvalCommentCol(b int) int { return evalFirstCol + 2*b + 1 }

// ModCols are the Moderation sheet's columns, which depend on the size of
// the panel.
type ModCols struct {
	Ref, Question, No, Bidder int
	FirstEval                 int // evaluator e's scores are in FirstEval+e
	Lowest, Highest, Spread   int
	Flag, Consensus, Reason   int
	Weighted, Failed          int
}

// ModCols returns the Moderation sheet's columns.
func (m *Meta) ModCols() ModCols {
	n := len(m.Panel)
	return ModCols{
		Ref: 1, Question: 2, No: 3, Bidder: 4, FirstEval: 5,
		Lowest: 5 + n, Highest: 6 + n, Spread: 7 + n, Flag: 8 + n,
		Consensus: 9 + n, Reason: 10 + n, Weighted: 11 + n, Failed: 12 + n,
	}
}

// Moderated returns the indexes of the questions the panel moderates, in
// order.
func (m *Meta) Moderated() []int {
	var out []int
	for i := range m.Questions {
		if m.Questions[i].Moderated() {
			out = append(out, i)
		}
	}
	return out
}

// ModRow returns the Moderation row of the mq-th moderated question and
// bidder b (both 0-based).
func (m *Meta) ModRow(mq, b int) int {
	t := m.table()
	h := 0
	if mq < len(t.modHeadings) {
		h = t.modHeadings[mq]
	} else if len(t.modHeadings) > 0 {
		h = t.modHeadings[len(t.modHeadings)-1]
	}
	return ModFirstRow + mq*len(m.Bidders) + b + h
}

// ModLastRow returns the last row of the Moderation sheet.
func (m *Meta) ModLastRow() int { return m.ModRow(len(m.Moderated()), 0) - 1 }

// SumRow returns the Summary row of bidder b.
func SumRow(b int) int { return SumFirstRow + b }

// QRow returns the Questions row of question q.
func QRow(q int) int { return QFirstRow + q }

// DeclRowOf returns the Guide row of evaluator e's declaration.
func (m *Meta) DeclRowOf(e int) int { return m.DeclRow + 1 + e }

// Col returns the letters of column c: 1 is "A", 27 is "AA". It is ""
// outside Excel's columns, 1 to 16384.
func Col(c int) string {
	s, _ := excelize.ColumnNumberToName(c)
	return s
}

// Cell returns the A1 reference of a cell.
func Cell(col, row int) string {
	var b [24]byte
	return string(strconv.AppendInt(append(b[:0], Col(col)...), int64(row), 10))
}

// abs returns the absolute reference of a cell: $A$1.
func abs(col, row int) string { return "$" + Col(col) + "$" + strconv.Itoa(row) }

// QuoteSheet returns a sheet name as a formula or a message writes it:
// quoted, with apostrophes doubled, unless it is plain letters and
// underscores that no spreadsheet could read as anything else.
func QuoteSheet(name string) string {
	plain := name != "" && !strings.ContainsFunc(name, func(r rune) bool {
		return !('a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || r == '_')
	})
	switch strings.ToUpper(name) {
	case "TRUE", "FALSE", "R", "C":
		plain = false
	}
	if plain {
		return name
	}
	return "'" + strings.ReplaceAll(name, "'", "''") + "'"
}

// Ref returns a cell reference with its sheet, quoted as formulas need:
//
//	'O''Brien'!D7
func Ref(sheet string, col, row int) string {
	return QuoteSheet(sheet) + "!" + Cell(col, row)
}
