// Package release builds goldenthread for the computers union reps use —
// Windows, macOS and Linux on Intel and ARM — as single-file programs, each
// packed with a START-HERE.txt (and on Windows and macOS a file to
// double-click) in an archive that is the same byte for byte whenever it is
// built again from the same source with the same Go.
package release

import (
	"bytes"
	"context"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"text/template"
	"time"

	"github.com/goldenthread/goldenthread/internal/diag"
)

// Target is an operating system and processor to build for, in Go's names.
type Target struct {
	OS, Arch string
}

func (t Target) String() string { return t.OS + "/" + t.Arch }

// Targets lists every target a release is built for, in the order they are
// built.
var Targets = []Target{
	{"windows", "amd64"}, {"windows", "arm64"},
	{"darwin", "amd64"}, {"darwin", "arm64"},
	{"linux", "amd64"}, {"linux", "arm64"},
}

// ParseTargets reads targets written as "os/arch", such as "linux/amd64". No
// names at all means every target. Each target is built once, in the order of
// Targets.
func ParseTargets(names []string) ([]Target, error) {
	if len(names) == 0 {
		return slices.Clone(Targets), nil
	}
	var known []string
	for _, t := range Targets {
		known = append(known, t.String())
	}
	want := map[Target]bool{}
	for _, n := range names {
		os, arch, _ := strings.Cut(n, "/")
		t := Target{os, arch}
		if !slices.Contains(Targets, t) {
			return nil, fmt.Errorf("unknown target %q%s; the targets are %s", n, diag.DidYouMean(n, known), strings.Join(known, ", "))
		}
		want[t] = true
	}
	var ts []Target
	for _, t := range Targets {
		if want[t] {
			ts = append(ts, t)
		}
	}
	return ts, nil
}

var versionRE = regexp.MustCompile(`^[0-9]+\.[0-9]+\.[0-9]+(-[0-9A-Za-z][0-9A-Za-z.-]*)?$`)

// CheckVersion reports whether v can name a release: MAJOR.MINOR.PATCH,
// optionally followed by a hyphen and a pre-release label ("1.2.0-rc.1"). The
// version goes into file names and the linker's command line, so nothing
// else is allowed.
func CheckVersion(v string) error {
	if versionRE.MatchString(v) {
		return nil
	}
	if w, ok := strings.CutPrefix(v, "v"); ok && versionRE.MatchString(w) {
		return fmt.Errorf("version %q: write it without the v, as %s", v, w)
	}
	return fmt.Errorf("version %q is not MAJOR.MINOR.PATCH (such as 1.2.3 or 1.2.3-rc.1)", v)
}

// Config says what to build and where.
type Config struct {
	Root    string    // the module's folder, holding go.mod and cmd/goldenthread
	Out     string    // the folder to write into; made if missing
	Version string    // checked with CheckVersion
	Targets []Target  // from ParseTargets
	Time    time.Time // every file's modification time in the archives
	// Progress, when set, is told of each step as it starts.
	Progress func(step string)
}

// Artifact is one archive written.
type Artifact struct {
	Target Target
	Name   string // file name in Out, such as goldenthread-1.2.3-linux-amd64.tar.gz
	SHA256 string // in hexadecimal
}

// SumsName is the checksum file Build writes beside the archives, in the
// format sha256sum -c reads.
const SumsName = "SHA256SUMS"

// modulePath is the module whose cmd/goldenthread is built.
const modulePath = "github.com/goldenthread/goldenthread"

// Folder names a target's folder in Out and in its archive.
func Folder(version string, t Target) string {
	return fmt.Sprintf("goldenthread-%s-%s-%s", version, t.OS, t.Arch)
}

// ArchiveName is the file name of a target's archive: .zip for Windows and
// macOS, whose file managers open it with a double-click, .tar.gz for Linux.
func ArchiveName(version string, t Target) string {
	if t.OS == "linux" {
		return Folder(version, t) + ".tar.gz"
	}
	return Folder(version, t) + ".zip"
}

// Build builds and packs every target of c into c.Out: for each target a
// folder goldenthread-VERSION-OS-ARCH holding the program and its files,
// and that folder packed as an archive; then SHA256SUMS for the archives of
// this build. Everything is made in a temporary folder in c.Out first and
// renamed into place only once every target has built, so a failure leaves
// no partial archive.
func Build(ctx context.Context, c Config) ([]Artifact, error) {
	if err := CheckVersion(c.Version); err != nil {
		return nil, err
	}
	if len(c.Targets) == 0 {
		return nil, errors.New("no targets to build")
	}
	if c.Time.Before(minTime) {
		return nil, fmt.Errorf("modification time %s is before 1980, which zip files cannot hold", c.Time.UTC().Format(time.RFC3339))
	}
	root, err := filepath.Abs(c.Root)
	if err != nil {
		return nil, err
	}
	out, err := filepath.Abs(c.Out)
	if err != nil {
		return nil, err
	}
	if err := os.MkdirAll(out, 0o755); err != nil {
		return nil, fmt.Errorf("cannot make the output folder: %w", err)
	}
	tmp, err := os.MkdirTemp(out, ".release-*")
	if err != nil {
		return nil, fmt.Errorf("cannot write in the output folder: %w", err)
	}
	defer os.RemoveAll(tmp) // what was not renamed into place

	progress := c.Progress
	if progress == nil {
		progress = func(string) {}
	}
	mtime := c.Time.UTC().Truncate(time.Second)
	var arts []Artifact
	for _, t := range c.Targets {
		folder := Folder(c.Version, t)
		progress("building " + t.String())
		files, err := kitFiles(c.Version, t)
		if err != nil {
			return nil, err
		}
		bin := "goldenthread"
		if t.OS == "windows" {
			bin += ".exe"
		}
		dir := filepath.Join(tmp, folder)
		if err := os.Mkdir(dir, 0o755); err != nil {
			return nil, err
		}
		if err := goBuild(ctx, root, filepath.Join(dir, bin), c.Version, t); err != nil {
			return nil, err
		}
		data, err := os.ReadFile(filepath.Join(dir, bin))
		if err != nil {
			return nil, err
		}
		files = append(files, file{name: bin, mode: 0o755, data: data})
		slices.SortFunc(files, func(a, b file) int { return strings.Compare(a.name, b.name) })
		for _, f := range files {
			if err := os.WriteFile(filepath.Join(dir, f.name), f.data, f.mode); err != nil {
				return nil, err
			}
			// WriteFile's mode is filtered by the umask; the folder must
			// match the archive.
			if err := os.Chmod(filepath.Join(dir, f.name), f.mode); err != nil {
				return nil, err
			}
		}

		var buf bytes.Buffer
		name := ArchiveName(c.Version, t)
		progress("packing " + name)
		if t.OS == "linux" {
			err = writeTarGz(&buf, folder, files, mtime)
		} else {
			err = writeZip(&buf, folder, files, mtime)
		}
		if err != nil {
			return nil, fmt.Errorf("packing %s: %w", name, err)
		}
		if err := os.WriteFile(filepath.Join(tmp, name), buf.Bytes(), 0o644); err != nil {
			return nil, err
		}
		sum := sha256.Sum256(buf.Bytes())
		arts = append(arts, Artifact{Target: t, Name: name, SHA256: hex.EncodeToString(sum[:])})
	}

	// Every target built: move them into place.
	for _, a := range arts {
		folder := Folder(c.Version, a.Target)
		if err := os.RemoveAll(filepath.Join(out, folder)); err != nil {
			return nil, fmt.Errorf("cannot replace %s: %w", folder, err)
		}
		if err := os.Rename(filepath.Join(tmp, folder), filepath.Join(out, folder)); err != nil {
			return nil, err
		}
		if err := os.Rename(filepath.Join(tmp, a.Name), filepath.Join(out, a.Name)); err != nil {
			return nil, err
		}
	}
	slices.SortFunc(arts, func(a, b Artifact) int { return strings.Compare(a.Name, b.Name) })
	var sums bytes.Buffer
	for _, a := range arts {
		fmt.Fprintf(&sums, "%s  %s\n", a.SHA256, a.Name)
	}
	if err := os.WriteFile(filepath.Join(tmp, SumsName), sums.Bytes(), 0o644); err != nil {
		return nil, err
	}
	if err := os.Rename(filepath.Join(tmp, SumsName), filepath.Join(out, SumsName)); err != nil {
		return nil, err
	}
	return arts, nil
}

// goBuild builds cmd/goldenthread for t into path: pure Go (so the program
// runs on any computer of its kind without other libraries), without file
// paths or version control details that would make two builds differ, and
// with Go's settings that change the code chosen explicitly rather than
// from the environment.
func goBuild(ctx context.Context, root, path, version string, t Target) error {
	cmd := exec.CommandContext(ctx, "go", "build",
		"-o", path,
		"-trimpath",
		"-buildvcs=false",
		"-ldflags", "-s -w -X "+modulePath+"/internal/cli.Version="+version,
		"./cmd/goldenthread")
	cmd.Dir = root
	cmd.Env = append(os.Environ(),
		"CGO_ENABLED=0", "GOOS="+t.OS, "GOARCH="+t.Arch,
		"GOAMD64=v1", "GOARM64=v8.0", "GOFLAGS=", "GOEXPERIMENT=")
	var stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stderr, &stderr
	if err := cmd.Run(); err != nil {
		msg := strings.TrimSpace(stderr.String())
		if msg == "" {
			msg = err.Error()
		}
		return fmt.Errorf("go build for %s failed:\n%s", t, msg)
	}
	return nil
}

// file is one file in a target's folder.
type file struct {
	name string
	mode os.FileMode
	data []byte
}

//go:embed kit
var kit embed.FS

// kitFiles returns the files packed beside the program for t: START-HERE.txt
// and, on Windows and macOS, a file that starts goldenthread when
// double-clicked. Windows gets CRLF line ends, which cmd.exe and older
// Notepads need; the others LF, which sh needs, whatever line ends the
// source was checked out with.
func kitFiles(version string, t Target) ([]file, error) {
	src, err := kitFile("START-HERE-" + t.OS + ".txt")
	if err != nil {
		return nil, err
	}
	tmpl, err := template.New("START-HERE.txt").Option("missingkey=error").Parse(string(src))
	if err != nil {
		return nil, err
	}
	var readme bytes.Buffer
	if err := tmpl.Execute(&readme, map[string]string{"Version": version, "Folder": Folder(version, t)}); err != nil {
		return nil, err
	}
	files := []file{{name: "START-HERE.txt", mode: 0o644, data: readme.Bytes()}}
	switch t.OS {
	case "windows":
		cmd, err := kitFile("start.cmd")
		if err != nil {
			return nil, err
		}
		files = append(files, file{name: "Start goldenthread.cmd", mode: 0o644, data: cmd})
		for i := range files {
			files[i].data = bytes.ReplaceAll(files[i].data, []byte("\n"), []byte("\r\n"))
		}
	case "darwin":
		sh, err := kitFile("start.command")
		if err != nil {
			return nil, err
		}
		files = append(files, file{name: "Start goldenthread.command", mode: 0o755, data: sh})
	}
	return files, nil
}

// kitFile reads a file of the kit with LF line ends.
func kitFile(name string) ([]byte, error) {
	b, err := kit.ReadFile("kit/" + name)
	return bytes.ReplaceAll(b, []byte("\r\n"), []byte("\n")), err
}

// minTime is the earliest time a zip file's MS-DOS date can hold.
var minTime = time.Date(1980, 1, 1, 0, 0, 0, 0, time.UTC)

// SourceTime returns the time to stamp on the archives' files:
// SOURCE_DATE_EPOCH when set, else the time of the commit checked out in
// root, so that building the same commit again gives the same archives.
func SourceTime(ctx context.Context, root string) (time.Time, error) {
	if s := os.Getenv("SOURCE_DATE_EPOCH"); s != "" {
		n, err := strconv.ParseInt(s, 10, 64)
		if err != nil || n < 0 || n > 253402300799 { // up to the end of year 9999
			return time.Time{}, fmt.Errorf("SOURCE_DATE_EPOCH=%q is not a number of seconds since 1 January 1970 (0 or more)", s)
		}
		return time.Unix(n, 0).UTC(), nil
	}
	cmd := exec.CommandContext(ctx, "git", "log", "-1", "--format=%ct", "HEAD")
	cmd.Dir = root
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	b, err := cmd.Output()
	if err != nil {
		return time.Time{}, fmt.Errorf("cannot read the commit time with git (%v%s); set SOURCE_DATE_EPOCH to the seconds since 1970 to stamp on the archives' files",
			err, strings.TrimRight(": "+strings.TrimSpace(stderr.String()), ": "))
	}
	n, err := strconv.ParseInt(strings.TrimSpace(string(b)), 10, 64)
	if err != nil {
		return time.Time{}, fmt.Errorf("git log gave %q for the commit time; set SOURCE_DATE_EPOCH instead", strings.TrimSpace(string(b)))
	}
	return time.Unix(n, 0).UTC(), nil
}

// ModuleRoot returns the folder of the go.mod that governs dir, which must
// be goldenthread's.
func ModuleRoot(ctx context.Context, dir string) (string, error) {
	cmd := exec.CommandContext(ctx, "go", "env", "GOMOD")
	cmd.Dir = dir
	b, err := cmd.Output()
	if err != nil {
		return "", fmt.Errorf("cannot run go env GOMOD: %w; is Go installed?", err)
	}
	gomod := strings.TrimSpace(string(b))
	if gomod == "" || gomod == os.DevNull {
		return "", errors.New("not inside goldenthread's source folder: run this from the folder that holds go.mod")
	}
	src, err := os.ReadFile(gomod)
	if err != nil {
		return "", err
	}
	if !slices.Contains(strings.Split(string(src), "\n"), "module "+modulePath) {
		return "", fmt.Errorf("%s is not goldenthread's (%s): run this from goldenthread's source folder", gomod, modulePath)
	}
	return filepath.Dir(gomod), nil
}
