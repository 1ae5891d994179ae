package score

import (
	"bufio"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"

	"github.com/goldenthread/goldenthread/internal/grid"
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
func (r *Result) Report() *Report {
	rep := &Report{Title: "Moderation report"}
	if r.Title != "" {
		rep.Title += ": " + r.Title
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
	rep.Subtitle = append(rep.Subtitle, "Evaluation panel: "+strings.Join(names, ", "))
	tool := r.Tool
	if tool == "" {
		tool = "an unknown version"
	}
	rep.Subtitle = append(rep.Subtitle, "Grid made by goldenthread "+tool+"; every figure below is worked out again from the scores entered, not taken from the workbook's formulas.")

	outcome := Section{Heading: "Result"}
	switch {
	case r.Complete():
		outcome.Text = append(outcome.Text, "Moderation is complete: every score, consensus score, reason and declaration is recorded.")
	case r.RanksFinal:
		outcome.Text = append(outcome.Text, fmt.Sprintf("Every consensus score is in, but %s below must be put right before the result stands.", count(len(r.problems), "problem")))
	default:
		outcome.Text = append(outcome.Text, fmt.Sprintf("Not finished: %s below must be put right; ranks are given once every consensus score is in.", count(len(r.problems), "problem")))
	}
	if n := len(r.Interests); n > 0 {
		outcome.Text = append(outcome.Text, fmt.Sprintf("%s declared a conflict of interest: see Declared interests below.", count(n, "evaluator")))
	}
	outcome.Text = append(outcome.Text, "Weighted quality score is out of 100: each consensus score ÷ its scale's maximum × the question's weight, summed. A bidder fails on a Fail or a score below a pass mark; ranks are among passing bidders, and tied bidders share a place (=).")
	outcome.Table = &Table{Header: []string{"No.", "Bidder", "Weighted quality score", "Pass or fail", "Rank"}}
	ties := map[int]int{}
	for _, b := range r.Bidders {
		if b.Rank > 0 {
			ties[b.Rank]++
		}
	}
	for _, b := range r.Bidders {
		score, status, rank := fmtNum(b.Score, 2), statusLabel(b.Status), "–"
		if b.Status == Incomplete {
			score = fmt.Sprintf("incomplete (%s missing)", count(b.Missing, "consensus score"))
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

	probs := Section{Heading: fmt.Sprintf("Problems (%d)", len(r.problems))}
	if len(r.problems) == 0 {
		probs.Text = []string{"None."}
	}
	for _, p := range r.problems {
		probs.List = append(probs.List, p.String())
	}
	rep.Sections = append(rep.Sections, probs, r.interests())

	flagged := r.Flagged()
	spreads := Section{Heading: fmt.Sprintf("Scores far apart (%d)", len(flagged))}
	if len(flagged) == 0 {
		spreads.Text = []string{"No evaluators' scores were far enough apart to flag for discussion."}
	} else {
		spreads.Text = []string{"Where evaluators' scores were at least the flag apart, the panel discussed them and recorded a consensus and its reason."}
		spreads.Table = &Table{Header: []string{"Question", "Bidder", "Evaluators' scores", "Spread", "Consensus", "Reason"}}
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
				spr = "Pass and Fail"
			}
			spreads.Table.Rows = append(spreads.Table.Rows, []string{q.Ref, r.Bidders[it.Bidder].Name, strings.Join(scores, "; "), spr, orDash(it.Consensus.Entered), orDash(it.Reason)})
		}
	}
	rep.Sections = append(rep.Sections, spreads)

	for b, bd := range r.Bidders {
		sec := Section{Heading: "Consensus scores: " + bd.Name}
		sec.Table = &Table{Header: []string{"Question", "Scale", "Consensus", "Weighted", "Pass mark", "Reason"}}
		for _, it := range r.Items {
			if it.Bidder != b {
				continue
			}
			q := r.Questions[it.Question]
			scale, weighted, pass := q.Scale, "", ""
			switch {
			case q.Kind == grid.PassFail:
				pass = "Pass required"
			case q.PassMark != nil:
				pass = fmtNum(*q.PassMark, 2)
			}
			if q.Kind == grid.Scored && it.Consensus.OK {
				weighted = fmtNum(it.Weighted, 2) + " of " + fmtNum(q.Weight, 2)
			}
			cons := orDash(it.Consensus.Entered)
			if it.Failed {
				cons += " (fails)"
			}
			sec.Table.Rows = append(sec.Table.Rows, []string{q.Ref, scale, cons, weighted, pass, orDash(it.Reason)})
		}
		rep.Sections = append(rep.Sections, sec)
	}
	return rep
}

// interests lays out every conflict of interest declared, with the
// procurement lead's decision, for the panel's record.
func (r *Result) interests() Section {
	sec := Section{Heading: fmt.Sprintf("Declared interests (%d)", len(r.Interests))}
	if len(r.Interests) == 0 {
		sec.Text = []string{"No evaluator declared a conflict of interest on the Guide sheet."}
		return sec
	}
	sec.Text = []string{
		"Each conflict of interest an evaluator declared on the Guide sheet, and what the procurement lead decided. Their scores stand in this grid as they were entered, whatever the decision: goldenthread does not remove or re-weight them.",
		"If a decision removes an evaluator from the panel, for every bidder or for one, issue the grid again without them and moderate again; do not rely on the result above.",
	}
	sec.Table = &Table{Header: []string{"Evaluator", "Declaration", "Procurement lead's decision"}}
	for _, in := range r.Interests {
		decision := in.Decision
		if decision == "" {
			decision = "none recorded (see Problems)"
		}
		sec.Table.Rows = append(sec.Table.Rows, []string{r.Panel[in.Evaluator].Name, in.Declared, decision})
	}
	return sec
}

// WriteMarkdown writes the report as Markdown.
func (r *Result) WriteMarkdown(w io.Writer) error {
	return r.Report().WriteMarkdown(w)
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

func count(n int, what string) string {
	if n == 1 {
		return "1 " + what
	}
	return strconv.Itoa(n) + " " + what + "s"
}
