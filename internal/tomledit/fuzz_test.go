package tomledit

import (
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/BurntSushi/toml"

	"github.com/goldenthread/goldenthread/internal/diag"
	"github.com/goldenthread/goldenthread/internal/gtest"
	"github.com/goldenthread/goldenthread/internal/tomldoc"
)

// FuzzApply makes random changes to random documents. Apply must never
// panic, and whenever it returns a result, the result must read back (by
// toml, here) as the original with the changes made: the check inside
// Apply must never let a wrong result through. With no changes, the result
// must be the source byte for byte.
func FuzzApply(f *testing.F) {
	var seeds []string
	for _, pat := range []string{filepath.Join(gtest.Root(), "examples", "*.toml"), "testdata/*.txtar"} {
		files, _ := filepath.Glob(pat)
		for _, file := range files {
			b, err := os.ReadFile(file)
			if err != nil {
				f.Fatal(err)
			}
			if strings.HasSuffix(file, ".txtar") {
				b = gtest.File(gtest.Archive(f, file), "in.toml")
			}
			seeds = append(seeds, string(b))
		}
	}
	for i, s := range seeds {
		f.Add(s, []byte{byte(i), 1, 2, 3, byte(7 * i), 5, 6, 7, 8, 9, 10, 11})
		f.Add(strings.ReplaceAll(s, "\n", "\r\n"), []byte{3, byte(i), 0, 2, 2, 2})
	}
	f.Fuzz(func(t *testing.T, src string, ops []byte) {
		// tomldoc.Parse reads src as Apply does, refusing what would take
		// toml too long.
		var list diag.List
		doc := tomldoc.Parse("f.toml", []byte(src), &list)
		if doc == nil {
			if _, err := Apply("f.toml", []byte(src), nil); err == nil {
				t.Fatalf("Apply accepted a source tomldoc.Parse rejects")
			}
			return
		}
		raw := doc.Raw
		if raw == nil {
			raw = map[string]any{}
		}
		changes := randomChanges(raw, ops)
		out, err := Apply("f.toml", []byte(src), changes)
		if err != nil {
			return
		}
		if len(changes) == 0 && string(out) != src {
			t.Fatalf("Apply with no changes rewrote the source:\n%q\n%q", src, out)
		}
		if strings.HasPrefix(src, "\ufeff") != strings.HasPrefix(string(out), "\ufeff") {
			t.Fatalf("Apply lost or added the byte order mark")
		}
		e := &editor{file: "f.toml", raw: raw}
		cs, err := e.check(changes)
		if err != nil {
			t.Fatalf("Apply accepted changes that check refuses: %v", err)
		}
		want, err := expect(raw, cs)
		if err != nil {
			t.Fatalf("Apply succeeded, but the changes cannot be made to the decoded document: %v", err)
		}
		var got map[string]any
		if _, err := toml.Decode(strings.TrimPrefix(string(out), "\ufeff"), &got); err != nil {
			t.Fatalf("Apply(%q, %v) gave a result toml rejects: %v\n%s", src, changes, err, out)
		}
		if p, msg, ok := diff(tomldoc.Path{}, want, got); !ok {
			t.Fatalf("Apply(%q, %v) reads back wrong at %s: %s\n%s", src, changes, p, msg, out)
		}
	})
}

// values are the values the fuzzer sets: hostile text, numbers, dates and
// arrays short and long.
var values = []any{
	"plain", "", "Siân Ŵyn 🙂", "quote \" and \\ backslash", "two\nlines", "\"\"\"", "ends with \"",
	"'''", "]] # not a comment", "\x00\x07\x1b\x7f", "tab\tand\r\nCRLF", "\n", "\r", "x\n\"\"\"\n\\",
	int64(0), int64(-7), 1.5, 10.0, -0.0, true, false,
	time.Date(2027, 1, 15, 0, 0, 0, 0, time.UTC), time.Date(2027, 1, 15, 9, 30, 0, 5, time.FixedZone("", 3600)),
	[]string{}, []string{"a", "b\"c"}, slices.Repeat([]string{"a fairly long item of text"}, 5), []string{"multi\nline"},
}

// randomChanges picks up to four changes from ops: sets and deletes of
// paths the document has and new ones, appends and removals.
func randomChanges(raw map[string]any, ops []byte) []Change {
	var paths []tomldoc.Path
	var walk func(p tomldoc.Path, v any)
	walk = func(p tomldoc.Path, v any) {
		if len(p) > 0 {
			paths = append(paths, p)
		}
		switch v := v.(type) {
		case map[string]any:
			paths = append(paths, p.With("new"), p.With("new key"), p.With("t", "k"))
			for _, k := range slices.Sorted(maps.Keys(v)) {
				walk(p.With(k), v[k])
			}
		case []map[string]any:
			paths = append(paths, p.With(Append))
			for i, e := range v {
				walk(p.Index(i), e)
			}
		case []any:
			for i, e := range v {
				walk(p.Index(i), e)
			}
		}
	}
	walk(tomldoc.Path{}, raw)
	paths = append(paths, tomldoc.Path{"override", Append}, tomldoc.Path{"placeholders", "branch"})
	var out []Change
	for len(ops) >= 3 && len(out) < 4 {
		kind, pi, vi := ops[0], int(ops[1]), int(ops[2])
		ops = ops[3:]
		p := paths[pi%len(paths)]
		switch {
		case p[len(p)-1] == Append:
			var fields []Field
			for i := range int(kind % 3) {
				fields = append(fields, Field{[]string{"id", "weight", "requirement"}[i], values[(vi+i)%len(values)]})
			}
			out = append(out, Change{Path: p, Value: fields})
		case kind%4 == 0:
			out = append(out, Change{Path: p})
		default:
			out = append(out, Change{Path: p, Value: values[vi%len(values)]})
		}
	}
	return out
}
