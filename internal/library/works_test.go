package library_test

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/goldenthread/goldenthread/internal/diag"
	"github.com/goldenthread/goldenthread/internal/library"
)

const livingWage = "https://www.livingwage.org.uk/"

// TestWorks loads the fixture without its works.toml, so that its two
// titles for the Living Wage Foundation conflict, with files added to it
// or laid over it, and checks the problems and the title WorkTitle gives.
// The rules' cases over the whole fixture are in testdata/lint/works-*.
func TestWorks(t *testing.T) {
	tests := []struct {
		name             string
		library, overlay map[string]string // files added to the fixture, and an overlay's
		want             []string          // problems, one a line
		title            string            // WorkTitle(livingWage); "" for none
		origin           string            // the work's position
	}{
		{
			name: "conflict in the library: add the work to its works.toml",
			want: []string{`fixture/fair-pay.toml:34:9: url "https://www.livingwage.org.uk/" is cited with 2 different titles, here and at fixture/fair-pay.toml:67:9: add a [[work]] with this url and the title of the work as a whole to fixture/works.toml, so that the list of sources names the work once`},
		},
		{
			name:    "conflict that an overlay joins: add the work to the overlay's works.toml",
			overlay: map[string]string{"branch.toml": clauseCiting("fair-pay.branch", "Living Wage Foundation (2026)", livingWage)},
			want:    []string{`fixture/fair-pay.toml:34:9: url "https://www.livingwage.org.uk/" is cited with 3 different titles, here and at fixture/fair-pay.toml:67:9, overlay/branch.toml:14:9: add a [[work]] with this url and the title of the work as a whole to overlay/works.toml, so that the list of sources names the work once`},
		},
		{
			name:    "an overlay's work settles a conflict in the library",
			overlay: map[string]string{"works.toml": work(livingWage, "Living Wage Foundation")},
			title:   "Living Wage Foundation",
			origin:  "overlay/works.toml:1:1",
		},
		{
			name:    "a title written on two lines is given on one",
			library: map[string]string{"works.toml": "# Works.\n\n" + work(livingWage, "Living Wage Foundation,\n  accreditation")},
			title:   "Living Wage Foundation, accreditation",
			origin:  "fixture/works.toml:3:1",
		},
		{
			name:    "a work in any file of the library",
			library: map[string]string{"more.toml": work(livingWage, "Living Wage Foundation")},
			title:   "Living Wage Foundation",
			origin:  "fixture/more.toml:1:1",
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			base := fixture(t).FS.(fstest.MapFS)
			delete(base, "works.toml")
			for name, src := range tc.library {
				base[name] = &fstest.MapFile{Data: []byte(src)}
			}
			layers := []library.Layer{{Name: library.LayerLibrary, FS: base, Dir: "fixture"}}
			if tc.overlay != nil {
				over := fstest.MapFS{}
				for name, src := range tc.overlay {
					over[name] = &fstest.MapFile{Data: []byte(src)}
				}
				layers = append(layers, library.Layer{Name: library.LayerOverlay, FS: over, Dir: "overlay"})
			}
			lib, list := library.Load(scales, layers, now)
			var got []string
			for _, p := range list {
				if p.Severity != diag.Note {
					got = append(got, p.String())
				}
			}
			if g, w := strings.Join(got, "\n"), strings.Join(tc.want, "\n"); g != w {
				t.Fatalf("Load problems:\n%s\nwant:\n%s", g, w)
			}
			if lib == nil {
				return
			}
			title, ok := lib.WorkTitle(livingWage)
			if title != tc.title || ok != (tc.title != "") {
				t.Errorf("WorkTitle(%q) = %q, %v; want %q", livingWage, title, ok, tc.title)
			}
			if w := lib.Works[livingWage]; ok && w.Origin.Pos.String() != tc.origin {
				t.Errorf("Works[%q].Origin.Pos = %s; want %s", livingWage, w.Origin.Pos, tc.origin)
			}
			if title, ok := lib.WorkTitle("https://example.org/"); ok {
				t.Errorf("WorkTitle(a url with no work) = %q, true; want false", title)
			}
		})
	}
}

func work(url, title string) string {
	return "[[work]]\nurl = \"" + url + "\"\ntitle = \"\"\"" + title + "\"\"\"\n"
}

func clauseCiting(id, title, url string) string {
	return `[[clause]]
id = "` + id + `"
title = "Cites"
theme = "fair-pay"
stages = ["specification"]
lever = "specification"
status = "policy"
jurisdictions = ["england"]
ask = "Ask."
requirement = "Require."
rationale = "Because."
review_by = 2027-06-01
[[clause.source]]
title = "` + title + `"
url = "` + url + `"
`
}

// TestBuiltinWorks checks clauses/works.toml as shipped: no problem in it or
// about the works, and no [[work]] that is not needed, because the sources
// that cite its url all give one title (which the list of sources then
// prints as it is).
func TestBuiltinWorks(t *testing.T) {
	lib, list := library.Load(scales, []library.Layer{builtin}, now)
	if lib == nil {
		t.Fatalf("Load(clauses) problems:\n%s", format(list))
	}
	for _, p := range list {
		if p.Pos.File == "clauses/works.toml" || strings.Contains(p.Msg, "[[work]]") {
			t.Errorf("%s", p)
		}
	}
	titles := map[string]map[string]bool{}
	add := func(ss []library.Source) {
		for _, s := range ss {
			if titles[s.URL] == nil {
				titles[s.URL] = map[string]bool{}
			}
			titles[s.URL][s.Title] = true
		}
	}
	for _, c := range lib.Clauses {
		add(c.Sources)
		for _, v := range c.Variants {
			add(v.Sources)
		}
	}
	for url, w := range lib.Works {
		if len(titles[url]) < 2 {
			t.Errorf("%s: the sources that cite %q all give one title: remove this [[work]]", w.Origin.Pos, url)
		}
		if strings.TrimSpace(w.Title) != w.Title || strings.Contains(w.Title, "  ") {
			t.Errorf("%s: title %q is not in document form", w.Origin.Pos, w.Title)
		}
	}
	t.Logf("%d works", len(lib.Works))
}

// TestWorkOf checks which work a source cites, on the built-in library: by
// its url, or without one by the [[work]] whose starts its title begins
// with, or else by its own title.
func TestWorkOf(t *testing.T) {
	lib, list := library.Load(scales, []library.Layer{builtin}, now)
	if lib == nil {
		t.Fatalf("Load(clauses) problems:\n%s", format(list))
	}
	const (
		bid     = "Cabinet Office, Bid Evaluation Guidance Note (May 2021)"
		toolkit = "https://buyingsocialjustice.org.uk/toolkit/"
	)
	tests := []struct {
		url, title     string
		key, workTitle string
	}{
		{toolkit, "McAndrew, F. et al. (2023) Buying social justice, p.18", "url " + toolkit,
			"McAndrew, F., Conley, H., Mamode, J., Sarter, E. K. and Wright, T. (2023) Buying social justice through procurement: an equality and diversity toolkit, Queen Mary University of London"},
		{"https://example.org/x", "Some report, p. 3", "url https://example.org/x", "Some report, p. 3"},
		{"", bid + ", section 6 (evaluating quality: scoring approach)", "starts " + bid, bid},
		{"", bid + " (annex A)", "starts " + bid, bid},
		{"", bid, "starts " + bid, bid},
		{"", bid + "s and notes", "title " + strings.ToLower(bid) + "s and notes", bid + "s and notes"},
		{"", "A Report, p. 3", "title a report, p. 3", "A Report, p. 3"},
	}
	for _, tt := range tests {
		key, title := lib.WorkOf(tt.url, tt.title)
		if key != tt.key || title != tt.workTitle {
			t.Errorf("WorkOf(%q, %q) = %q, %q; want %q, %q", tt.url, tt.title, key, title, tt.key, tt.workTitle)
		}
	}
}
