package pdf

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/goldenthread/goldenthread/internal/gtest"
	"github.com/goldenthread/goldenthread/internal/model"
)

func renderPack(t testing.TB, p *model.Pack) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := Render(&buf, p); err != nil {
		t.Fatalf("Render: %v", err)
	}
	return buf.Bytes()
}

// poppler runs one of poppler's tools on the PDF b and returns its output.
func poppler(t testing.TB, b []byte, tool string, args ...string) string {
	t.Helper()
	gtest.Tool(t, tool)
	path := filepath.Join(t.TempDir(), "out.pdf")
	if err := os.WriteFile(path, b, 0o600); err != nil {
		t.Fatal(err)
	}
	var stdout, stderr bytes.Buffer
	cmd := exec.Command(tool, append(args, path, "-")...)
	if tool == "pdfinfo" || tool == "pdffonts" {
		cmd = exec.Command(tool, append(args, path)...)
	}
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("%s: %v\n%s", tool, err, stderr.String())
	}
	if s := stderr.String(); strings.Contains(s, "Syntax Error") || strings.Contains(s, "Syntax Warning") {
		t.Errorf("%s reports a damaged PDF:\n%s", tool, s)
	}
	return stdout.String()
}

func pdfText(t testing.TB, b []byte) string {
	return poppler(t, b, "pdftotext", "-enc", "UTF-8")
}

func pdfInfo(t testing.TB, b []byte) map[string]string {
	info := map[string]string{}
	for _, line := range strings.Split(poppler(t, b, "pdfinfo", "-enc", "UTF-8"), "\n") {
		if k, v, ok := strings.Cut(line, ":"); ok {
			info[k] = strings.TrimSpace(v)
		}
	}
	return info
}

var spaces = regexp.MustCompile(`\s+`)

// flat joins extracted text into one line so that wrapped titles match.
func flat(s string) string { return spaces.ReplaceAllString(s, " ") }

func TestRenderReadBack(t *testing.T) {
	p := fixturePack()
	b := renderPack(t, p)

	info := pdfInfo(t, b)
	pages, err := strconv.Atoi(info["Pages"])
	if err != nil || pages < 10 {
		t.Fatalf("pdfinfo Pages = %q; want a number of at least 10", info["Pages"])
	}
	for k, want := range map[string]string{
		"Title":    p.Document.Title,
		"Author":   p.PreparedBy.Organisation,
		"Subject":  p.Procurement.Title,
		"Creator":  "goldenthread " + p.Version,
		"Producer": "FPDF 1.7",
	} {
		if info[k] != want {
			t.Errorf("pdfinfo %s = %q; want %q", k, info[k], want)
		}
	}
	for _, kw := range []string{fixtureEmployer, p.Procurement.Reference, "Real Living Wage"} {
		if !strings.Contains(info["Keywords"], kw) {
			t.Errorf("pdfinfo Keywords = %q; want it to contain %q", info["Keywords"], kw)
		}
	}
	for _, k := range []string{"CreationDate", "ModDate"} {
		if !strings.Contains(info[k], "Jan 15") || !strings.Contains(info[k], "2027") {
			t.Errorf("pdfinfo %s = %q; want the document date, 15 January 2027", k, info[k])
		}
	}

	text := pdfText(t, b)
	all := flat(text)
	for _, s := range p.Sections {
		for _, g := range s.Themes {
			for _, a := range g.Asks {
				if !strings.Contains(all, a.Title) {
					t.Errorf("extracted text lacks ask %d title %q", a.Number, a.Title)
				}
			}
		}
	}
	for _, want := range []string{
		"£13.45", "£62m", fixtureEmployer, fixtureContact, "“nobody tells us what the contract says about us”",
		"Welsh language – Cymraeg", "15 January 2027", "Our priority asks", "All our asks at a glance", "What we ask of the consultation", "Part 3: Sources", "What we ask",
		"Suggested requirement wording", "Why it matters", "Evidence to request", "How it will be measured",
		"Evaluation question", "Legal basis and cautions", "Toolkit pages", "pp. 15, 17",
		"Page 1 of " + info["Pages"], fmt.Sprintf("Page %d of %d", pages, pages),
		"https://www.legislation.gov.uk/ukpga/2010/15/section/149",
	} {
		if !strings.Contains(all, want) {
			t.Errorf("extracted text lacks %q", want)
		}
	}
	// The running header carries the procurement title on every page but
	// the cover.
	pagesText := strings.Split(text, "\f")
	if n := strings.Count(text, p.Procurement.Title); n < pages-1 {
		t.Errorf("procurement title appears %d times; want it in the header of %d pages", n, pages-1)
	}
	if head, _, _ := strings.Cut(pagesText[0], fixtureEmployer); strings.Contains(head, p.Procurement.Reference) {
		t.Errorf("cover page starts with the running header:\n%s", pagesText[0])
	}
}

// TestRenderFonts checks that only the embedded DejaVu Sans faces are used:
// no core font, which could not draw £ or ŵ, slips in anywhere.
func TestRenderFonts(t *testing.T) {
	out := poppler(t, renderPack(t, fixturePack()), "pdffonts")
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) < 3 {
		t.Fatalf("pdffonts lists no fonts:\n%s", out)
	}
	for _, l := range lines[2:] {
		f := strings.Fields(l)
		if !strings.HasPrefix(f[0], "utf8dejavusans") || !strings.Contains(l, "CID TrueType") {
			t.Errorf("unexpected font: %s", l)
		}
		// Columns: name, type (two words), encoding, emb, sub, uni, …
		if len(f) < 7 || f[4] != "yes" || f[6] != "yes" {
			t.Errorf("font not embedded with a Unicode map: %s", l)
		}
	}
}

func TestRenderDeterministic(t *testing.T) {
	want := renderPack(t, fixturePack())
	if got := renderPack(t, fixturePack()); !bytes.Equal(got, want) {
		t.Fatalf("two renders of the same pack differ (%d and %d bytes)", len(want), len(got))
	}

	// Renders running at once must not disturb each other, and a pack with
	// another date must not leak its date into them.
	other := fixturePack()
	other.Document.Date = time.Date(2031, time.March, 3, 0, 0, 0, 0, time.UTC)
	var wg sync.WaitGroup
	outs := make([][]byte, 6)
	errs := make([]error, len(outs))
	for i := range outs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			p := fixturePack()
			if i%3 == 2 {
				p = other
			}
			var buf bytes.Buffer
			errs[i] = Render(&buf, p)
			outs[i] = buf.Bytes()
		}()
	}
	wg.Wait()
	for i, out := range outs {
		if errs[i] != nil {
			t.Fatalf("parallel render %d: %v", i, errs[i])
		}
		if i%3 == 2 {
			if bytes.Equal(out, want) || !bytes.Contains(out, []byte("D:20310303")) {
				t.Errorf("parallel render %d lacks its own date", i)
			}
			continue
		}
		if !bytes.Equal(out, want) {
			t.Errorf("parallel render %d differs from the sequential one", i)
		}
	}
	if !bytes.Contains(want, []byte("(D:20270115000000)")) {
		t.Errorf("creation date is not the document date")
	}
}

func TestRenderZeroDate(t *testing.T) {
	p := fixturePack()
	p.Document.Date = time.Time{}
	a, b := renderPack(t, p), renderPack(t, p)
	if !bytes.Equal(a, b) {
		t.Fatal("renders of a pack without a date differ")
	}
	if !bytes.Contains(a, []byte("(D:19700101000000)")) {
		t.Error("a pack without a date should be stamped with the Unix epoch")
	}
}

// normalise reduces extracted text to what the golden file compares:
// words and page breaks, not the extractor's spacing.
func normalise(text string) string {
	var b strings.Builder
	for i, pg := range strings.Split(strings.TrimRight(text, "\f\n"), "\f") {
		fmt.Fprintf(&b, "=== page %d ===\n", i+1)
		for _, l := range strings.Split(pg, "\n") {
			if l = strings.TrimSpace(spaces.ReplaceAllString(l, " ")); l != "" {
				b.WriteString(l + "\n")
			}
		}
	}
	return b.String()
}

func TestRenderGolden(t *testing.T) {
	gtest.Golden(t, filepath.Join("testdata", "asks.golden"), []byte(normalise(pdfText(t, renderPack(t, fixturePack())))))
}

func TestRenderNil(t *testing.T) {
	if err := Render(&bytes.Buffer{}, nil); err == nil {
		t.Error("Render(nil) = nil; want an error")
	}
	if err := RenderReport(&bytes.Buffer{}, nil); err == nil {
		t.Error("RenderReport(nil) = nil; want an error")
	}
}

func TestRenderEmptyPack(t *testing.T) {
	b := renderPack(t, &model.Pack{})
	if info := pdfInfo(t, b); info["Pages"] == "" {
		t.Errorf("pdfinfo cannot read the PDF of an empty pack")
	}
}

func BenchmarkRender(b *testing.B) {
	p := fixturePack()
	if _, err := loadFonts(); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if err := Render(&bytes.Buffer{}, p); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkRenderParallel(b *testing.B) {
	p := fixturePack()
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			if err := Render(&bytes.Buffer{}, p); err != nil {
				b.Error(err)
			}
		}
	})
}

// TestRenderCharacters checks that the characters British and Welsh
// documents need survive the round trip through an independent reader.
func TestRenderCharacters(t *testing.T) {
	const chars = "£13.45 €20 – — ‘single’ “double” ŵ ŷ â Ŵ Ŷ Â ê î ô û ï é è à ç ß ½ ≤ ≥ • …"
	p := fixturePack()
	p.Sections = p.Sections[:1]
	p.Purpose = chars
	text := flat(pdfText(t, renderPack(t, p)))
	if !strings.Contains(text, chars) {
		t.Errorf("extracted text lacks %q", chars)
	}
}

// TestRenderBlanks checks that requirement wording with parts to complete
// says so under the wording, and that wording without any does not.
func TestRenderBlanks(t *testing.T) {
	p := fixturePack()
	asks := p.Asks()
	asks[0].Requirement += " Report monthly under Schedule [x] to [the contract board]."
	asks[0].Blanks = []string{"[x]", "[the contract board]"}
	text := flat(pdfText(t, renderPack(t, p)))
	if want := "Complete before use: [x], [the contract board]"; !strings.Contains(text, want) {
		t.Errorf("PDF text lacks %q", want)
	}
	if n := strings.Count(text, "Complete before use"); n != 1 {
		t.Errorf("%d notes of blanks; want 1", n)
	}
}

// TestFinish checks the rewritten file's cross-reference table object by
// object, the language in the catalogue, and that text that is not a gofpdf
// PDF passes through.
func TestFinish(t *testing.T) {
	d, err := layoutAsks(fixturePack(), nil)
	if err != nil {
		t.Fatal(err)
	}
	d.flush()
	out, err := d.m.Generate()
	if err != nil {
		t.Fatal(err)
	}
	raw := out.GetBytes()
	got := finish(raw, "en-GB")
	if len(got) >= len(raw)/2 {
		t.Errorf("finish: %d bytes from %d; want well under half", len(got), len(raw))
	}
	if !regexp.MustCompile(`\n<<\n/Type /Catalog\n/Lang \(en-GB\)\n`).Match(got) {
		t.Errorf("finish: the catalogue has no /Lang (en-GB)")
	}
	sx := bytes.LastIndex(got, []byte("startxref\n"))
	xref, err := strconv.Atoi(strings.Fields(string(got[sx+len("startxref\n"):]))[0])
	if err != nil || !bytes.HasPrefix(got[xref:], []byte("xref\n0 ")) {
		t.Fatalf("startxref does not point at the xref table")
	}
	lines := strings.Split(string(got[xref:sx]), "\n")
	n, _ := strconv.Atoi(strings.Fields(lines[1])[1])
	for i := 1; i < n; i++ {
		off, err := strconv.Atoi(lines[2+i][:10])
		if err != nil || !bytes.HasPrefix(got[off:], []byte(strconv.Itoa(i)+" 0 obj\n")) {
			t.Errorf("xref entry %d (%q) does not point at object %d", i, lines[2+i], i)
		}
	}
	for _, in := range [][]byte{nil, []byte("%PDF-1.3\nnot really\n"), raw[:len(raw)/2]} {
		if out := finish(in, "en-GB"); !bytes.Equal(out, in) {
			t.Errorf("finish changed input it cannot parse (%d bytes)", len(in))
		}
	}
}

// TestNumberedRequirement checks that a requirement's numbered paragraphs
// print as separate paragraphs with their numbers hanging to the left of
// the text, so they lift into a specification as they stand.
func TestNumberedRequirement(t *testing.T) {
	p := fixturePack()
	a := p.Sections[1].Themes[0].Asks[0]
	long := strings.Repeat("The Contractor shall keep records of every visit. ", 4)
	a.Requirement = "1. " + long + "\n\n2. The Contractor shall report quarterly."
	var buf bytes.Buffer
	if err := Render(&buf, p); err != nil {
		t.Fatal(err)
	}
	text := gtest.Poppler(t, buf.Bytes(), "pdftotext", "-layout", "-enc", "UTF-8")
	first := regexp.MustCompile(`(?m)^( *)1\.( +)The Contractor shall keep records`).FindStringSubmatch(text)
	second := regexp.MustCompile(`(?m)^( *)2\.( +)The Contractor shall report quarterly\.`).FindStringSubmatch(text)
	if first == nil || second == nil {
		t.Fatalf("numbered paragraphs not printed as separate hanging paragraphs:\n%s", text)
	}
	// The wrapped line of item 1 starts under its text, not under its number.
	rest := text[strings.Index(text, first[0]):]
	next, _, _ := strings.Cut(rest[strings.IndexByte(rest, '\n')+1:], "\n")
	hang := len(next) - len(strings.TrimLeft(next, " "))
	if want := len(first[1]) + len("1.") + len(first[2]); hang < want-1 || hang > want+1 {
		t.Errorf("the second line of item 1 starts at column %d, not under its text at %d:\n%s\n%s", hang, want, first[0], next)
	}
}
