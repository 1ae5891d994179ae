package score

import (
	"archive/zip"
	"bytes"
	"io"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode"

	"github.com/xuri/excelize/v2"

	"github.com/goldenthread/goldenthread/internal/grid"
	"github.com/goldenthread/goldenthread/internal/grid/gridtest"
)

// TestLibreOfficePrintsEveryCell has LibreOffice print whole grids to PDF,
// one with awkward names and a panel of 9 with 12 bidders, and checks that
// every word of every cell is in the printed text: each row is as tall as
// its text needs, so nothing is cut off on paper. (Rows are not marked as
// sized by hand, so that Excel and LibreOffice grow a row when an evaluator
// types a long comment or reason: TestRowsGrow checks the mark is gone.)
func TestLibreOfficePrintsEveryCell(t *testing.T) {
	soffice, pdftotext := tool(t, "soffice"), tool(t, "pdftotext")
	for name, b := range map[string][]byte{
		"hostile": generate(t, gridtest.Hostile()),
		"9x12":    generate(t, gridtest.Panel9x12()),
	} {
		t.Run(name, func(t *testing.T) {
			in := filepath.Join(t.TempDir(), name+".xlsx")
			if err := os.WriteFile(in, b, 0o644); err != nil {
				t.Fatal(err)
			}
			out, err := exec.Command(pdftotext, convert(t, soffice, in, "pdf"), "-").Output()
			if err != nil {
				t.Fatal(err)
			}
			printed := wordCounts(string(out))
			f, err := excelize.OpenReader(strings.NewReader(string(b)))
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			want := map[string]int{}
			for _, sh := range f.GetSheetList() {
				if sh == grid.MetaSheet {
					continue
				}
				rows, err := f.GetRows(sh, excelize.Options{RawCellValue: true})
				if err != nil {
					t.Fatal(err)
				}
				for r, row := range rows {
					for c, v := range row {
						if fm, _ := f.GetCellFormula(sh, grid.Cell(c+1, r+1)); fm != "" {
							continue // its value is LibreOffice's to work out
						}
						for w, n := range wordCounts(v) {
							want[w] += n
						}
					}
				}
			}
			// A merged cell reads back in every cell it covers: count each
			// word as often as the most any one cell has it, at least.
			var missing []string
			for _, w := range slices.Sorted(maps.Keys(want)) {
				if printed[w] == 0 {
					missing = append(missing, w)
				}
			}
			if len(missing) > 0 {
				t.Errorf("%d words of the workbook's cells are not in LibreOffice's PDF: %q", len(missing), missing[:min(40, len(missing))])
			}
		})
	}
}

// wordCounts counts the words of s, letters and digits only, lower case.
func wordCounts(s string) map[string]int {
	out := map[string]int{}
	for _, w := range strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsNumber(r) }) {
		out[w]++
	}
	return out
}

// TestRowsGrow checks that no row of any sheet is marked as sized by hand
// (customHeight): Excel and LibreOffice then grow a row to fit what an
// evaluator types, where a row sized by hand keeps its height and cuts the
// text off.
func TestRowsGrow(t *testing.T) {
	b := generate(t, gridtest.Small())
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	sheets, sized := 0, 0
	for _, f := range zr.File {
		if !strings.HasPrefix(f.Name, "xl/worksheets/sheet") {
			continue
		}
		sheets++
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		x, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		if bytes.Contains(x, []byte("customHeight")) {
			t.Errorf("%s marks rows as sized by hand", f.Name)
		}
		if bytes.Contains(x, []byte(` ht="`)) {
			sized++
		}
	}
	if sheets == 0 || sized == 0 {
		t.Fatalf("%d worksheets, %d with row heights: want heights sized to the text", sheets, sized)
	}
}
