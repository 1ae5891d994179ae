package monitor_test

import (
	"bytes"
	"math/rand/v2"
	"strconv"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/goldenthread/goldenthread/internal/gtest"
	"github.com/goldenthread/goldenthread/internal/model"
	"github.com/goldenthread/goldenthread/internal/monitor"
	"github.com/goldenthread/goldenthread/internal/render/xlsx"
)

// pack returns an example's pack with a contract of months from start,
// and outcomes: every third ask refused, every third amended.
func pack(t testing.TB, name string, start time.Time, months int) *model.Pack {
	t.Helper()
	p := gtest.Example(t, name)
	p.Contract = model.Contract{Start: start, Months: months, Reference: "C/2027/14", Supplier: "Acme Highways Ltd", Manager: "Contract manager: Jo Bloggs"}
	p.Outcomes = true
	for i, a := range p.Asks() {
		switch i % 3 {
		case 1:
			a.Outcome = &model.Outcome{Result: model.Refused, Reason: "cost"}
		case 2:
			a.Outcome = &model.Outcome{Result: model.Amended, Wording: "The agreed wording of ask " + strconv.Itoa(a.Number) + ".", Clause: "Schedule 7." + strconv.Itoa(i)}
		default:
			a.Outcome = &model.Outcome{Result: model.AsAsked, Clause: "Schedule 7." + strconv.Itoa(i)}
		}
	}
	return p
}

func write(t testing.TB, p *model.Pack) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := xlsx.Monitoring(&b, p); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func read(t testing.TB, b []byte) *monitor.Result {
	t.Helper()
	r, err := monitor.Read(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func open(t testing.TB, b []byte) *excelize.File {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

func save(t testing.TB, f *excelize.File) []byte {
	t.Helper()
	b, err := f.WriteToBuffer()
	if err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func set(t testing.TB, f *excelize.File, sheet string, col, row int, v any) {
	t.Helper()
	if err := f.SetCellValue(sheet, monitor.Cell(col, row), v); err != nil {
		t.Fatal(err)
	}
}

func get(t testing.TB, f *excelize.File, sheet string, col, row int) string {
	t.Helper()
	v, err := f.GetCellValue(sheet, monitor.Cell(col, row), excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// counts is what the test filled in, counted by itself.
type counts struct {
	ratings map[string]map[string]int // by period label, rating
	reports map[string]map[string]int // by ask label, status
	events  int
}

// fill fills every input cell of the workbook with random valid entries,
// counting them from the cells it fills and the labels beside them.
func fill(t testing.TB, f *excelize.File, m *monitor.Meta, seed uint64) counts {
	t.Helper()
	rng := rand.New(rand.NewPCG(seed, 1))
	c := counts{ratings: map[string]map[string]int{}, reports: map[string]map[string]int{}}
	pick := func(l []string) string { return l[rng.IntN(len(l))] }
	day := func() float64 {
		days := int(m.End().Sub(m.Start).Hours() / 24)
		return monitor.Serial(m.Start.AddDate(0, 0, rng.IntN(days+1)))
	}
	for r := monitor.FirstRow; r <= m.KPILastRow(); r++ {
		rating := pick(m.Ratings)
		values := []any{rng.IntN(100), "98%", strconv.Itoa(rng.IntN(50)), 12.5}
		set(t, f, monitor.KPISheet, monitor.KValue, r, values[rng.IntN(len(values))])
		set(t, f, monitor.KPISheet, monitor.KRating, r, rating)
		set(t, f, monitor.KPISheet, monitor.KNote, r, "note "+strconv.Itoa(r))
		label := get(t, f, monitor.KPISheet, monitor.KLabel, r)
		if c.ratings[label] == nil {
			c.ratings[label] = map[string]int{}
		}
		c.ratings[label][rating]++
	}
	var evs []string
	for _, g := range m.EventKPIs() {
		evs = append(evs, get(t, f, monitor.Events, 1, g.Row))
	}
	if len(evs) > 0 {
		for k := range monitor.EventRows {
			r := m.EventRow(k)
			set(t, f, monitor.Events, monitor.EDate, r, day())
			set(t, f, monitor.Events, monitor.EKPI, r, pick(evs))
			set(t, f, monitor.Events, monitor.EValue, r, rng.IntN(10))
			set(t, f, monitor.Events, monitor.ERating, r, pick(m.Ratings))
			set(t, f, monitor.Events, monitor.ENote, r, "event")
			c.events++
		}
	}
	var asks []string
	for k := range m.Monitored() {
		asks = append(asks, get(t, f, monitor.Summary, 1, m.SumAskRow(k)))
	}
	for k := range monitor.ReportRows {
		r := monitor.ReportRow(k)
		ask, status := pick(asks), pick(m.Statuses)
		for col, v := range []any{day(), ask, "Depot " + strconv.Itoa(k%7), "Shift pattern changed without notice", rng.IntN(40),
			"Contract manager", day(), "Under review", status, "EV-" + strconv.Itoa(k)} {
			set(t, f, monitor.Reports, col+1, r, v)
		}
		if c.reports[ask] == nil {
			c.reports[ask] = map[string]int{}
		}
		c.reports[ask][status]++
	}
	return c
}

// resultCounts counts what Read returned, as fill counts.
func resultCounts(r *monitor.Result) counts {
	c := counts{ratings: map[string]map[string]int{}, reports: map[string]map[string]int{}, events: len(r.Events)}
	for _, k := range r.KPIs {
		for _, rd := range k.Readings {
			l := r.Meta.Labels.Label(rd.Period, k.Frequency)
			if c.ratings[l] == nil {
				c.ratings[l] = map[string]int{}
			}
			c.ratings[l][rd.Rating]++
		}
	}
	for _, rep := range r.Reports {
		l := ""
		for _, a := range r.Meta.Asks {
			if a.Number == rep.Ask {
				l = a.Label()
			}
		}
		if c.reports[l] == nil {
			c.reports[l] = map[string]int{}
		}
		c.reports[l][rep.Status]++
	}
	return c
}

func writeErr(p *model.Pack) ([]byte, error) {
	var b bytes.Buffer
	err := xlsx.Monitoring(&b, p)
	return b.Bytes(), err
}

func gtestExamples(t testing.TB) []string { return gtest.Examples(t) }
