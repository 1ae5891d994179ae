package monitor_test

import (
	"bytes"
	"io"
	"testing"
	"time"

	"github.com/goldenthread/goldenthread/internal/monitor"
	"github.com/goldenthread/goldenthread/internal/render/xlsx"
)

// BenchmarkMonitoring writes Midshire's workbook for a 48-month term.
func BenchmarkMonitoring(b *testing.B) {
	p := pack(b, "midshire-highways", start, 48)
	b.ReportAllocs()
	for b.Loop() {
		if err := xlsx.Monitoring(io.Discard, p); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkRead reads a five-year workbook, starting 1 April, with every
// KPI reading, event and workers' report filled.
func BenchmarkRead(b *testing.B) {
	w := write(b, pack(b, "midshire-highways", time.Date(2027, time.April, 1, 0, 0, 0, 0, time.UTC), 60))
	f := open(b, w)
	fill(b, f, &read(b, w).Meta, 3)
	data := save(b, f)
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		r, err := monitor.Read(bytes.NewReader(data), int64(len(data)))
		if err != nil || len(r.Reports) != monitor.ReportRows {
			b.Fatal(err)
		}
	}
}
