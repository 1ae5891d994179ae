package xlsxsafe

import (
	"archive/zip"
	"bytes"
	"errors"
	"io"
	"testing"

	"github.com/xuri/excelize/v2"
)

// seedParts returns the parts of a small workbook excelize writes.
func seedParts(f *testing.F) [][]byte {
	wb := excelize.NewFile()
	defer wb.Close()
	for r := 1; r <= 20; r++ {
		for c := 1; c <= 6; c++ {
			cell, _ := excelize.CoordinatesToCellName(c, r)
			if err := wb.SetCellValue("Sheet1", cell, r*c); err != nil {
				f.Fatal(err)
			}
		}
	}
	if err := wb.SetCellFormula("Sheet1", "G1", "SUM(A1:F1)"); err != nil {
		f.Fatal(err)
	}
	buf, err := wb.WriteToBuffer()
	if err != nil {
		f.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil {
		f.Fatal(err)
	}
	var out [][]byte
	for _, zf := range zr.File {
		rc, err := zf.Open()
		if err != nil {
			f.Fatal(err)
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			f.Fatal(err)
		}
		out = append(out, b)
	}
	return out
}

// FuzzQuick checks the quick tag scanner against encoding/xml's tokenizer:
// on any part it finishes, it counts what the tokenizer counts and refuses
// what the tokenizer refuses as too large, so the speed costs no check.
func FuzzQuick(f *testing.F) {
	bodies := seedParts(f)
	for _, b := range bodies {
		if len(b) < 4<<10 { // small parts keep the fuzzer fast; the big sheets add no new shapes
			f.Add(b)
		}
	}
	for _, s := range []string{
		`<row r="10001"><c r="A1"/></row>`, `<x:c x:r = 'IW1'/>`, `<c r="A&#49;"/>`, `<!-- <c r="A99999"/> --><a/>`,
		`<a b="x>y"><c r="B2"></c></a>`, `<?xml version="1.0"?><row r="" s='2'/>`, `<a><b></a>`, `<a>`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		var q, tk counts
		done, qerr := q.quick("part", data)
		if !done {
			return
		}
		terr := tk.tokens("part", data)
		switch {
		case terr == nil && (qerr != nil || q != tk):
			t.Fatalf("tokenizer accepts with %+v; quick gives %+v, %v", tk, q, qerr)
		case qerr == nil && terr != nil && errors.Is(terr, ErrTooLarge):
			t.Fatalf("quick accepts with %+v; tokenizer refuses: %v", q, terr)
		}
	})
}
