package doc

import (
	"cmp"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/goldenthread/goldenthread/internal/model"
)

// Anchor IDs of the asks paper; asks, works and the rows at a glance are
// anchored by number.
const (
	idPart1, idPart2, idPart3 = "part-1", "part-2", "part-3"
	idPriorities, idGlance    = "priorities", "glance"
	idConsultation, idContact = "consultation", "contact"
	idPurpose                 = "purpose"
)

// AskID is the anchor of ask n in the asks paper.
func AskID(n int) string { return "ask-" + strconv.Itoa(n) }

func workID(n int) string          { return "work-" + strconv.Itoa(n) }
func glanceID(n int) string        { return "glance-" + strconv.Itoa(n) }
func stageID(s model.Stage) string { return "stage-" + string(s) }

// Asks returns the asks paper as the PDF sets it out, for the editable
// formats: Part 1, the paper a branch hands over (the procurement, our
// priority asks, every ask at a glance, what we ask of the consultation,
// whom to contact); Part 2, the asks in full; Part 3, the works they cite.
// Page references become links.
func Asks(p *model.Pack) *Document {
	b := &builder{p: p, prefix: "asks."}
	title := Clean(cmp.Or(p.Document.Title, p.Procurement.Title, b.w("part.paper")))
	b.d.Meta = b.meta(title, Clean(p.Employer.Name), "asks")
	b.cover()
	b.priorities()
	b.glance()
	b.consultation()
	b.contact()
	b.full()
	b.sources()
	return &b.d
}

// builder builds one document from a pack.
type builder struct {
	p      *model.Pack
	d      Document
	prefix string // of the document's words in templates/: "asks." or "spec."
}

func (b *builder) add(bl ...Block) { b.d.Blocks = append(b.d.Blocks, bl...) }

// w returns the document's wording at key.
func (b *builder) w(key string) string { return b.p.Words.Get(b.prefix + key) }

// asksW returns the asks paper's wording at key, which both documents use
// for the parts of an ask.
func (b *builder) asksW(key string) string { return b.p.Words.Get("asks." + key) }

func (b *builder) meta(title, subtitle, kind string) Meta {
	p := b.p
	return Meta{
		Title:    title,
		Subtitle: subtitle,
		Subject:  Clean(p.Procurement.Title),
		Author:   Clean(p.PreparedBy.Organisation),
		Keywords: Clean(keywords(p)),
		Creator:  Clean(strings.TrimSpace("goldenthread " + p.Version)),
		Lang:     LangTag(p.Document.Language),
		Date:     p.Document.Date,
		Kind:     kind,
		Skip:     Clean(b.w("skip")),
	}
}

// LangTag returns the BCP 47 tag of the document's language as spoken in
// the United Kingdom: "en-GB".
func LangTag(lang string) string {
	if lang == "" || strings.IndexFunc(lang, func(r rune) bool { return r < 'a' || r > 'z' }) >= 0 {
		return "en-GB"
	}
	return lang + "-GB"
}

// keywords lists what someone searching their files would type: the
// employer, the reference, the regime and the themes.
func keywords(p *model.Pack) string {
	var ks []string
	add := func(s string) {
		if s = Clean(s); s != "" && !slices.Contains(ks, s) {
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

// paras adds the paragraphs of s in style st.
func (b *builder) paras(s string, st Style) {
	for _, t := range Paragraphs(s) {
		b.add(Paragraph{Style: st, Inlines: Text(t)})
	}
}

// label adds a run-in label, if the text it labels is there.
func (b *builder) label(text string) { b.add(Paragraph{Style: Label, Inlines: Text(Clean(text))}) }

// list adds items as a list, leaving out empty ones.
func (b *builder) list(ordered bool, items []string) {
	l := List{Ordered: ordered}
	for _, it := range items {
		if t := strings.Join(Paragraphs(it), " "); t != "" {
			l.Items = append(l.Items, Text(t))
		}
	}
	if len(l.Items) > 0 {
		b.add(l)
	}
}

// fact appends a labelled value to f when there is a value.
func fact(f *Facts, label, value string) {
	if v := Clean(value); v != "" {
		f.Items = append(f.Items, Fact{Label: Clean(label), Value: Text(v)})
	}
}

func (b *builder) cover() {
	p := b.p
	b.add(Heading{Level: 1, ID: idPart1, Text: Clean(b.w("part.paper"))})
	f := Facts{}
	fact(&f, b.w("fact.procurement"), p.Procurement.Title)
	fact(&f, b.w("fact.reference"), p.Procurement.Reference)
	fact(&f, b.w("fact.category"), b.code("category", p.Procurement.Category))
	fact(&f, b.w("fact.estimated_value"), p.Procurement.EstimatedValue)
	fact(&f, b.w("fact.regime"), p.Terms.RegimeName)
	for _, k := range p.Procurement.KeyDates {
		fact(&f, k.Label, LongDate(k.Date))
	}
	fact(&f, b.w("fact.prepared_by"), p.PreparedBy.Organisation)
	fact(&f, b.w("fact.contact"), p.PreparedBy.Contact)
	fact(&f, b.w("fact.date"), LongDate(p.Document.Date))
	if len(f.Items) > 0 {
		b.add(f)
	}
	if len(Paragraphs(p.Purpose)) > 0 {
		b.add(Heading{Level: 2, ID: idPurpose, Text: Clean(b.w("heading.purpose"))})
		b.paras(p.Purpose, Body)
	}
	b.add(Contents{Title: Clean(b.w("heading.contents")), Depth: 2})
}

// code returns the wording templates/ gives a code under "asks.group.",
// or the code itself if it gives none.
func (b *builder) code(group, code string) string {
	return cmp.Or(b.p.Words.Text["asks."+group+"."+code], code)
}

// priorities sets out the branch's priority asks in short: what we ask,
// why, and the gist of the wording, each linked to the ask in full.
func (b *builder) priorities() {
	asks := b.p.Priorities()
	if len(asks) == 0 {
		return
	}
	b.add(Heading{Level: 2, ID: idPriorities, Text: Clean(b.w("heading.priorities"))})
	b.paras(b.w("priorities_intro"), Body)
	for _, a := range asks {
		b.add(Heading{Level: 3, ID: "priority-" + strconv.Itoa(a.Number), Number: strconv.Itoa(a.Number) + ".", Text: askTitle(a)})
		for _, l := range []struct{ key, text string }{
			{"priority.ask", a.Ask}, {"priority.why", a.Why}, {"priority.gist", a.Gist},
		} {
			if t := strings.Join(Paragraphs(l.text), " "); t != "" {
				b.add(Paragraph{Inlines: lead(b.w(l.key)+":", Text(t))})
			}
		}
		b.add(Paragraph{Style: Small, Inlines: []Inline{{Text: Clean(fmt.Sprintf(b.w("line.ask_in_full"), a.Number)), Link: "#" + AskID(a.Number)}}})
	}
}

// askTitle is the ask's title, or its id when it has none.
func askTitle(a *model.Ask) string { return cmp.Or(Clean(a.Title), Clean(a.ID)) }

// glance lists every ask by stage, each linked to the ask in full, with
// its question's reference.
func (b *builder) glance() {
	if len(b.p.Sections) == 0 {
		return
	}
	t := Table{
		Caption: Clean(b.w("heading.glance")),
		Header:  []string{Clean(b.w("glance.number")), Clean(b.w("glance.ask")), Clean(b.w("glance.question"))},
		Widths:  []int{10, 72, 18},
	}
	if b.p.Outcomes {
		t.Header = append(t.Header, Clean(b.w("glance.outcome")))
		t.Widths = []int{8, 58, 14, 20}
	}
	for i := range b.p.Sections {
		s := &b.p.Sections[i]
		t.Rows = append(t.Rows, Row{Group: true, Cells: [][]Inline{Text(b.stageTitle(s))}})
		for _, g := range s.Themes {
			for _, a := range g.Asks {
				ref := ""
				if a.Question != nil {
					ref = Clean(a.Question.Ref)
				}
				row := Row{ID: glanceID(a.Number), Cells: [][]Inline{
					Text(strconv.Itoa(a.Number)),
					{{Text: askTitle(a), Link: "#" + AskID(a.Number)}},
					Text(ref),
				}}
				if b.p.Outcomes {
					row.Cells = append(row.Cells, Text(OutcomeLabel(b.p.Words, a.Outcome)))
				}
				t.Rows = append(t.Rows, row)
			}
		}
	}
	b.add(Heading{Level: 2, ID: idGlance, Text: Clean(b.w("heading.glance"))}, t)
}

func (b *builder) stageTitle(s *model.Section) string {
	return Clean(cmp.Or(strings.TrimSpace(s.Title), b.p.Terms.StageTitles[s.Stage], string(s.Stage)))
}

// consultation says what the branch asks of the consultation itself.
func (b *builder) consultation() {
	p := b.p
	b.add(Heading{Level: 2, ID: idConsultation, Text: Clean(b.w("heading.consultation"))})
	b.paras(b.w("consultation_intro"), Body)
	b.list(false, p.Words.List("asks.consultation"))
	b.list(false, p.Words.List("asks.involvement"))
	var dates []string
	for _, k := range p.Procurement.KeyDates {
		dates = append(dates, strings.TrimPrefix(k.Label+": "+LongDate(k.Date), ": "))
	}
	if len(dates) > 0 {
		b.add(Heading{Level: 3, ID: "timetable", Text: Clean(b.w("heading.timetable"))})
		b.list(false, dates)
	}
}

func (b *builder) contact() {
	p := b.p
	var who []string
	for _, s := range []string{p.PreparedBy.Organisation, p.PreparedBy.Contact} {
		who = append(who, Paragraphs(s)...)
	}
	if len(who) == 0 {
		return
	}
	b.add(Heading{Level: 2, ID: idContact, Text: Clean(b.w("heading.contact"))})
	b.paras(b.w("contact_intro"), Body)
	for _, s := range who {
		b.add(Paragraph{Inlines: []Inline{{Text: s, Strong: true}}})
	}
}

// full is Part 2, the asks in full, by stage.
func (b *builder) full() {
	p := b.p
	if len(p.Sections) == 0 {
		return
	}
	b.add(Break{}, Heading{Level: 1, ID: idPart2, Text: Clean(b.w("part.full"))})
	b.paras(strings.Join(p.Intro, "\n\n"), Body)
	for i := range p.Sections {
		s := &p.Sections[i]
		b.add(Heading{Level: 2, ID: stageID(s.Stage), Text: b.stageTitle(s)})
		for _, g := range s.Themes {
			for _, a := range g.Asks {
				b.ask(a, g.Theme.Title)
			}
		}
	}
}

// ask sets out one ask in full, leaving out any part with nothing in it.
func (b *builder) ask(a *model.Ask, theme string) {
	b.add(Heading{Level: 3, ID: AskID(a.Number), Number: strconv.Itoa(a.Number) + ".", Text: askTitle(a)})
	meta := Clean(theme)
	if l := Clean(b.lever(a.Lever)); l != "" {
		meta = strings.TrimPrefix(meta+" · "+l, " · ")
	}
	line := Paragraph{Style: Small}
	if meta != "" {
		line.Inlines = append(line.Inlines, Inline{Text: meta + " · "})
	}
	line.Inlines = append(line.Inlines, Inline{Text: Clean(b.w("line.back")), Link: "#" + glanceID(a.Number)})
	b.add(line)

	b.outcome(a)
	if len(Paragraphs(a.Ask)) > 0 {
		b.label(b.w("heading.ask"))
		b.paras(a.Ask, Body)
	}
	if w := Wordings(a.Requirement); len(w) > 0 {
		b.label(b.w("heading.requirement"))
		b.add(Note{Kind: Wording, Label: Clean(b.w("heading.requirement")), Blocks: w})
		if len(a.Blanks) > 0 {
			b.add(Paragraph{Style: Small, Inlines: Text(Clean(fmt.Sprintf(b.w("line.blanks"), strings.Join(a.Blanks, ", "))))})
		}
	}
	if len(Paragraphs(a.Rationale)) > 0 {
		b.label(b.w("heading.rationale"))
		b.paras(a.Rationale, Body)
	}
	if len(a.Evidence) > 0 {
		b.label(b.w("heading.evidence"))
		b.list(false, a.Evidence)
	}
	if len(a.KPIs) > 0 {
		b.label(b.w("heading.kpis"))
		b.add(b.kpis(a.KPIs, fmt.Sprintf("%d. %s", a.Number, askTitle(a))))
	}
	if q := a.Question; q != nil {
		b.label(b.w("heading.question"))
		b.question(q)
	}
	b.legal(a)
	if len(a.Related) > 0 {
		b.label(b.w("heading.related"))
		l := List{}
		for _, r := range a.Related {
			if r.Number > 0 {
				l.Items = append(l.Items, []Inline{{Text: Clean(fmt.Sprintf(b.w("line.related"), r.Number, r.Title)), Link: "#" + AskID(r.Number)}})
			} else {
				l.Items = append(l.Items, Text(Clean(fmt.Sprintf(b.w("line.related_absent"), r.Title))))
			}
		}
		b.add(l)
	}
	if pp := b.pages(a.ToolkitPages); pp != "" {
		b.label(b.w("heading.toolkit"))
		b.add(Paragraph{Inlines: Text(pp)})
	}
	if l := b.cited(a.Sources); len(l.Items) > 0 {
		b.label(b.w("heading.sources"))
		b.add(l)
	}
}

// OutcomeLabel names what an ask won, or says no outcome is recorded.
func OutcomeLabel(w model.Words, o *model.Outcome) string {
	if o == nil {
		return Clean(w.Get("monitor.outcome.none"))
	}
	return Clean(w.Get("monitor.outcome." + o.Result))
}

// outcome sets out what the ask won, when the profile records outcomes:
// the result and the contract clause, the wording agreed when it was
// amended, the reason given when it was refused.
func (b *builder) outcome(a *model.Ask) {
	if !b.p.Outcomes {
		return
	}
	line := []string{fmt.Sprintf(b.w("line.outcome"), OutcomeLabel(b.p.Words, a.Outcome))}
	if o := a.Outcome; o != nil && o.Clause != "" {
		line = append(line, fmt.Sprintf(b.w("line.contract_clause"), o.Clause))
	}
	b.add(Paragraph{Inlines: []Inline{{Text: Clean(strings.Join(line, " · ")), Strong: true}}})
	switch o := a.Outcome; {
	case o == nil:
	case o.Result == model.Amended && len(Paragraphs(o.Wording)) > 0:
		b.label(b.w("heading.agreed"))
		b.add(Note{Kind: Wording, Label: Clean(b.w("heading.agreed")), Blocks: Wordings(o.Wording)})
	case o.Result == model.Refused && o.Reason != "":
		b.add(Paragraph{Inlines: Text(Clean(fmt.Sprintf(b.w("line.reason"), o.Reason)))})
	}
}

// kpis returns an ask's measures as a table.
func (b *builder) kpis(ks []model.KPI, of string) Table {
	t := Table{
		Caption: Clean(fmt.Sprintf(b.asksW("line.kpi_caption"), of)),
		Header:  []string{Clean(b.asksW("kpi.measure")), Clean(b.asksW("kpi.unit")), Clean(b.asksW("kpi.target")), Clean(b.asksW("kpi.frequency"))},
		Widths:  []int{46, 14, 20, 20},
	}
	for _, k := range ks {
		t.Rows = append(t.Rows, Row{Cells: [][]Inline{
			Text(Clean(k.Name)), Text(Clean(k.Unit)), Text(Clean(k.Target)),
			Text(Clean(cmp.Or(b.p.Words.Text["asks.frequency."+k.Frequency], k.Frequency))),
		}})
	}
	return t
}

func (b *builder) question(q *model.Question) {
	ref := strings.Trim(strings.TrimSpace(Clean(q.Ref)+" · "+Clean(cmp.Or(b.p.Terms.KindLabels[q.Kind], q.Kind))), "· ")
	if ref != "" {
		b.add(Paragraph{Style: Small, Inlines: []Inline{{Text: ref, Strong: true}}})
	}
	b.paras(q.Text, Body)
	if len(Paragraphs(q.Guidance)) > 0 {
		b.label(b.w("heading.guidance"))
		b.paras(q.Guidance, Body)
	}
	var facts []string
	if q.Scale != nil && q.Scale.Title != "" {
		facts = append(facts, fmt.Sprintf(b.w("line.scale"), q.Scale.Title))
	}
	if q.Weight != 0 {
		facts = append(facts, fmt.Sprintf(b.w("line.weight"), model.Num(q.Weight)))
	}
	if q.PassMark != nil {
		facts = append(facts, fmt.Sprintf(b.w("line.pass_mark"), model.Num(*q.PassMark)))
	}
	if len(facts) > 0 {
		b.add(Paragraph{Style: Small, Inlines: Text(Clean(strings.Join(facts, " · ")))})
	}
}

// legal sets out the legal basis, the status and the caution.
func (b *builder) legal(a *model.Ask) {
	status := Clean(cmp.Or(b.p.Terms.StatusLabels[a.Status], a.Status))
	caution := paragraphs(a.Caution)
	if len(Paragraphs(a.LegalBasis)) == 0 && status == "" && len(caution) == 0 {
		return
	}
	b.label(b.w("heading.legal"))
	b.paras(a.LegalBasis, Body)
	if status != "" {
		b.add(Paragraph{Style: Small, Inlines: []Inline{{Text: Clean(fmt.Sprintf(b.w("line.status"), status)), Strong: true}}})
	}
	if len(caution) > 0 {
		b.add(Note{Kind: Caution, Label: Clean(b.w("heading.caution")), Blocks: caution})
	}
}

// paragraphs returns the paragraphs of s as blocks.
func paragraphs(s string) []Block {
	var out []Block
	for _, t := range Paragraphs(s) {
		out = append(out, Paragraph{Inlines: Text(t)})
	}
	return out
}

var numberedPara = regexp.MustCompile(`^(\d{1,2})\. (.+)$`)

// Wordings returns requirement wording as blocks: its paragraphs, with a
// run of numbered paragraphs ("1. The Contractor shall…") as a numbered
// list. A run numbered other than 1, 2, 3… stays as paragraphs, so no
// number printed in the library is changed.
func Wordings(s string) []Block {
	var out []Block
	ps := Paragraphs(s)
	for i := 0; i < len(ps); {
		j := i
		for j < len(ps) {
			m := numberedPara.FindStringSubmatch(ps[j])
			if m == nil || m[1] != strconv.Itoa(j-i+1) {
				break
			}
			j++
		}
		if j > i {
			l := List{Ordered: true}
			for _, p := range ps[i:j] {
				l.Items = append(l.Items, Text(numberedPara.FindStringSubmatch(p)[2]))
			}
			out = append(out, l)
			i = j
			continue
		}
		out = append(out, Paragraph{Inlines: Text(ps[i])})
		i++
	}
	return out
}

// cited lists sources as an ask cites them, each numbered as its work is
// in Part 3 and linked to it.
func (b *builder) cited(srcs []model.Source) List {
	l := List{}
	for _, s := range srcs {
		t := cmp.Or(Clean(s.Title), Clean(s.URL))
		if t == "" {
			continue
		}
		if s.Work > 0 && s.Work <= len(b.p.Works) {
			l.Items = append(l.Items, []Inline{{Text: "[" + strconv.Itoa(s.Work) + "]", Link: "#" + workID(s.Work)}, {Text: " " + t}})
		} else {
			l.Items = append(l.Items, Text(t))
		}
	}
	return l
}

// sources is Part 3: every work cited, once, in the order first cited,
// with its address and the asks that cite it.
func (b *builder) sources() {
	t := b.worksTable(func(_ int, w model.Work) []Inline {
		var out []Inline
		for i, n := range w.Cited {
			if i > 0 {
				out = append(out, Inline{Text: ", "})
			}
			out = append(out, Inline{Text: strconv.Itoa(n), Link: "#" + AskID(n)})
		}
		return out
	}, b.w("glance.cited"))
	if len(t.Rows) == 0 {
		return
	}
	b.add(Break{}, Heading{Level: 1, ID: idPart3, Text: Clean(b.w("part.sources"))})
	b.paras(b.w("sources_intro"), Body)
	b.add(t)
}

// worksTable lists the pack's works, each anchored by number, with the
// places that cite it as cited gives them under the heading citedBy.
func (b *builder) worksTable(cited func(n int, w model.Work) []Inline, citedBy string) Table {
	t := Table{
		Caption: Clean(b.asksW("part.sources")),
		Header:  []string{Clean(b.asksW("glance.number")), Clean(b.asksW("glance.work")), Clean(citedBy)},
		Widths:  []int{10, 70, 20},
	}
	for i, w := range b.p.Works {
		n := i + 1
		title, url := Clean(w.Title), Clean(w.URL)
		by := cited(n, w)
		if (title == "" && url == "") || len(by) == 0 {
			continue
		}
		work := Text(cmp.Or(title, url))
		if title != "" && url != "" {
			work = append(work, Inline{Text: " "}, Inline{Text: url, Link: webLink(url)})
		}
		t.Rows = append(t.Rows, Row{ID: workID(n), Cells: [][]Inline{Text("[" + strconv.Itoa(n) + "]"), work, by}})
	}
	return t
}

// webLink returns url if a reader could follow it as a web address, else
// "": only those are made links.
func webLink(url string) string {
	l := strings.ToLower(url)
	if (strings.HasPrefix(l, "https://") || strings.HasPrefix(l, "http://")) && !strings.ContainsAny(url, " \u00a0\u202f<>\"") {
		return url
	}
	return ""
}

// lever returns the label of a lever code, or the code if it has none.
func (b *builder) lever(code string) string { return cmp.Or(b.p.Terms.LeverLabels[code], code) }

// pages formats toolkit page numbers as "p. 15" or "pp. 15–17, 21".
func (b *builder) pages(ps []int) string {
	ps = slices.Compact(slices.Sorted(slices.Values(ps)))
	var parts []string
	for i := 0; i < len(ps); i++ {
		s := strconv.Itoa(ps[i])
		j := i
		for j+1 < len(ps) && ps[j+1] == ps[j]+1 {
			j++
		}
		if j-i >= 2 {
			s += "–" + strconv.Itoa(ps[j])
			i = j
		}
		parts = append(parts, s)
	}
	switch len(ps) {
	case 0:
		return ""
	case 1:
		return fmt.Sprintf(b.asksW("line.page"), parts[0])
	}
	return fmt.Sprintf(b.asksW("line.pages"), strings.Join(parts, ", "))
}
