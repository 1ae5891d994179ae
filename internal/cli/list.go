package cli

import (
	"encoding/json"
	"flag"
	"fmt"
	"slices"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/goldenthread/goldenthread/internal/diag"
	"github.com/goldenthread/goldenthread/internal/library"
	"github.com/goldenthread/goldenthread/internal/model"
)

var listCmd = &command{
	name:    "list",
	args:    "[--theme T] [--stage S] [--jurisdiction J] [--tag TAG] [--json]",
	summary: "list the clauses in the library",
	help: `List the clauses of the library (and any --library overlay), one a line:
id, stages and title. Filters combine.

Example:
  goldenthread list --theme living-wage --jurisdiction scotland`,
	flags: func(fs *flag.FlagSet, e *env) func([]string) error {
		var o listOptions
		fs.StringVar(&o.theme, "theme", "", "only clauses of this theme `id`")
		fs.StringVar(&o.stage, "stage", "", "only clauses used at this `stage` ("+strings.Join(model.StageNames(), ", ")+")")
		fs.StringVar(&o.jurisdiction, "jurisdiction", "", "only clauses that apply in this `nation` ("+strings.Join(library.Jurisdictions, ", ")+")")
		fs.StringVar(&o.tag, "tag", "", "only clauses with this `tag`")
		fs.BoolVar(&o.json, "json", false, "print JSON for scripts")
		return func(args []string) error {
			if len(args) > 0 {
				return usagef("list takes no arguments, only options (got %q)", args[0])
			}
			return e.list(o)
		}
	},
}

// listOptions is what the list command is asked to show.
type listOptions struct {
	theme, stage, jurisdiction, tag string // filters; "" for any
	json                            bool   // JSON for scripts
}

func (e *env) list(o listOptions) error {
	lib, _, err := e.loadLibrary(false)
	if err != nil {
		return err
	}
	if o.theme != "" && lib.Theme(o.theme) == nil {
		return usagef("unknown theme %q%s; themes: %s", o.theme, diag.DidYouMean(o.theme, lib.ThemeIDs()), strings.Join(lib.ThemeIDs(), ", "))
	}
	if o.stage != "" && model.Stage(o.stage).Index() < 0 {
		return usagef("unknown stage %q%s; stages: %s", o.stage, diag.DidYouMean(o.stage, model.StageNames()), strings.Join(model.StageNames(), ", "))
	}
	if o.jurisdiction != "" && !slices.Contains(library.Jurisdictions, o.jurisdiction) {
		return usagef("unknown jurisdiction %q%s; use one of: %s", o.jurisdiction, diag.DidYouMean(o.jurisdiction, library.Jurisdictions), strings.Join(library.Jurisdictions, ", "))
	}
	if o.tag != "" {
		var tags []string // repeats change no suggestion: the first is kept
		for _, c := range lib.Clauses {
			tags = append(tags, c.Tags...)
		}
		if !slices.Contains(tags, o.tag) {
			return usagef("no clause has the tag %q%s; 'goldenthread list --json' shows each clause's tags", o.tag, diag.DidYouMean(o.tag, tags))
		}
	}
	cs := lib.Select(library.Filter{Theme: o.theme, Stage: model.Stage(o.stage), Jurisdiction: o.jurisdiction, Tag: o.tag})
	if o.json {
		out := make([]clauseJSON, 0, len(cs))
		for _, c := range cs {
			out = append(out, toJSON(c))
		}
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(out)
	}
	tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tSTAGES\tTITLE")
	for _, c := range cs {
		fmt.Fprintf(tw, "%s\t%s\t%s\n", c.ID, stageAbbrev(c.Stages), c.Title)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintf(e.stderr, "%d of %d clauses. Stages: P pre-procurement, Sp specification, Se selection, A award, C contract management.\n", len(cs), len(lib.Clauses))
	return nil
}

var stageShort = map[model.Stage]string{
	model.PreProcurement: "P", model.Specification: "Sp", model.Selection: "Se",
	model.Award: "A", model.ContractManagement: "C",
}

func stageAbbrev(stages []model.Stage) string {
	var out []string
	for _, s := range model.Stages {
		if slices.Contains(stages, s) {
			out = append(out, stageShort[s])
		} else {
			out = append(out, strings.Repeat("·", len(stageShort[s])))
		}
	}
	return strings.Join(out, " ")
}

type clauseJSON struct {
	ID            string   `json:"id"`
	Title         string   `json:"title"`
	Theme         string   `json:"theme"`
	Stages        []string `json:"stages"`
	Lever         string   `json:"lever"`
	Status        string   `json:"status"`
	Jurisdictions []string `json:"jurisdictions"`
	Sectors       []string `json:"sectors,omitempty"`
	Tags          []string `json:"tags,omitempty"`
	ToolkitPages  []int    `json:"toolkit_pages,omitempty"`
	Question      string   `json:"question_kind,omitempty"`
	KPIs          int      `json:"kpis"`
	Variants      []string `json:"variants,omitempty"`
	ReviewBy      string   `json:"review_by"`
	Origin        string   `json:"origin"`
}

func toJSON(c *library.Clause) clauseJSON {
	j := clauseJSON{
		ID: c.ID, Title: c.Title, Theme: c.Theme, Lever: c.Lever, Status: c.Status,
		Jurisdictions: c.Jurisdictions, Sectors: c.Sectors, Tags: c.Tags, ToolkitPages: c.ToolkitPages,
		KPIs: len(c.KPIs), Origin: c.Origin.Pos.String(),
	}
	for _, s := range c.Stages {
		j.Stages = append(j.Stages, string(s))
	}
	if c.Question != nil {
		j.Question = c.Question.Kind
	}
	for _, v := range c.Variants {
		j.Variants = append(j.Variants, v.Jurisdictions...)
	}
	if c.ReviewBy != nil {
		j.ReviewBy = c.ReviewBy.Format(time.DateOnly)
	}
	return j
}
