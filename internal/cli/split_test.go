package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/goldenthread/goldenthread/internal/grid"
	"github.com/goldenthread/goldenthread/internal/grid/gridtest"
)

// TestGridSplit writes the Midshire grid split, as grid --split does: a
// moderation workbook and one workbook per panel member holding only their
// own sheet; two panel members score and return theirs, and score merges
// them into a new workbook beside the moderation workbook, which it leaves
// as it was, naming those who have not returned.
func TestGridSplit(t *testing.T) {
	dir := t.TempDir()
	run := func(args ...string) (string, string, int) {
		var stdout, stderr bytes.Buffer
		code := Main(args, nil, &stdout, &stderr)
		return stdout.String(), stderr.String(), code
	}
	if _, stderr, code := run("grid", "../../examples/midshire-highways.toml", "--split", "-o", dir); code != 0 {
		t.Fatalf("grid --split: exit %d\n%s", code, stderr)
	}
	mod := filepath.Join(dir, "midshire-highways-moderation.xlsx")
	names := []string{"procurement-lead-sarah-okafor", "highways-service-manager", "equality-rep-dave-o-brien", "social-value-officer", "finance-business-partner"}
	var returns []string
	for e, n := range names {
		path := filepath.Join(dir, "midshire-highways-"+n+".xlsx")
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		f, err := excelize.OpenReader(bytes.NewReader(b))
		if err != nil {
			t.Fatal(err)
		}
		sheets := f.GetSheetList()
		f.Close()
		w, err := gridtest.Open(b)
		if err != nil {
			t.Fatal(err)
		}
		want := []string{grid.Guide, grid.Questions, w.Meta.Panel[e].Sheet, grid.MetaSheet}
		if !slices.Equal(sheets, want) {
			t.Errorf("%s holds sheets %q; want %q", path, sheets, want)
		}
		if e == 1 || e == 3 {
			for qi, q := range w.Meta.Questions {
				for b := range w.Meta.Bidders {
					if q.Kind == grid.Scored {
						if err := w.Score(e, qi, b, q.Points[len(q.Points)-1]); err != nil {
							t.Fatal(err)
						}
					}
				}
			}
			filled, err := w.Bytes()
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(path, filled, 0o644); err != nil {
				t.Fatal(err)
			}
			returns = append(returns, path)
		}
	}
	before, err := os.ReadFile(mod)
	if err != nil {
		t.Fatal(err)
	}
	stdout, stderr, code := run(append([]string{"score", mod}, returns...)...)
	if code != 1 { // the grid is not finished: problems, not an error
		t.Fatalf("score: exit %d\n%s%s", code, stdout, stderr)
	}
	merged := filepath.Join(dir, "midshire-highways-moderation-merged.xlsx")
	if !strings.Contains(stdout, "merged 2 returned workbooks into "+merged) {
		t.Errorf("score does not say what it merged:\n%s", stdout)
	}
	if !strings.Contains(stderr, "not yet returned: Procurement lead (Sarah Okafor); Equality rep (Dave O'Brien); Finance business partner") {
		t.Errorf("score does not name who has not returned:\n%s", stderr)
	}
	if after, _ := os.ReadFile(mod); !bytes.Equal(before, after) {
		t.Error("merging changed the moderation workbook")
	}
	if _, err := os.Stat(strings.TrimSuffix(merged, ".xlsx") + "-report.md"); err != nil {
		t.Errorf("no report beside the merged workbook: %v", err)
	}
	if !strings.Contains(stdout, "Highways service manager         ") {
		t.Errorf("no progress line for a panel member who returned:\n%s", stdout)
	}
	// A return is not a grid on its own.
	if _, stderr, code := run("score", returns[0]); code != 1 || !strings.Contains(stderr, "own workbook, one part of a split grid") {
		t.Errorf("score of a return: exit %d\n%s", code, stderr)
	}
}

// TestPackSplit has pack write the split set for a profile that asks for
// it with [scoring] split = true.
func TestPackSplit(t *testing.T) {
	src, err := os.ReadFile("../../examples/eastbridge-repairs.toml")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	profile := filepath.Join(dir, "eastbridge.toml")
	if err := os.WriteFile(profile, bytes.Replace(src, []byte("[scoring]\n"), []byte("[scoring]\nsplit = true\n"), 1), 0o644); err != nil {
		t.Fatal(err)
	}
	var stdout, stderr bytes.Buffer
	if code := Main([]string{"pack", "--out", filepath.Join(dir, "out"), profile}, nil, &stdout, &stderr); code != 0 {
		t.Fatalf("pack: exit %d\n%s", code, stderr.String())
	}
	files, _ := filepath.Glob(filepath.Join(dir, "out", "eastbridge", "*"))
	var got []string
	for _, f := range files {
		got = append(got, filepath.Base(f))
	}
	want := []string{"eastbridge-asks.pdf", "eastbridge-grid-head-of-housing-property-services.xlsx", "eastbridge-grid-moderation.xlsx", "eastbridge-grid-resident-panel-member.xlsx", "eastbridge-grid-unison-equality-rep.xlsx", "eastbridge-specification.docx", "eastbridge-specification.html", "eastbridge-specification.md"}
	if !slices.Equal(got, want) {
		t.Errorf("pack wrote %q; want %q", got, want)
	}
}
