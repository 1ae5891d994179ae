package score

import (
	"bytes"
	"fmt"
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
// gridtest.Large with 9 evaluators and 12 bidders, the size of panel and
// field that score must read in under 200 ms.
func BenchmarkRead9x12(b *testing.B) {
	p := gridtest.Large()
	p.Scoring.Panel = p.Scoring.Panel[:0]
	for e := range 9 {
		p.Scoring.Panel = append(p.Scoring.Panel, fmt.Sprintf("Evaluator %d", e+1))
	}
	p.Scoring.Bidders = p.Scoring.Bidders[:0]
	for i := range 12 {
		p.Scoring.Bidders = append(p.Scoring.Bidders, fmt.Sprintf("Bidder %d", i+1))
	}
	w := openGrid(b, generate(b, p))
	// Bidder i gets (i%5)/4 of the maximum on every scored question and a
	// Pass on every pass/fail one, from every evaluator and the panel.
	consensus := func(q, i int) any {
		mq := w.Meta.Questions[q]
		if mq.Kind == "pass-fail" {
			return "Pass"
		}
		return float64(i%5) / 4 * mq.Max()
	}
	if err := w.Fill(func(_, q, i int) any { return consensus(q, i) }, consensus); err != nil {
		b.Fatal(err)
	}
	benchRead(b, save(b, w))
}
