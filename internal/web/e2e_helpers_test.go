package web

import (
	"cmp"
	"context"
	"errors"
	"net/http/httptest"
	"os"
	"path/filepath"
	"testing"
	"time"

	cdpbrowser "github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"github.com/goldenthread/goldenthread/internal/library"
	"github.com/goldenthread/goldenthread/internal/render/html/htmltest"
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
	cfg := rigConfig(t, testNow, exampleWorkspace(t))
	cfg.Outputs = allOutputs()
	s, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(s.Handler()) // on 127.0.0.1, which the host check accepts
	t.Cleanup(srv.Close)
	lib, _ := cfg.Library()
	return &app{URL: srv.URL, Dir: cfg.Workspace, Lib: lib.Library}
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
	tb.t.Fatalf("download %s: %v", sel, cmp.Or(ctx.Err(), errors.New("no download")))
	return nil
}
