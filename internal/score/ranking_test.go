package score

import (
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/goldenthread/goldenthread/internal/assemble"
	"github.com/goldenthread/goldenthread/internal/grid"
	"github.com/goldenthread/goldenthread/internal/grid/gridtest"
	"github.com/goldenthread/goldenthread/internal/model"
)

// TestLayout2 reads a completed grid written in layout 2, before the
// Summary had its ranking: it is read as it was, with no ranking problems.
func TestLayout2(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("testdata", "layout2-small.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	r := read(t, b)
	if r.Layout != "2" {
		t.Fatalf("layout %q; want 2", r.Layout)
	}
	if p := problemText(r); len(p) > 0 {
		t.Errorf("a complete layout 2 grid has problems:\n%s", strings.Join(p, "\n"))
	}
	var got []string
	for _, bd := range r.Ranking {
		got = append(got, bd.Name+" "+strconv.Itoa(bd.Rank))
	}
	if want := []string{`=HYPERLINK("http://evil.example","Click") 1`, "Acme Care Ltd 2", "Ŵyn & Daughters 0"}; !slices.Equal(got, want) {
		t.Errorf("ranking %q; want %q", got, want)
	}
}

// rankingGrid is the small grid filled so that two bidders tie for first
// place, one fails, and one more bidder scores lower: the ranking must put
// the tied bidders first, by number, marked "1=", then the third, then the
// failed bidder.
func rankingGrid(t testing.TB) []byte {
	p := gridtest.Small()
	p.Scoring.Bidders = append(p.Scoring.Bidders, "Bidder D")
	p.Scoring.SocialValue = 20
	w := openGrid(t, generate(t, p))
	// Q1 (0–4, weight 60, pass mark 2), Q2 (0–10, weight 40), Q3 pass/fail.
	cons := [4][3]any{{4, 5, "Pass"}, {4, 5, "Pass"}, {4, 10, "Fail"}, {2, 5, "Pass"}}
	if err := w.Fill(func(e, q, b int) any { return cons[b][q] }, func(q, b int) any { return cons[b][q] }); err != nil {
		t.Fatal(err)
	}
	if err := w.Declare(); err != nil {
		t.Fatal(err)
	}
	return save(t, w)
}

// TestRanking checks Go's ranking of rankingGrid: order, ties, shares.
func TestRanking(t *testing.T) {
	r := read(t, rankingGrid(t))
	if !r.RanksFinal {
		t.Fatalf("ranks not final: %v", problemText(r))
	}
	var got []string
	for _, bd := range r.Ranking {
		got = append(got, rankingLine(bd))
	}
	want := []string{
		"Acme Care Ltd 80 pass 1= 16",
		`=HYPERLINK("http://evil.example","Click") 80 pass 1= 16`,
		"Bidder D 50 pass 3 10",
		"Ŵyn & Daughters 100 fail  0",
	}
	if !slices.Equal(got, want) {
		t.Errorf("ranking:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// rankingLine is a bidder's line of the ranking as the Summary shows it.
func rankingLine(bd Bidder) string {
	rank := ""
	if bd.Rank > 0 {
		rank = strconv.Itoa(bd.Rank)
		if bd.Tied {
			rank += "="
		}
	}
	return strings.Join([]string{bd.Name, strconv.FormatFloat(bd.Score, 'f', -1, 64), string(bd.Status), rank, strconv.FormatFloat(bd.Share, 'f', -1, 64)}, " ")
}

// TestLibreOfficeRanking has LibreOffice recalculate rankingGrid and checks
// that the Summary's ranking, worked out by the workbook's own formulas,
// is Go's, line for line.
func TestLibreOfficeRanking(t *testing.T) {
	soffice := tool(t, "soffice")
	b := rankingGrid(t)
	want := read(t, b)
	f := recalculated(t, soffice, b)
	m := openGrid(t, b).Meta
	for k, bd := range want.Ranking {
		r := m.RankRow(k)
		var cells []string
		for _, c := range []int{grid.RankBidder, grid.RankScore, grid.RankStatus, grid.RankRank, grid.RankShare} {
			v, err := f.GetCellValue(grid.Summary, grid.Cell(c, r))
			if err != nil {
				t.Fatal(err)
			}
			cells = append(cells, v)
		}
		if cells[4] == "" {
			cells[4] = "0"
		}
		got := strings.Join(cells, " ")
		if w := rankingLine(bd); !strings.EqualFold(got, w) {
			t.Errorf("ranking row %d: LibreOffice shows %q; Go gives %q", r, got, w)
		}
	}
}

// selectionRound is the small grid's selection round alone: pass or fail
// and information questions, with one bidder failing.
func selectionRound(t testing.TB) []byte {
	p := gridtest.Small()
	var qs []*model.Question
	for _, q := range p.Questions {
		if q.Kind != model.Scored {
			qs = append(qs, q)
		}
	}
	p.Questions = qs
	assemble.ResolveScoring(p)
	w := openGrid(t, generate(t, p))
	if err := w.Fill(func(e, q, b int) any {
		if b == 1 {
			return grid.Fail
		}
		return grid.Pass
	}, func(q, b int) any {
		if b == 1 {
			return grid.Fail
		}
		return grid.Pass
	}); err != nil {
		t.Fatal(err)
	}
	return save(t, w)
}

// TestSelectionRoundUnranked checks that a round with no scored question
// ranks no one: there is no quality score to rank by, only pass or fail.
func TestSelectionRoundUnranked(t *testing.T) {
	r := read(t, selectionRound(t))
	if !r.RanksFinal {
		t.Fatalf("not final: %v", problemText(r))
	}
	for _, bd := range r.Bidders {
		if bd.Rank != 0 || bd.Tied {
			t.Errorf("%s ranked %d (tied %v) in a round with nothing scored", bd.Name, bd.Rank, bd.Tied)
		}
	}
	if r.Bidders[1].Status != Fail || r.Bidders[1].Selection != Fail || r.Bidders[0].Selection != Pass {
		t.Errorf("statuses %v, %v; want bidder 2 failing selection", r.Bidders[0], r.Bidders[1])
	}
}

// TestLibreOfficeSelectionRound has LibreOffice recalculate the selection
// round: no ranks, and the Selection column as score has it.
func TestLibreOfficeSelectionRound(t *testing.T) {
	soffice := tool(t, "soffice")
	b := selectionRound(t)
	want := read(t, b)
	f := recalculated(t, soffice, b)
	m := openGrid(t, b).Meta
	for i, bd := range want.Bidders {
		r := grid.SumRow(i)
		rank, _ := f.GetCellValue(grid.Summary, grid.Cell(grid.SumRank, r))
		sel, _ := f.GetCellValue(grid.Summary, grid.Cell(grid.SumSelection, r))
		if rank != "" || !strings.EqualFold(sel, string(bd.Selection)) {
			t.Errorf("Summary row %d: LibreOffice rank %q, selection %q; want no rank and %q", r, rank, sel, bd.Selection)
		}
	}
	for k := range want.Ranking {
		if v, _ := f.GetCellValue(grid.Summary, grid.Cell(grid.RankRank, m.RankRow(k))); v != "" {
			t.Errorf("ranking row %d shows rank %q", m.RankRow(k), v)
		}
	}
}
