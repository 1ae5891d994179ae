// Package xlsxsafe opens workbooks that come from outside: it checks the
// zip container and every XML part against limits before excelize parses
// anything, so a hostile file cannot make a reader use much memory or time.
// Package score (evaluation grids) and package monitor (contract-monitoring
// workbooks) open what people hand them through it.
package xlsxsafe

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"path"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"
)

// Limits on a workbook handed to Open. A grid at the largest size goldenthread
// makes (20 evaluators, 30 bidders, 100 questions) and a monitoring workbook
// of a 25-year contract stay well inside them; they stop a hostile file from
// making a reader use much memory or time.
const (
	MaxFileSize   = 16 << 20 // bytes of .xlsx file
	maxUnzipSize  = 64 << 20 // bytes of all parts unpacked
	maxPartSize   = 16 << 20 // bytes of one part unpacked
	maxParts      = 1000
	maxElements   = 1_500_000 // XML elements in all parts
	maxCells      = 400_000   // <c> elements in all worksheets
	maxRow        = 10_000
	maxCol        = 256
	maxSheetCount = 64
)

// Errors Open returns, for errors.Is. Each comes wrapped in a message that
// says what is wrong.
var (
	ErrNotWorkbook = errors.New("not an .xlsx workbook")
	ErrTooLarge    = errors.New("workbook too large")
)

func mb(n uint64) string { return strconv.FormatFloat(float64(n)/(1<<20), 'f', 1, 64) + " MB" }

// Open checks the zip container and every XML part against the limits
// before excelize parses anything, then opens the workbook. excelize trusts
// the sizes a zip declares, makes a row for every row number up to the
// highest on a sheet and a cell for every column up to the highest in a
// row, and builds a struct per element, so the checks here are what bound
// its work.
func Open(r io.ReaderAt, size int64) (*excelize.File, error) {
	if size > MaxFileSize {
		return nil, fmt.Errorf("%w: the file is %s; goldenthread reads workbooks up to %s", ErrTooLarge, mb(uint64(size)), mb(MaxFileSize))
	}
	if size < 0 {
		return nil, fmt.Errorf("%w: the file has a negative size", ErrNotWorkbook)
	}
	zr, err := zip.NewReader(r, size)
	if err != nil {
		return nil, fmt.Errorf("%w: it is not a zip archive (%v)", ErrNotWorkbook, err)
	}
	if len(zr.File) > maxParts {
		return nil, fmt.Errorf("%w: it has %d parts; goldenthread's workbooks have far fewer than %d", ErrTooLarge, len(zr.File), maxParts)
	}
	var total uint64
	names := map[string]bool{}
	for _, f := range zr.File {
		name := strings.ToLower(strings.ReplaceAll(f.Name, `\`, "/"))
		if names[name] {
			return nil, fmt.Errorf("%w: part %q appears twice", ErrNotWorkbook, f.Name)
		}
		names[name] = true
		if f.UncompressedSize64 > maxPartSize {
			return nil, fmt.Errorf("%w: part %q unpacks to %s; goldenthread reads parts up to %s", ErrTooLarge, f.Name, mb(f.UncompressedSize64), mb(maxPartSize))
		}
		total += f.UncompressedSize64
		if total > maxUnzipSize {
			return nil, fmt.Errorf("%w: it unpacks to more than %s", ErrTooLarge, mb(maxUnzipSize))
		}
	}
	if !names["[content_types].xml"] || !names["xl/workbook.xml"] {
		return nil, fmt.Errorf("%w: it has no workbook part (is it a .docx, .ods or an old .xls?)", ErrNotWorkbook)
	}
	var c counts
	for _, f := range zr.File {
		if f.FileInfo().IsDir() {
			continue
		}
		if err := c.scan(f); err != nil {
			return nil, err
		}
	}

	wb, err := excelize.OpenReader(io.NewSectionReader(r, 0, size), excelize.Options{
		UnzipSizeLimit:    maxUnzipSize,
		UnzipXMLSizeLimit: maxPartSize + 1, // every part stays in memory: none goes to a temporary file
		RawCellValue:      true,
	})
	if err != nil {
		if wb != nil {
			_ = wb.Close()
		}
		return nil, fmt.Errorf("%w: %v", ErrNotWorkbook, err)
	}
	return wb, nil
}

// counts tallies what the XML parts would make excelize build.
type counts struct {
	elements, cells int
}

// scan reads one part: it must unpack to no more than it declares (the zip
// reader enforces that), and an XML part must be within the element, cell,
// row and column limits. A quick pass over the bytes handles what
// spreadsheet programs write; anything it is unsure of (comments, CDATA,
// entities in a reference) goes through encoding/xml instead.
func (c *counts) scan(f *zip.File) error {
	rc, err := f.Open()
	if err != nil {
		return fmt.Errorf("%w: part %q: %v", ErrNotWorkbook, f.Name, err)
	}
	defer rc.Close()
	data, err := io.ReadAll(rc)
	if err != nil {
		return fmt.Errorf("%w: part %q is damaged (%v)", ErrNotWorkbook, f.Name, err)
	}
	ext := path.Ext(strings.ToLower(f.Name))
	if ext != ".xml" && ext != ".rels" && ext != ".vml" {
		return nil
	}
	saved := *c
	done, err := c.quick(f.Name, data)
	if err != nil || done {
		return err
	}
	*c = saved
	return c.tokens(f.Name, data)
}

// localName is the local part of a tag or attribute name, split as
// encoding/xml splits it.
func localName(b []byte) string {
	if space, local, ok := bytes.Cut(b, []byte{':'}); ok && len(space) > 0 && len(local) > 0 && bytes.IndexByte(local, ':') < 0 {
		return string(local)
	}
	return string(b)
}

// element counts one start tag.
func (c *counts) element(local string) error {
	c.elements++
	if c.elements > maxElements {
		return fmt.Errorf("%w: it holds more than %d XML elements", ErrTooLarge, maxElements)
	}
	if local == "c" {
		c.cells++
		if c.cells > maxCells {
			return fmt.Errorf("%w: it holds more than %d cells", ErrTooLarge, maxCells)
		}
	}
	return nil
}

// checkRef checks the r attribute of a row or a cell, a cell's as excelize
// will read it. Worksheets may sit anywhere the workbook's relationships
// point, so rows and cells are checked in every part.
func checkRef(part, local, ref string) error {
	switch local {
	case "row":
		if n, err := strconv.Atoi(ref); ref != "" && (err != nil || n < 0 || n > maxRow) {
			return fmt.Errorf("%w: part %q has a row numbered %.20q; goldenthread's workbooks have at most %d rows", ErrTooLarge, part, ref, maxRow)
		}
	case "c":
		if col, row, err := excelize.CellNameToCoordinates(ref); ref != "" && (err != nil || col > maxCol || row > maxRow) {
			return fmt.Errorf("%w: part %q has a cell at %.20q, outside the %d rows and %d columns goldenthread's workbooks use", ErrTooLarge, part, ref, maxRow, maxCol)
		}
	}
	return nil
}

func notWellFormed(part string, why any) error {
	return fmt.Errorf("%w: part %q is not well-formed XML (%v)", ErrNotWorkbook, part, why)
}

// tokens checks a part with encoding/xml's tokenizer.
func (c *counts) tokens(part string, data []byte) error {
	d := xml.NewDecoder(bytes.NewReader(data))
	d.Strict = true
	depth := 0
	for {
		tok, err := d.RawToken()
		if err == io.EOF {
			if depth != 0 {
				return notWellFormed(part, "it ends inside an element")
			}
			return nil
		}
		if err != nil {
			return notWellFormed(part, err)
		}
		switch t := tok.(type) {
		case xml.EndElement:
			depth--
		case xml.StartElement:
			depth++
			if err := c.element(t.Name.Local); err != nil {
				return err
			}
			for _, a := range t.Attr {
				if a.Name.Local == "r" {
					if err := checkRef(part, t.Name.Local, a.Value); err != nil {
						return err
					}
				}
			}
		}
	}
}

// quick checks a part by finding its tags directly, several times faster
// than encoding/xml on the worksheets spreadsheet programs write. It
// reports done=false, leaving the part to tokens, on anything else: a
// comment, CDATA, a DOCTYPE, a '>' inside an attribute value, an entity in
// a reference.
func (c *counts) quick(part string, data []byte) (done bool, err error) {
	const space = " \t\r\n"
	depth := 0
	for rest := data; ; {
		i := bytes.IndexByte(rest, '<')
		if i < 0 {
			if depth != 0 {
				return true, notWellFormed(part, "it ends inside an element")
			}
			return true, nil
		}
		j := bytes.IndexByte(rest[i:], '>')
		if j < 2 {
			return false, nil
		}
		tag := rest[i+1 : i+j]
		rest = rest[i+j+1:]
		if tag[0] == '!' || bytes.IndexByte(tag, '<') >= 0 || bytes.Count(tag, []byte{'"'})%2 != 0 || bytes.Count(tag, []byte{'\''})%2 != 0 {
			return false, nil
		}
		switch {
		case tag[0] == '?':
			if tag[len(tag)-1] != '?' {
				return false, nil
			}
			continue
		case tag[0] == '/':
			depth--
			continue
		case tag[len(tag)-1] == '/':
			tag = tag[:len(tag)-1]
		default:
			depth++
		}
		name, attrs := tag, []byte(nil)
		if k := bytes.IndexAny(tag, space); k >= 0 {
			name, attrs = tag[:k], tag[k:]
		}
		local := localName(name)
		if err := c.element(local); err != nil {
			return true, err
		}
		for local == "row" || local == "c" {
			attrs = bytes.TrimLeft(attrs, space)
			k := bytes.IndexByte(attrs, '=')
			if k < 0 {
				break
			}
			key := bytes.TrimRight(attrs[:k], space)
			v := bytes.TrimLeft(attrs[k+1:], space)
			e := -1
			if len(v) > 0 && (v[0] == '"' || v[0] == '\'') {
				e = bytes.IndexByte(v[1:], v[0])
			}
			if e < 0 || bytes.IndexByte(v[:e+1], '&') >= 0 {
				return false, nil
			}
			if localName(key) == "r" {
				if err := checkRef(part, local, string(v[1:e+1])); err != nil {
					return true, err
				}
			}
			attrs = v[e+2:]
		}
	}
}

// SheetList returns the workbook's sheet names, refusing absurd counts.
func SheetList(f *excelize.File) ([]string, error) {
	names := f.GetSheetList()
	if len(names) > maxSheetCount {
		return nil, fmt.Errorf("%w: it has %d sheets", ErrTooLarge, len(names))
	}
	return names, nil
}
