package tomldoc

import (
	"fmt"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/BurntSushi/toml"
)

// P builds a Path: strings are keys, ints are array indices.
func P(elems ...any) Path {
	p := Path{}
	for _, e := range elems {
		switch e := e.(type) {
		case string:
			p = p.With(e)
		case int:
			p = p.Index(e)
		default:
			panic(fmt.Sprintf("P: %T", e))
		}
	}
	return p
}

// at is an expected position: the key (or header, or element) and, when val
// is not empty, where the value starts. Both are "line:col".
type at struct {
	path     Path
	key, val string
}

func lc(p Position) string { return strconv.Itoa(p.Line) + ":" + strconv.Itoa(p.Col) }

// locateTests are sources with the positions Locate should find in them.
var locateTests = []struct {
	name   string
	src    string
	want   []at
	absent []Path // paths that look like keys but sit inside strings or comments
}{
	{
		name: "nested tables",
		src: `title = "x"
[a]
b = 1
[a.c]
d = "e"
  [ x.y . z ]   # indented, spaced
  w = true
`,
		want: []at{
			{P(), "1:1", ""},
			{P("title"), "1:1", "1:9"},
			{P("a"), "2:1", ""},
			{P("a", "b"), "3:1", "3:5"},
			{P("a", "c"), "4:1", ""},
			{P("a", "c", "d"), "5:1", "5:5"},
			{P("x"), "6:3", ""}, // implicit tables sit at the header that makes them
			{P("x", "y"), "6:3", ""},
			{P("x", "y", "z"), "6:3", ""},
			{P("x", "y", "z", "w"), "7:3", "7:7"},
		},
	},
	{
		name: "arrays of tables",
		src: `[[clause]]
id = "a"
[[clause]]
id = "b"
[clause.question]
kind = "scored"
[[clause]]
id = "c"
[[clause.kpi]]
name = "k1"
[[clause.kpi]]
name = "k2"
[clause.question]
scale = "0-4"
  [[ clause.variant ]]
  jurisdictions = ["wales"]
  [clause.variant.question]
  kind = "pass-fail"
  [[clause.variant.source]]
  title = "s"
`,
		want: []at{
			{P("clause"), "1:1", ""}, // the array as a whole: its first header
			{P("clause", 0), "1:1", ""},
			{P("clause", 0, "id"), "2:1", "2:6"},
			{P("clause", 1), "3:1", ""},
			{P("clause", 1, "id"), "4:1", "4:6"},
			{P("clause", 1, "question"), "5:1", ""},
			{P("clause", 1, "question", "kind"), "6:1", "6:8"},
			{P("clause", 2), "7:1", ""},
			{P("clause", 2, "id"), "8:1", "8:6"},
			{P("clause", 2, "kpi"), "9:1", ""},
			{P("clause", 2, "kpi", 0), "9:1", ""},
			{P("clause", 2, "kpi", 0, "name"), "10:1", "10:8"},
			{P("clause", 2, "kpi", 1), "11:1", ""},
			{P("clause", 2, "kpi", 1, "name"), "12:1", "12:8"},
			{P("clause", 2, "question"), "13:1", ""},
			{P("clause", 2, "question", "scale"), "14:1", "14:9"},
			{P("clause", 2, "variant", 0), "15:3", ""},
			{P("clause", 2, "variant", 0, "jurisdictions"), "16:3", "16:19"},
			{P("clause", 2, "variant", 0, "jurisdictions", 0), "16:20", "16:20"},
			{P("clause", 2, "variant", 0, "question"), "17:3", ""},
			{P("clause", 2, "variant", 0, "question", "kind"), "18:3", "18:10"},
			{P("clause", 2, "variant", 0, "source", 0), "19:3", ""},
			{P("clause", 2, "variant", 0, "source", 0, "title"), "20:3", "20:11"},
		},
		absent: []Path{P("clause", 3), P("clause", 0, "kpi"), P("clause", 1, "kpi"), P("clause", 2, "kpi", 2)},
	},
	{
		name: "kpi arrays restart under each clause",
		src: `[[clause]]
[[clause.kpi]]
n = 1
[[clause]]
[[clause.kpi]]
n = 2
[[clause.kpi]]
n = 3
`,
		want: []at{
			{P("clause", 0, "kpi", 0, "n"), "3:1", "3:5"},
			{P("clause", 1, "kpi", 0, "n"), "6:1", "6:5"},
			{P("clause", 1, "kpi", 1, "n"), "8:1", "8:5"},
		},
		absent: []Path{P("clause", 0, "kpi", 1), P("clause", 1, "kpi", 2)},
	},
	{
		name: "dotted keys",
		src: `a.b.c = 1
site."google.com" = true
 x . y = 2
[t]
question.kind = "scored"
question.text = "q"
`,
		want: []at{
			{P("a"), "1:1", ""},
			{P("a", "b"), "1:3", ""},
			{P("a", "b", "c"), "1:1", "1:9"}, // a dotted key starts where its first part does
			{P("site"), "2:1", ""},
			{P("site", "google.com"), "2:1", "2:21"},
			{P("x"), "3:2", ""},
			{P("x", "y"), "3:2", "3:10"},
			{P("t", "question"), "5:1", ""},
			{P("t", "question", "kind"), "5:1", "5:17"},
			{P("t", "question", "text"), "6:1", "6:17"},
		},
		absent: []Path{P("google.com"), P("site", "google"), P("site", "google", "com")},
	},
	{
		name: "quoted keys",
		src: `"quoted key" = 1
'literal.key' = 2
"esc\"aped" = 3
"\u00e9t\u00e9" = 4
"\x41" = 5
[ "table name" ]
"" = 6
`,
		want: []at{
			{P("quoted key"), "1:1", "1:16"},
			{P("literal.key"), "2:1", "2:17"},
			{P(`esc"aped`), "3:1", "3:15"},
			{P("été"), "4:1", "4:19"},
			{P("A"), "5:1", "5:10"},
			{P("table name"), "6:1", ""},
			{P("table name", ""), "7:1", "7:6"},
		},
		absent: []Path{P("literal"), P("x41")},
	},
	{
		name: "inline tables",
		src: `q = { kind = "scored", text = "x", nested = { a = 1 } }
arr = [ { n = 1 }, { n = 2 } ]
t = {
  a = 1, # a comment
  b = [
    2,
  ],
}
after = 3
`,
		want: []at{
			{P("q"), "1:1", "1:5"},
			{P("q", "kind"), "1:7", "1:14"},
			{P("q", "text"), "1:24", "1:31"},
			{P("q", "nested"), "1:36", "1:45"},
			{P("q", "nested", "a"), "1:47", "1:51"},
			{P("arr"), "2:1", "2:7"},
			{P("arr", 0), "2:9", "2:9"},
			{P("arr", 0, "n"), "2:11", "2:15"},
			{P("arr", 1), "2:20", "2:20"},
			{P("arr", 1, "n"), "2:22", "2:26"},
			{P("t"), "3:1", "3:5"},
			{P("t", "a"), "4:3", "4:7"},
			{P("t", "b"), "5:3", "5:7"},
			{P("t", "b", 0), "6:5", "6:5"},
			{P("after"), "9:1", "9:9"},
		},
	},
	{
		name: "arrays over several lines with comments",
		src: `stages = [
  "pre-procurement", # first [not = "a key"]
  # a comment with "quotes", [brackets] and x = 1
  "award",
	'contract-management'   ,
]
nested = [ [1, 2], ["a", [ "b" ]] ]
after = 1
`,
		want: []at{
			{P("stages"), "1:1", "1:10"},
			{P("stages", 0), "2:3", "2:3"},
			{P("stages", 1), "4:3", "4:3"},
			{P("stages", 2), "5:2", "5:2"}, // a tab is one column
			{P("nested", 0), "7:12", "7:12"},
			{P("nested", 0, 1), "7:16", "7:16"},
			{P("nested", 1, 1, 0), "7:28", "7:28"},
			{P("after"), "8:1", "8:9"},
		},
		absent: []Path{P("stages", 3), P("not"), P("x")},
	},
	{
		name: "multi-line strings",
		src: `text = """
[not.a.table]
key = "not a key" # not a comment
She said ""hello"" and \""" escaped, \\
[[nor.this]]"""
next = 1
lit = '''
[x]
y = 'z' # '' two quotes
'''
ends = """quote at end"""""
k = 'a[b]=#c'
last = "x \" [y] = # z"
lit2 = '''ends with two quotes'''''
cont = """\
  line \
  continued"""
final = 2
`,
		want: []at{
			{P("text"), "1:1", "1:8"},
			{P("next"), "6:1", "6:8"},
			{P("lit"), "7:1", "7:7"},
			{P("ends"), "11:1", "11:8"},
			{P("k"), "12:1", "12:5"},
			{P("last"), "13:1", "13:8"},
			{P("lit2"), "14:1", "14:8"},
			{P("cont"), "15:1", "15:8"},
			{P("final"), "18:1", "18:9"},
		},
		absent: []Path{P("not"), P("key"), P("nor"), P("x"), P("y"), P("z")},
	},
	{
		name: "date-times",
		src: `when = 1979-05-27 07:32:00Z
local = 1979-05-27 07:32:00.999 # a comment
date = 1979-05-27
day = 1979-05-27 # 07:32:00 in a comment
time = 07:32:00
short = 1979-05-27 07:32
arr = [1979-05-27 07:32:00, 1980-01-01 00:00:00]
t = { d = 1979-05-27 07:32:00-08:00, e = 1 }
after = 2
`,
		want: []at{
			{P("when"), "1:1", "1:8"},
			{P("local"), "2:1", "2:9"},
			{P("date"), "3:1", "3:8"},
			{P("day"), "4:1", "4:7"},
			{P("time"), "5:1", "5:8"},
			{P("short"), "6:1", "6:9"},
			{P("arr", 0), "7:8", "7:8"},
			{P("arr", 1), "7:29", "7:29"},
			{P("t", "d"), "8:7", "8:11"},
			{P("t", "e"), "8:38", "8:42"},
			{P("after"), "9:1", "9:9"},
		},
	},
	{
		name: "columns count characters",
		src: `enw = { cy = "Ŵyn ac ŷd", en = "Lambs and corn" }
x = { "Dŵr" = 1, "Tân" = 2 }
e = ["😀", "x"]
"café" = "crème brûlée" # commentaire: clé = valeur
[ "Gwasanaethau Cymdeithasol" ]
  "ffôn" = "01234"
`,
		want: []at{
			{P("enw", "cy"), "1:9", "1:14"},
			{P("enw", "en"), "1:27", "1:32"},
			{P("x", "Dŵr"), "2:7", "2:15"},
			{P("x", "Tân"), "2:18", "2:26"},
			{P("e", 1), "3:11", "3:11"},
			{P("café"), "4:1", "4:10"},
			{P("Gwasanaethau Cymdeithasol"), "5:1", ""},
			{P("Gwasanaethau Cymdeithasol", "ffôn"), "6:3", "6:12"},
		},
	},
	{
		name: "CRLF line endings",
		src:  "a = 1\r\n[t]\r\nb = \"x\"\r\nc = [\r\n  1,\r\n  2, # two\r\n]\r\ns = \"\"\"\r\nline \\\r\nmore\r\n\"\"\"\r\nd = 4\r\n[[u]]\r\ne = 'é'\r\n",
		want: []at{
			{P("a"), "1:1", "1:5"},
			{P("t"), "2:1", ""},
			{P("t", "b"), "3:1", "3:5"},
			{P("t", "c"), "4:1", "4:5"},
			{P("t", "c", 0), "5:3", "5:3"},
			{P("t", "c", 1), "6:3", "6:3"},
			{P("t", "s"), "8:1", "8:5"},
			{P("t", "d"), "12:1", "12:5"},
			{P("u", 0), "13:1", ""},
			{P("u", 0, "e"), "14:1", "14:5"},
		},
	},
	{
		name: "byte order mark",
		src:  "\ufeffa = 1\n[t]\nb = 2\n",
		want: []at{
			{P("a"), "1:1", "1:5"},
			{P("t"), "2:1", ""},
			{P("t", "b"), "3:1", "3:5"},
		},
	},
}

func TestLocate(t *testing.T) {
	for _, tc := range locateTests {
		t.Run(tc.name, func(t *testing.T) {
			if _, err := tomlDecode(tc.src); err != nil {
				t.Fatalf("test source is not valid TOML: %v", err)
			}
			l := Locate(tc.src)
			for _, w := range tc.want {
				k, ok := l.Key(w.path)
				if !ok {
					t.Errorf("Locate: %s not found", w.path)
					continue
				}
				if got := lc(k); got != w.key {
					t.Errorf("Locate: Key(%s) = %s; want %s", w.path, got, w.key)
				}
				if w.val == "" {
					continue
				}
				s, _ := l.find(w.path)
				if got := lc(s.val); got != w.val {
					t.Errorf("Locate: the value of %s at %s; want %s", w.path, got, w.val)

				}
			}
			for _, p := range tc.absent {
				if pos, ok := l.Key(p); ok {
					t.Errorf("Locate: Key(%s) = %s; want not found", p, lc(pos))
				}
			}
			checkSpots(t, tc.src, l)
			checkComplete(t, tc.src, l)
		})
	}
}

// checkSpots checks that every recorded position lies within src and that its
// byte offset agrees with its line and column.
func checkSpots(t *testing.T, src string, l *Locator) {
	t.Helper()
	for k, s := range spots(l) {
		for _, pos := range []Position{s.key, s.val} {
			if pos.Off < 0 || pos.Off > len(src) {
				t.Errorf("Locate: %s at offset %d, outside the %d-byte source", k, pos.Off, len(src))
				continue
			}
			line, col := lineCol(src, pos.Off)
			if bom := strings.HasPrefix(src, "\ufeff"); bom && line == 1 {
				col-- // the mark is not a column
			}
			if line != pos.Line || col != pos.Col {
				t.Errorf("Locate: %s at %d:%d, but its offset %d is %d:%d", k, pos.Line, pos.Col, pos.Off, line, col)
			}
		}
	}
}

// spots returns every recorded position, by path.
func spots(l *Locator) map[string]spot {
	m := map[string]spot{}
	var walk func(id int32, p Path)
	walk = func(id int32, p Path) {
		n := l.nodes[id]
		if n.key.Line > 0 {
			m[p.String()] = n.spot
		}
		for elem, c := range n.kids {
			walk(c, p.With(elem))
		}
	}
	walk(0, Path{})
	return m
}

// checkComplete checks that Locate found every table, key and array element
// of the decoded document.
func checkComplete(t *testing.T, src string, l *Locator) {
	t.Helper()
	raw, err := tomlDecode(src)
	if err != nil {
		return
	}
	checkAgainst(t, src, raw, l)
}

// checkAgainst checks l against raw, what toml decoded from src: every
// table, key and array element is found, and where a value is found to
// start, src holds a value of its type.
func checkAgainst(t *testing.T, src string, raw map[string]any, l *Locator) {
	t.Helper()
	walk(Path{}, raw, func(p Path, v any) {
		s, ok := l.find(p)
		if !ok {
			t.Errorf("Locate: %s (in the decoded document) not found", p)
			return
		}
		if len(p) == 0 {
			return
		}
		c := byte(0)
		if off := s.val.Off; off < len(src) {
			c = src[off]
		}
		var starts string // the bytes v may start with
		switch v.(type) {
		case string:
			starts = `"'`
		case int64, float64:
			starts = "0123456789+-in"
		case bool:
			starts = "tf"
		case time.Time:
			starts = "0123456789"
		case []any:
			starts = "["
		default:
			// A table: inline, a header or the first part of a dotted key;
			// or a value toml dropped, as it does from b = +1 after b.c = 1
			// in an inline table, keeping the table the dotted key made.
			if c == '{' || c == '[' || c == '"' || c == '\'' || c == '+' || isBareKeyChar(c) {
				return
			}
		}
		if strings.IndexByte(starts, c) < 0 {
			t.Errorf("Locate: %s (%T) at %d:%d, where the source has %q", p, v, s.val.Line, s.val.Col, c)
		}
	})
}

// checkLocate checks Locate against toml on src: if toml accepts it, every
// position is consistent and everything toml decoded is found where the
// source holds it.
func checkLocate(t *testing.T, src string) {
	t.Helper()
	if !utf8.ValidString(src) {
		return // Parse reports it before locating
	}
	l, lim := locate(src)
	if lim != nil {
		return // deeper than goldenthread reads, and toml may take minutes
	}
	checkSpots(t, src, l)
	if raw, err := tomlDecode(src); err == nil {
		checkAgainst(t, src, raw, l)
	}
}

// tomlDecode is toml.Decode into a map, with a panic turned into an error.
func tomlDecode(src string) (raw map[string]any, err error) {
	defer func() {
		if r := recover(); r != nil {
			raw, err = nil, fmt.Errorf("toml panicked: %v", r)
		}
	}()
	_, err = toml.Decode(src, &raw)
	return raw, err
}

func walk(p Path, v any, visit func(Path, any)) {
	visit(p, v)
	switch v := v.(type) {
	case map[string]any:
		for k, e := range v {
			walk(p.With(k), e, visit)
		}
	case []map[string]any:
		for i, e := range v {
			walk(p.Index(i), e, visit)
		}
	case []any:
		for i, e := range v {
			walk(p.Index(i), e, visit)
		}
	}
}

// TestLocateRealFiles checks Locate on the clause, template and example
// files, and the TOML in test data: besides what checkLocate checks, every
// key is found where the source names it, and every key's value after its
// '='.
func TestLocateRealFiles(t *testing.T) {
	for _, src := range realFiles(t) {
		raw, err := tomlDecode(src)
		if err != nil {
			continue // test data for syntax errors
		}
		checkLocate(t, src)
		l := Locate(src)
		walk(Path{}, raw, func(p Path, _ any) {
			if len(p) == 0 || isIndex(p[len(p)-1]) {
				return
			}
			s, ok := l.find(p)
			if !ok {
				return // checkLocate reports it
			}
			key, val := s.key.Off, s.val.Off
			name := src[key:]
			if i := strings.IndexAny(name, "=]\n"); i >= 0 {
				name = name[:i]
			}
			if !strings.Contains(name, p[len(p)-1]) {
				t.Errorf("Locate: %s at %d:%d, where the source has %q", p, s.key.Line, s.key.Col, name)
			}
			if val != key && !strings.HasSuffix(strings.TrimRight(src[:val], " \t"), "=") {
				t.Errorf("Locate: the value of %s at %d:%d, not after an '='", p, s.val.Line, s.val.Col)
			}
		})
	}
}

func TestLocateInvalid(t *testing.T) {
	// On input it cannot follow, Locate keeps what it found before.
	tests := []struct {
		src  string
		want []Path
	}{
		{"a = 1\nb = = 2\nc = 3\n", []Path{P("a")}},
		{"a = 1\n[t\nc = 3\n", []Path{P("a")}},
		{"a = \"unterminated\nb = 2\n", []Path{P("a")}},
		{"", nil},
		{"[[", nil},
		{"a = '''never closed", []Path{P("a")}},
	}
	for _, tc := range tests {
		l := Locate(tc.src)
		for _, p := range tc.want {
			if _, ok := l.Key(p); !ok {
				t.Errorf("Locate(%q): %s not found", tc.src, p)
			}
		}
		checkSpots(t, tc.src, l)
	}
}

func TestNearest(t *testing.T) {
	src := `[[clause]]
id = "a"
[[clause]]
id = "b"
[clause.question]
kind = "scored"
`
	l := Locate(src)
	tests := []struct {
		path      Path
		value     bool
		want      string
		wantFound bool
	}{
		{P("clause", 1, "question", "kind"), true, "6:8", true},
		{P("clause", 1, "question", "kind"), false, "6:1", true},
		{P("clause", 1, "question", "weight"), false, "5:1", false},
		{P("clause", 0, "question", "weight"), false, "1:1", false},
		{P("clause", 7), false, "1:1", false},
		{P("nothing", "here"), false, "1:1", false},
		{P(), false, "1:1", true},
	}
	for _, tc := range tests {
		pos, found := l.Nearest(tc.path, tc.value)
		if lc(pos) != tc.want || found != tc.wantFound {
			t.Errorf("Nearest(%s, %v) = %s, %v; want %s, %v", tc.path, tc.value, lc(pos), found, tc.want, tc.wantFound)
		}
	}
}

func TestPath(t *testing.T) {
	tests := []struct {
		path      Path
		str, name string
	}{
		{P("clause", 2, "question", "scale"), "clause[2].question.scale", "scale"},
		{P("clause", 2), "clause[2]", "clause"},
		{P("scoring", "panel", 0), "scoring.panel[0]", "panel"},
		{P(), "", "the top level"},
	}
	for _, tc := range tests {
		if got := tc.path.String(); got != tc.str {
			t.Errorf("%#v.String() = %q; want %q", tc.path, got, tc.str)
		}
		if got := tc.path.Name(); got != tc.name {
			t.Errorf("%#v.Name() = %q; want %q", tc.path, got, tc.name)
		}
	}
	// With must not alias its receiver.
	base := make(Path, 1, 8)
	base[0] = "clause"
	a, b := base.With("a"), base.With("b")
	if a[1] != "a" || b[1] != "b" {
		t.Errorf("With aliases its receiver: %v, %v", a, b)
	}
}

// TestLocateManyKids checks tables and arrays with few and many children,
// and keys looked up again after many others (a dotted key reopening a
// table).
func TestLocateManyKids(t *testing.T) {
	for _, n := range []int{1, 31, 32, 33, 34, 96} {
		var b strings.Builder
		b.WriteString("[t]\n")
		for i := range n {
			fmt.Fprintf(&b, "k%d.x = %d\n", i, i)
		}
		for i := range n {
			fmt.Fprintf(&b, "k%d.y = %d\n", i, i)
		}
		for range n {
			b.WriteString("[[a]]\nv = 1\n")
		}
		src := b.String()
		l := Locate(src)
		for i := range n {
			for j, key := range []string{"x", "y"} {
				pos, ok := l.Key(Path{"t", fmt.Sprintf("k%d", i), key})
				if want := 2 + j*n + i; !ok || pos.Line != want || pos.Col != 1 {
					t.Errorf("n=%d: t.k%d.%s at %v (found %v); want line %d", n, i, key, pos, ok, want)
				}
			}
			pos, ok := l.Key(Path{"a", strconv.Itoa(i), "v"})
			if want := 2 + 2*n + 2*i + 1; !ok || pos.Line != want {
				t.Errorf("n=%d: a[%d].v at %v (found %v); want line %d", n, i, pos, ok, want)
			}
		}
		if _, ok := l.Key(Path{"t", "missing"}); ok {
			t.Errorf("n=%d: t.missing found", n)
		}
	}
}

// TestLayout checks the spans of values and the headers that tools which
// edit the source rely on.
func TestLayout(t *testing.T) {
	src := "a = 1 # one\n[t]\nb = \"\"\"\nx\"\"\"\nc = [\n  1, # c\n  [2],\n]\n[[arr]]\nd = { e = 'f' }\n[[arr]]\n[arr.sub]\ng.h = true\n"
	l := Locate(src)
	spans := map[string]string{}
	for _, e := range l.Entries() {
		spans[e.Path.String()] = src[e.Value.Off:e.End]
		if k, _ := l.Key(e.Path); k != e.Key {
			t.Errorf("Entries: %s key at %v; Key says %v", e.Path, e.Key, k)
		}
	}
	want := map[string]string{
		"a": "1", "t.b": "\"\"\"\nx\"\"\"", "t.c": "[\n  1, # c\n  [2],\n]", "t.c[0]": "1", "t.c[1]": "[2]", "t.c[1][0]": "2",
		"arr[0].d": "{ e = 'f' }", "arr[0].d.e": "'f'", "arr[1].sub.g.h": "true",
	}
	if fmt.Sprint(spans) != fmt.Sprint(want) {
		t.Errorf("Entries spans = %v; want %v", spans, want)
	}
	if start, end, ok := l.Value(P("t", "c", 1)); !ok || src[start.Off:end] != "[2]" {
		t.Errorf("Value(t.c[1]) = %v, %d, %v; want the span of [2]", start, end, ok)
	}
	if _, _, ok := l.Value(P("t")); ok {
		t.Errorf("Value(t) found a value; a [table] has none")
	}
	var heads []string
	for _, h := range l.Headers() {
		heads = append(heads, fmt.Sprintf("%s %s %v", h.Path, src[h.Start.Off:h.End], h.Array))
	}
	if got, want := strings.Join(heads, "; "), "t [t] false; arr[0] [[arr]] true; arr[1] [[arr]] true; arr[1].sub [arr.sub] false"; got != want {
		t.Errorf("Headers = %s; want %s", got, want)
	}
}
