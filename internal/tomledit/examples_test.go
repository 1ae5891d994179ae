package tomledit

import (
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"

	"github.com/goldenthread/goldenthread/internal/diag"
	"github.com/goldenthread/goldenthread/internal/gtest"
	"github.com/goldenthread/goldenthread/internal/profile"
	"github.com/goldenthread/goldenthread/internal/tomldoc"
)

// TestExamples makes the edits a rep would make in the form to every
// example profile and checks that the result keeps every comment line,
// reads back as edited and still loads against the built-in library with
// no problem the original did not have.
func TestExamples(t *testing.T) {
	lib, _ := gtest.Builtin()
	if lib == nil {
		t.Fatal("the built-in library does not load")
	}
	for _, name := range gtest.Examples(t) {
		t.Run(name, func(t *testing.T) {
			file := "examples/" + name + ".toml"
			src, err := os.ReadFile(filepath.Join(gtest.Root(), file))
			if err != nil {
				t.Fatal(err)
			}
			changes := formEdits(t, src)
			got, err := Apply(file, src, changes)
			if err != nil {
				t.Fatalf("Apply(%s) = %v", file, err)
			}
			for _, line := range strings.Split(string(src), "\n") {
				if strings.HasPrefix(strings.TrimSpace(line), "#") && !strings.Contains(string(got), line+"\n") {
					t.Errorf("Apply(%s) lost the comment line %q", file, line)
				}
			}
			var m map[string]any
			if _, err := toml.Decode(string(got), &m); err != nil {
				t.Fatalf("the result does not decode: %v", err)
			}
			if m["employer"].(map[string]any)["name"] != welshName {
				t.Errorf("employer.name = %q; want %q", m["employer"].(map[string]any)["name"], welshName)
			}
			_, before := profile.Load(lib, file, src, gtest.Now)
			prof, after := profile.Load(lib, file, got, gtest.Now)
			if prof == nil {
				t.Fatalf("the edited profile does not load:\n%v\n%s", after.Err(), got)
			}
			old := map[string]bool{}
			for _, p := range before {
				old[p.Msg] = true
			}
			for _, p := range after.Only(diag.Error) {
				if !old[p.Msg] {
					t.Errorf("the edited profile has a new error: %v", p)
				}
			}
			last := prof.Overrides[len(prof.Overrides)-1]
			if !strings.Contains(last.Requirement, "real Living Wage") || last.Weight == nil {
				t.Errorf("the appended override is %+v; want the requirement and weight set", last)
			}
		})
	}
}

const welshName = `Bwrdd Iechyd "Hywel Dda" – Cyngor Sir Gâr, ŵ ŷ`

// formEdits are the edits of the test: a Welsh employer name with quotes, a
// new placeholder, more selected ids, the last override replaced by one
// with a weight and a requirement over two lines, and a new panel.
func formEdits(t *testing.T, src []byte) []Change {
	var p struct {
		Select struct {
			IDs []string `toml:"ids"`
		} `toml:"select"`
		Override []struct {
			ID     string  `toml:"id"`
			Weight float64 `toml:"weight"`
		} `toml:"override"`
		Scoring struct {
			Panel []string `toml:"panel"`
		} `toml:"scoring"`
	}
	if _, err := toml.Decode(string(src), &p); err != nil {
		t.Fatal(err)
	}
	ids := slices.Clone(p.Select.IDs)
	if !slices.Contains(ids, "blacklisting.no-blacklists-in-supply-chain") {
		ids = append(ids, "blacklisting.no-blacklists-in-supply-chain")
	}
	slices.Reverse(ids)
	panel := append(slices.Clone(p.Scoring.Panel), "Siân Ŵyn (\"Unite\")")
	slices.Reverse(panel)
	last := len(p.Override) - 1
	if last < 0 {
		t.Fatal("the example has no [[override]]")
	}
	o := p.Override[last]
	return []Change{
		{tomldoc.Path{"employer", "name"}, welshName},
		{tomldoc.Path{"placeholders", "payment_days"}, "30"},
		{tomldoc.Path{"select", "ids"}, ids},
		{tomldoc.Path{"override", strconv.Itoa(last)}, nil},
		{tomldoc.Path{"override", Append}, []Field{
			{"id", o.ID},
			{"weight", o.Weight},
			{"requirement", "The Contractor shall pay the real Living Wage\nto every worker on the contract."},
		}},
		{tomldoc.Path{"scoring", "panel"}, panel},
	}
}
