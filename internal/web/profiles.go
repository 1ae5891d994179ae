package web

import (
	"bytes"
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"mime"
	"net/http"
	"net/url"
	"slices"
	"strings"

	"github.com/goldenthread/goldenthread/internal/assemble"
	"github.com/goldenthread/goldenthread/internal/diag"
	"github.com/goldenthread/goldenthread/internal/library"
	"github.com/goldenthread/goldenthread/internal/model"
	"github.com/goldenthread/goldenthread/internal/profile"
	"github.com/goldenthread/goldenthread/internal/render/doc"
	"github.com/goldenthread/goldenthread/internal/render/html"
)

// library returns the library as it stands, or writes an error page.
func (s *Server) library(w http.ResponseWriter, r *http.Request) *Library {
	lib, err := s.cfg.Library()
	if err != nil {
		s.fail(w, r, http.StatusInternalServerError, "library", "The clause library has problems, so nothing can be made from it until they are put right: "+strings.ReplaceAll(err.Error(), "\n", "; "))
		return nil
	}
	return lib
}

type homeData struct {
	Profiles  []profileInfo
	Workspace string
	Created   string
}

func (s *Server) home(w http.ResponseWriter, r *http.Request) {
	ps, err := s.ws.list()
	if err != nil {
		s.fail(w, r, http.StatusInternalServerError, "workspace", "goldenthread cannot read the workspace folder: "+err.Error())
		return
	}
	s.render(w, r, http.StatusOK, "home", "Your profiles", "profiles", homeData{Profiles: ps, Workspace: s.ws.dir})
}

// newData is the new-profile form, with what was entered and what is wrong.
type newData struct {
	Name                           string
	Nation, Kind, Category, Sector string
	Nations, Kinds                 []option
	Categories, Sectors            []option
	Errors                         []fieldError
}

// option is one choice of a select list.
type option struct{ Value, Label string }

// fieldError is a problem with one field: the summary links to the field.
type fieldError struct {
	Field   string // the control's id
	Message string
}

func (s *Server) newForm(w http.ResponseWriter, r *http.Request) {
	lib := s.library(w, r)
	if lib == nil {
		return
	}
	s.render(w, r, http.StatusOK, "new", "Start a new profile", "profiles", s.newData(lib, newData{Nation: "england", Kind: "local-authority"}))
}

func (s *Server) newData(lib *Library, d newData) newData {
	d.Nations = nationOptions(lib.Library)
	d.Kinds = s.kindOptions()
	d.Categories = codeOptions(library.Categories)
	d.Sectors = append([]option{{"", "Any sector"}}, codeOptions(library.Sectors[1:])...)
	return d
}

func nationOptions(lib *library.Library) []option {
	names := nationNames(lib, library.Jurisdictions)
	out := make([]option, len(names))
	for i, id := range library.Jurisdictions {
		out[i] = option{id, names[i]}
	}
	return out
}

func (s *Server) kindOptions() []option {
	var out []option
	for _, k := range library.Kinds {
		out = append(out, option{k, cmp.Or(s.cfg.Templates.Words.Text["app.employer_kind."+k], k)})
	}
	return out
}

// codeOptions labels codes such as "social-care" as "Social care".
func codeOptions(codes []string) []option {
	var out []option
	for _, c := range codes {
		out = append(out, option{c, codeLabel(c)})
	}
	return out
}

func codeLabel(c string) string {
	s := strings.ReplaceAll(c, "-", " ")
	if s == "it" {
		return "IT"
	}
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// maxForm is the most a posted form may hold: a profile's text and more.
const maxForm = maxProfileSize + 1<<20

func (s *Server) parseForm(w http.ResponseWriter, r *http.Request) bool {
	r.Body = http.MaxBytesReader(w, r.Body, maxForm)
	if err := r.ParseForm(); err != nil {
		var mb *http.MaxBytesError
		if errors.As(err, &mb) {
			s.fail(w, r, http.StatusRequestEntityTooLarge, "too-large", "What was sent is too large for a profile form.")
			return false
		}
		s.fail(w, r, http.StatusBadRequest, "bad-form", "The form could not be read. Please try again.")
		return false
	}
	if !s.csrfOK(r) {
		s.fail(w, r, http.StatusForbidden, "csrf", "This form has expired or came from somewhere else, so it was not used. Go back, reload the page and try again.")
		return false
	}
	return true
}

func (s *Server) create(w http.ResponseWriter, r *http.Request) {
	if !s.parseForm(w, r) {
		return
	}
	lib := s.library(w, r)
	if lib == nil {
		return
	}
	d := newData{
		Name:   strings.TrimSpace(r.PostFormValue("name")),
		Nation: r.PostFormValue("nation"), Kind: r.PostFormValue("kind"),
		Category: r.PostFormValue("category"), Sector: r.PostFormValue("sector"),
	}
	d.Name = strings.TrimSuffix(d.Name, ".toml")
	switch {
	case d.Name == "":
		d.Errors = append(d.Errors, fieldError{"name", "Enter a name for the profile, such as midshire-cleaning"})
	case checkName(d.Name) != nil:
		d.Errors = append(d.Errors, fieldError{"name", "Use only letters, numbers, spaces, hyphens and underscores in the name, up to 80 characters, not starting with a dot"})
	}
	if !slices.Contains(library.Jurisdictions, d.Nation) {
		d.Errors = append(d.Errors, fieldError{"nation", "Choose the employer's nation"})
	}
	if !slices.Contains(library.Kinds, d.Kind) {
		d.Errors = append(d.Errors, fieldError{"kind", "Choose the kind of employer"})
	}
	if d.Category != "" && !slices.Contains(library.Categories, d.Category) {
		d.Errors = append(d.Errors, fieldError{"category", "Choose works, services or goods"})
	}
	if d.Sector != "" && !slices.Contains(library.Sectors, d.Sector) {
		d.Errors = append(d.Errors, fieldError{"sector", "Choose a sector from the list"})
	}
	if len(d.Errors) == 0 {
		if _, _, err := s.ws.read(d.Name); err == nil {
			d.Errors = append(d.Errors, fieldError{"name", "A profile called " + d.Name + " already exists: choose another name, or open it from your profiles"})
		}
	}
	if len(d.Errors) == 0 {
		src, err := s.cfg.Starter(lib.Library, d.Name+".toml", Starter{Nation: d.Nation, Kind: d.Kind, Category: d.Category, Sector: d.Sector})
		if err != nil {
			s.fail(w, r, http.StatusInternalServerError, "starter", "goldenthread could not write the starter profile: "+err.Error())
			return
		}
		err = s.ws.write(d.Name, src, "", true)
		switch {
		case errors.Is(err, fs.ErrExist):
			d.Errors = append(d.Errors, fieldError{"name", "A profile called " + d.Name + " already exists: choose another name"})
		case err != nil:
			s.fail(w, r, http.StatusInternalServerError, "write", "goldenthread could not save the new profile: "+err.Error())
			return
		default:
			http.Redirect(w, r, "/p/"+url.PathEscape(d.Name)+"/edit?created=1", http.StatusSeeOther)
			return
		}
	}
	s.render(w, r, http.StatusUnprocessableEntity, "new", "Start a new profile", "profiles", s.newData(lib, d))
}

// openProfile reads the profile the request names, or writes an error page.
func (s *Server) openProfile(w http.ResponseWriter, r *http.Request) (name string, src []byte, ver string, ok bool) {
	name = r.PathValue("name")
	src, ver, err := s.ws.read(name)
	switch {
	case errors.Is(err, errName), errors.Is(err, fs.ErrNotExist):
		s.fail(w, r, http.StatusNotFound, "not-found", "There is no profile called "+name+" in the workspace.")
		return "", nil, "", false
	case err != nil:
		s.fail(w, r, http.StatusInternalServerError, "read", "goldenthread cannot read this profile: "+err.Error())
		return "", nil, "", false
	}
	return name, src, ver, true
}

// openChecked is openProfile with the library, and the profile checked
// against it; ok is false when an error page has been written (or the
// browser went away).
func (s *Server) openChecked(w http.ResponseWriter, r *http.Request) (name string, src []byte, ver string, lib *Library, c *checked, ok bool) {
	if name, src, ver, ok = s.openProfile(w, r); !ok {
		return
	}
	if lib = s.library(w, r); lib == nil {
		return name, src, ver, nil, nil, false
	}
	c, err := s.check(r.Context(), lib, name, src)
	if err != nil {
		return name, src, ver, lib, nil, false
	}
	return name, src, ver, lib, c, true
}

// checked is a profile loaded and checked, as the profile page and the
// form show it.
type checked struct {
	prof *profile.Profile // nil when it has errors that stop it loading
	list diag.List
	pack *model.Pack // nil when prof is, or assembly failed
	// scoring says [scoring] has problems: pack is made without it, for
	// the outputs that do not need it.
	scoring bool
}

// checkSize is what a checked profile holds in memory, for the cache's
// limit: its profile and pack, measured at 300–440 KB for the examples.
const checkSize = 512 << 10

// check loads and checks a profile, caching the result by its bytes.
func (s *Server) check(ctx context.Context, lib *Library, name string, src []byte) (*checked, error) {
	key := s.key(lib, name, src, "check")
	// Checking is light next to making a document: it takes no slot, so a
	// page never waits behind documents being made.
	v, err := s.cache.getLight(ctx, key, func() (any, int64, error) {
		prof, list := profile.Load(lib.Library, name+".toml", src, s.cfg.Now())
		c := &checked{prof: prof, list: list}
		// Problems in [scoring] stop only the outputs that need it.
		asks := profile.AsksOnly(list)
		c.scoring = asks.Count(diag.Error) < list.Count(diag.Error)
		if prof != nil && asks.Count(diag.Error) == 0 {
			pack, err := assemble.Build(lib.Library, prof, s.cfg.Templates, assemble.Options{Version: s.cfg.Version, Date: s.cfg.Now()})
			if err != nil {
				c.list = append(c.list, diag.Problem{Pos: diag.Pos{File: name + ".toml"}, Severity: diag.Error, Msg: err.Error()})
			}
			c.pack = pack
		}
		return c, checkSize, nil
	})
	if err != nil {
		return nil, err
	}
	return v.(*checked), nil
}

// key names an output in the cache: outputs are deterministic in these.
func (s *Server) key(lib *Library, name string, src []byte, what string) string {
	return strings.Join([]string{lib.Version, s.cfg.Now().Format("2006-01-02"), name, version(src), what}, "\x00")
}

type profileData struct {
	Name      string
	Title     string
	Employer  string
	Problems  []shownProblem
	Errors    int
	Warnings  int
	Downloads []download
	Saved     bool
}

// shownProblem is a problem as a rep reads it.
type shownProblem struct {
	Line    int
	Error   bool
	Message string
}

type download struct {
	File, Label, Href string
	Missing           string
}

func (s *Server) showProblems(lib *library.Library, list diag.List) []shownProblem {
	var out []shownProblem
	for _, p := range list {
		if p.Severity == diag.Note {
			continue
		}
		out = append(out, shownProblem{Line: p.Pos.Line, Error: p.Severity == diag.Error, Message: plain(lib, s.cfg.Templates.Labels.Stage, p.Msg)})
	}
	return out
}

func (s *Server) profilePage(w http.ResponseWriter, r *http.Request) {
	name, _, _, lib, c, ok := s.openChecked(w, r)
	if !ok {
		return
	}
	d := profileData{Name: name, Problems: s.showProblems(lib.Library, c.list), Errors: c.list.Count(diag.Error), Warnings: c.list.Count(diag.Warning), Saved: r.URL.Query().Get("saved") == "1"}
	if c.prof != nil {
		d.Title, d.Employer = c.prof.Procurement.Title, c.prof.Employer.Name
	}
	for _, o := range s.cfg.Outputs {
		dl := download{File: name + "-" + o.File, Label: o.Label, Href: "/p/" + url.PathEscape(name) + "/download/" + o.File}
		switch {
		case c.pack == nil:
			dl.Missing = "Put the problems right first."
		case o.Scoring && c.scoring:
			dl.Missing = "Put the problems in [scoring] right first."
		case o.Missing != nil:
			dl.Missing = o.Missing(c.pack)
		}
		d.Downloads = append(d.Downloads, dl)
	}
	s.render(w, r, http.StatusOK, "profile", cmp.Or(d.Title, name), "profiles", d)
}

// problemsError says a profile has problems that stop an output.
type problemsError struct{ list diag.List }

func (e *problemsError) Error() string { return fmt.Sprintf("%d problems", e.list.Count(diag.Error)) }

// generate returns the output o of a profile, from the cache or made now.
func (s *Server) generate(ctx context.Context, lib *Library, name string, src []byte, o Output) ([]byte, error) {
	v, err := s.cache.get(ctx, s.key(lib, name, src, o.File), func() (any, int64, error) {
		b, err := s.make(lib, name, src, o)
		return b, int64(len(b)), err
	})
	if err != nil {
		return nil, err
	}
	return v.([]byte), nil
}

// make renders output o from the pack the profile's check built: the
// profile is read and the pack assembled once for all its outputs.
func (s *Server) make(lib *Library, name string, src []byte, o Output) ([]byte, error) {
	c, err := s.check(context.Background(), lib, name, src)
	if err != nil {
		return nil, err
	}
	if c.pack == nil || (o.Scoring && c.scoring) {
		list := c.list
		if !o.Scoring {
			list = profile.AsksOnly(list)
		}
		return nil, &problemsError{list}
	}
	if o.Missing != nil {
		if why := o.Missing(c.pack); why != "" {
			return nil, &problemsError{diag.List{{Severity: diag.Error, Msg: why}}}
		}
	}
	var out bytes.Buffer
	if err := o.Render(&out, c.pack); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}

var contentTypes = map[string]string{
	".pdf":  "application/pdf",
	".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
	".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
	".html": "text/html; charset=utf-8",
	".md":   "text/markdown; charset=utf-8",
	".zip":  "application/zip",
}

func (s *Server) download(w http.ResponseWriter, r *http.Request) {
	name, src, _, ok := s.openProfile(w, r)
	if !ok {
		return
	}
	file := r.PathValue("file")
	i := slices.IndexFunc(s.cfg.Outputs, func(o Output) bool { return o.File == file })
	if i < 0 {
		s.fail(w, r, http.StatusNotFound, "not-found", "goldenthread makes no file called "+file+".")
		return
	}
	lib := s.library(w, r)
	if lib == nil {
		return
	}
	b, err := s.generate(r.Context(), lib, name, src, s.cfg.Outputs[i])
	if s.outputFailed(w, r, name, err) {
		return
	}
	serveFile(w, name+"-"+file, b, true)
}

// outputFailed writes the page for an output that could not be made.
func (s *Server) outputFailed(w http.ResponseWriter, r *http.Request, name string, err error) bool {
	var pe *problemsError
	switch {
	case err == nil:
		return false
	case r.Context().Err() != nil:
	case errors.As(err, &pe):
		var msgs []string
		for _, p := range pe.list {
			if p.Severity == diag.Error {
				msgs = append(msgs, p.Msg)
			}
		}
		s.failBack(w, r, http.StatusConflict, "problems", "This cannot be made until the profile's problems are put right: "+strings.Join(msgs, "; "), "/p/"+url.PathEscape(name))
	default:
		s.failBack(w, r, http.StatusInternalServerError, "output", "goldenthread could not make this file: "+err.Error(), "/p/"+url.PathEscape(name))
	}
	return true
}

// serveFile sends a generated file, as a download unless inline.
func serveFile(w http.ResponseWriter, file string, b []byte, attach bool) {
	h := w.Header()
	ext := file[strings.LastIndexByte(file, '.'):]
	h.Set("Content-Type", cmp.Or(contentTypes[ext], "application/octet-stream"))
	if ext == ".html" {
		h.Set("Content-Security-Policy", documentPolicy)
	}
	disp := "inline"
	if attach {
		disp = "attachment"
	}
	h.Set("Content-Disposition", mime.FormatMediaType(disp, map[string]string{"filename": file}))
	h.Set("Cache-Control", "no-store")
	h.Set("Content-Length", fmt.Sprint(len(b)))
	w.Write(b)
}

// preview shows the asks paper as a web page: the HTML document the
// downloads offer, shown in the browser.
func (s *Server) preview(w http.ResponseWriter, r *http.Request) {
	name, src, _, ok := s.openProfile(w, r)
	if !ok {
		return
	}
	lib := s.library(w, r)
	if lib == nil {
		return
	}
	o := Output{File: "asks-preview.html", Render: func(w io.Writer, p *model.Pack) error { return html.Write(w, doc.Asks(p)) }}
	b, err := s.generate(r.Context(), lib, name, src, o)
	if s.outputFailed(w, r, name, err) {
		return
	}
	serveFile(w, name+"-asks.html", b, false)
}
