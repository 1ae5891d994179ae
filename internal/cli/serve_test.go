package cli

import (
	"archive/zip"
	"bytes"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/cookiejar"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/goldenthread/goldenthread/internal/browser"
	"github.com/goldenthread/goldenthread/internal/gtest"
)

// syncBuffer is a buffer the server's goroutine writes while the test
// reads it.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// serveWorkspace returns a workspace holding a copy of the example name.
func serveWorkspace(t *testing.T, names ...string) string {
	t.Helper()
	dir := t.TempDir()
	for _, name := range names {
		b, err := os.ReadFile(filepath.Join(gtest.Root(), "examples", name+".toml"))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name+".toml"), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// server is serve run in-process.
type server struct {
	url    string
	stdout *syncBuffer
	stderr *syncBuffer
	stop   context.CancelFunc
	done   chan error
}

// startServe runs serve with o until the test ends or stop is called.
func startServe(t *testing.T, o serveOptions) *server {
	t.Helper()
	t.Setenv("SOURCE_DATE_EPOCH", "1780272000") // 2026-06-01
	now, err := clock()
	if err != nil {
		t.Fatal(err)
	}
	s := &server{stdout: &syncBuffer{}, stderr: &syncBuffer{}, done: make(chan error, 1)}
	e := &env{stdout: s.stdout, stderr: s.stderr, now: now}
	ctx, cancel := context.WithCancel(context.Background())
	s.stop = cancel
	ready := make(chan string, 1)
	o.ready = func(url string) { ready <- url }
	go func() { s.done <- e.serve(ctx, o) }()
	select {
	case s.url = <-ready:
	case err := <-s.done:
		cancel()
		t.Fatalf("serve = %v before it was ready", err)
	case <-time.After(30 * time.Second):
		cancel()
		t.Fatal("serve was not ready after 30s")
	}
	t.Cleanup(func() {
		cancel()
		<-s.done
	})
	return s
}

// wait stops the server and returns serve's error.
func (s *server) wait(t *testing.T) error {
	t.Helper()
	s.stop()
	select {
	case err := <-s.done:
		s.done <- err // for the cleanup
		return err
	case <-time.After(15 * time.Second):
		t.Fatal("serve did not stop within 15s of its context ending")
		return nil
	}
}

func httpGet(t *testing.T, c *http.Client, url string) (*http.Response, []byte) {
	t.Helper()
	res, err := c.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return res, b
}

// TestServe runs the app, fetches its pages and every download of an
// example, and stops it.
func TestServe(t *testing.T) {
	ws := serveWorkspace(t, "midshire-highways")
	var opened string
	defer func(f func(string) error) { openBrowser = f }(openBrowser)
	openBrowser = func(url string) error { opened = url; return nil }
	s := startServe(t, serveOptions{addr: "127.0.0.1:0", workspace: ws, open: true})
	if !strings.HasPrefix(s.url, "http://127.0.0.1:") || strings.Contains(s.url, "token") || opened != s.url {
		t.Errorf("serve's address %q (opened %q); want http://127.0.0.1:PORT/ with no token, opened", s.url, opened)
	}
	out := s.stdout.String()
	abs, _ := filepath.Abs(ws)
	if want := "goldenthread is running: open " + s.url + " in your web browser\nprofiles are kept in " + abs + "\n"; !strings.HasPrefix(out, want) {
		t.Errorf("serve printed %q; want it to start %q", out, want)
	}
	c := &http.Client{Timeout: time.Minute}
	res, body := httpGet(t, c, s.url)
	if res.StatusCode != 200 || !bytes.Contains(body, []byte(`href="/p/midshire-highways"`)) {
		t.Errorf("GET / = %d; want 200 listing the profile", res.StatusCode)
	}
	tmpl, err := loadTemplates()
	if err != nil {
		t.Fatal(err)
	}
	for _, o := range webOutputs(tmpl.Words) {
		if strings.HasPrefix(o.Label, "[") {
			t.Errorf("%s has no label in templates/en/app.toml: %s", o.File, o.Label)
		}
		res, b := httpGet(t, c, s.url+"p/midshire-highways/download/"+o.File)
		if res.StatusCode != 200 || len(b) == 0 {
			t.Errorf("GET %s = %d, %d bytes", o.File, res.StatusCode, len(b))
			continue
		}
		if o.File == "grids.zip" {
			zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
			if err != nil {
				t.Errorf("grids.zip: %v", err)
				continue
			}
			if len(zr.File) < 2 || zr.File[0].Name != "moderation.xlsx" {
				t.Errorf("grids.zip holds %d files, first %q; want moderation.xlsx and a workbook per panel member", len(zr.File), zr.File[0].Name)
			}
		}
	}
	// The host check holds on the real listener.
	req, _ := http.NewRequest("GET", s.url, nil)
	req.Host = "evil.example"
	if res, err := c.Do(req); err != nil || res.StatusCode != http.StatusMisdirectedRequest {
		t.Errorf("GET with Host evil.example = %v, %v; want 421", res.StatusCode, err)
	}
	if err := s.wait(t); err != nil {
		t.Errorf("serve after its context ended = %v; want nil", err)
	}
	if !strings.HasSuffix(s.stdout.String(), "goldenthread stopped\n") {
		t.Errorf("serve printed %q; want it to end with goldenthread stopped", s.stdout.String())
	}
	if _, err := c.Get(s.url); err == nil {
		t.Errorf("the app still answers after serve stopped")
	}
}

// TestServeRemote checks a server open to other machines: it prints an
// address with a token, which a browser uses once.
func TestServeRemote(t *testing.T) {
	s := startServe(t, serveOptions{addr: "0.0.0.0:0", workspace: serveWorkspace(t, "strathmore-catering"), remote: true})
	base, tok, ok := strings.Cut(s.url, "?token=")
	if !ok || len(tok) < 20 || !strings.HasPrefix(base, "http://127.0.0.1:") {
		t.Fatalf("serve --remote printed the address %q; want http://127.0.0.1:PORT/?token=…", s.url)
	}
	if !strings.Contains(s.stdout.String(), "from another computer, use this computer's network name or address in place of 127.0.0.1") {
		t.Errorf("serve --remote does not say how another computer reaches it:\n%s", s.stdout.String())
	}
	jar, _ := cookiejar.New(nil)
	c := &http.Client{Jar: jar, Timeout: time.Minute}
	if res, _ := httpGet(t, c, base); res.StatusCode != http.StatusUnauthorized {
		t.Errorf("GET / without the token = %d; want 401", res.StatusCode)
	}
	res, body := httpGet(t, c, s.url)
	if res.StatusCode != 200 || res.Request.URL.String() != base || !bytes.Contains(body, []byte("strathmore-catering")) {
		t.Errorf("GET the printed address = %d at %s; want 200 at %s", res.StatusCode, res.Request.URL, base)
	}
	if res, _ := httpGet(t, c, base+"p/strathmore-catering"); res.StatusCode != 200 {
		t.Errorf("GET a profile with the token cookie = %d; want 200", res.StatusCode)
	}
}

// TestServeErrors checks what serve refuses, and how it says so.
func TestServeErrors(t *testing.T) {
	busy, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer busy.Close()
	_, port, _ := net.SplitHostPort(busy.Addr().String())
	n, _ := strconv.Atoi(port)
	next := "127.0.0.1:" + strconv.Itoa(n+1)
	broken := serveWorkspace(t)
	os.Mkdir(filepath.Join(broken, "library"), 0o755)
	os.WriteFile(filepath.Join(broken, "library", "mine.toml"), []byte("[[clause]]\nid = \"living-wage.x\"\ntitle = 3\n"), 0o644)
	for _, tc := range []struct {
		name string
		args []string
		code exitCode
		want string
	}{
		{"open to others", []string{"serve", "--addr", "0.0.0.0:8080"}, exitUsage, "goldenthread serve: --addr 0.0.0.0:8080 can be reached from other machines: add --remote"},
		{"every interface", []string{"serve", "--addr", ":8080"}, exitUsage, "add --remote"},
		{"no port", []string{"serve", "--addr", "localhost"}, exitUsage, "--addr localhost: give a host and port, such as 127.0.0.1:8080"},
		{"a file name", []string{"serve", "extra-arg"}, exitUsage, "goldenthread serve: serve takes no file names: give the folder of profiles with --workspace"},
		{"port in use", []string{"serve", "--addr", busy.Addr().String(), "--workspace", t.TempDir()}, exitInput,
			"goldenthread serve: " + busy.Addr().String() + " is already in use (is goldenthread already running? open http://" + busy.Addr().String() + "/), or try another port: --addr " + next + "\n"},
		{"broken overlay", []string{"serve", "--addr", "127.0.0.1:0", "--workspace", broken}, exitInput, filepath.Join(broken, "library", "mine.toml") + ":3:9: title: expected text in quotes, found the number 3\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Setenv("SOURCE_DATE_EPOCH", "1780272000")
			var stdout, stderr bytes.Buffer
			code := run(&env{stdout: &stdout, stderr: &stderr}, tc.args)
			if code != tc.code || !strings.Contains(stderr.String(), tc.want) {
				t.Errorf("%q = %d, stderr %q; want %d and %q", tc.args, code, stderr.String(), tc.code, tc.want)
			}
			if stdout.Len() != 0 {
				t.Errorf("%q printed %q", tc.args, stdout.String())
			}
			if tc.name == "broken overlay" {
				for _, l := range strings.Split(strings.TrimSuffix(stderr.String(), "\n"), "\n") {
					if !strings.HasPrefix(l, filepath.Join(broken, "library", "mine.toml")+":") {
						t.Errorf("%q: the problems are not one a line, file first: %q", tc.args, l)
					}
				}
			}
		})
	}
}

func TestNextPort(t *testing.T) {
	for _, tc := range []struct{ addr, want string }{
		{"127.0.0.1:8080", "127.0.0.1:8081"},
		{"localhost:9000", "localhost:9001"},
		{"[::1]:8080", "[::1]:8081"},
		{"127.0.0.1:0", "127.0.0.1:8081"},
		{"127.0.0.1:65535", "127.0.0.1:8081"},
		{"127.0.0.1:http", "127.0.0.1:8081"},
	} {
		if got := nextPort(tc.addr); got != tc.want {
			t.Errorf("nextPort(%q) = %q; want %q", tc.addr, got, tc.want)
		}
	}
}

// overlayClause is a clause of the workspace's own library.
const overlayClause = `[[clause]]
id = "living-wage.branch-own-ask"
title = "Our branch's own ask"
theme = "living-wage"
stages = ["specification"]
lever = "specification"
status = "policy"
jurisdictions = ["england"]
ask = "Ask."
requirement = "Require."
rationale = "Because."
review_by = 2027-06-01
[[clause.source]]
title = "A source"
`

// TestServeOverlay checks the workspace's library folder: its clauses are
// served, a change to it gives the library a new version, and a problem
// in it is reported in words.
func TestServeOverlay(t *testing.T) {
	t.Setenv("SOURCE_DATE_EPOCH", "1780272000")
	now, _ := clock()
	ws := serveWorkspace(t)
	lc := &libraryCache{e: &env{now: now, stdout: io.Discard, stderr: io.Discard}, overlay: filepath.Join(ws, "library")}
	get := func() (string, bool, error) {
		t.Helper()
		lc.last = time.Time{} // as if a second had passed
		lib, err := lc.get()
		if err != nil {
			return "", false, err
		}
		return lib.Version, lib.Clause("living-wage.branch-own-ask") != nil, nil
	}
	plain, has, err := get()
	if err != nil || has {
		t.Fatalf("the built-in library: %v, has the overlay clause %v", err, has)
	}
	os.Mkdir(filepath.Join(ws, "library"), 0o755)
	if _, has, err := get(); err != nil || has {
		t.Errorf("an empty library folder: clause %v, %v; want the built-in library", has, err)
	}
	os.WriteFile(filepath.Join(ws, "library", "mine.toml"), []byte(overlayClause), 0o644)
	withOwn, has, err := get()
	if err != nil || !has || withOwn == plain {
		t.Errorf("with the overlay clause: version %s (was %s), clause %v, %v; want a new version with the clause", withOwn, plain, has, err)
	}
	os.WriteFile(filepath.Join(ws, "library", "mine.toml"), []byte(overlayClause+"\n[[clause]]\nid = \"bad\"\n"), 0o644)
	if _, _, err := get(); err == nil || !strings.Contains(err.Error(), filepath.Join(ws, "library", "mine.toml")+":16:") {
		t.Errorf("a broken overlay: %v; want its file and line", err)
	}
	os.WriteFile(filepath.Join(ws, "library", "mine.toml"), []byte(overlayClause), 0o644)
	if v, has, err := get(); err != nil || !has || v != withOwn {
		t.Errorf("the overlay put right: version %s (want %s), clause %v, %v", v, withOwn, has, err)
	}

	// Through the app: a profile selecting the clause loads.
	src, _ := os.ReadFile(filepath.Join(gtest.Root(), "examples", "midshire-highways.toml"))
	src = bytes.Replace(src, []byte("\nids = [\""), []byte("\nids = [\"living-wage.branch-own-ask\", \""), 1)
	os.WriteFile(filepath.Join(ws, "own.toml"), src, 0o644)
	s := startServe(t, serveOptions{addr: "127.0.0.1:0", workspace: ws})
	c := &http.Client{Timeout: time.Minute}
	res, body := httpGet(t, c, s.url+"p/own")
	if res.StatusCode != 200 || bytes.Contains(body, []byte("branch-own-ask")) {
		t.Errorf("GET /p/own = %d; want 200 with no problem about the overlay clause:\n%s", res.StatusCode, body)
	}
	res, body = httpGet(t, c, s.url+"p/own/download/asks.html")
	if res.StatusCode != 200 || !bytes.Contains(body, []byte("Our branch")) {
		t.Errorf("asks.html of a profile selecting the overlay clause = %d; want it printed", res.StatusCode)
	}
}

// TestServeOpenFails: with no browser to open, serve says once to open the
// address by hand, and runs on.
func TestServeOpenFails(t *testing.T) {
	ws := serveWorkspace(t, "midshire-highways")
	defer func(f func(string) error) { openBrowser = f }(openBrowser)
	openBrowser = func(url string) error {
		return fmt.Errorf("%w: no graphical display; open %s in your browser by hand", browser.ErrNoBrowser, url)
	}
	s := startServe(t, serveOptions{addr: "127.0.0.1:0", workspace: ws, open: true})
	if res, _ := httpGet(t, &http.Client{Timeout: time.Minute}, s.url); res.StatusCode != 200 {
		t.Errorf("GET / = %d after the browser failed to open", res.StatusCode)
	}
	if err := s.wait(t); err != nil {
		t.Fatal(err)
	}
	errs := s.stderr.String()
	if strings.Count(errs, "by hand") != 1 || !strings.Contains(errs, s.url) {
		t.Errorf("stderr = %q; want one line saying to open %s by hand", errs, s.url)
	}
}
