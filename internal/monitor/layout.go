// Package monitor describes the layout of goldenthread's contract-monitoring
// workbook, and reads a filled one back.
//
// The workbook briefs a branch on what the contract requires, collects a
// reading of every KPI of the asks the contract holds for each reporting
// period of its term, logs KPI events and workers' reports (with no
// personal data), and counts them on a Summary and a chart. Package
// render/xlsx writes it to the layout described here; Read reads it back
// with the same layout, so writer and reader cannot drift apart. Everything
// is derived from a Meta, which is what the workbook's very hidden record
// sheet holds, with a digest.
package monitor

import (
	"slices"
	"strconv"
	"strings"
	"time"
)

// Names of the sheets. They are part of the layout the evidence report
// reads, so they stay as they are in every language.
const (
	Briefing  = "Briefing"
	KPISheet  = "KPIs"
	Events    = "KPI events"
	Reports   = "Workers' reports"
	Summary   = "Summary"
	Chart     = "Chart"
	MetaSheet = "_goldenthread-monitoring"
)

// Format marks the record sheet of a monitoring workbook; Layout is the
// version of the cell layout this package describes.
const (
	Format = "goldenthread-monitoring"
	Layout = "1"
)

// Scales of KPI ratings.
const (
	Statutory = "statutory" // the Procurement Act 2023's contract performance notice
	Local     = "local"     // goldenthread's own, where no law sets one
)

// Sizes of the logs, and limits a record may not pass.
const (
	EventRows  = 200
	ReportRows = 500
	MaxAsks    = 200
	MaxKPIs    = 500
	MaxMonths  = 300
	MaxRows    = 9000 // KPI rows, well inside what xlsxsafe lets a sheet hold
)

// Rows of the sheets. Rows and columns count from 1.
const (
	HeaderRow   = 4 // column headers on the KPIs, reports and Summary sheets
	FirstRow    = 5 // the first row under them
	EventKPIRow = 5 // the first on-event KPI listed on the KPI events sheet
)

// KPIs sheet columns: what the workbook states, then the input cells.
const (
	KAsk = iota + 1
	KTitle
	KName
	KUnit
	KTarget
	KFrequency
	KStart
	KEnd
	KLabel
	KValue
	KRating
	KNote
	kCols = KNote
)

// KPI events columns.
const (
	EDate = iota + 1
	EKPI
	EValue
	ERating
	ENote
	eCols = ENote
)

// Workers' reports columns. There is no column for a name.
const (
	RDate = iota + 1
	RAsk
	RSite
	RWhat
	RAffected
	RRaisedWith
	RRaisedOn
	RResponse
	RStatus
	REvidence
	rCols = REvidence
)

// Summary header words: the column of period labels, of ask labels, and of
// totals.
const (
	SPeriod = iota
	SAsk
	STotal
	sWords
)

// Meta is everything a reader must know about a monitoring workbook to find
// and check its cells. The record sheet holds it, with a digest.
type Meta struct {
	Tool, Employer, Procurement, Reference, Supplier, ContractRef string
	Date                                                          time.Time // document date
	Start                                                         time.Time
	Months                                                        int
	Scale                                                         string   // "statutory" or "local"
	ScaleNote                                                     string   // what the scale is, citing the law of the employer's nation
	PreparedBy                                                    string   // the branch that keeps the workbook
	Ratings                                                       []string // the scale's ratings, best first, the "other"/"not rated" one last
	Outcomes                                                      bool     // the profile recorded outcomes
	Asks                                                          []Ask

	// Statuses are the statuses a worker's report may have.
	Statuses []string
	// Labels are the patterns of period labels.
	Labels Labels
	// Columns are the column headers of the KPIs, KPI events and workers'
	// reports sheets, and the Summary's words (SPeriod, SAsk, STotal).
	KPIColumns, EventColumns, ReportColumns, SummaryWords []string
	// Groups are the KPIs of the asks won, in order: the periodic ones on
	// the KPIs sheet, the on-event ones listed on the KPI events sheet.
	Groups []Group

	labels []string // PeriodLabels, worked out on first use
}

// Ask is one ask as the contract holds it.
type Ask struct {
	Number       int
	Title, Theme string
	Outcome      string // "as-asked", "amended", "refused", or "" when not recorded
	Clause       string
	Requirement  string // as won
	Retender     string
}

// Monitored reports whether the branch monitors the ask: it is in the
// contract, or no outcome says it is not.
func (a *Ask) Monitored() bool { return a.Outcome != "refused" }

// Label returns the ask as its drop-down and the Summary show it:
// "12. Title".
func (a *Ask) Label() string { return strconv.Itoa(a.Number) + ". " + a.Title }

// Group is one KPI: its row group on the KPIs sheet, one row per period, or
// for an on-event KPI its row in the KPI events sheet's list.
type Group struct {
	Ask                           int
	Name, Unit, Target, Frequency string
	Row, Periods                  int
}

// OnEvent reports whether the KPI is reported as events occur.
func (g *Group) OnEvent() bool { return g.Frequency == OnEvent }

// Label returns the KPI as the events' drop-down shows it: "12. Name".
func (g *Group) Label() string { return strconv.Itoa(g.Ask) + ". " + g.Name }

// End returns the last day of the term.
func (m *Meta) End() time.Time { return m.Start.AddDate(0, m.Months, -1) }

// Place works out each KPI's rows from the order of Groups: the periodic
// KPIs one after another on the KPIs sheet, the on-event ones listed on the
// KPI events sheet.
func (m *Meta) Place() {
	m.labels = nil
	row, ev := FirstRow, EventKPIRow
	for i := range m.Groups {
		g := &m.Groups[i]
		if g.OnEvent() {
			g.Row, g.Periods = ev, 0
			ev++
			continue
		}
		g.Row, g.Periods = row, len(Periods(m.Start, m.Months, g.Frequency))
		row += g.Periods
	}
}

// Periods returns the reporting periods of group g.
func (m *Meta) Periods(g *Group) []Period { return Periods(m.Start, m.Months, g.Frequency) }

// KPILastRow returns the last row of the KPIs sheet's table, or HeaderRow
// when it has none.
func (m *Meta) KPILastRow() int {
	last := HeaderRow
	for _, g := range m.Groups {
		if !g.OnEvent() {
			last = max(last, g.Row+g.Periods-1)
		}
	}
	return last
}

// EventKPIs returns the on-event KPIs, in order.
func (m *Meta) EventKPIs() []*Group {
	var out []*Group
	for i := range m.Groups {
		if m.Groups[i].OnEvent() {
			out = append(out, &m.Groups[i])
		}
	}
	return out
}

// EventHeaderRow returns the KPI events sheet's header row: under the list
// of on-event KPIs and a blank row.
func (m *Meta) EventHeaderRow() int { return EventKPIRow + max(len(m.EventKPIs()), 1) + 1 }

// EventRow returns the row of event k (0-based).
func (m *Meta) EventRow(k int) int { return m.EventHeaderRow() + 1 + k }

// ReportRow returns the row of worker's report k (0-based).
func ReportRow(k int) int { return FirstRow + k }

// Monitored returns the asks the branch monitors, in order.
func (m *Meta) Monitored() []*Ask {
	var out []*Ask
	for i := range m.Asks {
		if m.Asks[i].Monitored() {
			out = append(out, &m.Asks[i])
		}
	}
	return out
}

// PeriodLabels returns the Summary's reporting periods, one per label: by
// last day, the shorter period first.
func (m *Meta) PeriodLabels() []string {
	if m.labels == nil {
		m.labels = m.periodLabels()
	}
	return m.labels
}

func (m *Meta) periodLabels() []string {
	type lp struct {
		label string
		p     Period
	}
	var all []lp
	seen := map[string]bool{}
	for i := range m.Groups {
		g := &m.Groups[i]
		for _, p := range m.Periods(g) {
			l := m.Labels.Label(p, g.Frequency)
			if !seen[l] {
				seen[l] = true
				all = append(all, lp{l, p})
			}
		}
	}
	slices.SortStableFunc(all, func(a, b lp) int {
		if c := a.p.End.Compare(b.p.End); c != 0 {
			return c
		}
		if c := b.p.Start.Compare(a.p.Start); c != 0 {
			return c
		}
		return strings.Compare(a.label, b.label)
	})
	out := make([]string, len(all), len(all)+1) // not nil when empty
	for i, x := range all {
		out[i] = x.label
	}
	return out
}

// SumPeriodRow returns the Summary row of period label k (0-based).
func SumPeriodRow(k int) int { return FirstRow + k }

// SumPeriodTotalRow returns the row of the periods' totals.
func (m *Meta) SumPeriodTotalRow() int { return SumPeriodRow(len(m.PeriodLabels())) }

// SumAskHeaderRow returns the header row of the Summary's reports by ask.
func (m *Meta) SumAskHeaderRow() int { return m.SumPeriodTotalRow() + 2 }

// SumAskRow returns the Summary row of monitored ask k (0-based).
func (m *Meta) SumAskRow(k int) int { return m.SumAskHeaderRow() + 1 + k }

// SumAskTotalRow returns the row of the reports' totals.
func (m *Meta) SumAskTotalRow() int { return m.SumAskRow(len(m.Monitored())) }

// Serial returns the spreadsheet serial number of a date, as the workbook
// stores dates.
func Serial(t time.Time) float64 {
	base := time.Date(1899, time.December, 30, 0, 0, 0, 0, time.UTC)
	return float64(day(t).Sub(base) / (24 * time.Hour))
}

// FromSerial returns the date of a serial number.
func FromSerial(v float64) time.Time {
	base := time.Date(1899, time.December, 30, 0, 0, 0, 0, time.UTC)
	return base.AddDate(0, 0, int(v))
}
