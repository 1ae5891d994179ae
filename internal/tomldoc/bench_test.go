package tomldoc

import (
	"io/fs"
	"testing"

	"github.com/BurntSushi/toml"

	"github.com/goldenthread/goldenthread/clauses"
	"github.com/goldenthread/goldenthread/internal/diag"
)

// BenchmarkParse parses every built-in clause file, and times the two
// passes Parse makes over each: toml.Decode for the values and Locate for
// the positions.
func BenchmarkParse(b *testing.B) {
	names, _ := fs.Glob(clauses.FS, "*.toml")
	var srcs [][]byte
	size := 0
	for _, name := range names {
		src, err := fs.ReadFile(clauses.FS, name)
		if err != nil {
			b.Fatal(err)
		}
		srcs = append(srcs, src)
		size += len(src)
	}
	b.Run("Parse", func(b *testing.B) {
		b.SetBytes(int64(size))
		b.ReportAllocs()
		for b.Loop() {
			for _, src := range srcs {
				var list diag.List
				if Parse("f.toml", src, &list) == nil {
					b.Fatal(list.Err())
				}
			}
		}
	})
	b.Run("toml.Decode", func(b *testing.B) {
		b.SetBytes(int64(size))
		b.ReportAllocs()
		for b.Loop() {
			for _, src := range srcs {
				var raw map[string]any
				if _, err := toml.Decode(string(src), &raw); err != nil {
					b.Fatal(err)
				}
			}
		}
	})
	b.Run("Locate", func(b *testing.B) {
		b.SetBytes(int64(size))
		b.ReportAllocs()
		for b.Loop() {
			for _, src := range srcs {
				Locate(string(src))
			}
		}
	})
}
