// Package model is the document model every output is rendered from: a Pack
// holds one profile's documents fully resolved — every text worded for the
// employer's nation, kind of employer, regime and language, placeholders
// filled, scoring worked out, and every piece of document wording taken from
// templates/ by key. It imports no library, profile or TOML code, so
// renderers that read only a Pack cannot re-read input or re-check its rules.
package model

import (
	"math"
	"slices"
	"strconv"
	"time"
)

// Pack is the document model for one profile.
type Pack struct {
	Version     string // goldenthread version that built the pack
	Document    Document
	Employer    Employer
	Procurement Procurement
	PreparedBy  PreparedBy
	Terms       Terms

	// Words holds the document wording (headings, labels, instructions,
	// report prose) in the pack's language, by key.
	Words Words `json:"-"`

	// Purpose and Intro are resolved text for the cover and the introduction.
	Purpose string
	Intro   []string // paragraphs

	// Sections holds the asks in procurement order: one section per stage
	// that has asks, asks grouped by theme within it. Each ask appears once,
	// under its earliest stage.
	Sections []Section

	// Questions are the evaluation questions of the selected asks:
	// selection first, then award, each in ask order, with references Q1,
	// Q2 … (see Question.Ref).
	Questions []*Question

	Scoring Scoring

	// Works lists every work the asks cite, once each, numbered from 1 in
	// the order they are first cited; Source.Work refers to them.
	Works []Work

	// Contract is the contract once let, for monitoring; its Start is zero
	// when the profile has no [contract].
	Contract Contract
	// Outcomes says the profile records what the asks won (Ask.Outcome);
	// when it is false no ask has an outcome.
	Outcomes bool
}

// Contract is the contract once let.
type Contract struct {
	Start     time.Time
	Months    int // the term
	Reference string
	Supplier  string
	Manager   string
}

// End returns the last day of the contract's term.
func (c Contract) End() time.Time {
	if c.Start.IsZero() {
		return time.Time{}
	}
	return c.Start.AddDate(0, c.Months, -1)
}

// Outcome results.
const (
	AsAsked = "as-asked"
	Amended = "amended"
	Refused = "refused"
)

// Outcome is what an ask won: as asked, amended (with the wording agreed)
// or refused (with the reason given), and where the contract holds it.
type Outcome struct {
	Result  string
	Wording string // the wording agreed, when amended
	Reason  string // the reason given, when refused
	Clause  string // the contract clause, when won
}

// Won reports whether the ask is in the contract, as asked or amended.
func (o *Outcome) Won() bool { return o != nil && o.Result != Refused }

// Priorities returns the asks the branch puts first, in the order of its
// priorities.
func (p *Pack) Priorities() []*Ask {
	var out []*Ask
	for _, a := range p.Asks() {
		if a.Priority > 0 {
			out = append(out, a)
		}
	}
	slices.SortStableFunc(out, func(a, b *Ask) int { return a.Priority - b.Priority })
	return out
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

// Document describes the document as a whole.
type Document struct {
	Title    string
	Date     time.Time
	Language string // en
}

// Employer is the public body doing the buying.
type Employer struct {
	Name   string
	Kind   string
	Nation string // england, wales, scotland, northern-ireland
}

// KeyDate is a named date in the procurement timetable.
type KeyDate struct {
	Label string
	Date  time.Time
}

// Procurement is the procurement the pack is for.
type Procurement struct {
	Title          string
	Reference      string
	Category       string
	EstimatedValue string
	Regime         string
	London         bool // the work is in London
	Stage          Stage
	KeyDates       []KeyDate
}

// PreparedBy names who prepared the document.
type PreparedBy struct {
	Organisation string
	Contact      string
}

// Terms holds the words the procurement regime uses, so documents speak the
// language of the procurement they are for.
type Terms struct {
	RegimeName        string // "Procurement Act 2023"
	SelectionStage    string // "conditions of participation" | "selection questionnaire (SQ)"
	SelectionDocument string // "procurement specific questionnaire (PSQ)" | "selection questionnaire (SQ)"
	AwardBasis        string // "most advantageous tender (MAT)" | "most economically advantageous tender (MEAT)"
	StageTitles       map[Stage]string
	LeverLabels       map[string]string
	StatusLabels      map[string]string
	KindLabels        map[string]string // question kinds: "Scored", "Pass or fail" …
}

// Section is one procurement stage's asks.
type Section struct {
	Stage  Stage
	Title  string
	Themes []ThemeGroup
}

// Theme is a subject that asks are grouped under.
type Theme struct {
	ID      string
	Title   string
	Summary string
}

// ThemeGroup is one theme's asks within a section.
type ThemeGroup struct {
	Theme Theme
	Asks  []*Ask
}

// Ask is one selected clause with every text resolved for this profile.
type Ask struct {
	Number  int // 1-based, in document order
	ID      string
	Title   string
	Theme   string
	Stages  []Stage
	Lever   string
	Status  string
	Sectors []string
	Variant string // the jurisdiction whose variant was used, or ""

	Ask         string
	Requirement string
	// Blanks are the parts of Requirement in [square brackets] that the
	// buyer completes before using the wording, such as "[x]" for a
	// schedule number, in order of appearance, each once.
	Blanks     []string
	Rationale  string
	Caution    string
	LegalBasis string
	Evidence   []string
	// Retender is the stronger requirement to ask for at re-tender where
	// monitoring found this one was not met, or "" when the requirement
	// itself is what to ask for again.
	Retender     string
	KPIs         []KPI
	Question     *Question // nil when the clause has none
	Sources      []Source
	ToolkitPages []int
	ReviewBy     time.Time
	// Core marks an ask the library holds core at its stage.
	Core bool
	// Priority is the ask's place, from 1, among the asks the branch puts
	// first, or 0: the paper sets these out in short, with Why (the first
	// two sentences of Rationale) and Gist (the first sentence of
	// Requirement).
	Priority  int
	Why, Gist string
	// Related are the asks this one refers to, in the library's order.
	Related []Ref
	// Outcome is what the ask won, or nil when the profile records none.
	Outcome *Outcome

	Provenance Provenance
}

// Ref is a reference to another ask by its number and title, never its id:
// Number is 0 when the ask is not in this pack.
type Ref struct {
	Number int
	Title  string
}

// Provenance records where each part of an ask came from.
type Provenance struct {
	Layer      string   // "library", "overlay" or "profile"
	File       string   // file the clause was read from
	Overridden []string // fields the profile overrode, sorted
}

// KPI is a measure for contract monitoring.
type KPI struct {
	Name      string
	Unit      string
	Target    string
	Frequency string
}

// Source is a citation: a title precise enough to check and, where there is
// one, a URL. Work is the number of the work it cites in Pack.Works.
type Source struct {
	Title string
	URL   string
	Work  int
}

// Work is a work cited, once however many asks cite it and at whichever
// pages or sections: a source's URL names its work, else its title does.
type Work struct {
	Title string
	URL   string
	Cited []int // the numbers of the asks that cite it, ascending
}

// Question kinds.
const (
	Scored      = "scored"
	PassFail    = "pass-fail"
	Information = "information"
)

// Question is an evaluation question with its scoring resolved.
type Question struct {
	Ref      string // "Q1", "Q2" …
	AskID    string
	AskTitle string
	// Title is the question's short title, as the grid and the paper label
	// it: one line, placeholders filled, of at most 80 characters. It is
	// the library's title or the profile's override of it; for a question
	// written without one, the start of Text.
	Title    string
	Stage    Stage  // selection or award
	Kind     string // Scored, PassFail or Information
	Text     string
	Guidance string
	// Scale is the scale the question is scored on: its own, else the
	// panel's default, for scored questions; the pass-or-fail scale for
	// pass-fail questions; nil for information questions.
	Scale *Scale
	// Weight is the weight the profile or library gives a scored question;
	// Share is that weight as a share of 100 across the scored questions
	// (they weigh the same when none has a weight). Both are 0 for other
	// kinds.
	Weight   float64
	Share    float64
	PassMark *float64 // nil when none
	// OfTotal is the share of the total score, in percent, that a scored
	// award question carries: its Weight's share of the scored award
	// questions times the social value weighting, rounded to two places,
	// when that weighting is a percentage; 0 otherwise.
	OfTotal float64
	// Flag is the spread of evaluators' scores at which moderation marks
	// the question for discussion: the panel's spread flag as the same
	// share of this question's scale, and 1 (any disagreement) for
	// pass-fail and information questions.
	Flag float64
}

// Scoring is the evaluation set-up for grids.
type Scoring struct {
	Scale            *Scale  // default scale
	SpreadFlag       float64 // moderation flag threshold, in points of Scale
	SocialValueShare string  // share of the total score, as text
	// SocialValue is that share as a percentage, when the profile gives it
	// as a number; 0 otherwise.
	SocialValue float64
	// UnionNominee is the panel member the union nominates, or "".
	UnionNominee string
	Panel        []string
	Bidders      []string
	// RoundBidders are the bidders of the selection or the award round,
	// where the profile names them apart from Bidders.
	RoundBidders map[Stage][]string
	// Split asks for a workbook per panel member and a moderation
	// workbook rather than one workbook.
	Split bool
	// Round is the stage a grid of one round scores (selection or award),
	// or "" for a grid of every question.
	Round    Stage
	Password string
}

// Scale is a scoring scale with a descriptor for every point.
type Scale struct {
	ID          string
	Title       string
	PassFail    bool
	Points      []Point
	Description string
}

// Point is one point on a scale.
type Point struct {
	Value      float64
	Label      string
	Descriptor string
}

// Max returns the highest value on the scale.
func (s *Scale) Max() float64 {
	m := 0.0
	for _, p := range s.Points {
		if p.Value > m {
			m = p.Value
		}
	}
	return m
}

// Num formats a number as every document prints it, in formulas,
// validation lists and text alike: the shortest exact decimal form.
func Num(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }

// Values returns the distinct finite values of the scale, ascending.
func (s *Scale) Values() []float64 {
	var out []float64
	for _, p := range s.Points {
		if !math.IsNaN(p.Value) && !math.IsInf(p.Value, 0) {
			out = append(out, p.Value)
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// Stage is one of the five stages of a public procurement.
type Stage string

// The five stages, in procurement order.
const (
	PreProcurement     Stage = "pre-procurement"
	Specification      Stage = "specification"
	Selection          Stage = "selection"
	Award              Stage = "award"
	ContractManagement Stage = "contract-management"
)

// Stages lists the stages in procurement order.
var Stages = []Stage{PreProcurement, Specification, Selection, Award, ContractManagement}

// Index reports the position of s in procurement order, or -1.
func (s Stage) Index() int { return slices.Index(Stages, s) }

// StageNames returns the stages' names in procurement order.
func StageNames() []string {
	names := make([]string, len(Stages))
	for i, s := range Stages {
		names[i] = string(s)
	}
	return names
}

// Words is document wording by key ("grid.guide_title"), in one language,
// as templates/ gives it: single texts and lists of texts.
type Words struct {
	Text  map[string]string
	Lists map[string][]string
}

// Get returns the text at key. A key templates/ lacks returns the key itself
// in brackets, so a gap shows in the output and in tests, never as empty
// space; lint checks every key the renderers use is there.
func (w Words) Get(key string) string {
	if s, ok := w.Text[key]; ok {
		return s
	}
	return "[" + key + "]"
}

// List returns the list of texts at key.
func (w Words) List(key string) []string { return w.Lists[key] }
