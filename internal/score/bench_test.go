package score

import (
	"bytes"
	"testing"

	"github.com/goldenthread/goldenthread/internal/render/xlsx/gridtest"
)

// BenchmarkRead reads the filled 40-question, 6-evaluator, 8-bidder grid.
func BenchmarkRead(b *testing.B) {
	w := openGrid(b, generate(b, gridtest.Large()))
	fillLarge(b, w)
	data := save(b, w)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	start := cpuTime()
	for b.Loop() {
		r, err := Read(bytes.NewReader(data), int64(len(data)))
		if err != nil || !r.Complete() {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(cpuTime()-start)/float64(b.N), "cpu-ns/op")
}
