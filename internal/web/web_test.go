package web

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"strings"
	"testing"
)

func TestIsLoopback(t *testing.T) {
	for _, tc := range []struct {
		addr string
		ok   bool
		err  bool
	}{
		{"127.0.0.1:8080", true, false},
		{"127.0.0.2:8080", true, false},
		{"localhost:8080", true, false},
		{"[::1]:8080", true, false},
		{"0.0.0.0:8080", false, false},
		{"[::]:8080", false, false},
		{":8080", false, false},
		{"192.168.1.10:8080", false, false},
		{"example.org:8080", false, false},
		{"127.0.0.1", false, true},
		{"", false, true},
	} {
		ok, err := isLoopback(tc.addr)
		if ok != tc.ok || (err != nil) != tc.err {
			t.Errorf("isLoopback(%q) = %v, %v; want %v, error %v", tc.addr, ok, err, tc.ok, tc.err)
		}
	}
}

// TestNewConfig checks that New refuses a config it cannot serve.
func TestNewConfig(t *testing.T) {
	for _, tc := range []struct {
		name   string
		change func(*Config)
	}{
		{"no library", func(c *Config) { c.Library = nil }},
		{"no templates", func(c *Config) { c.Templates = nil }},
		{"no clock", func(c *Config) { c.Now = nil }},
		{"no starter", func(c *Config) { c.Starter = nil }},
		{"workspace is a file", func(c *Config) { c.Workspace = filepath.Join(c.Workspace, "midshire-highways.toml") }},
	} {
		cfg := testConfig(t)
		tc.change(&cfg)
		if _, err := New(cfg); err == nil {
			t.Errorf("New(%s) = nil; want an error", tc.name)
		}
	}
}

// TestHTTPServer checks the limits a server facing a browser needs.
func TestHTTPServer(t *testing.T) {
	s := newTestServer(t)
	hs := s.HTTPServer()
	if hs.Addr != testHost || hs.Handler == nil {
		t.Errorf("HTTPServer: Addr %q, Handler %v", hs.Addr, hs.Handler)
	}
	if hs.ReadHeaderTimeout <= 0 || hs.ReadTimeout <= 0 || hs.WriteTimeout <= 0 || hs.IdleTimeout <= 0 {
		t.Errorf("HTTPServer timeouts: header %v, read %v, write %v, idle %v; want each set", hs.ReadHeaderTimeout, hs.ReadTimeout, hs.WriteTimeout, hs.IdleTimeout)
	}
	if hs.MaxHeaderBytes <= 0 || hs.MaxHeaderBytes > 1<<20 {
		t.Errorf("HTTPServer MaxHeaderBytes = %d", hs.MaxHeaderBytes)
	}
	// The handler is the secured one.
	req := httptest.NewRequest("GET", "/", nil)
	req.Host = "evil.example"
	rec := httptest.NewRecorder()
	hs.Handler.ServeHTTP(rec, req)
	if rec.Code != http.StatusMisdirectedRequest {
		t.Errorf("HTTPServer's handler with a foreign Host = %d; want 421", rec.Code)
	}
}

// TestFormTooLarge checks that a posted form is cut off at maxForm.
func TestFormTooLarge(t *testing.T) {
	s := newTestServer(t)
	c := newClient(t, s)
	tok := csrfField(t, c.get("/new").Body)
	form := url.Values{"csrf": {tok}, "name": {strings.Repeat("a", maxForm)}}
	r := c.post("/new", form)
	if r.StatusCode != http.StatusRequestEntityTooLarge {
		t.Errorf("POST /new of %d bytes = %d; want 413", len(form.Encode()), r.StatusCode)
	}
	checkPage(t, "too large", r.Body)
}
