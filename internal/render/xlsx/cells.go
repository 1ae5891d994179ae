package xlsx

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"hash/crc32"
	"io"
	"io/fs"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/xuri/excelize/v2"

	"github.com/goldenthread/goldenthread/internal/grid"
)

// sheetCells holds a sheet's cells, row heights, column widths and merged
// ranges until the sheet is complete, then writes them with excelize's
// stream writer. Building excelize's model of every cell and having
// encoding/xml marshal it took most of the time a grid took to write; the
// stream writer writes the same cells directly. The sheet's other settings (panes, validation,
// conditional formats, page setup, protection) are made on excelize's
// model as before, and the stream writer writes them too.
type sheetCells struct {
	rows   []rowCells // by row number; rows[0] is unused
	merges [][4]int   // c1, r1, c2, r2, in the order made
	width  int        // the most columns any row has
	widths []float64  // column widths by column number; 0 for the default
}

type rowCells struct {
	height float64         // 0 for the default
	cells  []excelize.Cell // by column number - 1; a zero Cell is not written
}

// row returns row r, making room for it.
func (s *sheetCells) row(r int) *rowCells {
	if r >= len(s.rows) {
		s.rows = slices.Grow(s.rows, r+1-len(s.rows))[:r+1]
	}
	return &s.rows[r]
}

// at returns the cell at col, row, making room for it.
func (s *sheetCells) at(col, row int) *excelize.Cell {
	r := s.row(row)
	if col > len(r.cells) {
		// Rows of a sheet are mostly alike: make room for as many cells
		// as the widest yet.
		s.width = max(s.width, col)
		r.cells = slices.Grow(r.cells, s.width-len(r.cells))[:col]
	}
	return &r.cells[col-1]
}

// set stores a value (text, which stays text whatever it looks like, even
// "", or a number) or a formula in a cell, keeping its style.
func (s *sheetCells) set(col, row int, v any, formula string) {
	c := s.at(col, row)
	*c = excelize.Cell{StyleID: c.StyleID, Value: v, Formula: formula}
}

// setStyle styles every cell of a range, as excelize's SetCellStyle does.
func (s *sheetCells) setStyle(c1, r1, c2, r2, style int) {
	for r := r1; r <= r2; r++ {
		for c := c1; c <= c2; c++ {
			s.at(c, r).StyleID = style
		}
	}
}

// merge merges a range, emptying all but its top left cell as excelize's
// MergeCell does; their styles stay.
func (s *sheetCells) merge(c1, r1, c2, r2 int) {
	for r := r1; r <= r2; r++ {
		for c := c1; c <= c2; c++ {
			if c != c1 || r != r1 {
				cl := s.at(c, r)
				*cl = excelize.Cell{StyleID: cl.StyleID}
			}
		}
	}
	s.merges = append(s.merges, [4]int{c1, r1, c2, r2})
}

func (s *sheetCells) setWidth(col int, w float64) {
	if col >= len(s.widths) {
		s.widths = slices.Grow(s.widths, col+1-len(s.widths))[:col+1]
	}
	s.widths[col] = w
}

func (s *sheetCells) setHeight(row int, h float64) {
	s.row(row).height = h
}

// write writes the sheet's cells. Call it once every setting of the sheet is
// made: the stream writer writes them as it starts and ends.
func (s *sheetCells) write(f *excelize.File, sheet string) error {
	sw, err := f.NewStreamWriter(sheet)
	if err != nil {
		return err
	}
	// The stream writer keeps columns in the reverse of the order they are
	// set and writes them as it keeps them; Excel wants them in order.
	for c := len(s.widths) - 1; c >= 1; c-- {
		if w := s.widths[c]; w > 0 {
			if err := sw.SetColWidth(c, c, w); err != nil {
				return err
			}
		}
	}
	for _, m := range s.merges {
		if err := sw.MergeCell(grid.Cell(m[0], m[1]), grid.Cell(m[2], m[3])); err != nil {
			return err
		}
	}
	var vals []any
	for r := 1; r < len(s.rows); r++ {
		row := s.rows[r]
		vals = vals[:0]
		used := false
		for i := range row.cells {
			cl := &row.cells[i]
			if *cl == (excelize.Cell{}) {
				vals = append(vals, nil)
				continue
			}
			used = true
			vals = append(vals, cl)
		}
		if !used && row.height == 0 {
			continue
		}
		if err := sw.SetRow(grid.Cell(1, r), vals, excelize.RowOpts{Height: row.height}); err != nil {
			return err
		}
	}
	return sw.Flush()
}

// sortedZip collects a workbook's parts and, when closed, compresses them
// two at a time and writes them in reverse order of name, as excelize
// writes the parts it holds. excelize writes the parts of stream-written
// sheets in the order it ranges over a map, which would make every grid
// differ; each part compresses the same whichever goroutine does it.
type sortedZip struct {
	zw    *zip.Writer
	parts []zipPart
}

type zipPart struct {
	name string
	data *bytes.Buffer // as written, then compressed
	crc  uint32
	size int
	err  error
}

func (z *sortedZip) Create(name string) (io.Writer, error) {
	b := new(bytes.Buffer)
	z.parts = append(z.parts, zipPart{name: name, data: b})
	return b, nil
}

// AddFS is not used by excelize's writer; it adds the files at once.
func (z *sortedZip) AddFS(fsys fs.FS) error { return z.zw.AddFS(fsys) }

func (z *sortedZip) Close() error {
	slices.SortStableFunc(z.parts, func(a, b zipPart) int { return strings.Compare(b.name, a.name) })
	var (
		next atomic.Int64
		wg   sync.WaitGroup
	)
	compress := func() {
		for i := int(next.Add(1)) - 1; i < len(z.parts); i = int(next.Add(1)) - 1 {
			z.parts[i].deflate()
		}
	}
	wg.Go(compress)
	compress()
	wg.Wait()
	for _, p := range z.parts {
		if p.err != nil {
			return p.err
		}
		w, err := z.zw.CreateRaw(&zip.FileHeader{
			Name:               p.name,
			Method:             zip.Deflate,
			CreatorVersion:     20,
			ReaderVersion:      20,
			CRC32:              p.crc,
			CompressedSize64:   uint64(p.data.Len()),
			UncompressedSize64: uint64(p.size),
		})
		if err != nil {
			return err
		}
		if _, err := p.data.WriteTo(w); err != nil {
			return err
		}
	}
	return z.zw.Close()
}

// deflate compresses the part at flate's fastest level, reusing
// compressors: a grid is small either way, and writing it takes less time.
//
// A worksheet's rows lose customHeight first. excelize's stream writer marks
// every row it gives a height as set by hand, and then neither Excel nor
// LibreOffice grows the row when someone types a long reason or comment, so
// the text is cut off on screen and in print. Without the mark the height is
// the estimate the grid was written with (see fit), which Excel shows until
// the row's text changes and LibreOffice replaces with the height the text
// needs.
func (p *zipPart) deflate() {
	raw := p.data.Bytes()
	if strings.HasPrefix(p.name, "xl/worksheets/sheet") {
		raw = bytes.ReplaceAll(raw, []byte(` customHeight="1"`), nil)
	}
	if p.name == "[Content_Types].xml" {
		raw = sortDefaults(raw)
	}
	p.crc, p.size = crc32.ChecksumIEEE(raw), len(raw)
	out := bytes.NewBuffer(make([]byte, 0, len(raw)/4+64))
	fw, _ := flaters.Get().(*flate.Writer)
	if fw == nil {
		var err error
		if fw, err = flate.NewWriter(out, flate.BestSpeed); err != nil {
			p.err = err
			return
		}
	} else {
		fw.Reset(out)
	}
	if _, err := fw.Write(raw); err != nil {
		p.err = err
		return
	}
	p.err = fw.Close()
	flaters.Put(fw)
	p.data = out
}

var flaters sync.Pool

// sortDefaults sorts the Default content types of [Content_Types].xml:
// excelize adds those of image files, for a chart's drawing, in the order
// it ranges over a map.
func sortDefaults(raw []byte) []byte {
	const open, end = "<Default ", "</Default>"
	i, j := bytes.Index(raw, []byte(open)), bytes.LastIndex(raw, []byte(end))
	if i < 0 || j < i {
		return raw
	}
	j += len(end)
	parts := strings.SplitAfter(string(raw[i:j]), end)
	parts = slices.DeleteFunc(parts, func(s string) bool { return s == "" })
	if slices.ContainsFunc(parts, func(s string) bool { return !strings.HasPrefix(s, open) }) {
		return raw // not the plain run of Defaults excelize writes
	}
	slices.Sort(parts)
	out := slices.Concat(raw[:i:i], []byte(strings.Join(parts, "")), raw[j:])
	return out
}
