package pdf

import (
	"fmt"
	"io"
	"math"
	"sync"
	"time"

	"github.com/johnfercher/maroto/v2"
	"github.com/johnfercher/maroto/v2/pkg/components/col"
	"github.com/johnfercher/maroto/v2/pkg/components/line"
	"github.com/johnfercher/maroto/v2/pkg/components/page"
	"github.com/johnfercher/maroto/v2/pkg/components/row"
	"github.com/johnfercher/maroto/v2/pkg/components/text"
	"github.com/johnfercher/maroto/v2/pkg/config"
	"github.com/johnfercher/maroto/v2/pkg/consts/align"
	"github.com/johnfercher/maroto/v2/pkg/consts/border"
	"github.com/johnfercher/maroto/v2/pkg/consts/breakline"
	"github.com/johnfercher/maroto/v2/pkg/consts/fontstyle"
	"github.com/johnfercher/maroto/v2/pkg/consts/pagesize"
	"github.com/johnfercher/maroto/v2/pkg/core"
	"github.com/johnfercher/maroto/v2/pkg/props"
	"github.com/phpdave11/gofpdf"
)

// Page geometry in millimetres, on A4 portrait. The bottom margin holds the
// footer line with the page number.
const (
	marginLeft   = 22.0
	marginRight  = 22.0
	marginTop    = 12.0
	marginBottom = 15.0

	// grid is maroto's column grid: column widths are in thousandths of the
	// text width.
	grid = 1000

	headerTextH = 7.0 // running header line, with its rule at the bottom
	headerGap   = 5.0 // space between the rule and the text below it
	footerH     = 5.0 // space above the footer line, holding its rule
)

// Colours. Text is near-black on white; accents are a dark blue that prints
// well in greyscale.
var (
	ink        = props.Color{Red: 30, Green: 33, Blue: 38}
	accent     = props.Color{Red: 26, Green: 60, Blue: 105}
	muted      = props.Color{Red: 95, Green: 102, Blue: 112}
	ruleColour = props.Color{Red: 185, Green: 192, Blue: 201}
	white      = props.Color{Red: 255, Green: 255, Blue: 255}
	tint       = props.Color{Red: 232, Green: 238, Blue: 245}
	tintBar    = props.Color{Red: 110, Green: 140, Blue: 180}
	warnFill   = props.Color{Red: 253, Green: 242, Blue: 212}
	warnBar    = props.Color{Red: 190, Green: 120, Blue: 0}
)

// style is a font, size, colour and leading for a run of text.
type style struct {
	size   float64 // points
	font   fontstyle.Type
	colour *props.Color
	lead   float64 // extra space between lines, mm
}

// Type scale: 20/14/12/11 pt headings over 10 pt body text.
var (
	stTitle    = style{size: 20, font: fontstyle.Bold, colour: &accent, lead: 1.6}
	stSub      = style{size: 14, font: fontstyle.Normal, colour: &accent, lead: 1.2}
	stAskTitle = style{size: 12, font: fontstyle.Bold, colour: &ink, lead: 1.0}
	stHeading  = style{size: 11, font: fontstyle.Bold, colour: &accent, lead: 1.0}
	stBody     = style{size: 10, font: fontstyle.Normal, colour: &ink, lead: 1.35}
	stBodyB    = style{size: 10, font: fontstyle.Bold, colour: &ink, lead: 1.35}
	stSmall    = style{size: 9, font: fontstyle.Normal, colour: &muted, lead: 1.0}
	stSmallB   = style{size: 9, font: fontstyle.Bold, colour: &ink, lead: 1.0}
	stCell     = style{size: 9, font: fontstyle.Normal, colour: &ink, lead: 0.9}
	stCellHead = style{size: 9, font: fontstyle.Bold, colour: &white, lead: 0.9}
	stCellB    = style{size: 9, font: fontstyle.Bold, colour: &accent, lead: 0.9}
	stFurnish  = style{size: 8, font: fontstyle.Normal, colour: &muted}
)

// typeScale lists every style the documents use: their faces, and only
// theirs, are registered with maroto.
var typeScale = []style{
	stTitle, stSub, stAskTitle, stHeading, stBody, stBodyB, stSmall, stSmallB,
	stCell, stCellHead, stCellB, stFurnish,
}

// lineH is the height maroto gives one line of text in this style.
func (s style) lineH() float64 { return s.size / ptPerMM }

// height is the height of a text of so many lines, computed as maroto's
// text.GetHeight computes it, operation for operation: rows are sized with
// it, and a test checks that maroto, measuring for itself, agrees.
func (s style) height(lines int, top, bottom float64) float64 {
	textHeight := float64(lines)*s.lineH() + float64(lines-1)*s.lead
	return textHeight + top + bottom
}

// pad is the space between a cell's edges and its text, in mm.
type pad struct{ top, bottom, left, right float64 }

// meta is what the page furniture and the PDF information dictionary say.
type meta struct {
	title, author, subject, keywords, creator string
	date                                      time.Time
	headerLeft, headerRight                   string // running header, from page 2
	footerLeft                                string // beside the page number
	autoRows                                  bool   // see doc.autoRows
}

// doc lays out rows on pages. It measures every row itself and tracks the
// height used on the current page as maroto does, so it can keep headings
// with what follows them, repeat table headers, and split long text where a
// page ends instead of letting maroto push a whole block to the next page.
type doc struct {
	m     core.Maroto
	fonts *fontSet

	width  float64 // text width
	height float64 // usable page height, header and footer included

	header   []core.Row
	headerH  float64
	headerOn bool // the header is registered: pages from here on carry it
	footerH  float64
	autoRows bool      // let maroto measure rows: tests check it agrees
	cur      float64   // height used on the current page
	used     []float64 // height used on each finished page, for tests
}

// gofpdfDefaults guards gofpdf's package-level defaults. gofpdf copies them
// into each document as maroto creates it, and they are the only way to
// reach that document's catalogue order and modification date: so they are
// set, copied and put back to gofpdf's own defaults under one lock, and
// renders running at once each get their own date. Nothing else in
// goldenthread uses gofpdf directly.
var gofpdfDefaults sync.Mutex

func newDoc(mt meta) (*doc, error) {
	fs, err := loadFonts()
	if err != nil {
		return nil, err
	}
	date := mt.date
	if date.IsZero() {
		// Without a date gofpdf would stamp time.Now(); the Unix epoch keeps
		// output reproducible, as SOURCE_DATE_EPOCH=0 would.
		date = time.Unix(0, 0).UTC()
	}
	cfg := config.NewBuilder().
		WithPageSize(pagesize.A4).
		WithLeftMargin(marginLeft).
		WithRightMargin(marginRight).
		WithTopMargin(marginTop).
		WithBottomMargin(marginBottom).
		WithMaxGridSize(grid).
		WithCompression(false). // write deflates the streams: see deflate.go
		WithCustomFonts(fs.custom).
		WithDefaultFont(&props.Font{Family: family, Style: fontstyle.Normal, Size: stBody.size, Color: &ink}).
		WithPageNumber(props.PageNumber{
			Pattern: "Page {current} of {total}",
			Place:   props.RightBottom,
			Family:  family,
			Style:   stFurnish.font,
			Size:    stFurnish.size,
			Color:   stFurnish.colour,
		}).
		WithTitle(fs.clean(mt.title), true).
		WithAuthor(fs.clean(mt.author), true).
		WithSubject(fs.clean(mt.subject), true).
		WithKeywords(fs.clean(mt.keywords), true).
		WithCreator(fs.clean(mt.creator), true).
		WithCreationDate(date).
		Build()

	gofpdfDefaults.Lock()
	gofpdf.SetDefaultCatalogSort(true)
	gofpdf.SetDefaultCreationDate(date)
	gofpdf.SetDefaultModificationDate(date)
	m := maroto.New(cfg)
	gofpdf.SetDefaultCatalogSort(false)
	gofpdf.SetDefaultCreationDate(time.Time{})
	gofpdf.SetDefaultModificationDate(time.Time{})
	gofpdfDefaults.Unlock()

	d := &doc{
		m:        m,
		fonts:    fs,
		autoRows: mt.autoRows,
		width:    cfg.Dimensions.Width - cfg.Margins.Left - cfg.Margins.Right,
		height:   cfg.Dimensions.Height - cfg.Margins.Top - cfg.Margins.Bottom,
	}
	d.header = d.headerRows(mt.headerLeft, mt.headerRight)
	d.headerH = headerTextH + headerGap
	footer := d.footerRow(mt.footerLeft)
	if err := m.RegisterFooter(footer); err != nil {
		return nil, err
	}
	d.footerH = footerH
	return d, nil
}

// headerRows builds the running header: two short texts over a rule. The
// right-hand text gets the room it needs, up to two fifths of the line.
func (d *doc) headerRows(left, right string) []core.Row {
	f := d.fonts.faces[stFurnish.font]
	left, right = d.fonts.clean(left), d.fonts.clean(right)
	rightUnits := int(math.Ceil((mm(f.units(right), stFurnish.size) + 4) / d.width * grid))
	rightUnits = min(max(rightUnits, 150), 400)
	leftUnits := grid - rightUnits
	left = f.truncate(left, stFurnish.size, d.colWidth(leftUnits)-4)
	right = f.truncate(right, stFurnish.size, d.colWidth(rightUnits)-0.5)
	p := d.textProps(stFurnish, pad{top: 1.5}, align.Left, "")
	q := d.textProps(stFurnish, pad{top: 1.5}, align.Right, "")
	top := row.New(headerTextH).Add(
		col.New(leftUnits).Add(text.New(left, p)),
		col.New(rightUnits).Add(text.New(right, q)),
	).WithStyle(&props.Cell{BorderType: border.Bottom, BorderColor: &ruleColour, BorderThickness: 0.2})
	return []core.Row{top, row.New(headerGap)}
}

// footerRow draws a rule and, on the page number's baseline below the
// usable area, a short text on the left; maroto draws the page number.
func (d *doc) footerRow(left string) core.Row {
	f := d.fonts.faces[stFurnish.font]
	left = f.truncate(d.fonts.clean(left), stFurnish.size, d.width*0.7)
	p := d.textProps(stFurnish, pad{top: footerH}, align.Left, "")
	return row.New(footerH).Add(
		col.New(grid).Add(
			line.New(props.Line{Color: &ruleColour, Thickness: 0.2, OffsetPercent: 60, SizePercent: 100}),
			text.New(left, p),
		),
	)
}

func (d *doc) textProps(s style, p pad, al align.Type, link string) props.Text {
	t := props.Text{
		Top:               p.top,
		Bottom:            p.bottom,
		Left:              p.left,
		Right:             p.right,
		Family:            family,
		Style:             s.font,
		Size:              s.size,
		Align:             al,
		BreakLineStrategy: breakline.EmptySpaceStrategy,
		VerticalPadding:   s.lead,
		Color:             s.colour,
	}
	if link != "" {
		t.Hyperlink = &link
	}
	return t
}

// colWidth mirrors maroto's column width arithmetic.
func (d *doc) colWidth(units int) float64 {
	return d.width * (float64(units) / float64(grid))
}

// top is the height used on a page before any content.
func (d *doc) top() float64 {
	if d.headerOn {
		return d.headerH
	}
	return 0
}

func (d *doc) atTop() bool { return d.cur == d.top() }

// fits reports whether a row of height h fits on the current page, with
// the comparison maroto makes.
func (d *doc) fits(h float64) bool { return d.quantise(h)+d.cur+d.footerH <= d.height }

// room is the largest row height that fits on an empty page.
func (d *doc) room() float64 {
	top := d.headerH // every page after the first has the header
	return d.height - top - d.footerH
}

// add appends a row of height h made of cols, starting a new page first if
// it would not fit.
//
// Rows are given their height rather than left to maroto to measure, and
// the height is rounded up to a multiple of 1/1024 mm. Sums of such heights
// are exact in floating point, so the rows and footer of a full page end
// exactly at gofpdf's page-break line; with heights such as 4.2333… mm the
// sum can land a hair beyond it, and gofpdf then breaks the page itself in
// the middle of the footer. It also spares maroto measuring every text a
// second time.
func (d *doc) add(h float64, cols ...core.Col) { d.addRow(h, d.autoRows, cols) }

// space adds a row of fixed height h: a gap, or a rule across the page.
func (d *doc) space(h float64, cols ...core.Col) { d.addRow(h, false, cols) }

func (d *doc) addRow(h float64, auto bool, cols []core.Col) {
	h = d.quantise(h)
	if !d.fits(h) {
		d.newPage()
	}
	r := row.New(h)
	if auto {
		r = row.New()
	}
	d.m.AddRows(r.Add(cols...))
	d.cur += h
}

// quantise rounds a row height up to a multiple of 1/1024 mm, unless rows
// are measured by maroto (a test mode that checks heights agree).
func (d *doc) quantise(h float64) float64 {
	if d.autoRows {
		return h
	}
	return math.Ceil(h*1024) / 1024
}

// newPage ends the current page unless it is empty. The running header
// starts on the second page, so the cover or title page has none.
func (d *doc) newPage() {
	if d.atTop() {
		return
	}
	d.m.AddPages(page.New())
	d.used = append(d.used, d.cur)
	d.cur = d.top()
	if !d.headerOn {
		// RegisterHeader adds the header to the page just started.
		if err := d.m.RegisterHeader(d.header...); err == nil {
			d.headerOn = true
			d.cur = d.headerH
		}
	}
}

// keep starts a new page unless h fits on this one: used to keep a heading
// with the start of what it introduces.
func (d *doc) keep(h float64) {
	if !d.fits(h) {
		d.newPage()
	}
}

// gap adds vertical space, but never at the top of a page.
func (d *doc) gap(h float64) {
	if d.atTop() {
		return
	}
	if !d.fits(h) {
		d.newPage()
		return
	}
	d.space(h)
}

// rule draws a thin horizontal line across the text width.
func (d *doc) rule(h float64, c *props.Color, thickness float64) {
	if d.atTop() {
		return
	}
	d.space(h, col.New(grid).Add(
		line.New(props.Line{Color: c, Thickness: thickness, OffsetPercent: 50, SizePercent: 100})))
}

// write generates the PDF and copies it to w.
func (d *doc) write(w io.Writer) error {
	out, err := d.m.Generate()
	if err != nil {
		return fmt.Errorf("pdf: %w", err)
	}
	_, err = w.Write(deflateStreams(out.GetBytes()))
	return err
}
