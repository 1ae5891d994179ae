package library_test

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/goldenthread/goldenthread/internal/diag"
	"github.com/goldenthread/goldenthread/internal/gtest"
	"github.com/goldenthread/goldenthread/internal/library"
	"github.com/goldenthread/goldenthread/templates"
)

// now is the tests' fixed "today".
var now = time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)

var scales = library.Layer{FS: templates.FS, Dir: "templates"}

// fixture returns the tiny library of testdata/fixture.txtar as a layer.
func fixture(t testing.TB) library.Layer {
	t.Helper()
	return library.Layer{Name: library.LayerLibrary, FS: gtest.FS(gtest.Archive(t, "testdata/fixture.txtar"), ""), Dir: "fixture"}
}

// format prints problems one a line, as lint does.
func format(list diag.List) string {
	var b strings.Builder
	for _, p := range list {
		b.WriteString(p.String())
		b.WriteByte('\n')
	}
	return b.String()
}

func TestFixtureIsClean(t *testing.T) {
	lib, list := library.Load(scales, []library.Layer{fixture(t)}, now)
	if lib == nil || len(list) > 0 {
		t.Fatalf("Load(fixture) problems:\n%s", format(list))
	}
	if got, want := strings.Join(lib.IDs(), " "), "fair-pay.living-wage fair-pay.scored-question voice.union-access"; got != want {
		t.Errorf("Load(fixture).IDs() = %s; want %s", got, want)
	}
}

// TestLint runs every rule's case in testdata/lint: the case's files are
// laid over the fixture library as an overlay, and the problems must be
// exactly its want section. go test -update rewrites the want sections.
func TestLint(t *testing.T) {
	files, err := filepath.Glob("testdata/lint/*.txtar")
	if err != nil || len(files) == 0 {
		t.Fatalf("no cases in testdata/lint: %v", err)
	}
	base := fixture(t)
	for _, file := range files {
		name := strings.TrimSuffix(filepath.Base(file), ".txtar")
		t.Run(name, func(t *testing.T) {
			ar := gtest.Archive(t, file)
			overlay := library.Layer{Name: library.LayerOverlay, FS: gtest.FS(ar, "", "want"), Dir: "overlay"}
			lib, list := library.Load(scales, []library.Layer{base, overlay}, now)
			got := format(list)
			blocking := 0 // errors other than library.PrintedPart's
			for _, p := range list {
				if p.Severity == diag.Error && p.Part != library.PrintedPart {
					blocking++
				}
			}
			if (lib == nil) != (blocking > 0) {
				t.Errorf("Load(%s) = %v with %d errors (%d of them printed law); want a library exactly when there are no errors but printed law's", name, lib != nil, list.Count(diag.Error), list.Count(diag.Error)-blocking)
			}
			if *gtest.Update {
				gtest.SetFile(t, file, ar, "want", []byte(got))
				return
			}
			want := string(gtest.File(ar, "want"))
			if got != want {
				t.Errorf("Load(%s) problems:\n%s\nwant:\n%s", name, got, want)
			}
			if strings.TrimSpace(want) == "" && name != "clean-overlay" {
				t.Errorf("%s: empty want section: every rule's case must produce a problem", file)
			}
		})
	}
}

// TestBuiltSkipsPrinted checks that the printed-text check is left out only
// when every layer is built into the program: the printed-law case's
// clause, read as built in, loads without its printed-law errors, and as
// an overlay, or built in under an overlay, with them.
func TestBuiltSkipsPrinted(t *testing.T) {
	ar := gtest.Archive(t, "testdata/lint/printed-law.txtar")
	case_ := library.Layer{Name: library.LayerLibrary, FS: gtest.FS(ar, "", "want"), Dir: "case"}
	printed := func(layers ...library.Layer) int {
		_, list := library.Load(scales, layers, now)
		n := 0
		for _, p := range list {
			if p.Part == library.PrintedPart {
				n++
			}
		}
		return n
	}
	base := fixture(t)
	if n := printed(base, case_); n == 0 {
		t.Fatal("the printed-law case finds no printed-law error when checked in full")
	}
	builtBase, builtCase := base, case_
	builtBase.Built, builtCase.Built = true, true
	if n := printed(builtBase, builtCase); n != 0 {
		t.Errorf("a library built into the program is checked for printed text (%d errors); the build checks that", n)
	}
	if n := printed(builtBase, case_); n == 0 {
		t.Error("an unbuilt layer over a built-in one is not checked for printed text")
	}
}
