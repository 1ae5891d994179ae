package cli

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/goldenthread/goldenthread/internal/diag"
	"github.com/goldenthread/goldenthread/internal/gtest"
	"github.com/goldenthread/goldenthread/internal/library"
	"github.com/goldenthread/goldenthread/templates"
)

// TestBaseline renders the four examples against a frozen copy of the
// library and examples as they stood before the Pack became the one
// contract (testdata/baseline, December 2026) and compares the outputs with
// what that version wrote: the grids byte for byte (by SHA-256), the asks
// PDFs by the words pdftotext reads from them, page furniture aside. It holds
// the refactoring to "outputs unchanged" until another change asks for
// different output, when the want files are rewritten with -update. One
// line of the frozen library is changed, as another issue asked: the
// "sppp-wales-2023" regime is gone, so monitoring.toml no longer names it.
// The grids' SHA-256 were rewritten once, when the Questions sheet's second
// column became the ask's title instead of its clause id (issue 8), and the
// frozen library loads with errors of library.PrintedPart only (it was
// written before that rule). It has one file more than it had: works.toml,
// the titles of the works its sources cite at one url with different titles,
// which lint requires since; it changes no output.
func TestBaseline(t *testing.T) {
	dir := filepath.Join("testdata", "baseline")
	now := time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC)
	layer := library.Layer{Name: library.LayerLibrary, FS: os.DirFS(filepath.Join(dir, "clauses")), Dir: "clauses"}
	lib, list := library.Load(library.Layer{FS: templates.FS, Dir: "templates"}, []library.Layer{layer}, now)
	if lib == nil {
		t.Fatalf("the frozen library does not load:\n%v", list.Err())
	}
	for _, p := range list {
		if p.Severity == diag.Error && p.Part != library.PrintedPart {
			t.Fatalf("the frozen library: %v", p)
		}
	}
	tmpl, err := loadTemplates()
	if err != nil {
		t.Fatal(err)
	}
	examples, err := filepath.Glob(filepath.Join(dir, "examples", "*.toml"))
	if err != nil || len(examples) != 4 {
		t.Fatalf("want the 4 frozen examples, found %v (%v)", examples, err)
	}
	e := &env{now: now}
	for _, path := range examples {
		name := profileName(path)
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			pack, _, err := e.build(lib, tmpl, path, outputs())
			if err != nil {
				t.Fatal(err)
			}
			var grid, asks bytes.Buffer
			if err := gridXLSX.render(&grid, pack); err != nil {
				t.Fatal(err)
			}
			if err := asksPDF.render(&asks, pack); err != nil {
				t.Fatal(err)
			}
			sum := fmt.Sprintf("%x\n", sha256.Sum256(grid.Bytes()))
			gtest.Golden(t, filepath.Join(dir, "want", name+"-grid.xlsx.sha256"), []byte(sum))
			got := pageless(gtest.PDFText(t, asks.Bytes()))
			want, err := os.ReadFile(filepath.Join(dir, "want", name+"-asks.txt"))
			if *gtest.Update {
				err = os.WriteFile(filepath.Join(dir, "want", name+"-asks.txt"), []byte(gtest.PDFText(t, asks.Bytes())), 0o644)
			}
			if err != nil {
				t.Fatal(err)
			}
			if missing, extra := wordDiff(pageless(string(want)), got); len(missing)+len(extra) > 0 {
				t.Errorf("the asks PDF's words differ from the baseline's:\nmissing: %q\nextra: %q", missing, extra)
			}
		})
	}
}

// kpiHeader is the header row of the KPI tables, which maroto repeats on
// each page a table continues onto (the baseline printed it once).
var kpiHeader = []string{"Measure", "Unit", "Target", "Frequency"}

// wordDiff returns the words of want that got lacks, and the words got
// has beyond want's other than repeats of kpiHeader, both as multisets.
func wordDiff(want, got string) (missing, extra []string) {
	n := map[string]int{}
	for _, w := range strings.Split(want, "\n") {
		n[w]++
	}
	for _, w := range strings.Split(got, "\n") {
		n[w]--
	}
	for _, w := range slices.Sorted(maps.Keys(n)) {
		switch c := n[w]; {
		case c > 0:
			missing = append(missing, w)
		case c < 0 && !slices.Contains(kpiHeader, w):
			extra = append(extra, w)
		}
	}
	return missing, extra
}

var pageFooter = regexp.MustCompile(`Page \d+ of \d+`)

// pageless returns the words of extracted PDF text one a line, in sorted
// order, without the running headers and footers (lines found on nine
// pages in ten). The PDF is laid out with maroto's rows since the Pack issue, so
// a paragraph may break across pages at a different line and pdftotext
// reads a few table cells in a different order; the test holds that every
// word printed before is printed now, and nothing else.
func pageless(s string) string {
	pages := strings.Split(pageFooter.ReplaceAllString(s, " "), "\f")
	onPages := map[string]int{}
	for _, pg := range pages {
		seen := map[string]bool{}
		for _, l := range strings.Split(pg, "\n") {
			if l = strings.TrimSpace(l); l != "" && !seen[l] {
				seen[l] = true
				onPages[l]++
			}
		}
	}
	var words []string
	for _, pg := range pages {
		for _, l := range strings.Split(pg, "\n") {
			if l = strings.TrimSpace(l); len(pages) < 4 || onPages[l] < len(pages)*9/10 {
				words = append(words, strings.Fields(l)...)
			}
		}
	}
	slices.Sort(words)
	return strings.Join(words, "\n")
}
