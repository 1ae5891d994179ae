package web

import (
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"fmt"
	"html/template"
	"io/fs"
	"log"
	"net/http"
	"path"
	"slices"
	"strings"
	"sync"
)

//go:embed assets
var assets embed.FS

// pageSet is the app's pages: each page's template parsed with the layout,
// and the static files with their digests for cache-busting addresses.
type pageSet struct {
	pages  map[string]*template.Template
	static map[string]staticFile
}

type staticFile struct {
	data  []byte
	ctype string
	tag   string // digest: the address carries it, so a file can be cached for good
}

var staticTypes = map[string]string{
	".css": "text/css; charset=utf-8",
	".js":  "text/javascript; charset=utf-8",
	".svg": "image/svg+xml",
}

func loadPages() (*pageSet, error) {
	ps := &pageSet{pages: map[string]*template.Template{}, static: map[string]staticFile{}}
	statics, err := fs.Glob(assets, "assets/static/*")
	if err != nil {
		return nil, err
	}
	for _, f := range statics {
		b, err := assets.ReadFile(f)
		if err != nil {
			return nil, err
		}
		sum := sha256.Sum256(b)
		ps.static[path.Base(f)] = staticFile{data: b, ctype: staticTypes[path.Ext(f)], tag: hex.EncodeToString(sum[:6])}
	}
	funcs := template.FuncMap{
		"asset": func(name string) string {
			f, ok := ps.static[name]
			if !ok {
				panic("no static file " + name)
			}
			return "/static/" + name + "?v=" + f.tag
		},
		"plural": plural,
		"join":   strings.Join,
		"hasError": func(es []fieldError, field string) bool {
			return slices.ContainsFunc(es, func(e fieldError) bool { return e.Field == field })
		},
		"fieldErrors": fieldErrors,
		"sel": func(id, label, hint, value string, opts []option, es []fieldError) selectField {
			return selectField{ID: id, Label: label, Hint: hint, Value: value, Options: opts, Errors: fieldErrors(es, id)}
		},
	}
	layout, err := template.New("layout.tmpl").Funcs(funcs).ParseFS(assets, "assets/layout.tmpl")
	if err != nil {
		return nil, err
	}
	files, err := fs.Glob(assets, "assets/pages/*.tmpl")
	if err != nil {
		return nil, err
	}
	for _, f := range files {
		t, err := template.Must(layout.Clone()).ParseFS(assets, f)
		if err != nil {
			return nil, err
		}
		ps.pages[strings.TrimSuffix(path.Base(f), ".tmpl")] = t
	}
	return ps, nil
}

// view is what the layout is given: the page's own data in Data.
type view struct {
	Title   string
	Nav     string // the section of the app the page belongs to
	CSRF    string
	Version string
	Data    any
}

// render writes the page name with data. The page is rendered into memory
// first, so a template error gives an error page, never half a page.
func (s *Server) render(w http.ResponseWriter, r *http.Request, status int, name, title, nav string, data any) {
	buf := pageBuffers.Get().(*bytes.Buffer)
	defer putPageBuffer(buf)
	if err := s.draw(buf, name, view{Title: title, Nav: nav, CSRF: s.csrfToken(r), Version: s.cfg.Version, Data: data}); err != nil {
		drawFailed(w, name, err)
		return
	}
	writePage(w, status, buf.Bytes())
}

// draw renders the page name with v into buf.
func (s *Server) draw(buf *bytes.Buffer, name string, v view) error {
	t, ok := s.pages.pages[name]
	if !ok {
		panic("web: no page " + name)
	}
	return t.ExecuteTemplate(buf, "layout.tmpl", v)
}

func drawFailed(w http.ResponseWriter, name string, err error) {
	log.Printf("goldenthread serve: page %s: %v", name, err)
	http.Error(w, "goldenthread could not draw this page. Please report it.", http.StatusInternalServerError)
}

// writePage sends a drawn page.
func writePage(w http.ResponseWriter, status int, page []byte) {
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	w.Write(page)
}

// pageBuffers are the buffers pages are rendered into. The profile form
// is some 400 KB; growing a fresh buffer to that size for every request
// makes a megabyte of garbage, and under load the collections it causes
// were a large share of the slowest requests' time.
var pageBuffers = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// putPageBuffer returns buf to the pool, unless some page made it so large
// that keeping it would hold memory for good.
func putPageBuffer(buf *bytes.Buffer) {
	if buf.Cap() > 4<<20 {
		return
	}
	buf.Reset()
	pageBuffers.Put(buf)
}

// problem is the error page's content.
type problem struct {
	Kind, Message string
	Back          string // a link to go back to, or ""
	Suggest       *link  // what the address may have meant, or nil
}

// link is a link a page offers: its address and its text.
type link struct{ Href, Text string }

// fail writes an error page with status and a message a rep can act on.
func (s *Server) fail(w http.ResponseWriter, r *http.Request, status int, kind, msg string) {
	s.failBack(w, r, status, kind, msg, "")
}

func (s *Server) failBack(w http.ResponseWriter, r *http.Request, status int, kind, msg, back string) {
	s.failWith(w, r, status, problem{Kind: kind, Message: msg, Back: back})
}

func (s *Server) failWith(w http.ResponseWriter, r *http.Request, status int, p problem) {
	title := map[int]string{
		http.StatusNotFound: "Not found", http.StatusForbidden: "Refused", http.StatusUnauthorized: "Access token needed",
		http.StatusRequestEntityTooLarge: "Too large", http.StatusBadRequest: "Cannot use this",
		http.StatusConflict: "Changed elsewhere", http.StatusInternalServerError: "Something went wrong",
	}[status]
	if title == "" {
		title = http.StatusText(status)
	}
	s.render(w, r, status, "error", title, "", p)
}

func (s *Server) static(w http.ResponseWriter, r *http.Request) {
	f, ok := s.pages.static[r.PathValue("file")]
	if !ok {
		s.fail(w, r, http.StatusNotFound, "not-found", "There is no such file.")
		return
	}
	h := w.Header()
	h.Set("Content-Type", f.ctype)
	if r.URL.Query().Get("v") == f.tag {
		h.Set("Cache-Control", "public, max-age=31536000, immutable")
	} else {
		h.Set("Cache-Control", "no-cache")
	}
	h.Set("ETag", `"`+f.tag+`"`)
	if match := r.Header.Get("If-None-Match"); match == `"`+f.tag+`"` {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	w.Write(f.data)
}

// plural writes n and the noun, adding "s" unless n is 1.
func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

// selectField is a select list as the "select" template draws it.
type selectField struct {
	ID, Label, Hint, Value string
	Options                []option
	Errors                 []fieldError
}

// fieldErrors returns the problems with one field.
func fieldErrors(es []fieldError, field string) []fieldError {
	var out []fieldError
	for _, e := range es {
		if e.Field == field {
			out = append(out, e)
		}
	}
	return out
}
