package monitor_test

import (
	"fmt"
	"maps"
	"slices"
	"testing"
	"time"

	"github.com/goldenthread/goldenthread/internal/monitor"
)

var start = time.Date(2027, time.May, 15, 0, 0, 0, 0, time.UTC)

func equal(a, b map[string]map[string]int) bool {
	return maps.EqualFunc(a, b, func(x, y map[string]int) bool { return maps.Equal(x, y) })
}

// TestRoundTrip writes each example's workbook, fills every input cell
// and checks that Read counts what the test filled.
func TestRoundTrip(t *testing.T) {
	for _, name := range gtestExamples(t) {
		t.Run(name, func(t *testing.T) {
			p := pack(t, name, start, 48)
			b := write(t, p)
			empty := read(t, b)
			if len(empty.Problems) > 0 || len(empty.Reports) > 0 || len(empty.Events) > 0 {
				t.Fatalf("an empty workbook reads with %d problems, %d reports, %d events: %v", len(empty.Problems), len(empty.Reports), len(empty.Events), empty.Problems)
			}
			f := open(t, b)
			want := fill(t, f, &empty.Meta, 7)
			got := read(t, save(t, f))
			if len(got.Problems) > 0 {
				t.Errorf("a validly filled workbook has problems: %v", got.Problems)
			}
			gc := resultCounts(got)
			if !equal(gc.Ratings, want.Ratings) {
				t.Errorf("ratings by period: Read counts %v; the test filled %v", gc.Ratings, want.Ratings)
			}
			if !equal(gc.Reports, want.Reports) {
				t.Errorf("reports by ask and status: Read counts %v; the test filled %v", gc.Reports, want.Reports)
			}
			if gc.Events != want.Events {
				t.Errorf("Read gives %d events; the test filled %d", gc.Events, want.Events)
			}
			for _, e := range got.Events {
				if e.KPI < 0 || got.KPIs[e.KPI].Frequency != monitor.OnEvent {
					t.Errorf("event row %d: KPI %d is not an on-event KPI", e.Row, e.KPI)
				}
			}
			if n := len(got.Meta.Monitored()); n == 0 || n == len(got.Meta.Asks) {
				t.Errorf("%d of %d asks monitored; the test refused every third", n, len(got.Meta.Asks))
			}
			for _, k := range got.KPIs {
				for _, rd := range k.Readings {
					if rd.Value == "" || rd.Rating == "" || rd.Cell == "" {
						t.Fatalf("KPI %q reading %v is blank", k.Name, rd)
					}
				}
			}
		})
	}
}

// TestDeterministic checks the same pack gives the same bytes.
func TestDeterministic(t *testing.T) {
	p := pack(t, "midshire-highways", start, 48)
	if a, b := write(t, p), write(t, p); string(a) != string(b) {
		t.Error("two workbooks of one pack differ")
	}
}

// TestNoContract checks the writer refuses a pack with no contract.
func TestNoContract(t *testing.T) {
	p := pack(t, "midshire-highways", time.Time{}, 0)
	if _, err := writeErr(p); err == nil {
		t.Error("Monitoring wrote a workbook with no contract")
	}
}

func sortedKeys(m map[string]map[string]int) []string { return slices.Sorted(maps.Keys(m)) }

var _ = fmt.Sprint
