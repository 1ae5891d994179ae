package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/goldenthread/goldenthread/internal/gtest"
)

// TestStaleFigureInEveryOutput checks that a library figure past its
// review date, which the profile does not set, is marked wherever it is
// printed, in the asks paper and the specification (and listed under
// "Complete before use" in both) and in the grid's question text, and that both commands warn about it. The
// Midshire example is dated 15 January 2027, after the real Living Wage's
// review date, 31 October 2026.
func TestStaleFigureInEveryOutput(t *testing.T) {
	const mark = "£13.45 [check: figure due for review on 31 October 2026]"
	const warning = "warning: this profile uses {living_wage}, the library's figure £13.45"
	dir := t.TempDir()
	run := func(args ...string) {
		t.Helper()
		var stdout, stderr bytes.Buffer
		if code := Main(args, nil, &stdout, &stderr); code != 0 {
			t.Fatalf("%v: exit %d\n%s", args, code, stderr.String())
		}
		if !strings.Contains(stderr.String(), warning) {
			t.Errorf("%s does not warn about the stale figure:\n%s", args[0], stderr.String())
		}
	}

	asks := filepath.Join(dir, "asks.pdf")
	run("asks", "../../examples/midshire-highways.toml", "-o", asks)
	b, err := os.ReadFile(asks)
	if err != nil {
		t.Fatal(err)
	}
	text := strings.Join(strings.Fields(gtest.PDFText(t, b)), " ")
	if !strings.Contains(text, mark) {
		t.Errorf("the asks paper does not mark the stale figure as %q", mark)
	}
	if n, m := strings.Count(text, "£13.45"), strings.Count(text, mark); n != m {
		t.Errorf("the asks paper prints £13.45 %d times, %d of them marked", n, m)
	}
	if !strings.Contains(text, "Complete before use: "+mark) {
		t.Errorf("the asks paper does not list %q under Complete before use", mark)
	}

	for _, ext := range []string{".html", ".md"} {
		spec := filepath.Join(dir, "specification"+ext)
		run("spec", "../../examples/midshire-highways.toml", "-o", spec)
		b, err := os.ReadFile(spec)
		if err != nil {
			t.Fatal(err)
		}
		text := readBack(t, ext, b)
		if n, m := strings.Count(text, "£13.45"), strings.Count(text, mark); n == 0 || n != m {
			t.Errorf("the %s specification prints £13.45 %d times, %d of them marked", ext, n, m)
		}
		// The section's title is in the contents, then heads the section
		// after Complete before use.
		parts := strings.SplitN(text, "Pre-procurement commitments", 3)
		if len(parts) < 3 || !strings.Contains(parts[1], mark) {
			t.Errorf("the %s specification does not list %q under Complete before use", ext, mark)
		}
	}

	grid := filepath.Join(dir, "grid.xlsx")
	run("grid", "../../examples/midshire-highways.toml", "-o", grid)
	f, err := excelize.OpenFile(grid)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	marked := 0
	for _, sh := range f.GetSheetList() {
		rows, err := f.GetRows(sh)
		if err != nil {
			t.Fatal(err)
		}
		for _, row := range rows {
			for _, c := range row {
				if strings.Contains(c, "£13.45") && !strings.Contains(c, mark) {
					t.Errorf("sheet %s prints £13.45 unmarked: %q", sh, c)
				}
				if strings.Contains(c, mark) {
					marked++
				}
			}
		}
	}
	if marked == 0 {
		t.Error("the grid's question text does not mark the stale figure")
	}
}
