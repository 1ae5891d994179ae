package tomldoc

import (
	"io/fs"
	"strings"
	"testing"

	"github.com/goldenthread/goldenthread/clauses"
	"github.com/goldenthread/goldenthread/internal/diag"
	"github.com/goldenthread/goldenthread/templates"
)

// seed adds every real TOML file and the sources of the table tests.
func seed(f *testing.F) {
	for _, fsys := range []fs.FS{clauses.FS, templates.FS} {
		names, err := fs.Glob(fsys, "*.toml")
		if err != nil {
			f.Fatal(err)
		}
		for _, name := range names {
			b, err := fs.ReadFile(fsys, name)
			if err != nil {
				f.Fatal(err)
			}
			f.Add(string(b))
			f.Add(strings.ReplaceAll(string(b), "\n", "\r\n"))
		}
	}
	for _, s := range []string{
		"a = 1\r\n[t]\r\nb = \"x\"\r\n",
		"\ufeffa = 1\n",
		"[[a]]\n[[a.b]]\nc = 1\n[[a]]\n[a.b.d]\n",
		"x = { \"Dŵr\" = 1, 'T\\u00e2n' = [1979-05-27 07:32:00, \"\"\"a\n\"\"\"] }\n",
		"s = '''it's'''\nt = \"\"\"\"\"\"\"\n",
		"\"\\x41\" = 1\n",
	} {
		f.Add(s)
	}
}

func FuzzLocate(f *testing.F) {
	seed(f)
	f.Fuzz(func(t *testing.T, src string) {
		l := Locate(src) // must not panic on any input
		for k, s := range l.spots {
			for _, pos := range []Position{s.key, s.val} {
				if pos.Off < 0 || pos.Off > len(src) || pos.Line < 1 || pos.Col < 1 {
					t.Fatalf("Locate(%q): %q at %+v, outside the source", src, k, pos)
				}
			}
		}
	})
}

// fuzzDoc has a field of every kind Decode supports.
type fuzzDoc struct {
	Name   string            `toml:"name" gt:"required,text"`
	Tags   []string          `toml:"tags" gt:"text"`
	Values map[string]string `toml:"values"`
	Clause []testClause      `toml:"clause"`
	Theme  *struct {
		ID    string `toml:"id" gt:"required"`
		Order int    `toml:"order"`
	} `toml:"theme"`
}

func FuzzParse(f *testing.F) {
	seed(f)
	f.Fuzz(func(t *testing.T, src string) {
		var list diag.List
		doc := Parse("f.toml", []byte(src), &list) // must not panic
		if doc == nil {
			if list.Count(diag.Error) == 0 {
				t.Fatalf("Parse(%q) = nil with no error", src)
			}
			checkInFile(t, src, list)
			return
		}
		// toml accepted it: every key Locate reports is within the source,
		// and every key toml decoded was found.
		checkSpots(t, doc.Src, doc.Loc)
		checkComplete(t, doc.Src, doc.Loc)
		var d fuzzDoc
		doc.Decode(&d, &list) // must not panic
		checkInFile(t, doc.Src, list)
	})
}

// checkInFile checks that every problem points at a line and column that
// exist in src.
func checkInFile(t *testing.T, src string, list diag.List) {
	t.Helper()
	lines := strings.Split(src, "\n")
	for _, p := range list {
		if p.Pos.Line == 0 {
			continue
		}
		if p.Pos.Line > len(lines) || p.Pos.Col < 1 || p.Pos.Col > len([]rune(lines[p.Pos.Line-1]))+1 {
			t.Fatalf("Parse(%q): %s points outside the file", src, p)
		}
	}
}
