package web

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
	"github.com/xuri/excelize/v2"

	"github.com/goldenthread/goldenthread/internal/grid/gridtest"
	"github.com/goldenthread/goldenthread/internal/gtest"
	"github.com/goldenthread/goldenthread/internal/monitor"
	"github.com/goldenthread/goldenthread/internal/monitor/monitortest"
	"github.com/goldenthread/goldenthread/internal/render/html/htmltest"
)

// TestE2E drives the app in a headless Chromium as a rep would, by
// keyboard and mouse: starting a profile, editing it, downloading and
// previewing its documents, the clause library, uploading a filled grid
// and a filled monitoring workbook for their reports, a save that meets a
// change made elsewhere, the same without JavaScript, and axe-core's
// checks on each kind of page. One browser serves the whole flow; each
// step needs the one before.
func TestE2E(t *testing.T) {
	a := startApp(t)
	tb := newTab(t, a, nil, false)
	const (
		name     = "gŵyr-glanhau"
		employer = "Cyngor Abertawe's Gwasanaeth Glanhau Tŷ Ŵyn"
	)
	panel := []string{"Siân Ŵyn", "Gwyn O'Brien", "Elin Prys"}
	bidders := []string{"Cwmni Glân Cyf", "Glanhau'r Gŵyr"}
	var picked []string // asks ticked on the form, the first given priority 1
	var pickedTitles []string
	var gridFile []byte // the grid downloaded

	t.Run("home", func(t *testing.T) {
		tb.t = t
		if st := tb.open("/"); st != 200 {
			t.Fatalf("GET /: %d", st)
		}
		// The first Tab reaches the skip link, which moves focus to main.
		tb.do(chromedp.KeyEvent(kb.Tab))
		if got := eval[string](tb, `document.activeElement.className + " " + document.activeElement.getAttribute("href")`); got != "skip #main" {
			t.Errorf("the first Tab focuses %q, want the skip link", got)
		}
		tb.do(chromedp.KeyEvent(kb.Enter))
		if got := tb.focused(); got != "main" {
			t.Errorf("the skip link moved focus to %q, want main", got)
		}
		htmltest.AxeIn(t, tb.ctx)
	})

	t.Run("new profile", func(t *testing.T) {
		tb.t = t
		if st := tb.navigate(clickLink("Start a new profile")); st != 200 {
			t.Fatalf("Start a new profile: %d", st)
		}
		htmltest.AxeIn(t, tb.ctx)
		// Sent without a name, the form says what is wrong.
		if st := tb.navigate(chromedp.Click(chromedp.CSS(`form[action="/new"] button[type=submit]`))); st != 422 {
			t.Fatalf("POST /new with no name: %d, want 422", st)
		}
		if got := tb.text(".error-summary"); !strings.Contains(got, "Enter a name") {
			t.Errorf("error summary: %q", got)
		}
		if !eval[bool](tb, `document.activeElement.classList.contains("error-summary")`) {
			t.Errorf("focus is on %q, not the error summary", tb.focused())
		}
		htmltest.AxeIn(t, tb.ctx)

		tb.typeIn("#name", name)
		tb.do(chromedp.Focus(chromedp.CSS("#nation")), chromedp.KeyEvent("Wales"),
			chromedp.Focus(chromedp.CSS("#kind")), chromedp.KeyEvent("Local"),
			chromedp.Focus(chromedp.CSS("#sector")), chromedp.KeyEvent("Cleaning"))
		for sel, want := range map[string]string{"#nation": "wales", "#kind": "local-authority", "#sector": "cleaning"} {
			if got := eval[string](tb, `document.querySelector("`+sel+`").value`); got != want {
				t.Errorf("%s = %q after typing, want %q", sel, got, want)
			}
		}
		if st := tb.navigate(chromedp.Click(chromedp.CSS(`form[action="/new"] button[type=submit]`))); st != 200 {
			t.Fatalf("POST /new: %d", st)
		}
		if got := tb.location(); !strings.HasSuffix(got, "/edit?created=1") {
			t.Errorf("after starting the profile the page is %s", got)
		}
		if got := tb.text(".notice-ok"); !strings.Contains(got, "Your new profile is ready") {
			t.Errorf("notice: %q", got)
		}
		prof, list := loadProfile(t, a.Lib, filepath.Join(a.Dir, name+".toml"))
		if prof == nil {
			t.Fatalf("the new profile does not load: %v", list.Err())
		}
		if e, p := prof.Employer, prof.Procurement; e.Nation != "wales" || e.Kind != "local-authority" || p.Sector != "cleaning" {
			t.Errorf("the new profile is for %s, %s, %s; want wales, local-authority, cleaning", e.Nation, e.Kind, p.Sector)
		}
	})

	t.Run("edit", func(t *testing.T) {
		tb.t = t
		tb.typeIn("#f-employer-name", employer)
		// Tick two asks not picked; untick one picked that has no weight.
		unticked := eval[[]string](tb, `[...document.querySelectorAll("input[name=pick]:not(:checked)")].map(e => e.value)`)
		weighted := eval[[]string](tb, `[...document.querySelectorAll("input[data-weight]")].map(e => e.dataset.weight)`)
		ticked := eval[[]string](tb, `[...document.querySelectorAll("input[name=pick]:checked")].map(e => e.value)`)
		if len(unticked) < 2 || len(weighted) < 2 {
			t.Fatalf("the form offers %d asks not picked and %d weights", len(unticked), len(weighted))
		}
		picked = unticked[:2]
		var drop string
		for _, c := range ticked {
			if !slices.Contains(weighted, c) {
				drop = c
				break
			}
		}
		for _, c := range append(slices.Clone(picked), drop) {
			tb.do(chromedp.Click(chromedp.CSS(id("pick-" + c))))
		}
		for _, c := range picked {
			title := strings.TrimSuffix(tb.text(`label[for="pick-`+c+`"]`), " (your branch's own)")
			pickedTitles = append(pickedTitles, title)
		}
		tb.typeIn(id("rank-"+picked[0]), "1")
		tb.typeIn("#f-scoring-panel", strings.Join(panel, "\n"))
		tb.typeIn("#f-scoring-union_nominee", panel[1])
		tb.typeIn("#f-scoring-bidders", strings.Join(bidders, "\n"))

		// A total off 100 shows in the running total as wrong.
		tb.typeIn(id("weight-"+weighted[0]), "1")
		total := func() (string, string) {
			return tb.text("[data-weight-total]"), eval[string](tb, `document.querySelector("[data-weight-total]").parentElement.className`)
		}
		if got, class := total(); got == "100" || !strings.Contains(class, "bad") {
			t.Errorf("running total %q, class %q; want a total off 100 marked bad", got, class)
		}
		if st := tb.navigate(chromedp.Click(chromedp.CSS(`button[value=save]`))); st != 200 {
			t.Fatalf("Save: %d", st)
		}
		if got := tb.text(".notice-ok"); !strings.Contains(got, "Your changes were saved.") {
			t.Errorf("notice: %q", got)
		}
		summary := tb.text(".error-summary")
		if !strings.Contains(summary, "add up to") {
			t.Fatalf("the error summary does not report the weights: %q", summary)
		}
		htmltest.AxeIn(t, tb.ctx)
		tb.do(chromedp.Click(chromedp.CSS(`.error-summary a[href="#weights"]`)))
		if got := tb.focused(); got != "weights" {
			t.Errorf("the summary's link moved focus to %q, want the weights", got)
		}

		if st := tb.navigate(chromedp.Click(chromedp.CSS(`button[value=share]`))); st != 200 {
			t.Fatalf("Share out: %d", st)
		}
		if got, class := total(); got != "100" || !strings.Contains(class, "good") {
			t.Errorf("after sharing out the total is %q, class %q", got, class)
		}
		if st := tb.navigate(chromedp.Click(chromedp.CSS(`button[value=save]`))); st != 200 {
			t.Fatalf("Save: %d", st)
		}
		if got := tb.text(".notice-ok"); !strings.Contains(got, "Your changes were saved.") {
			t.Errorf("notice: %q", got)
		}
		if eval[bool](tb, `document.querySelector(".error-summary") !== null`) {
			t.Errorf("problems are reported after sharing out: %q", tb.text(".error-summary"))
		}
		// What was entered is in the file.
		src, err := os.ReadFile(filepath.Join(a.Dir, name+".toml"))
		if err != nil {
			t.Fatal(err)
		}
		prof, list := loadProfile(t, a.Lib, filepath.Join(a.Dir, name+".toml"))
		if prof == nil {
			t.Fatalf("the saved profile does not load: %v\n%s", list.Err(), src)
		}
		ids := choiceIDs(prof)
		if prof.Employer.Name != employer || slices.Contains(ids, drop) || !slices.Contains(ids, picked[0]) || !slices.Contains(ids, picked[1]) {
			t.Errorf("saved: employer %q, asks %v; want %q, with %v and without %s", prof.Employer.Name, ids, employer, picked, drop)
		}
		if pr := prof.Priorities(); len(pr) == 0 || pr[0] != picked[0] {
			t.Errorf("priorities %v; want %s first", pr, picked[0])
		}
		if prof.Scoring == nil || !slices.Equal(prof.Scoring.Panel, panel) || !slices.Equal(prof.Scoring.Bidders, bidders) {
			t.Errorf("scoring: %+v", prof.Scoring)
		}
	})

	t.Run("downloads", func(t *testing.T) {
		tb.t = t
		if st := tb.navigate(clickLink("Back to the profile")); st != 200 {
			t.Fatalf("Back to the profile: %d", st)
		}
		if got := tb.text(".lead"); !strings.Contains(got, employer) {
			t.Errorf("profile page: %q", got)
		}
		htmltest.AxeIn(t, tb.ctx)
		text := gtest.PDFText(t, tb.download(`a[href$="/download/asks.pdf"]`))
		flat := strings.Join(strings.Fields(text), " ")
		for _, want := range []string{employer, pickedTitles[0]} {
			if !strings.Contains(flat, strings.Join(strings.Fields(want), " ")) {
				t.Errorf("the asks PDF does not say %q:\n%s", want, text)
			}
		}
		gridFile = tb.download(`a[href$="/download/grid.xlsx"]`)
		f, err := excelize.OpenReader(bytes.NewReader(gridFile))
		if err != nil {
			t.Fatalf("the grid does not open: %v", err)
		}
		defer f.Close()
		sheets := f.GetSheetList()
		for _, p := range panel {
			if !slices.Contains(sheets, p) {
				t.Errorf("the grid has no sheet for %s: %q", p, sheets)
			}
		}
	})

	t.Run("preview", func(t *testing.T) {
		tb.t = t
		if st := tb.navigate(clickLink("Preview the asks paper")); st != 200 {
			t.Fatalf("Preview: %d", st)
		}
		body := strings.Join(strings.Fields(tb.body()), " ")
		for _, want := range append([]string{employer}, pickedTitles...) {
			if !strings.Contains(body, strings.Join(strings.Fields(want), " ")) {
				t.Errorf("the preview does not show %q", want)
			}
		}
	})

	t.Run("library", func(t *testing.T) {
		tb.t = t
		tb.open("/")
		if st := tb.navigate(clickLink("Clause library")); st != 200 {
			t.Fatalf("Clause library: %d", st)
		}
		htmltest.AxeIn(t, tb.ctx)
		// Typed into the search box, Enter searches.
		if st := tb.navigate(chromedp.SendKeys(chromedp.CSS("#q"), "living wage"+kb.Enter)); st != 200 {
			t.Fatalf("search: %d", st)
		}
		if got := tb.location(); !strings.HasPrefix(got, "/library?q=living+wage") {
			t.Errorf("the search went to %s", got)
		}
		if got := tb.text("p.total"); !strings.Contains(got, "match") {
			t.Errorf("the search says %q", got)
		}
		htmltest.AxeIn(t, tb.ctx)
		title := tb.text("a.result-title")
		if st := tb.navigate(chromedp.Click(chromedp.CSS("a.result-title"))); st != 200 {
			t.Fatalf("%s: %d", title, st)
		}
		if got := tb.text("h1"); got != title {
			t.Errorf("the clause page's heading is %q, want %q", got, title)
		}
		htmltest.AxeIn(t, tb.ctx)
	})

	t.Run("score", func(t *testing.T) {
		tb.t = t
		w, err := gridtest.Open(gridFile)
		if err != nil {
			t.Fatal(err)
		}
		if err := w.FillSpread(); err != nil {
			t.Fatal(err)
		}
		filled, err := w.Bytes()
		if err != nil {
			t.Fatal(err)
		}
		path := filepath.Join(t.TempDir(), "grid filled in.xlsx")
		if err := os.WriteFile(path, filled, 0o600); err != nil {
			t.Fatal(err)
		}
		tb.open("/")
		if st := tb.navigate(clickLink("Score a grid")); st != 200 {
			t.Fatalf("Score a grid: %d", st)
		}
		htmltest.AxeIn(t, tb.ctx)
		tb.do(chromedp.SetUploadFiles(chromedp.CSS(`input[type=file]`), []string{path}))
		if st := tb.navigate(chromedp.Click(chromedp.CSS(`form[action="/score"] button[type=submit]`))); st != 200 {
			t.Fatalf("POST /score: %d\n%s", st, tb.body())
		}
		body := tb.body()
		for _, b := range bidders {
			if !strings.Contains(body, b) {
				t.Errorf("the report does not name %s", b)
			}
		}
		htmltest.AxeIn(t, tb.ctx)
		report := strings.Join(strings.Fields(gtest.PDFText(t, tb.download(`a[href^="/report/"][href$="/report.pdf"]`))), " ")
		for _, b := range bidders {
			if !strings.Contains(report, b) {
				t.Errorf("the moderation report does not name %s:\n%s", b, report)
			}
		}
	})

	t.Run("evidence", func(t *testing.T) {
		tb.t = t
		tb.open("/p/midshire-highways")
		f, err := excelize.OpenReader(bytes.NewReader(tb.download(`a[href$="/download/monitoring.xlsx"]`)))
		if err != nil {
			t.Fatal(err)
		}
		rows, err := f.GetRows("_goldenthread-monitoring")
		if err != nil {
			t.Fatal(err)
		}
		m, err := monitor.Decode(rows)
		if err != nil {
			t.Fatal(err)
		}
		monitortest.Fill(t, f, m, 7)
		path := filepath.Join(t.TempDir(), "monitoring.xlsx")
		if err := f.SaveAs(path); err != nil {
			t.Fatal(err)
		}
		tb.open("/")
		if st := tb.navigate(clickLink("Evidence report")); st != 200 {
			t.Fatalf("Evidence report: %d", st)
		}
		htmltest.AxeIn(t, tb.ctx)
		tb.do(chromedp.SetUploadFiles(chromedp.CSS(`input[type=file]`), []string{path}))
		if st := tb.navigate(chromedp.Click(chromedp.CSS(`form[action="/evidence"] button[type=submit]`))); st != 200 {
			t.Fatalf("POST /evidence: %d\n%s", st, tb.body())
		}
		if got := tb.body(); !strings.Contains(got, "From monitoring.xlsx") {
			t.Errorf("the evidence report does not name the workbook:\n%s", got)
		}
		htmltest.AxeIn(t, tb.ctx)
		if b := tb.download(`a[href^="/report/"]`); len(b) == 0 {
			t.Error("the evidence report's download is empty")
		}
	})

	t.Run("conflict", func(t *testing.T) {
		tb.t = t
		path := filepath.Join(a.Dir, name+".toml")
		if st := tb.open("/p/" + name + "/edit"); st != 200 {
			t.Fatalf("edit: %d", st)
		}
		tb.typeIn("#f-employer-name", "Changed in the browser")
		src, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		elsewhere := append(src, "\n# saved in an editor meanwhile\n"...)
		if err := os.WriteFile(path, elsewhere, 0o644); err != nil {
			t.Fatal(err)
		}
		if st := tb.navigate(chromedp.Click(chromedp.CSS(`button[value=save]`))); st != 409 {
			t.Errorf("Save over a change made elsewhere: %d, want 409", st)
		}
		if got := tb.text(".error-summary"); !strings.Contains(got, "changed somewhere else") || !strings.Contains(got, "Reload the profile") {
			t.Errorf("the page does not say the profile changed elsewhere and offer to reload: %q", got)
		}
		if got, _ := os.ReadFile(path); !bytes.Equal(got, elsewhere) {
			t.Error("the file changed elsewhere was overwritten")
		}
		if st := tb.navigate(clickLink("Reload the profile")); st != 200 {
			t.Errorf("Reload the profile: %d", st)
		}
		if got := eval[string](tb, `document.querySelector("#f-employer-name").value`); got != employer {
			t.Errorf("reloaded, the employer is %q, want %q", got, employer)
		}
	})

	t.Run("no JavaScript", func(t *testing.T) {
		nt := newTab(t, a, tb.ctx, true)
		const name = "powys-arlwyo"
		if st := nt.open("/new"); st != 200 {
			t.Fatalf("GET /new: %d", st)
		}
		nt.typeIn("#name", name)
		nt.do(chromedp.Focus(chromedp.CSS("#nation")), chromedp.KeyEvent("Wales"))
		if st := nt.navigate(chromedp.Click(chromedp.CSS(`form[action="/new"] button[type=submit]`))); st != 200 {
			t.Fatalf("POST /new: %d", st)
		}
		if got := nt.text(".notice-ok"); !strings.Contains(got, "Your new profile is ready") {
			t.Errorf("notice: %q", got)
		}
		// The filter box is shown only by the script: here it is hidden.
		if eval[bool](nt, `!document.querySelector("#pick-filter").hidden`) {
			t.Error("JavaScript ran in the tab without it")
		}
		nt.typeIn("#f-employer-name", "Cyngor Sir Powys")
		weighted := eval[[]string](nt, `[...document.querySelectorAll("input[data-weight]")].map(e => e.dataset.weight)`)
		if len(weighted) < 2 {
			t.Fatalf("%d weights", len(weighted))
		}
		nt.typeIn(id("weight-"+weighted[0]), "2")
		if st := nt.navigate(chromedp.Click(chromedp.CSS(`button[value=share]`))); st != 200 {
			t.Fatalf("Share out: %d", st)
		}
		if got := nt.text("[data-weight-total]"); got != "100" {
			t.Errorf("after sharing out the total is %q", got)
		}
		if st := nt.navigate(chromedp.Click(chromedp.CSS(`button[value=save]`))); st != 200 {
			t.Fatalf("Save: %d", st)
		}
		if got := nt.text(".notice-ok"); !strings.Contains(got, "Your changes were saved.") {
			t.Errorf("notice: %q", got)
		}
		prof, list := loadProfile(t, a.Lib, filepath.Join(a.Dir, name+".toml"))
		if prof == nil || prof.Employer.Name != "Cyngor Sir Powys" {
			t.Errorf("saved without JavaScript: %v", list.Err())
		}
	})
}
