// Package gridtest builds evaluation-grid fixtures by hand for the tests of
// packages xlsx and score, and fills grids in as evaluators would. It is
// imported only by tests.
package gridtest

import (
	"bytes"
	"fmt"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/goldenthread/goldenthread/internal/assemble"
	"github.com/goldenthread/goldenthread/internal/grid"
	"github.com/goldenthread/goldenthread/internal/gtest"
	"github.com/goldenthread/goldenthread/internal/model"
)

// Scales, as templates/scales.toml defines them (descriptors shortened
// where the tests do not depend on them).
var (
	Scale04 = &model.Scale{ID: "0-4", Title: "0 to 4", Description: "Five bands.", Points: []model.Point{
		{Value: 0, Label: "Unacceptable", Descriptor: "No answer, or an answer that does not address the question or gives no confidence the requirement will be met."},
		{Value: 1, Label: "Poor", Descriptor: "Partly relevant; little detail or evidence; significant doubts that the requirement will be met."},
		{Value: 2, Label: "Acceptable", Descriptor: "Addresses the question with some detail and evidence; meets the requirement with minor doubts."},
		{Value: 3, Label: "Good", Descriptor: "Sufficient detail and evidence; specific commitments the panel is confident will be delivered."},
		{Value: 4, Label: "Excellent", Descriptor: "Comprehensive, specific and unambiguous; measurable commitments backed by evidence of past delivery."},
	}}
	Scale05 = &model.Scale{ID: "0-5", Title: "0 to 5", Points: []model.Point{
		{Value: 0, Label: "Unacceptable", Descriptor: "No answer."},
		{Value: 1, Label: "Very poor", Descriptor: "Barely addresses the question."},
		{Value: 2, Label: "Poor", Descriptor: "Partly addresses the question."},
		{Value: 3, Label: "Acceptable", Descriptor: "Meets the requirement."},
		{Value: 4, Label: "Good", Descriptor: "Full answer with good detail."},
		{Value: 5, Label: "Excellent", Descriptor: "Comprehensive and specific."},
	}}
	Scale010 = &model.Scale{ID: "0-10", Title: "0 to 10", Points: []model.Point{
		{Value: 0, Label: "Unacceptable", Descriptor: "No answer, or an answer that does not address the question."},
		{Value: 1, Label: "Very poor (low)", Descriptor: "Barely addresses the question; no evidence."},
		{Value: 2, Label: "Very poor (high)", Descriptor: "Barely addresses the question; little evidence."},
		{Value: 3, Label: "Poor (low)", Descriptor: "Partly addresses the question; limited detail; significant doubts."},
		{Value: 4, Label: "Poor (high)", Descriptor: "Partly addresses the question; some detail; doubts remain."},
		{Value: 5, Label: "Acceptable (low)", Descriptor: "Meets the requirement with adequate detail; minor doubts."},
		{Value: 6, Label: "Acceptable (high)", Descriptor: "Meets the requirement with adequate detail and some evidence."},
		{Value: 7, Label: "Good (low)", Descriptor: "Full answer with good detail and evidence."},
		{Value: 8, Label: "Good (high)", Descriptor: "Full answer with good detail, evidence and specific commitments."},
		{Value: 9, Label: "Excellent (low)", Descriptor: "Comprehensive, specific, measurable commitments backed by evidence."},
		{Value: 10, Label: "Excellent (high)", Descriptor: "Comprehensive, specific, measurable commitments backed by evidence of past delivery; adds value beyond the requirement."},
	}}
	Scale0100 = &model.Scale{ID: "0-100", Title: "0 to 100 in steps of 25", Points: []model.Point{
		{Value: 0, Label: "Unacceptable", Descriptor: "No answer."},
		{Value: 25, Label: "Poor", Descriptor: "Partly relevant."},
		{Value: 50, Label: "Acceptable", Descriptor: "Some detail and evidence."},
		{Value: 75, Label: "Good", Descriptor: "Sufficient detail and evidence."},
		{Value: 100, Label: "Excellent", Descriptor: "Comprehensive and specific."},
	}}
	ScalePassFail = &model.Scale{ID: "pass-fail", Title: "Pass or fail", PassFail: true, Points: []model.Point{
		{Value: 1, Label: "Pass", Descriptor: "The answer meets the published minimum standard."},
		{Value: 0, Label: "Fail", Descriptor: "No answer, or an answer that does not meet the published minimum standard."},
	}}
)

// Date is the document date of every fixture.
var Date = time.Date(2027, 1, 15, 0, 0, 0, 0, time.UTC)

func mark(v float64) *float64 { return &v }

// pack returns a pack with the given panel, bidders and questions and the
// rest filled in as a real profile would.
func pack(panel, bidders []string, qs []*model.Question) *model.Pack {
	for i, q := range qs {
		q.Ref = fmt.Sprintf("Q%d", i+1)
	}
	p := &model.Pack{
		Version:     "0.3.0-test",
		Words:       gtest.Words(),
		Document:    model.Document{Title: "Fair work and equality: evaluation", Date: Date, Language: "en"},
		Employer:    model.Employer{Name: "Midshire County Council", Kind: "local-authority", Nation: "wales"},
		Procurement: model.Procurement{Title: "Highways maintenance framework 2027–2031", Reference: "MCC-HW-2027", Category: "works", Regime: "procurement-act-2023", Stage: model.Selection},
		PreparedBy:  model.PreparedBy{Organisation: "Midshire County branch"},
		Terms: model.Terms{
			RegimeName:     "Procurement Act 2023",
			SelectionStage: "conditions of participation",
			AwardBasis:     "most advantageous tender (MAT)",
			StageTitles:    map[model.Stage]string{model.Selection: "Selection", model.Award: "Evaluation and award"},
		},
		Questions: qs,
		Scoring: model.Scoring{
			Scale: Scale04, SpreadFlag: 2, SocialValueShare: "20%",
			Panel: panel, Bidders: bidders,
		},
	}
	assemble.ResolveScoring(p)
	return p
}

func scored(id string, scale *model.Scale, weight float64, pass *float64) *model.Question {
	return &model.Question{
		AskID: id, AskTitle: "Title of " + id, Title: "Question on " + id, Stage: model.Award, Kind: grid.Scored,
		Text:     "Describe how you will meet requirement " + id + " on this contract.",
		Guidance: "A strong answer gives specific, measurable commitments and evidence of past delivery.",
		Scale:    scale, Weight: weight, PassMark: pass,
	}
}

func passFail(id string) *model.Question {
	return &model.Question{
		AskID: id, AskTitle: "Title of " + id, Title: "Standard " + id, Stage: model.Selection, Kind: grid.PassFail,
		Text: "Confirm that you meet minimum standard " + id + ".", Guidance: "Confirmation with evidence.",
		Scale: ScalePassFail,
	}
}

func information(id string) *model.Question {
	return &model.Question{
		AskID: id, AskTitle: "Title of " + id, Title: "About " + id, Stage: model.Selection, Kind: grid.Information,
		Text: "Tell us about " + id + ".", Guidance: "For information only.",
	}
}

// HyperlinkBidder is a bidder name that would be a formula if a grid ever
// stored it as one.
const HyperlinkBidder = `=HYPERLINK("http://evil.example","Click")`

// Small is four questions (scored 0–4 with weight 30 and pass mark 2,
// scored 0–10 with weight 20, pass/fail, information), three evaluators and
// three bidders. Weights normalise to 60 and 40.
func Small() *model.Pack {
	return pack(
		[]string{"Siân Ŵyn", "O'Brien", "Procurement lead"},
		[]string{"Acme Care Ltd", HyperlinkBidder, "Ŵyn & Daughters"},
		[]*model.Question{
			scored("living-wage.all-workers", Scale04, 30, mark(2)),
			scored("pay-gaps.reporting", Scale010, 20, nil),
			passFail("blacklisting.declaration"),
			information("union-access.recognition"),
		})
}

// LargeBidders names the bidders of Large.
var LargeBidders = []string{"Bidder A", "Bidder B", "Bidder C", "Bidder D", "Bidder E", "Bidder F", "Bidder G", "Bidder H"}

// Large is 40 questions, 6 evaluators and 8 bidders. Question i (0-based)
// is pass/fail when i%10 == 4, information when i%10 == 9, and otherwise
// scored on 0–4 (even i) or 0–100 (odd i) with weight 5, 10, 15 or 20 (by
// i%4) and a pass mark of 2 when i%8 == 0.
func Large() *model.Pack {
	var qs []*model.Question
	for i := range 40 {
		id := fmt.Sprintf("theme-%d.clause-%d", i/5, i)
		switch {
		case i%10 == 4:
			qs = append(qs, passFail(id))
		case i%10 == 9:
			qs = append(qs, information(id))
		default:
			scale := Scale04
			if i%2 == 1 {
				scale = Scale0100
			}
			var pm *float64
			if i%8 == 0 {
				pm = mark(2)
			}
			qs = append(qs, scored(id, scale, float64(5+5*(i%4)), pm))
		}
	}
	return pack(
		[]string{"Siân Ŵyn", "O'Brien", "Procurement lead", "Service manager", "Équipe RH", "Dafydd ap Gwilym"},
		LargeBidders, qs)
}

// Panel9x12 is Large with 9 evaluators and 12 bidders: the size of panel
// and field that score must read in under 200 ms.
func Panel9x12() *model.Pack {
	p := Large()
	p.Scoring.Panel, p.Scoring.Bidders = nil, nil
	for i := range 12 {
		if i < 9 {
			p.Scoring.Panel = append(p.Scoring.Panel, fmt.Sprintf("Evaluator %d", i+1))
		}
		p.Scoring.Bidders = append(p.Scoring.Bidders, fmt.Sprintf("Bidder %d", i+1))
	}
	return p
}

// Hostile names every panel member and bidder in a way that could break a
// sheet name, a formula or a message.
func Hostile() *model.Pack {
	p := Small()
	p.Scoring.Panel = []string{
		"Siân Ŵyn", "O'Brien", "=cmd|' /C calc'!A0", "Guide", "guide", "summary",
		"A very long evaluator name that runs past thirty-one characters",
		"A very long evaluator name that runs past thirty-one characters",
		"Ann: B/C? *[x]", "'quoted'", "+44 Ltd", "@admin",
	}
	p.Scoring.Bidders = []string{HyperlinkBidder, "+44 Ltd", "-1 Minus", "@SUM(A1)", "Ŵyn & Sons <b>", "O'Neill | Co"}
	q := p.Questions[0]
	q.Text, q.AskTitle, q.Title, q.Guidance = "=SUM(1,2)", "-1 ask", "-1 title", "+44 guidance"
	return p
}

// Wide is 12 evaluators and 12 bidders on ten questions.
func Wide() *model.Pack {
	var qs []*model.Question
	for i := range 10 {
		id := fmt.Sprintf("wide.clause-%d", i)
		switch i {
		case 3:
			qs = append(qs, passFail(id))
		case 7:
			qs = append(qs, information(id))
		default:
			qs = append(qs, scored(id, []*model.Scale{Scale04, Scale05, Scale010}[i%3], 10, nil))
		}
	}
	var panel, bidders []string
	for i := range 12 {
		panel = append(panel, fmt.Sprintf("Evaluator %02d", i+1))
		bidders = append(bidders, fmt.Sprintf("Bidder %02d", i+1))
	}
	panel[0], panel[1], panel[2] = "Siân Ŵyn", "O'Brien", "Ŵyn"
	return pack(panel, bidders, qs)
}

// Workbook is a grid opened for filling in, with the layout it records.
type Workbook struct {
	F    *excelize.File
	Meta *grid.Meta
}

// Open opens a generated grid.
func Open(b []byte) (*Workbook, error) {
	f, err := excelize.OpenReader(bytes.NewReader(b))
	if err != nil {
		return nil, err
	}
	rows, err := f.GetRows(grid.MetaSheet)
	if err != nil {
		return nil, err
	}
	m, err := grid.Decode(rows)
	if err != nil {
		return nil, err
	}
	return &Workbook{f, m}, nil
}

// Set stores v (a number, a string, or nil for empty) in a cell.
func (w *Workbook) Set(sheet string, col, row int, v any) error {
	cell := grid.Cell(col, row)
	switch v := v.(type) {
	case nil:
		return w.F.SetCellValue(sheet, cell, nil)
	case string:
		return w.F.SetCellStr(sheet, cell, v)
	case float64:
		return w.F.SetCellFloat(sheet, cell, v, -1, 64)
	case int:
		return w.F.SetCellInt(sheet, cell, int64(v))
	}
	return fmt.Errorf("gridtest: cannot store %T", v)
}

// Score enters evaluator e's score for question q (0-based, in the order of
// the Questions sheet) and bidder b, with a comment.
func (w *Workbook) Score(e, q, b int, v any) error {
	sh := w.Meta.Panel[e].Sheet
	if err := w.Set(sh, grid.EvalScoreCol(b), w.Meta.EvalRow(q), v); err != nil {
		return err
	}
	return w.Set(sh, grid.EvalCommentCol(b), w.Meta.EvalRow(q), fmt.Sprintf("Reason for %v", v))
}

// Consensus enters the agreed score and reason for question q and bidder b.
func (w *Workbook) Consensus(q, b int, v any, reason string) error {
	mq := -1
	for i, qi := range w.Meta.Moderated() {
		if qi == q {
			mq = i
		}
	}
	if mq < 0 {
		return fmt.Errorf("gridtest: question %d is not moderated", q)
	}
	c, r := w.Meta.ModCols(), w.Meta.ModRow(mq, b)
	if err := w.Set(grid.Moderation, c.Consensus, r, v); err != nil {
		return err
	}
	var rv any
	if reason != "" {
		rv = reason
	}
	return w.Set(grid.Moderation, c.Reason, r, rv)
}

// Declare fills in every evaluator's conflict-of-interest declaration: no
// conflict, signed and dated.
func (w *Workbook) Declare() error {
	for e := range w.Meta.Panel {
		if err := w.DeclareAs(e, grid.NoConflict, ""); err != nil {
			return err
		}
	}
	return nil
}

// DeclareAs fills in evaluator e's declaration with text, signed and dated,
// and the procurement lead's decision beside it (nothing when decision is
// "").
func (w *Workbook) DeclareAs(e int, text, decision string) error {
	r := w.Meta.DeclRowOf(e)
	var dv any
	if decision != "" {
		dv = decision
	}
	for _, c := range []struct {
		col int
		v   any
	}{
		{grid.DeclText, text},
		{grid.DeclSigned, w.Meta.Panel[e].Name},
		{grid.DeclDate, "20/01/2027"},
		{grid.DeclDecision, dv},
	} {
		if err := w.Set(grid.Guide, c.col, r, c.v); err != nil {
			return err
		}
	}
	return nil
}

// Bytes saves the workbook.
func (w *Workbook) Bytes() ([]byte, error) {
	var buf bytes.Buffer
	err := w.F.Write(&buf)
	return buf.Bytes(), err
}

// Fill fills in a whole grid: every evaluator scores every moderated
// question as score says, the panel agrees consensus as it says with a
// reason, and everyone declares. score and consensus return nil to leave a
// cell empty.
func (w *Workbook) Fill(score func(e, q, b int) any, consensus func(q, b int) any) error {
	if err := w.Declare(); err != nil {
		return err
	}
	for _, q := range w.Meta.Moderated() {
		for b := range w.Meta.Bidders {
			for e := range w.Meta.Panel {
				if v := score(e, q, b); v != nil {
					if err := w.Score(e, q, b, v); err != nil {
						return err
					}
				}
			}
			if v := consensus(q, b); v != nil {
				if err := w.Consensus(q, b, v, fmt.Sprintf("Panel agreed %v for %s", v, w.Meta.Questions[q].Ref)); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

// FillSpread fills in a whole grid with bidder b given (b%5)/4 of the
// maximum on every scored question and a Pass on every pass/fail one, by
// every evaluator and the panel.
func (w *Workbook) FillSpread() error {
	consensus := func(q, b int) any {
		mq := w.Meta.Questions[q]
		if mq.Kind == grid.PassFail {
			return "Pass"
		}
		return float64(b%5) / 4 * mq.Max()
	}
	return w.Fill(func(_, q, b int) any { return consensus(q, b) }, consensus)
}
