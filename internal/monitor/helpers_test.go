package monitor_test

import (
	"bytes"
	"strconv"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/goldenthread/goldenthread/internal/gtest"
	"github.com/goldenthread/goldenthread/internal/model"
	"github.com/goldenthread/goldenthread/internal/monitor"
	"github.com/goldenthread/goldenthread/internal/monitor/monitortest"
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
	monitortest.Set(t, f, sheet, col, row, v)
}

func get(t testing.TB, f *excelize.File, sheet string, col, row int) string {
	return monitortest.Get(t, f, sheet, col, row)
}

// counts is what the test filled in, counted by itself.
type counts = monitortest.Counts

func fill(t testing.TB, f *excelize.File, m *monitor.Meta, seed uint64) counts {
	return monitortest.Fill(t, f, m, seed)
}

// resultCounts counts what Read returned, as fill counts.
func resultCounts(r *monitor.Result) counts {
	c := counts{Ratings: map[string]map[string]int{}, Reports: map[string]map[string]int{}, Events: len(r.Events)}
	for _, k := range r.KPIs {
		for _, rd := range k.Readings {
			l := r.Meta.Labels.Label(rd.Period, k.Frequency)
			if c.Ratings[l] == nil {
				c.Ratings[l] = map[string]int{}
			}
			c.Ratings[l][rd.Rating]++
		}
	}
	for _, rep := range r.Reports {
		l := ""
		for _, a := range r.Meta.Asks {
			if a.Number == rep.Ask {
				l = a.Label()
			}
		}
		if c.Reports[l] == nil {
			c.Reports[l] = map[string]int{}
		}
		c.Reports[l][rep.Status]++
	}
	return c
}

func writeErr(p *model.Pack) ([]byte, error) {
	var b bytes.Buffer
	err := xlsx.Monitoring(&b, p)
	return b.Bytes(), err
}

func gtestExamples(t testing.TB) []string { return gtest.Examples(t) }
