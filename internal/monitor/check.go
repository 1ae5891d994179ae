package monitor

import (
	"strconv"
)

// maxLayoutProblems caps the list a LayoutError gives.
const maxLayoutProblems = 20

// checkLayout makes sure every header, every locked cell a reading depends
// on (ask numbers, KPI names, period dates and labels) and every Summary
// formula is what the record implies.
func (rd *reader) checkLayout() error {
	m := rd.m
	var bad []Problem
	expect := func(sheet string, col, row int, want string) {
		if got := rd.val(sheet, col, row); got != want && len(bad) < maxLayoutProblems {
			bad = append(bad, Problem{sheet, Cell(col, row), changed(want, got)})
		}
	}
	headers := func(sheet string, row int, hs []string) {
		for i, h := range hs {
			expect(sheet, i+1, row, h)
		}
	}
	headers(KPISheet, HeaderRow, m.KPIColumns)
	for i := range m.Groups {
		g := &m.Groups[i]
		if g.OnEvent() {
			expect(Events, 1, g.Row, g.Label())
			continue
		}
		for k, p := range m.Periods(g) {
			r := g.Row + k
			expect(KPISheet, KAsk, r, strconv.Itoa(g.Ask))
			expect(KPISheet, KName, r, g.Name)
			expect(KPISheet, KStart, r, num(Serial(p.Start)))
			expect(KPISheet, KEnd, r, num(Serial(p.End)))
			expect(KPISheet, KLabel, r, m.Labels.Label(p, g.Frequency))
		}
	}
	headers(Events, m.EventHeaderRow(), m.EventColumns)
	headers(Reports, HeaderRow, m.ReportColumns)

	w := m.SummaryWords
	headers(Summary, HeaderRow, append(append([]string{w[SPeriod]}, m.Ratings...), w[STotal]))
	for k, l := range m.PeriodLabels() {
		expect(Summary, 1, SumPeriodRow(k), l)
	}
	headers(Summary, m.SumAskHeaderRow(), append(append([]string{w[SAsk]}, m.Statuses...), w[STotal]))
	for k, a := range m.Monitored() {
		expect(Summary, 1, m.SumAskRow(k), a.Label())
	}
	for _, fm := range m.Formulas() {
		if got := rd.formula(fm.Sheet, fm.Col, fm.Row); got != fm.Text && len(bad) < maxLayoutProblems {
			bad = append(bad, Problem{fm.Sheet, Cell(fm.Col, fm.Row), changedFormula(fm.Text, got)})
		}
	}
	if len(bad) > 0 {
		return &LayoutError{bad}
	}
	return nil
}

func num(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }
