package cli

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/goldenthread/goldenthread/internal/gtest"
	"github.com/goldenthread/goldenthread/internal/library"
	"github.com/goldenthread/goldenthread/internal/model"
	"github.com/goldenthread/goldenthread/internal/profile"
	"github.com/goldenthread/goldenthread/templates"
)

// TestPrintedLawIsTheNations renders the asks PDF, the grid, the
// monitoring workbook, and the specification and the asks paper in HTML
// and Markdown for the
// four examples, for a starter profile of every nation and kind of
// employer, and for every regime a nation can use, and reads them back
// (pdftotext, and every cell of every sheet): the text names no other
// nation's own instruments (templates/nations.toml) unless a selected
// clause mentions that nation on purpose, no clause id, and no London
// Living Wage unless the work is in London, no council wording (elected
// members, councillors) for other kinds of employer; and no selected clause is
// written only for another regime. With -short, only the examples and a
// Northern Ireland starter, the nation no example covers, are checked.
func TestPrintedLawIsTheNations(t *testing.T) {
	now := time.Date(2027, 1, 15, 0, 0, 0, 0, time.UTC)
	e := &env{now: now}
	lib, _, err := e.loadLibrary(false)
	if err != nil {
		t.Fatal(err)
	}
	tmpl, err := loadTemplates()
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	var profiles []string
	examples, _ := filepath.Glob("../../examples/*.toml")
	profiles = append(profiles, examples...)
	for _, nation := range library.Jurisdictions {
		for i, kind := range library.Kinds {
			if testing.Short() && (i > 0 || nation != "northern-ireland") {
				break // the examples cover the other nations
			}
			for _, regime := range []string{"procurement-act-2023", "pcr-2015", "procurement-reform-scotland-2014"} {
				if !slices.Contains(library.RegimeNations[regime], nation) {
					continue
				}
				src, err := profile.Starter(lib, templates.FS, "starter.toml", profile.StarterOptions{Nation: nation, Kind: kind}, e.now)
				if err != nil {
					t.Fatalf("starter for %s, %s: %v", nation, kind, err)
				}
				src = regexp.MustCompile(`(?m)^regime = "[^"]*"`).ReplaceAll(src, []byte(`regime = "`+regime+`"`))
				for _, london := range []bool{false, true} {
					if london && (nation != "england" || testing.Short()) {
						continue
					}
					s := src
					if london {
						s = bytes.Replace(s, []byte("london = false"), []byte("london = true"), 1)
					}
					p := filepath.Join(dir, fmt.Sprintf("%s-%s-%s-london-%v.toml", nation, kind, regime, london))
					if err := os.WriteFile(p, s, 0o644); err != nil {
						t.Fatal(err)
					}
					profiles = append(profiles, p)
				}
			}
		}
	}
	ids := lib.IDs()
	for _, path := range profiles {
		t.Run(strings.TrimSuffix(filepath.Base(path), ".toml"), func(t *testing.T) {
			t.Parallel()
			pack, _, err := e.build(lib, tmpl, path, []output{asksPDF})
			if err != nil {
				t.Fatal(err)
			}
			mentioned := map[string]bool{}
			for _, a := range pack.Asks() {
				c := lib.Clause(a.ID)
				if c == nil { // the branch's own clause, from the profile
					continue
				}
				for _, n := range c.Mentions {
					mentioned[n] = true
				}
				if len(c.Regimes) > 0 && !slices.Contains(c.Regimes, pack.Procurement.Regime) {
					t.Errorf("ask %d (%s) is written for %v, not %s", a.Number, a.ID, c.Regimes, pack.Procurement.Regime)
				}
			}
			var pdf bytes.Buffer
			if err := asksPDF.render(&pdf, pack); err != nil {
				t.Fatal(err)
			}
			texts := map[string]string{"asks PDF": gtest.PDFText(t, pdf.Bytes())}
			if gridXLSX.missing(pack) == "" {
				texts["grid"] = gridText(t, pack)
			}
			for file, text := range editableTexts(t, pack) {
				texts[file] = text
			}
			// The monitoring workbook, for a contract let on the
			// document's date where the profile gives none.
			withContract := *pack
			if withContract.Contract.Start.IsZero() {
				withContract.Contract = model.Contract{Start: pack.Document.Date, Months: 24}
			}
			texts["monitoring workbook"] = workbookText(t, monitoringXLSX, &withContract)
			for what, text := range texts {
				text = strings.Join(strings.Fields(text), " ")
				for _, n := range lib.Nations {
					if n.ID == pack.Employer.Nation || mentioned[n.ID] {
						continue
					}
					t2 := text
					for _, x := range n.Except {
						t2 = strings.ReplaceAll(t2, x, "")
					}
					for _, m := range n.Markers {
						if i := strings.Index(t2, m); i >= 0 {
							t.Errorf("the %s for an employer in %s names %s's own %q: …%s…", what, pack.Employer.Nation, n.Name, m, around(t2, i))
						}
					}
				}
				if !pack.Procurement.London {
					if i := strings.Index(text, "London Living Wage"); i >= 0 {
						t.Errorf("the %s names the London Living Wage for work outside London: …%s…", what, around(text, i))
					}
					if lw := lib.Placeholders["london_living_wage"]; lw != nil && strings.Contains(text, lw.Default) {
						t.Errorf("the %s prints the London rate %s for work outside London", what, lw.Default)
					}
				}
				if pack.Employer.Kind != "local-authority" {
					for _, m := range []string{"elected member", "councillor", "English council", "Welsh council", "Scottish council"} {
						if i := strings.Index(strings.ToLower(text), strings.ToLower(m)); i >= 0 {
							t.Errorf("the %s for a %s speaks of %q, as to a council: …%s…", what, pack.Employer.Kind, m, around(text, i))
						}
					}
				}
				for _, id := range ids {
					if i := strings.Index(text, id); i >= 0 {
						t.Errorf("the %s prints the clause id %s: …%s…", what, id, around(text, i))
					}
				}
			}
		})
	}
}

// gridText renders the grid for p and returns the text of every cell.
func gridText(t *testing.T, p *model.Pack) string { return workbookText(t, gridXLSX, p) }

// workbookText renders the workbook o for p and returns the text of every
// cell of every sheet, the hidden record included.
func workbookText(t *testing.T, o output, p *model.Pack) string {
	t.Helper()
	var buf bytes.Buffer
	if err := o.render(&buf, p); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var b strings.Builder
	for _, sh := range f.GetSheetList() {
		rows, err := f.GetRows(sh)
		if err != nil {
			t.Fatal(err)
		}
		for _, row := range rows {
			for _, c := range row {
				b.WriteString(c)
				b.WriteByte('\n')
			}
		}
	}
	return b.String()
}

func around(s string, i int) string {
	lo, hi := max(0, i-60), min(len(s), i+60)
	for lo > 0 && !isRuneStart(s[lo]) {
		lo--
	}
	for hi < len(s) && !isRuneStart(s[hi]) {
		hi++
	}
	return s[lo:hi]
}

func isRuneStart(b byte) bool { return b&0xC0 != 0x80 }
