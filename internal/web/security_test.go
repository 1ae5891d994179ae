package web

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestHeaders checks that every response, a refusal and an error page
// included, carries the security headers.
func TestHeaders(t *testing.T) {
	s := newTestServer(t)
	want := map[string]string{
		"Content-Security-Policy": contentPolicy,
		"X-Content-Type-Options":  "nosniff",
		"X-Frame-Options":         "DENY",
		"Referrer-Policy":         "no-referrer",
	}
	for _, tc := range []struct {
		name, method, path, host string
		status                   int
	}{
		{"home", "GET", "/", testHost, 200},
		{"new", "GET", "/new", testHost, 200},
		{"profile", "GET", "/p/midshire-highways", testHost, 200},
		{"static", "GET", "/static/app.css", testHost, 200},
		{"not found", "GET", "/p/nonexistent", testHost, 404},
		{"no route", "GET", "/nowhere", testHost, 404},
		{"post without csrf", "POST", "/new", testHost, 403},
		{"wrong host", "GET", "/", "evil.example:8080", 421},
	} {
		t.Run(tc.name, func(t *testing.T) {
			req := httptest.NewRequest(tc.method, tc.path, nil)
			req.Host = tc.host
			rec := httptest.NewRecorder()
			s.Handler().ServeHTTP(rec, req)
			if rec.Code != tc.status {
				t.Errorf("%s %s = %d; want %d", tc.method, tc.path, rec.Code, tc.status)
			}
			for k, v := range want {
				if got := rec.Header().Get(k); got != v {
					t.Errorf("%s %s: %s = %q; want %q", tc.method, tc.path, k, got, v)
				}
			}
		})
	}
}

// TestHost checks the defence against DNS rebinding: a loopback server
// answers only to loopback names.
func TestHost(t *testing.T) {
	s := newTestServer(t)
	for _, tc := range []struct {
		host string
		ok   bool
	}{
		{"127.0.0.1:8080", true},
		{"localhost:8080", true},
		{"LOCALHOST:8080", true},
		{"[::1]:8080", true},
		{"127.0.0.1", true},
		{"127.1.2.3:8080", true},
		{"evil.example:8080", false},
		{"evil.example", false},
		{"127.0.0.1.evil.example:8080", false},
		{"localhost.evil.example:8080", false},
		{"192.168.1.10:8080", false},
		{"[::ffff:8.8.8.8]:8080", false},
		{"", false},
	} {
		req := httptest.NewRequest("GET", "/", nil)
		req.Host = tc.host
		rec := httptest.NewRecorder()
		s.Handler().ServeHTTP(rec, req)
		want := http.StatusMisdirectedRequest
		if tc.ok {
			want = http.StatusOK
		}
		if rec.Code != want {
			t.Errorf("GET / with Host %q = %d; want %d", tc.host, rec.Code, want)
		}
	}
}

// TestCSRF checks that a form is used only with the token of the page it
// came from, and only from the app's own pages.
func TestCSRF(t *testing.T) {
	form := url.Values{"name": {"x1"}, "nation": {"england"}, "kind": {"local-authority"}}
	for _, tc := range []struct {
		name   string
		csrf   string // "" none; "page" the page's own
		header map[string]string
		status int
	}{
		{"no token", "", nil, 403},
		{"wrong token", "AAAA", nil, 403},
		{"another browser's token", "other", nil, 403},
		{"cross-site fetch", "page", map[string]string{"Sec-Fetch-Site": "cross-site"}, 403},
		{"same-site fetch", "page", map[string]string{"Sec-Fetch-Site": "same-site"}, 403},
		{"foreign origin", "page", map[string]string{"Origin": "http://evil.example"}, 403},
		{"own origin", "page", map[string]string{"Origin": "http://" + testHost, "Sec-Fetch-Site": "same-origin"}, 303},
		{"no origin headers", "page", nil, 303},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := newTestServer(t)
			c := newClient(t, s)
			page := c.get("/new")
			f := url.Values{}
			for k, v := range form {
				f[k] = v
			}
			switch tc.csrf {
			case "page":
				f.Set("csrf", csrfField(t, page.Body))
			case "other":
				f.Set("csrf", csrfField(t, newClient(t, s).get("/new").Body))
			case "":
			default:
				f.Set("csrf", tc.csrf)
			}
			req := httptest.NewRequest("POST", "/new", strings.NewReader(f.Encode()))
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			for k, v := range tc.header {
				req.Header.Set(k, v)
			}
			r := c.do(req)
			if r.StatusCode != tc.status {
				t.Fatalf("POST /new (%s) = %d; want %d\n%s", tc.name, r.StatusCode, tc.status, r.Body)
			}
			_, err := os.Stat(filepath.Join(s.ws.dir, "x1.toml"))
			if created := err == nil; created != (tc.status == 303) {
				t.Errorf("POST /new (%s): profile created %v; want %v", tc.name, created, tc.status == 303)
			}
			if tc.status == 403 && !strings.Contains(r.Body, "<h1>Refused</h1>") {
				t.Errorf("POST /new (%s): the refusal has no page saying so:\n%s", tc.name, r.Body)
			}
		})
	}
}

// TestCSRFBadCookie checks that a browser holding a csrf cookie the app
// did not give (too short: another program on this host, or tampering) is
// given a new one that the page's form token matches.
func TestCSRFBadCookie(t *testing.T) {
	s := newTestServer(t)
	c := newClient(t, s)
	c.cookies[csrfCookie] = &http.Cookie{Name: csrfCookie, Value: "short"}
	page := c.get("/new")
	if v := c.cookies[csrfCookie].Value; v == "short" {
		t.Fatalf("the short csrf cookie was kept")
	}
	r := c.post("/new", url.Values{"csrf": {csrfField(t, page.Body)}, "name": {"x2"}, "nation": {"england"}, "kind": {"nhs"}})
	if r.StatusCode != http.StatusSeeOther {
		t.Errorf("POST /new after the cookie was replaced = %d; want 303\n%s", r.StatusCode, r.Body)
	}
}

// TestToken checks a server open to other machines: the token is needed
// once, in the address, and is swapped for a cookie.
func TestToken(t *testing.T) {
	s := newTestServer(t, func(c *Config) { c.Addr, c.Token = "0.0.0.0:8080", "t0k" })
	c := newClient(t, s)
	do := func(path, host string) response {
		req := httptest.NewRequest("GET", path, nil)
		req.Host = host
		return c.do(req)
	}
	if r := do("/", "192.168.1.10:8080"); r.StatusCode != http.StatusUnauthorized {
		t.Errorf("GET / without the token = %d; want 401", r.StatusCode)
	}
	if r := do("/p/midshire-highways?token=wrong", "192.168.1.10:8080"); r.StatusCode != http.StatusForbidden {
		t.Errorf("GET with a wrong token = %d; want 403", r.StatusCode)
	}
	if _, ok := c.cookies[tokenCookie]; ok {
		t.Fatalf("a wrong token set the token cookie")
	}
	r := do("/p/midshire-highways?saved=1&token=t0k", "192.168.1.10:8080")
	if r.StatusCode != http.StatusSeeOther {
		t.Fatalf("GET with the token = %d; want 303", r.StatusCode)
	}
	if loc := r.Header.Get("Location"); loc != "/p/midshire-highways?saved=1" {
		t.Errorf("GET with the token redirects to %q; want /p/midshire-highways?saved=1", loc)
	}
	var tok *http.Cookie
	for _, ck := range r.Cookies() {
		if ck.Name == tokenCookie {
			tok = ck
		}
	}
	if tok == nil || !tok.HttpOnly || tok.SameSite != http.SameSiteStrictMode || tok.Path != "/" {
		t.Fatalf("token cookie = %+v; want HttpOnly, SameSite=Strict, Path=/", tok)
	}
	// A server open to other machines is reached by any name.
	for _, path := range []string{"/", "/p/midshire-highways", "/new"} {
		if r := do(path, "192.168.1.10:8080"); r.StatusCode != http.StatusOK {
			t.Errorf("GET %s with the token cookie = %d; want 200", path, r.StatusCode)
		}
	}
	c.cookies[tokenCookie].Value = "t0kk"
	if r := do("/", "192.168.1.10:8080"); r.StatusCode != http.StatusUnauthorized {
		t.Errorf("GET / with a wrong token cookie = %d; want 401", r.StatusCode)
	}
}

// TestNewAddr checks which addresses need a token.
func TestNewAddr(t *testing.T) {
	for _, tc := range []struct {
		addr, token string
		ok          bool
	}{
		{"127.0.0.1:8080", "", true},
		{"localhost:8080", "", true},
		{"[::1]:8080", "", true},
		{"0.0.0.0:8080", "", false},
		{":8080", "", false},
		{"[::]:8080", "", false},
		{"192.168.1.10:8080", "", false},
		{"myhost:8080", "", false},
		{"0.0.0.0:8080", "t0k", true},
		{"127.0.0.1", "", false}, // no port
	} {
		cfg := testConfig(t)
		cfg.Addr, cfg.Token = tc.addr, tc.token
		s, err := New(cfg)
		if err == nil {
			s.ws.root.Close()
		}
		if (err == nil) != tc.ok {
			t.Errorf("New(Addr %q, Token %q) = %v; want ok %v", tc.addr, tc.token, err, tc.ok)
		}
	}
}

// TestPanic checks that a handler's panic gives an error page, with no
// stack trace or panic value in it, and that an aborted handler still
// aborts.
func TestPanic(t *testing.T) {
	s := newTestServer(t)
	h := s.secure(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { panic("secret detail x") }))
	rec := httptest.NewRecorder()
	req := httptest.NewRequest("GET", "/", nil)
	req.Host = testHost
	h.ServeHTTP(rec, req)
	body := rec.Body.String()
	if rec.Code != http.StatusInternalServerError {
		t.Errorf("a panicking handler gave %d; want 500", rec.Code)
	}
	for _, bad := range []string{"secret detail", "goroutine", ".go:", "panic"} {
		if strings.Contains(body, bad) {
			t.Errorf("the error page shows %q:\n%s", bad, body)
		}
	}
	if !strings.Contains(body, "Something went wrong") {
		t.Errorf("the error page does not say what happened:\n%s", body)
	}
	if rec.Header().Get("Content-Security-Policy") != contentPolicy {
		t.Errorf("the error page lacks the CSP")
	}

	abort := s.secure(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { panic(http.ErrAbortHandler) }))
	defer func() {
		if v := recover(); v != http.ErrAbortHandler {
			t.Errorf("an aborted handler recovered as %v; want http.ErrAbortHandler to reach net/http", v)
		}
	}()
	abort.ServeHTTP(httptest.NewRecorder(), req)
}
