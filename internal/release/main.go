package release

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime"
	"strings"
)

const usage = `Usage: go run ./cmd/release [-o DIR] [-version X.Y.Z] [OS/ARCH...]

Builds goldenthread for Windows, macOS and Linux (or the targets named, such
as linux/amd64) into DIR: for each, a folder goldenthread-VERSION-OS-ARCH with
the program, START-HERE.txt and a file to double-click, packed as a .zip
(Windows, macOS) or .tar.gz (Linux); then SHA256SUMS for the archives.
Files in the archives are dated SOURCE_DATE_EPOCH, or else the commit's time.

Targets: %s

Options:
`

// Main runs the release command with args (without the program name):
// version is the version to build when -version is not given. It returns
// the exit status: 0 when every target was built, 1 when the build failed,
// 2 for a mistake in the command line.
func Main(args []string, version string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("release", flag.ContinueOnError)
	fs.SetOutput(stderr)
	out := fs.String("o", "dist", "write into `DIR`")
	fs.StringVar(&version, "version", version, "the version to build and name the files after")
	fs.Usage = func() {
		var names []string
		for _, t := range Targets {
			names = append(names, t.String())
		}
		fmt.Fprintf(fs.Output(), usage, strings.Join(names, " "))
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	for _, a := range fs.Args() {
		if strings.HasPrefix(a, "-") {
			fmt.Fprintf(stderr, "release: options go before the targets: %s\n", a)
			return 2
		}
	}
	targets, err := ParseTargets(fs.Args())
	if err == nil {
		err = CheckVersion(version)
	}
	if err != nil {
		fmt.Fprintf(stderr, "release: %v\n", err)
		return 2
	}

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	root, err := ModuleRoot(ctx, ".")
	if err != nil {
		fmt.Fprintf(stderr, "release: %v\n", err)
		return 1
	}
	mtime, err := SourceTime(ctx, root)
	if err != nil {
		fmt.Fprintf(stderr, "release: %v\n", err)
		return 1
	}
	arts, err := Build(ctx, Config{
		Root: root, Out: *out, Version: version, Targets: targets, Time: mtime,
		Progress: func(step string) { fmt.Fprintf(stderr, "release: %s\n", step) },
	})
	if err != nil {
		fmt.Fprintf(stderr, "release: %v\nrelease: nothing was written to %s\n", err, *out)
		return 1
	}
	for _, a := range arts {
		fmt.Fprintf(stdout, "%s  %s\n", a.SHA256, a.Name)
	}
	fmt.Fprintf(stderr, "release: wrote %d archives and %s to %s (built with %s, files dated %s)\n",
		len(arts), SumsName, *out, runtime.Version(), mtime.Format("2006-01-02 15:04:05 UTC"))
	return 0
}
