package web

import (
	"bytes"
	"io"
	"maps"
	"net/http"
	"net/url"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/goldenthread/goldenthread/internal/model"
)

// loadBodies has each client GET path at the same moment, and returns the
// bodies and errors.
func loadBodies(clients []*http.Client, base, path string) ([][]byte, []error) {
	bodies := make([][]byte, len(clients))
	errs := make([]error, len(clients))
	start := make(chan struct{})
	var wg sync.WaitGroup
	for i, c := range clients {
		wg.Go(func() {
			<-start
			resp, err := c.Get(base + path)
			if err != nil {
				errs[i] = err
				return
			}
			defer resp.Body.Close()
			bodies[i], errs[i] = io.ReadAll(resp.Body)
			if errs[i] == nil && resp.StatusCode != http.StatusOK {
				errs[i] = &httpStatusError{path, resp.Status}
			}
		})
	}
	close(start)
	wg.Wait()
	return bodies, errs
}

type httpStatusError struct{ path, status string }

func (e *httpStatusError) Error() string { return "GET " + e.path + ": " + e.status }

func TestLoadNoErrorsAndCacheHits(t *testing.T) {
	var renders atomic.Int64
	rig := loadServer(t, func(c *Config) {
		for i, o := range c.Outputs {
			if o.File == "asks.pdf" {
				c.Outputs[i].Render = func(w io.Writer, p *model.Pack) error {
					renders.Add(1)
					return o.Render(w, p)
				}
			}
		}
	})
	clients := loadClientsN(t, loadClients)
	base := rig.ts.URL
	for _, c := range clients { // open the connections and take the cookies
		if _, err := loadGet(c, base, "/static/app.css"); err != nil {
			t.Fatal(err)
		}
	}
	const path = "/p/midshire-highways/download/asks.pdf"
	// The profile page checks the profile: the downloads then share that
	// check, and only the PDF is left to make.
	if _, err := loadGet(clients[0], base, "/p/midshire-highways"); err != nil {
		t.Fatal(err)
	}

	h0, m0 := rig.s.cache.stats()
	bodies, errs := loadBodies(clients, base, path)
	h1, m1 := rig.s.cache.stats()
	for i, err := range errs {
		if err != nil {
			t.Fatalf("client %d: %v", i, err)
		}
	}
	if !bytes.HasPrefix(bodies[0], []byte("%PDF-")) {
		t.Fatalf("GET %s = %.20q; want a PDF", path, bodies[0])
	}
	for i, b := range bodies {
		if !bytes.Equal(b, bodies[0]) {
			t.Errorf("client %d got %d bytes unlike client 0's %d", i, len(b), len(bodies[0]))
		}
	}
	if n := renders.Load(); n != 1 {
		t.Errorf("%d identical downloads at once rendered the PDF %d times; want once", loadClients, n)
	}
	// Requests that wait for the one generation are neither hits nor
	// misses; those that come after it are hits.
	if m1-m0 != 1 || h1-h0+m1-m0 > loadClients {
		t.Errorf("cache: %d hits, %d misses; want 1 miss and at most %d hits", h1-h0, m1-m0, loadClients-1)
	}

	bodies, errs = loadBodies(clients, base, path)
	h2, m2 := rig.s.cache.stats()
	for i, err := range errs {
		if err != nil {
			t.Fatalf("again, client %d: %v", i, err)
		}
		if !bytes.Equal(bodies[i], bodies[0]) {
			t.Errorf("again, client %d got different bytes", i)
		}
	}
	if h2-h1 != loadClients || m2 != m1 || renders.Load() != 1 {
		t.Errorf("cache again: %d hits, %d misses, %d renders in all; want %d hits, no misses, still one render", h2-h1, m2-m1, renders.Load(), loadClients)
	}
}

// TestLoadGenerationBound has 20 clients ask for 20 different outputs at
// once, none cached, and counts the renders in flight: never more than
// Config.Generations. Each render waits (a while at most) until the bound
// is reached, so the test shows the bound is reached, not only that it is
// not passed.
func TestLoadGenerationBound(t *testing.T) {
	const gens = 2
	var inflight, peak atomic.Int64
	reached := make(chan struct{})
	var once sync.Once
	rig := loadServer(t, func(c *Config) {
		c.Generations = gens
		for i, o := range c.Outputs {
			c.Outputs[i].Render = func(w io.Writer, p *model.Pack) error {
				n := inflight.Add(1)
				defer inflight.Add(-1)
				for {
					old := peak.Load()
					if n <= old || peak.CompareAndSwap(old, n) {
						break
					}
				}
				if n >= gens {
					once.Do(func() { close(reached) })
				}
				select {
				case <-reached:
				case <-time.After(10 * time.Second):
				}
				return o.Render(w, p)
			}
		}
	})
	avail := loadAvailable(t, rig.s)
	var paths []string
	for _, name := range slices.Sorted(maps.Keys(avail)) {
		for _, o := range avail[name] {
			paths = append(paths, "/p/"+url.PathEscape(name)+"/download/"+o.File)
		}
	}
	if len(paths) < loadClients {
		t.Fatalf("the examples give %d outputs; want at least %d", len(paths), loadClients)
	}
	clients := loadClientsN(t, loadClients)
	base := rig.ts.URL
	for _, c := range clients {
		if _, err := loadGet(c, base, "/static/app.css"); err != nil {
			t.Fatal(err)
		}
	}
	_, m0 := rig.s.cache.stats()
	plans := make([][]loadRequest, loadClients)
	for i := range plans {
		plans[i] = []loadRequest{{path: paths[i], download: true}}
	}
	lt := loadRun(base, clients, plans)
	for _, err := range lt.errs {
		t.Error(err)
	}
	if _, m1 := rig.s.cache.stats(); m1-m0 != loadClients {
		t.Errorf("%d generations; want %d, one for each output", m1-m0, loadClients)
	}
	if p := peak.Load(); p != gens {
		t.Errorf("at most %d renders ran at once; want %d, Config.Generations", p, gens)
	}
}

// TestOutputsShareOnePack: every output of a profile is rendered from the
// one pack its check assembled, several at once; renderers only read it
// (run with -race to see), and each output is what rendering it alone gives.
func TestOutputsShareOnePack(t *testing.T) {
	s := newTestServer(t, func(c *Config) { c.Generations = len(c.Outputs) })
	lib, err := s.cfg.Library()
	if err != nil {
		t.Fatal(err)
	}
	const name = "midshire-highways"
	src, _, err := s.ws.read(name)
	if err != nil {
		t.Fatal(err)
	}
	c, err := s.check(t.Context(), lib, name, src)
	if err != nil || c.pack == nil {
		t.Fatalf("check: %v", err)
	}
	got := make([][]byte, len(s.cfg.Outputs))
	var wg sync.WaitGroup
	for i, o := range s.cfg.Outputs {
		wg.Go(func() {
			b, err := s.generate(t.Context(), lib, name, src, o)
			if err != nil {
				t.Errorf("%s: %v", o.File, err)
			}
			got[i] = b
		})
	}
	wg.Wait()
	for i, o := range s.cfg.Outputs {
		var alone bytes.Buffer
		if err := o.Render(&alone, c.pack); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got[i], alone.Bytes()) {
			t.Errorf("%s rendered alongside the others differs from %s rendered alone", o.File, o.File)
		}
	}
}
