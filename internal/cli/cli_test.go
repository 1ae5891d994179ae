package cli_test

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/goldenthread/goldenthread/internal/cli"
	"github.com/goldenthread/goldenthread/internal/grid/gridtest"
	"github.com/goldenthread/goldenthread/internal/render/xlsx"
)

// epoch is 2026-06-01T00:00:00Z, the tests' fixed "today".
const epoch = "1780272000"

// run runs goldenthread with args and returns its exit code and output.
func run(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	t.Setenv("SOURCE_DATE_EPOCH", epoch)
	var out, errb bytes.Buffer
	code = cli.Main(args, strings.NewReader(""), &out, &errb)
	return code, out.String(), errb.String()
}

func TestExitCodes(t *testing.T) {
	tests := []struct {
		args       []string
		code       int
		stdout     string // a regular expression the output must match
		stderr     string
		stdoutOnly bool // stderr must be empty
	}{
		{[]string{"--version"}, 0, `^goldenthread ` + regexp.QuoteMeta(cli.Version) + `\n$`, ``, true},
		{[]string{"--help"}, 0, `(?s)^goldenthread weaves.*Commands:.*Exit status: 0 ok, 1 invalid input or failed output, 2 usage error\.\n$`, ``, true},
		{[]string{"help"}, 0, `Commands:`, ``, true},
		{[]string{"help", "lint"}, 0, `^Usage: goldenthread lint`, ``, true},
		{[]string{}, 2, `^$`, `Commands:`, false},
		{[]string{"frobnicate"}, 2, `^$`, `^goldenthread: unknown command "frobnicate"\nRun 'goldenthread --help'`, false},
		{[]string{"lsit"}, 2, `^$`, `^goldenthread: unknown command "lsit" \(did you mean "list"\?\)`, false},
		{[]string{"--bogus", "list"}, 2, `^$`, `^goldenthread: unknown option --bogus\n`, false},
		{[]string{"--library"}, 2, `^$`, `^goldenthread: --library needs a folder\n$`, false},
		{[]string{"list", "--bogus"}, 2, `^$`, `^goldenthread list: unknown option --bogus\n\nUsage: goldenthread list`, false},
		{[]string{"list", "--theme"}, 2, `^$`, `^goldenthread list: option --theme needs a value\n`, false},
		{[]string{"list", "extra"}, 2, `^$`, `^goldenthread list: list takes no arguments, only options \(got "extra"\)\nRun 'goldenthread list --help' for usage\.\n$`, false},
		{[]string{"list", "--stage", "awrd"}, 2, `^$`, `unknown stage "awrd" \(did you mean "award"\?\)`, false},
		{[]string{"list", "--jurisdiction", "wale"}, 2, `^$`, `unknown jurisdiction "wale" \(did you mean "wales"\?\)`, false},
		{[]string{"show"}, 2, `^$`, `^goldenthread show: show needs exactly one clause id\n`, false},
		{[]string{"show", "a", "b"}, 2, `^$`, `show needs exactly one clause id`, false},
		{[]string{"init"}, 2, `^$`, `^goldenthread init: init needs one file name`, false},
		{[]string{"init", "--jurisdiction", "cymru", "x.toml"}, 2, `^$`, `unknown jurisdiction "cymru"`, false},
		{[]string{"--library", "/no/such/folder", "lint"}, 1, `^$`, `--library /no/such/folder: not a folder`, false},
		{[]string{"lint"}, 0, `^\d+ clauses in \d+ themes: 0 errors, 0 warnings\n$`, ``, true},
		{[]string{"lint", "/no/such/profile.toml"}, 1, `1 profile: 1 error, 0 warnings\n$`, `^/no/such/profile.toml: cannot read: no such file or directory\n$`, false},
		{[]string{"list"}, 0, `^ID +STAGES +TITLE\n`, `^\d+ of \d+ clauses\. Stages: `, false},
		{[]string{"pack", "../../examples/midshire-highways.toml", "../../examples/../examples/midshire-highways.toml"}, 2, `^$`, `midshire-highways.toml is given twice`, false},
		{[]string{"list", "--tag", "checklist-politcal-influence"}, 2, `^$`, `no clause has the tag "checklist-politcal-influence" \(did you mean "checklist-political-influence"\?\)`, false},
		{[]string{"show", "--width", "10", "living-wage.all-contract-workers"}, 2, `^$`, `--width 10 is too narrow`, false},
		{[]string{"show", ""}, 2, `^$`, `show needs exactly one clause id`, false},
		{[]string{"asks", "--help"}, 0, `(?m)^  -o file +write to this file \(\.pdf, \.docx, \.html or \.md\), or - for standard output$`, ``, true},
		{[]string{"asks", "../../examples/midshire-highways.toml", "-o", "asks.odt"}, 2, `^$`, `^goldenthread asks: -o asks.odt: asks writes only \.pdf, \.docx, \.html or \.md files; give a name ending in one of those, or - for standard output\n`, false},
		{[]string{"asks", "../../examples/midshire-highways.toml", "--format", "rtf"}, 2, `^$`, `^goldenthread asks: --format rtf: asks writes pdf, docx, html or md\n`, false},
		{[]string{"asks", "../../examples/midshire-highways.toml", "-o", "x.pdf", "--format", "md"}, 2, `^$`, `^goldenthread asks: -o x.pdf does not end in \.md, the format --format names: give a name ending \.md\n`, false},
		{[]string{"spec", "../../examples/midshire-highways.toml", "-o", "spec.pdf"}, 2, `^$`, `^goldenthread spec: -o spec.pdf: spec writes only \.docx, \.html or \.md files; give a name ending in one of those, or - for standard output\n`, false},
		{[]string{"spec"}, 2, `^$`, `spec needs one profile file`, false},
		{[]string{"grid", "../../examples/midshire-highways.toml", "-o", "grid.pdf"}, 2, `^$`, `writes only .xlsx files`, false},
		{[]string{"asks", "../../examples/midshire-highways.toml", "-o", "-"}, 0, `^%PDF-1\.`, `(?m)^wrote standard output \(\d+ asks\)$`, false},
		{[]string{"grid", "../../examples/midshire-highways.toml", "-o", "-"}, 0, `^PK\x03\x04`, `(?m)^wrote standard output \(\d+ questions, `, false},
	}
	for _, tc := range tests {
		t.Run(strings.Join(tc.args, " "), func(t *testing.T) {
			code, stdout, stderr := run(t, tc.args...)
			if _, err := os.Stat("-"); err == nil {
				os.Remove("-")
				t.Errorf("Main(%q) wrote a file named -", tc.args)
			}
			if code != tc.code {
				t.Errorf("Main(%q) = %d; want %d\nstdout:\n%s\nstderr:\n%s", tc.args, code, tc.code, stdout, stderr)
			}
			if !regexp.MustCompile(tc.stdout).MatchString(stdout) {
				t.Errorf("Main(%q) stdout:\n%s\nwant it to match %s", tc.args, stdout, tc.stdout)
			}
			if tc.stderr != "" && !regexp.MustCompile(tc.stderr).MatchString(stderr) {
				t.Errorf("Main(%q) stderr:\n%s\nwant it to match %s", tc.args, stderr, tc.stderr)
			}
			if tc.stdoutOnly && stderr != "" {
				t.Errorf("Main(%q) stderr:\n%s\nwant nothing", tc.args, stderr)
			}
		})
	}
}

// commandNames reads the command list from the main help.
func commandNames(t *testing.T) []string {
	_, stdout, _ := run(t, "--help")
	_, list, ok := strings.Cut(stdout, "Commands:\n")
	if !ok {
		t.Fatalf("no Commands: in the help:\n%s", stdout)
	}
	var names []string
	for _, line := range strings.Split(list, "\n") {
		if !strings.HasPrefix(line, "  ") {
			break
		}
		names = append(names, strings.Fields(line)[0])
	}
	return names
}

func TestCommandHelp(t *testing.T) {
	names := commandNames(t)
	for _, want := range []string{"list", "show", "lint", "init"} {
		if !strings.Contains(" "+strings.Join(names, " ")+" ", " "+want+" ") {
			t.Errorf("the help lists commands %q; want %s among them", names, want)
		}
	}
	for _, name := range names {
		for _, flag := range []string{"--help", "-h"} {
			t.Run(name+" "+flag, func(t *testing.T) {
				code, stdout, stderr := run(t, name, flag)
				if code != 0 || stderr != "" {
					t.Errorf("Main(%s %s) = %d, stderr %q; want 0 and nothing", name, flag, code, stderr)
				}
				if !strings.HasPrefix(stdout, "Usage: goldenthread "+name) {
					t.Errorf("Main(%s %s) stdout starts %q; want Usage: goldenthread %s", name, flag, firstLine(stdout), name)
				}
				if !strings.Contains(stdout, "Example") || !strings.Contains(stdout, "\nOptions:\n") || !strings.Contains(stdout, "--library") {
					t.Errorf("Main(%s %s) stdout:\n%s\nwant an example and the options, with --library", name, flag, stdout)
				}
			})
		}
	}
}

func firstLine(s string) string {
	line, _, _ := strings.Cut(s, "\n")
	return line
}

// writeFiles writes files (name → content) into a new folder and returns it.
func writeFiles(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, data := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func TestLintOverlay(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"bad.toml": `[theme]
id = "branch"
title = "Branch"
summary = "Our asks."
order = 99

[[clause]]
id = "branch.hours"
title = "Hours"
theme = "branch"
stages = ["specification", "contract-managment"]
lever = "specification"
status = "policy"
jurisdictions = ["england"]
ask = "Ask {employr}."
requirment = "Require."
rationale = "Because."
review_by = 2027-06-01
[[clause.source]]
title = "A source"
`,
		"notes.txt": "not TOML, not read, but noted",
	})
	want := []string{
		dir + `/bad.toml:7:1: [[clause]] (id "branch.hours") is missing "requirement"`,
		dir + `/bad.toml:11:28: unknown stage "contract-managment" (did you mean "contract-management"?); use one of: pre-procurement, specification, selection, award, contract-management`,
		dir + `/bad.toml:15:12: undeclared placeholder {employr} (did you mean {employer}?); declare it in placeholders.toml or fix the name`,
		dir + `/bad.toml:16:1: unknown key "requirment" in [[clause]] (id "branch.hours") (did you mean "requirement"?)`,
		dir + `/notes.txt: note: not a .toml file: skipped`,
		`4 errors`,
	}
	for _, args := range [][]string{{"--library", dir, "lint"}, {"lint", "--library", dir}, {"--library=" + dir, "lint"}} {
		code, stdout, stderr := run(t, args...)
		if code != 1 || stdout != "" {
			t.Errorf("Main(%q) = %d, stdout %q; want 1 and nothing", args, code, stdout)
		}
		if got := strings.Split(strings.TrimSuffix(stderr, "\n"), "\n"); strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Errorf("Main(%q) stderr:\n%s\nwant:\n%s", args, stderr, strings.Join(want, "\n"))
		}
	}
	// list and show cannot work with a broken library either.
	for _, args := range [][]string{{"--library", dir, "list"}, {"--library", dir, "show", "branch.hours"}} {
		if code, _, stderr := run(t, args...); code != 1 || !strings.Contains(stderr, "bad.toml:16:1: unknown key") {
			t.Errorf("Main(%q) = %d, stderr:\n%s\nwant 1 and the problems", args, code, stderr)
		}
	}
}

func TestLintOverlayNote(t *testing.T) {
	// An overlay clause that replaces a built-in one is a note; lint passes.
	_, stdout, _ := run(t, "list", "--json")
	var clauses []struct{ ID, Theme string }
	if err := json.Unmarshal([]byte(stdout), &clauses); err != nil || len(clauses) == 0 {
		t.Fatalf("list --json: %v", err)
	}
	c := clauses[0]
	dir := writeFiles(t, map[string]string{"mine.toml": `[[clause]]
id = "` + c.ID + `"
title = "Ours"
theme = "` + c.Theme + `"
stages = ["specification"]
lever = "specification"
status = "policy"
jurisdictions = ["england"]
ask = "Ask."
requirement = "Require."
rationale = "Because."
review_by = 2027-06-01
[[clause.source]]
title = "A source"
`})
	code, stdout, stderr := run(t, "--library", dir, "lint")
	if code != 0 || !strings.HasSuffix(stdout, ": 0 errors, 0 warnings\n") {
		t.Errorf("lint with a replacing overlay = %d, stdout %q; want 0 with no errors", code, stdout)
	}
	if want := dir + `/mine.toml:2:6: note: clause "` + c.ID + `" replaces the built-in clause at clauses/`; !strings.HasPrefix(stderr, want) {
		t.Errorf("lint stderr:\n%s\nwant it to start %s", stderr, want)
	}
}

func TestLintProfile(t *testing.T) {
	dir := writeFiles(t, map[string]string{"p.toml": `[document]
title = "T"
language = "cy"
[employer]
name = "E"
kind = "nhs"
nation = "wales"
[procurement]
title = "P"
category = "services"
regime = "procurement-act-2023"
stage = "award"
[prepared_by]
organisation = "B"
[select]
ids = ["no.such-clause"]
`})
	p := filepath.Join(dir, "p.toml")
	code, stdout, stderr := run(t, "lint", p)
	if code != 1 {
		t.Errorf("lint of a bad profile = %d; want 1", code)
	}
	if !strings.Contains(stderr, p+`:3:12: language "cy" is not available`) || !strings.Contains(stderr, p+`:16:8: unknown clause "no.such-clause"`) {
		t.Errorf("lint stderr:\n%s\nwant the language and clause errors with positions", stderr)
	}
	if !regexp.MustCompile(`, 1 profile: 2 errors, \d+ warnings?\n$`).MatchString(stdout) {
		t.Errorf("lint stdout = %q; want 2 errors counted", stdout)
	}
}

func TestListJSON(t *testing.T) {
	code, stdout, stderr := run(t, "list", "--json")
	if code != 0 || stderr != "" {
		t.Fatalf("list --json = %d, stderr %q", code, stderr)
	}
	var all []map[string]any
	if err := json.Unmarshal([]byte(stdout), &all); err != nil {
		t.Fatalf("list --json is not JSON: %v\n%s", err, stdout)
	}
	if len(all) == 0 {
		t.Fatal("list --json lists no clauses")
	}
	for _, c := range all {
		for _, key := range []string{"id", "title", "theme", "stages", "lever", "status", "jurisdictions", "kpis", "review_by", "origin"} {
			if _, ok := c[key]; !ok {
				t.Errorf("list --json: clause %v has no %q", c["id"], key)
			}
		}
	}

	// Filters combine, and the JSON agrees with them.
	theme := all[0]["theme"].(string)
	_, stdout, _ = run(t, "list", "--json", "--theme", theme, "--stage", "award", "--jurisdiction", "scotland")
	var some []struct {
		ID            string
		Theme         string
		Stages        []string
		Jurisdictions []string
	}
	if err := json.Unmarshal([]byte(stdout), &some); err != nil {
		t.Fatalf("list --json with filters is not JSON: %v", err)
	}
	for _, c := range some {
		if c.Theme != theme || !strings.Contains(strings.Join(c.Stages, " "), "award") || !strings.Contains(strings.Join(c.Jurisdictions, " "), "scotland") {
			t.Errorf("list --json --theme %s --stage award --jurisdiction scotland includes %+v", theme, c)
		}
	}
	// Access to Work is a Great Britain scheme: no such clause for Northern Ireland.
	_, stdout, _ = run(t, "list", "--json", "--tag", "access-to-work", "--jurisdiction", "northern-ireland")
	if strings.TrimSpace(stdout) != "[]" {
		t.Errorf("list --json for no clauses = %q; want []", stdout)
	}
}

func TestShow(t *testing.T) {
	_, stdout, _ := run(t, "list", "--json")
	var all []struct{ ID, Title string }
	if err := json.Unmarshal([]byte(stdout), &all); err != nil || len(all) == 0 {
		t.Fatalf("list --json: %v", err)
	}
	c := all[0]
	code, stdout, stderr := run(t, "show", c.ID)
	if code != 0 || stderr != "" || !strings.HasPrefix(stdout, c.Title+"\n") || !strings.Contains(stdout, "What we ask") || !strings.Contains(stdout, "Sources") {
		t.Errorf("show %s = %d, stderr %q, stdout:\n%s", c.ID, code, stderr, stdout)
	}
	for _, line := range strings.Split(stdout, "\n") {
		if n := len([]rune(line)); n > 80 && !strings.Contains(line, "://") {
			t.Errorf("show %s: line of %d characters is wider than 80: %q", c.ID, n, line)
		}
	}

	near := c.ID[:len(c.ID)-1]
	code, stdout, stderr = run(t, "show", near)
	if code != 1 || stdout != "" {
		t.Errorf("show %s = %d, stdout %q; want 1 and nothing", near, code, stdout)
	}
	if want := `goldenthread show: no clause "` + near + `" (did you mean "` + c.ID + `"?); 'goldenthread list' shows every id` + "\n"; stderr != want {
		t.Errorf("show %s stderr = %q; want %q", near, stderr, want)
	}
}

func TestInit(t *testing.T) {
	tests := []struct{ jurisdiction, kind, sector, category, name string }{
		{"england", "", "", "", "Example County Council"},
		{"wales", "nhs", "cleaning", "", "Example Health Board"},
		{"scotland", "university", "catering", "", "Example University"},
		{"northern-ireland", "nhs", "construction", "", "Example Health and Social Care Trust"},
		{"england", "housing-association", "social-care", "", "Example Housing Association"},
		{"wales", "devolved-government", "", "goods", "Welsh Government"},
		{"scotland", "college", "", "works", "Example College"},
	}
	for _, tc := range tests {
		t.Run(tc.jurisdiction+"-"+tc.kind+"-"+tc.sector, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "my-profile.toml")
			args := []string{"init", "--jurisdiction", tc.jurisdiction, path}
			for flag, v := range map[string]string{"--kind": tc.kind, "--sector": tc.sector, "--category": tc.category} {
				if v != "" {
					args = append(args, flag, v)
				}
			}
			code, stdout, stderr := run(t, args...)
			if code != 0 || stderr != "" {
				t.Fatalf("Main(%q) = %d, stderr:\n%s", args, code, stderr)
			}
			if !strings.HasPrefix(stdout, "wrote "+path+"\n") {
				t.Errorf("Main(%q) stdout = %q; want wrote %s", args, stdout, path)
			}
			written, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			if want := "\nname = \"" + tc.name + "\""; !bytes.Contains(written, []byte(want)) {
				t.Errorf("the starter profile lacks %q, an example name for the kind of employer", want[1:])
			}
			if tc.category != "" && !bytes.Contains(written, []byte("category = \""+tc.category+"\"")) {
				t.Errorf("the starter profile lacks category = %q", tc.category)
			}
			// The default priority asks are written out for the branch to see.
			if m := regexp.MustCompile(`\npriorities = \[\n((?:  "[a-z0-9.-]+",\n)+)\]\n`).FindSubmatch(written); m == nil {
				t.Errorf("the starter profile lacks a priorities list under [select]")
			} else if n := bytes.Count(m[1], []byte("\n")); n > 8 {
				t.Errorf("the starter profile lists %d priorities; want at most 8", n)
			}

			code, stdout, stderr = run(t, "lint", path)
			if code != 0 || !strings.HasSuffix(stdout, " 1 profile: 0 errors, 0 warnings\n") {
				t.Errorf("lint of the starter profile = %d, stdout %q, stderr:\n%s\nwant it to lint clean", code, stdout, stderr)
			}
			if strings.Contains(stderr, "error") || strings.Contains(stderr, "warning") {
				t.Errorf("lint of the starter profile stderr:\n%s\nwant notes at most", stderr)
			}

			// A second init must not touch the file.
			code, stdout, stderr = run(t, append(args[:len(args):len(args)], "--sector", "waste")...)
			if code != 1 || stdout != "" || !strings.Contains(stderr, path+" already exists: init never overwrites a file") {
				t.Errorf("init over an existing file = %d, stdout %q, stderr %q; want 1 and a refusal", code, stdout, stderr)
			}
			if again, _ := os.ReadFile(path); !bytes.Equal(again, written) {
				t.Errorf("init over an existing file changed it")
			}
			if leftovers, _ := filepath.Glob(filepath.Join(filepath.Dir(path), ".*.tmp")); len(leftovers) > 0 {
				t.Errorf("init left temporary files: %q", leftovers)
			}
		})
	}
}

// TestSourceDateEpoch checks the values SOURCE_DATE_EPOCH may take: a
// negative or unreadable one is a usage error, before anything is done.
func TestSourceDateEpoch(t *testing.T) {
	for _, tc := range []struct {
		epoch string
		code  int
	}{
		{"0", 0}, {epoch, 0}, {"-5", 2}, {"soon", 2}, {"99999999999999", 2},
	} {
		t.Setenv("SOURCE_DATE_EPOCH", tc.epoch)
		var out, errb bytes.Buffer
		code := cli.Main([]string{"lint"}, strings.NewReader(""), &out, &errb)
		if code != tc.code {
			t.Errorf("SOURCE_DATE_EPOCH=%s: exit %d; want %d\n%s", tc.epoch, code, tc.code, errb.String())
		}
		if tc.code != 0 && !strings.Contains(errb.String(), "SOURCE_DATE_EPOCH") {
			t.Errorf("SOURCE_DATE_EPOCH=%s: stderr %q; want it to name the variable", tc.epoch, errb.String())
		}
	}
}

// TestEmptyProfile checks that an empty profile points to init.
func TestEmptyProfile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "empty.toml")
	if err := os.WriteFile(path, []byte("# nothing yet\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, stderr := run(t, "lint", path)
	if code != 1 || !strings.Contains(stderr, path+":1:1: the profile is empty: 'goldenthread init "+path+"'") {
		t.Errorf("lint of an empty profile = %d, stderr:\n%s", code, stderr)
	}
}

// TestUnprintableWarning checks that characters the PDF fonts lack are
// warned about where the profile holds them.
func TestUnprintableWarning(t *testing.T) {
	src, err := os.ReadFile("../../examples/dyffryn-tywi-cleaning.toml")
	if err != nil {
		t.Fatal(err)
	}
	src = bytes.Replace(src, []byte(`name = "Bwrdd Iechyd`), []byte(`name = "😀 Bwrdd Iechyd`), 1)
	if !bytes.Contains(src, []byte("😀")) {
		t.Fatal("the example's employer name has changed: update this test")
	}
	path := filepath.Join(t.TempDir(), "emoji.toml")
	if err := os.WriteFile(path, src, 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, stderr := run(t, "lint", path)
	want := regexp.MustCompile(regexp.QuoteMeta(path) + `:\d+:\d+: warning: employer\.name: 😀 \(U\+1F600\) cannot be printed in the PDF`)
	if code != 0 || !want.MatchString(stderr) {
		t.Errorf("lint = %d, stderr:\n%s\nwant a warning matching %s", code, stderr, want)
	}
}

// TestScorePDFUnprintable checks that score warns when the PDF report
// cannot show a character of the grid, and that the Markdown report does
// not need the warning.
func TestScorePDFUnprintable(t *testing.T) {
	p := gridtest.Small()
	p.Scoring.Bidders[0] = "Acme 😀 Care"
	var buf bytes.Buffer
	if err := xlsx.Grid(&buf, p); err != nil {
		t.Fatal(err)
	}
	w, err := gridtest.Open(buf.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	// Small's moderated questions: scored 0–4, scored 0–10, pass or fail.
	cons := [3]any{3, 7, "Pass"}
	if err := w.Fill(func(e, q, b int) any { return cons[q] }, func(q, b int) any { return cons[q] }); err != nil {
		t.Fatal(err)
	}
	b, err := w.Bytes()
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	grid := filepath.Join(dir, "grid.xlsx")
	if err := os.WriteFile(grid, b, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		out  string
		warn bool
	}{{"r.pdf", true}, {"r.md", false}} {
		code, _, stderr := run(t, "score", grid, "-o", filepath.Join(dir, tc.out))
		if code != 0 {
			t.Fatalf("score -o %s = %d, stderr:\n%s", tc.out, code, stderr)
		}
		if got := strings.Contains(stderr, "warning: 😀 (U+1F600) cannot be printed in the PDF report"); got != tc.warn {
			t.Errorf("score -o %s stderr:\n%s\nwarning given %v; want %v", tc.out, stderr, got, tc.warn)
		}
	}
}
