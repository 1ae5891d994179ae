package assemble_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/goldenthread/goldenthread/clauses"
	"github.com/goldenthread/goldenthread/internal/assemble"
	"github.com/goldenthread/goldenthread/internal/diag"
	"github.com/goldenthread/goldenthread/internal/gtest"
	"github.com/goldenthread/goldenthread/internal/library"
	"github.com/goldenthread/goldenthread/internal/model"
	"github.com/goldenthread/goldenthread/internal/profile"
	"github.com/goldenthread/goldenthread/templates"
)

// now is the tests' fixed "today"; it is also the date of a pack whose
// profile gives none.
var now = time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)

var opt = assemble.Options{Version: "test", Date: now}

var scales = library.Layer{FS: templates.FS, Dir: "templates"}

func format(list diag.List) string {
	var b strings.Builder
	for _, p := range list {
		b.WriteString(p.String())
		b.WriteByte('\n')
	}
	return b.String()
}

// fixtureLibrary loads testdata/fixture.txtar: its library/ files as the
// built-in layer and its overlay/ files as an overlay.
func fixtureLibrary(t testing.TB) *library.Library {
	t.Helper()
	ar := gtest.Archive(t, "testdata/fixture.txtar")
	lib, list := library.Load(scales, []library.Layer{
		{Name: library.LayerLibrary, FS: gtest.FS(ar, "library/"), Dir: "fixture"},
		{Name: library.LayerOverlay, FS: gtest.FS(ar, "overlay/"), Dir: "overlay"},
	}, now)
	if lib == nil {
		t.Fatalf("the fixture library does not load:\n%s", format(list))
	}
	return lib
}

// builtinLibrary is the built-in library, loaded once for the tests that
// read it; freshBuiltinLibrary loads it anew, for TestDeterministic.
func builtinLibrary(t testing.TB) *library.Library {
	t.Helper()
	lib, list := loadBuiltin()
	if lib == nil {
		t.Fatalf("the built-in library does not load:\n%s", format(list))
	}
	return lib
}

var loadBuiltin = sync.OnceValues(func() (*library.Library, diag.List) {
	return library.Load(scales, []library.Layer{{Name: library.LayerLibrary, FS: clauses.FS, Dir: "clauses"}}, now)
})

func freshBuiltinLibrary(t testing.TB) *library.Library {
	t.Helper()
	lib, list := library.Load(scales, []library.Layer{{Name: library.LayerLibrary, FS: clauses.FS, Dir: "clauses"}}, now)
	if lib == nil {
		t.Fatalf("the built-in library does not load:\n%s", format(list))
	}
	return lib
}

func loadTemplates(t testing.TB) *assemble.Templates {
	t.Helper()
	tmpl, list := assemble.LoadTemplates(templates.FS, "templates", "en")
	if tmpl == nil || len(list) > 0 {
		t.Fatalf("LoadTemplates problems:\n%s", format(list))
	}
	return tmpl
}

// packCase is one profile to assemble, against the library it is written for.
type packCase struct {
	name string // golden file name
	path string
	lib  func(testing.TB) *library.Library
}

// packCases returns the fixture profiles and every example profile.
func packCases(t *testing.T) []packCase {
	var cases []packCase
	fixtures, _ := filepath.Glob("testdata/profiles/*.toml")
	for _, path := range fixtures {
		cases = append(cases, packCase{"fixture-" + strings.TrimSuffix(filepath.Base(path), ".toml"), path, fixtureLibrary})
	}
	if len(cases) < 2 {
		t.Fatalf("want at least two profiles in testdata/profiles, found %d", len(cases))
	}
	examples, _ := filepath.Glob("../../examples/*.toml")
	for _, path := range examples {
		cases = append(cases, packCase{"example-" + strings.TrimSuffix(filepath.Base(path), ".toml"), path, builtinLibrary})
	}
	if len(examples) == 0 {
		t.Logf("no examples/*.toml yet: only the fixture profiles are assembled")
	}
	return cases
}

func load(t testing.TB, lib *library.Library, path string) *profile.Profile {
	t.Helper()
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	prof, list := profile.Load(lib, path, src, now)
	if prof == nil {
		t.Fatalf("profile.Load(%s) errors:\n%s", path, format(list))
	}
	return prof
}

func build(t testing.TB, c packCase) (*library.Library, *profile.Profile, *model.Pack) {
	t.Helper()
	lib := c.lib(t)
	prof := load(t, lib, c.path)
	pack, err := assemble.Build(lib, prof, loadTemplates(t), opt)
	if err != nil {
		t.Fatalf("Build(%s) = %v", c.path, err)
	}
	return lib, prof, pack
}

func marshal(t testing.TB, pack *model.Pack) []byte {
	t.Helper()
	b, err := json.MarshalIndent(pack, "", "\t")
	if err != nil {
		t.Fatal(err)
	}
	return append(b, '\n')
}

// TestGolden compares each Pack, as indented JSON, with its golden file.
// go test -update rewrites the golden files.
func TestGolden(t *testing.T) {
	for _, c := range packCases(t) {
		t.Run(c.name, func(t *testing.T) {
			_, _, pack := build(t, c)
			got := marshal(t, pack)
			gtest.Golden(t, filepath.Join("testdata", "golden", c.name+".golden"), got)
		})
	}
}

// TestDeterministic builds each pack twice, from fresh loads, and again
// from the same profile: all three must be identical.
// With -short, the fixtures and one example are built.
func TestDeterministic(t *testing.T) {
	tmpl := loadTemplates(t)
	examples := 0
	for _, c := range packCases(t) {
		if strings.HasPrefix(c.name, "example-") {
			if examples++; testing.Short() && examples > 1 {
				continue
			}
		}
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			lib, prof, first := build(t, c)
			if strings.HasPrefix(c.name, "example-") {
				c.lib = freshBuiltinLibrary
			}
			_, _, second := build(t, c)
			third, err := assemble.Build(lib, prof, tmpl, opt)
			if err != nil {
				t.Fatal(err)
			}
			a, b, d := marshal(t, first), marshal(t, second), marshal(t, third)
			if !bytes.Equal(a, b) {
				t.Errorf("Build(%s) twice from fresh loads differs:\n%s", c.path, gtest.FirstDiff(string(a), string(b)))
			}
			if !bytes.Equal(a, d) {
				t.Errorf("Build(%s) twice from one profile differs (does Build change its inputs?):\n%s", c.path, gtest.FirstDiff(string(a), string(d)))
			}
		})
	}
}

// TestPackInvariants checks what every pack must satisfy, whatever the
// profile: placeholders filled, asks in stage order grouped by theme and
// numbered 1..n, questions SQ-1.. and AW-1.. by stage, and the provenance of every override.
func TestPackInvariants(t *testing.T) {
	for _, c := range packCases(t) {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			lib, prof, pack := build(t, c)
			checkFilled(t, reflect.ValueOf(pack), "Pack")
			checkOrder(t, lib, prof, pack)
			checkQuestions(t, pack)
			checkProvenance(t, prof, pack)
		})
	}
}

// checkFilled walks every exported string in v and reports any with a brace
// left in it: an unfilled {placeholder} or a stray brace.
func checkFilled(t *testing.T, v reflect.Value, path string) {
	t.Helper()
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		if !v.IsNil() {
			checkFilled(t, v.Elem(), path)
		}
	case reflect.Struct:
		for i := range v.NumField() {
			if f := v.Type().Field(i); f.IsExported() {
				checkFilled(t, v.Field(i), path+"."+f.Name)
			}
		}
	case reflect.Slice, reflect.Array:
		for i := range v.Len() {
			checkFilled(t, v.Index(i), fmt.Sprintf("%s[%d]", path, i))
		}
	case reflect.Map:
		for _, k := range v.MapKeys() {
			checkFilled(t, v.MapIndex(k), fmt.Sprintf("%s[%v]", path, k))
		}
	case reflect.String:
		if s := v.String(); strings.ContainsAny(s, "{}") {
			t.Errorf("%s = %q: a brace is left in the text", path, s)
		}
	}
}

func checkOrder(t *testing.T, lib *library.Library, prof *profile.Profile, pack *model.Pack) {
	t.Helper()
	themeRank := map[string]int{}
	for i, th := range lib.Themes {
		themeRank[th.ID] = i
	}
	lastStage := -1
	n := 0
	seen := map[string]bool{}
	for _, sec := range pack.Sections {
		if i := slices.Index(model.Stages, sec.Stage); i <= lastStage {
			t.Errorf("section %s comes after stage %s: sections must be in stage order", sec.Stage, model.Stages[lastStage])
		} else {
			lastStage = i
		}
		if sec.Title == "" || len(sec.Themes) == 0 {
			t.Errorf("section %s has title %q and %d themes; want a title and at least one theme", sec.Stage, sec.Title, len(sec.Themes))
		}
		lastTheme := -1
		for _, g := range sec.Themes {
			r, ok := themeRank[g.Theme.ID]
			if !ok || r <= lastTheme {
				t.Errorf("section %s: theme %s is out of library order or repeated", sec.Stage, g.Theme.ID)
			}
			lastTheme = r
			for _, a := range g.Asks {
				n++
				if a.Number != n {
					t.Errorf("ask %s is number %d; want %d", a.ID, a.Number, n)
				}
				if a.Theme != g.Theme.ID {
					t.Errorf("ask %s of theme %s is grouped under %s", a.ID, a.Theme, g.Theme.ID)
				}
				first := slices.MinFunc(a.Stages, func(x, y model.Stage) int { return slices.Index(model.Stages, x) - slices.Index(model.Stages, y) })
				if first != sec.Stage {
					t.Errorf("ask %s (first stage %s) is in section %s", a.ID, first, sec.Stage)
				}
				if seen[a.ID] {
					t.Errorf("ask %s appears twice", a.ID)
				}
				seen[a.ID] = true
			}
		}
	}
	if n != len(prof.Choices) {
		t.Errorf("the pack has %d asks; the profile chose %d clauses", n, len(prof.Choices))
	}
	if got := len(pack.Asks()); got != n {
		t.Errorf("Asks() returns %d asks; the sections hold %d", got, n)
	}
}

func checkQuestions(t *testing.T, pack *model.Pack) {
	t.Helper()
	asks := pack.Asks()
	var withQ []*model.Question
	for _, a := range asks {
		if a.Question != nil {
			withQ = append(withQ, a.Question)
			if a.Question.AskID != a.ID || a.Question.AskTitle != a.Title {
				t.Errorf("ask %s: its question names ask %q (%q)", a.ID, a.Question.AskID, a.Question.AskTitle)
			}
		}
	}
	if len(pack.Questions) != len(withQ) {
		t.Errorf("%d questions; %d asks have one", len(pack.Questions), len(withQ))
	}
	sawAward := false
	numbered := map[model.Stage]int{}
	for i, q := range pack.Questions {
		numbered[q.Stage]++
		prefix := map[model.Stage]string{model.Selection: "SQ", model.Award: "AW"}[q.Stage]
		if want := fmt.Sprintf("%s-%d", prefix, numbered[q.Stage]); q.Ref != want {
			t.Errorf("question %d (ask %s) is %s; want %s", i+1, q.AskID, q.Ref, want)
		}
		if !slices.Contains(withQ, q) {
			t.Errorf("question %s (ask %s) is not the question of any ask", q.Ref, q.AskID)
		}
		switch q.Stage {
		case model.Award:
			sawAward = true
		case model.Selection:
			if sawAward {
				t.Errorf("question %s is at selection but follows an award question", q.Ref)
			}
		default:
			t.Errorf("question %s is at stage %s; want selection or award", q.Ref, q.Stage)
		}
		if q.Kind == "scored" && q.Scale == nil {
			t.Errorf("question %s is scored but has no scale", q.Ref)
		}
		if q.Kind != "scored" && q.Weight != 0 {
			t.Errorf("question %s is %s but has weight %v", q.Ref, q.Kind, q.Weight)
		}
		if n := utf8.RuneCountInString(q.Title); n == 0 || n > library.MaxQuestionTitle || q.Title != library.OneLine(q.Title) {
			t.Errorf("question %s has title %q; want one line of 1 to %d characters", q.Ref, q.Title, library.MaxQuestionTitle)
		}
	}
	if pack.Scoring.Scale == nil {
		t.Errorf("the pack has no default scale")
	}
}

// checkProvenance checks every ask's layer and file, and that an ask lists
// exactly the fields its profile overrode.
func checkProvenance(t *testing.T, prof *profile.Profile, pack *model.Pack) {
	t.Helper()
	byID := map[string]*model.Ask{}
	for _, a := range pack.Asks() {
		byID[a.ID] = a
	}
	for _, ch := range prof.Choices {
		a := byID[ch.Clause.ID]
		if a == nil {
			t.Errorf("chosen clause %s has no ask", ch.Clause.ID)
			continue
		}
		wantLayer, wantFile := ch.Clause.Origin.Layer, ch.Clause.Origin.File
		if wantLayer == library.LayerProfile {
			wantFile = prof.File
		}
		if a.Provenance.Layer != wantLayer || a.Provenance.File != wantFile {
			t.Errorf("ask %s: provenance %s %s; want %s %s", a.ID, a.Provenance.Layer, a.Provenance.File, wantLayer, wantFile)
		}
		var want []string
		if ov := ch.Override; ov != nil {
			for field, set := range map[string]bool{
				"title": ov.Title != "", "ask": ov.Ask != "", "requirement": ov.Requirement != "",
				"rationale": ov.Rationale != "", "caution": ov.Caution != "", "evidence": len(ov.Evidence) > 0,
				"question": ov.Question != "", "question_title": ov.QuestionTitle != "", "guidance": ov.Guidance != "", "scale": ov.Scale != "",
				"weight": ov.Weight != nil, "pass_mark": ov.PassMark != nil, "kpi_target": ov.KPITarget != "",
			} {
				if set {
					want = append(want, field)
				}
			}
			slices.Sort(want)
		}
		if !slices.Equal(a.Provenance.Overridden, want) {
			t.Errorf("ask %s: overridden %q; want %q", a.ID, a.Provenance.Overridden, want)
		}
		if len(ch.Wording.Variants) > 0 && a.Variant != prof.Employer.Nation {
			t.Errorf("ask %s: variant %q; want %q", a.ID, a.Variant, prof.Employer.Nation)
		}
	}
}

// TestOverridesApplied spells out, for the English fixture profile, what each
// override does to the pack.
func TestOverridesApplied(t *testing.T) {
	_, _, pack := build(t, packCase{"", "testdata/profiles/branch-england.toml", fixtureLibrary})
	byID := map[string]*model.Ask{}
	for _, a := range pack.Asks() {
		byID[a.ID] = a
	}
	sq := byID["fair-pay.scored-question"]
	if sq == nil || sq.Question == nil {
		t.Fatal("no fair-pay.scored-question ask with a question")
	}
	q := sq.Question
	if sq.Title != "Score our fair pay commitments" || q.AskTitle != sq.Title {
		t.Errorf("scored-question title %q, question's ask title %q; want the override", sq.Title, q.AskTitle)
	}
	if q.Text != "How will you pay £13.85 to everyone?" || q.Scale.ID != "0-10" || q.Weight != 50 || q.PassMark == nil || *q.PassMark != 5 {
		t.Errorf("scored-question question = %q, scale %s, weight %v, pass mark %v; want the override", q.Text, q.Scale.ID, q.Weight, q.PassMark)
	}
	if want := "Paying £13.85 to everyone"; q.Title != want {
		t.Errorf("scored-question question title = %q; want the override on one line, filled: %q", q.Title, want)
	}
	for id, want := range map[string]string{
		"voice.union-access":    "Access for the recognised trade unions",         // the library's, filled
		"branch.cleaning-hours": "Cleaners on short-hours contracts",              // the overlay's
		"voice.branch-meetings": "How will you meet the recognised trade unions?", // none given: from the text
	} {
		got := "(no question)"
		if a := byID[id]; a != nil && a.Question != nil {
			got = a.Question.Title
		}
		if got != want {
			t.Errorf("%s: question title %q; want %q", id, got, want)
		}
	}
	lw := byID["fair-pay.living-wage"]
	if lw.Ask != "Our own ask: £13.85 for all." || !slices.Equal(lw.Evidence, []string{"Monthly payroll", "A signed statement from the Contractor"}) || lw.KPIs[0].Target != "100% from month one" {
		t.Errorf("living-wage ask %q, evidence %q, KPI target %q; want the override", lw.Ask, lw.Evidence, lw.KPIs[0].Target)
	}
	if want := "Low pay harms workers and the service they give.\n\nIn-house staff are paid the real Living Wage; the Contractor's staff should be too."; lw.Rationale != want {
		t.Errorf("living-wage rationale = %q; want %q", lw.Rationale, want)
	}
	if got, want := byID["voice.scored-voice"].Question.Weight, 30.0; got != want {
		t.Errorf("scored-voice weight = %v; want %v", got, want)
	}
	if a := byID["fair-pay.policy"]; a == nil || a.Provenance.Layer != library.LayerOverlay || a.Ask != "Ask Example Council to adopt the policy the recognised trade unions wrote." {
		t.Errorf("fair-pay.policy = %+v; want the overlay's clause, filled", a)
	}
	if a := byID["voice.branch-meetings"]; a == nil || a.Provenance.Layer != library.LayerProfile || a.Provenance.File != "testdata/profiles/branch-england.toml" {
		t.Errorf("voice.branch-meetings = %+v; want the profile's own clause", a)
	}
	if want := "Fair work asks for Example Council's Cleaning services"; pack.Document.Title != want {
		t.Errorf("Document.Title = %q; want %q", pack.Document.Title, want)
	}
	if want := "Why Example Council UNISON branch asks Example Council for fair work in Cleaning services."; pack.Purpose != want {
		t.Errorf("Purpose = %q; want %q", pack.Purpose, want)
	}
	if want := []string{
		"First paragraph about the Public Contracts Regulations 2015 on two lines.",
		"Second paragraph: bidders face the selection questionnaire (SQ) and the most economically advantageous tender (MEAT).",
	}; !slices.Equal(pack.Intro, want) {
		t.Errorf("Intro = %q; want %q", pack.Intro, want)
	}
	if !pack.Document.Date.Equal(time.Date(2026, 5, 1, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("Document.Date = %v; want the profile's 2026-05-01", pack.Document.Date)
	}
	var total float64
	for _, q := range pack.Questions {
		total += q.Weight
	}
	if total != 100 {
		t.Errorf("question weights total %v; want 100", total)
	}
}

// TestVariantAndDefaults checks the Scottish fixture profile: the variant's
// wording, Scottish terms, the default scale and the run's date.
func TestVariantAndDefaults(t *testing.T) {
	_, _, pack := build(t, packCase{"", "testdata/profiles/branch-scotland.toml", fixtureLibrary})
	var ids []string
	for _, a := range pack.Asks() {
		ids = append(ids, a.ID)
		if a.ID == "fair-pay.living-wage" && (a.Variant != "scotland" || a.Title != "Fair Work First: pay the real Living Wage") {
			t.Errorf("living-wage variant %q, title %q; want the Scottish variant", a.Variant, a.Title)
		}
	}
	if want := []string{"fair-pay.living-wage", "fair-pay.scored-question", "voice.scored-voice"}; !slices.Equal(ids, want) {
		t.Errorf("asks %q; want %q", ids, want)
	}
	if pack.Terms.AwardBasis != "most economically advantageous tender (MEAT)" {
		t.Errorf("Terms.AwardBasis = %q; want the Scottish term", pack.Terms.AwardBasis)
	}
	if pack.Scoring.Scale.ID != profile.DefaultScale || pack.Scoring.SpreadFlag != assemble.DefaultSpreadFlag {
		t.Errorf("Scoring = %s, spread %v; want the defaults", pack.Scoring.Scale.ID, pack.Scoring.SpreadFlag)
	}
	if !pack.Document.Date.Equal(now) || pack.Document.Language != "en" {
		t.Errorf("Document = %v %q; want the run's date and en", pack.Document.Date, pack.Document.Language)
	}
}

// BenchmarkBuild assembles a profile of about 40 asks from the built-in
// library.
func BenchmarkBuild(b *testing.B) {
	lib := builtinLibrary(b)
	tmpl := loadTemplates(b)
	var themes []string
	n := 0
	for _, th := range lib.Themes {
		themes = append(themes, fmt.Sprintf("%q", th.ID))
		n += len(lib.Select(library.Filter{Theme: th.ID, Jurisdiction: "england"}))
		if n >= 40 {
			break
		}
	}
	src := `[document]
title = "Benchmark"
date = 2026-05-01
[employer]
name = "Example Council"
kind = "local-authority"
nation = "england"
[procurement]
title = "Services"
category = "services"
regime = "procurement-act-2023"
stage = "pre-procurement"
[prepared_by]
organisation = "Branch"
[select]
themes = [` + strings.Join(themes, ", ") + `]
`
	prof, list := profile.Load(lib, "bench.toml", []byte(src), now)
	if prof == nil {
		b.Fatal(format(list))
	}
	b.ReportAllocs()
	var pack *model.Pack
	for b.Loop() {
		var err error
		if pack, err = assemble.Build(lib, prof, tmpl, opt); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(len(pack.Asks())), "asks")
}

// TestStaleFigureMarked checks that a library figure past its review date
// (31 October 2026, before Midshire's document date) is printed with a
// mark and listed under "complete before use" unless the profile sets it.
func TestStaleFigureMarked(t *testing.T) {
	lib := builtinLibrary(t)
	src, err := os.ReadFile("../../examples/midshire-highways.toml")
	if err != nil {
		t.Fatal(err)
	}
	const mark = "£13.45 [check: figure due for review on 31 October 2026]"
	for _, set := range []bool{false, true} {
		s := string(src)
		if set {
			s = strings.Replace(s, "[placeholders]\n", "[placeholders]\nliving_wage = \"£14.00\"\n", 1)
		}
		path := filepath.Join(t.TempDir(), "p.toml")
		if err := os.WriteFile(path, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
		pack, err := assemble.Build(lib, load(t, lib, path), loadTemplates(t), opt)
		if err != nil {
			t.Fatal(err)
		}
		var text strings.Builder
		listed := false
		for _, a := range pack.Asks() {
			text.WriteString(a.Ask + a.Requirement + a.Rationale)
			// Listed with the figure it marks, so the reader knows which.
			listed = listed || slices.Contains(a.Blanks, mark)
		}
		marked := strings.Contains(text.String(), mark)
		switch {
		case !set && (!marked || !listed):
			t.Errorf("the stale £13.45 is not marked (%v) or not listed under complete before use (%v)", marked, listed)
		case set && (marked || !strings.Contains(text.String(), "£14.00") || strings.Contains(text.String(), "£14.00 [check")):
			t.Errorf("with living_wage set in the profile, the figure is still marked or not used")
		}
	}
}

// TestCriterionWeight checks the award criterion's share of the total
// score, filled from the profile: Midshire weights the fair pay question 10
// of the 100 shared by its scored award questions, and gives social value
// 20% of the total ([scoring] social_value_weighting = 20), so the
// criterion carries 2%. Without the number, and with the weighting only in
// words, the blank stays, listed under Complete before use.
func TestCriterionWeight(t *testing.T) {
	lib := builtinLibrary(t)
	src, err := os.ReadFile("../../examples/midshire-highways.toml")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, from, to string
		want, blank    string
	}{
		{"profile gives 20", "", "", "This criterion carries 2% of the total score and is scored on the 0 to 4 scale", ""},
		{"12.5", "social_value_weighting = 20 ", "social_value_weighting = 12.5 ", "carries 1.25% of the total score", ""},
		{"only as words", "social_value_weighting = 20 ", "# ", "carries [weight]% of the total score", "[weight]"},
		{"words beside the number", "[placeholders]\n", "[placeholders]\nsocial_value_weighting = \"a fifth\"\n", "carries 2% of the total score", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := strings.ReplaceAll(string(src), tt.from, tt.to)
			path := filepath.Join(t.TempDir(), "p.toml")
			if err := os.WriteFile(path, []byte(s), 0o644); err != nil {
				t.Fatal(err)
			}
			pack, err := assemble.Build(lib, load(t, lib, path), loadTemplates(t), opt)
			if err != nil {
				t.Fatal(err)
			}
			var a *model.Ask
			for _, x := range pack.Asks() {
				if x.ID == "living-wage.scored-fair-pay-question" {
					a = x
				}
			}
			if a == nil {
				t.Fatal("Midshire has no fair pay award criterion")
			}
			req := strings.Join(strings.Fields(a.Requirement), " ")
			if !strings.Contains(req, tt.want) {
				t.Errorf("requirement %q lacks %q", req, tt.want)
			}
			if got := slices.Contains(a.Blanks, "[weight]"); got != (tt.blank != "") {
				t.Errorf("Blanks = %q; want [weight] listed: %v", a.Blanks, tt.blank != "")
			}
		})
	}
}
