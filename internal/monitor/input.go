package monitor

import (
	"slices"
	"strconv"
	"strings"
	"time"
)

// numericUnits are the KPI units whose readings are numbers.
var numericUnits = []string{"%", "count", "£", "days", "rate"}

// noFormula reports, as a problem, a formula typed into an input cell.
func (rd *reader) noFormula(sheet string, col, row int) bool {
	if fm := rd.formula(sheet, col, row); fm != "" {
		rd.problem(sheet, col, row, formulaTyped(fm))
		return false
	}
	return true
}

// text reads an input cell as entered, reporting a formula in it.
func (rd *reader) text(sheet string, col, row int) string {
	if !rd.noFormula(sheet, col, row) {
		return ""
	}
	return strings.TrimSpace(rd.val(sheet, col, row))
}

func (rd *reader) rating(sheet string, col, row int) string {
	r := rd.text(sheet, col, row)
	if r != "" && !slices.Contains(rd.m.Ratings, r) {
		rd.problem(sheet, col, row, notOnList(r, rd.m.Ratings))
	}
	return r
}

// inputDate reads a date that must fall within the term.
func (rd *reader) inputDate(sheet string, col, row int) time.Time {
	if rd.text(sheet, col, row) == "" {
		return time.Time{}
	}
	t, ok := rd.date(sheet, col, row)
	if !ok {
		rd.problem(sheet, col, row, notDate(rd.val(sheet, col, row)))
		return time.Time{}
	}
	if t.Before(rd.m.Start) || t.After(rd.m.End()) {
		rd.problem(sheet, col, row, outsideTerm(t, rd.m.Start, rd.m.End()))
	}
	return t
}

func (rd *reader) readKPIs(res *Result) {
	m := rd.m
	for i := range m.Groups {
		g := &m.Groups[i]
		k := KPI{Ask: g.Ask, Name: g.Name, Unit: g.Unit, Target: g.Target, Frequency: g.Frequency}
		for n, p := range m.Periods(g) {
			r := g.Row + n
			v := rd.text(KPISheet, KValue, r)
			if v != "" && slices.Contains(numericUnits, g.Unit) && !strings.ContainsAny(v, "0123456789") {
				rd.problem(KPISheet, KValue, r, notNumber(v, g.Unit))
			}
			k.Readings = append(k.Readings, Reading{
				Period: p, Value: v, Rating: rd.rating(KPISheet, KRating, r),
				Note: rd.text(KPISheet, KNote, r), Cell: KPISheet + "!" + Cell(KValue, r),
			})
		}
		res.KPIs = append(res.KPIs, k)
	}
}

// blank reports whether every cell of a log row, from column 1 to cols, is
// empty and holds no formula.
func (rd *reader) blank(sheet string, row, cols int) bool {
	for c := 1; c <= cols; c++ {
		if rd.val(sheet, c, row) != "" || rd.formula(sheet, c, row) != "" {
			return false
		}
	}
	return true
}

func (rd *reader) readEvents(res *Result) {
	m := rd.m
	for k := range EventRows {
		r := m.EventRow(k)
		if rd.blank(Events, r, eCols) {
			continue
		}
		e := Event{KPI: -1, Row: r, Date: rd.inputDate(Events, EDate, r)}
		if l := rd.text(Events, EKPI, r); l != "" {
			e.KPI = slices.IndexFunc(m.Groups, func(g Group) bool { return g.OnEvent() && g.Label() == l })
			if e.KPI < 0 {
				rd.problem(Events, EKPI, r, notOnList(l, labels(m.EventKPIs())))
			}
		}
		e.Value = rd.text(Events, EValue, r)
		e.Rating = rd.rating(Events, ERating, r)
		e.Note = rd.text(Events, ENote, r)
		res.Events = append(res.Events, e)
	}
}

func labels(gs []*Group) []string {
	out := make([]string, len(gs))
	for i, g := range gs {
		out[i] = g.Label()
	}
	return out
}

func (rd *reader) readReports(res *Result) {
	m := rd.m
	asks := m.Monitored()
	var askLabels []string
	for _, a := range asks {
		askLabels = append(askLabels, a.Label())
	}
	for k := range ReportRows {
		r := ReportRow(k)
		if rd.blank(Reports, r, rCols) {
			continue
		}
		rep := Report{Row: r, Date: rd.inputDate(Reports, RDate, r)}
		if l := rd.text(Reports, RAsk, r); l != "" {
			if i := slices.Index(askLabels, l); i >= 0 {
				rep.Ask = asks[i].Number
			} else {
				rd.problem(Reports, RAsk, r, notOnList(l, askLabels))
			}
		}
		rep.Site = rd.text(Reports, RSite, r)
		rep.What = rd.text(Reports, RWhat, r)
		if s := rd.text(Reports, RAffected, r); s != "" {
			n, err := strconv.ParseFloat(s, 64)
			if err != nil || n < 0 || n != float64(int(n)) || n > 1e6 {
				rd.problem(Reports, RAffected, r, notWhole(s))
			} else {
				rep.Affected = int(n)
			}
		}
		rep.RaisedWith = rd.text(Reports, RRaisedWith, r)
		rep.RaisedOn = rd.inputDate(Reports, RRaisedOn, r)
		rep.Response = rd.text(Reports, RResponse, r)
		if s := rd.text(Reports, RStatus, r); s != "" {
			if !slices.Contains(m.Statuses, s) {
				rd.problem(Reports, RStatus, r, notOnList(s, m.Statuses))
			}
			rep.Status = s
		}
		rep.Evidence = rd.text(Reports, REvidence, r)
		res.Reports = append(res.Reports, rep)
	}
}
