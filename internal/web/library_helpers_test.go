package web

import (
	"io"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/goldenthread/goldenthread/internal/library"
)

// newLibraryTestServer returns a server for the built-in library, with
// overlays laid over it as --library would, loaded the way internal/cli
// loads it, and the English templates. It makes no profiles and no
// outputs.
func newLibraryTestServer(t testing.TB, overlays ...library.Layer) (*Server, *Library) {
	t.Helper()
	cfg := rigConfig(t, testNow, t.TempDir())
	if len(overlays) > 0 {
		// A library with overlays is this test's own.
		l, list := library.Load(scalesLayer, append([]library.Layer{builtinLayer}, overlays...), testNow)
		if l == nil {
			t.Fatalf("library.Load: %v", list.Err())
		}
		lib := &Library{Library: l, Version: "test"}
		cfg.Library = func() (*Library, error) { return lib, nil }
	}
	s, err := New(cfg)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	lib, _ := cfg.Library()
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
