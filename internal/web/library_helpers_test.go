package web

import (
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/goldenthread/goldenthread/clauses"
	"github.com/goldenthread/goldenthread/internal/assemble"
	"github.com/goldenthread/goldenthread/internal/gtest"
	"github.com/goldenthread/goldenthread/internal/library"
	"github.com/goldenthread/goldenthread/templates"
)

// newLibraryTestServer returns a server for the built-in library, with
// overlays laid over it as --library would, loaded the way internal/cli
// loads it, and the English templates. It makes no profiles and no
// outputs.
func newLibraryTestServer(t testing.TB, overlays ...library.Layer) (*Server, *Library) {
	t.Helper()
	layers := append([]library.Layer{{Name: library.LayerLibrary, FS: clauses.FS, Dir: "clauses", Built: true}}, overlays...)
	l, list := library.Load(library.Layer{FS: templates.FS, Dir: "templates"}, layers, gtest.Now)
	if l == nil {
		t.Fatalf("library.Load: %v", list.Err())
	}
	tmpl, tlist := assemble.LoadTemplates(templates.FS, "templates", assemble.DefaultLanguage)
	if tmpl == nil {
		t.Fatalf("assemble.LoadTemplates: %v", tlist.Err())
	}
	lib := &Library{Library: l, Version: "test"}
	s, err := New(Config{
		Workspace: t.TempDir(), Addr: "127.0.0.1:8080",
		Library:   func() (*Library, error) { return lib, nil },
		Templates: tmpl,
		Now:       func() time.Time { return gtest.Now },
		Version:   "test",
		Starter: func(*library.Library, string, Starter) ([]byte, error) {
			return nil, errors.New("no starter in the library tests")
		},
	})
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	return s, lib
}

// libraryGet sends GET target to s as a browser on this machine would,
// returning the status and body.
func libraryGet(t testing.TB, s *Server, target string) (int, string) {
	t.Helper()
	req := httptest.NewRequest(http.MethodGet, target, nil)
	req.Host = "127.0.0.1:8080"
	rec := httptest.NewRecorder()
	s.Handler().ServeHTTP(rec, req)
	b, err := io.ReadAll(rec.Result().Body)
	if err != nil {
		t.Fatal(err)
	}
	return rec.Code, string(b)
}
