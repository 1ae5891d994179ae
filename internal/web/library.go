package web

import (
	"cmp"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/goldenthread/goldenthread/internal/diag"
	"github.com/goldenthread/goldenthread/internal/library"
	"github.com/goldenthread/goldenthread/internal/model"
)

// libraryData is the library page: the search as asked, the choices of
// each filter, and the clauses found, by theme.
type libraryData struct {
	Q                               string
	Theme, Stage, Nation, Lever     string
	Themes, Stages, Nations, Levers []option
	Notes                           []string // parts of the search left out, and why
	Searched                        bool     // words or a filter were given
	Count, Total                    int
	Groups                          []resultGroup
}

// resultGroup is the clauses found in one theme.
type resultGroup struct {
	ID, Title string
	Clauses   []clauseResult
}

// clauseResult is one clause found.
type clauseResult struct {
	Href           string
	Title, Summary []segment
	Tags           []string
}

func (s *Server) libraryIndex(w http.ResponseWriter, r *http.Request) {
	lib := s.library(w, r)
	if lib == nil {
		return
	}
	q := r.URL.Query()
	d := libraryData{Total: len(lib.Clauses)}
	d.Q = strings.TrimSpace(q.Get("q"))
	if utf8.RuneCountInString(d.Q) > maxQuery {
		d.Q = string([]rune(d.Q)[:maxQuery])
		d.Notes = append(d.Notes, fmt.Sprintf("Only the first %d characters of the search were used.", maxQuery))
	}
	d.Themes = []option{{"", "Any theme"}}
	for _, t := range lib.Themes {
		d.Themes = append(d.Themes, option{t.ID, t.Title})
	}
	d.Stages = []option{{"", "Any stage"}}
	for _, st := range model.Stages {
		d.Stages = append(d.Stages, option{string(st), cmp.Or(s.cfg.Templates.Labels.Stage[string(st)], string(st))})
	}
	d.Nations = append([]option{{"", "Any nation"}}, nationOptions(lib.Library)...)
	d.Levers = []option{{"", "Any lever"}}
	for _, l := range library.Levers {
		d.Levers = append(d.Levers, option{l, s.leverLabel(l)})
	}
	// A filter with a value the library does not have is left out, and
	// the page says so: an old bookmark still shows something.
	for _, f := range []struct {
		key, what string
		dst       *string
		opts      []option
	}{
		{"theme", "theme", &d.Theme, d.Themes},
		{"stage", "stage", &d.Stage, d.Stages},
		{"nation", "nation", &d.Nation, d.Nations},
		{"lever", "lever", &d.Lever, d.Levers},
	} {
		v := q.Get(f.key)
		if v == "" {
			continue
		}
		if !slices.ContainsFunc(f.opts[1:], func(o option) bool { return o.Value == v }) {
			d.Notes = append(d.Notes, fmt.Sprintf("There is no %s %q, so the list is not narrowed by %s.", f.what, clip(v, 40), f.what))
			continue
		}
		*f.dst = v
	}
	filter := clauseFilter{Theme: d.Theme, Stage: d.Stage, Nation: d.Nation, Lever: d.Lever}
	words := queryWords(d.Q)
	if d.Q != "" && len(words) == 0 {
		d.Notes = append(d.Notes, "The search holds no letters or numbers, so it was left out.")
	}
	d.Searched = len(words) > 0 || filter != clauseFilter{}
	hits := s.clauseIndex(lib).search(words, filter)
	d.Count = len(hits)
	d.Groups = s.groups(lib, hits, words)
	s.render(w, r, http.StatusOK, "library", "Clause library", "library", d)
}

// groups puts the clauses found under their themes. Themes come in the
// order of their best clause: library order when nothing was searched for,
// best match first when words were.
func (s *Server) groups(lib *Library, hits []hit, words []string) []resultGroup {
	var out []resultGroup
	at := map[string]int{}
	for _, h := range hits {
		c := h.e.c
		i, ok := at[c.Theme]
		if !ok {
			title := c.Theme
			if t := lib.Theme(c.Theme); t != nil {
				title = t.Title
			}
			i = len(out)
			at[c.Theme] = i
			out = append(out, resultGroup{ID: c.Theme, Title: title})
		}
		out[i].Clauses = append(out[i].Clauses, clauseResult{
			Href:    clauseHref(c.ID),
			Title:   h.e.title.marks(words),
			Summary: h.e.summary.marks(words),
			Tags:    s.tags(lib, c),
		})
	}
	return out
}

// tags are what a result says of a clause besides its title: its stages,
// its lever and its nations.
func (s *Server) tags(lib *Library, c *library.Clause) []string {
	var out []string
	for _, st := range c.Stages {
		out = append(out, cmp.Or(s.cfg.Templates.Labels.Stage[string(st)], string(st)))
	}
	out = append(out, s.leverLabel(c.Lever))
	return append(out, nationNames(lib.Library, c.Jurisdictions)...)
}

func (s *Server) leverLabel(l string) string { return cmp.Or(s.cfg.Templates.Labels.Lever[l], l) }

func clauseHref(id string) string { return "/library/" + url.PathEscape(id) }

// nationNames names nations by their ids.
func nationNames(lib *library.Library, ids []string) []string {
	var out []string
	for _, id := range ids {
		name := id
		for _, n := range lib.Nations {
			if n.ID == id {
				name = n.Name
			}
		}
		out = append(out, name)
	}
	return out
}

// clip shortens s to at most n characters, marking the cut.
func clip(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n]) + "…"
}

// clauseData is one clause's page, with the words show prints beside each
// part (L, from templates/en/show.toml).
type clauseData struct {
	ID, Title                                        string
	L                                                map[string]string
	ThemeHref, Theme                                 string
	Facts                                            []fact
	Ask, Requirement, Rationale, LegalBasis, Caution []string
	Evidence                                         []string
	Question                                         *questionView
	KPIs                                             []kpiView
	Sources                                          []library.Source
	Related                                          []link
	Variants                                         []variantView
}

// fact is one line of the clause's particulars: a label and its values.
type fact struct {
	Label  string
	Values []string
}

type questionView struct {
	Heading, Title string
	Text, Guidance []string
	Meta           string // scale, weight and pass mark
}

type kpiView struct{ Name, Target, Unit, Frequency string }

// variantView is one variant: where it applies and what it changes.
type variantView struct {
	Heading string
	Changes []change
	Sources []library.Source
}

type change struct {
	Label string
	Paras []string
}

// showWords are the labels of templates/en/show.toml the clause page uses.
var showWords = []string{
	"id", "theme", "stages", "lever", "status", "applies_in", "sectors", "tags", "toolkit_pages", "review_by",
	"ask", "requirement", "rationale", "legal_basis", "caution", "evidence", "guidance", "kpis", "sources", "title",
}

func (s *Server) clausePage(w http.ResponseWriter, r *http.Request) {
	lib := s.library(w, r)
	if lib == nil {
		return
	}
	id := r.PathValue("id")
	c := lib.Clause(id)
	if c == nil {
		p := problem{Kind: "not-found", Message: fmt.Sprintf("There is no clause %q in the library.", clip(id, 80)), Back: "/library"}
		if near := diag.Suggest(strings.ToLower(id), lib.IDs()); near != "" {
			p.Suggest = &link{Href: clauseHref(near), Text: lib.Clause(near).Title}
		}
		s.failWith(w, r, http.StatusNotFound, p)
		return
	}
	s.render(w, r, http.StatusOK, "clause", c.Title, "library", s.clauseData(lib, c))
}

func (s *Server) clauseData(lib *Library, c *library.Clause) clauseData {
	words := s.cfg.Templates.Words
	l := map[string]string{}
	for _, k := range showWords {
		l[k] = capitalise(strings.TrimSuffix(strings.TrimSpace(words.Get("show."+k)), ":"))
	}
	labels := s.cfg.Templates.Labels
	d := clauseData{
		ID: c.ID, Title: c.Title, L: l,
		Theme: c.Theme, ThemeHref: "/library?theme=" + url.QueryEscape(c.Theme),
		Ask: library.SplitParagraphs(c.Ask), Requirement: library.SplitParagraphs(c.Requirement),
		Rationale: library.SplitParagraphs(c.Rationale), LegalBasis: library.SplitParagraphs(c.LegalBasis),
		Caution: library.SplitParagraphs(c.Caution), Evidence: c.Evidence, Sources: c.Sources,
	}
	if t := lib.Theme(c.Theme); t != nil {
		d.Theme = t.Title
	}
	var stages []string
	for _, st := range c.Stages {
		stages = append(stages, cmp.Or(labels.Stage[string(st)], string(st)))
	}
	d.Facts = []fact{
		{l["stages"], stages},
		{l["lever"], []string{s.leverLabel(c.Lever)}},
		{l["status"], []string{cmp.Or(labels.Status[c.Status], c.Status)}},
		{l["applies_in"], nationNames(lib.Library, c.Jurisdictions)},
		{l["sectors"], codeLabels(c.Sectors)},
		{"Categories", codeLabels(c.Categories)},
		{"Kinds of employer", codeLabels(c.Kinds)},
		{"Regimes", s.regimeNames(c.Regimes)},
		{l["tags"], c.Tags},
	}
	if len(c.ToolkitPages) > 0 {
		var ps []string
		for _, p := range c.ToolkitPages {
			ps = append(ps, strconv.Itoa(p))
		}
		d.Facts = append(d.Facts, fact{l["toolkit_pages"], []string{strings.Join(ps, ", ")}})
	}
	if c.ReviewBy != nil {
		d.Facts = append(d.Facts, fact{l["review_by"], []string{c.ReviewBy.Format(time.DateOnly)}})
	}
	d.Facts = append(d.Facts, fact{l["id"], []string{c.ID}})
	d.Facts = slices.DeleteFunc(d.Facts, func(f fact) bool { return len(f.Values) == 0 })
	d.Question = s.questionView(lib, c.Question, "question")
	for _, k := range c.KPIs {
		d.KPIs = append(d.KPIs, kpiView{k.Name, k.Target, k.Unit, codeLabel(k.Frequency)})
	}
	for _, id := range c.Related {
		if rc := lib.Clause(id); rc != nil {
			d.Related = append(d.Related, link{clauseHref(id), rc.Title})
		}
	}
	for _, v := range c.Variants {
		d.Variants = append(d.Variants, s.variantView(lib, &v, l))
	}
	return d
}

// questionView is an evaluation question as the page shows it; heading is
// the show.toml word for its heading, "question" or "variant_question".
func (s *Server) questionView(lib *Library, q *library.Question, heading string) *questionView {
	if q == nil {
		return nil
	}
	words := s.cfg.Templates.Words
	kind := cmp.Or(s.cfg.Templates.Labels.Kind[q.Kind], q.Kind)
	v := &questionView{
		Heading: fmt.Sprintf(words.Get("show."+heading), kind), Title: q.Title,
		Text: library.SplitParagraphs(q.Text), Guidance: library.SplitParagraphs(q.Guidance),
	}
	var meta []string
	if q.Scale != "" {
		scale := q.Scale
		if sc := lib.Scales[q.Scale]; sc != nil {
			scale = sc.Title
		}
		meta = append(meta, fmt.Sprintf(words.Get("show.scale"), scale))
	}
	if q.Weight != nil {
		meta = append(meta, fmt.Sprintf(words.Get("show.weight"), strconv.FormatFloat(*q.Weight, 'g', -1, 64)))
	}
	if q.PassMark != nil {
		meta = append(meta, fmt.Sprintf(words.Get("show.pass_mark"), strconv.FormatFloat(*q.PassMark, 'g', -1, 64)))
	}
	v.Meta = capitalise(strings.Join(meta, "; "))
	return v
}

func (s *Server) variantView(lib *Library, v *library.Variant, l map[string]string) variantView {
	labels := s.cfg.Templates.Labels
	var where []string
	where = append(where, nationNames(lib.Library, v.Jurisdictions)...)
	where = append(where, codeLabels(v.Kinds)...)
	where = append(where, s.regimeNames(v.Regimes)...)
	if v.London != nil {
		where = append(where, map[bool]string{true: "work in London", false: "work outside London"}[*v.London])
	}
	if len(where) == 0 {
		where = []string{v.Conditions()}
	}
	out := variantView{Heading: fmt.Sprintf(s.cfg.Templates.Words.Get("show.variant"), strings.Join(where, "; ")), Sources: v.Sources}
	add := func(label, text string) {
		if ps := library.SplitParagraphs(text); len(ps) > 0 {
			out.Changes = append(out.Changes, change{label, ps})
		}
	}
	add(l["title"], v.Title)
	if v.Lever != "" {
		add(l["lever"], s.leverLabel(v.Lever))
	}
	if v.Status != "" {
		add(l["status"], cmp.Or(labels.Status[v.Status], v.Status))
	}
	add(l["ask"], v.Ask)
	add(l["requirement"], v.Requirement)
	add(l["rationale"], v.Rationale)
	add(l["legal_basis"], v.LegalBasis)
	add(l["caution"], v.Caution)
	if len(v.Evidence) > 0 {
		out.Changes = append(out.Changes, change{l["evidence"], v.Evidence})
	}
	if q := s.questionView(lib, v.Question, "variant_question"); q != nil {
		paras := q.Text
		if q.Title != "" {
			paras = append([]string{q.Title}, paras...)
		}
		out.Changes = append(out.Changes, change{q.Heading, paras})
		if len(q.Guidance) > 0 {
			out.Changes = append(out.Changes, change{l["guidance"], q.Guidance})
		}
	}
	return out
}

func (s *Server) regimeNames(ids []string) []string {
	var out []string
	for _, id := range ids {
		name := id
		for _, rg := range s.cfg.Templates.Labels.Regimes {
			if rg.ID == id {
				name = rg.Name
			}
		}
		out = append(out, name)
	}
	return out
}

func codeLabels(codes []string) []string {
	var out []string
	for _, c := range codes {
		out = append(out, codeLabel(c))
	}
	return out
}

// capitalise puts the first letter of s in upper case: show's labels are
// written for a line of text, the page's stand on their own. A word of
// two letters ("id") is an abbreviation, all in capitals.
func capitalise(s string) string {
	if len(s) <= 2 {
		return strings.ToUpper(s)
	}
	r, n := utf8.DecodeRuneInString(s)
	return strings.ToUpper(string(r)) + s[n:]
}
