package profile

import (
	"fmt"
	"slices"

	"github.com/goldenthread/goldenthread/internal/diag"
	"github.com/goldenthread/goldenthread/internal/library"
)

// checkPriorities checks [select] priorities against the clauses chosen and
// settles the profile's priority asks (see Priorities).
func (p *Profile) checkPriorities(lib *library.Library, chosen selection, list *diag.List) {
	if p.Select == nil || p.Select.Priorities == nil {
		p.priorities = defaultPriorities(lib.ThemeIDs(), p.Choices)
		return
	}
	selected := make([]string, len(p.Choices))
	for i, ch := range p.Choices {
		selected[i] = ch.Clause.ID
	}
	var all []string
	for _, c := range p.allClauses(lib) {
		all = append(all, c.ID)
	}
	seen := map[string]int{}
	for i, id := range p.Select.Priorities {
		pos := p.at("select", "priorities", fmt.Sprint(i))
		if j, dup := seen[id]; dup {
			list.Add(pos, "clause %q is listed twice in priorities (also number %d): list each priority once", id, j+1)
			continue
		}
		seen[id] = i
		switch why, left := chosen.leftOut[id]; {
		case slices.Contains(selected, id):
		case !slices.Contains(all, id):
			// The nearest selected clause is the likeliest fix; failing
			// that, a clause that would need selecting too.
			hint := diag.DidYouMean(id, selected)
			if c := diag.Suggest(id, all); hint == "" && c != "" {
				hint = fmt.Sprintf(" (did you mean %q? add it to [select] ids too)", c)
			}
			list.Add(pos, "unknown clause %q in priorities%s: a priority must be a clause the profile selects", id, hint)
		case slices.Contains(p.Select.Exclude, id):
			list.Add(pos, "clause %q is a priority but [select] excludes it: remove it from exclude or from priorities", id)
		case left:
			list.Add(pos, "clause %q is a priority but is left out: %s; remove it from priorities", id, why)
		default:
			also := ""
			if chosen.partial {
				also = " (or, if a theme, stage, tag or id in [select] that is not valid was meant to select it, correct that)"
			}
			list.Add(pos, "clause %q is a priority but is not selected: add it to [select] ids, or remove it from priorities%s", id, also)
		}
	}
	if n := len(p.Select.Priorities); n > MaxPriorities {
		list.Warn(p.at("select", "priorities", fmt.Sprint(MaxPriorities)), "the paper lists at most %d priority asks well; this list has %d: keep the %d that matter most (every selected ask is still in the paper's list of all asks)", MaxPriorities, n, MaxPriorities)
	}
	p.priorities = slices.Clone(p.Select.Priorities)
}

// defaultPriorities returns up to MaxPriorities of the chosen clauses
// marked core, spread across themes: one from each theme in turn, in
// theme order, taking each theme's clauses in choice order. They are
// returned in choice order; the slice is empty, not nil, when none is core.
func defaultPriorities(themes []string, choices []Choice) []string {
	core := map[string][]int{} // indexes into choices, by theme
	order := slices.Clone(themes)
	for i, ch := range choices {
		if !ch.Clause.Core {
			continue
		}
		t := ch.Clause.Theme
		if !slices.Contains(order, t) { // not declared: the library reports it; take it last
			order = append(order, t)
		}
		core[t] = append(core[t], i)
	}
	var picked []int
	for more := true; more && len(picked) < MaxPriorities; {
		more = false
		for _, t := range order {
			if len(core[t]) == 0 || len(picked) == MaxPriorities {
				continue
			}
			picked = append(picked, core[t][0])
			core[t] = core[t][1:]
			more = true
		}
	}
	slices.Sort(picked)
	ids := make([]string, len(picked))
	for i, c := range picked {
		ids[i] = choices[c].Clause.ID
	}
	return ids
}
