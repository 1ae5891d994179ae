// Package evidence turns a completed contract-monitoring workbook, read by
// package monitor, into the re-tender evidence report: what was asked and
// what was won, each KPI's readings over time with their ratings, the
// workers' reports counted by ask, theme and status with the unresolved
// ones listed, and for each ask with problems the wording to ask for when
// the contract is let again. The report is a document tree (package doc),
// which the PDF, DOCX and HTML writers print alike.
package evidence

import (
	"cmp"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/goldenthread/goldenthread/internal/model"
	"github.com/goldenthread/goldenthread/internal/monitor"
	"github.com/goldenthread/goldenthread/internal/render/doc"
)

// Status positions in monitor's list of statuses (templates' statuses):
// open, raised, resolved, unresolved.
const (
	statusOpen = iota
	statusRaised
	statusResolved
	statusUnresolved
)

// MaxProblems is how many of the workbook's problems the report lists.
const MaxProblems = 50

// Counts are the report's counts, worked out once from the workbook's
// entries; tests compare them with their own count of the cells filled.
type Counts struct {
	// Ratings counts the KPI readings (periodic and events) by rating, in
	// the scale's order.
	Ratings []int
	// Missing counts the periodic readings with neither value nor rating.
	Missing int
	// ByAsk counts workers' reports by ask number (0: none chosen) and
	// status position (as Meta.Statuses, then -1 for none given at the
	// end); Affected sums the workers affected by ask.
	ByAsk    map[int][]int
	Affected map[int]int
	// Poor counts, by ask number, readings rated below target (the scale's
	// third and fourth ratings).
	Poor map[int]int
}

// Count counts r's entries.
func Count(r *monitor.Result) Counts {
	m := &r.Meta
	c := Counts{Ratings: make([]int, len(m.Ratings)), ByAsk: map[int][]int{}, Affected: map[int]int{}, Poor: map[int]int{}}
	rate := func(ask int, rating string) {
		i := slices.Index(m.Ratings, rating)
		if i < 0 {
			return
		}
		c.Ratings[i]++
		if i == 2 || i == 3 {
			c.Poor[ask]++
		}
	}
	for _, k := range r.KPIs {
		for _, rd := range k.Readings {
			if rd.Value == "" && rd.Rating == "" {
				c.Missing++
			}
			rate(k.Ask, rd.Rating)
		}
	}
	for _, e := range r.Events {
		if e.KPI >= 0 && e.KPI < len(r.KPIs) {
			rate(r.KPIs[e.KPI].Ask, e.Rating)
		}
	}
	for _, rep := range r.Reports {
		row := c.ByAsk[rep.Ask]
		if row == nil {
			row = make([]int, len(m.Statuses)+1)
			c.ByAsk[rep.Ask] = row
		}
		if i := slices.Index(m.Statuses, rep.Status); i >= 0 {
			row[i]++
		} else {
			row[len(m.Statuses)]++
		}
		c.Affected[rep.Ask] += rep.Affected
	}
	return c
}

// Usable returns r without the entries its problems are in: a reading, an
// event or a report on a row with a problem is left out of the report, as
// the report says, until it is put right. r itself is not changed.
func Usable(r *monitor.Result) *monitor.Result {
	if len(r.Problems) == 0 {
		return r
	}
	bad := map[string]bool{} // "Sheet\x00row"
	for _, p := range r.Problems {
		bad[p.Sheet+"\x00"+strings.TrimLeft(p.Cell, "ABCDEFGHIJKLMNOPQRSTUVWXYZ$")] = true
	}
	at := func(sheet string, row int) bool { return bad[sheet+"\x00"+strconv.Itoa(row)] }
	out := *r
	out.KPIs = make([]monitor.KPI, len(r.KPIs))
	for i, k := range r.KPIs {
		k.Readings = slices.Clone(k.Readings)
		for j, rd := range k.Readings {
			sheet, cell, _ := strings.Cut(rd.Cell, "!")
			if at(strings.Trim(sheet, "'"), rowOf(cell)) {
				k.Readings[j] = monitor.Reading{Period: rd.Period, Cell: rd.Cell}
			}
		}
		out.KPIs[i] = k
	}
	out.Events = slices.DeleteFunc(slices.Clone(r.Events), func(e monitor.Event) bool { return at(monitor.Events, e.Row) })
	out.Reports = slices.DeleteFunc(slices.Clone(r.Reports), func(rep monitor.Report) bool { return at(monitor.Reports, rep.Row) })
	return &out
}

// rowOf returns the row of a cell reference such as "J12", or 0.
func rowOf(cell string) int {
	n, _ := strconv.Atoi(strings.TrimLeft(cell, "ABCDEFGHIJKLMNOPQRSTUVWXYZ$"))
	return n
}

// status returns how many reports of an ask have the status at position i.
func (c Counts) status(ask, i int) int {
	if row := c.ByAsk[ask]; i >= 0 && i < len(row) {
		return row[i]
	}
	return 0
}

// Build returns the evidence report for r, in the wording of w (templates'
// evidence.* and monitor.* texts), dated date.
func Build(r *monitor.Result, w model.Words, date time.Time) *doc.Document {
	r = Usable(r)
	b := &builder{r: r, w: w, c: Count(r), asks: map[int]*monitor.Ask{}}
	for i := range r.Meta.Asks {
		b.asks[r.Meta.Asks[i].Number] = &r.Meta.Asks[i]
	}
	m := &r.Meta
	b.d.Meta = doc.Meta{
		Title:    doc.Clean(b.t("title")),
		Subtitle: strings.Trim(doc.Clean(fmt.Sprintf(b.t("subtitle"), m.Employer, m.Procurement)), ": "),
		Subject:  doc.Clean(m.Procurement),
		Author:   doc.Clean(m.PreparedBy),
		Keywords: doc.Clean(strings.Join(slices.DeleteFunc([]string{m.Employer, m.Reference, m.ContractRef, m.Supplier}, func(s string) bool { return s == "" }), "; ")),
		Creator:  doc.Clean(strings.TrimSpace("goldenthread " + m.Tool)),
		Lang:     "en-GB",
		Date:     date,
		Kind:     "evidence",
		Skip:     doc.Clean(b.t("skip")),
	}
	b.problems()
	b.facts(date)
	b.add(doc.Contents{Title: doc.Clean(b.t("contents")), Depth: 2})
	b.won()
	b.kpis()
	b.reports()
	b.retender()
	return &b.d
}

type builder struct {
	r    *monitor.Result
	w    model.Words
	c    Counts
	d    doc.Document
	asks map[int]*monitor.Ask
}

func (b *builder) add(bl ...doc.Block) { b.d.Blocks = append(b.d.Blocks, bl...) }

// t returns the report's wording at key.
func (b *builder) t(key string) string { return b.w.Get("evidence." + key) }

func (b *builder) list(key string) []string {
	out := make([]string, 0, len(b.w.List("evidence."+key)))
	for _, s := range b.w.List("evidence." + key) {
		out = append(out, doc.Clean(s))
	}
	return out
}

func (b *builder) paras(s string, st doc.Style) {
	for _, p := range doc.Paragraphs(s) {
		b.add(doc.Paragraph{Style: st, Inlines: doc.Text(p)})
	}
}

// count words a count: one and many are worded apart.
func (b *builder) count(key string, n int) string {
	if n == 1 {
		return doc.Clean(b.t(key + "_one"))
	}
	return doc.Clean(fmt.Sprintf(b.t(key), n))
}

// problems lists the workbook's problems first, marking the report
// incomplete.
func (b *builder) problems() {
	ps := b.r.Problems
	if len(ps) == 0 {
		return
	}
	l := doc.List{}
	for i, p := range ps {
		if i == MaxProblems {
			l.Items = append(l.Items, doc.Text(doc.Clean(fmt.Sprintf(b.t("incomplete_more"), len(ps)-MaxProblems))))
			break
		}
		l.Items = append(l.Items, doc.Text(doc.Clean(p.String())))
	}
	b.add(doc.Note{Kind: doc.Caution, Label: doc.Clean(b.t("incomplete")), Blocks: []doc.Block{
		doc.Paragraph{Inlines: doc.Text(doc.Clean(b.t("incomplete_intro")))}, l,
	}})
}

func (b *builder) facts(date time.Time) {
	m := &b.r.Meta
	f := doc.Facts{}
	fact := func(label, value string) {
		if v := doc.Clean(value); v != "" {
			f.Items = append(f.Items, doc.Fact{Label: doc.Clean(label), Value: doc.Text(v)})
		}
	}
	fact(b.t("fact.employer"), m.Employer)
	fact(b.t("fact.procurement"), m.Procurement)
	fact(b.t("fact.reference"), m.Reference)
	fact(b.t("fact.supplier"), m.Supplier)
	fact(b.t("fact.contract"), m.ContractRef)
	if !m.Start.IsZero() {
		fact(b.t("fact.term_label"), fmt.Sprintf(b.t("fact.term"), doc.LongDate(m.Start), doc.LongDate(m.End())))
	}
	fact(b.t("fact.date"), doc.LongDate(date))
	b.add(f)
	b.paras(b.t("intro"), doc.Body)
}

// askLabel is "12. Title", or the words for no ask.
func (b *builder) askLabel(n int) string {
	if a := b.asks[n]; a != nil {
		return doc.Clean(a.Label())
	}
	return doc.Clean(b.t("reports.no_ask"))
}

func (b *builder) outcome(o string) string {
	return doc.Clean(b.w.Get("monitor.outcome." + cmp.Or(o, "none")))
}

// won compares what was asked with what was won.
func (b *builder) won() {
	m := &b.r.Meta
	b.add(doc.Heading{Level: 1, ID: "won", Text: doc.Clean(b.t("won.heading"))})
	if m.Outcomes {
		b.paras(b.t("won.intro"), doc.Body)
	} else {
		b.paras(b.t("won.not_recorded"), doc.Body)
	}
	t := doc.Table{Caption: doc.Clean(b.t("won.heading")), Header: b.list("won.headers"), Widths: []int{8, 57, 17, 18}}
	for _, a := range m.Asks {
		row := doc.Row{Cells: [][]doc.Inline{
			doc.Text(strconv.Itoa(a.Number)), doc.Text(doc.Clean(a.Title)), doc.Text(b.outcome(a.Outcome)), doc.Text(doc.Clean(a.Clause)),
		}}
		if a.Outcome == "refused" {
			row.Tones = []doc.Tone{doc.None, doc.None, doc.Bad}
		}
		t.Rows = append(t.Rows, row)
	}
	b.add(t)
}

// tone is the shade of a rating: good to bad in the scale's order, its
// last rating (other, not rated) neutral.
func (b *builder) tone(rating string) doc.Tone {
	switch i := slices.Index(b.r.Meta.Ratings, rating); {
	case i < 0:
		return doc.None
	case i == len(b.r.Meta.Ratings)-1:
		return doc.Neutral
	case i <= 3:
		return []doc.Tone{doc.Good, doc.Fair, doc.Poor, doc.Bad}[i]
	}
	return doc.Neutral
}

// kpis sets out every KPI's readings over time, ask by ask.
func (b *builder) kpis() {
	r, m := b.r, &b.r.Meta
	b.add(doc.Heading{Level: 1, ID: "kpis", Text: doc.Clean(b.t("kpis.heading"))})
	if len(r.KPIs) == 0 {
		b.paras(b.t("kpis.none"), doc.Body)
		return
	}
	b.paras(b.t("kpis.intro"), doc.Body)
	b.paras(m.ScaleNote, doc.Small)
	totals := doc.Table{Caption: doc.Clean(b.t("kpis.totals_caption")), Header: b.list("kpis.totals_headers"), Widths: []int{70, 30}}
	for i, rating := range m.Ratings {
		totals.Rows = append(totals.Rows, doc.Row{
			Cells: [][]doc.Inline{doc.Text(doc.Clean(rating)), doc.Text(strconv.Itoa(b.c.Ratings[i]))},
			Tones: []doc.Tone{b.tone(rating)},
		})
	}
	totals.Rows = append(totals.Rows, doc.Row{Cells: [][]doc.Inline{doc.Text(doc.Clean(b.t("kpis.not_reported"))), doc.Text(strconv.Itoa(b.c.Missing))}})
	b.add(totals)
	ask := -1
	for i, k := range r.KPIs {
		if k.Ask != ask {
			ask = k.Ask
			b.add(doc.Heading{Level: 2, ID: "kpis-ask-" + strconv.Itoa(ask), Text: b.askLabel(ask)})
		}
		b.kpi(i, k)
	}
}

func (b *builder) kpi(i int, k monitor.KPI) {
	caption := doc.Clean(fmt.Sprintf(b.t("kpis.caption"), k.Name, k.Unit, k.Target, b.w.Get("asks.frequency."+k.Frequency)))
	if k.Frequency == monitor.OnEvent {
		t := doc.Table{Caption: caption, Header: b.list("kpis.event_headers"), Widths: []int{18, 20, 22, 40}}
		var evs []monitor.Event
		for _, e := range b.r.Events {
			if e.KPI == i {
				evs = append(evs, e)
			}
		}
		// In the order they happened, as logged on the same day.
		slices.SortStableFunc(evs, func(x, y monitor.Event) int { return x.Date.Compare(y.Date) })
		for _, e := range evs {
			t.Rows = append(t.Rows, b.reading(doc.LongDate(e.Date), e.Value, e.Rating, e.Note))
		}
		b.table(t)
		return
	}
	t := doc.Table{Caption: caption, Header: b.list("kpis.headers"), Widths: []int{22, 20, 22, 36}}
	missing := 0
	for _, rd := range k.Readings {
		if rd.Value == "" && rd.Rating == "" && rd.Note == "" {
			missing++
			continue
		}
		t.Rows = append(t.Rows, b.reading(b.r.Meta.Labels.Label(rd.Period, k.Frequency), rd.Value, rd.Rating, rd.Note))
	}
	b.table(t)
	if missing > 0 && len(t.Rows) > 0 {
		b.add(doc.Paragraph{Style: doc.Small, Inlines: doc.Text(b.count("kpis.missing", missing))})
	}
}

// table adds t, or says there is nothing to put in it.
func (b *builder) table(t doc.Table) {
	if len(t.Rows) == 0 {
		b.add(doc.Paragraph{Style: doc.Label, Inlines: doc.Text(t.Caption)})
		b.add(doc.Paragraph{Style: doc.Small, Inlines: doc.Text(doc.Clean(b.t("kpis.no_readings")))})
		return
	}
	b.add(t)
}

func (b *builder) reading(when, value, rating, note string) doc.Row {
	return doc.Row{
		Cells: [][]doc.Inline{doc.Text(doc.Clean(when)), doc.Text(doc.Clean(value)), doc.Text(doc.Clean(rating)), doc.Text(doc.Clean(note))},
		Tones: []doc.Tone{doc.None, doc.None, b.tone(rating)},
	}
}

// reports counts the workers' reports by ask, theme and status and lists
// the unresolved ones.
func (b *builder) reports() {
	r, m := b.r, &b.r.Meta
	b.add(doc.Heading{Level: 1, ID: "reports", Text: doc.Clean(b.t("reports.heading"))})
	if len(r.Reports) == 0 {
		b.paras(b.t("reports.none"), doc.Body)
		return
	}
	affected := 0
	for _, n := range b.c.Affected {
		affected += n
	}
	b.paras(fmt.Sprintf(b.t("reports.intro"), len(r.Reports), affected), doc.Body)

	header := func(first string) []string {
		h := []string{doc.Clean(first)}
		for _, s := range m.Statuses {
			h = append(h, doc.Clean(s))
		}
		return append(h, doc.Clean(b.t("reports.total")), doc.Clean(b.t("reports.affected")))
	}
	widths := func() []int {
		w := []int{40}
		for range m.Statuses {
			w = append(w, 60/(len(m.Statuses)+2))
		}
		return append(w, 60/(len(m.Statuses)+2), 60/(len(m.Statuses)+2))
	}
	row := func(label string, counts []int, affected int) doc.Row {
		cells := [][]doc.Inline{doc.Text(label)}
		total := 0
		for i := range m.Statuses {
			n := 0
			if i < len(counts) {
				n = counts[i]
			}
			total += n
			cells = append(cells, doc.Text(strconv.Itoa(n)))
		}
		if len(counts) > len(m.Statuses) {
			total += counts[len(m.Statuses)]
		}
		return doc.Row{Cells: append(cells, doc.Text(strconv.Itoa(total)), doc.Text(strconv.Itoa(affected)))}
	}
	byAsk := doc.Table{Caption: doc.Clean(b.t("reports.by_ask")), Header: header(b.t("reports.ask")), Widths: widths()}
	themes := map[string][]int{}
	themeAffected := map[string]int{}
	var themeOrder []string
	for _, n := range slices.Sorted(maps.Keys(b.c.ByAsk)) {
		byAsk.Rows = append(byAsk.Rows, row(b.askLabel(n), b.c.ByAsk[n], b.c.Affected[n]))
		theme := doc.Clean(b.t("reports.no_ask"))
		if a := b.asks[n]; a != nil {
			theme = doc.Clean(a.Theme)
		}
		if themes[theme] == nil {
			themes[theme] = make([]int, len(m.Statuses)+1)
			themeOrder = append(themeOrder, theme)
		}
		for i, v := range b.c.ByAsk[n] {
			themes[theme][i] += v
		}
		themeAffected[theme] += b.c.Affected[n]
	}
	b.add(byAsk)
	byTheme := doc.Table{Caption: doc.Clean(b.t("reports.by_theme")), Header: header(b.t("reports.theme")), Widths: widths()}
	slices.Sort(themeOrder)
	for _, th := range themeOrder {
		byTheme.Rows = append(byTheme.Rows, row(th, themes[th], themeAffected[th]))
	}
	b.add(byTheme)

	b.add(doc.Heading{Level: 2, ID: "unresolved", Text: doc.Clean(b.t("reports.unresolved"))})
	t := doc.Table{Caption: doc.Clean(b.t("reports.unresolved")), Header: b.list("reports.unresolved_headers"), Widths: []int{10, 12, 12, 22, 8, 11, 15, 10}}
	for _, rep := range r.Reports {
		if slices.Index(m.Statuses, rep.Status) != statusUnresolved {
			continue
		}
		t.Rows = append(t.Rows, doc.Row{Cells: [][]doc.Inline{
			doc.Text(doc.LongDate(rep.Date)), doc.Text(b.askLabel(rep.Ask)), doc.Text(doc.Clean(rep.Site)), doc.Text(doc.Clean(rep.What)),
			doc.Text(strconv.Itoa(rep.Affected)), doc.Text(doc.Clean(rep.RaisedWith)), doc.Text(doc.Clean(rep.Response)), doc.Text(doc.Clean(rep.Evidence)),
		}})
	}
	if len(t.Rows) == 0 {
		b.paras(b.t("reports.unresolved_none"), doc.Body)
		return
	}
	b.paras(b.t("reports.unresolved_intro"), doc.Body)
	b.add(t)
}

// retender proposes, for each ask with problems, the wording to ask for
// when the contract is let again: its stronger re-tender wording where
// the library has one, else the requirement again.
func (b *builder) retender() {
	b.add(doc.Heading{Level: 1, ID: "retender", Text: doc.Clean(b.t("retender.heading"))})
	found := false
	for _, a := range b.r.Meta.Asks {
		why := b.why(&a)
		if len(why) == 0 {
			continue
		}
		if !found {
			b.paras(b.t("retender.intro"), doc.Body)
			found = true
		}
		b.add(doc.Heading{Level: 2, ID: "retender-" + strconv.Itoa(a.Number), Text: doc.Clean(a.Label())})
		b.add(doc.Paragraph{Style: doc.Small, Inlines: doc.Text(doc.Clean(strings.Join(why, "; ")))})
		wording, label := a.Retender, b.t("retender.stronger")
		if len(doc.Paragraphs(wording)) == 0 {
			wording, label = a.Requirement, b.t("retender.again")
		}
		if blocks := doc.Wordings(wording); len(blocks) > 0 {
			b.add(doc.Note{Kind: doc.Wording, Label: doc.Clean(label), Blocks: blocks})
		}
	}
	if !found {
		b.paras(b.t("retender.none"), doc.Body)
	}
}

// why says why an ask needs attention at re-tender, or nothing when it
// does not.
func (b *builder) why(a *monitor.Ask) []string {
	var out []string
	if n := b.c.Poor[a.Number]; n > 0 {
		out = append(out, b.count("retender.poor", n))
	}
	if n := b.c.status(a.Number, statusUnresolved); n > 0 {
		out = append(out, b.count("retender.unresolved", n))
	}
	if n := b.c.status(a.Number, statusOpen) + b.c.status(a.Number, statusRaised); n > 0 && len(out) > 0 {
		out = append(out, b.count("retender.open", n))
	}
	if a.Outcome == "refused" {
		out = append(out, doc.Clean(b.t("retender.refused")))
	}
	return out
}
