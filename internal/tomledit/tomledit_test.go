package tomledit

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/goldenthread/goldenthread/internal/gtest"
	"golang.org/x/tools/txtar"
)

// TestGolden runs the cases in testdata/*.txtar: in.toml with the changes
// applied must be want.toml, or Apply must fail with the message in error.
func TestGolden(t *testing.T) {
	files, _ := filepath.Glob("testdata/*.txtar")
	if len(files) == 0 {
		t.Fatal("no test cases in testdata")
	}
	for _, file := range files {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".txtar"), func(t *testing.T) {
			ar := gtest.Archive(t, file)
			in := gtest.File(ar, "in.toml")
			changes, err := parseChanges(string(gtest.File(ar, "changes")))
			if err != nil {
				t.Fatalf("changes: %v", err)
			}
			got, err := Apply("in.toml", in, changes)
			name, out := "want.toml", got
			if err != nil {
				name, out = "error", []byte(err.Error()+"\n")
			}
			if *gtest.Update {
				ar.Files = slices.DeleteFunc(ar.Files, func(f txtar.File) bool { return f.Name == "want.toml" || f.Name == "error" })
				gtest.SetFile(t, file, ar, name, out)
				return
			}
			want := gtest.File(ar, name)
			if want == nil {
				t.Fatalf("Apply gave %s, but the case has no %s:\n%s", name, name, out)
			}
			if string(out) != string(want) {
				t.Errorf("Apply: %s differs\n%s\ngot:\n%s", name, gtest.FirstDiff(string(want), string(out)), out)
			}
		})
	}
}
