package web

import (
	"cmp"
	"fmt"
	"math"
	"net/http"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/goldenthread/goldenthread/internal/library"
	"github.com/goldenthread/goldenthread/internal/model"
	"github.com/goldenthread/goldenthread/internal/profile"
)

// The profile form: what it shows, what was entered, and how an entry
// becomes an edit of the file. A field is named by its place in the TOML
// file ("employer.name"), or by its kind and the clause or placeholder it
// concerns ("weight.living-wage.all-contract-workers").

// simpleField is one field of the form that holds one value of the file.
type simpleField struct {
	Path    string // dotted path in the file
	Label   string
	Hint    string
	Kind    string // text, textarea, date, number, select, check, lines
	Options []option
	Need    bool // must not be left empty
}

// formState is the form as drawn: from the profile, or as the rep filled
// it in.
type formState struct {
	Version  string
	Values   map[string]string // simple fields by path; checkboxes "on" or ""
	Picked   map[string]bool   // clause ids
	Rank     map[string]string // priority rank entered, by clause id
	Ask, Req map[string]string // override wording entered, by clause id
	Weight   map[string]string // question weights entered, by clause id
	Holders  map[string]string // placeholder values entered, by name
}

// fields lists the form's simple fields, in the order drawn.
func (s *Server) fields(lib *library.Library) []simpleField {
	lb := s.cfg.Templates.Labels
	var regimes, stages, scales []option
	for _, r := range lb.Regimes {
		regimes = append(regimes, option{r.ID, r.Name})
	}
	for _, st := range model.Stages {
		stages = append(stages, option{string(st), cmp.Or(lb.Stage[string(st)], string(st))})
	}
	for _, id := range lib.ScaleIDs() {
		if sc := lib.Scales[id]; !sc.PassFail {
			scales = append(scales, option{id, sc.Title})
		}
	}
	return []simpleField{
		{Path: "document.title", Label: "Title of the asks paper", Kind: "text", Need: true},
		{Path: "document.date", Label: "Date of the paper", Hint: "Leave empty to date it the day it is made.", Kind: "date"},
		{Path: "employer.name", Label: "Employer", Hint: "The public body buying, as it names itself.", Kind: "text", Need: true},
		{Path: "employer.nation", Label: "Employer's nation", Hint: "Documents speak only of this nation's law and the UK's.", Kind: "select", Options: nationOptions(lib)},
		{Path: "employer.kind", Label: "Kind of employer", Kind: "select", Options: s.kindOptions()},
		{Path: "procurement.title", Label: "Procurement", Hint: "What is being bought, as the employer calls it.", Kind: "text", Need: true},
		{Path: "procurement.reference", Label: "Procurement reference", Kind: "text"},
		{Path: "procurement.category", Label: "Contract category", Kind: "select", Options: codeOptions(library.Categories)},
		{Path: "procurement.sector", Label: "Sector", Kind: "select", Options: append([]option{{"", "Any sector"}}, codeOptions(library.Sectors[1:])...)},
		{Path: "procurement.london", Label: "The work is in London (the London Living Wage applies)", Kind: "check"},
		{Path: "procurement.estimated_value", Label: "Estimated value", Hint: "As the employer states it, such as £2m over four years.", Kind: "text"},
		{Path: "procurement.regime", Label: "Procurement rules", Kind: "select", Options: regimes},
		{Path: "procurement.stage", Label: "Where the procurement has got to", Kind: "select", Options: stages},
		{Path: "prepared_by.organisation", Label: "Prepared by", Hint: "Your branch or organisation.", Kind: "text", Need: true},
		{Path: "prepared_by.contact", Label: "Contact", Hint: "Who the employer should contact, and how.", Kind: "text"},
		{Path: "scoring.scale", Label: "Scoring scale", Kind: "select", Options: scales},
		{Path: "scoring.social_value_weighting", Label: "Share of the whole evaluation (%)", Hint: "The percentage of the total score the fair-work and equality questions carry, such as 20.", Kind: "number"},
		{Path: "scoring.panel", Label: "Evaluation panel", Hint: "One panel member on each line, as their sheets will be named.", Kind: "lines"},
		{Path: "scoring.union_nominee", Label: "Panel member the union nominates", Hint: "Exactly as written in the panel list, or leave empty.", Kind: "text"},
		{Path: "scoring.bidders", Label: "Bidders", Hint: "One bidder on each line.", Kind: "lines"},
	}
}

// stateOf is the form for a profile as saved.
func stateOf(prof *profile.Profile, ver string) formState {
	st := formState{
		Version: ver, Values: map[string]string{}, Picked: map[string]bool{}, Rank: map[string]string{},
		Ask: map[string]string{}, Req: map[string]string{}, Weight: map[string]string{}, Holders: map[string]string{},
	}
	v := st.Values
	v["document.title"] = prof.Document.Title
	if d := prof.Document.Date; d != nil {
		v["document.date"] = d.Format(time.DateOnly)
	}
	v["employer.name"], v["employer.nation"], v["employer.kind"] = prof.Employer.Name, prof.Employer.Nation, prof.Employer.Kind
	pr := prof.Procurement
	v["procurement.title"], v["procurement.reference"], v["procurement.category"] = pr.Title, pr.Reference, pr.Category
	v["procurement.sector"], v["procurement.estimated_value"] = pr.Sector, pr.EstimatedValue
	v["procurement.regime"], v["procurement.stage"] = pr.Regime, pr.Stage
	if pr.London {
		v["procurement.london"] = "on"
	}
	v["prepared_by.organisation"], v["prepared_by.contact"] = prof.PreparedBy.Organisation, prof.PreparedBy.Contact
	if sc := prof.Scoring; sc != nil {
		v["scoring.scale"] = sc.Scale
		if sc.SocialValueWeighting != nil {
			v["scoring.social_value_weighting"] = num(*sc.SocialValueWeighting)
		}
		v["scoring.panel"], v["scoring.bidders"] = strings.Join(sc.Panel, "\n"), strings.Join(sc.Bidders, "\n")
		v["scoring.union_nominee"] = sc.UnionNominee
	}
	if v["scoring.scale"] == "" {
		v["scoring.scale"] = profile.DefaultScale
	}
	for _, ch := range prof.Choices {
		id := ch.Clause.ID
		st.Picked[id] = true
		if o := ch.Override; o != nil {
			st.Ask[id], st.Req[id] = o.Ask, o.Requirement
		}
		if q := ch.Question(); q != nil && q.Kind == "scored" {
			st.Weight[id] = num(ch.Weight())
		}
	}
	for i, id := range prof.Priorities() {
		st.Rank[id] = strconv.Itoa(i + 1)
	}
	for name, val := range prof.Placeholders {
		st.Holders[name] = val
	}
	return st
}

// num writes a number as a rep would: 12, 12.5.
func num(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }

// stateFrom reads the form as posted.
func stateFrom(r *http.Request, fields []simpleField, lib *library.Library) formState {
	st := formState{
		Version: r.PostFormValue("version"), Values: map[string]string{}, Picked: map[string]bool{}, Rank: map[string]string{},
		Ask: map[string]string{}, Req: map[string]string{}, Weight: map[string]string{}, Holders: map[string]string{},
	}
	for _, f := range fields {
		st.Values[f.Path] = normalise(r.PostFormValue(f.Path))
	}
	for _, id := range r.PostForm["pick"] {
		st.Picked[id] = true
	}
	for key, vals := range r.PostForm {
		if len(vals) == 0 {
			continue
		}
		kind, id, ok := strings.Cut(key, ":")
		if !ok {
			continue
		}
		val := normalise(vals[0])
		switch kind {
		case "rank":
			st.Rank[id] = strings.TrimSpace(val)
		case "ask":
			st.Ask[id] = strings.TrimSpace(val)
		case "req":
			st.Req[id] = strings.TrimSpace(val)
		case "weight":
			st.Weight[id] = strings.TrimSpace(val)
		case "ph":
			if lib.Placeholders[id] != nil {
				st.Holders[id] = strings.TrimSpace(val)
			}
		}
	}
	return st
}

// normalise makes posted text what a file holds: line breaks as \n, no
// carriage returns or other control characters but tabs and line breaks.
func normalise(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	return strings.Map(func(r rune) rune {
		if r == '\n' || r == '\t' || (r >= ' ' && r != 0x7f && !(r >= 0x80 && r < 0xa0)) {
			return r
		}
		return -1
	}, s)
}

// placeholderRE finds {name} in clause text.
var placeholderRE = regexp.MustCompile(`\{([a-z][a-z0-9_]*)\}`)

// pickRow is one clause of the picker.
type pickRow struct {
	ID, Title, Summary string
	Picked             bool
	Own                bool // the profile's own clause
	Rank               string
	Ask, Req           string // override wording entered
	LibAsk, LibReq     string // the library's wording, as a hint
	Search             string // lower-case text the picker's filter matches
}

// pickGroup is the clauses of one stage, by theme.
type pickGroup struct {
	Stage, Label string
	Themes       []pickTheme
}

type pickTheme struct {
	Title string
	Rows  []pickRow
}

// weightRow is one scored question's weight.
type weightRow struct {
	ID, Title, Weight string
}

// holderRow is one placeholder the selected clauses use.
type holderRow struct {
	Name, Description, Default, Value string
	Errors                            []fieldError // shown by the box: warnings too
}

// firstSentence is the start of a text, for a one-line summary.
func firstSentence(s string) string {
	s = library.OneLine(s)
	if i := strings.Index(s, ". "); i > 0 && i < 240 {
		return s[:i+1]
	}
	if len(s) > 240 {
		cut := strings.LastIndex(s[:240], " ")
		return s[:max(cut, 0)] + " …"
	}
	return s
}

// weightTotal adds the weights entered for the picked scored questions;
// ok is false when one is not a number.
func weightTotal(rows []weightRow) (float64, bool) {
	var t float64
	for _, r := range rows {
		if r.Weight == "" {
			continue
		}
		f, err := strconv.ParseFloat(r.Weight, 64)
		if err != nil || f < 0 || math.IsInf(f, 0) || math.IsNaN(f) {
			return 0, false
		}
		t += f
	}
	return math.Round(t*1000) / 1000, true
}

// shareOut shares what is left of 100 among the questions, in whole
// numbers (the first questions take one more where it does not divide),
// and returns the weights entered with the remainder added.
func shareOut(rows []weightRow) ([]weightRow, bool) {
	total, ok := weightTotal(rows)
	if !ok || len(rows) == 0 {
		return rows, false
	}
	left := 100 - total
	out := slices.Clone(rows)
	whole := math.Round(left) == left
	n := len(out)
	for i := range out {
		cur, _ := strconv.ParseFloat(cmp.Or(out[i].Weight, "0"), 64)
		var add float64
		if whole {
			k := int(left)
			add = float64(k / n)
			if rem := k % n; rem > 0 && i < rem {
				add++
			} else if rem < 0 && i < -rem {
				add--
			}
		} else {
			add = left / float64(n)
		}
		out[i].Weight = num(math.Round((cur+add)*1000) / 1000)
	}
	for _, r := range out {
		if f, _ := strconv.ParseFloat(r.Weight, 64); f < 0 {
			return rows, false // taking away more than a question has
		}
	}
	return out, true
}

// errorf is a problem with one field of the form itself, found before
// the file is touched.
func errorf(field, format string, args ...any) fieldError {
	return fieldError{Field: field, Message: fmt.Sprintf(format, args...)}
}
