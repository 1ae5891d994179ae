package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/goldenthread/goldenthread/internal/gtest"
	"github.com/goldenthread/goldenthread/internal/monitor"
	"github.com/goldenthread/goldenthread/internal/monitor/monitortest"
)

// filledMonitoring runs monitor on the Strathmore example, fills every
// input cell as a branch might, and saves it; edit, if set, changes the
// workbook before it is saved.
func filledMonitoring(t testing.TB, dir string, edit func(*excelize.File)) (string, *monitor.Meta) {
	t.Helper()
	path := filepath.Join(dir, "strathmore-monitoring.xlsx")
	out := runCmd(t, "monitor", "../../examples/strathmore-catering.toml", "-o", path)
	if !strings.HasPrefix(out, "wrote "+path) {
		t.Fatalf("monitor said %q", out)
	}
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows("_goldenthread-monitoring")
	if err != nil {
		t.Fatal(err)
	}
	m, err := monitor.Decode(rows)
	if err != nil {
		t.Fatal(err)
	}
	monitortest.Fill(t, f, m, 11)
	if edit != nil {
		edit(f)
	}
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	return path, m
}

// TestEvidenceEveryFormat writes the evidence report of a filled workbook
// in each format and reads it back: every unresolved workers' report is
// listed, by its evidence reference, and no other.
func TestEvidenceEveryFormat(t *testing.T) {
	dir := t.TempDir()
	path, _ := filledMonitoring(t, dir, nil)
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	res, err := monitor.Read(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	for _, ext := range []string{".pdf", ".docx", ".html", ".md"} {
		t.Run(ext, func(t *testing.T) {
			out := filepath.Join(dir, "evidence"+ext)
			runCmd(t, "evidence", path, "-o", out)
			data, err := os.ReadFile(out)
			if err != nil {
				t.Fatal(err)
			}
			var text string
			if ext == ".pdf" {
				text = strings.Join(strings.Fields(gtest.PDFText(t, data)), " ")
			} else {
				text = readBack(t, ext, data)
			}
			for _, want := range []string{"Re-tender evidence report", "What was asked and what was won", "What to ask for at re-tender", "Campus Fresh Catering Ltd"} {
				if !strings.Contains(text, want) {
					t.Errorf("the report lacks %q", want)
				}
			}
			for _, rep := range res.Reports {
				listed := regexp.MustCompile(`\b` + regexp.QuoteMeta(rep.Evidence) + `\b`).MatchString(text)
				if unresolved := rep.Status == res.Meta.Statuses[3]; listed != unresolved {
					t.Errorf("report %s (%s): listed %v", rep.Evidence, rep.Status, listed)
				}
			}
		})
	}
}

// TestEvidenceRefusesTampering checks a changed formula is refused with the
// cell named and exit status 1, and nothing written; and that an entry
// the report cannot use still gives a report, marked incomplete, with
// exit status 1 and the cell named.
func TestEvidenceRefusesTampering(t *testing.T) {
	dir := t.TempDir()
	path, _ := filledMonitoring(t, dir, func(f *excelize.File) {
		if err := f.SetCellFormula(monitor.Summary, monitor.Cell(2, monitor.SumPeriodRow(0)), "=1+1"); err != nil {
			t.Fatal(err)
		}
	})
	out := filepath.Join(dir, "evidence.pdf")
	var stdout, stderr bytes.Buffer
	if code := Main([]string{"evidence", path, "-o", out}, nil, &stdout, &stderr); code != 1 {
		t.Fatalf("evidence on a tampered workbook: exit %d; want 1\n%s", code, stderr.String())
	}
	if !strings.Contains(stderr.String(), "Summary!") {
		t.Errorf("the refusal does not name the Summary cell:\n%s", stderr.String())
	}
	if _, err := os.Stat(out); err == nil {
		t.Error("a report was written for a tampered workbook")
	}

	path, _ = filledMonitoring(t, t.TempDir(), func(f *excelize.File) {
		if err := f.SetCellFormula(monitor.Reports, monitor.Cell(4, monitor.ReportRow(0)), `=HYPERLINK("http://evil.example","x")`); err != nil {
			t.Fatal(err)
		}
	})
	out = filepath.Join(filepath.Dir(path), "evidence.md")
	stdout.Reset()
	stderr.Reset()
	if code := Main([]string{"evidence", path, "-o", out}, nil, &stdout, &stderr); code != 1 {
		t.Fatalf("evidence with a formula typed into a report: exit %d; want 1\n%s", code, stderr.String())
	}
	cell := monitor.Quote(monitor.Reports) + "!" + monitor.Cell(4, monitor.ReportRow(0))
	if !strings.Contains(stderr.String(), cell) {
		t.Errorf("the problem does not name %s:\n%s", cell, stderr.String())
	}
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatalf("no report written for a workbook with a problem: %v", err)
	}
	if text := readBack(t, ".md", data); !strings.Contains(text, "Incomplete") || !strings.Contains(text, cell) {
		t.Error("the report is not marked incomplete with the problem's cell")
	}
}
