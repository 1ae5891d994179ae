package profile

import (
	"fmt"
	"strings"
	"time"

	"github.com/goldenthread/goldenthread/internal/diag"
	"github.com/goldenthread/goldenthread/internal/library"
	"github.com/goldenthread/goldenthread/internal/tomldoc"
)

// Contract describes the contract once it is let, for monitoring: when it
// starts, how long it runs, and who to contact about it.
type Contract struct {
	// Start is the day the contract starts; reporting periods count from
	// it.
	Start *time.Time `toml:"start"`
	// TermMonths is how long the contract runs, in months, extensions not
	// included.
	TermMonths int    `toml:"term_months"`
	Reference  string `toml:"reference" gt:"text"`
	// Supplier is the contractor the contract was awarded to.
	Supplier string `toml:"supplier" gt:"text"`
	// Manager is the employer's contract manager, whom the branch asks for
	// its briefing and reports.
	Manager string `toml:"manager" gt:"text"`
}

// MaxTermMonths is the longest contract term a profile may give: 25 years.
const MaxTermMonths = 300

// Outcome results.
const (
	AsAsked = "as-asked"
	Amended = "amended"
	Refused = "refused"
)

// Results are the outcomes an ask can have.
var Results = []string{AsAsked, Amended, Refused}

// Outcome records what one ask won in the consultation and procurement.
type Outcome struct {
	ID string `toml:"id" gt:"required"`
	// Result is as-asked, amended or refused.
	Result string `toml:"result" gt:"required"`
	// Wording is the wording agreed, when the ask was amended.
	Wording string `toml:"wording" gt:"text"`
	// Reason is the reason the employer gave, when it refused the ask.
	Reason string `toml:"reason" gt:"text"`
	// Clause is where the contract holds the requirement ("Schedule 4,
	// clause 12.3"), when it was won.
	Clause string `toml:"clause" gt:"text"`
}

// Outcome returns the outcome the profile records for the clause id, or
// nil.
func (p *Profile) Outcome(id string) *Outcome {
	for i := range p.Outcomes {
		if p.Outcomes[i].ID == id {
			return &p.Outcomes[i]
		}
	}
	return nil
}

// checkContract checks [contract] and every [[outcome]]: a start date and
// a term in range; for each outcome a selected clause, once, a result, the
// wording agreed when it was amended and the reason when it was refused.
func (p *Profile) checkContract(lib *library.Library, list *diag.List) {
	if c := p.Contract; c != nil {
		if c.Start == nil {
			list.Add(p.doc.KeyPos(tomldoc.Path{"contract"}), "[contract] needs start, the day the contract starts (start = 2027-04-01), for monitoring to count reporting periods from")
		}
		switch {
		case c.TermMonths == 0:
			list.Add(p.doc.KeyPos(tomldoc.Path{"contract"}), "[contract] needs term_months, how many months the contract runs (term_months = 48 for four years)")
		case c.TermMonths < 1 || c.TermMonths > MaxTermMonths:
			list.Add(p.at("contract", "term_months"), "term_months %d is outside 1–%d: give the contract's length in months, without extensions", c.TermMonths, MaxTermMonths)
		}
	}
	seen := map[string]bool{}
	ids := make([]string, 0, len(p.Choices))
	for _, ch := range p.Choices {
		ids = append(ids, ch.Clause.ID)
	}
	for i := range p.Outcomes {
		oc := &p.Outcomes[i]
		o := library.NewOrigin(library.LayerProfile, p.doc, tomldoc.Path{"outcome"}.Index(i))
		if oc.ID == "" {
			continue
		}
		switch {
		case seen[oc.ID]:
			list.Add(o.Value("id"), "a second [[outcome]] for %q: record one outcome per ask", oc.ID)
			continue
		case p.choice(oc.ID) == nil && lib.Clause(oc.ID) == nil:
			hint := diag.DidYouMean(strings.ToLower(oc.ID), append(lib.IDs(), ids...))
			if hint == "" {
				hint = "; 'goldenthread list' shows every clause's id"
			}
			list.Add(o.Value("id"), "outcome of unknown clause %q%s", oc.ID, hint)
			continue
		case p.choice(oc.ID) == nil:
			list.Add(o.Value("id"), "outcome of clause %q, which is not selected: add it to [select] ids, or remove the outcome", oc.ID)
			continue
		}
		seen[oc.ID] = true
		if oc.Result == "" {
			continue // Decode reports the missing key
		}
		if valid(oc.Result, Results) == "" {
			list.Enum(o.Value("result"), "result", oc.Result, Results)
			continue
		}
		lib.CheckText(o, oc.Wording, list, "wording")
		need := func(field, text, why string) {
			if strings.TrimSpace(text) == "" {
				list.Add(o.Pos, "the outcome of %q is %s: give %s, %s", oc.ID, oc.Result, field, why)
			}
		}
		never := func(field, text, why string) {
			if strings.TrimSpace(text) != "" {
				list.Add(o.Value(field), "%s is only for %s; this outcome is %s", field, why, oc.Result)
			}
		}
		switch oc.Result {
		case AsAsked:
			never("wording", oc.Wording, fmt.Sprintf("result = %q (the wording agreed)", Amended))
			never("reason", oc.Reason, fmt.Sprintf("result = %q (the reason given)", Refused))
		case Amended:
			need("wording", oc.Wording, "the wording agreed")
			never("reason", oc.Reason, fmt.Sprintf("result = %q (the reason given)", Refused))
		case Refused:
			need("reason", oc.Reason, "the reason the employer gave")
			never("wording", oc.Wording, fmt.Sprintf("result = %q (the wording agreed)", Amended))
			never("clause", oc.Clause, "an ask that was won (the contract clause that holds it)")
		}
	}
}
