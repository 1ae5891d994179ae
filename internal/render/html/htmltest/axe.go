package htmltest

import (
	"context"
	_ "embed"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// AxeEnv names the environment variable that gives the path of axe-core's
// axe.min.js. Without it Axe looks in DefaultAxe.
const AxeEnv = "GOLDENTHREAD_AXE"

// DefaultAxe is where .ci/run installs axe-core, under the user's cache
// directory: npm install --prefix "$HOME/.cache/goldenthread-axe" axe-core.
const DefaultAxe = "goldenthread-axe/node_modules/axe-core/axe.min.js"

// AxeTags are the rule sets Axe runs: WCAG 2.0, 2.1 and 2.2 at levels A
// and AA, and axe-core's best practices.
var AxeTags = []string{"wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"}

const installHow = "apt-get install chromium, and npm install --prefix \"$HOME/.cache/goldenthread-axe\" axe-core@4.14.1 (or set " + AxeEnv + " to axe.min.js)"

//go:embed check.js
var checkJS string

// Axe opens data in a headless Chromium (one browser per call) and fails
// the test on each of axe-core's violations of AxeTags, naming the rule,
// its impact and the elements. In the same browser it checks that the
// page reflows at 320 CSS px (a phone, or 400% zoom) without scrolling
// sideways, that the first Tab shows the skip link, and that printing
// hides the navigation and the skip link. Without Chromium or axe-core the
// test is skipped, or fails when GOLDENTHREAD_REQUIRE_TOOLS=1.
func Axe(t testing.TB, data []byte) {
	t.Helper()
	dir := t.TempDir()
	path := filepath.Join(dir, "page.html")
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
	AxeURL(t, "file://"+path)
}

// AxeURL runs Axe's checks on the page at url, such as a page a test
// server serves: a page that loads its style sheet from its server is
// checked as it is shown.
func AxeURL(t testing.TB, url string) {
	t.Helper()
	bin := chromium(t)
	axe := axeScript(t)
	res, err := inBrowser(bin, filepath.Join(t.TempDir(), "profile"), url, axe)
	report(t, res, err)
}

// AxeIn runs Axe's checks on the page open in the browser tab of ctx,
// such as a page a form was posted to, which no address gives. Focus is
// taken off the page first, so that Tab starts from the top, as it does
// on a page just opened. The tab is left as it was shown, at its own
// size and for the screen.
func AxeIn(t testing.TB, ctx context.Context) {
	t.Helper()
	axe := axeScript(t)
	res := &results{last: time.Now()}
	err := chromedp.Do(ctx,
		chromedp.Evaluate[chromedp.Void](unfocus),
		checks(res, axe),
		chromedp.ResetViewport(),
		media(""),
	)
	report(t, res, err)
}

// unfocus moves the point Tab starts from to the top of the page, where
// it is on a page just opened, leaving nothing focused.
const unfocus = `(() => {
	const h = document.documentElement;
	h.tabIndex = -1; h.focus(); h.blur(); h.removeAttribute("tabindex");
})(); true`

// report fails the test on each problem the browser found.
func report(t testing.TB, res *results, err error) {
	t.Helper()
	if err != nil {
		t.Fatalf("chromium: %v (steps: %s)", timeout(err), strings.Join(res.Times, ", "))
	}
	t.Logf("browser checks: %s", strings.Join(res.Times, ", "))
	for _, p := range res.problems() {
		t.Error(p)
	}
}

func chromium(t testing.TB) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	missing(t, "chromium not found on PATH", installHow)
	return ""
}

// axeScript returns axe-core's script, from $GOLDENTHREAD_AXE or
// DefaultAxe.
func axeScript(t testing.TB) string {
	t.Helper()
	path := os.Getenv(AxeEnv)
	if path == "" {
		cache, err := os.UserCacheDir()
		if err != nil {
			missing(t, "no cache directory for axe-core ("+err.Error()+")", installHow)
		}
		path = filepath.Join(cache, DefaultAxe)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		missing(t, "axe-core not found ("+err.Error()+")", installHow)
	}
	return string(b)
}

// missing skips a test whose browser or axe-core is missing (what says
// which), or fails it when GOLDENTHREAD_REQUIRE_TOOLS=1, as CI sets: the
// policy of gtest.Tool, which this package cannot import (a renderer's
// packages depend on the Pack alone, and gtest loads the templates).
func missing(t testing.TB, what, how string) {
	t.Helper()
	if os.Getenv("GOLDENTHREAD_REQUIRE_TOOLS") == "1" {
		t.Fatalf("%s and GOLDENTHREAD_REQUIRE_TOOLS=1: %s", what, how)
	}
	t.Skipf("%s: %s to check HTML outputs", what, how)
}

// results is what the browser found.
type results struct {
	Violations []violation
	Reflow     reflow
	Skip       skip
	Print      []string // elements printed that should not be
	Times      []string // how long each step took
	last       time.Time
}

// lap is an action that notes the time since the last lap, or since the
// browser was asked for.
func (r *results) lap(name string) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(context.Context, *chromedp.Target) error {
		now := time.Now()
		r.Times = append(r.Times, fmt.Sprintf("%s %v", name, now.Sub(r.last).Round(time.Millisecond)))
		r.last = now
		return nil
	})
}

type violation struct {
	ID, Impact, Help string
	Nodes            []struct {
		Target  []string
		HTML    string
		Summary string
	}
}

type reflow struct {
	ScrollWidth, ClientWidth int
	Wide                     []string // elements wider than the page
}

type skip struct {
	Focused, Visible bool
	Href             string
}

func (r *results) problems() []string {
	var out []string
	for _, v := range r.Violations {
		var b strings.Builder
		fmt.Fprintf(&b, "axe: %s (%s): %s", v.ID, v.Impact, v.Help)
		for _, n := range v.Nodes {
			fmt.Fprintf(&b, "\n\t%s: %s\n\t\t%s", strings.Join(n.Target, " "), clip(n.HTML, 200), strings.ReplaceAll(n.Summary, "\n", "\n\t\t"))
		}
		out = append(out, b.String())
	}
	if f := r.Reflow; f.ScrollWidth > f.ClientWidth {
		out = append(out, fmt.Sprintf("at 320 CSS px the page scrolls sideways (%d > %d px); too wide: %s",
			f.ScrollWidth, f.ClientWidth, strings.Join(f.Wide, ", ")))
	}
	if !r.Skip.Focused || !r.Skip.Visible {
		out = append(out, fmt.Sprintf("the first Tab does not show a skip link (focused %v, visible %v, href %q)", r.Skip.Focused, r.Skip.Visible, r.Skip.Href))
	}
	for _, e := range r.Print {
		out = append(out, "printed but should not be: "+e)
	}
	return out
}

// inBrowser starts Chromium with a fresh profile, loads url and runs the
// checks.
func inBrowser(bin, profile, url, axe string) (*results, error) {
	ctx, cancel := browser(bin, profile)
	defer cancel()

	res := &results{last: time.Now()}
	err := chromedp.Do(ctx,
		res.lap("start"),
		chromedp.EmulateViewport(1280, 900),
		chromedp.Navigate(url),
		res.lap("load"),
		checks(res, axe),
	)
	return res, err
}

// checks runs axe-core on the page open at 1280×900, presses Tab, then
// checks reflow at 320 px and the print styles.
func checks(res *results, axe string) chromedp.Action[chromedp.Void] {
	lap := res.lap
	return chromedp.Steps(
		chromedp.EmulateViewport(1280, 900),
		chromedp.Evaluate[chromedp.Void](axe+"\n;true"),
		chromedp.Evaluate[chromedp.Void](checkJS+"\n;true"),
		lap("inject"),
		into(&res.Violations, chromedp.Evaluate[[]violation](axeRun(), chromedp.EvalAwaitPromise)),
		lap("axe"),
		chromedp.KeyEvent(kb.Tab),
		tabAgainIfLost(),
		into(&res.Skip, chromedp.Evaluate[skip](`goldenthread.skip()`)),
		chromedp.EmulateViewport(320, 640),
		into(&res.Reflow, chromedp.Evaluate[reflow](`goldenthread.reflow()`)),
		media("print"),
		into(&res.Print, chromedp.Evaluate[[]string](`goldenthread.printed()`)),
		lap("layout"),
	)
}

// browser starts Chromium with a fresh profile, flags that keep it off the
// network, and 90 s to do its work in.
func browser(bin, profile string) (context.Context, context.CancelFunc) {
	ctx, cancel := context.WithTimeout(context.Background(), browserTime)
	actx, acancel := chromedp.NewExecAllocator(ctx, options(bin, profile)...)
	bctx, bcancel := chromedp.NewContext(actx)
	return bctx, func() { bcancel(); acancel(); cancel() }
}

// options are Chromium's flags: headless, with a fresh profile, and kept
// off the network.
func options(bin, profile string) []chromedp.ExecAllocatorOption {
	return []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(bin),
		chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU, chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.UserDataDir(profile),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-extensions", true),
		chromedp.Flag("hide-scrollbars", true),
		chromedp.WindowSize(1280, 900),
	}
}

const browserTime = 90 * time.Second

func timeout(err error) error {
	if errors.Is(err, context.DeadlineExceeded) {
		return fmt.Errorf("the browser took longer than %v: %w", browserTime, err)
	}
	return err
}

// Browser starts a headless Chromium with a fresh profile and the flags
// Axe uses, for a test that drives pages itself (AxeIn checks them), and
// returns the context of its first tab; the browser is stopped when the
// test ends, and given flowTime to do everything in. Without Chromium the
// test is skipped, or fails when GOLDENTHREAD_REQUIRE_TOOLS=1.
func Browser(t testing.TB) context.Context {
	t.Helper()
	bin := chromium(t)
	ctx, cancel := context.WithTimeout(context.Background(), flowTime)
	actx, acancel := chromedp.NewExecAllocator(ctx, options(bin, filepath.Join(t.TempDir(), "profile"))...)
	bctx, bcancel := chromedp.NewContext(actx)
	t.Cleanup(func() { bcancel(); acancel(); cancel() })
	return bctx
}

// flowTime is how long a browser of Browser lasts: a whole flow through
// an app, on a slow machine.
const flowTime = 3 * time.Minute

// Print returns data printed to PDF by Chromium (A4, backgrounds on), for
// tests of the print style sheet to read back with poppler. Without
// Chromium the test is skipped, or fails when GOLDENTHREAD_REQUIRE_TOOLS=1.
func Print(t testing.TB, data []byte) []byte {
	t.Helper()
	bin := chromium(t)
	dir := t.TempDir()
	path := filepath.Join(dir, "page.html")
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := browser(bin, filepath.Join(dir, "profile"))
	defer cancel()
	var pdf []byte
	err := chromedp.Do(ctx,
		chromedp.Navigate("file://"+path),
		chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
			yes := true
			r, err := cdp.Call(ctx, tg, page.PrintToPDF, page.PrintToPDFParams{
				PrintBackground: &yes, PaperWidth: 8.27, PaperHeight: 11.69,
			})
			pdf = r.Data
			return err
		}),
	)
	if err != nil {
		t.Fatalf("chromium: %v", timeout(err))
	}
	return pdf
}

func axeRun() string {
	return `axe.run(document, {runOnly: {type: "tag", values: ` + jsList(AxeTags) + `}, resultTypes: ["violations"]})
		.then(r => r.violations.map(v => ({id: v.id, impact: v.impact || "", help: v.help,
			nodes: v.nodes.map(n => ({target: n.target.map(String), html: n.html, summary: n.failureSummary || ""}))})))`
}

// clip shortens s to at most n bytes, cut at a rune, marking the cut.
func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n] + "…"
}

func jsList(s []string) string {
	return `["` + strings.Join(s, `", "`) + `"]`
}

// into runs a and keeps its result in *dst.
func into[T any](dst *T, a chromedp.Action[T]) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		v, err := a(ctx, t)
		*dst = v
		return err
	})
}

func media(m string) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		_, err := cdp.Call(ctx, t, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: m})
		return err
	})
}

// tabAgainIfLost presses Tab once more, from the top, when the first left
// nothing focused: on a busy machine the key can reach a headless tab
// before the tab has focus, and is lost. A page whose first Tab focuses
// anything at all is judged by that first Tab.
func tabAgainIfLost() chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		lost, err := chromedp.Evaluate[bool](`!document.activeElement || document.activeElement === document.body || document.activeElement === document.documentElement`)(ctx, t)
		if err != nil || !lost {
			return err
		}
		if _, err := chromedp.Evaluate[chromedp.Void]("window.focus();"+unfocus)(ctx, t); err != nil {
			return err
		}
		_, err = chromedp.KeyEvent(kb.Tab)(ctx, t)
		return err
	})
}
