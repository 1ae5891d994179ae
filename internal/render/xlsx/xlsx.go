// Package xlsx renders evaluation grids: the Excel workbook in which an
// evaluation panel scores bidders' answers to equality and fair-work
// questions, each evaluator on their own sheet, then moderates and agrees
// consensus scores from which the workbook works out weighted totals,
// pass or fail, and rank.
//
// A grid's formulas use only functions that Microsoft Excel and LibreOffice
// Calc have both long had, and the file asks to be recalculated in full when
// opened. Text from profiles stays text (never a formula), and the same pack
// gives a byte-identical file. Its very hidden sheet records the layout, with a digest, so
// that package score can recognise the grid when it comes back filled in;
// package grid holds that layout.
package xlsx

import (
	"archive/zip"
	"fmt"
	"io"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"github.com/goldenthread/goldenthread/internal/grid"
	"github.com/goldenthread/goldenthread/internal/model"
)

// Grid writes the evaluation-grid workbook for p to w: the whole grid, in
// which the panel scores and moderates, or when split, the moderation
// workbook the panel's returns are merged into.
func Grid(w io.Writer, p *model.Pack) error { return write(w, p, 0) }

// Return writes the workbook panel member e scores in on their own and
// returns: the Guide, the Questions and their own sheet, no other
// evaluator's scores and no moderation. Its record names it as their part
// of the grid, so that score can merge it into the moderation workbook.
func Return(w io.Writer, p *model.Pack, e int) error {
	if e < 0 || e >= len(p.Scoring.Panel) {
		return fmt.Errorf("grid: no panel member %d", e+1)
	}
	return write(w, p, e+1)
}

func write(w io.Writer, p *model.Pack, part int) error {
	t, err := newText(p.Words)
	if err != nil {
		return err
	}
	pl, err := newPlan(p)
	if err != nil {
		return err
	}
	pl.meta.Part = part
	f := excelize.NewFile()
	defer f.Close()
	f.SetZipWriter(fastZip)
	g := &writer{f: f, p: p, pl: pl, m: pl.meta, t: t, cells: map[string]*sheetCells{}}
	g.write()
	if g.err != nil {
		return fmt.Errorf("grid: %w", g.err)
	}
	if err := f.Write(w); err != nil {
		return fmt.Errorf("grid: %w", err)
	}
	return nil
}

// fastZip writes the workbook's parts in a fixed order, compressed at
// flate's fastest level.
func fastZip(w io.Writer) excelize.ZipWriter {
	return &sortedZip{zw: zip.NewWriter(w)}
}

// writer writes one grid. Its first error sticks and later calls do
// nothing, so the sheet code reads as a list of cells.
type writer struct {
	f     *excelize.File
	p     *model.Pack
	pl    *plan
	m     *grid.Meta
	t     *text
	s     styles
	cells map[string]*sheetCells // by sheet, until written
	err   error
}

func (g *writer) write() {
	g.s = g.newStyles()
	g.check(g.f.SetSheetName("Sheet1", grid.Guide))
	for _, name := range g.sheetOrder()[1:] {
		_, err := g.f.NewSheet(name)
		g.check(err)
	}
	g.guide()
	g.questions()
	own, isReturn := g.m.Return()
	for e := range g.m.Panel {
		if !isReturn || e == own {
			g.evaluator(e)
		}
	}
	if !isReturn {
		g.moderation()
		g.summary()
		for _, fm := range g.m.Formulas() {
			g.sheet(fm.Sheet).set(fm.Col, fm.Row, nil, fm.Text)
		}
	}
	g.metaSheet()
	g.workbook()
	// Every setting of every sheet is made: write the cells.
	for _, name := range g.sheetOrder() {
		if g.err == nil {
			g.check(g.sheet(name).write(g.f, name))
		}
	}
}

// sheet returns the cells of a sheet being written.
func (g *writer) sheet(name string) *sheetCells {
	s := g.cells[name]
	if s == nil {
		s = &sheetCells{}
		g.cells[name] = s
	}
	return s
}

// sheetOrder lists the sheets as the workbook shows them.
func (g *writer) sheetOrder() []string {
	names := []string{grid.Guide, grid.Questions}
	if e, ok := g.m.Return(); ok {
		return append(names, g.m.Panel[e].Sheet, grid.MetaSheet)
	}
	for _, e := range g.m.Panel {
		names = append(names, e.Sheet)
	}
	return append(names, grid.Moderation, grid.Summary, grid.MetaSheet)
}

func (g *writer) check(err error) {
	if g.err == nil && err != nil {
		g.err = err
	}
}

// str stores text as text: a value starting with = + - or @ stays a
// string, because the stream writer writes a string, never a formula.
func (g *writer) str(sheet string, col, row int, s string, style int) {
	sh := g.sheet(sheet)
	sh.set(col, row, s, "")
	sh.setStyle(col, row, col, row, style)
}

// headers writes labels as column headers along row, from column col.
func (g *writer) headers(sheet string, col, row int, labels ...string) {
	for i, l := range labels {
		g.str(sheet, col+i, row, l, g.s.header)
	}
}

func (g *writer) num(sheet string, col, row int, v float64, style int) {
	sh := g.sheet(sheet)
	sh.set(col, row, v, "")
	sh.setStyle(col, row, col, row, style)
}

func (g *writer) style(sheet string, c1, r1, c2, r2, style int) {
	g.sheet(sheet).setStyle(c1, r1, c2, r2, style)
}

func (g *writer) merge(sheet string, c1, r1, c2, r2 int) {
	if c1 == c2 && r1 == r2 {
		return
	}
	g.sheet(sheet).merge(c1, r1, c2, r2)
}

// rowHeight sets a row's height in points, at most the 409 Excel allows.
func (g *writer) rowHeight(sheet string, row int, h float64) {
	g.sheet(sheet).setHeight(row, min(h, excelize.MaxRowHeight))
}

func (g *writer) widths(sheet string, widths ...float64) {
	for i, w := range widths {
		g.width(sheet, i+1, w)
	}
}

func (g *writer) width(sheet string, col int, w float64) {
	g.sheet(sheet).setWidth(col, w)
}

// lines estimates how many lines text takes, wrapped at spaces, in a column
// w characters wide: a column's width counts the digit 0 in the workbook's
// font, and text runs about 1.1 characters to it.
func lines(text string, w float64) int {
	per := max(int(w*1.1)-1, 1)
	n := 0
	for para := range strings.SplitSeq(text, "\n") {
		n++
		used := 0
		for word := range strings.FieldsSeq(para) {
			k := utf8.RuneCountInString(word)
			switch {
			case used == 0:
				used = k
			case used+1+k <= per:
				used += 1 + k
			default:
				n++
				used = k
			}
			for used > per { // a word longer than the line
				n++
				used -= per
			}
		}
	}
	return n
}

// fitHeader sizes a header row to its labels, each wrapped in its column
// (bold runs about a tenth wider), at least two lines high.
func (g *writer) fitHeader(sheet string, row, col int, labels ...string) {
	n := 2
	for i, l := range labels {
		n = max(n, lines(l, g.colWidth(sheet, col+i)/1.1))
	}
	g.rowHeight(sheet, row, float64(n)*15+3)
}

// colWidth returns the width set for a column, or Excel's default.
func (g *writer) colWidth(sheet string, col int) float64 {
	if ws := g.sheet(sheet).widths; col < len(ws) && ws[col] > 0 {
		return ws[col]
	}
	return 8.43
}

// height sets a row's height to fit text wrapped across w characters.
// Neither Excel nor LibreOffice sizes rows to wrapped text when it opens a
// file, and neither ever sizes merged cells.
func (g *writer) height(sheet string, row int, text string, w float64) {
	g.fit(sheet, row, 1, lines(text, w))
}

// fit sets a row's height to the most lines any of its cells needs, and at
// least min.
func (g *writer) fit(sheet string, row, min int, n ...int) {
	for _, v := range n {
		min = max(min, v)
	}
	g.rowHeight(sheet, row, float64(min)*15+3)
}

// page sets landscape A4, as many pages across as the sheet needs at a
// readable size (printed across, then down, so a question's row stays
// together), header rows (and columns) repeated on every page, and a footer
// with the procurement and page number.
func (g *writer) page(sheet string, width float64, titleRows, titleCols string) {
	g.pageSetup(sheet, width, titleRows, titleCols)
	g.headerFooter(sheet, "")
}

// pageSetup is page without the footer, for workbooks whose footer names
// something else (the monitoring workbook's contract).
func (g *writer) pageSetup(sheet string, width float64, titleRows, titleCols string) {
	landscape, a4, across, down, order := "landscape", 9, int(width/250)+1, 0, "overThenDown"
	g.check(g.f.SetPageLayout(sheet, &excelize.PageLayoutOptions{
		Size: &a4, Orientation: &landscape, FitToWidth: &across, FitToHeight: &down, PageOrder: &order,
	}))
	fit := true
	g.check(g.f.SetSheetProps(sheet, &excelize.SheetPropsOptions{FitToPage: &fit}))
	q := grid.QuoteSheet(sheet)
	refers := q + "!" + titleRows
	if titleCols != "" {
		refers = q + "!" + titleCols + "," + refers
	}
	g.check(g.f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles", RefersTo: refers, Scope: sheet}))
}

// headerFooter sets a sheet's printed header (none if head is "", else
// such as the evaluator whose sheet it is, so no printed page is
// anonymous) and its footer: the procurement and the page number.
func (g *writer) headerFooter(sheet, head string) {
	opts := &excelize.HeaderFooterOptions{
		OddFooter: "&L" + footerText(g.m.Reference+" "+g.m.Title) + "&R" + g.t.FooterPage,
	}
	if head != "" {
		opts.OddHeader = "&L" + footerText(head)
	}
	g.check(g.f.SetHeaderFooter(sheet, opts))
}

// footerText escapes & (a header/footer code) and keeps the footer within
// Excel's 255-character limit.
func footerText(s string) string {
	s = clean(s)
	if r := []rune(s); len(r) > 80 {
		s = string(r[:79]) + "…"
	}
	return strings.ReplaceAll(s, "&", "&&")
}

func (g *writer) freeze(sheet string, cols, rows int) {
	g.check(g.f.SetPanes(sheet, &excelize.Panes{
		Freeze: true, XSplit: cols, YSplit: rows,
		TopLeftCell: grid.Cell(cols+1, rows+1), ActivePane: activePane(cols, rows),
	}))
}

func activePane(cols, rows int) string {
	switch {
	case cols > 0 && rows > 0:
		return "bottomRight"
	case cols > 0:
		return "topRight"
	}
	return "bottomLeft"
}

// protect lets people change only the unlocked (input) cells of a sheet.
// The password, if any, uses the legacy hash, which needs no random salt
// and so keeps the output deterministic.
func (g *writer) protect(sheet string) {
	g.check(g.f.ProtectSheet(sheet, &excelize.SheetProtectionOptions{
		Password:            g.p.Scoring.Password,
		SelectLockedCells:   true,
		SelectUnlockedCells: true,
		FormatColumns:       true,
		FormatRows:          true,
	}))
}

// workbook sets what belongs to the whole file: full recalculation on
// load, locked structure, and properties dated from the pack only.
func (g *writer) workbook() {
	if g.err != nil {
		return
	}
	yes := true
	g.check(g.f.SetCalcProps(&excelize.CalcPropsOptions{FullCalcOnLoad: &yes}))
	// Structure protection stops sheets being renamed, moved or shown by
	// accident. It has no password: excelize salts workbook passwords at
	// random, which would make every grid differ.
	g.check(g.f.ProtectWorkbook(&excelize.WorkbookProtectionOptions{LockStructure: true}))
	g.f.SetActiveSheet(0)
	props := &excelize.DocProperties{
		Title:          fmt.Sprintf("%s: %s", g.t.GuideTitle, g.m.Title),
		Subject:        g.m.Title,
		Creator:        "goldenthread",
		LastModifiedBy: "goldenthread",
		Description:    g.m.Employer,
		Identifier:     g.m.Reference,
		Language:       g.m.Language,
		Version:        g.m.Tool,
	}
	if d := g.p.Document.Date; !d.IsZero() {
		stamp := time.Date(d.Year(), d.Month(), d.Day(), 0, 0, 0, 0, time.UTC).Format(time.RFC3339)
		props.Created, props.Modified = stamp, stamp
	}
	g.check(g.f.SetDocProps(props))
	g.check(g.f.SetAppProps(&excelize.AppProperties{Application: "goldenthread"}))
}

// metaSheet writes the record of the layout and hides it from view.
func (g *writer) metaSheet() {
	for r, row := range g.m.Rows() {
		for c, v := range row {
			g.str(grid.MetaSheet, c+1, r+1, v, 0)
		}
	}
	g.widths(grid.MetaSheet, 16, 14, 24, 24, 16, 10, 10, 10)
	g.protect(grid.MetaSheet)
	if g.err == nil {
		g.check(g.f.SetSheetVisible(grid.MetaSheet, false, true))
	}
}
