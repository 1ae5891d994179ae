package cli

import (
	"path/filepath"
	"testing"
)

// BenchmarkMonitor runs the monitor command on the Midshire example (a
// 48-month framework) as a user runs it, the library loaded afresh each
// time. It must take at most 150 ms.
func BenchmarkMonitor(b *testing.B) {
	benchCommand(b, "monitor", "../../examples/midshire-highways.toml", "-o", filepath.Join(b.TempDir(), "monitoring.xlsx"))
}

// BenchmarkEvidence runs the evidence command on Strathmore's five-year
// workbook with every KPI reading, 200 KPI events and 500 workers'
// reports filled in, writing the PDF report. It must take at most 500 ms.
func BenchmarkEvidence(b *testing.B) {
	path, _ := filledMonitoring(b, b.TempDir(), nil)
	for _, ext := range []string{".pdf", ".docx", ".html", ".md"} {
		b.Run(ext[1:], func(b *testing.B) {
			benchCommand(b, "evidence", path, "-o", filepath.Join(b.TempDir(), "evidence"+ext))
		})
	}
}
