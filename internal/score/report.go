package score

import (
	"bufio"
	"fmt"
	"io"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/goldenthread/goldenthread/internal/grid"
	"github.com/goldenthread/goldenthread/internal/model"
)

// Report is a Result laid out for people: a title, lines under it, and
// sections of paragraphs, tables and lists. WriteMarkdown prints it; a PDF
// renderer can draw the same pieces.
type Report struct {
	Title    string
	Banner   string // a warning set apart under the title, or ""
	Subtitle []string
	Sections []Section
}

// Section is one headed part of a report. Its parts appear in the order
// Text, Table, List.
type Section struct {
	Heading string
	Sub     bool     // a part of the section before it
	Text    []string // paragraphs
	Table   *Table
	List    []string
}

// Table is a table with a header row.
type Table struct {
	Header []string
	Rows   [][]string
}

// Report lays out the result: how far the panel has got, the outcome per
// bidder, the problems to put right by kind, the conflicts of interest
// declared and what was decided, the spreads the panel had to discuss, and
// each bidder's consensus scores with their reasons.
// Its wording comes from w, the "report." keys of templates/LANG/report.toml.
func (r *Result) Report(w model.Words) *Report {
	rep := &Report{Title: w.Get("report.title")}
	if r.Title != "" {
		rep.Title = fmt.Sprintf(w.Get("report.title_for"), r.Title)
	}
	var line []string
	for _, s := range []string{r.Employer, r.Reference, r.Date} {
		if s != "" {
			line = append(line, s)
		}
	}
	if len(line) > 0 {
		rep.Subtitle = append(rep.Subtitle, strings.Join(line, " · "))
	}
	names := make([]string, len(r.Panel))
	for i, e := range r.Panel {
		names[i] = e.Name
	}
	rep.Subtitle = append(rep.Subtitle, fmt.Sprintf(w.Get("report.panel"), strings.Join(names, ", ")))
	tool := r.Tool
	if tool == "" {
		tool = w.Get("report.unknown_version")
	}
	rep.Subtitle = append(rep.Subtitle, fmt.Sprintf(w.Get("report.made_by"), tool))

	sum := r.ProgressSummary(w)
	rep.Sections = append(rep.Sections, Section{
		Heading: w.Get("report.progress_heading"),
		Text:    append(sum.Lines, fmt.Sprintf(w.Get("report.progress_intro"), len(r.Items))),
		Table:   sum.Table,
	})

	outcome := Section{Heading: w.Get("report.result_heading")}
	switch {
	case r.Complete():
		outcome.Text = append(outcome.Text, w.Get("report.complete"))
	case r.RanksFinal:
		outcome.Text = append(outcome.Text, fmt.Sprintf(w.Get("report.put_right"), count(w, "report.problem", len(r.problems))))
	default:
		outcome.Text = append(outcome.Text, fmt.Sprintf(w.Get("report.not_finished"), count(w, "report.problem", len(r.problems))))
	}
	if n := len(r.Interests); n > 0 {
		outcome.Text = append(outcome.Text, fmt.Sprintf(w.Get("report.declared"), count(w, "report.evaluator", n)))
	}
	outcome.Text = append(outcome.Text, w.Get("report.how_worked_out"))
	outcome.Table = &Table{Header: w.List("report.result_headers")}
	// In the order of the Summary's ranking once ranks are final.
	for _, b := range r.Ranking {
		score, status, rank := fmtNum(b.Score, 2), statusLabel(b.Status), "–"
		if b.Status == Incomplete {
			score = fmt.Sprintf(w.Get("report.incomplete_score"), count(w, "report.consensus_score", b.Missing))
		}
		if b.Status == Fail {
			status += ": " + strings.Join(b.Failed, ", ")
		}
		if b.Rank > 0 {
			rank = strconv.Itoa(b.Rank)
			if b.Tied {
				rank += "="
			}
		}
		outcome.Table.Rows = append(outcome.Table.Rows, []string{strconv.Itoa(b.No), b.Name, score, status, rank})
	}
	rep.Sections = append(rep.Sections, outcome)

	probs := Section{Heading: fmt.Sprintf(w.Get("report.problems_heading"), len(r.problems))}
	if len(r.problems) == 0 {
		probs.Text = []string{w.Get("report.none")}
	} else {
		probs.Text = []string{w.Get("report.problems_intro")}
	}
	rep.Sections = append(rep.Sections, probs)
	for _, g := range ByKind(r.problems) {
		sec := Section{Heading: g.Heading(w), Sub: true}
		for _, p := range g.Problems {
			sec.List = append(sec.List, p.String())
		}
		rep.Sections = append(rep.Sections, sec)
	}
	rep.Sections = append(rep.Sections, r.interests(w))

	flagged := r.Flagged()
	spreads := Section{Heading: fmt.Sprintf(w.Get("report.spreads_heading"), len(flagged))}
	if len(flagged) == 0 {
		spreads.Text = []string{w.Get("report.no_spreads")}
	} else {
		spreads.Text = []string{w.Get("report.spreads_intro")}
		spreads.Table = &Table{Header: w.List("report.spreads_headers")}
		for _, it := range flagged {
			q := r.Questions[it.Question]
			var scores []string
			for e, s := range it.Scores {
				v := s.Entered
				if v == "" {
					v = "–"
				}
				scores = append(scores, r.Panel[e].Name+" "+v)
			}
			spr := fmtNum(it.Spread, 2)
			if q.Kind == grid.PassFail {
				spr = w.Get("report.pass_and_fail")
			}
			spreads.Table.Rows = append(spreads.Table.Rows, []string{q.Ref, r.Bidders[it.Bidder].Name, strings.Join(scores, "; "), spr, orDash(it.Consensus.Entered), orDash(it.Reason)})
		}
	}
	rep.Sections = append(rep.Sections, spreads)

	for b, bd := range r.Bidders {
		sec := Section{Heading: fmt.Sprintf(w.Get("report.consensus_heading"), bd.Name)}
		sec.Table = &Table{Header: w.List("report.consensus_headers")}
		for _, it := range r.Items {
			if it.Bidder != b {
				continue
			}
			q := r.Questions[it.Question]
			scale, weighted, pass := q.Scale, "", ""
			switch {
			case q.Kind == grid.PassFail:
				pass = w.Get("report.pass_required")
			case q.PassMark != nil:
				pass = fmtNum(*q.PassMark, 2)
			}
			if q.Kind == grid.Scored && it.Consensus.OK {
				weighted = fmt.Sprintf(w.Get("report.weighted_of"), fmtNum(it.Weighted, 2), fmtNum(q.Weight, 2))
			}
			cons := orDash(it.Consensus.Entered)
			if it.Failed {
				cons = fmt.Sprintf(w.Get("report.fails"), cons)
			}
			sec.Table.Rows = append(sec.Table.Rows, []string{q.Ref, scale, cons, weighted, pass, orDash(it.Reason)})
		}
		rep.Sections = append(rep.Sections, sec)
	}
	return rep
}

// ProgressSummary is how far the panel has got, in words: the report's
// first section, and the first thing score prints.
type ProgressSummary struct {
	// Lines say that nobody has started, on a blank grid, and how far
	// moderation has got.
	Lines []string
	// Table has a row per evaluator: name, scores entered out of the
	// number to enter, and the conflict-of-interest declaration.
	Table *Table
}

// ProgressSummary puts Progress into words.
func (r *Result) ProgressSummary(w model.Words) ProgressSummary {
	p := r.Progress()
	of := func(n int) string { return fmt.Sprintf(w.Get("report.of"), n, p.Cells) }
	var sum ProgressSummary
	if p.Blank() {
		sum.Lines = append(sum.Lines, w.Get("report.nobody_started"))
	}
	sum.Lines = append(sum.Lines, fmt.Sprintf(w.Get("report.moderation_progress"), of(p.Consensus), of(p.Reasons)))
	sum.Table = &Table{Header: w.List("report.progress_headers")}
	for e, ev := range r.Panel {
		sum.Table.Rows = append(sum.Table.Rows, []string{ev.Name, of(p.Scored[e]), ev.Declaration.words(w)})
	}
	return sum
}

// words says how far a declaration has got: "no conflict; signed and
// dated", "not made".
func (d Declaration) words(w model.Words) string {
	if !d.Made && !d.Signed && !d.Dated {
		return w.Get("report.declaration_not_made")
	}
	what := "report.declaration_not_made"
	switch {
	case d.Interest && d.Decided:
		what = "report.declaration_decided"
	case d.Interest:
		what = "report.declaration_undecided"
	case d.Made:
		what = "report.declaration_no_conflict"
	}
	signed := "report.declaration_signed"
	switch {
	case !d.Signed && !d.Dated:
		signed = "report.declaration_unsigned_undated"
	case !d.Signed:
		signed = "report.declaration_unsigned"
	case !d.Dated:
		signed = "report.declaration_undated"
	}
	return fmt.Sprintf(w.Get("report.declaration"), w.Get(what), w.Get(signed))
}

// Group is the problems of one kind, in workbook order.
type Group struct {
	Kind     Kind
	Problems []Problem
}

// kindOrder is the order kinds of problem are reported in: as a panel
// works (declare, score, moderate), then the workbook's own figures.
var kindOrder = []Kind{
	MissingDeclaration, DeclaredInterest,
	MissingScore, BadScore,
	MissingConsensus, BadConsensus, MissingReason,
	ChangedFormula, Disagrees,
}

// ByKind groups problems by kind, kinds in the order they are reported in
// and problems in the order given. A kind not known here comes last.
func ByKind(ps []Problem) []Group {
	rank := func(k Kind) int {
		if i := slices.Index(kindOrder, k); i >= 0 {
			return i
		}
		return len(kindOrder)
	}
	var out []Group
	for _, p := range ps {
		i := slices.IndexFunc(out, func(g Group) bool { return g.Kind == p.Kind })
		if i < 0 {
			i = len(out)
			out = append(out, Group{Kind: p.Kind})
		}
		out[i].Problems = append(out[i].Problems, p)
	}
	slices.SortStableFunc(out, func(a, b Group) int { return rank(a.Kind) - rank(b.Kind) })
	return out
}

// Heading names the group's kind of problem with how many there are:
// "Missing scores (440)".
func (g Group) Heading(w model.Words) string {
	key := "report.kind." + string(g.Kind)
	if _, ok := w.Text[key]; !ok {
		key = "report.kind.other"
	}
	return fmt.Sprintf(w.Get(key), len(g.Problems))
}

// interests lays out every conflict of interest declared, with the
// procurement lead's decision, for the panel's record.
func (r *Result) interests(w model.Words) Section {
	sec := Section{Heading: fmt.Sprintf(w.Get("report.interests_heading"), len(r.Interests))}
	if len(r.Interests) == 0 {
		sec.Text = []string{w.Get("report.no_interests")}
		return sec
	}
	sec.Text = w.List("report.interests_intro")
	sec.Table = &Table{Header: w.List("report.interests_headers")}
	for _, in := range r.Interests {
		decision := in.Decision
		if decision == "" {
			decision = w.Get("report.no_decision")
		}
		sec.Table.Rows = append(sec.Table.Rows, []string{r.Panel[in.Evaluator].Name, in.Declared, decision})
	}
	return sec
}

// WriteMarkdown writes rp as Markdown. Text from the workbook is escaped,
// so a name cannot become a link, an image or a broken table.
func (rp *Report) WriteMarkdown(w io.Writer) error {
	bw := bufio.NewWriter(w)
	fmt.Fprintf(bw, "# %s\n\n", mdText(rp.Title))
	if rp.Banner != "" {
		fmt.Fprintf(bw, "> **%s**\n\n", mdText(rp.Banner))
	}
	for _, s := range rp.Subtitle {
		fmt.Fprintf(bw, "%s\n\n", mdText(s))
	}
	for _, sec := range rp.Sections {
		level := "##"
		if sec.Sub {
			level = "###"
		}
		fmt.Fprintf(bw, "%s %s\n\n", level, mdText(sec.Heading))
		for _, p := range sec.Text {
			fmt.Fprintf(bw, "%s\n\n", mdText(p))
		}
		if t := sec.Table; t != nil {
			writeRow(bw, t.Header)
			sep := make([]string, len(t.Header))
			for i := range sep {
				sep[i] = "---"
			}
			fmt.Fprintf(bw, "| %s |\n", strings.Join(sep, " | "))
			for _, row := range t.Rows {
				writeRow(bw, row)
			}
			bw.WriteString("\n")
		}
		for _, item := range sec.List {
			fmt.Fprintf(bw, "- %s\n", mdText(item))
		}
		if len(sec.List) > 0 {
			bw.WriteString("\n")
		}
	}
	return bw.Flush()
}

func writeRow(w io.Writer, cells []string) {
	esc := make([]string, len(cells))
	for i, c := range cells {
		esc[i] = mdText(c)
	}
	fmt.Fprintf(w, "| %s |\n", strings.Join(esc, " | "))
}

// mdText escapes text for Markdown: on one line, with every character that
// could start markup, a link or HTML taken literally.
var mdReplacer = strings.NewReplacer(
	`\`, `\\`, "`", "\\`", `*`, `\*`, `_`, `\_`, `[`, `\[`, `]`, `\]`,
	`<`, `&lt;`, `>`, `&gt;`, `|`, `\|`, `#`, `\#`,
	"\n", " ", "\r", " ", "\t", " ",
)

// entity matches what Markdown would read as an HTML entity.
var entity = regexp.MustCompile(`&(#?[A-Za-z0-9]+;)`)

func mdText(s string) string {
	s = mdReplacer.Replace(entity.ReplaceAllString(s, "&amp;$1"))
	// A line starting with these would become a list or a heading.
	if len(s) > 0 && strings.ContainsRune("-+=", rune(s[0])) {
		s = `\` + s
	}
	return s
}

func fmtNum(v float64, places int) string {
	s := strconv.FormatFloat(v, 'f', places, 64)
	if strings.Contains(s, ".") {
		s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	}
	return s
}

func orDash(s string) string {
	if strings.TrimSpace(s) == "" {
		return "–"
	}
	return s
}

// count writes n with the singular or plural form at key ("1 problem",
// "2 problems").
func count(w model.Words, key string, n int) string {
	forms := w.List(key)
	if len(forms) != 2 {
		return strconv.Itoa(n)
	}
	if n == 1 {
		return fmt.Sprintf(forms[0], n)
	}
	return fmt.Sprintf(forms[1], n)
}
