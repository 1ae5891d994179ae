package library_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"golang.org/x/tools/txtar"

	"github.com/goldenthread/goldenthread/internal/diag"
	"github.com/goldenthread/goldenthread/internal/gtest"
	"github.com/goldenthread/goldenthread/internal/library"
	"github.com/goldenthread/goldenthread/templates"
)

// now is the tests' fixed "today".
var now = time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)

var scales = library.Layer{FS: templates.FS, Dir: "templates"}

// archiveFS returns the files of a txtar archive, except those named in
// skip, as a file system.
func archiveFS(ar *txtar.Archive, skip ...string) fstest.MapFS {
	fsys := fstest.MapFS{}
	for _, f := range ar.Files {
		if !contains(skip, f.Name) {
			fsys[f.Name] = &fstest.MapFile{Data: f.Data}
		}
	}
	return fsys
}

func contains(list []string, s string) bool {
	for _, e := range list {
		if e == s {
			return true
		}
	}
	return false
}

// fixture returns the tiny library of testdata/fixture.txtar as a layer.
func fixture(t testing.TB) library.Layer {
	t.Helper()
	ar, err := txtar.ParseFile("testdata/fixture.txtar")
	if err != nil {
		t.Fatal(err)
	}
	return library.Layer{Name: library.LayerLibrary, FS: archiveFS(ar), Dir: "fixture"}
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
			ar, err := txtar.ParseFile(file)
			if err != nil {
				t.Fatal(err)
			}
			overlay := library.Layer{Name: library.LayerOverlay, FS: archiveFS(ar, "want"), Dir: "overlay"}
			lib, list := library.Load(scales, []library.Layer{base, overlay}, now)
			got := format(list)
			if (lib == nil) != (list.Count(diag.Error) > 0) {
				t.Errorf("Load(%s) = %v with %d errors; want a library exactly when there are no errors", name, lib != nil, list.Count(diag.Error))
			}
			if *gtest.Update {
				rewriteWant(t, file, ar, got)
				return
			}
			var want string
			for _, f := range ar.Files {
				if f.Name == "want" {
					want = string(f.Data)
				}
			}
			if got != want {
				t.Errorf("Load(%s) problems:\n%s\nwant:\n%s", name, got, want)
			}
			if strings.TrimSpace(want) == "" && name != "clean-overlay" {
				t.Errorf("%s: empty want section: every rule's case must produce a problem", file)
			}
		})
	}
}

func rewriteWant(t *testing.T, file string, ar *txtar.Archive, got string) {
	t.Helper()
	found := false
	for i := range ar.Files {
		if ar.Files[i].Name == "want" {
			ar.Files[i].Data = []byte(got)
			found = true
		}
	}
	if !found {
		ar.Files = append(ar.Files, txtar.File{Name: "want", Data: []byte(got)})
	}
	data := txtar.Format(ar)
	if old, _ := os.ReadFile(file); !bytes.Equal(old, data) {
		if err := os.WriteFile(file, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
