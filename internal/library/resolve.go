package library

import (
	"slices"
	"strings"
)

// Context is what a clause's wording is resolved for: the employer's
// nation and kind, the procurement regime, and whether the work is in
// London.
type Context struct {
	Nation string
	Kind   string
	Regime string
	London bool
}

// Applies reports whether the clause is written for ctx: its
// jurisdictions, kinds and regimes (empty kinds and regimes mean all).
func (c *Clause) Applies(ctx Context) bool {
	return slices.Contains(c.Jurisdictions, ctx.Nation) &&
		(len(c.Kinds) == 0 || slices.Contains(c.Kinds, ctx.Kind)) &&
		(len(c.Regimes) == 0 || slices.Contains(c.Regimes, ctx.Regime))
}

// Matches reports whether the variant's conditions hold in ctx.
func (v *Variant) Matches(ctx Context) bool {
	return (len(v.Jurisdictions) == 0 || slices.Contains(v.Jurisdictions, ctx.Nation)) &&
		(len(v.Kinds) == 0 || slices.Contains(v.Kinds, ctx.Kind)) &&
		(len(v.Regimes) == 0 || slices.Contains(v.Regimes, ctx.Regime)) &&
		(v.London == nil || *v.London == ctx.London)
}

// Wording is a clause's text resolved for one context.
type Wording struct {
	Title, Lever, Status                             string
	Ask, Requirement, Rationale, Caution, LegalBasis string
	Retender                                         string
	Evidence                                         []string
	Question                                         *Question
	Sources                                          []Source
	// Variants are the indices of the variants applied, in order.
	Variants []int
}

// Resolve returns the clause's wording for ctx: its own, with every
// matching variant applied in order.
func (c *Clause) Resolve(ctx Context) Wording {
	w := Wording{
		Title: c.Title, Lever: c.Lever, Status: c.Status,
		Ask: c.Ask, Requirement: c.Requirement, Rationale: c.Rationale, Caution: c.Caution, LegalBasis: c.LegalBasis,
		Retender: c.Retender, Evidence: c.Evidence, Question: c.Question, Sources: c.Sources,
	}
	for i := range c.Variants {
		v := &c.Variants[i]
		if !v.Matches(ctx) {
			continue
		}
		w.Variants = append(w.Variants, i)
		for _, f := range []struct {
			dst *string
			v   string
		}{
			{&w.Title, v.Title}, {&w.Lever, v.Lever}, {&w.Status, v.Status},
			{&w.Ask, v.Ask}, {&w.Requirement, v.Requirement}, {&w.Rationale, v.Rationale},
			{&w.Caution, v.Caution}, {&w.LegalBasis, v.LegalBasis}, {&w.Retender, v.Retender},
		} {
			if f.v != "" {
				*f.dst = f.v
			}
		}
		if len(v.Evidence) > 0 {
			w.Evidence = v.Evidence
		}
		if v.Question != nil {
			w.Question = v.Question
		}
		w.Sources = append(slices.Clip(w.Sources), v.Sources...)
	}
	return w
}

// Texts returns every text of the wording that a document may print, with
// the name of its field.
func (w *Wording) Texts() []NamedText {
	t := []NamedText{
		{"title", w.Title}, {"ask", w.Ask}, {"requirement", w.Requirement}, {"rationale", w.Rationale},
		{"caution", w.Caution}, {"legal_basis", w.LegalBasis}, {"retender", w.Retender},
	}
	for _, e := range w.Evidence {
		t = append(t, NamedText{"evidence", e})
	}
	if q := w.Question; q != nil {
		t = append(t, NamedText{"question.title", q.Title}, NamedText{"question.text", q.Text}, NamedText{"question.guidance", q.Guidance})
	}
	for _, s := range w.Sources {
		t = append(t, NamedText{"source.title", s.Title})
	}
	return t
}

// NamedText is a text with the name of the field it is in.
type NamedText struct{ Field, Text string }

// Conditions describes where the variant applies, for messages: "scotland",
// "wales; nhs", "london".
func (v *Variant) Conditions() string {
	var parts []string
	for _, p := range [][]string{v.Jurisdictions, v.Kinds, v.Regimes} {
		if len(p) > 0 {
			parts = append(parts, strings.Join(p, ", "))
		}
	}
	if v.London != nil {
		if *v.London {
			parts = append(parts, "London")
		} else {
			parts = append(parts, "outside London")
		}
	}
	return strings.Join(parts, "; ")
}
