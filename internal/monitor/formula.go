package monitor

import (
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"
)

// Formula is a formula the workbook keeps in a cell.
type Formula struct {
	Sheet    string
	Col, Row int
	Text     string // without the leading =
}

// Formulas returns every formula of the Summary: per period, the KPI
// readings with each rating and their total; per monitored ask, the
// workers' reports with each status and their total; and the totals of
// both tables.
func (m *Meta) Formulas() []Formula {
	var out []Formula
	add := func(col, row int, text string) { out = append(out, Formula{Summary, col, row, text}) }
	last := max(m.KPILastRow(), FirstRow)
	labels, ratings := col(KLabel), col(KRating)
	kpiRange := func(c string) string { return KPISheet + "!$" + c + "$" + itoa(FirstRow) + ":$" + c + "$" + itoa(last) }
	n := len(m.Ratings)
	periods := len(m.PeriodLabels())
	for k := range periods {
		r := SumPeriodRow(k)
		for i := range n {
			add(2+i, r, "COUNTIFS("+kpiRange(labels)+",$A"+itoa(r)+","+kpiRange(ratings)+","+col(2+i)+"$"+itoa(HeaderRow)+")")
		}
		add(2+n, r, sum(2, r, 1+n, r))
	}
	if periods > 0 {
		for c := 2; c <= 2+n; c++ {
			add(c, m.SumPeriodTotalRow(), sum(c, SumPeriodRow(0), c, SumPeriodRow(periods-1)))
		}
	}

	rep := Quote(Reports)
	repRange := func(c int) string {
		return rep + "!$" + col(c) + "$" + itoa(ReportRow(0)) + ":$" + col(c) + "$" + itoa(ReportRow(ReportRows-1))
	}
	s, h := len(m.Statuses), m.SumAskHeaderRow()
	asks := len(m.Monitored())
	for k := range asks {
		r := m.SumAskRow(k)
		for i := range s {
			add(2+i, r, "COUNTIFS("+repRange(RAsk)+",$A"+itoa(r)+","+repRange(RStatus)+","+col(2+i)+"$"+itoa(h)+")")
		}
		add(2+s, r, sum(2, r, 1+s, r))
	}
	if asks > 0 {
		for c := 2; c <= 2+s; c++ {
			add(c, m.SumAskTotalRow(), sum(c, m.SumAskRow(0), c, m.SumAskRow(asks-1)))
		}
	}
	return out
}

func sum(c1, r1, c2, r2 int) string { return "SUM(" + Cell(c1, r1) + ":" + Cell(c2, r2) + ")" }

func itoa(n int) string { return strconv.Itoa(n) }

func col(c int) string {
	s, _ := excelize.ColumnNumberToName(c)
	return s
}

// Cell returns the A1 reference of a cell.
func Cell(c, r int) string { return col(c) + itoa(r) }

// Quote returns a sheet name as a formula writes it: quoted, apostrophes
// doubled, unless it is plain letters.
func Quote(name string) string {
	if name != "" && !strings.ContainsFunc(name, func(r rune) bool { return !('a' <= r && r <= 'z' || 'A' <= r && r <= 'Z') }) {
		return name
	}
	return "'" + strings.ReplaceAll(name, "'", "''") + "'"
}
