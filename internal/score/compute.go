package score

import (
	"cmp"
	"math"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"github.com/goldenthread/goldenthread/internal/grid"
	"github.com/goldenthread/goldenthread/internal/model"
)

// result reads every input cell and works the grid out again.
func (rd *reader) result() *Result {
	m := rd.m
	res := &Result{
		Tool: m.Tool, Title: m.Title, Reference: m.Reference, Employer: m.Employer, Date: m.Date, Layout: m.Layout,
	}
	for _, ev := range m.Panel {
		res.Panel = append(res.Panel, Evaluator{Name: ev.Name, Sheet: ev.Sheet})
	}
	for _, q := range m.Questions {
		rq := Question{Ref: q.Ref, Kind: q.Kind, Scale: q.Scale, Max: q.Max(), Weight: q.Weight, Flag: q.Flag}
		if q.HasPassMark {
			pm := q.PassMark
			rq.PassMark = &pm
		}
		res.Questions = append(res.Questions, rq)
	}
	for b, name := range m.Bidders {
		res.Bidders = append(res.Bidders, Bidder{No: b + 1, Name: name})
	}

	res.Interests = rd.declarations(res.Panel)
	c := m.ModCols()
	for mq, qi := range m.Moderated() {
		q := &m.Questions[qi]
		res.Questions[qi].Title = strings.TrimSpace(rd.str(grid.Moderation, c.Question, m.ModRow(mq, 0)))
		for b := range m.Bidders {
			it := Item{Question: qi, Bidder: b, Row: m.ModRow(mq, b)}
			what := q.Ref + ", " + m.Bidders[b]
			for _, ev := range m.Panel {
				col, row := grid.EvalScoreCol(b), m.EvalRow(qi)
				mark, msg := rd.mark(q, ev.Sheet, col, row)
				if msg != "" {
					kind := BadScore
					if mark.Entered == "" {
						kind = MissingScore
					}
					rd.problem(ev.Sheet, col, row, kind, "score for %s %s", what, msg)
				}
				it.Scores = append(it.Scores, mark)
			}
			spread(q, &it)

			mark, msg := rd.mark(q, grid.Moderation, c.Consensus, it.Row)
			it.Consensus = mark
			if msg != "" {
				kind := BadConsensus
				if mark.Entered == "" {
					kind = MissingConsensus
				}
				rd.problem(grid.Moderation, c.Consensus, it.Row, kind, "consensus score for %s %s", what, msg)
			}
			it.Reason = strings.TrimSpace(rd.str(grid.Moderation, c.Reason, it.Row))
			if mark.Entered != "" && it.Reason == "" {
				rd.problem(grid.Moderation, c.Reason, it.Row, MissingReason, "no reason recorded for the consensus score for %s", what)
			}

			bd := &res.Bidders[b]
			switch {
			case !mark.OK:
				bd.Missing++
			case q.Kind == grid.PassFail:
				it.Failed = mark.Value == 0
			default:
				it.Weighted = mark.Value / q.Max() * q.Weight
				bd.Score += it.Weighted
				it.Failed = q.HasPassMark && mark.Value < q.PassMark
			}
			if it.Failed {
				bd.Failed = append(bd.Failed, q.Ref)
			}
			if q.Stage == grid.StageSelection {
				// As the Summary's Selection column works it out.
				switch {
				case it.Failed:
					bd.Selection = Fail
				case bd.Selection == Fail:
				case mark.Entered == "":
					bd.Selection = Incomplete
				case bd.Selection == "":
					bd.Selection = Pass
				}
			}
			res.Items = append(res.Items, it)
		}
	}

	res.RanksFinal = true
	for b := range res.Bidders {
		bd := &res.Bidders[b]
		bd.Score = round4(bd.Score)
		switch {
		case bd.Missing > 0:
			bd.Status = Incomplete
			res.RanksFinal = false
		case len(bd.Failed) > 0:
			bd.Status = Fail
		default:
			bd.Status = Pass
		}
	}
	// A round of pass or fail questions alone ranks no one (layout 3).
	if res.RanksFinal && (m.Scored() || !m.Ranked()) {
		for b := range res.Bidders {
			bd := &res.Bidders[b]
			if bd.Status != Pass {
				continue
			}
			bd.Rank = 1
			for _, o := range res.Bidders {
				if o.Status == Pass && o.Score > bd.Score {
					bd.Rank++
				}
				bd.Tied = bd.Tied || (o.No != bd.No && o.Status == Pass && o.Score == bd.Score)
			}
			if sv := rd.m.SocialValue; sv > 0 {
				bd.Share = round4(bd.Score * sv / 100)
			}
		}
	}
	res.Ranking = slices.Clone(res.Bidders)
	if res.RanksFinal {
		slices.SortStableFunc(res.Ranking, func(a, b Bidder) int {
			switch {
			case a.Status == Pass && b.Status != Pass:
				return -1
			case a.Status != Pass && b.Status == Pass:
				return 1
			case a.Status == Pass && a.Score != b.Score:
				return cmp.Compare(b.Score, a.Score)
			}
			return cmp.Compare(a.No, b.No)
		})
	}

	rd.formulas()
	rd.cached(res)
	rd.sortProblems()
	res.problems = rd.problems
	return res
}

// round4 rounds half away from zero to four decimal places, as the
// workbook's ROUND(…, 4) does.
func round4(v float64) float64 { return math.Round(v*1e4) / 1e4 }

// mark reads a score cell for question q. msg says what is wrong with it,
// or is "" when it is a valid score.
func (rd *reader) mark(q *grid.Question, sheet string, col, row int) (Mark, string) {
	c := rd.get(sheet, col, row)
	mk := Mark{Entered: c.raw}
	if c.kind == formula {
		mk.Entered = "=" + c.raw
	}
	if q.Kind == grid.PassFail {
		switch {
		case c.kind == empty:
			return mk, "is missing"
		case c.kind == text && strings.EqualFold(c.raw, grid.Pass):
			mk.Value, mk.OK = 1, true
			return mk, ""
		case c.kind == text && strings.EqualFold(c.raw, grid.Fail):
			mk.Value, mk.OK = 0, true
			return mk, ""
		case c.kind == formula:
			return mk, "is a formula (" + quote(mk.Entered) + "); choose Pass or Fail"
		}
		return mk, "is " + quote(c.raw) + "; choose Pass or Fail"
	}
	switch c.kind {
	case empty:
		return mk, "is missing"
	case number:
		if !q.OnScale(c.num) {
			return mk, "is " + c.raw + ", which is not on the " + scaleText(q)
		}
		mk.Value, mk.OK = c.num, true
		return mk, ""
	case formula:
		return mk, "is a formula (" + quote(mk.Entered) + "); type the score itself, from the " + scaleText(q)
	case text:
		if _, err := strconv.ParseFloat(strings.TrimSpace(c.raw), 64); err == nil {
			return mk, "is the text " + quote(c.raw) + ", not a number; enter it again as a number from the " + scaleText(q)
		}
	}
	return mk, "is " + quote(c.raw) + ", not a number from the " + scaleText(q)
}

// scaleText names a question's scale with its points: "0-4 scale (0, 1, 2,
// 3, 4)".
func scaleText(q *grid.Question) string {
	pts := make([]string, len(q.Points))
	for i, p := range q.Points {
		pts[i] = model.Num(p)
	}
	return q.Scale + " scale (" + strings.Join(pts, ", ") + ")"
}

// spread works out lowest, highest and spread over the valid scores, as the
// Moderation sheet does, and whether the spread reaches the flag.
func spread(q *grid.Question, it *Item) {
	var vals []float64
	for _, s := range it.Scores {
		if s.OK {
			vals = append(vals, s.Value)
		}
	}
	if len(vals) == 0 {
		return
	}
	it.HasSpread = true
	it.Lowest, it.Highest = slices.Min(vals), slices.Max(vals)
	it.Spread = it.Highest - it.Lowest
	it.Flagged = it.Spread >= q.Flag-1e-9
}

// declarations checks that every evaluator declared, signed and dated, and
// that the procurement lead recorded a decision on every interest declared.
// It notes how far each evaluator's declaration has got and returns the
// interests declared.
func (rd *reader) declarations(panel []Evaluator) []Interest {
	var out []Interest
	for e := range panel {
		ev, d := panel[e], &panel[e].Declaration
		r := rd.m.DeclRowOf(e)
		text := strings.TrimSpace(rd.str(grid.Guide, grid.DeclText, r))
		d.Made = text != ""
		switch {
		case !d.Made:
			rd.problem(grid.Guide, grid.DeclText, r, MissingDeclaration, "no conflict-of-interest declaration from %s", ev.Name)
		case !noConflict(text):
			in := Interest{Evaluator: e, Row: r, Declared: text, Decision: strings.TrimSpace(rd.str(grid.Guide, grid.DeclDecision, r))}
			d.Interest, d.Decided = true, in.Decision != ""
			if !d.Decided {
				rd.problem(grid.Guide, grid.DeclText, r, DeclaredInterest, "%s declared an interest (%s): the procurement lead must record a decision in %s before the scores stand",
					ev.Name, quote(text), grid.Ref(grid.Guide, grid.DeclDecision, r))
			}
			out = append(out, in)
		}
		if d.Signed = strings.TrimSpace(rd.str(grid.Guide, grid.DeclSigned, r)) != ""; !d.Signed {
			rd.problem(grid.Guide, grid.DeclSigned, r, MissingDeclaration, "the declaration from %s is not signed", ev.Name)
		}
		if d.Dated = strings.TrimSpace(rd.str(grid.Guide, grid.DeclDate, r)) != ""; !d.Dated {
			rd.problem(grid.Guide, grid.DeclDate, r, MissingDeclaration, "the declaration from %s is not dated", ev.Name)
		}
	}
	return out
}

// nilDeclarations are the declarations that say there is no conflict of
// interest, in lower case with no final punctuation.
var nilDeclarations = []string{
	strings.ToLower(grid.NoConflict), "no conflict of interest", "no conflict", "no conflicts", "none", "nil", "no", "n/a",
	"nothing to declare", "no interest to declare",
}

// noConflict reports whether a declaration says plainly that there is no
// conflict of interest: one of nilDeclarations, whatever its case, spacing
// and final punctuation. Anything else declares an interest, however it
// starts: "No conflict of interest, but my sister works for Bidder A" must
// reach the procurement lead.
func noConflict(s string) bool {
	s = strings.Join(strings.Fields(s), " ")
	s = strings.TrimRightFunc(s, func(r rune) bool { return unicode.IsPunct(r) || unicode.IsSpace(r) })
	for _, n := range nilDeclarations {
		if strings.EqualFold(s, n) {
			return true
		}
	}
	return false
}

// formulas reports each formula the grid no longer holds as written: a
// changed formula makes the workbook's totals differ from this report.
func (rd *reader) formulas() {
	for _, fm := range rd.m.Formulas() {
		got, err := rd.f.GetCellFormula(fm.Sheet, grid.Cell(fm.Col, fm.Row))
		if err != nil || !grid.SameFormula(got, fm.Text) {
			what := "was removed"
			if got != "" {
				what = "was changed to " + quoteN("="+got, 200)
			}
			rd.problem(fm.Sheet, fm.Col, fm.Row, ChangedFormula, "the formula %s; the workbook's own figures cannot be relied on (it should be %s)", what, quoteN("="+fm.Text, 1000))
		}
	}
}

// cached compares what the Summary last showed, where a spreadsheet program
// saved its results, with the result worked out here. A difference means the
// workbook was saved without recalculating or its formulas were altered.
func (rd *reader) cached(res *Result) {
	for b, bd := range res.Bidders {
		r := grid.SumRow(b)
		wantScore, wantRank := strconv.FormatFloat(bd.Score, 'f', -1, 64), ""
		if bd.Status == Incomplete {
			wantScore = grid.Incomplete
		}
		switch {
		case !res.RanksFinal:
			wantRank = grid.Incomplete
		case bd.Rank > 0:
			wantRank = strconv.Itoa(bd.Rank)
		}
		for _, chk := range []struct {
			col  int
			want string
		}{
			{grid.SumScore, wantScore},
			{grid.SumStatus, statusLabel(bd.Status)},
			{grid.SumRank, wantRank},
		} {
			if rd.get(grid.Summary, chk.col, r).kind != formula {
				continue // the formula check reports a formula that is gone
			}
			shown := rd.str(grid.Summary, chk.col, r)
			if shown == "" || agrees(shown, chk.want) {
				continue
			}
			want := chk.want
			if want == "" {
				want = "nothing"
			} else {
				want = quote(want)
			}
			rd.problem(grid.Summary, chk.col, r, Disagrees, "the workbook shows %s where the scores give %s: it was saved without recalculating, or its formulas were changed", quote(shown), want)
		}
	}
}

func agrees(shown, want string) bool {
	if strings.EqualFold(shown, want) {
		return true
	}
	a, err1 := strconv.ParseFloat(shown, 64)
	b, err2 := strconv.ParseFloat(want, 64)
	return err1 == nil && err2 == nil && math.Abs(a-b) < 5e-5
}

// statusLabel is the word the Summary sheet shows for a status.
func statusLabel(s Status) string {
	switch s {
	case Pass:
		return grid.Pass
	case Fail:
		return grid.Fail
	}
	return grid.Incomplete
}

// sortProblems puts problems in workbook order: sheet by sheet as the tabs
// run, then row by row, column by column.
func (rd *reader) sortProblems() {
	order := map[string]int{}
	for i, s := range rd.sheets() {
		order[s] = i
	}
	slices.SortStableFunc(rd.problems, func(a, b Problem) int {
		switch {
		case order[a.Sheet] != order[b.Sheet]:
			return order[a.Sheet] - order[b.Sheet]
		case a.Row != b.Row:
			return a.Row - b.Row
		case a.Col != b.Col:
			return a.Col - b.Col
		}
		return strings.Compare(a.Msg, b.Msg)
	})
}
