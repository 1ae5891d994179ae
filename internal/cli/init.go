package cli

import (
	"flag"
	"fmt"
	"os"
	"slices"
	"strings"

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
	src, err := profile.Starter(lib, templates.FS, path, o.starter(), e.now)
	if err != nil {
		return err
	}
	if err := createNew(path, src); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "wrote %s\nnext: edit it, then run 'goldenthread lint %s'\n", path, path)
	return nil
}

// starter returns the options of the starter profile o asks for.
func (o initOptions) starter() profile.StarterOptions {
	return profile.StarterOptions{Nation: o.jurisdiction, Kind: o.kind, Category: o.category, Sector: o.sector}
}
