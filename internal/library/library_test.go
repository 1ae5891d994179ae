package library_test

import (
	"io/fs"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"unicode"
	"unicode/utf8"

	"github.com/goldenthread/goldenthread/clauses"
	"github.com/goldenthread/goldenthread/internal/diag"
	"github.com/goldenthread/goldenthread/internal/library"
	"github.com/goldenthread/goldenthread/internal/model"
)

var builtin = library.Layer{Name: library.LayerLibrary, FS: clauses.FS, Dir: "clauses"}

func loadBuiltin(t testing.TB) *library.Library {
	t.Helper()
	lib, list := library.Load(scales, []library.Layer{builtin}, now)
	if lib == nil {
		t.Fatalf("Load(clauses) problems:\n%s", format(list))
	}
	return lib
}

// TestBuiltinLoads checks the embedded library, as shipped: no errors at
// all on the tests' fixed date.
func TestBuiltinLoads(t *testing.T) {
	lib, list := library.Load(scales, []library.Layer{builtin}, now)
	if errs := list.Only(diag.Error); len(errs) > 0 || lib == nil {
		t.Fatalf("Load(clauses) = %d errors:\n%s", len(errs), format(errs))
	}
	for _, p := range list {
		t.Logf("%s", p)
	}
	if len(lib.Scales) != 5 {
		t.Errorf("Load(clauses): %d scales (%v); want 5", len(lib.Scales), lib.ScaleIDs())
	}
}

// TestBuiltinCoverage checks the library covers what the guide promises:
// every stage, every theme, the toolkit pages it cites and the checklists.
// While clause files are still being written these may fail; each missing
// item is reported on its own line.
func TestBuiltinCoverage(t *testing.T) {
	lib := loadBuiltin(t)
	t.Logf("%d themes, %d clauses", len(lib.Themes), len(lib.Clauses))
	if n := len(lib.Themes); n < 14 {
		t.Errorf("the library has %d themes (%s); want at least 14", n, strings.Join(lib.ThemeIDs(), ", "))
	}
	if n := len(lib.Clauses); n < 70 {
		t.Errorf("the library has %d clauses; want at least 70", n)
	}
	for _, s := range model.Stages {
		if n := len(lib.Select(library.Filter{Stage: s})); n < 8 {
			t.Errorf("%d clauses are used at the %s stage; want at least 8", n, s)
		}
	}
	for _, th := range lib.Themes {
		if len(lib.Select(library.Filter{Theme: th.ID})) == 0 {
			t.Errorf("theme %q (%s) has no clauses", th.ID, th.Origin.Pos)
		}
	}

	// Pages of Buying Social Justice Through Procurement that the guide cites.
	pages := []int{4, 5, 6, 7, 8, 10, 11, 12, 14, 15, 16, 17, 18, 19, 20, 21, 23, 24, 25, 26, 29}
	cited := map[int]bool{}
	for _, c := range lib.Clauses {
		for _, p := range c.ToolkitPages {
			cited[p] = true
		}
	}
	for _, p := range pages {
		if !cited[p] {
			t.Errorf("no clause cites toolkit page %d in toolkit_pages", p)
		}
	}

	checklists := []string{
		"checklist-recruit-and-represent",
		"checklist-monitor-workers-experience",
		"checklist-consultation-meetings",
		"checklist-political-influence",
		"checklist-evidence-for-retender",
		"checklist-union-involvement-or-insourcing",
		"checklist-equality-impact-assessment",
	}
	for _, tag := range checklists {
		if len(lib.Select(library.Filter{Tag: tag})) == 0 {
			t.Errorf("no clause has the guide's checklist tag %q", tag)
		}
	}

	for _, c := range lib.Clauses {
		at := func(s model.Stage) bool { return slices.Contains(c.Stages, s) }
		if (at(model.Selection) || at(model.Award)) && (c.Question == nil || strings.TrimSpace(c.Question.Guidance) == "") {
			t.Errorf("%s: clause %q is used at selection or award but has no question with guidance", c.Origin.Pos, c.ID)
		}
		for _, v := range c.Variants {
			if v.Question != nil && strings.TrimSpace(v.Question.Guidance) == "" {
				t.Errorf("%s: clause %q: the %v variant's question has no guidance", c.Origin.Pos, c.ID, v.Jurisdictions)
			}
		}
		if at(model.ContractManagement) && len(c.KPIs) == 0 {
			t.Errorf("%s: clause %q is used in contract management but has no KPI", c.Origin.Pos, c.ID)
		}
		if len(c.Sources) == 0 {
			t.Errorf("%s: clause %q has no source", c.Origin.Pos, c.ID)
		}
		for i, s := range c.Sources {
			if strings.TrimSpace(s.Title) == "" {
				t.Errorf("%s: clause %q: source %d has no title", c.Origin.Pos, c.ID, i+1)
			}
		}
	}
}

// TestBuiltinPlaceholders checks that every placeholder the clause text uses
// is filled by Fill from the declared defaults.
func TestBuiltinPlaceholders(t *testing.T) {
	lib := loadBuiltin(t)
	values := map[string]string{}
	for name, p := range lib.Placeholders {
		values[name] = p.Default
	}
	for _, c := range lib.Clauses {
		texts := []string{c.Title, c.Ask, c.Requirement, c.Rationale, c.Caution, c.LegalBasis}
		texts = append(texts, c.Evidence...)
		if c.Question != nil {
			texts = append(texts, c.Question.Title, c.Question.Text, c.Question.Guidance)
		}
		for _, k := range c.KPIs {
			texts = append(texts, k.Name, k.Target)
		}
		for _, text := range texts {
			if got := library.Fill(text, values); strings.ContainsAny(got, "{}") {
				t.Errorf("%s: clause %q: Fill left a brace in %q", c.Origin.Pos, c.ID, got)
			}
		}
	}
}

// TestBuiltinQuestionTitles checks that the built-in library gives every
// question, a clause's and each variant's, its own short title: lint gives
// no warning for a missing one, and each is one line in sentence case with
// no final full stop. Variants of one clause may share a title; two clauses
// may not, since the grid tells their questions apart by it.
func TestBuiltinQuestionTitles(t *testing.T) {
	lib, list := library.Load(scales, []library.Layer{builtin}, now)
	if lib == nil {
		t.Fatalf("Load(clauses) problems:\n%s", format(list))
	}
	for _, p := range list {
		if strings.Contains(p.Msg, "give the question a short title") {
			t.Errorf("Load(clauses): %s", p)
		}
	}
	owner := map[string]string{} // title → clause id
	n := 0
	for _, c := range lib.Clauses {
		qs := []*library.Question{c.Question}
		for _, v := range c.Variants {
			qs = append(qs, v.Question)
		}
		for _, q := range qs {
			if q == nil {
				continue
			}
			n++
			title := q.Title
			first, _ := utf8.DecodeRuneInString(title)
			switch {
			case title == "":
				t.Errorf("%s: clause %q: a question has no title", c.Origin.Pos, c.ID)
				continue
			case utf8.RuneCountInString(title) > library.MaxQuestionTitle:
				t.Errorf("%s: clause %q: question title %q is longer than %d characters", c.Origin.Pos, c.ID, title, library.MaxQuestionTitle)
			case strings.HasSuffix(title, "."):
				t.Errorf("%s: clause %q: question title %q ends with a full stop", c.Origin.Pos, c.ID, title)
			case !unicode.IsUpper(first):
				t.Errorf("%s: clause %q: question title %q does not start with a capital", c.Origin.Pos, c.ID, title)
			}
			if id, ok := owner[title]; ok && id != c.ID {
				t.Errorf("%s: clause %q: question title %q is also clause %q's", c.Origin.Pos, c.ID, title, id)
			}
			owner[title] = c.ID
		}
	}
	t.Logf("%d questions, %d titles", n, len(owner))
}

func TestSelect(t *testing.T) {
	lib, list := library.Load(scales, []library.Layer{fixture(t)}, now)
	if lib == nil {
		t.Fatal(format(list))
	}
	tests := []struct {
		f    library.Filter
		want string
	}{
		{library.Filter{}, "fair-pay.living-wage fair-pay.scored-question voice.union-access"},
		{library.Filter{Theme: "voice"}, "voice.union-access"},
		{library.Filter{Stage: model.ContractManagement}, "fair-pay.living-wage voice.union-access"},
		{library.Filter{Jurisdiction: "northern-ireland"}, "fair-pay.scored-question"},
		{library.Filter{Tag: "low-pay"}, "fair-pay.living-wage"},
		{library.Filter{Theme: "fair-pay", Stage: model.Award}, "fair-pay.scored-question"},
		{library.Filter{Theme: "nothing"}, ""},
	}
	for _, tc := range tests {
		var ids []string
		for _, c := range lib.Select(tc.f) {
			ids = append(ids, c.ID)
		}
		if got := strings.Join(ids, " "); got != tc.want {
			t.Errorf("Select(%+v) = %q; want %q", tc.f, got, tc.want)
		}
	}

	c := lib.Clause("fair-pay.living-wage")
	if got := c.FirstStage(); got != model.Specification {
		t.Errorf("FirstStage() = %s; want specification", got)
	}
	if got := strings.Join(lib.ThemeIDs(), " "); got != "fair-pay voice" {
		t.Errorf("ThemeIDs() = %s; want fair-pay voice", got)
	}
	if lib.Clause("no.such") != nil || lib.Theme("no-such") != nil {
		t.Errorf("Clause or Theme found an id that does not exist")
	}
}

func TestFill(t *testing.T) {
	values := map[string]string{"employer": "Cyngor Sir Gâr", "rate": "£13.45"}
	tests := []struct{ in, want string }{
		{"no braces", "no braces"},
		{"{employer} pays {rate}, and {employer} again", "Cyngor Sir Gâr pays £13.45, and Cyngor Sir Gâr again"},
		{"{unknown} stays", "{unknown} stays"},
		{"{employer", "{employer"},
	}
	for _, tc := range tests {
		if got := library.Fill(tc.in, values); got != tc.want {
			t.Errorf("Fill(%q) = %q; want %q", tc.in, got, tc.want)
		}
	}
}

// fuzzBase is the fixture's clauses with the real placeholders, so the real
// clause files that seed FuzzLoad load cleanly over it.
func fuzzBase(t testing.TB) library.Layer {
	base := fixture(t).FS.(fstest.MapFS)
	ph, err := fs.ReadFile(clauses.FS, "placeholders.toml")
	if err != nil {
		t.Fatal(err)
	}
	base["placeholders.toml"] = &fstest.MapFile{Data: ph}
	return library.Layer{Name: library.LayerLibrary, FS: base, Dir: "fixture"}
}

// FuzzLoad lays one file of fuzzed bytes over a library: Load must never
// panic, must return a library exactly when there are no errors, and must
// point every problem at a line that exists.
func FuzzLoad(f *testing.F) {
	names, err := fs.Glob(clauses.FS, "*.toml")
	if err != nil {
		f.Fatal(err)
	}
	for _, name := range names {
		b, err := fs.ReadFile(clauses.FS, name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	base := fuzzBase(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		overlay := library.Layer{Name: library.LayerOverlay, FS: fstest.MapFS{"fuzz.toml": {Data: data}}, Dir: "overlay"}
		lib, list := library.Load(scales, []library.Layer{base, overlay}, now)
		if (lib == nil) != (list.Count(diag.Error) > 0) {
			t.Fatalf("Load = library %v with %d errors", lib != nil, list.Count(diag.Error))
		}
		lines := strings.Split(strings.TrimPrefix(string(data), "\ufeff"), "\n")
		for _, p := range list {
			if p.Pos.File != "overlay/fuzz.toml" || p.Pos.Line == 0 {
				continue
			}
			if p.Pos.Line > len(lines) || p.Pos.Col < 1 || (utf8.ValidString(lines[p.Pos.Line-1]) && p.Pos.Col > utf8.RuneCountInString(lines[p.Pos.Line-1])+1) {
				t.Fatalf("%s: outside the %d-line file", p, len(lines))
			}
		}
	})
}

// BenchmarkLoad loads and validates the whole built-in library.
func BenchmarkLoad(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		lib, list := library.Load(scales, []library.Layer{builtin}, now)
		if lib == nil {
			b.Fatal(format(list))
		}
	}
}

// TestScottishBiddersNotAskedUnderTheAct: what a Scottish paper asks
// bidders for (the evidence, the question) never rests on the Procurement
// Act 2023, which does not apply to Scottish devolved contracting
// authorities. Cautions and rationales may still name it, to say so.
func TestScottishBiddersNotAskedUnderTheAct(t *testing.T) {
	lib := loadBuiltin(t)
	for _, kind := range library.Kinds {
		ctx := library.Context{Nation: "scotland", Kind: kind, Regime: "procurement-reform-scotland-2014"}
		for _, c := range lib.Clauses {
			if !c.Applies(ctx) {
				continue
			}
			w := c.Resolve(ctx)
			texts := slices.Clone(w.Evidence)
			if q := w.Question; q != nil {
				texts = append(texts, q.Title, q.Text)
			}
			for _, s := range texts {
				if strings.Contains(s, "Procurement Act 2023") {
					t.Errorf("%s (%s, Scotland): asks bidders under the Procurement Act 2023: %q", c.ID, kind, s)
				}
			}
		}
	}
}
