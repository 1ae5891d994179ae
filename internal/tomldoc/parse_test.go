package tomldoc

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/BurntSushi/toml"
)

// tomlDecode is the reference parse decodes like: toml.Decode into a map,
// with a panic (toml has a few on odd input) turned into an error.
func tomlDecode(src string) (raw map[string]any, err error) {
	defer func() {
		if r := recover(); r != nil {
			raw, err = nil, fmt.Errorf("toml panicked: %v", r)
		}
	}()
	_, err = toml.Decode(src, &raw)
	return raw, err
}

// checkDifferential checks that parse and toml agree on src: both reject it,
// or both accept it with the same values. src is first prepared as Parse
// prepares it.
func checkDifferential(t *testing.T, src string) {
	t.Helper()
	src = strings.TrimPrefix(src, "\ufeff")
	if !utf8.ValidString(src) {
		return // Parse reports it before parsing
	}
	got, _, ok, lim := parseLimited(src)
	if lim != nil {
		return // deeper than goldenthread reads, and toml may take minutes
	}
	want, err := tomlDecode(src)
	switch {
	case ok && err != nil:
		t.Fatalf("parse(%q) accepts; toml: %v", src, err)
	case !ok && err == nil:
		t.Fatalf("parse(%q) rejects; toml accepts it as %v", src, want)
	case ok:
		if d := diffValue("", got, want); d != "" {
			t.Fatalf("parse(%q): %s", src, d)
		}
	}
}

// diffValue describes the first difference between two decoded values, or
// returns "" when they are the same: the same types throughout, floats with
// the same bits (so NaNs compare), times equal and in zones of the same name
// and offset.
func diffValue(path string, got, want any) string {
	if fmt.Sprintf("%T", got) != fmt.Sprintf("%T", want) {
		return fmt.Sprintf("%s: got %T %#v; want %T %#v", path, got, got, want, want)
	}
	switch w := want.(type) {
	case map[string]any:
		g := got.(map[string]any)
		if (g == nil) != (w == nil) {
			return fmt.Sprintf("%s: got nil %v; want nil %v", path, g == nil, w == nil)
		}
		for _, k := range unionKeys(g, w) {
			gv, gok := g[k]
			wv, wok := w[k]
			if gok != wok {
				return fmt.Sprintf("%s: key %q: got present %v; want present %v", path, k, gok, wok)
			}
			if d := diffValue(path+"."+k, gv, wv); d != "" {
				return d
			}
		}
	case []map[string]any:
		g := got.([]map[string]any)
		if len(g) != len(w) || (g == nil) != (w == nil) {
			return fmt.Sprintf("%s: got %d tables (nil %v); want %d (nil %v)", path, len(g), g == nil, len(w), w == nil)
		}
		for i := range w {
			if d := diffValue(fmt.Sprintf("%s[%d]", path, i), g[i], w[i]); d != "" {
				return d
			}
		}
	case []any:
		g := got.([]any)
		if len(g) != len(w) || (g == nil) != (w == nil) {
			return fmt.Sprintf("%s: got %d elements (nil %v); want %d (nil %v)", path, len(g), g == nil, len(w), w == nil)
		}
		for i := range w {
			if d := diffValue(fmt.Sprintf("%s[%d]", path, i), g[i], w[i]); d != "" {
				return d
			}
		}
	case float64:
		if g := got.(float64); math.Float64bits(g) != math.Float64bits(w) {
			return fmt.Sprintf("%s: got %v (%#x); want %v (%#x)", path, g, math.Float64bits(g), w, math.Float64bits(w))
		}
	case time.Time:
		g := got.(time.Time)
		gn, go_ := g.Zone()
		wn, wo := w.Zone()
		// toml's local zones and time.Local are shared; offsets get a
		// fresh zone each time.
		z := zones()
		shared := slices.Contains([]*time.Location{z.datetime, z.date, z.time, time.Local, time.UTC}, w.Location())
		if !g.Equal(w) || g.Location().String() != w.Location().String() || gn != wn || go_ != wo ||
			shared && g.Location() != w.Location() {
			return fmt.Sprintf("%s: got %v (%s); want %v (%s)", path, g, g.Location(), w, w.Location())
		}
	default:
		if got != want {
			return fmt.Sprintf("%s: got %#v; want %#v", path, got, want)
		}
	}
	return ""
}

func unionKeys(a, b map[string]any) []string {
	var keys []string
	for k := range a {
		keys = append(keys, k)
	}
	for k := range b {
		if _, ok := a[k]; !ok {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	return keys
}

// trickyCases are inputs at the edges of TOML and of toml's reading of it.
// toml decides what each should give; many are there because toml accepts
// or rejects them where the TOML specification would not.
var trickyCases = []struct{ name, src string }{
	// Documents.
	{"empty", ""},
	{"only comments", "# a\n  # b\n"},
	{"no final newline", "a = 1"},
	{"byte order mark", "\ufeffa = 1\n"},
	{"two byte order marks", "\ufeff\ufeffa = 1\n"},
	{"byte order mark later", "a = 1\n\ufeff"},
	{"NUL", "a = 1\x00\n"},
	{"NUL early", "\x00a = 1\n"},
	{"tabs", "\ta\t=\t1\t# c\n"},
	{"comment right after value", "a=1#c\n"},
	{"control in comment", "# a\x01b\na = 1\n"},
	{"DEL in comment", "# a\x7fb\na = 1\n"},
	{"tab in comment", "# a\tb\na = 1\n"},
	{"CR alone", "a = 1\rb = 2\n"},
	{"CR at end", "a = 1\r"},
	{"CR in comment", "# x\ry\na = 1\n"},
	{"CRLF", "a = 1\r\nb = 2\r\n"},
	{"CRLF after comment", "a = 1 # c\r\n"},
	{"two items on a line", "a = 1 b = 2\n"},
	{"header then key on a line", "[a] b = 1\n"},
	{"C1 control in string", "a = \"\u0085\"\n"},

	// Keys.
	{"empty quoted key", `"" = 1`},
	{"empty literal key", `'' = 1`},
	{"empty bare key", ` = 1`},
	{"dotted quoted", `a."b.c".'d' = 1`},
	{"dotted spaces", "a . b\t.c = 1"},
	{"escaped key", `"\u0041\x42\"" = 1`},
	{"bad escape in key", `"\q" = 1`},
	{"space escape in key", `"a\ b" = 1`},
	{"numeric keys", "1234 = 1\n1.2 = 3\n"},
	{"keyword keys", "true = 1\ninf = 2\nnan = 3\n-_- = 4\n"},
	{"non-ASCII bare key", "ŵ = 1"},
	{"multi-line key", `"""a""" = 1`},
	{"multi-line literal key", `'''a''' = 1`},
	{"key without value", "a =\n"},
	{"key on its own", "a\n"},
	{"key then newline then =", "a\n= 1\n"},
	{"dot first", ".a = 1"},
	{"dot last", "a. = 1"},
	{"two dots", "a..b = 1"},
	{"two equals", "a = = 1"},
	{"duplicate", "a = 1\na = 2\n"},
	{"duplicate quoted", "a = 1\n\"a\" = 2\n"},
	{"empty key in table", "[a]\n\"\" = 1\n"},
	{"empty key array in table", "[a]\n\"\" = [1]\n"},
	{"empty key array then table again", "[a]\n\"\" = [1]\n[a]\n"},
	{"empty key array in dotted table", "x.\"\" = [1]\nx = 5\n"},
	{"empty key array at top then table", "\"\" = [1]\n[\"\"]\n"},

	// Strings.
	{"empty strings", "a = \"\"\nb = ''\nc = \"\"\"\"\"\"\nd = ''''''\n"},
	{"escapes", `a = "\b\t\n\f\r\e\"\\\x41\u00e9\U0001F600"`},
	{"bad escapes", `a = "\q"`},
	{"slash escape", `a = "\/"`},
	{"apostrophe escape", `a = "\'"`},
	{"surrogate escape", `a = "\ud800"`},
	{"big escape", `a = "\U00110000"`},
	{"huge escape", `a = "\UFFFFFFFF"`},
	{"NUL escape", `a = "\u0000"`},
	{"x escape high", `a = "\xff"`},
	{"short x escape", `a = "\x4"`},
	{"short u escape", `a = "\u00e"`},
	{"escape at end", `a = "\`},
	{"space escape", `a = "a\ b"`},
	{"tab escape", "a = \"a\\\tb\""},
	{"newline in string", "a = \"a\nb\"\n"},
	{"CR in string", "a = \"a\r\nb\"\n"},
	{"tab in string", "a = \"a\tb\"\n"},
	{"control in string", "a = \"a\x01b\"\n"},
	{"DEL in string", "a = \"a\x7fb\"\n"},
	{"control in literal", "a = 'a\x01b'\n"},
	{"unterminated", `a = "abc`},
	{"unterminated literal", `a = 'abc`},
	{"literal with quotes", `a = 'a"b\c'`},
	{"string then text", `a = "x"y`},
	{"ml first newline", "a = \"\"\"\nx\"\"\"\nb = '''\nx'''\n"},
	{"ml first CRLF", "a = \"\"\"\r\nx\"\"\"\nb = '''\r\nx'''\n"},
	{"ml two newlines", "a = \"\"\"\n\nx\"\"\"\nb = '''\n\nx'''\n"},
	{"ml CRLF kept", "a = \"\"\"x\r\ny\"\"\"\n"},
	{"ml bare CR", "a = \"\"\"x\ry\"\"\"\n"},
	{"ml literal bare CR", "a = '''x\ry'''\n"},
	{"ml control", "a = \"\"\"x\x01y\"\"\"\n"},
	{"ml literal control", "a = '''x\x01y'''\n"},
	{"ml literal tab", "a = '''x\ty'''\n"},
	{"ml quotes inside", `a = """a "b" ""c"" d"""`},
	{"ml 4 closing", `a = """a""""`},
	{"ml 5 closing", `a = """a"""""`},
	{"ml 6 closing", `a = """a""""""`},
	{"ml 7 quotes", `a = """""""`},
	{"ml 8 quotes", `a = """"""""`},
	{"ml 9 quotes", `a = """""""""`},
	{"ml escaped quote then 3", `a = """a\""""`},
	{"ml escaped quote then 5", `a = """a\"""""""`},
	{"ml escaped quote then 6", `a = """a\""""""""`},
	{"ml escaped backslash then 5", `a = """a\\"""""`},
	{"ml escaped backslash then 6", `a = """a\\""""""`},
	{"ml escaped backslash then 7", `a = """a\\"""""""`},
	{"ml two escaped backslashes then 6", `a = """a\\\\""""""`},
	{"ml backslash quote backslash", `a = """a\"\\""""""`},
	{"ml literal 4 closing", `a = '''a''''`},
	{"ml literal 5 closing", `a = '''a'''''`},
	{"ml literal 6 closing", `a = '''a''''''`},
	{"ml literal 7 quotes", `a = '''''''`},
	{"ml literal 9 quotes", `a = '''''''''`},
	{"ml literal backslash then 6", `a = '''a\''''''`},
	{"ml unterminated", "a = \"\"\"abc\n"},
	{"ml literal unterminated", "a = '''abc\n"},
	{"ml two quotes at end of file", `a = """a""`},
	{"line-ending backslash", "a = \"\"\"a \\\n   b\"\"\"\n"},
	{"line-ending backslash CRLF", "a = \"\"\"a \\\r\n   b\"\"\"\r\n"},
	{"line-ending backslash spaces after", "a = \"\"\"a \\  \t\n\n   b\"\"\"\n"},
	{"line-ending backslash at end", "a = \"\"\"a\\\n\"\"\"\n"},
	{"line-ending backslash first", "a = \"\"\"\\\n  a\"\"\"\n"},
	{"backslash space not at line end", "a = \"\"\"a\\ b\"\"\"\n"},
	{"backslash space at end", "a = \"\"\"a\\ \"\"\"\n"},
	{"backslash tab before newline", "a = \"\"\"a\\\t\nb\"\"\"\n"},
	{"backslash space backslash newline", "a = \"\"\"a\\ \\\nb\"\"\"\n"},
	{"escaped backslash before newline", "a = \"\"\"a\\\\\nb\"\"\"\n"},
	{"escaped backslash then line end", "a = \"\"\"a\\\\\\\n  b\"\"\"\n"},
	{"ml escapes", "a = \"\"\"\\t\\u00e9\\\"\\x41\"\"\"\n"},
	{"ml bad escape", "a = \"\"\"\\q\"\"\"\n"},
	{"ml surrogate", "a = \"\"\"\\ud800\"\"\"\n"},
	{"ml escaped first newline", "a = \"\"\"\\n\nx\"\"\"\n"},
	{"ml backslash at end of file", "a = \"\"\"a\\"},

	// Integers.
	{"zeros", "a = 0\nb = +0\nc = -0\n"},
	{"leading zero", "a = 00"},
	{"leading zero 01", "a = 01"},
	{"leading zero signed", "a = +01"},
	{"leading zero underscore", "a = 0_1"},
	{"underscores", "a = 1_000\nb = -1_2_3\n"},
	{"double underscore", "a = 1__000"},
	{"trailing underscore", "a = 1_"},
	{"leading underscore", "a = _1"},
	{"hex", "a = 0x1F\nb = 0xdead_beef\nc = 0xABCDEF\n"},
	{"hex underscore first", "a = 0x_1"},
	{"hex upper X", "a = 0X1"},
	{"hex empty", "a = 0x"},
	{"hex bad", "a = 0xg"},
	{"octal", "a = 0o17\nb = 0o1_7\n"},
	{"octal bad", "a = 0o8"},
	{"binary", "a = 0b101\nb = 0b1_0\n"},
	{"binary bad", "a = 0b2"},
	{"signed hex", "a = +0x1"},
	{"negative hex", "a = -0x1"},
	{"max", "a = 9223372036854775807\nb = -9223372036854775808\n"},
	{"too big", "a = 9223372036854775808"},
	{"too small", "a = -9223372036854775809"},
	{"hex max", "a = 0x7FFFFFFFFFFFFFFF"},
	{"hex too big", "a = 0xFFFFFFFFFFFFFFFF"},
	{"integer then text", "a = 1x"},
	{"integer then dash", "a = 1_2-3"},
	{"plus alone", "a = +"},
	{"minus dot", "a = -.5"},
	{"dot first value", "a = .5"},
	{"signed then colon", "a = -1:00"},

	// Floats.
	{"floats", "a = 1.0\nb = 3.14159\nc = -0.01\nd = 5e+22\ne = 1e06\nf = -2E-2\ng = 6.626e-34\nh = 224_617.445_991\n"},
	{"zero floats", "a = 0.0\nb = -0.0\nc = +0.0\nd = 0e0\ne = 0E0\n"},
	{"float no fraction digits", "a = 1."},
	{"float no fraction before exponent", "a = 1.e5"},
	{"float exponent underscore first", "a = 1e_5"},
	{"float exponent underscores", "a = 1e5_0"},
	{"float fraction underscores", "a = 1.5_0"},
	{"float double underscore", "a = 1.5__0"},
	{"float trailing underscore", "a = 1.5_"},
	{"float underscore before dot", "a = 1_.5"},
	{"float underscore after dot", "a = 1._5"},
	{"float leading zero", "a = 00.5"},
	{"float leading zero 01", "a = 01.5"},
	{"float signed leading zero", "a = -01.5"},
	{"float exponent leading zero", "a = 1e05"},
	{"float overflow", "a = 1e400"},
	{"float underflow", "a = 1e-400"},
	{"float empty exponent", "a = 1e"},
	{"float exponent sign only", "a = 1e+"},
	{"float two dots", "a = 1.5.5"},
	{"float two exponents", "a = 1e5e5"},
	{"float minus inside", "a = 1.5-3"},
	{"float plus inside", "a = 1.5+3"},
	{"float exponent dot", "a = 1e5.5"},
	{"float long", "a = 3.14159265358979323846264338327950288"},
	{"special floats", "a = inf\nb = +inf\nc = -inf\nd = nan\ne = +nan\nf = -nan\n"},
	{"infinity", "a = infinity"},
	{"nanx", "a = nanx"},
	{"inf upper", "a = Inf"},
	{"NaN upper", "a = NaN"},
	{"ian", "a = ian"},
	{"nnf", "a = nnf"},
	{"signed i", "a = +in"},
	{"signed inf underscore", "a = +inf_"},
	{"signed float", "a = +1.5\nb = -1e3\n"},
	{"signed exponent only", "a = -1e"},
	{"zero exponent", "a = 0e5\nb = 0.5e-3\n"},
	{"zero underscore float", "a = 0_0.5"},

	// Booleans.
	{"booleans", "a = true\nb = false\n"},
	{"boolean capital", "a = True"},
	{"boolean short", "a = tru"},
	{"boolean long", "a = truex"},
	{"boolean digit", "a = true1"},
	{"boolean accent", "a = trueé"},
	{"two booleans", "a = truefalse"},
	{"word", "a = yes"},
	{"non-ASCII letter value", "a = é"},

	// Date-times.
	{"offset date-times", "a = 1979-05-27T07:32:00Z\nb = 1979-05-27T00:32:00-07:00\nc = 1979-05-27T00:32:00.999999-07:00\n"},
	{"offset zero", "a = 1979-05-27T07:32:00+00:00\nb = 1979-05-27T07:32:00-00:00\n"},
	{"space separator", "a = 1979-05-27 07:32:00Z"},
	{"lower case", "a = 1979-05-27t07:32:00z"},
	{"local date-times", "a = 1979-05-27T07:32:00\nb = 1979-05-27T00:32:00.999999\n"},
	{"local date", "a = 1979-05-27"},
	{"local times", "a = 07:32:00\nb = 00:32:00.999999\n"},
	{"times without seconds", "a = 07:32\nb = 1979-05-27T07:32\nc = 1979-05-27 07:32\n"},
	{"offset without seconds", "a = 1979-05-27T07:32Z\nb = 1979-05-27T07:32+01:00\n"},
	{"fraction too long", "a = 1979-05-27T07:32:00.1234567891234"},
	{"fraction empty", "a = 1979-05-27T07:32:00."},
	{"fraction with offset", "a = 1979-05-27T07:32:00.5+01:30"},
	{"short month", "a = 1979-5-27"},
	{"short hour", "a = 1979-05-27T7:32:00"},
	{"short time", "a = 7:32:00"},
	{"short minute", "a = 07:2:00"},
	{"hour 24", "a = 24:00:00"},
	{"minute 60", "a = 07:60:00"},
	{"second 60", "a = 07:32:60"},
	{"february 30", "a = 1979-02-30"},
	{"february 29 leap", "a = 2000-02-29\nb = 1900-02-29\n"},
	{"month 13", "a = 1979-13-01"},
	{"day 0", "a = 1979-01-00"},
	{"year 0", "a = 0000-01-01"},
	{"far future", "a = 9999-12-31T23:59:59.999999999Z"},
	{"offset 24", "a = 1979-05-27T07:32:00+24:00"},
	{"offset 25", "a = 1979-05-27T07:32:00+25:00"},
	{"offset minute 60", "a = 1979-05-27T07:32:00+01:60"},
	{"offset without colon", "a = 1979-05-27T07:32:00+0100"},
	{"offset short", "a = 1979-05-27T07:32:00+1"},
	{"two spaces", "a = 1979-05-27  07:32:00"},
	{"date then comment", "a = 1979-05-27 # x\nb = 1979-05-27\t# y\n"},
	{"date then space at end", "a = 1979-05-27 "},
	{"date then T", "a = 1979-05-27T"},
	{"date and Z", "a = 1979-05-27Z"},
	{"time then Z", "a = 07:32:00Z"},
	{"time with offset", "a = 07:32:00+01:00"},
	{"date-time comma fraction", "a = [07:32:00,5]"},
	{"date-time in arrays", "a = [1979-05-27 , 07:32:00,1979-05-27T07:32:00Z]"},
	{"date then text", "a = 1979-05-27x"},
	{"year only", "a = 1979-"},
	{"time colon only", "a = 12:"},
	{"odd date shape", "a = 1-2"},
	{"datetime plus", "a = 1979-05-27+07:32"},
	{"five digit year", "a = 19790-05-27"},
	{"Z twice", "a = 1979-05-27T07:32:00ZZ"},

	// Arrays.
	{"empty arrays", "a = []\nb = [ ]\nc = [\n]\nd = [[]]\n"},
	{"trailing comma", "a = [1,]\nb = [1,\n]\n"},
	{"double comma", "a = [1,,]"},
	{"comma only", "a = [,]"},
	{"missing comma", "a = [1 2]"},
	{"mixed", "a = [1, 'a', 2.5, true, 1979-05-27, [1], {b = 1}]"},
	{"nested", "a = [[1, 2], [[3]], []]"},
	{"comments in array", "a = [ # c\n 1, # d\n # e\n 2 # f\n , 3]\n"},
	{"newline before comma", "a = [1\n,2]"},
	{"unclosed array", "a = [1, 2"},
	{"array then text", "a = [1]x"},
	{"array of inline tables", "a = [{b = 1}, {b = 2, c = [3]}]"},
	{"nested arrays of inline tables", "a = [[{b = 1}], [{b = 2}]]"},
	{"array redefined", "a = [1]\na = [2]\n"},
	{"array then table", "a = [1]\n[a]\n"},
	{"array then array table", "a = []\n[[a]]\n"},
	{"inline tables then array table", "a = [{}]\n[[a]]\n"},
	{"array of tables then array", "[[a]]\n[t]\na = [1]\n"},

	// Inline tables.
	{"empty inline tables", "a = {}\nb = { }\n"},
	{"inline trailing comma", "a = {b = 1,}\nc = { d = 1 , }\n"},
	{"inline double comma", "a = {b = 1,,}"},
	{"inline comma only", "a = {,}"},
	{"inline missing comma", "a = {b = 1 c = 2}"},
	{"inline newlines", "a = {\n  b = 1,\n  c = 2\n}\n"},
	{"inline newline after comma", "a = {b = 1,\n}"},
	{"inline comments", "a = { # c\n b = 1, # d\n}\n"},
	{"inline nested", "a = {b = {c = {d = 1}}}"},
	{"inline dotted", "a = {b.c = 1, b.d = 2}"},
	{"inline dotted then plain", "a = {b.c = 1, b = 2}"},
	{"inline plain then dotted", "a = {b = 1, b.c = 2}"},
	{"inline table then dotted", "a = {b = {c = 1}, b.d = 2}"},
	{"inline dotted then table", "a = {b.c = 1, b = {d = 2}}"},
	{"inline duplicate", "a = {b = 1, b = 2}"},
	{"inline then dotted outside", "a = {b = 1}\na.c = 2\n"},
	{"inline then table", "a = {b = 1}\n[a]\n"},
	{"inline then sub-table", "a = {b = 1}\n[a.c]\n"},
	{"inline then array table", "a = {}\n[[a]]\n"},
	{"dotted then inline", "a.b = 1\na = {c = 2}\n"},
	{"dotted then empty inline", "a.b = 1\na = {}\n"},
	{"value then inline", "a = 1\na = {}\n"},
	{"value then inline with key", "a = 1\na = {b = 1}\n"},
	{"inline in array table", "[[x]]\nt = {a = 1}\n[[x]]\nt = {a = 1}\n"},
	{"array then inline in next table", "[[x]]\nt = [1]\n[[x]]\nt = {a = 1}\n"},
	{"inline with array of inline", "t = {a = [{b = 1}, {b = 2}]}"},
	{"inline array key reused", "t = {a = [{b = 1}], a = 2}"},
	{"inline unclosed", "a = {b = 1"},
	{"inline key without value", "a = {b}"},
	{"inline then text", "a = {}x"},
	{"inline empty key", "a = {\"\" = 1}"},

	// Tables.
	{"table twice", "[a]\n[a]\n"},
	{"table after dotted", "a.b = 1\n[a]\n"},
	{"sub-table after dotted", "a.b = 1\n[a.c]\n"},
	{"value after dotted", "a.b = 1\na = 2\n"},
	{"array after dotted", "a.x = 1\na = [1]\n"},
	{"dotted after table", "[a]\nb = 1\n[c]\na.b = 2\n"},
	{"dotted into table", "[a.b]\nc = 1\n[a]\nb.d = 2\n"},
	{"dotted through value", "a = 1\na.b = 2\n"},
	{"implicit then explicit", "[a.b]\n[a]\n"},
	{"explicit then sub", "[a]\n[a.b]\n"},
	{"implicit twice", "[a.b.c]\n[a]\n[a.b]\n[a.b]\n"},
	{"array table after table", "[a]\n[[a]]\n"},
	{"table after array table", "[[a]]\n[a]\n"},
	{"array tables", "[[a]]\nx = 1\n[[a]]\nx = 2\n[a.b]\ny = 3\n"},
	{"nested array tables", "[[a]]\n[[a.b]]\nc = 1\n[[a]]\n[a.b.d]\n"},
	{"array table under table", "[a]\n[[a.b]]\n[[a.b]]\n"},
	{"sub-table redefined in array", "[[a]]\n[a.b]\nc = 1\n[[a]]\n[a.b]\nc = 2\n"},
	{"sub-table twice in one element", "[[a]]\n[a.b]\n[a.b]\n"},
	{"header spaces", "[ a . b ]\n[[ c ]]\n"},
	{"quoted headers", "[\"a\"]\n['b'.\"c d\"]\n[a.\"\"]\n"},
	{"empty header", "[]"},
	{"header dot first", "[.a]"},
	{"header dot last", "[a.]"},
	{"header two dots", "[a..b]"},
	{"header unclosed", "[a\n"},
	{"header extra bracket", "[a]]"},
	{"array header space", "[[a] ]"},
	{"array header unclosed", "[[a]"},
	{"header newline", "[a\n]"},
	{"header comment", "[a] # c\n[[b]] # d\n"},
	{"header bracket inside", "[ [a]]"},
	{"header multi-line string", "[\"\"\"a\"\"\"]"},
	{"implicit leak to scalar", "[[x]]\nt.u = 1\n[[x]]\nt = 5\n[x.t]\n"},
	{"implicit leak to scalar then key", "[[x]]\nt.u = 1\n[[x]]\nt = 5\n[x.t]\nv = 1\n"},
	{"implicit leak to array of tables", "[[x]]\n[x.a.b]\n[[x]]\n[[x.a]]\n[x.a]\nk = 1\n"},
	{"table in array of tables then value", "[[x]]\n[x.t]\n[[x]]\nt = 1\n"},
	{"key after array table", "[[a]]\n[[a.b]]\n[a]\n"},
	{"super-table of array", "[[a.b]]\n[a]\nc = 1\n"},
	{"dotted key array table", "a.b = 1\n[[a.c]]\n"},
	{"dotted into array table", "[[a]]\nb.c = 1\n[[a]]\nb.c = 2\n"},
	{"array table through value", "a = 1\n[[a.b]]\n"},
}

func TestParseAgreesWithToml(t *testing.T) {
	for _, tc := range trickyCases {
		t.Run(tc.name, func(t *testing.T) {
			checkDifferential(t, tc.src)
			checkDifferential(t, strings.ReplaceAll(tc.src, "\n", "\r\n"))
		})
	}
}

// TestParseAgreesOnDefinitions checks parse against toml on random documents
// that define, extend and redefine tables from a handful of names, to reach
// toml's rules for implicit tables, arrays of tables and inline tables.
func TestParseAgreesOnDefinitions(t *testing.T) {
	keys := []string{"a", "b", "a.b", "b.a", "a.a", `""`, `a.""`, `"".a`, "a.b.c"}
	values := []string{
		"1", "[1]", "[]", "{}", "{a = 1}", "{b = 2}", "{a.b = 1}", "{a = {b = 1}}",
		"{a = 1, a.b = 2}", "{a.b = 1, a = {c = 2}}", "{a = {b = 1}, a.c = 2}",
		"[{}]", "[{a = 1}]", "[{a = 1}, {a = 2}]", "[[{a = 1}]]", "[{a = [{b = 1}]}]",
		"{a = [{b = 1}], b = 2}", "{a = [1], a.b = 2}", `{"" = [1]}`, "[1, {a = 1}]",
	}
	r := rand.New(rand.NewPCG(1, 2))
	for i := range 20000 {
		var b strings.Builder
		for range 1 + r.IntN(6) {
			switch k := keys[r.IntN(len(keys))]; r.IntN(4) {
			case 0:
				fmt.Fprintf(&b, "[%s]\n", k)
			case 1:
				fmt.Fprintf(&b, "[[%s]]\n", k)
			default:
				fmt.Fprintf(&b, "%s = %s\n", k, values[r.IntN(len(values))])
			}
		}
		src := b.String()
		if !t.Run(fmt.Sprint(i), func(t *testing.T) { checkDifferential(t, src) }) {
			t.Fatalf("source:\n%s", src)
		}
	}
}
