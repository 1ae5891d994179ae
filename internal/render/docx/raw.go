package docx

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"fmt"
	"strconv"
	"strings"

	gdocx "github.com/gomutex/godocx/docx"
)

// godocx's paragraphs hold only runs and relationship hyperlinks: it has no
// bookmarks and no hyperlinks to a bookmark (w:anchor). Those are written by
// hand. While the document is built, each is a placeholder run whose text is
// open + its number + shut; after godocx has written the file, finish
// replaces each placeholder run in word/document.xml with its XML. The
// placeholders use private-use characters, which doc.Clean removes from
// every text, and text is stripped of them as well (see text), so no text
// can look like one.
const (
	open = '\uE000'
	shut = '\uE001'
)

// placeholder is how a placeholder run comes out of godocx, less its number.
var (
	phStart = "<w:r><w:t>" + string(open)
	phEnd   = string(shut) + "</w:t></w:r>"
)

// rawXML adds hand-written XML to p at the current position.
func (w *writer) rawXML(p *gdocx.Paragraph, x string) {
	p.AddText(string(open) + strconv.Itoa(len(w.raw)) + string(shut))
	w.raw = append(w.raw, x)
}

// bookmark returns the XML that starts and ends the bookmark called name.
func (w *writer) bookmark(name string) (start, end string) {
	id := strconv.Itoa(w.nmark)
	w.nmark++
	return `<w:bookmarkStart w:id="` + id + `" w:name="` + attr(name) + `"/>`,
		`<w:bookmarkEnd w:id="` + id + `"/>`
}

// anchorStart opens a hyperlink to the bookmark called name; "</w:hyperlink>"
// shuts it.
func anchorStart(name string) string {
	return `<w:hyperlink w:anchor="` + attr(name) + `" w:history="1">`
}

// attr escapes s for an XML attribute.
func attr(s string) string {
	var b strings.Builder
	_ = xml.EscapeText(&b, []byte(s))
	return b.String()
}

// text makes s safe to hand godocx: the placeholders' characters go.
func text(s string) string {
	if strings.ContainsRune(s, open) || strings.ContainsRune(s, shut) {
		s = strings.Map(func(r rune) rune {
			if r == open || r == shut {
				return -1
			}
			return r
		}, s)
	}
	return s
}

// fill replaces the placeholder runs in document.xml.
func (w *writer) fill(x []byte) ([]byte, error) {
	if len(w.raw) == 0 {
		return x, nil
	}
	out := make([]byte, 0, len(x)+len(w.raw)*48)
	for {
		i := bytes.Index(x, []byte(phStart))
		if i < 0 {
			break
		}
		out = append(out, x[:i]...)
		x = x[i+len(phStart):]
		j := bytes.Index(x, []byte(phEnd))
		if j < 0 {
			return nil, fmt.Errorf("placeholder not closed")
		}
		n, err := strconv.Atoi(string(x[:j]))
		if err != nil || n < 0 || n >= len(w.raw) {
			return nil, fmt.Errorf("bad placeholder %q", x[:j])
		}
		out = append(out, w.raw[n]...)
		x = x[j+len(phEnd):]
	}
	out = append(out, x...)
	if bytes.ContainsRune(out, open) {
		return nil, fmt.Errorf("a placeholder was not replaced")
	}
	return out, nil
}

// finish copies the file godocx wrote, entry by entry and still compressed,
// but for word/document.xml, written empty, which it replaces with
// document, the body, its placeholders filled.
func (w *writer) finish(file, document []byte) ([]byte, error) {
	zr, err := zip.NewReader(bytes.NewReader(file), int64(len(file)))
	if err != nil {
		return nil, err
	}
	document, err = w.fill(document)
	if err != nil {
		return nil, fmt.Errorf("word/document.xml: %w", err)
	}
	var buf bytes.Buffer
	buf.Grow(len(file) + len(document)/4)
	zw := zip.NewWriter(&buf)
	for _, f := range zr.File {
		if f.Name != "word/document.xml" {
			// Copied as godocx compressed it.
			if err := zw.Copy(f); err != nil {
				return nil, err
			}
			continue
		}
		// The same name, method and (fixed) time as godocx gave it.
		out, err := zw.CreateHeader(&zip.FileHeader{Name: f.Name, Method: f.Method, Modified: f.Modified})
		if err != nil {
			return nil, err
		}
		if _, err := out.Write(document); err != nil {
			return nil, err
		}
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
