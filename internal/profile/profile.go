// Package profile holds an employer profile: one employer, one procurement,
// the clauses a branch selects for it and how it customises them. Profiles
// are loaded as strictly as the library and checked against it.
package profile

import (
	"slices"
	"time"

	"github.com/goldenthread/goldenthread/internal/diag"
	"github.com/goldenthread/goldenthread/internal/library"
	"github.com/goldenthread/goldenthread/internal/tomldoc"
)

// Profile is one employer's customisation of the library.
type Profile struct {
	Document     Document          `toml:"document" gt:"required"`
	Employer     Employer          `toml:"employer" gt:"required"`
	Procurement  Procurement       `toml:"procurement" gt:"required"`
	PreparedBy   PreparedBy        `toml:"prepared_by" gt:"required"`
	Select       *Select           `toml:"select"`
	Placeholders map[string]string `toml:"placeholders"`
	Overrides    []Override        `toml:"override"`
	Clauses      []library.Clause  `toml:"clause"`
	Scoring      *Scoring          `toml:"scoring"`
	Contract     *Contract         `toml:"contract"`
	Outcomes     []Outcome         `toml:"outcome"`

	// Name is the profile's file name without folder or extension: the name
	// of its output folder.
	Name string `toml:"-"`
	// File is the path the profile was read from.
	File string `toml:"-"`
	// Choices are the selected clauses, in library order, then the
	// profile's own clauses, each with its variant and override.
	Choices []Choice `toml:"-"`

	doc        *tomldoc.Doc
	priorities []string // settled by Load; see Priorities
}

// MaxPriorities is the most priority asks the asks paper lists well.
const MaxPriorities = 8

// Priorities returns the ids of the asks the paper puts first as the
// branch's priority asks, each a selected clause:
//
//   - when [select] priorities is given, that list in the order the branch
//     wrote it (its ranking), all of it even when it is longer than
//     MaxPriorities (Load warns about that); an empty list means the
//     paper has no priority asks, and Priorities returns an empty slice;
//   - otherwise the selected clauses marked core (the library's, and any
//     of the profile's own that say core = true), at most MaxPriorities,
//     spread across themes: one from each theme in turn, in the
//     library's theme order, taking a theme's clauses in choice order
//     (Choices). They are returned in choice order, and there are none
//     when no selected clause is core.
//
// The slice is the caller's to keep.
func (p *Profile) Priorities() []string { return slices.Clone(p.priorities) }

// EachText calls fn with the dotted name and value of every text the
// profile file holds, in key order, and a function that finds a part of the
// text in the file (the value's start when the file writes it otherwise),
// so that a renderer's limits, such as characters its fonts cannot draw,
// can be reported where the user wrote them.
func (p *Profile) EachText(fn func(name, text string, at func(part string) diag.Pos)) {
	p.doc.Strings(func(path tomldoc.Path, s string) {
		fn(path.String(), s, func(part string) diag.Pos { return p.doc.TextPos(path, part, 0) })
	})
}

// Choice is one selected clause with what the profile does to it.
type Choice struct {
	Clause   *library.Clause
	Wording  library.Wording // the clause's wording resolved for the profile's context
	Override *Override       // the profile's override, or nil
}

// Question returns the question that applies, or nil.
func (c Choice) Question() *library.Question { return c.Wording.Question }

// texts returns every text of the choice that a document may print: the
// clause's, its variant's and its override's.
func (c Choice) texts() []string {
	cl := c.Clause
	t := []string{cl.Title, cl.Ask, cl.Requirement, cl.Rationale, cl.Caution, cl.LegalBasis}
	t = append(t, cl.Evidence...)
	for _, k := range cl.KPIs {
		t = append(t, k.Name, k.Unit, k.Target)
	}
	for _, q := range []*library.Question{cl.Question, c.Question()} {
		if q != nil {
			t = append(t, q.Title, q.Text, q.Guidance)
		}
	}
	for _, nt := range c.Wording.Texts() {
		t = append(t, nt.Text)
	}
	if o := c.Override; o != nil {
		t = append(t, o.Title, o.Ask, o.Requirement, o.Rationale, o.Caution, o.Question, o.QuestionTitle, o.Guidance, o.KPITarget)
		t = append(t, o.Evidence...)
	}
	return t
}

// Document describes the document to produce.
type Document struct {
	Title    string     `toml:"title" gt:"required,text"`
	Date     *time.Time `toml:"date"`
	Language string     `toml:"language"`
	Purpose  string     `toml:"purpose" gt:"text"`
	Intro    string     `toml:"intro" gt:"text"`
}

// Employer is the public body buying.
type Employer struct {
	Name   string `toml:"name" gt:"required,text"`
	Kind   string `toml:"kind" gt:"required"`
	Nation string `toml:"nation" gt:"required"`
}

// Procurement is the procurement the profile is for.
type Procurement struct {
	Title     string `toml:"title" gt:"required,text"`
	Reference string `toml:"reference" gt:"text"`
	Category  string `toml:"category" gt:"required"`
	Sector    string `toml:"sector"`
	// London says the work is in London, where the London Living Wage
	// applies.
	London         bool      `toml:"london"`
	EstimatedValue string    `toml:"estimated_value" gt:"text"`
	Regime         string    `toml:"regime" gt:"required"`
	Stage          string    `toml:"stage" gt:"required"`
	KeyDates       []KeyDate `toml:"key_date"`
}

// KeyDate is a named date in the timetable.
type KeyDate struct {
	Label string    `toml:"label" gt:"required,text"`
	Date  time.Time `toml:"date" gt:"required"`
}

// PreparedBy names who prepared the document.
type PreparedBy struct {
	Organisation string `toml:"organisation" gt:"required,text"`
	Contact      string `toml:"contact" gt:"text"`
}

// Select chooses clauses: the union of themes, stages, tags and ids, minus
// exclude. With no [select] table every clause that applies is chosen.
type Select struct {
	Themes  []string `toml:"themes"`
	Stages  []string `toml:"stages"`
	Tags    []string `toml:"tags"`
	IDs     []string `toml:"ids"`
	Exclude []string `toml:"exclude"`
	// Priorities names the selected clauses the paper puts first, in the
	// branch's order; nil (no key) leaves them to the default that
	// Profile.Priorities describes, and an empty list asks for none.
	Priorities []string `toml:"priorities"`
}

// Override changes one selected clause for this employer only.
type Override struct {
	ID          string   `toml:"id" gt:"required"`
	Title       string   `toml:"title" gt:"text"`
	Ask         string   `toml:"ask" gt:"text"`
	Requirement string   `toml:"requirement" gt:"text"`
	Rationale   string   `toml:"rationale" gt:"text"`
	Caution     string   `toml:"caution" gt:"text"`
	Evidence    []string `toml:"evidence" gt:"text"`
	Question    string   `toml:"question" gt:"text"`
	// QuestionTitle retitles the question, as a branch that rewrites it
	// may need to: the grid and the paper label the question with it.
	QuestionTitle string   `toml:"question_title" gt:"text"`
	Guidance      string   `toml:"guidance" gt:"text"`
	Scale         string   `toml:"scale"`
	Weight        *float64 `toml:"weight"`
	PassMark      *float64 `toml:"pass_mark"`
	KPITarget     string   `toml:"kpi_target" gt:"text"`
}

// Scoring sets up the evaluation grid.
type Scoring struct {
	Scale      string   `toml:"scale"`
	SpreadFlag *float64 `toml:"spread_flag"`
	// SocialValueWeighting is the share of the whole evaluation, as a
	// percentage, that the scored fair-work and equality questions carry.
	SocialValueWeighting *float64 `toml:"social_value_weighting"`
	// UnionNominee is the panel member the union nominates, as named in
	// Panel, or "".
	UnionNominee string   `toml:"union_nominee" gt:"text"`
	Panel        []string `toml:"panel" gt:"required,text"`
	Bidders      []string `toml:"bidders" gt:"required,text"`
	// SelectionBidders and AwardBidders name the bidders of each round
	// when they differ (after shortlisting): grid --stage writes a round
	// with them. Empty means Bidders.
	// Split asks pack for a workbook per panel member and a moderation
	// workbook, as grid --split writes, instead of one workbook.
	Split            bool     `toml:"split"`
	SelectionBidders []string `toml:"selection_bidders" gt:"text"`
	AwardBidders     []string `toml:"award_bidders" gt:"text"`
	Password         string   `toml:"password"`
}

// DocumentPlaceholders are the names that document text (the profile's
// title, purpose and intro, and templates/text.toml) may use besides the
// library's placeholders; assemble gives them their values.
var DocumentPlaceholders = []string{
	"employer_name", "procurement_title", "procurement_reference", "branch",
	"regime_name", "selection_stage", "award_basis",
}

// Languages are the document languages a profile may ask for.
var Languages = []string{"en"}
