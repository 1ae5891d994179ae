package profile_test

import (
	"bytes"
	"testing"

	"github.com/goldenthread/goldenthread/internal/diag"
	"github.com/goldenthread/goldenthread/internal/gtest"
	"github.com/goldenthread/goldenthread/internal/library"
	"github.com/goldenthread/goldenthread/internal/profile"
	"github.com/goldenthread/goldenthread/templates"
)

// TestStarter checks that a starter profile, for each nation and a few
// kinds, sectors and categories, loads against the built-in library with
// no problem at all, [scoring] included, and carries the date it is given.
func TestStarter(t *testing.T) {
	lib, _ := gtest.Builtin()
	var cases []profile.StarterOptions
	for _, n := range library.Jurisdictions {
		cases = append(cases,
			profile.StarterOptions{Nation: n, Kind: "local-authority"},
			profile.StarterOptions{Nation: n, Kind: "nhs", Sector: "cleaning"},
			profile.StarterOptions{Nation: n, Kind: "university", Category: "goods"},
		)
	}
	cases = append(cases, profile.StarterOptions{Nation: "england", Kind: "other", Sector: "construction"})
	for _, o := range cases {
		t.Run(o.Nation+"/"+o.Kind+"/"+o.Category+o.Sector, func(t *testing.T) {
			src, err := profile.Starter(lib, templates.FS, "dir/new.toml", o, now)
			if err != nil {
				t.Fatalf("Starter(%+v) = %v", o, err)
			}
			prof, list := profile.Load(lib, "new.toml", src, now)
			if prof == nil || list.Count(diag.Error)+list.Count(diag.Warning) > 0 {
				t.Fatalf("Starter(%+v) does not load clean:\n%v", o, list)
			}
			if prof.Employer.Nation != o.Nation || prof.Employer.Kind != o.Kind {
				t.Errorf("Starter(%+v): employer %s, %s", o, prof.Employer.Nation, prof.Employer.Kind)
			}
			for _, want := range []string{"goldenthread lint new.toml", "date = 2026-06-01"} {
				if !bytes.Contains(src, []byte(want)) {
					t.Errorf("Starter(%+v) lacks %q", o, want)
				}
			}
		})
	}
}
