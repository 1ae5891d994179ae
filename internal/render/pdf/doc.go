package pdf

import (
	"fmt"
	"math"
	"sync"
	"time"

	"github.com/johnfercher/go-tree/node"
	"github.com/johnfercher/maroto/v2"
	"github.com/johnfercher/maroto/v2/pkg/components/col"
	"github.com/johnfercher/maroto/v2/pkg/components/page"
	"github.com/johnfercher/maroto/v2/pkg/components/row"
	"github.com/johnfercher/maroto/v2/pkg/components/text"
	"github.com/johnfercher/maroto/v2/pkg/config"
	"github.com/johnfercher/maroto/v2/pkg/consts/align"
	"github.com/johnfercher/maroto/v2/pkg/consts/fontstyle"
	"github.com/johnfercher/maroto/v2/pkg/consts/linestyle"
	"github.com/johnfercher/maroto/v2/pkg/consts/orientation"
	"github.com/johnfercher/maroto/v2/pkg/consts/pagesize"
	"github.com/johnfercher/maroto/v2/pkg/core"
	"github.com/johnfercher/maroto/v2/pkg/core/entity"
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

	// grid is maroto's column grid: widths are in thousandths of the text
	// width.
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

// height is the height maroto gives a text of n lines in this style, with
// top and bottom padding.
func (s style) height(n int, top, bottom float64) float64 {
	return float64(n)*s.size/ptPerMM + float64(n-1)*s.lead + top + bottom
}

// meta is what the page furniture and the PDF information dictionary say.
type meta struct {
	title, author, subject, keywords, creator string
	date                                      time.Time
	headerLeft, headerRight                   string // running header, from page 2
	footerLeft                                string // beside the page number
	pageNumber                                string // "Page %s of %s" (this page, all pages), in the document's language
	lang                                      string // the document's language, "en-GB"
}

// doc adds a document's parts to maroto, in rows: see put.
type doc struct {
	m      core.Maroto
	fonts  *fontSet
	width  float64 // text width
	header []core.Row
	headOn bool // the running header is registered

	row   []core.Component // the row being built, not yet given to maroto
	rowH  float64
	open  bool     // the row's last part leads: the next part joins the row
	marks []string // anchors in the row

	lang string // for the catalogue
	nav  *nav
	// page is the page the last row went on, as maroto places rows; used
	// says whether that page holds anything besides the running header.
	page int
	used bool
}

// gofpdfDefaults guards gofpdf's package-level defaults. maroto v2.3.3
// gives gofpdf no modification date, so gofpdf would stamp the time of
// the render, and no way to sort its catalogue, so fonts would be written
// in map order; gofpdf copies both from its defaults into each document as
// maroto creates it. So they are set, copied and put back under one lock,
// and renders running at once each get their own date.
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
	b := config.NewBuilder().
		WithPageSize(pagesize.A4).
		WithLeftMargin(marginLeft).
		WithRightMargin(marginRight).
		WithTopMargin(marginTop).
		WithBottomMargin(marginBottom).
		WithMaxGridSize(grid).
		WithCompression(false). // write deflates the streams: see deflate.go
		WithCustomFonts(fs.custom).
		WithDefaultFont(&props.Font{Family: family, Style: fontstyle.Normal, Size: stBody.size, Color: &ink}).
		WithTitle(fs.clean(mt.title), true).
		WithAuthor(fs.clean(mt.author), true).
		WithSubject(fs.clean(mt.subject), true).
		WithKeywords(fs.clean(mt.keywords), true).
		WithCreator(fs.clean(mt.creator), true).
		WithCreationDate(date)
	if mt.pageNumber != "" {
		b = b.WithPageNumber(props.PageNumber{
			Pattern: fmt.Sprintf(mt.pageNumber, "{current}", "{total}"), // maroto's pattern
			Place:   props.RightBottom,
			Size:    stFurnish.size,
			Color:   stFurnish.colour,
		})
	}
	cfg := b.Build()

	gofpdfDefaults.Lock()
	gofpdf.SetDefaultCatalogSort(true)
	gofpdf.SetDefaultModificationDate(date)
	m := maroto.New(cfg)
	gofpdf.SetDefaultCatalogSort(false)
	gofpdf.SetDefaultModificationDate(time.Time{})
	gofpdfDefaults.Unlock()

	d := &doc{m: m, fonts: fs, width: cfg.Dimensions.Width - cfg.Margins.Left - cfg.Margins.Right, nav: newNav(nil), page: 1, lang: mt.lang}
	d.header = d.headerRows(mt.headerLeft, mt.headerRight)
	if err := m.RegisterFooter(d.footerRow(mt.footerLeft)); err != nil {
		return nil, err
	}
	return d, nil
}

// headerRows builds the running header: two short texts over a rule. The
// right-hand text gets the room it needs, up to two fifths of the line.
func (d *doc) headerRows(left, right string) []core.Row {
	fs := d.fonts
	left, right = fs.clean(left), fs.clean(right)
	rightW := min(max(fs.width(right, stFurnish)+4, d.width*0.15), d.width*0.4)
	left = fs.truncate(left, stFurnish, d.width-rightW-4)
	right = fs.truncate(right, stFurnish, rightW-0.5)
	top := row.New(headerTextH).Add(col.New(grid).Add(
		d.text(left, stFurnish, 1.5, 0, rightW, align.Left, ""),
		d.text(right, stFurnish, 1.5, d.width-rightW, 0, align.Right, ""),
		rect{y: headerTextH - 0.2, w: d.width, h: 0.2, colour: &ruleColour},
	))
	return []core.Row{top, row.New(headerGap)}
}

// footerRow draws a rule and, on the page number's baseline below the
// usable area, a short text on the left; maroto draws the page number.
func (d *doc) footerRow(left string) core.Row {
	left = d.fonts.truncate(d.fonts.clean(left), stFurnish, d.width*0.7)
	return row.New(footerH).Add(col.New(grid).Add(
		rect{y: footerH*0.6 - 0.1, w: d.width, h: 0.2, colour: &ruleColour},
		d.text(left, stFurnish, footerH, 0, 0, align.Left, ""),
	))
}

// text is a text drawn top millimetres down the row, left and right
// millimetres in from the edges of the text width. The family and the line
// breaking (EmptySpaceStrategy, which wrap follows) are maroto's defaults.
func (d *doc) text(s string, st style, top, left, right float64, al align.Type, link string) core.Component {
	t := props.Text{
		Top:             top,
		Left:            left,
		Right:           right,
		Style:           st.font,
		Size:            st.size,
		Align:           al,
		VerticalPadding: st.lead,
		Color:           st.colour,
	}
	if link != "" {
		t.Hyperlink = &link
	}
	return text.New(s, t)
}

// lineWidth is the width maroto wraps a text in, given its left and right
// offsets: computed as maroto computes it, so that wrap breaks the lines
// where maroto will.
func (d *doc) lineWidth(left, right float64) float64 {
	return d.width - max(left, 0) - max(right, 0)
}

// part is a band across the page: a heading, some lines of a paragraph, a
// piece of a table row, or, with no draw, space as doc.gap adds it. draw
// returns its components, y millimetres down the row that holds it.
type part struct {
	h    float64
	lead bool // a heading or label: it shares a row with the part after it
	draw func(y float64) []core.Component
	// head is a table header to put first if this part, with need
	// millimetres of what follows it, would start a page.
	head []part
	need float64
	// marks are anchors at the top of the part: see anchor.
	marks []mark
}

// mark names an anchor and, if title is set, its entry in the outline.
type mark struct {
	name, title string
	level       int
}

// put adds p to the document. Parts become maroto rows, and a maroto row
// that does not fit on a page moves whole to the next; so a part that
// leads is put in one row with the part after it, and a heading is never
// left at the foot of a page without the start of what it introduces.
// A row is handed to maroto only when the next one starts, so that gap can
// still add space under it.
func (d *doc) put(p part) {
	if p.draw == nil {
		d.gap(p.h)
		return
	}
	if !d.open {
		d.flush()
		if p.head != nil && !d.fits(p.need) {
			d.puts(p.head)
		}
	}
	d.row = append(d.row, p.draw(d.rowH)...)
	for _, m := range p.marks {
		d.row = append(d.row, anchor{n: d.nav, name: m.name, title: d.fonts.clean(m.title), level: m.level, y: d.rowH})
		d.marks = append(d.marks, m.name)
	}
	d.rowH += p.h
	d.open = p.lead
}

func (d *doc) puts(ps []part) {
	for _, p := range ps {
		d.put(p)
	}
}

// gap adds vertical space under what was put last: at the foot of a page
// if a page ends there, never at the top of the next.
func (d *doc) gap(h float64) {
	if d.rowH > 0 {
		d.rowH += h
	}
}

// flush hands the row being built to maroto. Its height is rounded up to
// a multiple of 1/1024 mm: sums of such heights are exact in floating
// point, so the rows and footer of a full page end exactly at gofpdf's
// page-break line, which maroto relies on to start each page. With heights
// such as 4.2333… mm the sum can land a hair beyond it, and gofpdf then
// breaks the page itself in the middle of the footer.
func (d *doc) flush() {
	if h := math.Ceil(d.rowH*1024) / 1024; h > 0 {
		if !d.headOn && !d.fits(h) {
			// maroto would start the second page without the header.
			d.breakPage()
		}
		// maroto moves a row that does not fit to a new page: its test
		// is fits with ≤ for <, and heights are exact (see above).
		if !d.fits(h - 1.0/4096) {
			d.page++
		}
		d.m.AddRow(h, col.New(grid).Add(d.row...))
		d.used = true
		for _, name := range d.marks {
			d.nav.laid[name] = d.page
		}
	}
	d.row, d.rowH, d.open, d.marks = nil, 0, false, nil
}

// fits reports whether a row of height h would fit on the current page.
// maroto v2.3.3's FitlnCurrentPage counts the running header twice, so
// its height is given back here.
func (d *doc) fits(h float64) bool {
	if d.headOn {
		h -= headerTextH + headerGap
	}
	return d.m.FitlnCurrentPage(h)
}

// newPage ends the current page. The running header starts on the second
// page, so the cover or title page has none.
func (d *doc) newPage() {
	d.flush()
	d.breakPage()
}

// breakPage starts a new page unless the current one is empty.
func (d *doc) breakPage() {
	if d.used {
		// maroto starts a page only if this one holds more than the header.
		d.page++
		d.used = false
	}
	d.m.AddPages(page.New())
	d.startHeader()
}

// startHeader registers the running header, which maroto adds to the page
// just started and to every page after it.
func (d *doc) startHeader() {
	if !d.headOn {
		d.headOn = d.m.RegisterHeader(d.header...) == nil
	}
}

// generate returns the finished PDF.
func (d *doc) generate() ([]byte, error) {
	d.flush()
	out, err := d.m.Generate()
	if err != nil {
		return nil, fmt.Errorf("pdf: %w", err)
	}
	if d.nav.err != nil {
		return nil, d.nav.err
	}
	return finish(out.GetBytes(), d.lang), nil
}

// rect is a filled rectangle at an offset in a cell: the shading of a box
// or a table row, a rule. maroto shades only whole columns of whole rows,
// so a heading could not share a row with the shaded start of what it
// introduces; rect draws with maroto's line, as thick as the rectangle is
// tall (gofpdf's lines have flat ends).
type rect struct {
	x, y, w, h float64
	colour     *props.Color
}

func (r rect) Render(p core.Provider, cell *entity.Cell) {
	p.AddLine(&entity.Cell{X: cell.X + r.x, Y: cell.Y + r.y, Width: r.w, Height: r.h}, &props.Line{
		Color: r.colour, Style: linestyle.Solid, Thickness: r.h,
		Orientation: orientation.Horizontal, OffsetPercent: 50, SizePercent: 100,
	})
}

func (r rect) GetHeight(core.Provider, *entity.Cell) float64 { return r.y + r.h }
func (r rect) SetConfig(*entity.Config)                      {}
func (r rect) GetStructure() *node.Node[core.Structure] {
	return node.New(core.Structure{Type: "rect", Details: map[string]any{"x": r.x, "y": r.y, "w": r.w, "h": r.h}})
}
