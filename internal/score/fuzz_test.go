package score

import (
	"archive/zip"
	"bytes"
	"io"
	"slices"
	"strings"
	"testing"

	"github.com/goldenthread/goldenthread/internal/grid"
	"github.com/goldenthread/goldenthread/internal/grid/gridtest"
	"github.com/goldenthread/goldenthread/internal/gtest"
)

// seedGrids returns real grids: empty, complete, and with bad entries.
func seedGrids(t testing.TB) [][]byte {
	empty := generate(t, gridtest.Small())
	w := openGrid(t, empty)
	cons := [3][3]any{{3, 7, "Pass"}, {4, 5, "Pass"}, {1, 10, "Pass"}}
	if err := w.Fill(func(e, q, b int) any { return cons[b][q] }, func(q, b int) any { return cons[b][q] }); err != nil {
		t.Fatal(err)
	}
	complete := save(t, w)
	for _, err := range []error{
		w.Set("O'Brien", 4, 7, "three"), w.Set("O'Brien", 6, 7, 9), w.F.SetCellFormula("O'Brien", "H7", "1+1"),
		w.Consensus(1, 1, nil, ""), w.Set(grid.Guide, 2, 25, nil),
		w.DeclareAs(1, "I declare: my brother is a director of Cwmni Tŷ Glân", ""),
		w.DeclareAs(2, "No conflict of interest, but my sister works for Bidder A", "Scores stand; she has no part in the bid"),
	} {
		if err != nil {
			t.Fatal(err)
		}
	}
	return [][]byte{empty, complete, save(t, w)}
}

// exercise uses everything a caller of Read may use.
func exercise(t *testing.T, r *Result, err error) {
	if err != nil {
		if r != nil {
			t.Fatalf("Read returned a result and the error %v", err)
		}
		return
	}
	_ = r.Problems()
	_ = r.Complete()
	_ = r.Flagged()
	if err := r.Report(gtest.Words()).WriteMarkdown(io.Discard); err != nil {
		t.Fatal(err)
	}
}

// FuzzRead feeds Read arbitrary bytes, starting from real grids.
func FuzzRead(f *testing.F) {
	for _, b := range seedGrids(f) {
		f.Add(b)
	}
	f.Add([]byte("PK\x03\x04"))
	f.Fuzz(func(t *testing.T, b []byte) {
		r, err := Read(bytes.NewReader(b), int64(len(b)))
		exercise(t, r, err)
	})
}

// FuzzReadPart replaces one part of a real grid with arbitrary bytes inside
// a well-formed zip, so the fuzzer reaches the XML parsing that damaged zip
// bytes never get past.
func FuzzReadPart(f *testing.F) {
	grids := seedGrids(f)
	names, bodies := parts(f, grids[2])
	for i, body := range bodies {
		f.Add(uint8(i), body)
	}
	// Parts written as other programs write them, in place of the shared
	// strings and the Moderation sheet.
	const ns = `xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"`
	for name, body := range map[string]string{
		"xl/sharedStrings.xml":     `<sst ` + ns + ` count="2"><si><r><rPr><b/><sz val="11"/><color theme="1"/><rFont val="Calibri"/></rPr><t>A</t></r><r><t xml:space="preserve"> b</t></r></si><si><t>c</t><rPh sb="0" eb="1"><t>x</t></rPh><phoneticPr fontId="1"/></si></sst>`,
		"xl/worksheets/sheet6.xml": `<worksheet ` + ns + `><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>x_x0041_</t><r><t>y</t></r></is></c><c r="B1" t="s"><v> 2 </v></c></row></sheetData><mergeCells count="1"><mergeCell ref="A1:B2"/></mergeCells></worksheet>`,
	} {
		i := slices.Index(names, name)
		if i < 0 {
			f.Fatalf("no part %s in %q", name, names)
		}
		f.Add(uint8(i), []byte(body))
		prefixed := strings.NewReplacer("</", "</x:", "<", "<x:", "xmlns=", "xmlns:x=").Replace(body)
		f.Add(uint8(i), []byte(`<?xml version="1.0" encoding="utf-8" standalone="yes"?>`+"\r\n"+prefixed))
	}
	f.Fuzz(func(t *testing.T, part uint8, body []byte) {
		i := int(part) % len(names)
		var buf bytes.Buffer
		zw := zip.NewWriter(&buf)
		for j, name := range names {
			w, err := zw.Create(name)
			if err != nil {
				t.Fatal(err)
			}
			if j == i {
				w.Write(body)
			} else {
				w.Write(bodies[j])
			}
		}
		if err := zw.Close(); err != nil {
			t.Fatal(err)
		}
		r, err := Read(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
		exercise(t, r, err)
	})
}

// FuzzCells puts arbitrary text and numbers into the cells a panel fills in.
func FuzzCells(f *testing.F) {
	f.Add("3", 2.0, "Pass", "reason")
	f.Add("=1+1", -0.0, "fail", "")
	f.Add("\x00\uFFFE", 1e308, " Pass ", "\r\n")
	base := seedGrids(f)[1]
	f.Fuzz(func(t *testing.T, s string, v float64, pf, reason string) {
		w, err := gridtest.Open(base)
		if err != nil {
			t.Fatal(err)
		}
		_ = w.Set("Siân Ŵyn", 4, 7, s)
		_ = w.Set("O'Brien", 4, 7, v)
		_ = w.Set("O'Brien", 4, 9, pf)
		_ = w.Consensus(0, 0, v, reason)
		_ = w.Consensus(2, 1, pf, reason)
		_ = w.Set(grid.Guide, 3, 25, s)
		_ = w.Set(grid.Guide, grid.DeclText, 26, s)
		_ = w.Set(grid.Guide, grid.DeclDecision, 26, reason)
		b, err := w.Bytes()
		if err != nil {
			return
		}
		r, err := Read(bytes.NewReader(b), int64(len(b)))
		exercise(t, r, err)
	})
}

// parts unpacks a zip into its names and bodies, in order.
func parts(t testing.TB, b []byte) ([]string, [][]byte) {
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	var bodies [][]byte
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		body, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		names = append(names, f.Name)
		bodies = append(bodies, body)
	}
	return names, slices.Clip(bodies)
}
