package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/goldenthread/goldenthread/internal/grid"
)

// TestGridRound writes the award round of the Midshire example with the
// two bidders shortlisted at selection, as grid --stage award does: only
// award questions, weighted among themselves to 100, only the shortlisted
// bidders, under the default name for the round; and the selection round
// with every bidder.
func TestGridRound(t *testing.T) {
	src, err := os.ReadFile(filepath.Join("..", "..", "examples", "midshire-highways.toml"))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	t.Chdir(dir) // grid writes PROFILE-NAME-ROUND-grid.xlsx in the current folder
	profile := filepath.Join(dir, "midshire.toml")
	s := strings.Replace(string(src), "\nbidders = ", "\naward_bidders = [\"Bidder A\", \"Bidder C\"]\nbidders = ", 1)
	if err := os.WriteFile(profile, []byte(s), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		stage, prefix string
		bidders       []string
	}{
		{"award", "AW-", []string{"Bidder A", "Bidder C"}},
		{"selection", "SQ-", []string{"Bidder A", "Bidder B", "Bidder C", "Bidder D"}},
	} {
		t.Run(tc.stage, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			if code := Main([]string{"grid", profile, "--stage", tc.stage}, nil, &stdout, &stderr); code != 0 {
				t.Fatalf("exit %d: %s", code, stderr.String())
			}
			path := filepath.Join(dir, "midshire-"+tc.stage+"-grid.xlsx")
			f, err := excelize.OpenFile(path)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			rows, err := f.GetRows(grid.Questions)
			if err != nil {
				t.Fatal(err)
			}
			weights := 0.0
			n := 0
			for _, row := range rows[grid.QFirstRow-1:] {
				if len(row) == 0 || row[0] == "" {
					continue
				}
				n++
				if !strings.HasPrefix(row[0], tc.prefix) {
					t.Errorf("the %s round holds question %s", tc.stage, row[0])
				}
				if len(row) >= grid.QWeight && row[grid.QWeight-1] != "" {
					w, _ := strconv.ParseFloat(row[grid.QWeight-1], 64)
					weights += w
				}
			}
			if n == 0 || (tc.stage == "award" && (weights < 99.99 || weights > 100.01)) {
				t.Errorf("%d questions, weights adding up to %g; want some, and 100 at award", n, weights)
			}
			var bidders []string
			for b := range 12 {
				v, _ := f.GetCellValue(grid.Summary, grid.Cell(grid.SumBidder, grid.SumRow(b)))
				if v == "" {
					break
				}
				bidders = append(bidders, v)
			}
			if !slices.Equal(bidders, tc.bidders) {
				t.Errorf("bidders %q; want %q", bidders, tc.bidders)
			}
			if title, _ := f.GetCellValue(grid.Guide, "A1"); !strings.Contains(title, "(") {
				t.Errorf("the Guide's title %q does not name the round", title)
			}
		})
	}
}
