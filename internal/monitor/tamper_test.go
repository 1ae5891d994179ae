package monitor_test

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/goldenthread/goldenthread/internal/monitor"
)

// TestTamper changes a written workbook and checks Read refuses it with an
// error, or reports a problem, naming the exact cell.
func TestTamper(t *testing.T) {
	b := write(t, pack(t, "midshire-highways", start, 48))
	m := read(t, b).Meta
	fm := m.Formulas()[0]
	kr := monitor.FirstRow + 1
	for _, tc := range []struct {
		name    string
		change  func(f *excelize.File) error
		want    string // in the error or a problem
		problem bool
		is      error
	}{
		{"summary formula changed", func(f *excelize.File) error {
			return f.SetCellFormula(monitor.Summary, monitor.Cell(fm.Col, fm.Row), "7")
		}, "Summary!" + monitor.Cell(fm.Col, fm.Row) + ": the formula was changed", false, monitor.ErrLayout},
		{"summary formula removed", func(f *excelize.File) error {
			return f.SetCellValue(monitor.Summary, monitor.Cell(fm.Col, fm.Row), 3)
		}, "Summary!" + monitor.Cell(fm.Col, fm.Row) + ": the formula =", false, monitor.ErrLayout},
		{"columns swapped", func(f *excelize.File) error {
			f.SetCellStr(monitor.KPISheet, monitor.Cell(monitor.KValue, monitor.HeaderRow), m.KPIColumns[monitor.KRating-1])
			return f.SetCellStr(monitor.KPISheet, monitor.Cell(monitor.KRating, monitor.HeaderRow), m.KPIColumns[monitor.KValue-1])
		}, "KPIs!J4: expected", false, monitor.ErrLayout},
		{"KPI name changed", func(f *excelize.File) error {
			return f.SetCellStr(monitor.KPISheet, monitor.Cell(monitor.KName, kr), "Something easier")
		}, "KPIs!C6: expected", false, monitor.ErrLayout},
		{"period date changed", func(f *excelize.File) error {
			return f.SetCellValue(monitor.KPISheet, monitor.Cell(monitor.KEnd, kr), 47000)
		}, "KPIs!H6: expected", false, monitor.ErrLayout},
		{"digest edited", func(f *excelize.File) error {
			rows, _ := f.GetRows(monitor.MetaSheet)
			return f.SetCellStr(monitor.MetaSheet, monitor.Cell(2, len(rows)), strings.Repeat("0", 64))
		}, "_goldenthread-monitoring!B", false, monitor.ErrNotMonitoring},
		{"record edited", func(f *excelize.File) error {
			return f.SetCellStr(monitor.MetaSheet, "B10", "600")
		}, "hidden record of its layout was changed", false, monitor.ErrNotMonitoring},
		{"record deleted", func(f *excelize.File) error { return f.DeleteSheet(monitor.MetaSheet) },
			"it has no _goldenthread-monitoring sheet", false, monitor.ErrNotMonitoring},
		{"formula in a report", func(f *excelize.File) error {
			return f.SetCellFormula(monitor.Reports, "D9", "HYPERLINK(\"http://x\",\"Click\")")
		}, "'Workers'' reports'!D9: a formula", true, nil},
		{"rating not on the list", func(f *excelize.File) error {
			return f.SetCellStr(monitor.KPISheet, monitor.Cell(monitor.KRating, kr), "Excellent")
		}, "KPIs!K6: \"Excellent\" is not on the list", true, nil},
		{"status not on the list", func(f *excelize.File) error {
			return f.SetCellStr(monitor.Reports, monitor.Cell(monitor.RStatus, 7), "Closed")
		}, "'Workers'' reports'!I7: \"Closed\" is not on the list", true, nil},
		{"date outside the term", func(f *excelize.File) error {
			return f.SetCellValue(monitor.Reports, monitor.Cell(monitor.RDate, 8), monitor.Serial(start.AddDate(-1, 0, 0)))
		}, "'Workers'' reports'!A8: 2026-05-15 is outside the contract's term", true, nil},
		{"workers affected not whole", func(f *excelize.File) error {
			return f.SetCellStr(monitor.Reports, monitor.Cell(monitor.RAffected, 10), "a few")
		}, "'Workers'' reports'!E10: \"a few\" is not a whole number", true, nil},
		{"value not a number", func(f *excelize.File) error {
			return f.SetCellStr(monitor.KPISheet, monitor.Cell(monitor.KValue, monitor.FirstRow), "none")
		}, "KPIs!J5:", true, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := open(t, b)
			if err := tc.change(f); err != nil {
				t.Fatal(err)
			}
			out := save(t, f)
			r, err := monitor.Read(bytes.NewReader(out), int64(len(out)))
			if !tc.problem {
				if err == nil || !strings.Contains(err.Error(), tc.want) || !errors.Is(err, tc.is) {
					t.Errorf("Read = %v; want an error (%v) with %q", err, tc.is, tc.want)
				}
				return
			}
			if err != nil {
				t.Fatalf("Read = %v; want a problem", err)
			}
			var got []string
			for _, p := range r.Problems {
				got = append(got, p.String())
			}
			if len(got) != 1 || !strings.HasPrefix(got[0], tc.want) {
				t.Errorf("problems %q; want one starting %q", got, tc.want)
			}
		})
	}
}
