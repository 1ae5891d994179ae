// Command release builds goldenthread's downloads for Windows, macOS and
// Linux into dist/: run it from the source folder as
//
//	go run ./cmd/release [-o DIR] [-version X.Y.Z] [OS/ARCH...]
//
// See internal/release.
package main

import (
	"os"

	"github.com/goldenthread/goldenthread/internal/cli"
	"github.com/goldenthread/goldenthread/internal/release"
)

func main() {
	os.Exit(release.Main(os.Args[1:], cli.Version, os.Stdout, os.Stderr))
}
