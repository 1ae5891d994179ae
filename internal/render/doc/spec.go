package doc

import (
	"cmp"
	"fmt"
	"strconv"
	"strings"

	"github.com/goldenthread/goldenthread/internal/model"
)

// The sections of the specification, in order: where each ask's
// requirement and each question is written.
const (
	secPre       = "pre-procurement"
	secExclusion = "exclusion"
	secSelection = "selection"
	secSpec      = "specification"
	secAward     = "award"
	secContract  = "contract"
)

var specSections = []string{secPre, secExclusion, secSelection, secSpec, secAward, secContract}

// home is the section where a lever's requirements are written.
func home(lever string) string {
	switch lever {
	case "pre-procurement-ask":
		return secPre
	case "exclusion":
		return secExclusion
	case "condition-of-participation":
		return secSelection
	case "specification":
		return secSpec
	case "award-criterion":
		return secAward
	}
	return secContract // contract performance conditions and KPIs
}

// specItem is one numbered item of the specification: an ask's
// requirement, a question, or a question with its ask's requirement (a
// condition of participation or an award criterion).
type specItem struct {
	num  string // "3.2"
	id   string
	ask  *model.Ask
	q    *model.Question // nil for a requirement alone
	req  bool            // the item sets out the ask's requirement
	cite []int           // works cited in its drafting note
}

func (it *specItem) title() string {
	if it.q != nil {
		return strings.TrimSpace(Clean(it.q.Ref) + ": " + cmp.Or(Clean(it.q.Title), askTitle(it.ask)))
	}
	return askTitle(it.ask)
}

// ref is the item as other items name it: "6.4 Title".
func (it *specItem) ref() string { return it.num + " " + it.title() }

type specSection struct {
	key   string
	num   int
	items []*specItem
}

// plan places every ask's requirement once and every question once.
type plan struct {
	sections []*specSection
	reqOf    map[string]*specItem // the item setting out each ask's requirement, by ask id
	qOf      map[string]*specItem // the item setting out each ask's question, by ask id
}

func newPlan(p *model.Pack) *plan {
	pl := &plan{reqOf: map[string]*specItem{}, qOf: map[string]*specItem{}}
	by := map[string]*specSection{}
	for _, k := range specSections {
		by[k] = &specSection{key: k}
	}
	asks := map[string]*model.Ask{}
	for _, a := range p.Asks() {
		asks[a.ID] = a
	}
	// Questions first, in the order the grid numbers them, each with its
	// requirement when the ask is a condition of participation or an award
	// criterion.
	for _, q := range p.Questions {
		a := asks[q.AskID]
		if a == nil {
			continue
		}
		sec := secAward
		if q.Stage == model.Selection {
			sec = secSelection
		}
		it := &specItem{ask: a, q: q, id: "q-" + strings.ToLower(idPart(q.Ref))}
		if h := home(a.Lever); (h == secSelection || h == secAward) && len(Paragraphs(a.Requirement)) > 0 {
			it.req = true
			pl.reqOf[a.ID] = it
		}
		pl.qOf[a.ID] = it
		by[sec].items = append(by[sec].items, it)
	}
	for _, a := range p.Asks() {
		if _, done := pl.reqOf[a.ID]; done || len(Paragraphs(a.Requirement)) == 0 {
			continue
		}
		it := &specItem{ask: a, req: true, id: "r-" + strconv.Itoa(a.Number)}
		pl.reqOf[a.ID] = it
		by[home(a.Lever)].items = append(by[home(a.Lever)].items, it)
	}
	n := 0
	for _, k := range specSections {
		s := by[k]
		if len(s.items) == 0 {
			continue
		}
		n++
		s.num = n
		for i, it := range s.items {
			it.num = strconv.Itoa(n) + "." + strconv.Itoa(i+1)
		}
		pl.sections = append(pl.sections, s)
	}
	return pl
}

// idPart keeps the letters, digits and hyphens of s, for an anchor.
func idPart(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' {
			return r
		}
		return -1
	}, s)
}

// Spec returns the specification for the procurement team: every selected
// ask's requirement once and every evaluation question once, grouped by how
// each is used (pre-procurement commitments, exclusion grounds and
// self-cleaning evidence, selection questions, specification requirements,
// award criteria, contract performance conditions with their measures),
// in the regime's terms, with what to complete before use listed first and
// the legal basis and cautions as drafting notes marked as not contract
// text.
func Spec(p *model.Pack) *Document {
	b := &builder{p: p, prefix: "spec."}
	employer, proc := Clean(p.Employer.Name), Clean(p.Procurement.Title)
	sub := strings.Trim(Clean(fmt.Sprintf(b.w("subtitle"), employer, proc)), ": ")
	b.d.Meta = b.meta(Clean(b.w("title")), sub, "specification")
	pl := newPlan(p)
	b.specCover()
	b.complete(pl)
	for _, s := range pl.sections {
		b.specSection(pl, s)
	}
	b.specSources(pl)
	return &b.d
}

func (b *builder) specCover() {
	p := b.p
	f := Facts{}
	fact(&f, b.w("fact.employer"), p.Employer.Name)
	fact(&f, b.w("fact.procurement"), p.Procurement.Title)
	fact(&f, b.w("fact.reference"), p.Procurement.Reference)
	fact(&f, b.w("fact.regime"), p.Terms.RegimeName)
	fact(&f, b.w("fact.prepared_by"), p.PreparedBy.Organisation)
	fact(&f, b.w("fact.date"), LongDate(p.Document.Date))
	if len(f.Items) > 0 {
		b.add(f)
	}
	regime := cmp.Or(Clean(p.Terms.RegimeName), Clean(p.Procurement.Regime))
	b.paras(fmt.Sprintf(b.w("intro"), Clean(p.Employer.Name), Clean(p.Procurement.Title), regime), Body)
	b.paras(b.w("notes"), Body)
	b.add(Contents{Title: Clean(b.w("contents")), Depth: 2})
}

// complete lists first what the procurement team must fill in: each
// requirement's blanks, linked to it, and the award weights when the
// weighting is not a percentage.
func (b *builder) complete(pl *plan) {
	b.add(Heading{Level: 1, ID: "complete", Text: Clean(b.w("complete"))})
	l := List{}
	for _, s := range pl.sections {
		for _, it := range s.items {
			if !it.req || len(it.ask.Blanks) == 0 {
				continue
			}
			l.Items = append(l.Items, []Inline{
				{Text: Clean(fmt.Sprintf(b.w("complete_item"), it.ref())), Link: "#" + it.id},
				{Text: " "},
				{Text: Clean(strings.Join(it.ask.Blanks, ", "))},
			})
		}
	}
	if sv := b.p.Scoring.SocialValueShare; b.scoredAward() && b.p.Scoring.SocialValue == 0 && strings.TrimSpace(sv) != "" && !strings.HasSuffix(strings.TrimSpace(sv), "%") {
		l.Items = append(l.Items, Text(Clean(fmt.Sprintf(b.w("complete_weight"), sv))))
	}
	if len(l.Items) == 0 {
		b.add(Paragraph{Inlines: Text(Clean(b.w("complete_none")))})
		return
	}
	b.add(l)
}

// scoredAward reports whether any award question is scored.
func (b *builder) scoredAward() bool {
	for _, q := range b.p.Questions {
		if q.Stage == model.Award && q.Kind == model.Scored {
			return true
		}
	}
	return false
}

func (b *builder) sectionTitle(key string) string {
	switch key {
	case secSelection:
		return Clean(cmp.Or(b.p.Terms.StageTitles[model.Selection], b.p.Terms.SelectionStage))
	case secAward:
		return Clean(cmp.Or(b.p.Terms.StageTitles[model.Award], b.p.Terms.AwardBasis))
	}
	return Clean(b.w("section." + key))
}

func (b *builder) specSection(pl *plan, s *specSection) {
	p := b.p
	b.add(Heading{Level: 1, ID: "section-" + s.key, Number: strconv.Itoa(s.num), Text: b.sectionTitle(s.key)})
	switch s.key {
	case secPre:
		b.paras(fmt.Sprintf(b.w("section_intro."+s.key), Clean(p.Employer.Name)), Body)
	case secSelection:
		b.paras(fmt.Sprintf(b.w("section_intro.selection"), Clean(p.Terms.SelectionDocument)), Body)
	case secAward:
		b.paras(fmt.Sprintf(b.w("section_intro.award"), Clean(p.Terms.AwardBasis)), Body)
		if sv := Clean(p.Scoring.SocialValueShare); sv != "" && b.scoredAward() {
			b.paras(fmt.Sprintf(b.w("section_intro.award_share"), sv), Body)
		}
	default:
		b.paras(b.w("section_intro."+s.key), Body)
	}
	for _, it := range s.items {
		b.item(pl, s, it)
	}
}

func (b *builder) item(pl *plan, s *specSection, it *specItem) {
	a := it.ask
	b.add(Heading{Level: 2, ID: it.id, Number: it.num, Text: it.title()})
	line := []string{fmt.Sprintf(b.w("label.from_ask"), a.Number)}
	if it.q != nil {
		line = append(line, cmp.Or(b.p.Terms.KindLabels[it.q.Kind], it.q.Kind))
	} else {
		line = append(line, b.lever(a.Lever))
	}
	if st := cmp.Or(b.p.Terms.StatusLabels[a.Status], a.Status); st != "" {
		line = append(line, st)
	}
	b.add(Paragraph{Style: Small, Inlines: Text(Clean(strings.Join(line, " · ")))})
	if it.req {
		if it.q != nil {
			b.label(b.w("label.requirement"))
		}
		b.add(Wordings(a.Requirement)...)
		if len(a.Blanks) > 0 {
			b.add(Paragraph{Style: Small, Inlines: Text(Clean(b.w("label.complete") + " " + strings.Join(a.Blanks, ", ")))})
		}
	}
	if q := it.q; q != nil {
		b.specQuestion(q)
	}
	// Evidence goes with the question where there is one.
	if len(a.Evidence) > 0 && (it.q != nil || pl.qOf[a.ID] == nil) {
		key := "label.evidence"
		if s.key == secExclusion {
			key = "label.self_cleaning"
		}
		b.label(b.w(key))
		b.list(false, a.Evidence)
	}
	if it.req && len(a.KPIs) > 0 {
		b.label(b.w("label.kpis"))
		b.add(b.kpisFor(a.KPIs, it.ref()))
	}
	if q := pl.qOf[a.ID]; it.q == nil && q != nil {
		b.add(Paragraph{Style: Small, Inlines: crossRef(b.w("label.asked_at"), q)})
	}
	if r := pl.reqOf[a.ID]; it.q != nil && !it.req && r != nil {
		b.add(Paragraph{Style: Small, Inlines: crossRef(b.w("label.requirement_at"), r)})
	}
	if it.req {
		b.draftingNote(it)
	}
}

// crossRef fills format's %s with a link to another item. The format is
// the project's own wording, so its spaces are kept as written.
func crossRef(format string, to *specItem) []Inline {
	before, after, ok := strings.Cut(format, "%s")
	if !ok {
		before, after = format+" ", ""
	}
	var out []Inline
	if before != "" {
		out = append(out, Inline{Text: before})
	}
	out = append(out, Inline{Text: to.ref(), Link: "#" + to.id})
	if after != "" {
		out = append(out, Inline{Text: after})
	}
	return out
}

func (b *builder) kpisFor(ks []model.KPI, of string) Table {
	t := b.kpis(ks, of)
	t.Caption = Clean(fmt.Sprintf(b.w("kpi_caption"), of))
	return t
}

// specQuestion sets out a question as bidders are asked it and the panel
// scores it.
func (b *builder) specQuestion(q *model.Question) {
	b.label(b.w("label.question"))
	b.paras(q.Text, Body)
	f := Facts{}
	fact(&f, b.w("fact.kind"), cmp.Or(b.p.Terms.KindLabels[q.Kind], q.Kind))
	if q.Kind == model.Scored && q.Scale != nil {
		fact(&f, b.w("fact.scale"), q.Scale.Title)
	}
	if q.Kind == model.Scored && q.Weight != 0 {
		w := model.Num(q.Weight)
		if q.OfTotal > 0 {
			w = fmt.Sprintf(b.w("fact.weight_share"), w, model.Num(q.OfTotal)+"%")
		}
		fact(&f, b.w("fact.weight"), w)
	}
	if q.PassMark != nil {
		fact(&f, b.w("fact.pass_mark"), model.Num(*q.PassMark))
	}
	if len(f.Items) > 0 {
		b.add(f)
	}
	if q.Scale != nil && len(q.Scale.Points) > 0 {
		t := Table{
			Caption: Clean(fmt.Sprintf(b.w("scale_caption"), Clean(q.Ref))),
			Header:  []string{Clean(b.w("label.scale_point")), Clean(b.w("label.scale_label"))},
			Widths:  []int{15, 85},
		}
		for _, pt := range q.Scale.Points {
			meaning := Clean(pt.Label)
			if d := Clean(pt.Descriptor); d != "" {
				meaning = strings.TrimPrefix(meaning+": "+d, ": ")
			}
			t.Rows = append(t.Rows, Row{Cells: [][]Inline{Text(model.Num(pt.Value)), Text(meaning)}})
		}
		b.add(t)
	}
	if len(Paragraphs(q.Guidance)) > 0 {
		b.label(b.w("label.guidance"))
		b.paras(q.Guidance, Body)
	}
}

// draftingNote sets out the legal basis, the caution and the sources of a
// requirement, as guidance that is not contract text.
func (b *builder) draftingNote(it *specItem) {
	a := it.ask
	var blocks []Block
	if t := strings.Join(Paragraphs(a.LegalBasis), " "); t != "" {
		blocks = append(blocks, Paragraph{Inlines: lead(b.w("label.legal"), Text(t))})
	}
	for i, t := range Paragraphs(a.Caution) {
		in := Text(t)
		if i == 0 {
			in = lead(b.w("label.caution"), in)
		}
		blocks = append(blocks, Paragraph{Inlines: in})
	}
	var cites []Inline
	for _, s := range a.Sources {
		if s.Work < 1 || s.Work > len(b.p.Works) || containsInt(it.cite, s.Work) {
			continue
		}
		it.cite = append(it.cite, s.Work)
		if len(cites) > 0 {
			cites = append(cites, Inline{Text: " "})
		}
		cites = append(cites, Inline{Text: "[" + strconv.Itoa(s.Work) + "]", Link: "#" + workID(s.Work)})
	}
	if len(cites) > 0 {
		blocks = append(blocks, Paragraph{Inlines: lead(b.w("label.sources"), cites)})
	}
	if len(blocks) > 0 {
		b.add(Note{Kind: Drafting, Label: Clean(b.w("label.drafting_note")), Blocks: blocks})
	}
}

// lead puts a bold label before runs, with a space between.
func lead(label string, in []Inline) []Inline {
	return append([]Inline{{Text: Clean(label), Strong: true}, {Text: " "}}, in...)
}

func containsInt(s []int, v int) bool {
	for _, x := range s {
		if x == v {
			return true
		}
	}
	return false
}

// specSources lists the works the drafting notes cite, with the items
// citing each.
func (b *builder) specSources(pl *plan) {
	citing := map[int][]*specItem{}
	for _, s := range pl.sections {
		for _, it := range s.items {
			for _, w := range it.cite {
				citing[w] = append(citing[w], it)
			}
		}
	}
	t := b.worksTable(func(n int, _ model.Work) []Inline {
		var out []Inline
		for i, it := range citing[n] {
			if i > 0 {
				out = append(out, Inline{Text: ", "})
			}
			out = append(out, Inline{Text: it.num, Link: "#" + it.id})
		}
		return out
	}, b.w("sources_cited"))
	if len(t.Rows) == 0 {
		return
	}
	t.Caption = Clean(b.w("sources"))
	t.Header[1] = Clean(b.w("sources_work"))
	b.add(Heading{Level: 1, ID: "sources", Text: Clean(b.w("sources"))})
	b.paras(b.w("sources_intro"), Body)
	b.add(t)
}
