package xlsx

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"github.com/goldenthread/goldenthread/internal/assemble"
	"github.com/goldenthread/goldenthread/internal/grid"
	"github.com/goldenthread/goldenthread/internal/library"
)

// question is a pack question with what the grid needs resolved.
type question struct {
	*assemble.Question
	scale *library.Scale // nil for information questions
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

// newPlan checks p and works out the grid: sheet names, normalised weights
// and moderation flags.
func newPlan(p *assemble.Pack) (*plan, error) {
	if p == nil {
		return nil, errors.New("grid: no pack")
	}
	s := &p.Scoring
	pl := &plan{meta: &grid.Meta{
		Tool:      clean(p.Version),
		Title:     clean(p.Procurement.Title),
		Reference: clean(p.Procurement.Reference),
		Employer:  clean(p.Employer.Name),
		Language:  clean(p.Document.Language),
	}}
	if !p.Document.Date.IsZero() {
		pl.meta.Date = p.Document.Date.Format("2006-01-02")
	}

	switch n := len(s.Panel); {
	case n == 0:
		return nil, errors.New("grid: the scoring panel is empty; name the evaluators in [scoring] panel")
	case n > grid.MaxPanel:
		return nil, fmt.Errorf("grid: the scoring panel has %d members; a grid takes at most %d", n, grid.MaxPanel)
	}
	switch n := len(s.Bidders); {
	case n == 0:
		return nil, errors.New("grid: there are no bidders; name them in [scoring] bidders")
	case n > grid.MaxBidders:
		return nil, fmt.Errorf("grid: there are %d bidders; a grid takes at most %d", n, grid.MaxBidders)
	}
	for i, n := range s.Panel {
		pl.panel = append(pl.panel, clean(n))
		if pl.panel[i] == "" {
			return nil, fmt.Errorf("grid: panel member %d has no name", i+1)
		}
	}
	for i, n := range s.Bidders {
		n = clean(n)
		if n == "" {
			return nil, fmt.Errorf("grid: bidder %d has no name", i+1)
		}
		for _, prev := range pl.bidders {
			if strings.EqualFold(prev, n) {
				return nil, fmt.Errorf("grid: bidder %q is named twice; give each bidder a distinct name", n)
			}
		}
		pl.bidders = append(pl.bidders, n)
	}
	sheets := grid.SheetNames(pl.panel)
	for i, n := range pl.panel {
		pl.meta.Panel = append(pl.meta.Panel, grid.Evaluator{Sheet: sheets[i], Name: n})
	}
	pl.meta.Bidders = pl.bidders

	switch n := len(p.Questions); {
	case n == 0:
		return nil, errors.New("grid: the pack has no evaluation questions; select clauses with questions")
	case n > grid.MaxQuestions:
		return nil, fmt.Errorf("grid: the pack has %d questions; a grid takes at most %d", n, grid.MaxQuestions)
	}
	flagShare, err := flagShare(s)
	if err != nil {
		return nil, err
	}
	var total float64
	scored := 0
	for i, q := range p.Questions {
		if q == nil {
			return nil, fmt.Errorf("grid: question %d is missing", i+1)
		}
		ref := clean(q.Ref)
		if ref == "" {
			ref = "Q" + strconv.Itoa(i+1)
		}
		name := fmt.Sprintf("grid: question %s (%s)", ref, q.AskID)
		mq := grid.Question{Ref: ref, Kind: q.Kind}
		var scale *library.Scale
		switch q.Kind {
		case grid.Scored:
			scale = q.Scale
			if scale == nil || scale.PassFail {
				scale = s.Scale
			}
			if scale == nil || scale.PassFail {
				return nil, fmt.Errorf("%s is scored but has no scoring scale", name)
			}
			mq.Scale = scale.ID
			mq.Points = points(scale)
			if len(mq.Points) < 2 || mq.Points[len(mq.Points)-1] <= 0 {
				return nil, fmt.Errorf("%s: scale %q needs at least two points, the highest above 0", name, scale.ID)
			}
			if q.Weight < 0 || math.IsNaN(q.Weight) || math.IsInf(q.Weight, 0) {
				return nil, fmt.Errorf("%s: weight %v is not a number of 0 or more", name, q.Weight)
			}
			if q.PassMark != nil {
				pm := *q.PassMark
				if math.IsNaN(pm) || pm < mq.Points[0] || pm > mq.Points[len(mq.Points)-1] {
					return nil, fmt.Errorf("%s: pass mark %v is outside the %s scale", name, pm, scale.ID)
				}
				mq.PassMark, mq.HasPassMark = pm, true
			}
			mq.Flag = flagFor(mq.Points, flagShare)
			mq.Weight = q.Weight
			total += q.Weight
			scored++
		case grid.PassFail:
			scale = passFailScale(q.Scale)
			mq.Scale = scale.ID
			mq.Flag = 1
		case grid.Information:
			mq.Flag = 1
		default:
			return nil, fmt.Errorf("%s: unknown question kind %q", name, q.Kind)
		}
		pl.meta.Questions = append(pl.meta.Questions, mq)
		pl.questions = append(pl.questions, question{Question: q, scale: scale})
	}
	if len(pl.meta.Moderated()) == 0 {
		return nil, errors.New("grid: no question is scored or pass/fail, so there is nothing to evaluate")
	}
	// Weights add up to 100 within the grid; with none given, questions
	// weigh the same.
	for i := range pl.meta.Questions {
		mq := &pl.meta.Questions[i]
		if mq.Kind != grid.Scored {
			continue
		}
		if total > 0 {
			mq.Weight = mq.Weight * 100 / total
		} else {
			mq.Weight = 100 / float64(scored)
		}
	}
	for i := range pl.questions {
		pl.questions[i].meta = &pl.meta.Questions[i]
	}
	return pl, nil
}

// points returns the distinct values of a scale, ascending.
func points(s *library.Scale) []float64 {
	var out []float64
	for _, p := range s.Points {
		if !math.IsNaN(p.Value) && !math.IsInf(p.Value, 0) {
			out = append(out, p.Value)
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// flagShare returns the spread flag as a share of a scale's range: the
// profile sets it in points of the panel's default scale (2 on 0–4 unless
// set), and each question's flag is the same share of its own scale.
func flagShare(s *assemble.Scoring) (float64, error) {
	flag := s.SpreadFlag
	if flag == 0 {
		flag = 2
	}
	base := 4.0
	if s.Scale != nil && !s.Scale.PassFail {
		if pts := points(s.Scale); len(pts) >= 2 {
			base = pts[len(pts)-1] - pts[0]
		}
	}
	if flag < 0 || math.IsNaN(flag) || math.IsInf(flag, 0) || flag > base {
		return 0, fmt.Errorf("grid: spread flag %v is not between 0 and the scale's range %v", s.SpreadFlag, base)
	}
	return flag / base, nil
}

// flagFor returns the smallest spread the scale can show that reaches share
// of its range: 2 points on 0–4, 3 on 0–5, 5 on 0–10, 50 on 0–100.
func flagFor(pts []float64, share float64) float64 {
	want := share * (pts[len(pts)-1] - pts[0])
	best := math.Inf(1)
	for _, a := range pts {
		for _, b := range pts {
			if d := b - a; d > 0 && d >= want-1e-9 && d < best {
				best = d
			}
		}
	}
	return best
}

// passFailScale returns the scale whose descriptors explain Pass and Fail.
func passFailScale(s *library.Scale) *library.Scale {
	if s != nil && s.PassFail {
		return s
	}
	return &library.Scale{ID: "pass-fail", PassFail: true}
}
