package pdf_test

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/goldenthread/goldenthread/internal/cli"
	"github.com/goldenthread/goldenthread/internal/gtest"
	"github.com/goldenthread/goldenthread/internal/library"
	"github.com/goldenthread/goldenthread/internal/model"
	"github.com/goldenthread/goldenthread/internal/render/pdf"
)

// The asks PDFs of real profiles, from the built-in library: the four
// examples, init's starters for every nation, and random profiles. Each is
// read back with poppler and checked as a reader would use it.

// builtin is the built-in library and templates, as every test loads them.
var builtin = gtest.Builtin

// packOf loads the profile at path and assembles its pack.
func packOf(t *testing.T, path string, src []byte) *model.Pack { return gtest.Pack(t, path, src) }

// plainPercent is a social value weighting the tool can work with.
var plainPercent = regexp.MustCompile(`^\s*\d+(\.\d+)?\s*%\s*$`)

// checkAsks renders p and checks what a reader meets: the outline, page
// references and links; no heading or label at the foot of a page; no
// clause id; no blank award weight ("[ ]%" as the library once had it, or
// "[weight]%") where the profile gives the social value weighting.
// It returns the pages of each part.
func checkAsks(t *testing.T, p *model.Pack) [3]int {
	t.Helper()
	var buf bytes.Buffer
	if err := pdf.Render(&buf, p); err != nil {
		t.Fatal(err)
	}
	b := buf.Bytes()
	pdf.CheckNavigation(t, p, b)
	for _, s := range pdf.Stranded(t, p, b) {
		t.Error(s)
	}
	text := strings.Join(strings.Fields(gtest.PDFText(t, b)), " ")
	lib, _ := builtin()
	for _, c := range lib.Clauses {
		if strings.Contains(text, c.ID) {
			t.Errorf("the PDF prints the clause id %q", c.ID)
		}
	}
	if plainPercent.MatchString(p.Scoring.SocialValueShare) && (strings.Contains(text, "[ ]%") || strings.Contains(text, "[weight]%")) {
		t.Errorf("the PDF leaves the award weight blank though the profile gives the social value weighting %q", p.Scoring.SocialValueShare)
	}
	return pdf.PartPages(t, b)
}

func TestExamples(t *testing.T) {
	paths, err := filepath.Glob("../../../examples/*.toml")
	if err != nil || len(paths) != 4 {
		t.Fatalf("want the 4 examples, found %v (%v)", paths, err)
	}
	for _, path := range paths {
		t.Run(strings.TrimSuffix(filepath.Base(path), ".toml"), func(t *testing.T) {
			t.Parallel()
			src, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			p := packOf(t, path, src)
			parts := checkAsks(t, p)
			t.Logf("pages: paper %d, asks in full %d, sources %d (%d asks, %d priorities, %d works)",
				parts[0], parts[1], parts[2], len(p.Asks()), len(p.Priorities()), len(p.Works))
			if strings.Contains(path, "midshire") && parts[0] > 8 {
				t.Errorf("the paper (Part 1) is %d pages; want at most 8", parts[0])
			}
		})
	}
}

// TestStarters checks the paper of the starter profile init writes for
// every nation.
func TestStarters(t *testing.T) {
	dir := t.TempDir()
	type starter struct{ nation, kind, sector string }
	starters := []starter{
		{"england", "local-authority", "construction"}, {"wales", "nhs", "cleaning"},
		{"scotland", "university", "catering"}, {"northern-ireland", "local-authority", ""},
	}
	for _, s := range starters {
		name := s.nation + "-" + s.kind
		path := filepath.Join(dir, name+".toml")
		args := []string{"init", "--jurisdiction", s.nation, "--kind", s.kind}
		if s.sector != "" {
			args = append(args, "--sector", s.sector)
		}
		var stdout, stderr bytes.Buffer
		if code := cli.Main(append(args, path), nil, &stdout, &stderr); code != 0 {
			t.Fatalf("init %v: exit %d\n%s", args, code, stderr.String())
		}
		src, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			p := packOf(t, path, src)
			if n := len(p.Asks()); n < 15 || n > 30 {
				t.Errorf("the starter's paper has %d asks; want about 15 to 25", n)
			}
			if len(p.Sections) != len(model.Stages) {
				t.Errorf("the starter's asks cover %d stages; want all %d", len(p.Sections), len(model.Stages))
			}
			parts := checkAsks(t, p)
			t.Logf("pages: paper %d, asks in full %d, sources %d (%d asks)", parts[0], parts[1], parts[2], len(p.Asks()))
		})
	}
}

// TestRandomProfiles checks the asks PDF of 50 profiles made up at random
// (6 with -short): any nation, kind, regime, sector and choice of themes,
// names in Welsh and text that tries to break the page.
func TestRandomProfiles(t *testing.T) {
	n := 50
	if testing.Short() {
		n = 6
	}
	lib, _ := builtin()
	for seed := range n {
		t.Run(fmt.Sprint(seed), func(t *testing.T) {
			t.Parallel()
			src := randomProfile(lib, seed)
			checkAsks(t, packOf(t, fmt.Sprintf("random-%d.toml", seed), []byte(src)))
		})
	}
}

var (
	employers = []string{
		"Cyngor Sir Ynys Môn", "Bwrdd Iechyd Prifysgol Hywel Dda", "Midshire County Council",
		"Comhairle nan Eilean Siar", "Belfast City Council", "O'Brien & Sons <b>Trust</b>",
		"Prifysgol Aberystwyth — Gwasanaethau Ystadau", "=HYPERLINK(\"http://x\")",
	}
	branches = []string{
		"UNISON Cymru/Wales branch", "GMB & Unite joint branch", "Cangen UNSAIN Ynys Môn",
		"EIS-FELA branch (Strathclyde)", "UNISON \"Northern Ireland\" region",
	}
	dates = []string{"2027-01-15", "2027-03-01", "2027-09-30"}
)

// randomProfile writes a valid profile chosen by seed.
func randomProfile(lib *library.Library, seed int) string {
	r := rand.New(rand.NewPCG(uint64(seed), 2027))
	pick := func(s []string) string { return s[r.IntN(len(s))] }
	nation := pick(library.Jurisdictions)
	var regimes []string
	for reg, ns := range library.RegimeNations {
		if slices.Contains(ns, nation) {
			regimes = append(regimes, reg)
		}
	}
	slices.Sort(regimes)
	themes := lib.ThemeIDs()
	r.Shuffle(len(themes), func(i, j int) { themes[i], themes[j] = themes[j], themes[i] })
	themes = themes[:1+r.IntN(min(4, len(themes)))]
	sector := pick(library.Sectors[1:])
	var b strings.Builder
	q := func(s string) string { return fmt.Sprintf("%q", s) }
	fmt.Fprintf(&b, "[document]\ntitle = %s\ndate = %s\n\n", q("Ein gofynion / our asks: "+pick(employers)), pick(dates))
	fmt.Fprintf(&b, "[employer]\nname = %s\nkind = %q\nnation = %q\n\n", q(pick(employers)), pick(library.Kinds), nation)
	fmt.Fprintf(&b, "[procurement]\ntitle = %s\nreference = \"R-%d\"\ncategory = %q\nsector = %q\nregime = %q\nstage = \"pre-procurement\"\n",
		q("Gwasanaethau glanhau / "+sector+" services 2027–2031"), seed, pick(library.Categories), sector, pick(regimes))
	if nation == "england" && r.IntN(2) == 0 {
		b.WriteString("london = true\n")
	}
	for i := range r.IntN(4) {
		fmt.Fprintf(&b, "\n[[procurement.key_date]]\nlabel = %s\ndate = 2027-0%d-1%d\n", q(fmt.Sprintf("Cam %d: stage %d", i+1, i+1)), i+2, i)
	}
	fmt.Fprintf(&b, "\n[prepared_by]\norganisation = %s\ncontact = %s\n\n", q(pick(branches)), q("Ysgrifennydd, 01632 960"+fmt.Sprint(100+seed)+", cangen@example.org"))
	fmt.Fprintf(&b, "[select]\nthemes = [%s]\n", quoted(themes))
	if r.IntN(3) > 0 {
		fmt.Fprintf(&b, "\n[placeholders]\nsocial_value_weighting = \"%d%%\"\n", 10+5*r.IntN(5))
	}
	return b.String()
}

func quoted(s []string) string {
	q := make([]string, len(s))
	for i, v := range s {
		q[i] = fmt.Sprintf("%q", v)
	}
	return strings.Join(q, ", ")
}
