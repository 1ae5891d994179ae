package cli

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/goldenthread/goldenthread/internal/gtest"
	"github.com/goldenthread/goldenthread/internal/model"
	"github.com/goldenthread/goldenthread/internal/render/doc"
	"github.com/goldenthread/goldenthread/internal/render/docx/docxtest"
	"github.com/goldenthread/goldenthread/internal/render/html/htmltest"
	"github.com/goldenthread/goldenthread/internal/render/markdown/mdtest"
)

// readBack returns the text of an editable document as an independent
// reader finds it (LibreOffice for DOCX, x/net/html for HTML, goldmark for
// Markdown), after that reader's structural checks, with white space
// collapsed.
func readBack(t *testing.T, ext string, b []byte) string {
	t.Helper()
	var text string
	switch ext {
	case ".docx":
		docxtest.Check(t, b)
		text = docxtest.Text(t, b)
	case ".html":
		htmltest.Check(t, b)
		text = htmltest.Text(t, b)
	case ".md":
		mdtest.Check(t, b)
		text = mdtest.Text(t, b)
	default:
		t.Fatalf("no reader for %s", ext)
	}
	return strings.Join(strings.Fields(text), " ")
}

// runCmd runs goldenthread with args and fails the test unless it exits 0.
func runCmd(t testing.TB, args ...string) string {
	t.Helper()
	var stdout, stderr bytes.Buffer
	if code := Main(args, nil, &stdout, &stderr); code != 0 {
		t.Fatalf("%v: exit %d\n%s", args, code, stderr.String())
	}
	return stdout.String()
}

// headings returns the text of d's headings as a reader sees them:
// the number, a space and the title.
func headings(d *doc.Document) []string {
	var out []string
	for _, b := range d.Blocks {
		if h, ok := b.(doc.Heading); ok {
			out = append(out, strings.TrimSpace(h.Number+" "+h.Text))
		}
	}
	return out
}

// inOrder reports the first of wants that text does not hold after the
// one before it, or "".
func inOrder(text string, wants []string) string {
	at := 0
	for _, w := range wants {
		i := strings.Index(text[at:], w)
		if i < 0 {
			return w
		}
		at += i + len(w)
	}
	return ""
}

var numbered = regexp.MustCompile(`^\d{1,2}\.$`)

// firstWords returns the first paragraph of s, up to 60 words, as a reader
// finds it, for a check that each requirement is printed once: two
// requirements may start alike, but not for a whole paragraph.
func firstWords(s string) string {
	ps := doc.Paragraphs(s)
	if len(ps) == 0 {
		return ""
	}
	w := strings.Fields(ps[0])
	if len(w) > 1 && numbered.MatchString(w[0]) {
		w = w[1:] // a numbered list's number, which readers print apart
	}
	if len(w) > 60 {
		w = w[:60]
	}
	return strings.Join(w, " ")
}

// TestSpecEveryFormat writes the specification of each example in every
// format with the spec command, reads each back with a reader of its own,
// and checks that every heading is there in order, with its numbering,
// every question under its grid reference, and every selected requirement
// once.
func TestSpecEveryFormat(t *testing.T) {
	dir := t.TempDir()
	for _, name := range gtest.Examples(t) {
		p := gtest.Example(t, name)
		want := headings(doc.Spec(p))
		for _, ext := range []string{".docx", ".html", ".md"} {
			t.Run(name+ext, func(t *testing.T) {
				if testing.Short() && ext == ".docx" && name != "midshire-highways" {
					t.Skip("-short reads one DOCX back with LibreOffice")
				}
				out := filepath.Join(dir, name+"-specification"+ext)
				runCmd(t, "spec", "../../examples/"+name+".toml", "-o", out)
				b, err := os.ReadFile(out)
				if err != nil {
					t.Fatal(err)
				}
				text := readBack(t, ext, b)
				if miss := inOrder(text, want); miss != "" {
					t.Errorf("heading %q is missing or out of order", miss)
				}
				for _, q := range p.Questions {
					if !strings.Contains(text, " "+q.Ref+": ") {
						t.Errorf("question %s is not in the specification", q.Ref)
					}
				}
				for _, a := range p.Asks() {
					w := firstWords(a.Requirement)
					if w == "" {
						continue
					}
					if n := strings.Count(text, w); n != 1 {
						t.Errorf("ask %d's requirement (%q…) is printed %d times; want once", a.Number, w, n)
					}
				}
				for _, bad := range []string{"[spec.", "[asks.", "%!"} {
					if strings.Contains(text, bad) {
						t.Errorf("the specification holds %q", bad)
					}
				}
			})
		}
	}
}

// TestAsksEveryFormat writes the Midshire asks paper in each editable
// format and checks every ask is in it, in order, with its number, and
// every priority ask.
func TestAsksEveryFormat(t *testing.T) {
	dir := t.TempDir()
	p := gtest.Example(t, "midshire-highways")
	d := doc.Asks(p)
	for _, ext := range []string{".docx", ".html", ".md"} {
		t.Run(ext, func(t *testing.T) {
			out := filepath.Join(dir, "asks"+ext)
			runCmd(t, "asks", "../../examples/midshire-highways.toml", "-o", out)
			b, err := os.ReadFile(out)
			if err != nil {
				t.Fatal(err)
			}
			text := readBack(t, ext, b)
			if miss := inOrder(text, headings(d)); miss != "" {
				t.Errorf("heading %q is missing or out of order", miss)
			}
			for _, a := range p.Priorities() {
				if !strings.Contains(text, a.Why) && !strings.Contains(text, strings.Join(strings.Fields(a.Why), " ")) {
					t.Errorf("priority ask %d's reason is missing", a.Number)
				}
			}
		})
	}
}

// TestEditableDeterministic writes each editable output twice and compares
// the bytes.
func TestEditableDeterministic(t *testing.T) {
	p := gtest.Example(t, "dyffryn-tywi-cleaning")
	for _, o := range append(editable("asks", doc.Asks), specFormats...) {
		var a, b bytes.Buffer
		if err := o.render(&a, p); err != nil {
			t.Fatal(err)
		}
		if err := o.render(&b, gtest.Example(t, "dyffryn-tywi-cleaning")); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(a.Bytes(), b.Bytes()) {
			t.Errorf("%s differs between two runs on the same input", o.file)
		}
	}
}

// TestEditableHostile writes the specification and the asks paper of a
// profile whose names are Welsh and hostile in every format, and checks
// the text reads back as written.
func TestEditableHostile(t *testing.T) {
	src, err := os.ReadFile("../../examples/dyffryn-tywi-cleaning.toml")
	if err != nil {
		t.Fatal(err)
	}
	texts := []string{
		`Ŵyn & Ŷr <script>alert("x")</script> *not bold* [link](javascript:x) =SUM(A1)`,
		`# Cyngor Sir Ynys Môn | 1. </p> ]]> {{.X}} %s \ backslash`,
	}
	s := string(src)
	for _, key := range []string{"name", "title"} {
		s = replaceFirstValue(t, s, key, texts[0])
	}
	s = replaceFirstValue(t, s, "organisation", texts[1])
	dir := t.TempDir()
	path := filepath.Join(dir, "hostile.toml")
	if err := os.WriteFile(path, []byte(s), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, cmd := range []string{"spec", "asks"} {
		for _, ext := range []string{".docx", ".html", ".md"} {
			t.Run(cmd+ext, func(t *testing.T) {
				if testing.Short() && ext == ".docx" && cmd == "asks" {
					t.Skip("-short reads one DOCX back with LibreOffice")
				}
				out := filepath.Join(dir, cmd+ext)
				runCmd(t, cmd, path, "-o", out)
				b, err := os.ReadFile(out)
				if err != nil {
					t.Fatal(err)
				}
				text := readBack(t, ext, b)
				for _, want := range texts {
					if !strings.Contains(text, want) {
						t.Errorf("%q does not read back as written", want)
					}
				}
			})
		}
	}
}

// replaceFirstValue sets the first `key = "…"` line of a TOML profile to
// value, written as a TOML literal string.
func replaceFirstValue(t *testing.T, src, key, value string) string {
	t.Helper()
	lines := strings.Split(src, "\n")
	for i, l := range lines {
		if strings.HasPrefix(l, key+" = ") {
			lines[i] = fmt.Sprintf("%s = '%s'", key, value)
			return strings.Join(lines, "\n")
		}
	}
	t.Fatalf("no %s in the profile", key)
	return ""
}

// editableTexts returns the text of the specification and the asks paper
// in each editable format, read back by the fast readers (not LibreOffice),
// for the checks every output must pass.
func editableTexts(t *testing.T, p *model.Pack) map[string]string {
	t.Helper()
	out := map[string]string{}
	for _, o := range append(editable("asks", doc.Asks), specFormats...) {
		if filepath.Ext(o.file) == ".docx" {
			continue // read back with LibreOffice in TestSpecEveryFormat
		}
		var b bytes.Buffer
		if err := o.render(&b, p); err != nil {
			t.Fatal(err)
		}
		out[o.file] = readBack(t, filepath.Ext(o.file), b.Bytes())
	}
	return out
}

// TestEditableAxe runs axe-core in Chromium on the Midshire specification
// and asks paper as web pages: any accessibility violation fails.
func TestEditableAxe(t *testing.T) {
	p := gtest.Example(t, "midshire-highways")
	for _, o := range []output{specFormats[1], editable("asks", doc.Asks)[1]} {
		t.Run(o.file, func(t *testing.T) {
			if filepath.Ext(o.file) != ".html" {
				t.Fatalf("%s is not the web page", o.file)
			}
			var b bytes.Buffer
			if err := o.render(&b, p); err != nil {
				t.Fatal(err)
			}
			htmltest.Axe(t, b.Bytes())
		})
	}
}

// TestAsksWithOutcomes reprints Strathmore's asks paper, which records what
// each ask won, as PDF and Markdown, and reads back each outcome: the
// result with the contract clause, the wording agreed, the reason given.
func TestAsksWithOutcomes(t *testing.T) {
	dir := t.TempDir()
	want := []string{
		"Outcome: Won as asked · Contract clause: Schedule 3, clause 4.1",
		"Outcome: Won, amended · Contract clause: Schedule 3, clause 6.2",
		"Wording agreed",
		"who shall arrange access within five working days of a request",
		"Outcome: Refused",
		"Reason given: The University said guaranteed minimum hours would raise the price beyond its budget",
		"Outcome: Outcome not recorded",
	}
	for _, ext := range []string{".pdf", ".md"} {
		out := filepath.Join(dir, "asks"+ext)
		runCmd(t, "asks", "../../examples/strathmore-catering.toml", "-o", out)
		b, err := os.ReadFile(out)
		if err != nil {
			t.Fatal(err)
		}
		var text string
		if ext == ".pdf" {
			text = strings.Join(strings.Fields(gtest.PDFText(t, b)), " ")
		} else {
			text = readBack(t, ext, b)
		}
		for _, w := range want {
			if !strings.Contains(text, w) {
				t.Errorf("the %s asks paper lacks %q", ext, w)
			}
		}
	}
}
