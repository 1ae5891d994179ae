package profile

import (
	"bytes"
	"cmp"
	"fmt"
	"io/fs"
	"path/filepath"
	"slices"
	"strings"
	"text/template"
	"time"

	"github.com/goldenthread/goldenthread/internal/library"
)

// StarterOptions is what a starter profile is written for.
type StarterOptions struct {
	Nation   string // the employer's nation
	Kind     string // the kind of employer
	Category string // works, services or goods; "" to go by the sector
	Sector   string // the contract's sector, or ""
}

// starterRegime is the regime a new profile starts with, by nation.
var starterRegime = map[string]string{
	"england":          "procurement-act-2023",
	"wales":            "procurement-act-2023",
	"scotland":         "procurement-reform-scotland-2014",
	"northern-ireland": "procurement-act-2023",
}

type starterData struct {
	File, Date, Kind, Nation, Procurement, ContractName, Category, Sector, Regime string
	// IDs are the core clauses that apply, or, in a library with none
	// marked core, nil, when Themes selects every theme.
	IDs     []string
	Themes  []string
	Weights []starterWeight
	// Priorities are the paper's default priority asks for the selection,
	// written out so that a branch can see and change them.
	Priorities []string
}

type starterWeight struct {
	ID     string
	Weight int
}

// Starter writes a new profile, named file, from the template starter.toml
// in tfs: it selects the library's core clauses for o, shares 100 out over
// the scored questions it selects, writes out the default priority asks,
// and checks that the result loads without errors. The options are not
// checked against the library's lists: the caller says what is wrong with
// them in its own terms.
func Starter(lib *library.Library, tfs fs.FS, file string, o StarterOptions, now time.Time) ([]byte, error) {
	nation, sector := o.Nation, o.Sector
	tpl, err := template.ParseFS(tfs, "starter.toml")
	if err != nil {
		return nil, fmt.Errorf("templates/starter.toml: %w", err)
	}
	category := o.Category
	if category == "" {
		category = "services"
		if sector == "construction" {
			category = "works"
		}
	}
	// "the cleaning contract", "the social care contract"
	contract := strings.ReplaceAll(cmp.Or(sector, category), "-", " ") + " contract"
	d := starterData{
		File: filepath.Base(file), Date: now.Format("2006-01-02"),
		Kind: o.Kind, Nation: nation,
		Procurement: strings.ToUpper(contract[:1]) + contract[1:], ContractName: contract, Category: category, Sector: sector,
		Regime: starterRegime[nation],
	}
	ctx := library.Context{Nation: nation, Kind: o.Kind, Regime: d.Regime}
	for _, c := range lib.Clauses {
		if c.Core && c.Applies(ctx) && (len(c.Categories) == 0 || slices.Contains(c.Categories, category)) &&
			(sector == "" || len(c.Sectors) == 0 || slices.Contains(c.Sectors, "all") || slices.Contains(c.Sectors, sector)) {
			d.IDs = append(d.IDs, c.ID)
		}
	}
	if len(d.IDs) == 0 {
		d.Themes = lib.ThemeIDs()
	}
	// render writes the profile for d and loads it.
	render := func() (*Profile, []byte, error) {
		var buf bytes.Buffer
		if err := tpl.Execute(&buf, d); err != nil {
			return nil, nil, fmt.Errorf("templates/starter.toml: %w", err)
		}
		prof, list := Load(lib, file, buf.Bytes(), now)
		if prof == nil {
			return nil, nil, fmt.Errorf("the starter profile does not lint clean; please report this:\n%v", list.Err())
		}
		return prof, buf.Bytes(), nil
	}
	// Load once to learn which scored questions were chosen and the
	// default priorities, then add weights and priorities: until then
	// [scoring] has the weights problem, and only that.
	prof, _, err := render()
	if err != nil {
		return nil, err
	}
	d.Priorities = prof.Priorities()
	var scored []string
	for _, ch := range prof.Choices {
		if q := ch.Question(); q != nil && q.Kind == "scored" {
			scored = append(scored, ch.Clause.ID)
		}
	}
	for i, id := range scored {
		w := 100 / len(scored)
		if i < 100%len(scored) {
			w++
		}
		d.Weights = append(d.Weights, starterWeight{ID: id, Weight: w})
	}
	_, src, err := render()
	return src, err
}
