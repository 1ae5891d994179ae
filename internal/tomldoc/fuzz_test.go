package tomldoc

import (
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/tools/txtar"

	"github.com/goldenthread/goldenthread/clauses"
	"github.com/goldenthread/goldenthread/internal/diag"
	"github.com/goldenthread/goldenthread/templates"
)

// seed adds every real TOML file and the sources of the table tests.
func seed(f *testing.F) {
	for _, src := range realFiles(f) {
		f.Add(src)
		f.Add(strings.ReplaceAll(src, "\n", "\r\n"))
	}
	for _, tc := range locateTests {
		f.Add(tc.src)
	}
	for _, tc := range decodeTests {
		f.Add(tc.src)
	}
	for _, tc := range syntaxTests {
		f.Add(tc.src)
	}
	for _, tc := range trickyCases {
		f.Add(tc.src)
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

// realFiles returns the built-in clause and template files, the examples,
// and the TOML files in the repository's test data, with txtar archives
// opened.
func realFiles(tb testing.TB) []string {
	var srcs []string
	for _, fsys := range []fs.FS{clauses.FS, templates.FS, os.DirFS("../../examples")} {
		names, err := fs.Glob(fsys, "*.toml")
		if err != nil {
			tb.Fatal(err)
		}
		for _, name := range names {
			b, err := fs.ReadFile(fsys, name)
			if err != nil {
				tb.Fatal(err)
			}
			srcs = append(srcs, string(b))
		}
	}
	err := filepath.WalkDir("..", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.Contains(filepath.ToSlash(path), "/testdata/") {
			return err
		}
		switch filepath.Ext(path) {
		case ".toml":
			b, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			srcs = append(srcs, string(b))
		case ".txtar":
			a, err := txtar.ParseFile(path)
			if err != nil {
				return err
			}
			for _, f := range a.Files {
				if strings.HasSuffix(f.Name, ".toml") {
					srcs = append(srcs, string(f.Data))
				}
			}
		}
		return nil
	})
	if err != nil {
		tb.Fatal(err)
	}
	return srcs
}

// FuzzLocate checks Locate against toml: on any input it never panics and
// every position it records is in the source; on what toml accepts it finds
// everything toml decoded, where the source holds it.
func FuzzLocate(f *testing.F) {
	seed(f)
	f.Fuzz(func(t *testing.T, src string) {
		l := Locate(src)
		for k, s := range spots(l) {
			for _, pos := range []Position{s.key, s.val} {
				if pos.Off < 0 || pos.Off > len(src) || pos.Line < 1 || pos.Col < 1 {
					t.Fatalf("Locate(%q): %q at %+v, outside the source", src, k, pos)
				}
			}
		}
		checkLocate(t, src)
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
		// Every string stored is pointed at where its first character is,
		// which must be in the file.
		var d fuzzDoc
		doc.Decode(&d, &list, func(p Path, s string, _ reflect.StructTag) { // must not panic
			if s != "" {
				r, _ := utf8.DecodeRuneInString(s)
				list.Add(doc.TextPos(p, string(r), 0), "%s", s)
			}
		})
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
