package score

import (
	"bytes"
	"slices"
	"strings"
	"testing"

	"github.com/goldenthread/goldenthread/internal/grid"
	"github.com/goldenthread/goldenthread/internal/gtest"
)

func TestNoConflict(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want bool
	}{
		{"I have no conflict of interest", true},
		{"I have no conflict of interest.", true},
		{"i HAVE no Conflict of Interest", true},
		{"  I have no\nconflict  of interest  ", true},
		{"I have no conflict of interest\u00a0.", true},
		{"No conflict of interest", true},
		{"No conflict.", true},
		{"None.", true},
		{"none!", true},
		{"NIL", true},
		{"No", true},
		{"no.", true},
		{"N/A", true},
		{"n/a.", true},
		{"Nothing to declare", true},
		{"Nothing to declare…", true},
		{"No interest to declare;", true},

		{"No conflict of interest, but my sister works for Bidder A", false},
		{"I have no conflict of interest with Bidder A; my husband is a director of Bidder B", false},
		{"None, except that I worked for Bidder C until 2025", false},
		{"I declare: my brother is a director of Cwmni Tŷ Glân", false},
		{"Mae fy mrawd yn gyfarwyddwr Cwmni Tŷ Glân", false},
		// Welsh nil forms are not among the forms the grid offers: the
		// procurement lead records a decision on them, so nothing
		// ambiguous passes unread.
		{"Nid oes gennyf wrthdaro buddiannau", false},
		{"Dim", false},
		{"I have no conflict of interest / I declare:", false},
		{"no conflict", true},
		{"not applicable", false},
		{"yes", false},
		{"-", false},
		{"", false},
	} {
		t.Run(tc.in, func(t *testing.T) {
			if got := noConflict(tc.in); got != tc.want {
				t.Errorf("noConflict(%q) = %v; want %v", tc.in, got, tc.want)
			}
		})
	}
}

// TestDeclaredInterest fills the small grid completely, then has Siân Ŵyn
// declare an interest, as the tester did: the grid is incomplete until the
// procurement lead records a decision, and the report lists the interest
// with the decision once it is in. Her scores count either way.
func TestDeclaredInterest(t *testing.T) {
	const declared = "I declare: my brother is a director of Cwmni Tŷ Glân"
	clean := read(t, save(t, completeSmall(t)))
	for _, tc := range []struct {
		name     string
		decision string
		problems []string
		row      []string // the report's row for the interest
	}{
		{
			name: "no decision",
			problems: []string{
				`Guide!B24: Siân Ŵyn declared an interest ("I declare: my brother is a director of …"): the procurement lead must record a decision in Guide!E24 before the scores stand`,
			},
			row: []string{"Siân Ŵyn", declared, "none recorded (see Problems)"},
		},
		{
			name:     "decision",
			decision: "Cwmni Tŷ Glân is not a bidder or a subcontractor: scores stand. Rhys Evans, 21/01/2027",
			row:      []string{"Siân Ŵyn", declared, "Cwmni Tŷ Glân is not a bidder or a subcontractor: scores stand. Rhys Evans, 21/01/2027"},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			w := completeSmall(t)
			if err := w.DeclareAs(0, declared, tc.decision); err != nil {
				t.Fatal(err)
			}
			b := save(t, w)
			r := read(t, b)

			if got := problemText(r); !slices.Equal(got, tc.problems) {
				t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tc.problems, "\n"))
			}
			for _, p := range r.Problems() {
				if p.Kind != DeclaredInterest || p.Sheet != grid.Guide || p.Col != grid.DeclText || p.Row != w.Meta.DeclRowOf(0) {
					t.Errorf("problem %v is %s at %s; want %s at Guide!B24", p, p.Kind, p.Cell(), DeclaredInterest)
				}
			}
			if got, want := r.Complete(), tc.decision != ""; got != want {
				t.Errorf("Complete() = %v; want %v", got, want)
			}
			want := []Interest{{Evaluator: 0, Row: w.Meta.DeclRowOf(0), Declared: declared, Decision: tc.decision}}
			if !slices.Equal(r.Interests, want) {
				t.Errorf("Interests = %+v; want %+v", r.Interests, want)
			}
			// Her scores are neither dropped nor re-weighted.
			if !slices.EqualFunc(r.Items, clean.Items, func(a, b Item) bool { return slices.Equal(a.Scores, b.Scores) && a.Spread == b.Spread }) ||
				!slices.EqualFunc(r.Bidders, clean.Bidders, func(a, b Bidder) bool { return a.Score == b.Score && a.Status == b.Status && a.Rank == b.Rank }) {
				t.Errorf("declaring an interest changed the scores: %+v; want %+v", r.Bidders, clean.Bidders)
			}

			sec := section(t, r.Report(gtest.Words()), "Declared interests (1)")
			if sec.Table == nil || len(sec.Table.Rows) != 1 || !slices.Equal(sec.Table.Rows[0], tc.row) {
				t.Errorf("Declared interests table = %+v; want the row %q", sec.Table, tc.row)
			}
			if !strings.Contains(strings.Join(sec.Text, " "), "issue the grid again without them") {
				t.Errorf("Declared interests does not say to re-issue the grid without a removed evaluator: %q", sec.Text)
			}
			var md bytes.Buffer
			if err := r.Report(gtest.Words()).WriteMarkdown(&md); err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(md.String(), "| Siân Ŵyn | I declare: my brother is a director of Cwmni Tŷ Glân | "+tc.row[2]+" |") {
				t.Errorf("the Markdown report does not list the interest:\n%s", md.String())
			}
		})
	}
}

// TestNoInterests checks that nil declarations in the forms panels write
// them declare nothing, and that the report says so.
func TestNoInterests(t *testing.T) {
	w := completeSmall(t)
	for e, text := range []string{"None.", "n/a", "NO CONFLICT OF INTEREST"} {
		if err := w.DeclareAs(e, text, ""); err != nil {
			t.Fatal(err)
		}
	}
	r := read(t, save(t, w))
	if !r.Complete() || len(r.Interests) != 0 {
		t.Errorf("Complete() = %v, Interests = %+v; want true and none (problems %q)", r.Complete(), r.Interests, problemText(r))
	}
	sec := section(t, r.Report(gtest.Words()), "Declared interests (0)")
	if !slices.Equal(sec.Text, []string{"No evaluator declared a conflict of interest on the Guide sheet."}) || sec.Table != nil {
		t.Errorf("Declared interests = %+v", sec)
	}
}

// section returns the report's section headed heading.
func section(t *testing.T, rep *Report, heading string) Section {
	t.Helper()
	var headings []string
	for _, s := range rep.Sections {
		if s.Heading == heading {
			return s
		}
		headings = append(headings, s.Heading)
	}
	t.Fatalf("the report has no section %q; it has %q", heading, headings)
	return Section{}
}
