package tomldoc

import (
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/goldenthread/goldenthread/internal/diag"
)

type testDoc struct {
	Name   string            `toml:"name" gt:"required"`
	Tags   []string          `toml:"tags" gt:"text"`
	Values map[string]string `toml:"values"`
	Clause []testClause      `toml:"clause"`
}

type testClause struct {
	ID       string        `toml:"id" gt:"required"`
	Title    string        `toml:"title" gt:"required,text"`
	Stages   []string      `toml:"stages" gt:"required"`
	Pages    []int         `toml:"pages"`
	Weight   *float64      `toml:"weight"`
	Done     bool          `toml:"done"`
	Due      *time.Time    `toml:"due"`
	Question *testQuestion `toml:"question"`
	KPI      []testKPI     `toml:"kpi"`
	Ignored  string        `toml:"-"`
}

type testQuestion struct {
	Kind string `toml:"kind" gt:"required"`
	Text string `toml:"text" gt:"required,text"`
}

type testKPI struct {
	Name string `toml:"name" gt:"required,text"`
}

// decode parses and decodes src as f.toml, returning the problems as lines.
func decode(src string) (*testDoc, []string) {
	var list diag.List
	var d testDoc
	if doc := Parse("f.toml", []byte(src), &list); doc != nil {
		doc.Decode(&d, &list, nil)
	}
	var lines []string
	for _, p := range list.Sort() {
		lines = append(lines, p.String())
	}
	return &d, lines
}

// decodeTests are sources with the problems Decode should report.
var decodeTests = []struct {
	name string
	src  string
	want []string
}{
	{
		name: "clean",
		src: `name = "n"
tags = ["a", "b"]
[values]
x = "1"
[[clause]]
id = "a"
title = "A"
stages = ["award"]
pages = [4, 5]
weight = 10
done = true
due = 2027-05-01
question = { kind = "scored", text = "Q" }
[[clause.kpi]]
name = "k"
`,
	},
	{
		name: "unknown keys in two clauses",
		src: `name = "n"
[[clause]]
id = "a"
titl = "A"
title = "A"
stages = ["award"]

[[clause]]
id = "b"
title = "B"
stages = ["award"]
titl = "B"
[clause.question]
kind = "scored"
tex = "Q"
`,
		want: []string{
			`f.toml:4:1: unknown key "titl" in [[clause]] (id "a") (did you mean "title"?)`,
			`f.toml:12:1: unknown key "titl" in [[clause]] (id "b") (did you mean "title"?)`,
			`f.toml:13:1: [clause.question] is missing "text"`,
			`f.toml:15:1: unknown key "tex" in [clause.question] (did you mean "text"?)`,
		},
	},
	{
		name: "unknown keys far from any name",
		src: `name = "n"
colour = "red"
[extra]
a = 1
[[clause]]
id = "a"
title = "A"
stages = ["award"]
kpi = [{ name = "k", unit = "%" }]
`,
		want: []string{
			`f.toml:2:1: unknown key "colour" in the top level`,
			`f.toml:3:1: unknown key "extra" in the top level`,
			`f.toml:9:22: unknown key "unit" in [[clause.kpi]] (name "k")`,
		},
	},
	{
		name: "wrong types",
		src: `name = 3
tags = "one"
values = ["x"]
[[clause]]
id = true
title = 1979-05-27
stages = [1, "award"]
pages = [4.5, "6"]
weight = "ten"
done = "yes"
due = "next May"
question = "why?"
kpi = "k"
`,
		want: []string{
			`f.toml:1:8: name: expected text in quotes, found the number 3`,
			`f.toml:2:8: tags: expected an array, found text "one"`,
			`f.toml:3:10: values: expected a table, found an array`,
			`f.toml:5:6: id: expected text in quotes, found true`,
			`f.toml:6:9: title: expected text in quotes, found a date`,
			`f.toml:7:11: stages: expected text in quotes, found the number 1`,
			`f.toml:8:10: pages: expected a whole number, found the number 4.5`,
			`f.toml:8:15: pages: expected a whole number, found text "6"`,
			`f.toml:9:10: weight: expected a number, found text "ten"`,
			`f.toml:10:8: done: expected true or false, found text "yes"`,
			`f.toml:11:7: due: expected a date such as 2027-05-01, found text "next May"`,
			`f.toml:12:12: question: expected a table, found text "why?"`,
			`f.toml:13:7: kpi: expected one or more [[clause.kpi]] tables, found text "k"`,
		},
	},
	{
		name: "array of tables given as text",
		src:  "name = \"n\"\nclause = \"x\"\n",
		want: []string{`f.toml:2:10: clause: expected one or more [[clause]] tables, found text "x"`},
	},
	{
		name: "long text is shortened on a character boundary",
		src:  "name = \"n\"\n[[clause]]\nid = \"a\"\ntitle = \"t\"\nstages = [\"award\"]\nweight = \"Gwasanaethau Cymdeithasol ŵŷ and more\"\n",
		want: []string{`f.toml:6:10: weight: expected a number, found text "Gwasanaethau Cymdeithasol ŵ..."`},
	},
	{
		name: "not a number",
		src:  "name = \"n\"\n[[clause]]\nid = \"a\"\ntitle = \"t\"\nstages = [\"award\"]\nweight = nan\n",
		want: []string{`f.toml:6:10: weight: expected a number, found NaN`},
	},
	{
		name: "missing required keys",
		src: `# no name
tags = []

[[clause]]
id = "a"
title = "A"
stages = ["award"]

  [[clause]]
  title = "B"

[[clause]]
id = "c"
title = "C"
stages = []
question = { kind = "scored" }
[[clause.kpi]]
`,
		want: []string{
			`f.toml:1:1: the top level is missing "name"`,
			`f.toml:9:3: [[clause]] is missing "id"`,
			`f.toml:9:3: [[clause]] is missing "stages"`,
			`f.toml:15:10: stages: needs at least one entry`,
			`f.toml:16:1: [clause.question] is missing "text"`,
			`f.toml:17:1: [[clause.kpi]] is missing "name"`,
		},
	},
	{
		name: "missing keys named by the table's name",
		src: `name = "n"
[[clause]]
id = "a"
`,
		want: []string{
			`f.toml:2:1: [[clause]] (id "a") is missing "stages"`,
			`f.toml:2:1: [[clause]] (id "a") is missing "title"`,
		},
	},
	{
		name: "every problem in one run",
		src: `nam = "n"
[[clause]]
id = "a"
title = 1
stages = "award"
[[clause]]
id = "b"
title = "B"
stages = ["award"]
weight = "x"
extra = 1
[[clause]]
id = "c"
`,
		want: []string{
			`f.toml:1:1: the top level is missing "name"`,
			`f.toml:1:1: unknown key "nam" in the top level (did you mean "name"?)`,
			`f.toml:4:9: title: expected text in quotes, found the number 1`,
			`f.toml:5:10: stages: expected an array, found text "award"`,
			`f.toml:10:10: weight: expected a number, found text "x"`,
			`f.toml:11:1: unknown key "extra" in [[clause]] (id "b")`,
			`f.toml:12:1: [[clause]] (id "c") is missing "stages"`,
			`f.toml:12:1: [[clause]] (id "c") is missing "title"`,
		},
	},
	{
		name: "CRLF",
		src:  "name = \"n\"\r\n[[clause]]\r\nid = \"a\"\r\ntitle = \"A\"\r\nstages = [\"award\"]\r\n\r\n[[clause]]\r\nid = \"b\"\r\ntitle = \"B\"\r\nstages = [\"award\"]\r\nstagse = 1\r\n",
		want: []string{`f.toml:11:1: unknown key "stagse" in [[clause]] (id "b") (did you mean "stages"?)`},
	},
	{
		name: "byte order mark",
		src:  "\ufeffname = \"n\"\n[[clause]]\nid = \"a\"\ntitle = \"A\"\nstages = [\"award\"]\ncolour = 1\n",
		want: []string{`f.toml:6:1: unknown key "colour" in [[clause]] (id "a")`},
	},
}

func TestDecodeProblems(t *testing.T) {
	for _, tc := range decodeTests {
		t.Run(tc.name, func(t *testing.T) {
			_, got := decode(tc.src)
			if !slices.Equal(got, tc.want) {
				t.Errorf("Decode(%q) problems:\n%s\nwant:\n%s", tc.src, strings.Join(got, "\n"), strings.Join(tc.want, "\n"))
			}
		})
	}
}

func TestDecodeValues(t *testing.T) {
	src := `name = "n"
tags = ["a", "b"]
[values]
"x y" = "1"
[[clause]]
id = "a"
title = "A"
stages = ["award", "selection"]
pages = [4, 5]
weight = 10
done = true
due = 2027-05-01
question = { kind = "scored", text = "Q" }
[[clause.kpi]]
name = "k1"
[[clause.kpi]]
name = "k2"
[[clause]]
id = "b"
title = "B"
stages = ["award"]
weight = 2.5
`
	d, problems := decode(src)
	if len(problems) > 0 {
		t.Fatalf("Decode: %v", problems)
	}
	if d.Name != "n" || !slices.Equal(d.Tags, []string{"a", "b"}) || d.Values["x y"] != "1" {
		t.Errorf("Decode: top level = %+v", d)
	}
	if len(d.Clause) != 2 {
		t.Fatalf("Decode: %d clauses; want 2", len(d.Clause))
	}
	a, b := d.Clause[0], d.Clause[1]
	if a.ID != "a" || !slices.Equal(a.Pages, []int{4, 5}) || a.Weight == nil || *a.Weight != 10 || !a.Done {
		t.Errorf("Decode: clause a = %+v", a)
	}
	if a.Due == nil || a.Due.Format(time.DateOnly) != "2027-05-01" {
		t.Errorf("Decode: clause a due = %v; want 2027-05-01", a.Due)
	}
	if a.Question == nil || a.Question.Kind != "scored" || a.Question.Text != "Q" {
		t.Errorf("Decode: clause a question = %+v", a.Question)
	}
	if len(a.KPI) != 2 || a.KPI[1].Name != "k2" {
		t.Errorf("Decode: clause a kpi = %+v", a.KPI)
	}
	if b.Weight == nil || *b.Weight != 2.5 || b.Question != nil || b.Due != nil {
		t.Errorf("Decode: clause b = %+v", b)
	}
}

// syntaxTests are sources toml rejects, with the message Parse reports.
var syntaxTests = []struct {
	name string
	src  string
	want string
}{
	{"unterminated string", "a = 1\nb = \"x\nc = 2\n", `f.toml:2:7: TOML syntax: strings cannot contain newlines`},
	{"unterminated string CRLF", "a = 1\r\nb = \"x\r\nc = 2\r\n", `f.toml:2:7: TOML syntax: strings cannot contain newlines`},
	{"double equals", "a = 1\n[t]\nx = = 2\n", `f.toml:3:5: TOML syntax: expected value but found '=' instead`},
	{"key defined twice", "a = 1\na = 2\n", `f.toml:2:1: TOML syntax: Key 'a' has already been defined.`},
	{"table defined twice", "[t]\nx=1\n[t]\n", `f.toml:3:2: TOML syntax: Key 't' has already been defined.`},
	{"unclosed table header", "a = 1\n\n[t\nx=1\n", `f.toml:3:3: TOML syntax: expected '.' or ']' to end table name, but got '\n' instead`},
	{"unclosed table header CRLF", "a = 1\r\n\r\n[t\r\nx=1\r\n", `f.toml:3:3: TOML syntax: expected '.' or ']' to end table name, but got '\r' instead`},
	{"unclosed array header", "[[clause]\nid = 1\n", `f.toml:1:9: TOML syntax: expected end of table array name delimiter ']', but got '\n' instead`},
	{"bad value in array after Welsh text", "a = [\"ŵ\",\n \"ŷ\", ¬]\n", `f.toml:2:7: TOML syntax: expected value but found '¬' instead`},
	{"bad value after accents", "\"é\" = tru\n", `f.toml:1:7: TOML syntax: expected value but found "tru" instead`},
	{"unclosed string ending in a Welsh letter", "a = 1\nb = \"Dŵ", `f.toml:2:7: TOML syntax: unexpected EOF; expected '"'`},
	{"unclosed multi-line string", "x = \"\"\"abc\n", `f.toml:1:11: TOML syntax: unexpected EOF; expected '"""'`},
	{"bad date", "a = 1979-05-27T25:00:00\n", `f.toml:1:5: TOML syntax: invalid datetime: "1979-05-27T25:00:00" (write a date as year-month-day without quotes, such as 2027-01-15)`},
	{"bad escape", "a = 1\nb = \"\\q\"\n", `f.toml:2:6: TOML syntax: invalid escape in string '\q'`},
	{"non-ASCII bare key", "ŵ = 1\n", `f.toml:1:1: TOML syntax: expected '.' or '=', but got 'ŵ' instead`},
	{"byte order mark", "\ufeffa = 1\nb = = 2\n", `f.toml:2:5: TOML syntax: expected value but found '=' instead`},
	{"invalid UTF-8", "a = 1\nbé = \"\xff\"\n", `f.toml:2:7: invalid UTF-8: save the file as UTF-8`},
}

func TestParseSyntaxErrors(t *testing.T) {
	for _, tc := range syntaxTests {
		t.Run(tc.name, func(t *testing.T) {
			var list diag.List
			doc := Parse("f.toml", []byte(tc.src), &list)
			if doc != nil {
				t.Fatalf("Parse(%q) = a document; want a syntax error", tc.src)
			}
			var got []string
			for _, p := range list {
				got = append(got, p.String())
			}
			if len(got) != 1 || got[0] != tc.want {
				t.Errorf("Parse(%q) = %q; want %q", tc.src, got, tc.want)
			}
		})
	}
}

func TestTextPos(t *testing.T) {
	src := `[[clause]]
ask = """
Pay {x} and {y}
to Ŵyn {x} too."""
short = "café {x}" # {x} in a comment
arr = ["{x}", "a {x}"]
`
	var list diag.List
	doc := Parse("f.toml", []byte(src), &list)
	if doc == nil {
		t.Fatal(list.Err())
	}
	tests := []struct {
		path   Path
		needle string
		nth    int
		want   string
	}{
		{P("clause", 0, "ask"), "{x}", 0, "f.toml:3:5"},
		{P("clause", 0, "ask"), "{y}", 0, "f.toml:3:13"},
		{P("clause", 0, "ask"), "{x}", 1, "f.toml:4:8"},
		{P("clause", 0, "ask"), "{x}", 2, "f.toml:2:7"}, // not there: the value itself
		{P("clause", 0, "short"), "{x}", 0, "f.toml:5:15"},
		{P("clause", 0, "arr", 1), "{x}", 0, "f.toml:6:18"},
		{P("clause", 0, "missing"), "{x}", 0, "f.toml:1:1"},
	}
	for _, tc := range tests {
		if got := doc.TextPos(tc.path, tc.needle, tc.nth).String(); got != tc.want {
			t.Errorf("TextPos(%s, %q, %d) = %s; want %s", tc.path, tc.needle, tc.nth, got, tc.want)
		}
	}
}

// A value of the wrong type is reported once and left out, not stored as a
// zero value that later checks would report again.
func TestDecodeWrongTypeLeftOut(t *testing.T) {
	src := `name = "n"
[values]
good = "yes"
bad = 3
[[clause]]
id = "a"
title = "A"
stages = ["award", 1]
pages = [4, "5"]
weight = "ten"
due = "soon"
question = "why"
kpi = [{ name = "k" }, "not a table"]
`
	want := []string{
		`f.toml:4:7: bad: expected text in quotes, found the number 3`,
		`f.toml:8:20: stages: expected text in quotes, found the number 1`,
		`f.toml:9:13: pages: expected a whole number, found text "5"`,
		`f.toml:10:10: weight: expected a number, found text "ten"`,
		`f.toml:11:7: due: expected a date such as 2027-05-01, found text "soon"`,
		`f.toml:12:12: question: expected a table, found text "why"`,
		`f.toml:13:24: kpi: expected a table, found text "not a table"`,
	}
	d, problems := decode(src)
	if !slices.Equal(problems, want) {
		t.Errorf("Decode problems:\n%s\nwant:\n%s", strings.Join(problems, "\n"), strings.Join(want, "\n"))
	}
	c := d.Clause[0]
	if c.Stages != nil || c.Pages != nil || c.Weight != nil || c.Due != nil || c.Question != nil {
		t.Errorf("Decode: stages %q, pages %v, weight %v, due %v, question %v; want all left out", c.Stages, c.Pages, c.Weight, c.Due, c.Question)
	}
	if len(c.KPI) != 2 || c.KPI[0].Name != "k" {
		t.Errorf("Decode: kpi = %+v; want both tables kept, so positions still match", c.KPI)
	}
	if _, ok := d.Values["bad"]; ok || d.Values["good"] != "yes" {
		t.Errorf("Decode: values = %q; want only good", d.Values)
	}
}

// TestDecodeStringCheck checks that the caller's check is given every string
// stored, with its path and its field's tag, and no value of another type.
func TestDecodeStringCheck(t *testing.T) {
	src := `name = "n"
tags = ["a", 2]
[values]
x = "1"
[[clause]]
id = "c"
title = "T"
stages = ["award"]
question = { kind = "scored", text = 3 }
`
	var list diag.List
	doc := Parse("f.toml", []byte(src), &list)
	var d testDoc
	var got []string
	doc.Decode(&d, &list, func(p Path, s string, tag reflect.StructTag) {
		got = append(got, fmt.Sprintf("%s=%s %s", p, s, tag.Get("gt")))
	})
	want := []string{
		"clause[0].id=c required",
		"clause[0].question.kind=scored required",
		"clause[0].stages[0]=award required",
		"clause[0].title=T required,text",
		"name=n required",
		"tags[0]=a text",
		"values.x=1 ",
	}
	if !slices.Equal(got, want) {
		t.Errorf("Decode gave the check:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if len(list) != 2 {
		t.Errorf("Decode problems %v; want the two wrong types", list)
	}
}

func TestStrings(t *testing.T) {
	var list diag.List
	doc := Parse("f.toml", []byte("b = \"two\"\na = [\"x\", 1, [\"y\"]]\n[[t]]\nname = \"z\"\n"), &list)
	var got []string
	doc.Strings(func(p Path, s string) { got = append(got, p.String()+"="+s) })
	want := []string{"a[0]=x", "a[2][0]=y", "b=two", "t[0].name=z"}
	if !slices.Equal(got, want) {
		t.Errorf("Strings visited %q; want %q", got, want)
	}
}

// TestLimits checks that hostile nesting is refused at once, where it goes
// too deep, and that nesting up to the limit is read.
func TestLimits(t *testing.T) {
	nest := func(n int, open, close string) string {
		return "a = " + strings.Repeat(open, n) + "1" + strings.Repeat(close, n) + "\n"
	}
	dotted := func(n int) string { return strings.Repeat("k.", n-1) + "k = 1\n" }
	for _, tc := range []struct {
		name, src string
		want      string // "" when the document is read
	}{
		{"arrays at the limit", nest(maxDepth, "[", "]"), ""},
		{"tables at the limit", nest(maxDepth, "{b = ", "}"), ""},
		{"arrays too deep", nest(200_000, "[", "]"), fmt.Sprintf("f.toml:1:%d: arrays and inline tables are nested more than %d deep", 5+maxDepth, maxDepth)},
		{"tables too deep", nest(40_000, "{a = ", "}"), fmt.Sprintf("f.toml:1:%d: arrays and inline tables are nested more than %d deep", 5+5*maxDepth, maxDepth)},
		{"dotted key at the limit", dotted(maxKeyParts), ""},
		{"dotted key too long", dotted(100_000), fmt.Sprintf("f.toml:1:%d: this dotted key has more than %d parts", 1+2*maxKeyParts, maxKeyParts)},
		{"table name too long", "[" + strings.TrimSuffix(dotted(100_000), " = 1\n") + "]\n", fmt.Sprintf("f.toml:1:%d: this table name has more than %d parts", 2+2*maxKeyParts, maxKeyParts)},
		// toml reads what comes before the place, and its problems come first.
		{"key defined twice before arrays too deep", "a = 1\na = 2\n" + nest(200_000, "[", "]"), "f.toml:2:1: TOML syntax: Key 'a' has already been defined."},
		{"bad date before tables too deep", "d = 2027-13-01\n" + nest(40_000, "{a = ", "}"), "f.toml:1:5: TOML syntax: invalid datetime"},
		{"unclosed string that looks too deep", "s = \"" + strings.Repeat("[", 100) + "\n", "f.toml:1:106: TOML syntax: strings cannot contain newlines"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var list diag.List
			doc := Parse("f.toml", []byte(tc.src), &list)
			switch {
			case tc.want == "" && (doc == nil || len(list) > 0):
				t.Errorf("not read: %v", list)
			case tc.want != "" && (doc != nil || len(list) != 1 || !strings.HasPrefix(list[0].String(), tc.want)):
				t.Errorf("problems %v; want one starting %q", list, tc.want)
			}
		})
	}
}
