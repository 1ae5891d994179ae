package model_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// TestRenderersReadOnlyThePack checks the arrows point one way: no package
// under internal/render depends, even indirectly, on the library, the
// profile or the TOML code, so a renderer can only read the Pack.
func TestRenderersReadOnlyThePack(t *testing.T) {
	// The renderers, not the helpers their tests share (doctest, docxtest,
	// htmltest, mdtest), which may build packs to test with.
	pkgs, err := exec.Command("go", "list", "../render/...").CombinedOutput()
	if err != nil {
		t.Fatalf("go list: %v\n%s", err, pkgs)
	}
	args := []string{"list", "-deps", "-f", "{{.ImportPath}}"}
	for _, p := range strings.Fields(string(pkgs)) {
		if !strings.HasSuffix(p, "test") {
			args = append(args, p)
		}
	}
	out, err := exec.Command("go", args...).CombinedOutput()
	if err != nil {
		t.Fatalf("go list: %v\n%s", err, out)
	}
	forbidden := []string{"internal/library", "internal/profile", "internal/tomldoc", "internal/assemble"}
	for _, dep := range strings.Fields(string(out)) {
		for _, f := range forbidden {
			if strings.HasSuffix(dep, "/"+f) {
				t.Errorf("a renderer depends on %s: renderers read only the Pack (internal/model)", dep)
			}
		}
	}
}

// wordingAllowed lists, in one place, what TestNoWordingInCode lets through
// although it reads like wording: files whose every literal is a message
// about bad input (score's problems name a sheet and cell and say what to
// put right; they are listed in the report as found), and single literals
// that are not document text.
var wordingAllowed = map[string]bool{
	"../score/compute.go":    true, // problem messages, and the nil declarations accepted as input
	"../score/layout.go":     true, // problem messages: a changed layout
	"../score/score.go":      true, // problem messages: not a grid
	"../monitor/problems.go": true, // problem messages: a monitoring workbook's entries and layout
	"../monitor/record.go":   true, // problem messages: a damaged record
	// The monitoring workbook's sheet names, which its readers find sheets by.
	"KPI events":       true,
	"Workers' reports": true,
	// Word's own style names, which Word and LibreOffice match by name, and
	// the XML of the parts godocx cannot write.
	"../render/docx/styles.go": true,
	"../render/docx/props.go":  true,
}

// callsAllowed are functions whose string arguments are terminal help and
// error messages, which stay in Go.
var callsAllowed = []string{
	"Errorf", "New", "usagef", "Fprintf", "Fprintln", "Fprint", "Printf", "Println", "Fatalf", "Skipf",
	"Warn", "Add", "Notef", "Demote", "Enum", // diag problems: messages about input
	"plural",                                                  // cli: counts in terminal lines ("3 panel members")
	"String", "StringVar", "Bool", "BoolVar", "Int", "IntVar", // flag usage
}

// fieldsAllowed are struct fields holding terminal help and messages.
var fieldsAllowed = []string{"help", "summary", "args", "missing", "Msg"}

var wordy = regexp.MustCompile(`\p{L}{2,}[ ,;:'’]+\p{L}{2,}`)

// TestNoWordingInCode checks that document wording lives in templates/: a
// string literal in the renderers, score or the CLI that reads like two or
// more words of prose must be a terminal message (help, an error, a
// problem), or be named in wordingAllowed.
func TestNoWordingInCode(t *testing.T) {
	dirs, err := filepath.Glob("../render/*")
	if err != nil {
		t.Fatal(err)
	}
	dirs = append(dirs, "../score", "../monitor", "../cli")
	fset := token.NewFileSet()
	for _, dir := range dirs {
		pkgs, err := parser.ParseDir(fset, dir, func(fi fs.FileInfo) bool { return !strings.HasSuffix(fi.Name(), "_test.go") }, 0)
		if err != nil {
			t.Fatal(err)
		}
		for _, pkg := range pkgs {
			for name, f := range pkg.Files {
				if !wordingAllowed[filepath.ToSlash(name)] {
					checkFile(t, fset, f)
				}
			}
		}
	}
}

func checkFile(t *testing.T, fset *token.FileSet, f *ast.File) {
	var stack []ast.Node
	ast.Inspect(f, func(n ast.Node) bool {
		if n == nil {
			stack = stack[:len(stack)-1]
			return false
		}
		stack = append(stack, n)
		lit, ok := n.(*ast.BasicLit)
		if !ok || lit.Kind != token.STRING {
			return true
		}
		s, err := strconv.Unquote(lit.Value)
		if err != nil || !wordy.MatchString(s) || wordingAllowed[s] || allowedContext(stack) {
			return true
		}
		t.Errorf("%s: %q reads as document wording: take it from templates/ by key (or, if it is a terminal message, pass it to one of %v; otherwise name it in wordingAllowed)", fset.Position(lit.Pos()), s, callsAllowed)
		return true
	})
}

// allowedContext reports whether the literal on top of stack is a terminal
// message: an argument of an allowed call, a help field, a struct tag, an
// import path or a constant's doc.
func allowedContext(stack []ast.Node) bool {
	for i := len(stack) - 2; i >= 0; i-- {
		switch n := stack[i].(type) {
		case *ast.CallExpr:
			name := ""
			switch fn := n.Fun.(type) {
			case *ast.Ident:
				name = fn.Name
			case *ast.SelectorExpr:
				name = fn.Sel.Name
			}
			if slices.Contains(callsAllowed, name) {
				return true
			}
		case *ast.KeyValueExpr:
			if k, ok := n.Key.(*ast.Ident); ok && slices.Contains(fieldsAllowed, k.Name) {
				return true
			}
		case *ast.Field, *ast.ImportSpec:
			return true
		}
	}
	return false
}
