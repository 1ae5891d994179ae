package tomledit

import (
	"errors"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/goldenthread/goldenthread/internal/gtest"
	"github.com/goldenthread/goldenthread/internal/tomldoc"
	"golang.org/x/tools/txtar"
)

// TestGolden runs the cases in testdata/*.txtar: in.toml with the changes
// applied must be want.toml, or Apply must fail with the message in error.
func TestGolden(t *testing.T) {
	files, _ := filepath.Glob("testdata/*.txtar")
	if len(files) == 0 {
		t.Fatal("no test cases in testdata")
	}
	for _, file := range files {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".txtar"), func(t *testing.T) {
			ar := gtest.Archive(t, file)
			in := gtest.File(ar, "in.toml")
			changes, err := parseChanges(string(gtest.File(ar, "changes")))
			if err != nil {
				t.Fatalf("changes: %v", err)
			}
			got, err := Apply("in.toml", in, changes)
			name, out := "want.toml", got
			if err != nil {
				name, out = "error", []byte(err.Error()+"\n")
			}
			if *gtest.Update {
				ar.Files = slices.DeleteFunc(ar.Files, func(f txtar.File) bool { return f.Name == "want.toml" || f.Name == "error" })
				gtest.SetFile(t, file, ar, name, out)
				return
			}
			want := gtest.File(ar, name)
			if want == nil {
				t.Fatalf("Apply gave %s, but the case has no %s:\n%s", name, name, out)
			}
			if string(out) != string(want) {
				t.Errorf("Apply: %s differs\n%s\ngot:\n%s", name, gtest.FirstDiff(string(want), string(out)), out)
			}
		})
	}
}

// TestApply covers what golden files cannot hold well: line endings, a byte
// order mark, a missing final newline, control characters and Go values.
func TestApply(t *testing.T) {
	date := time.Date(2027, 3, 1, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		name    string
		src     string
		changes []Change
		want    string
	}{
		{
			name:    "CRLF stays CRLF",
			src:     "# c\r\n[employer]\r\nname = \"x\"\r\n",
			changes: []Change{{tomldoc.Path{"employer", "name"}, "a\nb"}, {tomldoc.Path{"employer", "kind"}, "nhs"}, {tomldoc.Path{"placeholders", "union"}, "u"}},
			want:    "# c\r\n[employer]\r\nname = \"\"\"\r\na\\nb\"\"\"\r\nkind = \"nhs\"\r\n\r\n[placeholders]\r\nunion = \"u\"\r\n",
		},
		{
			name:    "CRLF text in a CRLF file",
			src:     "a = 1\r\n",
			changes: []Change{{tomldoc.Path{"a"}, "x\r\ny"}},
			want:    "a = \"\"\"\r\nx\r\ny\"\"\"\r\n",
		},
		{
			name:    "CR in an LF file",
			src:     "a = 1\n",
			changes: []Change{{tomldoc.Path{"a"}, "x\r\ny"}},
			want:    "a = \"\"\"\nx\\r\ny\"\"\"\n",
		},
		{
			name:    "BOM kept",
			src:     "\ufeff[employer]\nname = \"x\"\n",
			changes: []Change{{tomldoc.Path{"employer", "name"}, "Siân Ŵyn"}},
			want:    "\ufeff[employer]\nname = \"Siân Ŵyn\"\n",
		},
		{
			name:    "no final newline",
			src:     "[employer]\nname = \"x\"",
			changes: []Change{{tomldoc.Path{"employer", "kind"}, "nhs"}, {tomldoc.Path{"scoring", "scale"}, "0-4"}},
			want:    "[employer]\nname = \"x\"\nkind = \"nhs\"\n\n[scoring]\nscale = \"0-4\"\n",
		},
		{
			name:    "control characters",
			src:     "a = 1\n",
			changes: []Change{{tomldoc.Path{"a"}, "\x00\x07\x1b\x7f\b\f\t"}},
			want:    "a = \"\\u0000\\u0007\\u001b\\u007f\\b\\f\\t\"\n",
		},
		{
			name:    "Go values",
			src:     "[d]\n",
			changes: []Change{{tomldoc.Path{"d", "date"}, date}, {tomldoc.Path{"d", "n"}, 3}, {tomldoc.Path{"d", "f"}, 2.0}, {tomldoc.Path{"d", "b"}, false}, {tomldoc.Path{"d", "at"}, date.Add(90 * time.Minute)}},
			want:    "[d]\ndate = 2027-03-01\nn = 3\nf = 2.0\nb = false\nat = 2027-03-01T01:30:00Z\n",
		},
		{
			name:    "removals in any order",
			src:     "[[o]]\nid = 0\n\n[[o]]\nid = 1\n\n[[o]]\nid = 2\n",
			changes: []Change{{tomldoc.Path{"o", "2"}, nil}, {tomldoc.Path{"o", "0"}, nil}},
			want:    "[[o]]\nid = 1\n",
		},
		{
			name:    "nothing to do",
			src:     "a = 1 # keep\n",
			changes: nil,
			want:    "a = 1 # keep\n",
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := Apply("x.toml", []byte(tc.src), tc.changes)
			if err != nil {
				t.Fatalf("Apply(%q) = %v", tc.src, err)
			}
			if string(got) != tc.want {
				t.Errorf("Apply(%q) = %q; want %q", tc.src, got, tc.want)
			}
		})
	}
}

// TestApplyErrors checks changes that Apply refuses, with a message that
// names the path.
func TestApplyErrors(t *testing.T) {
	tests := []struct {
		name    string
		src     string
		changes []Change
		want    string
	}{
		{"bad type", "a = 1\n", []Change{{tomldoc.Path{"a"}, []int{1}}}, "x.toml: a: cannot write a value of type []int"},
		{"invalid UTF-8", "a = 1\n", []Change{{tomldoc.Path{"a"}, "\xff"}}, "x.toml: a: the text is not valid UTF-8"},
		{"append needs fields", "", []Change{{tomldoc.Path{"o", Append}, "x"}}, "x.toml: o[-]: an appended table needs a []Field, not string"},
		{"no such element", "[[o]]\n", []Change{{tomldoc.Path{"o", "3"}, nil}}, "x.toml: o[3]: there is no such element"},
		{"inline array of tables", "o = [{a = 1}]\n", []Change{{tomldoc.Path{"o", Append}, []Field{}}}, "x.toml: o[-]: this is not an array of tables written with [[o]] headers"},
		{"delete a table", "[t]\na = 1\n", []Change{{tomldoc.Path{"t"}, nil}}, "x.toml: t: this is a table; only its keys or the elements of an array of tables can be deleted"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Apply("x.toml", []byte(tc.src), tc.changes)
			if err == nil || err.Error() != tc.want {
				t.Errorf("Apply(%q) = %v; want %s", tc.src, err, tc.want)
			}
		})
	}
}

// TestVerify checks that the safety net catches a splice gone wrong.
func TestVerify(t *testing.T) {
	raw := map[string]any{"a": int64(1), "t": map[string]any{"b": "x"}}
	want, err := expect(raw, []change{{path: tomldoc.Path{"t", "b"}, value: "y"}})
	if err != nil {
		t.Fatal(err)
	}
	err = verify("x.toml", "a = 1\n[t]\nb = \"x\"\n", want)
	var ve *VerifyError
	if !errors.As(err, &ve) || ve.Path.String() != "t.b" {
		t.Errorf("verify of an unchanged value = %v; want a *VerifyError at t.b", err)
	}
	if err := verify("x.toml", "a = \n", want); !errors.As(err, &ve) || ve.Path != nil {
		t.Errorf("verify of a broken file = %v; want a *VerifyError without a path", err)
	}
	if err := verify("x.toml", "a = 1.0\n[t]\nb = \"y\"\n", want); err != nil {
		t.Errorf("verify = %v; want 1.0 to match 1", err)
	}
}
