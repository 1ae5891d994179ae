package web

import (
	"container/list"
	"context"
	"errors"
	"log"
	"runtime/debug"
	"sync"
)

// cache holds generated outputs. Outputs are deterministic: the same
// profile bytes, library and format give the same bytes, so a key built
// from those names an output for good. Generation is bounded: at most
// slots run at once (each takes a core and tens of megabytes), and
// requests for a key already being generated wait for that generation
// rather than starting another.
type cache struct {
	mu      sync.Mutex
	max     int64 // bytes the entries may hold
	size    int64
	lru     *list.List // of *entry, most recent first
	entries map[string]*list.Element
	flight  map[string]*call
	slots   chan struct{}

	// counts, for tests and the benchmark's report
	hits, misses int
}

type entry struct {
	key string
	val result
}

// result is a generated output, or the problems that stopped it.
type result struct {
	val  any
	size int64
	err  error
}

type call struct {
	done chan struct{}
	val  result
	// abandoned says the request making the call went away while waiting
	// for a slot: val is its context's error, not the output's.
	abandoned bool
}

func newCache(maxBytes int64, slots int) *cache {
	return &cache{
		max: maxBytes, lru: list.New(), entries: map[string]*list.Element{},
		flight: map[string]*call{}, slots: make(chan struct{}, max(slots, 1)),
	}
}

// get returns the output for key, generating it with gen when it is not
// held. Errors are cached too (the same inputs fail the same way), but
// only errors from gen: a request given up while waiting for a slot caches
// nothing.
func (c *cache) get(ctx context.Context, key string, gen func() (any, int64, error)) (any, error) {
	c.mu.Lock()
	for {
		if el, ok := c.entries[key]; ok {
			c.lru.MoveToFront(el)
			c.hits++
			v := el.Value.(*entry).val
			c.mu.Unlock()
			return v.val, v.err
		}
		cl, ok := c.flight[key]
		if !ok {
			break
		}
		c.mu.Unlock()
		select {
		case <-cl.done:
		case <-ctx.Done():
			return nil, ctx.Err()
		}
		if !cl.abandoned {
			return cl.val.val, cl.val.err
		}
		// The request it waited on went away before generating: this one
		// takes its place.
		c.mu.Lock()
	}
	c.misses++
	cl := &call{done: make(chan struct{})}
	c.flight[key] = cl
	c.mu.Unlock()

	select {
	case c.slots <- struct{}{}:
		cl.val = c.run(gen)
	case <-ctx.Done():
		cl.val.err, cl.abandoned = ctx.Err(), true
	}
	c.mu.Lock()
	delete(c.flight, key)
	if !cl.abandoned {
		c.add(key, cl.val)
	}
	c.mu.Unlock()
	close(cl.done)
	return cl.val.val, cl.val.err
}

// run calls gen in the slot taken for it. A panic in gen (a renderer's
// bug) becomes its error: otherwise the slot and the key would never be
// freed, and every later request for the key would wait for good.
func (c *cache) run(gen func() (any, int64, error)) (v result) {
	defer func() { <-c.slots }()
	defer func() {
		if p := recover(); p != nil {
			log.Printf("goldenthread serve: making an output: %v\n%s", p, debug.Stack())
			v = result{err: errors.New("goldenthread failed inside while making this file; please report it, with what the window goldenthread runs in says")}
		}
	}()
	v.val, v.size, v.err = gen()
	return v
}

// add keeps v under key, dropping the least recently used entries beyond
// the size limit. An output larger than the whole cache is not kept.
func (c *cache) add(key string, v result) {
	n := v.size + int64(len(key)) + 64
	if n > c.max {
		return
	}
	c.entries[key] = c.lru.PushFront(&entry{key: key, val: v})
	c.size += n
	for c.size > c.max {
		el := c.lru.Back()
		e := el.Value.(*entry)
		c.lru.Remove(el)
		delete(c.entries, e.key)
		c.size -= e.val.size + int64(len(e.key)) + 64
	}
}

// stats returns the hits and misses so far.
func (c *cache) stats() (hits, misses int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.hits, c.misses
}

// peek returns what is held under key without generating anything: ok is
// false when nothing is held, or only an error. An upload's report is
// found this way, since only the upload itself can make it.
func (c *cache) peek(key string) (v any, ok bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	el, found := c.entries[key]
	if !found {
		return nil, false
	}
	c.lru.MoveToFront(el)
	r := el.Value.(*entry).val
	return r.val, r.err == nil
}
