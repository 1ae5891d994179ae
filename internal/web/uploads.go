package web

import (
	"bytes"
	"cmp"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"log"
	"net/http"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/goldenthread/goldenthread/internal/evidence"
	"github.com/goldenthread/goldenthread/internal/monitor"
	"github.com/goldenthread/goldenthread/internal/render/doc"
	"github.com/goldenthread/goldenthread/internal/render/docx"
	"github.com/goldenthread/goldenthread/internal/render/html"
	"github.com/goldenthread/goldenthread/internal/render/markdown"
	"github.com/goldenthread/goldenthread/internal/render/pdf"
	"github.com/goldenthread/goldenthread/internal/score"
	"github.com/goldenthread/goldenthread/internal/xlsxsafe"
)

// Limits on an upload: a split grid's moderation workbook and up to 19
// returns, each no larger than the readers open, and at most 128 MiB in all
// (held in memory while they are read).
const (
	maxUploadFiles = 20
	maxUploadTotal = min(maxUploadFiles*xlsxsafe.MaxFileSize, 128<<20)
	// uploadMemory is how much of a form is held in memory while it is
	// parsed; the rest goes to temporary files, removed afterwards.
	uploadMemory = 8 << 20
)

// upFile is one uploaded workbook, read whole.
type upFile struct {
	name string // as the rep's computer named it, for messages only
	data []byte
}

// readUpload parses a posted multipart form and reads the files of each
// field in fields into memory. A form that is too large, or a file too large
// or missing where one is needed, is given to again to draw the form with
// the problems; a form that cannot be read at all, or fails its CSRF check,
// gets an error page. Either way it returns false.
func (s *Server) readUpload(w http.ResponseWriter, r *http.Request, fields []string, again func(status int, es []fieldError)) (map[string][]upFile, bool) {
	// The form's own fields and each part's headers take a little more than
	// the files.
	r.Body = http.MaxBytesReader(w, r.Body, maxUploadTotal+1<<20)
	err := r.ParseMultipartForm(uploadMemory)
	if r.MultipartForm != nil {
		defer r.MultipartForm.RemoveAll()
	}
	var mb *http.MaxBytesError
	switch {
	case errors.As(err, &mb):
		again(http.StatusRequestEntityTooLarge, []fieldError{{fields[0], fmt.Sprintf(
			"The files are too large together: goldenthread takes up to %s in one upload, and each workbook up to %s", mib(maxUploadTotal), mib(xlsxsafe.MaxFileSize))}})
		return nil, false
	case err != nil:
		s.fail(w, r, http.StatusBadRequest, "bad-form", "The form could not be read. Go back, reload the page and choose the files again.")
		return nil, false
	}
	if !s.csrfOK(r) {
		s.fail(w, r, http.StatusForbidden, "csrf", "This form has expired or came from somewhere else, so it was not used. Go back, reload the page and try again.")
		return nil, false
	}
	files := map[string][]upFile{}
	var es []fieldError
	n := 0
	for _, field := range fields {
		for _, fh := range r.MultipartForm.File[field] {
			if fh.Filename == "" && fh.Size == 0 {
				continue // an input left empty
			}
			name := displayName(fh.Filename)
			if n++; n > maxUploadFiles {
				es = append(es, fieldError{field, fmt.Sprintf("Upload at most %d workbooks at once", maxUploadFiles)})
				again(http.StatusUnprocessableEntity, es)
				return nil, false
			}
			if fh.Size > xlsxsafe.MaxFileSize {
				es = append(es, fieldError{field, fmt.Sprintf("%s is %s: goldenthread reads workbooks up to %s. Is it the workbook goldenthread made?", name, mib(fh.Size), mib(xlsxsafe.MaxFileSize))})
				continue
			}
			f, err := fh.Open()
			if err != nil {
				es = append(es, fieldError{field, name + " could not be read. Choose it again."})
				continue
			}
			data, err := io.ReadAll(io.LimitReader(f, xlsxsafe.MaxFileSize+1))
			f.Close()
			if err != nil {
				es = append(es, fieldError{field, name + " could not be read. Choose it again."})
				continue
			}
			files[field] = append(files[field], upFile{name: name, data: data})
		}
	}
	if len(es) > 0 {
		again(http.StatusUnprocessableEntity, es)
		return nil, false
	}
	return files, true
}

// mib writes a size in whole mebibytes, as "16 MB".
func mib(n int64) string { return strconv.FormatInt((n+1<<20-1)>>20, 10) + " MB" }

// displayName is an uploaded file's name as messages show it: the last
// part of whatever path the browser sent, without control characters, cut
// short.
func displayName(name string) string {
	if i := strings.LastIndexAny(name, `/\`); i >= 0 {
		name = name[i+1:]
	}
	name = strings.Map(func(r rune) rune {
		if r < ' ' || r == 0x7f || r == utf8.RuneError {
			return -1
		}
		return r
	}, name)
	name = clip(name, 80)
	if name == "" {
		return "The file"
	}
	return name
}

// fileStem is an uploaded file's name as the names of the files made from
// it begin: ASCII letters, digits, hyphens and underscores only, so that
// every operating system and mail client takes it as it is.
func fileStem(name, fallback string) string {
	name = strings.TrimSuffix(displayName(name), ".xlsx")
	var b strings.Builder
	hyphen := false
	for _, r := range name {
		switch {
		case r < utf8.RuneSelf && (r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '_'):
			if hyphen && b.Len() > 0 {
				b.WriteByte('-')
			}
			hyphen = false
			b.WriteRune(r)
		default:
			hyphen = true
		}
		if b.Len() >= 60 {
			break
		}
	}
	if b.Len() == 0 {
		return fallback
	}
	return b.String()
}

// digest names an upload: the kind of report and every file, name and
// bytes. It is the key of the report's address.
func digest(kind string, files ...upFile) string {
	h := sha256.New()
	io.WriteString(h, kind)
	for _, f := range files {
		var n [8]byte
		binary.BigEndian.PutUint64(n[:], uint64(len(f.name)))
		h.Write(n[:])
		io.WriteString(h, f.name)
		binary.BigEndian.PutUint64(n[:], uint64(len(f.data)))
		h.Write(n[:])
		h.Write(f.data)
	}
	return hex.EncodeToString(h.Sum(nil))
}

// validKey says whether key could be a digest: 64 lower-case hex digits.
func validKey(key string) bool {
	if len(key) != 2*sha256.Size {
		return false
	}
	for i := range len(key) {
		if c := key[i]; !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f') {
			return false
		}
	}
	return true
}

func uploadKey(key string) string { return "upload\x00" + key }

// readSafely runs read, turning a panic in a reader given a hostile file
// into an error: a generation must finish for the cache to release those
// waiting on it.
func readSafely(name string, read func() (any, int64, error)) (v any, size int64, err error) {
	defer func() {
		if p := recover(); p != nil {
			log.Printf("goldenthread serve: reading %s: %v", name, p)
			v, size, err = nil, 0, fmt.Errorf("%w: goldenthread could not read it", xlsxsafe.ErrNotWorkbook)
		}
	}()
	return read()
}

// --- Scoring a grid ---

// scoreData is the score form, with what is wrong with what was sent.
type scoreData struct {
	Errors []fieldError
}

const scoreTitle = "Score a completed evaluation grid"

func (s *Server) scoreForm(w http.ResponseWriter, r *http.Request) {
	s.render(w, r, http.StatusOK, "score", scoreTitle, "score", scoreData{})
}

// scoredGrid is an uploaded grid read back: what the report page and its
// downloads are made from.
type scoredGrid struct {
	file   string // the grid's (or moderation workbook's) name as uploaded
	stem   string // the downloads' names begin with it
	res    *score.Result
	merged *score.Merged // nil when no returns were merged
	nret   int           // returns uploaded
}

func (s *Server) scoreUpload(w http.ResponseWriter, r *http.Request) {
	again := func(status int, es []fieldError) {
		s.render(w, r, status, "score", scoreTitle, "score", scoreData{Errors: es})
	}
	files, ok := s.readUpload(w, r, []string{"grid", "returns"}, again)
	if !ok {
		return
	}
	grids := files["grid"]
	switch {
	case len(grids) == 0:
		again(http.StatusUnprocessableEntity, []fieldError{{"grid", "Choose the completed grid, or for a split grid the moderation workbook"}})
		return
	case len(grids) > 1:
		again(http.StatusUnprocessableEntity, []fieldError{{"grid", "Choose one grid: for a split grid, the moderation workbook here and the panel's returned workbooks below"}})
		return
	}
	mod, returns := grids[0], files["returns"]
	key := digest("score", append([]upFile{mod}, returns...)...)
	v, err := s.cache.get(r.Context(), uploadKey(key), func() (any, int64, error) {
		return readSafely(mod.name, func() (any, int64, error) { return readGrid(mod, returns) })
	})
	if r.Context().Err() != nil {
		return // the browser went away
	}
	if err != nil {
		field := "grid"
		if len(returns) > 0 && !strings.HasPrefix(err.Error(), mod.name+": ") {
			field = "returns"
		}
		again(http.StatusUnprocessableEntity, gridErrors(field, mod.name, err))
		return
	}
	p := s.scorePage(key, v.(*scoredGrid))
	s.render(w, r, http.StatusOK, "score-report", p.Title, "score", p)
}

// readGrid reads the grid, merging the returns into it first if there are
// any.
func readGrid(mod upFile, returns []upFile) (any, int64, error) {
	g := &scoredGrid{file: mod.name, stem: fileStem(mod.name, "grid"), nret: len(returns)}
	data := mod.data
	size := int64(len(mod.data))
	if len(returns) > 0 {
		var rs []score.File
		for _, f := range returns {
			rs = append(rs, score.File{Name: f.name, Data: f.data})
			size += int64(len(f.data))
		}
		m, err := score.Merge(score.File{Name: mod.name, Data: mod.data}, rs)
		if err != nil {
			return nil, 0, err
		}
		g.merged, data = m, m.Data
		g.stem += "-merged"
		size += int64(len(m.Data))
	}
	res, err := score.Read(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, 0, fmt.Errorf("%s: %w", mod.name, err)
	}
	g.res = res
	// What a result holds grows with the workbook's cells: twice the file
	// is a generous bound for a zip of XML.
	return g, 2 * size, nil
}

// gridErrors puts an error reading a grid into the form's problems; a
// changed layout lists every cell.
func gridErrors(field, name string, err error) []fieldError {
	var le *score.LayoutError
	if errors.As(err, &le) {
		prefix := strings.TrimSuffix(err.Error(), le.Error())
		if prefix == "" {
			prefix = name + ": "
		}
		es := []fieldError{{field, prefix + "the grid's layout was changed, so goldenthread cannot trust its figures. Score the grid as goldenthread made it, with only the panel's entries filled in. What differs:"}}
		for _, p := range le.Problems {
			es = append(es, fieldError{"", p.String()})
		}
		return es
	}
	msg := err.Error()
	switch {
	case errors.Is(err, score.ErrTooLarge), errors.Is(err, score.ErrNotWorkbook):
		msg += ". Upload the .xlsx workbook goldenthread made, saved from your spreadsheet program as an Excel workbook"
	case errors.Is(err, score.ErrNotGrid):
		msg += ". Upload a grid made by goldenthread (Download › Evaluation grid on a profile's page)"
	}
	return []fieldError{{field, msg}}
}

// scorePage is the report page of a scored grid.
type scorePage struct {
	Key      string
	File     string
	Title    string
	Subtitle []string
	Merged   *mergedView

	Lines    []string // how far the panel has got
	Progress *score.Table
	Bidders  []bidderRow
	Final    bool // ranks stand

	Complete bool
	Problems []problemGroup
	Count    int

	Downloads   []download
	Unprintable string // characters the PDF cannot print, or ""
	Report      *score.Report
}

type mergedView struct {
	Returns       int
	From, Missing []string
}

type bidderRow struct {
	Name, Score, Status, Rank string
}

type problemGroup struct {
	Heading   string
	Untouched bool // nobody has begun on these cells: the progress says so
	Problems  []score.Problem
}

var statusWords = map[score.Status]string{score.Pass: "Pass", score.Fail: "Fail", score.Incomplete: "Incomplete"}

func (s *Server) scorePage(key string, g *scoredGrid) scorePage {
	words := s.cfg.Templates.Words
	res := g.res
	rep := res.Report(words)
	sum := res.ProgressSummary(words)
	p := scorePage{
		Key: key, File: g.file, Title: rep.Title, Subtitle: rep.Subtitle,
		Lines: sum.Lines, Progress: sum.Table, Final: res.RanksFinal,
		Complete: res.Complete(), Count: len(res.Problems()), Report: rep,
	}
	if g.merged != nil {
		p.Merged = &mergedView{Returns: g.nret, From: g.merged.From, Missing: g.merged.Missing}
	}
	for _, b := range res.Ranking {
		row := bidderRow{Name: b.Name, Score: "–", Status: cmp.Or(statusWords[b.Status], string(b.Status)), Rank: "–"}
		if b.Status != score.Incomplete {
			row.Score = fmt.Sprintf("%.2f", b.Score)
		}
		if b.Status == score.Fail && len(b.Failed) > 0 {
			row.Status += ": " + strings.Join(b.Failed, ", ")
		}
		if b.Rank > 0 {
			row.Rank = strconv.Itoa(b.Rank)
			if b.Tied {
				row.Rank += "="
			}
		}
		p.Bidders = append(p.Bidders, row)
	}
	untouched := res.Progress().Untouched
	for _, gr := range score.ByKind(res.Problems()) {
		p.Problems = append(p.Problems, problemGroup{Heading: gr.Heading(words), Untouched: untouched(gr.Kind), Problems: gr.Problems})
	}
	if rs := pdf.ScoreReport(rep, res, words, s.cfg.Now(), "").Unprintable(); len(rs) > 0 {
		p.Unprintable = string(rs)
	}
	for _, f := range g.files(s) {
		p.Downloads = append(p.Downloads, download{File: f.download, Label: f.label, Href: "/report/" + key + "/" + f.name})
	}
	return p
}

// reportFile is one file an upload gives.
type reportFile struct {
	name     string // in the report's address: "report.pdf"
	download string // as saved: "midshire-grid-report.pdf"
	label    string
	make     func(s *Server) ([]byte, error)
}

// files lists the files a scored grid gives, in the order offered: the
// report, the merged workbook if there is one, and once moderation is
// complete each bidder's draft assessment summary.
func (g *scoredGrid) files(s *Server) []reportFile {
	out := []reportFile{
		{"report.pdf", g.stem + "-report.pdf", "Moderation report (PDF)", func(s *Server) ([]byte, error) {
			w := s.cfg.Templates.Words
			var b bytes.Buffer
			err := pdf.RenderReport(&b, pdf.ScoreReport(g.res.Report(w), g.res, w, s.cfg.Now(), "goldenthread "+s.cfg.Version))
			return b.Bytes(), err
		}},
		{"report.md", g.stem + "-report.md", "Moderation report (Markdown)", func(s *Server) ([]byte, error) {
			var b bytes.Buffer
			err := g.res.Report(s.cfg.Templates.Words).WriteMarkdown(&b)
			return b.Bytes(), err
		}},
	}
	if g.merged != nil {
		out = append(out, reportFile{"merged.xlsx", g.stem + ".xlsx", "The merged workbook, to moderate in (Excel)", func(*Server) ([]byte, error) {
			return g.merged.Data, nil
		}})
	}
	for _, sum := range g.res.Summaries(s.cfg.Templates.Words) {
		n := strconv.Itoa(sum.Bidder.No)
		out = append(out, reportFile{"summary-" + n + ".md", g.stem + "-summary-" + n + ".md",
			"Draft assessment summary for " + sum.Bidder.Name + " (Markdown)", func(*Server) ([]byte, error) {
				var b bytes.Buffer
				err := sum.WriteMarkdown(&b)
				return b.Bytes(), err
			}})
	}
	return out
}

// --- The evidence report ---

// evidenceData is the evidence form, with what is wrong with what was sent.
type evidenceData struct {
	Errors []fieldError
}

const evidenceTitle = "Make the re-tender evidence report"

func (s *Server) evidenceForm(w http.ResponseWriter, r *http.Request) {
	s.render(w, r, http.StatusOK, "evidence", evidenceTitle, "evidence", evidenceData{})
}

// monitored is an uploaded monitoring workbook read back.
type monitored struct {
	file string
	stem string
	res  *monitor.Result
}

func (s *Server) evidenceUpload(w http.ResponseWriter, r *http.Request) {
	again := func(status int, es []fieldError) {
		s.render(w, r, status, "evidence", evidenceTitle, "evidence", evidenceData{Errors: es})
	}
	files, ok := s.readUpload(w, r, []string{"workbook"}, again)
	if !ok {
		return
	}
	wbs := files["workbook"]
	switch {
	case len(wbs) == 0:
		again(http.StatusUnprocessableEntity, []fieldError{{"workbook", "Choose the completed contract-monitoring workbook"}})
		return
	case len(wbs) > 1:
		again(http.StatusUnprocessableEntity, []fieldError{{"workbook", "Choose one monitoring workbook"}})
		return
	}
	wb := wbs[0]
	key := digest("evidence", wb)
	v, err := s.cache.get(r.Context(), uploadKey(key), func() (any, int64, error) {
		return readSafely(wb.name, func() (any, int64, error) {
			res, err := monitor.Read(bytes.NewReader(wb.data), int64(len(wb.data)))
			if err != nil {
				return nil, 0, err
			}
			return &monitored{file: wb.name, stem: fileStem(wb.name, "monitoring"), res: res}, 2 * int64(len(wb.data)), nil
		})
	})
	if r.Context().Err() != nil {
		return
	}
	if err != nil {
		again(http.StatusUnprocessableEntity, monitoringErrors(wb.name, err))
		return
	}
	m := v.(*monitored)
	d := evidence.Build(m.res, s.cfg.Templates.Words, s.cfg.Now())
	s.render(w, r, http.StatusOK, "evidence-report", cmp.Or(d.Meta.Title, "Re-tender evidence report"), "evidence", s.evidencePage(key, m, d))
}

// monitoringErrors puts an error reading a monitoring workbook into the
// form's problems; a changed layout lists every cell.
func monitoringErrors(name string, err error) []fieldError {
	var le *monitor.LayoutError
	if errors.As(err, &le) {
		es := []fieldError{{"workbook", name + ": the workbook's record or layout was changed, so goldenthread cannot trust it. Use the workbook as goldenthread made it, with only the cells to fill in changed. What differs:"}}
		for _, p := range le.Problems {
			es = append(es, fieldError{"", p.String()})
		}
		return es
	}
	msg := name + ": " + err.Error()
	switch {
	case errors.Is(err, xlsxsafe.ErrTooLarge), errors.Is(err, xlsxsafe.ErrNotWorkbook):
		msg += ". Upload the .xlsx workbook goldenthread made, saved from your spreadsheet program as an Excel workbook"
	case errors.Is(err, monitor.ErrNotMonitoring):
		msg += ". Upload a contract-monitoring workbook made by goldenthread (Download › Contract-monitoring workbook on a profile's page)"
	}
	return []fieldError{{"workbook", msg}}
}

// evidencePage is the evidence report's page.
type evidencePage struct {
	Key, File       string
	Title, Subtitle string
	KPIs, Reports   int
	Problems        []monitor.Problem // entries the report cannot use
	Downloads       []download
	Doc             []docBlock // the report itself
}

func (s *Server) evidencePage(key string, m *monitored, d *doc.Document) evidencePage {
	p := evidencePage{
		Key: key, File: m.file, Title: d.Meta.Title, Subtitle: d.Meta.Subtitle,
		KPIs: len(m.res.KPIs), Reports: len(m.res.Reports), Problems: m.res.Problems,
		Doc: docBlocks(d.Blocks, d.Blocks),
	}
	for _, f := range m.files() {
		p.Downloads = append(p.Downloads, download{File: f.download, Label: f.label, Href: "/report/" + key + "/" + f.name})
	}
	return p
}

// files lists the evidence report's formats, PDF first.
func (m *monitored) files() []reportFile {
	write := func(fn func(io.Writer, *doc.Document) error) func(*Server) ([]byte, error) {
		return func(s *Server) ([]byte, error) {
			var b bytes.Buffer
			err := fn(&b, evidence.Build(m.res, s.cfg.Templates.Words, s.cfg.Now()))
			return b.Bytes(), err
		}
	}
	return []reportFile{
		{"evidence.pdf", m.stem + "-evidence.pdf", "Evidence report (PDF)", func(s *Server) ([]byte, error) {
			var b bytes.Buffer
			err := pdf.RenderDocument(&b, evidence.Build(m.res, s.cfg.Templates.Words, s.cfg.Now()), s.cfg.Templates.Words.Get("asks.page"))
			return b.Bytes(), err
		}},
		{"evidence.docx", m.stem + "-evidence.docx", "Evidence report (Word)", write(docx.Write)},
		{"evidence.html", m.stem + "-evidence.html", "Evidence report (web page)", write(html.Write)},
		{"evidence.md", m.stem + "-evidence.md", "Evidence report (Markdown)", write(markdown.Write)},
	}
}

// --- Downloads ---

// reportFile serves a file an upload gave, made again from the upload
// the cache holds. Only the names the upload's page offers are served.
func (s *Server) reportFile(w http.ResponseWriter, r *http.Request) {
	key, name := r.PathValue("key"), r.PathValue("file")
	back := "/score"
	if strings.HasPrefix(name, "evidence.") {
		back = "/evidence"
	}
	gone := func() {
		s.failBack(w, r, http.StatusNotFound, "not-found", "goldenthread no longer holds this report. It keeps reports only while it runs, and lets the oldest go when it needs the room: upload the workbook again for a new one.", back)
	}
	if !validKey(key) {
		gone()
		return
	}
	v, ok := s.cache.peek(uploadKey(key))
	if !ok {
		gone()
		return
	}
	var files []reportFile
	switch u := v.(type) {
	case *scoredGrid:
		files = u.files(s)
	case *monitored:
		files = u.files()
	}
	for _, f := range files {
		if f.name != name {
			continue
		}
		day := s.cfg.Now().Format("2006-01-02")
		b, err := s.cache.get(r.Context(), strings.Join([]string{"report", key, day, name}, "\x00"), func() (any, int64, error) {
			return readSafely(name, func() (any, int64, error) {
				b, err := f.make(s)
				return b, int64(len(b)), err
			})
		})
		if r.Context().Err() != nil {
			return
		}
		if err != nil {
			s.failBack(w, r, http.StatusInternalServerError, "output", "goldenthread could not make this file: "+err.Error(), back)
			return
		}
		serveFile(w, f.download, b.([]byte), true)
		return
	}
	s.failBack(w, r, http.StatusNotFound, "not-found", "This report has no file called "+name+".", back)
}

// --- The document on the page ---

// docBlock is a block of a document as the page draws it: Kind says which
// fields are used.
type docBlock struct {
	Kind    string // "h2"…"h4", "p", "small", "label", "list", "table", "facts", "note", "contents"
	ID      string
	Text    string // a heading's, with its number; a table's caption; a note's label
	Inlines []doc.Inline
	Ordered bool
	Items   [][]doc.Inline
	Header  []string
	Rows    []docRow
	Facts   []doc.Fact
	Blocks  []docBlock // a note's
	Entries []docBlock // the contents' headings
	Sub     bool       // a contents entry below the first level
}

type docRow struct {
	ID    string
	Group bool
	Cells [][]doc.Inline
}

// docID keeps a document's anchors apart from the page's own.
func docID(id string) string {
	if id == "" {
		return ""
	}
	return "doc-" + id
}

// docInlines points the document's own links at the page's anchors.
func docInlines(in []doc.Inline) []doc.Inline {
	out := make([]doc.Inline, len(in))
	for i, r := range in {
		if strings.HasPrefix(r.Link, "#") {
			r.Link = "#" + docID(r.Link[1:])
		} else if !strings.HasPrefix(r.Link, "https://") && !strings.HasPrefix(r.Link, "http://") {
			r.Link = ""
		}
		out[i] = r
	}
	return out
}

// docBlocks converts blocks for the page; all is the whole document, for
// its contents. A document's level 1 is the page's h2: the page's h1 is
// its title.
func docBlocks(bs, all []doc.Block) []docBlock {
	var out []docBlock
	for _, b := range bs {
		switch v := b.(type) {
		case doc.Heading:
			out = append(out, docBlock{Kind: "h" + strconv.Itoa(min(max(v.Level, 1), 3)+1), ID: docID(v.ID), Text: strings.TrimSpace(v.Number + " " + v.Text)})
		case doc.Paragraph:
			kind := map[doc.Style]string{doc.Body: "p", doc.Small: "small", doc.Label: "label"}[v.Style]
			out = append(out, docBlock{Kind: cmp.Or(kind, "p"), Inlines: docInlines(v.Inlines)})
		case doc.List:
			bl := docBlock{Kind: "list", Ordered: v.Ordered}
			for _, it := range v.Items {
				bl.Items = append(bl.Items, docInlines(it))
			}
			out = append(out, bl)
		case doc.Table:
			bl := docBlock{Kind: "table", Text: v.Caption, Header: v.Header}
			for _, row := range v.Rows {
				dr := docRow{ID: docID(row.ID), Group: row.Group}
				for _, c := range row.Cells {
					dr.Cells = append(dr.Cells, docInlines(c))
				}
				bl.Rows = append(bl.Rows, dr)
			}
			out = append(out, bl)
		case doc.Facts:
			bl := docBlock{Kind: "facts"}
			for _, f := range v.Items {
				bl.Facts = append(bl.Facts, doc.Fact{Label: f.Label, Value: docInlines(f.Value)})
			}
			out = append(out, bl)
		case doc.Note:
			out = append(out, docBlock{Kind: "note", Text: v.Label, Blocks: docBlocks(v.Blocks, all)})
		case doc.Contents:
			bl := docBlock{Kind: "contents", Text: v.Title}
			for _, h := range all {
				if hd, ok := h.(doc.Heading); ok && hd.ID != "" && hd.Level <= v.Depth {
					bl.Entries = append(bl.Entries, docBlock{ID: docID(hd.ID), Text: strings.TrimSpace(hd.Number + " " + hd.Text), Sub: hd.Level > 1})
				}
			}
			out = append(out, bl)
		}
	}
	return out
}
