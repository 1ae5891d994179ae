package score

import (
	"fmt"
	"math"
	"slices"
	"strconv"

	"github.com/goldenthread/goldenthread/internal/grid"
	"github.com/goldenthread/goldenthread/internal/model"
	"github.com/goldenthread/goldenthread/internal/xlsxsafe"
)

// maxLayoutProblems caps the list a LayoutError gives: past this many, the
// grid has plainly been rearranged and more lines would not help.
const maxLayoutProblems = 20

// checkLayout makes sure every sheet the record names is there and that
// every header and label cell still says what the generator wrote, so the
// scores read are the scores meant.
func (rd *reader) checkLayout() error {
	m := rd.m
	names, err := xlsxsafe.SheetList(rd.f)
	if err != nil {
		return err
	}
	var bad []Problem
	for _, want := range rd.sheets() {
		if !slices.Contains(names, want) {
			bad = append(bad, Problem{Sheet: want, Msg: fmt.Sprintf("sheet %s is missing: it was renamed or deleted; score an unaltered copy of the grid", quote(want))})
		}
	}
	if len(bad) > 0 {
		return &LayoutError{bad}
	}

	report := func(sheet string, col, row int, want, got, why string) {
		if len(bad) >= maxLayoutProblems {
			return
		}
		found := "found " + quote(got)
		if got == "" {
			found = "found nothing"
		}
		bad = append(bad, Problem{Sheet: sheet, Col: col, Row: row, Msg: fmt.Sprintf("expected %s, %s: %s", want, found, why)})
	}
	expect := func(sheet string, col, row int, want string) {
		if got := rd.str(sheet, col, row); got != want {
			report(sheet, col, row, quote(want), got, "rows or columns were moved or a label was changed")
		}
	}
	// Numbers are compared as numbers: a spreadsheet program may save
	// 33.333333333333336 as 33.3333333333333.
	expectNum := func(sheet string, col, row int, want float64) {
		got := rd.get(sheet, col, row)
		if got.kind != number || math.Abs(got.num-want) > 1e-9*max(1, math.Abs(want)) {
			report(sheet, col, row, model.Num(want), rd.str(sheet, col, row), "a maximum, weight or pass mark was changed, so the workbook's totals would be wrong")
		}
	}
	row := func(sheet string, r, col int, labels ...string) {
		for i, l := range labels {
			expect(sheet, col+i, r, l)
		}
	}

	row(grid.Guide, m.DeclRow, grid.DeclName, grid.DeclHeaders...)
	for e, ev := range m.Panel {
		expect(grid.Guide, grid.DeclName, m.DeclRowOf(e), ev.Name)
	}

	row(grid.Questions, grid.QHeaderRow, 1, grid.QHeaders[:grid.QAsk-1]...)
	if got := rd.str(grid.Questions, grid.QAsk, grid.QHeaderRow); got != grid.QAskBefore {
		expect(grid.Questions, grid.QAsk, grid.QHeaderRow, grid.QHeaders[grid.QAsk-1])
	}
	row(grid.Questions, grid.QHeaderRow, grid.QAsk+1, grid.QHeaders[grid.QAsk:]...)
	for i, q := range m.Questions {
		r := grid.QRow(i)
		expect(grid.Questions, grid.QRef, r, q.Ref)
		if q.Kind == grid.Scored {
			// The workbook's formulas take maximum, weight and pass mark
			// from these cells.
			expectNum(grid.Questions, grid.QMax, r, q.Max())
			expectNum(grid.Questions, grid.QWeight, r, q.Weight)
			if q.HasPassMark {
				expectNum(grid.Questions, grid.QPassMark, r, q.PassMark)
			}
		}
	}

	for e, ev := range m.Panel {
		if own, ok := m.Return(); ok && e != own {
			continue // a panel member's workbook holds their sheet only
		}
		sh := ev.Sheet
		expect(sh, 1, grid.EvalNameRow, grid.EvalNameLabel)
		expect(sh, 2, grid.EvalNameRow, ev.Name)
		row(sh, grid.EvalHeaderRow, 1, grid.EvalHeaders...)
		for b, name := range m.Bidders {
			expect(sh, grid.EvalScoreCol(b), grid.EvalBidderRow, name)
			expect(sh, grid.EvalScoreCol(b), grid.EvalHeaderRow, grid.ScoreHeader)
			expect(sh, grid.EvalCommentCol(b), grid.EvalHeaderRow, grid.CommentHeader)
		}
		for i, q := range m.Questions {
			expect(sh, 1, m.EvalRow(i), q.Ref)
		}
	}

	if _, ok := m.Return(); ok {
		if len(bad) > 0 {
			return &LayoutError{bad}
		}
		return nil
	}
	c := m.ModCols()
	row(grid.Moderation, grid.ModHeaderRow, 1, grid.ModHeadersLeft...)
	for e, ev := range m.Panel {
		expect(grid.Moderation, c.FirstEval+e, grid.ModHeaderRow, ev.Name)
	}
	row(grid.Moderation, grid.ModHeaderRow, c.Lowest, grid.ModHeadersRight...)
	for mq, qi := range m.Moderated() {
		for b, name := range m.Bidders {
			r := m.ModRow(mq, b)
			expect(grid.Moderation, c.Ref, r, m.Questions[qi].Ref)
			expect(grid.Moderation, c.No, r, strconv.Itoa(b+1))
			expect(grid.Moderation, c.Bidder, r, name)
		}
	}

	row(grid.Summary, grid.SumHeaderRow, 1, m.SumHeaders()...)
	for b, name := range m.Bidders {
		expect(grid.Summary, grid.SumNo, grid.SumRow(b), strconv.Itoa(b+1))
		expect(grid.Summary, grid.SumBidder, grid.SumRow(b), name)
	}
	if m.Ranked() {
		row(grid.Summary, m.RankHeaderRow(), 1, grid.RankHeaders...)
		for k := range m.Bidders {
			expect(grid.Summary, grid.RankPos, m.RankRow(k), strconv.Itoa(k+1))
		}
	}
	if len(bad) > 0 {
		return &LayoutError{bad}
	}
	return nil
}

// sheets lists the visible sheets of the grid in workbook order.
func (rd *reader) sheets() []string {
	out := []string{grid.Guide, grid.Questions}
	if e, ok := rd.m.Return(); ok {
		return append(out, rd.m.Panel[e].Sheet)
	}
	for _, ev := range rd.m.Panel {
		out = append(out, ev.Sheet)
	}
	return append(out, grid.Moderation, grid.Summary)
}
