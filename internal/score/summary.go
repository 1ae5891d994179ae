package score

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/goldenthread/goldenthread/internal/grid"
	"github.com/goldenthread/goldenthread/internal/model"
)

// Summary is the draft of one bidder's assessment summary: how the panel
// assessed the bid, question by question, beside the winning bid. It is a
// draft for the procurement lead, who turns it into the letter the
// procurement rules require; goldenthread does not know which rules the
// procurement runs under, so the draft names none.
type Summary struct {
	Bidder Bidder
	*Report
}

// Summaries drafts an assessment summary for every bidder, in bidder
// order, once moderation is complete: every consensus score and reason is
// recorded, ranks are final and the grid has no problem left to put right
// (a declared interest with no decision, a changed formula) that could
// still change the result. Before then it returns nil.
// Its wording comes from w, the "report.summary." keys of
// templates/LANG/report.toml.
func (r *Result) Summaries(w model.Words) []Summary {
	if !r.Complete() || !r.RanksFinal {
		return nil
	}
	// The winning bid is the first in the ranking; bidders tied with it
	// are named as tying.
	winner := -1
	var tied []int
	for _, b := range r.Ranking {
		if b.Rank != 1 {
			continue
		}
		if winner < 0 {
			winner = b.No - 1
		}
		tied = append(tied, b.No-1)
	}
	out := make([]Summary, 0, len(r.Bidders))
	for b := range r.Bidders {
		out = append(out, Summary{Bidder: r.Bidders[b], Report: r.summary(w, b, winner, tied)})
	}
	return out
}

// summary lays out bidder b's draft; winner is the index of the winning
// bidder, or -1 when no bid passed, and tied holds every bidder at rank 1,
// in the ranking's order.
func (r *Result) summary(w model.Words, b, winner int, tied []int) *Report {
	s := func(k string) string { return w.Get("report.summary." + k) }
	bd := r.Bidders[b]
	rep := &Report{
		Title:  fmt.Sprintf(s("title"), bd.Name),
		Banner: s("draft"),
	}
	proc := r.Title
	if proc == "" {
		proc = s("untitled")
	}
	if r.Reference != "" {
		proc = fmt.Sprintf(s("with_reference"), proc, r.Reference)
	}
	rep.Subtitle = append(rep.Subtitle, fmt.Sprintf(s("procurement"), proc))
	if r.Employer != "" {
		rep.Subtitle = append(rep.Subtitle, fmt.Sprintf(s("employer"), r.Employer))
	}
	rep.Subtitle = append(rep.Subtitle, fmt.Sprintf(s("bidder"), bd.Name, bd.No, len(r.Bidders)))
	tool := r.Tool
	if tool == "" {
		tool = w.Get("report.unknown_version")
	}
	rep.Subtitle = append(rep.Subtitle, fmt.Sprintf(s("made_by"), tool))

	intro := Section{Heading: s("purpose_heading"), Text: w.List("report.summary.purpose")}
	rep.Sections = append(rep.Sections, intro)

	// Whom this bid is compared with, and how it stands against them.
	compare := winner >= 0 && winner != b
	var against string
	switch {
	case winner < 0:
		against = s("no_winner")
	case winner == b && len(tied) > 1:
		against = fmt.Sprintf(s("winning_tied"), r.names(tied, b))
	case winner == b:
		against = s("winning")
	case bd.Rank == 1:
		against = fmt.Sprintf(s("ties_with"), r.Bidders[winner].Name)
	case len(tied) > 1:
		against = fmt.Sprintf(s("compared_tied"), r.names(tied, -1), r.Bidders[winner].Name)
	default:
		against = fmt.Sprintf(s("compared"), r.Bidders[winner].Name)
	}
	qs := Section{Heading: s("questions_heading"), Text: []string{against, s("questions_intro")}}
	header := w.List("report.summary.headers")
	if compare {
		header = append(header, w.List("report.summary.winner_headers")...)
	}
	qs.Table = &Table{Header: header}
	for qi, q := range r.Questions {
		if q.Kind == grid.Information {
			continue
		}
		name := q.Ref
		if q.Title != "" {
			name = fmt.Sprintf(s("question"), q.Ref, q.Title)
		}
		weight := s("pass_or_fail")
		if q.Kind == grid.Scored {
			weight = fmtNum(q.Weight, 2)
			if q.PassMark != nil {
				weight = fmt.Sprintf(s("pass_mark"), weight, fmtNum(*q.PassMark, 2))
			}
		}
		row := []string{name, weight}
		row = append(row, r.assessed(w, qi, b)...)
		if compare {
			row = append(row, r.assessed(w, qi, winner)...)
		}
		qs.Table.Rows = append(qs.Table.Rows, row)
	}
	rep.Sections = append(rep.Sections, qs)

	totals := Section{Heading: s("totals_heading"), Text: []string{w.Get("report.how_worked_out")}}
	totals.Table = &Table{Header: w.List("report.summary.totals_headers")}
	totals.Table.Rows = append(totals.Table.Rows, r.total(w, s("this_bid"), b))
	if compare {
		totals.Table.Rows = append(totals.Table.Rows, r.total(w, fmt.Sprintf(s("winning_bid"), r.Bidders[winner].Name), winner))
	}
	rep.Sections = append(rep.Sections, totals)
	return rep
}

// assessed returns bidder b's consensus score on question qi, with the
// scale's maximum and marked when below the pass mark (a Fail says so
// itself), and the panel's reason.
func (r *Result) assessed(w model.Words, qi, b int) []string {
	for _, it := range r.Items {
		if it.Question != qi || it.Bidder != b {
			continue
		}
		q := r.Questions[qi]
		score := it.Consensus.Entered
		if q.Kind == grid.Scored {
			score = fmt.Sprintf(w.Get("report.summary.out_of"), fmtNum(it.Consensus.Value, 2), fmtNum(q.Max, 2))
		}
		if it.Failed && q.Kind == grid.Scored {
			score = fmt.Sprintf(w.Get("report.fails"), score)
		}
		return []string{score, it.Reason}
	}
	return []string{"–", "–"}
}

// total returns a row of the totals table: who, the weighted quality
// score and the rank.
func (r *Result) total(w model.Words, who string, b int) []string {
	bd := r.Bidders[b]
	rank := strconv.Itoa(bd.Rank)
	switch {
	case bd.Status == Fail:
		rank = fmt.Sprintf(w.Get("report.summary.not_ranked"), strings.Join(bd.Failed, ", "))
	case bd.Tied:
		rank += "="
	}
	return []string{who, fmtNum(bd.Score, 2), rank}
}

// names lists the names of bidders bs, leaving out bidder except.
func (r *Result) names(bs []int, except int) string {
	var out []string
	for _, b := range bs {
		if b != except {
			out = append(out, r.Bidders[b].Name)
		}
	}
	return strings.Join(out, ", ")
}
