package cli

import (
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"text/tabwriter"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/goldenthread/goldenthread/internal/model"
	"github.com/goldenthread/goldenthread/internal/render/pdf"
	"github.com/goldenthread/goldenthread/internal/score"
)

var scoreCmd = &command{
	name:    "score",
	args:    "GRID.xlsx [RETURN.xlsx…] [-o REPORT.md|REPORT.pdf]",
	summary: "read a completed evaluation grid back and check it",
	help: `Read an evaluation grid that goldenthread made and the panel has filled
in. Every total is worked out again from the raw scores (cached formula values
are never trusted). Prints how far the panel has got (each evaluator's scores
entered out of the number to enter, and their conflict-of-interest
declaration; consensus scores and reasons recorded at moderation), then each
bidder's weighted score, pass or fail and rank, then the problems kind by
kind, at most 5 of each. It writes a moderation report with the same progress
summary at the top and every problem, grouped by kind: missing scores, entries
off the scale, missing consensus scores or reasons, missing or unsigned
conflict-of-interest declarations, declared interests with no recorded
decision, changed formulas and large disagreements, each named by sheet and
cell; every declared interest is listed with the procurement lead's decision.
Exit status 0 when the grid is complete and consistent, 1 when it has
problems. Without -o the report is written beside the grid:
path/to/GRID-report.md for path/to/GRID.xlsx. The report never replaces the
grid itself.

Once moderation is complete (the grid has no problems), score also drafts an
assessment summary for each bidder beside the report, for the procurement
lead to check and turn into the assessment summary or standstill letter the
procurement rules require: GRID-summary-1-acme-care-ltd.md and so on, with
each question's consensus score and reason beside the winning bid's, and the
totals. --no-summaries leaves them out.

A grid written with grid --split comes back as one workbook per panel member:
give the moderation workbook first and the returned workbooks after it.
score checks that each is that panel member's own workbook of this grid,
unchanged in layout (another grid's, or a second one from the same person,
is refused, naming the file), copies their scores, comments and declaration
into a new workbook beside the moderation workbook, GRID-merged.xlsx (the
moderation workbook itself is never changed), says who has not returned,
and scores the merged workbook, in which the panel then moderates.

Examples:
  goldenthread score panel/completed-grid.xlsx      # writes panel/completed-grid-report.md
  goldenthread score panel/midshire-moderation.xlsx returns/*.xlsx   # merge, then score
  goldenthread score completed-grid.xlsx -o moderation-report.pdf
  goldenthread score completed-grid.xlsx --no-summaries`,
	flags: func(fs *flag.FlagSet, e *env) func([]string) error {
		var o scoreOptions
		fs.StringVar(&o.out, "o", "", "write the report to this `file` (.md or .pdf)")
		fs.BoolVar(&o.noSummaries, "no-summaries", false, "do not draft assessment summaries, even when moderation is complete")
		return func(args []string) error {
			if len(args) == 0 {
				return usagef("score needs a workbook file: the grid, or a split grid's moderation workbook and the returns")
			}
			o.grid, o.returns = args[0], args[1:]
			return e.score(o)
		}
	},
}

// scoreOptions is what the score command is asked to read and write.
type scoreOptions struct {
	grid    string   // the completed workbook, or a split grid's moderation workbook
	returns []string // the panel members' returned workbooks to merge into it
	out     string   // the report (.md or .pdf); "" for GRID-NAME-report.md beside the grid

	noSummaries bool // draft no assessment summaries
}

func (e *env) score(o scoreOptions) error {
	path := o.grid
	if len(o.returns) > 0 {
		merged, err := e.merge(o.grid, o.returns)
		if err != nil {
			return err
		}
		path = merged
	}
	report := reportName(o.out, path)
	ext := strings.ToLower(filepath.Ext(report))
	if ext != ".md" && ext != ".pdf" {
		return usagef("the report must be a .md or .pdf file, not %q", report)
	}
	if sameFile(report, path) {
		return usagef("the report %s would replace the grid %s: give the report another name with -o", report, path)
	}
	res, err := readGrid(path)
	if err != nil {
		return err
	}
	tmpl, err := loadTemplates()
	if err != nil {
		return err
	}
	printProgress(e.stdout, res.ProgressSummary(tmpl.Words))
	printBidders(e.stdout, res)
	printProblems(e.stderr, path, score.ByKind(res.Problems()), tmpl.Words, maxPerKind, res.Progress().Untouched)
	var sums []score.Summary
	if !o.noSummaries {
		sums = res.Summaries(tmpl.Words)
	}
	sumPaths := make([]string, len(sums))
	for i, s := range sums {
		sumPaths[i] = summaryName(report, path, s.Bidder)
		if sameFile(sumPaths[i], path) || sameFile(sumPaths[i], report) {
			return usagef("the assessment summary %s would replace %s: give the report another name with -o, or use --no-summaries", sumPaths[i], report)
		}
	}
	rep := res.Report(tmpl.Words)
	pr := pdf.ScoreReport(rep, res, tmpl.Words, e.now, "goldenthread "+Version)
	if ext == ".pdf" {
		if rs := pr.Unprintable(); len(rs) > 0 {
			fmt.Fprintf(e.stderr, "%s: warning: %s cannot be printed in the PDF report, whose fonts have no such character, so it shows there as \ufffd; a Markdown report (-o FILE.md) keeps it\n", path, runeList(rs))
		}
	}
	err = writeAtomic(report, func(w io.Writer) error {
		if ext == ".pdf" {
			return pdf.RenderReport(w, pr)
		}
		return rep.WriteMarkdown(w)
	})
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "wrote %s\n", report)
	for i, s := range sums {
		if err := writeAtomic(sumPaths[i], s.WriteMarkdown); err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "wrote %s\n", sumPaths[i])
	}
	if !res.Complete() {
		fmt.Fprintf(e.stderr, "%s to put right before the result stands\n", plural(len(res.Problems()), "problem"))
		return errProblems
	}
	return nil
}

// merge merges the returned workbooks into a new workbook beside the
// moderation workbook, says what it did and who has not returned, and
// returns the new workbook's path.
func (e *env) merge(moderation string, returns []string) (string, error) {
	read := func(path string) (score.File, error) {
		b, err := os.ReadFile(path)
		if err != nil {
			return score.File{}, fmt.Errorf("%s: cannot read: %w", path, unwrapPath(err))
		}
		return score.File{Name: path, Data: b}, nil
	}
	mod, err := read(moderation)
	if err != nil {
		return "", err
	}
	var files []score.File
	for _, r := range returns {
		if sameFile(r, moderation) {
			return "", usagef("%s is given as the moderation workbook and as a return", r)
		}
		f, err := read(r)
		if err != nil {
			return "", err
		}
		files = append(files, f)
	}
	merged, err := score.Merge(mod, files)
	if err != nil {
		return "", err
	}
	path := strings.TrimSuffix(moderation, filepath.Ext(moderation)) + "-merged.xlsx"
	if err := writeAtomic(path, func(w io.Writer) error { _, err := w.Write(merged.Data); return err }); err != nil {
		return "", err
	}
	tmpl, err := loadTemplates()
	if err != nil {
		return "", err
	}
	fmt.Fprintf(e.stdout, tmpl.Words.Get("report.merged")+"\n", path, plural(len(merged.From), "returned workbook"))
	if len(merged.Missing) > 0 {
		fmt.Fprintf(e.stderr, tmpl.Words.Get("report.not_returned")+"\n", strings.Join(merged.Missing, "; "))
	}
	return path, nil
}

// reportName returns out, or else the grid's name with -report.md in the
// grid's own folder, where the panel will look for it.
func reportName(out, grid string) string {
	if out != "" {
		return out
	}
	return filepath.Join(filepath.Dir(grid), profileName(grid)+"-report.md")
}

// summaryName returns where bidder b's draft assessment summary goes:
// beside the report, named after the grid, then the bidder's number and
// name: panel/grid-summary-3-wyn-daughters.md. The number keeps the names
// apart; the name is folded to lower-case ASCII letters, digits and
// hyphens, and cut short, so that every operating system and mail client
// takes it as it is.
func summaryName(report, grid string, b score.Bidder) string {
	name := fmt.Sprintf("%s-summary-%d", profileName(grid), b.No)
	if s := safeName(b.Name, 30); s != "" {
		name += "-" + s
	}
	return filepath.Join(filepath.Dir(report), name+".md")
}

// safeName folds s to at most max lower-case ASCII letters, digits and
// single hyphens: accents are dropped (Ŵ to w), and every run of anything
// else becomes one hyphen.
func safeName(s string, max int) string {
	var b strings.Builder
	hyphen := false
	for _, r := range norm.NFKD.String(s) {
		r = unicode.ToLower(r)
		switch {
		case unicode.Is(unicode.Mn, r):
			continue
		case r < utf8.RuneSelf && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			if hyphen && b.Len() > 0 {
				b.WriteByte('-')
			}
			hyphen = false
			b.WriteRune(r)
		default:
			hyphen = true
		}
		if b.Len() >= max {
			break
		}
	}
	out := b.String()
	if len(out) > max {
		out = out[:max]
	}
	return strings.Trim(out, "-")
}

// sameFile reports whether a and b name one file: the same path, or two
// spellings of it (a link, a different case on a file system that ignores
// case).
func sameFile(a, b string) bool {
	if filepath.Clean(a) == filepath.Clean(b) {
		return true
	}
	sa, err := os.Stat(a)
	if err != nil {
		return false
	}
	sb, err := os.Stat(b)
	return err == nil && os.SameFile(sa, sb)
}

// maxPerKind is how many problems of each kind score prints before
// pointing at the report: enough to find the cells, few enough that every
// kind of problem fits on a screen.
const maxPerKind = 5

// readGrid opens and reads a workbook, treating it as untrusted.
func readGrid(path string) (*score.Result, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("%s: cannot read: %w", path, unwrapPath(err))
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, fmt.Errorf("%s: cannot read: %w", path, unwrapPath(err))
	}
	if st.IsDir() {
		return nil, fmt.Errorf("%s: is a folder, not a workbook", path)
	}
	res, err := score.Read(f, st.Size())
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return res, nil
}

// printProgress prints how far the panel has got, then a blank line.
func printProgress(w io.Writer, sum score.ProgressSummary) {
	for _, l := range sum.Lines {
		fmt.Fprintln(w, l)
	}
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, strings.ToUpper(strings.Join(sum.Table.Header, "\t")))
	for _, row := range sum.Table.Rows {
		cells := slices.Clone(row)
		for i := range cells {
			cells[i] = oneLine(cells[i])
		}
		fmt.Fprintln(tw, strings.Join(cells, "\t"))
	}
	tw.Flush()
	fmt.Fprintln(w)
}

// printProblems prints the problems kind by kind, each kind under its
// heading and at most max of each, with how many more the report lists. A
// kind of cell nobody has begun to fill in (untouched) is one line: the
// progress summary has said so, and listing empty cells would not help.
func printProblems(w io.Writer, path string, groups []score.Group, words model.Words, max int, untouched func(score.Kind) bool) {
	for _, g := range groups {
		if untouched(g.Kind) {
			fmt.Fprintln(w, fmt.Sprintf(words.Get("report.untouched_kind"), g.Heading(words)))
			continue
		}
		fmt.Fprintln(w, g.Heading(words))
		for i, p := range g.Problems {
			if i == max {
				fmt.Fprintln(w, fmt.Sprintf(words.Get("report.more_of_kind"), len(g.Problems)-max))
				break
			}
			fmt.Fprintf(w, "%s: %s\n", path, p)
		}
	}
}

func printBidders(w io.Writer, res *score.Result) {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "BIDDER\tSCORE\tSTATUS\tRANK")
	for _, b := range res.Ranking {
		rank := "–"
		if b.Rank > 0 {
			rank = fmt.Sprint(b.Rank)
			if b.Tied {
				rank += "="
			}
		}
		points := fmt.Sprintf("%.2f", b.Score)
		if b.Status == score.Incomplete {
			points = "–"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", oneLine(b.Name), points, b.Status, rank)
	}
	tw.Flush()
}

// oneLine keeps a name from a workbook on one terminal line.
func oneLine(s string) string {
	return strings.Map(func(r rune) rune {
		if r < ' ' || r == 0x7f {
			return ' '
		}
		return r
	}, s)
}
