package library

import (
	"cmp"
	"fmt"
	"maps"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/goldenthread/goldenthread/internal/diag"
	"github.com/goldenthread/goldenthread/internal/model"
)

const maxToolkitPages = 60

// isKebab reports whether s is kebab-case: runs of lower-case letters and
// digits joined by single hyphens.
func isKebab(s string) bool { return kebab.MatchString(s) }

var kebab = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

// isClauseID reports whether s is a clause id: two kebab-case names joined
// by a dot, the theme's and the clause's.
func isClauseID(s string) bool {
	theme, name, ok := strings.Cut(s, ".")
	return ok && isKebab(theme) && isKebab(name)
}

// validate checks the themes and placeholders once the library is
// merged; Load checks each clause with CheckClause.
func (l *Library) validate(now time.Time, list *diag.List) {
	for _, t := range l.Themes {
		if t.ID != "" && !isKebab(t.ID) {
			list.Add(t.Origin.Value("id"), "theme id %q must be kebab-case: lower-case letters and digits joined by single hyphens", t.ID)
		}
		l.CheckText(t.Origin, t.Title, list, "title")
		l.CheckText(t.Origin, t.Summary, list, "summary")
	}
	for _, p := range l.Placeholders {
		if !validPlaceholder(p.Name) {
			list.Add(p.Origin.Value("name"), "placeholder name %q must be lower case letters, digits and _, starting with a letter", p.Name)
		}
		l.CheckText(p.Origin, p.Default, list, "default")
		checkDates(p.Origin, p.EffectiveFrom, p.ReviewBy, list)
		if p.ReviewBy != nil && p.ReviewBy.Before(now) {
			list.Warn(p.Origin.Value("review_by"), "placeholder %q (%s, effective %s) was due for review by %s: check the current figure and set it under [placeholders] in your profile, or update this file",
				p.Name, p.Default, p.Effective(), p.ReviewBy.Format(time.DateOnly))
		}
	}
}

// Effective returns the placeholder's effective_from date for messages.
func (p *Placeholder) Effective() string {
	if p.EffectiveFrom == nil {
		return "date not given"
	}
	return p.EffectiveFrom.Format(time.DateOnly)
}

func checkDates(o Origin, from, review *time.Time, list *diag.List) {
	if from != nil && review != nil && review.Before(*from) {
		list.Add(o.Value("review_by"), "review_by %s is before effective_from %s", review.Format(time.DateOnly), from.Format(time.DateOnly))
	}
}

// CheckClause validates one clause against the library: enumerations,
// theme, scales, placeholders and the rules that tie fields together. The
// profile package uses it for a branch's own inline clauses.
func (l *Library) CheckClause(c *Clause, now time.Time, list *diag.List) {
	l.checkClause(c, now, list, true)
}

// checkClause is CheckClause, leaving out the check of printed text unless
// printed is set.
func (l *Library) checkClause(c *Clause, now time.Time, list *diag.List, printed bool) {
	o := c.Origin
	if printed {
		defer l.checkPrinted(c, list)
	}
	if c.ID != "" {
		if !isClauseID(c.ID) {
			list.Add(o.Value("id"), "clause id %q must be <theme>.<name> in kebab-case, such as %q", c.ID, c.Theme+".pay-all-workers")
		} else if c.Theme != "" && !strings.HasPrefix(c.ID, c.Theme+".") {
			list.Add(o.Value("id"), "clause id %q must start with its theme: %q", c.ID, c.Theme+"."+c.ID[strings.IndexByte(c.ID, '.')+1:])
		}
	}
	if c.Theme != "" && l.themes[c.Theme] == nil {
		list.Add(o.Value("theme"), "unknown theme %q%s; declare it in a [theme] table or use one of: %s",
			c.Theme, diag.DidYouMean(c.Theme, l.ThemeIDs()), strings.Join(l.ThemeIDs(), ", "))
	}
	seen := map[model.Stage]bool{}
	for i, s := range c.Stages {
		switch {
		case s.Index() < 0:
			list.Add(o.Value("stages", strconv.Itoa(i)), "unknown stage %q%s; use one of: %s", s, diag.DidYouMean(string(s), model.StageNames()), strings.Join(model.StageNames(), ", "))
		case seen[s]:
			list.Add(o.Value("stages", strconv.Itoa(i)), "stage %q is listed twice", s)
		}
		seen[s] = true
	}
	checkEnum(o, list, "lever", c.Lever, Levers)
	checkEnum(o, list, "status", c.Status, Statuses)
	checkEnumList(o, list, "jurisdictions", c.Jurisdictions, Jurisdictions)
	checkEnumList(o, list, "sectors", c.Sectors, Sectors)
	checkEnumList(o, list, "categories", c.Categories, Categories)
	checkEnumList(o, list, "regimes", c.Regimes, Regimes)
	for i, t := range c.Tags {
		if !isKebab(t) {
			list.Add(o.Value("tags", strconv.Itoa(i)), "tag %q must be kebab-case", t)
		}
	}
	for i, p := range c.ToolkitPages {
		if p < 1 || p > maxToolkitPages {
			list.Add(o.Value("toolkit_pages", strconv.Itoa(i)), "toolkit page %d is outside the toolkit (pages 1–%d)", p, maxToolkitPages)
		}
	}
	checkDates(o, c.EffectiveFrom, c.ReviewBy, list)
	if c.ReviewBy != nil && c.ReviewBy.Before(now) {
		list.Warn(o.Value("review_by"), "clause %q was due for review by %s: check its law and figures against its sources, then move review_by on", c.ID, c.ReviewBy.Format(time.DateOnly))
	}

	for _, t := range []NamedText{
		{"title", c.Title}, {"ask", c.Ask}, {"requirement", c.Requirement},
		{"rationale", c.Rationale}, {"caution", c.Caution}, {"legal_basis", c.LegalBasis}, {"retender", c.Retender},
	} {
		l.CheckText(o, t.Text, list, t.Field)
	}
	for i, e := range c.Evidence {
		l.CheckText(o, e, list, "evidence", strconv.Itoa(i))
	}
	if (seen[model.Selection] || seen[model.Award]) && c.Question == nil {
		list.Add(o.Pos, "clause %q is used at %s, so it needs a [clause.question] for the evaluation panel", c.ID, stageList(seen, model.Selection, model.Award))
	}
	if c.Question != nil {
		l.checkQuestion(o, c.Question, list, "question")
	}
	if seen[model.ContractManagement] && len(c.KPIs) == 0 {
		list.Add(o.Pos, "clause %q is used in contract management, so it needs at least one [[clause.kpi]]", c.ID)
	}
	for i, k := range c.KPIs {
		f := []string{"kpi", strconv.Itoa(i)}
		checkEnum(o, list, pathOf(f, "frequency"), k.Frequency, Frequencies)
		l.CheckText(o, k.Name, list, append(f, "name")...)
		l.CheckText(o, k.Target, list, append(f, "target")...)
	}
	for i, s := range c.Sources {
		checkSource(o, s, list, "source", strconv.Itoa(i))
	}
	checkEnumList(o, list, "kinds", c.Kinds, Kinds)
	checkEnumList(o, list, "mentions", c.Mentions, Jurisdictions)
	for i, id := range c.Related {
		switch {
		case id == c.ID:
			list.Add(o.Value("related", strconv.Itoa(i)), "a clause cannot be related to itself")
		case l.clauses[id] == nil:
			list.Add(o.Value("related", strconv.Itoa(i)), "unknown clause %q%s", id, diag.DidYouMean(id, l.IDs()))
		}
	}
	seenWhen := map[string]int{}
	for i, v := range c.Variants {
		f := []string{"variant", strconv.Itoa(i)}
		for j, jur := range v.Jurisdictions {
			at := func() diag.Pos { return o.Value(append(f, "jurisdictions", strconv.Itoa(j))...) }
			switch {
			case !slices.Contains(Jurisdictions, jur):
				list.Add(at(), "unknown jurisdiction %q%s; use one of: %s", jur, diag.DidYouMean(jur, Jurisdictions), strings.Join(Jurisdictions, ", "))
			case !slices.Contains(c.Jurisdictions, jur):
				list.Add(at(), "variant for %q, but the clause does not apply there: add %q to the clause's jurisdictions", jur, jur)
			}
		}
		checkEnumList(o, list, pathOf(f, "kinds"), v.Kinds, Kinds)
		checkEnumList(o, list, pathOf(f, "regimes"), v.Regimes, Regimes)
		when := fmt.Sprint(v.Jurisdictions, v.Kinds, v.Regimes, v.London != nil && *v.London, v.London == nil)
		switch j, dup := seenWhen[when]; {
		case len(v.Jurisdictions)+len(v.Kinds)+len(v.Regimes) == 0 && v.London == nil:
			list.Add(o.Key(f...), "this variant has no condition: give it jurisdictions, kinds, regimes or london")
		case dup:
			list.Add(o.Key(f...), "this variant has the same conditions as variant %d: merge them", j+1)
		}
		seenWhen[when] = i
		for j, e := range v.Evidence {
			l.CheckText(o, e, list, append(f, "evidence", strconv.Itoa(j))...)
		}
		checkEnum(o, list, pathOf(f, "lever"), v.Lever, Levers)
		checkEnum(o, list, pathOf(f, "status"), v.Status, Statuses)
		for _, t := range []NamedText{
			{"title", v.Title}, {"ask", v.Ask}, {"requirement", v.Requirement},
			{"rationale", v.Rationale}, {"caution", v.Caution}, {"legal_basis", v.LegalBasis}, {"retender", v.Retender},
		} {
			l.CheckText(o, t.Text, list, append(f, t.Field)...)
		}
		if v.Question != nil {
			l.checkQuestion(o, v.Question, list, append(f, "question")...)
		}
		for j, s := range v.Sources {
			checkSource(o, s, list, append(f, "source", strconv.Itoa(j))...)
		}
	}
}

// PrintedPart is the diag.Problem Part of the errors checkPrinted finds.
// They are errors for every command, but Load still returns the library
// when they are its only errors, so that a test can render a frozen copy
// of a library written before the rule.
const PrintedPart = "printed"

// checkPrinted resolves the clause for every context it can be printed in
// and checks what a document would print: no other nation's instruments
// (templates/nations.toml) unless the clause mentions that nation on
// purpose, no London rate where the work is not in London, and no clause
// id, which documents never print (related clauses are listed instead).
func (l *Library) checkPrinted(c *Clause, list *diag.List) {
	// A text printed in several nations is reported once, naming them all.
	type hit struct {
		pos          diag.Pos
		field, owner string
		marker       string
	}
	var printed diag.List
	defer func() {
		for _, p := range printed {
			p.Part = PrintedPart
			*list = append(*list, p)
		}
	}()
	var order []hit
	where := map[hit][]string{}
	seen := map[string]bool{}
	londonMarkers := []string{"{london_living_wage}", "London Living Wage"}
	if p := l.Placeholders["london_living_wage"]; p != nil && p.Default != "" {
		londonMarkers = append(londonMarkers, p.Default)
	}
	var kpis []NamedText
	for _, k := range c.KPIs {
		kpis = append(kpis, NamedText{"kpi.name", k.Name}, NamedText{"kpi.target", k.Target})
	}
	// Texts repeat across contexts: each is flattened and searched for
	// clause ids once.
	flat := map[string]string{}
	ids := map[string][]string{}
	// markers returns the markers of the ith nation in a flattened text.
	type textNation struct {
		text string
		i    int
	}
	found := map[textNation][]string{}
	markers := func(text string, i int) []string {
		k := textNation{text, i}
		if ms, ok := found[k]; ok {
			return ms
		}
		n := &l.Nations[i]
		for _, e := range n.Except {
			text = strings.ReplaceAll(text, e, "")
		}
		var ms []string
		for _, m := range n.Markers {
			if strings.Contains(text, m) {
				ms = append(ms, m)
			}
		}
		found[k] = ms
		return ms
	}
	for _, ctx := range contexts(c) {
		// The wording depends only on the variants that apply.
		key := ctx.Nation + " " + strconv.FormatBool(ctx.London)
		for i := range c.Variants {
			if c.Variants[i].Matches(ctx) {
				key += " " + strconv.Itoa(i)
			}
		}
		if seen[key] {
			continue
		}
		seen[key] = true
		w := c.Resolve(ctx)
		for _, t := range append(w.Texts(), kpis...) {
			// A marker may be written across a line break.
			flatText, ok := flat[t.Text]
			if !ok {
				flatText = strings.Join(strings.Fields(t.Text), " ")
				flat[t.Text] = flatText
			}
			for i, n := range l.Nations {
				if n.ID == ctx.Nation || slices.Contains(c.Mentions, n.ID) {
					continue
				}
				for _, m := range markers(flatText, i) {
					h := hit{l.printedAt(c, w, t.Field, m), t.Field, n.ID, strings.TrimSpace(m)}
					if _, ok := where[h]; !ok {
						order = append(order, h)
					}
					if name := l.nationName(ctx.Nation); !slices.Contains(where[h], name) {
						where[h] = append(where[h], name)
					}
				}
			}
			if !ctx.London {
				for _, m := range londonMarkers {
					if strings.Contains(t.Text, m) {
						printed.Add(l.printedAt(c, w, t.Field, m), "%s names %q where the work is not in London: put London wording in a [[clause.variant]] with london = true", t.Field, m)
						break
					}
				}
			}

			inText, ok := ids[t.Text]
			if !ok {
				// A clause id starts with its theme's: most texts name none.
				if slices.ContainsFunc(l.Themes, func(th *Theme) bool { return strings.Contains(t.Text, th.ID+".") }) {
					inText = clauseIDsIn(t.Text)
				}
				ids[t.Text] = inText
			}
			for _, id := range inText {
				if l.clauses[id] != nil {
					printed.Add(l.printedAt(c, w, t.Field, id), "%s names the clause id %q, which documents never print: list it under related (documents print its number and title) and refer to it in words", t.Field, id)
				}
			}
		}
	}
	for _, h := range order {
		printed.Add(h.pos, "%s, printed for employers in %s, names %s's own %q: move it into a [[clause.variant]] for %s (or list %q under mentions if the reference is deliberate)",
			h.field, strings.Join(where[h], ", "), l.nationName(h.owner), h.marker, h.owner, h.owner)
	}
}

// contexts returns every context the clause can be printed in.
func contexts(c *Clause) []Context {
	var out []Context
	for _, n := range c.Jurisdictions {
		for _, k := range Kinds {
			for r, nations := range RegimeNations {
				if !slices.Contains(nations, n) {
					continue
				}
				for _, london := range []bool{false, true} {
					if ctx := (Context{Nation: n, Kind: k, Regime: r, London: london}); c.Applies(ctx) {
						out = append(out, ctx)
					}
				}
			}
		}
	}
	slices.SortFunc(out, func(a, b Context) int {
		return cmp.Or(strings.Compare(a.Nation, b.Nation), strings.Compare(a.Kind, b.Kind), strings.Compare(a.Regime, b.Regime),
			cmp.Compare(btoi(a.London), btoi(b.London)))
	})
	return out
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}

// printedAt finds where in the clause file the text holding needle was
// written: in the last applied variant that sets the field, else the
// clause itself.
func (l *Library) printedAt(c *Clause, w Wording, field, needle string) diag.Pos {
	path := strings.Split(field, ".")
	for i := len(w.Variants) - 1; i >= 0; i-- {
		v := &c.Variants[w.Variants[i]]
		vw := Wording{Title: v.Title, Ask: v.Ask, Requirement: v.Requirement, Rationale: v.Rationale, Caution: v.Caution, LegalBasis: v.LegalBasis, Evidence: v.Evidence, Question: v.Question, Sources: v.Sources}
		for _, t := range vw.Texts() {
			if t.Field == field && strings.Contains(t.Text, needle) {
				return c.Origin.Text(needle, 0, append([]string{"variant", strconv.Itoa(w.Variants[i])}, path...)...)
			}
		}
	}
	return c.Origin.Text(needle, 0, path...)
}

func (l *Library) nationName(id string) string {
	if i := slices.IndexFunc(l.Nations, func(n Nation) bool { return n.ID == id }); i >= 0 {
		return l.Nations[i].Name
	}
	return id
}

// clauseIDsIn returns the words of text shaped like clause ids
// ("living-wage.all-workers").
func clauseIDsIn(text string) []string {
	var out []string
	for _, f := range strings.FieldsFunc(text, func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-' || r == '.')
	}) {
		f = strings.Trim(f, ".-")
		if strings.Count(f, ".") == 1 && isClauseID(f) {
			out = append(out, f)
		}
	}
	return out
}

func pathOf(prefix []string, field string) string {
	return strings.Join(append(slices.Clone(prefix), field), ".")
}

func stageList(seen map[model.Stage]bool, stages ...model.Stage) string {
	var out []string
	for _, s := range stages {
		if seen[s] {
			out = append(out, string(s))
		}
	}
	return strings.Join(out, " and ")
}

// checkEnum reports a value not in allowed. field may be a dotted path.
func checkEnum(o Origin, list *diag.List, field, value string, allowed []string) {
	name := field[strings.LastIndexByte(field, '.')+1:]
	list.Enum(o.Value(strings.Split(field, ".")...), strings.ReplaceAll(name, "_", " "), value, allowed)
}

func checkEnumList(o Origin, list *diag.List, field string, values, allowed []string) {
	path := strings.Split(field, ".")
	name := cmp.Or(singular[path[len(path)-1]], path[len(path)-1])
	for i, v := range values {
		at := o.Value(append(slices.Clone(path), strconv.Itoa(i))...)
		switch {
		case !slices.Contains(allowed, v):
			list.Enum(at, name, v, allowed)
		case slices.Contains(values[:i], v):
			list.Add(at, "%s %q is listed twice", name, v)
		}
	}
}

// singular names one item of a list field in messages; a field not here
// is named as it is.
var singular = map[string]string{
	"categories":    "category",
	"sectors":       "sector",
	"jurisdictions": "jurisdiction",
	"regimes":       "regime",
	"kinds":         "kind of employer",
	"mentions":      "nation",
}

func checkSource(o Origin, s Source, list *diag.List, field ...string) {
	checkURL(o, s.URL, list, append(field, "url")...)
}

func (l *Library) checkQuestion(o Origin, q *Question, list *diag.List, field ...string) {
	f := slices.Clone(field)
	// A title written empty (title = "") is reported as empty text.
	if q.Title == "" && o.Key(append(f, "title")...) == o.Key(f...) {
		list.Warn(o.Key(f...), "give the question a short title: the grid and the paper label the question with it")
	}
	l.CheckQuestionTitle(o, q.Title, list, append(f, "title")...)
	checkEnum(o, list, pathOf(f, "kind"), q.Kind, QuestionKinds)
	l.CheckText(o, q.Text, list, append(f, "text")...)
	l.CheckText(o, q.Guidance, list, append(f, "guidance")...)
	scale := l.Scales[q.Scale] // nil for "": a scale without an id is not added
	if q.Scale != "" && scale == nil {
		list.Add(o.Value(append(f, "scale")...), "unknown scale %q%s; scales are defined in templates/scales.toml: %s", q.Scale, diag.DidYouMean(q.Scale, l.ScaleIDs()), strings.Join(l.ScaleIDs(), ", "))
	}
	switch q.Kind {
	case "pass-fail":
		if scale != nil && !scale.PassFail {
			list.Add(o.Value(append(f, "scale")...), "a pass-fail question uses the \"pass-fail\" scale, not %q; change kind to \"scored\" or remove scale", q.Scale)
		}
		if q.Weight != nil && *q.Weight != 0 {
			list.Add(o.Value(append(f, "weight")...), "a pass-fail question carries no weight; remove weight or make the question scored")
		}
		if q.PassMark != nil {
			list.Add(o.Value(append(f, "pass_mark")...), "a pass-fail question has no pass mark: the answer itself passes or fails")
		}
	case "information":
		if q.Weight != nil && *q.Weight != 0 {
			list.Add(o.Value(append(f, "weight")...), "an information question is not scored, so it carries no weight; remove weight or make the question scored")
		}
		if q.Scale != "" {
			list.Add(o.Value(append(f, "scale")...), "an information question is not scored; remove scale")
		}
	case "scored":
		if scale != nil && scale.PassFail {
			list.Add(o.Value(append(f, "scale")...), "a scored question needs a scored scale; use kind = \"pass-fail\" for pass or fail")
		}
		if q.Weight == nil {
			list.Add(o.Key(f...), "a scored question needs a weight (0–100)")
		}
		if q.PassMark != nil {
			switch {
			case q.Scale == "":
				list.Add(o.Value(append(f, "pass_mark")...), "a pass_mark needs the question's scale: add scale")
			case scale != nil && !scale.HasValue(*q.PassMark):
				list.Add(o.Value(append(f, "pass_mark")...), "pass_mark %v is not a point on scale %q", *q.PassMark, q.Scale)
			}
		}
	}
	if q.Weight != nil && (*q.Weight < 0 || *q.Weight > 100) {
		list.Add(o.Value(append(f, "weight")...), "weight %v is outside 0–100", *q.Weight)
	}
}

// MaxQuestionTitle is the most characters a question's title may have, on
// one line: it labels the question in a column of the evaluation grid and
// in the asks paper's lists.
const MaxQuestionTitle = 80

// CheckQuestionTitle checks a question's title, in the library or in a
// profile's override: it is text, as CheckText checks it, and at most
// MaxQuestionTitle characters once on one line. An empty title is not
// reported here.
func (l *Library) CheckQuestionTitle(o Origin, title string, list *diag.List, field ...string) {
	l.CheckText(o, title, list, field...)
	if n := utf8.RuneCountInString(OneLine(title)); n > MaxQuestionTitle {
		list.Add(o.Value(field...), "question title is %d characters long; keep it to %d or fewer: it labels the question in the grid and the paper", n, MaxQuestionTitle)
	}
}

// HasValue reports whether v is a point on the scale.
func (s *Scale) HasValue(v float64) bool {
	return slices.ContainsFunc(s.Points, func(p Point) bool { return p.Value == v })
}

// CheckText reports placeholders that are not declared and stray braces.
func (l *Library) CheckText(o Origin, text string, list *diag.List, field ...string) {
	l.CheckTextWith(o, text, nil, list, field...)
}

// CheckTextWith is CheckText for text that may also use the names in extra,
// such as the document placeholders of a profile.
func (l *Library) CheckTextWith(o Origin, text string, extra []string, list *diag.List, field ...string) {
	if strings.IndexByte(text, '{') < 0 && strings.IndexByte(text, '}') < 0 {
		return
	}
	var uses map[string]int
	stray := scanBraces(text, func(start, end int) {
		use, name := text[start:end], text[start+1:end-1]
		if _, ok := l.Placeholders[name]; ok || slices.Contains(extra, name) {
			return
		}
		if uses == nil {
			uses = map[string]int{}
		}
		nth := uses[use]
		uses[use]++
		at := o.Text(use, nth, field...)
		if !validPlaceholder(name) {
			list.Add(at, "%q is not a placeholder: names are lower case with _, such as {employer}", use)
			return
		}
		list.Add(at, "undeclared placeholder {%s}%s; declare it in placeholders.toml or fix the name", name, braced(diag.Suggest(name, append(l.PlaceholderNames(), extra...))))
	})
	if stray >= 0 {
		list.Add(o.Value(field...), "unmatched %q: placeholders are written {name}", text[stray:stray+1])
	}
}

// placeholder matches a {name}: braces around text that holds no brace and
// no line break.
var placeholder = regexp.MustCompile(`\{[^{}\n]*\}`)

// scanBraces calls use with the start and end of every {...} in text, in
// order, and returns the offset of the first brace that is not part of one
// (a "}" on its own, or a "{" not closed on its line), or -1.
func scanBraces(text string, use func(start, end int)) (stray int) {
	stray, last := -1, 0
	for _, m := range placeholder.FindAllStringIndex(text, -1) {
		if j := strings.IndexAny(text[last:m[0]], "{}"); j >= 0 && stray < 0 {
			stray = last + j
		}
		use(m[0], m[1])
		last = m[1]
	}
	if j := strings.IndexAny(text[last:], "{}"); j >= 0 && stray < 0 {
		stray = last + j
	}
	return stray
}

// validPlaceholder reports whether name is a placeholder name: a
// lower-case letter, then lower-case letters, digits and underscores.
func validPlaceholder(name string) bool { return placeholderName.MatchString(name) }

var placeholderName = regexp.MustCompile(`^[a-z][a-z0-9_]*$`)

func braced(s string) string {
	if s == "" {
		return ""
	}
	return fmt.Sprintf(" (did you mean {%s}?)", s)
}

// PlaceholderNames returns the declared placeholder names, sorted.
func (l *Library) PlaceholderNames() []string { return slices.Sorted(maps.Keys(l.Placeholders)) }

// Fill replaces every {name} in text with values[name]. Text has been
// validated, so every name is declared; a name missing from values is left
// as it is, which tests catch. A value that starts a sentence gets a capital
// letter, so "{employer} shall" reads "The Authority shall".
func Fill(text string, values map[string]string) string {
	if !strings.Contains(text, "{") {
		return text
	}
	var b strings.Builder
	last := 0
	for _, m := range placeholder.FindAllStringIndex(text, -1) {
		start, end := m[0], m[1]
		v, ok := values[text[start+1:end-1]]
		if !ok {
			continue
		}
		b.WriteString(text[last:start])
		if startsSentence(text[:start]) {
			v = capitalise(v)
		}
		b.WriteString(v)
		last = end
	}
	b.WriteString(text[last:])
	return b.String()
}

// startsSentence reports whether text that precedes a placeholder ends a
// sentence (or is empty), so the placeholder begins a new one.
func startsSentence(before string) bool {
	t := strings.TrimRight(before, " \t\r\n")
	if t == "" || strings.HasSuffix(strings.TrimRight(before, " \t"), "\n\n") {
		return true
	}
	return len(t) < len(before) && strings.ContainsRune(".!?", rune(t[len(t)-1]))
}

func capitalise(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if r == utf8.RuneError || !unicode.IsLower(r) {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
}
