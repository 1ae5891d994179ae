package assemble

import (
	"time"

	"github.com/goldenthread/goldenthread/internal/library"
)

// Pack is the renderer-independent document model for one profile: every
// renderer reads only a Pack, never TOML, and never re-checks rules.
type Pack struct {
	Version     string // goldenthread version that built the pack
	Document    Document
	Employer    Employer
	Procurement Procurement
	PreparedBy  PreparedBy
	Terms       Terms

	// Purpose and Intro are resolved text for the cover and the introduction.
	Purpose string
	Intro   []string // paragraphs

	// Sections holds the asks in procurement order: one section per stage
	// that has asks, asks grouped by theme within it. Each ask appears once,
	// under its earliest stage.
	Sections []Section

	// Questions are the evaluation questions of the selected asks, in the
	// order they appear, with references Q1, Q2 … (see Question.Ref).
	Questions []*Question

	Scoring Scoring

	// Sources lists every source cited by a selected ask, deduplicated and
	// sorted by title, for the appendix.
	Sources []library.Source
}

// Document describes the document as a whole.
type Document struct {
	Title    string
	Date     time.Time
	Language string // en, cy or cy+en
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
	Stage          library.Stage
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
	StageTitles       map[library.Stage]string
	LeverLabels       map[string]string
	StatusLabels      map[string]string
	KindLabels        map[string]string // question kinds: "Scored", "Pass or fail" …
}

// Section is one procurement stage's asks.
type Section struct {
	Stage  library.Stage
	Title  string
	Themes []ThemeGroup
}

// ThemeGroup is one theme's asks within a section.
type ThemeGroup struct {
	Theme library.Theme
	Asks  []*Ask
}

// Ask is one selected clause with every text resolved for this profile.
type Ask struct {
	Number  int // 1-based, in document order
	ID      string
	Title   string
	Theme   string
	Stages  []library.Stage
	Lever   string
	Status  string
	Sectors []string
	Variant string // the jurisdiction whose variant was used, or ""

	Ask         string
	Requirement string
	// Blanks are the parts of Requirement in [square brackets] that the
	// buyer completes before using the wording, such as "[x]" for a
	// schedule number, in order of appearance, each once.
	Blanks       []string
	Rationale    string
	Caution      string
	LegalBasis   string
	Evidence     []string
	KPIs         []library.KPI
	Question     *Question // nil when the clause has none
	Sources      []library.Source
	ToolkitPages []int
	ReviewBy     time.Time

	Provenance Provenance
}

// Provenance records where each part of an ask came from.
type Provenance struct {
	Layer      string   // "library", "overlay" or "profile"
	File       string   // file the clause was read from
	Overridden []string // fields the profile overrode, sorted
}

// Question is an evaluation question with its scale resolved.
type Question struct {
	Ref      string // "Q1", "Q2" …
	AskID    string
	AskTitle string
	Stage    library.Stage // selection or award
	Kind     string        // scored, pass-fail, information
	Text     string
	Guidance string
	Scale    *library.Scale
	Weight   float64  // 0 for pass-fail and information questions
	PassMark *float64 // nil when none
}

// Scoring is the evaluation set-up for grids.
type Scoring struct {
	Scale            *library.Scale // default scale
	SpreadFlag       float64        // moderation flag threshold
	SocialValueShare string         // share of the total score, as text
	Panel            []string
	Bidders          []string
	Password         string
}
