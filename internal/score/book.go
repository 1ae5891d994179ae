package score

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"
)

// workbook is what Read needs of a workbook. *excelize.File has it; so has
// book, which reads the same answers straight from the parts, many times
// faster than excelize builds its model of every cell.
type workbook interface {
	GetSheetList() []string
	GetRows(sheet string, opts ...excelize.Options) ([][]string, error)
	GetCellFormula(sheet, cell string) (string, error)
	GetCellValue(sheet, cell string, opts ...excelize.Options) (string, error)
	GetCellType(sheet, cell string) (excelize.CellType, error)
}

// Namespaces and the relationship type a book looks for.
const (
	nsMain            = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
	relOfficeDocument = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
	sharedStringsPart = "xl/sharedStrings.xml"
)

// book answers as excelize, opened with RawCellValue, would answer for the
// same workbook, but reads only the parts and cells Read asks about, with
// xscan rather than encoding/xml's reflection.
//
// It handles what spreadsheet programs write: rows and cells in order, each
// with its reference. Where excelize would have to repair a sheet (rows out
// of order or unnumbered, cells without references), or a part uses XML
// xscan does not read, book sets bad and Read starts again with excelize,
// so that every workbook gives the result it always has. One difference
// remains, on purpose: excelize refused a workbook, or every cell of a
// sheet, when a part or element that Read never looks at (styles, theme,
// calculation chain, column widths, page setup and so on) held a value of
// the wrong type; book does not read those, so it reads the cells.
type book struct {
	parts  map[string][]byte // by the names excelize gives them
	pre    *prefetch         // parts parsed already, or being parsed
	names  []string          // sheets, in workbook order
	paths  map[string]string // sheet name to part, as excelize maps them
	sst    []string
	sstOK  bool
	sheets map[string]*xsheet // by part
	byName map[string]*xsheet // by the name asked for

	// bad says the workbook needs excelize: book's answers are not to be
	// used.
	bad bool
}

// newBook reads the workbook's list of sheets and where they are. ok is
// false when the workbook needs excelize.
func newBook(u *unpacked) (b *book, ok bool) {
	parts := u.parts
	b = &book{parts: parts, pre: u.pre, paths: map[string]string{}, sheets: map[string]*xsheet{}, byName: map[string]*xsheet{}}
	var rootRels xmlRels
	if err := b.decode("_rels/.rels", &rootRels); err != nil {
		return nil, false
	}
	wbPath := ""
	for _, rel := range rootRels.Relationships {
		if rel.Type == relOfficeDocument {
			wbPath = strings.TrimPrefix(rel.Target, "/")
			break
		}
	}
	var wb xmlWorkbook
	if err := b.decode(wbPath, &wb); err != nil {
		return nil, false
	}
	var rels xmlRels
	if err := b.decode(workbookRelsPath(wbPath), &rels); err != nil {
		return nil, false
	}
	for _, sh := range wb.Sheets.Sheet {
		b.names = append(b.names, sh.Name)
		for _, rel := range rels.Relationships {
			if rel.ID != sh.ID {
				continue
			}
			p := worksheetPath(wbPath, rel.Target)
			if _, ok := parts[p]; ok {
				b.paths[sh.Name] = p
			}
		}
	}
	return b, true
}

// decode decodes a small part with encoding/xml, as excelize does. A part
// that is not there decodes to nothing. Anything excelize would read
// differently (Strict namespaces, another character encoding) or refuse is
// errUnsupported.
func (b *book) decode(name string, v any) error {
	data, ok := b.parts[name]
	if !ok {
		return nil
	}
	if bytes.Contains(data, []byte("purl.oclc.org")) {
		return errUnsupported
	}
	if err := xml.NewDecoder(bytes.NewReader(data)).Decode(v); err != nil && err != io.EOF {
		return errUnsupported
	}
	return nil
}

// xmlRels is the part of excelize's model of a relationships part that
// book uses.
type xmlRels struct {
	XMLName       xml.Name `xml:"http://schemas.openxmlformats.org/package/2006/relationships Relationships"`
	Relationships []struct {
		ID     string `xml:"Id,attr"`
		Target string `xml:",attr"`
		Type   string `xml:",attr"`
	} `xml:"Relationship"`
}

// xmlWorkbook is the part of excelize's model of workbook.xml that book
// uses. SheetID is not used, but a sheetId that is not a number must fail
// here as it does in excelize.
type xmlWorkbook struct {
	XMLName xml.Name `xml:"http://schemas.openxmlformats.org/spreadsheetml/2006/main workbook"`
	Sheets  struct {
		Sheet []struct {
			Name    string `xml:"name,attr,omitempty"`
			SheetID int    `xml:"sheetId,attr,omitempty"`
			ID      string `xml:"http://schemas.openxmlformats.org/officeDocument/2006/relationships id,attr"`
		} `xml:"sheet"`
	} `xml:"sheets"`
}

// workbookRelsPath and worksheetPath find parts exactly as excelize does.
func workbookRelsPath(wbPath string) string {
	if filepath.Dir(wbPath) == "." {
		return "_rels/" + filepath.Base(wbPath) + ".rels"
	}
	return strings.TrimPrefix(filepath.Dir(wbPath)+"/_rels/"+filepath.Base(wbPath)+".rels", "/")
}

func worksheetPath(wbPath, target string) string {
	if strings.HasPrefix(target, "/") {
		return filepath.ToSlash(strings.TrimPrefix(strings.ReplaceAll(filepath.Clean(target), `\`, "/"), "/"))
	}
	return filepath.ToSlash(strings.TrimPrefix(strings.ReplaceAll(filepath.Clean(filepath.Dir(wbPath)+"/"+target), `\`, "/"), "/"))
}

// errSheet stands for the errors excelize returns for a sheet it cannot
// read; Read only ever notes that there was one.
var errSheet = errors.New("score: sheet cannot be read")

// sheet returns the parsed sheet called name, matching names without
// regard to case as excelize does.
func (b *book) sheet(name string) *xsheet {
	sh, ok := b.byName[name]
	if !ok {
		sh = b.find(name)
		b.byName[name] = sh
	}
	return sh
}

func (b *book) find(name string) *xsheet {
	p, found := "", false
	for n, q := range b.paths {
		if !strings.EqualFold(n, name) {
			continue
		}
		if found && q != p {
			// excelize would pick one of them at random.
			b.bad = true
			return &xsheet{err: errSheet}
		}
		p, found = q, true
	}
	if !found {
		return &xsheet{err: errSheet}
	}
	if sh, ok := b.sheets[p]; ok {
		return sh
	}
	var sh *xsheet
	for _, dir := range []string{"xl/chartsheets", "xl/dialogsheet", "xl/macrosheet"} {
		if strings.HasPrefix(p, dir) {
			sh = &xsheet{err: errSheet, notWorksheet: true}
		}
	}
	if sh == nil {
		var err error
		if sh, err = b.pre.sheet(p, b.parts[p]); err != nil {
			b.bad = true
			sh = &xsheet{err: errSheet}
		}
	}
	b.sheets[p] = sh
	return sh
}

// sharedStrings returns the shared string table, loading it the first time.
func (b *book) sharedStrings() []string {
	if !b.sstOK {
		sst, err := b.pre.sst(b.parts[sharedStringsPart])
		if err != nil {
			b.bad = true
		}
		b.sst, b.sstOK = sst, true
	}
	return b.sst
}

// GetSheetList returns the sheets' names in workbook order.
func (b *book) GetSheetList() []string { return b.names }

// GetRows returns a sheet's values row by row as excelize's row iterator
// does: rows up to the last with a value, each up to its last value or
// formula, merged cells not filled in.
func (b *book) GetRows(sheet string, _ ...excelize.Options) ([][]string, error) {
	sst := b.sharedStrings()
	sh := b.sheet(sheet)
	if sh.err != nil || sh.notWorksheet {
		// excelize would say why, in its words.
		b.bad = true
		return nil, sh.err
	}
	var out [][]string
	for _, r := range sh.rows {
		var vals []string
		for i := r.first; i < r.end; i++ {
			c := &sh.cells[i]
			v, _ := c.value(sst)
			if v == "" && !c.hasF {
				continue
			}
			for len(vals) < c.col-1 {
				vals = append(vals, "")
			}
			vals = append(vals, v)
		}
		if len(vals) > 0 {
			for len(out) < r.num-1 {
				out = append(out, nil)
			}
			out = append(out, vals)
		}
	}
	return out, nil
}

// lookup finds a cell as excelize does, a cell in a merged range standing
// for the range's top left cell.
func (b *book) lookup(sheet, ref string) (*xcell, error) {
	sh := b.sheet(sheet)
	if sh.err != nil {
		return nil, sh.err
	}
	col, row, ok := plainRef([]byte(ref))
	if !ok {
		if col, row, ok = splitRef(ref); !ok {
			return nil, errSheet
		}
	}
	return sh.find(col, row), nil
}

// GetCellFormula returns a cell's formula, or "".
func (b *book) GetCellFormula(sheet, ref string) (string, error) {
	c, err := b.lookup(sheet, ref)
	if c == nil {
		return "", err
	}
	return c.f, nil
}

// GetCellValue returns a cell's value as stored.
func (b *book) GetCellValue(sheet, ref string, _ ...excelize.Options) (string, error) {
	sst := b.sharedStrings()
	c, err := b.lookup(sheet, ref)
	if c == nil {
		return "", err
	}
	return c.value(sst)
}

// cellTypes are excelize's cell types by the t attribute.
var cellTypes = map[string]excelize.CellType{
	"b":         excelize.CellTypeBool,
	"d":         excelize.CellTypeDate,
	"n":         excelize.CellTypeNumber,
	"e":         excelize.CellTypeError,
	"s":         excelize.CellTypeSharedString,
	"str":       excelize.CellTypeFormula,
	"inlineStr": excelize.CellTypeInlineString,
}

// GetCellType returns a cell's type.
func (b *book) GetCellType(sheet, ref string) (excelize.CellType, error) {
	c, err := b.lookup(sheet, ref)
	if c == nil {
		return excelize.CellTypeUnset, err
	}
	return cellTypes[c.t], nil
}

// xsheet is a worksheet's cells, row by row, and its merged ranges.
type xsheet struct {
	err          error // the sheet cannot be read: every cell reads as an error
	notWorksheet bool  // a chart, dialog or macro sheet
	rows         []xrow
	cells        []xcell
	merges       []xmerge
}

// xrow is a row: its number and its cells, sheet.cells[first:end].
type xrow struct {
	num, first, end int
}

// xcell is a cell as stored.
type xcell struct {
	col  int
	t    string // the t attribute: s, str, inlineStr, b, e, d, n or ""
	v    string // <v>
	f    string // <f>
	is   string // <is>, its runs joined
	hasF bool
	isIS bool
}

// xmerge is a merged range.
type xmerge struct {
	c1, r1, c2, r2 int
}

// value returns the cell's value as excelize's GetCellValue does with
// RawCellValue.
func (c *xcell) value(sst []string) (string, error) {
	switch c.t {
	case "s":
		if c.v == "" {
			return "", nil
		}
		i, _ := strconv.Atoi(strings.TrimSpace(c.v))
		if i < 0 || i >= len(sst) {
			return "", errSheet
		}
		return sst[i], nil
	case "inlineStr":
		if c.isIS {
			return c.is, nil
		}
	}
	return c.v, nil
}

// find returns the cell at col, row, or nil if there is none.
func (sh *xsheet) find(col, row int) *xcell {
	for _, m := range sh.merges {
		if m.c1 <= col && col <= m.c2 && m.r1 <= row && row <= m.r2 {
			col, row = m.c1, m.r1
			break
		}
	}
	i := sort.Search(len(sh.rows), func(i int) bool { return sh.rows[i].num >= row })
	if i == len(sh.rows) || sh.rows[i].num != row {
		return nil
	}
	cells := sh.cells[sh.rows[i].first:sh.rows[i].end]
	j := sort.Search(len(cells), func(j int) bool { return cells[j].col >= col })
	if j == len(cells) || cells[j].col != col {
		return nil
	}
	return &cells[j]
}

// The attributes of the elements book reads, typed as excelize's model
// types them.

func rowAttr(name []byte) (attrType, bool) {
	switch string(name) {
	case "r", "s":
		return attrInt, true
	case "spans":
		return attrString, true
	case "customFormat", "hidden", "customHeight", "collapsed", "thickTop", "thickBot", "ph":
		return attrBool, true
	case "ht":
		return attrFloat, true
	case "outlineLevel":
		return attrUint8, true
	}
	return 0, false
}

func cellAttr(name []byte) (attrType, bool) {
	switch string(name) {
	case "r", "t", "space":
		return attrString, true
	case "s":
		return attrInt, true
	case "cm", "vm":
		return attrUint, true
	case "ph":
		return attrBool, true
	}
	return 0, false
}

func formulaAttr(name []byte) (attrType, bool) {
	switch string(name) {
	case "t", "ref", "r1", "r2":
		return attrString, true
	case "aca", "dt2D", "dtr", "del1", "del2", "ca", "bx":
		return attrBool, true
	case "si":
		return attrInt, true
	}
	return 0, false
}

func countAttr(name []byte) (attrType, bool) {
	switch string(name) {
	case "count", "uniqueCount":
		return attrInt, true
	}
	return 0, false
}

func mergeAttr(name []byte) (attrType, bool) {
	return attrString, string(name) == "ref"
}

func intVal(name []byte) (attrType, bool)   { return attrInt, string(name) == "val" }
func floatVal(name []byte) (attrType, bool) { return attrFloat, string(name) == "val" }
func boolVal(name []byte) (attrType, bool)  { return attrString, string(name) == "val" }

func colorAttr(name []byte) (attrType, bool) {
	switch string(name) {
	case "auto":
		return attrBool, true
	case "rgb":
		return attrString, true
	case "indexed", "theme":
		return attrInt, true
	case "tint":
		return attrFloat, true
	}
	return 0, false
}

func phoneticRunAttr(name []byte) (attrType, bool) {
	switch string(name) {
	case "sb", "eb":
		return attrUint32, true
	}
	return 0, false
}

func phoneticAttr(name []byte) (attrType, bool) {
	switch string(name) {
	case "fontId":
		return attrInt, true
	case "type", "alignment":
		return attrString, true
	}
	return 0, false
}

// sheetElements are the elements that hold cells, which book reads only in
// their places: elsewhere, excelize's two readers of a sheet would disagree
// about them.
var sheetElements = []string{"sheetData", "row", "c", "f", "v", "is"}

// parseSheet reads a worksheet part.
func parseSheet(data []byte) (*xsheet, error) {
	if !checkChars(data) {
		return nil, errUnsupported
	}
	s, err := newScan(data)
	if err != nil {
		return nil, err
	}
	sh := &xsheet{cells: make([]xcell, 0, bytes.Count(data, []byte("<c ")))}
	if err := s.next(); err != nil {
		return nil, err
	}
	if s.kind == tokEOF {
		return sh, nil // no element at all: excelize reads an empty sheet
	}
	if string(s.local) != "worksheet" || s.namespace() != nsMain {
		return nil, errUnsupported
	}
	seenData, seenMerges := false, false
	for {
		if err := s.next(); err != nil {
			return nil, err
		}
		switch s.kind {
		case tokEnd:
			if err := s.next(); err != nil {
				return nil, err
			}
			if s.kind != tokEOF {
				return nil, errUnsupported
			}
			return sh, nil
		case tokStart:
			switch string(s.local) {
			case "sheetData":
				if seenData {
					return nil, errUnsupported
				}
				seenData = true
				err = sh.sheetData(s)
			case "mergeCells":
				if seenMerges {
					return nil, errUnsupported
				}
				seenMerges = true
				err = sh.mergeCells(s)
			case "row", "c":
				err = errUnsupported
			default:
				err = s.skip("sheetData", "row", "c")
			}
			if err != nil {
				return nil, err
			}
		}
	}
}

// namespace returns the namespace of the element just started, which must
// be declared on it (book reads only root elements' namespaces).
func (s *xscan) namespace() string {
	ns := ""
	for _, a := range s.attrs {
		if len(s.prefix) == 0 && len(a.prefix) == 0 && string(a.local) == "xmlns" ||
			len(s.prefix) > 0 && string(a.prefix) == "xmlns" && bytes.Equal(a.local, s.prefix) {
			ns = decode(a.raw)
		}
	}
	return ns
}

func (sh *xsheet) sheetData(s *xscan) error {
	if s.empty {
		return s.next()
	}
	for {
		if err := s.next(); err != nil {
			return err
		}
		switch s.kind {
		case tokEnd:
			return nil
		case tokStart:
			switch string(s.local) {
			case "row":
				if err := sh.row(s); err != nil {
					return err
				}
			case "sheetData", "c", "f", "v", "is":
				return errUnsupported
			default:
				if err := s.skip(sheetElements...); err != nil {
					return err
				}
			}
		}
	}
}

// row reads a row. Its number must be written plainly and be above the
// last row's; otherwise excelize would renumber or reorder rows.
func (sh *xsheet) row(s *xscan) error {
	num := 0
	err := checkAttrs(s.attrs, rowAttr, func(name, v []byte) {
		if string(name) == "r" {
			num = plainInt(v)
		}
	})
	if err != nil || num <= 0 || len(sh.rows) > 0 && num <= sh.rows[len(sh.rows)-1].num {
		return errUnsupported
	}
	r := xrow{num: num, first: len(sh.cells)}
	if s.empty {
		r.end = r.first
		sh.rows = append(sh.rows, r)
		return s.next()
	}
	for {
		if err := s.next(); err != nil {
			return err
		}
		switch s.kind {
		case tokEnd:
			r.end = len(sh.cells)
			sh.rows = append(sh.rows, r)
			return nil
		case tokStart:
			switch string(s.local) {
			case "c":
				if err := sh.cell(s, num, r.first); err != nil {
					return err
				}
			case "sheetData", "row", "f", "v", "is":
				return errUnsupported
			default:
				if err := s.skip(sheetElements...); err != nil {
					return err
				}
			}
		}
	}
}

// plainInt parses a number written plainly, without sign, space or
// leading zero, returning 0 for anything else.
func plainInt(s []byte) int {
	if len(s) == 0 || len(s) > 9 || s[0] == '0' {
		return 0
	}
	n := 0
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return 0
		}
		n = n*10 + int(s[i]-'0')
	}
	return n
}

// cell reads a cell of row num. Its reference must be written as excelize
// writes references, be in that row, and come after the row's last cell.
func (sh *xsheet) cell(s *xscan, num, first int) error {
	c := xcell{}
	var ref []byte
	badStyle := false
	err := checkAttrs(s.attrs, cellAttr, func(name, v []byte) {
		switch string(name) {
		case "r":
			ref = v
		case "t":
			c.t = cellType(v)
		case "s":
			// excelize's row iterator parses s without trimming it.
			if !digits(v) {
				_, err := strconv.ParseInt(string(v), 10, 64)
				badStyle = err != nil
			}
		}
	})
	if err != nil || badStyle {
		return errUnsupported
	}
	col, row, ok := plainRef(ref)
	if !ok || row != num || len(sh.cells) > first && col <= sh.cells[len(sh.cells)-1].col {
		return errUnsupported
	}
	c.col = col
	if !s.empty {
		hasV := false
		for done := false; !done; {
			if err := s.next(); err != nil {
				return err
			}
			switch s.kind {
			case tokEnd:
				done = true
			case tokStart:
				switch string(s.local) {
				case "f":
					if c.hasF {
						return errUnsupported
					}
					c.hasF = true
					shared := false
					err = checkAttrs(s.attrs, formulaAttr, func(name, v []byte) {
						// excelize works a shared formula out from the
						// cell that holds it, with its own tokenizer.
						shared = shared || string(name) == "t" && string(v) == "shared"
					})
					if err != nil || shared {
						return errUnsupported
					}
					c.f, err = s.content()
				case "v":
					if hasV {
						return errUnsupported
					}
					hasV = true
					c.v, err = s.content()
				case "is":
					if c.isIS {
						return errUnsupported
					}
					c.isIS = true
					c.is, err = parseSI(s)
				case "sheetData", "row", "c":
					return errUnsupported
				default:
					err = s.skip(sheetElements...)
				}
				if err != nil {
					return err
				}
			}
		}
	} else if err := s.next(); err != nil {
		return err
	}
	sh.cells = append(sh.cells, c)
	return nil
}

// cellType returns the t attribute of a cell, sharing the strings of the
// usual ones.
func cellType(v []byte) string {
	for _, t := range []string{"s", "str", "n", "inlineStr", "b", "e", "d"} {
		if string(v) == t {
			return t
		}
	}
	return string(v)
}

// plainRef parses a cell reference written as excelize writes one: capital
// letters, then a row number without leading zero.
func plainRef(ref []byte) (col, row int, ok bool) {
	i := 0
	for i < len(ref) && i < 3 && 'A' <= ref[i] && ref[i] <= 'Z' {
		col = col*26 + int(ref[i]-'A'+1)
		i++
	}
	row = plainInt(ref[i:])
	if i == 0 || row == 0 || col > excelize.MaxColumns || row > excelize.TotalRows {
		return 0, 0, false
	}
	return col, row, true
}

func (sh *xsheet) mergeCells(s *xscan) error {
	if err := checkAttrs(s.attrs, countAttr, nil); err != nil {
		return err
	}
	if s.empty {
		return s.next()
	}
	for {
		if err := s.next(); err != nil {
			return err
		}
		switch s.kind {
		case tokEnd:
			return nil
		case tokStart:
			if string(s.local) != "mergeCell" {
				if err := s.skip(sheetElements...); err != nil {
					return err
				}
				continue
			}
			var ref []byte
			if err := checkAttrs(s.attrs, mergeAttr, func(_, v []byte) { ref = v }); err != nil {
				return err
			}
			if len(ref) > 0 {
				// excelize merges from the first cell named, which must
				// therefore be the top left one.
				a, z, found := bytes.Cut(ref, []byte(":"))
				if !found {
					z = a
				}
				c1, r1, ok1 := plainRef(a)
				c2, r2, ok2 := plainRef(z)
				if !ok1 || !ok2 || c1 > c2 || r1 > r2 || bytes.Count(ref, []byte(":")) > 1 {
					return errUnsupported
				}
				sh.merges = append(sh.merges, xmerge{c1, r1, c2, r2})
			}
			if err := s.skip(sheetElements...); err != nil {
				return err
			}
		}
	}
}

// parseSST reads the shared string table. A missing part is an empty
// table, as in excelize.
func parseSST(data []byte) ([]string, error) {
	if !checkChars(data) {
		return nil, errUnsupported
	}
	s, err := newScan(data)
	if err != nil {
		return nil, err
	}
	if err := s.next(); err != nil || s.kind == tokEOF {
		return nil, err
	}
	if string(s.local) != "sst" || s.namespace() != nsMain {
		return nil, errUnsupported
	}
	if err := checkAttrs(s.attrs, countAttr, nil); err != nil {
		return nil, err
	}
	var out []string
	for {
		if err := s.next(); err != nil {
			return nil, err
		}
		switch s.kind {
		case tokEnd:
			if err := s.next(); err != nil {
				return nil, err
			}
			if s.kind != tokEOF {
				return nil, errUnsupported
			}
			return out, nil
		case tokStart:
			if string(s.local) != "si" {
				err = s.skip()
			} else {
				var v string
				v, err = parseSI(s)
				out = append(out, v)
			}
			if err != nil {
				return nil, err
			}
		}
	}
}

// parseSI reads a string item, in the shared string table or a cell: its
// text and the text of its runs, joined and unescaped as excelize does.
func parseSI(s *xscan) (string, error) {
	if s.empty {
		return "", s.next()
	}
	var sb strings.Builder
	hasT := false
	var runs []string
	for {
		if err := s.next(); err != nil {
			return "", err
		}
		switch s.kind {
		case tokEnd:
			for _, r := range runs {
				sb.WriteString(r)
			}
			if sb.Len() == 0 {
				return "", nil
			}
			return bstrUnmarshal(sb.String()), nil
		case tokStart:
			var err error
			switch string(s.local) {
			case "t":
				if hasT {
					return "", errUnsupported
				}
				hasT = true
				var t string
				t, err = s.content()
				sb.WriteString(t)
			case "r":
				var t string
				t, err = parseRun(s)
				runs = append(runs, t)
			case "rPh":
				// Phonetic text is not part of the value.
				if err = checkAttrs(s.attrs, phoneticRunAttr, nil); err == nil {
					err = s.skip()
				}
			case "phoneticPr":
				if err = checkAttrs(s.attrs, phoneticAttr, nil); err == nil {
					err = s.skip()
				}
			default:
				err = s.skip()
			}
			if err != nil {
				return "", err
			}
		}
	}
}

// parseRun reads a run of text.
func parseRun(s *xscan) (string, error) {
	if s.empty {
		return "", s.next()
	}
	t, hasT := "", false
	for {
		if err := s.next(); err != nil {
			return "", err
		}
		switch s.kind {
		case tokEnd:
			return t, nil
		case tokStart:
			var err error
			switch string(s.local) {
			case "t":
				if hasT {
					return "", errUnsupported
				}
				hasT = true
				t, err = s.content()
			case "rPr":
				err = parseRunProps(s)
			default:
				err = s.skip()
			}
			if err != nil {
				return "", err
			}
		}
	}
}

// parseRunProps checks a run's formatting, which has no part in its text,
// as excelize's model would parse it.
func parseRunProps(s *xscan) error {
	if s.empty {
		return s.next()
	}
	for {
		if err := s.next(); err != nil {
			return err
		}
		switch s.kind {
		case tokEnd:
			return nil
		case tokStart:
			var err error
			switch string(s.local) {
			case "charset", "family":
				err = checkAttrs(s.attrs, intVal, nil)
			case "sz":
				err = checkAttrs(s.attrs, floatVal, nil)
			case "color":
				err = checkAttrs(s.attrs, colorAttr, nil)
			case "b", "i", "strike", "outline", "shadow", "condense", "extend":
				// excelize parses these itself: "val" as strconv.ParseBool
				// does, untrimmed, and no element inside.
				bad := false
				err = checkAttrs(s.attrs, boolVal, func(_, v []byte) {
					_, perr := strconv.ParseBool(string(v))
					bad = len(v) > 0 && perr != nil
				})
				if err == nil && bad {
					err = errUnsupported
				}
				if err == nil {
					_, err = s.content()
				}
				if err != nil {
					return err
				}
				continue
			}
			if err == nil {
				err = s.skip()
			}
			if err != nil {
				return err
			}
		}
	}
}
