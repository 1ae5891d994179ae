package monitor_test

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/goldenthread/goldenthread/internal/gtest"
	"github.com/goldenthread/goldenthread/internal/monitor"
)

// TestLibreOffice has LibreOffice Calc recalculate a filled workbook and
// checks that no cell holds an error value and that the Summary's counts
// are the counts the test made of what it filled.
func TestLibreOffice(t *testing.T) {
	if testing.Short() && os.Getenv("GOLDENTHREAD_REQUIRE_TOOLS") != "1" {
		t.Skip("runs LibreOffice, which is slow; not with -short")
	}
	soffice := gtest.Tool(t, "soffice")
	b := write(t, pack(t, "midshire-highways", start, 48))
	f := open(t, b)
	m := read(t, b).Meta
	want := fill(t, f, &m, 11)

	dir := t.TempDir()
	in := filepath.Join(dir, "monitoring.xlsx")
	if err := os.WriteFile(in, save(t, f), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "out")
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, soffice, "-env:UserInstallation=file://"+filepath.ToSlash(filepath.Join(dir, "profile")),
		"--headless", "--norestore", "--convert-to", "xlsx", "--outdir", out, in)
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, b)
	}
	lo, err := excelize.OpenFile(filepath.Join(out, "monitoring.xlsx"), excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	defer lo.Close()

	for _, sh := range []string{monitor.Briefing, monitor.KPISheet, monitor.Events, monitor.Reports, monitor.Summary} {
		rows, err := lo.GetRows(sh)
		if err != nil {
			t.Fatal(err)
		}
		for r, row := range rows {
			for c, v := range row {
				if strings.HasPrefix(v, "#") && strings.HasSuffix(v, "!") || strings.HasPrefix(v, "Err:") || v == "#N/A" {
					t.Errorf("%s!%s: LibreOffice shows %s", sh, monitor.Cell(c+1, r+1), v)
				}
			}
		}
	}
	value := func(col, row int) int {
		v, err := lo.GetCellValue(monitor.Summary, monitor.Cell(col, row))
		if err != nil {
			t.Fatal(err)
		}
		n, err := strconv.Atoi(v)
		if err != nil {
			t.Fatalf("Summary!%s: %q is not a count", monitor.Cell(col, row), v)
		}
		return n
	}
	labels := m.PeriodLabels()
	for k, l := range labels {
		total := 0
		for i, rating := range m.Ratings {
			got := value(2+i, monitor.SumPeriodRow(k))
			total += got
			if got != want.Ratings[l][rating] {
				t.Errorf("Summary period %q, %q: LibreOffice counts %d; the test filled %d", l, rating, got, want.Ratings[l][rating])
			}
		}
		if got := value(2+len(m.Ratings), monitor.SumPeriodRow(k)); got != total {
			t.Errorf("Summary period %q: total %d; want %d", l, got, total)
		}
	}
	for k, a := range m.Monitored() {
		for i, status := range m.Statuses {
			if got := value(2+i, m.SumAskRow(k)); got != want.Reports[a.Label()][status] {
				t.Errorf("Summary ask %q, %q: LibreOffice counts %d; the test filled %d", a.Label(), status, got, want.Reports[a.Label()][status])
			}
		}
	}
	if got := value(2+len(m.Statuses), m.SumAskTotalRow()); got != monitor.ReportRows {
		t.Errorf("Summary: %d reports in all; the test filled %d", got, monitor.ReportRows)
	}
}
