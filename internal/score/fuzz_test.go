package score

import (
	"archive/zip"
	"bytes"
	"io"
	"slices"
	"testing"

	"github.com/goldenthread/goldenthread/internal/grid"
	"github.com/goldenthread/goldenthread/internal/grid/gridtest"
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
	if err := r.WriteMarkdown(io.Discard); err != nil {
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
