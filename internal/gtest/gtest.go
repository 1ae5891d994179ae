// Package gtest holds what goldenthread's tests share: golden files with an
// -update flag, txtar cases, the external readers that check outputs
// independently (poppler, LibreOffice), and CPU time for benchmarks. Only
// tests import it.
package gtest

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"testing/fstest"

	"github.com/goldenthread/goldenthread/internal/assemble"
	"github.com/goldenthread/goldenthread/internal/model"
	"github.com/goldenthread/goldenthread/templates"
	"golang.org/x/tools/txtar"
)

// Update is the -update flag: tests rewrite their golden files and want
// sections instead of comparing with them.
var Update = flag.Bool("update", false, "rewrite golden files and txtar want sections")

// Golden compares got with the file at path, or rewrites the file under
// -update. A difference is reported at its first differing line.
func Golden(t testing.TB, path string, got []byte) {
	t.Helper()
	if *Update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("output differs from %s; if the change is intended, run go test -update and read the diff\n%s", path, FirstDiff(string(want), string(got)))
	}
}

// FirstDiff describes the first line where got differs from want.
func FirstDiff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := 0; i < max(len(w), len(g)); i++ {
		var a, b string
		if i < len(w) {
			a = w[i]
		}
		if i < len(g) {
			b = g[i]
		}
		if a != b {
			return fmt.Sprintf("line %d:\n got: %s\nwant: %s", i+1, b, a)
		}
	}
	return "(they differ only in line endings)"
}

// Archive reads the txtar file at path.
func Archive(t testing.TB, path string) *txtar.Archive {
	t.Helper()
	ar, err := txtar.ParseFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return ar
}

// File returns the contents of the file called name in ar, or nil.
func File(ar *txtar.Archive, name string) []byte {
	for _, f := range ar.Files {
		if f.Name == name {
			return f.Data
		}
	}
	return nil
}

// FS returns the files of ar whose names start with prefix, without it, as
// a file system, leaving out those named in skip.
func FS(ar *txtar.Archive, prefix string, skip ...string) fstest.MapFS {
	fsys := fstest.MapFS{}
	for _, f := range ar.Files {
		if name, ok := strings.CutPrefix(f.Name, prefix); ok && !slices.Contains(skip, f.Name) {
			fsys[name] = &fstest.MapFile{Data: f.Data}
		}
	}
	return fsys
}

// SetFile sets the file called name in ar to data, adding it at the end if
// ar has none, and writes ar back to path if that changed it: for -update.
func SetFile(t testing.TB, path string, ar *txtar.Archive, name string, data []byte) {
	t.Helper()
	i := slices.IndexFunc(ar.Files, func(f txtar.File) bool { return f.Name == name })
	if i < 0 {
		ar.Files = append(ar.Files, txtar.File{Name: name})
		i = len(ar.Files) - 1
	}
	ar.Files[i].Data = data
	out := txtar.Format(ar)
	if old, _ := os.ReadFile(path); !bytes.Equal(old, out) {
		if err := os.WriteFile(path, out, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// Tool returns the path of an external program a test reads outputs back
// with. Without it the test is skipped, or fails when
// GOLDENTHREAD_REQUIRE_TOOLS=1 (as CI sets): an output must be checked by a
// reader other than the code that wrote it.
func Tool(t testing.TB, name string) string {
	t.Helper()
	path, err := exec.LookPath(name)
	if err == nil {
		return path
	}
	const how = "install poppler-utils and libreoffice-calc"
	if os.Getenv("GOLDENTHREAD_REQUIRE_TOOLS") == "1" {
		t.Fatalf("%s not found on PATH and GOLDENTHREAD_REQUIRE_TOOLS=1: %s", name, how)
	}
	t.Skipf("%s not found on PATH: %s to read outputs back", name, how)
	return ""
}

// PDFText returns the text poppler's pdftotext extracts from the PDF b,
// failing the test if poppler finds the file damaged.
func PDFText(t testing.TB, b []byte) string {
	t.Helper()
	return Poppler(t, b, "pdftotext", "-enc", "UTF-8")
}

// Poppler runs one of poppler's tools on the PDF b and returns its output.
func Poppler(t testing.TB, b []byte, tool string, args ...string) string {
	t.Helper()
	bin := Tool(t, tool)
	path := filepath.Join(t.TempDir(), "out.pdf")
	if err := os.WriteFile(path, b, 0o600); err != nil {
		t.Fatal(err)
	}
	args = append(args, path)
	if tool == "pdftotext" || tool == "pdftohtml" {
		args = append(args, "-")
	}
	var stdout, stderr bytes.Buffer
	cmd := exec.Command(bin, args...)
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("%s: %v\n%s", tool, err, stderr.String())
	}
	if s := stderr.String(); strings.Contains(s, "Syntax Error") || strings.Contains(s, "Syntax Warning") {
		t.Errorf("%s reports a damaged PDF:\n%s", tool, s)
	}
	return stdout.String()
}

// Words returns the built-in English document wording, loaded once.
var Words = sync.OnceValue(func() model.Words {
	t, list := assemble.LoadTemplates(templates.FS, "templates", assemble.DefaultLanguage)
	if err := list.Err(); err != nil {
		panic("the built-in templates do not load:\n" + err.Error())
	}
	return t.Words
})
