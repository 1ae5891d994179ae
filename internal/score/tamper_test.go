package score

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"errors"
	"io"
	"regexp"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/goldenthread/goldenthread/internal/grid"
)

// zipOf builds a zip archive from name, body pairs.
func zipOf(t *testing.T, files ...string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for i := 0; i < len(files); i += 2 {
		w, err := zw.Create(files[i])
		if err != nil {
			t.Fatal(err)
		}
		io.WriteString(w, files[i+1])
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

const (
	contentTypes = `<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>`
	workbookXML  = `<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheets/></workbook>`
)

// lyingZip has a part that declares 100 bytes but unpacks to a megabyte.
func lyingZip(t *testing.T) []byte {
	var body bytes.Buffer
	fw, _ := flate.NewWriter(&body, flate.BestCompression)
	fw.Write(bytes.Repeat([]byte(" "), 1<<20))
	fw.Close()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, f := range [][2]string{{"[Content_Types].xml", contentTypes}, {"xl/workbook.xml", workbookXML}} {
		w, _ := zw.Create(f[0])
		io.WriteString(w, f[1])
	}
	w, err := zw.CreateRaw(&zip.FileHeader{Name: "xl/worksheets/sheet1.xml", Method: zip.Deflate, CompressedSize64: uint64(body.Len()), UncompressedSize64: 100})
	if err != nil {
		t.Fatal(err)
	}
	w.Write(body.Bytes())
	zw.Close()
	return buf.Bytes()
}

// sized is an all-zero file of any size, allocated lazily.
type sized int64

func (s sized) ReadAt(p []byte, off int64) (int, error) {
	if off >= int64(s) {
		return 0, io.EOF
	}
	clear(p)
	return len(p), nil
}

// TestRefused checks the files Read will not open, and its exact words.
func TestRefused(t *testing.T) {
	for _, tc := range []struct {
		name string
		data []byte
		size int64 // when data is nil
		is   error
		want string
	}{
		{"text", []byte("Bidder,Score\nAcme,3\n"), 0, ErrNotWorkbook,
			"not an .xlsx workbook: it is not a zip archive (zip: not a valid zip file)"},
		{"empty", []byte{}, 0, ErrNotWorkbook,
			"not an .xlsx workbook: it is not a zip archive (zip: not a valid zip file)"},
		{"docx", zipOf(t, "[Content_Types].xml", contentTypes, "word/document.xml", "<w:document/>"), 0, ErrNotWorkbook,
			"not an .xlsx workbook: it has no workbook part (is it a .docx, .ods or an old .xls?)"},
		{"huge file", nil, 17 << 20, ErrTooLarge,
			"workbook too large: the file is 17.0 MB; goldenthread reads workbooks up to 16.0 MB"},
		{"zip bomb", zipOf(t, "[Content_Types].xml", contentTypes, "xl/workbook.xml", workbookXML,
			"xl/worksheets/sheet1.xml", strings.Repeat(" ", 20<<20)), 0, ErrTooLarge,
			`workbook too large: part "xl/worksheets/sheet1.xml" unpacks to 20.0 MB; goldenthread reads parts up to 16.0 MB`},
		{"lying size", lyingZip(t), 0, ErrNotWorkbook,
			`not an .xlsx workbook: part "xl/worksheets/sheet1.xml" is damaged (zip: not a valid zip file)`},
		{"far row", zipOf(t, "[Content_Types].xml", contentTypes, "xl/workbook.xml", workbookXML,
			"xl/worksheets/sheet1.xml", `<worksheet><sheetData><row r="1048576"><c r="A1048576"/></row></sheetData></worksheet>`), 0, ErrTooLarge,
			`workbook too large: part "xl/worksheets/sheet1.xml" has a row numbered "1048576"; goldenthread's workbooks have at most 10000 rows`},
		{"far column", zipOf(t, "[Content_Types].xml", contentTypes, "xl/workbook.xml", workbookXML,
			"xl/worksheets/sheet1.xml", `<worksheet><sheetData><row r="0"><c r="XFD1"/></row></sheetData></worksheet>`), 0, ErrTooLarge,
			`workbook too large: part "xl/worksheets/sheet1.xml" has a cell at "XFD1", outside the 10000 rows and 256 columns goldenthread's workbooks use`},
		{"row as entity", zipOf(t, "[Content_Types].xml", contentTypes, "xl/workbook.xml", workbookXML,
			"xl/worksheets/sheet1.xml", `<worksheet><sheetData><row r="&#49;048576"/></sheetData></worksheet>`), 0, ErrTooLarge,
			`workbook too large: part "xl/worksheets/sheet1.xml" has a row numbered "1048576"; goldenthread's workbooks have at most 10000 rows`},
		{"behind a comment", zipOf(t, "[Content_Types].xml", contentTypes, "xl/workbook.xml", workbookXML,
			"xl/worksheets/sheet1.xml", `<!-- <c r="A1"/> --><worksheet><sheetData><row><x:c x:r='XFD1'/></row></sheetData></worksheet>`), 0, ErrTooLarge,
			`workbook too large: part "xl/worksheets/sheet1.xml" has a cell at "XFD1", outside the 10000 rows and 256 columns goldenthread's workbooks use`},
		{"second reference", zipOf(t, "[Content_Types].xml", contentTypes, "xl/workbook.xml", workbookXML,
			"xl/worksheets/sheet1.xml", `<worksheet><sheetData><row r="1" x:r = "99999"/></sheetData></worksheet>`), 0, ErrTooLarge,
			`workbook too large: part "xl/worksheets/sheet1.xml" has a row numbered "99999"; goldenthread's workbooks have at most 10000 rows`},
		{"bad xml", zipOf(t, "[Content_Types].xml", contentTypes, "xl/workbook.xml", "<workbook><sheets>"), 0, ErrNotWorkbook,
			`not an .xlsx workbook: part "xl/workbook.xml" is not well-formed XML (it ends inside an element)`},
		{"not ours", func() []byte {
			f := excelize.NewFile()
			b, _ := f.WriteToBuffer()
			return b.Bytes()
		}(), 0, ErrNotGrid,
			"not a goldenthread evaluation grid: it has no _goldenthread sheet; score reads only grids made by goldenthread grid"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var r io.ReaderAt = bytes.NewReader(tc.data)
			size := int64(len(tc.data))
			if tc.data == nil {
				r, size = sized(tc.size), tc.size
			}
			_, err := Read(r, size)
			if err == nil || err.Error() != tc.want {
				t.Errorf("Read = %v; want %s", err, tc.want)
			}
			if !errors.Is(err, tc.is) {
				t.Errorf("Read = %v; want errors.Is %v", err, tc.is)
			}
		})
	}
}

// TestTampered changes a generated grid the ways a workbook can be
// changed behind goldenthread's back.
func TestTampered(t *testing.T) {
	for _, tc := range []struct {
		name   string
		tamper func(f *excelize.File) error
		is     error
		want   string
	}{
		{"digest", func(f *excelize.File) error { return f.SetCellStr(grid.MetaSheet, "B2", "9.9.9") }, ErrNotGrid,
			"_goldenthread!B20: the record does not match its digest: the grid's layout was changed outside goldenthread"},
		{"weight in record", func(f *excelize.File) error { return f.SetCellStr(grid.MetaSheet, "F15", "90") }, ErrNotGrid,
			"_goldenthread!B20: the record does not match its digest: the grid's layout was changed outside goldenthread"},
		{"record deleted", func(f *excelize.File) error { return f.DeleteSheet(grid.MetaSheet) }, ErrNotGrid,
			"not a goldenthread evaluation grid: it has no _goldenthread sheet; score reads only grids made by goldenthread grid"},
		{"renamed sheet", func(f *excelize.File) error { return f.SetSheetName("O'Brien", "OBrien") }, ErrLayout,
			`'O''Brien': sheet "O'Brien" is missing: it was renamed or deleted; score an unaltered copy of the grid`},
		{"renamed case", func(f *excelize.File) error { return f.SetSheetName("Summary", "SUMMARY") }, ErrLayout,
			`Summary: sheet "Summary" is missing: it was renamed or deleted; score an unaltered copy of the grid`},
		{"deleted sheet", func(f *excelize.File) error { return f.DeleteSheet(grid.Moderation) }, ErrLayout,
			`Moderation: sheet "Moderation" is missing: it was renamed or deleted; score an unaltered copy of the grid`},
		{"moved bidders", func(f *excelize.File) error {
			if err := f.SetCellStr("Siân Ŵyn", "D5", "Ŵyn & Daughters"); err != nil {
				return err
			}
			return f.SetCellStr("Siân Ŵyn", "H5", "Acme Care Ltd")
		}, ErrLayout, `'Siân Ŵyn'!D5: expected "Acme Care Ltd", found "Ŵyn & Daughters": rows or columns were moved or a label was changed
'Siân Ŵyn'!H5: expected "Ŵyn & Daughters", found "Acme Care Ltd": rows or columns were moved or a label was changed`},
		{"row inserted", func(f *excelize.File) error { return f.InsertRows(grid.Moderation, 7, 1) }, ErrLayout,
			`Moderation!A7: expected "Q1", found nothing: rows or columns were moved or a label was changed`},
		{"weight", func(f *excelize.File) error { return f.SetCellFloat(grid.Questions, "I4", 70, -1, 64) }, ErrLayout,
			`Questions!I4: expected 60, found "70": a maximum, weight or pass mark was changed, so the workbook's totals would be wrong`},
		{"ask header", func(f *excelize.File) error { return f.SetCellStr(grid.Questions, "B3", "Clause id") }, ErrLayout,
			`Questions!B3: expected "Ask", found "Clause id": rows or columns were moved or a label was changed`},
		{"name", func(f *excelize.File) error { return f.SetCellStr("O'Brien", "B1", "Someone else") }, ErrLayout,
			`'O''Brien'!B1: expected "O'Brien", found "Someone else": rows or columns were moved or a label was changed`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			w := completeSmall(t)
			if err := tc.tamper(w.F); err != nil {
				t.Fatal(err)
			}
			_, err := Read(bytes.NewReader(save(t, w)), int64(len(save(t, w))))
			if err == nil {
				t.Fatalf("Read succeeded; want %s", tc.want)
			}
			got := err.Error()
			if tc.name == "row inserted" {
				got = strings.SplitN(got, "\n", 2)[0]
			}
			if got != tc.want {
				t.Errorf("Read = %s\nwant %s", got, tc.want)
			}
			if !errors.Is(err, tc.is) {
				t.Errorf("Read = %v; want errors.Is %v", err, tc.is)
			}
		})
	}
}

// TestAskColumnBefore reads a grid written before the Questions sheet's
// second column was the ask (header "Clause", holding the clause id).
func TestAskColumnBefore(t *testing.T) {
	w := completeSmall(t)
	if err := w.F.SetCellStr(grid.Questions, "B3", grid.QAskBefore); err != nil {
		t.Fatal(err)
	}
	if err := w.F.SetCellStr(grid.Questions, "B4", "living-wage.pay-the-real-living-wage"); err != nil {
		t.Fatal(err)
	}
	b := save(t, w)
	if _, err := Read(bytes.NewReader(b), int64(len(b))); err != nil {
		t.Errorf("Read of a grid with the earlier Clause column: %v", err)
	}
}

// TestStaleTotals gives a Summary formula a saved result that disagrees
// with the scores, as a program that did not recalculate would leave it.
func TestStaleTotals(t *testing.T) {
	b := save(t, completeSmall(t))
	c5 := regexp.MustCompile(`(<c r="C5"[^>]*>)(<f>[^<]*</f>)(<v></v>|<v/>)?</c>`)
	b = rewrite(t, b, func(name, body string) string {
		return c5.ReplaceAllString(body, `${1}${2}<v>99.5</v></c>`)
	})
	r := read(t, b)
	got := r.Problems()
	want := `Summary!C5: the workbook shows "99.5" where the scores give "73": it was saved without recalculating, or its formulas were changed`
	if len(got) != 1 || got[0].String() != want || got[0].Kind != Disagrees {
		t.Errorf("problems = %v; want %s", got, want)
	}
}

// rewrite passes every worksheet part through fn.
func rewrite(t *testing.T, b []byte, fn func(name, body string) string) []byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, f := range zr.File {
		rc, _ := f.Open()
		data, _ := io.ReadAll(rc)
		rc.Close()
		if strings.HasPrefix(f.Name, "xl/worksheets/") {
			data = []byte(fn(f.Name, string(data)))
		}
		w, _ := zw.Create(f.Name)
		w.Write(data)
	}
	zw.Close()
	return buf.Bytes()
}

// TestSharedFormulas saves some of the grid's formulas as shared formulas,
// as Excel does for a column of formulas that differ only by row, and checks
// that Read still recognises them.
func TestSharedFormulas(t *testing.T) {
	w := completeSmall(t)
	shared := "shared"
	c := w.Meta.ModCols()
	for _, col := range []int{c.Lowest, c.Highest, c.Spread, c.Flag, c.Weighted, c.Failed} {
		first, last := grid.Cell(col, w.Meta.ModRow(0, 0)), grid.Cell(col, w.Meta.ModRow(0, 2))
		master, err := w.F.GetCellFormula(grid.Moderation, first)
		if err != nil {
			t.Fatal(err)
		}
		ref := first + ":" + last
		if err := w.F.SetCellFormula(grid.Moderation, first, master, excelize.FormulaOpts{Type: &shared, Ref: &ref}); err != nil {
			t.Fatal(err)
		}
	}
	b := save(t, w)
	shares := 0
	rewrite(t, b, func(name, body string) string {
		shares += strings.Count(body, `t="shared"`)
		return body
	})
	if shares != 18 {
		t.Fatalf("%d cells hold shared formulas; want 18", shares)
	}
	r := read(t, b)
	if !r.Complete() {
		t.Errorf("problems with shared formulas: %v", r.Problems())
	}
}
