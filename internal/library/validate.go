package library

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/goldenthread/goldenthread/internal/diag"
)

var (
	themeIDRe       = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)
	clauseIDRe      = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*\.[a-z0-9]+(-[a-z0-9]+)*$`)
	placeholderRe   = regexp.MustCompile(`^[a-z][a-z0-9_]*$`)
	placeholderUse  = regexp.MustCompile(`\{([^{}\n]*)\}`)
	tagRe           = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)
	maxToolkitPages = 60
)

// validate checks everything that needs the whole library: references
// between files, enumerations, placeholders, dates.
func (l *Library) validate(now time.Time, list *diag.List) {
	for _, t := range l.Themes {
		if t.ID != "" && !themeIDRe.MatchString(t.ID) {
			list.Add(t.Origin.Value("id"), "theme id %q must be kebab-case: lower-case letters and digits joined by single hyphens", t.ID)
		}
		l.CheckText(t.Origin, t.Title, list, "title")
		l.CheckText(t.Origin, t.Summary, list, "summary")
	}
	for _, p := range l.Placeholders {
		if !placeholderRe.MatchString(p.Name) {
			list.Add(p.Origin.Value("name"), "placeholder name %q must be lower case letters, digits and _, starting with a letter", p.Name)
		}
		l.CheckText(p.Origin, p.Default, list, "default")
		checkDates(p.Origin, p.EffectiveFrom, p.ReviewBy, list)
		if p.ReviewBy != nil && p.ReviewBy.Before(now) {
			list.Warn(p.Origin.Value("review_by"), "placeholder %q (%s, effective %s) was due for review by %s: check the current figure and set it under [placeholders] in your profile, or update this file",
				p.Name, p.Default, dateOrDash(p.EffectiveFrom), p.ReviewBy.Format(time.DateOnly))
		}
	}
	for _, c := range l.Clauses {
		l.CheckClause(c, now, list)
	}
}

func dateOrDash(t *time.Time) string {
	if t == nil {
		return "date not given"
	}
	return t.Format(time.DateOnly)
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
	o := c.Origin
	if c.ID != "" {
		if !clauseIDRe.MatchString(c.ID) {
			list.Add(o.Value("id"), "clause id %q must be <theme>.<name> in kebab-case, such as %q", c.ID, c.Theme+".pay-all-workers")
		} else if c.Theme != "" && !strings.HasPrefix(c.ID, c.Theme+".") {
			list.Add(o.Value("id"), "clause id %q must start with its theme: %q", c.ID, c.Theme+"."+c.ID[strings.IndexByte(c.ID, '.')+1:])
		}
	}
	if c.Theme != "" && l.themes[c.Theme] == nil {
		list.Add(o.Value("theme"), "unknown theme %q%s; declare it in a [theme] table or use one of: %s",
			c.Theme, diag.DidYouMean(c.Theme, l.ThemeIDs()), strings.Join(l.ThemeIDs(), ", "))
	}
	seen := map[Stage]bool{}
	for i, s := range c.Stages {
		switch {
		case s.Index() < 0:
			list.Add(o.Value("stages", fmt.Sprint(i)), "unknown stage %q%s; use one of: %s", s, diag.DidYouMean(string(s), stageNames()), strings.Join(stageNames(), ", "))
		case seen[s]:
			list.Add(o.Value("stages", fmt.Sprint(i)), "stage %q is listed twice", s)
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
		if !tagRe.MatchString(t) {
			list.Add(o.Value("tags", fmt.Sprint(i)), "tag %q must be kebab-case", t)
		}
	}
	for i, p := range c.ToolkitPages {
		if p < 1 || p > maxToolkitPages {
			list.Add(o.Value("toolkit_pages", fmt.Sprint(i)), "toolkit page %d is outside the toolkit (pages 1–%d)", p, maxToolkitPages)
		}
	}
	checkDates(o, c.EffectiveFrom, c.ReviewBy, list)
	if c.ReviewBy != nil && c.ReviewBy.Before(now) {
		list.Warn(o.Value("review_by"), "clause %q was due for review by %s: check its law and figures against its sources, then move review_by on", c.ID, c.ReviewBy.Format(time.DateOnly))
	}

	texts := []struct {
		field string
		text  string
	}{
		{"title", c.Title}, {"ask", c.Ask}, {"requirement", c.Requirement},
		{"rationale", c.Rationale}, {"caution", c.Caution}, {"legal_basis", c.LegalBasis},
	}
	for _, t := range texts {
		l.CheckText(o, t.text, list, t.field)
	}
	for i, e := range c.Evidence {
		l.CheckText(o, e, list, "evidence", fmt.Sprint(i))
	}
	if seen[Selection] || seen[Award] {
		if c.Question == nil {
			list.Add(o.Pos, "clause %q is used at %s, so it needs a [clause.question] for the evaluation panel", c.ID, stageList(seen, Selection, Award))
		}
	}
	if c.Question != nil {
		l.checkQuestion(o, c.Question, list, "question")
	}
	if seen[ContractManagement] && len(c.KPIs) == 0 {
		list.Add(o.Pos, "clause %q is used in contract management, so it needs at least one [[clause.kpi]]", c.ID)
	}
	for i, k := range c.KPIs {
		f := []string{"kpi", fmt.Sprint(i)}
		checkEnum(o, list, pathOf(f, "frequency"), k.Frequency, Frequencies)
		l.CheckText(o, k.Name, list, append(f, "name")...)
		l.CheckText(o, k.Target, list, append(f, "target")...)
	}
	for i, s := range c.Sources {
		checkSource(o, s, list, "source", fmt.Sprint(i))
	}
	seenJ := map[string]bool{}
	for i, v := range c.Variants {
		f := []string{"variant", fmt.Sprint(i)}
		for j, jur := range v.Jurisdictions {
			at := o.Value(append(f, "jurisdictions", fmt.Sprint(j))...)
			switch {
			case !slices.Contains(Jurisdictions, jur):
				list.Add(at, "unknown jurisdiction %q%s; use one of: %s", jur, diag.DidYouMean(jur, Jurisdictions), strings.Join(Jurisdictions, ", "))
			case !slices.Contains(c.Jurisdictions, jur):
				list.Add(at, "variant for %q, but the clause does not apply there: add %q to the clause's jurisdictions", jur, jur)
			case seenJ[jur]:
				list.Add(at, "a second variant for %q: only one variant per jurisdiction", jur)
			}
			seenJ[jur] = true
		}
		if v.Lever != "" {
			checkEnum(o, list, pathOf(f, "lever"), v.Lever, Levers)
		}
		if v.Status != "" {
			checkEnum(o, list, pathOf(f, "status"), v.Status, Statuses)
		}
		for _, t := range []struct{ field, text string }{
			{"title", v.Title}, {"ask", v.Ask}, {"requirement", v.Requirement},
			{"rationale", v.Rationale}, {"caution", v.Caution}, {"legal_basis", v.LegalBasis},
		} {
			l.CheckText(o, t.text, list, append(f, t.field)...)
		}
		if v.Question != nil {
			l.checkQuestion(o, v.Question, list, append(f, "question")...)
		}
		for j, s := range v.Sources {
			checkSource(o, s, list, append(f, "source", fmt.Sprint(j))...)
		}
	}
}

func pathOf(prefix []string, field string) string {
	return strings.Join(append(slices.Clone(prefix), field), ".")
}

func stageNames() []string {
	names := make([]string, len(Stages))
	for i, s := range Stages {
		names[i] = string(s)
	}
	return names
}

func stageList(seen map[Stage]bool, stages ...Stage) string {
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
	if value == "" || slices.Contains(allowed, value) {
		return
	}
	name := field[strings.LastIndexByte(field, '.')+1:]
	list.Add(o.Value(strings.Split(field, ".")...), "unknown %s %q%s; use one of: %s", strings.ReplaceAll(name, "_", " "), value, diag.DidYouMean(value, allowed), strings.Join(allowed, ", "))
}

func checkEnumList(o Origin, list *diag.List, field string, values, allowed []string) {
	seen := map[string]bool{}
	for i, v := range values {
		at := o.Value(field, fmt.Sprint(i))
		switch {
		case !slices.Contains(allowed, v):
			list.Add(at, "unknown %s %q%s; use one of: %s", singular(field), v, diag.DidYouMean(v, allowed), strings.Join(allowed, ", "))
		case seen[v]:
			list.Add(at, "%s %q is listed twice", singular(field), v)
		}
		seen[v] = true
	}
}

func singular(field string) string {
	switch field {
	case "categories":
		return "category"
	case "sectors":
		return "sector"
	case "jurisdictions":
		return "jurisdiction"
	case "regimes":
		return "regime"
	}
	return field
}

func checkSource(o Origin, s Source, list *diag.List, field ...string) {
	if s.URL != "" && !strings.HasPrefix(s.URL, "https://") && !strings.HasPrefix(s.URL, "http://") {
		list.Add(o.Value(append(field, "url")...), "url %q must start with https:// (or http://)", s.URL)
	}
}

func (l *Library) checkQuestion(o Origin, q *Question, list *diag.List, field ...string) {
	f := slices.Clone(field)
	checkEnum(o, list, pathOf(f, "kind"), q.Kind, QuestionKinds)
	l.CheckText(o, q.Text, list, append(f, "text")...)
	l.CheckText(o, q.Guidance, list, append(f, "guidance")...)
	var scale *Scale
	if q.Scale != "" {
		scale = l.Scales[q.Scale]
		if scale == nil {
			list.Add(o.Value(append(f, "scale")...), "unknown scale %q%s; scales are defined in templates/scales.toml: %s", q.Scale, diag.DidYouMean(q.Scale, l.ScaleIDs()), strings.Join(l.ScaleIDs(), ", "))
		}
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

// HasValue reports whether v is a point on the scale.
func (s *Scale) HasValue(v float64) bool {
	for _, p := range s.Points {
		if p.Value == v {
			return true
		}
	}
	return false
}

// CheckText reports placeholders that are not declared and stray braces.
func (l *Library) CheckText(o Origin, text string, list *diag.List, field ...string) {
	l.CheckTextWith(o, text, nil, list, field...)
}

// CheckTextWith is CheckText for text that may also use the names in extra,
// such as the document placeholders of a profile.
func (l *Library) CheckTextWith(o Origin, text string, extra []string, list *diag.List, field ...string) {
	if !strings.ContainsAny(text, "{}") {
		return
	}
	uses := map[string]int{}
	for _, m := range placeholderUse.FindAllStringSubmatch(text, -1) {
		name := m[1]
		nth := uses[m[0]]
		uses[m[0]]++
		if _, ok := l.Placeholders[name]; ok || slices.Contains(extra, name) {
			continue
		}
		at := o.Text(m[0], nth, field...)
		if !placeholderRe.MatchString(name) {
			list.Add(at, "%q is not a placeholder: names are lower case with _, such as {employer}", m[0])
			continue
		}
		list.Add(at, "undeclared placeholder {%s}%s; declare it in placeholders.toml or fix the name", name, braced(diag.Suggest(name, append(l.placeholderNames(), extra...))))
	}
	rest := placeholderUse.ReplaceAllString(text, "")
	if i := strings.IndexAny(rest, "{}"); i >= 0 {
		list.Add(o.Value(field...), "unmatched %q: placeholders are written {name}", rest[i:i+1])
	}
}

func braced(s string) string {
	if s == "" {
		return ""
	}
	return fmt.Sprintf(" (did you mean {%s}?)", s)
}

func (l *Library) placeholderNames() []string {
	var names []string
	for n := range l.Placeholders {
		names = append(names, n)
	}
	slices.Sort(names)
	return names
}

// PlaceholderNames returns the declared placeholder names, sorted.
func (l *Library) PlaceholderNames() []string { return l.placeholderNames() }

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
	for _, m := range placeholderUse.FindAllStringSubmatchIndex(text, -1) {
		v, ok := values[text[m[2]:m[3]]]
		if !ok {
			continue
		}
		b.WriteString(text[last:m[0]])
		if startsSentence(text[:m[0]]) {
			v = capitalise(v)
		}
		b.WriteString(v)
		last = m[1]
	}
	b.WriteString(text[last:])
	return b.String()
}

// startsSentence reports whether text that precedes a placeholder ends a
// sentence (or is empty), so the placeholder begins a new one.
func startsSentence(before string) bool {
	t := strings.TrimRight(before, " \t\r\n")
	switch {
	case t == "":
		return true
	case strings.HasSuffix(strings.TrimRight(before, " \t"), "\n\n"):
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
