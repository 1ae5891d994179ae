package xlsx

import (
	"cmp"
	"fmt"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/goldenthread/goldenthread/internal/grid"
	"github.com/goldenthread/goldenthread/internal/model"
)

// guideCols are the Guide's column widths; long text spans all of them.
// The last is wide enough for the procurement lead's decision on a declared
// interest.
var guideCols = []float64{26, 60, 24, 12, 36}

func (g *writer) guide() {
	const sh = grid.Guide
	t := g.t
	last := len(guideCols)
	var span float64
	for _, w := range guideCols {
		span += w
	}
	g.widths(sh, guideCols...)
	row := 1
	title := t.GuideTitle
	if r := g.p.Scoring.Round; r != "" {
		title += " (" + cmp.Or(clean(g.p.Terms.StageTitles[r]), string(r)) + ")"
	}
	if g.m.Title != "" {
		title += ": " + g.m.Title
	}
	if e, ok := g.m.Return(); ok {
		title += fmt.Sprintf(t.ReturnTitle, g.m.Panel[e].Name)
	}
	// The grid is the employer's record of the evaluation: it is titled with
	// the procurement and the employer, not the union's paper.
	g.str(sh, 1, row, title, g.s.title)
	row++
	if g.m.Employer != "" {
		g.str(sh, 1, row, g.m.Employer, g.s.strong)
		row++
	}
	row++
	date := ""
	if !g.p.Document.Date.IsZero() {
		date = g.p.Document.Date.Format("2 January 2006")
	}
	for _, kv := range [][2]string{
		{t.Employer, g.m.Employer},
		{t.Procurement, g.m.Title},
		{t.Reference, g.m.Reference},
		{t.Regime, clean(g.p.Terms.RegimeName)},
		{t.SelectionStage, clean(g.p.Terms.SelectionStage)},
		{t.AwardBasis, clean(g.p.Terms.AwardBasis)},
		{t.Date, date},
		// The union is named only where it nominates a panel member.
		{t.UnionNominee, g.nominee()},
	} {
		if kv[1] == "" {
			continue
		}
		g.str(sh, 1, row, kv[0], g.s.label)
		g.str(sh, 2, row, kv[1], g.s.wrap)
		g.merge(sh, 2, row, last, row)
		g.fit(sh, row, 1, lines(kv[0], guideCols[0]), lines(kv[1], span-guideCols[0]))
		row++
	}

	para := func(s string, style int) {
		g.str(sh, 1, row, s, style)
		g.merge(sh, 1, row, last, row)
		g.height(sh, row, s, span)
		row++
	}
	heading := func(s string) {
		row++
		g.str(sh, 1, row, s, g.s.heading)
		g.rowHeight(sh, row, 22)
		row++
	}
	header := func(labels ...string) {
		g.headers(sh, 1, row, labels...)
		row++
	}

	heading(t.HowHeading)
	for _, s := range t.How {
		para(s, g.s.wrap)
	}

	heading(t.DeclarationsHeading)
	para(t.DeclarationsIntro, g.s.wrap)
	g.m.DeclRow = row
	header(grid.DeclHeaders...)
	g.fitHeader(sh, g.m.DeclRow, 1, grid.DeclHeaders...)
	own, isReturn := g.m.Return()
	for e, ev := range g.m.Panel {
		r := g.m.DeclRowOf(e)
		g.str(sh, grid.DeclName, r, ev.Name, g.s.text)
		switch {
		case isReturn && e != own:
			// Each panel member declares in their own workbook.
			g.style(sh, grid.DeclText, r, grid.DeclDecision, r, g.s.text)
		case isReturn:
			// The procurement lead decides in the moderation workbook.
			g.style(sh, grid.DeclText, r, grid.DeclDate, r, g.s.input)
			g.style(sh, grid.DeclDecision, r, grid.DeclDecision, r, g.s.text)
		default:
			g.style(sh, grid.DeclText, r, grid.DeclDecision, r, g.s.input)
		}
		g.rowHeight(sh, r, 32)
	}
	row = g.m.DeclRowOf(len(g.m.Panel))
	g.declarations(grid.Cell(grid.DeclText, g.m.DeclRowOf(0)) + ":" + grid.Cell(grid.DeclText, row-1))

	heading(t.ScalesHeading)
	for _, sc := range g.scalesUsed() {
		title := sc.Title
		if sc.Description != "" {
			title += ". " + sc.Description
		}
		if sc.PassFail && sc.Title == "" {
			title = t.PassFailTitle + ". " + t.PassFailDescriptor
		}
		g.str(sh, 1, row, clean(title), g.s.label)
		g.merge(sh, 1, row, last, row)
		row++
		header(t.ScaleHeaders...)
		g.merge(sh, 2, row-1, last, row-1)
		g.style(sh, 2, row-1, last, row-1, g.s.header)
		for _, pt := range scalePoints(sc) {
			g.str(sh, 1, row, pt[0], g.s.text)
			g.str(sh, 2, row, pt[1], g.s.text)
			g.merge(sh, 2, row, last, row)
			g.style(sh, 2, row, last, row, g.s.text)
			g.height(sh, row, pt[1], span-guideCols[0])
			row++
		}
		row++
	}

	heading(t.WeightingHeading)
	para(t.WeightingIntro, g.s.wrap)
	if sv := clean(g.p.Scoring.SocialValueShare); sv != "" {
		para(fmt.Sprintf(t.SocialValue, sv), g.s.label)
	}
	header(t.WeightingHeaders...)
	for _, q := range g.pl.questions {
		if q.Kind == grid.Information {
			continue
		}
		g.str(sh, 1, row, q.meta.Ref, g.s.text)
		g.str(sh, 2, row, g.shortTitle(q), g.s.text)
		g.str(sh, 3, row, g.scaleName(q), g.s.text)
		g.weightCells(sh, row, 4, 5, q)
		g.fit(sh, row, 1, lines(g.shortTitle(q), 60))
		row++
	}
	g.str(sh, 1, row, t.Total, g.s.label)
	g.num(sh, 4, row, 100, g.s.number)
	row++

	heading(t.FlagsHeading)
	para(t.FlagsIntro, g.s.wrap)
	seen := map[string]bool{}
	for _, q := range g.pl.questions {
		var line string
		switch q.Kind {
		case grid.Scored:
			line = fmt.Sprintf(t.FlagLine, g.scaleName(q), model.Num(q.meta.Flag))
		case grid.PassFail:
			line = t.FlagPassFail
		default:
			continue
		}
		if !seen[line] {
			seen[line] = true
			para(line, g.s.wrap)
		}
	}

	g.page(sh, span, "$1:$1", "")
	g.protect(sh)
}

// section writes the heading of a stage's questions across a sheet's row,
// locked: selection (conditions of participation, pass or fail) apart from
// award (scored).
func (g *writer) section(sh string, sec grid.Section, lastCol int) {
	stage := model.Selection
	if sec.Stage == grid.StageAward {
		stage = model.Award
	}
	g.str(sh, 1, sec.Row, cmp.Or(clean(g.p.Terms.StageTitles[stage]), string(stage)), g.s.section)
	g.style(sh, 2, sec.Row, lastCol, sec.Row, g.s.section)
	g.merge(sh, 1, sec.Row, lastCol, sec.Row)
	g.rowHeight(sh, sec.Row, 22)
}

// nominee names the panel member the union nominates, and the union, or
// is "" if the union nominates none.
func (g *writer) nominee() string {
	name := clean(g.p.Scoring.UnionNominee)
	if name == "" {
		return ""
	}
	return fmt.Sprintf(g.t.NomineeLine, name, cmp.Or(clean(g.p.PreparedBy.Organisation), g.t.TheUnion))
}

// declarations offers grid.NoConflict from a drop-down in the declaration
// cells in sqref. The validation has no error alert, so Excel and
// LibreOffice take any other text as well: an evaluator types an interest
// they declare in the same cell.
func (g *writer) declarations(sqref string) {
	if g.err != nil {
		return
	}
	dv := excelize.NewDataValidation(true)
	dv.Sqref = sqref
	g.check(dv.SetDropList([]string{grid.NoConflict}))
	dv.SetInput(limit(g.t.DeclInputTitle, 32), limit(g.t.DeclInput, 255))
	dv.ShowErrorMessage = false
	g.check(g.f.AddDataValidation(grid.Guide, dv))
}

// weightCells writes a question's weight and pass mark.
func (g *writer) weightCells(sh string, row, wcol, pcol int, q question) {
	switch q.Kind {
	case grid.Scored:
		g.num(sh, wcol, row, q.meta.Weight, g.s.number)
		if q.meta.HasPassMark {
			g.num(sh, pcol, row, q.meta.PassMark, g.s.textCenter)
		} else {
			g.style(sh, pcol, row, pcol, row, g.s.text)
		}
	case grid.PassFail:
		g.style(sh, wcol, row, wcol, row, g.s.text)
		g.str(sh, pcol, row, g.t.PassRequired, g.s.textCenter)
	default:
		g.style(sh, wcol, row, pcol, row, g.s.text)
	}
}

// scalesUsed lists each scale the questions use, once, in order of first
// use.
func (g *writer) scalesUsed() []*model.Scale {
	var out []*model.Scale
	seen := map[*model.Scale]bool{}
	for _, q := range g.pl.questions {
		if q.scale != nil && !seen[q.scale] {
			seen[q.scale] = true
			out = append(out, q.scale)
		}
	}
	return out
}

// scalePoints returns a scale's points as label and descriptor cells,
// highest score first for pass/fail (Pass, Fail) and lowest first
// otherwise.
func scalePoints(sc *model.Scale) [][2]string {
	if sc.PassFail && len(sc.Points) == 0 {
		return [][2]string{{grid.Pass, ""}, {grid.Fail, ""}}
	}
	var out [][2]string
	for _, p := range sc.Points {
		label := model.Num(p.Value) + " – " + clean(p.Label)
		if sc.PassFail {
			label = clean(p.Label)
		}
		out = append(out, [2]string{label, cleanText(p.Descriptor)})
	}
	return out
}

func (g *writer) scaleName(q question) string {
	switch {
	case q.Kind == grid.Information:
		return g.t.InfoScale
	case q.Kind == grid.PassFail:
		return g.t.PassFailTitle
	case q.scale.Title != "":
		return clean(q.scale.Title)
	}
	return q.scale.ID
}

func (g *writer) kindName(kind string) string {
	switch kind {
	case grid.Scored:
		return g.t.KindScored
	case grid.PassFail:
		return g.t.KindPassFail
	}
	return g.t.KindInfo
}

// shortTitle is how the grid labels a question: by what it asks (its
// title), never by the title of the ask it comes from.
func (g *writer) shortTitle(q question) string {
	if s := clean(q.Title); s != "" {
		return s
	}
	return clean(q.Text)
}

// Widths of an evaluator sheet's question and scale columns.
const (
	evalQuestionW = 60
	evalScaleW    = 18
)

// scoringText is a question as an evaluator scores it: its title, the
// question, and what a strong answer shows.
func (g *writer) scoringText(q question) string {
	parts := []string{g.shortTitle(q)}
	if t := cleanText(q.Text); t != "" && t != parts[0] {
		parts = append(parts, t)
	}
	if gd := cleanText(q.Guidance); gd != "" {
		parts = append(parts, g.t.StrongAnswer+" "+gd)
	}
	return strings.Join(parts, "\n")
}

// scoringScale is the scale a question is scored on, with its weight and
// pass mark, one a line.
func (g *writer) scoringScale(q question) string {
	lines := []string{g.scaleName(q)}
	switch q.Kind {
	case grid.Scored:
		lines = append(lines, fmt.Sprintf(g.t.WeightLine, model.Num(q.meta.Weight)))
		if q.meta.HasPassMark {
			lines = append(lines, fmt.Sprintf(g.t.PassMarkLine, model.Num(q.meta.PassMark)))
		}
	case grid.PassFail:
		lines = append(lines, g.t.PassRequired)
	}
	return strings.Join(lines, "\n")
}

func (g *writer) questions() {
	const sh = grid.Questions
	g.widths(sh, 6, 24, 16, 12, 50, 50, 14, 10, 10, 12)
	g.str(sh, 1, 1, g.t.QuestionsTitle, g.s.title)
	g.str(sh, 1, 2, g.t.QuestionsIntro, g.s.note)
	g.headers(sh, 1, grid.QHeaderRow, grid.QHeaders...)
	g.fitHeader(sh, grid.QHeaderRow, 1, grid.QHeaders...)
	for i, q := range g.pl.questions {
		r := grid.QRow(i)
		stage := clean(g.p.Terms.StageTitles[q.Stage])
		if stage == "" {
			stage = string(q.Stage)
		}
		g.str(sh, grid.QRef, r, q.meta.Ref, g.s.text)
		g.str(sh, grid.QAsk, r, clean(q.AskTitle), g.s.text)
		g.str(sh, grid.QStage, r, stage, g.s.text)
		g.str(sh, grid.QKind, r, g.kindName(q.Kind), g.s.text)
		g.str(sh, grid.QText, r, cleanText(q.Text), g.s.text)
		g.str(sh, grid.QGuidance, r, cleanText(q.Guidance), g.s.text)
		g.str(sh, grid.QScale, r, g.scaleName(q), g.s.text)
		if q.Kind == grid.Scored {
			g.num(sh, grid.QMax, r, q.meta.Max(), g.s.textCenter)
		} else {
			g.style(sh, grid.QMax, r, grid.QMax, r, g.s.text)
		}
		g.weightCells(sh, r, grid.QWeight, grid.QPassMark, q)
		g.fit(sh, r, 1, lines(q.AskTitle, 24), lines(stage, 16), lines(cleanText(q.Text), 50), lines(cleanText(q.Guidance), 50))
	}
	g.freeze(sh, 1, grid.QHeaderRow)
	g.page(sh, 210, fmt.Sprintf("$%d:$%d", grid.QHeaderRow, grid.QHeaderRow), "")
	g.protect(sh)
}

func (g *writer) evaluator(e int) {
	ev := g.m.Panel[e]
	sh := ev.Sheet
	g.widths(sh, 12, evalQuestionW, evalScaleW)
	g.str(sh, 1, grid.EvalNameRow, grid.EvalNameLabel, g.s.strong)
	g.str(sh, 2, grid.EvalNameRow, ev.Name, g.s.heading)
	proc := g.m.Title
	if g.m.Reference != "" {
		proc = strings.TrimSpace(proc + " (" + g.m.Reference + ")")
	}
	g.str(sh, 1, 2, g.t.EvalProcLabel, g.s.strong)
	g.str(sh, 2, 2, proc, 0)
	g.str(sh, 1, 3, g.t.EvalIntro, g.s.note)

	g.style(sh, 1, grid.EvalBidderRow, len(grid.EvalHeaders), grid.EvalBidderRow, g.s.header)
	g.headers(sh, 1, grid.EvalHeaderRow, grid.EvalHeaders...)
	for b, name := range g.m.Bidders {
		sc, cc := grid.EvalScoreCol(b), grid.EvalCommentCol(b)
		g.width(sh, sc, 9)
		g.width(sh, cc, 30)
		g.str(sh, sc, grid.EvalBidderRow, name, g.s.header)
		g.style(sh, cc, grid.EvalBidderRow, cc, grid.EvalBidderRow, g.s.header)
		g.merge(sh, sc, grid.EvalBidderRow, cc, grid.EvalBidderRow)
		g.str(sh, sc, grid.EvalHeaderRow, grid.ScoreHeader, g.s.header)
		g.str(sh, cc, grid.EvalHeaderRow, grid.CommentHeader, g.s.header)
	}
	n := 1
	for _, name := range g.m.Bidders {
		n = max(n, lines(name, 39/1.1))
	}
	g.rowHeight(sh, grid.EvalBidderRow, float64(n)*15+3)
	g.fitHeader(sh, grid.EvalHeaderRow, 1, grid.EvalHeaders...)
	// Style whole columns of the table at once, then the exceptions: far
	// fewer calls than cell by cell.
	first, last := g.m.EvalRow(0), g.m.EvalRow(len(g.pl.questions)-1)
	for b := range g.m.Bidders {
		sc, cc := grid.EvalScoreCol(b), grid.EvalCommentCol(b)
		g.style(sh, sc, first, sc, last, g.s.inputCenter)
		g.style(sh, cc, first, cc, last, g.s.input)
	}
	var dv validations
	for i, q := range g.pl.questions {
		r := g.m.EvalRow(i)
		// Everything needed to score, where the score goes: the question
		// with what a strong answer shows, the scale, weight and pass mark.
		question, scale := g.scoringText(q), g.scoringScale(q)
		g.str(sh, 1, r, q.meta.Ref, g.s.text)
		g.str(sh, 2, r, question, g.s.text)
		g.str(sh, 3, r, scale, g.s.text)
		for b := range g.m.Bidders {
			sc := grid.EvalScoreCol(b)
			if q.Kind == grid.Information {
				g.style(sh, sc, r, sc, r, g.s.notScored)
			} else {
				dv.add(q, grid.Cell(sc, r))
			}
		}
		g.fit(sh, r, 3, lines(question, evalQuestionW), lines(scale, evalScaleW))
	}
	dv.write(g, sh)
	for _, sec := range g.m.EvalSections() {
		g.section(sh, sec, len(grid.EvalHeaders)+2*len(g.m.Bidders))
	}
	g.freeze(sh, len(grid.EvalHeaders), grid.EvalHeaderRow)
	width := 12 + evalQuestionW + evalScaleW + 39*float64(len(g.m.Bidders))
	g.page(sh, width, fmt.Sprintf("$%d:$%d", grid.EvalBidderRow, grid.EvalHeaderRow), "$A:$C")
	// Every printed page names the evaluator.
	g.headerFooter(sh, ev.Name)
	g.protect(sh)
}

// validations gathers the cells that take each scale, so a sheet has one
// validation per scale rather than one per question.
type validations struct {
	order []question
	cells map[*model.Scale][]string
}

func (v *validations) add(q question, cells string) {
	if v.cells == nil {
		v.cells = map[*model.Scale][]string{}
	}
	if _, ok := v.cells[q.scale]; !ok {
		v.order = append(v.order, q)
	}
	v.cells[q.scale] = append(v.cells[q.scale], cells)
}

func (v *validations) write(g *writer, sh string) {
	for _, q := range v.order {
		g.validate(sh, strings.Join(v.cells[q.scale], " "), q)
	}
}

// validate limits the cells in sqref to q's scale: a drop-down of the
// allowed scores, with the descriptors as the input message where Excel's
// 255-character limit allows, otherwise the labels.
func (g *writer) validate(sh, sqref string, q question) {
	if g.err != nil {
		return
	}
	dv := excelize.NewDataValidation(true)
	dv.Sqref = sqref
	if q.Kind == grid.PassFail {
		g.check(dv.SetDropList([]string{grid.Pass, grid.Fail}))
		var lines []string
		for _, pt := range scalePoints(q.scale) {
			lines = append(lines, strings.TrimSuffix(pt[0]+": "+pt[1], ": "))
		}
		dv.SetInput(limit(g.t.PassFailInputTitle, 32), fitMessage(lines, nil, ""))
		dv.SetError(excelize.DataValidationErrorStyleStop, limit(g.t.ErrorTitle, 32), limit(g.t.PassFailError, 255))
		g.check(g.f.AddDataValidation(sh, dv))
		return
	}
	var values, full, short []string
	for _, p := range q.meta.Points {
		values = append(values, model.Num(p))
	}
	for _, p := range q.scale.Points {
		label := model.Num(p.Value) + " " + clean(p.Label)
		short = append(short, label)
		full = append(full, label+": "+clean(p.Descriptor))
	}
	g.check(dv.SetDropList(values))
	dv.SetInput(limit(fmt.Sprintf(g.t.InputTitle, g.scaleName(q)), 32), fitMessage(full, short, g.t.InputLabelsOnly))
	dv.SetError(excelize.DataValidationErrorStyleStop, limit(g.t.ErrorTitle, 32), limit(fmt.Sprintf(g.t.ErrorMessage, strings.Join(values, ", ")), 255))
	g.check(g.f.AddDataValidation(sh, dv))
}

// fitMessage returns the full lines if they fit Excel's 255-character
// input message, else the short ones with a pointer to the full text, else
// as much as fits.
func fitMessage(full, short []string, pointer string) string {
	if s := strings.Join(full, "\n"); grid.UTF16Len(s) <= 255 {
		return s
	}
	if short != nil {
		if s := strings.Join(short, "\n") + "\n" + pointer; grid.UTF16Len(s) <= 255 {
			return s
		}
		full = short
	}
	return limit(strings.Join(full, "\n"), 255)
}

// limit cuts s to n UTF-16 code units, ending with "…" if it had to cut.
func limit(s string, n int) string {
	if grid.UTF16Len(s) <= n {
		return s
	}
	var sb strings.Builder
	used := 0
	for _, r := range s {
		w := 1
		if r > 0xFFFF {
			w = 2
		}
		if used+w > n-1 {
			break
		}
		sb.WriteRune(r)
		used += w
	}
	return sb.String() + "…"
}

func (g *writer) moderation() {
	const sh = grid.Moderation
	m := g.m
	c := m.ModCols()
	g.str(sh, 1, 1, g.t.ModerationTitle, g.s.title)
	g.str(sh, 1, 2, g.t.ModerationIntro, g.s.note)
	g.str(sh, 1, 3, g.t.ModerationFlags, g.s.note)
	g.widths(sh, 6, 30, 5, 22)
	g.headers(sh, 1, grid.ModHeaderRow, grid.ModHeadersLeft...)
	for e, ev := range m.Panel {
		g.width(sh, c.FirstEval+e, 14)
		g.str(sh, c.FirstEval+e, grid.ModHeaderRow, ev.Name, g.s.header)
	}
	g.headers(sh, c.Lowest, grid.ModHeaderRow, grid.ModHeadersRight...)
	for i, w := range []float64{9, 9, 9, 10, 12, 40, 10, 14} {
		g.width(sh, c.Lowest+i, w)
	}
	var labels []string
	labels = append(labels, grid.ModHeadersLeft...)
	for _, ev := range m.Panel {
		labels = append(labels, ev.Name)
	}
	g.fitHeader(sh, grid.ModHeaderRow, 1, append(labels, grid.ModHeadersRight...)...)

	var dv validations
	for mq, qi := range m.Moderated() {
		q := g.pl.questions[qi]
		first, last := m.ModRow(mq, 0), m.ModRow(mq, len(m.Bidders)-1)
		for b, name := range m.Bidders {
			r := m.ModRow(mq, b)
			g.str(sh, c.Ref, r, q.meta.Ref, g.s.text)
			g.str(sh, c.Question, r, g.shortTitle(q), g.s.text)
			g.num(sh, c.No, r, float64(b+1), g.s.textCenter)
			g.str(sh, c.Bidder, r, name, g.s.text)
			g.fit(sh, r, 2, lines(g.shortTitle(q), 30), lines(name, 22))
		}
		dv.add(q, grid.Cell(c.Consensus, first)+":"+grid.Cell(c.Consensus, last))
	}
	dv.write(g, sh)
	first, last := grid.ModFirstRow, m.ModLastRow()
	g.style(sh, c.FirstEval, first, c.Flag, last, g.s.computed)
	g.style(sh, c.Consensus, first, c.Consensus, last, g.s.inputCenter)
	g.style(sh, c.Reason, first, c.Reason, last, g.s.input)
	g.style(sh, c.Weighted, first, c.Weighted, last, g.s.computedNumber)
	g.style(sh, c.Failed, first, c.Failed, last, g.s.computed)
	for _, sec := range m.ModSections() {
		g.section(sh, sec, c.Failed)
	}
	if g.err == nil {
		g.check(g.f.SetConditionalFormat(sh, grid.Cell(c.Spread, first)+":"+grid.Cell(c.Flag, last), []excelize.ConditionalFormatOptions{{
			Type: "formula", Format: &g.s.flag,
			Criteria: fmt.Sprintf(`$%s%d="%s"`, grid.Col(c.Flag), first, grid.Discuss),
		}}))
	}
	g.freeze(sh, c.Bidder, grid.ModHeaderRow)
	width := 63 + 14*float64(len(m.Panel)) + 113
	g.page(sh, width, fmt.Sprintf("$%d:$%d", grid.ModHeaderRow, grid.ModHeaderRow), "$A:$D")
	g.protect(sh)
}

func (g *writer) summary() {
	const sh = grid.Summary
	m := g.m
	g.str(sh, 1, 1, g.t.SummaryTitle, g.s.title)
	g.str(sh, 1, 2, g.t.SummaryIntro, g.s.note)
	if sv := clean(g.p.Scoring.SocialValueShare); sv != "" {
		g.str(sh, 1, 3, fmt.Sprintf(g.t.SocialValue, sv), g.s.note)
	}
	g.widths(sh, 9, 36, 16, 14, 12, 14, 12, 12, 12)
	headers := m.SumHeaders()
	g.headers(sh, 1, grid.SumHeaderRow, headers...)
	g.fitHeader(sh, grid.SumHeaderRow, 1, headers...)
	for b, name := range m.Bidders {
		r := grid.SumRow(b)
		g.num(sh, grid.SumNo, r, float64(b+1), g.s.textCenter)
		g.str(sh, grid.SumBidder, r, name, g.s.text)
		g.style(sh, grid.SumScore, r, grid.SumScore, r, g.s.computedNumber)
		g.style(sh, grid.SumMissing, r, len(headers), r, g.s.computed)
		g.fit(sh, r, 1, lines(name, 36))
	}
	statusCells := grid.Cell(grid.SumStatus, grid.SumFirstRow) + ":" + grid.Cell(grid.SumRank, grid.SumRow(len(m.Bidders)-1))
	if m.Ranked() {
		statusCells += " " + grid.Cell(grid.SumSelection, grid.SumFirstRow) + ":" + grid.Cell(grid.SumSelection, grid.SumRow(len(m.Bidders)-1))
	}

	// The ranking: the same bidders in order of rank, ties marked.
	if m.Ranked() {
		g.str(sh, 1, m.RankTitleRow(), g.t.RankingTitle, g.s.heading)
		g.rowHeight(sh, m.RankTitleRow(), 30)
		g.headers(sh, 1, m.RankHeaderRow(), grid.RankHeaders...)
		g.fitHeader(sh, m.RankHeaderRow(), 1, grid.RankHeaders...)
		for k := range m.Bidders {
			r := m.RankRow(k)
			g.num(sh, grid.RankPos, r, float64(k+1), g.s.textCenter)
			g.style(sh, grid.RankBidder, r, grid.RankBidder, r, g.s.computedText)
			g.style(sh, grid.RankScore, r, grid.RankScore, r, g.s.computedNumber)
			g.style(sh, grid.RankStatus, r, grid.RankRank, r, g.s.computed)
			g.style(sh, grid.RankShare, r, grid.RankShare, r, g.s.computedNumber)
			g.fit(sh, r, 1, lines(longest(m.Bidders), 36))
		}
		statusCells += " " + grid.Cell(grid.RankStatus, m.RankRow(0)) + ":" + grid.Cell(grid.RankRank, m.RankRow(len(m.Bidders)-1))
	}
	if g.err == nil {
		var rules []excelize.ConditionalFormatOptions
		for _, r := range []struct {
			value  string
			format *int
		}{{grid.Pass, &g.s.pass}, {grid.Fail, &g.s.fail}, {grid.Incomplete, &g.s.incomplete}} {
			rules = append(rules, excelize.ConditionalFormatOptions{Type: "cell", Criteria: "==", Value: `"` + r.value + `"`, Format: r.format})
		}
		g.check(g.f.SetConditionalFormat(sh, statusCells, rules))
	}
	g.freeze(sh, 0, grid.SumHeaderRow)
	g.page(sh, 125, fmt.Sprintf("$%d:$%d", grid.SumHeaderRow, grid.SumHeaderRow), "")
	g.protect(sh)
}

// longest returns the longest of names.
func longest(names []string) string {
	var l string
	for _, n := range names {
		if len(n) > len(l) {
			l = n
		}
	}
	return l
}
