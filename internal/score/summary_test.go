package score

import (
	"bytes"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"

	"github.com/goldenthread/goldenthread/internal/grid/gridtest"
	"github.com/goldenthread/goldenthread/internal/gtest"
)

// filledSmall fills the small grid completely, every evaluator agreeing
// with the consensus cons[bidder][question].
func filledSmall(t *testing.T, cons [3][3]any) *gridtest.Workbook {
	t.Helper()
	w := openGrid(t, generate(t, gridtest.Small()))
	if err := w.Fill(func(e, q, b int) any { return cons[b][q] }, func(q, b int) any { return cons[b][q] }); err != nil {
		t.Fatal(err)
	}
	return w
}

// TestSummaries compares the drafts for complete grids with
// testdata/summaries-*.txtar, one file per bidder.
func TestSummaries(t *testing.T) {
	for _, tc := range []struct {
		name string
		cons [3][3]any
	}{
		// Bidder 2 wins, bidder 1 is second and bidder 3 fails Q1.
		{"complete", [3][3]any{{3, 7, "Pass"}, {4, 5, "Pass"}, {1, 10, "Pass"}}},
		// Bidders 1 and 2 tie for first place; bidder 3 is third.
		{"tie", [3][3]any{{4, 5, "Pass"}, {4, 5, "Pass"}, {2, 5, "Pass"}}},
		// Every bidder fails: there is no winning bid.
		{"no-winner", [3][3]any{{1, 7, "Pass"}, {4, 5, "Fail"}, {1, 10, "Pass"}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := read(t, save(t, filledSmall(t, tc.cons)))
			if !r.Complete() {
				t.Fatalf("the grid has problems: %q", problemText(r))
			}
			sums := r.Summaries(gtest.Words())
			if len(sums) != len(r.Bidders) {
				t.Fatalf("Summaries() gave %d drafts; want one per bidder, %d", len(sums), len(r.Bidders))
			}
			var ar txtar.Archive
			for i, s := range sums {
				if s.Bidder.No != i+1 {
					t.Errorf("draft %d is for bidder %d; want bidders in order", i, s.Bidder.No)
				}
				var buf bytes.Buffer
				if err := s.WriteMarkdown(&buf); err != nil {
					t.Fatal(err)
				}
				if strings.Contains(buf.String(), "[report.") {
					t.Errorf("draft %d uses a missing template key:\n%s", i, buf.String())
				}
				ar.Files = append(ar.Files, txtar.File{Name: fmt.Sprintf("summary-%d.md", s.Bidder.No), Data: buf.Bytes()})
			}
			gtest.Golden(t, filepath.Join("testdata", "summaries-"+tc.name+".txtar"), txtar.Format(&ar))
		})
	}
}

// TestSummariesIncomplete checks that nothing is drafted until moderation
// is complete and nothing is left that could change the result.
func TestSummariesIncomplete(t *testing.T) {
	for _, tc := range []struct {
		name  string
		spoil func(w *gridtest.Workbook) error
	}{
		{"blank", nil},
		{"missing consensus", func(w *gridtest.Workbook) error { return w.Consensus(1, 2, nil, "") }},
		{"missing reason", func(w *gridtest.Workbook) error { return w.Consensus(0, 0, 3, "") }},
		{"undecided interest", func(w *gridtest.Workbook) error {
			return w.DeclareAs(1, "My sister is a director of Acme Care Ltd", "")
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var b []byte
			if tc.spoil == nil {
				b = generate(t, gridtest.Small())
			} else {
				w := completeSmall(t)
				if err := tc.spoil(w); err != nil {
					t.Fatal(err)
				}
				b = save(t, w)
			}
			r := read(t, b)
			if r.Complete() {
				t.Fatal("the spoilt grid is complete")
			}
			if got := r.Summaries(gtest.Words()); got != nil {
				t.Errorf("Summaries() = %d drafts for an incomplete grid; want none", len(got))
			}
		})
	}
}

// TestSummaryReasonInert checks that a reason from the workbook stays one
// table cell of plain text: no new row, column, heading or formula.
func TestSummaryReasonInert(t *testing.T) {
	const reason = "=SUM(1) Good | bad\n# heading\n- item [x](http://evil.example)"
	w := completeSmall(t)
	// Q1 for the winning bidder (2), so it shows in every bidder's draft.
	if err := w.Consensus(0, 1, 4, reason); err != nil {
		t.Fatal(err)
	}
	r := read(t, save(t, w))
	const want = `| \=SUM(1) Good \| bad \# heading - item \[x\](http://evil.example) |`
	for _, s := range r.Summaries(gtest.Words()) {
		var buf bytes.Buffer
		if err := s.WriteMarkdown(&buf); err != nil {
			t.Fatal(err)
		}
		md := buf.String()
		var row string
		for _, l := range strings.Split(md, "\n") {
			if strings.HasPrefix(l, "| Q1") {
				row = l
			}
			if strings.HasPrefix(l, "#") && strings.Contains(l, "heading") || strings.HasPrefix(l, "=") || strings.HasPrefix(l, "- item") || strings.HasPrefix(l, " bad") {
				t.Errorf("bidder %d: the reason made a line of its own: %q", s.Bidder.No, l)
			}
		}
		if !strings.Contains(row, want) {
			t.Errorf("bidder %d: Q1's row is %q; want it to hold %q", s.Bidder.No, row, want)
		}
		// Escaped pipes do not count: the row has as many cells as the header.
		if got, cols := cellCount(row), cellCount(headerOf(md, "| Question")); got != cols {
			t.Errorf("bidder %d: Q1's row has %d cells; want %d, as the header:\n%s", s.Bidder.No, got, cols, md)
		}
	}
}

func headerOf(md, prefix string) string {
	for _, l := range strings.Split(md, "\n") {
		if strings.HasPrefix(l, prefix) {
			return l
		}
	}
	return ""
}

// cellCount counts a Markdown table row's cells, not counting escaped
// pipes.
func cellCount(row string) int {
	return strings.Count(strings.ReplaceAll(row, `\|`, ""), "|") - 1
}
