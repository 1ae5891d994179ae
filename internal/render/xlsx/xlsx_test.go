package xlsx

import (
	"archive/zip"
	"bytes"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/goldenthread/goldenthread/internal/assemble"
	"github.com/goldenthread/goldenthread/internal/grid"
	"github.com/goldenthread/goldenthread/internal/grid/gridtest"
)

func render(t testing.TB, p *assemble.Pack) []byte {
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

func TestGridIsDeterministic(t *testing.T) {
	for _, tc := range []struct {
		name string
		pack func() *assemble.Pack
	}{
		{"large", gridtest.Large},
		{"hostile", gridtest.Hostile},
		{"password", func() *assemble.Pack { p := gridtest.Small(); p.Scoring.Password = "s3cret"; return p }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a := render(t, tc.pack())
			time.Sleep(1100 * time.Millisecond) // a clock with one-second resolution would show
			b := render(t, tc.pack())
			if !bytes.Equal(a, b) {
				t.Fatalf("two runs differ: %d and %d bytes", len(a), len(b))
			}
			today := []string{time.Now().Format("2006-01-02"), time.Now().UTC().Format("2006-01-02")}
			for name, body := range parts(t, a) {
				for _, d := range today {
					if strings.Contains(body, d) {
						t.Errorf("part %s contains today's date %s", name, d)
					}
				}
			}
		})
	}
}

func TestDocProps(t *testing.T) {
	core := parts(t, render(t, gridtest.Small()))["docProps/core.xml"]
	for _, want := range []string{
		`<dcterms:created xsi:type="dcterms:W3CDTF">2027-01-15T00:00:00Z</dcterms:created>`,
		`<dcterms:modified xsi:type="dcterms:W3CDTF">2027-01-15T00:00:00Z</dcterms:modified>`,
		`<dc:title>Fair work and equality: evaluation</dc:title>`,
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
	edit := func(f func(p *assemble.Pack)) *assemble.Pack {
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
	bad := -1.0
	high := 5.0
	for _, tc := range []struct {
		name string
		pack *assemble.Pack
		want string
	}{
		{"nil", nil, "grid: no pack"},
		{"no panel", edit(func(p *assemble.Pack) { p.Scoring.Panel = nil }), "grid: the scoring panel is empty; name the evaluators in [scoring] panel"},
		{"big panel", edit(func(p *assemble.Pack) { p.Scoring.Panel = many(21) }), "grid: the scoring panel has 21 members; a grid takes at most 20"},
		{"no bidders", edit(func(p *assemble.Pack) { p.Scoring.Bidders = nil }), "grid: there are no bidders; name them in [scoring] bidders"},
		{"many bidders", edit(func(p *assemble.Pack) { p.Scoring.Bidders = many(31) }), "grid: there are 31 bidders; a grid takes at most 30"},
		{"blank bidder", edit(func(p *assemble.Pack) { p.Scoring.Bidders[1] = " \t" }), "grid: bidder 2 has no name"},
		{"blank evaluator", edit(func(p *assemble.Pack) { p.Scoring.Panel[2] = "" }), "grid: panel member 3 has no name"},
		{"same bidder", edit(func(p *assemble.Pack) { p.Scoring.Bidders[2] = "ACME  care ltd" }), `grid: bidder "ACME care ltd" is named twice; give each bidder a distinct name`},
		{"no questions", edit(func(p *assemble.Pack) { p.Questions = nil }), "grid: the pack has no evaluation questions; select clauses with questions"},
		{"information only", edit(func(p *assemble.Pack) { p.Questions = p.Questions[3:] }), "grid: no question is scored or pass/fail, so there is nothing to evaluate"},
		{"no scale", edit(func(p *assemble.Pack) { p.Questions[1].Scale = nil; p.Scoring.Scale = nil }), "grid: question Q2 (pay-gaps.reporting) is scored but has no scoring scale"},
		{"negative weight", edit(func(p *assemble.Pack) { p.Questions[0].Weight = -3 }), "grid: question Q1 (living-wage.all-workers): weight -3 is not a number of 0 or more"},
		{"pass mark", edit(func(p *assemble.Pack) { p.Questions[0].PassMark = &high }), "grid: question Q1 (living-wage.all-workers): pass mark 5 is outside the 0-4 scale"},
		{"kind", edit(func(p *assemble.Pack) { p.Questions[0].Kind = "essay" }), `grid: question Q1 (living-wage.all-workers): unknown question kind "essay"`},
		{"spread flag", edit(func(p *assemble.Pack) { p.Scoring.SpreadFlag = bad }), "grid: spread flag -1 is not between 0 and the scale's range 4"},
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
	f = openFile(t, render(t, p))
	for _, c := range []string{"I4", "I5"} {
		if v, _ := f.GetCellValue(grid.Questions, c); v != "50.00" {
			t.Errorf("Questions!%s = %q; want 50.00", c, v)
		}
	}
	// A spread flag of a tenth of the range rounds up to a step the scale
	// can show.
	if got := flagFor(points(gridtest.Scale0100), 0.1); got != 25 {
		t.Errorf("flagFor(0-100, 0.1) = %v; want 25", got)
	}
	if got := flagFor(points(gridtest.Scale04), 0.1); got != 1 {
		t.Errorf("flagFor(0-4, 0.1) = %v; want 1", got)
	}
}
