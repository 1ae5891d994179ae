package xlsx

import "github.com/xuri/excelize/v2"

// styles are the cell styles a grid uses. Input cells are the only unlocked
// ones, and the only yellow ones.
type styles struct {
	title, heading, label, strong, wrap, note int
	header, text, textCenter, number          int
	input, inputCenter                        int
	computed, computedNumber, notScored       int
	computedText                              int // computed, left-aligned: a name
	section                                   int // the heading of a stage's questions

	// Conditional formats.
	flag, pass, fail, incomplete int
}

// The workbook's font, as Excel's default workbook has it.
const (
	fontFamily = "Calibri"
	fontSize   = 11
)

const (
	inputFill    = "FFF2CC"
	headerFill   = "D9E1F2"
	computedFill = "F2F2F2"
	naFill       = "D9D9D9"
)

func (g *writer) newStyles() styles {
	border := []excelize.Border{
		{Type: "left", Color: "A6A6A6", Style: 1}, {Type: "right", Color: "A6A6A6", Style: 1},
		{Type: "top", Color: "A6A6A6", Style: 1}, {Type: "bottom", Color: "A6A6A6", Style: 1},
	}
	fill := func(c string) excelize.Fill { return excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{c}} }
	top := &excelize.Alignment{Vertical: "top", WrapText: true}
	centre := &excelize.Alignment{Horizontal: "center", Vertical: "top", WrapText: true}
	unlocked := &excelize.Protection{Locked: false}
	two := "0.00"
	var s styles
	// Every style names the font: a style without one shows in
	// LibreOffice's default (a serif face) beside Excel's Calibri.
	font := func(f excelize.Font) *excelize.Font {
		f.Family = fontFamily
		if f.Size == 0 {
			f.Size = fontSize
		}
		return &f
	}
	for _, st := range []struct {
		id    *int
		style excelize.Style
	}{
		{&s.title, excelize.Style{Font: font(excelize.Font{Bold: true, Size: 14})}},
		{&s.heading, excelize.Style{Font: font(excelize.Font{Bold: true, Size: 12}), Alignment: &excelize.Alignment{Vertical: "bottom"}}},
		{&s.label, excelize.Style{Font: font(excelize.Font{Bold: true}), Alignment: top}},
		{&s.strong, excelize.Style{Font: font(excelize.Font{Bold: true})}},
		{&s.wrap, excelize.Style{Font: font(excelize.Font{}), Alignment: top}},
		{&s.note, excelize.Style{Font: font(excelize.Font{Italic: true, Color: "595959"})}},
		{&s.header, excelize.Style{Font: font(excelize.Font{Bold: true}), Fill: fill(headerFill), Border: border, Alignment: &excelize.Alignment{Vertical: "center", WrapText: true}}},
		{&s.text, excelize.Style{Font: font(excelize.Font{}), Border: border, Alignment: top}},
		{&s.textCenter, excelize.Style{Font: font(excelize.Font{}), Border: border, Alignment: centre}},
		{&s.number, excelize.Style{Font: font(excelize.Font{}), Border: border, Alignment: centre, CustomNumFmt: &two}},
		{&s.input, excelize.Style{Font: font(excelize.Font{}), Border: border, Fill: fill(inputFill), Alignment: top, Protection: unlocked}},
		{&s.inputCenter, excelize.Style{Font: font(excelize.Font{}), Border: border, Fill: fill(inputFill), Alignment: centre, Protection: unlocked}},
		{&s.computed, excelize.Style{Font: font(excelize.Font{}), Border: border, Fill: fill(computedFill), Alignment: centre}},
		{&s.computedNumber, excelize.Style{Font: font(excelize.Font{}), Border: border, Fill: fill(computedFill), Alignment: centre, CustomNumFmt: &two}},
		{&s.computedText, excelize.Style{Font: font(excelize.Font{}), Border: border, Fill: fill(computedFill), Alignment: top}},
		{&s.section, excelize.Style{Font: font(excelize.Font{Bold: true, Size: 12}), Fill: fill(headerFill), Border: border, Alignment: &excelize.Alignment{Vertical: "center"}}},
		{&s.notScored, excelize.Style{Font: font(excelize.Font{}), Border: border, Fill: fill(naFill)}},
	} {
		id, err := g.f.NewStyle(&st.style)
		g.check(err)
		*st.id = id
	}
	for _, cf := range []struct {
		id         *int
		font, fill string
	}{
		{&s.flag, "9C0006", "FFC7CE"},
		{&s.pass, "006100", "C6EFCE"},
		{&s.fail, "9C0006", "FFC7CE"},
		{&s.incomplete, "9C5700", "FFEB9C"},
	} {
		id, err := g.f.NewConditionalStyle(&excelize.Style{
			Font: font(excelize.Font{Bold: true, Color: cf.font}),
			Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{cf.fill}},
		})
		g.check(err)
		*cf.id = id
	}
	return s
}
