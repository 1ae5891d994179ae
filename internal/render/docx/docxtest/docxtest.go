// Package docxtest reads DOCX files back for tests, independently of the
// code that wrote them: LibreOffice's text of a document (Text), the
// document's structure parsed with encoding/xml (Parse), and the checks
// every goldenthread DOCX must pass (Check). Only tests import it.
package docxtest

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/xml"
	"io"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/goldenthread/goldenthread/internal/gtest"
	"github.com/goldenthread/goldenthread/internal/render/doc"
)

// LibreOffice runs one conversion at a time per test process, in a profile
// of the process's own, so that parallel test processes do not clash and
// only the first conversion pays for setting the profile up.
var (
	lo        sync.Mutex
	loProfile string
)

// Cleanup removes the LibreOffice profile Text made, if any: call it from
// TestMain after m.Run.
func Cleanup() {
	lo.Lock()
	defer lo.Unlock()
	if loProfile != "" {
		os.RemoveAll(loProfile)
		loProfile = ""
	}
}

// Text returns the plain text LibreOffice Writer reads from the DOCX data.
// It skips the test when soffice is missing, or fails it when
// GOLDENTHREAD_REQUIRE_TOOLS=1 (as CI sets).
func Text(t testing.TB, data []byte) string {
	t.Helper()
	return Texts(t, data)[0]
}

// Texts is Text for several documents in one run of LibreOffice, which
// takes seconds to start.
func Texts(t testing.TB, docs ...[]byte) []string {
	t.Helper()
	soffice := gtest.Tool(t, "soffice")
	dir := t.TempDir()
	var in []string
	for i, d := range docs {
		p := filepath.Join(dir, "doc"+strconv.Itoa(i)+".docx")
		if err := os.WriteFile(p, d, 0o600); err != nil {
			t.Fatal(err)
		}
		in = append(in, p)
	}
	out := filepath.Join(dir, "txt")
	convert(t, soffice, out, in)
	texts := make([]string, len(in))
	for i := range in {
		b, err := os.ReadFile(filepath.Join(out, "doc"+strconv.Itoa(i)+".txt"))
		if err != nil {
			t.Fatalf("LibreOffice did not convert document %d: %v", i, err)
		}
		s := strings.TrimPrefix(string(b), "\ufeff")
		texts[i] = strings.ReplaceAll(s, "\r\n", "\n")
	}
	return texts
}

func convert(t testing.TB, soffice, out string, in []string) {
	t.Helper()
	lo.Lock()
	defer lo.Unlock()
	if loProfile == "" {
		dir, err := os.MkdirTemp("", "goldenthread-docxtest-lo-")
		if err != nil {
			t.Fatal(err)
		}
		loProfile = dir
	}
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	args := append([]string{"-env:UserInstallation=file://" + filepath.ToSlash(loProfile),
		"--headless", "--norestore", "--convert-to", "txt:Text (encoded):UTF8", "--outdir", out}, in...)
	if b, err := exec.CommandContext(ctx, soffice, args...).CombinedOutput(); err != nil {
		t.Fatalf("soffice --convert-to txt: %v\n%s", err, b)
	}
}

// Para is one paragraph of word/document.xml, in a table cell or not.
type Para struct {
	Style   string // pStyle, or ""
	NumID   string // numPr's numId, or ""
	Text    string
	Anchors []string // the bookmarks its internal hyperlinks go to
	Links   []string // its external hyperlinks' targets
}

// Doc is what Parse reads from a DOCX file.
type Doc struct {
	Parts     map[string][]byte // every part, by name
	Paras     []Para
	Bookmarks []string          // bookmark names, in order
	Styles    map[string]string // paragraph and character styles: ID → name
	Ordered   map[string]bool   // numId → numbered (not bullets) at level 0
	Core      map[string]string // docProps/core.xml: local name → text
	Lang      string            // the w:lang in styles.xml's docDefaults
}

// Parse opens the DOCX data and reads its parts with encoding/xml, failing
// the test if any XML part is not well formed.
func Parse(t testing.TB, data []byte) *Doc {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatalf("not a zip file: %v", err)
	}
	d := &Doc{Parts: map[string][]byte{}, Styles: map[string]string{}, Ordered: map[string]bool{}, Core: map[string]string{}}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatalf("%s: %v", f.Name, err)
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatalf("%s: %v", f.Name, err)
		}
		if _, dup := d.Parts[f.Name]; dup {
			t.Errorf("two zip entries named %s", f.Name)
		}
		d.Parts[f.Name] = b
		if strings.HasSuffix(f.Name, ".xml") || strings.HasSuffix(f.Name, ".rels") {
			if err := wellFormed(b); err != nil {
				t.Errorf("%s is not well-formed XML: %v", f.Name, err)
			}
		}
	}
	if t.Failed() {
		t.FailNow()
	}
	d.readDocument(t)
	d.readStyles(t)
	d.readNumbering(t)
	d.readCore(t)
	return d
}

func wellFormed(b []byte) error {
	dec := xml.NewDecoder(bytes.NewReader(b))
	for {
		_, err := dec.Token()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
	}
}

// wordNS is WordprocessingML's namespace.
const wordNS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

// attr returns the value of the attribute local in WordprocessingML's
// namespace, or "".
func attr(e xml.StartElement, local string) string {
	for _, a := range e.Attr {
		if a.Name.Local == local && (a.Name.Space == wordNS || a.Name.Space == "") {
			return a.Value
		}
	}
	return ""
}

// tokens calls fn with each token of the part name, failing if it is missing.
func (d *Doc) tokens(t testing.TB, name string, fn func(tok xml.Token)) {
	t.Helper()
	b, ok := d.Parts[name]
	if !ok {
		t.Fatalf("no %s", name)
	}
	dec := xml.NewDecoder(bytes.NewReader(b))
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			return
		}
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		fn(tok)
	}
}

func (d *Doc) readDocument(t testing.TB) {
	t.Helper()
	rels := d.rels(t, "word/_rels/document.xml.rels")
	var p *Para
	inText := false
	d.tokens(t, "word/document.xml", func(tok xml.Token) {
		switch e := tok.(type) {
		case xml.StartElement:
			switch e.Name.Local {
			case "p":
				p = &Para{}
			case "pStyle":
				if p != nil {
					p.Style = attr(e, "val")
				}
			case "numId":
				if p != nil {
					p.NumID = attr(e, "val")
				}
			case "t":
				inText = true
			case "tab":
				if p != nil {
					p.Text += "\t"
				}
			case "bookmarkStart":
				d.Bookmarks = append(d.Bookmarks, attr(e, "name"))
			case "hyperlink":
				if p == nil {
					return
				}
				if a := attr(e, "anchor"); a != "" {
					p.Anchors = append(p.Anchors, a)
				}
				for _, a := range e.Attr {
					if a.Name.Local == "id" {
						p.Links = append(p.Links, rels[a.Value].Target)
					}
				}
			}
		case xml.EndElement:
			switch e.Name.Local {
			case "p":
				if p != nil {
					d.Paras = append(d.Paras, *p)
				}
				p = nil
			case "t":
				inText = false
			}
		case xml.CharData:
			if inText && p != nil {
				p.Text += string(e)
			}
		}
	})
}

func (d *Doc) readStyles(t testing.TB) {
	t.Helper()
	var id string
	inDefaults := false
	d.tokens(t, "word/styles.xml", func(tok xml.Token) {
		switch e := tok.(type) {
		case xml.StartElement:
			switch e.Name.Local {
			case "docDefaults":
				inDefaults = true
			case "lang":
				if inDefaults {
					d.Lang = attr(e, "val")
				}
			case "style":
				id = attr(e, "styleId")
				d.Styles[id] = ""
			case "name":
				if id != "" {
					d.Styles[id] = attr(e, "val")
				}
			}
		case xml.EndElement:
			switch e.Name.Local {
			case "docDefaults":
				inDefaults = false
			case "style":
				id = ""
			}
		}
	})
}

// readNumbering works out which numIds number their items (decimal at
// level 0) rather than bullet them.
func (d *Doc) readNumbering(t testing.TB) {
	t.Helper()
	if _, ok := d.Parts["word/numbering.xml"]; !ok {
		return
	}
	decimal := map[string]bool{} // abstractNumId → decimal at level 0
	var abstract, lvl, num string
	d.tokens(t, "word/numbering.xml", func(tok xml.Token) {
		e, ok := tok.(xml.StartElement)
		if !ok {
			return
		}
		switch e.Name.Local {
		case "abstractNum":
			abstract, num = attr(e, "abstractNumId"), ""
		case "lvl":
			lvl = attr(e, "ilvl")
		case "numFmt":
			if num == "" && lvl == "0" {
				decimal[abstract] = attr(e, "val") == "decimal"
			}
		case "num":
			num = attr(e, "numId")
		case "abstractNumId":
			if num != "" {
				d.Ordered[num] = decimal[attr(e, "val")]
			}
		}
	})
}

func (d *Doc) readCore(t testing.TB) {
	t.Helper()
	var name string
	d.tokens(t, "docProps/core.xml", func(tok xml.Token) {
		switch e := tok.(type) {
		case xml.StartElement:
			name = e.Name.Local
		case xml.CharData:
			if name != "" {
				d.Core[name] += string(e)
			}
		case xml.EndElement:
			name = ""
		}
	})
}

// rel is one relationship.
type rel struct {
	Type, Target, Mode string
}

// rels reads the relationships part name.
func (d *Doc) rels(t testing.TB, name string) map[string]rel {
	t.Helper()
	out := map[string]rel{}
	d.tokens(t, name, func(tok xml.Token) {
		if e, ok := tok.(xml.StartElement); ok && e.Name.Local == "Relationship" {
			var id string
			var r rel
			for _, a := range e.Attr {
				switch a.Name.Local {
				case "Id":
					id = a.Value
				case "Type":
					r.Type = a.Value
				case "Target":
					r.Target = a.Value
				case "TargetMode":
					r.Mode = a.Value
				}
			}
			if _, dup := out[id]; dup {
				t.Errorf("%s: two relationships %s", name, id)
			}
			out[id] = r
		}
	})
	return out
}

// Headings returns the paragraphs in heading styles (and Title), in order.
func (d *Doc) Headings() []Para {
	var out []Para
	for _, p := range d.Paras {
		if p.Style == "Title" || strings.HasPrefix(p.Style, "Heading") {
			out = append(out, p)
		}
	}
	return out
}

// Check fails the test if the DOCX data is not one Word and LibreOffice
// open as goldenthread means: well-formed parts; content types and
// relationships that name parts that exist; heading paragraphs in the
// heading 1–3 styles, and every paragraph style defined; bookmarks unique
// and every internal hyperlink going to one; each list numbered by a
// numbering instance of its own; external links only http, https or
// mailto; a title and language in the core properties and a language in
// the styles. It returns the parsed document for further checks.
func Check(t testing.TB, data []byte) *Doc {
	t.Helper()
	d := Parse(t, data)
	d.checkPackage(t)
	d.checkStyles(t)
	d.checkLinks(t)
	d.checkLists(t)
	if d.Core["title"] == "" {
		t.Error("docProps/core.xml has no dc:title")
	}
	if d.Core["language"] == "" {
		t.Error("docProps/core.xml has no dc:language")
	}
	if d.Lang == "" {
		t.Error("styles.xml sets no w:lang in docDefaults")
	}
	return d
}

// checkPackage checks content types and relationships.
func (d *Doc) checkPackage(t testing.TB) {
	t.Helper()
	defaults, overrides := map[string]bool{}, map[string]bool{}
	d.tokens(t, "[Content_Types].xml", func(tok xml.Token) {
		if e, ok := tok.(xml.StartElement); ok {
			for _, a := range e.Attr {
				switch {
				case e.Name.Local == "Default" && a.Name.Local == "Extension":
					defaults[strings.ToLower(a.Value)] = true
				case e.Name.Local == "Override" && a.Name.Local == "PartName":
					overrides[strings.TrimPrefix(a.Value, "/")] = true
				}
			}
		}
	})
	for name := range overrides {
		if _, ok := d.Parts[name]; !ok {
			t.Errorf("[Content_Types].xml names %s, which is not in the file", name)
		}
	}
	for name := range d.Parts {
		ext := strings.ToLower(strings.TrimPrefix(path.Ext(name), "."))
		if name != "[Content_Types].xml" && !overrides[name] && !defaults[ext] {
			t.Errorf("%s has no content type", name)
		}
	}
	if !overrides["word/document.xml"] {
		t.Error("word/document.xml has no content type override")
	}
	for _, part := range []string{"", "word/document.xml"} {
		relsName := path.Join(path.Dir(part), "_rels", path.Base(part)+".rels")
		if part == "" {
			relsName = "_rels/.rels"
		}
		for id, r := range d.rels(t, relsName) {
			if r.Mode == "External" {
				if !safeLink(r.Target) {
					t.Errorf("%s: %s links to %q", relsName, id, r.Target)
				}
				continue
			}
			target := path.Join(path.Dir(part), r.Target)
			if _, ok := d.Parts[target]; !ok {
				t.Errorf("%s: %s names %s, which is not in the file", relsName, id, target)
			}
		}
	}
}

func safeLink(s string) bool {
	l := strings.ToLower(s)
	return strings.HasPrefix(l, "https://") || strings.HasPrefix(l, "http://") || strings.HasPrefix(l, "mailto:")
}

// checkStyles checks that every paragraph style used is defined, and that
// the heading styles are Word's.
func (d *Doc) checkStyles(t testing.TB) {
	t.Helper()
	for _, p := range d.Paras {
		if p.Style == "" {
			continue
		}
		name, ok := d.Styles[p.Style]
		if !ok {
			t.Errorf("paragraph %q is in style %s, which styles.xml does not define", p.Text, p.Style)
		}
		if n, ok := strings.CutPrefix(p.Style, "Heading"); ok {
			if n != "1" && n != "2" && n != "3" {
				t.Errorf("heading %q is in style %s, not Heading1–3", p.Text, p.Style)
			} else if name != "heading "+n {
				t.Errorf("style %s is named %q, not Word's %q", p.Style, name, "heading "+n)
			}
		}
	}
}

// checkLinks checks bookmarks and hyperlinks.
func (d *Doc) checkLinks(t testing.TB) {
	t.Helper()
	marks := map[string]bool{}
	for _, b := range d.Bookmarks {
		if marks[b] {
			t.Errorf("two bookmarks named %q", b)
		}
		if b == "" || len(b) > 40 {
			t.Errorf("bookmark name %q is empty or longer than Word takes", b)
		}
		marks[b] = true
	}
	for _, p := range d.Paras {
		for _, a := range p.Anchors {
			if !marks[a] {
				t.Errorf("paragraph %q links to #%s, which is no bookmark", p.Text, a)
			}
		}
		for _, l := range p.Links {
			if !safeLink(l) {
				t.Errorf("paragraph %q links to %q", p.Text, l)
			}
		}
	}
	if bytes.Contains(bytes.ToLower(d.Parts["word/document.xml"]), []byte(`anchor="javascript`)) {
		t.Error("a hyperlink goes to javascript:")
	}
}

// checkLists checks that every numbered paragraph's numId is defined and
// that no numId numbers two lists: a list is a run of paragraphs with the
// same numId.
func (d *Doc) checkLists(t testing.TB) {
	t.Helper()
	done := map[string]bool{}
	prev := ""
	for _, p := range d.Paras {
		if p.NumID != "" {
			if _, ok := d.Ordered[p.NumID]; !ok {
				t.Errorf("list item %q has numId %s, which numbering.xml does not define", p.Text, p.NumID)
			}
			if p.NumID != prev && done[p.NumID] {
				t.Errorf("list item %q continues an earlier list (numId %s): each list needs its own", p.Text, p.NumID)
			}
			done[p.NumID] = true
		}
		prev = p.NumID
	}
}

// InOrder fails the test unless the texts in want occur in got in the
// order given, each as many times as it occurs in want (text within a
// longer text of want counting too): nothing lost, nothing doubled.
func InOrder(t testing.TB, got string, want ...string) {
	t.Helper()
	all := strings.Join(want, "\n")
	at := 0
	for _, w := range want {
		if w == "" {
			continue
		}
		i := strings.Index(got[at:], w)
		if i < 0 {
			if strings.Contains(got, w) {
				t.Errorf("%q is out of order", w)
			} else {
				t.Errorf("%q is missing", w)
			}
			continue
		}
		at += i + len(w)
	}
	seen := map[string]bool{}
	for _, w := range want {
		if w == "" || seen[w] {
			continue
		}
		seen[w] = true
		if n, m := strings.Count(got, w), strings.Count(all, w); n != m {
			t.Errorf("%q occurs %d times, want %d", w, n, m)
		}
	}
}

// Want returns the texts a reader should find in the DOCX of d, in order:
// the title and subtitle, the contents' entries, then every block's text
// (headings with their numbers, paragraphs, list items, table captions and
// cells, facts, notes' labels and text). Pass it to InOrder with Text.
func Want(d *doc.Document) []string {
	w := []string{d.Meta.Title, d.Meta.Subtitle}
	for _, b := range d.Blocks {
		w = append(w, blockWant(d, b)...)
	}
	return w
}

func blockWant(d *doc.Document, b doc.Block) []string {
	var w []string
	switch b := b.(type) {
	case doc.Heading:
		w = append(w, headingText(b))
	case doc.Paragraph:
		w = append(w, doc.Plain(b.Inlines))
	case doc.List:
		for _, it := range b.Items {
			w = append(w, doc.Plain(it))
		}
	case doc.Table:
		w = append(w, b.Caption)
		w = append(w, b.Header...)
		for _, r := range b.Rows {
			for _, c := range r.Cells {
				w = append(w, doc.Plain(c))
			}
		}
	case doc.Facts:
		for _, f := range b.Items {
			w = append(w, f.Label, doc.Plain(f.Value))
		}
	case doc.Note:
		w = append(w, b.Label)
		for _, nb := range b.Blocks {
			w = append(w, blockWant(d, nb)...)
		}
	case doc.Contents:
		w = append(w, b.Title)
		depth := b.Depth
		if depth <= 0 {
			depth = 3 // as the docx package takes it
		}
		for _, hb := range d.Blocks {
			if h, ok := hb.(doc.Heading); ok && h.ID != "" && h.Level <= depth {
				w = append(w, headingText(h))
			}
		}
	}
	return w
}

func headingText(h doc.Heading) string {
	if h.Number == "" {
		return h.Text
	}
	return h.Number + " " + h.Text
}
