package cli

import (
	"bytes"
	"path/filepath"
	"testing"
)

// BenchmarkAsks runs the asks command on the Midshire example as a user
// runs it: the built-in library is loaded afresh each time, as it is in a
// new process, then the profile, the pack and the PDF with its outline and
// links. It must take at most 300 ms.
func BenchmarkAsks(b *testing.B) {
	out := filepath.Join(b.TempDir(), "asks.pdf")
	benchCommand(b, "asks", "../../examples/midshire-highways.toml", "-o", out)
}

// benchCommand runs a command as a user runs it, loading the built-in
// library afresh each time, as a new process does.
func benchCommand(b *testing.B, args ...string) {
	b.ReportAllocs()
	for b.Loop() {
		builtin.Lock()
		builtin.lib = nil
		builtin.Unlock()
		var stdout, stderr bytes.Buffer
		if code := Main(args, nil, &stdout, &stderr); code != 0 {
			b.Fatalf("%s exit %d: %s", args[0], code, stderr.String())
		}
	}
}
