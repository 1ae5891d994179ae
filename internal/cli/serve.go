package cli

import (
	"archive/zip"
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"net"
	"net/http"
	"os"
	"os/signal"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/goldenthread/goldenthread/clauses"
	"github.com/goldenthread/goldenthread/internal/browser"
	"github.com/goldenthread/goldenthread/internal/diag"
	"github.com/goldenthread/goldenthread/internal/library"
	"github.com/goldenthread/goldenthread/internal/model"
	"github.com/goldenthread/goldenthread/internal/profile"
	"github.com/goldenthread/goldenthread/internal/render/xlsx"
	"github.com/goldenthread/goldenthread/internal/web"
	"github.com/goldenthread/goldenthread/templates"
)

var serveCmd = &command{
	name:    "serve",
	args:    "[--addr 127.0.0.1:8080] [--workspace DIR] [--open]",
	summary: "run the local web app: edit profiles in a form and download every document",
	help: `Run goldenthread as a web app on this computer, for people who would rather
not edit TOML files or type commands. Open the address it prints in a web
browser (--open does that for you). In the app you can browse and search the
clause library, start a profile and edit it in a form (employer, procurement,
the asks, priority asks, wording and weights, placeholders, the evaluation
set-up), preview the asks paper, download every document, and upload a
completed evaluation grid or contract-monitoring workbook for its report.

The workspace is the folder of profiles the app shows (the current folder
unless --workspace names another; it is created if missing). A folder named
library inside it, if there is one, is laid over the built-in clause library
as --library would. Profiles are saved back as readable TOML with your
comments kept; a profile changed elsewhere since you opened it is never
overwritten.

The app listens only on this computer (127.0.0.1) unless --remote is given
with an --addr other machines can reach; it then prints an address with an
access token, which every browser must use once. Stop it with Ctrl+C.

Examples:
  goldenthread serve --open
  goldenthread serve --workspace ~/Documents/goldenthread --addr 127.0.0.1:8090`,
	flags: func(fs *flag.FlagSet, e *env) func([]string) error {
		var o serveOptions
		fs.StringVar(&o.addr, "addr", "127.0.0.1:8080", "listen on this `host:port`")
		fs.StringVar(&o.workspace, "workspace", ".", "the `folder` of profiles")
		fs.BoolVar(&o.open, "open", false, "open the app in the web browser")
		fs.BoolVar(&o.remote, "remote", false, "allow an --addr other machines can reach (an access token is then required)")
		return func(args []string) error {
			if len(args) > 0 {
				return usagef("serve takes no file names: give the folder of profiles with --workspace")
			}
			ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
			defer stop()
			return e.serve(ctx, o)
		}
	},
}

// serveOptions is how serve is asked to run.
type serveOptions struct {
	addr      string
	workspace string
	open      bool
	remote    bool
	// ready, if set, is told the address once the server listens (tests).
	ready func(url string)
}

// openBrowser opens a URL in the user's browser; tests replace it.
var openBrowser = browser.Open

func (e *env) serve(ctx context.Context, o serveOptions) error {
	host, _, err := net.SplitHostPort(o.addr)
	if err != nil {
		return usagef("--addr %s: give a host and port, such as 127.0.0.1:8080", o.addr)
	}
	ip := net.ParseIP(host)
	loopback := host == "localhost" || (ip != nil && ip.IsLoopback())
	if !loopback && !o.remote {
		return usagef("--addr %s can be reached from other machines: add --remote to allow it (an access token is then required), or use 127.0.0.1", o.addr)
	}
	token := ""
	if !loopback {
		token = rand.Text()
	}
	tmpl, err := loadTemplates()
	if err != nil {
		return err
	}
	now := e.serveClock()
	libs := &libraryCache{e: e, overlay: filepath.Join(o.workspace, "library")}
	if _, err := libs.get(); err != nil {
		return err
	}
	srv, err := web.New(web.Config{
		Workspace: o.workspace, Addr: o.addr, Token: token,
		Library: libs.get, Templates: tmpl, Version: Version,
		Now:     now,
		Outputs: webOutputs(tmpl.Words),
		Starter: func(lib *library.Library, file string, s web.Starter) ([]byte, error) {
			return profile.Starter(lib, templates.FS, file, profile.StarterOptions(s), now())
		},
	})
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", o.addr)
	if err != nil {
		if addrInUse(err) {
			return fmt.Errorf("%s is already in use (is goldenthread already running? open http://%s/), or try another port: --addr %s", o.addr, o.addr, nextPort(o.addr))
		}
		return fmt.Errorf("cannot listen on %s: %w", o.addr, err)
	}
	hs := srv.HTTPServer()
	// An address on every interface (0.0.0.0, ::) is no address a browser
	// can open: this computer's browser reaches it at 127.0.0.1.
	lh, lp, _ := net.SplitHostPort(ln.Addr().String())
	if ip := net.ParseIP(lh); ip != nil && ip.IsUnspecified() {
		lh = "127.0.0.1"
	}
	url := "http://" + net.JoinHostPort(lh, lp) + "/"
	if token != "" {
		url += "?token=" + token
	}
	abs, _ := filepath.Abs(o.workspace)
	fmt.Fprintf(e.stdout, "goldenthread is running: open %s in your web browser\n", url)
	if token != "" {
		fmt.Fprintf(e.stdout, "from another computer, use this computer's network name or address in place of %s\n", lh)
	}
	fmt.Fprintf(e.stdout, "profiles are kept in %s\npress Ctrl+C to stop\n", abs)
	if o.open {
		if err := openBrowser(url); err != nil {
			fmt.Fprintf(e.stderr, "goldenthread serve: %v\n", err) // it ends by saying to open the address by hand
		}
	}
	if o.ready != nil {
		o.ready(url)
	}
	done := make(chan error, 1)
	go func() { done <- hs.Serve(ln) }()
	select {
	case err := <-done:
		return fmt.Errorf("the web app stopped: %w", err)
	case <-ctx.Done():
	}
	sctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := hs.Shutdown(sctx); err != nil && !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("stopping the web app: %w", err)
	}
	fmt.Fprintln(e.stdout, "goldenthread stopped")
	return nil
}

// nextPort suggests the address with the next port.
func nextPort(addr string) string {
	h, p, _ := net.SplitHostPort(addr)
	n, err := strconv.Atoi(p)
	if err != nil || n == 0 || n >= 65535 {
		return net.JoinHostPort(h, "8081")
	}
	return net.JoinHostPort(h, strconv.Itoa(n+1))
}

// libraryCache loads the library for the app: the built-in one, with the
// workspace's library folder over it when there is one, loaded again
// whenever a file in that folder changes.
type libraryCache struct {
	e       *env
	overlay string

	mu   sync.Mutex
	sig  string
	lib  *web.Library
	err  error
	last time.Time
}

// builtinVersion names the built-in library and templates' content, for
// cache keys: a new build with changed clauses gives new keys.
var builtinVersion = sync.OnceValue(func() string {
	h := sha256.New()
	for _, fsys := range []fs.FS{clauses.FS, templates.FS} {
		fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
			if err == nil && !d.IsDir() {
				b, _ := fs.ReadFile(fsys, p)
				fmt.Fprintf(h, "%s\x00%d\x00", p, len(b))
				h.Write(b)
			}
			return nil
		})
	}
	return hex.EncodeToString(h.Sum(nil)[:12])
})

func (lc *libraryCache) get() (*web.Library, error) {
	lc.mu.Lock()
	defer lc.mu.Unlock()
	// Looking at the folder costs a directory read; once a second is
	// plenty for a person editing files in another window.
	if lc.lib != nil && time.Since(lc.last) < time.Second {
		return lc.lib, lc.err
	}
	lc.last = time.Now()
	sig, files := overlaySignature(lc.overlay)
	if lc.lib != nil && sig == lc.sig {
		return lc.lib, lc.err
	}
	lc.sig = sig
	e := *lc.e
	e.stderr = io.Discard
	if files > 0 {
		e.library = lc.overlay
	}
	lib, list, err := e.loadLibrary(false)
	if err != nil {
		// As a *diag.Errors, report prints the problems one a line.
		if errs := list.Only(diag.Error); len(errs) > 0 {
			err = &diag.Errors{List: errs}
		}
		lc.lib, lc.err = nil, err
		return nil, lc.err
	}
	lc.lib, lc.err = &web.Library{Library: lib, Version: Version + "-" + builtinVersion() + "-" + sig, Problems: list}, nil
	return lc.lib, nil
}

// overlaySignature names the overlay folder's .toml files by content, and
// counts them.
func overlaySignature(dir string) (string, int) {
	ents, err := os.ReadDir(dir)
	if err != nil {
		return "none", 0
	}
	h := sha256.New()
	n := 0
	for _, d := range ents {
		if d.IsDir() || !strings.HasSuffix(d.Name(), ".toml") {
			continue
		}
		b, err := os.ReadFile(filepath.Join(dir, d.Name()))
		if err != nil {
			continue
		}
		n++
		fmt.Fprintf(h, "%s\x00%d\x00", d.Name(), len(b))
		h.Write(b)
	}
	return hex.EncodeToString(h.Sum(nil)[:12]), n
}

// webOutputs are the downloads the app offers for a profile, labelled
// from templates/LANG/app.toml.
func webOutputs(words model.Words) []web.Output {
	label := func(file string) string { return words.Get("app.download." + file) }
	var out []web.Output
	for _, o := range slices.Concat(asksFormats, specFormats, []output{gridXLSX}) {
		out = append(out, web.Output{File: o.file, Label: label(o.file), Render: o.render, Scoring: o.scoring, Missing: o.missing})
	}
	out = append(out, web.Output{File: "grids.zip", Label: label("grids.zip"), Render: splitZip, Scoring: true, Missing: gridXLSX.missing})
	m := monitoringXLSX
	out = append(out, web.Output{File: m.file, Label: label(m.file), Render: m.render, Missing: m.missing})
	return out
}

// splitZip writes a split grid as one zip: the moderation workbook and a
// workbook per panel member, named as grid --split names them, with fixed
// times so the same profile gives the same bytes.
func splitZip(w io.Writer, p *model.Pack) error {
	zw := zip.NewWriter(w)
	stamp := p.Document.Date
	if stamp.Before(time.Date(1980, 1, 2, 0, 0, 0, 0, time.UTC)) {
		stamp = time.Date(1980, 1, 2, 0, 0, 0, 0, time.UTC)
	}
	add := func(name string, render func(io.Writer) error) error {
		f, err := zw.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Deflate, Modified: stamp})
		if err != nil {
			return err
		}
		return render(f)
	}
	if err := add("moderation.xlsx", func(w io.Writer) error { return xlsx.Grid(w, p) }); err != nil {
		return err
	}
	for i, safe := range panelFiles(p.Scoring.Panel) {
		if err := add(safe+".xlsx", func(w io.Writer) error { return xlsx.Return(w, p, i) }); err != nil {
			return err
		}
	}
	return zw.Close()
}

// serveClock is "now" for a server that runs for days: the day it is,
// unless SOURCE_DATE_EPOCH fixes it (as for every command). A day is what
// documents are dated by, and a cache key that changes daily is harmless.
func (e *env) serveClock() func() time.Time {
	if os.Getenv("SOURCE_DATE_EPOCH") != "" {
		return func() time.Time { return e.now }
	}
	return func() time.Time { return time.Now().UTC().Truncate(24 * time.Hour) }
}

// addrInUse says whether listening failed because another program holds
// the port: EADDRINUSE, or on Windows WSAEADDRINUSE (10048), which Go's
// syscall package does not map to EADDRINUSE.
func addrInUse(err error) bool {
	var en syscall.Errno
	return errors.Is(err, syscall.EADDRINUSE) || (errors.As(err, &en) && en == 10048)
}
