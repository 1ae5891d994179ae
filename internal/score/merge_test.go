package score

import (
	"bytes"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/goldenthread/goldenthread/internal/grid"
	"github.com/goldenthread/goldenthread/internal/grid/gridtest"
	"github.com/goldenthread/goldenthread/internal/model"
	"github.com/goldenthread/goldenthread/internal/render/xlsx"
)

// returnOf makes panel member e's own workbook for p.
func returnOf(t testing.TB, p *model.Pack, e int) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := xlsx.Return(&buf, p, e); err != nil {
		t.Fatalf("Return: %v", err)
	}
	return buf.Bytes()
}

// entry is what panel member e enters for question q and bidder b.
func entry(q grid.Question, e, qi, b int) any {
	switch q.Kind {
	case grid.Scored:
		return q.Points[(e+qi+2*b)%len(q.Points)]
	case grid.PassFail:
		if (e+b)%5 == 4 {
			return grid.Fail
		}
		return grid.Pass
	}
	return nil
}

// fillEvaluator has panel member e score every question and bidder in w,
// with a comment, and declare no conflict.
func fillEvaluator(t testing.TB, w *gridtest.Workbook, e int) {
	t.Helper()
	for qi, q := range w.Meta.Questions {
		for b := range w.Meta.Bidders {
			v := entry(q, e, qi, b)
			if v == nil {
				if err := w.Set(w.Meta.Panel[e].Sheet, grid.EvalCommentCol(b), w.Meta.EvalRow(qi), "Noted for the panel"); err != nil {
					t.Fatal(err)
				}
				continue
			}
			if err := w.Score(e, qi, b, v); err != nil {
				t.Fatal(err)
			}
		}
	}
	if err := w.DeclareAs(e, grid.NoConflict, ""); err != nil {
		t.Fatal(err)
	}
}

// moderate records a consensus score and reason for every moderated
// question and bidder: panel member 0's score.
func moderate(t testing.TB, w *gridtest.Workbook) {
	t.Helper()
	for qi, q := range w.Meta.Questions {
		if !q.Moderated() {
			continue
		}
		for b := range w.Meta.Bidders {
			if err := w.Consensus(qi, b, entry(q, 0, qi, b), fmt.Sprintf("Agreed for %s", q.Ref)); err != nil {
				t.Fatal(err)
			}
		}
	}
}

// splitAndMerge makes p's split grid, has each panel member but those in
// skip fill in their own workbook, and merges the returns.
func splitAndMerge(t testing.TB, p *model.Pack, skip ...int) (*Merged, error) {
	t.Helper()
	var returns []File
	for e := range p.Scoring.Panel {
		if slices.Contains(skip, e) {
			continue
		}
		w := openGrid(t, returnOf(t, p, e))
		fillEvaluator(t, w, e)
		returns = append(returns, File{Name: fmt.Sprintf("return-%d.xlsx", e+1), Data: save(t, w)})
	}
	return Merge(File{Name: "moderation.xlsx", Data: generate(t, p)}, returns)
}

// TestSplitMerge checks that a grid split into panel members' workbooks,
// filled in apart and merged, reads exactly as the same grid filled in as
// one workbook: the same scores, problems and results.
func TestSplitMerge(t *testing.T) {
	for name, pack := range map[string]func() *model.Pack{"small": gridtest.Small, "large": gridtest.Large, "9x12": gridtest.Panel9x12} {
		t.Run(name, func(t *testing.T) {
			p := pack()
			merged, err := splitAndMerge(t, p)
			if err != nil {
				t.Fatal(err)
			}
			if len(merged.From) != len(p.Scoring.Panel) || len(merged.Missing) != 0 {
				t.Fatalf("merged from %q, missing %q", merged.From, merged.Missing)
			}
			w := openGrid(t, merged.Data)
			moderate(t, w)
			got := read(t, save(t, w))

			whole := openGrid(t, generate(t, p))
			for e := range p.Scoring.Panel {
				fillEvaluator(t, whole, e)
			}
			moderate(t, whole)
			want := read(t, save(t, whole))

			if !slices.EqualFunc(got.Bidders, want.Bidders, func(a, b Bidder) bool {
				return a.Score == b.Score && a.Status == b.Status && a.Rank == b.Rank
			}) {
				t.Errorf("merged: %+v\nwhole: %+v", got.Bidders, want.Bidders)
			}
			if g, w := problemText(got), problemText(want); !slices.Equal(g, w) {
				t.Errorf("merged problems:\n%s\nwhole:\n%s", strings.Join(g, "\n"), strings.Join(w, "\n"))
			}
			for i := range got.Items {
				if !slices.EqualFunc(got.Items[i].Scores, want.Items[i].Scores, func(a, b Mark) bool { return a.Entered == b.Entered }) {
					t.Errorf("item %d: merged scores %v; whole %v", i, got.Items[i].Scores, want.Items[i].Scores)
				}
			}
		})
	}
}

// TestMergeMissing reports the panel members who returned nothing, and
// reads their scores as missing.
func TestMergeMissing(t *testing.T) {
	p := gridtest.Small()
	merged, err := splitAndMerge(t, p, 1)
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{p.Scoring.Panel[1]}; !slices.Equal(merged.Missing, want) {
		t.Errorf("missing %q; want %q", merged.Missing, want)
	}
	pr := read(t, merged.Data).Progress()
	if pr.Scored[1] != 0 || pr.Scored[0] != pr.Cells {
		t.Errorf("scored %v of %d; want none from %s, all from the others", pr.Scored, pr.Cells, p.Scoring.Panel[1])
	}
}

// TestMergeRefuses checks that a file that is not one panel member's own
// workbook of this grid is refused, naming it.
func TestMergeRefuses(t *testing.T) {
	p := gridtest.Small()
	mod := File{Name: "moderation.xlsx", Data: generate(t, p)}
	own := File{Name: "obrien.xlsx", Data: returnOf(t, p, 1)}
	other := gridtest.Small()
	other.Procurement.Reference = "OTHER-1"
	for _, tc := range []struct {
		name    string
		mod     File
		returns []File
		want    string
		is      error
	}{
		{"a whole grid as a return", mod, []File{{"whole.xlsx", generate(t, p)}}, "whole.xlsx: not a whole grid: it is a whole grid, not a panel member's own workbook", ErrReturn},
		{"another grid's return", mod, []File{{"other.xlsx", returnOf(t, other, 1)}}, "other.xlsx:", ErrNotGrid},
		{"the same return twice", mod, []File{own, {"copy.xlsx", own.Data}}, "obrien.xlsx and copy.xlsx are both O'Brien's workbook", ErrReturn},
		{"a return as the moderation workbook", own, nil, "obrien.xlsx: not a whole grid: this is O'Brien's own workbook; give the moderation workbook first", ErrReturn},
		{"not a workbook", mod, []File{{"notes.xlsx", []byte("not a zip")}}, "notes.xlsx:", ErrNotWorkbook},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Merge(tc.mod, tc.returns)
			if err == nil || !strings.Contains(err.Error(), tc.want) || !errors.Is(err, tc.is) {
				t.Errorf("Merge = %v; want an error containing %q, wrapping %v", err, tc.want, tc.is)
			}
		})
	}
	// A return alone is not a grid to score.
	if _, err := Read(bytes.NewReader(own.Data), int64(len(own.Data))); !errors.Is(err, ErrReturn) {
		t.Errorf("Read(a return) = %v; want %v", err, ErrReturn)
	}
}

// BenchmarkMerge merges the nine returns of a 9 × 12 grid: at most 1 s.
func BenchmarkMerge(b *testing.B) {
	p := gridtest.Panel9x12()
	mod := File{Name: "moderation.xlsx", Data: generate(b, p)}
	var returns []File
	for e := range p.Scoring.Panel {
		w := openGrid(b, returnOf(b, p, e))
		fillEvaluator(b, w, e)
		returns = append(returns, File{Name: fmt.Sprintf("return-%d.xlsx", e+1), Data: save(b, w)})
	}
	for b.Loop() {
		if _, err := Merge(mod, returns); err != nil {
			b.Fatal(err)
		}
	}
}
