package score

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/goldenthread/goldenthread/internal/grid"
	"github.com/goldenthread/goldenthread/internal/grid/gridtest"
	"github.com/goldenthread/goldenthread/internal/model"
)

// tool returns the path of an external program. It fails the test when the
// program is missing and GOLDENTHREAD_REQUIRE_TOOLS=1 (as in CI), and skips
// it otherwise.
func tool(t *testing.T, name string) string {
	t.Helper()
	required := os.Getenv("GOLDENTHREAD_REQUIRE_TOOLS") == "1"
	if testing.Short() && !required {
		t.Skip("runs LibreOffice, which is slow; not with -short")
	}
	path, err := exec.LookPath(name)
	if err == nil {
		return path
	}
	if required {
		t.Fatalf("%s not found, and GOLDENTHREAD_REQUIRE_TOOLS=1: install it (LibreOffice Calc, poppler-utils)", name)
	}
	t.Skipf("%s not found; set GOLDENTHREAD_REQUIRE_TOOLS=1 to make this a failure", name)
	return ""
}

// LibreOffice runs one conversion at a time per test process, in a profile
// of the process's own, so parallel test runs do not clash and only the
// first conversion pays for setting up a profile.
var (
	lo        sync.Mutex
	loProfile string
)

// convert has LibreOffice open in and save it as format (xlsx or pdf),
// recalculating every formula on the way, and returns the new file.
func convert(t *testing.T, soffice, in, format string) string {
	t.Helper()
	lo.Lock()
	defer lo.Unlock()
	if loProfile == "" {
		dir, err := os.MkdirTemp("", "goldenthread-lo-")
		if err != nil {
			t.Fatal(err)
		}
		loProfile = dir
	}
	out := t.TempDir()
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, soffice, "-env:UserInstallation=file://"+filepath.ToSlash(loProfile),
		"--headless", "--norestore", "--convert-to", format, "--outdir", out, in)
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("soffice --convert-to %s: %v\n%s", format, err, b)
	}
	name := strings.TrimSuffix(filepath.Base(in), filepath.Ext(in)) + "." + format
	path := filepath.Join(out, name)
	if _, err := os.Stat(path); err != nil {
		t.Fatalf("soffice wrote no %s: %v", name, err)
	}
	return path
}

// recalculated has LibreOffice open the workbook b, recalculate every
// formula and save it, and opens what it saved, cells read raw.
func recalculated(t *testing.T, soffice string, b []byte) *excelize.File {
	t.Helper()
	in := filepath.Join(t.TempDir(), "grid.xlsx")
	if err := os.WriteFile(in, b, 0o644); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenFile(convert(t, soffice, in, "xlsx"), excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

// TestLibreOffice has LibreOffice Calc recalculate filled grids and checks
// that the workbook's own formulas give the totals, pass/fail, ranks and
// moderation flags that Read works out in Go; then that Read accepts the
// file LibreOffice saved, with the same result and no problems added.
func TestLibreOffice(t *testing.T) {
	soffice := tool(t, "soffice")
	for _, tc := range []struct {
		name  string
		pack  func() *model.Pack
		fill  func(t testing.TB, w *gridtest.Workbook)
		split bool // filled as panel members' own workbooks, then merged
	}{
		{"large", gridtest.Large, fillLarge, false},
		{"9x12 split and merged", gridtest.Panel9x12, moderate, true},
		{"small incomplete", gridtest.Small, func(t testing.TB, w *gridtest.Workbook) {
			cons := [3][3]any{{3, 7, "Pass"}, {4, nil, "Pass"}, {1, 10, "Fail"}}
			if err := w.Fill(func(e, q, b int) any {
				if e == 1 && q == 0 {
					return 1.0 // spread of 2 on 0–4 for every bidder but Bidder B
				}
				return cons[b][q]
			}, func(q, b int) any { return cons[b][q] }); err != nil {
				t.Fatal(err)
			}
			// One interest decided, one not: both must read the same
			// once LibreOffice has saved the file.
			for _, err := range []error{
				w.DeclareAs(0, "Mae fy mrawd yn gyfarwyddwr Cwmni Tŷ Glân", "Scores stand: Cwmni Tŷ Glân has no part in any bid."),
				w.DeclareAs(2, "No conflict of interest, but my sister works for Acme Care Ltd", ""),
			} {
				if err != nil {
					t.Fatal(err)
				}
			}
		}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			b := generate(t, tc.pack())
			if tc.split {
				merged, err := splitAndMerge(t, tc.pack())
				if err != nil {
					t.Fatal(err)
				}
				b = merged.Data
			}
			w := openGrid(t, b)
			tc.fill(t, w)
			filled := save(t, w)
			want := read(t, filled)

			in := filepath.Join(t.TempDir(), "grid.xlsx")
			if err := os.WriteFile(in, filled, 0o644); err != nil {
				t.Fatal(err)
			}
			out := convert(t, soffice, in, "xlsx")
			f, err := excelize.OpenFile(out, excelize.Options{RawCellValue: true})
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			value := func(sheet string, col, row int) string {
				v, err := f.GetCellValue(sheet, grid.Cell(col, row))
				if err != nil {
					t.Fatal(err)
				}
				return v
			}
			for b, bd := range want.Bidders {
				r := grid.SumRow(b)
				score, status, rank := value(grid.Summary, grid.SumScore, r), value(grid.Summary, grid.SumStatus, r), value(grid.Summary, grid.SumRank, r)
				wantScore, wantRank := strconv.FormatFloat(bd.Score, 'f', -1, 64), ""
				if bd.Status == Incomplete {
					wantScore = "incomplete"
				}
				switch {
				case !want.RanksFinal:
					wantRank = "incomplete"
				case bd.Rank > 0:
					wantRank = strconv.Itoa(bd.Rank)
				}
				if !agrees(score, wantScore) || !strings.EqualFold(status, string(bd.Status)) || rank != wantRank {
					t.Errorf("Summary row %d (%s): LibreOffice shows %s, %s, rank %q; Go gives %s, %s, rank %q",
						r, bd.Name, score, status, rank, wantScore, bd.Status, wantRank)
				}
			}
			c := w.Meta.ModCols()
			for _, it := range want.Items {
				flag := value(grid.Moderation, c.Flag, it.Row) == grid.Discuss
				if flag != it.Flagged {
					t.Errorf("Moderation row %d: LibreOffice flag %v; Go %v (spread %v)", it.Row, flag, it.Flagged, it.Spread)
				}
			}

			// The declaration cells keep a drop-down that takes any text.
			// LibreOffice writes the list's quotes as &quot;, which
			// excelize hands back as they are.
			dvs, err := f.GetDataValidations(grid.Guide)
			list := func(dv *excelize.DataValidation) string { return strings.ReplaceAll(dv.Formula1, "&quot;", `"`) }
			if err != nil || len(dvs) != 1 || dvs[0].Type != "list" || list(dvs[0]) != `"`+grid.NoConflict+`"` || dvs[0].ShowErrorMessage {
				var got []string
				for _, dv := range dvs {
					got = append(got, fmt.Sprintf("%s %s %s error alert %v", dv.Sqref, dv.Type, dv.Formula1, dv.ShowErrorMessage))
				}
				t.Errorf("after LibreOffice saved it, the Guide's validations are %q, %v; want one list of %q with no error alert", got, err, grid.NoConflict)
			}

			saved, err := os.ReadFile(out)
			if err != nil {
				t.Fatal(err)
			}
			again := read(t, saved)
			if !slices.EqualFunc(again.Bidders, want.Bidders, func(a, b Bidder) bool {
				return a.Score == b.Score && a.Status == b.Status && a.Rank == b.Rank && slices.Equal(a.Failed, b.Failed)
			}) {
				t.Errorf("after LibreOffice saved it, Read gives %+v; before, %+v", again.Bidders, want.Bidders)
			}
			if g, w := problemText(again), problemText(want); !slices.Equal(g, w) {
				t.Errorf("after LibreOffice saved it, problems are\n%s\nbefore\n%s", strings.Join(g, "\n"), strings.Join(w, "\n"))
			}
			if !slices.Equal(again.Interests, want.Interests) {
				t.Errorf("after LibreOffice saved it, declared interests are %+v; before, %+v", again.Interests, want.Interests)
			}
		})
	}
}

func problemText(r *Result) []string {
	var out []string
	for _, p := range r.Problems() {
		out = append(out, p.String())
	}
	return out
}

// TestLibreOfficeShowsText has LibreOffice print the grid and checks that a
// bidder named like a formula is printed as that text, not as a link.
func TestLibreOfficeShowsText(t *testing.T) {
	soffice, pdftotext := tool(t, "soffice"), tool(t, "pdftotext")
	in := filepath.Join(t.TempDir(), "hostile.xlsx")
	if err := os.WriteFile(in, generate(t, gridtest.Hostile()), 0o644); err != nil {
		t.Fatal(err)
	}
	pdf := convert(t, soffice, in, "pdf")
	out, err := exec.Command(pdftotext, "-layout", pdf, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	text := string(out)
	for _, want := range []string{gridtest.HyperlinkBidder, "+44 Ltd", "-1 Minus", "@SUM(A1)", "=SUM(1,2)", "Siân Ŵyn", "O'Brien"} {
		if !strings.Contains(text, want) {
			t.Errorf("LibreOffice's PDF does not show %q as text", want)
		}
	}
	if strings.Contains(text, "Click") && !strings.Contains(text, `"Click")`) {
		t.Errorf("LibreOffice's PDF shows the HYPERLINK as a link")
	}
}
