package cli_test

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/goldenthread/goldenthread/internal/grid"
	"github.com/goldenthread/goldenthread/internal/grid/gridtest"
	"github.com/goldenthread/goldenthread/internal/gtest"
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

// midshireGrid makes the Midshire example's grid with the grid command
// and saves it at path with what fill enters (nil for a blank grid).
func midshireGrid(t *testing.T, path string, fill func(w *gridtest.Workbook) error) {
	t.Helper()
	if code, _, stderr := run(t, "grid", "../../examples/midshire-highways.toml", "-o", path); code != 0 {
		t.Fatalf("grid = %d\n%s", code, stderr)
	}
	if fill == nil {
		return
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
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
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
}

// partlyFilled is a panel part of the way through: the first evaluator has
// declared and scored everything; the second has declared an interest the
// procurement lead has not decided on and scored half, two of them wrongly;
// the third has written a declaration without signing or dating it and
// scored three; the other two have done nothing, and moderation has not
// started.
func partlyFilled(w *gridtest.Workbook) error {
	m := w.Meta
	mod := m.Moderated()
	errs := []error{
		w.DeclareAs(0, grid.NoConflict, ""),
		w.DeclareAs(1, "My partner works for Bidder C", ""),
		w.Set(grid.Guide, grid.DeclText, m.DeclRowOf(2), grid.NoConflict),
	}
	good := func(q int) any {
		if m.Questions[q].Kind == grid.PassFail {
			return grid.Pass
		}
		pts := m.Questions[q].Points
		return pts[len(pts)/2]
	}
	for i, q := range mod {
		for b := range m.Bidders {
			errs = append(errs, w.Score(0, q, b, good(q)))
			if i < len(mod)/2 {
				errs = append(errs, w.Score(1, q, b, good(q)))
			}
		}
		if i < 3 {
			errs = append(errs, w.Score(2, q, 0, good(q)))
		}
	}
	for _, q := range mod {
		if m.Questions[q].Kind == grid.Scored {
			errs = append(errs, w.Score(1, q, 1, 99), w.Score(1, q, 2, "3"))
			break
		}
	}
	return errors.Join(errs...)
}

// TestScoreScreen checks what score prints for the Midshire example's grid,
// blank and partly filled: the progress summary first, then the bidders,
// then at most maxPerKind problems of each kind, and a short screen.
func TestScoreScreen(t *testing.T) {
	for _, tc := range []struct {
		name     string
		fill     func(w *gridtest.Workbook) error
		first    string // the first line of standard output
		maxLines int    // standard output and error together
		kinds    []string
	}{
		{"blank", nil, "Nobody has started: no score, consensus score, reason or declaration has been entered.", 20, []string{
			"Declarations not made, signed or dated (15): none entered yet (all are in the report)",
			"Missing scores (360): none entered yet (all are in the report)",
			"Missing consensus scores (72): none entered yet (all are in the report)",
		}},
		{"partly filled", partlyFilled, "Moderation: 0\u00a0of\u00a072 consensus scores and 0\u00a0of\u00a072 reasons recorded.", 45, []string{
			"Declarations not made, signed or dated (8)",
			"Declared interests with no decision recorded (1)",
			"Missing scores (249)",
			"Scores not on the scale (2)",
			"Missing consensus scores (72): none entered yet (all are in the report)",
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, "midshire.xlsx")
			midshireGrid(t, path, tc.fill)
			code, stdout, stderr := run(t, "score", path)
			t.Logf("score %s:\n%s%s", path, stdout, stderr)
			if code != 1 {
				t.Fatalf("score = %d; want 1\nstderr:\n%s", code, stderr)
			}
			if got := firstLine(stdout); got != tc.first {
				t.Errorf("score's first line is %q; want %q", got, tc.first)
			}
			if !regexp.MustCompile(`(?m)^EVALUATOR +SCORED +DECLARATION\n(.*\x{00a0}of\x{00a0}72 .*\n){5}\n(?s:.*)^BIDDER +SCORE +STATUS +RANK\n`).MatchString(stdout) {
				t.Errorf("score stdout:\n%s\nwant the progress of each of 5 evaluators, then the bidders", stdout)
			}
			lines := strings.Split(strings.TrimSuffix(stdout+stderr, "\n"), "\n")
			if len(lines) > tc.maxLines {
				t.Errorf("score printed %d lines; want at most %d", len(lines), tc.maxLines)
			}
			// Each kind's heading, then its problems, at most maxPerKind.
			var kinds []string
			listed := 0
			for _, l := range strings.Split(stderr, "\n") {
				switch {
				case strings.HasPrefix(l, path+": "):
					if listed++; listed > 5 {
						t.Errorf("more than 5 problems of kind %q on screen", kinds[len(kinds)-1])
					}
				case strings.HasPrefix(l, "… and "), l == "", strings.HasSuffix(l, "before the result stands"):
				default:
					kinds, listed = append(kinds, l), 0
				}
			}
			if !slices.Equal(kinds, tc.kinds) {
				t.Errorf("kinds on screen:\n%s\nwant:\n%s", strings.Join(kinds, "\n"), strings.Join(tc.kinds, "\n"))
			}
			report, err := os.ReadFile(filepath.Join(dir, "midshire-report.md"))
			if err != nil {
				t.Fatal(err)
			}
			_, rest, _ := strings.Cut(string(report), "\n## ")
			if !strings.HasPrefix(rest, "Progress\n") {
				t.Errorf("the report's first section is %q; want Progress", firstLine(rest))
			}
			n, _ := strconv.Atoi(regexp.MustCompile(`(\d+) problems? to put right`).FindStringSubmatch(stderr)[1])
			if got := len(regexp.MustCompile(`(?m)^- `).FindAllString(problemsSection(string(report)), -1)); got != n {
				t.Errorf("the report lists %d problems; want all %d", got, n)
			}
		})
	}
}

// problemsSection returns the report's Problems section and its parts.
func problemsSection(md string) string {
	_, s, _ := strings.Cut(md, "\n## Problems")
	s, _, _ = strings.Cut(s, "\n## ")
	return s
}

// TestScorePDFProgress reads the PDF report's progress table back with
// pdftotext: each evaluator's count stays on one line however narrow the
// column.
func TestScorePDFProgress(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "midshire.xlsx")
	midshireGrid(t, path, partlyFilled)
	out := filepath.Join(dir, "report.pdf")
	if code, _, stderr := run(t, "score", path, "-o", out); code != 1 {
		t.Fatalf("score -o %s = %d; want 1\n%s", out, code, stderr)
	}
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	text := gtest.Poppler(t, b, "pdftotext", "-layout", "-enc", "UTF-8")
	for _, want := range []string{
		`Procurement lead \(Sarah +72[ \x{00a0}]of[ \x{00a0}]72 +no conflict; signed and dated`,
		`Highways service manager +34[ \x{00a0}]of[ \x{00a0}]72 +interest declared, awaiting a decision; signed and dated`,
		`Finance business partner +0[ \x{00a0}]of[ \x{00a0}]72 +not made`,
	} {
		if !regexp.MustCompile(want).MatchString(text) {
			t.Errorf("the PDF report's text has no line matching %s:\n%s", want, text)
		}
	}
}

// TestScoreSummaries checks that score drafts an assessment summary per
// bidder beside the grid once moderation is complete, says so once per
// file, and drafts nothing while the grid has problems or with
// --no-summaries.
func TestScoreSummaries(t *testing.T) {
	complete := func(w *gridtest.Workbook) error {
		cons := [3][3]any{{3, 7, "Pass"}, {4, 5, "Pass"}, {1, 10, "Pass"}}
		return w.Fill(func(e, q, b int) any { return cons[b][q] }, func(q, b int) any { return cons[b][q] })
	}
	want := []string{"grid-summary-1-acme-care-ltd.md", "grid-summary-2-hyperlink-http-evil-example-cl.md", "grid-summary-3-wyn-daughters.md"}
	for _, tc := range []struct {
		name  string
		fill  func(w *gridtest.Workbook) error
		flags []string
		code  int
		want  []string
	}{
		{"complete", complete, nil, 0, want},
		{"no summaries", complete, []string{"--no-summaries"}, 0, nil},
		{"a reason missing", func(w *gridtest.Workbook) error {
			return errors.Join(complete(w), w.Consensus(0, 0, 3, ""))
		}, nil, 1, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, "grid.xlsx")
			writeGrid(t, gridtest.Small(), path, tc.fill)
			code, stdout, stderr := run(t, append([]string{"score", path}, tc.flags...)...)
			if code != tc.code {
				t.Fatalf("score = %d; want %d\nstderr:\n%s", code, tc.code, stderr)
			}
			var wrote []string
			for _, l := range strings.Split(stdout, "\n") {
				if f, ok := strings.CutPrefix(l, "wrote "); ok {
					wrote = append(wrote, f)
				}
			}
			wantWrote := []string{filepath.Join(dir, "grid-report.md")}
			for _, f := range tc.want {
				wantWrote = append(wantWrote, filepath.Join(dir, f))
			}
			if !slices.Equal(wrote, wantWrote) {
				t.Errorf("score wrote:\n%s\nwant:\n%s", strings.Join(wrote, "\n"), strings.Join(wantWrote, "\n"))
			}
			// The temporary folder's name holds the test's name.
			if strings.Contains(strings.ToLower(strings.ReplaceAll(stdout+stderr, dir, "")), "summar") != (len(tc.want) > 0) {
				t.Errorf("score's output mentions summaries: %v; want %v\nstdout:\n%s\nstderr:\n%s", !(len(tc.want) > 0), len(tc.want) > 0, stdout, stderr)
			}
			found, err := filepath.Glob(filepath.Join(dir, "*-summary-*"))
			if err != nil {
				t.Fatal(err)
			}
			if len(found) != len(tc.want) {
				t.Errorf("files beside the grid: %q; want %q", found, tc.want)
			}
			for _, f := range tc.want {
				b, err := os.ReadFile(filepath.Join(dir, f))
				if err != nil {
					t.Fatal(err)
				}
				if !strings.HasPrefix(string(b), "# Draft assessment summary: ") || !strings.Contains(string(b), "Draft for the procurement lead") {
					t.Errorf("%s does not open as a draft assessment summary:\n%s", f, b)
				}
			}
		})
	}
}
