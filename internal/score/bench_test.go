package score

import (
	"bytes"
	"testing"

	"github.com/goldenthread/goldenthread/internal/grid/gridtest"
	"github.com/goldenthread/goldenthread/internal/gtest"
)

// benchRead reads data with Read until the benchmark ends.
func benchRead(b *testing.B, data []byte) {
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	start := gtest.CPUTime()
	for b.Loop() {
		r, err := Read(bytes.NewReader(data), int64(len(data)))
		if err != nil || !r.Complete() {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(gtest.CPUTime()-start)/float64(b.N), "cpu-ns/op")
}

// BenchmarkRead reads the filled 40-question, 6-evaluator, 8-bidder grid.
func BenchmarkRead(b *testing.B) {
	w := openGrid(b, generate(b, gridtest.Large()))
	fillLarge(b, w)
	benchRead(b, save(b, w))
}

// BenchmarkRead9x12 reads a filled grid of the 40 questions of
// gridtest.Large with 9 evaluators and 12 bidders. BenchmarkScore in package
// cli times the whole command on the same grid.
func BenchmarkRead9x12(b *testing.B) {
	w := openGrid(b, generate(b, gridtest.Panel9x12()))
	if err := w.FillSpread(); err != nil {
		b.Fatal(err)
	}
	benchRead(b, save(b, w))
}
