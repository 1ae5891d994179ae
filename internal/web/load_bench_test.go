package web

import (
	"fmt"
	"maps"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// loadPerClient is how many requests each client makes in one op of
// BenchmarkLoad: half pages, half downloads.
const loadPerClient = 20

// BenchmarkLoad is the load test: 20 people at once over loopback,
// each with a kept-alive connection, asking for pages and downloads of
// outputs already made. One op is a bounded round: every client makes
// loadPerClient requests (400 in all); every request is timed, and the
// latencies of all ops are reported as percentiles, pages and downloads
// apart. The heap is measured after a collection once the cache is warm
// and again after the run: flat means the run holds on to nothing.
// Allocations per op include the clients'.
func BenchmarkLoad(b *testing.B) {
	b.ReportAllocs()
	rig := loadServer(b, nil)
	avail := loadAvailable(b, rig.s)
	clients := loadClientsN(b, loadClients)
	base := rig.ts.URL

	pages := []string{"/", "/static/app.css"}
	var downloads []loadRequest
	for _, name := range slices.Sorted(maps.Keys(avail)) {
		p := "/p/" + url.PathEscape(name)
		pages = append(pages, p, p+"/edit")
		for _, o := range avail[name] {
			downloads = append(downloads, loadRequest{path: p + "/download/" + o.File, download: true})
		}
		downloads = append(downloads, loadRequest{path: p + "/preview", download: true})
	}
	// The library pages count once they are served (they are being
	// written on another branch).
	lib, _ := builtin(b, testNow)
	for _, p := range []string{"/library", "/library/" + url.PathEscape(lib.Clauses[0].ID)} {
		if _, err := loadGet(clients[0], base, p); err == nil {
			pages = append(pages, p)
		}
	}
	// Warm the cache: every download made once, every profile checked once,
	// and every client's connection open.
	for i := range downloads {
		n, err := loadGet(clients[0], base, downloads[i].path)
		if err != nil {
			b.Fatal(err)
		}
		downloads[i].size = n
	}
	for _, p := range pages {
		if _, err := loadGet(clients[0], base, p); err != nil {
			b.Fatal(err)
		}
	}
	for _, c := range clients {
		if _, err := loadGet(c, base, "/static/app.css"); err != nil {
			b.Fatal(err)
		}
	}
	_, misses := rig.s.cache.stats()
	b.Logf("%d clients; pages %q; %d downloads", loadClients, pages, len(downloads))

	// Client i starts at its own place in each list, so that together the
	// clients ask for every page and every download in each op.
	plans := make([][]loadRequest, loadClients)
	for i := range plans {
		for k := range loadPerClient / 2 {
			plans[i] = append(plans[i],
				loadRequest{path: pages[(i+k)%len(pages)]},
				downloads[(i*loadPerClient/2+k)%len(downloads)])
		}
	}

	heapBefore := loadHeapMB()
	var all loadTimes
	b.ResetTimer()
	for range b.N {
		all.add(loadRun(base, clients, plans))
	}
	b.StopTimer()
	heapAfter := loadHeapMB()

	loadReport(b, "pages", all.pages)
	loadReport(b, "cached", all.downloads)
	b.ReportMetric(float64(len(all.errs)), "errors")
	b.ReportMetric(heapBefore, "heap-MB-before")
	b.ReportMetric(heapAfter, "heap-MB-after")
	b.ReportMetric(float64(len(all.pages)+len(all.downloads))/b.Elapsed().Seconds(), "req/s")
	b.ReportMetric(float64(rig.conns.Load()), "conns")
	if len(all.errs) > 0 {
		b.Fatalf("%d of %d requests failed; the first: %v", len(all.errs), len(all.pages)+len(all.downloads), all.errs[0])
	}
	if _, m := rig.s.cache.stats(); m != misses {
		b.Fatalf("the run generated %d outputs; want none, as every one was cached", m-misses)
	}
}

// BenchmarkColdGeneration is 20 people at once each asking for an output
// that is not cached: each request is for a fresh copy of an example (its
// own name, a comment added), so it is generated, within the bound on
// generations at once. One op is one such round of 20; the latencies of
// all ops are reported as percentiles.
func BenchmarkColdGeneration(b *testing.B) {
	b.ReportAllocs()
	rig := loadServer(b, nil)
	avail := loadAvailable(b, rig.s)
	names := slices.Sorted(maps.Keys(avail))
	srcs := map[string][]byte{}
	for _, name := range names {
		src, _, err := rig.s.ws.read(name)
		if err != nil {
			b.Fatal(err)
		}
		srcs[name] = src
	}
	clients := loadClientsN(b, loadClients)
	base := rig.ts.URL
	for _, c := range clients {
		if _, err := loadGet(c, base, "/static/app.css"); err != nil {
			b.Fatal(err)
		}
	}
	_, misses := rig.s.cache.stats()

	seq := 0
	var all loadTimes
	b.ResetTimer()
	for range b.N {
		b.StopTimer()
		plans := make([][]loadRequest, loadClients)
		for i := range plans {
			name := names[seq%len(names)]
			outs := avail[name]
			o := outs[(seq/len(names))%len(outs)]
			v := fmt.Sprintf("load-cold-%d", seq)
			src := fmt.Appendf(slices.Clip(srcs[name]), "\n# load variant %d\n", seq)
			if err := os.WriteFile(filepath.Join(rig.dir, v+".toml"), src, 0o644); err != nil {
				b.Fatal(err)
			}
			plans[i] = []loadRequest{{path: "/p/" + v + "/download/" + o.File, download: true}}
			seq++
		}
		b.StartTimer()
		all.add(loadRun(base, clients, plans))
	}
	b.StopTimer()

	loadReport(b, "cold", all.downloads)
	b.ReportMetric(float64(len(all.errs)), "errors")
	if len(all.errs) > 0 {
		b.Fatalf("%d of %d requests failed; the first: %v", len(all.errs), len(all.downloads), all.errs[0])
	}
	// A cold request checks its profile and makes its output: two misses.
	if _, m := rig.s.cache.stats(); m-misses != 2*seq {
		b.Fatalf("%d cache misses for %d requests; want two each (check and output), every one cold", m-misses, seq)
	}
}
