package score

import (
	"bytes"
	"fmt"

	"github.com/goldenthread/goldenthread/internal/grid"
	"github.com/goldenthread/goldenthread/internal/xlsxsafe"
)

// File is a workbook read whole, with the name it is reported under.
type File struct {
	Name string
	Data []byte
}

// Merged is the moderation workbook with the panel's returns merged in.
type Merged struct {
	Data []byte
	// From lists, in panel order, the panel members whose workbooks were
	// merged, and Missing those who have returned none.
	From, Missing []string
}

// Merge copies each panel member's own workbook (made by grid --split)
// into a copy of the split grid's moderation workbook: their scores and
// comments, as entered, and their conflict-of-interest declaration. The
// moderation workbook itself is not changed. A return is refused, naming
// its file, when it is not a panel member's workbook, is from another grid,
// comes twice from one panel member, or has had its layout changed.
func Merge(moderation File, returns []File) (*Merged, error) {
	mod, err := openFile(moderation)
	if err != nil {
		return nil, err
	}
	defer mod.f.Close()
	if e, ok := mod.m.Return(); ok {
		return nil, fmt.Errorf("%s: %w: this is %s's own workbook; give the moderation workbook first", moderation.Name, ErrReturn, mod.m.Panel[e].Name)
	}
	if err := mod.checkLayout(); err != nil {
		return nil, fmt.Errorf("%s: %w", moderation.Name, err)
	}
	m := mod.m
	from := map[int]string{} // panel member → the file merged
	for _, ret := range returns {
		rd, err := openFile(ret)
		if err != nil {
			return nil, err
		}
		err = mergeOne(mod, rd, ret.Name, from)
		rd.f.Close()
		if err != nil {
			return nil, err
		}
	}
	var buf bytes.Buffer
	if err := mod.f.Write(&buf); err != nil {
		return nil, fmt.Errorf("%s: cannot write the merged workbook: %w", moderation.Name, err)
	}
	out := &Merged{Data: buf.Bytes()}
	for e, ev := range m.Panel {
		if _, ok := from[e]; ok {
			out.From = append(out.From, ev.Name)
		} else {
			out.Missing = append(out.Missing, ev.Name)
		}
	}
	return out, nil
}

// openFile opens a workbook and reads its record, treating it as
// untrusted.
func openFile(file File) (*reader, error) {
	f, err := xlsxsafe.Open(bytes.NewReader(file.Data), int64(len(file.Data)))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", file.Name, err)
	}
	rd := &reader{f: f}
	if err := rd.meta(); err != nil {
		f.Close()
		return nil, fmt.Errorf("%s: %w", file.Name, err)
	}
	return rd, nil
}

// mergeOne copies the return rd, read from name, into mod.
func mergeOne(mod, rd *reader, name string, from map[int]string) error {
	m := mod.m
	e, ok := rd.m.Return()
	switch {
	case !ok:
		return fmt.Errorf("%s: %w: it is a whole grid, not a panel member's own workbook", name, ErrReturn)
	case !rd.m.SameGrid(m):
		return fmt.Errorf("%s: %w: it is %s's workbook from another grid, not from this one", name, ErrNotGrid, rd.m.Panel[e].Name)
	}
	if other, dup := from[e]; dup {
		return fmt.Errorf("%s: %w: %s and %s are both %s's workbook; give one", name, ErrReturn, other, name, m.Panel[e].Name)
	}
	if err := rd.checkLayout(); err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	from[e] = name
	sh := m.Panel[e].Sheet
	copyCell := func(sheet string, col, row int) error {
		c := rd.get(sheet, col, row)
		ref := grid.Cell(col, row)
		var err error
		switch c.kind {
		case formula:
			err = mod.f.SetCellFormula(sheet, ref, c.raw)
		case number:
			err = mod.f.SetCellFloat(sheet, ref, c.num, -1, 64)
		case empty:
			err = mod.f.SetCellValue(sheet, ref, nil)
		default:
			err = mod.f.SetCellStr(sheet, ref, c.raw)
		}
		if err != nil {
			return fmt.Errorf("%s: cannot copy %s: %w", name, grid.Ref(sheet, col, row), err)
		}
		return nil
	}
	for q := range m.Questions {
		for b := range m.Bidders {
			for _, col := range []int{grid.EvalScoreCol(b), grid.EvalCommentCol(b)} {
				if err := copyCell(sh, col, mod.m.EvalRow(q)); err != nil {
					return err
				}
			}
		}
	}
	// The declaration as the panel member made it; the procurement lead's
	// decision is made in the moderation workbook. A date is copied as it
	// reads, since the two workbooks' date formats differ.
	r := m.DeclRowOf(e)
	for _, col := range []int{grid.DeclText, grid.DeclSigned} {
		if err := copyCell(grid.Guide, col, r); err != nil {
			return err
		}
	}
	date, err := rd.f.GetCellValue(grid.Guide, grid.Cell(grid.DeclDate, r))
	if err != nil {
		return fmt.Errorf("%s: cannot read %s: %w", name, grid.Ref(grid.Guide, grid.DeclDate, r), err)
	}
	if date != "" {
		if err := mod.f.SetCellStr(grid.Guide, grid.Cell(grid.DeclDate, r), date); err != nil {
			return err
		}
	}
	return nil
}
