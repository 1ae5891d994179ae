package score

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/goldenthread/goldenthread/internal/grid"
	"github.com/goldenthread/goldenthread/internal/grid/gridtest"
)

// quick opens b with the quick reader, failing the test if open refuses it.
// ok is false when the quick reader leaves the workbook to excelize.
func quick(t testing.TB, b []byte) (bk *book, ok bool) {
	t.Helper()
	u, err := open(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatalf("open: %v", err)
	}
	t.Cleanup(u.pre.stop)
	if !u.plain {
		return nil, false
	}
	return newBook(u)
}

// slow opens b with excelize as Read did before it had a quick reader.
func slow(t testing.TB, b []byte) *excelize.File {
	t.Helper()
	f, err := openFile(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatalf("openFile: %v", err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

// sameCells compares what the quick reader and excelize say about every
// cell of every sheet, a little beyond the last row and column either
// finds, and each sheet's rows. It returns "" when they agree or bk went
// bad (and so would not be used), else the first difference.
func sameCells(bk *book, f *excelize.File) string {
	if got, want := bk.GetSheetList(), f.GetSheetList(); !slices.Equal(got, want) {
		return fmt.Sprintf("sheets %q; excelize %q", got, want)
	}
	for _, sh := range bk.GetSheetList() {
		got, gerr := bk.GetRows(sh)
		want, werr := f.GetRows(sh, excelize.Options{RawCellValue: true})
		if bk.bad {
			return ""
		}
		if (gerr != nil) != (werr != nil) || !reflect.DeepEqual(norm(got), norm(want)) {
			return fmt.Sprintf("%s: rows %q, %v; excelize %q, %v", sh, got, gerr, want, werr)
		}
		rows, cols := len(want)+2, 2
		for _, r := range want {
			cols = max(cols, len(r)+2)
		}
		if s := bk.sheet(sh); s.err == nil && len(s.rows) > 0 {
			rows = max(rows, s.rows[len(s.rows)-1].num+2)
			for _, r := range s.rows {
				if r.end > r.first {
					cols = max(cols, s.cells[r.end-1].col+2)
				}
			}
		}
		for r := 1; r <= min(rows, 300); r++ {
			for c := 1; c <= min(cols, 40); c++ {
				ref := grid.Cell(c, r)
				gf, gfe := bk.GetCellFormula(sh, ref)
				wf, wfe := f.GetCellFormula(sh, ref)
				gv, gve := bk.GetCellValue(sh, ref)
				wv, wve := f.GetCellValue(sh, ref)
				gt, gte := bk.GetCellType(sh, ref)
				wt, wte := f.GetCellType(sh, ref)
				if bk.bad {
					return ""
				}
				if gf != wf || gv != wv || gt != wt || (gfe != nil) != (wfe != nil) || (gve != nil) != (wve != nil) || (gte != nil) != (wte != nil) {
					return fmt.Sprintf("%s!%s: formula %q %v, value %q %v, type %v %v; excelize %q %v, %q %v, %v %v",
						sh, ref, gf, gfe, gv, gve, gt, gte, wf, wfe, wv, wve, wt, wte)
				}
			}
		}
	}
	return ""
}

// norm treats a nil row and an empty row alike.
func norm(rows [][]string) [][]string {
	out := make([][]string, len(rows))
	for i, r := range rows {
		out[i] = append([]string{}, r...)
	}
	return out
}

// sameResult checks that Read gives the same from the quick reader as from
// excelize.
func sameResult(t *testing.T, b []byte) {
	t.Helper()
	bk, ok := quick(t, b)
	if !ok {
		t.Fatalf("the quick reader left the workbook to excelize")
	}
	got, gerr := readGrid(bk)
	if bk.bad {
		t.Fatalf("the quick reader left the workbook to excelize")
	}
	want, werr := readGrid(slow(t, b))
	if fmt.Sprint(gerr) != fmt.Sprint(werr) || !reflect.DeepEqual(got, want) {
		t.Errorf("quick reader: %+v, %v\nexcelize: %+v, %v", got, gerr, want, werr)
	}
	if d := sameCells(bk, slow(t, b)); d != "" {
		t.Error(d)
	}
}

// TestQuickReader checks that the quick reader reads real grids, empty,
// filled, spoiled and tampered with, exactly as excelize does.
func TestQuickReader(t *testing.T) {
	large := openGrid(t, generate(t, gridtest.Large()))
	fillLarge(t, large)
	merged := completeSmall(t)
	if err := merged.F.MergeCell(grid.Moderation, "L6", "M7"); err != nil {
		t.Fatal(err)
	}
	inline := completeSmall(t)
	for _, err := range []error{
		inline.F.SetCellValue(grid.Moderation, "M6", true),
		inline.F.SetCellRichText(grid.Moderation, "M7", []excelize.RichTextRun{{Text: "plain"}, {Text: " run"}}),
		inline.F.SetCellRichText(grid.Moderation, "M10", []excelize.RichTextRun{
			{Text: "bold", Font: &excelize.Font{Bold: true, Italic: true, Family: "Calibri", Size: 12, Color: "FF0000", Underline: "single", VertAlign: "superscript"}},
			{Text: " and _x0041_ plain"},
		}),
		inline.F.SetCellStr(grid.Moderation, "M8", "_x0041_ and _x005F_x0041_ and _xD800_ done"),
		inline.F.SetCellStr(grid.Moderation, "M9", "line\r\none & <two> \"three\" 'four'\ttab"),
	} {
		if err != nil {
			t.Fatal(err)
		}
	}
	cases := map[string][]byte{
		"small":    generate(t, gridtest.Small()),
		"hostile":  generate(t, gridtest.Hostile()),
		"wide":     generate(t, gridtest.Wide()),
		"large":    save(t, large),
		"complete": save(t, completeSmall(t)),
		"merged":   save(t, merged),
		"inline":   save(t, inline),
	}
	for i, b := range seedGrids(t) {
		cases[fmt.Sprint("seed ", i)] = b
	}
	// A sheet whose part is missing reads as excelize reads it: every cell
	// an error, so the layout check fails.
	cases["missing part"] = dropPart(t, save(t, completeSmall(t)), "xl/worksheets/sheet7.xml")
	for name, b := range cases {
		t.Run(name, func(t *testing.T) { sameResult(t, b) })
	}
}

// dropPart removes a part from a zip archive.
func dropPart(t *testing.T, b []byte, drop string) []byte {
	t.Helper()
	names, bodies := parts(t, b)
	i := slices.Index(names, drop)
	return zipParts(t, slices.Delete(names, i, i+1), slices.Delete(bodies, i, i+1))
}

// zipParts makes a zip archive of the named parts.
func zipParts(t *testing.T, names []string, bodies [][]byte) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for i, name := range names {
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		w.Write(bodies[i])
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestQuickReaderDefers checks that workbooks the quick reader does not
// read are left to excelize, and that Read still gets them right.
func TestQuickReaderDefers(t *testing.T) {
	complete := save(t, completeSmall(t))
	for _, tc := range []struct {
		name    string
		rewrite func(name, body string) string
	}{
		{"comment", func(name, body string) string {
			return strings.Replace(body, "<sheetData>", "<sheetData><!-- a comment -->", 1)
		}},
		{"cell without reference", func(name, body string) string {
			return strings.Replace(body, `<c r="A1" `, `<c `, 1)
		}},
		{"rows out of order", func(name, body string) string {
			return strings.Replace(body, `<row r="2"`, `<row r="9999"`, 1)
		}},
		{"sheets named alike", func(name, body string) string {
			// Rename the hidden record's sheet in workbook.xml below.
			return body
		}},
		{"unknown entity", func(name, body string) string {
			return strings.Replace(body, `<sheetData>`, `<sheetData ext="&unknown;">`, 1)
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			b := rewrite(t, complete, tc.rewrite)
			if tc.name == "sheets named alike" {
				// Two sheets whose names differ only in case: excelize
				// would read either, at random, so Read's result is not
				// compared.
				names, bodies := parts(t, b)
				for i, n := range names {
					if n == "xl/workbook.xml" {
						bodies[i] = []byte(strings.Replace(string(bodies[i]), `name="Questions"`, `name="_GOLDENTHREAD"`, 1))
					}
				}
				b = zipParts(t, names, bodies)
			}
			bk, ok := quick(t, b)
			if ok {
				readGrid(bk)
			}
			if ok && !bk.bad {
				t.Errorf("the quick reader read it")
			}
			if tc.name == "sheets named alike" {
				return
			}
			r, err := Read(bytes.NewReader(b), int64(len(b)))
			want, werr := readGrid(slow(t, b))
			if fmt.Sprint(err) != fmt.Sprint(werr) || !reflect.DeepEqual(r, want) {
				t.Errorf("Read = %+v, %v; excelize %+v, %v", r, err, want, werr)
			}
		})
	}
}

// FuzzQuickReader replaces a worksheet or the shared strings of a real grid
// with arbitrary bytes and checks that the quick reader either leaves the
// workbook to excelize or reads every cell exactly as excelize does.
func FuzzQuickReader(f *testing.F) {
	grids := seedGrids(f)
	names, bodies := parts(f, grids[2])
	var targets []int
	for i, n := range names {
		if strings.HasPrefix(n, "xl/worksheets/") || n == sharedStringsPart {
			targets = append(targets, i)
			f.Add(uint8(len(targets)-1), bodies[i])
		}
	}
	for _, s := range []string{
		`<sst xmlns="` + nsMain + `" count="2"><si><r><rPr><b/><sz val="11"/><color theme="1"/><rFont val="Calibri"/></rPr><t>A</t></r><r><t xml:space="preserve"> b</t></r></si><si><t>c</t><rPh sb="0" eb="1"><t>x</t></rPh><phoneticPr fontId="1"/></si></sst>`,
		`<worksheet xmlns="` + nsMain + `"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>x_x0041_</t><r><t>y</t></r></is></c><c r="B1" t="s"><v> 2 </v></c></row></sheetData><mergeCells count="1"><mergeCell ref="A1:B2"/></mergeCells></worksheet>`,
		`<?xml version="1.0" encoding="utf-8" standalone="yes"?>` + "\r\n" + `<x:worksheet xmlns:x="` + nsMain + `"><x:sheetData><x:row r="2" ht="15.5" x14ac:dyDescent="0.25"><x:c r="B2" s="3"><x:f>SUM(A1:A2)</x:f><x:v>3&#13;&#x41;&amp;</x:v></x:c></x:row></x:sheetData></x:worksheet>`,
	} {
		f.Add(uint8(0), []byte(s))
	}
	f.Fuzz(func(t *testing.T, which uint8, body []byte) {
		i := targets[int(which)%len(targets)]
		var buf bytes.Buffer
		zw := zip.NewWriter(&buf)
		for j, name := range names {
			w, err := zw.Create(name)
			if err != nil {
				t.Fatal(err)
			}
			if j == i {
				w.Write(body)
			} else {
				w.Write(bodies[j])
			}
		}
		if err := zw.Close(); err != nil {
			t.Fatal(err)
		}
		b := buf.Bytes()
		u, err := open(bytes.NewReader(b), int64(len(b)))
		if err != nil {
			return
		}
		defer u.pre.stop()
		bk, ok := newBook(u)
		if !ok {
			return
		}
		xf, err := openFile(bytes.NewReader(b), int64(len(b)))
		if err != nil {
			if !errors.Is(err, ErrNotWorkbook) {
				t.Fatal(err)
			}
			return
		}
		defer xf.Close()
		if d := sameCells(bk, xf); d != "" {
			for sh, p := range bk.paths {
				if _, err := xf.GetCellType(sh, "A1"); p == names[i] && err != nil && refusedOutsideCells(body) {
					return // the one difference, on purpose: see book
				}
			}
			t.Fatal(d)
		}
		got, gerr := readGrid(bk)
		if bk.bad {
			return
		}
		want, werr := readGrid(xf)
		if fmt.Sprint(gerr) != fmt.Sprint(werr) || !reflect.DeepEqual(got, want) {
			t.Fatalf("quick reader: %+v, %v\nexcelize: %+v, %v", got, gerr, want, werr)
		}
	})
}

// refusedOutsideCells reports whether a worksheet that excelize cannot read
// has all its cells, rows and merged ranges in order, so that only an
// element book does not read can be at fault. It decodes the part with
// encoding/xml into a copy of the parts of excelize's model that book
// reads.
func refusedOutsideCells(body []byte) bool {
	var ws struct {
		XMLName   xml.Name `xml:"http://schemas.openxmlformats.org/spreadsheetml/2006/main worksheet"`
		SheetData struct {
			Row []struct {
				C []struct {
					XMLSpace xml.Attr `xml:"space,attr,omitempty"`
					R        string   `xml:"r,attr,omitempty"`
					S        int      `xml:"s,attr,omitempty"`
					T        string   `xml:"t,attr,omitempty"`
					Cm       *uint    `xml:"cm,attr"`
					Vm       *uint    `xml:"vm,attr"`
					Ph       *bool    `xml:"ph,attr"`
					F        *struct {
						Content string `xml:",chardata"`
						T       string `xml:"t,attr,omitempty"`
						Aca     bool   `xml:"aca,attr,omitempty"`
						Ref     string `xml:"ref,attr,omitempty"`
						Dt2D    bool   `xml:"dt2D,attr,omitempty"`
						Dtr     bool   `xml:"dtr,attr,omitempty"`
						Del1    bool   `xml:"del1,attr,omitempty"`
						Del2    bool   `xml:"del2,attr,omitempty"`
						R1      string `xml:"r1,attr,omitempty"`
						R2      string `xml:"r2,attr,omitempty"`
						Ca      bool   `xml:"ca,attr,omitempty"`
						Si      *int   `xml:"si,attr"`
						Bx      bool   `xml:"bx,attr,omitempty"`
					} `xml:"f"`
					V  string `xml:"v,omitempty"`
					IS *struct {
						T *struct {
							Space xml.Attr `xml:"space,attr,omitempty"`
							Val   string   `xml:",chardata"`
						} `xml:"t"`
						R []struct {
							T *struct {
								Space xml.Attr `xml:"space,attr,omitempty"`
								Val   string   `xml:",chardata"`
							} `xml:"t"`
						} `xml:"r"`
					} `xml:"is"`
				} `xml:"c"`
				R            int      `xml:"r,attr,omitempty"`
				Spans        string   `xml:"spans,attr,omitempty"`
				S            int      `xml:"s,attr,omitempty"`
				CustomFormat bool     `xml:"customFormat,attr,omitempty"`
				Ht           *float64 `xml:"ht,attr"`
				Hidden       bool     `xml:"hidden,attr,omitempty"`
				CustomHeight bool     `xml:"customHeight,attr,omitempty"`
				OutlineLevel uint8    `xml:"outlineLevel,attr,omitempty"`
				Collapsed    bool     `xml:"collapsed,attr,omitempty"`
				ThickTop     bool     `xml:"thickTop,attr,omitempty"`
				ThickBot     bool     `xml:"thickBot,attr,omitempty"`
				Ph           bool     `xml:"ph,attr,omitempty"`
			} `xml:"row"`
		} `xml:"sheetData"`
		MergeCells *struct {
			Count int `xml:"count,attr,omitempty"`
			Cells []*struct {
				Ref string `xml:"ref,attr,omitempty"`
			} `xml:"mergeCell,omitempty"`
		} `xml:"mergeCells"`
	}
	return xml.Unmarshal(body, &ws) == nil
}

// TestQuickReaderEdges puts worksheets written in unusual but valid ways in
// place of a grid's Moderation sheet and checks that the quick reader reads
// every cell as excelize does, or leaves the workbook to excelize where
// it says it will.
func TestQuickReaderEdges(t *testing.T) {
	const ns = `xmlns="` + nsMain + `"`
	sheet := func(rows string) string {
		return `<worksheet ` + ns + `><sheetData>` + rows + `</sheetData></worksheet>`
	}
	for _, tc := range []struct {
		name   string
		body   string
		defers bool // the quick reader leaves it to excelize
	}{
		{"types", sheet(`<row r="1"><c r="A1"><v>1.5</v></c><c r="B1" t="n"><v>2</v></c><c r="C1" t="b"><v>1</v></c>` +
			`<c r="D1" t="e"><v>#DIV/0!</v></c><c r="E1" t="d"><v>2027-01-15T00:00:00Z</v></c><c r="F1" t="str"><f>A1</f><v>1.5</v></c>` +
			`<c r="G1" t="x"><v>7</v></c><c r="H1" t="s"><v>0</v></c><c r="I1" t="inlineStr"><is><r><t>a</t></r><t>b</t></is></c>` +
			`<c r="J1" t="inlineStr"><v>v</v></c><c r="K1" t="inlineStr"/><c r="L1" s="3"/></row>`), false},
		{"shared string indexes", sheet(`<row r="2"><c r="A2" t="s"><v> 2 </v></c><c r="B2" t="s"><v>two</v></c>` +
			`<c r="C2" t="s"><v>99999</v></c><c r="D2" t="s"><v>-1</v></c><c r="E2" t="s"><v></v></c><c r="F2" t="s"/></row>`), false},
		{"formulas", sheet(`<row r="3"><c r="A3"><f/></c><c r="B3"><f>1+1</f><v>2</v></c>` +
			`<c r="C3"><f t="array" ref="C3:C3">SUM(A1:B2)</f></c><c r="D3"><f t="normal" ca="1" si="4">&#34;x&#34;&amp;A1</f></c></row>`), false},
		{"shared formula", sheet(`<row r="3"><c r="A3"><f t="shared" si="0" ref="A3:B3">A1</f></c><c r="B3"><f t="shared" si="0"/></c></row>`), true},
		{"gaps", sheet(`<row r="2"/><row r="4" spans="1:3"></row><row r="7"><c r="C7"><v>x</v></c><c r="Z7"><v>z</v></c></row>`), false},
		{"entities and line ends", sheet(`<row r="&#49;"><c r="&#65;1" t="inlineStr"><is><t xml:space="preserve"> a&#13;&#10;b` + "\r\n" + `c` + "\r" + `d &lt;&gt;&amp;&apos;&quot; &#xE9;&#233; </t></is></c>` +
			`<c r="B1"><v>` + "1\r\n" + `</v></c></row>`), false},
		{"escapes", sheet(`<row r="1"><c r="A1" t="inlineStr"><is><t>_x0041__x005F_x0042__xD800__x00e9_</t></is></c></row>`), false},
		{"prefixes", `<?xml version="1.0" encoding="utf-8" standalone="yes"?>` + "\r\n" + `<x:worksheet xmlns:x="` + nsMain + `" xmlns:x14ac="urn:x"><x:sheetData>` +
			`<x:row r="1" x14ac:dyDescent="0.25" ht=" 15.5 " customHeight="1"><x:c r="A1" s="2"><x:v>3</x:v><x:extLst><x:ext/></x:extLst></x:c></x:row></x:sheetData></x:worksheet>`, false},
		{"merges", `<worksheet ` + ns + `><sheetData><row r="2"><c r="B2"><v>1</v></c><c r="C2"><v>2</v></c></row><row r="4"><c r="D4"><v>4</v></c></row></sheetData>` +
			`<mergeCells count="3"><mergeCell ref="B2:C3"/><mergeCell ref="D4"/><mergeCell ref="A1:E5"/><mergeCell/></mergeCells></worksheet>`, false},
		{"other elements", `<worksheet ` + ns + `><sheetPr><tabColor rgb="FF0000"/></sheetPr><dimension ref="A1:B2"/>` +
			`<sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData><dataValidations count="1"><dataValidation sqref="A1"><formula1>"0,1"</formula1></dataValidation></dataValidations>` +
			`<extLst><ext><x14:dataValidations xmlns:x14="urn:x14"><x14:dataValidation><x14:formula1><xm:f xmlns:xm="urn:xm">Sheet1!A1</xm:f></x14:formula1></x14:dataValidation></x14:dataValidations></ext></extLst></worksheet>`, false},
		{"empty part", ``, false},
		{"empty worksheet", `<worksheet ` + ns + `/>`, false},
		{"no namespace", `<worksheet><sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData></worksheet>`, true},
		{"other encoding", `<?xml version="1.0" encoding="ISO-8859-1"?>` + sheet(``), true},
		{"byte order mark", "\uFEFF" + sheet(``), true},
		{"comment", sheet(`<!-- x --><row r="1"/>`), true},
		{"unknown entity", sheet(`<row r="1"><c r="A1"><v>&nbsp;</v></c></row>`), true},
		{"row without number", sheet(`<row><c r="A1"><v>1</v></c></row>`), true},
		{"cell without reference", sheet(`<row r="1"><c><v>1</v></c></row>`), true},
		{"cell in another row", sheet(`<row r="1"><c r="A2"><v>1</v></c></row>`), true},
		{"cells out of order", sheet(`<row r="1"><c r="B1"><v>1</v></c><c r="A1"><v>2</v></c></row>`), true},
		{"lower case reference", sheet(`<row r="1"><c r="a1"><v>1</v></c></row>`), true},
		{"duplicate reference", sheet(`<row r="1"><c r="A1" x:r="A1" xmlns:x="urn:x"><v>1</v></c></row>`), true},
		{"spaced style", sheet(`<row r="1"><c r="A1" s=" 1"><v>1</v></c></row>`), true},
		{"bad row height", sheet(`<row r="1" ht="tall"><c r="A1"><v>1</v></c></row>`), true},
		{"bad style", sheet(`<row r="1"><c r="A1" s="x"><v>1</v></c></row>`), true},
		{"two values", sheet(`<row r="1"><c r="A1"><v>1</v><v>2</v></c></row>`), true},
		{"element in a value", sheet(`<row r="1"><c r="A1"><v>1<b/>2</v></c></row>`), true},
		{"mismatched tags", sheet(`<row r="1"><c r="A1"><v>1</c></v></row>`), true},
		{"reversed merge", `<worksheet ` + ns + `><sheetData/><mergeCells><mergeCell ref="C3:B2"/></mergeCells></worksheet>`, true},
		{"rich text", sheet(`<row r="1"><c r="A1" t="inlineStr"><is><r><rPr><b/><i val="0"/><sz val=" 11 "/><color theme="1" tint="-0.25"/>` +
			`<rFont val="Calibri"/><family val="2"/><charset val="1"/><scheme val="minor"/><u val="single"/></rPr><t>a</t></r>` +
			`<r><t xml:space="preserve"> b</t></r><rPh sb="0" eb="1"><t>エ</t></rPh><phoneticPr fontId="1" type="noConversion"/></is></c></row>`), false},
		{"bad bold", sheet(`<row r="1"><c r="A1" t="inlineStr"><is><r><rPr><b val=" true"/></rPr><t>a</t></r></is></c></row>`), true},
		{"element in bold", sheet(`<row r="1"><c r="A1" t="inlineStr"><is><r><rPr><b><x/></b></rPr><t>a</t></r></is></c></row>`), true},
		{"bad size", sheet(`<row r="1"><c r="A1" t="inlineStr"><is><r><rPr><sz val="big"/></rPr><t>a</t></r></is></c></row>`), true},
		{"bad phonetic run", sheet(`<row r="1"><c r="A1" t="inlineStr"><is><t>a</t><rPh sb="-1" eb="1"><t>x</t></rPh></is></c></row>`), true},
		{"cell outside a row", sheet(`<c r="A1"><v>1</v></c>`), true},
		{"second root", sheet(``) + `<worksheet/>`, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			b := rewrite(t, save(t, completeSmall(t)), func(name, body string) string {
				if strings.HasSuffix(name, "/sheet6.xml") { // Moderation
					return tc.body
				}
				return body
			})
			bk, ok := quick(t, b)
			if !ok {
				t.Fatal("newBook refused the workbook")
			}
			d := sameCells(bk, slow(t, b))
			if d != "" {
				t.Error(d)
			}
			if bk.bad != tc.defers {
				t.Errorf("left to excelize: %v; want %v", bk.bad, tc.defers)
			}
		})
	}
}
