package score

import (
	"strings"
	"sync"
	"sync/atomic"
)

// prefetch parses the worksheets and the shared strings of a workbook on a
// second goroutine while open unpacks and checks the rest of the archive,
// and whoever needs a part first parses it: on two cores a large grid reads
// in much less time. A part is parsed only after it has passed the limits,
// and parsing one part depends on nothing else, so what Read finds does not
// depend on timing.
type prefetch struct {
	queue chan *fetched
	wg    sync.WaitGroup

	mu      sync.Mutex
	parts   map[string]*fetched
	stopped bool
	closed  bool
}

// fetched is a part queued, being parsed, or parsed.
type fetched struct {
	name string
	data []byte

	claimed atomic.Bool   // someone is parsing it, or has
	done    chan struct{} // closed when it is parsed
	sh      *xsheet
	sst     []string
	err     error
}

func newPrefetch(parts int) *prefetch {
	pf := &prefetch{queue: make(chan *fetched, parts), parts: map[string]*fetched{}}
	pf.wg.Go(func() {
		for p := range pf.queue {
			pf.mu.Lock()
			stopped := pf.stopped
			pf.mu.Unlock()
			p.parse(stopped)
		}
	})
	return pf
}

// parse parses the part unless someone else has started to.
func (p *fetched) parse(stopped bool) {
	if !p.claimed.CompareAndSwap(false, true) {
		return
	}
	switch {
	case stopped:
		p.err = errUnsupported
	case p.name == sharedStringsPart:
		p.sst, p.err = parseSST(p.data)
	default:
		p.sh, p.err = parseSheet(p.data)
	}
	close(p.done)
}

// add queues a part if it is a worksheet or the shared strings.
func (pf *prefetch) add(name string, data []byte) {
	if name != sharedStringsPart && !(strings.HasPrefix(name, "xl/worksheets/") && strings.HasSuffix(name, ".xml")) {
		return
	}
	p := &fetched{name: name, data: data, done: make(chan struct{})}
	pf.mu.Lock()
	pf.parts[name] = p
	pf.mu.Unlock()
	pf.queue <- p
}

// close says no more parts are coming.
func (pf *prefetch) close() {
	pf.mu.Lock()
	defer pf.mu.Unlock()
	if !pf.closed {
		pf.closed = true
		close(pf.queue)
	}
}

// stop abandons the parts not yet parsed, waits for the goroutine to
// finish, and lets go of the parts.
func (pf *prefetch) stop() {
	pf.mu.Lock()
	pf.stopped = true
	pf.mu.Unlock()
	pf.close()
	pf.wg.Wait()
	pf.mu.Lock()
	pf.parts = nil
	pf.mu.Unlock()
}

// get returns a part parsed, parsing it now if the goroutine has not
// started on it, or waiting for it if it has. It returns nil for a part
// that was not queued.
func (pf *prefetch) get(name string) *fetched {
	pf.mu.Lock()
	p, stopped := pf.parts[name], pf.stopped
	pf.mu.Unlock()
	if p == nil {
		return nil
	}
	p.parse(stopped)
	<-p.done
	return p
}

// sheet returns the worksheet at name, parsed.
func (pf *prefetch) sheet(name string, data []byte) (*xsheet, error) {
	if p := pf.get(name); p != nil && name != sharedStringsPart {
		return p.sh, p.err
	}
	return parseSheet(data)
}

// sst returns the shared string table, parsed.
func (pf *prefetch) sst(data []byte) ([]string, error) {
	if p := pf.get(sharedStringsPart); p != nil {
		return p.sst, p.err
	}
	return parseSST(data)
}
