package profile

import (
	"cmp"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/goldenthread/goldenthread/internal/diag"
	"github.com/goldenthread/goldenthread/internal/library"
	"github.com/goldenthread/goldenthread/internal/model"
	"github.com/goldenthread/goldenthread/internal/tomldoc"
)

// ScoringPart is the diag.Problem Part of problems in [scoring], which only
// the evaluation grid needs: a caller writing only the asks can Demote them
// to warnings, so a branch can print its asks while the panel and weights
// are still being settled.
const ScoringPart = "scoring"

// AsksOnly returns list with the problems in [scoring] made warnings, for
// a caller making only outputs that do not need [scoring].
func AsksOnly(list diag.List) diag.List {
	return list.Demote(ScoringPart, "(the asks can still be printed; the grid and pack need this put right)")
}

// Load reads the profile in src (named file in messages) and checks it
// against lib for every output. now decides dates that have passed. The
// profile is nil when the list holds errors other than those of
// ScoringPart.
func Load(lib *library.Library, file string, src []byte, now time.Time) (*Profile, diag.List) {
	var list diag.List
	doc := tomldoc.Parse(file, src, &list)
	if doc == nil {
		return nil, list
	}
	if len(doc.Raw) == 0 {
		list.Add(diag.Pos{File: file, Line: 1, Col: 1}, "the profile is empty: 'goldenthread init %s' writes a starter profile to fill in (move this file away first)", file)
		return nil, list
	}
	p := &Profile{doc: doc, File: file, Name: strings.TrimSuffix(filepath.Base(file), filepath.Ext(file))}
	library.Decode(doc, p, &list)
	p.check(lib, now, &list)
	list = list.Sort()
	if slices.ContainsFunc(list, func(pr diag.Problem) bool { return pr.Severity == diag.Error && pr.Part != ScoringPart }) {
		return nil, list
	}
	p.normalise()
	return p, list
}

// normalise puts the profile's own text into document form, as the
// library does for its clauses.
func (p *Profile) normalise() {
	for i := range p.Clauses {
		p.Clauses[i].Normalise()
	}
	for name, v := range p.Placeholders {
		p.Placeholders[name] = library.OneLine(v)
	}
	for i := range p.Outcomes {
		oc := &p.Outcomes[i]
		oc.Wording, oc.Reason, oc.Clause = library.Paragraphs(oc.Wording), library.OneLine(oc.Reason), library.OneLine(oc.Clause)
	}
	if c := p.Contract; c != nil {
		c.Reference, c.Supplier, c.Manager = library.OneLine(c.Reference), library.OneLine(c.Supplier), library.OneLine(c.Manager)
	}
	for i := range p.Overrides {
		ov := &p.Overrides[i]
		ov.Title, ov.QuestionTitle, ov.KPITarget = library.OneLine(ov.Title), library.OneLine(ov.QuestionTitle), library.OneLine(ov.KPITarget)
		for _, t := range []*string{&ov.Ask, &ov.Requirement, &ov.Rationale, &ov.Caution, &ov.Question, &ov.Guidance} {
			*t = library.Paragraphs(*t)
		}
		for j := range ov.Evidence {
			ov.Evidence[j] = library.OneLine(ov.Evidence[j])
		}
	}
}

func (p *Profile) at(path ...string) diag.Pos  { return p.doc.ValuePos(tomldoc.Path(path)) }
func (p *Profile) key(path ...string) diag.Pos { return p.doc.KeyPos(tomldoc.Path(path)) }

func (p *Profile) check(lib *library.Library, now time.Time, list *diag.List) {
	p.checkEnum(list, []string{"employer", "kind"}, p.Employer.Kind, library.Kinds)
	p.checkEnum(list, []string{"employer", "nation"}, p.Employer.Nation, library.Jurisdictions)
	p.checkEnum(list, []string{"procurement", "category"}, p.Procurement.Category, library.Categories)
	if p.Procurement.Regime != "sppp-wales-2023" {
		p.checkEnum(list, []string{"procurement", "regime"}, p.Procurement.Regime, library.Regimes)
	}
	p.checkEnum(list, []string{"procurement", "stage"}, p.Procurement.Stage, model.StageNames())
	p.checkEnum(list, []string{"procurement", "sector"}, p.Procurement.Sector, library.Sectors) // optional: Enum skips ""
	if p.Document.Language != "" && !slices.Contains(Languages, p.Document.Language) {
		msg := fmt.Sprintf("language %q is not available: use %q", p.Document.Language, "en")
		if strings.HasPrefix(p.Document.Language, "cy") {
			msg += " (Welsh-language documents need a checked Welsh translation of the clause library, which goldenthread does not have yet)"
		}
		list.Add(p.at("document", "language"), "%s", msg)
	}
	if p.Procurement.Regime == "sppp-wales-2023" {
		list.Add(p.at("procurement", "regime"), "%q is not a procurement regime: Welsh bodies procure under the Procurement Act 2023, with the Social Partnership and Public Procurement (Wales) Act 2023 duties on top, which goldenthread applies for every Welsh employer; write regime = %q", p.Procurement.Regime, "procurement-act-2023")
	}
	if ns, ok := library.RegimeNations[p.Procurement.Regime]; ok && p.Employer.Nation != "" && !slices.Contains(ns, p.Employer.Nation) {
		list.Warn(p.at("procurement", "regime"), "regime %q does not usually govern procurements by a body in %s; check which regime applies (Scottish devolved bodies follow the Procurement Reform (Scotland) Act 2014)", p.Procurement.Regime, p.Employer.Nation)
	}
	docOrigin := library.NewOrigin(library.LayerProfile, p.doc, tomldoc.Path{"document"})
	for _, f := range []struct{ name, text string }{
		{"title", p.Document.Title}, {"purpose", p.Document.Purpose}, {"intro", p.Document.Intro},
	} {
		lib.CheckTextWith(docOrigin, f.text, DocumentPlaceholders, list, f.name)
	}
	for name, v := range p.Placeholders {
		ph := lib.Placeholders[name]
		if ph == nil {
			list.Add(p.key("placeholders", name), "unknown placeholder %q%s; the library declares: %s", name, diag.DidYouMean(name, lib.PlaceholderNames()), strings.Join(lib.PlaceholderNames(), ", "))
			continue
		}
		switch {
		case strings.TrimSpace(v) == "":
			list.Add(p.at("placeholders", name), "placeholder %q is empty: give a value or remove the line to use the default %q", name, ph.Default)
		case strings.ContainsAny(v, "{}"):
			list.Add(p.at("placeholders", name), "placeholder %q: a value cannot contain { or }", name)
		}
	}

	// The profile's own clauses are checked like library clauses.
	own := map[string]bool{}
	for i := range p.Clauses {
		c := &p.Clauses[i]
		c.Origin = library.NewOrigin(library.LayerProfile, p.doc, tomldoc.Path{"clause"}.Index(i))
		if c.ID == "" {
			continue
		}
		if lib.Clause(c.ID) != nil {
			list.Add(c.Origin.Value("id"), "clause %q is already in the library (%s): to change its wording use [[override]] with this id, or give your clause a new id", c.ID, lib.Clause(c.ID).Origin.Pos)
			continue
		}
		if own[c.ID] {
			list.Add(c.Origin.Value("id"), "duplicate clause id %q in this profile", c.ID)
			continue
		}
		own[c.ID] = true
		lib.CheckClause(c, now, list)
	}
	chosen := p.choose(lib, list)
	p.checkPriorities(lib, chosen, list)
	p.checkOverrides(lib, list)
	p.checkScoring(lib, list)
	p.checkContract(lib, list)
	p.checkStale(lib, now, list)
}

// checkStale warns about figures and clauses this profile relies on that
// were due for review: a library placeholder its text uses and it does not
// set itself, and a library clause it selects. (The profile's own clauses
// are checked by CheckClause.) What the profile does not use is the
// library's business, which lint reports.
func (p *Profile) checkStale(lib *library.Library, now time.Time, list *diag.List) {
	phPos := diag.Pos{File: p.File}
	if p.Placeholders != nil {
		phPos = p.key("placeholders")
	}
	for _, name := range lib.PlaceholderNames() {
		ph := lib.Placeholders[name]
		if ph.ReviewBy == nil || !ph.ReviewBy.Before(now) {
			continue
		}
		if _, set := p.Placeholders[name]; set || !p.uses("{"+name+"}") {
			continue
		}
		list.Warn(phPos, "this profile uses {%s}, the library's figure %s (effective %s), which was due for review by %s (%s): check the current figure and set %s = \"…\" under [placeholders]",
			name, ph.Default, ph.Effective(), ph.ReviewBy.Format(time.DateOnly), ph.Origin.Value("review_by"), name)
	}
	selPos := p.selectPos()
	for _, ch := range p.Choices {
		c := ch.Clause
		if c.Origin.Layer == library.LayerProfile || c.ReviewBy == nil || !c.ReviewBy.Before(now) {
			continue
		}
		list.Warn(selPos, "clause %q (%s) was due for review by %s: check its law and figures against its sources before relying on it", c.ID, c.Origin.Pos, c.ReviewBy.Format(time.DateOnly))
	}
}

// uses reports whether any text the profile's documents print holds s.
func (p *Profile) uses(s string) bool {
	texts := []string{p.Document.Title, p.Document.Purpose, p.Document.Intro}
	for _, ch := range p.Choices {
		texts = append(texts, ch.texts()...)
	}
	return slices.ContainsFunc(texts, func(t string) bool { return strings.Contains(t, s) })
}

func (p *Profile) checkEnum(list *diag.List, path []string, v string, allowed []string) {
	list.Enum(p.at(path...), strings.ReplaceAll(path[len(path)-1], "_", " "), v, allowed)
}

// allClauses returns library clauses then the profile's own.
func (p *Profile) allClauses(lib *library.Library) []*library.Clause {
	out := slices.Clone(lib.Clauses)
	for i := range p.Clauses {
		if p.Clauses[i].ID != "" && lib.Clause(p.Clauses[i].ID) == nil {
			out = append(out, &p.Clauses[i])
		}
	}
	return out
}

// selection is what choose learnt that later checks need.
type selection struct {
	// leftOut says why each clause the selection named was left out as
	// not applying to this employer or procurement.
	leftOut map[string]string
	// partial is true when a theme, stage, tag or id in [select] was not
	// valid, and so may have been meant to select more than it did.
	partial bool
}

// choose works out the selected clauses and reports selections that name
// nothing, clauses left out for their jurisdiction, and empty stages.
func (p *Profile) choose(lib *library.Library, list *diag.List) selection {
	all := p.allClauses(lib)
	var ids []string
	for _, c := range all {
		ids = append(ids, c.ID)
	}
	picked := map[string]bool{}
	explicit := map[string]bool{}
	// pick selects the clauses that match and returns how many there are.
	pick := func(match func(*library.Clause) bool) int {
		n := 0
		for _, c := range all {
			if match(c) {
				picked[c.ID] = true
				n++
			}
		}
		return n
	}
	chosen := selection{leftOut: map[string]string{}}
	sel := p.Select
	if sel == nil {
		sel = &Select{}
		for _, c := range lib.Clauses {
			picked[c.ID] = true
		}
		list.Notef(diag.Pos{File: p.File}, "no [select] table: every clause in the library that applies is selected")
	}
	for i, t := range sel.Themes {
		if lib.Theme(t) == nil {
			list.Add(p.at("select", "themes", fmt.Sprint(i)), "unknown theme %q%s; themes: %s", t, diag.DidYouMean(t, lib.ThemeIDs()), strings.Join(lib.ThemeIDs(), ", "))
			chosen.partial = true
			continue
		}
		pick(func(c *library.Clause) bool { return c.Theme == t })
	}
	for i, s := range sel.Stages {
		if model.Stage(s).Index() < 0 {
			list.Add(p.at("select", "stages", fmt.Sprint(i)), "unknown stage %q%s; use one of: %s", s, diag.DidYouMean(s, model.StageNames()), strings.Join(model.StageNames(), ", "))
			chosen.partial = true
			continue
		}
		pick(func(c *library.Clause) bool { return slices.Contains(c.Stages, model.Stage(s)) })
	}
	for i, tag := range sel.Tags {
		if pick(func(c *library.Clause) bool { return slices.Contains(c.Tags, tag) }) == 0 {
			list.Add(p.at("select", "tags", fmt.Sprint(i)), "no clause has the tag %q", tag)
			chosen.partial = true
		}
	}
	for i, id := range sel.IDs {
		if !slices.Contains(ids, id) {
			list.Add(p.at("select", "ids", fmt.Sprint(i)), "unknown clause %q%s", id, diag.DidYouMean(id, ids))
			chosen.partial = true
			continue
		}
		picked[id] = true
		explicit[id] = true
	}
	for _, c := range p.Clauses { // a branch's own clauses are always wanted
		picked[c.ID] = true
		explicit[c.ID] = true
	}
	for i, id := range sel.Exclude {
		if !slices.Contains(ids, id) {
			list.Add(p.at("select", "exclude", fmt.Sprint(i)), "unknown clause %q%s", id, diag.DidYouMean(id, ids))
			continue
		}
		if !picked[id] {
			list.Warn(p.at("select", "exclude", fmt.Sprint(i)), "clause %q is excluded but was not selected anyway", id)
		}
		delete(picked, id)
	}

	// A value that is not valid has been reported; filtering on it would
	// only add wrong follow-on messages, so it filters nothing.
	ctx := p.Context()
	nation, category, sector := ctx.Nation, valid(p.Procurement.Category, library.Categories), valid(p.Procurement.Sector, library.Sectors)
	selPos := p.selectPos()
	for _, c := range all {
		if !picked[c.ID] {
			continue
		}
		report := list.Notef
		if explicit[c.ID] {
			report = list.Warn
		}
		var why string
		switch {
		case nation != "" && !slices.Contains(c.Jurisdictions, nation):
			why = fmt.Sprintf("it does not apply in %s (it applies in %s)", nation, strings.Join(c.Jurisdictions, ", "))
		case len(c.Categories) > 0 && category != "" && !slices.Contains(c.Categories, category):
			why = fmt.Sprintf("it is for %s contracts, and this procurement is %s", strings.Join(c.Categories, " or "), category)
		case sector != "" && len(c.Sectors) > 0 && !slices.Contains(c.Sectors, "all") && !slices.Contains(c.Sectors, sector):
			why = fmt.Sprintf("it is for the %s sector(s), and this procurement is %s", strings.Join(c.Sectors, ", "), sector)
		case ctx.Kind != "" && len(c.Kinds) > 0 && !slices.Contains(c.Kinds, ctx.Kind):
			why = fmt.Sprintf("it is written for %s employers, and this one is %s", strings.Join(c.Kinds, " or "), ctx.Kind)
		case ctx.Regime != "" && len(c.Regimes) > 0 && !slices.Contains(c.Regimes, ctx.Regime):
			why = fmt.Sprintf("it is written for procurements under %s, and this one is under %s", strings.Join(c.Regimes, " or "), ctx.Regime)
		}
		if why != "" {
			report(selPos, "clause %q is left out: %s", c.ID, why)
			chosen.leftOut[c.ID] = why
			continue
		}
		ch := Choice{Clause: c, Wording: c.Resolve(ctx)}
		for _, i := range ch.Wording.Variants {
			list.Notef(selPos, "clause %q uses its wording for %s", c.ID, c.Variants[i].Conditions())
		}
		p.Choices = append(p.Choices, ch)
	}
	if len(p.Choices) == 0 && list.Count(diag.Error) == 0 {
		list.Add(selPos, "the selection chooses no clauses: add themes, stages, tags or ids under [select]")
		return chosen
	}
	for _, s := range model.Stages {
		used := slices.ContainsFunc(p.Choices, func(ch Choice) bool { return slices.Contains(ch.Clause.Stages, s) })
		if !used {
			list.Warn(selPos, "no selected clause is used at the %s stage: add a theme, stage or id that covers it if you want asks there", s)
		}
	}
	return chosen
}

// Context is what the profile's clauses are worded for: the employer's
// nation and kind, the regime and whether the work is in London. A value
// that is not valid is left empty.
func (p *Profile) Context() library.Context {
	return library.Context{
		Nation: valid(p.Employer.Nation, library.Jurisdictions),
		Kind:   valid(p.Employer.Kind, library.Kinds),
		Regime: valid(p.Procurement.Regime, library.Regimes),
		London: p.Procurement.London,
	}
}

// valid returns v when it is one of allowed, else "".
func valid(v string, allowed []string) string {
	if slices.Contains(allowed, v) {
		return v
	}
	return ""
}

// selectPos is where messages about the selection point: the [select]
// table, or the file when it has none.
func (p *Profile) selectPos() diag.Pos {
	if p.Select == nil {
		return diag.Pos{File: p.File}
	}
	return p.key("select")
}

func (p *Profile) choice(id string) *Choice {
	if i := slices.IndexFunc(p.Choices, func(ch Choice) bool { return ch.Clause.ID == id }); i >= 0 {
		return &p.Choices[i]
	}
	return nil
}

func (p *Profile) checkOverrides(lib *library.Library, list *diag.List) {
	seen := map[string]bool{}
	ids := make([]string, 0, len(p.Choices))
	for _, ch := range p.Choices {
		ids = append(ids, ch.Clause.ID)
	}
	for i := range p.Overrides {
		ov := &p.Overrides[i]
		if ov.ID == "" {
			continue
		}
		o := library.NewOrigin(library.LayerProfile, p.doc, tomldoc.Path{"override"}.Index(i))
		ch := p.choice(ov.ID)
		if seen[ov.ID] || ch == nil {
			switch {
			case seen[ov.ID]:
				list.Add(o.Value("id"), "a second [[override]] for %q: put all changes to one clause in one override", ov.ID)
			case lib.Clause(ov.ID) == nil:
				list.Add(o.Value("id"), "override of unknown clause %q%s", ov.ID, diag.DidYouMean(ov.ID, append(lib.IDs(), ids...)))
			default:
				list.Add(o.Value("id"), "override of clause %q, which is not selected: add it to [select] ids, or remove the override", ov.ID)
			}
			continue
		}
		seen[ov.ID] = true
		ch.Override = ov
		for _, f := range []struct{ name, text string }{
			{"title", ov.Title}, {"ask", ov.Ask}, {"requirement", ov.Requirement}, {"rationale", ov.Rationale},
			{"caution", ov.Caution}, {"question", ov.Question}, {"guidance", ov.Guidance}, {"kpi_target", ov.KPITarget},
		} {
			lib.CheckText(o, f.text, list, f.name)
		}
		lib.CheckQuestionTitle(o, ov.QuestionTitle, list, "question_title")
		for j, e := range ov.Evidence {
			lib.CheckText(o, e, list, "evidence", fmt.Sprint(j))
		}
		q := ch.Question()
		hasQ := ov.Question != "" || ov.QuestionTitle != "" || ov.Guidance != "" || ov.Scale != "" || ov.Weight != nil || ov.PassMark != nil
		if hasQ && q == nil {
			list.Add(o.Pos, "clause %q has no evaluation question, so question, question_title, guidance, scale, weight and pass_mark cannot be overridden", ov.ID)
			continue
		}
		if ov.KPITarget != "" && len(ch.Clause.KPIs) != 1 {
			list.Add(o.Value("kpi_target"), "kpi_target needs a clause with exactly one KPI; %q has %d", ov.ID, len(ch.Clause.KPIs))
		}
		if q == nil {
			continue
		}
		if ov.Weight != nil {
			switch {
			case q.Kind != "scored":
				list.Add(o.Value("weight"), "clause %q has a %s question, which carries no weight", ov.ID, q.Kind)
			case *ov.Weight < 0 || *ov.Weight > 100:
				list.Add(o.Value("weight"), "weight %v is outside 0–100", *ov.Weight)
			}
		}
		if ov.Scale != "" {
			sc := lib.Scales[ov.Scale]
			switch {
			case sc == nil:
				list.Add(o.Value("scale"), "unknown scale %q%s; use one of: %s", ov.Scale, diag.DidYouMean(ov.Scale, lib.ScaleIDs()), strings.Join(lib.ScaleIDs(), ", "))
			case q.Kind != "scored":
				list.Add(o.Value("scale"), "clause %q has a %s question; only scored questions take a scale", ov.ID, q.Kind)
			case sc.PassFail:
				list.Add(o.Value("scale"), "a scored question needs a scored scale, not %q", ov.Scale)
			}
		}
		if ov.PassMark != nil {
			if q.Kind != "scored" {
				list.Add(o.Value("pass_mark"), "clause %q has a %s question; only scored questions take a pass mark", ov.ID, q.Kind)
			} else if sc := p.ScaleFor(lib, *ch); sc != nil && !sc.HasValue(*ov.PassMark) {
				list.Add(o.Value("pass_mark"), "pass_mark %v is not a point on scale %q", *ov.PassMark, sc.ID)
			}
		}
	}
}

// DefaultScale is the scale used when neither profile nor question names one.
const DefaultScale = "0-4"

// ScaleID returns the profile's default scale id.
func (p *Profile) ScaleID() string {
	if p.Scoring != nil && p.Scoring.Scale != "" {
		return p.Scoring.Scale
	}
	return DefaultScale
}

// ScaleFor returns the scale the choice's question is scored on, or nil.
func (p *Profile) ScaleFor(lib *library.Library, ch Choice) *library.Scale {
	q := ch.Question()
	if q == nil {
		return nil
	}
	switch {
	case q.Kind == "pass-fail":
		return lib.Scales["pass-fail"]
	case q.Kind == "information":
		return nil
	case ch.Override != nil && ch.Override.Scale != "":
		return lib.Scales[ch.Override.Scale]
	case q.Scale != "":
		return lib.Scales[q.Scale]
	}
	return lib.Scales[p.ScaleID()]
}

// Weight returns a choice's question weight after overrides (0 when it has
// no scored question).
func (ch Choice) Weight() float64 {
	q := ch.Question()
	if q == nil || q.Kind != "scored" {
		return 0
	}
	if ch.Override != nil && ch.Override.Weight != nil {
		return *ch.Override.Weight
	}
	if q.Weight != nil {
		return *q.Weight
	}
	return 0
}

// checkScoring checks [scoring], which only the evaluation grid uses: its
// problems are marked ScoringPart.
func (p *Profile) checkScoring(lib *library.Library, out *diag.List) {
	s := p.Scoring
	if s == nil {
		return
	}
	var list diag.List
	scale := lib.Scales[cmp.Or(s.Scale, DefaultScale)]
	switch {
	case s.Scale == "":
	case scale == nil:
		list.Add(p.at("scoring", "scale"), "unknown scale %q%s; use one of: %s", s.Scale, diag.DidYouMean(s.Scale, lib.ScaleIDs()), strings.Join(lib.ScaleIDs(), ", "))
	case scale.PassFail:
		list.Add(p.at("scoring", "scale"), "the default scale must be a scored scale, not %q", s.Scale)
		scale = nil
	}
	if f := s.SpreadFlag; f != nil {
		switch lo, hi := scaleRange(scale); {
		case *f <= 0:
			list.Add(p.at("scoring", "spread_flag"), "spread_flag must be more than 0 (the gap between the lowest and highest score that needs discussion)")
		case scale != nil && *f > hi-lo:
			list.Add(p.at("scoring", "spread_flag"), "spread_flag %g can never be reached on scale %q, whose scores run from %g to %g: use at most %g", *f, scale.ID, lo, hi, hi-lo)
		}
	}
	if v := s.SocialValueWeighting; v != nil && (*v <= 0 || *v > 100) {
		list.Add(p.at("scoring", "social_value_weighting"), "social_value_weighting is the percentage of the whole evaluation the fair-work and equality questions carry: a number more than 0 and at most 100, such as 20")
	}
	if n := s.UnionNominee; n != "" && !slices.Contains(s.Panel, n) {
		list.Add(p.at("scoring", "union_nominee"), "union_nominee %q is not on the panel%s: give the panel member's name exactly as panel lists it", n, diag.DidYouMean(n, s.Panel))
	}
	checkNames(&list, p, "panel", s.Panel, "panel member", MaxPanel)
	checkNames(&list, p, "bidders", s.Bidders, "bidder", MaxBidders)
	checkNames(&list, p, "selection_bidders", s.SelectionBidders, "bidder", MaxBidders)
	checkNames(&list, p, "award_bidders", s.AwardBidders, "bidder", MaxBidders)
	var total float64
	var parts []string
	scored := 0
	for _, ch := range p.Choices {
		q := ch.Question()
		if q == nil || q.Kind != "scored" {
			continue
		}
		scored++
		w := ch.Weight()
		total += w
		parts = append(parts, fmt.Sprintf("%s %g", ch.Clause.ID, w))
	}
	if scored > 0 && (total < 99.999 || total > 100.001) {
		list.Add(p.key("scoring"), "the weights of the %d scored questions add up to %g, not 100 (%s): set each weight with an [[override]] (id, weight) so they total 100",
			scored, total, strings.Join(parts, ", "))
	}
	for _, pr := range list {
		pr.Part = ScoringPart
		*out = append(*out, pr)
	}
}

// scaleRange returns the lowest and highest score on sc (0, 0 for nil).
func scaleRange(sc *library.Scale) (lo, hi float64) {
	if sc == nil {
		return 0, 0
	}
	for i, pt := range sc.Points {
		if i == 0 || pt.Value < lo {
			lo = pt.Value
		}
		if i == 0 || pt.Value > hi {
			hi = pt.Value
		}
	}
	return lo, hi
}

// The most panel members and bidders an evaluation grid holds; the grid
// renderer enforces the same limits.
const (
	MaxPanel   = 20
	MaxBidders = 30
)

func checkNames(list *diag.List, p *Profile, field string, names []string, what string, limit int) {
	if len(names) > limit {
		list.Add(p.at("scoring", field), "%d %ss is more than the %d a grid can hold", len(names), what, limit)
	}
	seen := map[string]int{}
	for i, n := range names {
		k := strings.ToLower(strings.TrimSpace(n))
		if j, dup := seen[k]; dup && k != "" {
			list.Add(p.at("scoring", field, fmt.Sprint(i)), "%s %q is listed twice (also number %d): names must differ", what, n, j+1)
		}
		seen[k] = i
		if len([]rune(n)) > 100 {
			list.Add(p.at("scoring", field, fmt.Sprint(i)), "%s name is %d characters long; keep it to 100 or fewer", what, len([]rune(n)))
		}
	}
}
