package xlsx

import (
	"strings"
	"testing"

	"github.com/goldenthread/goldenthread/internal/grid"
	"github.com/goldenthread/goldenthread/internal/grid/gridtest"
)

// TestEmployersRecord checks that the grid reads as the employer's record
// of the evaluation: titled with the procurement and the employer, never
// with the union's paper, and naming the union only where it nominates a
// panel member.
func TestEmployersRecord(t *testing.T) {
	for _, nominee := range []string{"", "Equality rep"} {
		p := gridtest.Small()
		p.Document.Title = "Fair work and equality: our asks for the cleaning contract"
		p.Scoring.Panel = append(p.Scoring.Panel, "Equality rep")
		p.Scoring.UnionNominee = nominee
		f := openFile(t, render(t, p))
		var all strings.Builder
		for _, sh := range f.GetSheetList() {
			if sh == grid.MetaSheet {
				continue
			}
			rows, err := f.GetRows(sh)
			if err != nil {
				t.Fatal(err)
			}
			for _, row := range rows {
				all.WriteString(strings.Join(row, "\n") + "\n")
			}
		}
		text := all.String()
		if title, _ := f.GetCellValue(grid.Guide, "A1"); !strings.Contains(title, p.Procurement.Title) {
			t.Errorf("the Guide is titled %q; want the procurement", title)
		}
		if strings.Contains(text, p.Document.Title) {
			t.Errorf("the grid carries the union's paper title %q", p.Document.Title)
		}
		branch := p.PreparedBy.Organisation
		if named := strings.Contains(text, branch); named != (nominee != "") {
			t.Errorf("with union_nominee %q the grid names %q: %v", nominee, branch, named)
		}
		if props, err := f.GetDocProps(); err != nil || strings.Contains(props.Title, "our asks") {
			t.Errorf("document properties title %q (%v): want the grid's own", props.Title, err)
		}
	}
}
