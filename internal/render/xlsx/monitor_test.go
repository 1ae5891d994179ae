package xlsx

import (
	"bytes"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/goldenthread/goldenthread/internal/gtest"
	"github.com/goldenthread/goldenthread/internal/model"
	"github.com/goldenthread/goldenthread/internal/monitor"
)

// TestMonitoringGolden compares a normalised dump of Midshire's monitoring
// workbook (sheet, cell, value or formula, input or locked) with
// testdata/monitoring-midshire.golden; -update rewrites it.
func TestMonitoringGolden(t *testing.T) {
	p := gtest.Example(t, "midshire-highways")
	p.Contract = model.Contract{Start: time.Date(2027, time.May, 15, 0, 0, 0, 0, time.UTC), Months: 48,
		Reference: "MCC/HW/2027/01", Supplier: "=Acme Highways Ltd", Manager: "Jo Bloggs, Highways"}
	p.Outcomes = true
	for i, a := range p.Asks() {
		if i%4 == 3 {
			a.Outcome = &model.Outcome{Result: model.Refused, Reason: "cost"}
		} else {
			a.Outcome = &model.Outcome{Result: model.AsAsked, Clause: fmt.Sprintf("Schedule 4, %d", i+1)}
		}
	}
	var b bytes.Buffer
	if err := Monitoring(&b, p); err != nil {
		t.Fatal(err)
	}
	gtest.Golden(t, filepath.Join("testdata", "monitoring-midshire.golden"), []byte(monitorDump(t, b.Bytes())))
}

// monitorDump writes each sheet's cells, one a line: the cell, its value
// (quoted when text) or =formula, and [input] when unlocked.
func monitorDump(t *testing.T, b []byte) string {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var sb strings.Builder
	for _, sh := range f.GetSheetList() {
		visible, _ := f.GetSheetVisible(sh)
		fmt.Fprintf(&sb, "== %s visible=%v\n", sh, visible)
		if sh == monitor.Chart {
			continue
		}
		dvs, _ := f.GetDataValidations(sh)
		for _, dv := range dvs {
			fmt.Fprintf(&sb, "validation %s: %s %s %s\n", dv.Sqref, dv.Type, dv.Formula1, dv.Formula2)
		}
		rows, err := f.GetRows(sh, excelize.Options{RawCellValue: true})
		if err != nil {
			t.Fatal(err)
		}
		for r := range rows {
			for c := range rows[r] {
				cell := monitor.Cell(c+1, r+1)
				fm, _ := f.GetCellFormula(sh, cell)
				v := rows[r][c]
				typ, _ := f.GetCellType(sh, cell)
				what := v
				switch {
				case fm != "":
					what = "=" + fm
				case typ == excelize.CellTypeSharedString || typ == excelize.CellTypeInlineString:
					what = fmt.Sprintf("%q", v)
				}
				id, _ := f.GetCellStyle(sh, cell)
				st, _ := f.GetStyle(id)
				if st != nil && st.Protection != nil && !st.Protection.Locked {
					what += " [input]"
				}
				if what != "" {
					fmt.Fprintf(&sb, "%s %s\n", cell, what)
				}
			}
		}
	}
	return sb.String()
}
