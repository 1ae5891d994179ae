package web

import (
	"bytes"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"
	"golang.org/x/net/html"

	"github.com/goldenthread/goldenthread/internal/diag"
	"github.com/goldenthread/goldenthread/internal/library"
	"github.com/goldenthread/goldenthread/internal/profile"
)

// editServer is a server over a workspace holding copies of the examples.
func editServer(t testing.TB) (*Server, *library.Library, string) {
	t.Helper()
	dir := exampleWorkspace(t)
	cfg := rigConfig(t, testNow, dir)
	s, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	lib, _ := cfg.Library()
	return s, lib.Library, dir
}

// browser keeps cookies between requests, as a browser does.
type browser struct {
	t       testing.TB
	h       http.Handler
	cookies map[string]string
}

func newBrowser(t testing.TB, h http.Handler) *browser {
	return &browser{t: t, h: h, cookies: map[string]string{}}
}

func (b *browser) do(method, target string, body url.Values) *httptest.ResponseRecorder {
	b.t.Helper()
	var req *http.Request
	if body != nil {
		req = httptest.NewRequest(method, target, strings.NewReader(body.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	} else {
		req = httptest.NewRequest(method, target, nil)
	}
	req.Host = "127.0.0.1:8080"
	for k, v := range b.cookies {
		req.AddCookie(&http.Cookie{Name: k, Value: v})
	}
	rec := httptest.NewRecorder()
	b.h.ServeHTTP(rec, req)
	for _, c := range rec.Result().Cookies() {
		b.cookies[c.Name] = c.Value
	}
	return rec
}

// formValues returns what a browser would post from the page's form with
// the given action, without pressing a named button.
func formValues(t testing.TB, page []byte, action string) url.Values {
	t.Helper()
	doc, err := html.Parse(bytes.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	attr := func(n *html.Node, k string) (string, bool) {
		for _, a := range n.Attr {
			if a.Key == k {
				return a.Val, true
			}
		}
		return "", false
	}
	var form *html.Node
	var find func(n *html.Node)
	find = func(n *html.Node) {
		if n.Type == html.ElementNode && n.Data == "form" {
			if a, _ := attr(n, "action"); a == action {
				form = n
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			find(c)
		}
	}
	find(doc)
	if form == nil {
		t.Fatalf("no form posting to %s", action)
	}
	v := url.Values{}
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			name, _ := attr(n, "name")
			switch n.Data {
			case "input":
				typ, _ := attr(n, "type")
				val, _ := attr(n, "value")
				switch typ {
				case "checkbox", "radio":
					if _, on := attr(n, "checked"); on {
						if val == "" {
							val = "on"
						}
						v.Add(name, val)
					}
				case "submit", "button":
				default:
					if name != "" {
						v.Add(name, val)
					}
				}
			case "select":
				var first, chosen string
				var got bool
				for o := n.FirstChild; o != nil; o = o.NextSibling {
					if o.Type != html.ElementNode || o.Data != "option" {
						continue
					}
					val, _ := attr(o, "value")
					if first == "" {
						first = val
					}
					if _, sel := attr(o, "selected"); sel {
						chosen, got = val, true
					}
				}
				if !got {
					chosen = first
				}
				v.Add(name, chosen)
			case "textarea":
				var b strings.Builder
				for c := n.FirstChild; c != nil; c = c.NextSibling {
					b.WriteString(c.Data)
				}
				// A browser drops one newline right after <textarea>.
				v.Add(name, strings.TrimPrefix(b.String(), "\n"))
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(form)
	return v
}

func loadProfile(t testing.TB, lib *library.Library, path string) (*profile.Profile, diag.List) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return profile.Load(lib, filepath.Base(path), b, testNow)
}

func choiceIDs(p *profile.Profile) []string {
	var ids []string
	for _, ch := range p.Choices {
		ids = append(ids, ch.Clause.ID)
	}
	return ids
}

// TestSaveUnchanged: saving the form untouched leaves every profile's file
// byte for byte as it was.
func TestSaveUnchanged(t *testing.T) {
	s, _, dir := editServer(t)
	b := newBrowser(t, s.Handler())
	for _, name := range []string{"midshire-highways", "strathmore-catering", "dyffryn-tywi-cleaning", "eastbridge-repairs"} {
		t.Run(name, func(t *testing.T) {
			before, _ := os.ReadFile(filepath.Join(dir, name+".toml"))
			page := b.do("GET", "/p/"+name+"/edit", nil)
			if page.Code != 200 {
				t.Fatalf("GET edit: %d", page.Code)
			}
			v := formValues(t, page.Body.Bytes(), "/p/"+name+"/edit")
			v.Set("action", "save")
			rec := b.do("POST", "/p/"+name+"/edit", v)
			if rec.Code != http.StatusSeeOther {
				t.Fatalf("POST edit: %d\n%s", rec.Code, rec.Body)
			}
			after, _ := os.ReadFile(filepath.Join(dir, name+".toml"))
			if !bytes.Equal(before, after) {
				t.Errorf("the file changed though nothing was edited:\n%s", after)
			}
		})
	}
}

// TestSaveEdits makes the edits a rep makes and checks the file says them,
// keeps every comment, and loads.
func TestSaveEdits(t *testing.T) {
	s, lib, dir := editServer(t)
	b := newBrowser(t, s.Handler())
	const name = "midshire-highways"
	path := filepath.Join(dir, name+".toml")
	before, _ := os.ReadFile(path)
	page := b.do("GET", "/p/"+name+"/edit", nil)
	v := formValues(t, page.Body.Bytes(), "/p/"+name+"/edit")
	v.Set("action", "save")
	v.Set("employer.name", `Cyngor Sir Ynys Môn "Anglesey" \ council`)
	v.Set("procurement.london", "on")
	v.Set("ph:contract", "the Môn Framework")
	// Unpick one clause picked by its theme, pick one not picked.
	picks := v["pick"]
	drop := "union-access.access-for-union-reps"
	if !slices.Contains(picks, drop) {
		t.Fatalf("%s is not picked in the form", drop)
	}
	var add string
	for _, id := range v["shown"] {
		if !slices.Contains(picks, id) && id != "living-wage.living-hours" {
			add = id
			break
		}
	}
	picks = slices.DeleteFunc(slices.Clone(picks), func(x string) bool { return x == drop })
	v["pick"] = append(picks, add)
	v.Set("req:living-wage.all-contract-workers", "The Contractor shall pay \"everyone\" at least {living_wage}.\n\nAnd a second paragraph with ''' and \"\"\".")
	v.Set("rank:"+drop, "")
	rec := b.do("POST", "/p/"+name+"/edit", v)
	if rec.Code != http.StatusSeeOther {
		t.Fatalf("POST edit: %d\n%s", rec.Code, rec.Body)
	}
	after, _ := os.ReadFile(path)
	for _, line := range strings.Split(string(before), "\n") {
		if strings.HasPrefix(strings.TrimSpace(line), "#") && !strings.Contains(string(after), line) {
			t.Errorf("comment lost: %q", line)
		}
	}
	prof, list := loadProfile(t, lib, path)
	if prof == nil {
		t.Fatalf("saved profile does not load: %v\n%s", list.Err(), after)
	}
	if prof.Employer.Name != `Cyngor Sir Ynys Môn "Anglesey" \ council` || !prof.Procurement.London || prof.Placeholders["contract"] != "the Môn Framework" {
		t.Errorf("saved values: %q london=%v contract=%q", prof.Employer.Name, prof.Procurement.London, prof.Placeholders["contract"])
	}
	ids := choiceIDs(prof)
	if slices.Contains(ids, drop) || !slices.Contains(ids, add) {
		t.Errorf("selection: %s picked=%v, %s picked=%v", drop, slices.Contains(ids, drop), add, slices.Contains(ids, add))
	}
	var req string
	for _, ch := range prof.Choices {
		if ch.Clause.ID == "living-wage.all-contract-workers" && ch.Override != nil {
			req = ch.Override.Requirement
		}
	}
	if !strings.Contains(req, `pay "everyone"`) || !strings.Contains(req, `''' and """.`) {
		t.Errorf("override requirement = %q", req)
	}
	// The untouched parts are as written.
	for _, keep := range []string{"# The branch's own clause, selected automatically.", "Unite the Union, Construction Charter: direct employment"} {
		if !strings.Contains(string(after), keep) {
			t.Errorf("lost %q", keep)
		}
	}
}

// TestWeightsShareAndSave: a weights total off 100 is reported next to the
// weights; sharing out the remainder fixes it, and saving keeps it.
func TestWeightsShareAndSave(t *testing.T) {
	s, lib, dir := editServer(t)
	b := newBrowser(t, s.Handler())
	const name = "midshire-highways"
	page := b.do("GET", "/p/"+name+"/edit", nil)
	v := formValues(t, page.Body.Bytes(), "/p/"+name+"/edit")
	var weights []string
	for k := range v {
		if strings.HasPrefix(k, "weight:") {
			weights = append(weights, k)
		}
	}
	if len(weights) < 2 {
		t.Fatalf("form has %d weights", len(weights))
	}
	slices.Sort(weights)
	v.Set(weights[0], "1")
	v.Set("action", "save")
	rec := b.do("POST", "/p/"+name+"/edit", v)
	if rec.Code != http.StatusSeeOther {
		t.Fatalf("save: %d %s", rec.Code, rec.Body)
	}
	page = b.do("GET", "/p/"+name+"/edit?saved=1", nil)
	body := page.Body.String()
	if !strings.Contains(body, "add up to") || !strings.Contains(body, `href="#weights"`) {
		t.Errorf("the weights problem is not in the summary linked to the weights:\n%s", body)
	}
	v = formValues(t, page.Body.Bytes(), "/p/"+name+"/edit")
	v.Set("action", "share")
	rec = b.do("POST", "/p/"+name+"/edit", v)
	if rec.Code != 200 || !strings.Contains(rec.Body.String(), "shared out") {
		t.Fatalf("share: %d", rec.Code)
	}
	v = formValues(t, rec.Body.Bytes(), "/p/"+name+"/edit")
	v.Set("action", "save")
	if rec = b.do("POST", "/p/"+name+"/edit", v); rec.Code != http.StatusSeeOther {
		t.Fatalf("save after share: %d %s", rec.Code, rec.Body)
	}
	prof, list := loadProfile(t, lib, filepath.Join(dir, name+".toml"))
	if prof == nil || list.Count(diag.Error) > 0 {
		t.Fatalf("after sharing out: %v", list.Err())
	}
	var total float64
	for _, ch := range prof.Choices {
		total += ch.Weight()
	}
	if total != 100 {
		t.Errorf("weights total %g", total)
	}
}

// TestSaveConflict: a profile saved elsewhere since the form was opened is
// not overwritten.
func TestSaveConflict(t *testing.T) {
	s, _, dir := editServer(t)
	b := newBrowser(t, s.Handler())
	const name = "strathmore-catering"
	path := filepath.Join(dir, name+".toml")
	page := b.do("GET", "/p/"+name+"/edit", nil)
	v := formValues(t, page.Body.Bytes(), "/p/"+name+"/edit")
	v.Set("action", "save")
	v.Set("employer.name", "Changed here")
	elsewhere, _ := os.ReadFile(path)
	elsewhere = append(elsewhere, []byte("\n# saved in an editor meanwhile\n")...)
	os.WriteFile(path, elsewhere, 0o644)
	rec := b.do("POST", "/p/"+name+"/edit", v)
	if rec.Code != http.StatusConflict || !strings.Contains(rec.Body.String(), "Reload the profile") {
		t.Fatalf("conflict: %d", rec.Code)
	}
	if got, _ := os.ReadFile(path); !bytes.Equal(got, elsewhere) {
		t.Error("the file changed elsewhere was overwritten")
	}
	if !strings.Contains(rec.Body.String(), `value="Changed here"`) {
		t.Error("the rep's entry is not kept on the page")
	}
}

// TestSaveRefusesBad: entries the file cannot hold are reported next to
// their fields and nothing is written.
func TestSaveRefusesBad(t *testing.T) {
	s, _, dir := editServer(t)
	b := newBrowser(t, s.Handler())
	const name = "dyffryn-tywi-cleaning"
	path := filepath.Join(dir, name+".toml")
	before, _ := os.ReadFile(path)
	page := b.do("GET", "/p/"+name+"/edit", nil)
	base := formValues(t, page.Body.Bytes(), "/p/"+name+"/edit")
	for _, tc := range []struct {
		name, field, value, want string
	}{
		{"empty employer", "employer.name", "  ", `href="#f-employer-name"`},
		{"bad date", "document.date", "31/02/2027", `href="#f-document-date"`},
		{"bad share", "scoring.social_value_weighting", "twenty", `href="#f-scoring-social_value_weighting"`},
		{"unknown nation", "employer.nation", "atlantis", `href="#f-employer-nation"`},
		{"no asks", "pick", "", `href="#clauses"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			v := url.Values{}
			for k, vs := range base {
				v[k] = slices.Clone(vs)
			}
			v.Set("action", "save")
			if tc.field == "pick" {
				v.Del("pick")
			} else {
				v.Set(tc.field, tc.value)
			}
			rec := b.do("POST", "/p/"+name+"/edit", v)
			if rec.Code != http.StatusUnprocessableEntity || !strings.Contains(rec.Body.String(), tc.want) {
				t.Errorf("POST: %d, want 422 with %s", rec.Code, tc.want)
			}
			if got, _ := os.ReadFile(path); !bytes.Equal(got, before) {
				t.Error("the file was written")
			}
		})
	}
}

// TestSavedFileDecodes: every save writes TOML that toml reads.
func TestSavedFileDecodes(t *testing.T) {
	s, _, dir := editServer(t)
	b := newBrowser(t, s.Handler())
	const name = "eastbridge-repairs"
	page := b.do("GET", "/p/"+name+"/edit", nil)
	v := formValues(t, page.Body.Bytes(), "/p/"+name+"/edit")
	v.Set("action", "save")
	v.Set("prepared_by.contact", "Ffion ap Rhys <ffion@example.org> \t ]] # not a comment")
	v.Set("scoring.panel", "Lead\nEquality rep\n\n  Finance  ")
	if rec := b.do("POST", "/p/"+name+"/edit", v); rec.Code != http.StatusSeeOther {
		t.Fatalf("POST: %d %s", rec.Code, rec.Body)
	}
	var raw map[string]any
	if _, err := toml.DecodeFile(filepath.Join(dir, name+".toml"), &raw); err != nil {
		t.Fatal(err)
	}
	pb := raw["prepared_by"].(map[string]any)
	if pb["contact"] != "Ffion ap Rhys <ffion@example.org> ]] # not a comment" {
		t.Errorf("contact = %q", pb["contact"])
	}
	sc := raw["scoring"].(map[string]any)
	if got := sc["panel"]; len(got.([]any)) != 3 {
		t.Errorf("panel = %v", got)
	}
}

// TestSaveNotes: unticking an ask the profile rewords removes its override
// (the file cannot keep one for an ask not made), and the page after the
// save says so; a note key nobody was given shows nothing.
func TestSaveNotes(t *testing.T) {
	s, lib, dir := editServer(t)
	b := newBrowser(t, s.Handler())
	const name, id = "midshire-highways", "blacklisting.no-blacklists-in-supply-chain"
	page := b.do("GET", "/p/"+name+"/edit", nil)
	v := formValues(t, page.Body.Bytes(), "/p/"+name+"/edit")
	v.Set("action", "save")
	v["pick"] = slices.DeleteFunc(slices.Clone(v["pick"]), func(x string) bool { return x == id })
	rec := b.do("POST", "/p/"+name+"/edit", v)
	if rec.Code != http.StatusSeeOther {
		t.Fatalf("POST: %d %s", rec.Code, rec.Body)
	}
	loc := rec.Header().Get("Location")
	if !strings.Contains(loc, "note=") || strings.Contains(loc, "removed") {
		t.Errorf("Location %q: want a note key, not the note's text", loc)
	}
	after := b.do("GET", loc, nil)
	if !strings.Contains(after.Body.String(), "were removed with it") {
		t.Errorf("the page after the save does not say the rewording went")
	}
	if again := b.do("GET", loc, nil); strings.Contains(again.Body.String(), "were removed with it") {
		t.Error("the note was shown twice")
	}
	prof, list := loadProfile(t, lib, filepath.Join(dir, name+".toml"))
	if prof == nil {
		t.Fatal(list.Err())
	}
	if slices.Contains(choiceIDs(prof), id) || slices.ContainsFunc(prof.Overrides, func(o profile.Override) bool { return o.ID == id }) {
		t.Errorf("%s still selected or overridden", id)
	}
	forged := b.do("GET", "/p/"+name+"/edit?saved=1&note=Call+0800+now", nil)
	if strings.Contains(forged.Body.String(), "0800") {
		t.Error("text from the address was shown as the app's")
	}
}

// TestRefreshAsks: changing the nation and pressing "Show the asks for
// these details" lists the asks for the new nation without saving.
func TestRefreshAsks(t *testing.T) {
	s, lib, dir := editServer(t)
	b := newBrowser(t, s.Handler())
	const name = "midshire-highways"
	path := filepath.Join(dir, name+".toml")
	before, _ := os.ReadFile(path)
	page := b.do("GET", "/p/"+name+"/edit", nil)
	v := formValues(t, page.Body.Bytes(), "/p/"+name+"/edit")
	v.Set("action", "refresh")
	v.Set("employer.nation", "scotland")
	v.Set("procurement.regime", "procurement-reform-scotland-2014")
	rec := b.do("POST", "/p/"+name+"/edit", v)
	if rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), "Nothing is saved") {
		t.Fatalf("refresh: %d", rec.Code)
	}
	shown := formValues(t, rec.Body.Bytes(), "/p/"+name+"/edit")["shown"]
	var scottish, english int
	for _, c := range lib.Clauses {
		only := func(n string) bool { return len(c.Jurisdictions) == 1 && c.Jurisdictions[0] == n }
		switch {
		case only("scotland") && slices.Contains(shown, c.ID):
			scottish++
		case only("england") && slices.Contains(shown, c.ID) && !slices.Contains(v["pick"], c.ID):
			english++
		}
	}
	if scottish == 0 || english > 0 {
		t.Errorf("after refresh for Scotland: %d Scotland-only asks shown, %d England-only asks offered", scottish, english)
	}
	if got, _ := os.ReadFile(path); !bytes.Equal(got, before) {
		t.Error("refresh wrote the file")
	}
}

// TestEnterSaves: Enter in a box presses the form's first submit button,
// which must be Save, not Share out or Show the asks.
func TestEnterSaves(t *testing.T) {
	s, _, _ := editServer(t)
	page := newBrowser(t, s.Handler()).do("GET", "/p/midshire-highways/edit", nil)
	doc, err := html.Parse(page.Body)
	if err != nil {
		t.Fatal(err)
	}
	var first string
	var walk func(n *html.Node) bool
	walk = func(n *html.Node) bool {
		if n.Type == html.ElementNode && n.Data == "button" {
			for _, a := range n.Attr {
				if a.Key == "value" {
					first = a.Val
				}
			}
			return true
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if walk(c) {
				return true
			}
		}
		return false
	}
	for n := range doc.Descendants() {
		if n.Type == html.ElementNode && n.Data == "form" {
			walk(n)
			break
		}
	}
	if first != "save" {
		t.Errorf("the form's first button is %q; want save", first)
	}
}

// TestSaveSelection: ticking and unticking edits [select] as little as it
// can, for a profile selecting by theme and one with no [select] at all.
func TestSaveSelection(t *testing.T) {
	for _, tc := range []struct {
		name string
		edit func(src string) string
	}{
		{"by theme", func(src string) string { return src }},
		{"no select", func(src string) string {
			i := strings.Index(src, "[select]")
			j := strings.Index(src, "[placeholders]")
			return src[:i] + src[j:]
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s, lib, dir := editServer(t)
			const name = "dyffryn-tywi-cleaning"
			path := filepath.Join(dir, name+".toml")
			src, _ := os.ReadFile(path)
			os.WriteFile(path, []byte(tc.edit(string(src))), 0o644)
			before, _ := loadProfile(t, lib, path)
			if before == nil {
				t.Fatal("the profile does not load")
			}
			b := newBrowser(t, s.Handler())
			page := b.do("GET", "/p/"+name+"/edit", nil)
			v := formValues(t, page.Body.Bytes(), "/p/"+name+"/edit")
			v.Set("action", "save")
			picks := v["pick"]
			drop := picks[0] // picked by its theme, or by having no [select]
			var add string
			for _, id := range v["shown"] {
				if !slices.Contains(picks, id) {
					add = id
					break
				}
			}
			want := append(slices.DeleteFunc(slices.Clone(picks), func(x string) bool { return x == drop }), add)
			v["pick"] = want
			if rec := b.do("POST", "/p/"+name+"/edit", v); rec.Code != http.StatusSeeOther {
				t.Fatalf("POST: %d %s", rec.Code, rec.Body)
			}
			after, list := loadProfile(t, lib, path)
			if after == nil {
				t.Fatal(list.Err())
			}
			got := choiceIDs(after)
			slices.Sort(got)
			slices.Sort(want)
			if add == "" {
				want = slices.DeleteFunc(want, func(x string) bool { return x == "" })
			}
			if !slices.Equal(got, want) {
				t.Errorf("selected after saving:\n got %v\nwant %v", got, want)
			}
		})
	}
}
