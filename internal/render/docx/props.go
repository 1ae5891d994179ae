package docx

import (
	"bytes"
	"encoding/xml"
	"path"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	godocx "github.com/gomutex/godocx"
	gdocx "github.com/gomutex/godocx/docx"
	"github.com/gomutex/godocx/packager"
	"github.com/gomutex/godocx/wml/ctypes"

	"github.com/goldenthread/goldenthread/internal/render/doc"
)

// defaultLang is the language when the document does not say.
const defaultLang = "en-GB"

// Parts of godocx's template that this package drops: a Mac Word thumbnail
// of an empty page, a customXml data item, and Word 2010's second copy of
// the styles, which would disagree with styles.xml.
var dropped = []string{
	"customXml/item1.xml",
	"customXml/itemProps1.xml",
	"customXml/_rels/item1.xml.rels",
	"docProps/thumbnail.jpeg",
	"word/stylesWithEffects.xml",
}

// base is godocx's template made this package's, once: without the parts
// in dropped, with the styles of styles.go in place of its 439 kB of them
// (which take most of the time to read), and empty numbering.
var base = sync.OnceValues(func() ([]byte, error) {
	rd, err := godocx.NewDocument()
	if err != nil {
		return nil, err
	}
	trim(rd)
	rd.DocStyles = styles(defaultLang)
	emptyNumbering(rd)
	var b bytes.Buffer
	err = rd.Write(&b)
	return b.Bytes(), err
})

// newRoot returns a new document from base.
func newRoot() (*gdocx.RootDoc, error) {
	b, err := base()
	if err != nil {
		return nil, err
	}
	// Unpack only reads b: one copy serves every document.
	rd, err := packager.Unpack(&b)
	if err != nil {
		return nil, err
	}
	// Unpack numbers new relationships on from the count of those there
	// are, not from the highest: base has gaps where dropped parts were.
	for _, r := range rd.Document.DocRels.Relationships {
		if n, err := strconv.Atoi(strings.TrimPrefix(r.ID, "rId")); err == nil && n > rd.Document.RID {
			rd.Document.RID = n
		}
	}
	return rd, nil
}

// emptyNumbering replaces the template's numbering definitions, which name
// list styles that are not in styles.xml, with none: godocx adds its own
// for each NewListInstance.
func emptyNumbering(rd *gdocx.RootDoc) {
	rd.FileMap.Store("word/numbering.xml", []byte(xmlHeader+
		`<w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"></w:numbering>`))
}

// setup makes base this document's: its styles and language, an A4 page,
// and its properties.
func (w *writer) setup() error {
	lang := w.d.Meta.Lang
	if lang == "" {
		lang = defaultLang
	}
	w.rd.DocStyles = styles(lang)
	w.page()
	emptyNumbering(w.rd)
	core, err := coreXML(w.d.Meta, lang)
	if err != nil {
		return err
	}
	w.rd.FileMap.Store("docProps/core.xml", core)
	app, err := appXML(w.d.Meta)
	if err != nil {
		return err
	}
	w.rd.FileMap.Store("docProps/app.xml", app)
	return nil
}

// page sets an A4 page with 2.54 cm margins.
func (w *writer) page() {
	body := w.rd.Document.Body
	if body.SectPr == nil {
		body.SectPr = ctypes.NewSectionProper()
	}
	body.SectPr.PageSize = &ctypes.PageSize{Width: ptr(uint64(pageWidth)), Height: ptr(uint64(pageHeight))}
	body.SectPr.PageMargin = &ctypes.PageMargin{
		Top: ptr(margin), Right: ptr(margin), Bottom: ptr(margin), Left: ptr(margin),
		Header: ptr(708), Footer: ptr(708), Gutter: ptr(0),
	}
}

// trim drops the template's parts listed in dropped, with their
// relationships and content types.
func trim(rd *gdocx.RootDoc) {
	for _, p := range dropped {
		rd.FileMap.Delete(p)
	}
	gone := func(part string) bool { return slices.Contains(dropped, part) }
	rd.RootRels.Relationships = slices.DeleteFunc(rd.RootRels.Relationships,
		func(r *gdocx.Relationship) bool { return gone(path.Clean(r.Target)) })
	rd.Document.DocRels.Relationships = slices.DeleteFunc(rd.Document.DocRels.Relationships,
		func(r *gdocx.Relationship) bool { return gone(path.Join("word", r.Target)) })
	rd.ContentType.Override = slices.DeleteFunc(rd.ContentType.Override,
		func(o gdocx.Override) bool { return gone(strings.TrimPrefix(o.PartName, "/")) })
}

const xmlHeader = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n"

// coreProps is docProps/core.xml. godocx reads these properties but has no
// way to write them, so they are written here, escaped by encoding/xml.
type coreProps struct {
	XMLName        xml.Name `xml:"cp:coreProperties"`
	CP             string   `xml:"xmlns:cp,attr"`
	DC             string   `xml:"xmlns:dc,attr"`
	DCTerms        string   `xml:"xmlns:dcterms,attr"`
	XSI            string   `xml:"xmlns:xsi,attr"`
	Title          string   `xml:"dc:title,omitempty"`
	Subject        string   `xml:"dc:subject,omitempty"`
	Creator        string   `xml:"dc:creator,omitempty"`
	Keywords       string   `xml:"cp:keywords,omitempty"`
	Description    string   `xml:"dc:description,omitempty"`
	LastModifiedBy string   `xml:"cp:lastModifiedBy,omitempty"`
	Language       string   `xml:"dc:language,omitempty"`
	Created        *w3cdtf  `xml:"dcterms:created,omitempty"`
	Modified       *w3cdtf  `xml:"dcterms:modified,omitempty"`
	Category       string   `xml:"cp:category,omitempty"`
}

type w3cdtf struct {
	Type string `xml:"xsi:type,attr"`
	Date string `xml:",chardata"`
}

func coreXML(m doc.Meta, lang string) ([]byte, error) {
	c := coreProps{
		CP:             "http://schemas.openxmlformats.org/package/2006/metadata/core-properties",
		DC:             "http://purl.org/dc/elements/1.1/",
		DCTerms:        "http://purl.org/dc/terms/",
		XSI:            "http://www.w3.org/2001/XMLSchema-instance",
		Title:          text(m.Title),
		Subject:        text(m.Subject),
		Creator:        text(m.Author),
		Keywords:       text(m.Keywords),
		Description:    text(m.Description),
		LastModifiedBy: text(m.Author),
		Language:       text(lang),
		Category:       text(m.Kind),
	}
	if !m.Date.IsZero() {
		d := &w3cdtf{Type: "dcterms:W3CDTF", Date: m.Date.UTC().Format(time.RFC3339)}
		c.Created, c.Modified = d, d
	}
	return marshal(c)
}

// appProps is docProps/app.xml: the program that wrote the document.
type appProps struct {
	XMLName     xml.Name `xml:"Properties"`
	NS          string   `xml:"xmlns,attr"`
	Application string   `xml:"Application,omitempty"`
}

func appXML(m doc.Meta) ([]byte, error) {
	app := text(m.Creator)
	if app == "" {
		app = "goldenthread"
	}
	return marshal(appProps{
		NS:          "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties",
		Application: app,
	})
}

func marshal(v any) ([]byte, error) {
	b, err := xml.Marshal(v)
	if err != nil {
		return nil, err
	}
	return append([]byte(xmlHeader), b...), nil
}
