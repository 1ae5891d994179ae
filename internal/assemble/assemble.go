// Package assemble turns a clause library and an employer profile into a
// Pack, the renderer-independent document model. It is pure: no file system,
// no clock; the same inputs always give the same Pack.
package assemble

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/goldenthread/goldenthread/internal/library"
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
func Build(lib *library.Library, prof *profile.Profile, tmpl *Templates, opt Options) (*Pack, error) {
	reg := tmpl.regime(prof.Procurement.Regime)
	if reg == nil {
		return nil, fmt.Errorf("templates/labels.toml has no [[regime]] %q", prof.Procurement.Regime)
	}
	p := &Pack{
		Version: opt.Version,
		Document: Document{
			Title:    prof.Document.Title,
			Date:     opt.Date,
			Language: cmp.Or(prof.Document.Language, "en"),
		},
		Employer:    Employer{Name: prof.Employer.Name, Kind: prof.Employer.Kind, Nation: prof.Employer.Nation},
		Procurement: Procurement{Title: prof.Procurement.Title, Reference: prof.Procurement.Reference, Category: prof.Procurement.Category, EstimatedValue: prof.Procurement.EstimatedValue, Regime: prof.Procurement.Regime, Stage: library.Stage(prof.Procurement.Stage)},
		PreparedBy:  PreparedBy{Organisation: prof.PreparedBy.Organisation, Contact: prof.PreparedBy.Contact},
	}
	if prof.Document.Date != nil {
		p.Document.Date = *prof.Document.Date
	}
	p.Document.Date = time.Date(p.Document.Date.Year(), p.Document.Date.Month(), p.Document.Date.Day(), 0, 0, 0, 0, time.UTC)
	for _, kd := range prof.Procurement.KeyDates {
		p.Procurement.KeyDates = append(p.Procurement.KeyDates, KeyDate{Label: kd.Label, Date: kd.Date})
	}
	p.Terms = terms(tmpl, reg)

	values := placeholderValues(lib, prof)
	values["employer_name"] = prof.Employer.Name
	values["procurement_title"] = prof.Procurement.Title
	values["procurement_reference"] = prof.Procurement.Reference
	values["branch"] = prof.PreparedBy.Organisation
	values["regime_name"] = reg.Name
	values["selection_stage"] = reg.SelectionStage
	values["award_basis"] = reg.AwardBasis
	fill := func(s string) string { return library.Fill(s, values) }
	p.Document.Title = joinLines(fill(p.Document.Title))

	p.Purpose = joinLines(fill(cmp.Or(prof.Document.Purpose, tmpl.Text.Purpose)))
	for _, para := range paragraphs(fill(cmp.Or(prof.Document.Intro, tmpl.Text.Intro))) {
		p.Intro = append(p.Intro, para)
	}

	scoring := prof.Scoring
	p.Scoring.Scale = lib.Scales[prof.ScaleID()]
	p.Scoring.SpreadFlag = DefaultSpreadFlag * p.Scoring.Scale.Max() / 4
	p.Scoring.SocialValueShare = values["social_value_weighting"]
	if scoring != nil {
		if scoring.SpreadFlag != nil {
			p.Scoring.SpreadFlag = *scoring.SpreadFlag
		}
		if scoring.SocialValueWeighting != "" {
			p.Scoring.SocialValueShare = scoring.SocialValueWeighting
		}
		p.Scoring.Panel = slices.Clone(scoring.Panel)
		p.Scoring.Bidders = slices.Clone(scoring.Bidders)
		p.Scoring.Password = scoring.Password
	}

	// Asks, placed under their earliest stage, grouped by theme.
	bySection := map[library.Stage][]*Ask{}
	for _, ch := range prof.Choices {
		a := buildAsk(lib, prof, ch, fill)
		first := ch.Clause.FirstStage()
		bySection[first] = append(bySection[first], a)
	}
	seenSource := map[library.Source]bool{}
	n := 0
	for _, st := range library.Stages {
		asks := bySection[st]
		if len(asks) == 0 {
			continue
		}
		sec := Section{Stage: st, Title: p.Terms.StageTitles[st]}
		for _, t := range lib.Themes {
			var group []*Ask
			for _, a := range asks {
				if a.Theme == t.ID {
					group = append(group, a)
				}
			}
			if len(group) == 0 {
				continue
			}
			for _, a := range group {
				n++
				a.Number = n
				for _, s := range a.Sources {
					if !seenSource[s] {
						seenSource[s] = true
						p.Sources = append(p.Sources, s)
					}
				}
			}
			th := *t // theme text may use placeholders too
			th.Title, th.Summary = fill(th.Title), fill(th.Summary)
			sec.Themes = append(sec.Themes, ThemeGroup{Theme: th, Asks: group})
		}
		p.Sections = append(p.Sections, sec)
	}
	sortSources(p.Sources)

	// Questions: selection first, then award, in ask order.
	for _, st := range []library.Stage{library.Selection, library.Award} {
		for _, a := range p.Asks() {
			if a.Question != nil && a.Question.Stage == st {
				p.Questions = append(p.Questions, a.Question)
			}
		}
	}
	for i, q := range p.Questions {
		q.Ref = fmt.Sprintf("Q%d", i+1)
	}
	return p, nil
}

// sortSources sorts sources by title, ignoring case, then URL.
func sortSources(sources []library.Source) {
	type keyed struct {
		key string
		src library.Source
	}
	ks := make([]keyed, len(sources))
	for i, s := range sources {
		ks[i] = keyed{strings.ToLower(s.Title), s}
	}
	slices.SortFunc(ks, func(a, b keyed) int {
		return cmp.Or(strings.Compare(a.key, b.key), strings.Compare(a.src.Title, b.src.Title), strings.Compare(a.src.URL, b.src.URL))
	})
	for i := range ks {
		sources[i] = ks[i].src
	}
}

// Asks returns every ask in document order.
func (p *Pack) Asks() []*Ask {
	var out []*Ask
	for _, s := range p.Sections {
		for _, g := range s.Themes {
			out = append(out, g.Asks...)
		}
	}
	return out
}

func terms(tmpl *Templates, reg *Regime) Terms {
	t := Terms{
		RegimeName:        reg.Name,
		SelectionStage:    reg.SelectionStage,
		SelectionDocument: reg.SelectionDocument,
		AwardBasis:        reg.AwardBasis,
		StageTitles:       map[library.Stage]string{},
		LeverLabels:       map[string]string{},
		StatusLabels:      map[string]string{},
		KindLabels:        map[string]string{},
	}
	for _, s := range library.Stages {
		t.StageTitles[s] = cmp.Or(tmpl.Labels.Stage[string(s)], string(s))
	}
	t.StageTitles[library.Selection] = reg.SelectionTitle
	t.StageTitles[library.Award] = reg.AwardTitle
	for _, l := range library.Levers {
		t.LeverLabels[l] = cmp.Or(tmpl.Labels.Lever[l], l)
	}
	t.LeverLabels["condition-of-participation"] = reg.ConditionOfParticipation
	for _, s := range library.Statuses {
		t.StatusLabels[s] = cmp.Or(tmpl.Labels.Status[s], s)
	}
	for _, k := range library.QuestionKinds {
		t.KindLabels[k] = cmp.Or(tmpl.Labels.Kind[k], k)
	}
	return t
}

// placeholderValues gives every declared placeholder its value: the
// profile's, else the employer's name for {employer}, else the default.
func placeholderValues(lib *library.Library, prof *profile.Profile) map[string]string {
	values := make(map[string]string, len(lib.Placeholders)+8)
	for name, ph := range lib.Placeholders {
		values[name] = ph.Default
	}
	values["employer"] = prof.Employer.Name
	for name, v := range prof.Placeholders {
		values[name] = v
	}
	return values
}

func buildAsk(lib *library.Library, prof *profile.Profile, ch profile.Choice, fill func(string) string) *Ask {
	c := ch.Clause
	a := &Ask{
		ID:           c.ID,
		Title:        c.Title,
		Theme:        c.Theme,
		Stages:       slices.Clone(c.Stages),
		Lever:        c.Lever,
		Status:       c.Status,
		Sectors:      slices.Clone(c.Sectors),
		Ask:          c.Ask,
		Requirement:  c.Requirement,
		Rationale:    c.Rationale,
		Caution:      c.Caution,
		LegalBasis:   c.LegalBasis,
		Evidence:     slices.Clone(c.Evidence),
		KPIs:         slices.Clone(c.KPIs),
		Sources:      slices.Clone(c.Sources),
		ToolkitPages: slices.Clone(c.ToolkitPages),
		Provenance:   Provenance{Layer: c.Origin.Layer, File: c.Origin.File},
	}
	if c.ReviewBy != nil {
		a.ReviewBy = *c.ReviewBy
	}
	if v := ch.Variant; v != nil {
		a.Variant = prof.Employer.Nation
		a.Title = cmp.Or(v.Title, a.Title)
		a.Lever = cmp.Or(v.Lever, a.Lever)
		a.Status = cmp.Or(v.Status, a.Status)
		a.Ask = cmp.Or(v.Ask, a.Ask)
		a.Requirement = cmp.Or(v.Requirement, a.Requirement)
		a.Rationale = cmp.Or(v.Rationale, a.Rationale)
		a.Caution = cmp.Or(v.Caution, a.Caution)
		a.LegalBasis = cmp.Or(v.LegalBasis, a.LegalBasis)
		a.Sources = append(a.Sources, v.Sources...)
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
		aq := &Question{
			AskID:    c.ID,
			Kind:     q.Kind,
			Text:     q.Text,
			Guidance: q.Guidance,
			Scale:    prof.ScaleFor(lib, ch),
			Weight:   ch.Weight(),
			PassMark: q.PassMark,
			Stage:    library.Award,
		}
		if slices.Contains(c.Stages, library.Selection) {
			aq.Stage = library.Selection
		}
		override("question", &aq.Text, ov.Question)
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
		a.Question = aq
	}
	slices.Sort(a.Provenance.Overridden)
	if a.Provenance.Layer == library.LayerProfile {
		a.Provenance.File = prof.File
	}

	// Library and profile text is already in document form (see
	// library.Paragraphs); placeholder values are one line each.
	a.Title = fill(a.Title)
	a.Ask = fill(a.Ask)
	a.Requirement = fill(a.Requirement)
	a.Blanks = library.Blanks(a.Requirement)
	a.Rationale = fill(a.Rationale)
	a.Caution = fill(a.Caution)
	a.LegalBasis = fill(a.LegalBasis)
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

// paragraphs splits text at blank lines and joins each paragraph's lines.
func paragraphs(text string) []string {
	var out []string
	for _, para := range strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n\n") {
		if s := joinLines(para); s != "" {
			out = append(out, s)
		}
	}
	return out
}

// joinLines joins a paragraph's hard line breaks with single spaces.
func joinLines(s string) string { return strings.Join(strings.Fields(s), " ") }
