package profile_test

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/goldenthread/goldenthread/clauses"
	"github.com/goldenthread/goldenthread/internal/diag"
	"github.com/goldenthread/goldenthread/internal/library"
	"github.com/goldenthread/goldenthread/internal/profile"
)

// FuzzLoad loads fuzzed profiles against the built-in library: Load must
// never panic, must return a profile exactly when there are no errors, and
// must point every problem at a line of the profile that exists.
func FuzzLoad(f *testing.F) {
	examples, _ := filepath.Glob("../../examples/*.toml")
	for _, path := range examples {
		b, err := os.ReadFile(path)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	cases, _ := filepath.Glob("testdata/load/*.txtar")
	for _, path := range cases {
		if src := file(readArchive(f, path), "profile.toml"); src != nil {
			f.Add(src)
		}
	}
	lib, list := library.Load(scales, []library.Layer{{Name: library.LayerLibrary, FS: clauses.FS, Dir: "clauses"}}, now)
	if lib == nil {
		f.Fatalf("the built-in library does not load:\n%s", format(list))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		p, list := profile.Load(lib, "fuzz.toml", src, now)
		// Problems in [scoring] are errors for the grid only: the profile
		// still loads for the asks.
		blocking := slices.ContainsFunc(list, func(pr diag.Problem) bool { return pr.Severity == diag.Error && pr.Part != profile.ScoringPart })
		if (p == nil) != blocking {
			t.Fatalf("Load = profile %v with %d errors (blocking: %v)", p != nil, list.Count(diag.Error), blocking)
		}
		lines := strings.Split(strings.TrimPrefix(string(src), "\ufeff"), "\n")
		for _, pr := range list {
			if pr.Pos.File != "fuzz.toml" || pr.Pos.Line == 0 {
				continue
			}
			if pr.Pos.Line > len(lines) || pr.Pos.Col < 1 || (utf8.ValidString(lines[pr.Pos.Line-1]) && pr.Pos.Col > utf8.RuneCountInString(lines[pr.Pos.Line-1])+1) {
				t.Fatalf("%s: outside the %d-line profile", pr, len(lines))
			}
		}
		if p == nil {
			return
		}
		for _, ch := range p.Choices {
			if ch.Clause == nil || ch.Clause.ID == "" {
				t.Fatalf("Load: a choice with no clause: %+v", ch)
			}
		}
	})
}
