package xlsx

import (
	"errors"
	"fmt"
	"strings"
	"unicode"

	"github.com/goldenthread/goldenthread/internal/grid"
	"github.com/goldenthread/goldenthread/internal/model"
)

// question is a pack question with what the grid needs resolved.
type question struct {
	*model.Question
	scale *model.Scale // nil for information questions
	meta  *grid.Question
}

// plan is a grid worked out from a pack before anything is written.
type plan struct {
	meta      *grid.Meta
	questions []question
	panel     []string // cleaned names
	bidders   []string
}

// clean makes a name or short value safe for a cell and for the grid's
// record: control characters go, and runs of white space become one space,
// so that no spreadsheet program's re-saving changes it.
func clean(s string) string {
	s = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) {
			return ' '
		}
		return r
	}, s)
	return strings.Join(strings.Fields(s), " ")
}

// cleanText keeps the line breaks of longer text but drops other control
// characters, which XML cannot carry.
func cleanText(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	return strings.Map(func(r rune) rune {
		if r == '\n' {
			return r
		}
		if unicode.IsControl(r) {
			return ' '
		}
		return r
	}, strings.TrimSpace(s))
}

// newPlan lays the resolved pack out as a grid: sheet names, and the
// grid's record of every question. Scoring comes resolved in the Pack
// (scales, shares of 100, flags); what is checked here is only what a
// workbook can hold.
func newPlan(p *model.Pack) (*plan, error) {
	s := &p.Scoring
	pl := &plan{meta: &grid.Meta{
		Tool:      clean(p.Version),
		Title:     clean(p.Procurement.Title),
		Reference: clean(p.Procurement.Reference),
		Employer:  clean(p.Employer.Name),
		Language:  clean(p.Document.Language),
	}}
	if v := p.Scoring.SocialValue; v > 0 && v <= 100 {
		pl.meta.SocialValue = v
	}
	if !p.Document.Date.IsZero() {
		pl.meta.Date = p.Document.Date.Format("2006-01-02")
	}
	switch {
	case len(s.Panel) == 0 || len(s.Panel) > grid.MaxPanel:
		return nil, fmt.Errorf("grid: a grid takes 1 to %d panel members, not %d", grid.MaxPanel, len(s.Panel))
	case len(s.Bidders) == 0 || len(s.Bidders) > grid.MaxBidders:
		return nil, fmt.Errorf("grid: a grid takes 1 to %d bidders, not %d", grid.MaxBidders, len(s.Bidders))
	case len(p.Questions) == 0 || len(p.Questions) > grid.MaxQuestions:
		return nil, fmt.Errorf("grid: a grid takes 1 to %d questions, not %d", grid.MaxQuestions, len(p.Questions))
	}
	for _, n := range s.Panel {
		pl.panel = append(pl.panel, clean(n))
	}
	for _, n := range s.Bidders {
		pl.bidders = append(pl.bidders, clean(n))
	}
	sheets := grid.SheetNames(pl.panel)
	for i, n := range pl.panel {
		pl.meta.Panel = append(pl.meta.Panel, grid.Evaluator{Sheet: sheets[i], Name: n})
	}
	pl.meta.Bidders = pl.bidders

	for _, q := range p.Questions {
		mq := grid.Question{Ref: clean(q.Ref), Kind: q.Kind, Flag: q.Flag, Stage: grid.StageAward}
		if q.Stage == model.Selection {
			mq.Stage = grid.StageSelection
		}
		if q.Scale != nil {
			mq.Scale = q.Scale.ID
		}
		if q.Kind == model.Scored {
			mq.Points = q.Scale.Values()
			mq.Weight = q.Share
			if q.PassMark != nil {
				mq.PassMark, mq.HasPassMark = *q.PassMark, true
			}
		}
		pl.meta.Questions = append(pl.meta.Questions, mq)
		pl.questions = append(pl.questions, question{Question: q, scale: q.Scale})
	}
	if len(pl.meta.Moderated()) == 0 {
		return nil, errors.New("grid: no question is scored or pass/fail, so there is nothing to evaluate")
	}
	for i := range pl.questions {
		pl.questions[i].meta = &pl.meta.Questions[i]
	}
	return pl, nil
}
