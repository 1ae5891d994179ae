package xlsx

import (
	"io"
	"testing"

	"github.com/goldenthread/goldenthread/internal/grid/gridtest"
	"github.com/goldenthread/goldenthread/internal/gtest"
)

// BenchmarkGrid writes the 40-question, 6-evaluator, 8-bidder grid.
func BenchmarkGrid(b *testing.B) {
	p := gridtest.Large()
	b.ReportAllocs()
	start := gtest.CPUTime()
	for b.Loop() {
		if err := Grid(io.Discard, p); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(gtest.CPUTime()-start)/float64(b.N), "cpu-ns/op")
}
