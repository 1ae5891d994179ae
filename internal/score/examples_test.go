package score

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/goldenthread/goldenthread/clauses"
	"github.com/goldenthread/goldenthread/internal/assemble"
	"github.com/goldenthread/goldenthread/internal/grid"
	"github.com/goldenthread/goldenthread/internal/library"
	"github.com/goldenthread/goldenthread/internal/profile"
	"github.com/goldenthread/goldenthread/templates"
)

// TestLibreOfficeExamples fills the grid of each of the four examples, as a
// panel would (every evaluator's scores, the consensus, declarations), has
// LibreOffice recalculate it, and checks that the workbook's own totals,
// statuses, ranks and ranking are what score works out.
func TestLibreOfficeExamples(t *testing.T) {
	soffice := tool(t, "soffice")
	now := time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC)
	lib, list := library.Load(library.Layer{FS: templates.FS, Dir: "templates"}, []library.Layer{{Name: library.LayerLibrary, FS: clauses.FS, Dir: "clauses"}}, now)
	if lib == nil {
		t.Fatalf("the built-in library does not load:\n%v", list.Err())
	}
	tmpl, _ := assemble.LoadTemplates(templates.FS, "templates", "en")
	paths, _ := filepath.Glob("../../examples/*.toml")
	if len(paths) != 4 {
		t.Fatalf("want the 4 examples, found %v", paths)
	}
	for _, path := range paths {
		t.Run(strings.TrimSuffix(filepath.Base(path), ".toml"), func(t *testing.T) {
			t.Parallel()
			src, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			prof, list := profile.Load(lib, path, src, now)
			if prof == nil {
				t.Fatalf("%s does not load:\n%v", path, list.Err())
			}
			p, err := assemble.Build(lib, prof, tmpl, assemble.Options{Version: "test", Date: now})
			if err != nil {
				t.Fatal(err)
			}
			w := openGrid(t, generate(t, p))
			m := w.Meta
			value := func(e, qi, b int) any {
				q := m.Questions[qi]
				if q.Kind == grid.PassFail {
					if b == len(m.Bidders)-1 && e == 0 {
						return grid.Fail
					}
					return grid.Pass
				}
				return q.Points[(qi+b+e)%len(q.Points)]
			}
			if err := w.Fill(value, func(qi, b int) any { return value(0, qi, b) }); err != nil {
				t.Fatal(err)
			}
			filled := save(t, w)
			want := read(t, filled)
			f := recalculated(t, soffice, filled)
			cell := func(col, row int) string {
				v, err := f.GetCellValue(grid.Summary, grid.Cell(col, row))
				if err != nil {
					t.Fatal(err)
				}
				return v
			}
			for b, bd := range want.Bidders {
				r := grid.SumRow(b)
				wantRank := ""
				if bd.Rank > 0 {
					wantRank = strconv.Itoa(bd.Rank)
				}
				if got := cell(grid.SumSelection, r); !strings.EqualFold(got, string(bd.Selection)) {
					t.Errorf("Summary row %d (%s): LibreOffice shows selection %q; score %q", r, bd.Name, got, bd.Selection)
				}
				if got := cell(grid.SumScore, r); !agrees(got, strconv.FormatFloat(bd.Score, 'f', -1, 64)) || !strings.EqualFold(cell(grid.SumStatus, r), string(bd.Status)) || cell(grid.SumRank, r) != wantRank {
					t.Errorf("Summary row %d (%s): LibreOffice %s, %s, rank %q; score %v, %s, rank %q", r, bd.Name, got, cell(grid.SumStatus, r), cell(grid.SumRank, r), bd.Score, bd.Status, wantRank)
				}
			}
			for k, bd := range want.Ranking {
				r := m.RankRow(k)
				got := []string{cell(grid.RankBidder, r), cell(grid.RankScore, r), cell(grid.RankStatus, r), cell(grid.RankRank, r), cell(grid.RankShare, r)}
				if got[4] == "" {
					got[4] = "0" // no share: a bidder who does not pass
				}
				if g, w := strings.Join(got, " "), rankingLine(bd); !strings.EqualFold(g, w) {
					t.Errorf("ranking row %d: LibreOffice %q; score %q", r, g, w)
				}
			}
		})
	}
}
