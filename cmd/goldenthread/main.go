// Command goldenthread weaves equality and fair-work requirements through
// every stage of a UK public procurement: see README.md.
package main

import (
	"os"

	"github.com/goldenthread/goldenthread/internal/cli"
)

func main() {
	os.Exit(cli.Main(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}
