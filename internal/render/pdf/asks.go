// Package pdf renders goldenthread documents as PDF with maroto: the asks a
// union branch takes to a pre-procurement consultation, and plain reports
// for other commands. Every document embeds DejaVu Sans, so the text a
// profile holds (£, curly quotes, Welsh ŵ and ŷ) prints as written, and the
// same input always gives the same bytes. What the font cannot draw, such
// as emoji and CJK, prints as U+FFFD; Unprintable says which characters
// those are, so a caller can warn before rendering.
package pdf

import (
	"cmp"
	"errors"
	"fmt"
	"io"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/johnfercher/maroto/v2/pkg/core"

	"github.com/goldenthread/goldenthread/internal/model"
)

// Indents, in grid units (thousandths of the text width).
const (
	paraGap = 2.6 // mm after a paragraph of body text

	askIndent = 70 // ask body, aligned with the title after its number
	bulletW   = 40
	numW      = 55 // "12." before a numbered paragraph
	refW      = 85 // "[123]" before a source
)

// Render writes the asks PDF for p to w in three parts: the paper a branch
// hands over (a cover, the priority asks in short, every ask at a glance,
// what we ask of the consultation and whom to contact), the asks in full,
// and the works they cite. It has an outline of parts, stages and asks, and
// links from each list to what it lists and back.
func Render(w io.Writer, p *model.Pack) error { return render(w, layoutAsks, p) }

// render lays v out with layout and writes it to w. A panic in the PDF
// libraries becomes an error: a document that cannot be drawn must not
// take the whole command down.
//
// A document refers to its own pages ("p. 23") before they are laid out,
// so layout works out the page of every anchor as it goes (see doc.flush)
// and the references are drawn from that. If maroto drew an anchor on
// another page, the document is laid out again with the pages as drawn;
// the pages of the parts before the references do not depend on them.
func render[T any](w io.Writer, layout func(v T, known map[string]int) (*doc, error), v T) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("pdf: internal error: %v", r)
		}
	}()
	var known map[string]int
	for range 2 {
		d, err := layout(v, known)
		if err != nil {
			return err
		}
		out, err := d.generate()
		if err != nil {
			return err
		}
		if d.nav.settled() {
			_, err = w.Write(out)
			return err
		}
		known = d.nav.drawn
	}
	return errors.New("pdf: internal error: page references do not settle")
}

// layoutAsks lays the asks document out, ready to write: known gives the
// page of each anchor if a first layout found them (see render).
func layoutAsks(p *model.Pack, known map[string]int) (*doc, error) {
	if p == nil {
		return nil, errors.New("pdf: no pack to render")
	}
	d, err := newDoc(meta{
		title:       cmp.Or(p.Document.Title, p.Procurement.Title),
		author:      p.PreparedBy.Organisation,
		subject:     p.Procurement.Title,
		keywords:    keywords(p),
		creator:     strings.TrimSpace("goldenthread " + p.Version),
		date:        p.Document.Date,
		headerLeft:  p.Procurement.Title,
		headerRight: cmp.Or(p.Procurement.Reference, p.Employer.Name),
		footerLeft:  cmp.Or(p.Document.Title, p.Employer.Name),
		pageNumber:  p.Words.Get("asks.page"),
		lang:        langTag(p.Document.Language),
	})
	if err != nil {
		return nil, err
	}
	d.nav.known = known
	a := &asksDoc{d: d, p: p}
	// Part 1, the paper the branch hands over.
	a.cover()
	a.priorities()
	a.glance()
	a.consultation()
	a.contact()
	// Part 2, the asks in full.
	a.intro()
	for i := range p.Sections {
		a.section(&p.Sections[i])
	}
	// Part 3.
	a.sources()
	return d, nil
}

// langTag returns the tag a PDF reader is given for the document's
// language: the language as spoken in the United Kingdom, "en-GB".
func langTag(lang string) string {
	for _, r := range lang {
		if r < 'a' || r > 'z' {
			return ""
		}
	}
	if lang == "" {
		return ""
	}
	return lang + "-GB"
}

// Anchor names. Asks and works are anchored by number.
const (
	anPart1, anPart2, anPart3 = "part1", "part2", "part3"
	anPriorities, anGlance    = "priorities", "glance"
	anConsultation, anContact = "consultation", "contact"
)

func anAsk(n int) string   { return "ask " + strconv.Itoa(n) }
func anEntry(n int) string { return "glance " + strconv.Itoa(n) } // the ask's line at a glance
func anWork(n int) string  { return "work " + strconv.Itoa(n) }
func anStage(s model.Stage) string {
	return "stage " + string(s)
}

// keywords lists, for the PDF metadata, what someone searching their files
// would type: the employer, the reference, the regime and the themes.
func keywords(p *model.Pack) string {
	var ks []string
	add := func(s string) {
		if s = strings.TrimSpace(s); s != "" && !slices.Contains(ks, s) {
			ks = append(ks, s)
		}
	}
	add(p.Employer.Name)
	add(p.Procurement.Reference)
	add(p.Terms.RegimeName)
	for _, s := range p.Sections {
		for _, g := range s.Themes {
			add(g.Theme.Title)
		}
	}
	return strings.Join(ks, "; ")
}

type asksDoc struct {
	d *doc
	p *model.Pack
}

// parts returns the parts of ps in order.
func (a *asksDoc) parts(ps ...*para) []part {
	var out []part
	for _, p := range ps {
		out = append(out, p.parts(a.d)...)
	}
	return out
}

// paras returns the paragraphs of s, each laid out as like.
func (a *asksDoc) paras(s string, like para) []*para {
	var ps []*para
	for _, t := range a.d.fonts.paragraphs(s) {
		p := like
		p.text = t
		ps = append(ps, &p)
	}
	return ps
}

// body returns the paragraphs of s as body text in an ask.
func (a *asksDoc) body(s string) []part {
	return a.parts(a.paras(s, para{st: stBody, indent: askIndent, bottom: paraGap})...)
}

// line returns s as one paragraph, however many it was written as.
func (a *asksDoc) line(s string, st style, indent int, top, bottom float64) *para {
	t := strings.Join(a.d.fonts.paragraphs(s), " ")
	return &para{text: t, st: st, indent: indent, top: top, bottom: bottom}
}

// head returns s as a heading or label: one paragraph that leads, kept on
// a page with the start of what follows it, and anchored by marks.
func (a *asksDoc) head(s string, st style, indent int, top, bottom float64, marks ...mark) []part {
	p := a.line(s, st, indent, top, bottom)
	p.lead, p.marks = true, marks
	return p.parts(a.d)
}

// space is a blank band of height h, even at the top of a page.
func space(h float64) part {
	return part{h: h, draw: func(float64) []core.Component { return nil }}
}

// pageOf returns, when the document is drawn, the page an anchor is on.
func (a *asksDoc) pageOf(name string) func() string {
	return func() string {
		if n := a.d.nav.page(name); n > 0 {
			return strconv.Itoa(n)
		}
		return ""
	}
}

func (a *asksDoc) cover() {
	d, p := a.d, a.p
	d.put(space(28))
	if p.Employer.Name != "" {
		d.puts(a.head(p.Employer.Name, stSub, 0, 0, 3))
	}
	title := cmp.Or(p.Document.Title, p.Procurement.Title, a.w("part.paper"))
	d.puts(a.head(title, stTitle, 0, 0, 6, mark{name: anPart1, title: a.w("part.paper")}))
	d.put(d.rulePart(4, 0, &accent, 0.6))
	d.gap(4)

	f := &table{widths: []int{300, 700}, styles: []style{stSmallB, stBody}}
	fact := func(label, value string) {
		if v := d.fonts.clean(value); v != "" {
			f.rows = append(f.rows, tableRow{cells: []string{label, v}})
		}
	}
	fact(a.w("fact.procurement"), p.Procurement.Title)
	fact(a.w("fact.reference"), p.Procurement.Reference)
	fact(a.w("fact.category"), a.code("category", p.Procurement.Category))
	fact(a.w("fact.estimated_value"), p.Procurement.EstimatedValue)
	fact(a.w("fact.regime"), p.Terms.RegimeName)
	for _, k := range p.Procurement.KeyDates {
		fact(k.Label, longDate(k.Date))
	}
	fact(a.w("fact.prepared_by"), p.PreparedBy.Organisation)
	fact(a.w("fact.contact"), p.PreparedBy.Contact)
	fact(a.w("fact.date"), longDate(p.Document.Date))
	d.puts(f.parts(d))

	if purpose := a.parts(a.paras(p.Purpose, para{st: stBody, bottom: 2.5})...); len(purpose) > 0 {
		d.gap(8)
		d.puts(a.head(a.w("heading.purpose"), stHeading, 0, 0, 2))
		d.puts(purpose)
	}

	// Contents: the parts of Part 1 and the other two parts, with pages.
	c := &table{widths: []int{850, 150}, styles: []style{stBody, stBody}}
	entry := func(text, to string) {
		c.rows = append(c.rows, tableRow{cells: []string{d.fonts.clean(text), ""}, to: to, pageOf: to})
	}
	if len(p.Priorities()) > 0 {
		entry(a.w("heading.priorities"), anPriorities)
	}
	if len(p.Sections) > 0 {
		entry(a.w("heading.glance"), anGlance)
	}
	entry(a.w("heading.consultation"), anConsultation)
	entry(a.w("heading.contact"), anContact)
	if len(p.Sections) > 0 {
		entry(a.w("part.full"), anPart2)
	}
	if len(p.Works) > 0 {
		entry(a.w("part.sources"), anPart3)
	}
	d.gap(6)
	d.puts(a.head(a.w("heading.contents"), stHeading, 0, 0, 1))
	d.puts(c.parts(d))
}

// priorities sets out the branch's priority asks in short: what we ask,
// why, and the gist of the wording for the specification.
func (a *asksDoc) priorities() {
	d, asks := a.d, a.p.Priorities()
	d.newPage()
	if len(asks) == 0 {
		return
	}
	d.puts(a.head(a.w("heading.priorities"), stTitle, 0, 0, 3, mark{name: anPriorities, title: a.w("heading.priorities"), level: 1}))
	d.puts(a.parts(a.paras(a.w("priorities_intro"), para{st: stBody, bottom: 4})...))
	const labelW = 130 // grid units for the labels beside the text
	for i, ask := range asks {
		if i > 0 {
			d.gap(3)
		}
		title := a.line(ask.Title, stAskTitle, 0, 0, 1.5)
		title.prefix, title.prefixW, title.lead, title.to = strconv.Itoa(ask.Number), askIndent, true, anAsk(ask.Number)
		// "p. 23" at the right: the page of the ask in full.
		title.aside, title.asideTo, title.asidePage = a.w("line.in_full"), anAsk(ask.Number), true
		ps := title.parts(d)
		labelled := func(label, text string) {
			for j, p := range a.paras(text, para{st: stBody, prefixW: labelW, prefixSt: &stSmallB, bottom: 1.6}) {
				if j == 0 {
					p.prefix = label
				}
				ps = append(ps, p.parts(d)...)
			}
		}
		labelled(a.w("priority.ask"), ask.Ask)
		labelled(a.w("priority.why"), ask.Why)
		labelled(a.w("priority.gist"), ask.Gist)
		d.puts(ps)
	}
}

// glance lists every ask, one line each by stage, with its question's
// reference and its page in Part 2; each line links to the ask.
func (a *asksDoc) glance() {
	d, clean := a.d, a.d.fonts.clean
	t := &table{
		widths: []int{65, 715, 120, 100},
		header: []string{a.w("glance.number"), a.w("glance.ask"), a.w("glance.question"), a.w("glance.page")},
	}
	outcomes := a.p.Outcomes
	if outcomes {
		// What each ask won, before its page.
		t.widths = []int{60, 530, 105, 215, 90}
		t.header = slices.Insert(t.header, 3, a.w("glance.outcome"))
	}
	for _, s := range a.p.Sections {
		t.rows = append(t.rows, tableRow{cells: []string{clean(a.stageTitle(&s))}, group: true})
		for _, g := range s.Themes {
			for _, ask := range g.Asks {
				ref := ""
				if ask.Question != nil {
					ref = clean(ask.Question.Ref)
				}
				cells := []string{strconv.Itoa(ask.Number), clean(ask.Title), ref, ""}
				if outcomes {
					cells = slices.Insert(cells, 3, clean(a.outcomeLabel(ask.Outcome)))
				}
				t.rows = append(t.rows, tableRow{
					cells: cells,
					to:    anAsk(ask.Number), pageOf: anAsk(ask.Number), mark: anEntry(ask.Number),
				})
			}
		}
	}
	if len(a.p.Sections) == 0 {
		return
	}
	d.gap(8)
	d.puts(a.head(a.w("heading.glance"), stTitle, 0, 0, 3, mark{name: anGlance, title: a.w("heading.glance"), level: 1}))
	d.puts(t.parts(d))
}

// consultation says what the branch asks of the consultation itself: a
// meeting, the timetable and the union's part at each stage.
func (a *asksDoc) consultation() {
	d, p := a.d, a.p
	d.gap(8)
	d.puts(a.head(a.w("heading.consultation"), stTitle, 0, 0, 3, mark{name: anConsultation, title: a.w("heading.consultation"), level: 1}))
	d.puts(a.parts(a.paras(a.w("consultation_intro"), para{st: stBody, bottom: 2})...))
	d.puts(a.list(p.Words.List("asks.consultation"), 0))
	d.puts(a.list(p.Words.List("asks.involvement"), bulletW))
	var dates []string
	for _, k := range p.Procurement.KeyDates {
		dates = append(dates, strings.TrimPrefix(k.Label+": "+longDate(k.Date), ": "))
	}
	if len(dates) > 0 {
		d.gap(2)
		d.puts(append(a.head(a.w("heading.timetable"), stHeading, 0, 0, 1.2), a.list(dates, 0)...))
	}
}

// list returns items as bullets, indent grid units in.
func (a *asksDoc) list(items []string, indent int) []part {
	var ps []*para
	for _, it := range items {
		ps = append(ps, a.paras(it, para{st: stBody, indent: indent, prefix: "•", prefixW: bulletW, bottom: 1.2})...)
	}
	if n := len(ps); n > 0 {
		ps[n-1].bottom = 2.5
	}
	return a.parts(ps...)
}

func (a *asksDoc) contact() {
	d, p := a.d, a.p
	var ps []*para
	for _, s := range []string{p.PreparedBy.Organisation, p.PreparedBy.Contact} {
		ps = append(ps, a.paras(s, para{st: stBodyB, bottom: 1.2})...)
	}
	if len(ps) == 0 {
		return
	}
	d.gap(6)
	d.puts(a.head(a.w("heading.contact"), stTitle, 0, 0, 3, mark{name: anContact, title: a.w("heading.contact"), level: 1}))
	d.puts(a.parts(a.paras(a.w("contact_intro"), para{st: stBody, bottom: 2})...))
	d.puts(a.parts(ps...))
}

// intro starts Part 2 with how to read the asks in full.
func (a *asksDoc) intro() {
	d := a.d
	if len(a.p.Sections) == 0 {
		return
	}
	d.newPage()
	d.puts(a.head(a.w("part.full"), stTitle, 0, 0, 4, mark{name: anPart2, title: a.w("part.full")}))
	d.puts(a.parts(a.paras(strings.Join(a.p.Intro, "\n\n"), para{st: stBody, bottom: 2.8})...))
}

func (a *asksDoc) section(s *model.Section) {
	d := a.d
	d.newPage()
	heading := a.head(a.stageTitle(s), stTitle, 0, 0, 3, mark{name: anStage(s.Stage), title: a.stageTitle(s), level: 1})
	for _, g := range s.Themes {
		theme := a.head(g.Theme.Title, stSub, 0, 0, 0.5)
		for i, ask := range g.Asks {
			// The section heading goes with the first ask only.
			lead := heading
			heading = nil
			switch {
			case i == 0 && len(lead) == 0:
				d.gap(9) // between theme groups
				fallthrough
			case i == 0:
				lead = append(append(lead, theme...), d.rulePart(4, 0, &ruleColour, 0.3))
			default:
				d.gap(2) // between asks, with a fainter rule
				lead = append(lead, d.rulePart(6, 0, &tint, 0.4))
			}
			a.ask(ask, g.Theme.Title, lead)
		}
	}
	d.puts(heading) // a section without asks
}

func (a *asksDoc) stageTitle(s *model.Section) string {
	return cmp.Or(strings.TrimSpace(s.Title), a.p.Terms.StageTitles[s.Stage], string(s.Stage))
}

// ask lays out one ask, leaving out any headed part with nothing in it;
// lead holds the section and theme headings that must stay on the page
// with its title.
func (a *asksDoc) ask(ask *model.Ask, themeTitle string, lead []part) {
	title := a.line(ask.Title, stAskTitle, 0, 0, 1.2)
	if title.text == "" {
		title.text = a.d.fonts.clean(ask.ID)
	}
	title.prefix, title.prefixW, title.lead = strconv.Itoa(ask.Number), askIndent, true
	title.marks = []mark{{name: anAsk(ask.Number), title: strconv.Itoa(ask.Number) + ". " + title.text, level: 2}}
	metaText := themeTitle
	if l := a.lever(ask.Lever); l != "" {
		metaText = strings.TrimPrefix(metaText+" · "+l, " · ")
	}
	// The line under the title ends with a link back to the list of asks.
	meta := a.line(metaText, stSmall, askIndent, 0, 0.5)
	meta.lead = true
	meta.aside, meta.asideTo = a.d.fonts.clean(a.w("line.back")), anEntry(ask.Number)
	ps := append(append(lead, title.parts(a.d)...), meta.parts(a.d)...)
	add := func(key string, body ...part) {
		if len(body) > 0 {
			ps = append(append(ps, a.head(a.w(key), stHeading, askIndent, 3.2, 1.2)...), body...)
		}
	}
	if a.p.Outcomes {
		ps = append(ps, a.outcome(ask)...)
	}
	add("heading.ask", a.body(ask.Ask)...)
	req := a.boxed(&box{fill: &tint, bar: &tintBar}, "", ask.Requirement)
	if len(req) > 0 && len(ask.Blanks) > 0 {
		blanks := fmt.Sprintf(a.w("line.blanks"), strings.Join(ask.Blanks, ", "))
		req = append(req, a.line(blanks, stSmall, askIndent, 0.5, 1).parts(a.d)...)
	}
	add("heading.requirement", req...)
	add("heading.rationale", a.body(ask.Rationale)...)
	add("heading.evidence", a.bullets(ask.Evidence)...)
	add("heading.kpis", a.kpis(ask.KPIs)...)
	if q := ask.Question; q != nil {
		add("heading.question", a.question(q)...)
	}
	add("heading.legal", a.legal(ask)...)
	add("heading.related", a.related(ask.Related)...)
	if pp := a.pages(ask.ToolkitPages); pp != "" {
		add("heading.toolkit", a.line(pp, stBody, askIndent, 0, 1).parts(a.d)...)
	}
	add("heading.sources", a.cited(ask.Sources)...)
	a.d.puts(ps)
}

// outcomeLabel names what an ask won, or says no outcome is recorded.
func (a *asksDoc) outcomeLabel(o *model.Outcome) string {
	if o == nil {
		return a.p.Words.Get("monitor.outcome.none")
	}
	return a.p.Words.Get("monitor.outcome." + o.Result)
}

// outcome sets out what an ask won: the result and the contract clause,
// then the wording agreed or the reason given for refusing it.
func (a *asksDoc) outcome(ask *model.Ask) []part {
	line := fmt.Sprintf(a.w("line.outcome"), a.outcomeLabel(ask.Outcome))
	if o := ask.Outcome; o != nil && o.Clause != "" {
		line += " · " + fmt.Sprintf(a.w("line.contract_clause"), o.Clause)
	}
	p := a.line(line, stBodyB, askIndent, 1.5, 1)
	p.lead = true
	ps := p.parts(a.d)
	switch o := ask.Outcome; {
	case o == nil:
	case o.Result == model.Amended:
		ps = append(ps, a.boxed(&box{fill: &tint, bar: &tintBar}, a.w("heading.agreed"), o.Wording)...)
	case o.Result == model.Refused && o.Reason != "":
		ps = append(ps, a.body(fmt.Sprintf(a.w("line.reason"), o.Reason))...)
	}
	return ps
}

// boxed returns the paragraphs of s in a shaded box, after a bold label if
// there is one.
var numberedPara = regexp.MustCompile(`^(\d{1,2}\.) (.+)$`)

func (a *asksDoc) boxed(b *box, label, s string) []part {
	ps := a.paras(s, para{st: stBody, indent: askIndent, box: b, bottom: paraGap})
	if len(ps) == 0 {
		return nil
	}
	for _, p := range ps {
		// A numbered paragraph ("2. The Contractor shall…") hangs its number.
		if m := numberedPara.FindStringSubmatch(p.text); m != nil {
			p.prefix, p.prefixW, p.text = m[1], numW, m[2]
		}
	}
	if label != "" {
		ps = append([]*para{{text: label, st: stBodyB, indent: askIndent, box: b, bottom: 1, lead: true}}, ps...)
	}
	ps[0].top = boxPadY
	ps[len(ps)-1].bottom = boxPadY
	return append(a.parts(ps...), part{h: 2})
}

func (a *asksDoc) bullets(items []string) []part {
	var ps []*para
	for _, it := range items {
		ps = append(ps, a.paras(it, para{st: stBody, indent: askIndent, prefix: "•", prefixW: bulletW, bottom: 1.2})...)
	}
	if n := len(ps); n > 0 {
		ps[n-1].bottom = 2
	}
	return a.parts(ps...)
}

func (a *asksDoc) kpis(ks []model.KPI) []part {
	if len(ks) == 0 {
		return nil
	}
	clean := a.d.fonts.clean
	t := &table{
		indent: askIndent,
		widths: []int{430, 120, 190, 190},
		header: []string{a.w("kpi.measure"), a.w("kpi.unit"), a.w("kpi.target"), a.w("kpi.frequency")},
	}
	for _, k := range ks {
		t.rows = append(t.rows, tableRow{cells: []string{
			clean(k.Name), clean(k.Unit), clean(k.Target), clean(a.code("frequency", k.Frequency)),
		}})
	}
	return t.parts(a.d)
}

func (a *asksDoc) question(q *model.Question) []part {
	var ps []part
	ref := strings.TrimPrefix(q.Ref+" · "+cmp.Or(a.p.Terms.KindLabels[q.Kind], q.Kind), " · ")
	if ref = strings.TrimSuffix(ref, " · "); ref != "" {
		ps = a.head(ref, stSmallB, askIndent, 0, 1.2)
	}
	ps = append(ps, a.body(q.Text)...)
	if g := a.body(q.Guidance); len(g) > 0 {
		ps = append(append(ps, a.head(a.w("heading.guidance"), stSmallB, askIndent, 0.5, 1.2)...), g...)
	}
	var facts []string
	if q.Scale != nil && q.Scale.Title != "" {
		facts = append(facts, fmt.Sprintf(a.w("line.scale"), q.Scale.Title))
	}
	if q.Weight != 0 {
		facts = append(facts, fmt.Sprintf(a.w("line.weight"), model.Num(q.Weight)))
	}
	if q.PassMark != nil {
		facts = append(facts, fmt.Sprintf(a.w("line.pass_mark"), model.Num(*q.PassMark)))
	}
	if len(facts) > 0 {
		ps = append(ps, a.line(strings.Join(facts, " · "), stSmall, askIndent, 0, 2).parts(a.d)...)
	}
	return ps
}

func (a *asksDoc) legal(ask *model.Ask) []part {
	ps := a.body(ask.LegalBasis)
	if s := cmp.Or(a.p.Terms.StatusLabels[ask.Status], ask.Status); s != "" {
		status := a.line(fmt.Sprintf(a.w("line.status"), s), stSmallB, askIndent, 0, 2)
		status.lead = true // kept with the caution's box, or what follows
		ps = append(ps, status.parts(a.d)...)
	}
	return append(ps, a.boxed(&box{fill: &warnFill, bar: &warnBar}, a.w("heading.caution"), ask.Caution)...)
}

// cited lists an ask's sources as it cites them, each numbered as its
// work is in Part 3 and linked to it.
func (a *asksDoc) cited(srcs []model.Source) []part {
	var ps []*para
	for _, s := range srcs {
		t := cmp.Or(a.d.fonts.clean(s.Title), a.d.fonts.clean(s.URL))
		if t == "" {
			continue
		}
		p := &para{text: t, st: stBody, indent: askIndent, prefix: "–", prefixW: refW, bottom: 1.2}
		if s.Work > 0 && s.Work <= len(a.p.Works) {
			p.prefix, p.to = "["+strconv.Itoa(s.Work)+"]", anWork(s.Work)
		}
		ps = append(ps, p)
	}
	return a.parts(ps...)
}

// sources lists every work cited, once, in the order first cited, with its
// address and the asks that cite it.
func (a *asksDoc) sources() {
	var ps []*para
	for i, w := range a.p.Works {
		n := i + 1
		title, url := a.d.fonts.clean(w.Title), a.d.fonts.clean(w.URL)
		if title == "" && url == "" {
			continue
		}
		t := &para{text: cmp.Or(title, url), st: stBody, prefix: "[" + strconv.Itoa(n) + "]", prefixW: refW, bottom: 0.8, lead: true,
			marks: []mark{{name: anWork(n)}}}
		ps = append(ps, t)
		if title != "" && url != "" {
			u := &para{text: url, st: stSmall, indent: refW, bottom: 0.8, lead: true}
			if isWebURL(url) {
				u.link = url
			}
			ps = append(ps, u)
		}
		ps = append(ps, &para{text: a.citedBy(w.Cited), st: stSmall, indent: refW, bottom: 3})
	}
	if len(ps) > 0 {
		a.d.newPage()
		a.d.puts(a.head(a.w("part.sources"), stTitle, 0, 0, 4, mark{name: anPart3, title: a.w("part.sources")}))
		a.d.puts(a.parts(a.paras(a.w("sources_intro"), para{st: stBody, bottom: 4})...))
		a.d.puts(a.parts(ps...))
	}
}

// citedBy says which asks cite a work: "Cited in asks 3, 12 and 40".
func (a *asksDoc) citedBy(asks []int) string {
	nums := make([]string, len(asks))
	for i, n := range asks {
		nums[i] = strconv.Itoa(n)
	}
	if len(nums) == 1 {
		return fmt.Sprintf(a.w("line.cited_one"), nums[0])
	}
	return fmt.Sprintf(a.w("line.cited"), strings.Join(nums, ", "))
}

// code returns the wording templates/ gives a code under "asks.group.",
// or the code itself if it gives none.
func (a *asksDoc) code(group, code string) string {
	return cmp.Or(a.p.Words.Text["asks."+group+"."+code], code)
}

// w returns the document wording at key under "asks." in templates/.
func (a *asksDoc) w(key string) string { return a.p.Words.Get("asks." + key) }

// related lists the asks this one refers to: by number and title when
// they are in this paper, else by title, marked as not in it.
func (a *asksDoc) related(refs []model.Ref) []part {
	var items []string
	for _, r := range refs {
		if r.Number > 0 {
			items = append(items, fmt.Sprintf(a.w("line.related"), r.Number, r.Title))
		} else {
			items = append(items, fmt.Sprintf(a.w("line.related_absent"), r.Title))
		}
	}
	return a.bullets(items)
}

// lever returns the label of a lever code, or the code if it has none.
func (a *asksDoc) lever(code string) string { return cmp.Or(a.p.Terms.LeverLabels[code], code) }

// isWebURL reports whether s, already cleaned, is a web address a reader
// could follow: only those are made links.
func isWebURL(s string) bool {
	l := strings.ToLower(s)
	return (strings.HasPrefix(l, "https://") || strings.HasPrefix(l, "http://")) && !strings.ContainsAny(s, " \u00a0\u202f")
}

// pages formats toolkit page numbers as "p. 15" or "pp. 15–17, 21".
func (a *asksDoc) pages(ps []int) string {
	ps = slices.Compact(slices.Sorted(slices.Values(ps)))
	var parts []string
	for i := 0; i < len(ps); i++ {
		s := strconv.Itoa(ps[i])
		j := i
		for j+1 < len(ps) && ps[j+1] == ps[j]+1 {
			j++
		}
		if j-i >= 2 { // a run of three or more
			s += "–" + strconv.Itoa(ps[j])
			i = j
		}
		parts = append(parts, s)
	}
	switch len(ps) {
	case 0:
		return ""
	case 1:
		return fmt.Sprintf(a.w("line.page"), parts[0])
	}
	return fmt.Sprintf(a.w("line.pages"), strings.Join(parts, ", "))
}
