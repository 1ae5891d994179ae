package cli_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/goldenthread/goldenthread/internal/grid/gridtest"
	"github.com/goldenthread/goldenthread/internal/model"
	"github.com/goldenthread/goldenthread/internal/render/xlsx"
)

// writeGrid makes a grid for p, lets fill enter what a panel would (fill
// may be nil for a blank grid), and saves it at path.
func writeGrid(t *testing.T, p *model.Pack, path string, fill func(w *gridtest.Workbook) error) {
	t.Helper()
	var buf bytes.Buffer
	if err := xlsx.Grid(&buf, p); err != nil {
		t.Fatal(err)
	}
	b := buf.Bytes()
	if fill != nil {
		w, err := gridtest.Open(b)
		if err != nil {
			t.Fatal(err)
		}
		if err := fill(w); err != nil {
			t.Fatal(err)
		}
		if b, err = w.Bytes(); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestScoreReportBesideGrid checks that without -o the report goes beside
// the grid, not into the folder score is run from.
func TestScoreReportBesideGrid(t *testing.T) {
	dir := t.TempDir()
	writeGrid(t, gridtest.Small(), filepath.Join(dir, "panel", "grid.xlsx"), nil)
	for _, tc := range []struct {
		name, cwd, grid, want string
	}{
		{"another folder", "elsewhere", filepath.Join(dir, "panel", "grid.xlsx"), filepath.Join(dir, "panel", "grid-report.md")},
		{"relative", ".", filepath.Join("panel", "grid.xlsx"), filepath.Join("panel", "grid-report.md")},
		{"here", "panel", "grid.xlsx", "grid-report.md"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cwd := filepath.Join(dir, tc.cwd)
			if err := os.MkdirAll(cwd, 0o755); err != nil {
				t.Fatal(err)
			}
			t.Chdir(cwd)
			os.Remove(tc.want)
			code, stdout, stderr := run(t, "score", tc.grid)
			if code != 1 {
				t.Fatalf("score %s = %d; want 1 (a blank grid)\nstderr:\n%s", tc.grid, code, stderr)
			}
			if !strings.Contains(stdout, "wrote "+tc.want+"\n") {
				t.Errorf("score %s stdout:\n%s\nwant it to say wrote %s", tc.grid, stdout, tc.want)
			}
			if _, err := os.Stat(tc.want); err != nil {
				t.Errorf("score %s: no report beside the grid: %v", tc.grid, err)
			}
			if tc.cwd == "elsewhere" {
				if names, _ := filepath.Glob("*"); len(names) > 0 {
					t.Errorf("score %s wrote %q into the folder it was run from", tc.grid, names)
				}
			}
		})
	}
}

// TestScoreNeverReplacesGrid checks that a report named like the grid
// itself is refused and the grid left as it was.
func TestScoreNeverReplacesGrid(t *testing.T) {
	dir := t.TempDir()
	// A workbook can be named anything; one named .md could be the report.
	grid := filepath.Join(dir, "grid.md")
	writeGrid(t, gridtest.Small(), grid, nil)
	before, err := os.ReadFile(grid)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.Link(grid, filepath.Join(dir, "link.md")); err != nil {
		t.Fatal(err)
	}
	for _, out := range []string{grid, filepath.Join(dir, "sub", "..", "grid.md"), filepath.Join(dir, "link.md")} {
		code, stdout, stderr := run(t, "score", grid, "-o", out)
		if code != 2 || !strings.Contains(stderr, "would replace the grid") || stdout != "" {
			t.Errorf("score %s -o %s = %d\nstdout:\n%s\nstderr:\n%s\nwant 2 and a message that the report would replace the grid", grid, out, code, stdout, stderr)
		}
	}
	if after, err := os.ReadFile(grid); err != nil || !bytes.Equal(before, after) {
		t.Errorf("the grid was changed (%v)", err)
	}
}
