// Package monitortest fills a contract-monitoring workbook as a branch
// would, at random but with valid entries, counting what it filled from the
// cells themselves, for tests that read the workbook back.
package monitortest

import (
	"math/rand/v2"
	"strconv"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/goldenthread/goldenthread/internal/monitor"
)

// Set sets a cell of f, failing the test if it cannot.
func Set(t testing.TB, f *excelize.File, sheet string, col, row int, v any) {
	t.Helper()
	if err := f.SetCellValue(sheet, monitor.Cell(col, row), v); err != nil {
		t.Fatal(err)
	}
}

// Get returns a cell of f as stored.
func Get(t testing.TB, f *excelize.File, sheet string, col, row int) string {
	t.Helper()
	v, err := f.GetCellValue(sheet, monitor.Cell(col, row), excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// Counts is what a test filled in, counted by itself.
type Counts struct {
	Ratings map[string]map[string]int // by period label, rating
	Reports map[string]map[string]int // by ask label, status
	Events  int
}

// Fill fills every input cell of the workbook with random valid entries,
// counting them from the cells it fills and the labels beside them.
func Fill(t testing.TB, f *excelize.File, m *monitor.Meta, seed uint64) Counts {
	t.Helper()
	rng := rand.New(rand.NewPCG(seed, 1))
	c := Counts{Ratings: map[string]map[string]int{}, Reports: map[string]map[string]int{}}
	pick := func(l []string) string { return l[rng.IntN(len(l))] }
	day := func() float64 {
		days := int(m.End().Sub(m.Start).Hours() / 24)
		return monitor.Serial(m.Start.AddDate(0, 0, rng.IntN(days+1)))
	}
	for r := monitor.FirstRow; r <= m.KPILastRow(); r++ {
		rating := pick(m.Ratings)
		values := []any{rng.IntN(100), "98%", strconv.Itoa(rng.IntN(50)), 12.5}
		Set(t, f, monitor.KPISheet, monitor.KValue, r, values[rng.IntN(len(values))])
		Set(t, f, monitor.KPISheet, monitor.KRating, r, rating)
		Set(t, f, monitor.KPISheet, monitor.KNote, r, "note "+strconv.Itoa(r))
		label := Get(t, f, monitor.KPISheet, monitor.KLabel, r)
		if c.Ratings[label] == nil {
			c.Ratings[label] = map[string]int{}
		}
		c.Ratings[label][rating]++
	}
	var evs []string
	for _, g := range m.EventKPIs() {
		evs = append(evs, Get(t, f, monitor.Events, 1, g.Row))
	}
	if len(evs) > 0 {
		for k := range monitor.EventRows {
			r := m.EventRow(k)
			Set(t, f, monitor.Events, monitor.EDate, r, day())
			Set(t, f, monitor.Events, monitor.EKPI, r, pick(evs))
			Set(t, f, monitor.Events, monitor.EValue, r, rng.IntN(10))
			Set(t, f, monitor.Events, monitor.ERating, r, pick(m.Ratings))
			Set(t, f, monitor.Events, monitor.ENote, r, "event")
			c.Events++
		}
	}
	var asks []string
	for k := range m.Monitored() {
		asks = append(asks, Get(t, f, monitor.Summary, 1, m.SumAskRow(k)))
	}
	for k := range monitor.ReportRows {
		r := monitor.ReportRow(k)
		ask, status := pick(asks), pick(m.Statuses)
		for col, v := range []any{day(), ask, "Depot " + strconv.Itoa(k%7), "Shift pattern changed without notice", rng.IntN(40),
			"Contract manager", day(), "Under review", status, "EV-" + strconv.Itoa(k)} {
			Set(t, f, monitor.Reports, col+1, r, v)
		}
		if c.Reports[ask] == nil {
			c.Reports[ask] = map[string]int{}
		}
		c.Reports[ask][status]++
	}
	return c
}
