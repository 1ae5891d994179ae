package monitor

import (
	"fmt"
	"slices"
	"strconv"
	"time"

	"github.com/goldenthread/goldenthread/internal/grid"
)

// The record is one row per fact, a key in column A and its values after
// it, every value text, and a digest of every row above it last:
//
//	goldenthread-monitoring | 1
//	tool                    | 0.4.0
//	ratings                 | Good | Approaching target | …
//	ask                     | 12 | Title | Theme | amended | 7.3 | wording | retender
//	kpi                     | 12 | Name | % | 100% | quarterly | 5 | 20
//	digest                  | <SHA-256>
const (
	keyTool        = "tool"
	keyDate        = "date"
	keyEmployer    = "employer"
	keyProcurement = "procurement"
	keyReference   = "reference"
	keySupplier    = "supplier"
	keyContract    = "contract"
	keyStart       = "start"
	keyMonths      = "months"
	keyScale       = "scale"
	keyScaleNote   = "scale-note"
	keyPreparedBy  = "prepared-by"
	keyRatings     = "ratings"
	keyStatuses    = "statuses"
	keyOutcomes    = "outcomes"
	keyLabels      = "labels"
	keyKPICols     = "columns-kpis"
	keyEventCols   = "columns-events"
	keyReportCols  = "columns-reports"
	keySummary     = "summary"
	keyAsk         = "ask"
	keyKPI         = "kpi"
	keyDigest      = "digest"
	dateFormat     = "2006-01-02"
)

func dateText(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(dateFormat)
}

func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}

// Rows returns the record of m, digest last.
func (m *Meta) Rows() [][]string {
	list := func(key string, vs []string) []string { return append([]string{key}, vs...) }
	l := m.Labels
	rows := [][]string{
		{Format, Layout},
		{keyTool, m.Tool},
		{keyDate, dateText(m.Date)},
		{keyEmployer, m.Employer},
		{keyProcurement, m.Procurement},
		{keyReference, m.Reference},
		{keySupplier, m.Supplier},
		{keyContract, m.ContractRef},
		{keyStart, dateText(m.Start)},
		{keyMonths, itoa(m.Months)},
		{keyScale, m.Scale},
		{keyScaleNote, m.ScaleNote},
		{keyPreparedBy, m.PreparedBy},
		list(keyRatings, m.Ratings),
		list(keyStatuses, m.Statuses),
		{keyOutcomes, yesNo(m.Outcomes)},
		{keyLabels, l.Monthly, l.Quarterly, l.SixMonthly, l.Annual, l.Part},
		list(keyKPICols, m.KPIColumns),
		list(keyEventCols, m.EventColumns),
		list(keyReportCols, m.ReportColumns),
		list(keySummary, m.SummaryWords),
	}
	for _, a := range m.Asks {
		rows = append(rows, []string{keyAsk, itoa(a.Number), a.Title, a.Theme, a.Outcome, a.Clause, a.Requirement, a.Retender})
	}
	for _, g := range m.Groups {
		rows = append(rows, []string{keyKPI, itoa(g.Ask), g.Name, g.Unit, g.Target, g.Frequency, itoa(g.Row), itoa(g.Periods)})
	}
	return append(rows, []string{keyDigest, Digest(rows)})
}

// Digest returns the digest of rows, as the evaluation grid's record
// takes it (grid.Digest): a workbook's record is checked the same way
// whichever workbook it is.
func Digest(rows [][]string) string { return grid.Digest(rows) }

// Error is a fault at a cell.
type Error struct {
	Sheet, Cell, Msg string
}

func (e *Error) Error() string { return e.Sheet + "!" + e.Cell + ": " + e.Msg }

func field(row []string, i int) string {
	if i < len(row) {
		return row[i]
	}
	return ""
}

// fields returns row[1:] without the empty fields at its end.
func fields(row []string) []string {
	n := len(row)
	for n > 1 && row[n-1] == "" {
		n--
	}
	if n <= 1 {
		return nil
	}
	return slices.Clone(row[1:n])
}

// Decode checks the record against its digest and returns the Meta it
// describes. The record is untrusted (anyone can recompute a digest), so
// every value is checked too, and the rows it gives each KPI must be the
// rows the layout gives them.
func Decode(rows [][]string) (*Meta, error) {
	errAt := func(row, col int, format string, args ...any) error {
		return &Error{MetaSheet, Cell(col, row+1), fmt.Sprintf(format, args...)}
	}
	if len(rows) == 0 || field(rows[0], 0) != Format {
		return nil, errAt(0, 1, "not a goldenthread monitoring record (want %q in A1)", Format)
	}
	if v := field(rows[0], 1); v != Layout {
		return nil, errAt(0, 2, "monitoring layout %q; this goldenthread reads layout %s (read the workbook with the goldenthread version that made it)", v, Layout)
	}
	last := len(rows) - 1
	for last > 0 && len(fields(rows[last])) == 0 && field(rows[last], 0) == "" {
		last--
	}
	if field(rows[last], 0) != keyDigest {
		return nil, errAt(last, 1, "the record has no digest row at its end")
	}
	if field(rows[last], 1) != Digest(rows[:last]) {
		return nil, errAt(last, 2, "the workbook's hidden record of its layout was changed, so the workbook can no longer be checked: keep entering in the workbook goldenthread wrote, or write a new one with goldenthread monitor and copy the entries across")
	}
	m := &Meta{}
	d := decoder{m: m}
	for i, row := range rows[1:last] {
		if err := d.row(row); err != nil {
			return nil, errAt(i+1, d.col, "%s", err)
		}
	}
	if err := d.finish(); err != nil {
		return nil, errAt(last, 1, "%s", err)
	}
	return m, nil
}

// decoder decodes the record one row at a time.
type decoder struct {
	m    *Meta
	seen map[string]bool
	col  int // the column at fault
}

func (d *decoder) row(row []string) error {
	m := d.m
	key, v := field(row, 0), field(row, 1)
	d.col = 1
	if d.seen == nil {
		d.seen = map[string]bool{}
	}
	if key != keyAsk && key != keyKPI {
		if d.seen[key] {
			return fmt.Errorf("%q appears twice", key)
		}
		d.seen[key] = true
	}
	text := map[string]*string{
		keyTool: &m.Tool, keyEmployer: &m.Employer, keyProcurement: &m.Procurement,
		keyReference: &m.Reference, keySupplier: &m.Supplier, keyContract: &m.ContractRef, keyScale: &m.Scale,
		keyScaleNote: &m.ScaleNote, keyPreparedBy: &m.PreparedBy,
	}
	lists := map[string]*[]string{
		keyRatings: &m.Ratings, keyStatuses: &m.Statuses, keyKPICols: &m.KPIColumns,
		keyEventCols: &m.EventColumns, keyReportCols: &m.ReportColumns, keySummary: &m.SummaryWords,
	}
	d.col = 2
	if p := text[key]; p != nil {
		*p = v
		return nil
	}
	if p := lists[key]; p != nil {
		*p = fields(row)
		return nil
	}
	var err error
	switch key {
	case keyDate:
		m.Date, err = parseDate(v, true)
	case keyStart:
		m.Start, err = parseDate(v, false)
	case keyMonths:
		m.Months, err = number(v, 1, MaxMonths)
	case keyOutcomes:
		if v != "yes" && v != "no" {
			return fmt.Errorf("outcomes %q is not yes or no", v)
		}
		m.Outcomes = v == "yes"
	case keyLabels:
		m.Labels = Labels{field(row, 1), field(row, 2), field(row, 3), field(row, 4), field(row, 5)}
	case keyAsk:
		return d.ask(row)
	case keyKPI:
		return d.kpi(row)
	default:
		d.col = 1
		return fmt.Errorf("unknown record %q", key)
	}
	return err
}

func (d *decoder) ask(row []string) error {
	m := d.m
	if len(m.Asks) == MaxAsks {
		return fmt.Errorf("more than %d asks", MaxAsks)
	}
	n, err := number(field(row, 1), 1, 10000)
	if err != nil {
		return err
	}
	if slices.ContainsFunc(m.Asks, func(a Ask) bool { return a.Number == n }) {
		return fmt.Errorf("ask %d appears twice", n)
	}
	a := Ask{Number: n, Title: field(row, 2), Theme: field(row, 3), Outcome: field(row, 4),
		Clause: field(row, 5), Requirement: field(row, 6), Retender: field(row, 7)}
	if !slices.Contains([]string{"", "as-asked", "amended", "refused"}, a.Outcome) {
		d.col = 5
		return fmt.Errorf("outcome %q is not as-asked, amended or refused", a.Outcome)
	}
	m.Asks = append(m.Asks, a)
	return nil
}

func (d *decoder) kpi(row []string) error {
	m := d.m
	if len(m.Groups) == MaxKPIs {
		return fmt.Errorf("more than %d KPIs", MaxKPIs)
	}
	g := Group{Name: field(row, 2), Unit: field(row, 3), Target: field(row, 4), Frequency: field(row, 5)}
	var err error
	if g.Ask, err = number(field(row, 1), 1, 10000); err != nil {
		return err
	}
	if months(g.Frequency) == 0 && !g.OnEvent() {
		d.col = 6
		return fmt.Errorf("frequency %q is not monthly, quarterly, six-monthly, annual or on-event", g.Frequency)
	}
	d.col = 7
	if g.Row, err = number(field(row, 6), 1, MaxRows); err != nil {
		return err
	}
	d.col = 8
	if g.Periods, err = number(field(row, 7), 0, MaxRows); err != nil {
		return err
	}
	m.Groups = append(m.Groups, g)
	return nil
}

// finish checks what the record as a whole must say.
func (d *decoder) finish() error {
	m := d.m
	switch {
	case m.Start.IsZero() || m.Months == 0:
		return fmt.Errorf("the record has no contract start or term")
	case len(m.Ratings) < 2 || len(m.Statuses) < 1:
		return fmt.Errorf("the record has no ratings or statuses")
	case len(m.KPIColumns) != kCols || len(m.EventColumns) != eCols || len(m.ReportColumns) != rCols || len(m.SummaryWords) != sWords:
		return fmt.Errorf("the record's column headers are not %d, %d, %d and %d", kCols, eCols, rCols, sWords)
	}
	for _, g := range m.Groups {
		if !slices.ContainsFunc(m.Asks, func(a Ask) bool { return a.Number == g.Ask && a.Monitored() }) {
			return fmt.Errorf("KPI %q belongs to no ask monitored", g.Name)
		}
	}
	want := slices.Clone(m.Groups)
	m.Place() // what the layout gives them
	if !slices.Equal(want, m.Groups) {
		return fmt.Errorf("the record's KPI rows are not where the layout puts them")
	}
	if m.KPILastRow() > MaxRows {
		return fmt.Errorf("more than %d KPI rows", MaxRows)
	}
	return nil
}

func number(s string, lo, hi int) (int, error) {
	n, err := strconv.Atoi(s)
	if err != nil || n < lo || n > hi {
		return 0, fmt.Errorf("%q is not a whole number from %d to %d", s, lo, hi)
	}
	return n, nil
}

func parseDate(s string, blank bool) (time.Time, error) {
	if s == "" && blank {
		return time.Time{}, nil
	}
	t, err := time.Parse(dateFormat, s)
	if err != nil || t.Year() < 1990 || t.Year() > 2200 {
		return time.Time{}, fmt.Errorf("%q is not a date (YYYY-MM-DD)", s)
	}
	return t, nil
}
