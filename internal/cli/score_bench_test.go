package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/goldenthread/goldenthread/internal/grid/gridtest"
	"github.com/goldenthread/goldenthread/internal/render/xlsx"
)

// BenchmarkScore runs the score command, as a user runs it, on a filled
// grid of 40 questions, 9 evaluators and 12 bidders: it must take under
// 200 ms.
func BenchmarkScore(b *testing.B) {
	var buf bytes.Buffer
	if err := xlsx.Grid(&buf, gridtest.Panel9x12()); err != nil {
		b.Fatal(err)
	}
	w, err := gridtest.Open(buf.Bytes())
	if err != nil {
		b.Fatal(err)
	}
	if err := w.FillSpread(); err != nil {
		b.Fatal(err)
	}
	filled, err := w.Bytes()
	if err != nil {
		b.Fatal(err)
	}
	dir := b.TempDir()
	path := filepath.Join(dir, "grid.xlsx")
	if err := os.WriteFile(path, filled, 0o644); err != nil {
		b.Fatal(err)
	}
	for _, ext := range []string{".md", ".pdf"} {
		b.Run(ext[1:], func(b *testing.B) {
			args := []string{"score", path, "-o", filepath.Join(dir, "report"+ext)}
			for b.Loop() {
				var stdout, stderr bytes.Buffer
				if code := Main(args, nil, &stdout, &stderr); code != 0 {
					b.Fatalf("score exit %d: %s", code, stderr.String())
				}
			}
		})
	}
}
