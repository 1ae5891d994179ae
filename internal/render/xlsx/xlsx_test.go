package xlsx

import (
	"archive/zip"
	"bytes"
	"io"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/goldenthread/goldenthread/internal/assemble"
	"github.com/goldenthread/goldenthread/internal/grid"
	"github.com/goldenthread/goldenthread/internal/grid/gridtest"
	"github.com/goldenthread/goldenthread/internal/model"
)

func render(t testing.TB, p *model.Pack) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := Grid(&buf, p); err != nil {
		t.Fatalf("Grid: %v", err)
	}
	return buf.Bytes()
}

func openFile(t testing.TB, b []byte) *excelize.File {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("OpenReader: %v", err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

// parts returns the unpacked parts of a workbook by name.
func parts(t testing.TB, b []byte) map[string]string {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatalf("zip: %v", err)
	}
	out := map[string]string{}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		data, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		out[f.Name] = string(data)
	}
	return out
}

// TestGridIsDeterministic renders each pack twice and compares the bytes.
// That the output does not depend on the clock either is shown by
// TestGolden, whose files were written on other days.
func TestGridIsDeterministic(t *testing.T) {
	for _, tc := range []struct {
		name string
		pack func() *model.Pack
	}{
		{"large", gridtest.Large},
		{"hostile", gridtest.Hostile},
		{"password", func() *model.Pack { p := gridtest.Small(); p.Scoring.Password = "s3cret"; return p }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a := render(t, tc.pack())
			b := render(t, tc.pack())
			if !bytes.Equal(a, b) {
				t.Fatalf("two runs differ: %d and %d bytes", len(a), len(b))
			}
		})
	}
}

func TestDocProps(t *testing.T) {
	core := parts(t, render(t, gridtest.Small()))["docProps/core.xml"]
	for _, want := range []string{
		`<dcterms:created xsi:type="dcterms:W3CDTF">2027-01-15T00:00:00Z</dcterms:created>`,
		`<dcterms:modified xsi:type="dcterms:W3CDTF">2027-01-15T00:00:00Z</dcterms:modified>`,
		`<dc:title>Evaluation grid: Highways maintenance framework 2027–2031</dc:title>`,
		`<dc:creator>goldenthread</dc:creator>`,
	} {
		if !strings.Contains(core, want) {
			t.Errorf("docProps/core.xml lacks %s:\n%s", want, core)
		}
	}
	wb := parts(t, render(t, gridtest.Small()))["xl/workbook.xml"]
	for _, want := range []string{`<calcPr calcId="122211" fullCalcOnLoad="true">`, `<workbookProtection lockStructure="true">`, `name="_goldenthread" sheetId="8" r:id="rId10" state="veryHidden"`} {
		if !strings.Contains(wb, want) {
			t.Errorf("xl/workbook.xml lacks %s", want)
		}
	}
}

func TestGridErrors(t *testing.T) {
	edit := func(f func(p *model.Pack)) *model.Pack {
		p := gridtest.Small()
		f(p)
		return p
	}
	many := func(n int) []string {
		var out []string
		for i := range n {
			out = append(out, strings.Repeat("x", i+1))
		}
		return out
	}
	// Scoring arrives resolved and checked (the profile's rules); the
	// renderer refuses only what a workbook cannot hold.
	for _, tc := range []struct {
		name string
		pack *model.Pack
		want string
	}{
		{"no panel", edit(func(p *model.Pack) { p.Scoring.Panel = nil }), "grid: a grid takes 1 to 20 panel members, not 0"},
		{"big panel", edit(func(p *model.Pack) { p.Scoring.Panel = many(21) }), "grid: a grid takes 1 to 20 panel members, not 21"},
		{"no bidders", edit(func(p *model.Pack) { p.Scoring.Bidders = nil }), "grid: a grid takes 1 to 30 bidders, not 0"},
		{"many bidders", edit(func(p *model.Pack) { p.Scoring.Bidders = many(31) }), "grid: a grid takes 1 to 30 bidders, not 31"},
		{"no questions", edit(func(p *model.Pack) { p.Questions = nil }), "grid: a grid takes 1 to 100 questions, not 0"},
		{"information only", edit(func(p *model.Pack) { p.Questions = p.Questions[3:] }), "grid: no question is scored or pass/fail, so there is nothing to evaluate"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var buf bytes.Buffer
			err := Grid(&buf, tc.pack)
			if err == nil || err.Error() != tc.want {
				t.Errorf("Grid = %v; want %s", err, tc.want)
			}
			if buf.Len() != 0 {
				t.Errorf("Grid wrote %d bytes on error", buf.Len())
			}
		})
	}
}

func TestWeightsAndFlags(t *testing.T) {
	p := gridtest.Wide() // weights 10 each on 8 scored questions; scales 0-4, 0-5, 0-10
	f := openFile(t, render(t, p))
	rows, err := f.GetRows(grid.MetaSheet)
	if err != nil {
		t.Fatal(err)
	}
	m, err := grid.Decode(rows)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string][2]float64{ // ref: weight, flag
		"Q1": {12.5, 2}, "Q2": {12.5, 3}, "Q3": {12.5, 5}, "Q4": {0, 1},
		"Q5": {12.5, 3}, "Q6": {12.5, 5}, "Q7": {12.5, 2}, "Q8": {0, 1}, "Q9": {12.5, 5}, "Q10": {12.5, 2},
	}
	for _, q := range m.Questions {
		if w := want[q.Ref]; q.Weight != w[0] || q.Flag != w[1] {
			t.Errorf("%s: weight %v, flag %v; want %v, %v", q.Ref, q.Weight, q.Flag, w[0], w[1])
		}
	}
	// With no weights at all, scored questions weigh the same.
	p = gridtest.Small()
	for _, q := range p.Questions {
		q.Weight = 0
	}
	assemble.ResolveScoring(p)
	f = openFile(t, render(t, p))
	for _, c := range []string{"I4", "I5"} {
		if v, _ := f.GetCellValue(grid.Questions, c); v != "50.00" {
			t.Errorf("Questions!%s = %q; want 50.00", c, v)
		}
	}
}
