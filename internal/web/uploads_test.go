package web

import (
	"archive/zip"
	"bytes"
	"fmt"
	"html"
	"io"
	"math/rand/v2"
	"mime"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/goldenthread/goldenthread/internal/evidence"
	"github.com/goldenthread/goldenthread/internal/grid"
	"github.com/goldenthread/goldenthread/internal/grid/gridtest"
	"github.com/goldenthread/goldenthread/internal/gtest"
	"github.com/goldenthread/goldenthread/internal/monitor"
	"github.com/goldenthread/goldenthread/internal/monitor/monitortest"
	"github.com/goldenthread/goldenthread/internal/render/markdown"
	"github.com/goldenthread/goldenthread/internal/render/xlsx"
	"github.com/goldenthread/goldenthread/internal/score"
	"github.com/goldenthread/goldenthread/internal/xlsxsafe"
)

// midshireGrid writes the Midshire example's grid, lets fill enter what a
// panel would (nil for a blank grid), and returns the workbook.
func midshireGrid(t *testing.T, fill func(w *gridtest.Workbook) error) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := xlsx.Grid(&buf, gtest.Example(t, "midshire-highways")); err != nil {
		t.Fatal(err)
	}
	return fillGrid(t, buf.Bytes(), fill)
}

func fillGrid(t *testing.T, b []byte, fill func(w *gridtest.Workbook) error) []byte {
	t.Helper()
	if fill == nil {
		return b
	}
	w, err := gridtest.Open(b)
	if err != nil {
		t.Fatal(err)
	}
	if err := fill(w); err != nil {
		t.Fatal(err)
	}
	out, err := w.Bytes()
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func readScore(t *testing.T, b []byte) *score.Result {
	t.Helper()
	res, err := score.Read(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// reportKey returns the key of the report page's download links.
func reportKey(t *testing.T, page string) string {
	t.Helper()
	m := regexp.MustCompile(`href="/report/([0-9a-f]{64})/`).FindStringSubmatch(page)
	if m == nil {
		t.Fatalf("the report page has no download links:\n%s", page)
	}
	return m[1]
}

// download gets a report's file and checks it comes as an attachment of
// the type its name says.
func (c *uploadClient) download(key, file, ctype string) []byte {
	c.t.Helper()
	rr := c.get("/report/" + key + "/" + file)
	if rr.Code != http.StatusOK {
		c.t.Fatalf("GET /report/…/%s = %d; want 200\n%s", file, rr.Code, rr.Body)
	}
	if got := rr.Header().Get("Content-Type"); got != ctype {
		c.t.Errorf("%s: Content-Type %q; want %q", file, got, ctype)
	}
	disp, params, err := mime.ParseMediaType(rr.Header().Get("Content-Disposition"))
	if err != nil || disp != "attachment" || !strings.HasSuffix(params["filename"], file[strings.LastIndexByte(file, '.'):]) {
		c.t.Errorf("%s: Content-Disposition %q; want an attachment named …%s", file, rr.Header().Get("Content-Disposition"), file[strings.LastIndexByte(file, '.'):])
	}
	return rr.Body.Bytes()
}

// TestScoreUpload uploads the Midshire grid, filled in and moderated, and
// checks the page and every download against the grid read back on its
// own.
func TestScoreUpload(t *testing.T) {
	c := newUploadTestServer(t)
	b := midshireGrid(t, (*gridtest.Workbook).FillSpread)
	res := readScore(t, b)
	if !res.Complete() {
		t.Fatalf("the filled grid has problems: %v", res.Problems())
	}
	rr := c.upload("/score", formFile{"grid", "midshire grid.xlsx", b})
	if rr.Code != http.StatusOK {
		t.Fatalf("POST /score = %d; want 200\n%s", rr.Code, rr.Body)
	}
	page := html.UnescapeString(rr.Body.String())
	for _, bd := range res.Ranking {
		rank := "–"
		if bd.Rank > 0 {
			rank = fmt.Sprint(bd.Rank)
		}
		status := statusWords[bd.Status]
		if len(bd.Failed) > 0 {
			status += ": " + strings.Join(bd.Failed, ", ")
		}
		row := "<td>" + bd.Name + `</td><td class="num">` + fmt.Sprintf("%.2f", bd.Score) + "</td><td>" + status + `</td><td class="num">` + rank + "<"
		if !strings.Contains(page, row) {
			t.Errorf("the page has no row for %s: %.2f, %s, rank %d", bd.Name, bd.Score, bd.Status, bd.Rank)
		}
	}
	words := c.srv.cfg.Templates.Words
	for _, l := range res.ProgressSummary(words).Lines {
		if !strings.Contains(page, l) {
			t.Errorf("the page lacks the progress line %q", l)
		}
	}
	key := reportKey(t, page)

	var want bytes.Buffer
	if err := res.Report(words).WriteMarkdown(&want); err != nil {
		t.Fatal(err)
	}
	if got := c.download(key, "report.md", "text/markdown; charset=utf-8"); !bytes.Equal(got, want.Bytes()) {
		t.Errorf("report.md is not the grid's report: %s", gtest.FirstDiff(want.String(), string(got)))
	}
	sums := res.Summaries(words)
	if len(sums) != len(res.Bidders) {
		t.Fatalf("%d summaries for %d bidders", len(sums), len(res.Bidders))
	}
	for _, s := range sums {
		file := fmt.Sprintf("summary-%d.md", s.Bidder.No)
		if !strings.Contains(page, "/report/"+key+"/"+file) {
			t.Errorf("the page offers no %s", file)
		}
		want.Reset()
		if err := s.WriteMarkdown(&want); err != nil {
			t.Fatal(err)
		}
		if got := c.download(key, file, "text/markdown; charset=utf-8"); !bytes.Equal(got, want.Bytes()) {
			t.Errorf("%s is not %s's summary: %s", file, s.Bidder.Name, gtest.FirstDiff(want.String(), string(got)))
		}
	}
	if strings.Contains(page, "merged.xlsx") {
		t.Error("a grid uploaded alone offers a merged workbook")
	}
	pdfData := c.download(key, "report.pdf", "application/pdf")
	if !bytes.HasPrefix(pdfData, []byte("%PDF-")) {
		t.Fatalf("report.pdf is not a PDF: %.20q", pdfData)
	}
	t.Run("pdf text", func(t *testing.T) {
		text := strings.Join(strings.Fields(gtest.PDFText(t, pdfData)), " ")
		if !strings.Contains(text, strings.Join(strings.Fields(res.Report(words).Title), " ")) {
			t.Errorf("report.pdf lacks the title %q", res.Report(words).Title)
		}
		for _, bd := range res.Ranking {
			if !strings.Contains(text, bd.Name) {
				t.Errorf("report.pdf lacks the bidder %q", bd.Name)
			}
		}
	})
}

// partly is a grid part-way through: everyone declared, the first
// evaluator scored everything, one score is off the scale, and one of the
// workbook's formulas was changed.
func partly(t *testing.T) func(w *gridtest.Workbook) error {
	return func(w *gridtest.Workbook) error {
		if err := w.Declare(); err != nil {
			return err
		}
		for _, q := range w.Meta.Moderated() {
			for b := range w.Meta.Bidders {
				v := any(grid.Pass)
				if mq := w.Meta.Questions[q]; mq.Kind == grid.Scored {
					v = mq.Points[0]
				}
				if err := w.Score(0, q, b, v); err != nil {
					return err
				}
			}
		}
		for _, q := range w.Meta.Moderated() {
			if w.Meta.Questions[q].Kind == grid.Scored {
				if err := w.Score(1, q, 0, 99); err != nil {
					return err
				}
				break
			}
		}
		return changeFormula(t, w.F, grid.Summary)
	}
}

// changeFormula replaces the first formula on sheet with another.
func changeFormula(t *testing.T, f *excelize.File, sheet string) error {
	rows, err := f.GetRows(sheet)
	if err != nil {
		return err
	}
	for r := range rows {
		for c := range rows[r] {
			ref := grid.Cell(c+1, r+1)
			if fm, _ := f.GetCellFormula(sheet, ref); fm != "" {
				return f.SetCellFormula(sheet, ref, "=1+1")
			}
		}
	}
	t.Fatalf("no formula on %s", sheet)
	return nil
}

// TestScoreProblems checks that every problem is on the page, named by its
// cell, changed formula and all.
func TestScoreProblems(t *testing.T) {
	c := newUploadTestServer(t)
	b := midshireGrid(t, partly(t))
	res := readScore(t, b)
	rr := c.upload("/score", formFile{"grid", "grid.xlsx", b})
	if rr.Code != http.StatusOK {
		t.Fatalf("POST /score = %d; want 200\n%s", rr.Code, rr.Body)
	}
	page := html.UnescapeString(rr.Body.String())
	kinds := map[score.Kind]bool{}
	for _, p := range res.Problems() {
		kinds[p.Kind] = true
		if !strings.Contains(page, "<strong>"+p.Cell()+"</strong>: "+p.Msg) {
			t.Errorf("the page does not list %s", p)
		}
	}
	for _, k := range []score.Kind{score.ChangedFormula, score.BadScore, score.MissingScore} {
		if !kinds[k] {
			t.Errorf("the grid has no problem of kind %s: the test does not test it", k)
		}
	}
	for _, g := range score.ByKind(res.Problems()) {
		if !strings.Contains(page, g.Heading(c.srv.cfg.Templates.Words)) {
			t.Errorf("the page lacks the heading %q", g.Heading(c.srv.cfg.Templates.Words))
		}
	}
	if strings.Contains(page, "summary-1.md") {
		t.Error("summaries are offered before moderation is complete")
	}
}

// TestScoreSplit uploads a split grid's moderation workbook with two
// panel members' returns: the page says who has not returned, and the
// merged workbook it offers is the one scored.
func TestScoreSplit(t *testing.T) {
	c := newUploadTestServer(t)
	p := gtest.Example(t, "midshire-highways")
	var mod bytes.Buffer
	if err := xlsx.Grid(&mod, p); err != nil {
		t.Fatal(err)
	}
	files := []formFile{{"grid", "midshire-moderation.xlsx", mod.Bytes()}}
	for _, e := range []int{1, 3} {
		var buf bytes.Buffer
		if err := xlsx.Return(&buf, p, e); err != nil {
			t.Fatal(err)
		}
		b := fillGrid(t, buf.Bytes(), func(w *gridtest.Workbook) error {
			for qi, q := range w.Meta.Questions {
				for b := range w.Meta.Bidders {
					if q.Kind == grid.Scored {
						if err := w.Score(e, qi, b, q.Points[len(q.Points)-1]); err != nil {
							return err
						}
					}
				}
			}
			return nil
		})
		files = append(files, formFile{"returns", fmt.Sprintf("return-%d.xlsx", e), b})
	}
	rr := c.upload("/score", files...)
	if rr.Code != http.StatusOK {
		t.Fatalf("POST /score = %d; want 200\n%s", rr.Code, rr.Body)
	}
	page := html.UnescapeString(rr.Body.String())
	for e, who := range p.Scoring.Panel {
		missing := regexp.MustCompile(`Not yet returned:</strong> [^<]*` + regexp.QuoteMeta(who)).MatchString(page)
		if want := e != 1 && e != 3; missing != want {
			t.Errorf("%s listed as not returned: %v; want %v", who, missing, want)
		}
	}
	key := reportKey(t, page)
	merged := c.download(key, "merged.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
	res := readScore(t, merged)
	prog := res.Progress()
	for e := range res.Panel {
		if got := prog.Scored[e] > 0; got != (e == 1 || e == 3) {
			t.Errorf("merged workbook: evaluator %d has %d scores", e, prog.Scored[e])
		}
	}
	var want bytes.Buffer
	if err := res.Report(c.srv.cfg.Templates.Words).WriteMarkdown(&want); err != nil {
		t.Fatal(err)
	}
	if got := c.download(key, "report.md", "text/markdown; charset=utf-8"); !bytes.Equal(got, want.Bytes()) {
		t.Errorf("report.md is not the merged workbook's report: %s", gtest.FirstDiff(want.String(), string(got)))
	}

	// A return given as the grid is refused, saying what to do.
	rr = c.upload("/score", formFile{"grid", "return-1.xlsx", files[1].data})
	if rr.Code != http.StatusUnprocessableEntity || !strings.Contains(rr.Body.String(), "moderation workbook") {
		t.Errorf("a return uploaded as the grid: %d\n%s", rr.Code, rr.Body)
	}
}

// notXLSX is a zip archive that is not a workbook.
func notXLSX(t *testing.T) []byte {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, err := zw.Create("word/document.xml")
	if err != nil {
		t.Fatal(err)
	}
	io.WriteString(w, "<document/>")
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestScoreRefused checks each upload a rep can put right gives the form
// again with what is wrong, never an error page.
func TestScoreRefused(t *testing.T) {
	c := newUploadTestServer(t)
	noise := make([]byte, 5000)
	rand.NewChaCha8([32]byte{1}).Read(noise)
	tampered := midshireGrid(t, func(w *gridtest.Workbook) error {
		v, err := w.F.GetCellValue(grid.Questions, "B3")
		if err != nil || v != "Ask" {
			return fmt.Errorf("Questions!B3 = %q, %v; want the heading Ask", v, err)
		}
		return w.F.SetCellStr(grid.Questions, "B3", "Clause id")
	})
	for _, tc := range []struct {
		name  string
		files []formFile
		code  int
		want  []string
	}{
		{"no file", nil, 422, []string{"Choose the completed grid"}},
		{"empty input", []formFile{{"grid", "", nil}}, 422, []string{"Choose the completed grid"}},
		{"random bytes", []formFile{{"grid", "scores.xlsx", noise}}, 422, []string{"scores.xlsx", "not an .xlsx workbook"}},
		{"a zip, not a workbook", []formFile{{"grid", "report.docx", notXLSX(t)}}, 422, []string{"report.docx", "no workbook part"}},
		{"too large", []formFile{{"grid", "huge.xlsx", make([]byte, xlsxsafe.MaxFileSize+1)}}, 422, []string{"huge.xlsx is 17 MB", "up to 16 MB"}},
		{"layout changed", []formFile{{"grid", "grid.xlsx", tampered}}, 422, []string{"layout was changed", "Questions!B3"}},
		{"two grids", []formFile{{"grid", "a.xlsx", noise}, {"grid", "b.xlsx", noise}}, 422, []string{"Choose one grid"}},
		{"hostile name", []formFile{{"grid", `<img src=x onerror=alert(1)>.xlsx`, noise}}, 422, []string{"&lt;img src=x onerror=alert(1)&gt;.xlsx: not an .xlsx workbook"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rr := c.upload("/score", tc.files...)
			body := rr.Body.String()
			if rr.Code != tc.code {
				t.Fatalf("POST /score = %d; want %d\n%s", rr.Code, tc.code, body)
			}
			if !strings.Contains(body, `class="error-summary"`) || !strings.Contains(body, `action="/score"`) {
				t.Errorf("the form is not shown again with an error summary:\n%s", body)
			}
			for _, w := range tc.want {
				if !strings.Contains(body, w) {
					t.Errorf("the page does not say %q:\n%s", w, body)
				}
			}
			if strings.Contains(body, "<img") || strings.Contains(body, "goroutine") {
				t.Errorf("the page echoes markup or a stack trace:\n%s", body)
			}
		})
	}
}

// TestUploadTooLarge sends more than an upload may hold: the form comes
// back saying so, without the server reading it all.
func TestUploadTooLarge(t *testing.T) {
	c := newUploadTestServer(t)
	for _, path := range []string{"/score", "/evidence"} {
		head, ctype := multipartBody(t, map[string]string{"csrf": c.csrf}, nil)
		headBytes, _ := io.ReadAll(head)
		// The closing boundary is left off: the body ends in the file.
		boundary := strings.TrimPrefix(ctype, "multipart/form-data; boundary=")
		prefix := bytes.TrimSuffix(headBytes, []byte("--"+boundary+"--\r\n"))
		part := "--" + boundary + "\r\nContent-Disposition: form-data; name=\"grid\"; filename=\"big.xlsx\"\r\n\r\n"
		body := io.MultiReader(bytes.NewReader(prefix), strings.NewReader(part), io.LimitReader(zeros{}, maxUploadTotal+2<<20))
		req := httptest.NewRequest(http.MethodPost, path, body)
		req.Header.Set("Content-Type", ctype)
		rr := c.do(req)
		if rr.Code != http.StatusRequestEntityTooLarge || !strings.Contains(rr.Body.String(), "too large together") {
			t.Errorf("POST %s of %d MB = %d; want 413 and the form saying so\n%s", path, maxUploadTotal>>20, rr.Code, rr.Body)
		}
	}
}

type zeros struct{}

func (zeros) Read(p []byte) (int, error) {
	clear(p)
	return len(p), nil
}

// TestUploadCSRF checks an upload without the form's token is refused.
func TestUploadCSRF(t *testing.T) {
	c := newUploadTestServer(t)
	b := midshireGrid(t, nil)
	for _, path := range []string{"/score", "/evidence"} {
		for name, fields := range map[string]map[string]string{"missing": nil, "wrong": {"csrf": "x" + c.csrf}} {
			rr := c.uploadWith(path, fields, formFile{"grid", "grid.xlsx", b}, formFile{"workbook", "grid.xlsx", b})
			if rr.Code != http.StatusForbidden {
				t.Errorf("POST %s with the token %s = %d; want 403", path, name, rr.Code)
			}
		}
	}
	// Not a multipart form at all.
	req := httptest.NewRequest(http.MethodPost, "/score", strings.NewReader("csrf="+c.csrf))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	if rr := c.do(req); rr.Code != http.StatusBadRequest {
		t.Errorf("POST /score, not multipart = %d; want 400", rr.Code)
	}
}

// TestUploadMethods checks the upload pages answer no other method.
func TestUploadMethods(t *testing.T) {
	c := newUploadTestServer(t)
	for _, tc := range []struct{ method, path string }{
		{http.MethodPut, "/score"}, {http.MethodDelete, "/evidence"}, {http.MethodPatch, "/score"},
		{http.MethodPost, "/report/" + strings.Repeat("a", 64) + "/report.md"},
	} {
		rr := c.do(httptest.NewRequest(tc.method, tc.path, nil))
		if rr.Code != http.StatusNotFound && rr.Code != http.StatusMethodNotAllowed {
			t.Errorf("%s %s = %d; want 404 or 405", tc.method, tc.path, rr.Code)
		}
	}
}

// TestReportFileNotFound checks that only the files an upload's page
// offers are served, and that a report no longer held says to upload again.
func TestReportFileNotFound(t *testing.T) {
	c := newUploadTestServer(t)
	rr := c.upload("/score", formFile{"grid", "grid.xlsx", midshireGrid(t, partly(t))})
	if rr.Code != http.StatusOK {
		t.Fatalf("POST /score = %d\n%s", rr.Code, rr.Body)
	}
	key := reportKey(t, rr.Body.String())
	for _, path := range []string{
		"/report/" + strings.Repeat("0", 64) + "/report.md",
		"/report/" + strings.ToUpper(key) + "/report.md",
		"/report/" + key[:63] + "/report.md",
		"/report/" + key + "0/report.md",
		"/report/..%2F..%2Fetc/report.md",
		"/report/" + key + "/..%2Freport.md",
		"/report/" + key + "/report.md%2F..",
		"/report/" + key + "/report.PDF",
		"/report/" + key + "/report.md%00",
		"/report/" + key + "/%20report.md",
		"/report/" + key + "/summary-1.md", // not complete: no summaries
		"/report/" + key + "/summary-01.md",
		"/report/" + key + "/merged.xlsx", // nothing merged
		"/report/" + key + "/evidence.pdf",
		"/report/" + key + "/grid.xlsx",
	} {
		rr := c.get(path)
		if rr.Code != http.StatusNotFound {
			t.Errorf("GET %s = %d; want 404", path, rr.Code)
		}
	}
	rr = c.get("/report/" + strings.Repeat("0", 64) + "/report.md")
	if !strings.Contains(rr.Body.String(), "upload the workbook again") {
		t.Errorf("an unknown report's page does not say to upload again:\n%s", rr.Body)
	}
	if rr := c.get("/report/" + key + "/report.md"); rr.Code != http.StatusOK {
		t.Errorf("GET the report = %d; want 200", rr.Code)
	}
}

// filledMonitoring writes the Strathmore example's monitoring workbook,
// fills it in as a branch would, lets edit change it, and returns it.
func filledMonitoring(t *testing.T, edit func(*excelize.File)) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := xlsx.Monitoring(&buf, gtest.Example(t, "strathmore-catering")); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows(monitor.MetaSheet)
	if err != nil {
		t.Fatal(err)
	}
	m, err := monitor.Decode(rows)
	if err != nil {
		t.Fatal(err)
	}
	monitortest.Fill(t, f, m, 11)
	if edit != nil {
		edit(f)
	}
	buf.Reset()
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func readMonitoring(t *testing.T, b []byte) *monitor.Result {
	t.Helper()
	res, err := monitor.Read(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// TestEvidenceUpload uploads a filled monitoring workbook: the page shows
// the report, listing the unresolved workers' reports and no others, and
// every format downloads.
func TestEvidenceUpload(t *testing.T) {
	c := newUploadTestServer(t)
	b := filledMonitoring(t, nil)
	res := readMonitoring(t, b)
	rr := c.upload("/evidence", formFile{"workbook", "strathmore-monitoring.xlsx", b})
	if rr.Code != http.StatusOK {
		t.Fatalf("POST /evidence = %d; want 200\n%s", rr.Code, rr.Body)
	}
	page := rr.Body.String()
	if strings.Contains(page, "This report is incomplete") {
		t.Error("a workbook with no problems gives a report said to be incomplete")
	}
	_, doc, ok := strings.Cut(html.UnescapeString(page), `<div class="document">`)
	if !ok {
		t.Fatalf("the page does not show the report:\n%s", page)
	}
	unresolved := 0
	for _, rep := range res.Reports {
		listed := regexp.MustCompile(`\b` + regexp.QuoteMeta(rep.Evidence) + `\b`).MatchString(doc)
		want := rep.Status == res.Meta.Statuses[3]
		if want {
			unresolved++
		}
		if listed != want {
			t.Errorf("workers' report %s (%s): listed %v; want %v", rep.Evidence, rep.Status, listed, want)
		}
	}
	if unresolved == 0 {
		t.Error("the filled workbook has no unresolved reports: the test does not test the list")
	}
	key := reportKey(t, page)
	words := c.srv.cfg.Templates.Words
	for _, tc := range []struct{ file, ctype, start string }{
		{"evidence.pdf", "application/pdf", "%PDF-"},
		{"evidence.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "PK"},
		{"evidence.html", "text/html; charset=utf-8", "<!DOCTYPE html>"},
		{"evidence.md", "text/markdown; charset=utf-8", ""},
	} {
		got := c.download(key, tc.file, tc.ctype)
		if !bytes.HasPrefix(got, []byte(tc.start)) {
			t.Errorf("%s begins %.20q; want %q", tc.file, got, tc.start)
		}
		if tc.file == "evidence.pdf" {
			t.Run("pdf text", func(t *testing.T) {
				text := strings.Join(strings.Fields(gtest.PDFText(t, got)), " ")
				for _, want := range []string{"Re-tender evidence report", "Campus Fresh Catering Ltd"} {
					if !strings.Contains(text, want) {
						t.Errorf("evidence.pdf lacks %q", want)
					}
				}
			})
		}
		if tc.file == "evidence.md" {
			var want bytes.Buffer
			if err := markdown.Write(&want, evidence.Build(res, words, gtest.Now)); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, want.Bytes()) {
				t.Errorf("evidence.md is not the workbook's report: %s", gtest.FirstDiff(want.String(), string(got)))
			}
		}
	}
}

// TestEvidenceProblems checks that a changed layout gives the form again
// naming the cell, and that an entry the report cannot use still gives the
// report, said to be incomplete, with the cell named.
func TestEvidenceProblems(t *testing.T) {
	c := newUploadTestServer(t)
	sumCell := monitor.Cell(2, monitor.SumPeriodRow(0))
	tampered := filledMonitoring(t, func(f *excelize.File) {
		if err := f.SetCellFormula(monitor.Summary, sumCell, "=1+1"); err != nil {
			t.Fatal(err)
		}
	})
	rr := c.upload("/evidence", formFile{"workbook", "m.xlsx", tampered})
	if body := rr.Body.String(); rr.Code != http.StatusUnprocessableEntity || !strings.Contains(body, "Summary!"+sumCell) || !strings.Contains(body, `class="error-summary"`) {
		t.Errorf("a tampered layout: %d; want 422 naming Summary!%s\n%s", rr.Code, sumCell, body)
	}

	offList := filledMonitoring(t, func(f *excelize.File) {
		monitortest.Set(t, f, monitor.KPISheet, monitor.KRating, monitor.FirstRow, "Splendid")
	})
	res := readMonitoring(t, offList)
	if len(res.Problems) == 0 {
		t.Fatal("an off-list rating is not a problem: the test does not test it")
	}
	rr = c.upload("/evidence", formFile{"workbook", "m.xlsx", offList})
	page := html.UnescapeString(rr.Body.String())
	if rr.Code != http.StatusOK || !strings.Contains(page, "This report is incomplete") {
		t.Fatalf("an off-list entry: %d; want 200 and the report said to be incomplete\n%s", rr.Code, page)
	}
	for _, p := range res.Problems {
		if !strings.Contains(page, p.String()) {
			t.Errorf("the page does not name %s", p)
		}
	}
	if cell := monitor.KPISheet + "!" + monitor.Cell(monitor.KRating, monitor.FirstRow); !strings.Contains(page, cell) {
		t.Errorf("the page does not name %s", cell)
	}

	for _, tc := range []struct {
		name string
		data []byte
		want string
	}{
		{"a grid", midshireGrid(t, nil), "not a goldenthread contract-monitoring workbook"},
		{"a zip", notXLSX(t), "not an .xlsx workbook"},
	} {
		rr := c.upload("/evidence", formFile{"workbook", "w.xlsx", tc.data})
		if rr.Code != http.StatusUnprocessableEntity || !strings.Contains(rr.Body.String(), tc.want) {
			t.Errorf("%s uploaded for evidence: %d; want 422 saying %q\n%s", tc.name, rr.Code, tc.want, rr.Body)
		}
	}
	if rr := c.upload("/evidence"); rr.Code != http.StatusUnprocessableEntity || !strings.Contains(rr.Body.String(), "Choose the completed contract-monitoring workbook") {
		t.Errorf("no workbook: %d\n%s", rr.Code, rr.Body)
	}
}
