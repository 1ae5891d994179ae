package pdf

import (
	"errors"
	"maps"
	"reflect"
	"unsafe"

	"github.com/johnfercher/go-tree/node"
	"github.com/johnfercher/maroto/v2/pkg/core"
	"github.com/johnfercher/maroto/v2/pkg/core/entity"
)

// Navigation: links within the document, the outline (bookmarks) and page
// references such as "p. 23" before the page they name is laid out.
//
// maroto v2.3.3 draws with gofpdf, which writes internal links and
// outlines, but maroto offers neither and keeps its gofpdf document in an
// unexported field. navOf reaches it, once per document, and the
// components below call the five gofpdf methods navigator names while
// maroto draws the page they are on. The alternatives were to parse and
// rewrite the finished PDF with pdfcpu (a second reading of a 150-page
// file, and pdfcpu stamps the time of writing and an ID made from it, so output
// would no longer be reproducible) or to write outline and annotation
// objects by hand. TestNavigation fails if an upgrade of maroto moves the
// field, rather than documents silently losing their links.

// navigator is what the asks document needs of gofpdf's *Fpdf.
type navigator interface {
	AddLink() int
	SetLink(link int, y float64, page int)
	Link(x, y, w, h float64, link int)
	Bookmark(txtStr string, level int, y float64)
	PageNo() int
	GetMargins() (left, top, right, bottom float64)
}

var errNoNavigator = errors.New("pdf: cannot reach the PDF writer behind maroto for links and bookmarks")

// navOf returns the gofpdf document behind maroto's provider p.
func navOf(p core.Provider) (navigator, error) {
	v := reflect.ValueOf(p)
	if v.Kind() != reflect.Pointer || v.IsNil() || v.Elem().Kind() != reflect.Struct {
		return nil, errNoNavigator
	}
	f := v.Elem().FieldByName("fpdf")
	if !f.IsValid() || f.Kind() != reflect.Interface || !f.CanAddr() {
		return nil, errNoNavigator
	}
	n, ok := reflect.NewAt(f.Type(), unsafe.Pointer(f.UnsafeAddr())).Elem().Interface().(navigator)
	if !ok {
		return nil, errNoNavigator
	}
	return n, nil
}

// nav is a document's navigation: where each anchor was laid out and
// drawn, and the gofpdf link that points at it.
type nav struct {
	w     navigator
	err   error
	links map[string]int // anchor → gofpdf link
	// laid is the page each anchor is on as the document was laid out
	// (see doc.flush); drawn the page gofpdf drew it on. They agree unless
	// the layout's page accounting and maroto's differ, and then the
	// document is laid out again with drawn as known.
	laid, drawn map[string]int
	known       map[string]int
}

func newNav(known map[string]int) *nav {
	return &nav{links: map[string]int{}, laid: map[string]int{}, drawn: map[string]int{}, known: known}
}

// writer returns the gofpdf document, reached from p on first use.
func (n *nav) writer(p core.Provider) navigator {
	if n.w == nil && n.err == nil {
		n.w, n.err = navOf(p)
	}
	return n.w
}

func (n *nav) link(w navigator, name string) int {
	id, ok := n.links[name]
	if !ok {
		id = w.AddLink()
		n.links[name] = id
	}
	return id
}

// page returns the page the anchor name is on, or 0 if there is none.
func (n *nav) page(name string) int {
	if n.known != nil {
		return n.known[name]
	}
	return n.laid[name]
}

// settled reports whether every anchor was drawn on the page the
// references to it give.
func (n *nav) settled() bool {
	if n.known != nil {
		return maps.Equal(n.known, n.drawn)
	}
	return maps.Equal(n.laid, n.drawn)
}

// anchor marks a place links can point to, y millimetres down its row, and
// if title is set, makes it an entry of the outline at level (0 for a
// part). It goes after the text of its row, so that gofpdf has the Unicode
// font selected and stores the title as UTF-16.
type anchor struct {
	n     *nav
	name  string
	title string
	level int
	y     float64
}

func (a anchor) Render(p core.Provider, cell *entity.Cell) {
	w := a.n.writer(p)
	if w == nil {
		return
	}
	_, top, _, _ := w.GetMargins()
	y := top + cell.Y + a.y
	w.SetLink(a.n.link(w, a.name), y, -1)
	if a.title != "" {
		w.Bookmark(a.title, a.level, y)
	}
	a.n.drawn[a.name] = w.PageNo()
}

func (a anchor) GetHeight(core.Provider, *entity.Cell) float64 { return 0 }
func (a anchor) SetConfig(*entity.Config)                      {}
func (a anchor) GetStructure() *node.Node[core.Structure] {
	return node.New(core.Structure{Type: "anchor", Value: a.name})
}

// linkArea makes a rectangle, in millimetres from the top left of its row's
// cell, a link to an anchor.
type linkArea struct {
	n          *nav
	to         string
	x, y, w, h float64
}

func (l linkArea) Render(p core.Provider, cell *entity.Cell) {
	w := l.n.writer(p)
	if w == nil || l.n.page(l.to) == 0 {
		return // never point gofpdf at an anchor it will not draw
	}
	left, top, _, _ := w.GetMargins()
	w.Link(left+cell.X+l.x, top+cell.Y+l.y, l.w, l.h, l.n.link(w, l.to))
}

func (l linkArea) GetHeight(core.Provider, *entity.Cell) float64 { return 0 }
func (l linkArea) SetConfig(*entity.Config)                      {}
func (l linkArea) GetStructure() *node.Node[core.Structure] {
	return node.New(core.Structure{Type: "link", Value: l.to})
}

// later is a component made when it is drawn, when every page is known:
// the page number of an anchor further on.
type later struct {
	make func() core.Component
	cfg  *entity.Config
}

func (l *later) Render(p core.Provider, cell *entity.Cell) {
	c := l.make()
	c.SetConfig(l.cfg)
	c.Render(p, cell)
}

func (l *later) GetHeight(core.Provider, *entity.Cell) float64 { return 0 }
func (l *later) SetConfig(cfg *entity.Config)                  { l.cfg = cfg }
func (l *later) GetStructure() *node.Node[core.Structure] {
	return node.New(core.Structure{Type: "later"})
}
