// Package assemble turns a clause library, an employer profile and the
// templates into a model.Pack, the document model every output is rendered
// from, resolving everything on the way: texts, placeholders, numbering,
// sources and scoring. It is pure: no file system, no clock; the same inputs
// always give the same Pack.
package assemble

import (
	"cmp"
	"fmt"
	"maps"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/goldenthread/goldenthread/internal/library"
	"github.com/goldenthread/goldenthread/internal/model"
	"github.com/goldenthread/goldenthread/internal/profile"
)

// Options carries what the caller decides for the whole run.
type Options struct {
	Version string
	// Date is used when the profile gives no [document] date: normally
	// SOURCE_DATE_EPOCH or today.
	Date time.Time
}

// DefaultSpreadFlag is the moderation flag on a 0–4 scale; other scales scale it.
const DefaultSpreadFlag = 2.0

// Build assembles the Pack for prof. prof must have been loaded against lib,
// and tmpl must hold a regime entry for the profile's regime.
func Build(lib *library.Library, prof *profile.Profile, tmpl *Templates, opt Options) (*model.Pack, error) {
	reg := tmpl.regime(prof.Procurement.Regime)
	if reg == nil {
		return nil, fmt.Errorf("templates/%s/labels.toml has no [[regime]] %q", tmpl.Language, prof.Procurement.Regime)
	}
	p := &model.Pack{
		Version: opt.Version,
		Document: model.Document{
			Title:    prof.Document.Title,
			Date:     opt.Date,
			Language: cmp.Or(prof.Document.Language, "en"),
		},
		Employer:    model.Employer{Name: prof.Employer.Name, Kind: prof.Employer.Kind, Nation: prof.Employer.Nation},
		Procurement: model.Procurement{Title: prof.Procurement.Title, Reference: prof.Procurement.Reference, Category: prof.Procurement.Category, EstimatedValue: prof.Procurement.EstimatedValue, Regime: prof.Procurement.Regime, London: prof.Procurement.London, Stage: model.Stage(prof.Procurement.Stage)},
		PreparedBy:  model.PreparedBy{Organisation: prof.PreparedBy.Organisation, Contact: prof.PreparedBy.Contact},
	}
	if prof.Document.Date != nil {
		p.Document.Date = *prof.Document.Date
	}
	p.Document.Date = time.Date(p.Document.Date.Year(), p.Document.Date.Month(), p.Document.Date.Day(), 0, 0, 0, 0, time.UTC)
	for _, kd := range prof.Procurement.KeyDates {
		p.Procurement.KeyDates = append(p.Procurement.KeyDates, model.KeyDate{Label: kd.Label, Date: kd.Date})
	}
	p.Terms = terms(tmpl, reg)

	values := placeholderValues(lib, prof)
	// The weighting the profile gives as a number is the wording's too,
	// unless [placeholders] words it otherwise.
	if sc := prof.Scoring; sc != nil && sc.SocialValueWeighting != nil {
		if _, set := prof.Placeholders["social_value_weighting"]; !set {
			values["social_value_weighting"] = model.Num(*sc.SocialValueWeighting) + "%"
		}
	}
	var stale []string // stale figures as marked: "£13.45 [check: …]"
	// A library figure past its review date (today or at the document's
	// date) and not set by the profile is marked; in [brackets], as a blank.
	for name, ph := range lib.Placeholders {
		if _, set := prof.Placeholders[name]; set || ph.ReviewBy == nil {
			continue
		}
		if ph.ReviewBy.Before(p.Document.Date) || ph.ReviewBy.Before(opt.Date) {
			values[name] += " " + fmt.Sprintf(tmpl.Words.Get("asks.line.stale"), ph.ReviewBy.Format("2 January 2006"))
			stale = append(stale, values[name])
		}
	}
	slices.Sort(stale)
	// Computed placeholders are filled once the questions are scored.
	computed := map[string]string{}
	for _, name := range Computed {
		if _, set := prof.Placeholders[name]; !set {
			computed[name] = values[name]
			delete(values, name)
		}
	}
	values["employer_name"] = prof.Employer.Name
	values["procurement_title"] = prof.Procurement.Title
	values["procurement_reference"] = prof.Procurement.Reference
	values["branch"] = prof.PreparedBy.Organisation
	values["regime_name"] = reg.Name
	values["selection_stage"] = reg.SelectionStage
	values["award_basis"] = reg.AwardBasis
	fill := func(s string) string { return library.Fill(s, values) }
	p.Words = fillWords(tmpl.Words, fill)
	p.Document.Title = library.OneLine(fill(p.Document.Title))

	p.Purpose = library.OneLine(fill(cmp.Or(prof.Document.Purpose, tmpl.Words.Get("asks.purpose"))))
	p.Intro = library.SplitParagraphs(fill(cmp.Or(prof.Document.Intro, tmpl.Words.Get("asks.intro"))))

	scales := map[*library.Scale]*model.Scale{}
	scoring := prof.Scoring
	p.Scoring.Scale = modelScale(scales, lib.Scales[prof.ScaleID()])
	p.Scoring.SpreadFlag = DefaultSpreadFlag * p.Scoring.Scale.Max() / 4
	p.Scoring.SocialValueShare = values["social_value_weighting"]
	if scoring != nil {
		if scoring.SpreadFlag != nil {
			p.Scoring.SpreadFlag = *scoring.SpreadFlag
		}
		if v := scoring.SocialValueWeighting; v != nil {
			p.Scoring.SocialValue = *v
			p.Scoring.SocialValueShare = model.Num(*v) + "%"
		}
		p.Scoring.UnionNominee = scoring.UnionNominee
		p.Scoring.Split = scoring.Split
		p.Scoring.Panel = slices.Clone(scoring.Panel)
		p.Scoring.Bidders = slices.Clone(scoring.Bidders)
		for st, bs := range map[model.Stage][]string{model.Selection: scoring.SelectionBidders, model.Award: scoring.AwardBidders} {
			if len(bs) > 0 {
				if p.Scoring.RoundBidders == nil {
					p.Scoring.RoundBidders = map[model.Stage][]string{}
				}
				p.Scoring.RoundBidders[st] = slices.Clone(bs)
			}
		}
		p.Scoring.Password = scoring.Password
	}

	if c := prof.Contract; c != nil && c.Start != nil {
		p.Contract = model.Contract{Start: *c.Start, Months: c.TermMonths, Reference: c.Reference, Supplier: c.Supplier, Manager: c.Manager}
	}

	p.Outcomes = len(prof.Outcomes) > 0

	// Asks, placed under their earliest stage, grouped by theme.
	bySection := map[model.Stage][]*model.Ask{}
	for _, ch := range prof.Choices {
		first := ch.Clause.FirstStage()
		bySection[first] = append(bySection[first], buildAsk(lib, prof, ch, fill, scales))
	}
	n := 0
	for _, st := range model.Stages {
		asks := bySection[st]
		if len(asks) == 0 {
			continue
		}
		sec := model.Section{Stage: model.Stage(st), Title: p.Terms.StageTitles[model.Stage(st)]}
		for _, t := range lib.Themes {
			var group []*model.Ask
			for _, a := range asks {
				if a.Theme == t.ID {
					n++
					a.Number = n
					group = append(group, a)
				}
			}
			if len(group) == 0 {
				continue
			}
			th := model.Theme{ID: t.ID, Title: fill(t.Title), Summary: fill(t.Summary)}
			sec.Themes = append(sec.Themes, model.ThemeGroup{Theme: th, Asks: group})
		}
		p.Sections = append(p.Sections, sec)
	}
	p.Works = works(p.Asks(), lib.WorkOf)
	resolveRelated(lib, prof, p, fill)

	// Questions: selection first, then award, in ask order, numbered by
	// stage ("SQ-3", "AW-7") as the specification, the grid and the tender
	// pack all number them.
	for _, st := range []model.Stage{model.Selection, model.Award} {
		n := 0
		for _, a := range p.Asks() {
			if q := a.Question; q != nil && q.Stage == st {
				n++
				q.Ref = fmt.Sprintf(tmpl.Words.Get("asks.ref."+string(st)), n)
				p.Questions = append(p.Questions, q)
			}
		}
	}
	ResolveScoring(p)
	fillComputed(p, computed)
	nameStale(p, stale)
	markPriorities(p, prof.Priorities())
	return p, nil
}

// nameStale lists, under "Complete before use", each stale figure with
// its mark ("£13.45 [check: …]") rather than the mark alone, which would
// not say which figure to check.
func nameStale(p *model.Pack, stale []string) {
	for _, a := range p.Asks() {
		var blanks []string
		for _, b := range a.Blanks {
			named := false
			for _, v := range stale {
				if strings.HasSuffix(v, " "+b) && strings.Contains(a.Requirement, v) && !slices.Contains(blanks, v) {
					blanks, named = append(blanks, v), true
				}
			}
			if !named {
				blanks = append(blanks, b)
			}
		}
		a.Blanks = blanks
	}
}

// Computed are the placeholders assemble works out for each scored
// question, unless the profile sets them.
var Computed = []string{"criterion_weight", "criterion_scale"}

// fillComputed fills the computed placeholders (those in defaults, with
// their library defaults) in each ask's requirement: the share of the total
// score its scored award question carries, which is its share of the scored
// award questions times the social value weighting when that is a plain
// percentage, and the scale it is scored on.
//
// It also sets each scored award question's OfTotal, the same share as a
// number.
func fillComputed(p *model.Pack, defaults map[string]string) {
	sv, svOK := p.Scoring.SocialValue, p.Scoring.SocialValue > 0
	if !svOK {
		sv, svOK = percent(p.Scoring.SocialValueShare)
	}
	// An award criterion's share is of the scored award questions, which
	// together are the social value and fair work part of the award.
	var total float64
	scored := 0
	for _, q := range p.Questions {
		if q.Kind == model.Scored && q.Stage == model.Award {
			total += q.Weight
			scored++
		}
	}
	shareOf := func(q *model.Question) float64 {
		if total > 0 {
			return q.Weight * 100 / total
		}
		return 100 / float64(scored)
	}
	if svOK {
		for _, q := range p.Questions {
			if q.Kind == model.Scored && q.Stage == model.Award {
				q.OfTotal = math.Round(shareOf(q)*sv) / 100
			}
		}
	}
	if len(defaults) == 0 {
		return
	}
	for _, a := range p.Asks() {
		if !strings.Contains(a.Requirement, "{") {
			continue
		}
		values := maps.Clone(defaults)
		if q := a.Question; q != nil && q.Kind == model.Scored && q.Stage == model.Award {
			share := shareOf(q)
			if _, ok := values["criterion_weight"]; ok && svOK {
				values["criterion_weight"] = model.Num(math.Round(share*sv)/100) + "%"
			}
			if _, ok := values["criterion_scale"]; ok && q.Scale != nil && q.Scale.Title != "" {
				values["criterion_scale"] = q.Scale.Title
			}
		}
		a.Requirement = library.Fill(a.Requirement, values)
		a.Blanks = library.Blanks(a.Requirement)
	}
}

// percent reads a plain percentage such as "20%" or "12.5 %".
func percent(s string) (float64, bool) {
	t, ok := strings.CutSuffix(strings.TrimSpace(s), "%")
	if !ok {
		return 0, false
	}
	v, err := strconv.ParseFloat(strings.TrimSpace(t), 64)
	if err != nil || v < 0 || v > 100 || math.IsNaN(v) {
		return 0, false
	}
	return v, true
}

func terms(tmpl *Templates, reg *Regime) model.Terms {
	t := model.Terms{
		RegimeName:        reg.Name,
		SelectionStage:    reg.SelectionStage,
		SelectionDocument: reg.SelectionDocument,
		AwardBasis:        reg.AwardBasis,
		StageTitles:       labelled(model.Stages, tmpl.Labels.Stage),
		LeverLabels:       labelled(library.Levers, tmpl.Labels.Lever),
		StatusLabels:      labelled(library.Statuses, tmpl.Labels.Status),
		KindLabels:        labelled(library.QuestionKinds, tmpl.Labels.Kind),
	}
	t.StageTitles[model.Selection] = reg.SelectionTitle
	t.StageTitles[model.Award] = reg.AwardTitle
	t.LeverLabels["condition-of-participation"] = reg.ConditionOfParticipation
	return t
}

// labelled maps each code to its label, or to itself when it has none.
func labelled[K ~string](codes []K, labels map[string]string) map[K]string {
	m := make(map[K]string, len(codes))
	for _, c := range codes {
		m[c] = cmp.Or(labels[string(c)], string(c))
	}
	return m
}

// placeholderValues gives every declared placeholder its value: the
// profile's, else the employer's name for {employer}, else the default.
func placeholderValues(lib *library.Library, prof *profile.Profile) map[string]string {
	values := make(map[string]string, len(lib.Placeholders)+8)
	for name, ph := range lib.Placeholders {
		values[name] = ph.Default
	}
	values["employer"] = prof.Employer.Name
	maps.Copy(values, prof.Placeholders)
	return values
}

func buildAsk(lib *library.Library, prof *profile.Profile, ch profile.Choice, fill func(string) string, scales map[*library.Scale]*model.Scale) *model.Ask {
	c, w := ch.Clause, ch.Wording
	a := &model.Ask{
		ID:           c.ID,
		Title:        w.Title,
		Theme:        c.Theme,
		Stages:       slices.Clone(c.Stages),
		Lever:        w.Lever,
		Status:       w.Status,
		Sectors:      slices.Clone(c.Sectors),
		Ask:          w.Ask,
		Requirement:  w.Requirement,
		Rationale:    w.Rationale,
		Caution:      w.Caution,
		LegalBasis:   w.LegalBasis,
		Retender:     w.Retender,
		Evidence:     slices.Clone(w.Evidence),
		KPIs:         modelKPIs(c.KPIs),
		Sources:      modelSources(w.Sources),
		ToolkitPages: slices.Clone(c.ToolkitPages),
		Provenance:   model.Provenance{Layer: c.Origin.Layer, File: c.Origin.File},
		Core:         c.Core,
	}
	if c.ReviewBy != nil {
		a.ReviewBy = *c.ReviewBy
	}
	if len(w.Variants) > 0 {
		a.Variant = prof.Employer.Nation
	}
	q := ch.Question()
	var ov profile.Override
	if ch.Override != nil {
		ov = *ch.Override
	}
	override := func(field string, dst *string, v string) {
		if v != "" {
			*dst = v
			a.Provenance.Overridden = append(a.Provenance.Overridden, field)
		}
	}
	override("title", &a.Title, ov.Title)
	override("ask", &a.Ask, ov.Ask)
	override("requirement", &a.Requirement, ov.Requirement)
	override("rationale", &a.Rationale, ov.Rationale)
	override("caution", &a.Caution, ov.Caution)
	if len(ov.Evidence) > 0 {
		a.Evidence = slices.Clone(ov.Evidence)
		a.Provenance.Overridden = append(a.Provenance.Overridden, "evidence")
	}
	if ov.KPITarget != "" && len(a.KPIs) == 1 {
		a.KPIs[0].Target = ov.KPITarget
		a.Provenance.Overridden = append(a.Provenance.Overridden, "kpi_target")
	}
	if q != nil {
		aq := &model.Question{
			AskID:    c.ID,
			Title:    q.Title,
			Kind:     q.Kind,
			Text:     q.Text,
			Guidance: q.Guidance,
			Scale:    modelScale(scales, prof.ScaleFor(lib, ch)),
			Weight:   ch.Weight(),
			PassMark: q.PassMark,
			Stage:    model.Award,
		}
		if slices.Contains(c.Stages, model.Selection) {
			aq.Stage = model.Selection
		}
		override("question", &aq.Text, ov.Question)
		override("question_title", &aq.Title, ov.QuestionTitle)
		override("guidance", &aq.Guidance, ov.Guidance)
		if ov.Scale != "" {
			a.Provenance.Overridden = append(a.Provenance.Overridden, "scale")
		}
		if ov.Weight != nil {
			a.Provenance.Overridden = append(a.Provenance.Overridden, "weight")
		}
		if ov.PassMark != nil {
			aq.PassMark = ov.PassMark
			a.Provenance.Overridden = append(a.Provenance.Overridden, "pass_mark")
		}
		if aq.PassMark != nil {
			pm := *aq.PassMark
			aq.PassMark = &pm
		}
		aq.Text = fill(aq.Text)
		aq.Guidance = fill(aq.Guidance)
		if aq.Title == "" {
			aq.Title = titleFrom(aq.Text)
		} else {
			aq.Title = fitTitle(fill(aq.Title))
		}
		a.Question = aq
	}
	if oc := prof.Outcome(c.ID); oc != nil {
		a.Outcome = &model.Outcome{Result: oc.Result, Wording: fill(oc.Wording), Reason: oc.Reason, Clause: oc.Clause}
	}
	slices.Sort(a.Provenance.Overridden)
	if a.Provenance.Layer == library.LayerProfile {
		a.Provenance.File = prof.File
	}

	// Library and profile text is already in document form (see
	// library.Paragraphs); placeholder values are one line each.
	for _, t := range []*string{&a.Title, &a.Ask, &a.Requirement, &a.Rationale, &a.Caution, &a.LegalBasis, &a.Retender} {
		*t = fill(*t)
	}
	a.Blanks = library.Blanks(a.Requirement)
	for i := range a.Evidence {
		a.Evidence[i] = fill(a.Evidence[i])
	}
	for i := range a.KPIs {
		a.KPIs[i].Name = fill(a.KPIs[i].Name)
		a.KPIs[i].Target = fill(a.KPIs[i].Target)
	}
	if a.Question != nil {
		a.Question.AskTitle = a.Title
	}
	return a
}

// Round returns the pack of one round of evaluation: its questions at stage
// (selection or award) only, scored among themselves, and the round's
// bidders where the profile names them. The pack's asks are p's: render
// only the grid from it.
func Round(p *model.Pack, stage model.Stage) *model.Pack {
	r := *p
	r.Questions = nil
	for _, q := range p.Questions {
		if q.Stage == stage {
			c := *q
			r.Questions = append(r.Questions, &c)
		}
	}
	if bs := p.Scoring.RoundBidders[stage]; len(bs) > 0 {
		r.Scoring.Bidders = slices.Clone(bs)
	}
	r.Scoring.Round = stage
	ResolveScoring(&r)
	return &r
}

// ResolveScoring works out, for every question, what the grid and the
// documents print: the share of 100 each scored question's weight is (they
// weigh the same when none is weighted), and the spread of evaluators'
// scores that marks it for discussion, as the same share of its own scale
// as the panel's spread flag is of the default scale.
func ResolveScoring(p *model.Pack) {
	var total float64
	scored := 0
	for _, q := range p.Questions {
		if q.Kind == model.Scored {
			total += q.Weight
			scored++
		}
	}
	share := flagShare(&p.Scoring)
	for _, q := range p.Questions {
		switch q.Kind {
		case model.Scored:
			if q.Scale == nil || q.Scale.PassFail {
				q.Scale = p.Scoring.Scale
			}
			if total > 0 {
				q.Share = q.Weight * 100 / total
			} else {
				q.Share = 100 / float64(scored)
			}
			q.Flag = flagFor(q.Scale.Values(), share)
		case model.PassFail:
			if q.Scale == nil || !q.Scale.PassFail {
				q.Scale = &model.Scale{ID: "pass-fail", PassFail: true}
			}
			q.Flag = 1
		default:
			q.Scale = nil
			q.Flag = 1
		}
	}
}

// flagShare returns the spread flag as a share of the default scale's
// range: the profile sets it in points of that scale (2 on 0–4 unless set).
func flagShare(s *model.Scoring) float64 {
	base := 4.0
	if s.Scale != nil && !s.Scale.PassFail {
		if v := s.Scale.Values(); len(v) >= 2 {
			base = v[len(v)-1] - v[0]
		}
	}
	return min(max(s.SpreadFlag, 0), base) / base
}

// flagFor returns the smallest spread the scale can show that reaches share
// of its range: 2 points on 0–4, 3 on 0–5, 5 on 0–10, 50 on 0–100.
func flagFor(pts []float64, share float64) float64 {
	if len(pts) < 2 {
		return 1
	}
	want := share * (pts[len(pts)-1] - pts[0])
	best := math.Inf(1)
	for _, a := range pts {
		for _, b := range pts {
			if d := b - a; d > 0 && d >= want-1e-9 && d < best {
				best = d
			}
		}
	}
	return best
}

// modelScale converts a library scale, once per scale, so that questions on
// the same scale share it.
func modelScale(seen map[*library.Scale]*model.Scale, s *library.Scale) *model.Scale {
	if s == nil {
		return nil
	}
	if m, ok := seen[s]; ok {
		return m
	}
	m := &model.Scale{ID: s.ID, Title: s.Title, PassFail: s.PassFail, Description: s.Description}
	for _, pt := range s.Points {
		m.Points = append(m.Points, model.Point{Value: pt.Value, Label: pt.Label, Descriptor: pt.Descriptor})
	}
	seen[s] = m
	return m
}

func modelKPIs(ks []library.KPI) []model.KPI {
	var out []model.KPI
	for _, k := range ks {
		out = append(out, model.KPI{Name: k.Name, Unit: k.Unit, Target: k.Target, Frequency: k.Frequency})
	}
	return out
}

func modelSources(ss []library.Source) []model.Source {
	var out []model.Source
	for _, s := range ss {
		out = append(out, model.Source{Title: s.Title, URL: s.URL})
	}
	return out
}

// fillWords returns w with the placeholders in its texts filled.
func fillWords(w model.Words, fill func(string) string) model.Words {
	out := model.Words{Text: make(map[string]string, len(w.Text)), Lists: make(map[string][]string, len(w.Lists))}
	for k, s := range w.Text {
		out.Text[k] = fill(s)
	}
	for k, l := range w.Lists {
		filled := make([]string, len(l))
		for i, s := range l {
			filled[i] = fill(s)
		}
		out.Lists[k] = filled
	}
	return out
}

// resolveRelated gives each ask its related asks by number and title: the
// ask's number in this pack, or 0 with the related clause's title as it
// would be worded for this profile when the pack does not hold it.
func resolveRelated(lib *library.Library, prof *profile.Profile, p *model.Pack, fill func(string) string) {
	byID := map[string]*model.Ask{}
	for _, a := range p.Asks() {
		byID[a.ID] = a
	}
	ctx := prof.Context()
	for _, ch := range prof.Choices {
		a := byID[ch.Clause.ID]
		for _, id := range ch.Clause.Related {
			if r, ok := byID[id]; ok {
				a.Related = append(a.Related, model.Ref{Number: r.Number, Title: r.Title})
			} else if c := lib.Clause(id); c != nil {
				w := c.Resolve(ctx)
				a.Related = append(a.Related, model.Ref{Title: fill(w.Title)})
			}
		}
	}
}
