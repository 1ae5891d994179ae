package web

import (
	"context"
	"errors"
	"io"
	"net/http/httptest"
	"os"
	"path/filepath"
	"testing"
	"time"

	cdpbrowser "github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"github.com/goldenthread/goldenthread/clauses"
	"github.com/goldenthread/goldenthread/internal/assemble"
	"github.com/goldenthread/goldenthread/internal/diag"
	"github.com/goldenthread/goldenthread/internal/library"
	"github.com/goldenthread/goldenthread/internal/model"
	"github.com/goldenthread/goldenthread/internal/profile"
	"github.com/goldenthread/goldenthread/internal/render/doc"
	"github.com/goldenthread/goldenthread/internal/render/docx"
	"github.com/goldenthread/goldenthread/internal/render/html"
	"github.com/goldenthread/goldenthread/internal/render/html/htmltest"
	"github.com/goldenthread/goldenthread/internal/render/markdown"
	"github.com/goldenthread/goldenthread/internal/render/pdf"
	"github.com/goldenthread/goldenthread/internal/render/xlsx"
	"github.com/goldenthread/goldenthread/templates"
)

// app is the web app served over HTTP on 127.0.0.1, as serve runs it, over
// a workspace holding copies of the examples.
type app struct {
	URL string
	Dir string // the workspace
	Lib *library.Library
}

// startApp serves the app with real outputs and a real starter.
func startApp(t *testing.T) *app {
	t.Helper()
	lib, list := library.Load(library.Layer{FS: templates.FS, Dir: "templates"},
		[]library.Layer{{Name: library.LayerLibrary, FS: clauses.FS, Dir: "clauses", Built: true}}, editNow)
	if list.Count(diag.Error) > 0 {
		t.Fatal(list.Err())
	}
	tmpl, tl := assemble.LoadTemplates(templates.FS, "templates", assemble.DefaultLanguage)
	if err := tl.Err(); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	exs, _ := filepath.Glob("../../examples/*.toml")
	for _, f := range exs {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, filepath.Base(f)), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	s, err := New(Config{
		Workspace: dir, Addr: "127.0.0.1:0", Templates: tmpl, Version: "test",
		Library: func() (*Library, error) { return &Library{Library: lib, Version: "v1"}, nil },
		Now:     func() time.Time { return editNow },
		Outputs: e2eOutputs(),
		Starter: func(lib *library.Library, file string, o Starter) ([]byte, error) {
			return profile.Starter(lib, templates.FS, file, profile.StarterOptions(o), editNow)
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(s.Handler()) // on 127.0.0.1, which the host check accepts
	t.Cleanup(srv.Close)
	return &app{URL: srv.URL, Dir: dir, Lib: lib}
}

// e2eOutputs are the outputs serve offers, built from the renderers as
// the command line builds its own.
func e2eOutputs() []Output {
	never := func(*model.Pack) string { return "" }
	edit := func(kind string, build func(*model.Pack) *doc.Document) []Output {
		var out []Output
		for _, w := range []struct {
			ext   string
			write func(io.Writer, *doc.Document) error
		}{{".docx", docx.Write}, {".html", html.Write}, {".md", markdown.Write}} {
			out = append(out, Output{File: kind + w.ext, Label: kind + " (" + w.ext + ")", Missing: never,
				Render: func(wr io.Writer, p *model.Pack) error { return w.write(wr, build(p)) }})
		}
		return out
	}
	out := []Output{{File: "asks.pdf", Label: "Asks paper (PDF)", Render: pdf.Render, Missing: never}}
	out = append(out, edit("asks", doc.Asks)...)
	out = append(out, edit("specification", doc.Spec)...)
	out = append(out,
		Output{File: "grid.xlsx", Label: "Evaluation grid", Render: xlsx.Grid, Scoring: true, Missing: func(p *model.Pack) string {
			if len(p.Scoring.Panel) == 0 || len(p.Questions) == 0 {
				return "needs a panel and a scored question"
			}
			return ""
		}},
		Output{File: "monitoring.xlsx", Label: "Contract-monitoring workbook", Render: xlsx.Monitoring, Missing: func(p *model.Pack) string {
			if p.Contract.Start.IsZero() {
				return "needs a [contract] table"
			}
			return ""
		}},
	)
	return out
}

// tab is a browser tab driven by a test, with the app it is on.
type tab struct {
	t         *testing.T
	ctx       context.Context
	app       *app
	downloads string // the folder downloads land in
}

// stepTime bounds one step: a step that waits for what never comes fails
// with the step named, not at the end of the whole flow.
const stepTime = 20 * time.Second

// newTab opens a tab in the browser of ctx (a new browser when ctx is nil)
// with downloads going to a temporary folder, and with JavaScript turned
// off when noScript is set.
func newTab(t *testing.T, a *app, parent context.Context, noScript bool) *tab {
	t.Helper()
	var ctx context.Context
	if parent == nil {
		ctx = htmltest.Browser(t)
	} else {
		var cancel context.CancelFunc
		ctx, cancel = chromedp.NewContext(parent)
		t.Cleanup(cancel)
	}
	tb := &tab{t: t, ctx: ctx, app: a, downloads: t.TempDir()}
	// The first action starts the browser and the tab on ctx itself: on a
	// context with a deadline of its own, they would end with it.
	err := chromedp.Do(ctx, chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
		_, err := chromedp.Call(ctx, cdpbrowser.SetDownloadBehavior, cdpbrowser.SetDownloadBehaviorParams{
			Behavior: cdpbrowser.SetDownloadBehaviorBehaviorAllowAndName, DownloadPath: tb.downloads, EventsEnabled: ptr(true),
		})
		if err != nil || !noScript {
			return err
		}
		_, err = chromedp.Call(ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true})
		return err
	}))
	if err != nil {
		t.Fatalf("browser: %v", err)
	}
	return tb
}

func ptr[T any](v T) *T { return &v }

// do runs steps, failing the test if they fail or take too long.
func (tb *tab) do(steps ...chromedp.Action[chromedp.Void]) {
	tb.t.Helper()
	ctx, cancel := context.WithTimeout(tb.ctx, stepTime)
	defer cancel()
	if err := chromedp.Do(ctx, steps...); err != nil {
		tb.t.Fatalf("browser: %v", err)
	}
}

// open goes to path in the app and returns the response's status.
func (tb *tab) open(path string) int64 {
	tb.t.Helper()
	return tb.navigate(chromedp.Navigate(tb.app.URL + path))
}

// navigate runs steps that lead to a new page (a click on a link or a
// submit button) and returns the page's status.
func (tb *tab) navigate(steps ...chromedp.Action[chromedp.Void]) int64 {
	tb.t.Helper()
	ctx, cancel := context.WithTimeout(tb.ctx, stepTime)
	defer cancel()
	resp, err := chromedp.RunResponse(ctx, steps...)
	if err != nil {
		tb.t.Fatalf("browser: %v", err)
	}
	return resp.Status
}

// eval returns the value of a JavaScript expression in the page.
func eval[T any](tb *tab, js string) T {
	tb.t.Helper()
	ctx, cancel := context.WithTimeout(tb.ctx, stepTime)
	defer cancel()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](js))
	if err != nil {
		tb.t.Fatalf("browser: %s: %v", js, err)
	}
	return v
}

// text is the text shown by the element sel (a CSS selector).
func (tb *tab) text(sel string) string {
	tb.t.Helper()
	ctx, cancel := context.WithTimeout(tb.ctx, stepTime)
	defer cancel()
	s, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(sel)))
	if err != nil {
		tb.t.Fatalf("browser: text of %s: %v", sel, err)
	}
	return s
}

// body is the page's text.
func (tb *tab) body() string {
	tb.t.Helper()
	return eval[string](tb, `document.body.innerText`)
}

// location is the page's path and query.
func (tb *tab) location() string {
	tb.t.Helper()
	return eval[string](tb, `location.pathname + location.search`)
}

// focused describes the element that has focus: its id, or its tag.
func (tb *tab) focused() string {
	tb.t.Helper()
	return eval[string](tb, `document.activeElement.id || document.activeElement.tagName.toLowerCase()`)
}

// typeIn empties the control sel and types s into it, key by key.
func (tb *tab) typeIn(sel, s string) {
	tb.t.Helper()
	tb.do(chromedp.Clear(chromedp.CSS(sel)), chromedp.SendKeys(chromedp.CSS(sel), s))
}

// clickLink clicks the first link that says text, as a rep finds it.
func clickLink(text string) chromedp.Action[chromedp.Void] {
	return chromedp.Click(chromedp.Search(`//a[normalize-space()="` + text + `"]`))
}

// id is a selector for the element with the id, which may hold dots.
func id(s string) string { return `[id="` + s + `"]` }

// download clicks the link sel and returns the file it downloads.
func (tb *tab) download(sel string) []byte {
	tb.t.Helper()
	ctx, cancel := context.WithTimeout(tb.ctx, stepTime)
	defer cancel()
	progress := chromedp.Events(ctx, cdpbrowser.DownloadProgress)
	tb.do(chromedp.Click(chromedp.CSS(sel)))
	for ev, err := range progress {
		if err != nil {
			tb.t.Fatalf("download %s: %v", sel, err)
		}
		switch ev.State {
		case cdpbrowser.DownloadProgressStateCanceled:
			tb.t.Fatalf("download %s: canceled", sel)
		case cdpbrowser.DownloadProgressStateCompleted:
			b, err := os.ReadFile(filepath.Join(tb.downloads, ev.GUID))
			if err != nil {
				tb.t.Fatal(err)
			}
			return b
		}
	}
	tb.t.Fatalf("download %s: %v", sel, cmpOr(ctx.Err(), errors.New("no download")))
	return nil
}
