// Package web is goldenthread's local web app, for reps who will never edit
// TOML: browse and search the clause library, make and edit profiles in a
// form, preview the asks paper, download every output, and upload a
// completed grid or monitoring workbook for its report. It serves a folder
// of profiles (the workspace) with net/http and html/template; every asset
// is embedded, no page makes an external request, and every flow works
// without JavaScript.
package web

import (
	"cmp"
	"crypto/rand"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"time"

	"github.com/goldenthread/goldenthread/internal/assemble"
	"github.com/goldenthread/goldenthread/internal/diag"
	"github.com/goldenthread/goldenthread/internal/library"
	"github.com/goldenthread/goldenthread/internal/model"
)

// Config is what the app is given by the command that starts it.
type Config struct {
	// Workspace is the folder of profiles; it is created if missing.
	Workspace string
	// Addr is the address the server listens on: it decides whether only
	// loopback host names are accepted.
	Addr string
	// Token, when set, must be presented (once, as ?token=) by every
	// browser: required for an address other machines can reach.
	Token string
	// Library returns the clause library as it now stands, with a version
	// that changes whenever its content does (outputs are cached by it).
	Library func() (*Library, error)
	// Templates holds the documents' wording and labels.
	Templates *assemble.Templates
	// Now gives "now" for loading profiles and dating documents.
	Now func() time.Time
	// Version is goldenthread's version, shown in the footer.
	Version string
	// Outputs are the documents a profile gives, in the order offered.
	Outputs []Output
	// Starter writes a new profile, as init does.
	Starter func(lib *library.Library, file string, o Starter) ([]byte, error)
	// Generations bounds how many outputs are generated at once (default 2).
	Generations int
	// CacheBytes bounds the memory the cache of generated outputs holds
	// (default 256 MiB).
	CacheBytes int64
}

// Library is the clause library the app serves, and its version.
type Library struct {
	*library.Library
	Version  string
	Problems diag.List // warnings from loading it
}

// Output is one document a profile can give.
type Output struct {
	File   string // name within the profile's outputs: "asks.pdf"
	Label  string // what the download link says
	Render func(io.Writer, *model.Pack) error
	// Scoring says the output needs the profile's [scoring] put right.
	Scoring bool
	// Missing says why the pack cannot give this output, or "".
	Missing func(*model.Pack) string
}

// Starter is what a new profile is made for, as init's flags say.
type Starter struct {
	Nation, Kind, Category, Sector string
}

// Server is the web app.
type Server struct {
	cfg      Config
	ws       *workspace
	cache    *cache
	secret   []byte
	csrfMark string // stands for the CSRF token in a page drawn for every browser
	loopback bool
	pages    *pageSet
	mux      *http.ServeMux
	index    indexCache // the clause library made ready to search
	flashes  flashes    // what a save has to tell the page it leads to
}

// New returns the app for cfg.
func New(cfg Config) (*Server, error) {
	if cfg.Library == nil || cfg.Templates == nil || cfg.Now == nil || cfg.Starter == nil {
		return nil, errors.New("web: config lacks the library, templates, clock or starter")
	}
	ws, err := openWorkspace(cfg.Workspace)
	if err != nil {
		return nil, err
	}
	loop, err := isLoopback(cfg.Addr)
	if err != nil {
		return nil, err
	}
	if !loop && cfg.Token == "" {
		return nil, fmt.Errorf("%s can be reached from other machines: it needs an access token", cfg.Addr)
	}
	pages, err := loadPages()
	if err != nil {
		return nil, err
	}
	s := &Server{
		cfg: cfg, ws: ws, loopback: loop, pages: pages,
		cache:  newCache(cmp.Or(cfg.CacheBytes, 256<<20), cmp.Or(cfg.Generations, 2)),
		secret: []byte(rand.Text() + rand.Text()), csrfMark: "csrf" + rand.Text(),
	}
	s.routes()
	return s, nil
}

// isLoopback says whether addr (host:port) listens only on this machine.
// An empty host listens on every interface, so it is not loopback.
func isLoopback(addr string) (bool, error) {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return false, fmt.Errorf("--addr %s: give a host and port, such as 127.0.0.1:8080", addr)
	}
	if host == "localhost" {
		return true, nil
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback(), nil
}

// Handler returns the app's handler, with its security wrapping.
func (s *Server) Handler() http.Handler { return s.secure(s.mux) }

// HTTPServer returns an http.Server for the app at addr with the limits a
// server facing a browser needs: slow or huge requests are cut off.
func (s *Server) HTTPServer() *http.Server {
	return &http.Server{
		Addr:              s.cfg.Addr,
		Handler:           s.Handler(),
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       2 * time.Minute, // an upload over a slow link
		WriteTimeout:      5 * time.Minute, // a cold pack generation on a slow machine
		IdleTimeout:       2 * time.Minute,
		MaxHeaderBytes:    64 << 10,
	}
}

func (s *Server) routes() {
	m := http.NewServeMux()
	m.HandleFunc("GET /{$}", s.home)
	m.HandleFunc("GET /static/{file}", s.static)
	m.HandleFunc("GET /library", s.libraryIndex)
	m.HandleFunc("GET /library/{id}", s.clausePage)
	m.HandleFunc("GET /new", s.newForm)
	m.HandleFunc("POST /new", s.create)
	m.HandleFunc("GET /p/{name}", s.profilePage)
	m.HandleFunc("GET /p/{name}/edit", s.editForm)
	m.HandleFunc("POST /p/{name}/edit", s.save)
	m.HandleFunc("GET /p/{name}/preview", s.preview)
	m.HandleFunc("GET /p/{name}/download/{file}", s.download)
	m.HandleFunc("GET /score", s.scoreForm)
	m.HandleFunc("POST /score", s.scoreUpload)
	m.HandleFunc("GET /evidence", s.evidenceForm)
	m.HandleFunc("POST /evidence", s.evidenceUpload)
	m.HandleFunc("GET /report/{key}/{file}", s.reportFile)
	m.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		s.fail(w, r, http.StatusNotFound, "not-found", "There is no page at this address.")
	})
	s.mux = m
}
