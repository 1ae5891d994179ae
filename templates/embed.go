// Package templates embeds all document wording kept as data: scoring
// scales, the starter profile, and one folder per language (en/) holding the
// labels, regime terms and every heading, label, instruction and line of
// report prose the outputs print.
package templates

import "embed"

// FS holds the built-in templates.
//
//go:embed *.toml en/*.toml
var FS embed.FS
