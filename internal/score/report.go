package score

import (
	"bufio"
	"fmt"
	"io"
	"regexp"
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
	Subtitle []string
	Sections []Section
}

// Section is one headed part of a report. Its parts appear in the order
// Text, Table, List.
type Section struct {
	Heading string
	Text    []string // paragraphs
	Table   *Table
	List    []string
}

// Table is a table with a header row.
type Table struct {
	Header []string
	Rows   [][]string
}

// Report lays out the result: the outcome per bidder, the problems to put
// right, the conflicts of interest declared and what was decided, the
// spreads the panel had to discuss, and each bidder's consensus scores with
// their reasons.
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
	ties := map[int]int{}
	for _, b := range r.Bidders {
		if b.Rank > 0 {
			ties[b.Rank]++
		}
	}
	for _, b := range r.Bidders {
		score, status, rank := fmtNum(b.Score, 2), statusLabel(b.Status), "–"
		if b.Status == Incomplete {
			score = fmt.Sprintf(w.Get("report.incomplete_score"), count(w, "report.consensus_score", b.Missing))
		}
		if b.Status == Fail {
			status += ": " + strings.Join(b.Failed, ", ")
		}
		if b.Rank > 0 {
			rank = strconv.Itoa(b.Rank)
			if ties[b.Rank] > 1 {
				rank += "="
			}
		}
		outcome.Table.Rows = append(outcome.Table.Rows, []string{strconv.Itoa(b.No), b.Name, score, status, rank})
	}
	rep.Sections = append(rep.Sections, outcome)

	probs := Section{Heading: fmt.Sprintf(w.Get("report.problems_heading"), len(r.problems))}
	if len(r.problems) == 0 {
		probs.Text = []string{w.Get("report.none")}
	}
	for _, p := range r.problems {
		probs.List = append(probs.List, p.String())
	}
	rep.Sections = append(rep.Sections, probs, r.interests(w))

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
	for _, s := range rp.Subtitle {
		fmt.Fprintf(bw, "%s\n\n", mdText(s))
	}
	for _, sec := range rp.Sections {
		fmt.Fprintf(bw, "## %s\n\n", mdText(sec.Heading))
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
