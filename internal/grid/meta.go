package grid

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/goldenthread/goldenthread/internal/model"
)

// The record in the hidden sheet is one row per fact, a key in column A and
// its values after it:
//
//	goldenthread-grid | 1
//	tool              | 0.3.0
//	title             | Highways maintenance framework
//	…
//	evaluator         | 1 | O'Brien | O'Brien
//	bidder            | 1 | Bidder A
//	question          | Q1 | scored | 0-4 | 0 1 2 3 4 | 25 | 2 | 2
//	digest            | <SHA-256 of every row above>
//
// Every value is stored as text, so no spreadsheet program reformats it.
const (
	keyTool      = "tool"
	keyTitle     = "title"
	keyReference = "reference"
	keyEmployer  = "employer"
	keyDate      = "date"
	keyLanguage  = "language"
	keyDecl      = "declarations"
	keySocial    = "social_value"
	keyPart      = "part"
	keyEvaluator = "evaluator"
	keyBidder    = "bidder"
	keyQuestion  = "question"
	keyDigest    = "digest"
)

// Rows returns the record of m as the hidden sheet holds it, digest last.
func (m *Meta) Rows() [][]string {
	rows := [][]string{
		{Format, m.layout()},
		{keyTool, m.Tool},
		{keyTitle, m.Title},
		{keyReference, m.Reference},
		{keyEmployer, m.Employer},
		{keyDate, m.Date},
		{keyLanguage, m.Language},
		{keyDecl, strconv.Itoa(m.DeclRow)},
	}
	for i, e := range m.Panel {
		rows = append(rows, []string{keyEvaluator, strconv.Itoa(i + 1), e.Sheet, e.Name})
	}
	for i, b := range m.Bidders {
		rows = append(rows, []string{keyBidder, strconv.Itoa(i + 1), b})
	}
	for _, q := range m.Questions {
		points := make([]string, len(q.Points))
		for i, p := range q.Points {
			points[i] = model.Num(p)
		}
		pass := ""
		if q.HasPassMark {
			pass = model.Num(q.PassMark)
		}
		row := []string{keyQuestion, q.Ref, q.Kind, q.Scale, strings.Join(points, " "), model.Num(q.Weight), pass, model.Num(q.Flag)}
		if m.Ranked() {
			row = append(row, q.Stage)
		}
		rows = append(rows, row)
	}
	if m.Ranked() {
		sv := ""
		if m.SocialValue > 0 {
			sv = model.Num(m.SocialValue)
		}
		rows = append(rows, []string{keySocial, sv})
		if m.Part > 0 {
			rows = append(rows, []string{keyPart, strconv.Itoa(m.Part)})
		}
	}
	return append(rows, []string{keyDigest, Digest(rows)})
}

// Digest returns the hex SHA-256 of rows, each field length-prefixed so no
// two different records share an encoding. Empty fields at the end of a row
// are left out, as spreadsheet readers drop them.
func Digest(rows [][]string) string {
	h := sha256.New()
	for _, row := range rows {
		n := len(row)
		for n > 0 && row[n-1] == "" {
			n--
		}
		for _, f := range row[:n] {
			fmt.Fprintf(h, "%d:%s;", len(f), f)
		}
		h.Write([]byte{'\n'})
	}
	return hex.EncodeToString(h.Sum(nil))
}

// Error is a fault in a grid, at a cell.
type Error struct {
	Sheet    string
	Col, Row int
	Msg      string
}

// Error returns the cell reference, then the message.
func (e *Error) Error() string { return Ref(e.Sheet, e.Col, e.Row) + ": " + e.Msg }

// Decode checks the record read from the hidden sheet against its digest
// and returns the Meta it describes. The record is untrusted: anyone can
// recompute a digest, so every value is checked as well.
func Decode(rows [][]string) (*Meta, error) {
	errAt := func(row, col int, format string, args ...any) error {
		return &Error{MetaSheet, col, row + 1, fmt.Sprintf(format, args...)}
	}
	if len(rows) == 0 || field(rows[0], 0) != Format {
		return nil, errAt(0, 1, "not a goldenthread grid record (want %q in A1)", Format)
	}
	layout := field(rows[0], 1)
	if !slices.Contains(Layouts, layout) {
		return nil, errAt(0, 2, "grid layout %q; this goldenthread reads layouts %s (score the grid with the goldenthread version that made it)", layout, strings.Join(Layouts, " and "))
	}
	last := len(rows) - 1
	for last > 0 && len(rows[last]) == 0 {
		last--
	}
	if field(rows[last], 0) != keyDigest {
		return nil, errAt(last, 1, "the record has no digest row at its end")
	}
	if field(rows[last], 1) != Digest(rows[:last]) {
		return nil, errAt(last, 2, "the record does not match its digest: the grid's layout was changed outside goldenthread")
	}

	m := &Meta{Layout: layout}
	// The facts a record states once: text, the declarations row and (from
	// layout 3) the social value weighting.
	once := map[string]*string{
		keyTool: &m.Tool, keyTitle: &m.Title, keyReference: &m.Reference,
		keyEmployer: &m.Employer, keyDate: &m.Date, keyLanguage: &m.Language, keyDecl: nil,
	}
	if m.Ranked() {
		once[keySocial], once[keyPart] = nil, nil
	}
	seen := map[string]bool{}
	for i, row := range rows[1:last] {
		i++ // index in rows
		key := field(row, 0)
		want := map[string]int{keyEvaluator: 4, keyBidder: 3, keyQuestion: 8}[key]
		if key == keyQuestion && m.Ranked() {
			want = 9 // and the stage
		}
		if want == 0 {
			want = 2
		}
		if len(row) > want {
			return nil, errAt(i, want+1, "unexpected value in the record")
		}
		if _, ok := once[key]; ok && seen[key] {
			return nil, errAt(i, 1, "%q appears twice", key)
		}
		seen[key] = true
		v := field(row, 1)
		if p := once[key]; p != nil {
			*p = v
			continue
		}
		switch key {
		case keyPart:
			if !m.Ranked() {
				return nil, errAt(i, 1, "unknown record %q", key)
			}
			n, err := strconv.Atoi(v)
			if err != nil || n < 1 || n > MaxPanel {
				return nil, errAt(i, 2, "part %q is not a panel member's number", v)
			}
			m.Part = n
		case keySocial:
			if !m.Ranked() {
				return nil, errAt(i, 1, "unknown record %q", key)
			}
			if v == "" {
				break
			}
			sv, err := strconv.ParseFloat(v, 64)
			if err != nil || !(sv > 0 && sv <= 100) {
				return nil, errAt(i, 2, "social value weighting %q is not a percentage above 0", v)
			}
			m.SocialValue = sv
		case keyDecl:
			n, err := strconv.Atoi(v)
			if err != nil || n < 1 || n > 1000 {
				return nil, errAt(i, 2, "declaration row %q is not a row number", v)
			}
			m.DeclRow = n
		case keyEvaluator:
			if v != strconv.Itoa(len(m.Panel)+1) {
				return nil, errAt(i, 2, "evaluator number %q out of order", v)
			}
			if len(m.Panel) == MaxPanel {
				return nil, errAt(i, 1, "more than %d evaluators", MaxPanel)
			}
			sheet, name := field(row, 2), field(row, 3)
			if msg := CheckSheetName(sheet); msg != "" {
				return nil, errAt(i, 3, "sheet name %q %s", sheet, msg)
			}
			if Reserved(sheet) || slices.ContainsFunc(m.Panel, func(e Evaluator) bool { return strings.EqualFold(e.Sheet, sheet) }) {
				return nil, errAt(i, 3, "sheet name %q is used twice", sheet)
			}
			m.Panel = append(m.Panel, Evaluator{Sheet: sheet, Name: name})
		case keyBidder:
			if v != strconv.Itoa(len(m.Bidders)+1) {
				return nil, errAt(i, 2, "bidder number %q out of order", v)
			}
			if len(m.Bidders) == MaxBidders {
				return nil, errAt(i, 1, "more than %d bidders", MaxBidders)
			}
			m.Bidders = append(m.Bidders, field(row, 2))
		case keyQuestion:
			if len(m.Questions) == MaxQuestions {
				return nil, errAt(i, 1, "more than %d questions", MaxQuestions)
			}
			q, col, msg := decodeQuestion(row)
			if msg != "" {
				return nil, errAt(i, col, "%s", msg)
			}
			if m.Ranked() {
				q.Stage = field(row, 8)
				if q.Stage != StageSelection && q.Stage != StageAward {
					return nil, errAt(i, 9, "question stage %q is not %s or %s", q.Stage, StageSelection, StageAward)
				}
			}
			m.Questions = append(m.Questions, q)
		default:
			return nil, errAt(i, 1, "unknown record %q", key)
		}
	}
	switch {
	case m.DeclRow == 0:
		return nil, errAt(last, 1, "the record has no declarations row")
	case len(m.Panel) == 0:
		return nil, errAt(last, 1, "the record names no evaluators")
	case len(m.Bidders) == 0:
		return nil, errAt(last, 1, "the record names no bidders")
	case len(m.Moderated()) == 0:
		return nil, errAt(last, 1, "the record has no scored or pass/fail questions")
	case m.Part > len(m.Panel):
		return nil, errAt(last, 1, "the record is the part of panel member %d of %d", m.Part, len(m.Panel))
	}
	return m, nil
}

// field returns row[i], or "" if the row is shorter.
func field(row []string, i int) string {
	if i < len(row) {
		return row[i]
	}
	return ""
}

// decodeQuestion parses a question row; on failure it returns the column at
// fault and why.
func decodeQuestion(row []string) (q Question, col int, msg string) {
	num := func(s string) (float64, bool) {
		v, err := strconv.ParseFloat(s, 64)
		return v, err == nil && !math.IsInf(v, 0) && !math.IsNaN(v) && math.Abs(v) < 1e9
	}
	q.Ref, q.Kind, q.Scale = field(row, 1), field(row, 2), field(row, 3)
	if q.Ref == "" {
		return q, 2, "question has no reference"
	}
	switch q.Kind {
	case Scored:
		for _, s := range strings.Fields(field(row, 4)) {
			v, ok := num(s)
			if !ok {
				return q, 5, fmt.Sprintf("scale point %q is not a number", s)
			}
			q.Points = append(q.Points, v)
		}
		if len(q.Points) < 2 || len(q.Points) > 101 || !slices.IsSorted(q.Points) || len(slices.Compact(slices.Clone(q.Points))) != len(q.Points) || q.Max() <= 0 {
			return q, 5, fmt.Sprintf("scale %q is not 2 to 101 distinct points in ascending order, the highest above 0", field(row, 4))
		}
	case PassFail, Information:
		if field(row, 4) != "" {
			return q, 5, "only scored questions have scale points"
		}
	default:
		return q, 3, fmt.Sprintf("unknown question kind %q", q.Kind)
	}
	var ok bool
	if q.Weight, ok = num(field(row, 5)); !ok || q.Weight < 0 || q.Weight > 100 || (q.Kind != Scored && q.Weight != 0) {
		return q, 6, fmt.Sprintf("weight %q is not a number from 0 to 100", field(row, 5))
	}
	if s := field(row, 6); s != "" {
		if q.Kind != Scored {
			return q, 7, "only scored questions have pass marks"
		}
		if q.PassMark, ok = num(s); !ok {
			return q, 7, fmt.Sprintf("pass mark %q is not a number", s)
		}
		q.HasPassMark = true
	}
	if q.Flag, ok = num(field(row, 7)); !ok || q.Flag <= 0 {
		return q, 8, fmt.Sprintf("spread flag %q is not a number above 0", field(row, 7))
	}
	return q, 0, ""
}
