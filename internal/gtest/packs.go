package gtest

import (
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"testing"
	"time"

	"github.com/goldenthread/goldenthread/clauses"
	"github.com/goldenthread/goldenthread/internal/assemble"
	"github.com/goldenthread/goldenthread/internal/library"
	"github.com/goldenthread/goldenthread/internal/model"
	"github.com/goldenthread/goldenthread/internal/profile"
	"github.com/goldenthread/goldenthread/templates"
)

// Now is the date tests build packs on: after the library's review dates
// of autumn 2026, so stale figures are marked.
var Now = time.Date(2027, time.January, 1, 0, 0, 0, 0, time.UTC)

// Builtin is the built-in library and English templates, loaded once.
var Builtin = sync.OnceValues(func() (*library.Library, *assemble.Templates) {
	lib, _ := library.Load(library.Layer{FS: templates.FS, Dir: "templates"},
		[]library.Layer{{Name: library.LayerLibrary, FS: clauses.FS, Dir: "clauses"}}, Now)
	tmpl, _ := assemble.LoadTemplates(templates.FS, "templates", "en")
	return lib, tmpl
})

// Root is the repository's root folder.
func Root() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "..")
}

// Pack loads the profile src (named path) against the built-in library and
// assembles its pack, failing the test if it does not load.
func Pack(t testing.TB, path string, src []byte) *model.Pack {
	t.Helper()
	lib, tmpl := Builtin()
	if lib == nil || tmpl == nil {
		t.Fatal("the built-in library or templates do not load")
	}
	prof, list := profile.Load(lib, path, src, Now)
	if prof == nil {
		t.Fatalf("%s does not load:\n%v", path, list.Err())
	}
	p, err := assemble.Build(lib, prof, tmpl, assemble.Options{Version: "test", Date: Now})
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// Example returns the pack of examples/NAME.toml.
func Example(t testing.TB, name string) *model.Pack {
	t.Helper()
	path := filepath.Join(Root(), "examples", name+".toml")
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return Pack(t, "examples/"+name+".toml", src)
}

// Examples lists the examples' names.
func Examples(t testing.TB) []string {
	t.Helper()
	names, err := filepath.Glob(filepath.Join(Root(), "examples", "*.toml"))
	if err != nil || len(names) == 0 {
		t.Fatalf("no examples found: %v", err)
	}
	for i, n := range names {
		names[i] = filepath.Base(n[:len(n)-len(".toml")])
	}
	return names
}
