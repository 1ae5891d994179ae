package release

import (
	"archive/tar"
	"archive/zip"
	"bytes"
	"compress/gzip"
	"context"
	"crypto/sha256"
	"debug/elf"
	"debug/pe"
	"encoding/hex"
	"errors"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
)

func TestParseTargets(t *testing.T) {
	tests := []struct {
		args []string
		want []Target
		err  string
	}{
		{nil, Targets, ""},
		{[]string{"linux/amd64"}, []Target{{"linux", "amd64"}}, ""},
		{[]string{"linux/amd64", "windows/amd64"}, []Target{{"windows", "amd64"}, {"linux", "amd64"}}, ""},
		{[]string{"darwin/arm64", "darwin/arm64"}, []Target{{"darwin", "arm64"}}, ""},
		{[]string{"linux/amd46"}, nil, `unknown target "linux/amd46" (did you mean "linux/amd64"?)`},
		{[]string{"linux/386"}, nil, `unknown target "linux/386"`},
		{[]string{"linux"}, nil, `unknown target "linux"`},
		{[]string{"macos/arm64"}, nil, "the targets are windows/amd64, windows/arm64, darwin/amd64, darwin/arm64, linux/amd64, linux/arm64"},
		{[]string{"linux/amd64/v3"}, nil, "unknown target"},
		{[]string{"linux/amd64", ""}, nil, `unknown target ""`},
	}
	for _, tc := range tests {
		t.Run(strings.Join(tc.args, ","), func(t *testing.T) {
			got, err := ParseTargets(tc.args)
			if tc.err != "" {
				if err == nil || !strings.Contains(err.Error(), tc.err) {
					t.Fatalf("ParseTargets(%q) = %v, %v; want error containing %q", tc.args, got, err, tc.err)
				}
				return
			}
			if err != nil || !slices.Equal(got, tc.want) {
				t.Fatalf("ParseTargets(%q) = %v, %v; want %v", tc.args, got, err, tc.want)
			}
		})
	}
}

func TestCheckVersion(t *testing.T) {
	tests := []struct {
		v   string
		err string
	}{
		{"0.3.0", ""},
		{"1.2.3", ""},
		{"10.20.30", ""},
		{"1.2.3-rc.1", ""},
		{"1.2.3-beta-2", ""},
		{"v1.2.3", "write it without the v, as 1.2.3"},
		{"", "is not MAJOR.MINOR.PATCH"},
		{"1.2", "is not MAJOR.MINOR.PATCH"},
		{"1.2.3.4", "is not MAJOR.MINOR.PATCH"},
		{"1.2.3-", "is not MAJOR.MINOR.PATCH"},
		{"1.2.3+build.5", "is not MAJOR.MINOR.PATCH"},
		{"1.2.3 -X main.x=y", "is not MAJOR.MINOR.PATCH"},
		{"1.2.3/../../x", "is not MAJOR.MINOR.PATCH"},
		{"1.2.3\n", "is not MAJOR.MINOR.PATCH"},
	}
	for _, tc := range tests {
		t.Run(tc.v, func(t *testing.T) {
			err := CheckVersion(tc.v)
			if tc.err == "" && err != nil || tc.err != "" && (err == nil || !strings.Contains(err.Error(), tc.err)) {
				t.Errorf("CheckVersion(%q) = %v; want %q", tc.v, err, tc.err)
			}
		})
	}
}

// TestMainUsage checks that mistakes in the command line are reported, exit
// 2 and write nothing.
func TestMainUsage(t *testing.T) {
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"linux/amd46"}, `release: unknown target "linux/amd46" (did you mean "linux/amd64"?)`},
		{[]string{"-version", "v1.0.0"}, `release: version "v1.0.0": write it without the v, as 1.0.0`},
		{[]string{"-version", "1.0"}, `release: version "1.0" is not MAJOR.MINOR.PATCH`},
		{[]string{"linux/amd64", "-version", "1.0.0"}, "release: options go before the targets: -version"},
		{[]string{"-nope"}, "flag provided but not defined: -nope"},
	}
	for _, tc := range tests {
		t.Run(strings.Join(tc.args, " "), func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "dist")
			var stdout, stderr bytes.Buffer
			code := Main(append([]string{"-o", out}, tc.args...), "1.0.0", &stdout, &stderr)
			if code != 2 || !strings.Contains(stderr.String(), tc.want) {
				t.Errorf("Main(%q) = %d, stderr %q; want 2 and %q", tc.args, code, stderr.String(), tc.want)
			}
			if _, err := os.Stat(out); !errors.Is(err, fs.ErrNotExist) {
				t.Errorf("Main(%q) made %s (%v); want nothing written", tc.args, out, err)
			}
		})
	}
	var stdout, stderr bytes.Buffer
	if code := Main([]string{"-h"}, "1.0.0", &stdout, &stderr); code != 0 || !strings.Contains(stderr.String(), "Targets: windows/amd64") {
		t.Errorf("Main(-h) = %d, stderr %q; want 0 and the usage", code, stderr.String())
	}
}

func TestSourceTime(t *testing.T) {
	ctx := context.Background()
	root, err := ModuleRoot(ctx, ".")
	if err != nil {
		t.Fatal(err)
	}
	t.Setenv("SOURCE_DATE_EPOCH", "1700000000")
	if got, err := SourceTime(ctx, root); err != nil || !got.Equal(time.Unix(1700000000, 0)) {
		t.Errorf("SourceTime with SOURCE_DATE_EPOCH=1700000000 = %v, %v; want 2023-11-14 22:13:20 UTC", got, err)
	}
	t.Setenv("SOURCE_DATE_EPOCH", "yesterday")
	if _, err := SourceTime(ctx, root); err == nil || !strings.Contains(err.Error(), `SOURCE_DATE_EPOCH="yesterday" is not a number`) {
		t.Errorf("SourceTime with SOURCE_DATE_EPOCH=yesterday = %v; want an error naming it", err)
	}
	t.Setenv("SOURCE_DATE_EPOCH", "")
	b, err := exec.Command("git", "-C", root, "log", "-1", "--format=%ct").Output()
	if err != nil {
		t.Fatalf("git log: %v", err)
	}
	n, _ := strconv.ParseInt(strings.TrimSpace(string(b)), 10, 64)
	if got, err := SourceTime(ctx, root); err != nil || !got.Equal(time.Unix(n, 0)) {
		t.Errorf("SourceTime without SOURCE_DATE_EPOCH = %v, %v; want the commit's time %v", got, err, time.Unix(n, 0).UTC())
	}
	if _, err := SourceTime(ctx, t.TempDir()); err == nil || !strings.Contains(err.Error(), "set SOURCE_DATE_EPOCH") {
		t.Errorf("SourceTime outside a repository = %v; want an error saying to set SOURCE_DATE_EPOCH", err)
	}
}

// TestBuildFails checks that a failed build reports go build's message and
// leaves the output folder as it was.
func TestBuildFails(t *testing.T) {
	root := t.TempDir()
	if err := os.WriteFile(filepath.Join(root, "go.mod"), []byte("module example.com/broken\n\ngo 1.26\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	out := t.TempDir()
	old := filepath.Join(out, ArchiveName("9.9.9", Target{"windows", "amd64"}))
	if err := os.WriteFile(old, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := Build(context.Background(), Config{
		Root: root, Out: out, Version: "9.9.9", Targets: []Target{{"windows", "amd64"}, {"linux", "amd64"}}, Time: time.Unix(1700000000, 0),
	})
	if err == nil || !strings.Contains(err.Error(), "go build for windows/amd64 failed:") || !strings.Contains(err.Error(), "cmd/goldenthread") {
		t.Errorf("Build(broken module) = %v; want go build's message", err)
	}
	ents, _ := os.ReadDir(out)
	if len(ents) != 1 || ents[0].Name() != filepath.Base(old) {
		t.Errorf("Build(broken module) left %v in the output folder; want only the old archive", ents)
	}
	if b, _ := os.ReadFile(old); string(b) != "old" {
		t.Errorf("Build(broken module) changed %s", old)
	}
	if _, err := Build(context.Background(), Config{Root: root, Out: out, Version: "9.9.9", Targets: Targets[:1], Time: time.Unix(0, 0)}); err == nil || !strings.Contains(err.Error(), "before 1980") {
		t.Errorf("Build(time 1970) = %v; want an error about zip's dates", err)
	}
}

// TestRelease builds linux/amd64 and windows/amd64 twice and reads what it
// wrote back with the standard library's archive and executable readers.
func TestRelease(t *testing.T) {
	const version = "9.8.7-test.1"
	epoch := time.Unix(1700000000, 0).UTC()
	t.Setenv("SOURCE_DATE_EPOCH", strconv.FormatInt(epoch.Unix(), 10))
	root, err := ModuleRoot(context.Background(), ".")
	if err != nil {
		t.Fatal(err)
	}

	var outs [2]string
	for i := range outs {
		outs[i] = filepath.Join(t.TempDir(), "dist")
		start := time.Now()
		var stdout, stderr bytes.Buffer
		if code := Main([]string{"-o", outs[i], "-version", version, "windows/amd64", "linux/amd64"}, "0.0.0", &stdout, &stderr); code != 0 {
			t.Fatalf("Main run %d = %d; want 0; stderr:\n%s", i+1, code, stderr.String())
		}
		t.Logf("run %d took %v", i+1, time.Since(start).Round(time.Millisecond))
	}
	out := outs[0]

	linux, windows := Target{"linux", "amd64"}, Target{"windows", "amd64"}
	wantNames := []string{SumsName, Folder(version, linux), ArchiveName(version, linux), Folder(version, windows), ArchiveName(version, windows)}
	slices.Sort(wantNames)
	for _, dir := range outs {
		ents, err := os.ReadDir(dir)
		if err != nil {
			t.Fatal(err)
		}
		var names []string
		for _, e := range ents {
			names = append(names, e.Name())
		}
		if !slices.Equal(names, wantNames) {
			t.Errorf("%s holds %q; want %q", dir, names, wantNames)
		}
	}

	// Two runs give the same bytes.
	for _, name := range []string{SumsName, ArchiveName(version, linux), ArchiveName(version, windows)} {
		a, errA := os.ReadFile(filepath.Join(outs[0], name))
		b, errB := os.ReadFile(filepath.Join(outs[1], name))
		if errA != nil || errB != nil || !bytes.Equal(a, b) {
			t.Errorf("%s differs between two runs (%v, %v)", name, errA, errB)
		}
	}

	// SHA256SUMS lists each archive with its checksum.
	sums, err := os.ReadFile(filepath.Join(out, SumsName))
	if err != nil {
		t.Fatal(err)
	}
	var want strings.Builder
	for _, name := range []string{ArchiveName(version, linux), ArchiveName(version, windows)} {
		b, err := os.ReadFile(filepath.Join(out, name))
		if err != nil {
			t.Fatal(err)
		}
		sum := sha256.Sum256(b)
		want.WriteString(hex.EncodeToString(sum[:]) + "  " + name + "\n")
	}
	if string(sums) != want.String() {
		t.Errorf("%s =\n%s\nwant\n%s", SumsName, sums, want.String())
	}

	// The Linux archive.
	lf := readTarGz(t, filepath.Join(out, ArchiveName(version, linux)))
	folder := Folder(version, linux)
	checkEntries(t, lf, folder, epoch, map[string]fs.FileMode{
		"":               fs.ModeDir | 0o755,
		"START-HERE.txt": 0o644,
		"goldenthread":   0o755,
	})
	bin := lf[folder+"/goldenthread"].data
	checkELF(t, bin)
	checkBinary(t, bin, root, version)
	readme := string(lf[folder+"/START-HERE.txt"].data)
	for _, s := range []string{"Version " + version, "./goldenthread serve --open --workspace ~/Documents/goldenthread", "Ctrl+C", folder + ".tar.gz"} {
		if !strings.Contains(readme, s) {
			t.Errorf("linux START-HERE.txt does not say %q:\n%s", s, readme)
		}
	}
	if strings.Contains(readme, "\r") || strings.Contains(readme, "{{") {
		t.Errorf("linux START-HERE.txt has a CR or an unfilled template field:\n%s", readme)
	}
	// The folder beside the archive holds the same files.
	for name, e := range lf {
		if e.mode.IsDir() {
			continue
		}
		b, err := os.ReadFile(filepath.Join(out, filepath.FromSlash(name)))
		if err != nil || !bytes.Equal(b, e.data) {
			t.Errorf("%s beside the archive differs from the archive's (%v)", name, err)
		}
		if st, err := os.Stat(filepath.Join(out, filepath.FromSlash(name))); err == nil && runtime.GOOS != "windows" && st.Mode().Perm() != e.mode.Perm() {
			t.Errorf("%s beside the archive has mode %v; want %v", name, st.Mode().Perm(), e.mode.Perm())
		}
	}
	if runtime.GOOS == "linux" && runtime.GOARCH == "amd64" {
		path := filepath.Join(out, folder, "goldenthread")
		got, err := exec.Command(path, "--version").CombinedOutput()
		if err != nil || string(got) != "goldenthread "+version+"\n" {
			t.Errorf("%s --version = %q, %v; want %q", path, got, err, "goldenthread "+version+"\n")
		}
	} else {
		t.Logf("not running the linux/amd64 program on %s/%s", runtime.GOOS, runtime.GOARCH)
	}

	// The Windows archive.
	wf := readZip(t, filepath.Join(out, ArchiveName(version, windows)))
	folder = Folder(version, windows)
	checkEntries(t, wf, folder, epoch, map[string]fs.FileMode{
		"":                       fs.ModeDir | 0o755,
		"START-HERE.txt":         0o644,
		"Start goldenthread.cmd": 0o644,
		"goldenthread.exe":       0o755,
	})
	exe := wf[folder+"/goldenthread.exe"].data
	checkPE(t, exe)
	checkBinary(t, exe, root, version)
	cmd := string(wf[folder+"/Start goldenthread.cmd"].data)
	if !strings.HasPrefix(cmd, "@echo off\r\n") ||
		!strings.Contains(cmd, "\r\n\"%~dp0goldenthread.exe\" serve --open --workspace \"%USERPROFILE%\\Documents\\goldenthread\"\r\n") ||
		!strings.HasSuffix(cmd, "\r\npause\r\n") {
		t.Errorf("Start goldenthread.cmd =\n%s\nwant @echo off, the start line and pause, with CRLF line ends", cmd)
	}
	readme = string(wf[folder+"/START-HERE.txt"].data)
	for _, s := range []string{"Version " + version, `double-click "Start goldenthread.cmd"`, "Run anyway", `Documents\goldenthread`} {
		if !strings.Contains(readme, s) {
			t.Errorf("windows START-HERE.txt does not say %q:\n%s", s, readme)
		}
	}
	if strings.Count(readme, "\n") != strings.Count(readme, "\r\n") {
		t.Errorf("windows START-HERE.txt has line ends other than CRLF")
	}
}

// TestDarwinFiles checks the macOS files without building for macOS.
func TestDarwinFiles(t *testing.T) {
	files, err := kitFiles("1.2.3", Target{"darwin", "arm64"})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]file{}
	for _, f := range files {
		got[f.name] = f
	}
	sh, ok := got["Start goldenthread.command"]
	if !ok || sh.mode != 0o755 || !strings.HasPrefix(string(sh.data), "#!/bin/sh\n") ||
		!strings.Contains(string(sh.data), "\ncd \"$(dirname \"$0\")\" || exit 1\n") ||
		!strings.Contains(string(sh.data), `./goldenthread serve --open --workspace "$HOME/Documents/goldenthread"`) {
		t.Errorf("Start goldenthread.command = %+v; want an executable sh script that cds to its folder and starts serve", sh)
	}
	if _, err := exec.LookPath("sh"); err == nil {
		if out, err := exec.Command("sh", "-n", "-c", string(sh.data)).CombinedOutput(); err != nil {
			t.Errorf("sh -n Start goldenthread.command: %v\n%s", err, out)
		}
	}
	if bytes.Contains(sh.data, []byte("\r")) {
		t.Errorf("Start goldenthread.command has CR line ends, which sh reads as part of each line")
	}
	readme := string(got["START-HERE.txt"].data)
	for _, s := range []string{"Version 1.2.3", "Open Anyway", "Privacy & Security", "Control", `"goldenthread-1.2.3-darwin-arm64"`} {
		if !strings.Contains(readme, s) {
			t.Errorf("darwin START-HERE.txt does not say %q:\n%s", s, readme)
		}
	}
	if strings.Contains(readme, "\r") {
		t.Errorf("darwin START-HERE.txt has CR line ends")
	}
	if ArchiveName("1.2.3", Target{"darwin", "arm64"}) != "goldenthread-1.2.3-darwin-arm64.zip" {
		t.Errorf("ArchiveName(darwin/arm64) = %q; want a .zip", ArchiveName("1.2.3", Target{"darwin", "arm64"}))
	}
}

type entry struct {
	mode  fs.FileMode
	mtime time.Time
	data  []byte
}

func readTarGz(t *testing.T, path string) map[string]entry {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	gr, err := gzip.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	tr := tar.NewReader(gr)
	m := map[string]entry{}
	var order []string
	for {
		h, err := tr.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		b, err := io.ReadAll(tr)
		if err != nil {
			t.Fatal(err)
		}
		if h.Uid != 0 || h.Gid != 0 || h.Uname != "" || h.Gname != "" {
			t.Errorf("%s: %s has owner %d/%d %q/%q; want none", path, h.Name, h.Uid, h.Gid, h.Uname, h.Gname)
		}
		name := strings.TrimSuffix(h.Name, "/")
		order = append(order, name)
		m[name] = entry{h.FileInfo().Mode(), h.ModTime, b}
	}
	if !slices.IsSorted(order) {
		t.Errorf("%s: entries %q are not in name order", path, order)
	}
	return m
}

func readZip(t *testing.T, path string) map[string]entry {
	t.Helper()
	zr, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	m := map[string]entry{}
	var order []string
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatalf("%s: %s: %v", path, f.Name, err)
		}
		name := strings.TrimSuffix(f.Name, "/")
		order = append(order, name)
		m[name] = entry{f.Mode(), f.Modified, b}
	}
	if !slices.IsSorted(order) {
		t.Errorf("%s: entries %q are not in name order", path, order)
	}
	return m
}

// checkEntries checks that files holds exactly the folder and the named
// files in it, with the modes given and the modification time mtime.
func checkEntries(t *testing.T, files map[string]entry, folder string, mtime time.Time, want map[string]fs.FileMode) {
	t.Helper()
	if len(files) != len(want) {
		var names []string
		for n := range files {
			names = append(names, n)
		}
		slices.Sort(names)
		t.Errorf("archive holds %q; want the folder %s and %d files", names, folder, len(want)-1)
	}
	for name, mode := range want {
		full := folder
		if name != "" {
			full += "/" + name
		}
		e, ok := files[full]
		if !ok {
			t.Errorf("archive has no %s", full)
			continue
		}
		if e.mode != mode {
			t.Errorf("%s has mode %v; want %v", full, e.mode, mode)
		}
		if !e.mtime.Equal(mtime) {
			t.Errorf("%s is dated %v; want %v", full, e.mtime, mtime)
		}
	}
}

// checkELF checks that bin is an x86-64 program that needs no other
// library: no interpreter and no DT_NEEDED entries.
func checkELF(t *testing.T, bin []byte) {
	t.Helper()
	f, err := elf.NewFile(bytes.NewReader(bin))
	if err != nil {
		t.Fatalf("goldenthread is not ELF: %v", err)
	}
	if f.Machine != elf.EM_X86_64 || f.Class != elf.ELFCLASS64 || f.Type != elf.ET_EXEC {
		t.Errorf("goldenthread is %v %v %v; want EM_X86_64 ELFCLASS64 ET_EXEC", f.Machine, f.Class, f.Type)
	}
	for _, p := range f.Progs {
		if p.Type == elf.PT_INTERP || p.Type == elf.PT_DYNAMIC {
			t.Errorf("goldenthread has a %v program header; want a statically linked program", p.Type)
		}
	}
	if libs, err := f.ImportedLibraries(); err != nil || len(libs) != 0 {
		t.Errorf("goldenthread needs %q (%v); want no libraries", libs, err)
	}
}

// checkPE checks that exe is an x86-64 console program that uses nothing
// but kernel32.dll, which every Windows has: no C runtime.
func checkPE(t *testing.T, exe []byte) {
	t.Helper()
	f, err := pe.NewFile(bytes.NewReader(exe))
	if err != nil {
		t.Fatalf("goldenthread.exe is not PE: %v", err)
	}
	if f.Machine != pe.IMAGE_FILE_MACHINE_AMD64 {
		t.Errorf("goldenthread.exe is for machine %#x; want IMAGE_FILE_MACHINE_AMD64", f.Machine)
	}
	oh, ok := f.OptionalHeader.(*pe.OptionalHeader64)
	if !ok || oh.Subsystem != pe.IMAGE_SUBSYSTEM_WINDOWS_CUI {
		t.Errorf("goldenthread.exe's optional header is %T; want a 64-bit console program", f.OptionalHeader)
	}
	// debug/pe's ImportedLibraries is not implemented; the symbols name
	// their library as "Symbol:library.dll".
	syms, err := f.ImportedSymbols()
	if err != nil || len(syms) == 0 {
		t.Fatalf("goldenthread.exe imports %q (%v); want kernel32.dll's symbols", syms, err)
	}
	for _, s := range syms {
		if _, lib, _ := strings.Cut(s, ":"); !strings.EqualFold(lib, "kernel32.dll") {
			t.Errorf("goldenthread.exe imports %s; want only kernel32.dll", s)
		}
	}
}

// checkBinary checks that a program holds the version it was built as and
// none of the build machine's paths.
func checkBinary(t *testing.T, bin []byte, root, version string) {
	t.Helper()
	if !bytes.Contains(bin, []byte(version)) {
		t.Errorf("program does not hold the version %q", version)
	}
	if bytes.Contains(bin, []byte(root)) {
		t.Errorf("program holds the build folder %q; want it built with -trimpath", root)
	}
}
