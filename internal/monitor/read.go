package monitor

import (
	"errors"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/goldenthread/goldenthread/internal/xlsxsafe"
)

// Errors Read returns, for errors.Is, besides xlsxsafe's.
var (
	ErrNotMonitoring = errors.New("not a goldenthread contract-monitoring workbook")
	ErrLayout        = errors.New("the monitoring workbook's layout was changed")
)

// Result is a filled monitoring workbook read back.
type Result struct {
	Meta     Meta
	KPIs     []KPI    // every KPI row group, in sheet order
	Events   []Event  // filled rows of "KPI events", in row order
	Reports  []Report // filled rows of "Workers' reports", in row order
	Problems []Problem
}

// KPI is one KPI with its readings.
type KPI struct {
	Ask                           int // the ask's number
	Name, Unit, Target, Frequency string
	Readings                      []Reading // one per period, in order; empty for on-event KPIs
}

// Reading is what was entered for one KPI in one period.
type Reading struct {
	Period              Period
	Value, Rating, Note string // as entered; "" when blank
	Cell                string // "KPIs!J12": where the value is
}

// Event is one filled row of the KPI events log.
type Event struct {
	KPI                 int // index into Result.KPIs; -1 when none is chosen
	Date                time.Time
	Value, Rating, Note string
	Row                 int
}

// Report is one filled row of the workers' reports log.
type Report struct {
	Row                        int
	Date                       time.Time
	Ask                        int // the ask's number, 0 when not chosen
	Site, What                 string
	Affected                   int
	RaisedWith                 string
	RaisedOn                   time.Time
	Response, Status, Evidence string
}

// Problem is an entry in an input cell that is not what the cell takes, or
// a change to the layout.
type Problem struct{ Sheet, Cell, Msg string }

// String returns the problem as "Sheet!Cell: msg".
func (p Problem) String() string { return Quote(p.Sheet) + "!" + p.Cell + ": " + p.Msg }

// LayoutError lists the cells where a workbook no longer matches the
// layout its record describes. errors.Is(err, ErrLayout) holds for it.
type LayoutError struct{ Problems []Problem }

func (e *LayoutError) Error() string {
	lines := make([]string, len(e.Problems))
	for i, p := range e.Problems {
		lines[i] = p.String()
	}
	return strings.Join(lines, "\n")
}

// Unwrap returns ErrLayout.
func (e *LayoutError) Unwrap() error { return ErrLayout }

type notMonitoring struct{ msg string }

func (e *notMonitoring) Error() string { return e.msg }
func (e *notMonitoring) Unwrap() error { return ErrNotMonitoring }

// Read reads a filled monitoring workbook of size bytes from r.
//
// It refuses, with an error, a file xlsxsafe will not open, a workbook with
// no record or whose record fails its digest (ErrNotMonitoring), and one
// whose layout was changed (a *LayoutError naming each cell). Entries in
// input cells that are not what the cell takes are Result.Problems.
func Read(r io.ReaderAt, size int64) (*Result, error) {
	f, err := xlsxsafe.Open(r, size)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	rd := &reader{f: f}
	if err := rd.meta(); err != nil {
		return nil, err
	}
	if err := rd.checkLayout(); err != nil {
		return nil, err
	}
	res := &Result{Meta: *rd.m}
	rd.readKPIs(res)
	rd.readEvents(res)
	rd.readReports(res)
	res.Problems = rd.problems
	return res, nil
}

// reader reads one workbook.
type reader struct {
	f        *excelize.File
	m        *Meta
	problems []Problem
}

// load has excelize parse a sheet, once: values and formulas are then
// read from what it parsed.
func (rd *reader) load(sheet string) error {
	_, err := rd.f.GetCellFormula(sheet, "A1")
	return err
}

// val returns the raw value of a cell.
func (rd *reader) val(sheet string, col, row int) string {
	v, err := rd.f.GetCellValue(sheet, Cell(col, row), excelize.Options{RawCellValue: true})
	if err != nil {
		return ""
	}
	return v
}

// formula returns a cell's formula, or "".
func (rd *reader) formula(sheet string, col, row int) string {
	fm, err := rd.f.GetCellFormula(sheet, Cell(col, row))
	if err != nil {
		return "?"
	}
	return fm
}

func (rd *reader) problem(sheet string, col, row int, msg string) {
	rd.problems = append(rd.problems, Problem{sheet, Cell(col, row), msg})
}

func (rd *reader) meta() error {
	names, err := xlsxsafe.SheetList(rd.f)
	if err != nil {
		return err
	}
	if !slices.Contains(names, MetaSheet) {
		return &notMonitoring{noRecord()}
	}
	rows, err := rd.f.GetRows(MetaSheet)
	if err != nil {
		return &notMonitoring{unreadableRecord(err)}
	}
	m, err := Decode(rows)
	if err != nil {
		return &notMonitoring{ErrNotMonitoring.Error() + ": " + err.Error()}
	}
	rd.m = m
	for _, s := range []string{KPISheet, Events, Reports, Summary} {
		if !slices.Contains(names, s) {
			return &LayoutError{[]Problem{{s, "A1", missingSheet(s)}}}
		}
		if err := rd.load(s); err != nil {
			return &LayoutError{[]Problem{{s, "A1", unreadableSheet(err)}}}
		}
	}
	return nil
}

// number reads a cell that should hold a number; ok is false when it
// holds anything else.
func (rd *reader) number(sheet string, col, row int) (float64, bool) {
	v, err := strconv.ParseFloat(rd.val(sheet, col, row), 64)
	return v, err == nil && !math.IsNaN(v) && !math.IsInf(v, 0)
}

// date reads a date cell: a serial number, or text written as a date.
func (rd *reader) date(sheet string, col, row int) (time.Time, bool) {
	if v, ok := rd.number(sheet, col, row); ok {
		if v < 1 || v > 200000 {
			return time.Time{}, false
		}
		return FromSerial(math.Floor(v)), true
	}
	s := strings.TrimSpace(rd.val(sheet, col, row))
	for _, layout := range []string{"2006-01-02", "02/01/2006", "2/1/2006"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}
