package cli

import (
	"bytes"
	"cmp"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"text/template"

	"github.com/goldenthread/goldenthread/internal/diag"
	"github.com/goldenthread/goldenthread/internal/library"
	"github.com/goldenthread/goldenthread/internal/profile"
	"github.com/goldenthread/goldenthread/templates"
)

var initCmd = &command{
	name:    "init",
	args:    "[--jurisdiction J] [--kind K] [--category C] [--sector S] FILE",
	summary: "write a starter employer profile",
	help: `Write a commented starter profile to FILE for one employer and one
procurement. It selects the library's core asks for the employer's nation and
kind and the contract's category (add more under [select] as you wish), names
up to 8 of them as the paper's priority asks ([select] priorities), and lints
clean as written; edit the names first. init never overwrites a file that
exists.

Example:
  goldenthread init --jurisdiction wales --kind nhs --sector cleaning my-health-board.toml`,
	flags: func(fs *flag.FlagSet, e *env) func([]string) error {
		var o initOptions
		fs.StringVar(&o.jurisdiction, "jurisdiction", "england", "the employer's `nation`: "+strings.Join(library.Jurisdictions, ", "))
		fs.StringVar(&o.kind, "kind", "local-authority", "the `kind` of employer: "+strings.Join(library.Kinds, ", "))
		fs.StringVar(&o.category, "category", "", "the contract's `category`: "+strings.Join(library.Categories, ", ")+" (default works for construction, else services)")
		fs.StringVar(&o.sector, "sector", "", "the contract's `sector`, such as construction or cleaning ("+strings.Join(library.Sectors[1:], ", ")+")")
		return oneArg(&o.file, usagef("init needs one file name, such as my-council.toml"), func() error { return e.initProfile(o) })
	},
}

// initOptions is what the init command is asked to write.
type initOptions struct {
	file         string // the new profile
	jurisdiction string // the employer's nation
	kind         string // the kind of employer
	category     string // works, services or goods; "" to go by the sector
	sector       string // the contract's sector, or ""
}

func (e *env) initProfile(o initOptions) error {
	if !slices.Contains(library.Jurisdictions, o.jurisdiction) {
		return usagef("unknown jurisdiction %q%s; use one of: %s", o.jurisdiction, diag.DidYouMean(o.jurisdiction, library.Jurisdictions), strings.Join(library.Jurisdictions, ", "))
	}
	if !slices.Contains(library.Kinds, o.kind) {
		return usagef("unknown kind %q%s; use one of: %s", o.kind, diag.DidYouMean(o.kind, library.Kinds), strings.Join(library.Kinds, ", "))
	}
	if o.category != "" && !slices.Contains(library.Categories, o.category) {
		return usagef("unknown category %q%s; use one of: %s", o.category, diag.DidYouMean(o.category, library.Categories), strings.Join(library.Categories, ", "))
	}
	if o.sector != "" && !slices.Contains(library.Sectors, o.sector) {
		return usagef("unknown sector %q%s; use one of: %s", o.sector, diag.DidYouMean(o.sector, library.Sectors), strings.Join(library.Sectors, ", "))
	}
	path := o.file
	if _, err := os.Stat(path); err == nil {
		return fmt.Errorf("%s already exists: init never overwrites a file; choose another name", path)
	}
	lib, _, err := e.loadLibrary(false)
	if err != nil {
		return err
	}
	src, err := starterProfile(lib, e, path, o)
	if err != nil {
		return err
	}
	if err := createNew(path, src); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "wrote %s\nnext: edit it, then run 'goldenthread lint %s'\n", path, path)
	return nil
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

// starterRegime is the regime a new profile starts with, by nation.
var starterRegime = map[string]string{
	"england":          "procurement-act-2023",
	"wales":            "procurement-act-2023",
	"scotland":         "procurement-reform-scotland-2014",
	"northern-ireland": "procurement-act-2023",
}

// starterProfile renders templates/starter.toml, shares 100 out over the
// scored questions it selects, writes out the default priority asks, and
// checks the result lints clean.
func starterProfile(lib *library.Library, e *env, path string, o initOptions) ([]byte, error) {
	nation, sector := o.jurisdiction, o.sector
	tpl, err := template.ParseFS(templates.FS, "starter.toml")
	if err != nil {
		return nil, fmt.Errorf("templates/starter.toml: %w", err)
	}
	category := o.category
	if category == "" {
		category = "services"
		if sector == "construction" {
			category = "works"
		}
	}
	// "the cleaning contract", "the social care contract"
	contract := strings.ReplaceAll(cmp.Or(sector, category), "-", " ") + " contract"
	d := starterData{
		File: filepath.Base(path), Date: e.now.Format("2006-01-02"),
		Kind: o.kind, Nation: nation,
		Procurement: strings.ToUpper(contract[:1]) + contract[1:], ContractName: contract, Category: category, Sector: sector,
		Regime: starterRegime[nation],
	}
	ctx := library.Context{Nation: nation, Kind: o.kind, Regime: d.Regime}
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
	render := func() (*profile.Profile, []byte, error) {
		var buf bytes.Buffer
		if err := tpl.Execute(&buf, d); err != nil {
			return nil, nil, fmt.Errorf("templates/starter.toml: %w", err)
		}
		prof, list := profile.Load(lib, path, buf.Bytes(), e.now)
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
