package web

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/goldenthread/goldenthread/clauses"
	"github.com/goldenthread/goldenthread/internal/assemble"
	"github.com/goldenthread/goldenthread/internal/diag"
	"github.com/goldenthread/goldenthread/internal/gtest"
	"github.com/goldenthread/goldenthread/internal/library"
	"github.com/goldenthread/goldenthread/internal/model"
	"github.com/goldenthread/goldenthread/internal/profile"
	"github.com/goldenthread/goldenthread/internal/render/doc"
	"github.com/goldenthread/goldenthread/internal/render/docx"
	"github.com/goldenthread/goldenthread/internal/render/html"
	"github.com/goldenthread/goldenthread/internal/render/markdown"
	"github.com/goldenthread/goldenthread/internal/render/pdf"
	"github.com/goldenthread/goldenthread/internal/render/xlsx"
	"github.com/goldenthread/goldenthread/templates"
)

// The rig every test file's own helpers are built on (testConfig,
// editServer, startApp, loadServer, newLibraryTestServer,
// newUploadTestServer): the built-in library and templates, the outputs
// serve offers, and a workspace holding copies of the examples.

// testNow is the tests' "today". The upload tests use gtest.Now, a month
// on: they compare the app's reports with ones made from internal/gtest's
// packs, which are built on that date.
var testNow = time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)

// testHost is the Host every test request carries, as a browser on the
// default address sends it.
const testHost = "127.0.0.1:8080"

var (
	// scalesLayer is where the library's scales are read from, as
	// internal/cli reads them.
	scalesLayer = library.Layer{FS: templates.FS, Dir: "templates"}
	// builtinLayer is the built-in clause library, as internal/cli lays it.
	builtinLayer = library.Layer{Name: library.LayerLibrary, FS: clauses.FS, Dir: "clauses", Built: true}
)

// builtinTemplates are the built-in English templates, which do not
// depend on the date.
var builtinTemplates = sync.OnceValues(func() (*assemble.Templates, diag.List) {
	return assemble.LoadTemplates(templates.FS, "templates", assemble.DefaultLanguage)
})

// builtinLibs is the built-in library loaded on each date a test asks
// for. Loading it is the costliest step of a rig, and no test changes a
// library once loaded, so the tests of one date share one.
var builtinLibs struct {
	sync.Mutex
	m map[time.Time]*library.Library
}

// builtin returns the built-in library, loaded on now as internal/cli
// loads it, and the English templates, failing t if either does not load.
func builtin(t testing.TB, now time.Time) (*library.Library, *assemble.Templates) {
	t.Helper()
	tmpl, tl := builtinTemplates()
	if tmpl == nil || tl.Count(diag.Error) > 0 {
		t.Fatalf("the built-in templates do not load:\n%v", tl.Err())
	}
	lib, err := builtinLibrary(now)
	if err != nil {
		t.Fatal(err)
	}
	return lib, tmpl
}

func builtinLibrary(now time.Time) (*library.Library, error) {
	key := now.UTC().Round(0) // one load per instant, whatever its zone
	builtinLibs.Lock()
	defer builtinLibs.Unlock()
	if lib := builtinLibs.m[key]; lib != nil {
		return lib, nil
	}
	lib, list := library.Load(scalesLayer, []library.Layer{builtinLayer}, now)
	if lib == nil || list.Count(diag.Error) > 0 {
		return nil, fmt.Errorf("the built-in library does not load on %s:\n%v", now.Format(time.DateOnly), list.Err())
	}
	if builtinLibs.m == nil {
		builtinLibs.m = map[time.Time]*library.Library{}
	}
	builtinLibs.m[key] = lib
	return lib, nil
}

// rigConfig is the config the rigs start from: the built-in library and
// templates on now, the real starter, the workspace dir, the default
// loopback address and no outputs. Each rig changes what its tests need.
func rigConfig(t testing.TB, now time.Time, dir string) Config {
	t.Helper()
	l, tmpl := builtin(t, now)
	lib := &Library{Library: l, Version: "test"}
	return Config{
		Workspace: dir, Addr: testHost,
		Library:   func() (*Library, error) { return lib, nil },
		Templates: tmpl,
		Now:       func() time.Time { return now },
		Version:   "test",
		Starter: func(lib *library.Library, file string, o Starter) ([]byte, error) {
			return profile.Starter(lib, templates.FS, file, profile.StarterOptions(o), now)
		},
	}
}

// exampleWorkspace returns a fresh workspace holding copies of
// examples/*.toml.
func exampleWorkspace(t testing.TB) string {
	t.Helper()
	examples, err := filepath.Glob(filepath.Join(gtest.Root(), "examples", "*.toml"))
	if err != nil || len(examples) == 0 {
		t.Fatalf("no examples: %v", err)
	}
	dir := t.TempDir()
	for _, f := range examples {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, filepath.Base(f)), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// allOutputs are the downloads serve offers, in its order, with its
// Scoring and Missing, labelled from the templates' app.download words.
// internal/cli builds them (webOutputs in serve.go, from the output table
// in outputs.go), but cli imports web, so web's tests build their own from
// the render packages: keep the two in step. The split-grid zip is left
// out: it is cli's own code over xlsx.Grid and xlsx.Return.
func allOutputs() []Output {
	var words model.Words // a missing word shows as [app.download.…]
	if tmpl, _ := builtinTemplates(); tmpl != nil {
		words = tmpl.Words
	}
	output := func(file string, render func(io.Writer, *model.Pack) error, missing func(*model.Pack) string) Output {
		return Output{File: file, Label: words.Get("app.download." + file), Render: render, Missing: missing}
	}
	never := func(*model.Pack) string { return "" }
	out := []Output{output("asks.pdf", pdf.Render, never)}
	for _, d := range []struct {
		kind  string
		build func(*model.Pack) *doc.Document
	}{{"asks", doc.Asks}, {"specification", doc.Spec}} {
		for _, w := range []struct {
			ext   string
			write func(io.Writer, *doc.Document) error
		}{{".docx", docx.Write}, {".html", html.Write}, {".md", markdown.Write}} {
			out = append(out, output(d.kind+w.ext, func(wr io.Writer, p *model.Pack) error { return w.write(wr, d.build(p)) }, never))
		}
	}
	grid := output("grid.xlsx", xlsx.Grid, func(p *model.Pack) string {
		switch {
		case len(p.Scoring.Panel) == 0:
			return "has no [scoring] table: add one with panel and bidders to make a grid"
		case len(p.Questions) == 0 && p.Scoring.Round != "":
			return fmt.Sprintf("no selected clause has an evaluation question at %s: select clauses used at that stage", p.Scoring.Round)
		case len(p.Questions) == 0:
			return "no selected clause has an evaluation question: select clauses used at selection or award"
		}
		return ""
	})
	grid.Scoring = true
	return append(out, grid, output("monitoring.xlsx", xlsx.Monitoring, func(p *model.Pack) string {
		if p.Contract.Start.IsZero() {
			return "has no [contract] table: add one with start and term_months to make a monitoring workbook"
		}
		return ""
	}))
}
