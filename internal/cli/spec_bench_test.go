package cli

import (
	"path/filepath"
	"testing"
)

// BenchmarkSpec runs the spec command on the Midshire example in each
// format as a user runs it, the library loaded afresh each time. Each must
// take at most 100 ms.
func BenchmarkSpec(b *testing.B) {
	for _, ext := range []string{".docx", ".html", ".md"} {
		b.Run(ext[1:], func(b *testing.B) {
			benchCommand(b, "spec", "../../examples/midshire-highways.toml", "-o", filepath.Join(b.TempDir(), "spec"+ext))
		})
	}
}

// BenchmarkAsksEditable runs the asks command on the Midshire example in
// each editable format.
func BenchmarkAsksEditable(b *testing.B) {
	for _, ext := range []string{".docx", ".html", ".md"} {
		b.Run(ext[1:], func(b *testing.B) {
			benchCommand(b, "asks", "../../examples/midshire-highways.toml", "-o", filepath.Join(b.TempDir(), "asks"+ext))
		})
	}
}

// BenchmarkPackMidshire packs the Midshire example with every output it
// writes (the asks PDF, the specification in three formats and the grid),
// as a user runs it. It must take at most 1 s.
func BenchmarkPackMidshire(b *testing.B) {
	benchCommand(b, "pack", "../../examples/midshire-highways.toml", "--out", b.TempDir())
}
