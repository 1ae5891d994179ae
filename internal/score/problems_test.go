package score

import (
	"slices"
	"strings"
	"testing"

	"github.com/goldenthread/goldenthread/internal/grid"
	"github.com/goldenthread/goldenthread/internal/grid/gridtest"
)

// completeSmall returns the small grid filled in completely and validly.
func completeSmall(t *testing.T) *gridtest.Workbook {
	t.Helper()
	w := openGrid(t, generate(t, gridtest.Small()))
	cons := [3][3]any{{3, 7, "Pass"}, {4, 5, "Pass"}, {1, 10, "Pass"}}
	if err := w.Fill(func(e, q, b int) any { return cons[b][q] }, func(q, b int) any { return cons[b][q] }); err != nil {
		t.Fatal(err)
	}
	return w
}

// TestProblems spoils one cell at a time and checks the exact report.
func TestProblems(t *testing.T) {
	const (
		sian = "Siân Ŵyn"
		ob   = "O'Brien"
	)
	// Small: 3 evaluators, so Moderation's consensus is column L, reason
	// M; Q1 and Q2 are award questions (evaluator rows 8 and 9, under the
	// award heading), Q3 and Q4 selection ones (rows 11 and 12); the Guide's declarations start on row 24, decisions in column E.
	for _, tc := range []struct {
		name  string
		spoil func(w *gridtest.Workbook) error
		want  []string
	}{
		{"missing score", func(w *gridtest.Workbook) error { return w.Set(sian, 4, 8, nil) },
			[]string{`'Siân Ŵyn'!D8: score for Q1, Acme Care Ltd is missing`}},
		{"out of range", func(w *gridtest.Workbook) error { return w.Set(ob, 6, 8, 5) },
			[]string{`'O''Brien'!F8: score for Q1, =HYPERLINK("http://evil.example","Click") is 5, which is not on the 0-4 scale (0, 1, 2, 3, 4)`}},
		{"between points", func(w *gridtest.Workbook) error { return w.Set(ob, 4, 9, 6.5) },
			[]string{`'O''Brien'!D9: score for Q2, Acme Care Ltd is 6.5, which is not on the 0-10 scale (0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10)`}},
		{"words", func(w *gridtest.Workbook) error { return w.Set(sian, 8, 8, "three") },
			[]string{`'Siân Ŵyn'!H8: score for Q1, Ŵyn & Daughters is "three", not a number from the 0-4 scale (0, 1, 2, 3, 4)`}},
		{"number as text", func(w *gridtest.Workbook) error { return w.Set(sian, 4, 8, "3") },
			[]string{`'Siân Ŵyn'!D8: score for Q1, Acme Care Ltd is the text "3", not a number; enter it again as a number from the 0-4 scale (0, 1, 2, 3, 4)`}},
		{"formula", func(w *gridtest.Workbook) error { return w.F.SetCellFormula(sian, "D8", "1+2") },
			[]string{`'Siân Ŵyn'!D8: score for Q1, Acme Care Ltd is a formula ("=1+2"); type the score itself, from the 0-4 scale (0, 1, 2, 3, 4)`}},
		{"pass/fail number", func(w *gridtest.Workbook) error { return w.Set(ob, 4, 11, 1) },
			[]string{`'O''Brien'!D11: score for Q3, Acme Care Ltd is "1"; choose Pass or Fail`}},
		{"missing consensus", func(w *gridtest.Workbook) error { return w.Consensus(0, 2, nil, "") },
			[]string{`Moderation!L9: consensus score for Q1, Ŵyn & Daughters is missing`}},
		{"bad consensus", func(w *gridtest.Workbook) error { return w.Consensus(1, 0, 11, "Generous") },
			[]string{`Moderation!L10: consensus score for Q2, Acme Care Ltd is 11, which is not on the 0-10 scale (0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10)`}},
		{"missing reason", func(w *gridtest.Workbook) error { return w.Set(grid.Moderation, 13, 14, "  ") },
			[]string{`Moderation!M14: no reason recorded for the consensus score for Q3, Acme Care Ltd`}},
		{"declaration", func(w *gridtest.Workbook) error {
			if err := w.Set(grid.Guide, 2, 25, nil); err != nil {
				return err
			}
			return w.Set(grid.Guide, 4, 26, nil)
		}, []string{
			`Guide!B25: no conflict-of-interest declaration from O'Brien`,
			`Guide!D26: the declaration from Procurement lead is not dated`,
		}},
		{"declared interest", func(w *gridtest.Workbook) error {
			return w.DeclareAs(1, "No conflict of interest, but my sister works for Acme Care Ltd.", "")
		}, []string{
			`Guide!B25: O'Brien declared an interest ("No conflict of interest, but my sister …"): the procurement lead must record a decision in Guide!E25 before the scores stand`,
		}},
		{"formula changed", func(w *gridtest.Workbook) error { return w.F.SetCellFormula(grid.Summary, "C6", "100") },
			[]string{`Summary!C6: the formula was changed to "=100"; the workbook's own figures cannot be relied on (it should be "=IF(D6>0,\"incomplete\",ROUND(SUMIF(Moderation!$C$6:$C$16,A6,Moderation!$N$6:$N$16),4))")`}},
		{"formula removed", func(w *gridtest.Workbook) error { return w.Set(grid.Moderation, 5, 7, 4) },
			[]string{`Moderation!E7: the formula was removed; the workbook's own figures cannot be relied on (it should be "=IF('Siân Ŵyn'!D8=\"\",\"\",'Siân Ŵyn'!D8)")`}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			w := completeSmall(t)
			if err := tc.spoil(w); err != nil {
				t.Fatal(err)
			}
			r := read(t, save(t, w))
			var got []string
			for _, p := range r.Problems() {
				got = append(got, p.String())
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tc.want, "\n"))
			}
			if r.Complete() {
				t.Errorf("Complete() = true")
			}
		})
	}
}
