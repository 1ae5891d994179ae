package web

import (
	"bytes"
	"net/http"
	"net/http/httptest"
	"testing"
)

// TestEditFormCachedTokens checks that the profile form, drawn once and
// cached, carries each browser's own CSRF token and never the stand-in.
func TestEditFormCachedTokens(t *testing.T) {
	s, _, _ := editServer(t)
	const path = "/p/midshire-highways/edit"
	var tokens []string
	for i := range 3 {
		b := newBrowser(t, s.Handler())
		b.do("GET", "/", nil) // takes the CSRF cookie
		rec := b.do("GET", path, nil)
		if rec.Code != http.StatusOK {
			t.Fatalf("browser %d: GET %s = %d", i, path, rec.Code)
		}
		page := rec.Body.Bytes()
		if bytes.Contains(page, []byte(s.csrfMark)) {
			t.Fatalf("browser %d: the form carries the CSRF stand-in", i)
		}
		got := formValues(t, page, path).Get("csrf")
		req := httptest.NewRequest("GET", path, nil)
		req.AddCookie(&http.Cookie{Name: csrfCookie, Value: b.cookies[csrfCookie]})
		if want := s.csrfToken(req); got != want || got == "" {
			t.Errorf("browser %d: form's csrf = %q; want %q", i, got, want)
		}
		tokens = append(tokens, got)
	}
	if tokens[0] == tokens[1] || tokens[1] == tokens[2] {
		t.Errorf("browsers share a CSRF token: %q", tokens)
	}
	// Each GET checks the profile and draws the form: both made once.
	if h, m := s.cache.stats(); h != 4 || m != 2 {
		t.Errorf("cache: %d hits, %d misses; want 4 and 2, the form drawn once and reused", h, m)
	}
}
