package web

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"log"
	"net"
	"net/http"
	"strings"
)

// Cookie names.
const (
	csrfCookie  = "gt_csrf"
	tokenCookie = "gt_token"
)

// contentPolicy is every page's Content-Security-Policy: the app's own
// stylesheet and script only, no framing, no plug-ins, forms posting only
// back to the app.
const contentPolicy = "default-src 'none'; style-src 'self'; script-src 'self'; img-src 'self' data:; " +
	"form-action 'self'; frame-ancestors 'none'; base-uri 'none'"

// documentPolicy is the policy of a generated HTML document (the asks
// paper, the evidence report): it carries its stylesheet inline and has no
// script at all.
const documentPolicy = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; " +
	"form-action 'none'; frame-ancestors 'none'; base-uri 'none'"

// secure wraps h with what every response needs: the host check that
// stops DNS rebinding, the access token for a server reachable from other
// machines, cross-origin protection for every form, security headers, and
// recovery from a panic in a handler.
func (s *Server) secure(h http.Handler) http.Handler {
	cop := http.NewCrossOriginProtection()
	cop.SetDenyHandler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.fail(w, r, http.StatusForbidden, "refused", "This request came from another web site, so it was refused. Use the app's own pages.")
	}))
	inner := cop.Handler(h)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hd := w.Header()
		hd.Set("Content-Security-Policy", contentPolicy)
		hd.Set("X-Content-Type-Options", "nosniff")
		hd.Set("X-Frame-Options", "DENY")
		hd.Set("Referrer-Policy", "no-referrer")
		hd.Set("Cross-Origin-Opener-Policy", "same-origin")
		hd.Set("Cross-Origin-Resource-Policy", "same-origin")
		hd.Set("Permissions-Policy", "camera=(), microphone=(), geolocation=(), interest-cohort=()")
		defer func() {
			if v := recover(); v != nil {
				if v == http.ErrAbortHandler {
					panic(v)
				}
				log.Printf("goldenthread serve: %s %s: %v", r.Method, r.URL.Path, v)
				s.fail(w, r, http.StatusInternalServerError, "error", "Something went wrong inside goldenthread. Nothing was saved. Please try again, and report it if it happens again.")
			}
		}()
		if !s.hostAllowed(r.Host) {
			http.Error(w, "This address is not the one goldenthread serves. Open the address it printed when it started.", http.StatusMisdirectedRequest)
			return
		}
		if s.cfg.Token != "" && !s.tokenOK(w, r) {
			return
		}
		s.ensureCSRF(w, r)
		inner.ServeHTTP(w, r)
	})
}

// hostAllowed says whether a request's Host header names this server. On a
// loopback address only the loopback names are accepted, so that a web
// page cannot reach the app through a DNS name it controls that resolves
// to 127.0.0.1 (DNS rebinding). A server open to other machines accepts
// any host: its token guards it.
func (s *Server) hostAllowed(host string) bool {
	if !s.loopback {
		return true
	}
	h, _, err := net.SplitHostPort(host)
	if err != nil {
		h = host
	}
	h = strings.TrimSuffix(strings.TrimPrefix(h, "["), "]")
	if strings.EqualFold(h, "localhost") {
		return true
	}
	ip := net.ParseIP(h)
	return ip != nil && ip.IsLoopback()
}

// tokenOK checks the access token of a server open to other machines: the
// address it prints carries ?token=…, which is swapped for a cookie and
// taken out of the address bar.
func (s *Server) tokenOK(w http.ResponseWriter, r *http.Request) bool {
	if t := r.URL.Query().Get("token"); t != "" {
		if !equal(t, s.cfg.Token) {
			s.fail(w, r, http.StatusForbidden, "refused", "The access token in this address is wrong. Use the address goldenthread printed when it started.")
			return false
		}
		http.SetCookie(w, &http.Cookie{Name: tokenCookie, Value: t, Path: "/", HttpOnly: true, SameSite: http.SameSiteStrictMode})
		u := *r.URL
		q := u.Query()
		q.Del("token")
		u.RawQuery = q.Encode()
		http.Redirect(w, r, u.RequestURI(), http.StatusSeeOther)
		return false
	}
	if c, err := r.Cookie(tokenCookie); err == nil && equal(c.Value, s.cfg.Token) {
		return true
	}
	s.fail(w, r, http.StatusUnauthorized, "refused", "This goldenthread needs its access token. Use the full address goldenthread printed when it started, with ?token= in it.")
	return false
}

func equal(a, b string) bool { return subtle.ConstantTimeCompare([]byte(a), []byte(b)) == 1 }

// ensureCSRF gives a browser its own random cookie, from which the token
// each form carries is derived.
func (s *Server) ensureCSRF(w http.ResponseWriter, r *http.Request) {
	if csrfValue(r) != "" {
		return
	}
	v := rand.Text()
	http.SetCookie(w, &http.Cookie{Name: csrfCookie, Value: v, Path: "/", HttpOnly: true, SameSite: http.SameSiteStrictMode})
	r.AddCookie(&http.Cookie{Name: csrfCookie, Value: v})
}

// csrfValue returns the browser's csrf cookie, or "". A cookie too short
// to be one the app gave (set by another program on this host, since
// cookies are shared by every port, or tampered with) is passed over, so
// that the one ensureCSRF gives in its place is the one the page signs.
func csrfValue(r *http.Request) string {
	for _, c := range r.CookiesNamed(csrfCookie) {
		if len(c.Value) >= 20 {
			return c.Value
		}
	}
	return ""
}

// csrfToken is the token a form must send back: the browser's cookie
// signed with the server's secret, so another site can neither read nor
// forge it.
func (s *Server) csrfToken(r *http.Request) string {
	v := csrfValue(r)
	if v == "" {
		return ""
	}
	m := hmac.New(sha256.New, s.secret)
	m.Write([]byte(v))
	return base64.RawURLEncoding.EncodeToString(m.Sum(nil))
}

// csrfOK checks a posted form's token. The form must be parsed.
func (s *Server) csrfOK(r *http.Request) bool {
	want := s.csrfToken(r)
	return want != "" && equal(r.PostFormValue("csrf"), want)
}
