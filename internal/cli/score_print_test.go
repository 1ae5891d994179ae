package cli

import (
	"bytes"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/goldenthread/goldenthread/internal/gtest"
	"github.com/goldenthread/goldenthread/internal/score"
)

// TestPrintProblems checks the grouping and capping of problems on screen.
func TestPrintProblems(t *testing.T) {
	// probs makes n problems of kind k on rows from, from+1, ….
	probs := func(k score.Kind, from, n int) []score.Problem {
		out := make([]score.Problem, n)
		for i := range out {
			out[i] = score.Problem{Sheet: "S", Col: 1, Row: from + i, Kind: k, Msg: string(k)}
		}
		return out
	}
	cat := func(ps ...[]score.Problem) []score.Problem {
		var out []score.Problem
		for _, p := range ps {
			out = append(out, p...)
		}
		return out
	}
	none := func(score.Kind) bool { return false }
	for _, tc := range []struct {
		name      string
		problems  []score.Problem
		max       int
		untouched func(score.Kind) bool
		want      []string
	}{
		{"none", nil, 5, none, nil},
		{"fewer than the cap", probs(score.MissingScore, 1, 3), 5, none, []string{
			"Missing scores (3)", "g.xlsx: S!A1: missing-score", "g.xlsx: S!A2: missing-score", "g.xlsx: S!A3: missing-score",
		}},
		{"exactly the cap", probs(score.BadScore, 1, 2), 2, none, []string{
			"Scores not on the scale (2)", "g.xlsx: S!A1: bad-score", "g.xlsx: S!A2: bad-score",
		}},
		{"one over the cap", probs(score.BadScore, 1, 3), 2, none, []string{
			"Scores not on the scale (3)", "g.xlsx: S!A1: bad-score", "g.xlsx: S!A2: bad-score",
			"… and 1 more of this kind (all are in the report)",
		}},
		{"capped per kind, kinds in order", cat(probs(score.MissingConsensus, 1, 12), probs(score.ChangedFormula, 20, 1), probs(score.MissingDeclaration, 30, 4)), 2, none, []string{
			"Declarations not made, signed or dated (4)", "g.xlsx: S!A30: missing-declaration", "g.xlsx: S!A31: missing-declaration",
			"… and 2 more of this kind (all are in the report)",
			"Missing consensus scores (12)", "g.xlsx: S!A1: missing-consensus", "g.xlsx: S!A2: missing-consensus",
			"… and 10 more of this kind (all are in the report)",
			"Changed formulas (1)", "g.xlsx: S!A20: changed-formula",
		}},
		{"untouched kinds in one line", cat(probs(score.MissingScore, 1, 400), probs(score.MissingConsensus, 500, 80), probs(score.ChangedFormula, 600, 1)), 5,
			func(k score.Kind) bool { return k == score.MissingScore || k == score.MissingConsensus }, []string{
				"Missing scores (400): none entered yet (all are in the report)",
				"Missing consensus scores (80): none entered yet (all are in the report)",
				"Changed formulas (1)", "g.xlsx: S!A600: changed-formula",
			}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var buf bytes.Buffer
			printProblems(&buf, "g.xlsx", score.ByKind(tc.problems), gtest.Words(), tc.max, tc.untouched)
			want := strings.Join(tc.want, "\n")
			if want != "" {
				want += "\n"
			}
			if got := buf.String(); got != want {
				t.Errorf("printProblems(%d problems, max %d):\n%s\nwant:\n%s", len(tc.problems), tc.max, got, want)
			}
		})
	}
}

// TestPrintProgress checks the progress summary on screen: its lines, then
// an aligned table with names on one line, then a blank line.
func TestPrintProgress(t *testing.T) {
	var buf bytes.Buffer
	printProgress(&buf, score.ProgressSummary{
		Lines: []string{"Moderation: 1 of 2 consensus scores and 0 of 2 reasons recorded."},
		Table: &score.Table{
			Header: []string{"Evaluator", "Scored", "Declaration"},
			Rows:   [][]string{{"Siân\nŴyn", "2 of 2", "not made"}, {"O'Brien", "0 of 2", "no conflict; signed and dated"}},
		},
	})
	want := fmt.Sprint(
		"Moderation: 1 of 2 consensus scores and 0 of 2 reasons recorded.\n",
		"EVALUATOR  SCORED  DECLARATION\n",
		"Siân Ŵyn   2 of 2  not made\n",
		"O'Brien    0 of 2  no conflict; signed and dated\n",
		"\n",
	)
	if got := buf.String(); got != want {
		t.Errorf("printProgress:\n%s\nwant:\n%s", got, want)
	}
}

func TestSummaryName(t *testing.T) {
	for _, tc := range []struct {
		report, grid string
		no           int
		name, want   string
	}{
		{"panel/grid-report.md", "panel/grid.xlsx", 1, "Acme Care Ltd", "panel/grid-summary-1-acme-care-ltd.md"},
		{"panel/grid-report.md", "panel/grid.xlsx", 3, "Ŵyn & Daughters", "panel/grid-summary-3-wyn-daughters.md"},
		{"out/report.pdf", "panel/grid.xlsx", 2, `=HYPERLINK("http://evil.example","Click")`, "out/grid-summary-2-hyperlink-http-evil-example-cl.md"},
		{"grid-report.md", "grid.xlsx", 4, "../../etc/passwd", "grid-summary-4-etc-passwd.md"},
		{"grid-report.md", "grid.xlsx", 5, "CON", "grid-summary-5-con.md"},
		{"grid-report.md", "grid.xlsx", 6, "株式会社", "grid-summary-6.md"},
		{"grid-report.md", "grid.xlsx", 7, " -- ", "grid-summary-7.md"},
		{"grid-report.md", "grid.xlsx", 8, "Équipe Ltd.\nLine two\t", "grid-summary-8-equipe-ltd-line-two.md"},
	} {
		got := filepath.ToSlash(summaryName(filepath.FromSlash(tc.report), filepath.FromSlash(tc.grid), score.Bidder{No: tc.no, Name: tc.name}))
		if got != tc.want {
			t.Errorf("summaryName(%q, %q, %d %q) = %q; want %q", tc.report, tc.grid, tc.no, tc.name, got, tc.want)
		}
	}
}
