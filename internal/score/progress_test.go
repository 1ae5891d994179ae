package score

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/goldenthread/goldenthread/internal/grid"
	"github.com/goldenthread/goldenthread/internal/grid/gridtest"
	"github.com/goldenthread/goldenthread/internal/gtest"
)

func TestByKind(t *testing.T) {
	// p makes problems of the kinds given, numbered in order by row.
	p := func(kinds ...Kind) []Problem {
		out := make([]Problem, len(kinds))
		for i, k := range kinds {
			out[i] = Problem{Sheet: "S", Col: 1, Row: i + 1, Kind: k, Msg: string(k)}
		}
		return out
	}
	for _, tc := range []struct {
		name string
		in   []Problem
		want string // kind: rows, per group
	}{
		{"none", nil, ""},
		{"one kind", p(MissingScore, MissingScore, MissingScore), "missing-score: 1 2 3"},
		{"workbook order kept within a kind",
			p(MissingScore, MissingConsensus, MissingScore, MissingReason, MissingConsensus),
			"missing-score: 1 3; missing-consensus: 2 5; missing-reason: 4"},
		{"kinds in the order a panel works",
			p(Disagrees, ChangedFormula, MissingReason, BadConsensus, MissingConsensus, BadScore, MissingScore, DeclaredInterest, MissingDeclaration),
			"missing-declaration: 9; declared-interest: 8; missing-score: 7; bad-score: 6; missing-consensus: 5; bad-consensus: 4; missing-reason: 3; changed-formula: 2; disagrees: 1"},
		{"unknown kinds last, as first found",
			p("new-kind", MissingScore, "", "new-kind", Disagrees),
			"missing-score: 2; disagrees: 5; new-kind: 1 4; : 3"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var groups []string
			for _, g := range ByKind(tc.in) {
				rows := make([]string, len(g.Problems))
				for i, p := range g.Problems {
					if p.Kind != g.Kind {
						t.Errorf("group %s holds a problem of kind %s", g.Kind, p.Kind)
					}
					rows[i] = fmt.Sprint(p.Row)
				}
				groups = append(groups, string(g.Kind)+": "+strings.Join(rows, " "))
			}
			if got := strings.Join(groups, "; "); got != tc.want {
				t.Errorf("ByKind = %s; want %s", got, tc.want)
			}
		})
	}
}

func TestGroupHeading(t *testing.T) {
	w := gtest.Words()
	for _, tc := range []struct {
		kind Kind
		n    int
		want string
	}{
		{MissingScore, 440, "Missing scores (440)"},
		{MissingDeclaration, 1, "Declarations not made, signed or dated (1)"},
		{"new-kind", 2, "Other problems (2)"},
	} {
		g := Group{Kind: tc.kind, Problems: make([]Problem, tc.n)}
		if got := g.Heading(w); got != tc.want {
			t.Errorf("Group{%s, %d problems}.Heading = %q; want %q", tc.kind, tc.n, got, tc.want)
		}
	}
	// Every kind score reports has its own heading.
	for _, k := range kindOrder {
		if _, ok := w.Text["report.kind."+string(k)]; !ok {
			t.Errorf("templates/en/report.toml has no [kind] %s", k)
		}
	}
}

// TestProgress reads the small grid (3 evaluators, 3 bidders, 3 moderated
// questions: 9 scores each) blank, part filled and complete.
func TestProgress(t *testing.T) {
	for _, tc := range []struct {
		name  string
		grid  func(t *testing.T) []byte
		want  Progress
		decls []string
		lines []string
	}{
		{"blank", func(t *testing.T) []byte { return generate(t, gridtest.Small()) },
			Progress{Cells: 9, Scored: []int{0, 0, 0}},
			[]string{"not made", "not made", "not made"},
			[]string{"Nobody has started: no score, consensus score, reason or declaration has been entered.", "Moderation: 0\u00a0of\u00a09 consensus scores and 0\u00a0of\u00a09 reasons recorded."}},
		{"one signature", func(t *testing.T) []byte {
			w := openGrid(t, generate(t, gridtest.Small()))
			if err := w.Set(grid.Guide, grid.DeclSigned, w.Meta.DeclRowOf(2), "P. Lead"); err != nil {
				t.Fatal(err)
			}
			return save(t, w)
		},
			Progress{Cells: 9, Scored: []int{0, 0, 0}, Declaring: true},
			[]string{"not made", "not made", "not made; not dated"},
			[]string{"Moderation: 0\u00a0of\u00a09 consensus scores and 0\u00a0of\u00a09 reasons recorded."}},
		{"part filled", func(t *testing.T) []byte {
			w := openGrid(t, generate(t, gridtest.Small()))
			for _, err := range []error{
				w.DeclareAs(0, grid.NoConflict, ""),
				w.DeclareAs(1, "My sister works for Acme Care Ltd", ""),
				w.Set(grid.Guide, grid.DeclText, w.Meta.DeclRowOf(2), "None"),
				// Siân scores everything, one of it off the scale; O'Brien
				// scores one; nobody has moderated but one row.
				w.Score(0, 0, 0, 3), w.Score(0, 0, 1, 9), w.Score(0, 0, 2, 2),
				w.Score(0, 1, 0, 7), w.Score(0, 1, 1, 5), w.Score(0, 1, 2, 10),
				w.Score(0, 2, 0, "Pass"), w.Score(0, 2, 1, "Fail"), w.Score(0, 2, 2, "Pass"),
				w.Score(1, 0, 0, 4),
				w.Consensus(0, 0, 3, ""),
			} {
				if err != nil {
					t.Fatal(err)
				}
			}
			return save(t, w)
		},
			Progress{Cells: 9, Scored: []int{8, 1, 0}, Consensus: 1, Declaring: true, Scoring: true, Moderating: true},
			[]string{"no conflict; signed and dated", "interest declared, awaiting a decision; signed and dated", "no conflict; not signed or dated"},
			[]string{"Moderation: 1\u00a0of\u00a09 consensus scores and 0\u00a0of\u00a09 reasons recorded."}},
		{"complete", func(t *testing.T) []byte { return save(t, completeSmall(t)) },
			Progress{Cells: 9, Scored: []int{9, 9, 9}, Consensus: 9, Reasons: 9, Declaring: true, Scoring: true, Moderating: true},
			[]string{"no conflict; signed and dated", "no conflict; signed and dated", "no conflict; signed and dated"},
			[]string{"Moderation: 9\u00a0of\u00a09 consensus scores and 9\u00a0of\u00a09 reasons recorded."}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := read(t, tc.grid(t))
			if got := r.Progress(); fmt.Sprint(got) != fmt.Sprint(tc.want) {
				t.Errorf("Progress() = %+v; want %+v", got, tc.want)
			}
			sum := r.ProgressSummary(gtest.Words())
			if !slices.Equal(sum.Lines, tc.lines) {
				t.Errorf("ProgressSummary lines = %q; want %q", sum.Lines, tc.lines)
			}
			var decls []string
			for _, row := range sum.Table.Rows {
				decls = append(decls, row[2])
			}
			if !slices.Equal(decls, tc.decls) {
				t.Errorf("ProgressSummary declarations = %q; want %q", decls, tc.decls)
			}
		})
	}
}

// TestReportLeadsWithProgress checks that the report's first section is
// the progress summary and that each kind of problem has a section of its
// own, counted, holding every problem of that kind.
func TestReportLeadsWithProgress(t *testing.T) {
	r := read(t, generate(t, gridtest.Large()))
	rep := r.Report(gtest.Words())
	if got := rep.Sections[0].Heading; got != "Progress" {
		t.Errorf("the report starts with %q; want Progress", got)
	}
	if got := rep.Sections[0].Text[0]; !strings.HasPrefix(got, "Nobody has started") {
		t.Errorf("a blank grid's report starts %q; want Nobody has started", got)
	}
	// Large: 6 evaluators, 8 bidders, 36 moderated questions.
	want := map[string]int{
		"Declarations not made, signed or dated (18)": 18,
		"Missing scores (1728)":                       1728,
		"Missing consensus scores (288)":              288,
	}
	got := map[string]int{}
	total := 0
	for _, s := range rep.Sections {
		if s.Sub {
			got[s.Heading] = len(s.List)
			total += len(s.List)
		}
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("problem sections (heading: problems listed) = %v; want %v", got, want)
	}
	if n := len(r.Problems()); total != n {
		t.Errorf("the report lists %d problems; want all %d", total, n)
	}
	section(t, rep, fmt.Sprintf("Problems (%d)", total))
}

func TestUntouched(t *testing.T) {
	kinds := []Kind{MissingDeclaration, MissingScore, MissingConsensus, MissingReason, BadScore, ChangedFormula}
	for _, tc := range []struct {
		p    Progress
		want []Kind
	}{
		{Progress{}, []Kind{MissingDeclaration, MissingScore, MissingConsensus}},
		{Progress{Declaring: true}, []Kind{MissingScore, MissingConsensus}},
		{Progress{Scoring: true}, []Kind{MissingDeclaration, MissingConsensus}},
		{Progress{Declaring: true, Scoring: true}, []Kind{MissingConsensus}},
		{Progress{Declaring: true, Scoring: true, Moderating: true}, nil},
	} {
		var got []Kind
		for _, k := range kinds {
			if tc.p.Untouched(k) {
				got = append(got, k)
			}
		}
		if !slices.Equal(got, tc.want) {
			t.Errorf("%+v: untouched %v; want %v", tc.p, got, tc.want)
		}
		if blank := tc.want != nil && len(tc.want) == 3; tc.p.Blank() != blank {
			t.Errorf("%+v.Blank() = %v; want %v", tc.p, tc.p.Blank(), blank)
		}
	}
}
