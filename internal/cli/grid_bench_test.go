package cli

import (
	"os"
	"path/filepath"
	"regexp"
	"testing"
)

// BenchmarkGrid9x12 runs the grid command as a user runs it (the built-in
// library loaded afresh each time, as in a new process) on the Midshire
// example with a panel of 9 and 12 bidders, names awkward as real ones are.
// It must take at most 150 ms.
func BenchmarkGrid9x12(b *testing.B) {
	src, err := os.ReadFile("../../examples/midshire-highways.toml")
	if err != nil {
		b.Fatal(err)
	}
	src = regexp.MustCompile(`(?m)^panel = .*$`).ReplaceAll(src, []byte(`panel = ["Procurement lead (Gwenllïan ap Rhys-Prydderch)", "Procurement lead (Sarah Okafor)", "Highways service manager", "Equality rep (Dave O'Brien)", "Social value officer", "Finance business partner", "Resident panel member", "Unite construction rep", "Legal adviser (observer)"]`))
	src = regexp.MustCompile(`(?m)^bidders = .*$`).ReplaceAll(src, []byte(`bidders = ["Cwmni Adeiladu Ŵyn Cyf", "=Bidder B Ltd", "O'Neill & Sons", "Bidder D", "Bidder E", "Bidder F", "Bidder G", "Bidder H", "Bidder I", "Bidder J", "Bidder K", "Bidder L"]`))
	src = regexp.MustCompile(`(?m)^union_nominee = .*$`).ReplaceAll(src, []byte(`union_nominee = "Equality rep (Dave O'Brien)"`))
	dir := b.TempDir()
	profile := filepath.Join(dir, "midshire-9x12.toml")
	if err := os.WriteFile(profile, src, 0o644); err != nil {
		b.Fatal(err)
	}
	benchCommand(b, "grid", profile, "-o", filepath.Join(dir, "grid.xlsx"))
}
