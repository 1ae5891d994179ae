// Package clauses embeds goldenthread's built-in clause library.
package clauses

import "embed"

// FS holds every TOML file of the built-in library.
//
//go:embed *.toml
var FS embed.FS
