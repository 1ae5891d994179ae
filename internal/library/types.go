// Package library holds the clause library: themes, clauses, placeholders,
// the registry of cited works and scoring scales, loaded strictly from TOML
// with exact source positions for every problem, and queried by the rest of
// goldenthread.
package library

import (
	"time"

	"github.com/goldenthread/goldenthread/internal/diag"
	"github.com/goldenthread/goldenthread/internal/model"
	"github.com/goldenthread/goldenthread/internal/tomldoc"
)

// Enumerations accepted by the loader. Order is the order used in help text.
var (
	Levers = []string{
		"pre-procurement-ask", "specification", "exclusion", "condition-of-participation",
		"award-criterion", "contract-performance-condition", "kpi",
	}
	Statuses      = []string{"statutory-duty", "mandatory-policy", "policy", "good-practice"}
	Jurisdictions = []string{"england", "wales", "scotland", "northern-ireland"}
	Sectors       = []string{
		"all", "construction", "facilities", "cleaning", "catering", "social-care",
		"health", "education", "housing", "transport", "waste", "security", "it", "goods",
	}
	Categories    = []string{"works", "services", "goods"}
	QuestionKinds = []string{"scored", "pass-fail", "information"}
	Frequencies   = []string{"monthly", "quarterly", "six-monthly", "annual", "on-event"}
	Regimes       = []string{"procurement-act-2023", "pcr-2015", "procurement-reform-scotland-2014"}
	// Kinds are the kinds of employer a profile can name, and a clause or
	// variant can be written for.
	Kinds = []string{"local-authority", "nhs", "university", "college", "school", "housing-association", "central-government", "devolved-government", "police-fire", "other"}
)

// RegimeNations says in which nations each procurement regime is used.
var RegimeNations = map[string][]string{
	"procurement-act-2023":             {"england", "wales", "northern-ireland"},
	"pcr-2015":                         {"england", "wales", "northern-ireland"},
	"procurement-reform-scotland-2014": {"scotland"},
}

// Theme groups clauses on one subject; each theme file declares one.
type Theme struct {
	ID      string `toml:"id" gt:"required"`
	Title   string `toml:"title" gt:"required"`
	Summary string `toml:"summary" gt:"required"`
	Order   int    `toml:"order" gt:"required"`

	Origin Origin `toml:"-" json:"-"`
}

// Clause is one suggested requirement: from it come the consultation ask, the
// specification wording, the evaluation question, the contract KPI and the
// evidence checklist.
type Clause struct {
	ID            string        `toml:"id" gt:"required"`
	Title         string        `toml:"title" gt:"required"`
	Theme         string        `toml:"theme" gt:"required"`
	Stages        []model.Stage `toml:"stages" gt:"required"`
	Lever         string        `toml:"lever" gt:"required"`
	Status        string        `toml:"status" gt:"required"`
	Jurisdictions []string      `toml:"jurisdictions" gt:"required"`
	Sectors       []string      `toml:"sectors"`
	Categories    []string      `toml:"categories"`
	Regimes       []string      `toml:"regimes"`
	Kinds         []string      `toml:"kinds"`
	Tags          []string      `toml:"tags"`
	// Core marks a clause as core at its stages: the asks paper's default
	// priorities and the starter profile are drawn from the core clauses.
	Core bool `toml:"core"`
	// Related lists the ids of clauses this one refers to; documents print
	// them by number and title, never by id.
	Related []string `toml:"related"`
	// Mentions lists the nations whose own law or guidance the clause names
	// on purpose in text printed for other nations (a deliberate
	// cross-reference), which lint then lets through.
	Mentions    []string `toml:"mentions"`
	Ask         string   `toml:"ask" gt:"required,text"`
	Requirement string   `toml:"requirement" gt:"required,text"`
	Rationale   string   `toml:"rationale" gt:"required,text"`
	Caution     string   `toml:"caution" gt:"text"`
	LegalBasis  string   `toml:"legal_basis" gt:"text"`
	Evidence    []string `toml:"evidence" gt:"text"`
	// Retender is the stronger requirement to ask for when the contract is
	// let again and monitoring found it was not met: what the re-tender
	// evidence report proposes. Empty where the requirement itself is what
	// to ask for again.
	Retender      string     `toml:"retender" gt:"text"`
	ToolkitPages  []int      `toml:"toolkit_pages"`
	EffectiveFrom *time.Time `toml:"effective_from"`
	ReviewBy      *time.Time `toml:"review_by" gt:"required"`
	Question      *Question  `toml:"question"`
	KPIs          []KPI      `toml:"kpi"`
	Sources       []Source   `toml:"source" gt:"required"`
	Variants      []Variant  `toml:"variant"`

	// Origin records where the clause came from, for provenance and messages.
	Origin Origin `toml:"-" json:"-"`
}

// Question is what an evaluation panel asks bidders, with guidance on what a
// strong answer shows.
type Question struct {
	// Title names what the question asks, in a few words on one line, as
	// the evaluation grid and the asks paper label it. Lint warns when it
	// is missing (older libraries and a profile's own clauses may leave it
	// out) and reports one longer than MaxQuestionTitle.
	Title    string   `toml:"title" gt:"text"`
	Kind     string   `toml:"kind" gt:"required"`
	Text     string   `toml:"text" gt:"required,text"`
	Guidance string   `toml:"guidance" gt:"required,text"`
	Scale    string   `toml:"scale"`
	Weight   *float64 `toml:"weight"`
	PassMark *float64 `toml:"pass_mark"`
}

// KPI is a measure for contract monitoring.
type KPI struct {
	Name      string `toml:"name" gt:"required,text"`
	Unit      string `toml:"unit" gt:"required,text"`
	Target    string `toml:"target" gt:"required,text"`
	Frequency string `toml:"frequency" gt:"required"`
}

// Source is a citation: a title precise enough to check (instrument and
// section, or publisher and document) and, where there is one, a URL.
type Source struct {
	Title string `toml:"title" gt:"required,text"`
	URL   string `toml:"url"`
}

// Work is one cited work, with the title the list of sources gives it: the
// work as a whole, where its citations each add their own pinpoint (a page,
// a section, a paragraph). Its citations are the sources with its URL or,
// for a work with no URL, the sources with none whose titles begin with
// Starts.
type Work struct {
	URL    string `toml:"url"`
	Starts string `toml:"starts" gt:"text"`
	Title  string `toml:"title" gt:"required,text"`

	Origin Origin `toml:"-" json:"-"`
}

// Variant replaces parts of a clause where its conditions hold: in the
// listed jurisdictions (Scotland's Fair Work First wording), for the listed
// kinds of employer, under the listed regimes, or where the work is (or is
// not) in London. A condition left out holds everywhere; every variant
// whose conditions hold applies, in file order, so a later one overrides
// an earlier one. Fields left empty keep the wording before it.
type Variant struct {
	Jurisdictions []string  `toml:"jurisdictions"`
	Kinds         []string  `toml:"kinds"`
	Regimes       []string  `toml:"regimes"`
	London        *bool     `toml:"london"`
	Title         string    `toml:"title" gt:"text"`
	Lever         string    `toml:"lever"`
	Status        string    `toml:"status"`
	Ask           string    `toml:"ask" gt:"text"`
	Requirement   string    `toml:"requirement" gt:"text"`
	Rationale     string    `toml:"rationale" gt:"text"`
	Caution       string    `toml:"caution" gt:"text"`
	LegalBasis    string    `toml:"legal_basis" gt:"text"`
	Evidence      []string  `toml:"evidence" gt:"text"`
	Retender      string    `toml:"retender" gt:"text"`
	Question      *Question `toml:"question"`
	Sources       []Source  `toml:"source"`
}

// Placeholder is a named value that clause text refers to as {name}.
type Placeholder struct {
	Name          string     `toml:"name" gt:"required"`
	Description   string     `toml:"description" gt:"required,text"`
	Default       string     `toml:"default" gt:"required,text"`
	EffectiveFrom *time.Time `toml:"effective_from"`
	ReviewBy      *time.Time `toml:"review_by"`
	Source        string     `toml:"source" gt:"text"`

	Origin Origin `toml:"-" json:"-"`
}

// Scale is a scoring scale with a descriptor for every point.
type Scale struct {
	ID          string  `toml:"id" gt:"required"`
	Title       string  `toml:"title" gt:"required,text"`
	PassFail    bool    `toml:"pass_fail"`
	Points      []Point `toml:"point" gt:"required"`
	Description string  `toml:"description" gt:"text"`
}

// Point is one point on a scale.
type Point struct {
	Value      float64 `toml:"value"`
	Label      string  `toml:"label" gt:"required,text"`
	Descriptor string  `toml:"descriptor" gt:"required,text"`
}

// Layers a record can come from.
const (
	LayerLibrary = "library"
	LayerOverlay = "overlay"
	LayerProfile = "profile"
)

// Origin says which file (and which layer) a record came from, and where in
// it, so every later message can point at the right line.
type Origin struct {
	Layer string // LayerLibrary, LayerOverlay or LayerProfile
	File  string
	Pos   diag.Pos

	doc  *tomldoc.Doc
	path tomldoc.Path
}

// NewOrigin returns the origin of the record at path in doc.
func NewOrigin(layer string, doc *tomldoc.Doc, path tomldoc.Path) Origin {
	return Origin{Layer: layer, File: doc.File, Pos: doc.KeyPos(path), doc: doc, path: path}
}

// Key returns the position of the key at field (a path below the record), or
// of the record itself when the field is absent.
func (o Origin) Key(field ...string) diag.Pos {
	if o.doc == nil {
		return o.Pos
	}
	return o.doc.KeyPos(o.path.With(field...))
}

// Value returns the position of the value at field.
func (o Origin) Value(field ...string) diag.Pos {
	if o.doc == nil {
		return o.Pos
	}
	return o.doc.ValuePos(o.path.With(field...))
}

// Text returns the position of the nth occurrence of needle in the text at field.
func (o Origin) Text(needle string, nth int, field ...string) diag.Pos {
	if o.doc == nil {
		return o.Pos
	}
	return o.doc.TextPos(o.path.With(field...), needle, nth)
}
