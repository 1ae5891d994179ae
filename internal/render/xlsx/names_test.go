package xlsx

import (
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/goldenthread/goldenthread/internal/grid"
	"github.com/goldenthread/goldenthread/internal/grid/gridtest"
	"github.com/goldenthread/goldenthread/internal/model"
)

// TestHostileNames checks that names which look like formulas, break sheet
// names or clash stay exactly as given wherever the grid shows them, and are
// stored as text, never as formulas.
func TestHostileNames(t *testing.T) {
	p := gridtest.Hostile()
	b := render(t, p)
	f := openFile(t, b)
	w, err := gridtest.Open(b)
	if err != nil {
		t.Fatal(err)
	}
	m := w.Meta

	wantSheets := []string{
		grid.Guide, grid.Questions,
		"Siân Ŵyn", "O'Brien", "=cmd|' -C calc'!A0", "Guide (2)", "guide (3)", "summary (2)",
		"A very long evaluator name…", "A very long evaluator name… (2)",
		"Ann- B-C- --x-", "quoted", "+44 Ltd", "@admin",
		grid.Moderation, grid.Summary, grid.MetaSheet,
	}
	got := f.GetSheetList()
	if len(got) != len(wantSheets) {
		t.Fatalf("sheets = %q; want %q", got, wantSheets)
	}
	for i := range got {
		if got[i] != wantSheets[i] {
			t.Errorf("sheet %d = %q; want %q", i, got[i], wantSheets[i])
		}
	}

	text := func(sheet string, col, row int, want string) {
		t.Helper()
		cell := grid.Cell(col, row)
		if fm, _ := f.GetCellFormula(sheet, cell); fm != "" {
			t.Errorf("%s has formula %q; want the text %q", grid.Ref(sheet, col, row), fm, want)
		}
		if typ, _ := f.GetCellType(sheet, cell); typ != excelize.CellTypeSharedString && typ != excelize.CellTypeInlineString {
			t.Errorf("%s has type %v; want a string", grid.Ref(sheet, col, row), typ)
		}
		if v, _ := f.GetCellValue(sheet, cell); v != want {
			t.Errorf("%s = %q; want %q", grid.Ref(sheet, col, row), v, want)
		}
	}
	for e, name := range p.Scoring.Panel {
		sh := wantSheets[2+e]
		text(sh, 2, grid.EvalNameRow, name)
		text(grid.Moderation, 5+e, grid.ModHeaderRow, name)
		for b, bidder := range p.Scoring.Bidders {
			text(sh, grid.EvalScoreCol(b), grid.EvalBidderRow, bidder)
		}
	}
	for b, bidder := range p.Scoring.Bidders {
		text(grid.Summary, grid.SumBidder, grid.SumRow(b), bidder)
		text(grid.Moderation, 4, m.ModRow(0, b), bidder)
	}
	text(grid.Questions, grid.QText, grid.QRow(0), "=SUM(1,2)")
	text(grid.Questions, grid.QGuidance, grid.QRow(0), "+44 guidance")
	text(grid.Moderation, 2, m.ModRow(0, 0), "-1 title")
	text(grid.Questions, grid.QAsk, grid.QRow(0), "-1 ask")
	// The evaluator scores with the question's title, text and guidance
	// beside the score.
	text("Siân Ŵyn", 2, m.EvalRow(0), "-1 title\n=SUM(1,2)\n"+p.Words.Get("grid.strong_answer")+" +44 guidance")
}

// TestOnlyInputsUnlocked checks every cell of every sheet: the ones a panel
// fills in are unlocked, everything else locked, and every sheet protected.
func TestOnlyInputsUnlocked(t *testing.T) {
	b := render(t, gridtest.Large())
	f := openFile(t, b)
	w, err := gridtest.Open(b)
	if err != nil {
		t.Fatal(err)
	}
	m := w.Meta
	inputs := map[string]bool{}
	add := func(sheet string, col, row int) { inputs[grid.Ref(sheet, col, row)] = true }
	for e := range m.Panel {
		add(grid.Guide, grid.DeclText, m.DeclRowOf(e))
		add(grid.Guide, grid.DeclSigned, m.DeclRowOf(e))
		add(grid.Guide, grid.DeclDate, m.DeclRowOf(e))
		add(grid.Guide, grid.DeclDecision, m.DeclRowOf(e))
	}
	for _, ev := range m.Panel {
		for q, mq := range m.Questions {
			for b := range m.Bidders {
				if mq.Moderated() {
					add(ev.Sheet, grid.EvalScoreCol(b), m.EvalRow(q))
				}
				add(ev.Sheet, grid.EvalCommentCol(b), m.EvalRow(q))
			}
		}
	}
	c := m.ModCols()
	for mq := range m.Moderated() {
		for b := range m.Bidders {
			add(grid.Moderation, c.Consensus, m.ModRow(mq, b))
			add(grid.Moderation, c.Reason, m.ModRow(mq, b))
		}
	}
	locked := map[int]bool{}
	found := 0
	for _, sh := range f.GetSheetList() {
		prot, err := f.GetSheetProtection(sh)
		if err != nil || !prot.SelectLockedCells || prot.FormatCells || prot.InsertRows || prot.DeleteRows {
			t.Errorf("sheet %q protection = %+v, %v; want protected", sh, prot, err)
		}
		for row := 1; row <= 400; row++ {
			for col := 1; col <= 30; col++ {
				id, err := f.GetCellStyle(sh, grid.Cell(col, row))
				if err != nil {
					t.Fatal(err)
				}
				isLocked, ok := locked[id]
				if !ok {
					st, err := f.GetStyle(id)
					if err != nil {
						t.Fatal(err)
					}
					isLocked = st.Protection == nil || st.Protection.Locked
					locked[id] = isLocked
				}
				ref := grid.Ref(sh, col, row)
				if !isLocked {
					found++
				}
				if !isLocked != inputs[ref] {
					t.Errorf("%s unlocked = %v; want %v", ref, !isLocked, inputs[ref])
				}
			}
		}
	}
	if found != len(inputs) {
		t.Errorf("found %d unlocked cells; want %d", found, len(inputs))
	}
}

// TestValidation checks the drop-downs a scorer sees.
func TestValidation(t *testing.T) {
	b := render(t, gridtest.Small())
	f := openFile(t, b)
	gw, err := gridtest.Open(b)
	if err != nil {
		t.Fatal(err)
	}
	m := gw.Meta
	dvs, err := f.GetDataValidations("O'Brien")
	if err != nil {
		t.Fatal(err)
	}
	row := func(q int) string {
		r := strconv.Itoa(m.EvalRow(q))
		return "D" + r + " F" + r + " H" + r
	}
	want := []struct{ sqref, formula, title string }{
		{row(0), `"0,1,2,3,4"`, "Score: 0 to 4"},
		{row(1), `"0,1,2,3,4,5,6,7,8,9,10"`, "Score: 0 to 10"},
		{row(2), `"Pass,Fail"`, "Pass or fail"},
	}
	if len(dvs) != len(want) {
		t.Fatalf("%d validations; want %d", len(dvs), len(want))
	}
	for i, w := range want {
		dv := dvs[i]
		if dv.Sqref != w.sqref || dv.Type != "list" || dv.Formula1 != w.formula || *dv.PromptTitle != w.title || *dv.ErrorStyle != "stop" {
			t.Errorf("validation %d = %s %s %s %s; want %s list %s %s", i, dv.Sqref, dv.Type, dv.Formula1, *dv.PromptTitle, w.sqref, w.formula, w.title)
		}
		if n := grid.UTF16Len(*dv.Prompt); n > 255 {
			t.Errorf("validation %d prompt is %d characters; Excel allows 255", i, n)
		}
	}
	if p := *dvs[2].Prompt; p != "Pass: The answer meets the published minimum standard.\nFail: No answer, or an answer that does not meet the published minimum standard." {
		t.Errorf("pass/fail prompt = %q", p)
	}
	if p := *dvs[0].Prompt; p != "0 Unacceptable\n1 Poor\n2 Acceptable\n3 Good\n4 Excellent\nDescriptors: see the Guide sheet." {
		t.Errorf("0-4 prompt = %q", p)
	}
	mod, err := f.GetDataValidations(grid.Moderation)
	if first := grid.Cell(m.ModCols().Consensus, m.ModRow(0, 0)) + ":" + grid.Cell(m.ModCols().Consensus, m.ModRow(0, 2)); err != nil || len(mod) != 3 || mod[0].Sqref != first || mod[2].Formula1 != `"Pass,Fail"` {
		t.Errorf("Moderation validations = %v, %v", mod, err)
	}
}

// TestDeclarationValidation checks the declaration cells' drop-down: it
// offers exactly grid.NoConflict, with no error alert, so an evaluator can
// type a declaration in the same cell.
func TestDeclarationValidation(t *testing.T) {
	for _, tc := range []struct {
		name  string
		pack  func() *model.Pack
		sqref string
	}{
		{"small", gridtest.Small, "B24:B26"},
		{"wide", gridtest.Wide, "B24:B35"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			b := render(t, tc.pack())
			f := openFile(t, b)
			dvs, err := f.GetDataValidations(grid.Guide)
			if err != nil {
				t.Fatal(err)
			}
			if len(dvs) != 1 {
				t.Fatalf("Guide has %d validations; want 1", len(dvs))
			}
			dv := dvs[0]
			if dv.Sqref != tc.sqref || dv.Type != "list" || dv.Formula1 != `"`+grid.NoConflict+`"` {
				t.Errorf("validation = %s %s %s; want %s list %q", dv.Sqref, dv.Type, dv.Formula1, tc.sqref, `"`+grid.NoConflict+`"`)
			}
			if dv.ShowErrorMessage || dv.ErrorStyle != nil {
				t.Errorf("validation shows an error alert (%v, style %q): a typed declaration would be refused", dv.ShowErrorMessage, deref(dv.ErrorStyle))
			}
			if !dv.AllowBlank || !dv.ShowInputMessage || dv.Prompt == nil || !strings.Contains(*dv.Prompt, grid.NoConflict) || grid.UTF16Len(*dv.Prompt) > 255 {
				t.Errorf("validation input message = %v %q; want one that offers %q", dv.ShowInputMessage, deref(dv.Prompt), grid.NoConflict)
			}
			// The headers over the validated cells say what each column
			// holds.
			w, err := gridtest.Open(b)
			if err != nil {
				t.Fatal(err)
			}
			for i, h := range grid.DeclHeaders {
				ref := grid.Cell(grid.DeclName+i, w.Meta.DeclRow)
				if got, _ := f.GetCellValue(grid.Guide, ref); got != h {
					t.Errorf("Guide!%s = %q; want %q", ref, got, h)
				}
			}
		})
	}
}
