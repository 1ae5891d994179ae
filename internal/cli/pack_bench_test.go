package cli

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

// BenchmarkPack packs n copies of the biggest example profile on one and
// on two workers, to show how pack scales with profiles and cores. Report
// profiles per second as n / (ns/op).
func BenchmarkPack(b *testing.B) {
	src, err := os.ReadFile("../../examples/midshire-highways.toml")
	if err != nil {
		b.Fatal(err)
	}
	for _, n := range []int{10, 50, 100} {
		dir := b.TempDir()
		var paths []string
		for i := range n {
			p := filepath.Join(dir, fmt.Sprintf("profile-%03d.toml", i))
			if err := os.WriteFile(p, src, 0o644); err != nil {
				b.Fatal(err)
			}
			paths = append(paths, p)
		}
		for _, jobs := range []int{1, 2} {
			b.Run(fmt.Sprintf("profiles=%d/jobs=%d", n, jobs), func(b *testing.B) {
				b.ReportAllocs()
				out := b.TempDir()
				args := append([]string{"pack", "--jobs", fmt.Sprint(jobs), "--out", out}, paths...)
				for b.Loop() {
					var stdout, stderr bytes.Buffer
					if code := Main(args, nil, &stdout, &stderr); code != 0 {
						b.Fatalf("pack exit %d: %s", code, stderr.String())
					}
				}
				b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "profiles/s")
			})
		}
	}
}
