// Package templates embeds document furniture kept as data: scoring scales,
// labels and introductory text.
package templates

import "embed"

// FS holds the built-in templates.
//
//go:embed *.toml
var FS embed.FS
