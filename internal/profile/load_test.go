package profile_test

import (
	"bytes"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"golang.org/x/tools/txtar"

	"github.com/goldenthread/goldenthread/internal/diag"
	"github.com/goldenthread/goldenthread/internal/gtest"
	"github.com/goldenthread/goldenthread/internal/library"
	"github.com/goldenthread/goldenthread/internal/profile"
	"github.com/goldenthread/goldenthread/templates"
)

// now is the tests' fixed "today".
var now = time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)

var scales = library.Layer{FS: templates.FS, Dir: "templates"}

func readArchive(t testing.TB, file string) *txtar.Archive { return gtest.Archive(t, file) }

// fixtureLayer is testdata/library.txtar as the built-in layer.
func fixtureLayer(t testing.TB) library.Layer {
	return library.Layer{Name: library.LayerLibrary, FS: gtest.FS(readArchive(t, "testdata/library.txtar"), ""), Dir: "fixture"}
}

// loadLibrary loads the fixture, with the overlay/ files of ar (if any) laid
// over it.
func loadLibrary(t testing.TB, ar *txtar.Archive) (*library.Library, diag.List) {
	t.Helper()
	layers := []library.Layer{fixtureLayer(t)}
	overlay := gtest.FS(ar, "overlay/")
	if len(overlay) > 0 {
		layers = append(layers, library.Layer{Name: library.LayerOverlay, FS: overlay, Dir: "overlay"})
	}
	return library.Load(scales, layers, now)
}

func file(ar *txtar.Archive, name string) []byte { return gtest.File(ar, name) }

func format(list diag.List) string {
	var b strings.Builder
	for _, p := range list {
		b.WriteString(p.String())
		b.WriteByte('\n')
	}
	return b.String()
}

// TestLoad runs every case in testdata/load: an optional overlay/ folder laid
// over the fixture library, a profile.toml, and the exact problems wanted,
// printed as lint prints them (the library's, then the profile's).
func TestLoad(t *testing.T) {
	files, err := filepath.Glob("testdata/load/*.txtar")
	if err != nil || len(files) == 0 {
		t.Fatalf("no cases in testdata/load: %v", err)
	}
	for _, path := range files {
		name := strings.TrimSuffix(filepath.Base(path), ".txtar")
		t.Run(name, func(t *testing.T) {
			ar := readArchive(t, path)
			lib, list := loadLibrary(t, ar)
			if lib == nil {
				t.Fatalf("the case's library does not load:\n%s", format(list))
			}
			src := file(ar, "profile.toml")
			if src == nil {
				t.Fatal("no profile.toml in the case")
			}
			p, plist := profile.Load(lib, "profile.toml", src, now)
			others := plist.Demote(profile.ScoringPart, "").Count(diag.Error)
			if (p == nil) != (others > 0) {
				t.Errorf("Load = profile %v with %d errors outside [scoring]; want a profile exactly when there are none", p != nil, others)
			}
			got := format(list) + format(plist)
			if *gtest.Update {
				gtest.SetFile(t, path, ar, "want", []byte(got))
				return
			}
			if want := string(file(ar, "want")); got != want {
				t.Errorf("Load(%s) problems:\n%s\nwant:\n%s", name, got, want)
			}
		})
	}
}

// TestChoices checks what a clean profile chooses: clauses in library order,
// variants for the nation, overrides attached, weights and scales resolved.
func TestChoices(t *testing.T) {
	lib, list := loadLibrary(t, &txtar.Archive{})
	if lib == nil {
		t.Fatal(format(list))
	}
	tests := []struct {
		name, nation, sector string
		extra                string
		want                 []string // id, variant, override, weight, scale of each choice
	}{
		{
			name: "england cleaning", nation: "england", sector: "cleaning",
			want: []string{
				"fair-pay.living-wage -  0 -",
				"fair-pay.scored-question -  60 0-4",
				"fair-pay.policy -  0 -",
				"voice.union-access -  0 pass-fail",
				"voice.scored-voice -  40 0-4",
			},
		},
		{
			name: "scotland cleaning with overrides", nation: "scotland", sector: "cleaning",
			extra: `
[[override]]
id = "fair-pay.scored-question"
weight = 70
scale = "0-10"

[[override]]
id = "voice.scored-voice"
weight = 30

[scoring]
scale = "0-5"
panel = ["Ann"]
bidders = ["A Ltd"]
`,
			want: []string{
				"fair-pay.living-wage scotland  0 -",
				"fair-pay.scored-question - override 70 0-10",
				"fair-pay.policy -  0 -",
				"voice.scored-voice - override 30 0-5",
			},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			src := `[document]
title = "T"
[employer]
name = "E"
kind = "nhs"
nation = "` + tc.nation + `"
[procurement]
title = "P"
category = "services"
sector = "` + tc.sector + `"
regime = "pcr-2015"
stage = "award"
[prepared_by]
organisation = "B"
[select]
themes = ["fair-pay", "voice"]
` + tc.extra
			p, list := profile.Load(lib, "dir/my-profile.toml", []byte(src), now)
			if p == nil {
				t.Fatalf("Load: %v", list.Err())
			}
			if p.Name != "my-profile" || p.File != "dir/my-profile.toml" {
				t.Errorf("Load: Name %q, File %q; want my-profile, dir/my-profile.toml", p.Name, p.File)
			}
			var got []string
			for _, ch := range p.Choices {
				variant, override, scale := "-", "", "-"
				for _, i := range ch.Wording.Variants {
					variant = strings.Join(ch.Clause.Variants[i].Jurisdictions, ",")
				}
				if ch.Override != nil {
					override = "override"
				}
				if sc := p.ScaleFor(lib, ch); sc != nil {
					scale = sc.ID
				}
				got = append(got, strings.Join([]string{ch.Clause.ID, variant, override, fmt.Sprintf("%g", ch.Weight()), scale}, " "))
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("Load: choices\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(tc.want, "\n"))
			}
		})
	}
}

// TestScoringPart checks that problems in [scoring] do not stop a profile
// loading: they are errors marked as the scoring part's, which a caller
// writing only the asks demotes to warnings.
func TestScoringPart(t *testing.T) {
	lib, list := loadLibrary(t, &txtar.Archive{})
	if lib == nil {
		t.Fatal(format(list))
	}
	src := file(readArchive(t, "testdata/load/all-problems-at-once.txtar"), "profile.toml")
	// Keep only the scoring problems: a valid category, no unknown id.
	src = bytes.Replace(src, []byte(`category = "service"`), []byte(`category = "services"`), 1)
	src = bytes.Replace(src, []byte(`ids = ["nope.nope"]`), []byte(`ids = []`), 1)

	p, all := profile.Load(lib, "profile.toml", src, now)
	if p == nil || all.Count(diag.Error) != 2 {
		t.Fatalf("Load = %v with problems:\n%s\nwant a profile and 2 errors (weights, names)", p != nil, format(all))
	}
	for _, pr := range all.Only(diag.Error) {
		if pr.Part != profile.ScoringPart {
			t.Errorf("%s: Part = %q; want %q", pr, pr.Part, profile.ScoringPart)
		}
	}
	asks := all.Demote(profile.ScoringPart, "(the asks can still be printed; the grid and pack need this put right)")
	if asks.Count(diag.Error) != 0 {
		t.Fatalf("Demote left errors:\n%s", format(asks))
	}
	warned := 0
	for _, pr := range asks.Only(diag.Warning) {
		if strings.HasSuffix(pr.Msg, "(the asks can still be printed; the grid and pack need this put right)") {
			warned++
		}
	}
	if warned != 2 {
		t.Errorf("demoted warnings:\n%s\nwant the 2 scoring errors as warnings", format(asks.Only(diag.Warning)))
	}
}
