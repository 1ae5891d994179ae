package grid

import (
	"slices"
	"strings"
	"testing"
)

func TestSheetNames(t *testing.T) {
	in := []string{
		"Siân Ŵyn", "O'Brien", "=cmd|' /C calc'!A0", "Guide", "guide", "summary",
		"A very long evaluator name that runs past thirty-one characters",
		"A very long evaluator name that runs past thirty-one characters",
		"Ann: B/C? *[x]", "'quoted'", "+44 Ltd", "", "History", "Ŵyn", "ŵYN",
		"   ", "''", "Ŵ" + strings.Repeat("𝔸", 20),
		"Procurement lead (Gwenllïan ap Rhys-Prydderch)", "Procurement lead (Gwenllïan ap Rhys-Prydderch)",
		"Social value officer, Highways and Transport Directorate (interim)",
	}
	want := []string{
		"Siân Ŵyn", "O'Brien", "=cmd|' -C calc'!A0", "Guide (2)", "guide (3)", "summary (2)",
		"A very long evaluator name…",
		"A very long evaluator name… (2)",
		"Ann- B-C- --x-", "quoted", "+44 Ltd", "Evaluator 12", "History (2)", "Ŵyn", "ŵYN (2)",
		"Evaluator 16", "Evaluator 17", "Ŵ" + strings.Repeat("𝔸", 14) + "…",
		// The part in brackets names the person.
		"Gwenllïan ap Rhys-Prydderch", "Gwenllïan ap Rhys-Prydderch (2)",
		"Social value officer, Highways…",
	}
	got := SheetNames(in)
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("SheetNames(%q)[%d] = %q; want %q", in[i], i, got[i], want[i])
		}
		if msg := CheckSheetName(got[i]); msg != "" {
			t.Errorf("sheet name %q %s", got[i], msg)
		}
		for j := range i {
			if strings.EqualFold(got[i], got[j]) {
				t.Errorf("sheet names %d and %d are both %q", j, i, got[i])
			}
		}
	}
}

func TestQuoteSheet(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"Moderation", "Moderation"},
		{"O'Brien", "'O''Brien'"},
		{"Siân Ŵyn", "'Siân Ŵyn'"},
		{"Q1", "'Q1'"},
		{"TRUE", "'TRUE'"},
		{"A B", "'A B'"},
		{"_goldenthread", "_goldenthread"},
		{"R", "'R'"},
	} {
		if got := QuoteSheet(tc.in); got != tc.want {
			t.Errorf("QuoteSheet(%q) = %q; want %q", tc.in, got, tc.want)
		}
	}
	if got, want := Ref("O'Brien", 4, 7), "'O''Brien'!D7"; got != want {
		t.Errorf("Ref = %q; want %q", got, want)
	}
}

func TestCol(t *testing.T) {
	for c, want := range map[int]string{1: "A", 26: "Z", 27: "AA", 52: "AZ", 53: "BA", 702: "ZZ", 703: "AAA"} {
		if got := Col(c); got != want {
			t.Errorf("Col(%d) = %q; want %q", c, got, want)
		}
	}
}

func small() *Meta {
	return &Meta{
		Tool: "1.0", Title: "T", DeclRow: 20,
		Panel:   []Evaluator{{"O'Brien", "O'Brien"}, {"Siân", "Siân"}},
		Bidders: []string{"A", "B"},
		Questions: []Question{
			{Ref: "Q1", Kind: Scored, Scale: "0-4", Points: []float64{0, 1, 2, 3, 4}, Weight: 100, PassMark: 2, HasPassMark: true, Flag: 2, Stage: StageAward},
			{Ref: "Q2", Kind: Information, Flag: 1, Stage: StageAward},
			{Ref: "Q3", Kind: PassFail, Scale: "pass-fail", Flag: 1, Stage: StageSelection},
		},
	}
}

func TestFormulas(t *testing.T) {
	want := map[string]string{
		"Moderation!E6": `IF('O''Brien'!D7="","",'O''Brien'!D7)`,
		"Moderation!F7": `IF('Siân'!F7="","",'Siân'!F7)`,
		"Moderation!G6": `IF(COUNT(E6:F6)=0,"",MIN(E6:F6))`,
		"Moderation!I6": `IF(COUNT(E6:F6)=0,"",MAX(E6:F6)-MIN(E6:F6))`,
		"Moderation!J6": `IF(I6="","",IF(I6>=2,"Discuss",""))`,
		"Moderation!M6": `IF(K6="","",K6/Questions!$H$4*Questions!$I$4)`,
		"Moderation!N6": `IF(K6="","",IF(K6<Questions!$J$4,"Below pass mark",""))`,
		"Moderation!E8": `IF('O''Brien'!D9="","",'O''Brien'!D9)`,
		"Moderation!I8": `IF(COUNTIF(E8:F8,"Pass")+COUNTIF(E8:F8,"Fail")=0,"",IF(COUNTIF(E8:F8,"Pass")*COUNTIF(E8:F8,"Fail")>0,1,0))`,
		"Moderation!N8": `IF(K8="Fail","Fail","")`,
		"Summary!C5":    `IF(D5>0,"incomplete",ROUND(SUMIF(Moderation!$C$6:$C$9,A5,Moderation!$M$6:$M$9),4))`,
		"Summary!D6":    `SUMPRODUCT((Moderation!$C$6:$C$9=A6)*(Moderation!$K$6:$K$9=""))`,
		"Summary!E5":    `SUMPRODUCT((Moderation!$C$6:$C$9=A5)*(Moderation!$N$6:$N$9<>""))`,
		"Summary!F5":    `IF(D5>0,"incomplete",IF(E5>0,"Fail","Pass"))`,
		"Summary!G6":    `IF(COUNTIF($F$5:$F$6,"incomplete")>0,"incomplete",IF(F6<>"Pass","",1+SUMPRODUCT(($F$5:$F$6="Pass")*($C$5:$C$6>C6))))`,
	}
	got := map[string]string{}
	m := small()
	m.Layout = "2" // the rows as layout 2 has them, without sections
	for _, f := range m.Formulas() {
		got[f.Sheet+"!"+Cell(f.Col, f.Row)] = f.Text
	}
	for ref, w := range want {
		if got[ref] != w {
			t.Errorf("formula %s = %q; want %q", ref, got[ref], w)
		}
	}
	// Pass/fail rows have no weighted score; scored rows without a pass
	// mark have no failed formula.
	if f, ok := got["Moderation!M8"]; ok {
		t.Errorf("Moderation!M8 = %q; want no formula", f)
	}
}

func TestSameFormula(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		same bool
	}{
		{`IF(A1="","",A1)`, `=if(a1 = "", "", a1)`, true},
		{`IF(A1="x","",A1)`, `IF(A1="X","",A1)`, false},
		{`'O''Brien'!D7`, `'o''brien'!D7`, false},
		{`SUM(A1:A3)`, `SUM(A1:A4)`, false},
	} {
		if got := SameFormula(tc.a, tc.b); got != tc.same {
			t.Errorf("SameFormula(%q, %q) = %v; want %v", tc.a, tc.b, got, tc.same)
		}
	}
}

func TestDecodeRoundTrip(t *testing.T) {
	for _, layout := range Layouts {
		m := small()
		m.Layout, m.SocialValue = layout, 20
		got, err := Decode(m.Rows())
		if err != nil {
			t.Fatalf("layout %s: Decode(Rows()) = %v", layout, err)
		}
		if len(got.Questions) != 3 || got.Questions[0].Max() != 4 || !got.Questions[0].HasPassMark || got.Panel[0].Sheet != "O'Brien" || got.DeclRow != 20 {
			t.Errorf("layout %s: Decode(Rows()) = %+v; want %+v", layout, got, m)
		}
		// Layout 2 records no weighting and has no ranking.
		if want := map[string]float64{"2": 0, "3": 20}[layout]; got.Layout != layout || got.SocialValue != want || got.Ranked() != (layout != "2") {
			t.Errorf("layout %s: Decode gives layout %q, social value %g, ranked %v", layout, got.Layout, got.SocialValue, got.Ranked())
		}
	}
}

// TestFormulasByLayout checks that a layout 2 grid is expected to hold
// exactly the formulas it was written with, and layout 3 the ranking's too.
func TestFormulasByLayout(t *testing.T) {
	m := small()
	m.Layout = "2"
	two := m.Formulas()
	m.Layout = "3"
	three := m.Formulas()
	m.SocialValue = 20
	shared := m.Formulas()
	// Layout 3 adds per bidder a position and a selection result (small has
	// a selection question), and a ranking row of four, and with a
	// weighting, of five.
	n := len(m.Bidders)
	if len(three) != len(two)+6*n || len(shared) != len(three)+n {
		t.Errorf("formulas: layout 2 %d, 3 %d, 3 with a weighting %d; want %d, %d and %d", len(two), len(three), len(shared), len(two), len(two)+6*n, len(two)+7*n)
	}
	for _, f := range two {
		if f.Sheet == Summary && f.Col >= SumOrder {
			t.Errorf("layout 2 has a ranking formula at %s", Ref(f.Sheet, f.Col, f.Row))
		}
	}
}

func TestDecodeErrors(t *testing.T) {
	edit := func(f func(rows [][]string) [][]string) [][]string {
		rows := small().Rows()
		rows = f(rows[:len(rows)-1])
		return append(rows, []string{"digest", Digest(rows)})
	}
	for _, tc := range []struct {
		name string
		rows [][]string
		want string
	}{
		{"empty", nil, `_goldenthread!A1: not a goldenthread grid record (want "goldenthread-grid" in A1)`},
		{"layout", [][]string{{Format, "1"}}, `_goldenthread!B1: grid layout "1"; this goldenthread reads layouts 2 and 3 (score the grid with the goldenthread version that made it)`},
		{"digest", func() [][]string { r := small().Rows(); r[1][1] = "9.9"; return r }(),
			`_goldenthread!B17: the record does not match its digest: the grid's layout was changed outside goldenthread`},
		{"social value", edit(func(r [][]string) [][]string { r[len(r)-1][1] = "120"; return r }),
			`_goldenthread!B16: social value weighting "120" is not a percentage above 0`},
		{"social value in layout 2", edit(func(r [][]string) [][]string {
			r[0][1] = "2"
			for i := range r {
				if r[i][0] == "question" {
					r[i] = r[i][:8] // layout 2 records no stage
				}
			}
			return r
		}),
			`_goldenthread!A16: unknown record "social_value"`},
		{"no digest", small().Rows()[:5], `_goldenthread!A5: the record has no digest row at its end`},
		{"bad sheet", edit(func(r [][]string) [][]string { r[8][2] = "a/b"; return r }),
			`_goldenthread!C9: sheet name "a/b" contains one of : \ / ? * [ ]`},
		{"same sheet", edit(func(r [][]string) [][]string { r[9][2] = "o'brien"; return r }),
			`_goldenthread!C10: sheet name "o'brien" is used twice`},
		{"bad kind", edit(func(r [][]string) [][]string { r[12][2] = "essay"; return r }),
			`_goldenthread!C13: unknown question kind "essay"`},
		{"bad points", edit(func(r [][]string) [][]string { r[12][4] = "0 2 1"; return r }),
			`_goldenthread!E13: scale "0 2 1" is not 2 to 101 distinct points in ascending order, the highest above 0`},
		{"bad weight", edit(func(r [][]string) [][]string { r[12][5] = "1e300"; return r }),
			`_goldenthread!F13: weight "1e300" is not a number from 0 to 100`},
		{"unknown", edit(func(r [][]string) [][]string { return append(r, []string{"colour", "red"}) }),
			`_goldenthread!A17: unknown record "colour"`},
		{"no bidders", edit(func(r [][]string) [][]string { return append(r[:10:10], r[12:]...) }),
			`_goldenthread!A15: the record names no bidders`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Decode(tc.rows)
			if err == nil || err.Error() != tc.want {
				t.Errorf("Decode = %v; want %s", err, tc.want)
			}
		})
	}
}

// FuzzDecode feeds Decode records made from arbitrary text: rows split on
// newlines, fields on tabs, with and without a correct digest.
func FuzzDecode(f *testing.F) {
	join := func(rows [][]string) string {
		lines := make([]string, len(rows))
		for i, r := range rows {
			lines[i] = strings.Join(r, "\t")
		}
		return strings.Join(lines, "\n")
	}
	f.Add(join(small().Rows()), true)
	f.Add(join(small().Rows()[:3]), false)
	f.Fuzz(func(t *testing.T, s string, redigest bool) {
		var rows [][]string
		for _, line := range strings.Split(s, "\n") {
			rows = append(rows, strings.Split(line, "\t"))
		}
		if redigest && len(rows) > 0 {
			rows[len(rows)-1] = []string{"digest", Digest(rows[:len(rows)-1])}
		}
		m, err := Decode(rows)
		if err != nil {
			return
		}
		// A record that decodes must describe a layout that holds together.
		again, err := Decode(m.Rows())
		if err != nil {
			t.Fatalf("Decode(Rows()) = %v for %+v", err, m)
		}
		if len(again.Questions) != len(m.Questions) || len(m.Formulas()) == 0 {
			t.Fatalf("round trip lost questions: %+v", m)
		}
		for _, fm := range m.Formulas() {
			if fm.Row > 10000 || fm.Col > 256 {
				t.Fatalf("formula at %s outside the grid", Cell(fm.Col, fm.Row))
			}
		}
	})
}

// TestSections checks the rows of layout 3, where each stage's questions
// sit under a heading on the evaluator sheets and the Moderation sheet:
// small's Q1 and Q2 are award questions, Q3 a selection one.
func TestSections(t *testing.T) {
	m := small()
	for _, tc := range []struct {
		name      string
		got, want []int
	}{
		{"evaluator rows", []int{m.EvalRow(0), m.EvalRow(1), m.EvalRow(2)}, []int{EvalFirstRow + 1, EvalFirstRow + 2, EvalFirstRow + 4}},
		{"moderation rows", []int{m.ModRow(0, 0), m.ModRow(0, 1), m.ModRow(1, 0), m.ModRow(1, 1), m.ModLastRow()}, []int{ModFirstRow + 1, ModFirstRow + 2, ModFirstRow + 4, ModFirstRow + 5, ModFirstRow + 5}},
	} {
		if !slices.Equal(tc.got, tc.want) {
			t.Errorf("%s = %v; want %v", tc.name, tc.got, tc.want)
		}
	}
	if got, want := m.EvalSections(), []Section{{StageAward, EvalFirstRow}, {StageSelection, EvalFirstRow + 3}}; !slices.Equal(got, want) {
		t.Errorf("evaluator sections %v; want %v", got, want)
	}
	if got, want := m.ModSections(), []Section{{StageAward, ModFirstRow}, {StageSelection, ModFirstRow + 3}}; !slices.Equal(got, want) {
		t.Errorf("moderation sections %v; want %v", got, want)
	}
	m.Layout = "2"
	if m.EvalRow(2) != EvalFirstRow+2 || m.ModRow(1, 1) != ModFirstRow+3 || len(m.EvalSections()) != 0 {
		t.Errorf("layout 2 has sections: rows %d, %d", m.EvalRow(2), m.ModRow(1, 1))
	}
}
