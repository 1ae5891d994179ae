package web

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log"
	"os"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// waitFor polls cond until it holds, failing the test after a while.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	for deadline := time.Now().Add(5 * time.Second); !cond(); {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(time.Millisecond)
	}
}

// flights returns how many generations are under way or waiting.
func (c *cache) flights() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.flight)
}

func (c *cache) holds(key string) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	_, ok := c.entries[key]
	return ok
}

// TestCacheSingleFlight checks that requests for a key being generated
// wait for that generation.
func TestCacheSingleFlight(t *testing.T) {
	c := newCache(1<<20, 2)
	var calls atomic.Int32
	release := make(chan struct{})
	gen := func() (any, int64, error) {
		calls.Add(1)
		<-release
		return "v", 1, nil
	}
	const n = 20
	var wg sync.WaitGroup
	got := make([]any, n)
	for i := range n {
		wg.Go(func() { got[i], _ = c.get(context.Background(), "k", gen) })
	}
	waitFor(t, "the generation to start", func() bool { return calls.Load() == 1 })
	time.Sleep(20 * time.Millisecond) // let the others reach the wait
	close(release)
	wg.Wait()
	if calls.Load() != 1 {
		t.Errorf("gen called %d times for one key; want 1", calls.Load())
	}
	for i, v := range got {
		if v != "v" {
			t.Errorf("get %d = %v; want v", i, v)
		}
	}
	if hits, misses := c.stats(); misses != 1 || hits+misses > n {
		t.Errorf("stats() = %d hits, %d misses; want 1 miss", hits, misses)
	}
}

// TestCacheSlots checks that at most slots generations run at once.
func TestCacheSlots(t *testing.T) {
	const slots = 2
	c := newCache(1<<20, slots)
	var running, most, started atomic.Int32
	release := make(chan struct{})
	gen := func() (any, int64, error) {
		started.Add(1)
		n := running.Add(1)
		for {
			m := most.Load()
			if n <= m || most.CompareAndSwap(m, n) {
				break
			}
		}
		<-release
		running.Add(-1)
		return "v", 1, nil
	}
	var wg sync.WaitGroup
	for i := range 6 {
		wg.Go(func() { c.get(context.Background(), fmt.Sprint("k", i), gen) })
	}
	waitFor(t, "the slots to fill", func() bool { return running.Load() == slots })
	waitFor(t, "every request to wait", func() bool { return c.flights() == 6 })
	time.Sleep(20 * time.Millisecond)
	if n := started.Load(); n != slots {
		t.Errorf("%d generations started with %d slots", n, slots)
	}
	close(release)
	wg.Wait()
	if m := most.Load(); m != slots {
		t.Errorf("at most %d generations ran at once; want %d", m, slots)
	}
	if n := started.Load(); n != 6 {
		t.Errorf("%d generations ran; want 6", n)
	}
}

// TestCacheEviction checks that the least recently used entries go first,
// and that an entry larger than the cache is not kept.
func TestCacheEviction(t *testing.T) {
	per := int64(100 + 1 + 64) // size, key and overhead of each entry
	c := newCache(3*per, 1)
	ctx := context.Background()
	var calls atomic.Int32
	gen := func(size int64) func() (any, int64, error) {
		return func() (any, int64, error) { calls.Add(1); return "v", size, nil }
	}
	for _, k := range []string{"a", "b", "c"} {
		c.get(ctx, k, gen(100))
	}
	c.get(ctx, "a", gen(100)) // a is now the most recently used
	c.get(ctx, "d", gen(100)) // so b goes
	for k, want := range map[string]bool{"a": true, "b": false, "c": true, "d": true} {
		if c.holds(k) != want {
			t.Errorf("after adding d, holds(%s) = %v; want %v", k, !want, want)
		}
	}
	if c.size != 3*per {
		t.Errorf("size = %d; want %d", c.size, 3*per)
	}
	calls.Store(0)
	c.get(ctx, "e", gen(3*per)) // larger than the whole cache
	c.get(ctx, "e", gen(3*per))
	if calls.Load() != 2 || c.holds("e") {
		t.Errorf("an entry larger than the cache: gen called %d times, held %v; want 2, false", calls.Load(), c.holds("e"))
	}
	for _, k := range []string{"a", "c", "d"} {
		if !c.holds(k) {
			t.Errorf("an entry too large to keep evicted %s", k)
		}
	}
}

// TestCacheCancel checks that a request given up while waiting for a slot
// returns at once and caches nothing, and that a request waiting on its
// generation is not failed by it.
func TestCacheCancel(t *testing.T) {
	c := newCache(1<<20, 1)
	release := make(chan struct{})
	busy := make(chan struct{})
	go c.get(context.Background(), "busy", func() (any, int64, error) { close(busy); <-release; return "b", 1, nil })
	<-busy

	var calls atomic.Int32
	gen := func() (any, int64, error) { calls.Add(1); return "v", 1, nil }
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error)
	go func() { _, err := c.get(ctx, "k", gen); done <- err }()
	waitFor(t, "the request to wait for a slot", func() bool { return c.flights() == 2 })

	// Another request for k waits on the first one's generation.
	other := make(chan any)
	go func() { v, _ := c.get(context.Background(), "k", gen); other <- v }()
	time.Sleep(20 * time.Millisecond)

	cancel()
	select {
	case err := <-done:
		if !errors.Is(err, context.Canceled) {
			t.Errorf("get with a cancelled context = %v; want context.Canceled", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("get with a cancelled context did not return")
	}
	if c.holds("k") {
		t.Errorf("a cancelled request cached its error")
	}
	close(release)
	select {
	case v := <-other:
		if v != "v" {
			t.Errorf("the request waiting on a cancelled one got %v; want v", v)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("the request waiting on a cancelled one did not return")
	}
	if v, err := c.get(context.Background(), "k", gen); v != "v" || err != nil || calls.Load() != 1 {
		t.Errorf("get after = %v, %v with gen called %d times; want v, nil, 1", v, err, calls.Load())
	}
}

// TestCacheErrors checks that an error from gen is cached: the same inputs
// fail the same way.
func TestCacheErrors(t *testing.T) {
	c := newCache(1<<20, 1)
	var calls atomic.Int32
	bad := errors.New("bad profile")
	gen := func() (any, int64, error) { calls.Add(1); return nil, 0, bad }
	for range 3 {
		if _, err := c.get(context.Background(), "k", gen); err != bad {
			t.Errorf("get = %v; want %v", err, bad)
		}
	}
	if calls.Load() != 1 {
		t.Errorf("gen called %d times for a failing key; want 1", calls.Load())
	}
}

// TestCachePanic checks that a generation that panics frees its slot and
// its key, so that later requests are not stuck behind it.
func TestCachePanic(t *testing.T) {
	c := newCache(1<<20, 1)
	log.SetOutput(io.Discard) // the panic's stack
	defer log.SetOutput(os.Stderr)
	func() {
		defer func() { recover() }()
		c.get(context.Background(), "k", func() (any, int64, error) { panic("renderer bug") })
	}()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	if _, err := c.get(ctx, "k", func() (any, int64, error) { return "v", 1, nil }); err == nil || errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("get after a panic = %v; want the panic's error, at once", err)
	}
	if v, err := c.get(ctx, "other", func() (any, int64, error) { return "v", 1, nil }); v != "v" || err != nil {
		t.Errorf("get of another key after a panic = %v, %v; want v (the slot freed)", v, err)
	}
}
