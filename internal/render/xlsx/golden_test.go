package xlsx

import (
	"encoding/xml"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/goldenthread/goldenthread/internal/grid"
	"github.com/goldenthread/goldenthread/internal/grid/gridtest"
	"github.com/goldenthread/goldenthread/internal/gtest"
	"github.com/goldenthread/goldenthread/internal/model"
)

// TestGolden compares a normalised dump of each grid's structure with
// testdata/NAME.golden. Run with -update to rewrite them after a deliberate
// change, and read the diff.
func TestGolden(t *testing.T) {
	for _, tc := range []struct {
		name string
		pack func() *model.Pack
	}{
		{"small", gridtest.Small},
		{"hostile", gridtest.Hostile},
		{"wide", gridtest.Wide},
	} {
		t.Run(tc.name, func(t *testing.T) {
			gtest.Golden(t, filepath.Join("testdata", tc.name+".golden"), []byte(dump(t, render(t, tc.pack()))))
		})
	}
}

// dump writes out everything about a workbook that a panel depends on, one
// fact a line, in a stable order.
func dump(t *testing.T, b []byte) string {
	t.Helper()
	f := openFile(t, b)
	var sb strings.Builder
	p := func(format string, args ...any) { fmt.Fprintf(&sb, format+"\n", args...) }

	var wb struct {
		Protection struct {
			Attrs []xml.Attr `xml:",any,attr"`
		} `xml:"workbookProtection"`
		Sheets []struct {
			Name  string `xml:"name,attr"`
			State string `xml:"state,attr"`
		} `xml:"sheets>sheet"`
		Calc struct {
			Attrs []xml.Attr `xml:",any,attr"`
		} `xml:"calcPr"`
	}
	if err := xml.Unmarshal([]byte(parts(t, b)["xl/workbook.xml"]), &wb); err != nil {
		t.Fatal(err)
	}
	attrs := func(as []xml.Attr) string {
		var out []string
		for _, a := range as {
			out = append(out, a.Name.Local+"="+a.Value)
		}
		slices.Sort(out)
		return strings.Join(out, " ")
	}
	p("workbook protection: %s", attrs(wb.Protection.Attrs))
	p("calc: %s", attrs(wb.Calc.Attrs))
	props, err := f.GetDocProps()
	if err != nil {
		t.Fatal(err)
	}
	p("props: %+v", *props)
	for _, dn := range f.GetDefinedName() {
		p("name %s scope=%q: %s", dn.Name, dn.Scope, dn.RefersTo)
	}
	for _, s := range wb.Sheets {
		state := s.State
		if state == "" {
			state = "visible"
		}
		p("sheet %q %s", s.Name, state)
	}

	styles := map[int]string{}
	styleOf := func(sheet, cell string) string {
		id, err := f.GetCellStyle(sheet, cell)
		if err != nil {
			t.Fatal(err)
		}
		if s, ok := styles[id]; ok {
			return s
		}
		st, err := f.GetStyle(id)
		if err != nil {
			t.Fatal(err)
		}
		s := ""
		if st.Protection != nil && !st.Protection.Locked {
			s = "input"
		}
		if len(st.Fill.Color) > 0 && s == "" {
			s = "fill " + strings.Join(st.Fill.Color, ",")
		}
		styles[id] = s
		return s
	}

	for _, s := range wb.Sheets {
		sh := s.Name
		p("")
		p("== %s", sh)
		prot, _ := f.GetSheetProtection(sh)
		p("protection: %+v", prot)
		panes, _ := f.GetPanes(sh)
		if panes.Freeze {
			p("freeze: %d columns, %d rows, top left %s", panes.XSplit, panes.YSplit, panes.TopLeftCell)
		}
		pl, _ := f.GetPageLayout(sh)
		if pl.Orientation != nil && pl.FitToWidth != nil {
			p("page: %s, size %d, fit %d wide by %d tall, %s", *pl.Orientation, *pl.Size, *pl.FitToWidth, *pl.FitToHeight, deref(pl.PageOrder))
		}
		merges, _ := f.GetMergeCells(sh)
		for _, m := range merges {
			p("merge %s:%s", m.GetStartAxis(), m.GetEndAxis())
		}
		dvs, _ := f.GetDataValidations(sh)
		for _, dv := range dvs {
			alert := fmt.Sprintf("error %s %q %q", deref(dv.ErrorStyle), deref(dv.ErrorTitle), deref(dv.Error))
			if !dv.ShowErrorMessage {
				alert = "no error alert: any entry is taken"
			}
			p("validation %s: %s %s; input %q %q; %s", dv.Sqref, dv.Type, dv.Formula1,
				deref(dv.PromptTitle), deref(dv.Prompt), alert)
		}
		cfs, _ := f.GetConditionalFormats(sh)
		var ranges []string
		for r := range cfs {
			ranges = append(ranges, r)
		}
		slices.Sort(ranges)
		for _, r := range ranges {
			for _, cf := range cfs[r] {
				p("conditional %s: %s %s %s", r, cf.Type, cf.Criteria, cf.Value)
			}
		}
		rows, err := f.GetRows(sh)
		if err != nil {
			t.Fatal(err)
		}
		maxCol := 0
		for _, r := range rows {
			maxCol = max(maxCol, len(r))
		}
		for c := 1; c <= maxCol; c++ {
			w, _ := f.GetColWidth(sh, grid.Col(c))
			p("width %s %g", grid.Col(c), w)
		}
		for r := 1; r <= len(rows); r++ {
			for c := 1; c <= maxCol; c++ {
				cell := grid.Cell(c, r)
				style := styleOf(sh, cell)
				fm, _ := f.GetCellFormula(sh, cell)
				v, _ := f.GetCellValue(sh, cell, excelize.Options{RawCellValue: true})
				typ, _ := f.GetCellType(sh, cell)
				var what string
				switch {
				case fm != "":
					what = "=" + fm
				case v == "" && style == "":
					continue
				case typ == excelize.CellTypeSharedString || typ == excelize.CellTypeInlineString:
					what = fmt.Sprintf("%q", v)
				case v != "":
					what = v
				}
				if style != "" {
					what = strings.TrimSpace(what + " [" + style + "]")
				}
				p("%s %s", cell, what)
			}
		}
	}
	return sb.String()
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}
