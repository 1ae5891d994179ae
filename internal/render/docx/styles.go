package docx

import (
	"github.com/gomutex/godocx/wml/ctypes"
	"github.com/gomutex/godocx/wml/stypes"
)

// The page is A4 with 2.54 cm margins; lengths are in twips (1/20 pt).
const (
	pageWidth  = 11906
	pageHeight = 16838
	margin     = 1440
	textWidth  = pageWidth - 2*margin
	noteIndent = 284 // a Note's left indent, half a centimetre
	groupFill  = "E7E6E6"
	noteFill   = "F2F2F2"
	noteRule   = "7F7F7F"
	headerFill = "D9E2F3"
)

// styles returns the document's styles. They replace the template's
// (439 kB of Word 2010 styles, most never used) with the few this package
// sets, named as Word names its built-in styles so that Word and
// LibreOffice treat Title and heading 1–3 as theirs (navigation pane,
// outline levels). godocx has no style builder, so they are made from its
// ctypes. lang is the language of all text, in docDefaults.
func styles(lang string) *ctypes.Styles {
	font := &ctypes.RunFonts{Ascii: "Arial", HAnsi: "Arial", EastAsia: "Arial", CS: "Arial"}
	return &ctypes.Styles{
		RelativePath: "word/styles.xml",
		DocDefaults: &ctypes.DocDefault{
			RunProp: &ctypes.RunPropDefault{RunProp: &ctypes.RunProperty{
				Fonts:  font,
				Size:   ctypes.NewFontSize(22),
				SizeCs: ctypes.NewFontSizeCS(22),
				Lang:   &ctypes.Lang{Val: ptr(lang), EastAsia: ptr(lang), Bidi: ptr(lang)},
			}},
			ParaProp: &ctypes.ParaPropDefault{ParaProp: &ctypes.ParagraphProp{
				Spacing: spacing(0, 120),
			}},
		},
		StyleList: []ctypes.Style{
			defaultStyle(stypes.StyleTypeParagraph, "Normal", "Normal"),
			defaultStyle(stypes.StyleTypeCharacter, "DefaultParagraphFont", "Default Paragraph Font"),
			tableNormal(),
			para("Title", "Title", &ctypes.ParagraphProp{Spacing: spacing(0, 240), KeepNext: on()},
				&ctypes.RunProperty{Bold: on(), Size: ctypes.NewFontSize(40), SizeCs: ctypes.NewFontSizeCS(40)}),
			para("Subtitle", "Subtitle", &ctypes.ParagraphProp{Spacing: spacing(0, 240)},
				&ctypes.RunProperty{Size: ctypes.NewFontSize(28), SizeCs: ctypes.NewFontSizeCS(28)}),
			heading(1, 32, 360),
			heading(2, 28, 240),
			heading(3, 24, 240),
			para("BodyText", "Body Text", nil, nil),
			para("Small", "Small", &ctypes.ParagraphProp{Spacing: spacing(0, 80)},
				&ctypes.RunProperty{Color: ctypes.NewColor("404040"), Size: ctypes.NewFontSize(18), SizeCs: ctypes.NewFontSizeCS(18)}),
			para("Label", "Label", &ctypes.ParagraphProp{KeepNext: on(), Spacing: spacing(120, 60)},
				&ctypes.RunProperty{Bold: on()}),
			para("ListParagraph", "List Paragraph", &ctypes.ParagraphProp{Spacing: spacing(0, 60)}, nil),
			note(),
			para("Caption", "caption", &ctypes.ParagraphProp{KeepNext: on(), Spacing: spacing(120, 60)},
				&ctypes.RunProperty{Bold: on(), Size: ctypes.NewFontSize(20), SizeCs: ctypes.NewFontSizeCS(20)}),
			para("TableText", "Table Text", &ctypes.ParagraphProp{Spacing: spacing(40, 40)}, nil),
			para("TOCHeading", "TOC Heading", &ctypes.ParagraphProp{KeepNext: on(), Spacing: spacing(240, 120)},
				&ctypes.RunProperty{Bold: on(), Size: ctypes.NewFontSize(32), SizeCs: ctypes.NewFontSizeCS(32)}),
			toc(1), toc(2), toc(3),
			hyperlink(),
			tableGrid(),
		},
	}
}

func on() *ctypes.OnOff { return ctypes.OnOffFromBool(true) }

func spacing(before, after uint64) *ctypes.Spacing {
	return ctypes.NewParagraphSpacing(before, after)
}

// para is a paragraph style based on Normal.
func para(id, name string, p *ctypes.ParagraphProp, r *ctypes.RunProperty) ctypes.Style {
	return ctypes.Style{
		Type:     ptr(stypes.StyleTypeParagraph),
		ID:       ptr(id),
		Name:     ctypes.NewCTString(name),
		BasedOn:  ctypes.NewCTString("Normal"),
		QFormat:  on(),
		ParaProp: p,
		RunProp:  r,
	}
}

func defaultStyle(t stypes.StyleType, id, name string) ctypes.Style {
	return ctypes.Style{
		Type:    ptr(t),
		ID:      ptr(id),
		Default: ptr(stypes.OnOffOne),
		Name:    ctypes.NewCTString(name),
	}
}

// heading is the style "heading n" (Word's name; its ID is Headingn).
func heading(n int, size, before uint64) ctypes.Style {
	s := para("Heading"+string(rune('0'+n)), "heading "+string(rune('0'+n)),
		&ctypes.ParagraphProp{
			KeepNext:   on(),
			KeepLines:  on(),
			Spacing:    spacing(before, 120),
			OutlineLvl: ctypes.NewDecimalNum(n - 1),
		},
		&ctypes.RunProperty{Bold: on(), Size: ctypes.NewFontSize(size), SizeCs: ctypes.NewFontSizeCS(size)})
	s.Next = ctypes.NewCTString("BodyText")
	return s
}

func toc(n int) ctypes.Style {
	return para("TOC"+string(rune('0'+n)), "toc "+string(rune('0'+n)),
		&ctypes.ParagraphProp{Spacing: spacing(0, 60), Indent: &ctypes.Indent{Left: ptr((n - 1) * 284)}}, nil)
}

// note is the Note style: indented, shaded, with a rule down its left.
func note() ctypes.Style {
	rule := ctypes.NewCellBorder(stypes.BorderStyleSingle, noteRule, "8", 24)
	edge := ctypes.NewCellBorder(stypes.BorderStyleSingle, noteFill, "4", 4)
	shd := ctypes.NewShading()
	shd.Fill = ptr(noteFill)
	return para("Note", "Note", &ctypes.ParagraphProp{
		Border:  &ctypes.ParaBorder{Top: edge, Left: rule, Bottom: edge, Right: edge},
		Shading: shd,
		Spacing: spacing(0, 80),
		Indent:  &ctypes.Indent{Left: ptr(noteIndent), Right: ptr(noteIndent)},
	}, nil)
}

func hyperlink() ctypes.Style {
	return ctypes.Style{
		Type:           ptr(stypes.StyleTypeCharacter),
		ID:             ptr("Hyperlink"),
		Name:           ctypes.NewCTString("Hyperlink"),
		BasedOn:        ctypes.NewCTString("DefaultParagraphFont"),
		UnhideWhenUsed: on(),
		RunProp: &ctypes.RunProperty{
			Color:     ctypes.NewColor("0563C1"),
			Underline: ctypes.NewGenSingleStrVal(stypes.UnderlineSingle),
		},
	}
}

func tableNormal() ctypes.Style {
	s := defaultStyle(stypes.StyleTypeTable, "TableNormal", "Normal Table")
	s.SemiHidden = on()
	s.TableProp = &ctypes.TableProp{
		Indent:     ctypes.NewTableWidth(0, stypes.TableWidthDxa),
		CellMargin: cellMargins(),
	}
	return s
}

// tableGrid is "Table Grid": every cell ruled.
func tableGrid() ctypes.Style {
	b := func() *ctypes.Border { return ctypes.NewCellBorder(stypes.BorderStyleSingle, "808080", "0", 4) }
	return ctypes.Style{
		Type:    ptr(stypes.StyleTypeTable),
		ID:      ptr("TableGrid"),
		Name:    ctypes.NewCTString("Table Grid"),
		BasedOn: ctypes.NewCTString("TableNormal"),
		TableProp: &ctypes.TableProp{
			Borders: &ctypes.TableBorders{
				Top: b(), Left: b(), Bottom: b(), Right: b(), InsideH: b(), InsideV: b(),
			},
			CellMargin: cellMargins(),
		},
	}
}

func cellMargins() *ctypes.CellMargins {
	return &ctypes.CellMargins{
		Top:    ctypes.NewTableWidth(0, stypes.TableWidthDxa),
		Left:   ctypes.NewTableWidth(108, stypes.TableWidthDxa),
		Bottom: ctypes.NewTableWidth(0, stypes.TableWidthDxa),
		Right:  ctypes.NewTableWidth(108, stypes.TableWidthDxa),
	}
}
