package xlsx

import (
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/goldenthread/goldenthread/internal/model"
	"github.com/goldenthread/goldenthread/internal/monitor"
)

// ErrNoContract is returned by Monitoring for a pack with no contract.
var ErrNoContract = errors.New("monitoring: the profile needs a [contract] table with start and term_months")

// Monitoring writes the contract-monitoring workbook for p to w, to the
// layout of package monitor: the Briefing, a row per KPI per reporting
// period, the KPI events and workers' reports logs, the Summary's counts
// and their chart, and the record sheet.
func Monitoring(w io.Writer, p *model.Pack) error {
	if p.Contract.Start.IsZero() || p.Contract.Months <= 0 {
		return ErrNoContract
	}
	m, err := monitorMeta(p)
	if err != nil {
		return fmt.Errorf("monitoring: %w", err)
	}
	f := excelize.NewFile()
	defer f.Close()
	f.SetZipWriter(fastZip)
	g := &monWriter{writer: &writer{f: f, p: p, cells: map[string]*sheetCells{}}, m: m, words: p.Words}
	g.write()
	if g.err != nil {
		return fmt.Errorf("monitoring: %w", g.err)
	}
	if err := f.Write(w); err != nil {
		return fmt.Errorf("monitoring: %w", err)
	}
	return nil
}

// monWriter writes one monitoring workbook with the grid writer's cells,
// styles and protection.
type monWriter struct {
	*writer
	m      *monitor.Meta
	words  model.Words
	date   int // a date, locked
	dateIn int // a date, an input
}

// word returns the wording at monitor.key.
func (g *monWriter) word(key string) string { return g.words.Get("monitor." + key) }

// scaleOf returns the rating scale a regime's contracts are rated on.
func scaleOf(regime string) string {
	if regime == "procurement-act-2023" {
		return monitor.Statutory
	}
	return monitor.Local
}

// monitorMeta lays the pack out as a monitoring workbook.
func monitorMeta(p *model.Pack) (*monitor.Meta, error) {
	w := p.Words
	m := &monitor.Meta{
		Tool: clean(p.Version), Employer: clean(p.Employer.Name), Procurement: clean(p.Procurement.Title),
		Reference: clean(p.Procurement.Reference), Supplier: clean(p.Contract.Supplier), ContractRef: clean(p.Contract.Reference),
		Date: p.Document.Date, Start: p.Contract.Start, Months: p.Contract.Months,
		Scale: scaleOf(p.Procurement.Regime), Outcomes: p.Outcomes, PreparedBy: clean(p.PreparedBy.Organisation),
		Statuses:      w.List("monitor.statuses"),
		KPIColumns:    w.List("monitor.kpi_headers"),
		EventColumns:  w.List("monitor.event_headers"),
		ReportColumns: w.List("monitor.report_headers"),
		SummaryWords:  w.List("monitor.summary_words"),
		Labels: monitor.Labels{
			Monthly: w.Get("monitor.period_monthly"), Quarterly: w.Get("monitor.period_quarterly"),
			SixMonthly: w.Get("monitor.period_six_monthly"), Annual: w.Get("monitor.period_annual"), Part: w.Get("monitor.period_part"),
		},
	}
	m.Ratings = w.List("monitor." + m.Scale + "_ratings")
	// The note cites the law of the employer's nation only: Welsh
	// contracts are rated under the Procurement (Wales) Regulations 2024.
	note := m.Scale + "_note"
	if m.Scale == monitor.Statutory && p.Employer.Nation == "wales" {
		note += "_wales"
	}
	m.ScaleNote = clean(w.Get("monitor." + note))
	if !m.Date.IsZero() {
		m.Date = time.Date(m.Date.Year(), m.Date.Month(), m.Date.Day(), 0, 0, 0, 0, time.UTC)
	}
	m.Start = time.Date(m.Start.Year(), m.Start.Month(), m.Start.Day(), 0, 0, 0, 0, time.UTC)
	if m.Months > monitor.MaxMonths {
		return nil, fmt.Errorf("a term of %d months is longer than the %d months a workbook covers", m.Months, monitor.MaxMonths)
	}
	for _, a := range p.Asks() {
		ma := monitor.Ask{Number: a.Number, Title: clean(a.Title), Theme: clean(a.Theme), Requirement: cleanText(a.Requirement), Retender: cleanText(a.Retender)}
		if o := a.Outcome; o != nil {
			ma.Outcome, ma.Clause = o.Result, clean(o.Clause)
			if o.Result == model.Amended && strings.TrimSpace(o.Wording) != "" {
				ma.Requirement = cleanText(o.Wording)
			}
		}
		m.Asks = append(m.Asks, ma)
		if !ma.Monitored() {
			continue
		}
		for _, k := range a.KPIs {
			m.Groups = append(m.Groups, monitor.Group{Ask: a.Number, Name: clean(k.Name), Unit: clean(k.Unit), Target: clean(k.Target), Frequency: k.Frequency})
		}
	}
	m.Place()
	// The record must read back as written.
	got, err := monitor.Decode(m.Rows())
	if err != nil {
		return nil, err
	}
	if m.KPILastRow() > monitor.MaxRows {
		return nil, fmt.Errorf("%d KPI rows are more than a workbook holds", got.KPILastRow())
	}
	return m, nil
}

func (g *monWriter) write() {
	g.s = g.newStyles()
	g.dateStyles()
	g.check(g.f.SetSheetName("Sheet1", monitor.Briefing))
	for _, name := range []string{monitor.KPISheet, monitor.Events, monitor.Reports, monitor.Summary} {
		_, err := g.f.NewSheet(name)
		g.check(err)
	}
	g.briefing()
	g.kpis()
	g.events()
	g.reports()
	g.summary()
	if g.err != nil {
		return
	}
	_, err := g.f.NewSheet(monitor.MetaSheet)
	g.check(err)
	for r, row := range g.m.Rows() {
		for c, v := range row {
			g.str(monitor.MetaSheet, c+1, r+1, v, 0)
		}
	}
	g.protect(monitor.MetaSheet)
	g.check(g.f.SetSheetVisible(monitor.MetaSheet, false, true))
	// The chart sheet comes last: excelize's SetSheetVisible takes every
	// sheet for a worksheet.
	g.chart()
	g.monWorkbook()
	for _, name := range []string{monitor.Briefing, monitor.KPISheet, monitor.Events, monitor.Reports, monitor.Summary, monitor.MetaSheet} {
		if g.err == nil {
			g.check(g.sheet(name).write(g.f, name))
		}
	}
}

func (g *monWriter) dateStyles() {
	border := []excelize.Border{
		{Type: "left", Color: "A6A6A6", Style: 1}, {Type: "right", Color: "A6A6A6", Style: 1},
		{Type: "top", Color: "A6A6A6", Style: 1}, {Type: "bottom", Color: "A6A6A6", Style: 1},
	}
	font := &excelize.Font{Family: fontFamily, Size: fontSize}
	iso := "yyyy-mm-dd"
	var err error
	g.date, err = g.f.NewStyle(&excelize.Style{Font: font, Border: border, CustomNumFmt: &iso, Alignment: &excelize.Alignment{Vertical: "top"}})
	g.check(err)
	g.dateIn, err = g.f.NewStyle(&excelize.Style{Font: font, Border: border, CustomNumFmt: &iso, Alignment: &excelize.Alignment{Vertical: "top"},
		Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{inputFill}}, Protection: &excelize.Protection{Locked: false}})
	g.check(err)
}

// pair writes a label and a value on one row.
func (g *monWriter) pair(sheet string, row int, label, value string) {
	g.str(sheet, 1, row, label, g.s.label)
	g.str(sheet, 2, row, value, g.s.wrap)
}

// layout sets a sheet's column widths and its printing: landscape A4, as
// many pages across as the columns need at a readable size, titleRows
// repeated on every page.
func (g *monWriter) layout(sh, titleRows string, widths ...float64) {
	g.widths(sh, widths...)
	sum := 0.0
	for _, w := range widths {
		sum += w
	}
	g.pageSetup(sh, sum, titleRows, "")
	g.check(g.f.SetHeaderFooter(sh, &excelize.HeaderFooterOptions{
		OddFooter: "&L" + footerText(g.m.ContractRef+" "+g.m.Procurement) + "&R" + g.words.Get("grid.footer_page"),
	}))
}

func (g *monWriter) briefing() {
	const sh = monitor.Briefing
	m, p := g.m, g.p
	g.layout(sh, "$1:$1", 24, 34, 18, 14, 90)
	g.str(sh, 1, 1, g.word("title")+": "+m.Procurement, g.s.title)
	r := 3
	for _, kv := range [][2]string{
		{"employer", m.Employer}, {"procurement", m.Procurement}, {"reference", m.Reference},
		{"supplier", m.Supplier}, {"contract_reference", m.ContractRef},
		{"start", m.Start.Format("2006-01-02")}, {"end", m.End().Format("2006-01-02")},
		{"term", fmt.Sprint(m.Months)}, {"scale", m.ScaleNote},
	} {
		g.pair(sh, r, g.word(kv[0]), kv[1])
		g.merge(sh, 2, r, 5, r)
		if kv[0] == "scale" {
			g.height(sh, r, kv[1], 150)
		}
		r++
	}
	r++
	g.str(sh, 1, r, g.word("requirements_heading"), g.s.heading)
	r++
	intro := g.word("requirements_intro")
	if !m.Outcomes {
		intro += "\n" + g.word("outcomes_not_recorded")
	}
	g.str(sh, 1, r, intro, g.s.wrap)
	g.merge(sh, 1, r, 5, r)
	g.height(sh, r, intro, 160)
	r++
	hs := g.words.List("monitor.requirement_headers")
	g.headers(sh, 1, r, hs...)
	r++
	for _, a := range m.Monitored() {
		outcome := a.Outcome
		if outcome == "" {
			outcome = "none"
		}
		g.num(sh, 1, r, float64(a.Number), g.s.textCenter)
		g.str(sh, 2, r, a.Title, g.s.text)
		g.str(sh, 3, r, g.word("outcome."+outcome), g.s.text)
		g.str(sh, 4, r, a.Clause, g.s.text)
		g.str(sh, 5, r, a.Requirement, g.s.text)
		g.fit(sh, r, 1, lines(a.Requirement, 90), lines(a.Title, 34))
		r++
	}
	r++
	g.str(sh, 1, r, g.word("briefing_heading"), g.s.heading)
	r++
	bh := g.words.List("monitor.briefing_headers")
	if len(bh) == 2 {
		g.headers(sh, 1, r, bh[0], "", "", "", bh[1])
		g.merge(sh, 1, r, 4, r)
	}
	r++
	for _, item := range g.words.List("monitor.briefing_items") {
		g.str(sh, 1, r, item, g.s.text)
		g.merge(sh, 1, r, 4, r)
		g.str(sh, 5, r, "", g.s.input)
		g.height(sh, r, item, 70)
		r++
	}
	r++
	g.str(sh, 1, r, g.word("contacts_heading"), g.s.heading)
	r++
	for _, c := range [][2]string{
		{"contact_branch", strings.TrimSpace(clean(p.PreparedBy.Organisation + " " + p.PreparedBy.Contact))},
		{"contact_manager", clean(p.Contract.Manager)},
		{"contact_supplier", clean(p.Contract.Supplier)},
	} {
		g.pair(sh, r, g.word(c[0]), c[1])
		g.merge(sh, 2, r, 5, r)
		r++
	}
	g.protect(sh)
}

func (g *monWriter) kpis() {
	const sh = monitor.KPISheet
	m := g.m
	g.layout(sh, fmt.Sprintf("$%d:$%d", monitor.HeaderRow, monitor.HeaderRow), 6, 28, 36, 8, 16, 12, 12, 12, 18, 16, 22, 40)
	g.str(sh, 1, 1, g.word("kpis_title"), g.s.title)
	g.str(sh, 1, 2, g.word("kpis_intro"), g.s.wrap)
	g.merge(sh, 1, 2, 12, 2)
	g.height(sh, 2, g.word("kpis_intro"), 200)
	g.headers(sh, 1, monitor.HeaderRow, m.KPIColumns...)
	g.fitHeader(sh, monitor.HeaderRow, 1, m.KPIColumns...)
	titles := map[int]string{}
	for _, a := range m.Asks {
		titles[a.Number] = a.Title
	}
	for i := range m.Groups {
		gr := &m.Groups[i]
		if gr.OnEvent() {
			continue
		}
		for k, p := range m.Periods(gr) {
			r := gr.Row + k
			g.num(sh, monitor.KAsk, r, float64(gr.Ask), g.s.textCenter)
			g.str(sh, monitor.KTitle, r, titles[gr.Ask], g.s.text)
			g.str(sh, monitor.KName, r, gr.Name, g.s.text)
			g.str(sh, monitor.KUnit, r, gr.Unit, g.s.text)
			g.str(sh, monitor.KTarget, r, gr.Target, g.s.text)
			g.str(sh, monitor.KFrequency, r, gr.Frequency, g.s.text)
			g.num(sh, monitor.KStart, r, monitor.Serial(p.Start), g.date)
			g.num(sh, monitor.KEnd, r, monitor.Serial(p.End), g.date)
			g.str(sh, monitor.KLabel, r, m.Labels.Label(p, gr.Frequency), g.s.text)
			g.style(sh, monitor.KValue, r, monitor.KNote, r, g.s.input)
		}
	}
	if last := m.KPILastRow(); last >= monitor.FirstRow {
		g.ratingList(sh, monitor.Cell(monitor.KRating, monitor.FirstRow)+":"+monitor.Cell(monitor.KRating, last))
	}
	g.freeze(sh, 0, monitor.HeaderRow)
	g.protect(sh)
}

// ratingList adds the drop-down of the scale's ratings.
func (g *monWriter) ratingList(sh, sqref string) { g.list(sh, sqref, g.m.Ratings) }

func (g *monWriter) list(sh, sqref string, values []string) {
	dv := excelize.NewDataValidation(false)
	dv.Sqref = sqref
	g.check(dv.SetDropList(values))
	g.alert(dv)
	g.check(g.f.AddDataValidation(sh, dv))
}

// rangeList adds a drop-down of the values in a range of cells: lists too
// long for a validation's own list, as the asks' titles are.
func (g *monWriter) rangeList(sh, sqref, source string) {
	dv := excelize.NewDataValidation(false)
	dv.Sqref = sqref
	dv.SetSqrefDropList(source)
	g.alert(dv)
	g.check(g.f.AddDataValidation(sh, dv))
}

func (g *monWriter) alert(dv *excelize.DataValidation) {
	dv.SetError(excelize.DataValidationErrorStyleStop, limit(g.word("input_error_title"), 32), limit(g.word("list_error"), 255))
}

// dates adds validation of dates within the term.
func (g *monWriter) dates(sh, sqref string) {
	dv := excelize.NewDataValidation(true)
	dv.Sqref = sqref
	g.check(dv.SetRange(monitor.Serial(g.m.Start), monitor.Serial(g.m.End()), excelize.DataValidationTypeDate, excelize.DataValidationOperatorBetween))
	dv.SetError(excelize.DataValidationErrorStyleStop, limit(g.word("input_error_title"), 32), limit(g.word("date_error"), 255))
	g.check(g.f.AddDataValidation(sh, dv))
}

func (g *monWriter) events() {
	const sh = monitor.Events
	m := g.m
	g.layout(sh, fmt.Sprintf("$%d:$%d", m.EventHeaderRow(), m.EventHeaderRow()), 14, 44, 18, 22, 50)
	g.str(sh, 1, 1, g.word("events_title"), g.s.title)
	g.str(sh, 1, 2, g.word("events_intro"), g.s.wrap)
	g.merge(sh, 1, 2, 5, 2)
	g.height(sh, 2, g.word("events_intro"), 140)
	g.str(sh, 1, monitor.HeaderRow, g.word("event_kpis_heading"), g.s.heading)
	evs := m.EventKPIs()
	for _, gr := range evs {
		g.str(sh, 1, gr.Row, gr.Label(), g.s.text)
		g.merge(sh, 1, gr.Row, 2, gr.Row)
		g.str(sh, 3, gr.Row, gr.Unit, g.s.text)
		g.str(sh, 4, gr.Row, gr.Target, g.s.text)
	}
	h := m.EventHeaderRow()
	g.headers(sh, 1, h, m.EventColumns...)
	first, last := m.EventRow(0), m.EventRow(monitor.EventRows-1)
	g.style(sh, monitor.EDate, first, monitor.EDate, last, g.dateIn)
	g.style(sh, monitor.EKPI, first, monitor.ENote, last, g.s.input)
	col := func(c int) string { return monitor.Cell(c, first) + ":" + monitor.Cell(c, last) }
	g.dates(sh, col(monitor.EDate))
	if len(evs) > 0 {
		g.rangeList(sh, col(monitor.EKPI), "$A$"+fmt.Sprint(monitor.EventKPIRow)+":$A$"+fmt.Sprint(monitor.EventKPIRow+len(evs)-1))
	}
	g.ratingList(sh, col(monitor.ERating))
	g.freeze(sh, 0, h)
	g.protect(sh)
}

func (g *monWriter) reports() {
	const sh = monitor.Reports
	m := g.m
	g.layout(sh, fmt.Sprintf("$%d:$%d", monitor.HeaderRow, monitor.HeaderRow), 12, 36, 20, 44, 10, 18, 12, 40, 12, 16)
	g.str(sh, 1, 1, g.word("reports_title"), g.s.title)
	banner := g.word("reports_banner")
	g.str(sh, 1, 2, banner, g.s.label)
	g.merge(sh, 1, 2, 10, 2)
	g.height(sh, 2, banner, 200)
	g.headers(sh, 1, monitor.HeaderRow, m.ReportColumns...)
	g.fitHeader(sh, monitor.HeaderRow, 1, m.ReportColumns...)
	first, last := monitor.ReportRow(0), monitor.ReportRow(monitor.ReportRows-1)
	g.style(sh, 1, first, 10, last, g.s.input)
	g.style(sh, monitor.RDate, first, monitor.RDate, last, g.dateIn)
	g.style(sh, monitor.RRaisedOn, first, monitor.RRaisedOn, last, g.dateIn)
	col := func(c int) string { return monitor.Cell(c, first) + ":" + monitor.Cell(c, last) }
	g.dates(sh, col(monitor.RDate))
	g.dates(sh, col(monitor.RRaisedOn))
	if n := len(m.Monitored()); n > 0 {
		g.rangeList(sh, col(monitor.RAsk), monitor.Quote(monitor.Summary)+"!$A$"+fmt.Sprint(m.SumAskRow(0))+":$A$"+fmt.Sprint(m.SumAskRow(n-1)))
	}
	dv := excelize.NewDataValidation(false)
	dv.Sqref = col(monitor.RAffected)
	g.check(dv.SetRange(0, 1000000, excelize.DataValidationTypeWhole, excelize.DataValidationOperatorBetween))
	dv.SetError(excelize.DataValidationErrorStyleStop, limit(g.word("input_error_title"), 32), limit(g.word("whole_error"), 255))
	g.check(g.f.AddDataValidation(sh, dv))
	g.list(sh, col(monitor.RStatus), m.Statuses)
	g.freeze(sh, 0, monitor.HeaderRow)
	g.protect(sh)
}

func (g *monWriter) summary() {
	const sh = monitor.Summary
	m := g.m
	w := m.SummaryWords
	g.width(sh, 1, 44)
	for c := 2; c <= 2+max(len(m.Ratings), len(m.Statuses)); c++ {
		g.width(sh, c, 14)
	}
	g.str(sh, 1, 1, g.word("summary_title"), g.s.title)
	g.str(sh, 1, 2, g.word("summary_intro"), g.s.wrap)
	g.merge(sh, 1, 2, 2+len(m.Ratings), 2)
	g.height(sh, 2, g.word("summary_intro"), 100)
	hs := append(append([]string{w[monitor.SPeriod]}, m.Ratings...), w[monitor.STotal])
	g.headers(sh, 1, monitor.HeaderRow, hs...)
	g.fitHeader(sh, monitor.HeaderRow, 1, hs...)
	labels := m.PeriodLabels()
	for k, l := range labels {
		g.str(sh, 1, monitor.SumPeriodRow(k), l, g.s.text)
	}
	if len(labels) > 0 {
		g.str(sh, 1, m.SumPeriodTotalRow(), w[monitor.STotal], g.s.label)
	}
	ah := append(append([]string{w[monitor.SAsk]}, m.Statuses...), w[monitor.STotal])
	g.headers(sh, 1, m.SumAskHeaderRow(), ah...)
	for k, a := range m.Monitored() {
		g.str(sh, 1, m.SumAskRow(k), a.Label(), g.s.text)
	}
	if len(m.Monitored()) > 0 {
		g.str(sh, 1, m.SumAskTotalRow(), w[monitor.STotal], g.s.label)
	}
	for _, fm := range m.Formulas() {
		s := g.sheet(sh)
		s.set(fm.Col, fm.Row, nil, fm.Text)
		s.setStyle(fm.Col, fm.Row, fm.Col, fm.Row, g.s.computed)
	}
	g.protect(sh)
}

// chart adds the stacked column chart of the ratings per reporting period,
// on a sheet of its own.
func (g *monWriter) chart() {
	m := g.m
	n := len(m.PeriodLabels())
	if n == 0 || g.err != nil {
		return
	}
	first, last := monitor.SumPeriodRow(0), monitor.SumPeriodRow(n-1)
	sum := monitor.Quote(monitor.Summary) + "!"
	var series []excelize.ChartSeries
	for i := range m.Ratings {
		c := 2 + i
		col := strings.TrimRight(monitor.Cell(c, 1), "1")
		series = append(series, excelize.ChartSeries{
			Name:       sum + "$" + col + "$" + fmt.Sprint(monitor.HeaderRow),
			Categories: sum + "$A$" + fmt.Sprint(first) + ":$A$" + fmt.Sprint(last),
			Values:     sum + "$" + col + "$" + fmt.Sprint(first) + ":$" + col + "$" + fmt.Sprint(last),
		})
	}
	g.check(g.f.AddChartSheet(monitor.Chart, &excelize.Chart{
		Type:   excelize.ColStacked,
		Series: series,
		Title:  excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{Text: g.word("chart_title")}}},
		Legend: excelize.ChartLegend{Position: "bottom"},
	}))
}

// monWorkbook sets what belongs to the whole file, as the grid does.
func (g *monWriter) monWorkbook() {
	if g.err != nil {
		return
	}
	yes := true
	g.check(g.f.SetCalcProps(&excelize.CalcPropsOptions{FullCalcOnLoad: &yes}))
	g.check(g.f.ProtectWorkbook(&excelize.WorkbookProtectionOptions{LockStructure: true}))
	g.f.SetActiveSheet(0)
	props := &excelize.DocProperties{
		Title:          g.word("title") + ": " + g.m.Procurement,
		Subject:        g.m.Procurement,
		Creator:        "goldenthread",
		LastModifiedBy: "goldenthread",
		Description:    g.m.Employer,
		Identifier:     g.m.Reference,
		Language:       clean(g.p.Document.Language),
		Version:        g.m.Tool,
	}
	if d := g.m.Date; !d.IsZero() {
		props.Created, props.Modified = d.Format(time.RFC3339), d.Format(time.RFC3339)
	}
	g.check(g.f.SetDocProps(props))
	g.check(g.f.SetAppProps(&excelize.AppProperties{Application: "goldenthread"}))
}
