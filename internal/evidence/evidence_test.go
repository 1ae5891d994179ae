package evidence_test

import (
	"bytes"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/goldenthread/goldenthread/internal/evidence"
	"github.com/goldenthread/goldenthread/internal/gtest"
	"github.com/goldenthread/goldenthread/internal/monitor"
	"github.com/goldenthread/goldenthread/internal/monitor/monitortest"
	"github.com/goldenthread/goldenthread/internal/render/doc"
	"github.com/goldenthread/goldenthread/internal/render/xlsx"
)

// filled writes an example's monitoring workbook, fills every input cell
// at random, and reads it back, returning what was filled as counted from
// the cells.
func filled(t *testing.T, name string, seed uint64) (*monitor.Result, monitortest.Counts) {
	t.Helper()
	p := gtest.Example(t, name)
	var b bytes.Buffer
	if err := xlsx.Monitoring(&b, p); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&b)
	if err != nil {
		t.Fatal(err)
	}
	rows, err := f.GetRows("_goldenthread-monitoring")
	if err != nil {
		t.Fatal(err)
	}
	m, err := monitor.Decode(rows)
	if err != nil {
		t.Fatal(err)
	}
	want := monitortest.Fill(t, f, m, seed)
	var out bytes.Buffer
	if err := f.Write(&out); err != nil {
		t.Fatal(err)
	}
	r, err := monitor.Read(bytes.NewReader(out.Bytes()), int64(out.Len()))
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Problems) > 0 {
		t.Fatalf("a workbook filled with valid entries has problems: %v", r.Problems)
	}
	return r, want
}

// TestCounts checks the report's counts against the test's own count of
// the cells it filled: readings by rating, reports by ask and status.
func TestCounts(t *testing.T) {
	for _, name := range []string{"strathmore-catering", "midshire-highways"} {
		t.Run(name, func(t *testing.T) {
			r, want := filled(t, name, 7)
			c := evidence.Count(r)
			byRating := map[string]int{}
			for _, per := range want.Ratings {
				for rating, n := range per {
					byRating[rating] += n
				}
			}
			events := 0
			for _, e := range r.Events {
				if e.Rating != "" {
					events++
				}
			}
			total := 0
			for i, rating := range r.Meta.Ratings {
				total += c.Ratings[i]
				if got := c.Ratings[i]; got < byRating[rating] {
					t.Errorf("%d readings rated %q; the test filled at least %d", got, rating, byRating[rating])
				}
			}
			filledTotal := 0
			for _, n := range byRating {
				filledTotal += n
			}
			if total != filledTotal+events {
				t.Errorf("%d readings counted; the test filled %d and %d events", total, filledTotal, events)
			}
			for _, a := range r.Meta.Asks {
				for i, st := range r.Meta.Statuses {
					if got, want := statusCount(c, a.Number, i), want.Reports[a.Label()][st]; got != want {
						t.Errorf("ask %d: %d reports %s; the test filled %d", a.Number, got, st, want)
					}
				}
			}
		})
	}
}

func statusCount(c evidence.Counts, ask, i int) int {
	if row := c.ByAsk[ask]; i < len(row) {
		return row[i]
	}
	return 0
}

// TestBuild checks the report's contents for a filled workbook: every
// unresolved report listed and no other, and every ask with a reading
// below target, an unresolved report or a refusal given wording for the
// re-tender, its stronger wording where the library has one.
func TestBuild(t *testing.T) {
	r, _ := filled(t, "strathmore-catering", 3)
	d := evidence.Build(r, gtest.Words(), gtest.Now)
	text := dump(d)
	for _, rep := range r.Reports {
		unresolved := rep.Status == r.Meta.Statuses[3]
		if got := strings.Contains(text, "| "+rep.Evidence+" |") || strings.HasSuffix(strings.TrimSpace(text), rep.Evidence); got != unresolved {
			t.Errorf("report %s (%s) listed among the unresolved: %v", rep.Evidence, rep.Status, got)
		}
	}
	c := evidence.Count(r)
	for _, a := range r.Meta.Asks {
		needs := c.Poor[a.Number] > 0 || statusCount(c, a.Number, 3) > 0 || a.Outcome == "refused"
		heading := "## " + a.Label()
		if got := strings.Contains(text, heading+"\n(small)"); got != needs {
			t.Errorf("ask %d is proposed for the re-tender: %v; want %v", a.Number, got, needs)
		}
		if ps := doc.Paragraphs(a.Retender); needs && len(ps) > 0 {
			first := strings.TrimLeft(ps[0], "0123456789. ")
			if !strings.Contains(text, first[:min(40, len(first))]) {
				t.Errorf("ask %d's re-tender wording is not proposed", a.Number)
			}
		}
	}
	if !strings.Contains(text, "Refused") {
		t.Error("the refused ask is not shown as refused")
	}
}

// TestIncomplete checks a workbook with problems gives a report marked
// incomplete, listing each problem's cell.
func TestIncomplete(t *testing.T) {
	r, _ := filled(t, "strathmore-catering", 1)
	r.Problems = []monitor.Problem{{Sheet: "Workers' reports", Cell: "I9", Msg: "not a status on the list"}}
	text := dump(evidence.Build(r, gtest.Words(), gtest.Now))
	if !strings.Contains(text, "Incomplete") || !strings.Contains(text, "'Workers'' reports'!I9: not a status on the list") {
		t.Errorf("the report is not marked incomplete with the problem's cell:\n%s", text[:min(len(text), 600)])
	}
}

// dump writes the tree's text a block a line, "## " before level-2
// headings and "(small)" before small paragraphs, table cells between
// bars.
func dump(d *doc.Document) string {
	var b strings.Builder
	txt := func(in []doc.Inline) string {
		var s strings.Builder
		for _, x := range in {
			s.WriteString(x.Text)
		}
		return s.String()
	}
	var walk func([]doc.Block)
	walk = func(bs []doc.Block) {
		for _, bl := range bs {
			switch v := bl.(type) {
			case doc.Heading:
				b.WriteString(strings.Repeat("#", v.Level) + " " + v.Text + "\n")
			case doc.Paragraph:
				if v.Style == doc.Small {
					b.WriteString("(small) ")
				}
				b.WriteString(txt(v.Inlines) + "\n")
			case doc.List:
				for _, it := range v.Items {
					b.WriteString("- " + txt(it) + "\n")
				}
			case doc.Table:
				for _, r := range v.Rows {
					var cells []string
					for _, c := range r.Cells {
						cells = append(cells, txt(c))
					}
					b.WriteString("| " + strings.Join(cells, " | ") + " |\n")
				}
			case doc.Facts:
				for _, f := range v.Items {
					b.WriteString(f.Label + ": " + txt(f.Value) + "\n")
				}
			case doc.Note:
				b.WriteString(v.Label + "\n")
				walk(v.Blocks)
			}
		}
	}
	walk(d.Blocks)
	return b.String()
}

// TestUsable checks the entries on rows with problems are left out of the
// report, and nothing else: a reading's rating, an event, a report.
func TestUsable(t *testing.T) {
	r, _ := filled(t, "strathmore-catering", 5)
	var k int
	for k = range r.KPIs {
		if len(r.KPIs[k].Readings) > 0 {
			break
		}
	}
	rd := r.KPIs[k].Readings[0]
	_, cell, _ := strings.Cut(rd.Cell, "!")
	row := strings.TrimLeft(cell, "ABCDEFGHIJKLMNOPQRSTUVWXYZ")
	r.Problems = []monitor.Problem{
		{Sheet: monitor.KPISheet, Cell: "K" + row, Msg: "not a rating on the list"},
		{Sheet: monitor.Reports, Cell: "I" + strconv.Itoa(r.Reports[0].Row), Msg: "not a status"},
	}
	if len(r.Events) > 0 {
		r.Problems = append(r.Problems, monitor.Problem{Sheet: monitor.Events, Cell: "A" + strconv.Itoa(r.Events[0].Row), Msg: "outside the term"})
	}
	u := evidence.Usable(r)
	if got := u.KPIs[k].Readings[0]; got.Rating != "" || got.Value != "" {
		t.Errorf("the reading at %s is kept: %+v", rd.Cell, got)
	}
	if u.KPIs[k].Readings[1].Rating == "" && r.KPIs[k].Readings[1].Rating != "" {
		t.Error("a reading on a row without a problem is left out")
	}
	if len(u.Reports) != len(r.Reports)-1 || u.Reports[0].Row == r.Reports[0].Row {
		t.Error("the report with a problem is kept")
	}
	if len(r.Events) > 0 && (len(u.Events) != len(r.Events)-1 || u.Events[0].Row == r.Events[0].Row) {
		t.Error("the event with a problem is kept")
	}
	if len(r.Reports) != len(u.Reports)+1 {
		t.Error("Usable changed the result it was given")
	}
}
