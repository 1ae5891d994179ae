package docx

import (
	"encoding/xml"
	"path"
	"slices"
	"strings"
	"time"

	gdocx "github.com/gomutex/godocx/docx"
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

// setup turns godocx's template into this document's: its styles and
// language, an A4 page, numbering with only the lists it adds, and its
// properties.
func (w *writer) setup() error {
	lang := w.d.Meta.Lang
	if lang == "" {
		lang = defaultLang
	}
	w.rd.DocStyles = styles(lang)
	w.page()
	w.trim()
	// The template's numbering definitions name list styles that are not
	// in styles.xml; godocx adds its own to this empty part (NewListInstance).
	w.rd.FileMap.Store("word/numbering.xml", []byte(xmlHeader+
		`<w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"></w:numbering>`))
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
func (w *writer) trim() {
	for _, p := range dropped {
		w.rd.FileMap.Delete(p)
	}
	gone := func(part string) bool { return slices.Contains(dropped, part) }
	w.rd.RootRels.Relationships = slices.DeleteFunc(w.rd.RootRels.Relationships,
		func(r *gdocx.Relationship) bool { return gone(path.Clean(r.Target)) })
	w.rd.Document.DocRels.Relationships = slices.DeleteFunc(w.rd.Document.DocRels.Relationships,
		func(r *gdocx.Relationship) bool { return gone(path.Join("word", r.Target)) })
	w.rd.ContentType.Override = slices.DeleteFunc(w.rd.ContentType.Override,
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
