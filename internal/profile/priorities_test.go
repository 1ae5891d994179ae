package profile_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/goldenthread/goldenthread/internal/library"
	"github.com/goldenthread/goldenthread/internal/profile"
)

// priorityLibrary builds a library with one file per theme, in the order
// given (each theme's order is its place in the list). Each letter of a
// theme's spec is one clause, id "<theme>.<n>" from 1: C is core, p is not,
// x is core but applies only in Wales.
func priorityLibrary(t *testing.T, themes ...string) *library.Library {
	t.Helper()
	fsys := fstest.MapFS{}
	for i, spec := range themes {
		id, clauses, _ := strings.Cut(spec, " ")
		var b strings.Builder
		fmt.Fprintf(&b, "[theme]\nid = %q\ntitle = %q\nsummary = \"S.\"\norder = %d\n", id, id, i+1)
		for n, kind := range clauses {
			nation := "england"
			if kind == 'x' {
				nation = "wales"
			}
			fmt.Fprintf(&b, `
[[clause]]
id = "%s.%d"
title = "Clause %[2]d"
theme = %[1]q
stages = ["specification"]
lever = "specification"
status = "good-practice"
jurisdictions = [%[3]q]
core = %[4]v
ask = "Ask."
requirement = "Require."
rationale = "Because."
review_by = 2027-06-01
[[clause.source]]
title = "A source"
`, id, n+1, nation, kind != 'p')
		}
		fsys[id+".toml"] = &fstest.MapFile{Data: []byte(b.String())}
	}
	lib, list := library.Load(scales, []library.Layer{{Name: library.LayerLibrary, FS: fsys, Dir: "lib"}}, now)
	if lib == nil {
		t.Fatalf("library.Load:\n%s", format(list))
	}
	return lib
}

// TestPriorities checks Profile.Priorities: the profile's own list as
// written, or by default up to eight selected core clauses spread across
// themes in the library's theme order, returned in choice order.
func TestPriorities(t *testing.T) {
	tests := []struct {
		name   string
		themes []string // for priorityLibrary
		sel    string   // more lines for [select], which selects every theme
		extra  string   // more of the profile
		want   []string
	}{
		{
			name:   "none core",
			themes: []string{"alpha ppp", "beta pp"},
			want:   nil,
		},
		{
			name:   "fewer than eight core: all of them",
			themes: []string{"alpha CpC", "beta pC"},
			want:   []string{"alpha.1", "alpha.3", "beta.2"},
		},
		{
			name:   "nine core over three themes: the last theme's third is the one left",
			themes: []string{"zeta CCC", "alpha CCC", "mid CCC"},
			want:   []string{"zeta.1", "zeta.2", "zeta.3", "alpha.1", "alpha.2", "alpha.3", "mid.1", "mid.2"},
		},
		{
			name:   "more than eight core, themes of different sizes, plain clauses passed over",
			themes: []string{"alpha pCCCCC", "beta Cp", "gamma CCCC"},
			want:   []string{"alpha.2", "alpha.3", "alpha.4", "alpha.5", "beta.1", "gamma.1", "gamma.2", "gamma.3"},
		},
		{
			name:   "more than eight core in one theme: the first eight",
			themes: []string{"alpha CCCCCCCCCC", "beta pp"},
			want:   []string{"alpha.1", "alpha.2", "alpha.3", "alpha.4", "alpha.5", "alpha.6", "alpha.7", "alpha.8"},
		},
		{
			name:   "core clauses left out or excluded are not chosen",
			themes: []string{"alpha CxCC"},
			sel:    `exclude = ["alpha.3"]`,
			want:   []string{"alpha.1", "alpha.4"},
		},
		{
			name:   "the profile's list, in its own order",
			themes: []string{"alpha CC", "beta CC"},
			sel:    `priorities = ["beta.2", "alpha.1", "alpha.2"]`,
			want:   []string{"beta.2", "alpha.1", "alpha.2"},
		},
		{
			name:   "a list of more than eight: all of it (Load warns)",
			themes: []string{"alpha CCCCC", "beta pppp"},
			sel:    `priorities = ["beta.4", "beta.3", "beta.2", "beta.1", "alpha.5", "alpha.4", "alpha.3", "alpha.2", "alpha.1"]`,
			want:   []string{"beta.4", "beta.3", "beta.2", "beta.1", "alpha.5", "alpha.4", "alpha.3", "alpha.2", "alpha.1"},
		},
		{
			name:   "an empty list: none",
			themes: []string{"alpha CC", "beta CC"},
			sel:    `priorities = []`,
			want:   nil,
		},
		{
			name:   "a branch's own core clause takes its theme's turn",
			themes: []string{"alpha CCCCC", "beta pp", "gamma CCCC"},
			extra: `
[[clause]]
id = "beta.own"
title = "Our own"
theme = "beta"
stages = ["specification"]
lever = "specification"
status = "good-practice"
jurisdictions = ["england"]
core = true
ask = "Ask."
requirement = "Require."
rationale = "Because."
review_by = 2027-06-01
[[clause.source]]
title = "Our source"
`,
			want: []string{"alpha.1", "alpha.2", "alpha.3", "alpha.4", "gamma.1", "gamma.2", "gamma.3", "beta.own"},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			lib := priorityLibrary(t, tc.themes...)
			src := `[document]
title = "T"
[employer]
name = "E"
kind = "local-authority"
nation = "england"
[procurement]
title = "P"
category = "services"
regime = "procurement-act-2023"
stage = "pre-procurement"
[prepared_by]
organisation = "B"
[select]
themes = ["` + strings.Join(lib.ThemeIDs(), `", "`) + `"]
` + tc.sel + "\n" + tc.extra
			p, list := profile.Load(lib, "p.toml", []byte(src), now)
			if p == nil {
				t.Fatalf("Load:\n%s", format(list))
			}
			if got := p.Priorities(); !slices.Equal(got, tc.want) {
				t.Errorf("Priorities() = %q; want %q", got, tc.want)
			}
		})
	}
}
