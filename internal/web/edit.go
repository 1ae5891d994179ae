package web

import (
	"bytes"
	"cmp"
	"crypto/rand"
	"errors"
	"fmt"
	"maps"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/goldenthread/goldenthread/internal/diag"
	"github.com/goldenthread/goldenthread/internal/library"
	"github.com/goldenthread/goldenthread/internal/model"
	"github.com/goldenthread/goldenthread/internal/profile"
	"github.com/goldenthread/goldenthread/internal/tomldoc"
	"github.com/goldenthread/goldenthread/internal/tomledit"
)

// editData is the profile form as the template draws it.
type editData struct {
	Name    string
	Version string
	Fields  map[string]fieldView
	Groups  []pickGroup
	Shown   []string
	Weights []weightRow
	Total   string
	TotalOK bool
	Holders []holderRow
	Errors  []fieldError // the summary: the form's own and the profile's problems
	// WeightErrors are the problems with the weights, shown by them.
	WeightErrors []fieldError
	Others       []shownProblem // problems no field of the form holds
	Notice       string
	Saved        bool
	Created      bool
	Conflict     bool
	Scoring      bool // the profile has a [scoring] table
}

// fieldView is a simple field with its value and problems.
type fieldView struct {
	simpleField
	ID     string
	Value  string
	Errors []fieldError
}

// fieldID is the id of the control for a field's path.
func fieldID(path string) string { return "f-" + strings.ReplaceAll(path, ".", "-") }

func (s *Server) editForm(w http.ResponseWriter, r *http.Request) {
	name, src, ver, lib, c, ok := s.openChecked(w, r)
	if !ok {
		return
	}
	if c.prof == nil {
		s.render(w, r, http.StatusOK, "broken", "Put these problems right first", "profiles", struct {
			Name     string
			Problems []shownProblem
		}{name, s.showProblems(lib.Library, c.list)})
		return
	}
	q := r.URL.Query()
	saved, created := q.Get("saved") == "1", q.Get("created") == "1"
	if note, ok := s.flashes.take(q.Get("note")); ok {
		// A save with something to tell: drawn for this browser alone.
		d := s.editView(lib.Library, name, c.prof, stateOf(c.prof, ver), src, c.list, nil)
		d.Saved, d.Created, d.Notice = saved, created, note
		s.render(w, r, http.StatusOK, "edit", "Edit "+name, "profiles", d)
		return
	}
	// The form is the same for every browser opening the same profile
	// bytes, but it is some 400 KB that takes milliseconds to draw: under
	// load, drawing it again for every request was most of the app's work.
	// So it is drawn once, with a stand-in for the browser's own CSRF
	// token, and cached like the outputs.
	key := s.key(lib, name, src, fmt.Sprintf("edit-page saved=%t created=%t", saved, created))
	v, err := s.cache.getLight(r.Context(), key, func() (any, int64, error) {
		d := s.editView(lib.Library, name, c.prof, stateOf(c.prof, ver), src, c.list, nil)
		d.Saved, d.Created = saved, created
		var buf bytes.Buffer
		err := s.draw(&buf, "edit", view{Title: "Edit " + name, Nav: "profiles", CSRF: s.csrfMark, Version: s.cfg.Version, Data: d})
		return buf.Bytes(), int64(buf.Len()), err
	})
	switch {
	case r.Context().Err() != nil:
		return
	case err != nil:
		drawFailed(w, "edit", err)
		return
	}
	page, mark, token := v.([]byte), []byte(s.csrfMark), []byte(s.csrfToken(r))
	writePage(w, http.StatusOK, nil)
	for {
		i := bytes.Index(page, mark)
		if i < 0 {
			w.Write(page)
			return
		}
		w.Write(page[:i])
		w.Write(token)
		page = page[i+len(mark):]
	}
}

// context is what the form's clause list is drawn for: the employer and
// procurement as entered.
func (st formState) context() library.Context {
	return library.Context{
		Nation: st.Values["employer.nation"], Kind: st.Values["employer.kind"],
		Regime: st.Values["procurement.regime"], London: st.Values["procurement.london"] == "on",
	}
}

// offered says whether the form offers clause c for the state's employer
// and procurement, as profile.Load would keep it once selected.
func (st formState) offered(c *library.Clause) bool {
	cat, sector := st.Values["procurement.category"], st.Values["procurement.sector"]
	return c.Applies(st.context()) &&
		(len(c.Categories) == 0 || cat == "" || slices.Contains(c.Categories, cat)) &&
		(sector == "" || len(c.Sectors) == 0 || slices.Contains(c.Sectors, "all") || slices.Contains(c.Sectors, sector))
}

// candidates are the library's clauses and the profile's own.
func candidates(lib *library.Library, prof *profile.Profile) []*library.Clause {
	out := slices.Clone(lib.Clauses)
	for i := range prof.Clauses {
		out = append(out, &prof.Clauses[i])
	}
	return out
}

// editView builds the form for st. problems are the profile's (their
// lines are in src); formErrs the form's own.
func (s *Server) editView(lib *library.Library, name string, prof *profile.Profile, st formState, src []byte, problems diag.List, formErrs []fieldError) editData {
	d := editData{Name: name, Version: st.Version, Fields: map[string]fieldView{}, Scoring: prof.Scoring != nil}
	fields := s.fields(lib)
	for _, f := range fields {
		d.Fields[f.Path] = fieldView{simpleField: f, ID: fieldID(f.Path), Value: st.Values[f.Path]}
	}
	ctx := st.context()
	lb := s.cfg.Templates.Labels
	groups := map[model.Stage]*pickGroup{}
	// The asks are shown as the documents word them: placeholders filled
	// with the profile's values, or the library's.
	values := map[string]string{}
	for name, ph := range lib.Placeholders {
		values[name] = ph.Default
	}
	for name, v := range prof.Placeholders {
		values[name] = v
	}
	for name, v := range st.Holders {
		if v != "" {
			values[name] = v
		}
	}
	values["employer"] = cmp.Or(st.Values["employer.name"], values["employer"])
	fill := func(s string) string { return library.Fill(s, values) }
	for _, c := range candidates(lib, prof) {
		if !st.offered(c) && !st.Picked[c.ID] {
			continue
		}
		wd := c.Resolve(ctx)
		own := c.Origin.Layer == library.LayerProfile
		row := pickRow{
			ID: c.ID, Title: fill(cmp.Or(wd.Title, c.Title)), Summary: firstSentence(fill(cmp.Or(wd.Ask, c.Ask))),
			Picked: st.Picked[c.ID], Own: own, Rank: st.Rank[c.ID], Ask: st.Ask[c.ID], Req: st.Req[c.ID],
			LibAsk: fill(cmp.Or(wd.Ask, c.Ask)), LibReq: fill(cmp.Or(wd.Requirement, c.Requirement)),
		}
		row.Search = strings.ToLower(row.Title + " " + row.Summary + " " + c.ID)
		d.Shown = append(d.Shown, c.ID)
		stage := c.FirstStage()
		g := groups[stage]
		if g == nil {
			g = &pickGroup{Stage: string(stage), Label: cmp.Or(lb.Stage[string(stage)], string(stage))}
			groups[stage] = g
		}
		theme := c.Theme
		if t := lib.Theme(c.Theme); t != nil {
			theme = t.Title
		}
		if n := len(g.Themes); n == 0 || g.Themes[n-1].Title != theme {
			g.Themes = append(g.Themes, pickTheme{Title: theme})
		}
		g.Themes[len(g.Themes)-1].Rows = append(g.Themes[len(g.Themes)-1].Rows, row)
		if q := wd.Question; st.Picked[c.ID] && q != nil && q.Kind == "scored" {
			d.Weights = append(d.Weights, weightRow{ID: c.ID, Title: cmp.Or(q.Title, row.Title), Weight: st.Weight[c.ID]})
		}
	}
	for _, stage := range model.Stages {
		if g := groups[stage]; g != nil {
			d.Groups = append(d.Groups, *g)
		}
	}
	total, ok := weightTotal(d.Weights)
	d.Total, d.TotalOK = num(total), ok && total > 99.999 && total < 100.001
	if !ok {
		d.Total = "not a number"
	}
	d.Holders = s.holders(lib, prof, st)
	d.Errors = formErrs
	d.mapProblems(src, problems, prof, func(m string) string { return plain(lib, s.cfg.Templates.Labels.Stage, m) })
	return d
}

// holders lists the placeholders the picked clauses use, and any the
// profile sets, with what is entered.
func (s *Server) holders(lib *library.Library, prof *profile.Profile, st formState) []holderRow {
	used := map[string]bool{}
	for name := range st.Holders {
		used[name] = true
	}
	for _, c := range candidates(lib, prof) {
		if !st.Picked[c.ID] {
			continue
		}
		wd := c.Resolve(st.context())
		texts := []string{wd.Ask, wd.Requirement, wd.Rationale, wd.Caution, c.Ask, c.Requirement}
		for _, k := range c.KPIs {
			texts = append(texts, k.Target, k.Name)
		}
		if q := wd.Question; q != nil {
			texts = append(texts, q.Text, q.Guidance)
		}
		for _, t := range texts {
			for _, m := range placeholderRE.FindAllStringSubmatch(t, -1) {
				used[m[1]] = true
			}
		}
	}
	var out []holderRow
	for _, name := range slices.Sorted(maps.Keys(used)) {
		ph := lib.Placeholders[name]
		if ph == nil {
			continue
		}
		out = append(out, holderRow{Name: name, Description: ph.Description, Default: ph.Default, Value: st.Holders[name]})
	}
	return out
}

// mapProblems puts each of the profile's problems next to the field it
// concerns, found by the line the problem points at; the rest go in
// Others. Every error also goes in the summary.
func (d *editData) mapProblems(src []byte, problems diag.List, prof *profile.Profile, word func(string) string) {
	lines := map[int]string{} // line → control id
	loc := tomldoc.Locate(string(src))
	mark := func(p tomldoc.Path, id string) {
		if pos, ok := loc.Key(p); ok && lines[pos.Line] == "" {
			lines[pos.Line] = id
		}
	}
	for path, f := range d.Fields {
		mark(tomldoc.Path(strings.Split(path, ".")), f.ID)
	}
	for i, o := range prof.Overrides {
		for _, k := range []string{"id", "weight", "ask", "requirement"} {
			id := map[string]string{"id": "pick-", "weight": "weight-", "ask": "ask-", "requirement": "req-"}[k] + o.ID
			if k == "weight" {
				id = "weight-" + o.ID
			}
			mark(tomldoc.Path{"override", strconv.Itoa(i), k}, id)
		}
	}
	for name := range prof.Placeholders {
		mark(tomldoc.Path{"placeholders", name}, "ph-"+name)
	}
	mark(tomldoc.Path{"select"}, "clauses")
	for _, k := range []string{"ids", "themes", "stages", "tags", "exclude"} {
		mark(tomldoc.Path{"select", k}, "clauses")
	}
	mark(tomldoc.Path{"select", "priorities"}, "clauses")
	mark(tomldoc.Path{"scoring"}, "weights")
	for _, p := range problems {
		if p.Severity == diag.Note {
			continue
		}
		id := lines[p.Pos.Line]
		// A figure the library says is due for review is reported where
		// the profile could set it: put it by that placeholder's box.
		msg := word(p.Msg)
		if m := placeholderRE.FindStringSubmatch(p.Msg); m != nil && strings.Contains(p.Msg, "uses "+m[0]) {
			if i := slices.IndexFunc(d.Holders, func(h holderRow) bool { return h.Name == m[1] }); i >= 0 {
				id = "ph-" + m[1]
				here := msg
				if before, _, ok := strings.Cut(here, ": check the current figure"); ok {
					here = before + ": check the current figure and enter it here"
				}
				d.Holders[i].Errors = append(d.Holders[i].Errors, fieldError{Field: id, Message: here})
				if p.Severity == diag.Error {
					d.Errors = append(d.Errors, fieldError{Field: id, Message: here})
				}
				continue
			}
		}
		sp := shownProblem{Line: p.Pos.Line, Error: p.Severity == diag.Error, Message: msg}
		switch {
		case id == "":
			d.Others = append(d.Others, sp)
		case id == "weights":
			d.WeightErrors = append(d.WeightErrors, fieldError{Field: id, Message: msg})
		case strings.HasPrefix(id, "f-"):
			for path, f := range d.Fields {
				if f.ID == id {
					f.Errors = append(f.Errors, fieldError{Field: id, Message: msg})
					d.Fields[path] = f
				}
			}
		default:
			d.Others = append(d.Others, sp)
		}
		if p.Severity == diag.Error {
			d.Errors = append(d.Errors, fieldError{Field: id, Message: msg})
		}
	}
}

func (s *Server) save(w http.ResponseWriter, r *http.Request) {
	if !s.parseForm(w, r) {
		return
	}
	name, src, ver, lib, c, ok := s.openChecked(w, r)
	if !ok {
		return
	}
	if c.prof == nil {
		http.Redirect(w, r, "/p/"+url.PathEscape(name)+"/edit", http.StatusSeeOther)
		return
	}
	st := stateFrom(r, s.fields(lib.Library), lib.Library)
	shown := r.PostForm["shown"]
	redraw := func(status int, notice string, errs []fieldError, problems diag.List, at []byte) {
		d := s.editView(lib.Library, name, c.prof, st, at, problems, errs)
		d.Notice, d.Conflict = notice, status == http.StatusConflict
		s.render(w, r, status, "edit", "Edit "+name, "profiles", d)
	}
	if st.Version != ver {
		redraw(http.StatusConflict, "", nil, nil, src)
		return
	}
	if r.PostFormValue("action") == "refresh" {
		redraw(http.StatusOK, "The list of asks now follows the details you entered. Nothing is saved until you press Save.", nil, nil, src)
		return
	}
	if r.PostFormValue("action") == "share" {
		rows := s.editView(lib.Library, name, c.prof, st, src, nil, nil).Weights
		shared, ok := shareOut(rows)
		if !ok {
			redraw(http.StatusUnprocessableEntity, "", []fieldError{{Field: "weights", Message: "The weights cannot be shared out: each must be a number of 0 or more, and together they must not already be over 100"}}, nil, src)
			return
		}
		for _, row := range shared {
			st.Weight[row.ID] = row.Weight
		}
		redraw(http.StatusOK, "The rest of the 100 was shared out among the scored questions. Nothing is saved until you press Save.", nil, nil, src)
		return
	}
	changes, notes, errs := s.changes(lib.Library, c.prof, st, shown)
	if len(errs) > 0 {
		redraw(http.StatusUnprocessableEntity, "", errs, nil, src)
		return
	}
	if len(changes) == 0 {
		http.Redirect(w, r, "/p/"+url.PathEscape(name)+"/edit?saved=1", http.StatusSeeOther)
		return
	}
	out, err := tomledit.Apply(name+".toml", src, changes)
	if err != nil {
		s.failBack(w, r, http.StatusInternalServerError, "save", "goldenthread could not write your changes into the profile safely, so nothing was saved: "+err.Error(), "/p/"+url.PathEscape(name)+"/edit")
		return
	}
	prof, list := profile.Load(lib.Library, name+".toml", out, s.cfg.Now())
	if prof == nil {
		redraw(http.StatusUnprocessableEntity, "Your changes were not saved: put these problems right first.", nil, list, out)
		return
	}
	if err := checkPicked(prof, st, shown); err != nil {
		s.failBack(w, r, http.StatusInternalServerError, "save", "goldenthread could not save the clause selection as you made it, so nothing was saved: "+err.Error(), "/p/"+url.PathEscape(name)+"/edit")
		return
	}
	switch err := s.ws.write(name, out, ver, false); {
	case errors.Is(err, ErrChanged):
		redraw(http.StatusConflict, "", nil, nil, src)
		return
	case err != nil:
		s.failBack(w, r, http.StatusInternalServerError, "save", "goldenthread could not save the profile: "+err.Error(), "/p/"+url.PathEscape(name)+"/edit")
		return
	}
	q := "saved=1"
	if len(notes) > 0 {
		// The note stays on the server: text in an address could be
		// anyone's words made to look like the app's.
		q += "&note=" + s.flashes.put(strings.Join(notes, " "))
	}
	http.Redirect(w, r, "/p/"+url.PathEscape(name)+"/edit?"+q, http.StatusSeeOther)
}

// checkPicked confirms the saved profile selects what the form picked,
// among the clauses it showed that apply.
func checkPicked(prof *profile.Profile, st formState, shown []string) error {
	got := map[string]bool{}
	for _, ch := range prof.Choices {
		got[ch.Clause.ID] = true
	}
	for _, id := range shown {
		if st.Picked[id] && !got[id] && st.offered(clauseByID(prof, id)) {
			return fmt.Errorf("clause %s would not be selected", id)
		}
		if !st.Picked[id] && got[id] {
			return fmt.Errorf("clause %s would still be selected", id)
		}
	}
	return nil
}

func clauseByID(prof *profile.Profile, id string) *library.Clause {
	for _, ch := range prof.Choices {
		if ch.Clause.ID == id {
			return ch.Clause
		}
	}
	return &library.Clause{ID: id}
}

// changes works out the edits of the file that make it say what the form
// says. notes tell the rep of edits they may not expect; errs are entries
// the file cannot hold, and nothing is changed while there are any.
func (s *Server) changes(lib *library.Library, prof *profile.Profile, st formState, shown []string) (changes []tomledit.Change, notes []string, errs []fieldError) {
	old := stateOf(prof, "")
	set := func(path string, v any) {
		changes = append(changes, tomledit.Change{Path: tomldoc.Path(strings.Split(path, ".")), Value: v})
	}
	hasScoring := prof.Scoring != nil
	panel, bidders := splitLines(st.Values["scoring.panel"]), splitLines(st.Values["scoring.bidders"])
	for _, f := range s.fields(lib) {
		nv, ov := st.Values[f.Path], old.Values[f.Path]
		id := fieldID(f.Path)
		if f.Kind == "text" || f.Kind == "textarea" {
			nv = library.OneLine(nv)
		}
		if f.Need && strings.TrimSpace(nv) == "" {
			errs = append(errs, errorf(id, "Enter the %s", strings.ToLower(f.Label)))
			continue
		}
		if f.Kind == "select" && nv != "" && !slices.ContainsFunc(f.Options, func(o option) bool { return o.Value == nv }) {
			errs = append(errs, errorf(id, "Choose the %s from the list", strings.ToLower(f.Label)))
			continue
		}
		if nv == ov {
			continue
		}
		if strings.HasPrefix(f.Path, "scoring.") && !hasScoring && len(panel) == 0 && len(bidders) == 0 {
			if nv != "" && f.Path != "scoring.scale" {
				errs = append(errs, errorf(id, "Enter the panel and the bidders to set up the evaluation"))
			}
			continue
		}
		switch f.Kind {
		case "date":
			if nv == "" {
				set(f.Path, nil)
				continue
			}
			t, err := time.Parse(time.DateOnly, nv)
			if err != nil {
				errs = append(errs, errorf(id, "Enter the %s as a date, such as 2027-03-31", strings.ToLower(f.Label)))
				continue
			}
			set(f.Path, t)
		case "check":
			set(f.Path, nv == "on")
		case "number":
			if nv == "" {
				set(f.Path, nil)
				continue
			}
			v, err := strconv.ParseFloat(nv, 64)
			if err != nil {
				errs = append(errs, errorf(id, "Enter the %s as a number, such as 20", strings.ToLower(f.Label)))
				continue
			}
			set(f.Path, numberValue(v))
		case "lines":
			ls := splitLines(nv)
			if len(ls) == 0 {
				set(f.Path, nil)
				continue
			}
			set(f.Path, ls)
		default:
			if nv == "" {
				set(f.Path, nil)
				continue
			}
			set(f.Path, nv)
		}
	}
	// The clauses.
	picked := 0
	for _, id := range shown {
		if st.Picked[id] {
			picked++
		}
	}
	if picked == 0 {
		errs = append(errs, errorf("clauses", "Pick at least one ask"))
	}
	changes = append(changes, selectChanges(lib, prof, st, shown)...)
	// Priorities: by rank, then library order.
	type ranked struct {
		id   string
		rank int
		at   int
	}
	var rs []ranked
	for i, id := range shown {
		txt := st.Rank[id]
		if txt == "" || !st.Picked[id] {
			continue
		}
		n, err := strconv.Atoi(txt)
		if err != nil || n < 1 || n > 99 {
			errs = append(errs, errorf("rank-"+id, "Enter the priority as a whole number from 1 to 99, or leave it empty"))
			continue
		}
		rs = append(rs, ranked{id, n, i})
	}
	slices.SortStableFunc(rs, func(a, b ranked) int { return cmp.Or(cmp.Compare(a.rank, b.rank), cmp.Compare(a.at, b.at)) })
	prio := []string{}
	for _, r := range rs {
		prio = append(prio, r.id)
	}
	if !slices.Equal(prio, prof.Priorities()) || (prof.Select != nil && prof.Select.Priorities != nil && !slices.Equal(prio, prof.Select.Priorities)) {
		set("select.priorities", prio)
	}
	// Overrides of wording and weight.
	oc, onotes, oerrs := overrideChanges(prof, st, shown)
	changes, notes, errs = append(changes, oc...), append(notes, onotes...), append(errs, oerrs...)
	// Placeholders.
	for _, name := range slices.Sorted(maps.Keys(st.Holders)) {
		nv, ov := library.OneLine(st.Holders[name]), prof.Placeholders[name]
		if nv == ov {
			continue
		}
		if nv == "" {
			if _, ok := prof.Placeholders[name]; ok {
				changes = append(changes, tomledit.Change{Path: tomldoc.Path{"placeholders", name}})
			}
			continue
		}
		changes = append(changes, tomledit.Change{Path: tomldoc.Path{"placeholders", name}, Value: nv})
	}
	if len(errs) > 0 {
		return nil, nil, errs
	}
	return changes, notes, nil
}

// numberValue is a whole number as an integer, so the file says 20, not
// 20.0.
func numberValue(v float64) any {
	if v == float64(int64(v)) {
		return int64(v)
	}
	return v
}

// splitLines is the non-empty lines of a text area, trimmed.
func splitLines(s string) []string {
	var out []string
	for l := range strings.SplitSeq(s, "\n") {
		if l = library.OneLine(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}

// selectChanges edits [select] so that the clauses shown are selected as
// picked, changing as little as it can: a clause picked is taken out of
// exclude or else added to ids; a clause unpicked is taken out of ids or
// else added to exclude. Clauses not shown keep their selection.
func selectChanges(lib *library.Library, prof *profile.Profile, st formState, shown []string) []tomledit.Change {
	sel := prof.Select
	if sel == nil {
		// Every clause that applies was selected. Say so as a list: the
		// picked library clauses (a branch's own clauses need no id).
		changed := false
		for _, id := range shown {
			if !st.Picked[id] {
				changed = true
			}
		}
		if !changed {
			return nil
		}
		var ids, exclude []string
		for _, c := range candidates(lib, prof) {
			own := c.Origin.Layer == library.LayerProfile
			switch {
			case st.Picked[c.ID] && !own:
				ids = append(ids, c.ID)
			case !st.Picked[c.ID] && own && slices.Contains(shown, c.ID):
				exclude = append(exclude, c.ID)
			}
		}
		out := []tomledit.Change{{Path: tomldoc.Path{"select", "ids"}, Value: ids}}
		if len(exclude) > 0 {
			out = append(out, tomledit.Change{Path: tomldoc.Path{"select", "exclude"}, Value: exclude})
		}
		return out
	}
	ids, exclude := slices.Clone(sel.IDs), slices.Clone(sel.Exclude)
	own := map[string]bool{}
	for _, c := range prof.Clauses {
		own[c.ID] = true
	}
	byID := map[string]*library.Clause{}
	for _, c := range candidates(lib, prof) {
		byID[c.ID] = c
	}
	has := func(id string) bool {
		c := byID[id]
		if c == nil || slices.Contains(exclude, id) {
			return false
		}
		return own[id] || slices.Contains(ids, id) ||
			slices.Contains(sel.Themes, c.Theme) ||
			slices.ContainsFunc(sel.Stages, func(s string) bool { return slices.Contains(c.Stages, model.Stage(s)) }) ||
			slices.ContainsFunc(sel.Tags, func(t string) bool { return slices.Contains(c.Tags, t) })
	}
	for _, id := range shown {
		want := st.Picked[id]
		if want == has(id) {
			continue
		}
		if want {
			exclude = slices.DeleteFunc(exclude, func(x string) bool { return x == id })
			if !has(id) {
				ids = append(ids, id)
			}
			continue
		}
		ids = slices.DeleteFunc(ids, func(x string) bool { return x == id })
		if has(id) {
			exclude = append(exclude, id)
		}
	}
	var out []tomledit.Change
	if !slices.Equal(ids, sel.IDs) {
		out = append(out, tomledit.Change{Path: tomldoc.Path{"select", "ids"}, Value: ids})
	}
	if !slices.Equal(exclude, sel.Exclude) {
		if len(exclude) == 0 {
			out = append(out, tomledit.Change{Path: tomldoc.Path{"select", "exclude"}})
		} else {
			out = append(out, tomledit.Change{Path: tomldoc.Path{"select", "exclude"}, Value: exclude})
		}
	}
	return out
}

// overrideChanges edits the [[override]] tables for the wording and
// weights entered. An override left with nothing but its id is removed,
// and so is the override of a clause no longer picked (the file could not
// keep it: an override must be of a selected clause).
func overrideChanges(prof *profile.Profile, st formState, shown []string) (changes []tomledit.Change, notes []string, errs []fieldError) {
	choice := map[string]profile.Choice{}
	for _, ch := range prof.Choices {
		choice[ch.Clause.ID] = ch
	}
	for _, id := range shown {
		idx := slices.IndexFunc(prof.Overrides, func(o profile.Override) bool { return o.ID == id })
		var ov profile.Override
		if idx >= 0 {
			ov = prof.Overrides[idx]
		}
		if !st.Picked[id] {
			if idx >= 0 {
				changes = append(changes, tomledit.Change{Path: tomldoc.Path{"override", strconv.Itoa(idx)}})
				notes = append(notes, fmt.Sprintf("The changes you had made to %q were removed with it.", cmp.Or(ov.Title, id)))
			}
			continue
		}
		var fields []tomledit.Field
		keep := 0 // fields the override keeps
		edit := func(key, old, nw string) {
			if nw == old {
				if nw != "" {
					keep++
				}
				return
			}
			if nw == "" {
				changes = append(changes, tomledit.Change{Path: tomldoc.Path{"override", strconv.Itoa(idx), key}})
				return
			}
			keep++
			if idx >= 0 {
				changes = append(changes, tomledit.Change{Path: tomldoc.Path{"override", strconv.Itoa(idx), key}, Value: nw})
			} else {
				fields = append(fields, tomledit.Field{Key: key, Value: nw})
			}
		}
		edit("ask", ov.Ask, library.Paragraphs(st.Ask[id]))
		edit("requirement", ov.Requirement, library.Paragraphs(st.Req[id]))
		// The weight: written only when it differs from the weight the
		// question has without the form.
		if ch, ok := choice[id]; ok || st.Weight[id] != "" {
			txt := st.Weight[id]
			cur := ""
			if ok {
				if q := ch.Question(); q != nil && q.Kind == "scored" {
					cur = num(ch.Weight())
				}
			}
			switch {
			case txt == cur:
				if ov.Weight != nil {
					keep++
				}
			case txt == "":
				if ov.Weight != nil {
					changes = append(changes, tomledit.Change{Path: tomldoc.Path{"override", strconv.Itoa(idx), "weight"}})
				}
			default:
				v, err := strconv.ParseFloat(txt, 64)
				if err != nil || v < 0 || v > 100 {
					errs = append(errs, errorf("weight-"+id, "Enter the weight as a number from 0 to 100"))
					break
				}
				keep++
				if idx >= 0 {
					changes = append(changes, tomledit.Change{Path: tomldoc.Path{"override", strconv.Itoa(idx), "weight"}, Value: numberValue(v)})
				} else {
					fields = append(fields, tomledit.Field{Key: "weight", Value: numberValue(v)})
				}
			}
		}
		if idx < 0 {
			if len(fields) > 0 {
				changes = append(changes, tomledit.Change{Path: tomldoc.Path{"override", tomledit.Append}, Value: append([]tomledit.Field{{Key: "id", Value: id}}, fields...)})
			}
			continue
		}
		if keep == 0 && !hasOtherOverride(ov) {
			// Nothing left but the id: drop the table and the edits of it.
			prefix := tomldoc.Path{"override", strconv.Itoa(idx)}
			changes = slices.DeleteFunc(changes, func(c tomledit.Change) bool {
				return len(c.Path) == 3 && c.Path[0] == prefix[0] && c.Path[1] == prefix[1]
			})
			changes = append(changes, tomledit.Change{Path: prefix})
		}
	}
	return changes, notes, errs
}

// hasOtherOverride says whether an override changes more than the form
// edits: the title, the rationale, the question and so on.
func hasOtherOverride(o profile.Override) bool {
	return o.Title != "" || o.Rationale != "" || o.Caution != "" || len(o.Evidence) > 0 || o.Question != "" ||
		o.QuestionTitle != "" || o.Guidance != "" || o.Scale != "" || o.PassMark != nil || o.KPITarget != ""
}

// flashes hold a message for the page a redirect leads to, under a random
// key the address carries, each to be taken once. At most maxFlashes are
// kept: a browser that never follows its redirect leaves one behind.
type flashes struct {
	mu   sync.Mutex
	msgs map[string]string
}

const maxFlashes = 256

func (f *flashes) put(msg string) string {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.msgs == nil || len(f.msgs) >= maxFlashes {
		f.msgs = map[string]string{}
	}
	key := rand.Text()[:16]
	f.msgs[key] = msg
	return key
}

func (f *flashes) take(key string) (string, bool) {
	if key == "" {
		return "", false
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	msg, ok := f.msgs[key]
	delete(f.msgs, key)
	return msg, ok
}
