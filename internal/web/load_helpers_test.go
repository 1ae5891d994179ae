package web

import (
	"context"
	"fmt"
	"io"
	"math"
	"net"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// loadClients is how many people use the app at once in the load tests,
// as the issue asks.
const loadClients = 20

// loadRig is the app served over loopback TCP, as a browser reaches it.
type loadRig struct {
	s     *Server
	ts    *httptest.Server
	dir   string
	conns atomic.Int64 // TCP connections accepted
}

// loadServer serves a workspace holding copies of the examples on
// 127.0.0.1, with the real outputs; tweak, if not nil, changes the config.
func loadServer(tb testing.TB, tweak func(*Config)) *loadRig {
	tb.Helper()
	cfg := rigConfig(tb, testNow, exampleWorkspace(tb))
	cfg.Outputs = allOutputs() // every download serve offers
	if tweak != nil {
		tweak(&cfg)
	}
	s, err := New(cfg)
	if err != nil {
		tb.Fatal(err)
	}
	rig := &loadRig{s: s, dir: cfg.Workspace}
	rig.ts = httptest.NewUnstartedServer(s.Handler())
	rig.ts.Config.ConnState = func(_ net.Conn, st http.ConnState) {
		if st == http.StateNew {
			rig.conns.Add(1)
		}
	}
	rig.ts.Start()
	tb.Cleanup(rig.ts.Close)
	return rig
}

// loadClient is one browser: its own connection, kept alive between
// requests, and its own cookies. Each simulated person asks for one thing
// at a time, so one connection is all it needs.
func loadClient(tb testing.TB) *http.Client {
	jar, _ := cookiejar.New(nil)
	tr := &http.Transport{MaxConnsPerHost: 1, MaxIdleConnsPerHost: 1, DisableCompression: true}
	tb.Cleanup(tr.CloseIdleConnections)
	return &http.Client{Jar: jar, Transport: tr, Timeout: 2 * time.Minute}
}

// loadClientsN returns n clients.
func loadClientsN(tb testing.TB, n int) []*http.Client {
	cs := make([]*http.Client, n)
	for i := range cs {
		cs[i] = loadClient(tb)
	}
	return cs
}

// loadRequest is one request of a load run.
type loadRequest struct {
	path     string
	download bool  // a download (or preview), not a page
	size     int64 // the body's length when known (a cached download), or 0
}

// loadGet fetches path and reads the whole body, as a browser would
// before the page or file is usable. It returns the body's length.
func loadGet(c *http.Client, base, path string) (int64, error) {
	resp, err := c.Get(base + path)
	if err != nil {
		return 0, err
	}
	n, err := io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	switch {
	case err != nil:
		return n, fmt.Errorf("GET %s: reading the body: %v", path, err)
	case resp.StatusCode != http.StatusOK:
		return n, fmt.Errorf("GET %s: %s", path, resp.Status)
	}
	return n, nil
}

// loadTimes are the latencies of a run, pages and downloads apart.
type loadTimes struct {
	pages, downloads []time.Duration
	errs             []error
}

// loadRun has client i make plans[i]'s requests one after another, all
// clients at once, and times every request.
func loadRun(base string, clients []*http.Client, plans [][]loadRequest) loadTimes {
	per := make([]loadTimes, len(plans))
	var wg sync.WaitGroup
	for i, plan := range plans {
		wg.Go(func() {
			lt := &per[i]
			for _, rq := range plan {
				start := time.Now()
				n, err := loadGet(clients[i], base, rq.path)
				d := time.Since(start)
				if err == nil && rq.size > 0 && n != rq.size {
					err = fmt.Errorf("GET %s: %d bytes; want %d, as when first made", rq.path, n, rq.size)
				}
				if err != nil {
					lt.errs = append(lt.errs, err)
				}
				if rq.download {
					lt.downloads = append(lt.downloads, d)
				} else {
					lt.pages = append(lt.pages, d)
				}
			}
		})
	}
	wg.Wait()
	var all loadTimes
	for _, lt := range per {
		all.add(lt)
	}
	return all
}

func (lt *loadTimes) add(o loadTimes) {
	lt.pages = append(lt.pages, o.pages...)
	lt.downloads = append(lt.downloads, o.downloads...)
	lt.errs = append(lt.errs, o.errs...)
}

// loadReport reports the p50, p99 and maximum of ds, in milliseconds, as
// metrics named prefix-p50-ms and so on.
func loadReport(b *testing.B, prefix string, ds []time.Duration) {
	if len(ds) == 0 {
		return
	}
	ds = slices.Clone(ds)
	slices.Sort(ds)
	ms := func(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }
	b.ReportMetric(ms(loadPercentile(ds, 0.50)), prefix+"-p50-ms")
	b.ReportMetric(ms(loadPercentile(ds, 0.99)), prefix+"-p99-ms")
	b.ReportMetric(ms(ds[len(ds)-1]), prefix+"-max-ms")
}

// loadPercentile is the nearest-rank percentile p of sorted ds.
func loadPercentile(ds []time.Duration, p float64) time.Duration {
	i := int(math.Ceil(p*float64(len(ds)))) - 1
	return ds[max(i, 0)]
}

// loadAvailable lists, for each profile in the workspace, the outputs its
// pack can give, as the profile page offers them.
func loadAvailable(tb testing.TB, s *Server) map[string][]Output {
	tb.Helper()
	ps, err := s.ws.list()
	if err != nil {
		tb.Fatal(err)
	}
	lib, err := s.cfg.Library()
	if err != nil {
		tb.Fatal(err)
	}
	out := map[string][]Output{}
	for _, p := range ps {
		src, _, err := s.ws.read(p.Name)
		if err != nil {
			tb.Fatal(err)
		}
		c, err := s.check(context.Background(), lib, p.Name, src)
		if err != nil {
			tb.Fatal(err)
		}
		if c.pack == nil {
			tb.Fatalf("%s: %v", p.Name, c.list.Err())
		}
		for _, o := range s.cfg.Outputs {
			if o.Missing == nil || o.Missing(c.pack) == "" {
				out[p.Name] = append(out[p.Name], o)
			}
		}
	}
	return out
}

// loadHeapMB is the heap in use after a collection, in MB.
func loadHeapMB() float64 {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return float64(m.HeapInuse) / (1 << 20)
}
